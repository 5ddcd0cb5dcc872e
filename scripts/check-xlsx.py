#!/usr/bin/env python3
"""Opens `onsite export --format xlsx` in a real spreadsheet program and checks what it reads.

    scripts/check-xlsx.py [ONSITE_BINARY]     # default target/debug/onsite

Builds the sample visit (scripts/sample-visit.sh: Cục Quản lý thị trường tỉnh Hà Tĩnh,
finalized) and a second, unfinished one in a fresh data folder, exports them as a workbook
(Vietnamese, the default) and as CSV, has LibreOffice Calc (headless) convert the workbook's
first sheet to CSV, and compares: the Vietnamese header row, one row per visit, the unit's
name with its diacritics, the date shown as a date (dd/mm/yyyy), the score, total and
unanswered count shown as numbers, and band, verdict, findings and id as onsite's own
`visits.csv` gives them; saved again without the cells' formats, the date is written in
Calc's own date pattern and the score as a plain number (text would stay as it was). Standard library only, plus soffice (Debian's
libreoffice-calc-nogui). Exit 1 with every difference listed.
"""
import csv
import os
import subprocess
import sys
import tempfile

HEADER = [
    "Ngày kiểm tra", "Đơn vị được kiểm tra", "Loại hình", "Bộ tiêu chí", "Trạng thái",
    "Tổng điểm", "Thang điểm", "Xếp loại", "Kết quả", "Tiêu chí bắt buộc không đạt",
    "Số tiêu chí chưa chấm", "Ưu điểm", "Tồn tại, hạn chế", "Kiến nghị", "Kết luận",
    "Mã lần kiểm tra",
]
# Workbook column → visits.csv column, for the cells both files hold in the same words.
SAME = {1: "unit", 2: "kind", 3: "rubric", 7: "band", 8: "verdict", 9: "failed_critical",
        10: "unanswered", 11: "strengths", 12: "shortcomings", 13: "recommendations",
        14: "conclusion", 15: "visit"}


def run(*args, env=None):
    return subprocess.run(args, check=True, capture_output=True, text=True, env=env,
                          timeout=300).stdout


def main():
    onsite = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/debug/onsite")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "data")
        env = dict(os.environ, ONSITE_DATA_DIR=data, ONSITE_CONFIG=os.path.join(work, "none.yaml"),
                   ONSITE_RUBRICS=os.path.join(work, "none"), ONSITE_INSPECTOR="Nguyễn Văn An",
                   SAMPLE_DATA=data)
        env.pop("ONSITE_LANG", None)
        run(os.path.join(root, "scripts", "sample-visit.sh"), os.path.join(work, "sample"),
            onsite, env=env)
        second = run(onsite, "new", "--rubric", "van-hoa-cong-so", "--unit",
                     "Ủy ban nhân dân phường Đống Đa", "--date", "2026-12-01", env=env).strip()
        run(onsite, "score", second, "1.1", "fail", "--note", "Thiếu thẻ công chức", env=env)
        out = os.path.join(work, "out")
        run(onsite, "export", "--format", "xlsx", "--out", out, env=env)
        run(onsite, "export", "--format", "csv", "--out", out, env=env)
        # 44 = `,`, 34 = `"`, 76 = UTF-8; cells as shown (dates and numbers formatted), then
        # as stored (a date is a day number, a number has no format): text would stay text.
        calc, raw = (convert(work, out, name, options) for name, options in
                     [("shown", "44,34,76,1"), ("raw", "44,34,76,1,,0,false,true,false")])
        with open(os.path.join(out, "visits.csv"), encoding="utf-8-sig") as f:
            ours = {row["visit"]: row for row in csv.DictReader(f)}
    problems = check(calc, ours) + check_stored(raw, ours)
    for problem in problems:
        print(f"check-xlsx: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-xlsx: LibreOffice read {len(calc) - 1} visits as onsite wrote them")
    return 0


def convert(work, out, name, options):
    """The workbook's first sheet as LibreOffice Calc saves it to CSV with `options`."""
    run("soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile",
        "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir",
        os.path.join(work, name), os.path.join(out, "onsite-visits.xlsx"))
    with open(os.path.join(work, name, "onsite-visits.csv"), encoding="utf-8") as f:
        return list(csv.reader(f))


def check_stored(raw, ours):
    """Dates stored as dates, scores as plain numbers."""
    problems = []
    for row in raw[1:]:
        expected = ours.get(row[15] if len(row) > 15 else "")
        if expected is None:
            continue
        # Without the cell's format Calc writes a date in its own locale's (en-US) pattern:
        # a different text than the dd/mm/yyyy shown, so the cell holds a date, not text.
        year, month, day = expected["date"].split("-")
        if row[0] != f"{month}/{day}/{year}":
            problems.append(f"{expected['visit']}: the date is stored as {row[0]!r}, not the "
                            f"date {month}/{day}/{year} (text, not an Excel date?)")
        try:
            stored = float(row[5])
        except ValueError:
            stored = None
        if stored != float(expected["score"]):
            problems.append(f"{expected['visit']}: the score is stored as {row[5]!r}, not the "
                            f"number {expected['score']}")
    return problems


def check(calc, ours):
    problems = []
    if not calc or calc[0] != HEADER:
        problems.append(f"header row {calc[:1]!r}, expected {HEADER!r}")
        return problems
    rows = calc[1:]
    if len(rows) != len(ours):
        problems.append(f"{len(rows)} rows, expected {len(ours)}")
    if not any(row[1] == "Cục Quản lý thị trường tỉnh Hà Tĩnh" for row in rows):
        problems.append("no row for «Cục Quản lý thị trường tỉnh Hà Tĩnh» (diacritics lost?)")
    for row in rows:
        expected = ours.get(row[15] if len(row) > 15 else "")
        if expected is None:
            problems.append(f"a row onsite did not write: {row!r}")
            continue
        year, month, day = expected["date"].split("-")
        shown = {0: f"{day}/{month}/{year}", 5: f"{float(expected['score']):.1f}",
                 6: expected["nominal_total"]}
        shown.update({col: expected[key] for col, key in SAME.items()})
        for col, want in sorted(shown.items()):
            if row[col] != want:
                problems.append(f"{expected['visit']}, {HEADER[col]}: LibreOffice shows "
                                f"{row[col]!r}, expected {want!r}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
