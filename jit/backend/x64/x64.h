// jit/backend/x64/x64.h — register conventions and the per-instruction rules that the register
// allocator (regalloc.cpp) and the code generator (emit.cpp) must agree on: which values an
// instruction reads and when, and which registers it destroys.
//
// Register roles inside trace code:
//   rbx          Frame* f (callee-saved, set by the root trace's prologue)
//   rsp          spill base: spill slot n is [rsp + 8n] (the prologue reserves kSpillBytes)
//   rax r11 xmm15  scratch, never allocated: constants and spilled operands are materialised
//                into them, idiv and calls use rax, and an exit stub passes the snapshot number
//                in eax and the Trace* in r11 (they never hold a value the exit handler reads)
//   the rest     allocatable; values live across a helper call can only be in rbp/r12-r15 or
//                in a spill slot (SysV: every XMM is caller-saved)
#pragma once
#include <cstdint>
#include <vector>

#include "jit/backend/backend.h"
#include "jit/ir.h"

namespace chaipy::jit::x64 {

// Loc::reg numbering: GPRs by asmjit id, XMM n as kXmm + n.
enum : uint8_t { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
constexpr uint8_t kXmm = 16;
inline bool is_xmm(uint8_t reg) { return reg >= kXmm && reg < kXmm + 16; }

using RegMask = uint32_t;
constexpr RegMask bit(int reg) { return RegMask(1) << reg; }
constexpr RegMask kAllXmm = 0xFFFF0000u;
constexpr RegMask kCallerSavedGp =
    bit(RAX) | bit(RCX) | bit(RDX) | bit(RSI) | bit(RDI) | bit(R8) | bit(R9) | bit(R10) | bit(R11);
constexpr RegMask kCallClobbers = kCallerSavedGp | kAllXmm;

// Pushed by the prologue, popped by the common exit (same order for every trace).
constexpr uint8_t kSavedGp[] = {RBX, RBP, R12, R13, R14, R15};
// The native frame below the saved registers: the spill area plus padding that keeps rsp
// 16-byte aligned inside trace code (entry rsp is 8 mod 16, six pushes keep it so).
constexpr int32_t kFrameBytes = kSpillBytes + 8;

inline bool is_constant(IrOp op) { return op >= IrOp::KINT && op <= IrOp::KVAL; }
inline bool is_int_compare(IrOp op) { return op >= IrOp::LT && op <= IrOp::NE; }
inline bool is_fp_compare(IrOp op) { return op >= IrOp::FLT && op <= IrOp::FNE; }
inline bool is_compare(IrOp op) { return is_int_compare(op) || is_fp_compare(op); }

// GUARD_TRUE / GUARD_FALSE on a comparison re-evaluate it as cmp + jcc: the guard reads the
// comparison's operands, and the comparison itself is only computed if something else uses
// its Bool.
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

// Calls f(ref, when) for every value instruction i reads, as emit.cpp reads it:
//  * operands are read before the result is written (the result may reuse a dying operand's
//    register); an AREF address and a fused comparison are read through their operands;
//  * snapshot entries are read after the result is written, because the guard's exit jump
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

// Registers instruction `ins` destroys while it runs (beyond its own result): a value live
// across it must not be kept in them. Its operands may be (they are read first).
inline RegMask clobbers(const Trace& t, const Ins& ins) {
  switch (ins.op) {
    case IrOp::CALL: case IrOp::CALLP: case IrOp::CALLG: case IrOp::RETF: return kCallClobbers;
    case IrOp::FLOORDIV: case IrOp::FLOORMOD: return bit(RDX);  // idiv: rdx:rax
    case IrOp::SAR: case IrOp::SHLOV: return is_constant(t[ins.b].op) ? 0 : bit(RCX);  // count in cl
    default: return 0;
  }
}

}  // namespace chaipy::jit::x64
