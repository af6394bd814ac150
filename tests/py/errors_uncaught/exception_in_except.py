try:
    [].pop()
except IndexError as e:
    print('caught', e)
    undefined_handler_name
