// interp/objects/int.cpp — the int and bool types: 48-bit immediates, int64 heap form, GMP beyond.
//
// Invariant (object.h): an int that fits 48 bits is always an immediate, one that fits int64 is
// an IntObject with is_big false, anything larger holds an mpz. Every result goes through
// int_from_i64 / int_from_mpz so the invariant holds and identity-free equality stays cheap.
#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/safepoint.h"
#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

static constexpr uint64_t kHashModulus = (uint64_t(1) << 61) - 1;

// -- GMP memory ---------------------------------------------------------------------------------
// GMP allocates limb arrays for every temporary; through malloc that dominated big-int loops
// (an LCG modulo 2**64 spent 60% in malloc/free). Small blocks are recycled from per-size free
// lists instead; sizes are multiples of the 8-byte limb.
namespace {
constexpr size_t kGmpMaxCached = 256, kGmpBuckets = kGmpMaxCached / 8 + 1, kGmpMaxPerBucket = 4096;
struct GmpBlock { GmpBlock* next; };
GmpBlock* g_gmp_free[kGmpBuckets];
uint32_t g_gmp_count[kGmpBuckets];

inline size_t gmp_bucket(size_t n) { return (n + 7) / 8; }

void* gmp_alloc(size_t n) {
  size_t b = gmp_bucket(n);
  if (b < kGmpBuckets && g_gmp_free[b]) {
    GmpBlock* blk = g_gmp_free[b];
    g_gmp_free[b] = blk->next;
    g_gmp_count[b]--;
    return blk;
  }
  return sys_malloc(b < kGmpBuckets ? b * 8 : n);
}

void gmp_free(void* p, size_t n) {
  size_t b = gmp_bucket(n);
  if (b < kGmpBuckets && g_gmp_count[b] < kGmpMaxPerBucket) {
    auto* blk = static_cast<GmpBlock*>(p);
    blk->next = g_gmp_free[b];
    g_gmp_free[b] = blk;
    g_gmp_count[b]++;
    return;
  }
  std::free(p);
}

void* gmp_realloc(void* p, size_t old_n, size_t new_n) {
  if (gmp_bucket(old_n) == gmp_bucket(new_n) && gmp_bucket(new_n) < kGmpBuckets) return p;
  void* q = gmp_alloc(new_n);
  std::memcpy(q, p, std::min(old_n, new_n));
  gmp_free(p, old_n);
  return q;
}
}  // namespace

// GMP aborts the process on a result beyond its size limit or when memory runs out, so the
// operations whose result size a program chooses (shifts, powers, to_bytes) check it first.
static bool check_mpz_bits(double bits) {
  constexpr double kGmpMaxBits = double(INT32_MAX) * GMP_NUMB_BITS;  // mp_size_t limbs
  if (bits > kGmpMaxBits) {
    raise_value(obj(exc::MemoryError));
    return false;
  }
  return check_alloc(uint64_t(bits) / 8, 2);  // the result and a temporary of its size
}

// -- Construction / conversion -------------------------------------------------------------
static void int_finalize(Object* o) {
  auto* io = static_cast<IntObject*>(o);
  if (io->is_big) {
    gc::note_external(-int64_t(mpz_size(io->big) * sizeof(mp_limb_t)));
    mpz_clear(io->big);
    io->is_big = false;
  }
}

Value int_from_i64(int64_t i) {
  if (Value::int_fits_small(i)) return Value::from_small_int(i);
  auto* o = gc::make<IntObject>(types::int_);
  o->is_big = false;
  o->small = i;
  return obj(o);
}

Value int_from_mpz(const mpz_t z) {
  if (mpz_fits_slong_p(z)) return int_from_i64(mpz_get_si(z));
  auto* o = gc::make<IntObject>(types::int_);
  o->is_big = true;
  mpz_init_set(o->big, z);
  gc::note_external(int64_t(mpz_size(o->big) * sizeof(mp_limb_t)));
  return obj(o);
}

// Values up to 128 bits (hash mixing, LCGs modulo 2**64) take a path that computes in __int128
// and builds at most one mpz, instead of converting both operands to temporaries.
static Value int_from_i128(__int128 v) {
  if (v >= INT64_MIN && v <= INT64_MAX) return int_from_i64(int64_t(v));
  auto* o = gc::make<IntObject>(types::int_);
  o->is_big = true;
  mpz_init2(o->big, 128);
  bool neg = v < 0;
  unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
  // The limbs written directly: one allocation, no arithmetic on the mpz.
  static_assert(GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0);
  mp_limb_t* d = mpz_limbs_write(o->big, 2);
  d[0] = mp_limb_t(u);
  d[1] = mp_limb_t(u >> 64);
  mp_size_t n = d[1] ? 2 : 1;
  mpz_limbs_finish(o->big, neg ? -n : n);
  gc::note_external(int64_t(mpz_size(o->big) * sizeof(mp_limb_t)));
  return obj(o);
}

static bool int_get_i128(Value v, __int128* out) {
  int64_t i;
  if (int_get_i64(v, &i)) {
    *out = i;
    return true;
  }
  if (!is_int(v)) return false;
  const mpz_t& z = v.as<IntObject>()->big;
  if (mpz_size(z) > 2) return false;
  unsigned __int128 mag = (unsigned __int128)mpz_getlimbn(z, 1) << 64 | mpz_getlimbn(z, 0);
  if (mpz_size(z) < 2) mag = mpz_getlimbn(z, 0);
  if (mag >> 127) return false;
  *out = mpz_sgn(z) < 0 ? -(__int128)mag : (__int128)mag;
  return true;
}

bool int_to_i64(Value v, int64_t* out) {
  if (v.is_small_int()) { *out = v.as_small_int(); return true; }
  if (v.is_bool()) { *out = v.as_bool(); return true; }
  if (!is_int(v)) return false;
  auto* io = v.as<IntObject>();
  if (io->is_big) return false;
  *out = io->small;
  return true;
}

void int_to_mpz(Value v, mpz_t out) {
  int64_t i;
  if (int_get_i64(v, &i)) { mpz_set_si(out, i); return; }
  mpz_set(out, v.as<IntObject>()->big);
}

// Correctly rounded (half-even) conversion of a big int, like CPython's PyLong_AsDouble.
static double mpz_to_double_rounded(const mpz_t z, bool* overflow) {
  *overflow = false;
  size_t bits = mpz_sizeinbase(z, 2);
  if (bits <= 64) {
    Mpz a;
    mpz_abs(a, z);
    double d = double(uint64_t(mpz_get_ui(a)));
    return mpz_sgn(z) < 0 ? -d : d;
  }
  if (bits > 1024) { *overflow = true; return 0; }
  // Keep 55 significant bits plus a sticky bit; the uint64 -> double conversion then rounds
  // half-even exactly once.
  size_t shift = bits - 55;
  Mpz a, r;
  mpz_abs(a, z);
  bool sticky = mpz_scan1(a, 0) < shift;
  mpz_tdiv_q_2exp(a, a, shift);
  uint64_t m = mpz_get_ui(a) | (sticky ? 1 : 0);
  double d = std::ldexp(double(m), int(shift));
  if (std::isinf(d)) { *overflow = true; return 0; }
  return mpz_sgn(z) < 0 ? -d : d;
}

double int_to_double(Value v, bool* overflow) {
  int64_t i;
  *overflow = false;
  if (int_get_i64(v, &i)) return double(i);
  return mpz_to_double_rounded(v.as<IntObject>()->big, overflow);
}

int int_sign(Value v) {
  int64_t i;
  if (int_get_i64(v, &i)) return (i > 0) - (i < 0);
  return mpz_sgn(v.as<IntObject>()->big);
}

int int_compare(Value a, Value b) {
  int64_t x, y;
  if (int_get_i64(a, &x) && int_get_i64(b, &y)) return (x > y) - (x < y);
  Mpz za(a), zb(b);
  int c = mpz_cmp(za, zb);
  return (c > 0) - (c < 0);
}

int int_compare_double(Value i, double d) {
  if (std::isinf(d)) return d > 0 ? -1 : 1;
  int64_t x;
  if (int_get_i64(i, &x) && x > -(int64_t(1) << 53) && x < (int64_t(1) << 53)) {
    double xd = double(x);
    return (xd > d) - (xd < d);
  }
  Mpz z(i);
  int c = mpz_cmp_d(z, d);  // exact
  return (c > 0) - (c < 0);
}

int64_t int_hash(Value v) {
  int64_t i;
  uint64_t h;
  bool neg;
  if (int_get_i64(v, &i)) {
    if (i == -1) return -2;
    neg = i < 0;
    uint64_t u = neg ? uint64_t(0) - uint64_t(i) : uint64_t(i);
    h = u % kHashModulus;
  } else {
    const mpz_t& z = v.as<IntObject>()->big;
    neg = mpz_sgn(z) < 0;
    h = mpz_tdiv_ui(z, kHashModulus);  // remainder of |z|
  }
  int64_t r = neg ? -int64_t(h) : int64_t(h);
  return r == -1 ? -2 : r;
}

size_t int_bit_length(Value v) {
  int64_t i;
  if (int_get_i64(v, &i)) {
    uint64_t u = i < 0 ? uint64_t(0) - uint64_t(i) : uint64_t(i);
    return u == 0 ? 0 : 64 - __builtin_clzll(u);
  }
  return mpz_sizeinbase(v.as<IntObject>()->big, 2);
}

// -- Decimal conversion ----------------------------------------------------------------------
std::string int_to_decimal(Value v) {
  int64_t i;
  if (int_get_i64(v, &i)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    return std::string(buf, r.ptr);
  }
  const mpz_t& z = v.as<IntObject>()->big;
  std::string s(mpz_sizeinbase(z, 10) + 2, '\0');
  mpz_get_str(s.data(), 10, z);
  s.resize(std::strlen(s.c_str()));
  return s;
}

static Value int_digit_limit_error() {
  return raise_fmt(exc::ValueError,
                   "Exceeds the limit ({} digits) for integer string conversion; use "
                   "sys.set_int_max_str_digits() to increase the limit",
                   g_int_max_str_digits);
}

Value int_to_str_checked(Value v) {
  int64_t i;
  if (int_get_i64(v, &i)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    return str_value(std::string_view(buf, r.ptr - buf));
  }
  const mpz_t& z = v.as<IntObject>()->big;
  if (g_int_max_str_digits > 0) {
    // sizeinbase may overshoot by one; only the exact count decides near the limit.
    size_t approx = mpz_sizeinbase(z, 10);
    if (approx > size_t(g_int_max_str_digits) + 1) return int_digit_limit_error();
    std::string s = int_to_decimal(v);
    size_t digits = s.size() - (s[0] == '-');
    if (digits > size_t(g_int_max_str_digits)) return int_digit_limit_error();
    return str_value(s);
  }
  return str_value(int_to_decimal(v));
}

static Value int_repr(Value v) { return int_to_str_checked(v); }

Value int_to_base_str(Value v, int base, bool prefix) {
  Mpz z(v);
  bool neg = mpz_sgn(z) < 0;
  mpz_abs(z, z);
  std::string s(mpz_sizeinbase(z, base) + 2, '\0');
  mpz_get_str(s.data(), base, z);
  s.resize(std::strlen(s.c_str()));
  std::string out;
  if (neg) out += '-';
  if (prefix) out += base == 2 ? "0b" : base == 8 ? "0o" : "0x";
  out += s;
  return str_value(out);
}

// -- Parsing ---------------------------------------------------------------------------------
static bool is_py_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

static Value int_index_m(Value* args, size_t nargs, TupleObject* kw);

// The literal as CPython shows it: repr of the str, or of a bytes object for bytes-like input.
static Value invalid_literal(std::string_view orig, int base, bool from_bytes = false) {
  std::string_view shown = orig.size() > 200 ? orig.substr(0, 200) : orig;
  std::string r = from_bytes ? repr_utf8(bytes_new(shown)) : str_repr_utf8(shown);
  return raise_fmt(exc::ValueError, "invalid literal for int() with base {}: {}", base, r);
}

Value int_from_decimal_literal(const std::string& digits) {
  Mpz z;
  bool ok = !digits.empty() && digits.find_first_not_of("-0123456789", 1) == std::string::npos &&
            mpz_set_str(z, digits.c_str(), 10) == 0;
  if (!ok) return int_from_string(digits, 10);  // a damaged constant: int()'s ValueError
  return int_from_mpz(z);
}

// int(s, base) for a str (UTF-8; Unicode digits and spaces allowed) or, from_bytes, the bytes of a
// bytes-like object (ASCII only, errors show the bytes' repr).
static Value parse_int_literal(std::string_view orig, int base, bool from_bytes) {
  if (base != 0 && (base < 2 || base > 36)) return raise(exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
  auto invalid_literal = [from_bytes](std::string_view o, int b) { return chaipy::invalid_literal(o, b, from_bytes); };
  std::string norm;
  std::string_view s = orig;
  bool ascii = true;
  for (char c : orig) if ((unsigned char)c >= 0x80) { ascii = false; break; }
  if (!ascii) {
    if (from_bytes || !str_decimal_space_to_ascii(orig, &norm)) return invalid_literal(orig, base);
    s = norm;
  }
  size_t i = 0, n = s.size();
  while (i < n && is_py_space(s[i])) i++;
  while (n > i && is_py_space(s[n - 1])) n--;
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
  int b = base;
  bool had_prefix = false;
  if (i + 1 < n && s[i] == '0') {
    char p = s[i + 1] | 0x20;
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) { b = pb; i += 2; had_prefix = true; }
  }
  if (b == 0) b = 10;
  // Collect digits, validating underscores (single, between digits, or right after a prefix).
  std::string digits;
  digits.reserve(n - i);
  bool last_us = false;
  if (i >= n) return invalid_literal(orig, base);
  for (size_t k = i; k < n; k++) {
    char c = s[k];
    if (c == '_') {
      if (last_us || (k == i && !had_prefix)) return invalid_literal(orig, base);
      last_us = true;
      continue;
    }
    if (digit_value(c) >= b) return invalid_literal(orig, base);
    digits += c;
    last_us = false;
  }
  if (last_us || digits.empty()) return invalid_literal(orig, base);
  if (base == 0 && !had_prefix && digits.size() > 1 && digits[0] == '0') {
    for (char c : digits) if (c != '0') return invalid_literal(orig, base);
  }
  if (g_int_max_str_digits > 0 && (b & (b - 1)) != 0 && digits.size() > size_t(g_int_max_str_digits))
    return raise_fmt(exc::ValueError,
                     "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                     "sys.set_int_max_str_digits() to increase the limit",
                     g_int_max_str_digits, digits.size());
  if (digits.size() <= 12) {  // fits comfortably in int64 for any base <= 36
    int64_t v = 0;
    for (char c : digits) v = v * b + digit_value(c);
    return int_from_i64(neg ? -v : v);
  }
  Mpz z;
  mpz_set_str(z, digits.c_str(), b);
  if (neg) mpz_neg(z, z);
  return int_from_mpz(z);
}

Value int_from_string(std::string_view orig, int base) { return parse_int_literal(orig, base, false); }

// int(x) / int(x, base) for bytes, bytearray and (without a base) any other buffer.
static Value int_from_buffer(Value x, int base) {
  BufferHold h;
  if (!h.get(x)) return Value::exc();
  return parse_int_literal(h.view(), base, true);
}

// -- Arithmetic ------------------------------------------------------------------------------
static Value zero_div(const char* msg) { return raise(exc::ZeroDivisionError, msg); }

// Python floor division / modulo on int64 (b != 0, not INT64_MIN / -1).
static inline int64_t floordiv64(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}
static inline int64_t mod64(int64_t a, int64_t b) {
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

// Correctly rounded a / b for ints (CPython's long_true_divide semantics).
static Value int_true_divide(Value a, Value b) {
  int64_t x, y;
  if (int_get_i64(a, &x) && int_get_i64(b, &y)) {
    if (y == 0) return zero_div("division by zero");
    const int64_t lim = int64_t(1) << 53;
    if (x > -lim && x < lim && y > -lim && y < lim) return Value::from_double(double(x) / double(y));
  }
  if (int_sign(b) == 0) return zero_div("division by zero");
  Mpz na(a), nb(b);
  bool neg = (mpz_sgn(na) < 0) != (mpz_sgn(nb) < 0);
  mpz_abs(na, na);
  mpz_abs(nb, nb);
  if (mpz_sgn(na) == 0) return Value::from_double(neg ? -0.0 : 0.0);
  long la = long(mpz_sizeinbase(na, 2)), lb = long(mpz_sizeinbase(nb, 2));
  long diff = la - lb;
  if (diff > 1025) return raise(exc::OverflowError, "integer division result too large for a float");
  if (diff < -1080) return Value::from_double(neg ? -0.0 : 0.0);
  // Scale so the quotient has 55 or 56 bits; the remainder becomes a sticky bit. For results in
  // the subnormal range keep fewer bits so rounding happens once, at the right position.
  long exp_target = diff - 55;
  long min_exp = -1074 - 2;  // lowest bit position we need to keep (two guard bits)
  if (exp_target < min_exp) exp_target = min_exp;
  if (exp_target < 0) mpz_mul_2exp(na, na, -exp_target);
  else mpz_mul_2exp(nb, nb, exp_target);
  Mpz q, r;
  mpz_tdiv_qr(q, r, na, nb);
  uint64_t m = mpz_get_ui(q);
  double d;
  if (exp_target < -1074 + 0 && exp_target == min_exp) {
    // Subnormal: round m (scaled by 2^exp_target) to a multiple of 2^(-1074) half-even by hand.
    int drop = int(-1074 - exp_target);
    uint64_t keep = m >> drop, rem = m & ((uint64_t(1) << drop) - 1), half = uint64_t(1) << (drop - 1);
    bool sticky = mpz_sgn(r) != 0;
    if (rem > half || (rem == half && (sticky || (keep & 1)))) keep++;
    d = std::ldexp(double(keep), -1074);
  } else {
    if (mpz_sgn(r) != 0) m |= 1;
    d = std::ldexp(double(m), int(exp_target));
  }
  if (std::isinf(d)) return raise(exc::OverflowError, "integer division result too large for a float");
  return Value::from_double(neg ? -d : d);
}

static Value int_pow(Value a, Value b) {
  if (int_sign(b) < 0) {
    bool of;
    double x = int_to_double(a, &of);
    if (of) return raise(exc::OverflowError, "int too large to convert to float");
    double y = int_to_double(b, &of);
    if (of) y = -INFINITY;
    if (x == 0) return zero_div("0.0 cannot be raised to a negative power");
    return float_pow(x, y);
  }
  int64_t x, e;
  if (!int_get_i64(b, &e)) {
    // Huge exponent: only trivial bases are representable.
    int64_t bx;
    if (int_get_i64(a, &bx) && (bx == 0 || bx == 1)) return int_from_i64(bx);
    if (int_get_i64(a, &bx) && bx == -1) return int_from_i64(mpz_even_p(b.as<IntObject>()->big) ? 1 : -1);
    return raise(exc::MemoryError, "");
  }
  if (int_get_i64(a, &x)) {
    // Square-and-multiply in int64 while it does not overflow.
    int64_t result = 1, base = x, ee = e;
    bool ok = true;
    while (ee > 0) {
      if (ee & 1) {
        if (__builtin_mul_overflow(result, base, &result)) { ok = false; break; }
      }
      ee >>= 1;
      if (ee && __builtin_mul_overflow(base, base, &base)) { ok = false; break; }
    }
    if (ok) return int_from_i64(result);
  }
  Mpz z(a), r;
  // |a|**e has about e * log2|a| bits.
  if (mpz_cmpabs_ui(z, 1) > 0 && !check_mpz_bits(double(e) * double(mpz_sizeinbase(z, 2) - 1))) return Value::exc();
  mpz_pow_ui(r, z, (unsigned long)e);
  return int_from_mpz(r);
}

Value int_pow_mod(Value base, Value exp, Value mod) {
  if (!is_int(base) || !is_int(exp) || !is_int(mod))
    return raise(exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  if (int_sign(mod) == 0) return raise(exc::ValueError, "pow() 3rd argument cannot be 0");
  Mpz b(base), e(exp), m(mod), r;
  bool mneg = mpz_sgn(m) < 0;
  mpz_abs(m, m);
  if (mpz_sgn(e) < 0) {
    if (!mpz_invert(b, b, m)) return raise(exc::ValueError, "base is not invertible for the given modulus");
    mpz_neg(e, e);
  }
  mpz_powm(r, b, e, m);
  if (mneg && mpz_sgn(r) != 0) mpz_sub(r, r, m);
  if (mpz_cmp_ui(m, 1) == 0) mpz_set_ui(r, 0);
  return int_from_mpz(r);
}

static Value int_shift(Value a, Value b, bool left) {
  if (int_sign(b) < 0) return raise(exc::ValueError, "negative shift count");
  int64_t x, n;
  if (!int_get_i64(b, &n)) {
    if (!left) return int_from_i64(int_sign(a) < 0 ? -1 : 0);
    if (int_sign(a) == 0) return int_from_i64(0);
    return raise(exc::OverflowError, "too many digits in integer");
  }
  if (int_get_i64(a, &x)) {
    if (!left) return int_from_i64(n >= 64 ? (x < 0 ? -1 : 0) : x >> n);
    if (x == 0) return int_from_i64(0);
    uint64_t mag = x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x);
    if (n < 62 && (64 - __builtin_clzll(mag)) + n < 63) return int_from_i64(x * (int64_t(1) << n));
  } else if (!left) {
    Mpz z(a);
    mpz_fdiv_q_2exp(z, z, (mp_bitcnt_t)n);
    return int_from_mpz(z);
  }
  Mpz z(a);
  if (!check_mpz_bits(double(mpz_sizeinbase(z, 2)) + double(n))) return Value::exc();
  mpz_mul_2exp(z, z, (mp_bitcnt_t)n);
  return int_from_mpz(z);
}

static Value int_divmod_parts(Value a, Value b, bool want_q, bool want_r, Value* q, Value* r, const char* zmsg) {
  int64_t x, y;
  if (int_get_i64(a, &x) && int_get_i64(b, &y)) {
    if (y == 0) return zero_div(zmsg);
    if (!(x == INT64_MIN && y == -1)) {
      if (want_q) *q = int_from_i64(floordiv64(x, y));
      if (want_r) *r = int_from_i64(mod64(x, y));
      return Value::none();
    }
  }
  if (int_sign(b) == 0) return zero_div(zmsg);
  Mpz za(a), zb(b), zq, zr;
  mpz_fdiv_qr(zq, zr, za, zb);
  if (want_q) *q = int_from_mpz(zq);
  if (want_r) *r = int_from_mpz(zr);
  return Value::none();
}

Value int_divmod(Value a, Value b) {
  Value q, r;
  if (int_divmod_parts(a, b, true, true, &q, &r, "integer division or modulo by zero").is_exc()) return Value::exc();
  return tuple_pack({q, r});
}

Value int_binop(int op, Value a, Value b) {
  if (op >= kNumBinOps) op -= kNumBinOps;
  if (!is_int(a) || !is_int(b)) return g_not_implemented;
  int64_t x, y;
  bool fast = int_get_i64(a, &x) && int_get_i64(b, &y);
  __int128 X, Y, R;
  if (!fast && int_get_i128(a, &X) && int_get_i128(b, &Y)) {
    switch (BinOp(op)) {
      case BinOp::ADD:
        if (!__builtin_add_overflow(X, Y, &R)) return int_from_i128(R);
        break;
      case BinOp::SUBTRACT:
        if (!__builtin_sub_overflow(X, Y, &R)) return int_from_i128(R);
        break;
      case BinOp::MULTIPLY:
        if (!__builtin_mul_overflow(X, Y, &R)) return int_from_i128(R);
        break;
      case BinOp::AND: return int_from_i128(X & Y);
      case BinOp::OR: return int_from_i128(X | Y);
      case BinOp::XOR: return int_from_i128(X ^ Y);
      case BinOp::RSHIFT:
        if (Y >= 0 && Y < 128) return int_from_i128(X >> int(Y));
        break;
      default:
        break;
    }
  }
  switch (BinOp(op)) {
    case BinOp::ADD: {
      int64_t r;
      if (fast && !__builtin_add_overflow(x, y, &r)) return int_from_i64(r);
      if (fast) return int_from_i128(__int128(x) + y);
      Mpz za(a), zb(b);
      mpz_add(za, za, zb);
      return int_from_mpz(za);
    }
    case BinOp::SUBTRACT: {
      int64_t r;
      if (fast && !__builtin_sub_overflow(x, y, &r)) return int_from_i64(r);
      if (fast) return int_from_i128(__int128(x) - y);
      Mpz za(a), zb(b);
      mpz_sub(za, za, zb);
      return int_from_mpz(za);
    }
    case BinOp::MULTIPLY: {
      int64_t r;
      if (fast && !__builtin_mul_overflow(x, y, &r)) return int_from_i64(r);
      if (fast) return int_from_i128(__int128(x) * y);
      Mpz za(a), zb(b);
      mpz_mul(za, za, zb);
      return int_from_mpz(za);
    }
    case BinOp::FLOOR_DIVIDE: {
      if (fast && y != 0 && !(x == INT64_MIN && y == -1)) return int_from_i64(floordiv64(x, y));
      Value q;
      if (int_divmod_parts(a, b, true, false, &q, nullptr, "integer division or modulo by zero").is_exc())
        return Value::exc();
      return q;
    }
    case BinOp::REMAINDER: {
      if (fast && y != 0 && !(x == INT64_MIN && y == -1)) return int_from_i64(mod64(x, y));
      Value r;
      if (int_divmod_parts(a, b, false, true, nullptr, &r, "integer modulo by zero").is_exc()) return Value::exc();
      return r;
    }
    case BinOp::TRUE_DIVIDE: return int_true_divide(a, b);
    case BinOp::POWER: return int_pow(a, b);
    case BinOp::LSHIFT: return int_shift(a, b, true);
    case BinOp::RSHIFT: return int_shift(a, b, false);
    case BinOp::AND:
    case BinOp::OR:
    case BinOp::XOR: {
      if (fast) {
        int64_t r = op == int(BinOp::AND) ? (x & y) : op == int(BinOp::OR) ? (x | y) : (x ^ y);
        return int_from_i64(r);
      }
      Mpz za(a), zb(b), zr;
      if (op == int(BinOp::AND)) mpz_and(zr, za, zb);
      else if (op == int(BinOp::OR)) mpz_ior(zr, za, zb);
      else mpz_xor(zr, za, zb);
      return int_from_mpz(zr);
    }
    default: return g_not_implemented;
  }
}

static Value int_unaryop(Op op, Value a) {
  int64_t x;
  bool fast = int_get_i64(a, &x);
  switch (op) {
    case Op::UNARY_POSITIVE:
      if (a.is_bool()) return int_from_i64(x);
      return a;
    case Op::UNARY_NEGATIVE: {
      if (fast && x != INT64_MIN) return int_from_i64(-x);
      Mpz z(a);
      mpz_neg(z, z);
      return int_from_mpz(z);
    }
    case Op::UNARY_INVERT: {
      if (fast) return int_from_i64(~x);
      Mpz z(a);
      mpz_com(z, z);
      return int_from_mpz(z);
    }
    default: return g_not_implemented;
  }
}

static Value int_richcompare(Value a, Value b, CmpOp op) {
  if (!is_int(a)) return g_not_implemented;
  if (is_int(b)) return cmp_result(int_compare(a, b), op);
  if (b.is_double()) {
    double d = b.as_double();
    if (std::isnan(d)) return Value::from_bool(op == CmpOp::NE);
    return cmp_result(int_compare_double(a, d), op);
  }
  return g_not_implemented;
}

static int64_t int_hash_slot(Value v) { return int_hash(v); }
static int int_bool(Value v) { return int_sign(v) != 0; }

// -- Construction (int(x), int(s, base)) -------------------------------------------------------
Value int_new_from(Value x) {
  if (is_int(x)) {
    if (x.is_bool()) return int_from_i64(x.as_bool());
    if (!x.is_obj() || x.as_obj()->type == types::int_) return x;
    // An int subclass: its __int__ (int's own copies the value), as CPython's nb_int.
  }
  if (x.is_double()) {
    double d = x.as_double();
    if (std::isnan(d)) return raise(exc::ValueError, "cannot convert float NaN to integer");
    if (std::isinf(d)) return raise(exc::OverflowError, "cannot convert float infinity to integer");
    d = std::trunc(d);
    if (d > -9.2e18 && d < 9.2e18) return int_from_i64(int64_t(d));
    Mpz z;
    mpz_set_d(z, d);
    return int_from_mpz(z);
  }
  if (is_str(x)) return int_from_string(as_str(x)->view(), 10);
  if (is_bytes(x) || is_bytearray(x)) return int_from_buffer(x, 10);
  static StrObject *s_int = str_intern("__int__"), *s_index = str_intern("__index__"), *s_trunc = str_intern("__trunc__");
  for (StrObject* name : {s_int, s_index, s_trunc}) {
    Value m = lookup_special(x, name);
    if (m.is_exc()) return m;
    if (m.is_null()) continue;
    Value r = call0(m);
    if (r.is_exc()) return r;
    if (!is_int(r)) {
      if (name == s_trunc) return int_new_from(r);
      return raise_fmt(exc::TypeError, "{} returned non-int (type {})", name->view(), type_name(r));
    }
    return int_index_m(&r, 1, nullptr);  // an exact int
  }
  if (is_buffer(x)) return int_from_buffer(x, 10);  // memoryview, array, ...
  return raise_fmt(exc::TypeError, "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                   type_name(x));
}

static Value int_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  nargs -= nkw;
  Value x = Value::null(), base = Value::null();
  if (nargs > 2) return raise_fmt(exc::TypeError, "int() takes at most 2 arguments ({} given)", nargs + nkw);
  if (nargs >= 1) x = args[0];
  if (nargs >= 2) base = args[1];
  for (size_t k = 0; k < nkw; k++) {
    StrObject* kn = as_str(kwnames->items[k]);
    if (kn->view() == "base" && base.is_null()) base = args[nargs + k];
    else if (kn->view() == "base") return raise(exc::TypeError, "argument for int() given by name ('base') and position (2)");
    else return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for int()", kn->view());
  }
  if (x.is_null()) {
    if (!base.is_null()) return raise(exc::TypeError, "int() missing string argument");
    return int_from_i64(0);
  }
  if (base.is_null()) return int_new_from(x);
  int64_t b;
  Value bi = to_index(base);  // PyNumber_AsSsize_t(base, NULL): __index__, huge values out of range
  if (bi.is_exc()) return bi;
  if (!int_get_i64(bi, &b) || (b != 0 && (b < 2 || b > 36)))
    return raise(exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
  if (is_str(x)) return int_from_string(as_str(x)->view(), int(b));
  if (is_bytes(x) || is_bytearray(x)) return int_from_buffer(x, int(b));
  return raise(exc::TypeError, "int() can't convert non-string with explicit base");
}

Value int_round(Value x, Value ndigits) {
  if (ndigits.is_null() || ndigits.is_none()) return x.is_bool() ? int_from_i64(x.as_bool()) : x;
  int64_t n;
  if (!is_int(ndigits)) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(ndigits));
  if (!int_get_i64(ndigits, &n)) n = int_sign(ndigits) > 0 ? INT64_MAX : INT64_MIN;
  if (n >= 0) return x.is_bool() ? int_from_i64(x.as_bool()) : x;
  if (n < -100000) return int_from_i64(0);
  Mpz z(x), p, q, r;
  mpz_ui_pow_ui(p, 10, (unsigned long)(-n));
  mpz_fdiv_qr(q, r, z, p);
  mpz_mul_2exp(r, r, 1);
  int c = mpz_cmp(r, p);
  if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
  mpz_mul(q, q, p);
  return int_from_mpz(q);
}

// -- Methods ---------------------------------------------------------------------------------
static Value int_bit_length_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("int.bit_length", nargs - 1, 0, 0)) return Value::exc();
  return int_from_i64(int64_t(int_bit_length(args[0])));
}

static Value int_bit_count_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("int.bit_count", nargs - 1, 0, 0)) return Value::exc();
  Mpz z(args[0]);
  mpz_abs(z, z);
  return int_from_i64(int64_t(mpz_popcount(z)));
}

static Value int_self_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("int.conjugate", nargs - 1, 0, 0)) return Value::exc();
  Value v = args[0];
  return v.is_bool() ? int_from_i64(v.as_bool()) : v;
}

static Value int_float_m(Value* args, size_t nargs, TupleObject* kw) {
  bool of;
  double d = int_to_double(args[0], &of);
  if (of) return raise(exc::OverflowError, "int too large to convert to float");
  return Value::from_double(d);
}

static Value int_abs_m(Value* args, size_t nargs, TupleObject* kw) {
  if (int_sign(args[0]) < 0) return int_unaryop(Op::UNARY_NEGATIVE, args[0]);
  return args[0].is_bool() ? int_from_i64(args[0].as_bool()) : args[0];
}

static Value int_round_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__round__", nargs - 1, 0, 1)) return Value::exc();
  return int_round(args[0], nargs > 1 ? args[1] : Value::null());
}

static Value int_format_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("int.__format__", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "__format__() argument must be str, not {}", type_name(args[1]));
  return format_int(args[0], as_str(args[1])->view());
}

static Value int_as_integer_ratio_m(Value* args, size_t nargs, TupleObject* kw) {
  return tuple_pack({int_index_m(args, 1, nullptr), int_from_i64(1)});
}

// The byteorder= / signed= arguments of int.to_bytes and int.from_bytes.
static bool byteorder_args(const char* fname, Value order, Value sign, bool* little, bool* is_signed) {
  *little = false;
  *is_signed = false;
  if (!order.is_null()) {
    if (!is_str(order)) {
      raise_fmt(exc::TypeError, "{}() argument 'byteorder' must be str", fname);
      return false;
    }
    auto bo = as_str(order)->view();
    if (bo == "little") {
      *little = true;
    } else if (bo != "big") {
      raise(exc::ValueError, "byteorder must be either 'little' or 'big'");
      return false;
    }
  }
  if (!sign.is_null()) {
    int t = truthy(sign);
    if (t < 0) return false;
    *is_signed = t;
  }
  return true;
}

static Value int_to_bytes_m(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"length", "byteorder", "signed", nullptr};
  Value out[3];
  if (!parse_args("to_bytes", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  int64_t length = 1;
  if (!out[0].is_null() && !int_get_i64(out[0], &length))
    return raise(exc::TypeError, "'length' must be an integer");
  if (length < 0) return raise(exc::ValueError, "length argument must be non-negative");
  bool little, is_signed;
  if (!byteorder_args("to_bytes", out[1], out[2], &little, &is_signed)) return Value::exc();
  Mpz z(args[0]);
  if (mpz_sgn(z) < 0 && !is_signed) return raise(exc::OverflowError, "can't convert negative int to unsigned");
  // Bits needed: the magnitude's, plus a sign bit when signed (two's complement: -2^k needs k+1).
  uint64_t bits = 0;
  if (mpz_sgn(z) > 0) {
    bits = mpz_sizeinbase(z, 2) + (is_signed ? 1 : 0);
  } else if (mpz_sgn(z) < 0) {
    Mpz m;
    mpz_neg(m, z);
    mpz_sub_ui(m, m, 1);  // -z - 1 >= 0
    bits = (mpz_sgn(m) == 0 ? 0 : mpz_sizeinbase(m, 2)) + 1;
  }
  // CPython's rule lets -1 (all sign bits) fit in zero bytes.
  bool minus_one_in_nothing = is_signed && length == 0 && mpz_cmp_si(z, -1) == 0;
  if (uint64_t(length) < (bits + 7) / 8 && !minus_one_in_nothing)
    return raise(exc::OverflowError, "int too big to convert");
  if (!check_alloc(uint64_t(length), 1)) return Value::exc();
  if (mpz_sgn(z) < 0 && length > 0) {  // two's complement into `length` bytes: add 2^(8*length)
    Mpz full;
    mpz_setbit(full, mp_bitcnt_t(8 * length));
    mpz_add(z, z, full);
  }
  std::string buf(size_t(length), '\0');
  size_t count = 0;
  if (length > 0 && mpz_sgn(z) != 0) {
    std::string tmp((mpz_sizeinbase(z, 2) + 7) / 8, '\0');
    mpz_export(tmp.data(), &count, 1, 1, 1, 0, z);  // big-endian
    std::memcpy(buf.data() + (length - count), tmp.data(), count);
  }
  if (little) std::reverse(buf.begin(), buf.end());
  return bytes_new(buf);
}

static Value int_from_bytes_m(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"bytes", "byteorder", "signed", nullptr};
  Value out[3];
  if (!parse_args("from_bytes", args + 1, nargs - 1, kwnames, names, 1, out)) return Value::exc();
  Value b = out[0];
  if (!is_bytes(b)) {
    b = call1(obj(types::bytes), out[0]);
    if (b.is_exc()) return b;
  }
  bool little, is_signed;
  if (!byteorder_args("from_bytes", out[1], out[2], &little, &is_signed)) return Value::exc();
  auto* bo = b.as<BytesObject>();
  Mpz z;
  if (bo->size) mpz_import(z, bo->size, little ? -1 : 1, 1, 1, 0, bo->data);
  if (is_signed && bo->size) {
    unsigned char top = (unsigned char)bo->data[little ? bo->size - 1 : 0];
    if (top & 0x80) {
      Mpz full;
      mpz_ui_pow_ui(full, 2, (unsigned long)(8 * bo->size));
      mpz_sub(z, z, full);
    }
  }
  Value r = int_from_mpz(z);
  if (args[0] != obj(types::int_)) return call1(args[0], r);  // a subclass: cls(value)
  return r;
}

// int.__int__ / __index__ / __trunc__ / __floor__ / __ceil__: the value as an exact int (a copy
// for bools and int subclasses, CPython's long_long).
static Value int_index_m(Value* args, size_t nargs, TupleObject* kw) {
  Value v = args[0];
  if (v.is_bool()) return int_from_i64(v.as_bool());
  if (v.is_obj() && v.as_obj()->type != types::int_) {
    Mpz z(v);
    return int_from_mpz(z);
  }
  return v;
}

// -- bool --------------------------------------------------------------------------------------
static Value bool_repr(Value v) {
  static StrObject *s_true = str_intern("True"), *s_false = str_intern("False");
  return obj(v.as_bool() ? s_true : s_false);
}

static Value bool_binop(int op, Value a, Value b) {
  int plain = op >= kNumBinOps ? op - kNumBinOps : op;
  if (a.is_bool() && b.is_bool()) {
    if (plain == int(BinOp::AND)) return Value::from_bool(a.as_bool() & b.as_bool());
    if (plain == int(BinOp::OR)) return Value::from_bool(a.as_bool() | b.as_bool());
    if (plain == int(BinOp::XOR)) return Value::from_bool(a.as_bool() ^ b.as_bool());
  }
  return int_binop(op, a, b);
}

static Value bool_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "bool() takes no keyword arguments");
  if (nargs > 1) return raise_fmt(exc::TypeError, "bool expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return Value::false_();
  int t = truthy(args[0]);
  if (t < 0) return Value::exc();
  return Value::from_bool(t);
}

// real/imag/numerator/denominator are data attributes; the rest goes through the generic path.
static Value int_getattr(Value self, StrObject* name) {
  auto n = name->view();
  if (n.size() >= 4 && (n == "real" || n == "numerator")) return self.is_bool() ? int_from_i64(self.as_bool()) : self;
  if (n == "imag") return int_from_i64(0);
  if (n == "denominator") return int_from_i64(1);
  return generic_getattr(self, name);
}

void init_int_type() {
  mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
  TypeObject* t = types::int_;
  t->finalize = int_finalize;
  t->repr = int_repr;
  t->hash = int_hash_slot;
  t->richcompare = int_richcompare;
  t->binop = int_binop;
  t->unaryop = int_unaryop;
  t->boolean = int_bool;
  t->tp_new = int_tp_new;
  t->getattr = int_getattr;
  type_add_methods(t, {{"bit_length", int_bit_length_m},
                       {"bit_count", int_bit_count_m},
                       {"conjugate", int_self_m},
                       {"to_bytes", int_to_bytes_m},
                       {"as_integer_ratio", int_as_integer_ratio_m},
                       {"__index__", int_index_m},
                       {"__int__", int_index_m},
                       {"__trunc__", int_index_m},
                       {"__floor__", int_index_m},
                       {"__ceil__", int_index_m},
                       {"__float__", int_float_m},
                       {"__abs__", int_abs_m},
                       {"__round__", int_round_m},
                       {"__format__", int_format_m}});
  type_add_classmethod(t, "from_bytes", int_from_bytes_m);

  TypeObject* b = types::bool_;
  b->finalize = nullptr;
  b->repr = bool_repr;
  b->hash = int_hash_slot;
  b->richcompare = int_richcompare;
  b->binop = bool_binop;
  b->unaryop = int_unaryop;
  b->boolean = int_bool;
  b->tp_new = bool_tp_new;
  b->getattr = int_getattr;
}

}  // namespace chaipy
