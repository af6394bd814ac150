# An error inside a list comprehension.
nums = [4, 2, 0, 1]
print([10 // n for n in nums if n > 1])
print([10 // n for n in nums])
