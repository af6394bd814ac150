# compile(), exec() and eval() with default and explicit namespaces, code objects, SyntaxError.
x = 10
print(eval("x * 2 + 1"))
exec("y = x + 5\nprint('in exec', y)")
print(y)
g = {"a": 3}
exec("b = a * a", g)
print(g["b"], sorted(k for k in g if k != "__builtins__"))
def f():
    z = 7
    return eval("z + 1")
print(f())
c = compile("1 + 2", "<s>", "eval")
print(eval(c), type(c).__name__)
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno)
print(eval("  42"))
exec(compile("for i in range(3): print(i)", "<m>", "exec"))
