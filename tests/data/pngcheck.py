#!/usr/bin/python3
"""pngcheck.py -- is a screenshot blank, and does it show given colours?

Decodes a PNG with zlib only (8-bit greyscale, RGB or RGBA, not
interlaced: what Chromium writes) and checks:
  --min-nonwhite F   at least this fraction of pixels is not (near) white
  --min-colours N    at least N distinct colours
  --colour RRGGBB:N  at least N pixels of this colour (+-3 per channel);
                     may be given several times
Prints the figures; exits 0 when every check holds, 1 when one fails, 2
when the file is not a PNG it can read.

    pngcheck.py FILE [--min-nonwhite 0.02] [--min-colours 8] [--colour ..]
"""
import argparse
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    if ihdr is None:
        raise ValueError("no IHDR")
    w, h, depth, ctype, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 6: 4, 4: 2}.get(ctype)
    if depth != 8 or channels is None or interlace:
        raise ValueError("unsupported PNG: depth %d type %d interlace %d" %
                         (depth, ctype, interlace))
    raw = zlib.decompress(b"".join(idat))
    bpp, stride = channels, w * channels
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
            elif f != 0:
                raise ValueError("bad filter %d" % f)
        rows.append(bytes(line))
        prev = line
    return w, h, channels, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("png")
    ap.add_argument("--min-nonwhite", type=float, default=0.0)
    ap.add_argument("--min-colours", type=int, default=0)
    ap.add_argument("--colour", action="append", default=[])
    a = ap.parse_args()
    try:
        w, h, ch, rows = decode(a.png)
    except (OSError, ValueError, zlib.error) as e:
        print("pngcheck: %s: %s" % (a.png, e))
        return 2
    counts = {}
    for line in rows:
        for x in range(0, len(line), ch):
            px = line[x:x + 3] if ch >= 3 else bytes([line[x]] * 3)
            counts[px] = counts.get(px, 0) + 1
    total = w * h
    nonwhite = sum(n for px, n in counts.items() if min(px) < 245)
    ok = True
    print("pngcheck: %dx%d, %d colours, %.1f%% not white" %
          (w, h, len(counts), 100.0 * nonwhite / total))
    if nonwhite < a.min_nonwhite * total:
        print("pngcheck: FAIL: blank (fewer than %.1f%% non-white pixels)" %
              (100 * a.min_nonwhite))
        ok = False
    if len(counts) < a.min_colours:
        print("pngcheck: FAIL: only %d colours, want %d" %
              (len(counts), a.min_colours))
        ok = False
    for spec in a.colour:
        hexa, want = spec.split(":")
        rgb = bytes.fromhex(hexa)
        n = sum(c for px, c in counts.items()
                if all(abs(px[i] - rgb[i]) <= 3 for i in range(3)))
        print("pngcheck: #%s: %d pixels (want %s)" % (hexa, n, want))
        if n < int(want):
            print("pngcheck: FAIL: too few pixels of #%s" % hexa)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
