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

#include "jit/backend/backend.h"
#include "jit/backend/lir.h"
#include "jit/ir.h"

namespace chaipy::jit::x64 {

// Loc::reg numbering: GPRs by asmjit id, XMM n as kXmm + n.
enum : uint8_t { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
constexpr uint8_t kXmm = 16;
inline bool is_xmm(uint8_t reg) { return reg >= kXmm && reg < kXmm + 16; }

constexpr RegMask bit(int reg) { return reg_bit(reg); }
constexpr RegMask kAllXmm = 0xFFFF0000u;
constexpr RegMask kCallerSavedGp =
    bit(RAX) | bit(RCX) | bit(RDX) | bit(RSI) | bit(RDI) | bit(R8) | bit(R9) | bit(R10) | bit(R11);
constexpr RegMask kCallClobbers = kCallerSavedGp | kAllXmm;

// Pushed by the prologue, popped by the common exit (same order for every trace).
constexpr uint8_t kSavedGp[] = {RBX, RBP, R12, R13, R14, R15};
// The native frame below the saved registers: the spill area plus padding that keeps rsp
// 16-byte aligned inside trace code (entry rsp is 8 mod 16, six pushes keep it so).
constexpr int32_t kFrameBytes = kSpillBytes + 8;

// Target::clobbers: calls destroy the caller-saved registers, idiv rdx, a variable shift rcx.
inline RegMask clobbers(const Trace& t, const Ins& ins) {
  switch (ins.op) {
    case IrOp::CALL: case IrOp::CALLP: case IrOp::CALLG: case IrOp::RETF: return kCallClobbers;
    case IrOp::FLOORDIV: case IrOp::FLOORMOD: return bit(RDX);  // idiv: rdx:rax
    case IrOp::SAR: case IrOp::SHLOV: return is_constant(t[ins.b].op) ? 0 : bit(RCX);  // count in cl
    default: return 0;
  }
}

}  // namespace chaipy::jit::x64
