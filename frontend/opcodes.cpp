// frontend/opcodes.cpp — stack effects expanded from interp/opcodes.def (the tables themselves are
// inline constexpr in interp/opcodes.h); compiled into the lowest library so every layer shares it.
#include "interp/opcodes.h"

namespace chaipy {

int op_stack_effect(Op op, uint32_t arg, bool jump) {
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

}  // namespace chaipy
