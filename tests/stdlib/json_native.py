# _json (the accelerator json.decoder / json.encoder pick up): scanstring, make_scanner with every
# hook, make_encoder with every option, encode_basestring[_ascii]; error messages and positions
import _json
import sys

# _json raises json.decoder.JSONDecodeError; a stand-in module with the same class keeps this
# test about _json alone (json/decoder.py itself needs the re module).
decoder = type(sys)("json.decoder")


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        ValueError.__init__(self, "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg, self.doc, self.pos, self.lineno, self.colno = msg, doc, pos, lineno, colno


decoder.JSONDecodeError = JSONDecodeError
sys.modules["json.decoder"] = decoder


def show(label, f):
    try:
        print(label, repr(f()))
    except StopIteration as e:
        print(label, "StopIteration", e.value)
    except Exception as e:
        print(label, type(e).__name__, e, getattr(e, "pos", ""), getattr(e, "lineno", ""), getattr(e, "colno", ""))


print(_json.scanstring('"hello" tail', 1), _json.scanstring('ab\\n\\t\\"\\\\\\/\\u00e9\\ud83d\\ude00"', 0))
print(_json.scanstring('"\\u0041\\u00DF\\u4e2d"', 1), _json.scanstring('"x\ty"', 1, False), _json.scanstring('"é€😀"', 1))
for doc, pos in [('"abc', 1), ('"a\\x"', 1), ('"\\u12"', 1), ('"\\u12zz"', 1), ('"a\x01"', 1), ('"a\\', 1),
                 ('"abc"', 9), ('"abc"', -1)]:
    show("scanstring %r" % doc, lambda: _json.scanstring(doc, pos))
show("scanstring int", lambda: _json.scanstring(1, 0))


class Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": "nan!", "Infinity": "inf!", "-Infinity": "-inf!"}.__getitem__
    memo = {}


scan = _json.make_scanner(Ctx())
docs = ['{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}}', '[]', '{}', '  ', '[1, [2, [3, []]]]',
        '"str"', '-0', '0.5e-3', '12345678901234567890123', '1E400', '[NaN, Infinity, -Infinity]', '1.', '01',
        '-', '[1,]', '{"a" 1}', '{"a": 1,}', '{1: 2}', '[1 2]', '{"a": 1 "b": 2}', 'nul', 'tru', '[', '{',
        '{"a"', '["a\\q"]', '{"é": "ü"}', '[\n  1,\n  x\n]', '\n\n  {"k":\n  [1, 2,\n  }', '1e5', '-Infinityx',
        '2.5E+3', '5e', '[-]', '{"a":1}xyz']
for doc in docs:
    show("scan %r" % doc, lambda: scan(doc, 0))
print(scan('xx [1]', 3), scan("[1]  ", 0))
show("scan negative idx", lambda: scan("[1]", -1))
show("scan non-str", lambda: scan(b"[1]", 0))


class Hooks(Ctx):
    object_hook = staticmethod(lambda d: ("hooked", sorted(d.items())))
    parse_float = staticmethod(lambda s: "F" + s)
    parse_int = staticmethod(lambda s: "I" + s)


print(_json.make_scanner(Hooks())('{"x": [1, 2.0, {"y": 3}]}', 0))


class Pairs(Ctx):
    object_pairs_hook = list
    object_hook = staticmethod(lambda d: "unused")


print(_json.make_scanner(Pairs())('{"b": 1, "a": {"c": 2}, "b": 3}', 0))


class Lax(Ctx):
    strict = False


print(_json.make_scanner(Lax())('["a\tb\nc"]', 0))
show("strict control", lambda: scan('["a\tb"]', 0))
s2 = _json.make_scanner(Ctx())
print(s2.strict, s2.parse_int is int, s2.object_hook)
deep = "[" * 5000 + "]" * 5000
show("deep", lambda: type(scan(deep, 0)))

print(_json.encode_basestring_ascii('a"b\\c\n\r\t\x08\x0c\x01\x7f é€😀'), _json.encode_basestring('a"b\\c\n\x01\x7f é€😀'))
show("encode int", lambda: _json.encode_basestring_ascii(1))


def enc(obj, markers=True, default=None, encoder=_json.encode_basestring_ascii, indent=None, kv=": ", iv=", ",
        sort_keys=False, skipkeys=False, allow_nan=True):
    def dflt(o):
        if default:
            return default(o)
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)

    e = _json.make_encoder({} if markers else None, dflt, encoder, indent, kv, iv, sort_keys, skipkeys, allow_nan)
    return "".join(e(obj, 0))


print(enc({"a": [1, 2.5, None, True, False], "b": "é", "c": {}, "d": [], "e": (1, 2)}))
print(enc([1e16, 1.5e-7, 0.1, -0.0, 1e400, -1e400, float("nan"), 2 ** 70, -17]))
print(enc({3: "int", 1.5: "float", True: "t", None: "n", "s": "s", False: "f"}))
print(enc({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True), enc({"a": 1}, kv="=", iv=";"))
print(enc(["é", "€"], encoder=_json.encode_basestring), enc(["x"], encoder=lambda s: "<" + s + ">"))
print(enc({(1, 2): 1, "k": 2}, skipkeys=True), enc([{1, 2}], default=sorted), enc(["a"], markers=False))
show("nan strict", lambda: enc([float("nan")], allow_nan=False))
show("inf key strict", lambda: enc({float("inf"): 1}, allow_nan=False))
show("bad key", lambda: enc({(1,): 2}))
show("unserializable", lambda: enc([object.__new__(Ctx)]))
show("sort mixed", lambda: enc({1: 1, "a": 2}, sort_keys=True))
loop = []
loop.append(loop)
show("circular list", lambda: enc(loop))
dl = {}
dl["self"] = dl
show("circular dict", lambda: enc(dl))
show("circular default", lambda: enc([Ctx()], default=lambda o: [o]))
show("bad encoder result", lambda: enc(["x"], encoder=lambda s: 5))
show("bad markers", lambda: _json.make_encoder([], None, None, None, ":", ",", False, False, True))
shared = [1]
print(enc([shared, shared, {"k": shared}]))
big = {"k%d" % i: [i, str(i), i / 4, {"n": None}] for i in range(300)}
text = enc(big)
print(len(text), text[:80])
back = scan(text, 0)[0]
print(back == big, len(back))
