# Code objects with the async / match / except* opcodes and flags survive the pyc cache.
import sys
sys.path.insert(0, "_support_newsyntax")
import newsyntax


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


print(run(newsyntax.total(5)))
for v in [[1, 2, 3], {"k": 4}, 5, -1]:
    print(newsyntax.classify(v))
print(newsyntax.split_errors())
print(type(newsyntax.agen(1)).__name__, type(newsyntax.double).__name__)
