class Box:
    def __init__(self):
        self._items = []
    @property
    def items(self):
        print('get')
        return self._items
    @items.setter
    def items(self, v):
        print('set', v)
        self._items = list(v)
    @items.deleter
    def items(self):
        print('delete')
        self._items = []
b = Box()
b.items = (1, 2)
print(b.items)
b.items.append(3)
print(b._items)
del b.items
print(b._items)
def get_x(self):
    return 'x from old-style property'
class Old:
    x = property(get_x)
print(Old().x, isinstance(Old.x, property))
