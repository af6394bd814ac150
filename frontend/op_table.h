// frontend/op_table.h — the frontend's own expansion of interp/opcodes.def (names, argument
// kinds, flags, stack effects), so the frontend library does not link against interp/.
#pragma once
#include <cstddef>

#include "interp/opcodes.h"

namespace chaipy::fe {

struct OpRow {
  const char* name;
  OpArg arg;
  uint8_t flags;
};

inline constexpr OpRow kOps[] = {
#define OPDEF(name, arg, flags, effect) {#name, OpArg::arg, uint8_t(flags)},
#include "interp/opcodes.def"
#undef OPDEF
};
static_assert(sizeof(kOps) / sizeof(kOps[0]) == size_t(Op::kCount), "ORDER OP");

inline int stack_effect(Op op, uint32_t arg, bool jump) {
  (void)arg;
  (void)jump;
  switch (op) {
#define OPDEF(name, a, flags, effect) \
  case Op::name:                      \
    return (effect);
#include "interp/opcodes.def"
#undef OPDEF
    default:
      return 0;
  }
}

inline const OpRow& op_row(Op op) { return kOps[int(op)]; }
inline bool has_cache(Op op) { return kOps[int(op)].flags & OPF_CACHE; }
inline bool is_jump(Op op) { return kOps[int(op)].flags & OPF_JUMP; }
inline bool no_fall(Op op) { return kOps[int(op)].flags & OPF_NOFALL; }

// Binary operator symbols (BINARY_OP argument), in binops.def order.  ORDER BINOP
inline constexpr const char* kBinOpSymbols[] = {
#define BINOP(name, sym, d, r, i) sym,
#include "interp/binops.def"
#undef BINOP
};
inline constexpr int kNumInplaceBase = kNumBinOps;
inline constexpr const char* kCmpSymbols[] = {"<", "<=", "==", "!=", ">", ">="};

}  // namespace chaipy::fe
