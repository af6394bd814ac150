class InsufficientFunds(Exception):
    pass
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError('deposit must be positive')
        self.balance += amt
        self.history.append(('dep', amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise InsufficientFunds('%s has only %d' % (self.owner, self.balance))
        self.balance -= amt
        self.history.append(('wd', amt))
    def __repr__(self):
        return 'Account(%r, %d)' % (self.owner, self.balance)
acct = Account('ann', 100)
acct.deposit(50)
acct.withdraw(30)
try:
    acct.withdraw(1000)
except InsufficientFunds as e:
    print('error:', e)
try:
    acct.deposit(-5)
except ValueError as e:
    print('error:', e)
print(acct, acct.history)
