// interp/objects/float.cpp — the float type: arithmetic with Python's semantics, exact int/float
// comparison, CPython's hash, repr (shortest round-trip) and float(str) parsing.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/objects/objects.h"

namespace chaipy {

// -- Text ----------------------------------------------------------------------------------------
// Shortest round-trip digits laid out with Python's repr rules: fixed for -4 <= exp < 16.
std::string float_repr_str(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);
  std::string out;
  size_t i = 0;
  if (s[0] == '-') { out += '-'; i = 1; }
  size_t epos = s.find('e');
  std::string digits;
  for (size_t k = i; k < epos; k++)
    if (s[k] != '.') digits += s[k];
  int exp = std::atoi(std::string(s.substr(epos + 1)).c_str());
  int nd = int(digits.size());
  if (exp >= -4 && exp < 16) {
    int decpt = exp + 1;
    if (decpt <= 0) {
      out += "0.";
      out.append(size_t(-decpt), '0');
      out += digits;
    } else if (decpt >= nd) {
      out += digits;
      out.append(size_t(decpt - nd), '0');
      out += ".0";
    } else {
      out.append(digits, 0, size_t(decpt));
      out += '.';
      out.append(digits, size_t(decpt));
    }
  } else {
    out += digits[0];
    if (nd > 1) { out += '.'; out.append(digits, 1); }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  }
  return out;
}

// Python's PyOS_double_to_string for the e/f/g/r types (plus '#' and the add-".0" rule used by
// str.format's empty type).
std::string double_to_string(double d, char type, int precision, bool alternate, bool add_dot_0) {
  bool upper = type == 'E' || type == 'F' || type == 'G';
  if (std::isnan(d) || std::isinf(d)) {
    std::string s = std::isnan(d) ? "nan" : (d > 0 ? "inf" : "-inf");
    if (std::isnan(d) && std::signbit(d)) s = "-nan";
    if (std::isnan(d)) s = "nan";
    if (upper) for (auto& c : s) c = char(std::toupper(c));
    return s;
  }
  if (type == 'r') return float_repr_str(d);
  char lower = char(std::tolower(type));
  if (lower == 'g' && precision == 0) precision = 1;
  if (!alternate && precision < 400) {
    // std::to_chars is exact (correctly rounded, like printf) and much faster than snprintf.
    char buf[512];
    std::chars_format cf = lower == 'f' ? std::chars_format::fixed
                           : lower == 'e' ? std::chars_format::scientific : std::chars_format::general;
    auto r = std::to_chars(buf, buf + sizeof buf, d, cf, precision);
    if (r.ec == std::errc()) {
      std::string s(buf, r.ptr);
      if (upper) for (auto& c : s) c = char(std::toupper((unsigned char)c));
      if (add_dot_0 && s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
  }
  char fmtbuf[16];
  std::snprintf(fmtbuf, sizeof fmtbuf, "%%%s.*%c", alternate ? "#" : "", type);
  int n = std::snprintf(nullptr, 0, fmtbuf, precision, d);
  std::string s(size_t(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), fmtbuf, precision, d);
  s.resize(size_t(n));
  if (add_dot_0 && s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

static Value float_repr(Value v) { return str_value(float_repr_str(v.as_double())); }

// -- Hash ------------------------------------------------------------------------------------------
// CPython's _Py_HashDouble: the value reduced modulo 2**61 - 1, so integral floats hash like ints.
int64_t hash_double(double v) {
  constexpr int kBits = 61;
  constexpr uint64_t kMod = (uint64_t(1) << kBits) - 1;
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) { sign = -1; m = -m; }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kMod) | x >> (kBits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    uint64_t y = uint64_t(m);
    m -= double(y);
    x += y;
    if (x >= kMod) x -= kMod;
  }
  e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
  x = ((x << e) & kMod) | x >> (kBits - e);
  int64_t h = int64_t(x) * sign;
  return h == -1 ? -2 : h;
}

static int64_t float_hash(Value v) { return hash_double(v.as_double()); }

// -- Arithmetic ----------------------------------------------------------------------------------
bool to_double(Value v, double* out) {
  if (v.is_double()) { *out = v.as_double(); return true; }
  if (v.is_small_int()) { *out = double(v.as_small_int()); return true; }
  if (is_int(v)) {
    bool of;
    *out = int_to_double(v, &of);
    if (of) { raise(exc::OverflowError, "int too large to convert to float"); return false; }
    return true;
  }
  raise_fmt(exc::TypeError, "must be real number, not {}", type_name(v));
  return false;
}

static Value complex_pow_parts(double ar, double ai, double br, double bi);

Value float_pow(double iv, double iw) {
  if (iw == 0) return Value::from_double(1.0);
  if (std::isnan(iv)) return Value::from_double(iv);
  if (std::isnan(iw)) return Value::from_double(iv == 1.0 ? 1.0 : iw);
  if (std::isinf(iw)) {
    double a = std::fabs(iv);
    if (a == 1.0) return Value::from_double(1.0);
    if ((iw > 0) == (a > 1.0)) return Value::from_double(std::fabs(iw));
    return Value::from_double(0.0);
  }
  bool iw_is_odd = std::fmod(std::fabs(iw), 2.0) == 1.0;
  if (std::isinf(iv)) {
    if (iv > 0) return Value::from_double(iw > 0 ? iv : 0.0);
    if (iw > 0) return Value::from_double(iw_is_odd ? iv : -iv);
    return Value::from_double(iw_is_odd ? -0.0 : 0.0);
  }
  if (iv == 0.0) {
    if (iw < 0) return raise(exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return Value::from_double(iw_is_odd ? iv : 0.0);
  }
  bool negate = false;
  if (iv < 0.0) {
    if (iw != std::floor(iw)) return complex_pow_parts(iv, 0.0, iw, 0.0);  // 3.11: complex result
    iv = -iv;
    negate = iw_is_odd;
  }
  if (iv == 1.0) return Value::from_double(negate ? -1.0 : 1.0);
  errno = 0;
  double ix = std::pow(iv, iw);
  if (std::isinf(ix)) return raise(exc::OverflowError, "(34, 'Numerical result out of range')");
  return Value::from_double(negate ? -ix : ix);
}

// CPython's complex power for real exponents (polar form), used by negative ** fractional.
static Value complex_pow_parts(double ar, double ai, double br, double bi) {
  double vabs = std::hypot(ar, ai);
  double len = std::pow(vabs, br);
  double at = std::atan2(ai, ar);
  double phase = at * br;
  if (bi != 0.0) {
    len /= std::exp(at * bi);
    phase += bi * std::log(vabs);
  }
  return complex_new(len * std::cos(phase), len * std::sin(phase));
}

static void float_divmod_raw(double vx, double wx, double* floordiv, double* mod) {
  double m = std::fmod(vx, wx);
  double div = (vx - m) / wx;
  if (m) {
    if ((wx < 0) != (m < 0)) { m += wx; div -= 1.0; }
  } else {
    m = std::copysign(0.0, wx);
  }
  double fd;
  if (div) {
    fd = std::floor(div);
    if (div - fd > 0.5) fd += 1.0;
  } else {
    fd = std::copysign(0.0, vx / wx);
  }
  *floordiv = fd;
  *mod = m;
}

Value float_binop(int op, Value a, Value b) {
  if (op >= kNumBinOps) op -= kNumBinOps;
  if (!(a.is_double() || is_int(a)) || !(b.is_double() || is_int(b))) return g_not_implemented;
  double x, y;
  if (!to_double(a, &x) || !to_double(b, &y)) return Value::exc();
  switch (BinOp(op)) {
    case BinOp::ADD: return Value::from_double(x + y);
    case BinOp::SUBTRACT: return Value::from_double(x - y);
    case BinOp::MULTIPLY: return Value::from_double(x * y);
    case BinOp::TRUE_DIVIDE:
      if (y == 0) return raise(exc::ZeroDivisionError, "float division by zero");
      return Value::from_double(x / y);
    case BinOp::FLOOR_DIVIDE: {
      if (y == 0) return raise(exc::ZeroDivisionError, "float floor division by zero");
      double q, r;
      float_divmod_raw(x, y, &q, &r);
      return Value::from_double(q);
    }
    case BinOp::REMAINDER: {
      if (y == 0) return raise(exc::ZeroDivisionError, "float modulo");
      double m = std::fmod(x, y);
      if (m) {
        if ((y < 0) != (m < 0)) m += y;
      } else {
        m = std::copysign(0.0, y);
      }
      return Value::from_double(m);
    }
    case BinOp::POWER: return float_pow(x, y);
    default: return g_not_implemented;
  }
}

Value float_divmod(Value a, Value b) {
  double x, y;
  if (!to_double(a, &x) || !to_double(b, &y)) return Value::exc();
  if (y == 0) return raise(exc::ZeroDivisionError, "float divmod()");
  double q, r;
  float_divmod_raw(x, y, &q, &r);
  return tuple_pack({Value::from_double(q), Value::from_double(r)});
}

static Value float_unaryop(Op op, Value a) {
  if (op == Op::UNARY_NEGATIVE) return Value::from_double(-a.as_double());
  if (op == Op::UNARY_POSITIVE) return a;
  return g_not_implemented;
}

static Value float_richcompare(Value a, Value b, CmpOp op) {
  if (!a.is_double()) return g_not_implemented;
  double x = a.as_double();
  if (b.is_double()) {
    double y = b.as_double();
    switch (op) {
      case CmpOp::LT: return Value::from_bool(x < y);
      case CmpOp::LE: return Value::from_bool(x <= y);
      case CmpOp::EQ: return Value::from_bool(x == y);
      case CmpOp::NE: return Value::from_bool(x != y);
      case CmpOp::GT: return Value::from_bool(x > y);
      case CmpOp::GE: return Value::from_bool(x >= y);
    }
  }
  if (is_int(b)) {
    if (std::isnan(x)) return Value::from_bool(op == CmpOp::NE);
    return cmp_result(-int_compare_double(b, x), op);
  }
  return g_not_implemented;
}

static int float_bool(Value v) { return v.as_double() != 0.0; }

// -- Parsing ---------------------------------------------------------------------------------------
static Value float_parse_error(Value orig) {
  std::string r = orig.is_null() ? "''" : repr_utf8(orig);
  return raise_fmt(exc::ValueError, "could not convert string to float: {}", r);
}

static bool ieq(std::string_view a, const char* b) {
  if (a.size() != std::strlen(b)) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (std::tolower((unsigned char)a[i]) != b[i]) return false;
  return true;
}

Value float_from_string(std::string_view s, Value orig) {
  std::string norm;
  for (char c : s)
    if ((unsigned char)c >= 0x80) {
      if (!str_decimal_space_to_ascii(s, &norm)) return float_parse_error(orig);
      s = norm;
      break;
    }
  size_t i = 0, n = s.size();
  auto sp = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (i < n && sp(s[i])) i++;
  while (n > i && sp(s[n - 1])) n--;
  std::string_view t = s.substr(i, n - i);
  std::string_view body = t;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) { neg = body[0] == '-'; body.remove_prefix(1); }
  if (ieq(body, "inf") || ieq(body, "infinity")) return Value::from_double(neg ? -INFINITY : INFINITY);
  if (ieq(body, "nan")) return Value::from_double(NAN);
  // Validate Python's float grammar (underscores only between digits) while building the
  // underscore-free text strtod will read.
  std::string clean;
  clean.reserve(t.size());
  if (neg) clean += '-';
  size_t k = 0;
  bool digits_before = false, digits_after = false;
  auto take_digits = [&](bool& any) {
    bool last_digit = false;
    while (k < body.size()) {
      char c = body[k];
      if (c >= '0' && c <= '9') { clean += c; any = true; last_digit = true; k++; }
      else if (c == '_' && last_digit && k + 1 < body.size() && body[k + 1] >= '0' && body[k + 1] <= '9') { k++; last_digit = false; }
      else break;
    }
  };
  take_digits(digits_before);
  if (k < body.size() && body[k] == '.') { clean += '.'; k++; take_digits(digits_after); }
  if (!digits_before && !digits_after) return float_parse_error(orig);
  if (k < body.size() && (body[k] == 'e' || body[k] == 'E')) {
    clean += 'e';
    k++;
    if (k < body.size() && (body[k] == '+' || body[k] == '-')) clean += body[k++];
    bool exp_digits = false;
    take_digits(exp_digits);
    if (!exp_digits) return float_parse_error(orig);
  }
  if (k != body.size()) return float_parse_error(orig);
  double d = std::strtod(clean.c_str(), nullptr);
  return Value::from_double(d);
}

static Value float_new_from(Value x) {
  if (x.is_double()) return x;
  if (is_int(x)) {
    double d;
    if (!to_double(x, &d)) return Value::exc();
    return Value::from_double(d);
  }
  if (is_str(x)) return float_from_string(as_str(x)->view(), x);
  if (is_bytes(x)) return float_from_string(std::string_view(x.as<BytesObject>()->data, x.as<BytesObject>()->size), x);
  static StrObject *s_float = str_intern("__float__"), *s_index = str_intern("__index__");
  Value m = lookup_special(x, s_float);
  if (m.is_exc()) return m;
  if (!m.is_null()) {
    Value r = call0(m);
    if (r.is_exc()) return r;
    if (!r.is_double())
      return raise_fmt(exc::TypeError, "{}.__float__ returned non-float (type {})", type_name(x), type_name(r));
    return r;
  }
  m = lookup_special(x, s_index);
  if (m.is_exc()) return m;
  if (!m.is_null()) {
    Value r = call0(m);
    if (r.is_exc()) return r;
    return float_new_from(r);
  }
  return raise_fmt(exc::TypeError, "float() argument must be a string or a real number, not '{}'", type_name(x));
}

static Value float_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "float() takes no keyword arguments");
  if (nargs > 1) return raise_fmt(exc::TypeError, "float expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return Value::from_double(0.0);
  return float_new_from(args[0]);
}

// -- round() ---------------------------------------------------------------------------------------
static Value double_to_int(double d) {
  if (std::isnan(d)) return raise(exc::ValueError, "cannot convert float NaN to integer");
  if (std::isinf(d)) return raise(exc::OverflowError, "cannot convert float infinity to integer");
  if (d > -9.2e18 && d < 9.2e18) return int_from_i64(int64_t(d));
  Mpz z;
  mpz_set_d(z, d);
  return int_from_mpz(z);
}

Value float_round(double x, Value ndigits) {
  if (ndigits.is_null() || ndigits.is_none()) {
    double r = std::round(x);
    if (std::fabs(x - r) == 0.5) r = 2.0 * std::round(x / 2.0);
    return double_to_int(r);
  }
  int64_t n;
  if (!is_int(ndigits)) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(ndigits));
  if (!int_get_i64(ndigits, &n)) n = int_sign(ndigits) > 0 ? INT64_MAX : INT64_MIN;
  if (!std::isfinite(x) || x == 0.0) return Value::from_double(x);
  if (n > 323) return Value::from_double(x);
  if (n < -308) return Value::from_double(std::copysign(0.0, x));
  // Exact: x is a dyadic rational; scale by 10**n, round half-even, and let strtod produce the
  // correctly rounded double of the resulting decimal.
  mpq_t q;
  mpq_init(q);
  mpq_set_d(q, x);
  Mpz p, num, den, quo, rem;
  mpz_ui_pow_ui(p, 10, (unsigned long)(n >= 0 ? n : -n));
  mpz_set(num, mpq_numref(q));
  mpz_set(den, mpq_denref(q));
  mpq_clear(q);
  if (n >= 0) mpz_mul(num, num, p);
  else mpz_mul(den, den, p);
  mpz_fdiv_qr(quo, rem, num, den);
  mpz_mul_2exp(rem, rem, 1);
  int c = mpz_cmp(rem, den);
  if (c > 0 || (c == 0 && mpz_odd_p(quo))) mpz_add_ui(quo, quo, 1);
  std::string s(mpz_sizeinbase(quo, 10) + 2, '\0');
  mpz_get_str(s.data(), 10, quo);
  s.resize(std::strlen(s.c_str()));
  s += "e" + std::to_string(-n);
  double r = std::strtod(s.c_str(), nullptr);
  if (std::isinf(r)) return raise(exc::OverflowError, "rounded value too large to represent");
  if (r == 0.0) r = std::copysign(0.0, x);
  return Value::from_double(r);
}

// -- Methods -----------------------------------------------------------------------------------------
static Value float_is_integer_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("float.is_integer", nargs - 1, 0, 0)) return Value::exc();
  double d = args[0].as_double();
  return Value::from_bool(std::isfinite(d) && d == std::floor(d));
}

static Value float_as_integer_ratio_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("float.as_integer_ratio", nargs - 1, 0, 0)) return Value::exc();
  double d = args[0].as_double();
  if (std::isinf(d)) return raise(exc::OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(d)) return raise(exc::ValueError, "cannot convert NaN to integer ratio");
  mpq_t q;
  mpq_init(q);
  mpq_set_d(q, d);
  Value a = int_from_mpz(mpq_numref(q)), b = int_from_mpz(mpq_denref(q));
  mpq_clear(q);
  return tuple_pack({a, b});
}

static Value float_hex_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("float.hex", nargs - 1, 0, 0)) return Value::exc();
  double d = args[0].as_double();
  if (!std::isfinite(d)) return str_value(float_repr_str(d));
  if (d == 0) return str_value(std::signbit(d) ? "-0x0.0p+0" : "0x0.0p+0");
  int e;
  double m = std::frexp(std::fabs(d), &e);  // m in [0.5, 1)
  m *= 2;
  e -= 1;
  if (e < -1022) {  // subnormal: CPython prints with exponent -1022 and leading 0
    m = std::ldexp(m, e + 1022);
    e = -1022;
  }
  uint64_t lead = uint64_t(m);
  double frac = m - double(lead);
  std::string s = std::signbit(d) ? "-0x" : "0x";
  s += char('0' + lead);
  s += '.';
  for (int i = 0; i < 13; i++) {
    frac *= 16;
    int dgt = int(frac);
    frac -= dgt;
    s += "0123456789abcdef"[dgt];
  }
  s += fmt::format("p{}{}", e < 0 ? "-" : "+", e < 0 ? -e : e);
  return str_value(s);
}

static Value float_fromhex_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("fromhex", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "must be str, not {}", type_name(args[1]));
  std::string s(as_str(args[1])->view());
  size_t b = s.find_first_not_of(" \t\n\r\f\v"), e = s.find_last_not_of(" \t\n\r\f\v");
  if (b == std::string::npos) return raise(exc::ValueError, "invalid hexadecimal floating-point string");
  s = s.substr(b, e - b + 1);
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  std::string body = s.substr(i);
  for (auto& c : body) c = char(std::tolower((unsigned char)c));
  if (body == "inf" || body == "infinity" || body == "nan") {
    double d = body == "nan" ? NAN : INFINITY;
    return Value::from_double(s[0] == '-' ? -d : d);
  }
  if (body.rfind("0x", 0) != 0) body = "0x" + body;
  for (char c : body.substr(2))
    if (!std::isxdigit((unsigned char)c) && c != '.' && c != 'p' && c != '+' && c != '-')
      return raise(exc::ValueError, "invalid hexadecimal floating-point string");
  std::string full = (s[0] == '-' ? "-" : "") + body;
  char* end;
  errno = 0;
  double d = std::strtod(full.c_str(), &end);
  if (*end) return raise(exc::ValueError, "invalid hexadecimal floating-point string");
  if (std::isinf(d)) return raise(exc::OverflowError, "hexadecimal value too large to represent as a float");
  return Value::from_double(d);
}

static Value float_conjugate_m(Value* args, size_t nargs, TupleObject* kw) { return args[0]; }

static Value float_trunc_m(Value* args, size_t nargs, TupleObject* kw) {
  return double_to_int(std::trunc(args[0].as_double()));
}
static Value float_floor_m(Value* args, size_t nargs, TupleObject* kw) {
  return double_to_int(std::floor(args[0].as_double()));
}
static Value float_ceil_m(Value* args, size_t nargs, TupleObject* kw) {
  return double_to_int(std::ceil(args[0].as_double()));
}
static Value float_abs_m(Value* args, size_t nargs, TupleObject* kw) {
  return Value::from_double(std::fabs(args[0].as_double()));
}
static Value float_round_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__round__", nargs - 1, 0, 1)) return Value::exc();
  return float_round(args[0].as_double(), nargs > 1 ? args[1] : Value::null());
}
static Value float_format_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("float.__format__", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "__format__() argument must be str, not {}", type_name(args[1]));
  return format_float(args[0].as_double(), as_str(args[1])->view(), args[0]);
}

static Value float_getattr(Value self, StrObject* name) {
  auto n = name->view();
  if (n == "real") return self;
  if (n == "imag") return Value::from_double(0.0);
  return generic_getattr(self, name);
}

// float.__getformat__(typestr): the storage format of C double / float (IEEE 754 here).
static Value float_getformat_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__getformat__", kw) || !check_nargs("__getformat__", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "__getformat__() argument must be str, not {}", type_name(args[1]));
  std::string_view t = as_str(args[1])->view();
  if (t != "double" && t != "float") return raise(exc::ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
  uint16_t probe = 1;
  bool little = *reinterpret_cast<uint8_t*>(&probe) == 1;
  return str_value(little ? "IEEE, little-endian" : "IEEE, big-endian");
}

void init_float_type() {
  TypeObject* t = types::float_;
  t->repr = float_repr;
  t->hash = float_hash;
  t->richcompare = float_richcompare;
  t->binop = float_binop;
  t->unaryop = float_unaryop;
  t->boolean = float_bool;
  t->tp_new = float_tp_new;
  t->getattr = float_getattr;
  type_add_methods(t, {{"is_integer", float_is_integer_m},
                       {"as_integer_ratio", float_as_integer_ratio_m},
                       {"hex", float_hex_m},
                       {"conjugate", float_conjugate_m},
                       {"__trunc__", float_trunc_m},
                       {"__int__", float_trunc_m},
                       {"__floor__", float_floor_m},
                       {"__ceil__", float_ceil_m},
                       {"__abs__", float_abs_m},
                       {"__float__", float_conjugate_m},
                       {"__round__", float_round_m},
                       {"__format__", float_format_m}});
  type_add_classmethod(t, "fromhex", float_fromhex_m);
  type_add_classmethod(t, "__getformat__", float_getformat_m);
}

}  // namespace chaipy
