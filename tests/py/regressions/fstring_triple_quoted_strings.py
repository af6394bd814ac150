# Triple-quoted strings inside f-string replacement fields (they may contain the other quote).
print(f"{'''eric's'''}")
print(f'{"""a"b"""}')
print(f"{'' + 'x'}|{''}|{'''''' or 'empty'}")
print(f"{'''multi
line'''!r}")
