class Rec:
    pass
r = Rec()
for i, name in enumerate(['alpha', 'beta', 'gamma']):
    setattr(r, name, i * 10)
print(r.alpha, getattr(r, 'beta'), hasattr(r, 'gamma'), hasattr(r, 'delta'))
delattr(r, 'beta')
print(hasattr(r, 'beta'), getattr(r, 'alpha', None), getattr(r, 'beta', 'gone'))
for name in ['alpha', 'beta', 'gamma']:
    setattr(r, name, getattr(r, name, 0) + 1)
print(r.alpha, r.beta, r.gamma)
class Settings:
    mode = 'fast'
print(getattr(Settings, 'mode'), getattr(Settings(), 'mode'))
setattr(Settings, 'mode', 'slow')
print(Settings().mode)
try:
    setattr(5, 'x', 1)
except AttributeError as e:
    print("AttributeError", e)
