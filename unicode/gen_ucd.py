#!/usr/bin/env python3
"""unicode/gen_ucd.py — generates chaipy's Unicode tables (ucd_tables.h, ucd_tables.cpp) from the UCD text files
of Debian's `unicode-data` package (/usr/share/unicode). CMake runs it at build time; its output
is never checked in. It reads only the UCD files (never python's own unicodedata), and emits
two-level lookup tables as CPython's Tools/unicode/makeunicodedata.py does:

  - type records (str methods, _sre): flags, simple/full case mappings, decimal/digit/numeric;
  - database records (unicodedata): category, combining class, bidi class, mirrored, east asian
    width, normalization quick checks; decompositions and canonical compositions;
  - character names (a word lexicon + per-character phrases), aliases, named sequences, and a
    hash table from names to code points;
  - the age (Unicode version) index unicodedata.ucd_3_2_0 masks with.

The layouts are declared in unicode/ucd_db.h; keep the two in step.
"""
import argparse
import bz2
import os
import sys

NCP = 0x110000

# Orders of the enumerations; the generated C++ name arrays come from these lists.
CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf",
              "Cs", "Co", "Lm", "Lo", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk",
              "So"]
BIDI = ["", "L", "LRE", "LRO", "R", "AL", "RLE", "RLO", "PDF", "EN", "ES", "ET", "AN", "CS", "NSM",
        "BN", "B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"]
EAW = ["F", "H", "W", "Na", "A", "N"]
QC = ["NFD_QC", "NFKD_QC", "NFC_QC", "NFKC_QC"]
DECOMP_PREFIX = ["", "<noBreak>", "<compat>", "<super>", "<fraction>", "<sub>", "<font>", "<circle>",
                 "<wide>", "<vertical>", "<square>", "<isolated>", "<final>", "<initial>", "<medial>",
                 "<small>", "<narrow>"]

# Type-record flag bits (emitted as kFlagAlpha, kFlagDecimal, ...).
FLAGS = ["ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "LOWER", "UPPER", "TITLE", "SPACE", "LINEBREAK",
         "PRINTABLE", "XID_START", "XID_CONTINUE", "CASED", "CASE_IGNORABLE", "EXTENDED_CASE"]
FLAG = {name: 1 << i for i, name in enumerate(FLAGS)}

MANDATORY_LINE_BREAKS = {"BK", "CR", "LF", "NL"}


def ucd_lines(path):
    """Data fields of a UCD file: comments stripped, fields split on ';' and stripped."""
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def expand(field):
    if ".." in field:
        a, b = field.split("..")
        return range(int(a, 16), int(b, 16) + 1)
    return range(int(field, 16), int(field, 16) + 1)


class Char:
    __slots__ = ("name", "category", "combining", "bidi", "decomp", "decimal", "digit", "numeric",
                 "mirrored", "upper", "lower", "title", "props", "eaw", "qc", "linebreak", "age")

    def __init__(self, fields):
        self.name = fields[1]
        self.category = fields[2]
        self.combining = int(fields[3])
        self.bidi = fields[4]
        self.decomp = fields[5]
        self.decimal = fields[6]
        self.digit = fields[7]
        self.numeric = fields[8]
        self.mirrored = fields[9] == "Y"
        self.upper = fields[12]
        self.lower = fields[13]
        self.title = fields[14]
        self.props = set()
        self.eaw = "N"
        self.qc = 0
        self.linebreak = False


def read_ucd(d):
    table = [None] * NCP
    ranges = []  # (first, last, name prefix) of the <..., First>/<..., Last> pairs
    first = None
    for f in ucd_lines(os.path.join(d, "UnicodeData.txt")):
        cp = int(f[0], 16)
        if f[1].endswith(", First>"):
            first = (cp, f)
            continue
        if f[1].endswith(", Last>"):
            start, ff = first
            for c in range(start, cp + 1):
                table[c] = Char(ff)
                table[c].name = ""
            ranges.append((start, cp, ff[1][1:-len(", First>")]))
            continue
        table[cp] = Char(f)
        if f[1].startswith("<"):  # <control>
            table[cp].name = ""
    for f in ucd_lines(os.path.join(d, "DerivedCoreProperties.txt")):
        for c in expand(f[0]):
            if table[c] is not None:
                table[c].props.add(f[1])
    for f in ucd_lines(os.path.join(d, "PropList.txt")):
        for c in expand(f[0]):
            if table[c] is not None:
                table[c].props.add(f[1])
    for f in ucd_lines(os.path.join(d, "LineBreak.txt")):
        if f[1] in MANDATORY_LINE_BREAKS:
            for c in expand(f[0]):
                if table[c] is not None:
                    table[c].linebreak = True
    for f in ucd_lines(os.path.join(d, "EastAsianWidth.txt")):
        for c in expand(f[0]):
            if table[c] is not None:
                table[c].eaw = f[1]
    for f in ucd_lines(os.path.join(d, "DerivedNormalizationProps.txt")):
        if f[1] in QC and len(f) > 2:
            shift = 2 * QC.index(f[1])
            value = {"Y": 0, "M": 1, "N": 2}[f[2]]
            for c in expand(f[0]):
                if table[c] is not None:
                    table[c].qc |= value << shift
        elif f[1] == "Full_Composition_Exclusion":
            for c in expand(f[0]):
                if table[c] is not None:
                    table[c].props.add(f[1])
    ages = [None] * NCP
    for f in ucd_lines(os.path.join(d, "DerivedAge.txt")):
        for c in expand(f[0]):
            ages[c] = f[1]
    # Unihan numeric values (CPython patches them into the numeric field too).
    for path in ("Unihan_NumericValues.txt.bz2", "Unihan_NumericValues.txt"):
        path = os.path.join(d, path)
        if os.path.exists(path):
            opener = bz2.open if path.endswith(".bz2") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if not line.startswith("U+"):
                        continue
                    code, tag, value = line.split(None, 3)[:3]
                    if tag in ("kAccountingNumeric", "kPrimaryNumeric", "kOtherNumeric"):
                        c = int(code[2:], 16)
                        if table[c] is not None:
                            table[c].numeric = value.strip().replace(",", "")
            break
    else:
        sys.exit("gen_ucd.py: Unihan_NumericValues.txt(.bz2) not found in " + d)
    special = {}
    for f in ucd_lines(os.path.join(d, "SpecialCasing.txt")):
        if len(f) > 4 and f[4]:
            continue  # conditional mappings: only final sigma is honoured, in code
        c = int(f[0], 16)
        special[c] = tuple([int(x, 16) for x in f[i].split()] for i in (1, 2, 3))
    folding = {}
    for f in ucd_lines(os.path.join(d, "CaseFolding.txt")):
        if f[1] in ("C", "F"):
            folding[int(f[0], 16)] = [int(x, 16) for x in f[2].split()]
    aliases = []
    for f in ucd_lines(os.path.join(d, "NameAliases.txt")):
        aliases.append((int(f[0], 16), f[1]))
    sequences = []
    for f in ucd_lines(os.path.join(d, "NamedSequences.txt")):
        sequences.append((f[0], [int(x, 16) for x in f[1].split()]))
    # The version is in the first line of DerivedAge.txt: "# DerivedAge-15.0.0.txt".
    with open(os.path.join(d, "DerivedAge.txt"), encoding="utf-8") as fh:
        version = fh.readline().strip()[len("# DerivedAge-"):-len(".txt")]
    return table, ranges, ages, special, folding, aliases, sequences, version


# -- Two-level tables ------------------------------------------------------------------------------
def ctype(values):
    lo, hi = min(values), max(values)
    for t, a, b in (("uint8_t", 0, 255), ("uint16_t", 0, 65535), ("int16_t", -32768, 32767),
                    ("uint32_t", 0, 2**32 - 1), ("int32_t", -2**31, 2**31 - 1)):
        if a <= lo and hi <= b:
            return t
    raise ValueError("values out of range")


def size_of(t):
    return {"uint8_t": 1, "uint16_t": 2, "int16_t": 2, "uint32_t": 4, "int32_t": 4}[t]


def split_bins(values):
    """index1[cp >> shift] selects a block of index2; best shift by total size (CPython's splitbins)."""
    best = None
    for shift in range(2, 12):
        size = 1 << shift
        blocks, index1, index2 = {}, [], []
        for i in range(0, len(values), size):
            block = tuple(values[i:i + size])
            at = blocks.get(block)
            if at is None:
                at = blocks[block] = len(index2) >> shift
                index2.extend(block)
            index1.append(at)
        total = len(index1) * size_of(ctype(index1)) + len(index2) * size_of(ctype(index2))
        if best is None or total < best[0]:
            best = (total, shift, index1, index2)
    return best[1:]


class Out:
    """Collects ucd_tables.h (declarations, small constants) and ucd_tables.cpp (the arrays)."""

    def __init__(self):
        self.header, self.body = [], []

    def array(self, ctype_name, name, values, per_line=16):
        n = max(len(values), 1)
        self.header.append("extern const %s %s[%d];\n" % (ctype_name, name, n))
        self.body.append("const %s %s[%d] = {\n" % (ctype_name, name, n))
        for i in range(0, len(values), per_line):
            self.body.append("  " + ", ".join(str(v) for v in values[i:i + per_line]) + ",\n")
        if not values:
            self.body.append("  0,\n")
        self.body.append("};\n")

    def records(self, ctype_name, name, rows):
        self.header.append("extern const %s %s[%d];\n" % (ctype_name, name, len(rows)))
        self.body.append("const %s %s[%d] = {\n" % (ctype_name, name, len(rows)))
        for r in rows:
            self.body.append("  {%s},\n" % r)
        self.body.append("};\n")

    def trie(self, name, values):
        shift, index1, index2 = split_bins(values)
        self.header.append("inline constexpr int %sShift = %d;\n" % (name, shift))
        self.array(ctype(index1), name + "Index1", index1)
        self.array(ctype(index2), name + "Index2", index2)

    def strings(self, name, values):
        self.header.append("inline constexpr const char* %s[%d] = {%s};\n" % (
            name, len(values), ", ".join('"%s"' % v for v in values)))

    def line(self, text):
        self.header.append(text + "\n")

    def write(self, out_dir, banner):
        os.makedirs(out_dir, exist_ok=True)
        files = {
            "ucd_tables.h": [banner, "#pragma once\n#include <cstdint>\n\n#include \"unicode/ucd_db.h\"\n\n",
                             "namespace chaipy::unicode::db {\n"] + self.header + ["}  // namespace chaipy::unicode::db\n"],
            "ucd_tables.cpp": [banner, "#include \"ucd_tables.h\"\n\nnamespace chaipy::unicode::db {\n"] +
                              self.body + ["}  // namespace chaipy::unicode::db\n"],
        }
        for fname, parts in files.items():
            path = os.path.join(out_dir, fname)
            text = "".join(parts)
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() == text:
                        continue  # unchanged: keep the timestamp, no rebuild
            except OSError:
                pass
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".tmp", path)


def name_hash(name):
    """FNV-1a over the upper-cased name (ORDER ucd names.cpp name_hash)."""
    h = 0x811C9DC5
    for ch in name.upper().encode("ascii"):
        h = ((h ^ ch) * 0x01000193) & 0xFFFFFFFF
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ucd", default="/usr/share/unicode")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    table, ranges, ages, special, folding, aliases, sequences, version = read_ucd(args.ucd)
    out = Out()
    banner = "// generated by unicode/gen_ucd.py from the UCD %s files in %s — do not edit\n" % (version, args.ucd)
    out.line('inline constexpr const char kVersion[] = "%s";' % version)
    for name in FLAGS:
        camel = "".join(part.capitalize() for part in name.split("_"))
        out.line("inline constexpr uint32_t kFlag%s = 0x%x;" % (camel, FLAG[name]))

    # -- Type records -------------------------------------------------------------------------
    numerics = [0.0]
    numeric_index = {}
    extended = []
    records, record_index = [], {}
    type_of_cp = [0] * NCP
    zero = (0, 0, 0, 0, 0, 0, 0, 0)
    records.append(zero)
    record_index[zero] = 0
    for cp in range(NCP):
        ch = table[cp]
        if ch is None:
            continue
        flags = 0
        if ch.category in ("Lm", "Lt", "Lu", "Ll", "Lo"):
            flags |= FLAG["ALPHA"]
        if "Lowercase" in ch.props:
            flags |= FLAG["LOWER"]
        if ch.linebreak or ch.bidi == "B":
            flags |= FLAG["LINEBREAK"]
        if ch.category == "Zs" or ch.bidi in ("WS", "B", "S"):
            flags |= FLAG["SPACE"]
        if ch.category == "Lt":
            flags |= FLAG["TITLE"]
        if "Uppercase" in ch.props:
            flags |= FLAG["UPPER"]
        if cp == 0x20 or ch.category[0] not in ("C", "Z"):
            flags |= FLAG["PRINTABLE"]
        if "XID_Start" in ch.props:
            flags |= FLAG["XID_START"]
        if "XID_Continue" in ch.props:
            flags |= FLAG["XID_CONTINUE"]
        if "Cased" in ch.props:
            flags |= FLAG["CASED"]
        if "Case_Ignorable" in ch.props:
            flags |= FLAG["CASE_IGNORABLE"]
        upper = int(ch.upper, 16) if ch.upper else cp
        lower = int(ch.lower, 16) if ch.lower else cp
        title = int(ch.title, 16) if ch.title else upper
        sc = special.get(cp)
        cf = folding.get(cp, [cp])
        if sc is None and cf != [lower]:
            sc = ([lower], [title], [upper])
        if sc is None:
            mapping = (lower - cp, upper - cp, title - cp, lower - cp)
        else:
            flags |= FLAG["EXTENDED_CASE"]

            def ext(seq):
                at = len(extended)
                extended.extend(seq)
                return at | (len(seq) << 24)
            mapping = (ext(sc[0]), ext(sc[2]), ext(sc[1]), ext(cf))
        decimal = digit = 0
        if ch.decimal:
            flags |= FLAG["DECIMAL"]
            decimal = int(ch.decimal)
        if ch.digit:
            flags |= FLAG["DIGIT"]
            digit = int(ch.digit)
        num = 0
        if ch.numeric:
            flags |= FLAG["NUMERIC"]
            if "/" in ch.numeric:
                a, b = ch.numeric.split("/")
                value = float(int(a)) / float(int(b))
            else:
                value = float(int(ch.numeric))
            num = numeric_index.get(value)
            if num is None:
                num = numeric_index[value] = len(numerics)
                numerics.append(value)
        rec = (flags,) + mapping + (decimal, digit, num)
        at = record_index.get(rec)
        if at is None:
            at = record_index[rec] = len(records)
            records.append(rec)
        type_of_cp[cp] = at
    out.records("TypeRecord", "kTypeRecords", ["%d, {%d, %d, %d, %d}, %d, %d, %d" % r for r in records])
    out.trie("kType", type_of_cp)
    out.array("uint32_t", "kExtendedCase", extended)
    out.array("double", "kNumericValues", [repr(v) for v in numerics], 8)

    # -- Database records (unicodedata) ---------------------------------------------------------
    db_records, db_index = [(0, 0, 0, 0, 0, 0)], {(0, 0, 0, 0, 0, 0): 0}
    db_of_cp = [0] * NCP
    for cp in range(NCP):
        ch = table[cp]
        if ch is None:
            continue
        rec = (CATEGORIES.index(ch.category, 1), ch.combining, BIDI.index(ch.bidi), int(ch.mirrored),
               EAW.index(ch.eaw), ch.qc)
        at = db_index.get(rec)
        if at is None:
            at = db_index[rec] = len(db_records)
            db_records.append(rec)
        db_of_cp[cp] = at
    out.records("DbRecord", "kDbRecords", ["%d, %d, %d, %d, %d, %d" % r for r in db_records])
    out.trie("kDb", db_of_cp)
    out.strings("kCategoryNames", CATEGORIES)
    out.strings("kBidiNames", BIDI)
    out.strings("kEastAsianWidthNames", EAW)
    out.strings("kDecompPrefixes", DECOMP_PREFIX)

    # Decompositions: data[i] = prefix | count << 8, then the code points; index 0 means none.
    decomp_data = [0]
    decomp_of_cp = [0] * NCP
    for cp in range(NCP):
        ch = table[cp]
        if ch is None or not ch.decomp:
            continue
        parts = ch.decomp.split()
        prefix = 0
        if parts[0].startswith("<"):
            prefix = DECOMP_PREFIX.index(parts[0])
            parts = parts[1:]
        decomp_of_cp[cp] = len(decomp_data)
        decomp_data.append(prefix | (len(parts) << 8))
        decomp_data.extend(int(p, 16) for p in parts)
    out.array("uint32_t", "kDecompData", decomp_data)
    out.trie("kDecomp", decomp_of_cp)

    # Canonical compositions: (first << 21 | second) -> composite, sorted for binary search.
    comps = []
    for cp in range(NCP):
        ch = table[cp]
        if ch is None or not ch.decomp or ch.decomp.startswith("<"):
            continue
        if "Full_Composition_Exclusion" in ch.props:
            continue
        parts = [int(p, 16) for p in ch.decomp.split()]
        if len(parts) == 2:
            comps.append((parts[0] << 21 | parts[1], cp))
    comps.sort()
    out.array("uint64_t", "kCompositionKeys", [str(k) + "ull" for k, _ in comps], 8)
    out.array("uint32_t", "kCompositionValues", [v for _, v in comps])

    # -- Names ----------------------------------------------------------------------------------
    # Phrases: each name is a list of word ids (one byte below 0x80, else two bytes), ended by 0xFF.
    named = [(cp, table[cp].name) for cp in range(NCP) if table[cp] is not None and table[cp].name]
    all_names = [n for _, n in named] + [n for _, n in aliases] + [n for n, _ in sequences]
    freq = {}
    for n in all_names:
        for w in n.split(" "):
            freq[w] = freq.get(w, 0) + 1
    words = sorted(freq, key=lambda w: (-freq[w], w))
    assert len(words) < 0x7F00, "too many words for two-byte ids"
    word_id = {w: i for i, w in enumerate(words)}
    word_offsets, blob = [], []
    for w in words:
        word_offsets.append(len(blob))
        blob.extend(w.encode("ascii"))
    word_offsets.append(len(blob))
    phrases = []

    def phrase(name):
        at = len(phrases)
        for w in name.split(" "):
            i = word_id[w]
            if i < 0x80:
                phrases.append(i)
            else:
                phrases.extend((0x80 | (i >> 8), i & 0xFF))
        phrases.append(0xFF)
        return at

    name_of_cp = [0] * NCP
    for cp, n in named:
        name_of_cp[cp] = phrase(n) + 1
    alias_phrases = [phrase(n) for _, n in aliases]
    seq_phrases = [phrase(n) for n, _ in sequences]
    seq_data, seq_offsets = [], []
    for _, cps in sequences:
        seq_offsets.append(len(seq_data))
        seq_data.extend(cps)
    seq_offsets.append(len(seq_data))
    out.array("uint8_t", "kNameWordChars", [str(b) for b in blob], 32)
    out.array("uint32_t", "kNameWordOffsets", word_offsets)
    out.array("uint8_t", "kNamePhrases", phrases, 32)
    out.trie("kName", name_of_cp)
    out.array("uint32_t", "kAliasCodePoints", [cp for cp, _ in aliases])
    out.array("uint32_t", "kAliasPhrases", alias_phrases)
    out.array("uint32_t", "kSequencePhrases", seq_phrases)
    out.array("uint32_t", "kSequenceOffsets", seq_offsets)
    out.array("uint32_t", "kSequenceData", seq_data)
    # Name -> code point hash table (open addressing, linear probing). Values: code point + 1, or
    # kAliasBase + alias index + 1, or kSequenceBase + sequence index + 1; 0 = empty.
    keys = [(n, cp + 1) for cp, n in named]
    keys += [(n, 0x110000 + i + 1) for i, (_, n) in enumerate(aliases)]
    keys += [(n, 0x120000 + i + 1) for i, (n, _) in enumerate(sequences)]
    size = 1
    while size < len(keys) * 3 // 2:
        size <<= 1
    slots = [0] * size
    for n, v in keys:
        i = name_hash(n) & (size - 1)
        while slots[i]:
            i = (i + 1) & (size - 1)
        slots[i] = v
    out.array("uint32_t", "kNameHash", slots)
    out.line("inline constexpr uint32_t kAliasBase = 0x110000, kSequenceBase = 0x120000;")
    # Algorithmic names: the CJK unified ideograph ranges (Hangul syllables are computed).
    cjk = [(a, b) for a, b, n in ranges if n.startswith("CJK Ideograph")]
    out.array("uint32_t", "kCjkRanges", [x for r in cjk for x in r])

    # Hangul syllable names: the short names of the leading, vowel and trailing jamo.
    jamo = {int(f[0], 16): f[1] for f in ucd_lines(os.path.join(args.ucd, "Jamo.txt"))}
    out.strings("kJamoL", [jamo[0x1100 + i] for i in range(19)])
    out.strings("kJamoV", [jamo[0x1161 + i] for i in range(21)])
    out.strings("kJamoT", [""] + [jamo[0x11A8 + i] for i in range(27)])

    # -- Age: the minor.major version a code point was assigned in (for ucd_3_2_0) --------------
    age_names = sorted({a for a in ages if a}, key=lambda a: tuple(int(x) for x in a.split(".")))
    age_of_cp = [0 if a is None else 1 + age_names.index(a) for a in ages]
    out.strings("kAgeNames", [""] + age_names)
    out.trie("kAge", age_of_cp)

    out.write(args.out_dir, banner)

if __name__ == "__main__":
    main()
