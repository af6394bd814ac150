# Indentation styles: tabs vs spaces per block, deep nesting
def f(n):
  if n > 0:
        for i in range(n):
            if i % 2:
                    print("odd", i)
            else:
             print("even", i)
  return n
print(f(3))
class A:
 def m(self):
   return "m"
print(A().m())
if True: print("one-liner")
for i in range(2): print("loop", i)
while False: pass
def g(): return "g"
print(g())
x = 1; y = 2; print(x + y)
if x:
    pass
else:
    pass
print("done")
