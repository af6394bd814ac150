# Integer literals of every form
print(0, 00, 0_0)
print(42, 1_000_000, 0x1F, 0XfF, 0o17, 0O777, 0b1010, 0B1111_0000)
print(0x_dead_beef, 0o_1_2, 0b_1)
print(123456789012345678901234567890)
print(0xFFFFFFFFFFFFFFFFFFFFFFFF)
print(-0x10, +0o10, ~0b10)
print(type(0x10).__name__, type(10**30).__name__)
x = 1_2_3
print(x + 1)
