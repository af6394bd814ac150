def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise TypeError('could not parse %r' % s) from e
print(parse('12'))
print(parse('1x'))
