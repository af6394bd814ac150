# contextvars: ContextVar get/set/reset, Token, Context as a mapping, run() and copy_context().
import contextvars
from contextvars import Context, ContextVar, Token, copy_context

v = ContextVar("v")
w = ContextVar("w", default=42)
print(v.name, w.name, w.get(), w.get(7), v.get("fallback"))
try:
    v.get()
except LookupError as e:
    print("LookupError", e.args[0] is v)

t = v.set(1)
print(v.get(), t.var is v, t.old_value is Token.MISSING, repr(Token.MISSING))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
try:
    v.reset(t2)
except RuntimeError as e:
    print("RuntimeError", "has already been used once" in str(e))
try:
    w.reset(t)
except ValueError as e:
    print("ValueError", "different ContextVar" in str(e))
v.reset(t)
print(v.get(None))

ctx = copy_context()
print(type(ctx).__name__, len(ctx) >= 0, v in ctx)
v.set("outer")


def inside(x, *, y):
    v.set("inner")
    w.set(x + y)
    return v.get(), w.get(), len(copy_context()) >= 2


print(ctx.run(inside, 1, y=2))
print(v.get(), w.get(), ctx[v], ctx.get(w), ctx.get(ContextVar("z"), "none"))
print(sorted(var.name for var in ctx if var in (v, w)))
print(sorted((k.name, val) for k, val in ctx.items() if k in (v, w)))
print(sorted(k.name for k in ctx.keys() if k in (v, w)), sorted(map(str, ctx.values()))[-1:])

try:
    ctx[ContextVar("missing")]
except KeyError:
    print("KeyError")
try:
    ctx["v"]
except TypeError as e:
    print("TypeError", e)
try:
    ctx.run(lambda: ctx.run(print))
except RuntimeError as e:
    print("RuntimeError", "is already entered" in str(e))

c2 = ctx.copy()
ctx.run(v.set, "changed")
print(ctx[v], c2[v])
print(len(Context()), list(Context()))
t = ctx.run(v.set, 5)
try:
    v.reset(t)
except ValueError as e:
    print("ValueError", "different Context" in str(e))

for bad in (lambda: ContextVar(1), lambda: Token(), lambda: Context(1)):
    try:
        bad()
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)
try:
    hash(ctx)
except TypeError as e:
    print("TypeError", e)
print(hash(v) == hash(v), ContextVar[int], Token[str])
print(repr(v).startswith("<ContextVar name='v' at 0x"), repr(w).startswith("<ContextVar name='w' default=42 at"))
print(contextvars.__all__ if hasattr(contextvars, "__all__") else None)
