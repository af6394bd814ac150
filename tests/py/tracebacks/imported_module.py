# An exception raised inside an imported module's function.
import sys
sys.path.insert(0, "_support_tb")
import tbhelper

print(tbhelper.safe_div(6, 3))
print(tbhelper.safe_div(6, 0))
