# json_parse: a hand-written JSON tokenizer, recursive-descent parser and serializer (no json
# module): documents of nested objects, arrays, strings with escapes, ints, floats, true/false/
# null are generated, serialized, parsed back and walked; character-by-character scanning with
# str indexing, slices, str == str and dict/list building.
# quick-arg: 3
import sys

WS = " \t\n\r"
DIGITS = "0123456789"
ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
REV_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class ParseError(Exception):
    pass


class Parser:
    def __init__(self, text):
        self.s = text
        self.i = 0
        self.n = len(text)

    def skip_ws(self):
        s = self.s
        i = self.i
        n = self.n
        while i < n and s[i] in WS:
            i += 1
        self.i = i

    def parse(self):
        self.skip_ws()
        v = self.value()
        self.skip_ws()
        if self.i != self.n:
            raise ParseError("trailing data at %d" % self.i)
        return v

    def value(self):
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        if c == "t":
            return self.word("true", True)
        if c == "f":
            return self.word("false", False)
        if c == "n":
            return self.word("null", None)
        return self.number()

    def word(self, w, v):
        if self.s[self.i:self.i + len(w)] != w:
            raise ParseError("bad literal at %d" % self.i)
        self.i += len(w)
        return v

    def obj(self):
        self.i += 1
        d = {}
        self.skip_ws()
        if self.s[self.i] == "}":
            self.i += 1
            return d
        while True:
            self.skip_ws()
            k = self.string()
            self.skip_ws()
            if self.s[self.i] != ":":
                raise ParseError("expected ':' at %d" % self.i)
            self.i += 1
            self.skip_ws()
            d[k] = self.value()
            self.skip_ws()
            c = self.s[self.i]
            self.i += 1
            if c == "}":
                return d
            if c != ",":
                raise ParseError("expected ',' at %d" % (self.i - 1))

    def arr(self):
        self.i += 1
        out = []
        self.skip_ws()
        if self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            self.skip_ws()
            out.append(self.value())
            self.skip_ws()
            c = self.s[self.i]
            self.i += 1
            if c == "]":
                return out
            if c != ",":
                raise ParseError("expected ',' at %d" % (self.i - 1))

    def string(self):
        s = self.s
        i = self.i + 1
        parts = []
        start = i
        while True:
            c = s[i]
            if c == '"':
                parts.append(s[start:i])
                self.i = i + 1
                return "".join(parts)
            if c == "\\":
                parts.append(s[start:i])
                e = s[i + 1]
                if e == "u":
                    parts.append(chr(int(s[i + 2:i + 6], 16)))
                    i += 6
                else:
                    parts.append(ESCAPES[e])
                    i += 2
                start = i
            else:
                i += 1

    def number(self):
        s = self.s
        i = self.i
        start = i
        if s[i] == "-":
            i += 1
        while i < self.n and s[i] in DIGITS:
            i += 1
        is_float = False
        if i < self.n and s[i] == ".":
            is_float = True
            i += 1
            while i < self.n and s[i] in DIGITS:
                i += 1
        if i < self.n and s[i] in "eE":
            is_float = True
            i += 1
            if s[i] in "+-":
                i += 1
            while i < self.n and s[i] in DIGITS:
                i += 1
        self.i = i
        text = s[start:i]
        if text == "" or text == "-":
            raise ParseError("bad number at %d" % start)
        return float(text) if is_float else int(text)


def dump_str(s):
    out = ['"']
    for c in s:
        r = REV_ESCAPES.get(c)
        if r is not None:
            out.append(r)
        elif c < " ":
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def dump(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return dump_str(v)
    if isinstance(v, list):
        return "[" + ", ".join([dump(x) for x in v]) + "]"
    return "{" + ", ".join([dump_str(k) + ": " + dump(x) for k, x in v.items()]) + "}"


class Rng:
    def __init__(self, seed):
        self.s = seed

    def next(self, n):
        self.s = (self.s * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.s >> 12) % n


WORDS = ["alpha", "beta", "gamma", "delta", "id", "name", "value", "items", "x", "y", "tag\n",
         "quote\"d", "back\\slash", "tab\tbed", "ctl\x01", "caf\u00e9", "size", "kind"]


def gen(rng, depth):
    k = rng.next(10)
    if depth > 4 or k < 3:
        j = rng.next(6)
        if j == 0:
            return rng.next(100000) - 50000
        if j == 1:
            return (rng.next(2000000) - 1000000) / 64.0
        if j == 2:
            return WORDS[rng.next(len(WORDS))] + str(rng.next(100))
        if j == 3:
            return rng.next(2) == 0
        if j == 4:
            return None
        return rng.next(10 ** 6) * 1000003
    if k < 6:
        return [gen(rng, depth + 1) for _ in range(rng.next(6))]
    d = {}
    for _ in range(rng.next(6)):
        d[WORDS[rng.next(len(WORDS))] + str(rng.next(10))] = gen(rng, depth + 1)
    return d


def walk(v):
    # a structural checksum
    if isinstance(v, dict):
        h = 7
        for k in v:
            h = (h * 31 + len(k) + walk(v[k])) % 1000003
        return h
    if isinstance(v, list):
        h = 3
        for x in v:
            h = (h * 17 + walk(x)) % 1000003
        return h
    if isinstance(v, str):
        return len(v) * 13 + ord(v[0]) if v else 1
    if v is None:
        return 5
    if isinstance(v, bool):
        return 11 if v else 12
    if isinstance(v, float):
        return int(v * 8) % 1000003
    return v % 1000003


def main(rounds):
    rng = Rng(7)
    checksum = 0
    for r in range(rounds):
        docs = [gen(rng, 0) for _ in range(300)]
        total_len = 0
        for doc in docs:
            text = dump(doc)
            total_len += len(text)
            back = Parser(text).parse()
            if back != doc:
                raise AssertionError("round trip failed")
            checksum = (checksum * 3 + walk(back)) % 1000003
        errors = 0
        for bad in ['{"a": 1,}', "[1, 2", '{"a" 1}', "tru", "-", "[1 2]", '{"x": [1, {"y": nul}]}']:
            try:
                Parser(bad).parse()
            except (ParseError, IndexError, KeyError, ValueError):
                errors += 1
        print(r, total_len, errors, checksum)
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)
