class Config:
    DEBUG = False
    LEVEL = 3
    NAMES = ('a', 'b')
    def describe():
        return 'config'
print(Config.DEBUG, Config.LEVEL, Config.NAMES, Config.describe())
Config.LEVEL += 1
print(Config.LEVEL)
print(hasattr(Config, 'DEBUG'), hasattr(Config, 'describe'), hasattr(Config, 'nothing'))
class Color:
    RED, GREEN, BLUE = range(3)
print(Color.RED, Color.GREEN, Color.BLUE)
