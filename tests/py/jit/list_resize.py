# A list resized inside the hot loop body (append, pop, insert, del, extend, clear) while its
# length and elements are read: the JIT must not cache the length or the item storage.
stack = []
chk = 0
for i in range(3000):
    if i % 5 < 3:
        stack.append(i)
    elif stack:
        chk += stack.pop() * len(stack)
    if i == 1500:
        stack.extend(range(100))
    if i == 2000:
        del stack[10:]
    if i == 2500:
        stack.insert(0, -1)
        stack.insert(len(stack) // 2, -2)
    chk = (chk + len(stack) + (stack[-1] if stack else 0)) % 1000000007
print(chk, len(stack), stack[:5], stack[-5:])

# Queue behaviour: pop(0) from the front while appending at the back.
q = list(range(50))
s = 0
for i in range(2500):
    x = q.pop(0)
    s += x
    if x % 3:
        q.append(x + 50)
    if not q:
        q = [i]
print(s, len(q))

# Clearing the list the loop reads from, and the loop over a list that shrinks.
data = list(range(200))
acc = 0
for i in range(2000):
    if i == 1200:
        data.clear()
        data += [7, 8, 9]
    acc += data[i % len(data)]
print(acc, data)

shrink = list(range(3000))
seen = 0
for v in shrink:
    seen += v
    if len(shrink) > 1000:
        shrink.pop()            # the for loop's end moves
print(seen, len(shrink))
