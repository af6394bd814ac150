class ConfigError(Exception):
    pass
def load(name):
    if not name.endswith('.cfg'):
        raise ConfigError('unsupported config file: ' + name)
    return {}
print(load('a.cfg'))
load('b.txt')
