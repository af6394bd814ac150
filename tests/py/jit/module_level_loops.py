# Loops at module level (LOAD_NAME / STORE_NAME) and functions assigning globals: traces read
# and write the module namespace in place; the interpreter's cached global reads must see
# every store, and a new global created mid-loop changes the namespace's layout.
total = 0
for i in range(5000):
    total += i * 3
    if i % 777 == 0:
        total -= 1
print(total, i)

counter = 0
def bump(k):
    global counter
    counter += k
    return counter

acc = 0
for j in range(4000):
    acc += bump(j % 5)
    if j == 2500:
        newname = "created"      # a new global: the namespace's layout changes
print(acc, counter, newname)

def reader():
    return counter * 2          # LOAD_GLOBAL cached by the interpreter

x = 0.5
k = 0
while k < 3000:
    x = x * 1.0001 + k
    k += 1
    if k % 1000 == 0:
        print(k, reader(), round(x, 3))
print(x, k)

names = ["a", "b", "c"]
for n in range(300):
    globals()["dyn"] = n        # stored through the dict itself, not STORE_NAME
    total += dyn
print(total, dyn)
