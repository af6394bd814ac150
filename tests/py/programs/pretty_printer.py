def dump(v, indent=0, step=2):
    pad = ' ' * indent
    if isinstance(v, dict):
        if not v:
            return '{}'
        items = []
        for k in v:
            items.append(' ' * (indent + step) + quote(str(k)) + ': ' + dump(v[k], indent + step, step))
        return '{\n' + ',\n'.join(items) + '\n' + pad + '}'
    if isinstance(v, (list, tuple)):
        if not v:
            return '[]'
        if all([isinstance(x, (int, float)) and not isinstance(x, bool) for x in v]):
            return '[' + ', '.join([dump(x) for x in v]) + ']'
        return '[\n' + ',\n'.join([' ' * (indent + step) + dump(x, indent + step, step) for x in v]) + '\n' + pad + ']'
    if isinstance(v, str):
        return quote(v)
    if v is None:
        return 'null'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, float):
        return repr(v)
    return str(v)
def quote(s):
    out = '"'
    for ch in s:
        if ch == '"':
            out += '\\"'
        elif ch == '\\':
            out += '\\\\'
        elif ch == '\n':
            out += '\\n'
        elif ord(ch) < 32:
            out += '\\u%04x' % ord(ch)
        else:
            out += ch
    return out + '"'
doc = {'name': 'chaipy', 'version': [0, 1, 2], 'ratio': 0.75, 'tags': ['jit', 'python', 'c++'],
       'nested': {'empty_list': [], 'empty_dict': {}, 'flag': True, 'nothing': None,
                  'mixed': [1, 'two', {'three': 3.0}], 'quote': 'say "hi"\n\ttab'},
       7: 'int key'}
print(dump(doc))
print(dump([]), dump({}), dump('x'), dump(False), dump(1e100))
