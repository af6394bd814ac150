// jit/opt/guards.cpp — removes guards that earlier guards already imply.
//
// The trace is linear: once a guard has passed, its condition holds for everything after it
// (everything before LOOP also holds throughout the body, as the loop pass only hoists what is
// invariant). A forward scan collects what passed guards established and drops a guard when
//   - an identical guard passed (same op, operands and k: UNBOX_INT of the same Val, ADDOV of
//     the same operands, GUARD_TYPE of the same object and type, ...). A guard with a result
//     hands its uses to the earlier one. GUARD_TRUE/GUARD_FALSE compare their condition by
//     structure, so a repeated bounds check ULT(i, n) matches even when not CSE'd;
//   - the object's type is known (from UNBOX_OBJ or GUARD_TYPE): GUARD_TYPE(p, k), and
//     UNBOX_OBJ(BOX_OBJ p, k) (whose result is p). Object types do not change inside a trace:
//     the recorder does not trace __class__ assignment;
//   - GUARD_VAL(a, k) passed: GUARD_NOTVAL(a, k2) with k2 != k;
//   - x's range is known from comparisons with constants (GUARD_TRUE(LT x 10) ...) and lies
//     inside the range a later comparison guard requires.
// Never removed: CALLG (a call), GUARD_GC (the collector's state changes), LINK, EXIT.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "jit/opt/passes.h"

namespace chaipy::jit {

namespace {

bool removable(IrOp op) {
  return ir_is_guard(op) && !(ir_info(op).mode & IRM_X) && op != IrOp::GUARD_GC && op != IrOp::LINK &&
         op != IrOp::EXIT;
}

bool is_cond_guard(IrOp op) { return op == IrOp::GUARD_TRUE || op == IrOp::GUARD_FALSE; }

// A condition guard's condition, when it is a pure instruction of two refs (a comparison).
const Ins* condition(const Trace& t, const Ins& g) {
  if (!is_cond_guard(g.op) || g.a == kNoRef) return nullptr;
  const Ins& c = t[g.a];
  const IrOpInfo& ci = info(c);
  bool pure = (ci.mode & IRM_P) && !(ci.mode & IRM_X);
  return pure && ci.a == IRO_R && ci.b == IRO_R && c.a != kNoRef && c.b != kNoRef ? &c : nullptr;
}

// Identity of a guard; for a condition guard, (guard op, condition op and operands).
InsKey guard_key(const Trace& t, const Ins& g) {
  InsKey key(g);
  if (const Ins* c = condition(t, g)) {
    InsKey ck(*c);
    key.a = ck.a;
    key.b = ck.b;
    key.k = int64_t(ck.op);
  }
  return key;
}

// -- Ranges ------------------------------------------------------------------------------------
struct Range {
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  bool within(const Range& o) const { return lo >= o.lo && hi <= o.hi; }
  Range operator&(const Range& o) const { return {std::max(lo, o.lo), std::min(hi, o.hi)}; }
};

// What a passed condition guard says about x, for conditions `x CMP constant`.
struct RangeFact {
  Ref x;
  Range range;
};
std::optional<RangeFact> range_fact(const Trace& t, const Ins& g) {
  const Ins* c = condition(t, g);
  if (!c || t[c->b].op != IrOp::KINT) return {};
  int64_t k = t[c->b].k;
  IrOp cmp = c->op;
  if (g.op == IrOp::GUARD_FALSE) {  // the negated comparison, where it is one interval
    switch (cmp) {
      case IrOp::LT: cmp = IrOp::GE; break;
      case IrOp::LE: cmp = IrOp::GT; break;
      case IrOp::GT: cmp = IrOp::LE; break;
      case IrOp::GE: cmp = IrOp::LT; break;
      default: return {};
    }
  }
  switch (cmp) {
    case IrOp::LT: if (k == INT64_MIN) return {}; return RangeFact{c->a, {INT64_MIN, k - 1}};
    case IrOp::LE: return RangeFact{c->a, {INT64_MIN, k}};
    case IrOp::GT: if (k == INT64_MAX) return {}; return RangeFact{c->a, {k + 1, INT64_MAX}};
    case IrOp::GE: return RangeFact{c->a, {k, INT64_MAX}};
    case IrOp::EQ: return RangeFact{c->a, {k, k}};
    case IrOp::ULT: if (k <= 0) return {}; return RangeFact{c->a, {0, k - 1}};
    default: return {};
  }
}

// -- Facts -------------------------------------------------------------------------------------
struct Facts {
  std::unordered_map<InsKey, Ref, InsKeyHash> passed;  // guard identity -> first such guard
  std::unordered_map<Ref, int64_t> type_of;            // Ptr -> its TypeObject*
  std::unordered_map<Ref, int64_t> value_of;           // Val/Ptr -> its bits (GUARD_VAL)
  std::unordered_map<Ref, Range> range_of;

  // If guard r is implied, the ref that stands for it (r itself for a guard without a result);
  // else kNoRef.
  Ref implied(const Trace& t, Ref r) const {
    const Ins& g = t[r];
    if (auto it = passed.find(guard_key(t, g)); it != passed.end()) return it->second;
    auto known = [](const auto& map, Ref key) {
      auto it = map.find(key);
      return it == map.end() ? nullptr : &it->second;
    };
    switch (g.op) {
      case IrOp::GUARD_TYPE:
        if (const int64_t* k = known(type_of, g.a); k && *k == g.k) return r;
        break;
      case IrOp::UNBOX_OBJ:
        if (t[g.a].op == IrOp::BOX_OBJ)
          if (const int64_t* k = known(type_of, t[g.a].a); k && *k == g.k) return t[g.a].a;
        break;
      case IrOp::GUARD_NOTVAL:
        if (const int64_t* v = known(value_of, g.a); v && *v != g.k) return r;
        break;
      default:
        if (auto f = range_fact(t, g))
          if (const Range* have = known(range_of, f->x); have && have->within(f->range)) return r;
    }
    return kNoRef;
  }

  void learn(const Trace& t, Ref r) {
    const Ins& g = t[r];
    passed.emplace(guard_key(t, g), r);
    if (g.op == IrOp::UNBOX_OBJ) type_of[r] = g.k;
    if (g.op == IrOp::GUARD_TYPE) type_of[g.a] = g.k;
    if (g.op == IrOp::GUARD_VAL) value_of[g.a] = g.k;
    if (auto f = range_fact(t, g)) {
      auto [it, fresh] = range_of.try_emplace(f->x, f->range);
      if (!fresh) it->second = it->second & f->range;
    }
  }
};

}  // namespace

bool opt_guards(Trace& t) {
  Replacements rep(t);
  Facts facts;
  bool changed = false;
  for (Ref r = 0; r < t.size(); r++) {
    Ins& in = t[r];
    if (in.op == IrOp::NOP || in.op == IrOp::PHI) continue;  // a PHI's b is a forward ref
    rep.rewrite(in);
    if (!removable(in.op)) continue;
    Ref by = facts.implied(t, r);
    if (by == kNoRef) {
      facts.learn(t, r);
      continue;
    }
    if (in.type != Ty::Void) rep.set(r, by);
    make_nop(in);
    changed = true;
  }
  rep.apply(t);
  return changed;
}

}  // namespace chaipy::jit
