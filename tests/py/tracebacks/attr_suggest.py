# AttributeError with suggestions from instance attributes, methods and the MRO.
class Base:
    def compute_total(self):
        return 1


class A(Base):
    def __init__(self):
        self.value = 42
        self.values = [1]


a = A()
print(a.value, a.compute_total())
print(a.compute_totl())
