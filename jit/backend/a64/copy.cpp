// jit/backend/a64/copy.cpp — copying 64-bit values between registers, spill slots and constants
// (the single move that moves.h parallel_move sequences), and materialising constants.
#include "jit/backend/a64/codegen.h"

namespace chaipy::jit::a64 {

using namespace asmjit;
namespace aj = asmjit::a64;

namespace {
aj::Mem slot_mem(int32_t offset) { return aj::ptr(aj::sp, offset); }
}  // namespace

// movz (or movn, for mostly-ones values) plus movk for each further non-trivial halfword when
// that takes at most two instructions; otherwise (addresses, most doubles) a literal pool load.
void CodeGen::mov_imm(Gp dst, uint64_t v) {
  int zeros = 0, ones = 0;
  for (int h = 0; h < 4; h++) {
    const uint64_t half = (v >> (16 * h)) & 0xFFFF;
    zeros += half == 0;
    ones += half == 0xFFFF;
  }
  if (zeros < 2 && ones < 2) {
    a_.ldr(dst, pool(v));
    return;
  }
  const bool inverted = ones > zeros;
  const uint64_t fill = inverted ? 0xFFFF : 0;
  bool first = true;
  for (int h = 0; h < 4; h++) {
    const uint64_t half = (v >> (16 * h)) & 0xFFFF;
    if (half == fill) continue;
    if (first) {
      if (inverted) {
        a_.movn(dst, ~half & 0xFFFF, arm::lsl(16 * h));
      } else {
        a_.movz(dst, half, arm::lsl(16 * h));
      }
      first = false;
    } else {
      a_.movk(dst, half, arm::lsl(16 * h));
    }
  }
  if (first) inverted ? a_.movn(dst, 0) : a_.movz(dst, 0);  // 0 or -1
}

void CodeGen::mov_addr(Gp dst, const void* p) { a_.ldr(dst, pool(uint64_t(p))); }

// A 64-bit constant in the pool after the code (one entry per distinct value), for ldr literal.
aj::Mem CodeGen::pool(uint64_t bits) {
  auto [it, added] = pool_index_.try_emplace(bits, pool_.size());
  if (added) pool_.emplace_back(bits, a_.newLabel());
  return aj::ptr(pool_[it->second].second);
}

// dst = src, bit for bit, whatever the two kinds of place. Uses x17 for slot-to-slot copies and
// for constants stored to a slot.
void CodeGen::copy(const Place& dst, const Place& src) {
  if (dst == src) return;
  const aj::Gp tmp = aj::x17;
  if (dst.kind == Place::kSlot) {
    aj::Mem m = slot_mem(dst.slot);
    if (src.kind == Place::kReg) {
      if (is_fp(src.reg)) {
        a_.str(aj::d(src.reg - kFp), m);
      } else {
        a_.str(aj::x(src.reg), m);
      }
    } else if (src.kind == Place::kImm && src.imm == 0) {
      a_.str(aj::xzr, m);
    } else {
      copy(Place::in_reg(uint8_t(tmp.id())), src);
      a_.str(tmp, m);
    }
    return;
  }
  if (is_fp(dst.reg)) {
    aj::Vec d = aj::d(dst.reg - kFp);
    if (src.kind == Place::kImm) {
      if (src.imm == 0) {
        a_.fmov(d, aj::xzr);
      } else {
        a_.ldr(d, pool(src.imm));
      }
    } else if (src.kind == Place::kSlot) {
      a_.ldr(d, slot_mem(src.slot));
    } else if (is_fp(src.reg)) {
      a_.fmov(d, aj::d(src.reg - kFp));
    } else {
      a_.fmov(d, aj::x(src.reg));
    }
    return;
  }
  aj::Gp g = aj::x(dst.reg);
  if (src.kind == Place::kImm) {
    mov_imm(g, src.imm);
  } else if (src.kind == Place::kSlot) {
    a_.ldr(g, slot_mem(src.slot));
  } else if (is_fp(src.reg)) {
    a_.fmov(g, aj::d(src.reg - kFp));
  } else {
    a_.mov(g, aj::x(src.reg));
  }
}

// Every move at once (moves.h): cycles park a value in x15 or d31.
void CodeGen::parallel_move(std::vector<Move> moves) {
  jit::parallel_move(std::move(moves), kTargetA64, 15, kFp + 31, [&](const Place& d, const Place& s) { copy(d, s); });
}

}  // namespace chaipy::jit::a64
