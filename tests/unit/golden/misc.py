import os
_cache = None

def get(name, width):
    global _cache
    if (n := len(name)) > width:
        name = name[:width]
    _cache = os.path.join(name, "x")
    return "%-10s|%3.2r|%%" % (name, n), b"."[0], (1, 2)[-1]

class Config:
    opts: dict = {"a": 1, **base}
    def __repr__(self):
        return f"{type(self).__name__}({self.opts!r})"
