# json: dumps / loads round trips with indent, sort_keys, separators, nesting, errors.
import json

data = {"name": "chaipy", "version": [3, 11], "ok": True, "none": None, "pi": 3.14159, "nested": {"b": 1, "a": [1, 2, {"x": "y"}]}}
s = json.dumps(data)
print(s)
print(json.loads(s) == data)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, "two", 3.0], separators=(",", ":")), json.dumps("é\n\"q\""), json.dumps("é", ensure_ascii=False))
print(json.loads('[1, 2.5, "x", null, true, {"k": []}]'))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({"s": {3, 1, 2}}, cls=Enc))
