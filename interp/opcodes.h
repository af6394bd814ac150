// interp/opcodes.h — opcode enum, names and properties, expanded from opcodes.def.
#pragma once
#include <cstdint>

namespace chaipy {

enum OpFlags : uint8_t {
  OPF_CACHE = 1,     // followed by one CACHE word holding an inline-cache index
  OPF_JUMP = 2,      // argument is an absolute jump target
  OPF_NOFALL = 4,    // never falls through to the next instruction
  OPF_BACKEDGE = 8,  // a loop back-edge counted for the JIT
};

enum class Op : uint8_t {
#define OPDEF(name, arg, flags, effect, inputs) name,
#include "interp/opcodes.def"
#undef OPDEF
  kCount
};

enum class OpArg : char { N = 'N', C = 'C', L = 'L', M = 'M', F = 'F', J = 'J', U = 'U', B = 'B', P = 'P', X = 'X' };

struct OpInfo {
  const char* name;
  OpArg arg;
  uint8_t flags;
};

inline constexpr OpInfo kOpInfo[int(Op::kCount)] = {
#define OPDEF(name, arg, flags, effect, inputs) {#name, OpArg::arg, uint8_t(flags)},
#include "interp/opcodes.def"
#undef OPDEF
};

// Net stack-depth change of `op arg`, for the fall-through (jump=false) or taken (jump=true) edge.
// Inline: the pyc reader's validator evaluates it for every instruction of every code object.
[[gnu::always_inline]] constexpr int op_stack_effect(Op op, uint32_t arg, bool jump) {
  (void)arg;
  (void)jump;
  switch (op) {
#define OPDEF(name, a, flags, effect, inputs) \
  case Op::name:                      \
    return (effect);
#include "interp/opcodes.def"
#undef OPDEF
    default:
      return 0;
  }
}

// How many value-stack items `op arg` reads (pops or addresses); the validator requires that
// depth before the instruction.
[[gnu::always_inline]] constexpr int op_stack_inputs(Op op, uint32_t arg) {
  (void)arg;
  switch (op) {
#define OPDEF(name, a, flags, effect, inputs) \
  case Op::name:                              \
    return (inputs);
#include "interp/opcodes.def"
#undef OPDEF
    default:
      return 0;
  }
}

// -- Instruction words ---------------------------------------------------------------------
constexpr uint32_t kMaxArg = (1u << 24) - 1;
inline constexpr uint32_t make_insn(Op op, uint32_t arg) { return uint32_t(op) | (arg << 8); }
inline constexpr Op insn_op(uint32_t w) { return Op(w & 0xFF); }
inline constexpr uint32_t insn_arg(uint32_t w) { return w >> 8; }
inline bool op_has_cache(Op op) { return kOpInfo[int(op)].flags & OPF_CACHE; }
inline bool op_is_jump(Op op) { return kOpInfo[int(op)].flags & OPF_JUMP; }

// Comparison operators (COMPARE_OP argument), in CPython's cmp_op order.
enum class CmpOp : uint8_t { LT, LE, EQ, NE, GT, GE };
inline constexpr const char* kCmpOpNames[6] = {"<", "<=", "==", "!=", ">", ">="};
// The operator to use with the operands swapped (a < b  ==  b > a).
inline constexpr CmpOp cmp_swapped(CmpOp op) {
  switch (op) {
    case CmpOp::LT: return CmpOp::GT;
    case CmpOp::LE: return CmpOp::GE;
    case CmpOp::GT: return CmpOp::LT;
    case CmpOp::GE: return CmpOp::LE;
    default: return op;
  }
}

enum class BinOp : uint8_t {
#define BINOP(name, sym, d, r, i) name,
#include "interp/binops.def"
#undef BINOP
  kCountPlain,
};
constexpr int kNumBinOps = int(BinOp::kCountPlain);  // in-place forms are kNumBinOps + i
struct BinOpInfo { const char* name; const char* symbol; const char* dunder; const char* rdunder; const char* idunder; };
inline constexpr BinOpInfo kBinOpInfo[kNumBinOps] = {
#define BINOP(name, sym, d, r, i) {#name, sym, d, r, i},
#include "interp/binops.def"
#undef BINOP
};

}  // namespace chaipy
