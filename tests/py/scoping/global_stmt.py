count = 0
def inc():
    global count
    count += 1
for _ in range(5):
    inc()
print(count)
def create():
    global new_name
    new_name = 'created in function'
create()
print(new_name)
def read_only():
    return count * 2
print(read_only())
def shadow():
    count = 'local'
    return count
print(shadow(), count)
