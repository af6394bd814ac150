class MathUtil:
    @staticmethod
    def add(a, b):
        return a + b
    @staticmethod
    def clamp(v, lo=0, hi=10):
        return max(lo, min(hi, v))
print(MathUtil.add(2, 3), MathUtil().add('a', 'b'), MathUtil.clamp(15), MathUtil.clamp(-5), MathUtil.clamp(5, hi=4))
class Sub(MathUtil):
    pass
print(Sub.add(1, 1), Sub().clamp(100))
f = MathUtil.add
print(f(10, 20))
