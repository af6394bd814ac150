print('about to raise an int')
raise 42
