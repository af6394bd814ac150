from _support_circ.c import C
D = "d"
