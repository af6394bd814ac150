# Hostile source text given to compile(): long chains, deep nesting, NUL bytes, bad escapes and
# cookies, huge literals. CPython's SyntaxError / RecursionError / MemoryError — or the right
# result — and never a crash of the compiler.
import sys

def attempt(label, src, mode="exec"):
    try:
        code = compile(src, "<hostile>", mode)
    except SyntaxError as e:
        print(label, "->", type(e).__name__, e.msg, e.lineno)
        return
    except (RecursionError, MemoryError, ValueError) as e:
        print(label, "->", type(e).__name__, str(e))
        return
    ns = {}
    try:
        exec(code, ns)
    except Exception as e:
        print(label, "-> runs, raises", type(e).__name__, e)
        return
    print(label, "-> ok", ns.get("x", "-"))

# Chains the parser builds with loops, and the compiler's recursion over them.
attempt("1+1 x1600", "x = " + "+".join(["1"] * 1600))
attempt("1+1 x100000", "x = " + "+".join(["1"] * 100000))
attempt("and x10000", "x = " + " and ".join(["1"] * 10000))
attempt("compare x5000", "x = " + " < ".join(str(i) for i in range(5000)))
attempt("'a' 'a' x10000", "x = len(" + " ".join(["'a'"] * 10000) + ")")
attempt(".real x10000", "x = (1)" + ".real" * 10000)
attempt(".real x2000", "x = (1)" + ".real" * 2000)
attempt("[0:1] x2000", "x = [1]" + "[0:1]" * 2000)
attempt("() x5000", "x = (lambda: None)" + "()" * 5000)
# Right-recursive forms: the parser's own depth.
attempt("unary - x1000", "x = " + "-" * 1000 + "1")
attempt("unary - x2000", "x = " + "-" * 2000 + "1")
attempt("unary - x100000", "x = " + "-" * 100000 + "1")
attempt("not x1000", "x = " + "not " * 1000 + "1")
attempt("~ x100000", "x = " + "~" * 100000 + "1")
attempt("lambda x1000", "f = " + "lambda: " * 1000 + "1\nx = 1")
attempt("lambda x100000", "f = " + "lambda: " * 100000 + "1")
attempt("** x1000", "x = " + "1**" * 1000 + "2")
attempt("** x100000", "x = " + "1**" * 100000 + "2")
attempt("if-else x1500", "x = " + "1 if 0 else " * 1500 + "2")
attempt("if-else x100000", "x = " + "1 if 0 else " * 100000 + "2")
attempt("f-string 2000 terms", "x = f'{" + "1+" * 2000 + "1}'")
# Brackets: the tokenizer's 200 levels.
attempt("( x200", "x = " + "(" * 199 + "1" + ")" * 199)
attempt("( x10000", "x = " + "(" * 10000 + "1" + ")" * 10000)
attempt("[ x150", "x = len(" + "[" * 150 + "]" * 150 + ")")
attempt("{1: x500", "x = " + "{1:" * 500 + "1" + "}" * 500)
# Blocks: 20 nested loops/try/with at most; 100 indentation levels.
attempt("if x25", "".join(" " * i + "if 1:\n" for i in range(25)) + " " * 25 + "x = 25\n")
attempt("for x20", "".join(" " * i + "for a%d in [1]:\n" % i for i in range(20)) + " " * 20 + "x = 20\n")
attempt("for x21", "".join(" " * i + "for a%d in [1]:\n" % i for i in range(21)) + " " * 21 + "x = 21\n")
attempt("while x21", "".join(" " * i + "while 1:\n" for i in range(21)) + " " * 21 + "break\n")
attempt("with x21", "".join(" " * i + "with a:\n" for i in range(21)) + " " * 21 + "pass\n")
attempt("if x101", "".join(" " * i + "if 1:\n" for i in range(101)) + " " * 101 + "x = 1\n")
attempt("def x50", "".join(" " * i + "def f%d():\n" % i for i in range(50)) + " " * 50 + "pass\nx = 50\n")
# NUL bytes, backslashes, escapes, cookies.
attempt("NUL in str", "x = 'a\0b'")
attempt("NUL in comment", b"# c \0 d\nx = 1")
attempt("NUL in bytes source", b"x = 1\0")
attempt("backslash at EOF", "x = 1 + \\")
attempt("backslash alone", "x = 1\n\\")
attempt("backslash newline EOF", "x = 1 + \\\n")
attempt("\\N{...}", "x = '\\N{LATIN SMALL LETTER E WITH ACUTE}\\N{EM DASH}'")
attempt("\\N{bogus}", "x = '\\N{NO SUCH CHARACTER NAME}'")
attempt("\\N{ unterminated", "x = '\\N{LATIN'")
attempt("\\N no brace", "x = '\\Nabc'")
attempt("bogus cookie bytes", b"# -*- coding: bogus-enc -*-\nx = 1\n")
attempt("bogus cookie str", "# -*- coding: bogus-enc -*-\nx = 1\n")
attempt("latin-1 cookie", b"# -*- coding: latin-1 -*-\nx = '\xe9'\n")
attempt("NFKC identifiers", "\ufb01 = 3\n\u210c = 1\nx = fi + H")
attempt("NFKC identifiers 2", "\u210c = 2\nfix = 5\nx = H * \ufb01x")
# Huge literals.
attempt("hex 100000 digits", "x = (0x" + "f" * 100000 + ").bit_length()")
attempt("binary 20000 digits", "x = (0b" + "1" * 20000 + ").bit_length()")
attempt("decimal 4000 digits", "x = len(str(" + "9" * 4000 + "))")
attempt("float 400 digits", "x = " + "9" * 400 + ".5")
attempt("string 10**6", "x = len('" + "a" * 10**6 + "')")
attempt("eval deep", "-" * 100000 + "1", "eval")
print(sys.getrecursionlimit())
