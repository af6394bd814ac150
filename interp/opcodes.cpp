// interp/opcodes.cpp — opcode and operator tables expanded from opcodes.def / binops.def.
#include "interp/opcodes.h"

namespace chaipy {

const OpInfo kOpInfo[int(Op::kCount)] = {
#define OPDEF(name, arg, flags, effect) {#name, OpArg::arg, uint8_t(flags)},
#include "interp/opcodes.def"
#undef OPDEF
};

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

const char* const kCmpOpNames[6] = {"<", "<=", "==", "!=", ">", ">="};

const BinOpInfo kBinOpInfo[kNumBinOps] = {
#define BINOP(name, sym, d, r, i) {#name, sym, d, r, i},
#include "interp/binops.def"
#undef BINOP
};

}  // namespace chaipy
