def logged(f):
    def w(*a, **k):
        print('calling', f.__name__)
        return f(*a, **k)
    return w
class Service:
    version = 3
    def __init__(self, name):
        self._name = name
    @property
    def name(self):
        return self._name.title()
    @staticmethod
    @logged
    def helper(x):
        return x * 2
    @classmethod
    def create(cls, name):
        return cls(name)
    @logged
    def run(self, n):
        return [self.helper(i) for i in range(n)]
s = Service.create('main service')
print(s.name)
print(s.run(3))
print(Service.helper(21))
