// jit/opt/passes.h — the trace optimizer: an ordered, switchable list of passes, and the
// helpers they share.
//
// Contract for every pass: the trace is one linear SSA sequence (an earlier instruction
// dominates every later one; a PHI's b is the only forward ref). A pass removes an instruction
// by turning it into a NOP and redirecting its uses (operands and snapshot entries); it never
// renumbers, so refs stay stable for snapshots and dumps. The loop pass is the one exception: it
// reorders the trace into pre-header / LOOP / body and remaps every ref and snapshot it keeps.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jit/helpers.h"
#include "jit/ir.h"

namespace chaipy::jit {

// -- The pipeline ------------------------------------------------------------------------------
// run() rewrites the trace in place and returns whether it changed anything.
struct Pass {
  const char* name;
  bool (*run)(Trace&);
  const char* doc;
};

bool opt_fold(Trace& t);    // fold.cpp: constant folding, algebraic rules (fold_rules.def), CSE
bool opt_guards(Trace& t);  // guards.cpp: drops guards implied by earlier ones
bool opt_loop(Trace& t);    // loop.cpp: pre-header / LOOP / PHIs / body, or LINK if type-unstable
bool opt_dce(Trace& t);     // dce.cpp: drops unused pure instructions and loads

// In order; a pass may run more than once (fold runs again after loop).
std::span<const Pass> opt_pipeline();
// The pass called `name`, or nullptr.
const Pass* opt_find(std::string_view name);
// Checks a comma-separated list of pass names (for --jit options); false + *error if one is unknown.
bool opt_check_names(std::string_view names, std::string* error);
// Runs the pipeline, skipping every pass named in the comma-separated `disabled` list.
void optimize(Trace& t, std::string_view disabled = {});

// -- Shared by the passes (passes.cpp) ---------------------------------------------------------
inline const IrOpInfo& info(const Ins& in) { return ir_info(in.op); }
inline bool is_const(IrOp op) {
  return op == IrOp::KINT || op == IrOp::KDBL || op == IrOp::KPTR || op == IrOp::KVAL;
}
// After one of these, memory may hold different values: stores, calls that are not pure, and
// LOOP/JLOOP (a load in the loop body sees the stores of the previous iteration).
// A call that runs Python code (call_trace: a function trace, maybe finished by the
// interpreter): everything in memory may change across it, the fields LOADI reads included.
inline bool runs_python(const Ins& in) { return in.op == IrOp::CALLG && in.k == int64_t(Helper::call_trace); }
inline bool is_memory_barrier(IrOp op) {
  uint8_t m = ir_info(op).mode;
  return (m & IRM_S) || ((m & IRM_X) && !(m & IRM_P));
}
inline void make_nop(Ins& in) { in = Ins{IrOp::NOP, Ty::Void}; }

// Calls f(Ref&) for each ref operand of `in` (kind R and not kNoRef).
template <class F>
void for_each_operand(Ins& in, F&& f) {
  if (info(in).a == IRO_R && in.a != kNoRef) f(in.a);
  if (info(in).b == IRO_R && in.b != kNoRef) f(in.b);
}
// Points each snapshot at the last instruction using it (the recorder's convention: the guards
// of one bytecode share a snapshot), or kNoRef if none does any more.
void update_snapshot_owners(Trace& t);
// Calls f(SnapEntry&) for every entry of snapshot s, all frames.
void for_each_entry(Trace& t, uint32_t s, const std::function<void(SnapEntry&)>& f);

// Identity of an instruction for CSE and guard matching: (op, type, a, b, k), with the operands
// of a commutative op in a canonical order. Literal (L) operands count; unused (N) ones do not.
struct InsKey {
  IrOp op;
  Ty type;
  Ref a, b;
  int64_t k;
  explicit InsKey(const Ins& in);
  bool operator==(const InsKey&) const = default;
};
struct InsKeyHash {
  size_t operator()(const InsKey& key) const;
};

// Replacement map for the forward passes: when instruction r is removed in favour of ref `by`,
// set(r, by); apply() then redirects every operand and snapshot entry (including the forward
// refs of PHIs, which a forward scan cannot rewrite as it goes).
class Replacements {
 public:
  explicit Replacements(const Trace& t) : _to(size_t(t.size())) {
    for (Ref r = 0; r < Ref(_to.size()); r++) _to[size_t(r)] = r;
  }
  void set(Ref r, Ref by) { _to[size_t(r)] = by; }
  Ref operator()(Ref r) const {
    while (r >= 0 && size_t(r) < _to.size() && _to[size_t(r)] != r) r = _to[size_t(r)];
    return r;
  }
  // Rewrites the operands of one instruction (forward scans call this before matching it).
  void rewrite(Ins& in) const {
    for_each_operand(in, [&](Ref& r) { r = (*this)(r); });
  }
  void apply(Trace& t) const;

 private:
  std::vector<Ref> _to;
};

}  // namespace chaipy::jit
