#!/usr/bin/env bash
# Builds a sample visit (the Hà Tĩnh market-management department, scored against the
# shipped agency rubric) in a fresh data folder and writes its minutes.
#   scripts/sample-visit.sh OUT_DIR [ONSITE_BINARY]
# Used by .ci/run (to render the report in Chromium) and to make docs/report.png.
set -euo pipefail
out=${1:?usage: scripts/sample-visit.sh OUT_DIR [ONSITE_BINARY]}
onsite=${2:-target/release/onsite}
mkdir -p "$out"
# SAMPLE_DATA keeps the data folder (scripts/sample-follow-up.sh goes on from it).
data=${SAMPLE_DATA:-$(mktemp -d)}
export ONSITE_DATA_DIR=$data ONSITE_CONFIG=$data/none.yaml ONSITE_RUBRICS=$data/none \
  ONSITE_INSPECTOR="Nguyễn Văn An" ONSITE_LANG=vi
id=$("$onsite" new --rubric co-quan-dat-chuan-van-hoa --unit "Cục Quản lý thị trường tỉnh Hà Tĩnh" \
  --kind "cơ quan" --address "Số 2 Nguyễn Du, TP Hà Tĩnh" --date 2026-11-20 \
  --team "Nguyễn Văn An:trưởng đoàn:Phó Chủ tịch:LĐLĐ tỉnh Hà Tĩnh" \
  --team "Trần Thị Bình:thư ký:Chuyên viên Ban Tuyên giáo:LĐLĐ tỉnh Hà Tĩnh" \
  --team "Lê Minh Châu:thành viên:Phó Trưởng phòng Nếp sống văn hóa:Sở VH-TT-DL")
score() { "$onsite" score "$id" "$@" >/dev/null; }
# Standard 1: tasks, training, rules, ISO, online case files, suggestion box, hotline,
# initiatives, registration for the title.
score 1.1 7.5 --note "Kế hoạch công tác năm đạt và vượt; báo cáo tổng kết có số liệu từng đội"
score 1.2 3; score 1.3 1; score 1.4 2
score 1.5 2 --note "Quy chế làm việc, nội quy được rà soát, bổ sung trong năm"
score 1.6 pass --note "Quy trình ISO được rà soát, cập nhật trong năm"
score 1.7 2 --note "100% hồ sơ xử lý vi phạm hành chính xử lý qua hệ thống INS"
score 1.8 2.5; score 1.9 pass --note "Hòm thư góp ý đặt tại các Đội; có sổ mở hòm thư hằng tháng"
score 1.10 pass --note "Đường dây nóng niêm yết tại cổng; sổ theo dõi đầy đủ"
score 1.11 2 --note "Hai sáng kiến cải tiến quản lý được công nhận cấp cơ sở"
score 1.12 pass --note "Đăng ký xây dựng danh hiệu từ tháng 01/2024"
for item in $("$onsite" rubric show co-quan-dat-chuan-van-hoa | awk '$1 ~ /^[23]\.[0-9]+$/ {print $1}'); do
  case $item in
    2.1|2.6|3.2) score "$item" 1 ;;
    2.12) score "$item" 0 --note "Một phòng làm việc của Đội 2 chưa có biển tên" ;;
    *) "$onsite" score "$id" "$item" pass >/dev/null 2>&1 || score "$item" 2 ;;
  esac
done
"$onsite" findings "$id" \
  --strengths "Lề lối làm việc công khai, minh bạch; quy chế, nội quy, quy trình ISO được rà soát kịp thời; 100% hồ sơ xử lý trên môi trường điện tử." \
  --shortcomings "Nhận thức về văn hóa công vụ của một bộ phận công chức chưa đồng đều; một phòng làm việc chưa có biển tên." \
  --recommendations "Bổ sung biển tên phòng làm việc trong tháng 12/2026; tiếp tục bồi dưỡng kỹ năng giao tiếp với người dân." \
  --conclusion "Cục Quản lý thị trường tỉnh Hà Tĩnh đủ điều kiện đề nghị công nhận Cơ quan đạt chuẩn văn hóa." >/dev/null
"$onsite" minutes "$id" --governing-body "Liên đoàn Lao động tỉnh Hà Tĩnh" --body "Đoàn kiểm tra" \
  --number "12/BB-ĐKT" --locality "Hà Tĩnh" \
  --basis "Kế hoạch số 45/KH-LĐLĐ ngày 02/11/2026 của Liên đoàn Lao động tỉnh Hà Tĩnh" \
  --recognition "lần đầu" --registered 2024 --period "2024–2025" \
  --place "Trụ sở Cục, số 2 Nguyễn Du, TP Hà Tĩnh" --start 08:30 --end 11:15 \
  --representative "Lê Văn Cường — Cục trưởng" --representative "Hoàng Thị Dung — Chủ tịch Công đoàn" \
  --unit-comments "Đơn vị thống nhất với nội dung biên bản; sẽ bổ sung biển tên phòng làm việc trong tháng 12/2026." \
  --recipient "Ban Thường vụ LĐLĐ tỉnh;" --recipient "Cục QLTT tỉnh Hà Tĩnh;" --copies 2 >/dev/null
"$onsite" finalize "$id" >/dev/null
"$onsite" report "$id" -o "$out/sample-report.html"
"$onsite" report "$id" --format docx -o "$out/sample-report.docx" >/dev/null
[ -n "${SAMPLE_DATA:-}" ] || rm -rf "$data"
echo "$id"
