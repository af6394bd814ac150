// frontend/int_digits.h — the limit on decimal digits in int <-> str conversions
// (sys.set_int_max_str_digits, -X int_max_str_digits, PYTHONINTMAXSTRDIGITS; 0 = no limit).
// One variable for int() / str() at run time and for decimal literals at compile time (a
// SyntaxError, as CPython's parser raises), so it lives in the lowest stage that reads it.
#pragma once

namespace chaipy {
extern int g_int_max_str_digits;
}
