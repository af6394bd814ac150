nums = list(range(10))
i = 0
while i < len(nums):
    if nums[i] % 3 == 0:
        nums.pop(i)
    else:
        i += 1
print(nums)
items = [1, 2, 3]
for x in items[:]:
    items.append(x * 10)
print(items)
d = {k: k * k for k in range(6)}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
acc = []
for ch in 'abc':
    for ch2 in ch * 2:
        acc.append(ch2)
print(''.join(acc))
