#!/usr/bin/env bash
# The sample visit of scripts/sample-visit.sh, two corrective actions on it, and its phúc tra
# two weeks later (one action done by then, the name plate in place): writes the follow-up's
# minutes, with the comparison and the actions, as HTML, DOCX and a PDF.
#   scripts/sample-follow-up.sh OUT_DIR [ONSITE_BINARY]
# Used to make docs/follow-up-minutes.png.
set -euo pipefail
out=${1:?usage: scripts/sample-follow-up.sh OUT_DIR [ONSITE_BINARY]}
onsite=${2:-target/release/onsite}
mkdir -p "$out"
data=$(mktemp -d)
first=$(SAMPLE_DATA=$data scripts/sample-visit.sh "$out" "$onsite" | tail -1)
export ONSITE_DATA_DIR=$data ONSITE_CONFIG=$data/none.yaml ONSITE_RUBRICS=$data/none \
  ONSITE_INSPECTOR="Nguyễn Văn An" ONSITE_LANG=vi
plate=$("$onsite" action add "$first" --item 2.12 --text "Gắn biển tên phòng làm việc Đội 2" \
  --owner "Đội QLTT số 2" --due 15/12/2026)
"$onsite" action add "$first" --item 1.8 --text "Tổ chức lớp bồi dưỡng kỹ năng giao tiếp với người dân" \
  --owner "Phòng Tổ chức – Hành chính" --due 31/03/2027 >/dev/null
id=$("$onsite" new --follow-up "$first" --date 2026-12-03 \
  --team "Nguyễn Văn An:trưởng đoàn:Phó Chủ tịch:LĐLĐ tỉnh Hà Tĩnh" \
  --team "Trần Thị Bình:thư ký:Chuyên viên Ban Tuyên giáo:LĐLĐ tỉnh Hà Tĩnh")
# The same answers as last time, but the name plate (2.12) now in place.
"$onsite" show "$first" --format yaml >"$data/first.yaml"
python3 - "$data/first.yaml" >"$data/answers.txt" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for item, response in doc["responses"].items():
    if response.get("na"):
        print(item, "na")
    elif "answer" in response:
        print(item, response["answer"])
    elif "score" in response:
        print(item, response["score"])
PY
while IFS=' ' read -r item answer; do
  [ "$item" = 2.12 ] && answer=pass
  "$onsite" score "$id" "$item" "$answer" >/dev/null
done <"$data/answers.txt"
"$onsite" note "$id" 2.12 "Đã gắn biển tên phòng làm việc của Đội 2" >/dev/null
"$onsite" action done "$plate" --note "Đã kiểm tra tại chỗ ngày 03/12/2026" >/dev/null
"$onsite" findings "$id" \
  --strengths "Đơn vị đã khắc phục ngay tồn tại về biển tên phòng làm việc." \
  --shortcomings "Lớp bồi dưỡng kỹ năng giao tiếp chưa tổ chức (thời hạn 31/03/2027)." \
  --recommendations "Tổ chức lớp bồi dưỡng đúng thời hạn; báo cáo kết quả về Đoàn kiểm tra." \
  --conclusion "Kết quả phúc tra: đơn vị đã khắc phục tồn tại; giữ nguyên đề nghị công nhận." >/dev/null
"$onsite" minutes "$id" --governing-body "Liên đoàn Lao động tỉnh Hà Tĩnh" --body "Đoàn kiểm tra" \
  --number "15/BB-ĐKT" --locality "Hà Tĩnh" \
  --basis "Kế hoạch số 45/KH-LĐLĐ ngày 02/11/2026 của Liên đoàn Lao động tỉnh Hà Tĩnh" \
  --place "Trụ sở Cục, số 2 Nguyễn Du, TP Hà Tĩnh" --start 08:30 --end 09:45 \
  --representative "Lê Văn Cường — Cục trưởng" --copies 2 >/dev/null
"$onsite" finalize "$id" >/dev/null
"$onsite" report "$id" -o "$out/follow-up.html"
"$onsite" report "$id" --format docx -o "$out/follow-up.docx" >/dev/null
rm -rf "$data"
echo "$id"
