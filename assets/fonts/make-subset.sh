#!/bin/sh
# Regenerate assets/fonts/YibanSans-{Regular,Bold}.otf: a subset of Noto Sans CJK SC
# (Debian package fonts-noto-cjk) renamed to the family "Yiban Sans".
#
# Run from anywhere, again whenever locales/ or assets/portal-seed/ gain new characters:
#     sh assets/fonts/make-subset.sh
# Needs: fonts-noto-cjk and python3-fonttools (Debian). Uses /usr/bin/python3 on purpose:
# another python3 earlier in PATH may not see Debian's fontTools. Override with PYTHON=...
# The output is deterministic for the same source fonts, fontTools version and input text.
set -eu

HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
ROOT=$(CDPATH= cd -- "$HERE/../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
NOTO_DIR=${NOTO_DIR:-/usr/share/fonts/opentype/noto}

exec "$PYTHON" - "$ROOT" "$HERE" "$NOTO_DIR" <<'PY'
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

root, out_dir, noto_dir = sys.argv[1:4]

FAMILY = "Yiban Sans"
PS_FAMILY = "YibanSans"
SC_FAMILY = "Noto Sans CJK SC"  # face looked up by name inside the .ttc collections
WEIGHTS = [("Regular", "NotoSansCJK-Regular.ttc"), ("Bold", "NotoSansCJK-Bold.ttc")]
TEXT_DIRS = ["locales", os.path.join("assets", "portal-seed")]

# ---- repertoire ---------------------------------------------------------------------------
codepoints = set()


def add_range(first, last):
    codepoints.update(range(first, last + 1))


add_range(0x0020, 0x007E)  # ASCII
add_range(0x00A0, 0x00FF)  # Latin-1 supplement
add_range(0x2000, 0x206F)  # general punctuation
add_range(0x20A0, 0x20BF)  # currency symbols
add_range(0x2100, 0x214F)  # letterlike symbols (℃ № ℡)
add_range(0x2150, 0x218F)  # number forms (Ⅰ Ⅱ Ⅲ)
add_range(0x2190, 0x21FF)  # arrows
add_range(0x2200, 0x22FF)  # mathematical operators (× ÷ ≤ ≥)
add_range(0x2460, 0x24FF)  # enclosed alphanumerics (① … ⑳)
add_range(0x2500, 0x257F)  # box drawing
add_range(0x25A0, 0x25FF)  # geometric shapes (○ ● □ ■ △ ▲)
add_range(0x2600, 0x26FF)  # miscellaneous symbols (★ ☆ ☎)
add_range(0x2700, 0x27BF)  # dingbats (✓ ✔ ✗ ✘)
add_range(0x3000, 0x303F)  # CJK symbols and punctuation
add_range(0x3200, 0x32FF)  # enclosed CJK letters and months (㈠ ㊣)
add_range(0x3300, 0x33FF)  # CJK compatibility (㎡ ㎏ ㎝)
add_range(0xFE30, 0xFE4F)  # CJK compatibility forms
add_range(0xFF00, 0xFFEF)  # halfwidth and fullwidth forms
codepoints.add(0xFFFD)      # replacement character, if the font has it

# Every valid GB2312 two-byte code (rows 1-9 symbols, 16-55 level-1, 56-87 level-2 Hanzi).
gb2312 = 0
for hi in range(0xA1, 0xFF):
    for lo in range(0xA1, 0xFF):
        try:
            ch = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        codepoints.update(ord(c) for c in ch)
        gb2312 += 1

# Every character of every text file under locales/ and assets/portal-seed/ (if present).
text_files = 0
for rel in TEXT_DIRS:
    top = os.path.join(root, rel)
    if not os.path.isdir(top):
        print(f"note: {rel}/ does not exist (yet), skipped", file=sys.stderr)
        continue
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError) as e:
                print(f"note: skipped {os.path.relpath(path, root)}: {e}", file=sys.stderr)
                continue
            codepoints.update(ord(c) for c in text if ord(c) >= 0x20)
            text_files += 1

print(f"repertoire: {len(codepoints)} code points "
      f"({gb2312} GB2312 codes, {text_files} text files)", file=sys.stderr)


# ---- subset and rename --------------------------------------------------------------------
def find_sc_face(path):
    for index in range(64):
        try:
            font = TTFont(path, fontNumber=index, lazy=True)
        except Exception:
            break
        if font["name"].getDebugName(1) == SC_FAMILY:
            return index
    sys.exit(f"error: no face named {SC_FAMILY!r} in {path}")


def rename(font, style):
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    ps = f"{PS_FAMILY}-{style}"
    version = font["name"].getDebugName(5) or "Version 0"
    names = {
        1: FAMILY,
        2: style,
        3: f"{version.replace('Version ', '').split(';')[0]};{ps};subset of Noto Sans CJK SC",
        4: full,
        6: ps,
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    # Drop every record we replace, plus the Noto trademark line, in every language.
    table.names = [n for n in table.names if n.nameID not in set(names) | {7}]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    # The CFF table carries its own copy of the PostScript and family names.
    cff = font["CFF "].cff
    cff.fontNames = [ps]
    top = cff.topDictIndex[0]
    top.FamilyName = FAMILY
    top.FullName = full


count_before = len(codepoints)
for style, ttc in WEIGHTS:
    src = os.path.join(noto_dir, ttc)
    index = find_sc_face(src)
    font = TTFont(src, fontNumber=index, recalcTimestamp=False)

    options = subset.Options()
    options.hinting = False              # stem hints; not needed at kiosk text sizes
    options.desubroutinize = False       # keep CFF subroutines: smaller file
    options.notdef_outline = True        # a visible box for anything missing
    options.name_IDs = ["*"]
    options.name_languages = [0x0409]    # English records only
    # fontTools' default horizontal features (ccmp, liga, kern, mark, frac …) without:
    # vertical ones (no vertical text on the kiosk); aalt (not in the default list anyway),
    # whose closure would pull in every alternate glyph; and locl, which in this face only
    # maps to the Japanese, Korean and Traditional Chinese glyph variants (~5,800 glyphs).
    options.layout_features = [f for f in options.layout_features
                               if f not in ("locl", "vert", "vrt2", "vkrn", "vpal", "valt", "vjmo")]
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"]  # no vertical text on the kiosk
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)

    rename(font, style)
    out = os.path.join(out_dir, f"{PS_FAMILY}-{style}.otf")
    font.save(out)
    mapped = len(font.getBestCmap())
    print(f"{os.path.basename(out)}: face {index} of {ttc}, {mapped} mapped code points, "
          f"{len(font.getGlyphOrder())} glyphs, {os.path.getsize(out)} bytes", file=sys.stderr)
PY
