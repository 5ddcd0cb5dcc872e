#!/usr/bin/env bash
# Builds a sample campaign: eight units of Hà Tĩnh province scored against the shipped
# agency rubric (each strong except where the inspectors found a shortcoming: a suggestion
# box never opened, a hotline not posted, no initiative, rules not reviewed, ...), seven
# finalized and one still a draft, then writes the province's summary as a page and a
# workbook.
#   scripts/sample-stats.sh OUT_DIR [ONSITE_BINARY]   # writes OUT_DIR/stats.html, stats.xlsx
# Used by .ci/run (to render the page in Chromium and read the workbook) and to make
# docs/stats.png.
set -euo pipefail
out=${1:?usage: scripts/sample-stats.sh OUT_DIR [ONSITE_BINARY]}
onsite=${2:-target/release/onsite}
mkdir -p "$out"
# SAMPLE_DATA keeps the data folder (to open the campaign in the TUI).
if [ -n "${SAMPLE_DATA:-}" ]; then
  data=$SAMPLE_DATA
else
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
fi
export ONSITE_DATA_DIR=$data ONSITE_CONFIG=$data/none.yaml ONSITE_RUBRICS=$data/none \
  ONSITE_INSPECTOR="Nguyễn Văn An" ONSITE_LANG=vi
rubric=co-quan-dat-chuan-van-hoa
# "id kind max": kind is points, check or levels (max: the points, or the number of levels).
items=$("$onsite" rubric show "$rubric" | awk '
  $1 ~ /^[0-9]+\.[0-9]+$/ {
    spec = $0; sub(/.*\[/, "", spec)
    if (spec ~ /^đạt\/không đạt/) print $1, "check", 1
    else if (spec ~ / \/ /) print $1, "levels", split(spec, parts, " / ")
    else { split(spec, words, " "); print $1, "points", words[1] }
  }')

# visit UNIT KIND DATE STATUS WEAK...: every item full marks but the weak ones (a failed
# check, the lowest level, 0 points), or half marks for a weak item written ITEM/2.
visit() {
  local unit=$1 kind=$2 date=$3 status=$4
  shift 4
  local id
  id=$("$onsite" new --rubric "$rubric" --unit "$unit" --kind "$kind" --date "$date" \
    --team "Nguyễn Văn An:trưởng đoàn" --team "Trần Thị Bình:thư ký")
  while read -r item type max; do
    local value weak=""
    for w in "$@"; do
      [ "$w" = "$item" ] && weak=zero
      [ "$w" = "$item/2" ] && weak=half
    done
    case $type:$weak in
      check:) value=pass ;;
      check:*) value=fail ;;
      levels:) value=1 ;;
      levels:*) value=$max ;;
      points:) value=$max ;;
      points:half) value=$(awk -v m="$max" 'BEGIN { print int(m) / 2 }') ;;
      points:zero) value=0 ;;
    esac
    "$onsite" score "$id" "$item" "$value" >/dev/null
  done <<<"$items"
  [ "$status" = finalized ] && "$onsite" finalize "$id" >/dev/null
  return 0
}

visit "Cục Quản lý thị trường tỉnh Hà Tĩnh" "cơ quan" 2026-11-20 finalized 2.12 1.11/2
visit "Đội Quản lý thị trường số 1" "đơn vị" 2026-11-21 finalized 1.9 1.11 2.6
visit "Đội Quản lý thị trường số 2" "đơn vị" 2026-11-22 finalized 1.10 1.5/2 2.6 2.1 1.1/2 1.8/2 1.3
visit "Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh" "cơ quan" 2026-11-24 finalized 1.11/2
visit "Bảo hiểm xã hội tỉnh Hà Tĩnh" "cơ quan" 2026-11-25 finalized 1.9 1.12 1.8/2
visit "Trường THPT Phan Đình Phùng" "đơn vị" 2026-11-26 finalized 1.11 2.6 1.1/2 1.2/2 2.2/2
visit "Bệnh viện Đa khoa tỉnh Hà Tĩnh" "đơn vị" 2026-11-27 finalized 1.8/2 1.10 2.1 1.3 1.1
visit "Trung tâm Phục vụ hành chính công tỉnh" "đơn vị" 2026-11-28 draft 1.9 2.12

"$onsite" stats --rubric "$rubric" --format html -o "$out/stats.html" >/dev/null
"$onsite" stats --rubric "$rubric" --format xlsx -o "$out/stats.xlsx" >/dev/null
"$onsite" stats --rubric "$rubric" --format yaml -o "$out/stats.yaml" >/dev/null
echo "$out/stats.html"
