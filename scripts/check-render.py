#!/usr/bin/env python3
"""Checks a rendered report: the PDF has at least one page, the PNG is not blank.

    scripts/check-render.py REPORT.pdf REPORT.png [--images N]

With --images N, the printed PDF must also hold at least N pictures of a thumbnail's size
(each side 16 to 320 px): the minutes' evidence photos, decoded and placed by the browser
(a photo it could not show leaves no picture, or a broken-image icon far smaller).

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


def pdf_thumbnails(path):
    """The pictures in the PDF with each side from 16 to 320 pixels."""
    data = open(path, "rb").read()
    sizes = []
    for match in re.finditer(rb"<<([^>]*?/Subtype\s*/Image[^>]*)>>", data):
        entries = match.group(1)
        width = re.search(rb"/Width\s+(\d+)", entries)
        height = re.search(rb"/Height\s+(\d+)", entries)
        if width and height:
            sizes.append((int(width.group(1)), int(height.group(1))))
    return [size for size in sizes if all(16 <= side <= 320 for side in size)]


def main():
    args = sys.argv[1:]
    images = 0
    if "--images" in args:
        at = args.index("--images")
        images = int(args[at + 1])
        del args[at:at + 2]
    pdf, png = args[0], args[1]
    pages = pdf_pages(pdf)
    distinct = png_distinct_bytes(png)
    print(f"{pdf}: {pages} page(s); {png}: {distinct} distinct byte values")
    if pages < 1:
        raise SystemExit(f"{pdf}: the PDF has no page")
    if distinct < 32:
        raise SystemExit(f"{png}: the rendered page looks blank")
    if images:
        thumbnails = pdf_thumbnails(pdf)
        print(f"{pdf}: {len(thumbnails)} thumbnail(s) {thumbnails}")
        if len(thumbnails) < images:
            raise SystemExit(f"{pdf}: {len(thumbnails)} evidence picture(s), expected {images}")


if __name__ == "__main__":
    main()
