vals = ['plain', "it's", 'say "hi"', 'tab\there', 'nl\n', '', 'ünï']
for v in vals:
    print('%r | %s' % (v, v), '|', '{!r}'.format(v), f'{v!r:>12}')
print('%r' % [1, 'a'], '%r' % {'k': "v'"}, '%r' % (1.0,))
