import math
print(math.sin(0), math.cos(0), math.tan(0), math.sin(math.pi / 2), math.cos(math.pi))
print(round(math.sin(math.pi), 10), round(math.cos(math.pi / 2), 10), math.atan(1) * 4 == math.pi)
print(math.degrees(math.pi), math.radians(180), math.radians(90) == math.pi / 2)
print(math.atan2(1, 1), math.atan2(-1, -1), math.asin(1), math.acos(1), math.acos(0))
print(math.hypot(3, 4), math.hypot(5, 12), math.sinh(0), math.cosh(0), math.tanh(0))
for deg in range(0, 361, 45):
    r = math.radians(deg)
    print(deg, round(math.sin(r), 6), round(math.cos(r), 6))
