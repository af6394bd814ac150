"""contextvars (PEP 567): variables, tokens, contexts, Context.run isolation and the errors CPython
raises; decimal's local contexts run on top of it."""
import contextvars
from contextvars import Context, ContextVar, Token, copy_context

v = ContextVar("v")
w = ContextVar("w", default=10)
print(v.name, w.name, w.get(), w.get(20), v.get("fallback"))
try:
    v.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__, e.args[0] is v)

t = v.set(1)
print(v.get(), t.var is v, t.old_value is Token.MISSING, repr(Token.MISSING))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
try:
    v.reset(t2)
except RuntimeError as e:
    print("RuntimeError", str(e).startswith("<Token used var=<ContextVar name='v'"), str(e).endswith("has already been used once"))
try:
    w.reset(t)
except ValueError as e:
    print("ValueError", str(e).endswith("was created by a different ContextVar"))
try:
    v.reset(1)
except TypeError as e:
    print("TypeError", e)

# A copy does not see later changes, and run() works in its own copy.
ctx = copy_context()
v.set(3)
print(ctx[v], v.get(), v in ctx, w in ctx, len(ctx), ctx.get(w), ctx.get(w, "d"))


def inside(x, *, y):
    v.set(x + y)
    w.set("in")
    return v.get(), w.get(), copy_context()[v]


print(ctx.run(inside, 100, y=5))
print(ctx[v], ctx[w], v.get(), w.get())
print(sorted(var.name for var in ctx), sorted(var.name for var in ctx.keys()), sorted(ctx.values(), key=str))
print(sorted((k.name, val) for k, val in ctx.items()))
print(ctx == ctx.copy(), ctx == copy_context(), ctx != Context())


def reenter():
    ctx.run(lambda: None)


try:
    ctx.run(reenter)
except RuntimeError as e:
    print("RuntimeError", str(e).startswith("cannot enter context:"), str(e).endswith("is already entered"))


def reset_elsewhere(tok):
    v.reset(tok)


tok = v.set(4)
try:
    Context().run(reset_elsewhere, tok)
except ValueError as e:
    print("ValueError", str(e).endswith("was created in a different Context"))
v.reset(tok)
print(v.get())

for bad in [lambda: ctx[1], lambda: 1 in ctx, lambda: ctx.get("x"), lambda: ContextVar(1), lambda: Context(1),
            lambda: Token(), lambda: ctx.run()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
# (Only the exception types here: CPython names these types '_contextvars.X' in the messages.)
try:
    hash(ctx)
except TypeError:
    print("TypeError: unhashable")
try:
    class Sub(ContextVar):
        pass
except TypeError:
    print("TypeError: not an acceptable base type")
print(ContextVar[int], Token[str], type(hash(v)))

# decimal keeps its current context in a ContextVar
import decimal
with decimal.localcontext() as lc:
    lc.prec = 5
    print(decimal.Decimal(1) / decimal.Decimal(7))
print(decimal.Decimal(1) / decimal.Decimal(7))
print(contextvars.copy_context().run(lambda: decimal.getcontext().prec))

# Reprs, an empty Context, and a copy taken before run() changes the original.
print(repr(v).startswith("<ContextVar name='v' at 0x"), repr(w).startswith("<ContextVar name='w' default=10 at"))
print(len(Context()), list(Context()), ctx.get(ContextVar("z"), "none"))
c2 = ctx.copy()
ctx.run(v.set, "changed")
print(ctx[v], c2[v])
