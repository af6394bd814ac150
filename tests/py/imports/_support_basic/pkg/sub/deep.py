print("pkg.sub.deep running")
ANSWER = 42
class Thing:
    def __repr__(self):
        return "Thing(%s)" % __name__
