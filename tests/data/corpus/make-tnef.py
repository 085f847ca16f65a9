#!/usr/bin/python3
"""Writes the winmail.dat streams used by the corpus (Outlook TNEF).

No Debian package ships sample TNEF files (tnef, ytnef-tools,
libconvert-tnef-perl and claws-mail-tnef-parser were checked with
`apt-get download` + `dpkg -c`), so the corpus builds its own, attribute by
attribute as Outlook writes them ([MS-OXTNEF]): TNEF version, OEM code page,
message class, a MAPI property block with the body as compressed RTF
([MS-OXRTFCP] "LZFu", with real back-references), then per attachment its
rendering data, 8.3 title, data and a MAPI block with the long file name
and MIME type.  Both streams were checked with two independent decoders:
`tnef -t` (Debian package tnef) lists the files, `ytnef` (ytnef-tools)
extracts them with the right names and bytes.

    make-tnef.py with-text OUT.dat   # two files, RTF body (Outlook + text)
    make-tnef.py rtf-only OUT.dat    # one file; the body exists only as RTF
    make-tnef.py big OUT.dat         # a 600 KiB PR_ATTACH_DATA_OBJ and a
                                     # long PR_BODY_W, over libytnef's limits
"""
import struct
import sys

ATT = lambda atp, aid: (atp << 16) | aid
attTnefVersion = ATT(8, 0x9006)
attOemCodepage = ATT(6, 0x9007)
attMessageClass = ATT(7, 0x8008)
attMAPIProps = ATT(6, 0x9003)
attAttachRenddata = ATT(6, 0x9002)
attAttachTitle = ATT(1, 0x8010)
attAttachData = ATT(6, 0x800F)
attAttachment = ATT(6, 0x9005)
attSubject = ATT(1, 0x8004)

PT_LONG, PT_STRING8, PT_UNICODE, PT_BINARY = 3, 30, 31, 258


def attr(level, aid, data):
    return (struct.pack("<BII", level, aid, len(data)) + data +
            struct.pack("<H", sum(data) & 0xFFFF))


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def mapi(props):
    out = struct.pack("<I", len(props))
    for ptype, pid, value in props:
        out += struct.pack("<I", (pid << 16) | ptype)
        if ptype == PT_LONG:
            out += struct.pack("<I", value)
        else:
            out += struct.pack("<II", 1, len(value)) + pad4(value)
    return out


PREBUF = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
          b"\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes "
          b"New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
          b"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")


def crc32_rtf(data):
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (0xEDB88320 ^ (c >> 1)) if c & 1 else c >> 1
        table.append(c)
    crc = 0
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc


def lzfu(raw):
    """Greedy LZFu compression as in [MS-OXRTFCP] 2.1.3.1."""
    dic = bytearray(4096)
    dic[:len(PREBUF)] = PREBUF
    wpos = len(PREBUF)
    filled = len(PREBUF)
    out = bytearray()
    i = 0
    done = False
    while not done:
        control, tokens = 0, bytearray()
        for bit in range(8):
            if i >= len(raw):
                # End marker: a reference to the write position.
                control |= 1 << bit
                tokens += struct.pack(">H", (wpos & 0xFFF) << 4)
                done = True
                break
            best_len, best_off = 0, 0
            limit = min(17, len(raw) - i)
            for start in range(filled if filled < 4096 else 4096):
                off = (wpos - filled + start) & 0xFFF if filled >= 4096 else start
                if off == (wpos & 0xFFF):
                    continue
                n = 0
                # No overlap with bytes still to be written.
                while (n < limit and dic[(off + n) & 0xFFF] == raw[i + n]
                       and ((off + n) & 0xFFF) != (wpos & 0xFFF)):
                    n += 1
                if n > best_len:
                    best_len, best_off = n, off
            if best_len >= 2:
                control |= 1 << bit
                tokens += struct.pack(">H", (best_off << 4) | (best_len - 2))
                seg = raw[i:i + best_len]
            else:
                tokens.append(raw[i])
                seg = raw[i:i + 1]
            for b in seg:
                dic[wpos & 0xFFF] = b
                wpos += 1
                filled = min(4096, filled + 1)
            i += len(seg)
        out.append(control)
        out += tokens
    header = struct.pack("<III", len(out) + 12, len(raw), 0x75465A4C)
    return header + struct.pack("<I", crc32_rtf(out)) + out


RTF = (b"{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1043"
       b"{\\fonttbl{\\f0\\fswiss\\fprq2\\fcharset0 Calibri;}}"
       b"{\\colortbl ;\\red5\\green99\\blue193;}"
       b"{\\*\\generator Riched20 16.0.5215}\\viewkind4\\uc1 \r\n"
       b"\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang19 Geachte heer, mevrouw,\\par\r\n"
       b"Ik wil een klacht indienen over de behandeling aan de balie op 3 maart. "
       b"De medewerker was onvriendelijk en ik kreeg geen ontvangstbewijs voor "
       b"mijn aanvraag.\\par\r\n"
       b"Zie de bijgevoegde foto\\rquote s en de brief.\\par\r\n"
       b"Het parkeren kostte mij \\u8364?5,00 voor niets.\\par\r\n"
       b"Met vriendelijke groet,\\par\r\nJo\\'eblle van den Berg\\par\r\n}\r\n\0")

JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + bytes(range(256)) * 3 + b"\xff\xd9")
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
       b"% brief van de gemeente, 12 februari\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def attachment(title, long_name, mime, data, unicode_name=False):
    rend = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0xFFFF, 0xFFFF, 0)
    if unicode_name:
        ln = (PT_UNICODE, 0x3707, long_name.encode("utf-16-le") + b"\0\0")
    else:
        ln = (PT_STRING8, 0x3707, long_name.encode("cp1252") + b"\0")
    props = [(PT_LONG, 0x3705, 1),                      # PR_ATTACH_METHOD
             (PT_STRING8, 0x3704, title + b"\0"),       # PR_ATTACH_FILENAME
             ln,                                        # PR_ATTACH_LONG_FILENAME
             (PT_STRING8, 0x370E, mime + b"\0")]        # PR_ATTACH_MIME_TAG
    return (attr(2, attAttachRenddata, rend) +
            attr(2, attAttachTitle, title + b"\0") +
            attr(2, attAttachData, data) +
            attr(2, attAttachment, mapi(props)))


def big_attachment(long_name, mime, data):
    """An attachment as Outlook writes an embedded or large one: its bytes
    only in PR_ATTACH_DATA_OBJ inside the MAPI block, no attAttachData."""
    rend = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0xFFFF, 0xFFFF, 0)
    props = [(PT_LONG, 0x3705, 1),                      # PR_ATTACH_METHOD
             (PT_STRING8, 0x3707, long_name.encode("cp1252") + b"\0"),
             (PT_STRING8, 0x370E, mime + b"\0"),
             (PT_BINARY, 0x3701, data)]                 # PR_ATTACH_DATA_OBJ
    return attr(2, attAttachRenddata, rend) + attr(2, attAttachment, mapi(props))


def stream(files, body=None):
    s = struct.pack("<IH", 0x223E9F78, 0x5A3C)
    s += attr(1, attTnefVersion, struct.pack("<I", 0x00010000))
    s += attr(1, attOemCodepage, struct.pack("<II", 1252, 0))
    s += attr(1, attMessageClass, b"IPM.Microsoft Mail.Note\0")
    s += attr(1, attSubject, b"Klacht over de balie\0")
    s += attr(1, attMAPIProps, mapi(body or [
        (PT_LONG, 0x3FDE, 1252),                        # PR_INTERNET_CPID
        (PT_BINARY, 0x1009, lzfu(RTF)),                 # PR_RTF_COMPRESSED
    ]))
    for f in files:
        s += f
    return s


def big_body():
    """A long plain-text body as PR_BODY_W (UTF-16), over libytnef's
    100000-byte limit for Unicode properties."""
    text = ("Geachte heer, mevrouw,\r\n\r\n" +
            "De aanvraag voor de verbouwing ligt al maanden stil. " * 1200 +
            "\r\nMet vriendelijke groet,\r\nJo\u00eblle van den Berg\r\n")
    return [(PT_LONG, 0x3FDE, 1252),
            (PT_UNICODE, 0x1000, text.encode("utf-16-le") + b"\0\0")]


# 600 KiB, over libytnef's 512 KiB limit for one property value.
BIG_PDF = (b"%PDF-1.4\n% bouwtekening\n" +
           bytes((i * 7 + i // 251) & 0xFF for i in range(600 * 1024 - 40)) +
           b"\n%%EOF\n")


def main():
    kind, out = sys.argv[1], sys.argv[2]
    if kind == "with-text":
        files = [attachment(b"FOTOVA~1.JPG", "foto van de stoep.jpg",
                            b"image/jpeg", JPEG),
                 attachment(b"BRIEFG~1.PDF", "brief gemeente \u2013 reactie.pdf",
                            b"application/pdf", PDF, unicode_name=True)]
    elif kind == "rtf-only":
        files = [attachment(b"BRIEFG~1.PDF", "brief gemeente.pdf",
                            b"application/pdf", PDF)]
    elif kind == "big":
        # Values over libytnef's own limits (issue 18, D10/D11).
        with open(out, "wb") as f:
            f.write(stream([big_attachment("bouwtekening.pdf",
                                           b"application/pdf", BIG_PDF)],
                           body=big_body()))
        return
    else:
        sys.exit("usage: make-tnef.py with-text|rtf-only|big OUT")
    with open(out, "wb") as f:
        f.write(stream(files))


if __name__ == "__main__":
    main()
