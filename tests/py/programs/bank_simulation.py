class InsufficientFunds(Exception):
    pass
class Account:
    next_id = 1000
    def __init__(self, owner, balance=0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self.balance = balance
        self.ledger = []
    def deposit(self, amount):
        self.balance += amount
        self.ledger.append(('deposit', amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds('account %d: balance %d < %d' % (self.id, self.balance, amount))
        self.balance -= amount
        self.ledger.append(('withdraw', amount))
    def __repr__(self):
        return '<Account %d %s %d>' % (self.id, self.owner, self.balance)
class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate
    def add_interest(self):
        interest = round(self.balance * self.rate)
        self.deposit(interest)
        return interest
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, acct):
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except InsufficientFunds as e:
            print('transfer failed:', e)
            return False
        self.accounts[dst].deposit(amount)
        return True
    def total(self):
        return sum([a.balance for a in self.accounts.values()])
bank = Bank()
a = bank.open(Account('alice', 500))
b = bank.open(SavingsAccount('bob', 1000, 0.05))
c = bank.open(Account('carol'))
print(bank.transfer(a.id, c.id, 200), bank.transfer(c.id, b.id, 500), bank.transfer(b.id, a.id, 300))
for month in range(3):
    print('interest', b.add_interest())
print(a, b, c)
print('total', bank.total())
for acct in bank.accounts.values():
    print(acct.owner, acct.ledger)
