# raise ... from ...: the cause's traceback first.
class ConfigError(Exception):
    pass


def get(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise ConfigError("missing " + k) from e


get({"x": 1}, "y")
