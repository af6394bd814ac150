class Person:
    def __init__(self, name, age):
        self.name = name
        self.age = age
    @property
    def name(self):
        return self._name
    @name.setter
    def name(self, v):
        if not isinstance(v, str) or not v:
            raise TypeError('name must be a non-empty string')
        self._name = v.strip().title()
    @property
    def age(self):
        return self._age
    @age.setter
    def age(self, v):
        if not isinstance(v, int):
            raise TypeError('age must be int, not %s' % type(v).__name__)
        if v < 0:
            raise ValueError('age must be >= 0')
        self._age = v
p = Person('  ada lovelace ', 36)
print(p.name, p.age)
for attr, val in [('age', -1), ('age', '3'), ('name', ''), ('name', 5), ('age', 40)]:
    try:
        setattr(p, attr, val)
        print('set', attr, getattr(p, attr))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    Person('x', 2.5)
except TypeError as e:
    print('TypeError', e)
