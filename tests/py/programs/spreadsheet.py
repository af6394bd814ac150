cells = {
    'A1': '10', 'A2': '20', 'A3': '=A1+A2', 'B1': '=A3*2', 'B2': '=B1-A1', 'B3': '=SUM(A1:A3)',
    'C1': '=B3/4', 'C2': '=C1+C3', 'C3': '=C2', 'D1': 'hello', 'D2': '=D1+1',
}
class CycleError(Exception):
    pass
cache = {}
def col_row(ref):
    return ref[0], int(ref[1:])
def evaluate(ref, visiting=()):
    if ref in visiting:
        raise CycleError('cycle at ' + ref)
    if ref in cache:
        return cache[ref]
    raw = cells.get(ref, '0')
    if not raw.startswith('='):
        try:
            v = int(raw)
        except ValueError:
            v = raw
    else:
        v = calc(raw[1:], visiting + (ref,))
    cache[ref] = v
    return v
def calc(expr, visiting):
    if expr.startswith('SUM(') and expr.endswith(')'):
        a, b = expr[4:-1].split(':')
        (ca, ra), (cb, rb) = col_row(a), col_row(b)
        total = 0
        for c in range(ord(ca), ord(cb) + 1):
            for r in range(ra, rb + 1):
                total += evaluate(chr(c) + str(r), visiting)
        return total
    for op in '+-*/':
        if op in expr:
            l, r = expr.split(op, 1)
            lv, rv = operand(l, visiting), operand(r, visiting)
            if op == '+':
                return lv + rv
            if op == '-':
                return lv - rv
            if op == '*':
                return lv * rv
            return lv / rv
    return operand(expr, visiting)
def operand(tok, visiting):
    tok = tok.strip()
    if tok.isdigit():
        return int(tok)
    return evaluate(tok, visiting)
for ref in sorted(cells):
    try:
        print(ref, repr(evaluate(ref)))
    except CycleError as e:
        print(ref, 'error:', e)
    except TypeError as e:
        print(ref, 'type error:', e)
