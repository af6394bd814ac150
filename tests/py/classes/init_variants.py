class NoInit:
    pass
n = NoInit()
print(type(n).__name__)
try:
    NoInit(1)
except TypeError as e:
    print("TypeError", e)
class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as e:
    print("TypeError", e)
class Factory:
    def __init__(self, kind):
        self.kind = kind
    def clone(self):
        return type(self)(self.kind + '+')
print(Factory('x').clone().clone().kind)
