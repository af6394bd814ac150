// interp/modules/math.cpp — the math module, bit-for-bit CPython 3.11's results.
//
// Contract: one-argument functions follow CPython's error rule — a NaN result from a non-NaN
// argument is ValueError("math domain error"); an infinite result from a finite argument is
// OverflowError("math range error") for functions that can overflow, ValueError otherwise.
// Where CPython does not call libm (gamma, lgamma, hypot/dist, fsum, log of huge ints) the same
// numerical method is used here so results agree to the last bit.
#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <vector>

#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

constexpr double kPi = 3.141592653589793238462643383279502884;

Value domain_error() { return raise(exc::ValueError, "math domain error"); }
Value range_error() { return raise(exc::OverflowError, "math range error"); }

// -- Argument conversion ---------------------------------------------------------------------------
// float(v) for a math argument: floats, ints (OverflowError when too large), __float__, __index__.
bool to_dbl(Value v, double* out) {
  if (v.is_double()) { *out = v.as_double(); return true; }
  if (v.is_small_int()) { *out = double(v.as_small_int()); return true; }
  if (v.is_bool()) { *out = v.as_bool(); return true; }
  if (is_int(v)) {
    bool overflow = false;
    *out = int_to_double(v, &overflow);
    if (overflow) {
      raise(exc::OverflowError, "int too large to convert to float");
      return false;
    }
    return true;
  }
  Value m = lookup_special(v, NAME("__float__"));
  if (m.is_exc()) return false;
  if (!m.is_null()) {
    Value r = call0(m);
    if (r.is_exc()) return false;
    if (!r.is_double()) {
      raise_fmt(exc::TypeError, "{}.__float__ returned non-float (type {})", type_name(v), type_name(r));
      return false;
    }
    *out = r.as_double();
    return true;
  }
  m = lookup_special(v, NAME("__index__"));
  if (m.is_exc()) return false;
  if (!m.is_null()) {
    Value r = call0(m);
    if (r.is_exc()) return false;
    if (!is_int(r)) {
      raise_fmt(exc::TypeError, "__index__ returned non-int (type {})", type_name(r));
      return false;
    }
    return to_dbl(r, out);
  }
  raise_fmt(exc::TypeError, "must be real number, not {}", type_name(v));
  return false;
}

// An int for integer-only functions (gcd, factorial, comb ...).
// int(d) for an integral-valued double (floor/ceil/trunc results): exact for any magnitude.
Value int_from_double(double d) {
  if (std::isnan(d)) return raise(exc::ValueError, "cannot convert float NaN to integer");
  if (std::isinf(d)) return raise(exc::OverflowError, "cannot convert float infinity to integer");
  if (d > -9.2e18 && d < 9.2e18) return int_from_i64(int64_t(d));
  Mpz z;
  mpz_set_d(z, d);
  return int_from_mpz(z);
}

bool no_kw(const char* name, TupleObject* kwnames) { return check_no_kwargs(name, kwnames); }

// -- One- and two-argument wrappers -----------------------------------------------------------------
Value math_1(Value* args, size_t nargs, TupleObject* kwnames, const char* name, double (*fn)(double),
             bool can_overflow) {
  if (!no_kw(name, kwnames) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  errno = 0;
  double r = fn(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error();
  if (std::isinf(r) && std::isfinite(x)) return can_overflow ? range_error() : domain_error();
  if (std::isfinite(r) && errno) {
    if (errno == EDOM) return domain_error();
    if (errno == ERANGE && std::fabs(r) >= 1.5) return range_error();
  }
  return Value::from_double(r);
}

bool two_doubles(Value* args, size_t nargs, TupleObject* kwnames, const char* name, double* x, double* y) {
  if (!no_kw(name, kwnames) || !check_nargs(name, nargs, 2, 2)) return false;
  return to_dbl(args[0], x) && to_dbl(args[1], y);
}

// CPython's math_2 error rule: NaN from non-NaN args is a domain error, inf from finite args a range error.
Value math_2_result(double x, double y, double r) {
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return domain_error();
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return range_error();
  return Value::from_double(r);
}

#define MATH_FUNC1_TABLE(X)                                                                         \
  X(acos, false) X(acosh, false) X(asin, false) X(asinh, false) X(atan, false) X(atanh, false)      \
  X(cbrt, false) X(cos, false) X(cosh, true) X(erf, false) X(erfc, false) X(exp, true)              \
  X(exp2, true) X(expm1, true) X(fabs, false) X(log1p, false) X(sin, false) X(sinh, true)           \
  X(sqrt, false) X(tan, false) X(tanh, false)

#define X(name, ovf)                                                                  \
  double libm_##name(double x) { return ::name(x); }                                  \
  Value math_##name(Value* args, size_t nargs, TupleObject* kwnames) {                \
    return math_1(args, nargs, kwnames, #name, libm_##name, ovf);                     \
  }
MATH_FUNC1_TABLE(X)
#undef X

// sqrt of a huge int: CPython converts to float first (OverflowError beyond 1e308), so nothing special.

Value math_atan2(Value* args, size_t nargs, TupleObject* kwnames) {
  double y, x;
  if (!two_doubles(args, nargs, kwnames, "atan2", &y, &x)) return Value::exc();
  return Value::from_double(std::atan2(y, x));
}

Value math_copysign(Value* args, size_t nargs, TupleObject* kwnames) {
  double x, y;
  if (!two_doubles(args, nargs, kwnames, "copysign", &x, &y)) return Value::exc();
  return Value::from_double(std::copysign(x, y));
}

Value math_fmod(Value* args, size_t nargs, TupleObject* kwnames) {
  double x, y;
  if (!two_doubles(args, nargs, kwnames, "fmod", &x, &y)) return Value::exc();
  if (std::isinf(y) && std::isfinite(x)) return Value::from_double(x);
  return math_2_result(x, y, std::fmod(x, y));
}

Value math_remainder(Value* args, size_t nargs, TupleObject* kwnames) {
  double x, y;
  if (!two_doubles(args, nargs, kwnames, "remainder", &x, &y)) return Value::exc();
  if (std::isnan(x)) return Value::from_double(x);
  if (std::isnan(y)) return Value::from_double(y);
  if (std::isinf(x) || y == 0.0) return domain_error();
  if (std::isinf(y)) return Value::from_double(x);
  return Value::from_double(std::remainder(x, y));
}

Value math_pow(Value* args, size_t nargs, TupleObject* kwnames) {
  double x, y;
  if (!two_doubles(args, nargs, kwnames, "pow", &x, &y)) return Value::exc();
  double r;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    // C99 Annex F special values, spelled out (and never an error).
    if (std::isnan(x)) r = y == 0.0 ? 1.0 : x;
    else if (std::isnan(y)) r = x == 1.0 ? 1.0 : y;
    else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.0) r = odd_y ? x : std::fabs(x);
      else if (y == 0.0) r = 1.0;
      else r = odd_y ? std::copysign(0.0, x) : 0.0;
    } else {  // y infinite, x finite
      if (std::fabs(x) == 1.0) r = 1.0;
      else if (y > 0.0 && std::fabs(x) > 1.0) r = y;
      else if (y < 0.0 && std::fabs(x) < 1.0) r = -y;
      else r = 0.0;
    }
    return Value::from_double(r);
  }
  if (x == 0.0 && y < 0.0) return domain_error();
  if (x < 0.0 && y != std::floor(y)) return domain_error();
  r = std::pow(x, y);
  if (std::isinf(r)) return range_error();
  return Value::from_double(r);
}

// -- Logarithms ---------------------------------------------------------------------------------------
// Correctly rounded frexp of a positive big int: m in [0.5, 1), v = m * 2**e.
double int_frexp(Value v, int64_t* e) {
  Mpz z(v);
  size_t nbits = mpz_sizeinbase(z, 2);
  if (nbits <= 64) {
    int ee;
    double m = std::frexp(double(mpz_get_ui(z)), &ee);
    *e = ee;
    return m;
  }
  // Keep 55 bits plus a sticky bit so the conversion to 53 bits rounds half-even correctly.
  size_t shift = nbits - 55;
  Mpz q;
  mpz_tdiv_q_2exp(q, z, shift);
  uint64_t top = mpz_get_ui(q);
  if (mpz_scan1(z, 0) < shift) top |= 1;
  int ee;
  double m = std::frexp(double(top), &ee);
  *e = int64_t(ee) + int64_t(shift);
  return m;
}

// log-family helper: ints of any size work (via frexp when they do not fit a double).
bool log_of(Value v, double (*fn)(double), double* out) {
  if (is_int(v)) {
    Mpz z(v);
    if (mpz_sgn(z) <= 0) {
      domain_error();
      return false;
    }
    bool overflow = false;
    double d = int_to_double(v.is_bool() ? Value::from_small_int(v.as_bool()) : v, &overflow);
    if (!overflow) {
      *out = fn(d);
      return true;
    }
    int64_t e;
    double m = int_frexp(v, &e);
    *out = fn(m) + double(e) * fn(2.0);
    return true;
  }
  double x;
  if (!to_dbl(v, &x)) return false;
  if (std::isnan(x)) { *out = x; return true; }
  if (x <= 0.0) {
    domain_error();
    return false;
  }
  *out = fn(x);  // +inf stays inf
  return true;
}

double libm_log(double x) { return std::log(x); }
double libm_log2(double x) { return std::log2(x); }
double libm_log10(double x) { return std::log10(x); }

Value math_log(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("log", kwnames) || !check_nargs("log", nargs, 1, 2)) return Value::exc();
  double num, den;
  if (!log_of(args[0], libm_log, &num)) return Value::exc();
  if (nargs == 1) return Value::from_double(num);
  if (!log_of(args[1], libm_log, &den)) return Value::exc();
  if (den == 0.0) return raise(exc::ZeroDivisionError, "float division by zero");
  return Value::from_double(num / den);
}

Value math_log2(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("log2", kwnames) || !check_nargs("log2", nargs, 1, 1)) return Value::exc();
  double r;
  if (!log_of(args[0], libm_log2, &r)) return Value::exc();
  return Value::from_double(r);
}

Value math_log10(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("log10", kwnames) || !check_nargs("log10", nargs, 1, 1)) return Value::exc();
  double r;
  if (!log_of(args[0], libm_log10, &r)) return Value::exc();
  return Value::from_double(r);
}

// -- gamma / lgamma: Lanczos approximation (g = 6.024680040776729583740234375, N = 13) -------------
// The same approximation and evaluation order as CPython so results agree bit for bit.
constexpr int kLanczosN = 13;
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kLanczosNum[kLanczosN] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
// Coefficients of x(x+1)...(x+11), lowest degree first.
constexpr double kLanczosDen[kLanczosN] = {0.0,       39916800.0, 120543840.0, 150917976.0, 105258076.0,
                                           45995730.0, 13339535.0, 2637558.0,   357423.0,    32670.0,
                                           1925.0,    66.0,       1.0};
constexpr double kLogPi = 1.144729885849400174143427351353058711647;

double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  if (x < 5.0) {
    for (int i = kLanczosN - 1; i >= 0; i--) {
      num = num * x + kLanczosNum[i];
      den = den * x + kLanczosDen[i];
    }
  } else {
    for (int i = 0; i < kLanczosN; i++) {
      num = num / x + kLanczosNum[i];
      den = den / x + kLanczosDen[i];
    }
  }
  return num / den;
}

// sin(pi * x), accurate near the integers.
double sin_pi(double x) {
  double y = std::fmod(std::fabs(x), 2.0);
  int n = int(std::round(2.0 * y));
  double r;
  switch (n) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    default: r = std::sin(kPi * (y - 2.0)); break;
  }
  return std::copysign(1.0, x) * r;
}

enum class MathErr { kNone, kDomain, kRange };

double gamma_impl(double x, MathErr* err) {
  *err = MathErr::kNone;
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    *err = MathErr::kDomain;
    return NAN;
  }
  if (x == 0.0) {
    *err = MathErr::kDomain;
    return std::copysign(INFINITY, x);
  }
  if (x == std::floor(x)) {
    if (x < 0.0) {
      *err = MathErr::kDomain;
      return NAN;
    }
    if (x <= 23.0) {  // exact: (x-1)!
      double f = 1.0;
      for (int i = 2; i < int(x); i++) f *= i;
      return f;
    }
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) {
    double r = 1.0 / x;
    if (std::isinf(r)) *err = MathErr::kRange;
    return r;
  }
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / sin_pi(x);
    *err = MathErr::kRange;
    return HUGE_VAL;
  }
  double y = absx + kLanczosGMinusHalf, q, z;
  if (absx > kLanczosGMinusHalf) {
    q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -kPi / sin_pi(absx) / absx * std::exp(y) / lanczos_sum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczos_sum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  if (std::isinf(r)) *err = MathErr::kRange;
  return r;
}

double lgamma_impl(double x, MathErr* err) {
  *err = MathErr::kNone;
  if (!std::isfinite(x)) return std::isnan(x) ? x : HUGE_VAL;
  if (x == std::floor(x) && x <= 2.0) {
    if (x <= 0.0) {
      *err = MathErr::kDomain;
      return HUGE_VAL;
    }
    return 0.0;
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczos_sum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(sin_pi(absx))) - std::log(absx) - r;
  if (std::isinf(r)) *err = MathErr::kRange;
  return r;
}

Value gamma_like(Value* args, size_t nargs, TupleObject* kwnames, const char* name, double (*fn)(double, MathErr*)) {
  if (!no_kw(name, kwnames) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  MathErr err;
  double r = fn(x, &err);
  if (err == MathErr::kDomain) return domain_error();
  if (err == MathErr::kRange && std::fabs(r) >= 1.5) return range_error();
  return Value::from_double(r);
}
Value math_gamma(Value* a, size_t n, TupleObject* k) { return gamma_like(a, n, k, "gamma", gamma_impl); }
Value math_lgamma(Value* a, size_t n, TupleObject* k) { return gamma_like(a, n, k, "lgamma", lgamma_impl); }

// -- Rounding to int --------------------------------------------------------------------------------
Value round_to_int(Value* args, size_t nargs, TupleObject* kwnames, const char* name, const char* dunder,
                   double (*fn)(double)) {
  if (!no_kw(name, kwnames) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  if (v.is_double()) return int_from_double(fn(v.as_double()));
  if (v.is_small_int()) return v;
  if (v.is_bool()) return Value::from_small_int(v.as_bool());
  if (v.is_obj() && v.as_obj()->type == types::int_) return v;
  Value m = lookup_special(v, str_intern(dunder));
  if (m.is_exc()) return m;
  if (!m.is_null()) return call0(m);
  double x;
  if (!to_dbl(v, &x)) return Value::exc();
  return int_from_double(fn(x));
}
double libm_floor(double x) { return std::floor(x); }
double libm_ceil(double x) { return std::ceil(x); }
Value math_floor(Value* a, size_t n, TupleObject* k) { return round_to_int(a, n, k, "floor", "__floor__", libm_floor); }
Value math_ceil(Value* a, size_t n, TupleObject* k) { return round_to_int(a, n, k, "ceil", "__ceil__", libm_ceil); }

Value math_trunc(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("trunc", kwnames) || !check_nargs("trunc", nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  if (v.is_double()) return int_from_double(std::trunc(v.as_double()));
  if (v.is_small_int()) return v;
  if (v.is_bool()) return Value::from_small_int(v.as_bool());
  if (v.is_obj() && v.as_obj()->type == types::int_) return v;
  Value m = lookup_special(v, NAME("__trunc__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "type {} doesn't define __trunc__ method", type_name(v));
  return call0(m);
}

// -- Float decomposition and classification ---------------------------------------------------------
Value math_modf(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("modf", kwnames) || !check_nargs("modf", nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  if (std::isinf(x)) return tuple_pack({Value::from_double(std::copysign(0.0, x)), Value::from_double(x)});
  double ip;
  double fp = std::modf(x, &ip);
  return tuple_pack({Value::from_double(fp), Value::from_double(ip)});
}

Value math_frexp(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("frexp", kwnames) || !check_nargs("frexp", nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  int e = 0;
  double m = (std::isnan(x) || std::isinf(x) || x == 0.0) ? x : std::frexp(x, &e);
  return tuple_pack({Value::from_double(m), Value::from_small_int(e)});
}

Value math_ldexp(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("ldexp", kwnames) || !check_nargs("ldexp", nargs, 2, 2)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  Value iv = args[1];
  if (!is_int(iv)) return raise(exc::TypeError, "Expected an int as second argument to ldexp.");
  int64_t e;
  if (!int_get_i64(iv, &e)) e = int_sign(iv) > 0 ? INT64_MAX : INT64_MIN;
  if (x == 0.0 || !std::isfinite(x)) return Value::from_double(x);
  if (e > INT_MAX) return range_error();
  if (e < INT_MIN) return Value::from_double(std::copysign(0.0, x));
  double r = std::ldexp(x, int(e));
  if (std::isinf(r)) return range_error();
  return Value::from_double(r);
}

Value classify(Value* args, size_t nargs, TupleObject* kwnames, const char* name, bool (*fn)(double)) {
  if (!no_kw(name, kwnames) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  return Value::from_bool(fn(x));
}
Value math_isfinite(Value* a, size_t n, TupleObject* k) {
  return classify(a, n, k, "isfinite", [](double x) { return bool(std::isfinite(x)); });
}
Value math_isinf(Value* a, size_t n, TupleObject* k) {
  return classify(a, n, k, "isinf", [](double x) { return bool(std::isinf(x)); });
}
Value math_isnan(Value* a, size_t n, TupleObject* k) {
  return classify(a, n, k, "isnan", [](double x) { return bool(std::isnan(x)); });
}

Value math_isclose(Value* args, size_t nargs, TupleObject* kwnames) {
  size_t npos = nargs - (kwnames ? kwnames->size : 0);
  if (npos > 2) return raise_fmt(exc::TypeError, "isclose() takes exactly 2 positional arguments ({} given)", npos);
  static const char* const names[] = {"a", "b", "rel_tol", "abs_tol", nullptr};
  Value v[4];
  if (!parse_args("isclose", args, nargs, kwnames, names, 2, v)) return Value::exc();
  double a, b, rel_tol = 1e-09, abs_tol = 0.0;
  if (!to_dbl(v[0], &a) || !to_dbl(v[1], &b)) return Value::exc();
  if (!v[2].is_null() && !to_dbl(v[2], &rel_tol)) return Value::exc();
  if (!v[3].is_null() && !to_dbl(v[3], &abs_tol)) return Value::exc();
  if (rel_tol < 0.0 || abs_tol < 0.0) return raise(exc::ValueError, "tolerances must be non-negative");
  if (a == b) return Value::true_();
  if (std::isinf(a) || std::isinf(b)) return Value::false_();
  double diff = std::fabs(b - a);
  return Value::from_bool(diff <= std::fabs(rel_tol * b) || diff <= std::fabs(rel_tol * a) || diff <= abs_tol);
}

Value math_nextafter(Value* args, size_t nargs, TupleObject* kwnames) {
  double x, y;
  if (!two_doubles(args, nargs, kwnames, "nextafter", &x, &y)) return Value::exc();
  return Value::from_double(std::nextafter(x, y));
}

Value math_ulp(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("ulp", kwnames) || !check_nargs("ulp", nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  if (std::isnan(x) || std::isinf(x)) return Value::from_double(std::fabs(x));
  x = std::fabs(x);
  double up = std::nextafter(x, INFINITY);
  if (std::isinf(up)) return Value::from_double(x - std::nextafter(x, -INFINITY));
  return Value::from_double(up - x);
}

Value math_degrees(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("degrees", kwnames) || !check_nargs("degrees", nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  return Value::from_double(x * (180.0 / kPi));
}

Value math_radians(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("radians", kwnames) || !check_nargs("radians", nargs, 1, 1)) return Value::exc();
  double x;
  if (!to_dbl(args[0], &x)) return Value::exc();
  return Value::from_double(x * (kPi / 180.0));
}

// -- hypot / dist -----------------------------------------------------------------------------------
// Euclidean norm of values already made non-negative, with max = their maximum. Scales by a
// power of two, accumulates the squares exactly (Veltkamp split + compensated sums), then
// corrects the square root with one Newton step on the residual — nearly always correctly rounded.
double vector_norm(size_t n, double* vec, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || n <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  if (max_e < -1023) {  // subnormal max: ldexp(1, -max_e) would overflow; renormalise first
    for (size_t i = 0; i < n; i++) vec[i] /= DBL_MIN;
    return DBL_MIN * vector_norm(n, vec, max / DBL_MIN, found_nan);
  }
  const double kSplit = 134217729.0;  // 2**27 + 1
  double scale = std::ldexp(1.0, -max_e);
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
  auto add = [&](double x, double& frac) {
    double old = csum;
    csum += x;
    frac += (old - csum) + x;
  };
  for (size_t i = 0; i < n; i++) {
    double x = vec[i] * scale;
    double t = x * kSplit;
    double hi = t - (t - x);
    double lo = x - hi;
    add(hi * hi, frac1);
    add(2.0 * hi * lo, frac2);
    frac3 += lo * lo;
  }
  double h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
  double t = h * kSplit;
  double hi = t - (t - h);
  double lo = h - hi;
  add(-hi * hi, frac1);
  add(-2.0 * hi * lo, frac2);
  add(-lo * lo, frac3);
  double x = csum - 1.0 + (frac1 + frac2 + frac3);
  return (h + x / (2.0 * h)) / scale;
}

Value math_hypot(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("hypot", kwnames)) return Value::exc();
  std::vector<double> vec(nargs);
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < nargs; i++) {
    double x;
    if (!to_dbl(args[i], &x)) return Value::exc();
    x = std::fabs(x);
    vec[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return Value::from_double(vector_norm(nargs, vec.data(), max, found_nan));
}

Value math_dist(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("dist", kwnames) || !check_nargs("dist", nargs, 2, 2)) return Value::exc();
  Value p = is_tuple(args[0]) ? args[0] : to_tuple(args[0]);
  if (p.is_exc()) return p;
  Value q = is_tuple(args[1]) ? args[1] : to_tuple(args[1]);
  if (q.is_exc()) return q;
  auto* pt = p.as<TupleObject>();
  auto* qt = q.as<TupleObject>();
  if (pt->size != qt->size) return raise(exc::ValueError, "both points must have the same number of dimensions");
  std::vector<double> vec(pt->size);
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < pt->size; i++) {
    double a, b;
    if (!to_dbl(pt->items[i], &a) || !to_dbl(qt->items[i], &b)) return Value::exc();
    double x = std::fabs(a - b);
    vec[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return Value::from_double(vector_norm(pt->size, vec.data(), max, found_nan));
}

// -- fsum: exact summation with Shewchuk's non-overlapping partials ------------------------------
Value math_fsum(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("fsum", kwnames) || !check_nargs("fsum", nargs, 1, 1)) return Value::exc();
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  std::vector<double> partials;
  double special_sum = 0.0, inf_sum = 0.0;
  for (;;) {
    Value item = iter_next(it);
    if (item.is_exc()) return item;
    if (item.is_null()) break;
    double x;
    if (!to_dbl(item, &x)) return Value::exc();
    double xsave = x;
    size_t k = 0;
    for (double y : partials) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) partials[k++] = lo;
      x = hi;
    }
    partials.resize(k);
    if (x == 0.0) continue;
    if (!std::isfinite(x)) {
      // Either an inf/nan summand or an intermediate overflow of finite ones.
      if (std::isfinite(xsave)) return raise(exc::OverflowError, "intermediate overflow in fsum");
      if (std::isinf(xsave)) inf_sum += xsave;
      special_sum += xsave;
      partials.clear();
    } else {
      partials.push_back(x);
    }
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) return raise(exc::ValueError, "-inf + inf in fsum");
    return Value::from_double(special_sum);
  }
  double hi = 0.0;
  size_t n = partials.size();
  if (n > 0) {
    hi = partials[--n];
    double lo = 0.0;
    // Add from the top down until the sum is inexact.
    while (n > 0) {
      double x = hi, y = partials[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    // Round half to even across the rest: if lo and the next partial share a sign, the
    // true sum lies beyond the halfway point, so nudge hi.
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return Value::from_double(hi);
}

// -- prod -----------------------------------------------------------------------------------------------
Value math_prod(Value* args, size_t nargs, TupleObject* kwnames) {
  size_t npos = nargs - (kwnames ? kwnames->size : 0);
  if (npos != 1)
    return raise_fmt(exc::TypeError, "prod() takes exactly 1 positional argument ({} given)", npos);
  Value result = Value::from_small_int(1);
  for (size_t k = 0; kwnames && k < kwnames->size; k++) {
    std::string_view n = as_str(kwnames->items[k])->view();
    if (n != "start") return raise_fmt(exc::TypeError, "prod() got an unexpected keyword argument '{}'", n);
    result = args[npos + k];
  }
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  for (;;) {
    Value item = iter_next(it);
    if (item.is_exc()) return item;
    if (item.is_null()) return result;
    int64_t p;
    if (result.is_small_int() && item.is_small_int() &&
        !__builtin_mul_overflow(result.as_small_int(), item.as_small_int(), &p)) {
      result = int_from_i64(p);
    } else if (result.is_double() && item.is_double()) {
      result = Value::from_double(result.as_double() * item.as_double());
    } else {
      result = binary_op(int(BinOp::MULTIPLY), result, item);
      if (result.is_exc()) return result;
    }
  }
}

// -- Integer functions ---------------------------------------------------------------------------------
Value math_gcd_lcm(Value* args, size_t nargs, TupleObject* kwnames, bool lcm) {
  if (!no_kw(lcm ? "lcm" : "gcd", kwnames)) return Value::exc();
  Mpz acc;
  mpz_set_ui(acc, lcm ? 1 : 0);
  for (size_t i = 0; i < nargs; i++) {
    Value v = to_index(args[i]);
    if (v.is_exc()) return v;
    Mpz z(v.is_bool() ? Value::from_small_int(v.as_bool()) : v);
    if (lcm) mpz_lcm(acc, acc, z);
    else mpz_gcd(acc, acc, z);
  }
  mpz_abs(acc, acc);
  return int_from_mpz(acc);
}
Value math_gcd(Value* a, size_t n, TupleObject* k) { return math_gcd_lcm(a, n, k, false); }
Value math_lcm(Value* a, size_t n, TupleObject* k) { return math_gcd_lcm(a, n, k, true); }

// v as an mpz (ints, bools and __index__ objects); false after raising.
bool index_mpz(Value v, mpz_t out) {
  Value i = to_index(v);
  if (i.is_exc()) return false;
  if (i.is_bool()) mpz_set_si(out, i.as_bool());
  else int_to_mpz(i, out);
  return true;
}

Value math_factorial(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("factorial", kwnames) || !check_nargs("factorial", nargs, 1, 1)) return Value::exc();
  Mpz n;
  if (!index_mpz(args[0], n)) return Value::exc();
  if (mpz_sgn(n) < 0) return raise(exc::ValueError, "factorial() not defined for negative values");
  if (!mpz_fits_slong_p(n))
    return raise(exc::OverflowError, "factorial() argument should not exceed 9223372036854775807");
  Mpz r;
  mpz_fac_ui(r, mpz_get_ui(n));
  return int_from_mpz(r);
}

Value math_comb_perm(Value* args, size_t nargs, TupleObject* kwnames, bool perm) {
  const char* name = perm ? "perm" : "comb";
  if (!no_kw(name, kwnames) || !check_nargs(name, nargs, perm ? 1 : 2, 2)) return Value::exc();
  Mpz n, k;
  if (!index_mpz(args[0], n)) return Value::exc();
  bool k_given = nargs == 2 && !(perm && args[1].is_none());
  if (k_given && !index_mpz(args[1], k)) return Value::exc();
  if (mpz_sgn(n) < 0) return raise(exc::ValueError, "n must be a non-negative integer");
  if (!k_given) {  // perm(n) == n!
    if (!mpz_fits_slong_p(n))
      return raise(exc::OverflowError, "factorial() argument should not exceed 9223372036854775807");
    Mpz r;
    mpz_fac_ui(r, mpz_get_ui(n));
    return int_from_mpz(r);
  }
  if (mpz_sgn(k) < 0) return raise(exc::ValueError, "k must be a non-negative integer");
  if (mpz_cmp(k, n) > 0) return Value::from_small_int(0);
  Mpz r;
  if (perm) {
    if (!mpz_fits_slong_p(k)) return raise(exc::OverflowError, "k must not exceed 9223372036854775807");
    // n! / (n-k)!: comb(n, k) * k!
    Mpz f;
    mpz_bin_ui(r, n, mpz_get_ui(k));
    mpz_fac_ui(f, mpz_get_ui(k));
    mpz_mul(r, r, f);
  } else {
    Mpz nk;
    mpz_sub(nk, n, k);
    if (mpz_cmp(nk, k) < 0) mpz_swap(nk, k);  // k = min(k, n - k)
    if (!mpz_fits_slong_p(k)) return raise(exc::OverflowError, "min(n - k, k) must not exceed 9223372036854775807");
    mpz_bin_ui(r, n, mpz_get_ui(k));
  }
  return int_from_mpz(r);
}
Value math_comb(Value* a, size_t n, TupleObject* k) { return math_comb_perm(a, n, k, false); }
Value math_perm(Value* a, size_t n, TupleObject* k) { return math_comb_perm(a, n, k, true); }

Value math_isqrt(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!no_kw("isqrt", kwnames) || !check_nargs("isqrt", nargs, 1, 1)) return Value::exc();
  Mpz n;
  if (!index_mpz(args[0], n)) return Value::exc();
  if (mpz_sgn(n) < 0) return raise(exc::ValueError, "isqrt() argument must be nonnegative");
  mpz_sqrt(n, n);
  return int_from_mpz(n);
}

}  // namespace

Value make_math_module() {
  Value m = module_new("math");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
#define X(name, ovf) {#name, math_##name},
      MATH_FUNC1_TABLE(X)
#undef X
      {"atan2", math_atan2},       {"copysign", math_copysign}, {"fmod", math_fmod},
      {"remainder", math_remainder}, {"pow", math_pow},         {"log", math_log},
      {"log2", math_log2},         {"log10", math_log10},       {"gamma", math_gamma},
      {"lgamma", math_lgamma},     {"floor", math_floor},       {"ceil", math_ceil},
      {"trunc", math_trunc},       {"modf", math_modf},         {"frexp", math_frexp},
      {"ldexp", math_ldexp},       {"isfinite", math_isfinite}, {"isinf", math_isinf},
      {"isnan", math_isnan},       {"isclose", math_isclose},   {"nextafter", math_nextafter},
      {"ulp", math_ulp},           {"degrees", math_degrees},   {"radians", math_radians},
      {"hypot", math_hypot},       {"dist", math_dist},         {"fsum", math_fsum},
      {"prod", math_prod},         {"gcd", math_gcd},           {"lcm", math_lcm},
      {"factorial", math_factorial}, {"comb", math_comb},       {"perm", math_perm},
      {"isqrt", math_isqrt},
  });
  dict_set_str(d, str_intern("pi"), Value::from_double(kPi));
  dict_set_str(d, str_intern("e"), Value::from_double(2.718281828459045235360287471352662498));
  dict_set_str(d, str_intern("tau"), Value::from_double(2 * kPi));
  dict_set_str(d, str_intern("inf"), Value::from_double(INFINITY));
  dict_set_str(d, str_intern("nan"), Value::from_double(NAN));
  return m;
}

}  // namespace chaipy
