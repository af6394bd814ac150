def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == '.'):
                j += 1
            tokens.append(('NUM', src[i:j]))
            i = j
        elif c.isalpha() or c == '_':
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == '_'):
                j += 1
            word = src[i:j]
            tokens.append(('KW' if word in ('if', 'else', 'while', 'def', 'return') else 'ID', word))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < len(src) and src[j] != c:
                if src[j] == '\\':
                    j += 1
                j += 1
            tokens.append(('STR', src[i:j + 1]))
            i = j + 1
        elif src[i:i + 2] in ('==', '!=', '<=', '>=', '->'):
            tokens.append(('OP', src[i:i + 2]))
            i += 2
        elif c in '+-*/=<>()[]{}:,;':
            tokens.append(('OP', c))
            i += 1
        elif c == '#':
            while i < len(src) and src[i] != '\n':
                i += 1
        else:
            tokens.append(('ERR', c))
            i += 1
    return tokens
code = '''def area(r):  # circle
    if r <= 0: return 0
    return 3.14159 * r * r
x = area(2) != "two\\"s" ; y = [1, 2]{} @'''
toks = tokenize(code)
for kind, text in toks:
    print('%-4s %s' % (kind, text))
counts = {}
for kind, _ in toks:
    counts[kind] = counts.get(kind, 0) + 1
print(sorted(counts.items()))
