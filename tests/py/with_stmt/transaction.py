class Transaction:
    def __init__(self, store):
        self.store = store
    def __enter__(self):
        self.snapshot = dict(self.store)
        return self.store
    def __exit__(self, et, ev, tb):
        if et is not None:
            self.store.clear()
            self.store.update(self.snapshot)
            print('rolled back because', et.__name__)
            return True
        print('committed')
        return False
db = {'a': 1}
with Transaction(db) as t:
    t['b'] = 2
print(db)
with Transaction(db) as t:
    t['c'] = 3
    t['a'] = 100
    raise ValueError('abort')
print(db)
for i in range(3):
    with Transaction(db) as t:
        t['k%d' % i] = i
        if i == 1:
            raise KeyError(i)
print(sorted(db.items()))
