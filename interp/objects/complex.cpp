// interp/objects/complex.cpp — a minimal complex type: repr as CPython, + - * / **, ==, hash,
// abs/conjugate, real/imag attributes and complex(...) construction (numbers or strings).
#include <cmath>
#include <cstdlib>

#include "interp/objects/objects.h"

namespace chaipy {

struct Cx { double re, im; };

Value complex_new(double re, double im) {
  auto* c = gc::make<ComplexObject>(types::complex);
  c->real = re;
  c->imag = im;
  return obj(c);
}

static bool is_complex(Value v) { return v.is_obj() && (v.as_obj()->type == types::complex || is_subtype(v.as_obj()->type, types::complex)); }

// Numbers coerce to complex; false (no exception) for other types, false + exception on overflow.
static bool to_cx(Value v, Cx* out, bool* err) {
  *err = false;
  if (is_complex(v)) { *out = {v.as<ComplexObject>()->real, v.as<ComplexObject>()->imag}; return true; }
  if (v.is_double() || is_int(v)) {
    double d;
    if (!to_double(v, &d)) { *err = true; return false; }
    *out = {d, 0.0};
    return true;
  }
  return false;
}

// repr of one component: shortest round-trip without a trailing ".0".
static std::string part(double d) {
  std::string s = float_repr_str(d);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string complex_repr_str(double re, double im) {
  if (re == 0 && !std::signbit(re)) return part(im) + "j";
  std::string r = part(re), i = part(im);
  if (i[0] != '-' ) i = "+" + i;
  return "(" + r + i + "j)";
}

static Value complex_repr(Value v) {
  auto* c = v.as<ComplexObject>();
  return str_value(complex_repr_str(c->real, c->imag));
}

static int64_t complex_hash(Value v) {
  auto* c = v.as<ComplexObject>();
  uint64_t hr = uint64_t(hash_double(c->real)), hi = uint64_t(hash_double(c->imag));
  int64_t h = int64_t(hr + 1000003ull * hi);
  return h == -1 ? -2 : h;
}

static Value cx_div(Cx a, Cx b) {
  double abr = std::fabs(b.re), abi = std::fabs(b.im);
  Cx r;
  if (abr >= abi) {
    if (abr == 0.0) return raise(exc::ZeroDivisionError, "complex division by zero");
    double ratio = b.im / b.re, denom = b.re + b.im * ratio;
    r = {(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
  } else if (abi >= abr) {
    double ratio = b.re / b.im, denom = b.re * ratio + b.im;
    r = {(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
  } else {
    r = {NAN, NAN};
  }
  return complex_new(r.re, r.im);
}

static Cx cx_mul(Cx a, Cx b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

static Value cx_pow(Cx a, Cx b) {
  if (b.im == 0.0 && b.re == std::floor(b.re) && std::fabs(b.re) <= 100.0) {
    int64_t n = int64_t(b.re);
    Cx r = {1, 0}, x = a;
    uint64_t m = uint64_t(n < 0 ? -n : n);
    while (m) {
      if (m & 1) r = cx_mul(r, x);
      x = cx_mul(x, x);
      m >>= 1;
    }
    if (n < 0) {
      if (a.re == 0 && a.im == 0) return raise(exc::ZeroDivisionError, "0.0 to a negative or complex power");
      return cx_div({1, 0}, r);
    }
    return complex_new(r.re, r.im);
  }
  if (b.re == 0 && b.im == 0) return complex_new(1, 0);
  if (a.re == 0 && a.im == 0) {
    if (b.im != 0 || b.re < 0) return raise(exc::ZeroDivisionError, "0.0 to a negative or complex power");
    return complex_new(0, 0);
  }
  double vabs = std::hypot(a.re, a.im), len = std::pow(vabs, b.re), at = std::atan2(a.im, a.re), phase = at * b.re;
  if (b.im != 0.0) {
    len /= std::exp(at * b.im);
    phase += b.im * std::log(vabs);
  }
  return complex_new(len * std::cos(phase), len * std::sin(phase));
}

static Value complex_binop(int op, Value a, Value b) {
  if (op >= kNumBinOps) op -= kNumBinOps;
  Cx x, y;
  bool err;
  if (!to_cx(a, &x, &err)) return err ? Value::exc() : g_not_implemented;
  if (!to_cx(b, &y, &err)) return err ? Value::exc() : g_not_implemented;
  switch (BinOp(op)) {
    case BinOp::ADD: return complex_new(x.re + y.re, x.im + y.im);
    case BinOp::SUBTRACT: return complex_new(x.re - y.re, x.im - y.im);
    case BinOp::MULTIPLY: { Cx r = cx_mul(x, y); return complex_new(r.re, r.im); }
    case BinOp::TRUE_DIVIDE: return cx_div(x, y);
    case BinOp::POWER: return cx_pow(x, y);
    default: return g_not_implemented;
  }
}

static Value complex_unaryop(Op op, Value a) {
  auto* c = a.as<ComplexObject>();
  if (op == Op::UNARY_NEGATIVE) return complex_new(-c->real, -c->imag);
  if (op == Op::UNARY_POSITIVE) return complex_new(c->real, c->imag);
  return g_not_implemented;
}

static Value complex_richcompare(Value a, Value b, CmpOp op) {
  if (op != CmpOp::EQ && op != CmpOp::NE) return g_not_implemented;
  if (!is_complex(a)) return g_not_implemented;
  auto* c = a.as<ComplexObject>();
  bool same;
  if (is_complex(b)) same = c->real == b.as<ComplexObject>()->real && c->imag == b.as<ComplexObject>()->imag;
  else if (b.is_double()) same = c->imag == 0 && c->real == b.as_double();
  else if (is_int(b)) same = c->imag == 0 && !std::isnan(c->real) && int_compare_double(b, c->real) == 0;
  else return g_not_implemented;
  return Value::from_bool(op == CmpOp::EQ ? same : !same);
}

static int complex_bool(Value v) { return v.as<ComplexObject>()->real != 0 || v.as<ComplexObject>()->imag != 0; }

static Value complex_getattr(Value self, StrObject* name) {
  auto n = name->view();
  if (n == "real") return Value::from_double(self.as<ComplexObject>()->real);
  if (n == "imag") return Value::from_double(self.as<ComplexObject>()->imag);
  return generic_getattr(self, name);
}

// complex('1+2j') grammar: optional parens, real and/or imaginary part.
static Value complex_from_string(std::string_view s) {
  auto bad = [] { return raise(exc::ValueError, "complex() arg is a malformed string"); };
  auto sp = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t b = 0, e = s.size();
  while (b < e && sp(s[b])) b++;
  while (e > b && sp(s[e - 1])) e--;
  if (b < e && s[b] == '(') {
    if (s[e - 1] != ')') return bad();
    b++; e--;
    while (b < e && sp(s[b])) b++;
    while (e > b && sp(s[e - 1])) e--;
  }
  std::string t(s.substr(b, e - b));
  if (t.empty()) return bad();
  // Parse a leading float, then optionally a signed second float ending in j.
  auto parse_num = [&](size_t& i, double* out) -> bool {
    size_t start = i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) i++;
    size_t k = i;
    while (k < t.size() && (std::isalnum((unsigned char)t[k]) || t[k] == '.' || t[k] == '_' ||
                            ((t[k] == '+' || t[k] == '-') && k > 0 && (t[k - 1] == 'e' || t[k - 1] == 'E'))))
      k++;
    if (k > i && (t[k - 1] == 'j' || t[k - 1] == 'J')) k--;
    std::string num = t.substr(start, k - start);
    if (num == "+" || num == "-" || num.empty()) { *out = num == "-" ? -1.0 : 1.0; i = k; return true; }
    Value v = float_from_string(num, Value::null());
    if (v.is_exc()) { exc_fetch(); return false; }
    *out = v.as_double();
    i = k;
    return true;
  };
  size_t i = 0;
  double x, y;
  bool x_empty = i < t.size() && (t[i] == 'j' || t[i] == 'J');
  if (x_empty) { if (t.size() != 1) return bad(); return complex_new(0, 1); }
  if (!parse_num(i, &x)) return bad();
  if (i == t.size()) return complex_new(x, 0);
  if (t[i] == 'j' || t[i] == 'J') { if (i + 1 != t.size()) return bad(); return complex_new(0, x); }
  if (t[i] != '+' && t[i] != '-') return bad();
  if (!parse_num(i, &y)) return bad();
  if (i + 1 != t.size() || (t[i] != 'j' && t[i] != 'J')) return bad();
  return complex_new(x, y);
}

static Value complex_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"real", "imag", nullptr};
  Value a[2];
  if (!parse_args("complex", args, nargs, kwnames, names, 0, a)) return Value::exc();
  if (a[0].is_null()) return complex_new(0, 0);
  if (is_str(a[0])) {
    if (!a[1].is_null()) return raise(exc::TypeError, "complex() can't take second arg if first is a string");
    return complex_from_string(as_str(a[0])->view());
  }
  Cx r, i = {0, 0};
  bool err;
  if (!to_cx(a[0], &r, &err)) {
    if (err) return Value::exc();
    return raise_fmt(exc::TypeError, "complex() first argument must be a string or a number, not '{}'", type_name(a[0]));
  }
  if (!a[1].is_null()) {
    if (is_str(a[1])) return raise(exc::TypeError, "complex() second arg can't be a string");
    if (!to_cx(a[1], &i, &err)) {
      if (err) return Value::exc();
      return raise_fmt(exc::TypeError, "complex() second argument must be a number, not '{}'", type_name(a[1]));
    }
  }
  return complex_new(r.re - i.im, r.im + i.re);
}

static Value complex_abs_m(Value* args, size_t nargs, TupleObject* kw) {
  auto* c = args[0].as<ComplexObject>();
  double r = std::hypot(c->real, c->imag);
  if (std::isinf(r) && std::isfinite(c->real) && std::isfinite(c->imag)) return raise(exc::OverflowError, "absolute value too large");
  return Value::from_double(r);
}
static Value complex_conjugate_m(Value* args, size_t nargs, TupleObject* kw) {
  auto* c = args[0].as<ComplexObject>();
  return complex_new(c->real, -c->imag);
}
static Value complex_format_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("complex.__format__", nargs - 1, 1, 1)) return Value::exc();
  if (is_str(args[1]) && as_str(args[1])->nbytes == 0) return complex_repr(args[0]);
  return raise_fmt(exc::TypeError, "unsupported format string passed to complex.__format__");
}

void init_complex_type() {
  TypeObject* t = types::complex;
  t->repr = complex_repr;
  t->hash = complex_hash;
  t->richcompare = complex_richcompare;
  t->binop = complex_binop;
  t->unaryop = complex_unaryop;
  t->boolean = complex_bool;
  t->getattr = complex_getattr;
  t->tp_new = complex_tp_new;
  type_add_methods(t, {{"__abs__", complex_abs_m}, {"conjugate", complex_conjugate_m}, {"__format__", complex_format_m}});
}

}  // namespace chaipy
