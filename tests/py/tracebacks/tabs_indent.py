# Lines indented with tabs and mixed whitespace.
def f(n):
	if n > 2:
		return n / (n - n)
	return f(n + 1)


print("go")
f(0)
