print('raise SystemExit with no args')
raise SystemExit
