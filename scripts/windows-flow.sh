#!/usr/bin/env bash
# The Windows build, run under Wine: a whole visit from the command line, every output
# compared with the Linux build's for the same commands (ids, times, dates and paths
# replaced), then a second process refused while the store is held, the holder killed at the
# Windows level (TerminateProcess) mid-write and every acknowledged change found again, the
# kill test's short form (short commands killed at random moments), and the TUI opened in a
# console on a tmux terminal, the minutes written, quit. Variables: ONSITE_KILL_ROUNDS (3),
# ONSITE_KILL_SHORT_RUNS (36).
#   scripts/windows-flow.sh [ONSITE_EXE] [LINUX_ONSITE]
# Defaults: the debug builds (target/x86_64-pc-windows-gnu/debug/onsite.exe, target/debug/
# onsite; CARGO_TARGET_DIR is honoured). Needs wine (Debian's, 8.0 tested) and mingw-w64's
# gcc: Wine 8 has no bcryptprimitives.dll, whose ProcessPrng every Rust program calls at
# start, so a stand-in (scripts/windows/bcryptprimitives.c) is built and put beside a copy
# of the exe, in a temporary folder, for these tests only.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target=${CARGO_TARGET_DIR:-target}
exe=$(realpath "${1:-$target/x86_64-pc-windows-gnu/debug/onsite.exe}")
linux=$(realpath "${2:-$target/debug/onsite}")

work=$(mktemp -d)
cleanup() {
  # Only our own Wine: its server, with every Windows process of this prefix.
  WINEPREFIX=$work/prefix wineserver -k 2>/dev/null || true
  [ -n "${tui_session:-}" ] && tmux kill-session -t "$tui_session" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/bin"
cp "$exe" "$work/bin/onsite.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bin/bcryptprimitives.dll" \
  scripts/windows/bcryptprimitives.c -ladvapi32

export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# One server for the whole run: by default it exits 3 s after its last process, and a
# program started just then fails ("wine client error: recvmsg: Connection reset by peer").
mkdir -p "$WINEPREFIX"
wineserver -p
wineboot -i >/dev/null 2>&1
# Wine's drive Z: is the Unix root (what `winepath -w` says, without starting Wine each time).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# One side's sandbox: a data folder, an empty settings file and rubrics folder, a folder for
# files written. `run SIDE ARGS...` runs onsite there, its stdout, stderr and exit code
# kept in $work/SIDE/N.{out,err,code} for the comparison; the stdout is also printed.
setup() {
  local side=$1
  mkdir -p "$work/$side/rubrics" "$work/$side/files"
  : >"$work/$side/config.yaml"
  echo 0 >"$work/$side/count"
}
setup linux
setup windows

# The same path as the program sees it: Windows' form for Wine.
path_of() {
  if [ "$1" = windows ]; then winpath "$2"; else printf '%s' "$2"; fi
}

run() {
  local side=$1
  shift
  local n
  n=$(($(cat "$work/$side/count") + 1))
  echo "$n" >"$work/$side/count"
  local base=$work/$side/$n code=0
  echo "onsite $*" >"$base.cmd"
  local program=("$linux")
  [ "$side" = windows ] && program=(wine "$work/bin/onsite.exe")
  (
    cd "$work/$side/files"
    ONSITE_DATA_DIR=$(path_of "$side" "$work/$side/${DATA:-data}") \
      ONSITE_CONFIG=$(path_of "$side" "$work/$side/config.yaml") \
      ONSITE_RUBRICS=$(path_of "$side" "$work/$side/rubrics") \
      ONSITE_INSPECTOR="Nguyễn Thị Lan" ONSITE_LANG=vi \
      "${program[@]}" "$@"
  ) >"$base.out" 2>"$base.err" || code=$?
  echo "$code" >"$base.code"
  cat "$base.out"
}

# The items of the rubric used, each with an answer of its kind: points items their
# maximum (the first with a decimal comma), check items đạt, levels items the first level,
# the first item that allows it N/A.
rubric=co-quan-dat-chuan-van-hoa
answers=$work/answers
awk '
  function flush() {
    if (id == "") return
    if (na && !na_done) { print id, "na"; na_done = 1 }
    else if (kind == "check") print id, "pass"
    else if (kind == "levels") print id, "1"
    else if (!comma_done && max + 0 > 1) { print id, (max - 0.5) ""; comma_done = 1 }
    else print id, max
  }
  /^      - id: / { flush(); id = $3; gsub(/"/, "", id); kind = "points"; max = ""; na = 0 }
  /^        kind: / { kind = $2 }
  /^        max: / { max = $2 }
  /^        na: true/ { na = 1 }
  END { flush() }
' "rubrics/$rubric.yaml" | sed 's/^\([^ ]*\) \([0-9]*\)\.5$/\1 \2,5/' >"$answers"
kinds=$(grep -c . "$answers")
echo "answering $kinds items of $rubric (points, check, levels, N/A)"

flow() {
  local side=$1 id file
  echo "== $side"
  run "$side" rubric list >/dev/null
  local shipped=()
  for file in rubrics/*.yaml rubrics/superseded/*.yaml; do
    shipped+=("$(path_of "$side" "$repo/$file")")
  done
  run "$side" rubric check "${shipped[@]}" >/dev/null
  id=$(run "$side" new --rubric "$rubric" --unit "Ủy ban nhân dân phường Đông Hà" \
    --kind "cơ quan" --address "Số 1 đường Lê Lợi, Quảng Trị" --date 2026-11-20 \
    --team "Lê Văn An:trưởng đoàn:Phó Chủ tịch:LĐLĐ tỉnh Quảng Trị" \
    --team "Trần Thị Bình:thư ký")
  [ -n "$id" ] || fail "$side: new printed no id"
  while read -r item value; do
    run "$side" score "$id" "$item" "$value" >/dev/null
  done <"$answers"
  run "$side" note "$id" 1.1 "Kế hoạch năm 2026 hoàn thành 12/12 chỉ tiêu; đã xem báo cáo tổng kết" >/dev/null
  run "$side" findings "$id" --strengths "Tiếp dân chu đáo, đúng giờ" \
    --conclusion "Đề nghị công nhận" >/dev/null
  run "$side" show "$id" --format yaml >/dev/null
  run "$side" finalize "$id" >/dev/null
  run "$side" show "$id" >/dev/null
  run "$side" export "$id" --out "$(path_of "$side" "$work/$side/files/export")" >/dev/null
  run "$side" export --format csv --out "$(path_of "$side" "$work/$side/files/csv")" >/dev/null
  local exported
  exported=$(ls "$work/$side/files/export/"*.yaml)
  DATA=data2 run "$side" import "$(path_of "$side" "$exported")" >/dev/null
  DATA=data2 run "$side" show "$id" --format yaml >/dev/null
  DATA=data2 run "$side" list >/dev/null
  for format in html docx md; do
    run "$side" report "$id" --format "$format" -o "report.$format" >/dev/null
  done
  echo "$id" >"$work/$side/id"
}
flow linux
flow windows

# What may differ: ids (ULIDs, any case), times, today's date, the sandbox's paths in either
# form, line ends, the sha256 digests of files that carry times.
normalize() {
  local side=$1
  local root winroot
  root=$work/$side
  winroot=$(winpath "$root" | sed 's/\\/\\\\/g')
  sed -E \
    -e "s#${winroot//#/\\#}#ROOT#g" -e "s#${root//#/\\#}#ROOT#g" \
    -e 's#ROOT[\\/][^ "]*#ROOT/&#g' \
    -e 's/[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}/ID/g' \
    -e 's/\b[0-9A-HJKMNP-TV-Z]{12}\b/ID/g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})/TIME/g' \
    -e "s/$(date +%Y-%m-%d)/TODAY/g" \
    -e 's/\r$//' |
    sed -E -e 's#ROOT/ROOT[\\/]#ROOT/#g' -e 's#\\#/#g'
}

compare() {
  local what=$1 a=$2 b=$3
  if ! diff <(normalize linux <"$a") <(normalize windows <"$b") >"$work/diff" 2>&1; then
    fail "$what differs between Linux and Windows:"
    head -40 "$work/diff"
  fi
}

count=$(cat "$work/linux/count")
[ "$count" = "$(cat "$work/windows/count")" ] || fail "not as many commands on each side"
for n in $(seq 1 "$count"); do
  cmd=$(cat "$work/linux/$n.cmd")
  for part in out err code; do
    compare "\`$cmd\` ($part)" "$work/linux/$n.$part" "$work/windows/$n.$part"
  done
done
for file in report.html report.md; do
  compare "$file" "$work/linux/files/$file" "$work/windows/files/$file"
done
for table in answers.csv visits.csv; do
  compare "the CSV export ($table)" "$work/linux/files/csv/$table" \
    "$work/windows/files/csv/$table"
done
docx_text() { unzip -p "$1" word/document.xml | sed 's/></>\n</g'; }
compare "report.docx (word/document.xml)" <(docx_text "$work/linux/files/report.docx") \
  <(docx_text "$work/windows/files/report.docx")
exported=$(ls "$work/windows/files/export/"*.yaml)
if grep -q $'\r' "$exported"; then fail "the exported YAML has CR line ends"; fi
echo "compared $count commands, the reports, the CSV and the export: $failures difference(s)"

# A second process while the store is held, then the holder killed by Windows
# (TerminateProcess, as Task Manager's End task) in the middle of its writes, at a different
# moment each round (ONSITE_KILL_ROUNDS, default 3): the store must reopen with every
# change the killed process acknowledged (`dev churn` prints an ack once a change is durable).
DATA=data3 run windows new --rubric van-hoa-cong-so --unit "Đội Quản lý thị trường số 1" \
  >"$work/churn-id"
churn_id=$(tr -d '\r\n' <"$work/churn-id")
data3=$(winpath "$work/windows/data3")
rounds=${ONSITE_KILL_ROUNDS:-3}
for round in $(seq 1 "$rounds"); do
  (
    cd "$work/windows/files"
    ONSITE_DATA_DIR=$data3 ONSITE_INSPECTOR=churn exec wine "$work/bin/onsite.exe" \
      dev churn "$churn_id" --count 100000
  ) >"$work/acks" 2>"$work/churn.err" &
  churn=$!
  for _ in $(seq 1 600); do
    grep -q '^ack' "$work/acks" 2>/dev/null && break
    sleep 0.1
  done
  grep -q '^ack' "$work/acks" || fail "the holding process acknowledged nothing: $(cat "$work/churn.err")"
  code=0
  held=$(ONSITE_DATA_DIR=$data3 wine "$work/bin/onsite.exe" list 2>&1) || code=$?
  [ "$round" = 1 ] && echo "while held: exit $code: $held"
  [ "$code" = 1 ] || fail "a second process while the store is held: exit $code, not 1"
  case $held in
    *"onsite đang mở trên"*"(pid "[0-9]*")"* | *"already open on"*"(pid "[0-9]*")"*) ;;
    *) fail "the refusal does not name the holder's pid: $held" ;;
  esac
  winpid=$(printf '%s' "$held" | sed -nE 's/.*\(pid ([0-9]+)\).*/\1/p' | head -1)
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  wine taskkill /F /PID "$winpid" >/dev/null 2>&1 || fail "taskkill /F /PID $winpid failed"
  wait "$churn" 2>/dev/null || true
  acked=$(grep -c '^ack' "$work/acks" || true)
  ONSITE_DATA_DIR=$data3 wine "$work/bin/onsite.exe" history "$churn_id" >"$work/history" 2>&1 ||
    fail "the store did not reopen after the kill: $(cat "$work/history")"
  # Every acknowledged change (seq item answer) is in the history, with that item.
  missing=0
  while read -r _ seq item _; do
    if ! grep -qE "^#$seq[[:space:]].* $item:" "$work/history"; then
      missing=$((missing + 1))
      [ "$missing" -le 3 ] && echo "not found: change $seq to $item"
    fi
  done < <(grep '^ack' "$work/acks" | tr -d '\r')
  echo "round $round: killed by TerminateProcess after $acked acknowledged changes; missing after reopening: $missing"
  [ "$missing" = 0 ] || fail "$missing acknowledged change(s) lost"
done

# The kill test's short form (as tests/it/store_recovery.rs on Linux): short commands, each
# killed (SIGKILL to the process Wine runs it in: no exit code, no cleanup) at a random
# moment of its start-up, write or exit, ONSITE_KILL_SHORT_RUNS times (default 36). After
# each, the next command must open the store, and every change a command acknowledged
# (exit 0 before the kill) must be in it: each score and note carries its run's number.
short_runs=${ONSITE_KILL_SHORT_RUNS:-36}
data4=$(winpath "$work/windows/data4")
short() {
  (
    cd "$work/windows/files"
    ONSITE_DATA_DIR=$data4 ONSITE_INSPECTOR=short exec wine "$work/bin/onsite.exe" "$@"
  )
}
short_id=$(short new --rubric van-hoa-cong-so --unit "Đội Quản lý thị trường số 2" | tr -d '\r\n')
# Twice as long as a reading command takes here (ms): kills fall anywhere in a command, and
# some commands finish first.
start=$(date +%s%N)
short list >/dev/null
span=$((($(date +%s%N) - start) / 1000000 * 2 + 1))
acknowledged=()
killed=0
for run in $(seq 1 "$short_runs"); do
  # Check items (đạt/không đạt) and van-hoa-cong-so's two points items (0-2).
  answers=(1.1:pass 1.2:fail 2.1:pass 3.5:1 3.8:2 3.8:0)
  pick=${answers[$((RANDOM % ${#answers[@]}))]}
  item=${pick%%:*}
  case $((RANDOM % 6)) in
    0 | 1) args=(score "$short_id" "$item" "${pick##*:}" --note "lần $run") ;;
    2) args=(note "$short_id" "$item" "lần $run") ;;
    3) args=(new --rubric van-hoa-cong-so --unit "Đơn vị lần $run") ;;
    4) args=(list) ;;
    5) args=(export --out "$(winpath "$work/windows/files/short-export")") ;;
  esac
  short "${args[@]}" >"$work/short.out" 2>&1 &
  pid=$!
  delay=$((RANDOM % span))
  sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  code=0
  wait "$pid" 2>/dev/null || code=$?
  case $code in
    137) killed=$((killed + 1)) ;;
    0) ;;
    *) fail "\`onsite ${args[*]}\` exited $code, neither done nor killed: $(cat "$work/short.out")" ;;
  esac
  if [ "$code" = 0 ] && [ "${args[0]}" = score ] || { [ "$code" = 0 ] && [ "${args[0]}" = note ]; }; then
    acknowledged+=("lần $run")
  fi
  # Wine's server notices the death within a moment: a few tries for the lock it held.
  opened=1
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    if short history "$short_id" >"$work/short-history" 2>&1; then
      opened=0
      break
    fi
    sleep 0.3
  done
  [ "$opened" = 0 ] || fail "after killing \`onsite ${args[*]}\` the store did not open: $(cat "$work/short-history")"
  for marker in "${acknowledged[@]}"; do
    grep -qF "$marker»" "$work/short-history" ||
      fail "after run $run: the acknowledged change \"$marker\" is missing"
  done
done
echo "short form: $short_runs runs (kills within ${span} ms of the start), $killed killed mid-way, ${#acknowledged[@]} acknowledged changes, all found after each kill"

# The TUI, in a console Wine makes on a Unix terminal (tmux): the visit list opens, holds the
# store (a second process is refused), and q quits with exit 0. Only the keys and the exit
# are checked, not the picture: Wine 8's terminal console places box-drawing characters
# wrongly, so the screen comes out shifted (a real Windows console draws it right).
if command -v tmux >/dev/null; then
  tui_session=onsite-wine-$$
  tmux new-session -d -s "$tui_session" -x 100 -y 30 \
    "cd '$work/windows/files' && ONSITE_DATA_DIR='$(winpath "$work/windows/data")' \
     ONSITE_CONFIG='$(winpath "$work/windows/config.yaml")' ONSITE_INSPECTOR='Nguyễn Thị Lan' \
     ONSITE_LANG=vi WINEPREFIX='$WINEPREFIX' WINEDEBUG=-all wine '$work/bin/onsite.exe'; \
     echo exit=\$? > '$work/tui.exit'; sleep 30"
  shown=""
  for _ in $(seq 1 300); do
    shown=$(tmux capture-pane -p -t "$tui_session" 2>/dev/null || true)
    case $shown in *"trợ giúp"*"thoát"*) break ;; esac
    sleep 0.1
  done
  case $shown in
    *"trợ giúp"*"thoát"*)
      code=0
      held=$(ONSITE_DATA_DIR=$(winpath "$work/windows/data") wine "$work/bin/onsite.exe" list 2>&1) ||
        code=$?
      [ "$code" = 1 ] || fail "TUI under Wine: a second process while it is open: exit $code ($held)"
      # Open the visit, its summary, write the minutes: into Documents\onsite by default.
      documents=$WINEPREFIX/drive_c/users/$(id -un)/Documents/onsite
      for key in Enter s r; do
        sleep 0.5
        tmux send-keys -t "$tui_session" "$key"
      done
      for _ in $(seq 1 100); do
        compgen -G "$documents/*.html" >/dev/null && break
        sleep 0.1
      done
      compgen -G "$documents/*.html" >/dev/null ||
        fail "TUI under Wine: r wrote no minutes into $documents"
      for _ in $(seq 1 100); do
        [ -s "$work/tui.exit" ] && break
        tmux send-keys -t "$tui_session" q
        sleep 0.5
      done
      if [ "$(cat "$work/tui.exit" 2>/dev/null)" = "exit=0" ]; then
        echo "TUI under Wine: the visit list opened, held the store (a second process refused), the minutes went to Documents\\onsite, q quit (exit 0)"
      else
        fail "TUI under Wine: q did not quit cleanly ($(cat "$work/tui.exit" 2>/dev/null))"
      fi
      ;;
    *)
      fail "TUI under Wine: the visit list never showed; the screen was:"
      printf '%s\n' "$shown" | head -30
      ;;
  esac
else
  echo "TUI under Wine skipped: no tmux"
fi

if [ "$failures" -gt 0 ]; then
  echo "windows flow: $failures failure(s)"
  exit 1
fi
echo "windows flow: all passed"
