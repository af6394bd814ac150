x = 3.14159
n = 1234567
s = 'hi'
w = 10
print(f'{x}', f'{x:.2f}', f'{x:>10.3f}|', f'{x:<10.1f}|', f'{x:^10.2f}|', f'{x:+.1e}')
print(f'{n:,}', f'{n:_}', f'{n:>12,}', f'{255:08b}', f'{255:#06x}', f'{-5:05d}', f'{n:e}')
print(f'{s!r}', f'{s!s}', f'{s:*>6}', f'{s:_<5}', f'{s:^7}|')
print(f'{x:{w}.3f}|', f'{"nested"!r}', f"{'a' + 'b'}", f'{[1, 2][0]}', f'{ {"k": 1}["k"] }')
print(f'{1 + 2 * 3}', f'{n // 1000}', f'{s.upper()}', f'{len(s) > 1}')
print(f'{{}}', f'{{{n}}}', f'a{""}b')
print(f'{0.1 + 0.2}', f'{1e20}', f'{float("inf")}', f'{-0.0}')
items = [('apple', 1.5, 3), ('kiwi', 0.25, 12), ('watermelon', 4.0, 1)]
for name, price, qty in items:
    print(f'{name:<12}{price:>8.2f}{qty:>5d}{price * qty:>10.2f}')
print(f'''multi
{s}line''')
