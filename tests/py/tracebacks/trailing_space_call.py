# A whole-line call followed by trailing whitespace gets carets (the line is longer than the call).
def fail():
    return {}["x"]


fail()  
