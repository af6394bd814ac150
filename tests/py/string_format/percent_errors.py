for fmt, args in [('%d', 'x'), ('%d %d', (1,)), ('%s', (1, 2)), ('%z', 1), ('%(k)s', {})]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
