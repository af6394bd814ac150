// jit/opt/dce.cpp — dead code elimination: drops every instruction whose value nobody needs.
//
// Roots are the instructions that must run: guards (G: they may exit; CALLG, LINK and EXIT
// included) and side effects (S: stores, CALL, LOOP, JLOOP). A root needs its operands and the
// values of its snapshot; a needed instruction needs its operands (a PHI both its entry and its
// loop-carried value). Everything else — pure instructions, loads, call argument cells, PHIs —
// is live only if something live uses it, so a PHI feeding nothing but itself goes too.
#include "jit/opt/passes.h"

namespace chaipy::jit {

bool opt_dce(Trace& t) {
  std::vector<bool> live(size_t(t.size()));
  std::vector<Ref> work;
  auto need = [&](Ref r) {
    if (r >= 0 && r < t.size() && !live[size_t(r)]) {
      live[size_t(r)] = true;
      work.push_back(r);
    }
  };
  for (Ref r = 0; r < t.size(); r++)
    if (t[r].op != IrOp::NOP && (info(t[r]).mode & (IRM_G | IRM_S))) need(r);
  while (!work.empty()) {
    Ins& in = t[work.back()];
    work.pop_back();
    for_each_operand(in, need);
    if (in.snap != kNoSnap && in.snap < t.snaps.size())
      for_each_entry(t, in.snap, [&](SnapEntry& e) { need(e.ref); });
  }
  bool changed = false;
  for (Ref r = 0; r < t.size(); r++)
    if (!live[size_t(r)] && t[r].op != IrOp::NOP) {
      make_nop(t[r]);
      changed = true;
    }
  return changed;
}

}  // namespace chaipy::jit
