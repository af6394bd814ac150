try:
    s = input('prompt> ')
    print('got', repr(s))
except EOFError as e:
    print()
    print('EOFError:', e)
