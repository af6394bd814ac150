try:
    raise SystemExit(7)
except SystemExit as e:
    print('caught SystemExit', e.code)
raise SystemExit(5)
