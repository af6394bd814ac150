# A source line with trailing whitespace is printed as is.
x = 0
y = 5 % x   
