class Point(Base, metaclass=Meta):
    """A point."""
    count = 0
    def __init__(self, x, y=0):
        super().__init__()
        self.__x = x
        self.y = y
    @property
    def x(self):
        return self.__x
