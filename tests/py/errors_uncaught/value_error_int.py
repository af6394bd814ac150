for s in ['1', '22', 'abc']:
    print(int(s) * 2)
