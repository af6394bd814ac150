class ParseError(Exception):
    pass
def tokenize(s):
    toks, i = [], 0
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            toks.append(int(s[i:j])); i = j
        elif c.isalpha():
            j = i
            while j < len(s) and s[j].isalnum():
                j += 1
            toks.append(s[i:j]); i = j
        elif c in '+-*/%()^=':
            toks.append(c); i += 1
        else:
            raise ParseError('bad char %r' % c)
    return toks
class Parser:
    def __init__(self, toks, env):
        self.toks, self.pos, self.env = toks, 0, env
    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None
    def take(self):
        t = self.peek()
        self.pos += 1
        return t
    def expr(self):
        v = self.term()
        while self.peek() in ('+', '-'):
            op = self.take()
            r = self.term()
            v = v + r if op == '+' else v - r
        return v
    def term(self):
        v = self.factor()
        while self.peek() in ('*', '/', '%'):
            op = self.take()
            r = self.factor()
            if op == '*':
                v *= r
            elif r == 0:
                raise ZeroDivisionError('division by zero in expression')
            elif op == '/':
                v //= r
            else:
                v %= r
        return v
    def factor(self):
        b = self.unary()
        if self.peek() == '^':
            self.take()
            return b ** self.factor()
        return b
    def unary(self):
        if self.peek() == '-':
            self.take()
            return -self.unary()
        return self.atom()
    def atom(self):
        t = self.take()
        if t == '(':
            v = self.expr()
            if self.take() != ')':
                raise ParseError('expected )')
            return v
        if isinstance(t, int):
            return t
        if isinstance(t, str) and t.isalpha():
            if t not in self.env:
                raise ParseError('unknown variable ' + t)
            return self.env[t]
        raise ParseError('unexpected token %r' % (t,))
def run(lines):
    env = {}
    for line in lines:
        try:
            toks = tokenize(line)
            if len(toks) > 2 and toks[1] == '=':
                p = Parser(toks[2:], env)
                env[toks[0]] = p.expr()
                print(toks[0], '=', env[toks[0]])
            else:
                p = Parser(toks, env)
                v = p.expr()
                if p.peek() is not None:
                    raise ParseError('trailing tokens')
                print(line, '->', v)
        except (ParseError, ZeroDivisionError) as e:
            print(line, '!!', type(e).__name__, e)
run(['1 + 2 * 3', '(1 + 2) * 3', '2 ^ 3 ^ 2', '-2 ^ 2', 'x = 7', 'y = x * (x - 1) / 2', 'y % 5 + x',
     '10 / (5 - 5)', 'z + 1', '3 $ 4', '(1 + 2', '1 2', '2 ^ 100', '-(-(-3))'])
