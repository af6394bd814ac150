# A method call chain where one link does not exist.
s = "  Hello World  "
print(s.strip().lower())
print(s.strip().uper().split())
