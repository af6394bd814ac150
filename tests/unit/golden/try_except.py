def f(a):
    try:
        g()
    except ValueError as e:
        h(e)
    except (KeyError, IndexError):
        pass
    else:
        k()
    finally:
        z()
