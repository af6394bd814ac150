class Color:
    def __init__(self, r, g, b):
        self.r, self.g, self.b = r, g, b
    @staticmethod
    def _clip(v):
        return max(0, min(255, int(v)))
    @classmethod
    def from_hex(cls, s):
        s = s.lstrip('#')
        return cls(int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))
    @classmethod
    def gray(cls, level):
        v = cls._clip(level)
        return cls(v, v, v)
    @property
    def hex(self):
        return '#%02x%02x%02x' % (self.r, self.g, self.b)
    @property
    def brightness(self):
        return round((self.r * 299 + self.g * 587 + self.b * 114) / 1000, 2)
    def mix(self, other, t=0.5):
        return Color(self._clip(self.r + (other.r - self.r) * t), self._clip(self.g + (other.g - self.g) * t),
                     self._clip(self.b + (other.b - self.b) * t))
red = Color.from_hex('#ff0000')
blue = Color.from_hex('0000FF')
print(red.hex, blue.hex, red.mix(blue).hex, Color.gray(300).hex, Color.gray(-5).hex, Color.gray(127.9).hex)
print(red.brightness, blue.brightness, Color.from_hex('#808080').brightness)
for t in [0, 0.25, 0.5, 0.75, 1]:
    print(t, red.mix(blue, t).hex)
