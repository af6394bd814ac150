x, w = 3.14159, 10
print(f"{x!r:>{w}} {x:.{2}f} {'a' 'b'} {{literal}} {x=} {f'{x}'}")
print(rf"\d{w}" b"\x00" "\N{BULLET}" '\u00e9' "\U0001F600")
