#!/usr/bin/env python3
"""Writes the seed key scripts of the `keys` fuzz target into corpus/keys/.

A script is text: characters as typed, <Name> for a named key (<Enter>, <Esc>, <Tab>,
<S-Tab>, <Up>, <Down>, <Left>, <Right>, <BS>, <Del>, <Home>, <End>, <F1>, <A-Enter>),
<C-x> for Ctrl-x, <Tick> (the note-save timer), <Retry> (the timer that retries unsaved
changes), <Term> (SIGTERM), <Full> / <Room> (the disk fills up / has room again),
<Paste:text>, <Long> (a paste at the note length limit). The byte encoding is `next_input` in checks.rs; the
character and named-key tables are read from there so the two cannot drift.
Run from fuzz/: python3 key-seeds.py
"""
import pathlib
import re

checks = pathlib.Path("checks.rs").read_text()
chars_src = re.search(r"const CHARS: \[char; \d+\] = \[(.*?)\];", checks, re.S).group(1)
CHARS = [
    chr(int(m[3:-1], 16)) if m.startswith("\\u") else {"\\t": "\t", "\\n": "\n", "\\r": "\r"}.get(m, m)
    for m in re.findall(r"'(\\u\{[0-9a-f]+\}|\\.|[^'])'", chars_src)
]
named_src = re.search(r"const NAMED: \[\(KeyCode, KeyModifiers\); \d+\] = \[(.*?)\];", checks, re.S).group(1)
NAMED = re.findall(r"\(KeyCode::(\w+(?:\(\d+\))?), KeyModifiers::(\w+)\)", named_src)
assert len(CHARS) == 64 and len(NAMED) == 32, (len(CHARS), len(NAMED))

ALIASES = {"BS": ("Backspace", "NONE"), "Del": ("Delete", "NONE"), "F1": ("F(1)", "NONE"),
           "S-Tab": ("BackTab", "SHIFT"), "A-Enter": ("Enter", "ALT")}

# Byte 0: where to start (low nibble: 0 list, 1 scoring, 2 nearly done, 3 finalized,
# 4 first run, 5 new visit with notice, 6 form), 0x40 advance off, 0x80 English.
# Byte 1: the small terminal (width 1 + b % 64, height 1 + b / 64 * 6).
SEEDS = {
    "list-filter-delete": (0x00, 0xff, "jjk/hà<Enter><Esc>/zzz<Enter><Esc>dk<Esc>d<Esc>jdy?<Esc>q"),
    "list-open-score": (0x80, 0x93, "j<Enter>45<Enter>1.5<BS><Del>2x<Enter>jjk][gu<C-r>q"),
    "scoring-digits": (0x01, 0xcf, "0123456789.5<Enter><BS>xjj3.<Enter>10<Enter>ggg[[]]uuu<C-r><C-r>"),
    "scoring-note": (0x01, 0x50, "eGhi chú có dấu: Đường dây nóng<A-Enter>dòng hai<C-j><Tick><Left><BS><C-w><C-a><C-k><C-e><C-u>xyz<Esc>u<C-r>"),
    "scoring-search": (0xc1, 0x28, "/thư<Enter>nnNN/<BS><BS><Esc>/zzzz<Enter>n?<Esc><F1>q"),
    "scoring-paste": (0x01, 0x7f, "e<Paste:một\r\nhai\x1b[31m đỏ\tba>< Tick><Long><Tick><Esc><Long>"),
    "nearly-finalize": (0x02, 0xbf, "g1g1fys<Down><Down><Enter>e Kết luận: đạt<Esc>r<Esc>f y"),
    "summary-findings": (0x82, 0x10, "s<Enter>Ưu điểm<A-Enter>rõ<Esc>jjj<Enter>x<Tick><Esc>jjjjjjjjj<Enter>s<Up><Up>e<Esc>"),
    "finalized-read-only": (0x03, 0x01, "1xe<Esc>uu<C-r>s<Enter>frqq"),
    "first-run-name": (0x04, 0x40, "  <Enter>Nguyễn Thị<BS><BS>ị La<Home><Del><End><Enter>n<Esc>"),
    "notice-then-score": (0x05, 0x30, "<Enter>14.5<Enter>ejj<Term>"),
    "form-create": (0x06, 0xa0, "Sở Nội vụ<Tab><Right><Right><Left><Tab>Số 1 Lê Lợi<Down><Down><Down>Lê B<Tab>An, Bình,, <Tab><Right><Right><Enter>1eGhi<Esc>u"),
    "form-bad-date": (0x86, 0x44, "<C-s>Sở<Tab><Tab><Tab><C-a><C-k>2026-13-40<C-s><S-Tab><Up><Up><Up><Up><Up><Up><Up><C-s>"),
    "form-cancel": (0x46, 0x05, "x<Esc><Esc>ny<Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter>"),
    "english-no-advance": (0xc1, 0x2c, "1j0j2jx<Enter>s<Esc>f<Esc><C-c>"),
    "disk-full-answers": (0x01, 0x91, "<Full>12x<Enter>egh<Tick>i<Esc>u<Retry><Retry><Room><Retry>jj<Full>3q<Room><Retry>"),
    "disk-full-quit": (0x81, 0x22, "<Full>1eNote<Tick><Esc>sq<Esc>qqn<Esc>q<Room><Retry>qy"),
    "disk-full-terminate": (0x02, 0x62, "g<Full>1g1f y<Term>"),
    "disk-full-list": (0x00, 0x33, "<Full>dy<Enter>1<Esc>nSở<C-s><Room>dy<Retry>"),
    "odd-keys": (0x01, 0x00, "<Release:j><Repeat:j><Ins><C-z>\u0301\u0323中😀\u200d\u202e\x1b\x7f<PageDown><F12><C-Enter>"),
}

def encode(script):
    out = bytearray()
    for token in re.findall(r"<[^<>]+>|.", script, re.S):
        if token.startswith("<") and len(token) > 2:
            name = token[1:-1].strip()
            if name.startswith("Paste:"):
                data = name[6:].encode()
                out += bytes([0xE0, len(data)]) + data
            elif name == "Long":
                out += bytes([0xFF, 7])
            elif name == "Tick":
                out.append(0xF0)
            elif name == "Retry":
                out.append(0xF6)
            elif name == "Term":
                out.append(0xFC)
            elif name == "Full":
                out.append(0xFD)
            elif name == "Room":
                out.append(0xFE)
            elif name.startswith(("Release:", "Repeat:")):
                kind, c = name.split(":")
                out += bytes([0xF8 if kind == "Release" else 0xF9, CHARS.index(c)])
            elif name == "Ins":
                out.append(0x80 + NAMED.index(("Insert", "NONE")))
            elif name == "PageDown":
                out.append(0x80 + NAMED.index(("PageDown", "NONE")))
            elif name == "F12":
                out.append(0x80 + NAMED.index(("F(12)", "NONE")))
            elif name == "C-Enter":
                out.append(0x80 + NAMED.index(("Enter", "CONTROL")))
            elif re.fullmatch(r"C-[a-z]", name):
                out.append(0xA0 + ord(name[2]) - ord("a"))
            else:
                key = ALIASES.get(name, (name, "NONE"))
                out.append(0x80 + NAMED.index(key))
        elif token in CHARS:
            out.append(CHARS.index(token))
        else:
            code = ord(token)
            out += bytes([0xD0, code & 0xFF, (code >> 8) & 0xFF, code >> 16])
    return bytes(out)

folder = pathlib.Path("corpus/keys")
folder.mkdir(parents=True, exist_ok=True)
for name, (start, size, script) in SEEDS.items():
    (folder / f"seed-{name}").write_bytes(bytes([start, size]) + encode(script))
print(f"{len(SEEDS)} seeds in {folder}")
