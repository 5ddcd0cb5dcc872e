#!/usr/bin/env python3
"""Opens `onsite stats --format xlsx` in a real spreadsheet program and checks what it reads.

    scripts/check-stats-xlsx.py DIR     # DIR/stats.xlsx and DIR/stats.yaml of one rubric

scripts/sample-stats.sh writes both files from the same visits. LibreOffice Calc (headless)
converts every sheet to CSV; the summary sheet must show the Vietnamese headers and the
counts and scores `onsite-stats/1` gives, and the units sheet one row per unit with its date
(dd/mm/yyyy), name (diacritics intact), score, visit id and failed mandatory
criteria. Standard library only (the YAML is read line by line: onsite writes it in one known
shape), plus soffice. Exit 1 with every difference listed.
"""
import csv
import glob
import os
import subprocess
import sys
import tempfile

SUMMARY = ["Bộ tiêu chí", "Phiên bản", "Thời gian", "Số lần kiểm tra", "Đạt", "Không đạt",
           "Chưa chấm xong", "Trung bình", "Trung vị", "Thấp nhất", "Cao nhất", "Thang điểm"]
UNITS = ["Bộ tiêu chí", "Ngày", "Đơn vị", "Loại đơn vị", "Điểm", "Kết quả",
         "Tiêu chí liệt không đạt", "Trạng thái", "Mã lần kiểm tra"]


def scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def read_yaml(path):
    """The few fields compared: visits and score counts, and each unit's row."""
    figures, units, block, unit, key = {}, [], None, None, None
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line.startswith((" ", "-")):
                block = line.split(":")[0]
                continue
            if block in ("visits", "score") and line.startswith("  "):
                name, value = line.strip().split(":", 1)
                figures[f"{block}.{name}"] = scalar(value)
            elif block == "units":
                if line.startswith("- "):
                    unit = {}
                    units.append(unit)
                    line = "  " + line[2:]
                if line.startswith("  - "):
                    unit[key].append(scalar(line[4:]))
                    continue
                name, value = line.strip().split(":", 1)
                key = name
                unit[name] = [] if value.strip() in ("", "[]") else scalar(value)
    return figures, units


def sheets(xlsx, work):
    """Every sheet of the workbook as LibreOffice Calc saves it to CSV, by sheet name."""
    out = os.path.join(work, "csv")
    # 44 = `,`, 34 = `"`, 76 = UTF-8, cells as shown; -1 = every sheet, one file each.
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation=file://{work}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    "--outdir", out, xlsx], check=True, capture_output=True, timeout=300)
    stem = os.path.splitext(os.path.basename(xlsx))[0]
    found = {}
    for path in glob.glob(os.path.join(out, f"{stem}-*.csv")):
        with open(path, encoding="utf-8") as f:
            found[os.path.basename(path)[len(stem) + 1:-4]] = list(csv.reader(f))
    return found


def check(found, figures, units):
    problems = []
    summary, rows = found.get("Tổng hợp"), found.get("Các đơn vị")
    if summary is None or rows is None:
        return [f"sheets {sorted(found)}: «Tổng hợp» and «Các đơn vị» expected"]
    if summary[0] != SUMMARY:
        problems.append(f"summary header {summary[0]!r}, expected {SUMMARY!r}")
    if len(summary) != 2:
        problems.append(f"{len(summary) - 1} summary rows, expected 1")
    else:
        row = summary[1]
        for col, name in [(3, "visits.total"), (4, "visits.pass"), (5, "visits.fail"),
                          (6, "visits.incomplete"), (7, "score.mean"), (8, "score.median"),
                          (9, "score.min"), (10, "score.max")]:
            if float(row[col]) != float(figures[name]):
                problems.append(f"summary {SUMMARY[col]}: {row[col]!r}, the YAML says "
                                f"{figures[name]}")
    if rows[0] != UNITS:
        problems.append(f"units header {rows[0]!r}, expected {UNITS!r}")
    if len(rows) - 1 != len(units):
        problems.append(f"{len(rows) - 1} unit rows, the YAML has {len(units)}")
    for row, unit in zip(rows[1:], units):
        year, month, day = unit["date"].split("-")
        expected = {1: f"{day}/{month}/{year}", 2: unit["unit"], 8: unit["visit"],
                    6: ", ".join(unit["failed_mandatory"])}
        for col, value in expected.items():
            if row[col] != value:
                problems.append(f"{unit['visit']}: {UNITS[col]} shows {row[col]!r}, "
                                f"expected {value!r}")
        if float(row[4]) != float(unit["score"]):
            problems.append(f"{unit['visit']}: score {row[4]!r}, the YAML says {unit['score']}")
    return problems


def main():
    folder = sys.argv[1]
    figures, units = read_yaml(os.path.join(folder, "stats.yaml"))
    with tempfile.TemporaryDirectory() as work:
        found = sheets(os.path.join(folder, "stats.xlsx"), work)
    problems = check(found, figures, units)
    for problem in problems:
        print(f"check-stats-xlsx: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-stats-xlsx: LibreOffice read the summary and {len(units)} units as onsite "
          "wrote them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
