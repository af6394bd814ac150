class Root:
    def __init__(self, **kw):
        print('Root init, leftover', sorted(kw))
class Colored(Root):
    def __init__(self, color='none', **kw):
        print('Colored init', color)
        self.color = color
        super().__init__(**kw)
class Sized(Root):
    def __init__(self, size=0, **kw):
        print('Sized init', size)
        self.size = size
        super().__init__(**kw)
class Widget(Colored, Sized):
    def __init__(self, **kw):
        print('Widget init')
        super().__init__(**kw)
w = Widget(color='red', size=5, extra=1)
print(w.color, w.size, [c.__name__ for c in Widget.__mro__])
