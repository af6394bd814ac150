// jit/backend/a64/a64.h — register conventions and the per-instruction rules that the register
// allocator (regalloc.cpp, through kTargetA64) and the code generator (emit.cpp) must agree on
// for AArch64 (AAPCS64).
//
// Register roles inside trace code:
//   x19          Frame* f (callee-saved, set by the root trace's prologue)
//   sp           spill base: spill slot n is [sp + 8n] (the prologue reserves kSpillBytes)
//   x15 x16 x17  scratch, never allocated: constants, spilled operands and addresses are
//   d30 d31      materialised into them, calls go through x16 (blr), and an exit stub passes the
//                snapshot number in w16 and the Trace* in x17 (never a value the exit handler reads)
//   x18 x29 x30  never touched (platform register, frame record)
//   the rest     allocatable; values live across a helper call can only be in x20-x28, d8-d15
//                (AAPCS64 keeps the low 64 bits of v8-v15, all a double needs) or a spill slot
#pragma once
#include <cstdint>

#include "jit/backend/backend.h"
#include "jit/backend/lir.h"
#include "jit/ir.h"

namespace chaipy::jit::a64 {

// Loc::reg numbering: x0..x30 as 0..30, sp as 31 (ExitState only), d n as kFp + n.
constexpr uint8_t kFp = 32;
constexpr uint8_t kSp = 31;
constexpr uint8_t kFrameReg = 19;
inline bool is_fp(uint8_t reg) { return reg >= kFp && reg < kFp + 32; }

constexpr RegMask range_mask(int lo, int hi) {  // bits lo..hi inclusive
  return (hi >= 63 ? ~RegMask(0) : (RegMask(1) << (hi + 1)) - 1) & ~((RegMask(1) << lo) - 1);
}
// Calls destroy x0-x18 and v0-v7, v16-v31 (of v8-v15 only the upper halves, which we never use).
constexpr RegMask kCallClobbers = range_mask(0, 18) | range_mask(kFp + 0, kFp + 7) | range_mask(kFp + 16, kFp + 31);

// Saved by the prologue in pairs, restored by the common exit and RET (same order for every
// trace): x29/x30 first (the frame record), then x19-x28, then d8-d15.
constexpr uint8_t kSavedGpPairs[][2] = {{19, 20}, {21, 22}, {23, 24}, {25, 26}, {27, 28}};
constexpr uint8_t kSavedFpPairs[][2] = {{8, 9}, {10, 11}, {12, 13}, {14, 15}};
// Below the saved registers: the spill area (a multiple of 16 keeps sp 16-byte aligned).
constexpr int32_t kFrameBytes = kSpillBytes;
static_assert(kFrameBytes % 16 == 0, "sp must stay 16-byte aligned inside trace code");

// Target::clobbers: only calls (AArch64 has three-operand division and register shifts).
inline RegMask clobbers(const Trace& t, const Ins& ins) {
  switch (ins.op) {
    case IrOp::CALL: case IrOp::CALLP: case IrOp::CALLG: case IrOp::RETF: return kCallClobbers;
    default: return 0;
  }
}

}  // namespace chaipy::jit::a64
