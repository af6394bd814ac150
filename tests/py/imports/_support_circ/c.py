from _support_circ.d import D
C = "c"
