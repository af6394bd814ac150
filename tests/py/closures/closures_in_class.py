class Btn:
    def __init__(self, label):
        self.label = label
        self.handlers = []
    def on(self, f):
        self.handlers.append(f)
    def click(self):
        return [h(self) for h in self.handlers]
log = []
def make_handler(tag):
    def h(btn):
        log.append(tag + ':' + btn.label)
        return len(log)
    return h
b = Btn('ok')
for t in ['a', 'b', 'c']:
    b.on(make_handler(t))
print(b.click(), b.click())
print(log)
