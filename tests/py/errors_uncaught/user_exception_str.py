class Fancy(Exception):
    def __str__(self):
        return 'fancy message with %d args' % len(self.args)
print('start', end='')
print(' and more')
raise Fancy(1, 2, 3)
