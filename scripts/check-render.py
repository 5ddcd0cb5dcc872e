#!/usr/bin/env python3
"""Checks a rendered report: the PDF has at least one page, the PNG is not blank.

    scripts/check-render.py REPORT.pdf REPORT.png

Standard library only (CI has nothing else). A blank PNG decompresses to a handful of
distinct byte values (filter bytes and one colour); a page of text and tables to many.
"""
import re
import sys
import zlib


def pdf_pages(path):
    data = open(path, "rb").read()
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def png_distinct_bytes(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat = 8, b""
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat)))


def main():
    pdf, png = sys.argv[1], sys.argv[2]
    pages = pdf_pages(pdf)
    distinct = png_distinct_bytes(png)
    print(f"{pdf}: {pages} page(s); {png}: {distinct} distinct byte values")
    if pages < 1:
        raise SystemExit(f"{pdf}: the PDF has no page")
    if distinct < 32:
        raise SystemExit(f"{png}: the rendered page looks blank")


if __name__ == "__main__":
    main()
