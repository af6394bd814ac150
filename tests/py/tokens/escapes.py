# Escape sequences
print('tab:\tX')
print('newline:\nX')
print(repr('\n\t\r\\'))
print('\x41\x42\x43', '\101\102\103', '\u0041')
print(len('\x00'), ord('\x00'), ord('\x7f'))
print(repr('\x00\x01\x1f\x7f'))
print(repr("quote ' inside"), repr('dq " inside'), repr('both \' and "'))
print('\\n is not newline', len('\\n'))
print('a\
b')
print(ord('\a'), ord('\b'), ord('\f'), ord('\v'), ord('\0'))
print(repr('\u00e9'), len('\u00e9'))
print(repr('\xe9t\xe9'))
