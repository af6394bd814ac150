// frontend/op_table.h — short-hand queries over the opcode table (interp/opcodes.def, expanded
// once in interp/opcodes.h) for the compiler, dis and the pyc validator.
#pragma once
#include <cstddef>

#include "interp/opcodes.h"

namespace chaipy::fe {

[[gnu::always_inline]] inline int stack_effect(Op op, uint32_t arg, bool jump) {
  return op_stack_effect(op, arg, jump);
}
inline const OpInfo& op_row(Op op) { return kOpInfo[int(op)]; }
inline bool has_cache(Op op) { return kOpInfo[int(op)].flags & OPF_CACHE; }
inline bool is_jump(Op op) { return kOpInfo[int(op)].flags & OPF_JUMP; }
inline bool no_fall(Op op) { return kOpInfo[int(op)].flags & OPF_NOFALL; }
inline const char* binop_symbol(int i) { return kBinOpInfo[i].symbol; }
inline constexpr int kNumInplaceBase = kNumBinOps;

}  // namespace chaipy::fe
