# except* semantics: each clause handles its part of the group, the rest propagates, what a
# clause raises is collected, naked exceptions are wrapped.


def show(e):
    if isinstance(e, BaseExceptionGroup):
        return "%s(%r, [%s])" % (type(e).__name__, e.message, ", ".join(show(x) for x in e.exceptions))
    return repr(e)


def attempt(body):
    try:
        body()
    except BaseException as e:
        print("  escaped:", show(e))
    else:
        print("  nothing escaped")


def all_handled():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        print("  ValueError part:", show(e))
    except* TypeError as e:
        print("  TypeError part:", show(e))


def partly_handled():
    try:
        raise ExceptionGroup("eg", [ValueError(1), KeyError(2), ExceptionGroup("sub", [OSError(3), ValueError(4)])])
    except* ValueError as e:
        print("  handled:", show(e))


def naked():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        print("  wrapped:", show(e), repr(e.exceptions[0]))


def naked_unmatched():
    try:
        raise KeyError("naked")
    except* ValueError:
        print("  not reached")


def raises_new():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise OSError("from handler")
    except* TypeError:
        raise RuntimeError("other handler")


def reraises():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise


def reraise_and_new():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
    except* TypeError:
        raise KeyError("new")


def naked_raise_in_handler():
    try:
        raise ValueError(1)
    except* ValueError:
        raise TypeError(2)


def else_finally():
    try:
        pass
    except* ValueError:
        print("  not reached")
    else:
        print("  else ran")
    finally:
        print("  finally ran")


def tuple_types():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* (ValueError, TypeError) as e:
        print("  tuple clause:", show(e))
    except* KeyError as e:
        print("  key clause:", show(e))


def handler_variable_cleared():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as e:
        pass
    try:
        e
    except NameError as err:
        print("  NameError:", err)


def exc_info_in_handler():
    import sys
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        print("  exc_info:", show(sys.exc_info()[1]))


def bad_types():
    for t in (ExceptionGroup, (ValueError, ExceptionGroup), int):
        try:
            try:
                raise ValueError
            except* t:
                pass
        except TypeError as e:
            print("  TypeError:", e)


def loop_inside_handler():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        for i in range(3):
            if i == 1:
                continue
            if i == 2:
                break
            print("  loop", i)


def nested_except_star():
    try:
        try:
            raise ExceptionGroup("outer", [ValueError(1), TypeError(2)])
        except* ValueError:
            try:
                raise ExceptionGroup("inner", [KeyError(3)])
            except* KeyError as k:
                print("  inner handled:", show(k))
    except* TypeError as t:
        print("  outer handled:", show(t))


for f in [all_handled, partly_handled, naked, naked_unmatched, raises_new, reraises, reraise_and_new,
          naked_raise_in_handler, else_finally, tuple_types, handler_variable_cleared, exc_info_in_handler,
          bad_types, loop_inside_handler, nested_except_star]:
    print(f.__name__)
    attempt(f)

# context of exceptions raised in handlers is the matched part (CPython 3.11.2 wraps the lone
# KeyError in a new ExceptionGroup, 3.11.4+ raises it bare: the oracle may be either)
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise KeyError("k")
except (ExceptionGroup, KeyError) as g:
    k = g.exceptions[0] if isinstance(g, ExceptionGroup) else g
    print(show(k), show(k.__context__))

# a hot loop with except*
count = 0
for i in range(300):
    try:
        if i % 3 == 0:
            raise ExceptionGroup("x", [ValueError(i)])
    except* ValueError:
        count += 1
print(count)

# a naked exception is wrapped in a new group without a traceback of its own
try:
    raise ValueError(1)
except* ValueError as e:
    print(e.__traceback__ is None, e.exceptions[0].__traceback__ is not None)
