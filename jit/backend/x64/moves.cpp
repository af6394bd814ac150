// jit/backend/x64/moves.cpp — copying 64-bit values between registers, spill slots and
// constants, and performing a set of such copies "at once" (PHI entry values, the loop
// back-edge, call arguments).
#include <algorithm>

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

// Performs every move as if all sources were read before any destination is written. A move
// whose destination no pending move still reads can go; when none can, the rest are cycles:
// one destination's old value is parked in a scratch (rax, or xmm15 for an XMM register) and
// its readers read it from there, which breaks that cycle.
void CodeGen::parallel_move(std::vector<Move> moves) {
  std::erase_if(moves, [](const Move& m) { return m.dst == m.src; });
  while (!moves.empty()) {
    bool progress = false;
    for (size_t i = 0; i < moves.size();) {
      const Place dst = moves[i].dst;
      if (std::any_of(moves.begin(), moves.end(), [&](const Move& m) { return m.src == dst; })) {
        i++;
        continue;
      }
      copy(dst, moves[i].src);
      moves.erase(moves.begin() + ptrdiff_t(i));
      progress = true;
    }
    if (progress) continue;
    const Place parked = moves[0].dst;
    const Place scratch = Place::in_reg(parked.kind == Place::kReg && is_xmm(parked.reg) ? kXmm + 15 : RAX);
    copy(scratch, parked);
    for (Move& m : moves)
      if (m.src == parked) m.src = scratch;
  }
}

}  // namespace chaipy::jit::x64
