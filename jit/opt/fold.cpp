// jit/opt/fold.cpp — constant folding, algebraic simplification and common-subexpression
// elimination, in one forward scan.
//
// The recorder expands the IR and fold shrinks it. For each instruction, in order: its operands
// are redirected to what replaced them; commutative ops get their constant operand on the right;
// the first matching rule of fold_rules.def rewrites it into a constant (in place: same ref), into
// one of its operands (uses redirected, instruction NOPed) or into nothing (an always-passing
// guard); a surviving pure instruction or load identical to an earlier one is merged into it.
// A rule's result is final (an operand, a constant or nothing), so one scan reaches the fixpoint.
//
// CSE covers pure instructions (constants included) anywhere — an earlier instruction dominates
// every later one, the pre-header dominates the loop body — and loads only while no memory
// barrier (impure call, LOOP) or store to the same offset lies between; a load right after a
// store to the same (base, offset) reads the stored value. Guards are left to guards.cpp.
#include <bit>
#include <cmath>
#include <optional>
#include <unordered_map>

#include <map>

#include "jit/opt/passes.h"

namespace chaipy::jit {

namespace {

// -- Rules as data -----------------------------------------------------------------------------
enum class PatKind : uint8_t { kAny, kKInt, kKDbl, kKIntEq, kKDblEq, kSame, kOf };
struct Pat {
  PatKind kind;
  IrOp op = IrOp::NOP;  // kOf
  int64_t bits = 0;     // kKIntEq / kKDblEq
};
enum class ActKind : uint8_t { kEval, kLeft, kRight, kInner, kInt, kDrop };
struct Act {
  ActKind kind;
  int64_t value = 0;  // kInt
};
struct Rule {
  IrOp op;
  Pat left, right;
  Act act;
};

// The vocabulary of fold_rules.def.
constexpr Pat ANY{PatKind::kAny}, NONE{PatKind::kAny}, KINT{PatKind::kKInt}, KDBL{PatKind::kKDbl},
    SAME{PatKind::kSame};
constexpr Pat K(int64_t v) { return {PatKind::kKIntEq, IrOp::NOP, v}; }
constexpr Pat KD(double v) { return {PatKind::kKDblEq, IrOp::NOP, std::bit_cast<int64_t>(v)}; }
constexpr Act EVAL{ActKind::kEval}, LEFT{ActKind::kLeft}, RIGHT{ActKind::kRight},
    INNER{ActKind::kInner}, DROP{ActKind::kDrop};
constexpr Act INT(int64_t v) { return {ActKind::kInt, v}; }
#define OF(op) Pat{PatKind::kOf, IrOp::op}

constexpr Rule kRules[] = {
#define FOLD(op, left, right, action) {IrOp::op, left, right, action},
#include "jit/opt/fold_rules.def"
#undef FOLD
};
#undef OF

bool matches(const Trace& t, const Pat& p, Ref r, Ref left) {
  if (p.kind == PatKind::kAny) return true;
  if (r == kNoRef) return false;
  const Ins& in = t[r];
  switch (p.kind) {
    case PatKind::kKInt: return in.op == IrOp::KINT;
    case PatKind::kKDbl: return in.op == IrOp::KDBL;
    case PatKind::kKIntEq: return in.op == IrOp::KINT && in.k == p.bits;
    case PatKind::kKDblEq: return in.op == IrOp::KDBL && in.k == p.bits;
    case PatKind::kSame: return r == left;
    case PatKind::kOf: return in.op == p.op;
    case PatKind::kAny: break;
  }
  return true;
}

// -- Evaluation --------------------------------------------------------------------------------
// The value op computes from constant operands (raw bits: int64, or a double's bits), or
// nothing where its guard would fail (or the result is not worth a constant: x / 0.0).
std::optional<int64_t> eval(IrOp op, int64_t a, int64_t b) {
  double x = std::bit_cast<double>(a), y = std::bit_cast<double>(b);
  auto dbl = [](double d) { return std::bit_cast<int64_t>(d); };
  int64_t r;
  switch (op) {
    case IrOp::ADD: return int64_t(uint64_t(a) + uint64_t(b));
    case IrOp::SUB: return int64_t(uint64_t(a) - uint64_t(b));
    case IrOp::BAND: return a & b;
    case IrOp::BOR: return a | b;
    case IrOp::BXOR: return a ^ b;
    case IrOp::SAR: if (b < 0 || b > 63) return {}; return a >> b;
    case IrOp::ADDOV: if (__builtin_add_overflow(a, b, &r)) return {}; return r;
    case IrOp::SUBOV: if (__builtin_sub_overflow(a, b, &r)) return {}; return r;
    case IrOp::MULOV: if (__builtin_mul_overflow(a, b, &r)) return {}; return r;
    case IrOp::NEGOV: if (a == INT64_MIN) return {}; return -a;
    case IrOp::SHLOV:
      if (b < 0 || b > 63) return {};
      r = int64_t(uint64_t(a) << b);
      if (r >> b != a) return {};
      return r;
    case IrOp::FLOORDIV:  // Python: rounds toward -inf
      if (b == 0 || (a == INT64_MIN && b == -1)) return {};
      return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
    case IrOp::FLOORMOD:  // Python: the sign of b
      if (b == 0) return {};
      if (b == -1) return 0;  // a % -1 overflows in C++ for INT64_MIN
      r = a % b;
      return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    case IrOp::LT: return a < b;
    case IrOp::LE: return a <= b;
    case IrOp::GT: return a > b;
    case IrOp::GE: return a >= b;
    case IrOp::ULT: return uint64_t(a) < uint64_t(b);
    case IrOp::EQ: return a == b;
    case IrOp::NE: return a != b;
    case IrOp::NOT: return !a;
    case IrOp::CONV_B2I: return a;
    case IrOp::CONV_I2D: return dbl(double(a));
    case IrOp::CONV_D2I:
      if (!std::isfinite(x) || std::trunc(x) < -0x1p63 || std::trunc(x) >= 0x1p63) return {};
      return int64_t(std::trunc(x));
    case IrOp::FADD: return dbl(x + y);
    case IrOp::FSUB: return dbl(x - y);
    case IrOp::FMUL: return dbl(x * y);
    case IrOp::FDIV: if (y == 0) return {}; return dbl(x / y);
    case IrOp::FNEG: return dbl(-x);
    case IrOp::FABS: return dbl(std::fabs(x));
    case IrOp::FSQRT: return dbl(std::sqrt(x));
    case IrOp::FLT: return x < y;
    case IrOp::FLE: return x <= y;
    case IrOp::FGT: return x > y;
    case IrOp::FGE: return x >= y;
    case IrOp::FEQ: return x == y;
    case IrOp::FNE: return x != y;
    default: return {};
  }
}

// Turns `in` into the constant `bits` of its own type (same ref, no uses to redirect); the CSE
// step then merges it with an identical earlier constant.
void make_const(Ins& in, int64_t bits) {
  IrOp op = in.type == Ty::Dbl ? IrOp::KDBL : IrOp::KINT;
  in = Ins{op, in.type, 0, kNoSnap, kNoRef, kNoRef, bits};
}

// Applies the first rule that fits t[r]. Returns true if the instruction changed or went away.
bool fold_one(Trace& t, Ref r, Replacements& rep) {
  Ins& in = t[r];
  for (const Rule& rule : kRules) {
    if (rule.op != in.op || !matches(t, rule.left, in.a, kNoRef) || !matches(t, rule.right, in.b, in.a))
      continue;
    Ref to = kNoRef;
    switch (rule.act.kind) {
      case ActKind::kEval: {
        std::optional<int64_t> v = eval(in.op, t[in.a].k, info(in).b == IRO_R ? t[in.b].k : 0);
        if (!v) continue;
        make_const(in, *v);
        return true;
      }
      case ActKind::kInt: make_const(in, rule.act.value); return true;
      case ActKind::kDrop: make_nop(in); return true;
      case ActKind::kLeft: to = in.a; break;
      case ActKind::kRight: to = in.b; break;
      case ActKind::kInner: to = t[in.a].a; break;
    }
    if (to == kNoRef || t[to].type != in.type) continue;  // malformed input: leave it alone
    rep.set(r, to);
    make_nop(in);
    return true;
  }
  return false;
}

}  // namespace

bool opt_fold(Trace& t) {
  Replacements rep(t);
  std::unordered_map<InsKey, Ref, InsKeyHash> pure, loads;  // first instruction of each identity
  std::map<std::pair<Ref, int64_t>, Ref> stored;  // (base, offset) -> value last stored there
  bool changed = false;
  for (Ref r = 0; r < t.size(); r++) {
    Ins& in = t[r];
    if (in.op == IrOp::NOP || in.op == IrOp::PHI) continue;  // a PHI's b is a forward ref
    rep.rewrite(in);
    uint8_t mode = info(in).mode;
    bool const_left = in.a != kNoRef && in.b != kNoRef && is_const(t[in.a].op) && !is_const(t[in.b].op);
    if ((mode & IRM_C) && const_left) {
      std::swap(in.a, in.b);
      changed = true;
    }
    if (fold_one(t, r, rep)) {
      changed = true;
      if (in.op == IrOp::NOP) continue;
      mode = info(in).mode;
    }
    if (in.op == IrOp::STORE) {
      // Only accesses at the same offset can alias (loop.cpp): forget those, then a load of
      // the same (base, offset) before the next such store reads the stored value.
      std::erase_if(loads, [&](const auto& kv) { return kv.first.op != IrOp::SLOAD && kv.first.k == in.k; });
      std::erase_if(stored, [&](const auto& kv) { return kv.first.second == in.k; });
      stored[{in.a, in.k}] = in.b;
      continue;
    }
    if (is_memory_barrier(in.op)) {
      loads.clear();
      stored.clear();
      if (runs_python(in)) std::erase_if(pure, [](const auto& kv) { return kv.first.op == IrOp::LOADI; });
    }
    if (in.op == IrOp::LOAD) {
      auto st = stored.find({in.a, in.k});
      if (st != stored.end() && t[st->second].type == in.type) {
        rep.set(r, st->second);
        make_nop(in);
        changed = true;
        continue;
      }
    }
    auto* table = (mode & IRM_G) ? nullptr : (mode & IRM_P) ? &pure : (mode & IRM_L) ? &loads : nullptr;
    if (!table) continue;
    auto [it, fresh] = table->try_emplace(InsKey(in), r);
    if (!fresh) {
      rep.set(r, it->second);
      make_nop(in);
      changed = true;
    }
  }
  rep.apply(t);
  return changed;
}

}  // namespace chaipy::jit
