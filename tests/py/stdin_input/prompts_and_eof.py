name = input('Name? ')
print('Hello, ' + name + '!')
age = int(input('Age? ').strip())
print('Next year you will be', age + 1)
lines = []
while True:
    try:
        lines.append(input())
    except EOFError as e:
        print('EOFError', e)
        break
print(len(lines), lines)
