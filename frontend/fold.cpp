// frontend/fold.cpp — AST constant folding, a subset of CPython 3.11's ast_opt.c.
#include "frontend/fold.h"

#include <cmath>
#include <cstring>

#include "interp/opcodes.h"

namespace chaipy {
using namespace ast;

bool const_truthy(const Const& c) {
  switch (c.kind) {
    case Const::Kind::None: case Const::Kind::False: return false;
    case Const::Kind::True: case Const::Kind::Ellipsis: case Const::Kind::Code: return true;
    case Const::Kind::Int: return c.i != 0;
    case Const::Kind::BigInt: return true;
    case Const::Kind::Float: return c.f != 0;
    case Const::Kind::Complex: return c.f != 0 || c.imag != 0;
    case Const::Kind::Str: case Const::Kind::Bytes: return !c.s.empty();
    case Const::Kind::Tuple: case Const::Kind::FrozenSet: return !c.items.empty();
  }
  return true;
}

namespace {

bool is_const(const ExprP& e) { return e && e->kind == ExprKind::kConstant; }

void make_const(Expr& e, Const c) {
  e.kind = ExprKind::kConstant;
  e.value = std::move(c);
  e.a.reset();
  e.b.reset();
  e.c.reset();
  e.elts.clear();
}

// Numeric view: ints (and bools) and floats.
bool as_int(const Const& c, int64_t& v) {
  if (c.kind == Const::Kind::Int) { v = c.i; return true; }
  if (c.kind == Const::Kind::True) { v = 1; return true; }
  if (c.kind == Const::Kind::False) { v = 0; return true; }
  return false;
}
bool as_float(const Const& c, double& v) {
  int64_t i;
  if (as_int(c, i)) { v = double(i); return true; }
  if (c.kind == Const::Kind::Float) { v = c.f; return true; }
  return false;
}

bool fold_unary(Expr& e) {
  const Const& v = e.a->value;
  int64_t i;
  switch (UnaryOp(e.op)) {
    case UnaryOp::kNot:
      make_const(e, Const::boolean(!const_truthy(v)));
      return true;
    case UnaryOp::kUSub:
      if (v.kind == Const::Kind::Float) { make_const(e, Const::real(-v.f)); return true; }
      if (v.kind == Const::Kind::Complex) { Const c = v; c.f = -c.f; c.imag = -c.imag; make_const(e, c); return true; }
      if (v.kind == Const::Kind::BigInt) {
        Const c = v;
        c.s = c.s[0] == '-' ? c.s.substr(1) : "-" + c.s;
        make_const(e, c);
        return true;
      }
      if (as_int(v, i)) {
        if (i == INT64_MIN) {
          Const c;
          c.kind = Const::Kind::BigInt;
          c.s = "9223372036854775808";
          make_const(e, c);
        } else {
          make_const(e, Const::integer(-i));
        }
        return true;
      }
      return false;
    case UnaryOp::kUAdd:
      if (v.kind == Const::Kind::Float || v.kind == Const::Kind::Complex || v.kind == Const::Kind::BigInt) { Const c = v; make_const(e, c); return true; }
      if (as_int(v, i)) { make_const(e, Const::integer(i)); return true; }
      return false;
    case UnaryOp::kInvert:
      if (as_int(v, i)) { make_const(e, Const::integer(~i)); return true; }
      return false;
  }
  return false;
}

int64_t floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}
int64_t pymod(int64_t a, int64_t b) {
  int64_t m = a % b;
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  return m;
}

// Results beyond int64 but within int128 (e.g. 0x8000 << 48, 2**100 is too big) become BigInt.
bool fold_int128(Expr& e, BinOp op, int64_t a, int64_t b) {
  __int128 r;
  switch (op) {
    case BinOp::ADD: r = __int128(a) + b; break;
    case BinOp::SUBTRACT: r = __int128(a) - b; break;
    case BinOp::MULTIPLY: r = __int128(a) * b; break;
    case BinOp::LSHIFT:
      if (b < 0 || b > 64) return false;
      r = __int128(a) * (__int128(1) << b);
      if (a != 0 && r / (__int128(1) << b) != a) return false;
      break;
    case BinOp::POWER: {
      // CPython folds only when bit_length(a) * b <= 128
      int bits = 0;
      for (uint64_t m = a < 0 ? uint64_t(-(a + 1)) + 1 : uint64_t(a); m; m >>= 1) bits++;
      if (b < 0 || int64_t(bits) * b > 128) return false;
      r = 1;
      for (int64_t k = 0; k < b; k++) {
        if (__builtin_mul_overflow(r, __int128(a), &r)) return false;
      }
      break;
    }
    default: return false;
  }
  if (r >= INT64_MIN && r <= INT64_MAX) return false;  // the int64 path handles it
  bool neg = r < 0;
  unsigned __int128 u = neg ? (unsigned __int128)(-(r + 1)) + 1 : (unsigned __int128)r;
  std::string digits;
  while (u) {
    digits.insert(digits.begin(), char('0' + int(u % 10)));
    u /= 10;
  }
  Const c;
  c.kind = Const::Kind::BigInt;
  c.s = (neg ? "-" : "") + digits;
  make_const(e, c);
  return true;
}

bool fold_binop(Expr& e) {
  const Const& l = e.a->value;
  const Const& r = e.b->value;
  BinOp op = BinOp(e.op);
  int64_t a, b, res;
  auto is_bool = [](const Const& c) { return c.kind == Const::Kind::True || c.kind == Const::Kind::False; };
  if (is_bool(l) && is_bool(r) && (op == BinOp::AND || op == BinOp::OR || op == BinOp::XOR)) {
    bool x = l.kind == Const::Kind::True, y = r.kind == Const::Kind::True;
    make_const(e, Const::boolean(op == BinOp::AND ? (x && y) : op == BinOp::OR ? (x || y) : (x != y)));
    return true;
  }
  if (as_int(l, a) && as_int(r, b)) {
    if (fold_int128(e, op, a, b)) return true;
    switch (op) {
      case BinOp::ADD: if (__builtin_add_overflow(a, b, &res)) return false; break;
      case BinOp::SUBTRACT: if (__builtin_sub_overflow(a, b, &res)) return false; break;
      case BinOp::MULTIPLY: if (__builtin_mul_overflow(a, b, &res)) return false; break;
      case BinOp::FLOOR_DIVIDE: if (b == 0 || (a == INT64_MIN && b == -1)) return false; res = floordiv(a, b); break;
      case BinOp::REMAINDER: if (b == 0 || (a == INT64_MIN && b == -1)) return false; res = pymod(a, b); break;
      case BinOp::AND: res = a & b; break;
      case BinOp::OR: res = a | b; break;
      case BinOp::XOR: res = a ^ b; break;
      case BinOp::LSHIFT:
        if (b < 0 || b > 62) return false;
        if (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b))) return false;
        res = int64_t(uint64_t(a) << b);
        break;
      case BinOp::RSHIFT: if (b < 0) return false; res = b > 63 ? (a < 0 ? -1 : 0) : a >> b; break;
      case BinOp::POWER: {
        if (b < 0 || b > 128) return false;
        res = 1;
        for (int64_t k = 0; k < b; k++)
          if (__builtin_mul_overflow(res, a, &res)) return false;
        break;
      }
      case BinOp::TRUE_DIVIDE:
        if (b == 0) return false;
        make_const(e, Const::real(double(a) / double(b)));
        return true;
      default: return false;
    }
    make_const(e, Const::integer(res));
    return true;
  }
  double x, y;
  if (as_float(l, x) && as_float(r, y)) {
    double z;
    switch (op) {
      case BinOp::ADD: z = x + y; break;
      case BinOp::SUBTRACT: z = x - y; break;
      case BinOp::MULTIPLY: z = x * y; break;
      case BinOp::TRUE_DIVIDE: if (y == 0) return false; z = x / y; break;
      default: return false;
    }
    make_const(e, Const::real(z));
    return true;
  }
  // complex literals such as 1+2j (and -0-0j in patterns): real operands become (x, 0.0)
  auto as_complex = [&](const Const& c, double& re, double& im) {
    if (c.kind == Const::Kind::Complex) {
      re = c.f;
      im = c.imag;
      return true;
    }
    im = 0.0;
    return as_float(c, re);
  };
  double lr, li, rr, ri;
  if ((l.kind == Const::Kind::Complex || r.kind == Const::Kind::Complex) && as_complex(l, lr, li) &&
      as_complex(r, rr, ri) && (op == BinOp::ADD || op == BinOp::SUBTRACT || op == BinOp::MULTIPLY)) {
    Const c;
    c.kind = Const::Kind::Complex;
    if (op == BinOp::ADD) c.f = lr + rr, c.imag = li + ri;
    else if (op == BinOp::SUBTRACT) c.f = lr - rr, c.imag = li - ri;
    else c.f = lr * rr - li * ri, c.imag = lr * ri + li * rr;
    make_const(e, c);
    return true;
  }
  if (l.kind == Const::Kind::Str && r.kind == Const::Kind::Str && op == BinOp::ADD && l.s.size() + r.s.size() <= 4096) {
    make_const(e, Const::str(l.s + r.s));
    return true;
  }
  if ((l.kind == Const::Kind::Str || l.kind == Const::Kind::Bytes) && op == BinOp::MULTIPLY && as_int(r, b) && b >= 0 &&
      l.s.size() * size_t(b) <= 4096) {
    Const c;
    c.kind = l.kind;
    for (int64_t k = 0; k < b; k++) c.s += l.s;
    make_const(e, c);
    return true;
  }
  return false;
}

// CPython's optimize_format: 'a %s b %r' % (x, y) -> f'a {x!s} b {y!r}' when every
// conversion is a simple %s / %r / %a (optionally with '-', width, precision).
struct FormatPiece {
  std::string lit;  // literal text, or the format spec when `spec` != 0
  char spec = 0;
};

bool parse_simple_format(const std::string& fmt, std::vector<FormatPiece>& out) {
  std::string lit;
  size_t i = 0;
  while (i < fmt.size()) {
    if (fmt[i] != '%') { lit += fmt[i++]; continue; }
    i++;
    if (i < fmt.size() && fmt[i] == '%') { lit += '%'; i++; continue; }
    bool ljust = false;
    while (i < fmt.size() && std::strchr("-+ #0", fmt[i])) {
      if (fmt[i] == '-') ljust = true;
      else if (fmt[i] != '0') return false;
      i++;
    }
    int width = -1, prec = -1;
    auto num = [&](int& v) {
      if (i >= fmt.size() || !std::isdigit(uint8_t(fmt[i]))) return;
      v = 0;
      while (i < fmt.size() && std::isdigit(uint8_t(fmt[i])) && v <= 9999) v = v * 10 + (fmt[i++] - '0');
    };
    num(width);
    if (i < fmt.size() && fmt[i] == '.') {
      i++;
      prec = 0;
      num(prec);
    }
    if (i >= fmt.size() || width > 99 || prec > 99) return false;  // CPython: at most two digits
    char spec = fmt[i++];
    if (spec != 's' && spec != 'r' && spec != 'a') return false;
    if (!lit.empty()) out.push_back({lit, 0});
    lit.clear();
    std::string fs;
    if (!ljust && width > 0) fs += '>';
    if (width >= 0) fs += std::to_string(width);
    if (prec >= 0) fs += "." + std::to_string(prec);
    out.push_back({fs, spec});
  }
  if (!lit.empty()) out.push_back({lit, 0});
  return true;
}

bool optimize_format(Expr& e) {
  std::vector<ExprP>& args = e.b->elts;
  for (auto& x : args)
    if (x->kind == ExprKind::kStarred) return false;
  std::vector<FormatPiece> pieces;
  if (!parse_simple_format(e.a->value.s, pieces)) return false;
  size_t nspecs = 0;
  for (auto& p : pieces) nspecs += p.spec != 0;
  if (nspecs != args.size()) return false;
  std::vector<ExprP> parts;
  size_t argi = 0;
  for (auto& p : pieces) {
    if (!p.spec) {
      auto c = std::make_unique<Expr>(ExprKind::kConstant, e.pos);
      c->value = Const::str(p.lit);
      parts.push_back(std::move(c));
      continue;
    }
    auto fv = std::make_unique<Expr>(ExprKind::kFormattedValue, e.pos);
    fv->op = p.spec;
    fv->a = std::move(args[argi++]);
    if (!p.lit.empty()) {
      auto j = std::make_unique<Expr>(ExprKind::kJoinedStr, e.pos);
      auto c = std::make_unique<Expr>(ExprKind::kConstant, e.pos);
      c->value = Const::str(p.lit);
      j->elts.push_back(std::move(c));
      fv->b = std::move(j);
    }
    parts.push_back(std::move(fv));
  }
  e.kind = ExprKind::kJoinedStr;
  e.a.reset();
  e.b.reset();
  e.elts = std::move(parts);
  return true;
}

// const[int] for tuples, bytes and str (CPython's fold_subscr).
void fold_subscript(Expr& e) {
  const Const& v = e.a->value;
  int64_t i;
  if (!as_int(e.b->value, i)) return;
  if (v.kind == Const::Kind::Tuple) {
    int64_t n = int64_t(v.items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return;
    Const item = v.items[size_t(i)];
    make_const(e, item);
  } else if (v.kind == Const::Kind::Bytes) {
    int64_t n = int64_t(v.s.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return;
    make_const(e, Const::integer(uint8_t(v.s[size_t(i)])));
  } else if (v.kind == Const::Kind::Str) {
    std::vector<std::pair<size_t, size_t>> cps;  // (start, length) of each code point
    for (size_t k = 0; k < v.s.size();) {
      uint8_t c = uint8_t(v.s[k]);
      size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      cps.push_back({k, len});
      k += len;
    }
    int64_t n = int64_t(cps.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return;
    make_const(e, Const::str(v.s.substr(cps[size_t(i)].first, cps[size_t(i)].second)));
  }
}

void fold_tuple(Expr& e) {
  if (e.ctx != Ctx::kLoad) return;
  for (auto& x : e.elts)
    if (!is_const(x)) return;
  Const c;
  c.kind = Const::Kind::Tuple;
  for (auto& x : e.elts) c.items.push_back(x->value);
  make_const(e, c);
}

// An iterable that is only iterated over: list -> tuple, set of constants -> frozenset.
void fold_iter(ExprP& it) {
  if (!it) return;
  if (it->kind == ExprKind::kList) {
    for (auto& x : it->elts)
      if (x->kind == ExprKind::kStarred) return;
    it->kind = ExprKind::kTuple;
    fold_tuple(*it);
  } else if (it->kind == ExprKind::kSet) {
    for (auto& x : it->elts)
      if (!is_const(x)) return;
    Const c;
    c.kind = Const::Kind::FrozenSet;
    for (auto& x : it->elts) {
      bool dup = false;
      for (auto& y : c.items) dup |= y == x->value;
      if (!dup) c.items.push_back(x->value);
    }
    make_const(*it, c);
  }
}

void fold_expr(ExprP& p);
void fold_stmts(StmtList& l);

// Annotations that become strings (`from __future__ import annotations`) keep their source form.
thread_local bool g_fold_annotations = true;

void fold_args(Arguments* a) {
  if (!a) return;
  for (auto& d : a->defaults) fold_expr(d);
  for (auto& d : a->kw_defaults) fold_expr(d);
  if (!g_fold_annotations) return;
  for (auto* v : {&a->posonly, &a->args, &a->kwonly})
    for (auto& x : *v) fold_expr(x.annotation);
  fold_expr(a->vararg.annotation);
  fold_expr(a->kwarg.annotation);
}

void fold_expr(ExprP& p) {
  if (!p) return;
  Expr& e = *p;
  fold_expr(e.a);
  fold_expr(e.b);
  fold_expr(e.c);
  for (auto& x : e.elts) fold_expr(x);
  for (auto& x : e.values) fold_expr(x);
  for (auto& k : e.keywords) fold_expr(k.value);
  for (auto& g : e.generators) {
    fold_expr(g.target);
    fold_expr(g.iter);
    fold_iter(g.iter);
    for (auto& x : g.ifs) fold_expr(x);
  }
  fold_args(e.args.get());
  switch (e.kind) {
    case ExprKind::kName:
      if (e.ctx == Ctx::kLoad && e.id == "__debug__") make_const(e, Const::boolean(true));
      break;
    case ExprKind::kUnaryOp:
      if (is_const(e.a)) fold_unary(e);
      break;
    case ExprKind::kBinOp:
      if (is_const(e.a) && is_const(e.b)) fold_binop(e);
      else if (BinOp(e.op) == BinOp::REMAINDER && is_const(e.a) && e.a->value.kind == Const::Kind::Str &&
               e.b->kind == ExprKind::kTuple)
        optimize_format(e);
      break;
    case ExprKind::kTuple:
      fold_tuple(e);
      break;
    case ExprKind::kSubscript:
      if (e.ctx == Ctx::kLoad && is_const(e.a) && is_const(e.b)) fold_subscript(e);
      break;
    case ExprKind::kCompare:
      if (!e.ops.empty() && (e.ops.back() == CmpKind::kIn || e.ops.back() == CmpKind::kNotIn)) fold_iter(e.elts.back());
      break;
    default:
      break;
  }
}

// Negative numbers and complex literals in patterns become constants.
void fold_pattern(Pattern& p) {
  fold_expr(p.value);
  for (auto& k : p.keys) fold_expr(k);
  if (p.pattern) fold_pattern(*p.pattern);
  for (auto& x : p.patterns) fold_pattern(*x);
  for (auto& x : p.kwd_patterns) fold_pattern(*x);
}

void fold_stmt(Stmt& s) {
  fold_expr(s.target);
  fold_expr(s.value);
  bool annotation = s.kind == StmtKind::kAnnAssign || s.kind == StmtKind::kFunctionDef;  // `test` is one
  if (g_fold_annotations || !annotation) fold_expr(s.test);
  for (auto& t : s.targets) fold_expr(t);
  for (auto& d : s.decorators) fold_expr(d);
  for (auto& k : s.keywords) fold_expr(k.value);
  fold_args(s.args.get());
  fold_stmts(s.body);
  fold_stmts(s.orelse);
  fold_stmts(s.finalbody);
  for (auto& h : s.handlers) {
    fold_expr(h.type);
    fold_stmts(h.body);
  }
  for (auto& it : s.items) {
    fold_expr(it.context_expr);
    fold_expr(it.optional_vars);
  }
  if (s.kind == StmtKind::kFor) fold_iter(s.value);
  for (auto& c : s.cases) {
    fold_pattern(*c.pattern);
    fold_expr(c.guard);
    fold_stmts(c.body);
  }
}

void fold_stmts(StmtList& l) {
  for (auto& s : l) fold_stmt(*s);
}

}  // namespace

void fold_constants(Module& m, bool annotations) {
  g_fold_annotations = annotations;
  fold_stmts(m.body);
  g_fold_annotations = true;
}

}  // namespace chaipy
