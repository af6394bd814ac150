x = (1 +
  2) \
  + 3
s = """a
b"""
# comment
y = 1

