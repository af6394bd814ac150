a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~b)
print(-5 & 3, -5 | 3, -5 ^ 3, ~-5)
big = (1 << 100) | 0xff
print(big & 0xf0, big | 1, big ^ (1 << 100), ~big)
print((-(1 << 80)) & ((1 << 90) - 1))
print(bin(a), bin(-a), hex(big), oct(64))
print((123).bit_length(), (0).bit_length(), (-1).bit_length(), (2 ** 100).bit_length())
print(True & False, True | False, True ^ True)
