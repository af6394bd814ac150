// jit/backend/lir.h — what every backend's register allocation and code generation agree on
// about an IR instruction: which values it reads and when (for_each_use), whether it runs at
// all (has_effect), and which comparisons a guard fuses. Target-independent: the registers an
// instruction destroys are the target's (Target::clobbers, target.h).
#pragma once
#include <cstdint>
#include <vector>

#include "jit/ir.h"

namespace chaipy::jit {

inline bool is_constant(IrOp op) { return op >= IrOp::KINT && op <= IrOp::KVAL; }
inline bool is_int_compare(IrOp op) { return op >= IrOp::LT && op <= IrOp::NE; }
inline bool is_fp_compare(IrOp op) { return op >= IrOp::FLT && op <= IrOp::FNE; }
inline bool is_compare(IrOp op) { return is_int_compare(op) || is_fp_compare(op); }

// GUARD_TRUE / GUARD_FALSE on a comparison re-evaluate it as compare + conditional branch: the
// guard reads the comparison's operands, and the comparison itself is only computed if
// something else uses its Bool.
inline Ref fused_compare(const Trace& t, const Ins& ins) {
  if ((ins.op == IrOp::GUARD_TRUE || ins.op == IrOp::GUARD_FALSE) && is_compare(t[ins.a].op)) return ins.a;
  return kNoRef;
}

// True for an instruction whose code runs even when its result is unused: guards, stores,
// calls with side effects and the loop structure.
inline bool has_effect(const Ins& ins) {
  return (ir_info(ins.op).mode & (IRM_G | IRM_S)) != 0 || ins.op == IrOp::PHI;
}

// When an instruction reads a value, relative to its result being written:
enum class UseAt { kBefore, kAfter };

// Calls f(ref, when) for every value instruction i reads, as the code generators read it:
//  * operands are read before the result is written (the result may reuse a dying operand's
//    register); an AREF address and a fused comparison are read through their operands;
//  * snapshot entries are read after the result is written, because the guard's exit branch
//    comes after it (so no snapshot value shares a register with the result);
//  * LOOP reads the PHIs' entry values and JLOOP their loop-carried values; a JLOOP without a
//    LOOP (and LINK, and a side trace's start) writes a snapshot into the frame.
// `phis` lists the PHI instructions (they follow LOOP). Constants are reported too; they
// have no location.
template <class F>
void for_each_use(const Trace& t, Ref i, const std::vector<Ref>& phis, F&& f) {
  const Ins& ins = t[i];
  auto address = [&](Ref p) {
    if (t[p].op == IrOp::AREF) {
      f(t[p].a, UseAt::kBefore);
      f(t[p].b, UseAt::kBefore);
    } else {
      f(p, UseAt::kBefore);
    }
  };
  auto snapshot = [&](uint32_t s) {
    const Snapshot& sn = t.snaps[s];
    for (uint32_t fi = 0; fi < sn.nframes; fi++) {
      const SnapFrame& fr = t.snap_frames[sn.frame_start + fi];
      for (uint32_t e = 0; e < fr.nentries; e++) f(t.snap_entries[fr.entry_start + e].ref, UseAt::kAfter);
    }
  };
  switch (ins.op) {
    case IrOp::KINT: case IrOp::KDBL: case IrOp::KPTR: case IrOp::KVAL:
    case IrOp::SLOAD: case IrOp::GUARD_GC: case IrOp::CARG: case IrOp::PHI: case IrOp::NOP:
    case IrOp::LINK: case IrOp::EXIT: case IrOp::FRAME: case IrOp::RETF:
      break;
    case IrOp::LOAD:
    case IrOp::LOADI: address(ins.a); break;
    case IrOp::STORE: address(ins.a); f(ins.b, UseAt::kBefore); break;
    case IrOp::CALL: case IrOp::CALLP: case IrOp::CALLG:
      for (Ref c = ins.a; c != kNoRef; c = t[c].b) f(t[c].a, UseAt::kBefore);
      break;
    case IrOp::GUARD_TRUE: case IrOp::GUARD_FALSE:
      if (Ref c = fused_compare(t, ins); c != kNoRef) {
        f(t[c].a, UseAt::kBefore);
        f(t[c].b, UseAt::kBefore);
      } else {
        f(ins.a, UseAt::kBefore);
      }
      break;
    case IrOp::LOOP: for (Ref p : phis) f(t[p].a, UseAt::kBefore); break;
    case IrOp::JLOOP:
      if (t.loop != kNoRef) {
        for (Ref p : phis) f(t[p].b, UseAt::kBefore);
      } else {
        snapshot(ins.snap);
      }
      break;
    default:
      if (ins.a != kNoRef) f(ins.a, UseAt::kBefore);
      if (ins.b != kNoRef) f(ins.b, UseAt::kBefore);
      break;
  }
  if (ir_is_guard(ins.op) && ins.snap != kNoSnap) snapshot(ins.snap);
}

}  // namespace chaipy::jit
