pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
         (IndexError, LookupError), (UnboundLocalError, NameError), (RecursionError, RuntimeError),
         (NotImplementedError, RuntimeError), (FileNotFoundError, OSError), (StopIteration, Exception),
         (Exception, BaseException), (SystemExit, Exception), (KeyboardInterrupt, Exception),
         (SystemExit, BaseException), (TypeError, ValueError), (AssertionError, Exception), (bool, int)]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
try:
    {}['x']
except LookupError as e:
    print('caught via LookupError:', type(e).__name__)
try:
    [][1]
except (KeyError, IndexError) as e:
    print('caught via tuple:', type(e).__name__)
try:
    1 / 0
except Exception as e:
    print('caught via Exception:', type(e).__name__)
