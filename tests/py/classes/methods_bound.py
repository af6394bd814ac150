class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, other):
        return self.name + ' greets ' + other
g = Greeter('Ann')
m = g.greet
print(m('Bob'), Greeter.greet(g, 'Cy'))
print(m == g.greet, m == Greeter('Ann').greet)
fs = [Greeter(n).greet for n in 'xyz']
print([f('w') for f in fs])
g.greet = lambda other: 'instance attr ' + other
print(g.greet('Q'))
print(Greeter('B').greet('Z'))
