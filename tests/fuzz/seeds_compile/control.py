for i in range(3):
    while i:
        try:
            if i == 1: break
            elif i: continue
            else: pass
        except (ValueError, KeyError) as e:
            raise RuntimeError from e
        except* TypeError:
            pass
        else:
            del i
        finally:
            i -= 1
    else:
        print('else')
with open('x') as f, open('y') as g:
    pass
match [1, 2]:
    case [1, *rest] if rest: print(rest)
    case {'k': v, **kw}: pass
    case Point(x=0) | None: pass
    case _: pass
assert x, 'msg'
import os.path as p, sys
from . import a
from ..b import (c as d, e)
