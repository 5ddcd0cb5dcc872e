#!/usr/bin/env python3
"""Opens the Word minutes in a real office client and checks the page NĐ 30/2020 asks for.

    scripts/check-office.py MINUTES.docx [PNG_OUT]
    scripts/check-office.py MINUTES.pdf          # a PDF printed elsewhere (Chromium), same checks

LibreOffice (headless) converts the DOCX to PDF; poppler's `pdftotext -bbox-layout` gives
every word's box. Checked, on every page:
- the Quốc hiệu ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") is on one line;
- every word lies inside NĐ 30's margins (left 30 mm, right 15 mm, top and bottom 20 mm;
  the page number, centred in the top margin from page 2, is the one word allowed above);
- page 1 has no page number, every later page has its number centred at the top;
- the results table's column headers are whole words (a column too narrow splits them).
With PNG_OUT, page 1 is also written as a PNG (docs/minutes-libreoffice.png is made so).
Standard library only, plus the two programs.
"""
import html
import os
import re
import subprocess
import sys
import tempfile

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, 15 * MM, 20 * MM, 20 * MM
SLACK = 1.5  # points: glyph side bearings and rounding
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".split()
HEADERS = ["TT", "Tiêu", "chí", "Kết", "quả", "Điểm", "Ghi", "chú"]


def convert(docx, out):
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{out}/profile",
         "--convert-to", "pdf", "--outdir", out, docx],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    pdf = os.path.join(out, os.path.splitext(os.path.basename(docx))[0] + ".pdf")
    if not os.path.exists(pdf):
        raise SystemExit(f"LibreOffice wrote no PDF for {docx}")
    return pdf


def pages(pdf):
    """[(width, height, [(xmin, ymin, xmax, ymax, word)])] per page."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                           capture_output=True, text=True).stdout
    result = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xhtml, re.S):
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                page.group(3))
        ]
        result.append((float(page.group(1)), float(page.group(2)), words))
    return result


def check(all_pages):
    problems = []
    if not all_pages:
        return ["the PDF has no page"]
    for number, (width, height, words) in enumerate(all_pages, start=1):
        centre = (LEFT + width - RIGHT) / 2
        above = [w for w in words if w[1] < TOP - SLACK]
        page_numbers = [w for w in above if w[4] == str(number)]
        if number == 1 and above:
            problems.append(f"page 1: words above the top margin: {[w[4] for w in above]}")
        if number > 1:
            if len(page_numbers) != 1:
                problems.append(f"page {number}: no page number at the top")
            elif abs((page_numbers[0][0] + page_numbers[0][2]) / 2 - centre) > 6:
                problems.append(f"page {number}: the page number is not centred")
        for xmin, ymin, xmax, ymax, word in words:
            if (xmin, ymin, xmax, ymax, word) in page_numbers:
                continue
            where = f"page {number}: “{word}” at x {xmin:.1f}–{xmax:.1f}, y {ymin:.1f}–{ymax:.1f} pt"
            if xmin < LEFT - SLACK:
                problems.append(f"{where}: inside the 30 mm left margin")
            if xmax > width - RIGHT + SLACK:
                problems.append(f"{where}: inside the 15 mm right margin "
                                f"({(width - xmax) / MM:.1f} mm from the edge)")
            if ymin < TOP - SLACK or ymax > height - BOTTOM + SLACK:
                problems.append(f"{where}: inside the 20 mm top or bottom margin")
    first = all_pages[0][2]
    nation = [w for w in first if w[4] in NATION]
    if len(nation) < len(NATION):
        problems.append(f"page 1: the Quốc hiệu is not all there: {[w[4] for w in nation]}")
    elif max(w[1] for w in nation) - min(w[1] for w in nation) > 2:
        problems.append("page 1: the Quốc hiệu breaks over two lines")
    texts = {w[4] for _, _, words in all_pages for w in words}
    for header in HEADERS:
        if header not in texts:
            problems.append(f"the results table's header “{header}” is not a whole word")
    return problems


def main():
    docx = os.path.abspath(sys.argv[1])
    png = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as out:
        pdf = docx if docx.endswith(".pdf") else convert(docx, out)
        all_pages = pages(pdf)
        problems = check(all_pages)
        if png:
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            pdf, os.path.splitext(png)[0]], check=True)
    print(f"{docx}: {len(all_pages)} page(s), {len(problems)} problem(s)")
    for problem in problems:
        print(f"  {problem}")
    if problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
