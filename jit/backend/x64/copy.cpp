// jit/backend/x64/copy.cpp — copying 64-bit values between registers, spill slots and
// constants (the single move that moves.h parallel_move sequences).
#include "jit/backend/x64/codegen.h"

namespace chaipy::jit::x64 {

using namespace asmjit;

namespace {
bool fits_i32(uint64_t v) { return int64_t(v) == int64_t(int32_t(v)); }
x86::Mem slot_mem(int32_t offset) { return x86::qword_ptr(x86::rsp, offset); }
}  // namespace

// dst = src, bit for bit, whatever the two kinds of place. Uses r11 for slot-to-slot copies
// and for wide immediates stored to a slot.
void CodeGen::copy(const Place& dst, const Place& src) {
  if (dst == src) return;
  const x86::Gp tmp = x86::r11;
  if (dst.kind == Place::kSlot) {
    x86::Mem m = slot_mem(dst.slot);
    if (src.kind == Place::kReg) {
      if (is_xmm(src.reg)) {
        a_.movsd(m, x86::xmm(src.reg - kXmm));
      } else {
        a_.mov(m, x86::gpq(src.reg));
      }
    } else if (src.kind == Place::kImm && fits_i32(src.imm)) {
      a_.mov(m, Imm(int64_t(src.imm)));
    } else {
      copy(Place::in_reg(R11), src);
      a_.mov(m, tmp);
    }
    return;
  }
  if (is_xmm(dst.reg)) {
    x86::Xmm x = x86::xmm(dst.reg - kXmm);
    if (src.kind == Place::kImm) {
      if (src.imm == 0) {
        a_.xorps(x, x);
      } else {
        a_.movsd(x, pool(src.imm));
      }
    } else if (src.kind == Place::kSlot) {
      a_.movsd(x, slot_mem(src.slot));
    } else if (is_xmm(src.reg)) {
      a_.movapd(x, x86::xmm(src.reg - kXmm));
    } else {
      a_.movq(x, x86::gpq(src.reg));
    }
    return;
  }
  x86::Gp g = x86::gpq(dst.reg);
  if (src.kind == Place::kImm) {
    a_.mov(g, src.imm);
  } else if (src.kind == Place::kSlot) {
    a_.mov(g, slot_mem(src.slot));
  } else if (is_xmm(src.reg)) {
    a_.movq(g, x86::xmm(src.reg - kXmm));
  } else {
    a_.mov(g, x86::gpq(src.reg));
  }
}

// Every move at once (moves.h): cycles park a value in rax or xmm15.
void CodeGen::parallel_move(std::vector<Move> moves) {
  jit::parallel_move(std::move(moves), kTargetX64, RAX, kXmm + 15, [&](const Place& d, const Place& s) { copy(d, s); });
}

}  // namespace chaipy::jit::x64
