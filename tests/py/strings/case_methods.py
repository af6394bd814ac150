words = ['hello', 'WORLD', 'Mixed Case', "it's a dog's life", 'snake_case_id', '123abc', 'ÉCOLE', 'x']
for w in words:
    print(w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase())
print('hello world'.title(), 'HELLO'.capitalize(), 'aBc'.swapcase())
