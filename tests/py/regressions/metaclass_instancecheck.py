# isinstance / issubclass consult a metaclass's __instancecheck__ / __subclasscheck__ (as ABCMeta
# relies on); an exact type match never calls it.
calls = []


class Meta(type):
    def __instancecheck__(cls, obj):
        calls.append(("instancecheck", type(obj).__name__))
        return obj == "magic"

    def __subclasscheck__(cls, sub):
        calls.append(("subclasscheck", sub.__name__))
        return sub is int


class A(metaclass=Meta):
    pass


print(isinstance("magic", A), isinstance("plain", A), isinstance(A(), A))
print(isinstance(3, (str, A)), isinstance("magic", (int, A)))
print(issubclass(int, A), issubclass(str, A), issubclass(bool, (A, str)))
print(calls)


class B(A):  # the metaclass is inherited
    pass


print(isinstance("magic", B), issubclass(int, B))
