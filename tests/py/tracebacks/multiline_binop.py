# A binary operation whose operands span lines.
first = 10
second = "x"
total = (first +
         second)
