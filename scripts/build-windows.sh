#!/usr/bin/env bash
# Builds onsite for 64-bit Windows and packs dist/onsite-windows-x86_64.zip: onsite.exe, the
# shipped rubrics (built into the exe as well; here to read and to start your own from) and
# a short Vietnamese guide, DOC-TRUOC.txt.
#   scripts/build-windows.sh
# Needs the Rust target and a MinGW linker: `rustup target add x86_64-pc-windows-gnu` and
# Debian's gcc-mingw-w64-x86-64. CARGO_TARGET_DIR is honoured. Prints the zip's path.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add x86_64-pc-windows-gnu >/dev/null 2>&1 || true
cargo build --release --locked --target x86_64-pc-windows-gnu --bin onsite >&2
exe=${CARGO_TARGET_DIR:-target}/x86_64-pc-windows-gnu/release/onsite.exe
version=$(sed -nE 's/^version = "(.*)"/\1/p' Cargo.toml | head -1)

mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
folder=$stage/onsite
mkdir -p "$folder/rubrics"
cp "$exe" "$folder/onsite.exe"
cp rubrics/*.yaml rubrics/README.md "$folder/rubrics/"

# Notepad reads UTF-8 with a byte-order mark and CRLF line ends everywhere.
{
  printf '\xef\xbb\xbf'
  sed 's/$/\r/' <<EOF
onsite $version — chấm điểm kiểm tra tại đơn vị (bản cho Windows 10 và 11, 64-bit)

CÁCH MỞ
1. Giải nén cả thư mục này vào một nơi cố định, ví dụ "Tài liệu\\onsite".
2. Nhấp đúp vào onsite.exe. Một cửa sổ dòng lệnh (Windows Terminal hoặc Console) mở ra
   với màn hình chấm điểm; lần đầu, onsite hỏi tên người chấm.
   Nếu Windows báo "Windows đã bảo vệ máy tính của bạn" (SmartScreen): bấm
   "Thông tin thêm" rồi "Vẫn chạy".
3. Thoát: phím q ở danh sách (hoặc Ctrl-C). Mọi câu trả lời được lưu ngay khi nhập,
   đóng cửa sổ cũng không mất.
   Muốn có biểu tượng ngoài màn hình nền: nhấp chuột phải vào onsite.exe,
   "Gửi tới" > "Màn hình nền (tạo lối tắt)".

PHÍM CHÍNH
  Enter mở · n tạo mới · 0–9 chấm · e ghi chú · s tổng hợp · r ghi biên bản · ? trợ giúp

DỮ LIỆU NẰM Ở ĐÂU
  Dữ liệu:   %LOCALAPPDATA%\\onsite\\onsite\\data  (chỉ tài khoản Windows của bạn đọc được)
  Cài đặt:   %APPDATA%\\onsite\\onsite\\config\\config.yaml
  Biên bản ghi từ màn hình chấm điểm (phím r): thư mục "Tài liệu\\onsite"
    (Documents\\onsite); đổi bằng dòng  reports_dir: "D:\\\\Bien ban"  trong config.yaml.
  Lệnh "onsite paths" (mở PowerShell trong thư mục này, gõ  .\\onsite.exe paths)
  in ra mọi đường dẫn.

DÒNG LỆNH
  Trong PowerShell:  .\\onsite.exe --help   ·   .\\onsite.exe rubric list
  Tài liệu đầy đủ: README.md và thư mục docs/ của dự án (mọi lệnh: docs/commands.md).

Thư mục rubrics\\ chứa các bộ tiêu chí đi kèm (đã có sẵn trong onsite.exe), để đọc và
làm mẫu cho bộ tiêu chí riêng của đơn vị.
EOF
} >"$folder/DOC-TRUOC.txt"

zip=$PWD/dist/onsite-windows-x86_64.zip
rm -f "$zip"
python3 - "$stage" "$zip" <<'PY'
import os, sys, zipfile
stage, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in sorted(os.walk(stage)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, stage))
PY
echo "$zip"
