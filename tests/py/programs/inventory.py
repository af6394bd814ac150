class Item:
    def __init__(self, sku, name, price, qty):
        self.sku, self.name, self.price, self.qty = sku, name, price, qty
    def value(self):
        return self.price * self.qty
class Inventory:
    def __init__(self):
        self.items = {}
        self.log = []
    def add(self, item):
        if item.sku in self.items:
            self.items[item.sku].qty += item.qty
        else:
            self.items[item.sku] = item
        self.log.append('add %s x%d' % (item.sku, item.qty))
    def sell(self, sku, n):
        it = self.items.get(sku)
        if it is None:
            raise KeyError(sku)
        if it.qty < n:
            raise ValueError('only %d of %s left' % (it.qty, sku))
        it.qty -= n
        self.log.append('sell %s x%d' % (sku, n))
        return it.price * n
    def report(self):
        lines = []
        for sku in sorted(self.items):
            it = self.items[sku]
            lines.append('%-6s %-12s %6.2f x %3d = %8.2f' % (sku, it.name, it.price, it.qty, it.value()))
        lines.append('%-6s %-12s %21.2f' % ('', 'TOTAL', sum([i.value() for i in self.items.values()])))
        return '\n'.join(lines)
inv = Inventory()
inv.add(Item('A100', 'widget', 2.50, 100))
inv.add(Item('B200', 'gadget', 12.99, 20))
inv.add(Item('C300', 'doohickey', 0.35, 1000))
inv.add(Item('A100', 'widget', 2.50, 50))
revenue = 0
for sku, n in [('A100', 30), ('B200', 25), ('C300', 999), ('Z999', 1), ('B200', 20)]:
    try:
        revenue += inv.sell(sku, n)
    except (KeyError, ValueError) as e:
        print('cannot sell:', type(e).__name__, e)
print(inv.report())
print('revenue %.2f' % revenue)
print(inv.log)
