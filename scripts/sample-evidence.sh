#!/usr/bin/env bash
# The sample visit of scripts/sample-visit.sh with evidence attached: two photos drawn here
# (the notice board in the lobby, the hotline sign at the gate; PNGs written by Python's
# standard library, as CI has no ImageMagick) and a PDF. Writes the minutes with evidence as
# HTML, DOCX and Markdown, and exports the visit beside them, so the Markdown's links to
# `<stem>.files/` resolve.
#   scripts/sample-evidence.sh OUT_DIR [ONSITE_BINARY]
# Used by .ci/run (the page rendered in Chromium) and to make docs/minutes-evidence.png.
set -euo pipefail
out=${1:?usage: scripts/sample-evidence.sh OUT_DIR [ONSITE_BINARY]}
onsite=${2:-target/release/onsite}
mkdir -p "$out"
data=$(mktemp -d)
id=$(SAMPLE_DATA=$data scripts/sample-visit.sh "$out" "$onsite" | tail -1)
export ONSITE_DATA_DIR=$data ONSITE_CONFIG=$data/none.yaml ONSITE_RUBRICS=$data/none \
  ONSITE_INSPECTOR="Trần Thị Bình" ONSITE_LANG=vi
files=$data/files
mkdir -p "$files"
python3 - "$files" <<'PY'
import struct, sys, zlib

def png(path, width, height, draw):
    """Writes an RGB PNG; draw(rows) paints rows, a list of bytearrays of width*3 bytes."""
    rows = [bytearray(width * 3) for _ in range(height)]
    draw(rows)
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))

def rect(rows, x0, y0, x1, y1, colour):
    for y in range(max(y0, 0), min(y1, len(rows))):
        rows[y][x0 * 3:x1 * 3] = bytes(colour) * (x1 - x0)

def disc(rows, cx, cy, r, colour):
    for y in range(cy - r, cy + r + 1):
        half = int((r * r - (y - cy) ** 2) ** 0.5)
        rect(rows, cx - half, y, cx + half + 1, y + 1, colour)

def textured(rows, colour, spread, seed):
    """A surface with grain: each row a shifted run of pseudo-random shades."""
    width = len(rows[0]) // 3
    state, grain = seed, bytearray()
    for _ in range(width + 64):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        shade = (state >> 16) % (2 * spread + 1) - spread
        grain += bytes(max(0, min(255, c + shade)) for c in colour)
    for y, row in enumerate(rows):
        start = (y * 37 % 64) * 3
        row[:] = grain[start:start + width * 3]

def text_lines(rows, x0, y0, x1, y1, colour, step=26, seed=1):
    """Lines of "writing": bars of varying length, as text seen from a few steps away."""
    y, n = y0, seed
    while y + 10 < y1:
        n = (n * 7 + 3) % 11
        rect(rows, x0, y, x1 - n * (x1 - x0) // 30, y + 10, colour)
        y += step

def board(rows):
    textured(rows, (185, 138, 94), 18, 7)             # cork
    rect(rows, 0, 0, 1200, 40, (92, 58, 30))          # wooden frame
    rect(rows, 0, 860, 1200, 900, (92, 58, 30))
    rect(rows, 0, 0, 40, 900, (92, 58, 30))
    rect(rows, 1160, 0, 1200, 900, (92, 58, 30))
    rect(rows, 60, 60, 1140, 150, (190, 30, 30))      # red banner: BẢNG TIN
    text_lines(rows, 360, 90, 840, 130, (255, 255, 255), step=30)
    for x0, y0, x1, y1, paper, ink in [
        (80, 190, 420, 640, (250, 250, 245), (40, 40, 40)),    # the rules, printed
        (460, 190, 760, 480, (255, 236, 120), (60, 60, 60)),   # a yellow notice
        (800, 190, 1120, 560, (170, 205, 245), (20, 40, 90)),  # a blue plan
        (460, 520, 760, 820, (250, 200, 215), (90, 30, 50)),   # a pink announcement
        (800, 600, 1120, 830, (250, 250, 245), (40, 40, 40)),
    ]:
        rect(rows, x0 + 8, y0 + 8, x1 + 8, y1 + 8, (120, 85, 55))  # shadow
        rect(rows, x0, y0, x1, y1, paper)
        text_lines(rows, x0 + 25, y0 + 40, x1 - 25, y1 - 20, ink, seed=x0)
        disc(rows, (x0 + x1) // 2, y0 + 14, 9, (200, 20, 20))     # pin

def hotline(rows):
    textured(rows, (200, 200, 196), 10, 3)            # the wall
    rect(rows, 100, 80, 800, 520, (255, 255, 255))
    rect(rows, 115, 95, 785, 505, (25, 80, 160))      # blue sign
    text_lines(rows, 160, 130, 740, 250, (255, 255, 255), step=34, seed=4)
    rect(rows, 160, 290, 740, 400, (255, 210, 0))     # the number, on yellow
    text_lines(rows, 200, 320, 700, 380, (200, 20, 20), step=30, seed=9)
    text_lines(rows, 160, 430, 740, 490, (255, 255, 255), step=30, seed=2)

def pdf(path, lines):
    text = "BT /F1 16 Tf 72 770 Td 20 TL " + " ".join(f"({l}) '" for l in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
             f"startxref\n{xref}\n%%EOF\n").encode()
    open(path, "wb").write(body)

out = sys.argv[1]
png(f"{out}/bang-tin-sanh.png", 1200, 900, board)
png(f"{out}/duong-day-nong.png", 900, 600, hotline)
pdf(f"{out}/quy-che-van-hoa-cong-so.pdf",
    ["QUY CHE VAN HOA CONG SO", "Cuc Quan ly thi truong tinh Ha Tinh", "(ban chup)"])
PY
"$onsite" attach "$id" 2.19 "$files/bang-tin-sanh.png" --caption "Bảng tin nội bộ tại sảnh" >/dev/null
"$onsite" attach "$id" 2.19 "$files/quy-che-van-hoa-cong-so.pdf" \
  --caption "Quy chế văn hóa công sở, bản ban hành năm 2025" >/dev/null
"$onsite" attach "$id" 1.10 "$files/duong-day-nong.png" \
  --caption "Biển niêm yết đường dây nóng tại cổng" >/dev/null
"$onsite" report "$id" -o "$out/evidence-report.html" >/dev/null
"$onsite" report "$id" --format docx -o "$out/evidence-report.docx" >/dev/null
"$onsite" report "$id" --format md -o "$out/evidence-report.md" >/dev/null
"$onsite" export "$id" --out "$out" >/dev/null
rm -rf "$data"
echo "$id"
