s = 'naïve café — 日本 ñ'
print(s, len(s))
print(s.upper(), s.title())
print([c for c in s if ord(c) > 127])
print(s.find('日'), s[11:13], s.split(' '))
print(repr('\u00ff'), repr('\u0100'), '\u00e9' == 'é')
