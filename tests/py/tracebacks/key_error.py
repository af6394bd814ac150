# KeyError from d['k'] with spaces inside the brackets.
d = {'a': 1, 'b': 2}
print(d['a'])
print(d[ 'k' ] * 2)
