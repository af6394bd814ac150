class Z:
    def __bool__(self):
        print("bool called")
        return False
    def __len__(self):
        print("len called")
        return 1
class L:
    def __len__(self):
        print("len called")
        return 0
print(bool(Z()))
print(bool(L()))
print(not Z())
if L():
    print("yes")
else:
    print("no")
print(Z() or 'fallback')
r = L() and 'unreached'
print(type(r).__name__)
class Bad:
    def __bool__(self):
        return 1
try:
    bool(Bad())
except TypeError as e:
    print("TypeError", e)
