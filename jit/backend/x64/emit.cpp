// jit/backend/x64/emit.cpp — instruction selection: the trace body, one IR instruction at a time.
//
// Operands come from the allocation (regalloc.cpp): a register, a spill slot, or a constant that
// is folded as an immediate or materialised into a scratch (rax, r11, xmm15). A result is
// computed in its own register, or in a scratch and then stored to its slot. The allocator may
// give a result the register of an operand that dies at the instruction, so every sequence
// below reads its operands before it writes the result register (or computes into a scratch).
#include <cstddef>
#include <cstring>

#include "interp/gc.h"
#include "interp/value.h"
#include "interp/vm.h"
#include "jit/backend/x64/codegen.h"
#include "jit/helpers.h"

namespace chaipy::jit::x64 {

using namespace asmjit;
using x86::CondCode;

namespace {

const x86::Gp kTmp = x86::r11;  // first scratch (results of spilled values, address bases)
const x86::Gp kTmp2 = x86::rax;  // second scratch (immediates, indexes, idiv, calls)
const x86::Xmm kFtmp = x86::xmm15;

bool fits_i32(int64_t v) { return v == int64_t(int32_t(v)); }
constexpr uint64_t tag_bits(uint64_t tag) { return tag << Value::kTagShift; }
x86::Gp gp_reg(uint8_t reg) { return x86::gpq(reg); }
x86::Xmm xmm_reg(uint8_t reg) { return x86::xmm(reg - kXmm); }
x86::Mem slot_mem(int32_t offset) { return x86::qword_ptr(x86::rsp, offset); }

}  // namespace

CodeGen::CodeGen(Trace& t, const Allocation& alloc, x86::Assembler& a, uint64_t base, uint64_t common_exit)
    : t_(t), alloc_(alloc), a_(a), base_(base), common_exit_(common_exit) {
  entry_ = a_.newLabel();
  loop_ = a_.newLabel();
  trace_exit_ = a_.newLabel();
  site_label_.resize(t.snaps.size());
  sites_.resize(t.snaps.size());
}

bool CodeGen::run(std::string* error) {
  IrOp last = t_.ins.empty() ? IrOp::NOP : t_.ins.back().op;
  if (last != IrOp::JLOOP && last != IrOp::LINK && last != IrOp::EXIT && last != IrOp::RET) {
    *error = "trace does not end in JLOOP, LINK, EXIT or RET";
    return false;
  }
  if (t_.loop != kNoRef && last != IrOp::JLOOP) {
    *error = "trace with LOOP does not end in JLOOP";
    return false;
  }
  if (t_.parent) {
    side_trace_entry();
  } else {
    prologue();
  }
  a_.bind(entry_);
  entry_offset_ = uint32_t(a_.offset());
  ins_offset_.assign(size_t(t_.size()), UINT32_MAX);
  for (Ref i = 0; i < t_.size() && error_.empty(); i++) {
    if (!alloc_.emit[size_t(i)]) continue;
    ins_offset_[size_t(i)] = uint32_t(a_.offset());
    emit_ins(i);
  }
  emit_exits();
  if (!error_.empty()) {
    *error = error_;
    return false;
  }
  return true;
}

void CodeGen::fail(const std::string& why) {
  if (error_.empty()) error_ = why;
}

// Saves the callee-saved registers (all of them: a linked or side trace may use any) and
// reserves the spill area; f arrives in rdi.
void CodeGen::prologue() {
  for (uint8_t r : kSavedGp) a_.push(gp_reg(r));
  a_.sub(x86::rsp, kFrameBytes);
  a_.mov(x86::rbx, x86::rdi);
}

void CodeGen::emit_ins(Ref i) {
  const Ins& ins = t_[i];
  switch (ins.op) {
    case IrOp::KINT: case IrOp::KDBL: case IrOp::KPTR: case IrOp::KVAL:
    case IrOp::CARG: case IrOp::PHI: case IrOp::NOP:
      return;
    case IrOp::SLOAD: {
      Gp d = gp_out(i, kTmp);
      a_.mov(d, x86::qword_ptr(x86::rbx, int32_t(offsetof(Frame, localsplus) + 8 * size_t(ins.a))));
      return def_gp(i, d);
    }
    case IrOp::UNBOX_INT: case IrOp::UNBOX_DBL: case IrOp::UNBOX_OBJ: case IrOp::UNBOX_BOOL:
      return unbox(i);
    case IrOp::GUARD_VAL: case IrOp::GUARD_NOTVAL: {
      Operand v = gp_rm(ins.a, kTmp);
      if (fits_i32(ins.k)) {
        a_.emit(x86::Inst::kIdCmp, v, Imm(ins.k));
      } else {
        a_.mov(kTmp2, uint64_t(ins.k));
        a_.emit(x86::Inst::kIdCmp, v, kTmp2);
      }
      return exit_if(ins.op == IrOp::GUARD_VAL ? CondCode::kNE : CondCode::kE, ins.snap);
    }
    case IrOp::GUARD_TYPE: {
      Gp p = gp_in(ins.a, kTmp);
      if (fits_i32(ins.k)) {
        a_.cmp(x86::qword_ptr(p), Imm(ins.k));
      } else {
        a_.mov(kTmp2, uint64_t(ins.k));
        a_.cmp(x86::qword_ptr(p), kTmp2);
      }
      return exit_if(CondCode::kNE, ins.snap);
    }
    case IrOp::BOX_INT: case IrOp::BOX_DBL: case IrOp::BOX_BOOL: case IrOp::BOX_OBJ:
      return box(i);
    case IrOp::ADDOV: return int_binop(i, x86::Inst::kIdAdd, true, true);
    case IrOp::SUBOV: return int_binop(i, x86::Inst::kIdSub, false, true);
    case IrOp::MULOV: return int_binop(i, x86::Inst::kIdImul, true, true);
    case IrOp::ADD: return int_binop(i, x86::Inst::kIdAdd, true, false);
    case IrOp::SUB: return int_binop(i, x86::Inst::kIdSub, false, false);
    case IrOp::BAND: return int_binop(i, x86::Inst::kIdAnd, true, false);
    case IrOp::BOR: return int_binop(i, x86::Inst::kIdOr, true, false);
    case IrOp::BXOR: return int_binop(i, x86::Inst::kIdXor, true, false);
    case IrOp::NEGOV: {
      Gp d = gp_out(i, kTmp);
      load_gp(d, ins.a);
      a_.neg(d);
      exit_if(CondCode::kO, ins.snap);
      return def_gp(i, d);
    }
    case IrOp::SAR: case IrOp::SHLOV: return shift(i);
    case IrOp::FLOORDIV: case IrOp::FLOORMOD: return floor_divmod(i);
    case IrOp::FADD: return fp_binop(i, x86::Inst::kIdAddsd, true);
    case IrOp::FSUB: return fp_binop(i, x86::Inst::kIdSubsd, false);
    case IrOp::FMUL: return fp_binop(i, x86::Inst::kIdMulsd, true);
    case IrOp::FDIV: return fp_binop(i, x86::Inst::kIdDivsd, false);
    case IrOp::FNEG: return fp_sign(i, x86::Inst::kIdBtc);
    case IrOp::FABS: return fp_sign(i, x86::Inst::kIdBtr);
    case IrOp::FSQRT: {
      Xmm d = xmm_out(i);
      a_.emit(x86::Inst::kIdSqrtsd, d, xmm_src(ins.a));
      return def_xmm(i, d);
    }
    case IrOp::CONV_I2D: {
      Xmm d = xmm_out(i);
      a_.xorps(d, d);  // cvtsi2sd only writes the low lane: break the dependency on d
      a_.emit(x86::Inst::kIdCvtsi2sd, d, gp_rm(ins.a, kTmp));
      return def_xmm(i, d);
    }
    case IrOp::CONV_D2I: {
      Gp d = gp_out(i, kTmp);
      a_.emit(x86::Inst::kIdCvttsd2si, d, xmm_src(ins.a));
      a_.cmp(d, 1);  // overflows only for INT64_MIN, the "indefinite" result of NaN / out of range
      exit_if(CondCode::kO, ins.snap);
      return def_gp(i, d);
    }
    case IrOp::CONV_B2I: {
      Gp d = gp_out(i, kTmp);
      load_gp(d, ins.a);
      return def_gp(i, d);
    }
    case IrOp::LT: case IrOp::LE: case IrOp::GT: case IrOp::GE: case IrOp::ULT: case IrOp::EQ:
    case IrOp::NE: case IrOp::FLT: case IrOp::FLE: case IrOp::FGT: case IrOp::FGE: case IrOp::FEQ:
    case IrOp::FNE:
      return compare(i);
    case IrOp::NOT: {
      Gp d = gp_out(i, kTmp);
      load_gp(d, ins.a);
      a_.xor_(d.r32(), 1);
      return def_gp(i, d);
    }
    case IrOp::GUARD_TRUE: case IrOp::GUARD_FALSE: return guard_bool(i);
    case IrOp::GUARD_GC: return guard_gc(i);
    case IrOp::AREF: return aref(i);
    case IrOp::LOAD:
    case IrOp::LOADI: return load(i);
    case IrOp::STORE: return store(i);
    case IrOp::CALL: case IrOp::CALLP: case IrOp::CALLG: return call(i);
    case IrOp::FRAME: {
      Gp d = gp_out(i, kTmp);
      a_.mov(d, x86::rbx);
      return def_gp(i, d);
    }
    case IrOp::RETF:  // the base frame returns to its caller, which becomes the base frame
      a_.mov(x86::rdi, x86::rbx);
      a_.mov(x86::rax, uint64_t(&vm_jit_pop_frame));
      a_.call(x86::rax);
      a_.mov(x86::rbx, x86::rax);
      return;
    case IrOp::LOOP: return loop_entry();
    case IrOp::JLOOP: return loop_back(i);
    case IrOp::LINK: return link(i);
    case IrOp::EXIT: return exit_always(ins.snap);
    case IrOp::RET: return ret(i);
    case IrOp::kCount: break;
  }
  fail("unknown IR instruction");
}

// -- Boxing ------------------------------------------------------------------------------------

// Exits unless the Val in v has the given tag.
void CodeGen::check_tag(Gp v, uint64_t tag, uint32_t snap) {
  a_.mov(kTmp2, v);
  a_.shr(kTmp2, Value::kTagShift);
  a_.cmp(kTmp2.r32(), int32_t(tag));
  exit_if(CondCode::kNE, snap);
}

void CodeGen::unbox(Ref i) {
  const Ins& ins = t_[i];
  Gp v = gp_in(ins.a, kTmp);
  if (ins.op == IrOp::UNBOX_DBL) {  // every bit pattern below the object tag is a double
    a_.mov(kTmp2, tag_bits(Value::kTagObj));
    a_.cmp(v, kTmp2);
    exit_if(CondCode::kAE, ins.snap);
    Xmm d = xmm_out(i);
    a_.movq(d, v);
    return def_xmm(i, d);
  }
  uint64_t tag = ins.op == IrOp::UNBOX_INT ? Value::kTagInt : ins.op == IrOp::UNBOX_BOOL ? Value::kTagBool : Value::kTagObj;
  check_tag(v, tag, ins.snap);
  Gp d = gp_out(i, kTmp);
  switch (ins.op) {
    case IrOp::UNBOX_INT:  // sign-extend the 48-bit payload
      if (d != v) a_.mov(d, v);
      a_.shl(d, 16);
      a_.sar(d, 16);
      break;
    case IrOp::UNBOX_BOOL:
      a_.mov(d.r32(), v.r32());
      a_.and_(d.r32(), 1);
      break;
    default:  // UNBOX_OBJ: the 48-bit pointer, then its type
      if (d != v) a_.mov(d, v);
      a_.shl(d, 16);
      a_.shr(d, 16);
      if (fits_i32(ins.k)) {
        a_.cmp(x86::qword_ptr(d, int32_t(offsetof(Object, type))), Imm(ins.k));
      } else {
        a_.mov(kTmp2, uint64_t(ins.k));
        a_.cmp(x86::qword_ptr(d, int32_t(offsetof(Object, type))), kTmp2);
      }
      exit_if(CondCode::kNE, ins.snap);
      break;
  }
  def_gp(i, d);
}

void CodeGen::box(Ref i) {
  const Ins& ins = t_[i];
  if (ins.op == IrOp::BOX_DBL) {
    Xmm x = xmm_in(ins.a, kFtmp);
    Gp d = gp_out(i, kTmp);
    a_.movq(d, x);
    a_.ucomisd(x, x);  // PF: unordered, i.e. x is a NaN
    a_.mov(kTmp2, Value::kCanonNaN);
    a_.cmovp(d, kTmp2);
    return def_gp(i, d);
  }
  Gp v = gp_in(ins.a, kTmp);
  if (ins.op == IrOp::BOX_INT) {  // fits 48 bits iff sign-extending the low 48 bits gives it back
    a_.mov(kTmp2, v);
    a_.shl(kTmp2, 16);
    a_.sar(kTmp2, 16);
    a_.cmp(kTmp2, v);
    exit_if(CondCode::kNE, ins.snap);
  }
  Gp d = gp_out(i, kTmp);
  if (d != v) a_.mov(d, v);
  uint64_t tag = Value::kTagObj;
  if (ins.op == IrOp::BOX_INT) {
    a_.shl(d, 16);
    a_.shr(d, 16);
    tag = Value::kTagInt;
  } else if (ins.op == IrOp::BOX_BOOL) {
    tag = Value::kTagBool;
  }
  a_.mov(kTmp2, tag_bits(tag));
  a_.or_(d, kTmp2);
  def_gp(i, d);
}

// -- Integer arithmetic ------------------------------------------------------------------------

// d = a op b in two-address form; `jo` to the exit for the overflow-checked forms.
void CodeGen::int_binop(Ref i, InstId id, bool commutative, bool overflow_guard) {
  const Ins& ins = t_[i];
  Ref a = ins.a, b = ins.b;
  Gp d = gp_out(i, kTmp);
  if (aliases(d, b) && !aliases(d, a)) {  // `mov d, a` would destroy b
    if (commutative) {
      std::swap(a, b);
    } else {
      d = kTmp;
    }
  }
  load_gp(d, a);
  a_.emit(id, d, gp_src(b, kTmp2));
  if (overflow_guard) exit_if(CondCode::kO, ins.snap);
  def_gp(i, d);
}

void CodeGen::shift(Ref i) {
  const Ins& ins = t_[i];
  const bool shl = ins.op == IrOp::SHLOV;
  if (konst(ins.b)) {
    int64_t n = t_[ins.b].k;
    if (!shl) {
      Gp d = gp_out(i, kTmp);
      load_gp(d, ins.a);
      a_.sar(d, n & 63);
      return def_gp(i, d);
    }
    if (n < 0 || n > 63) return exit_always(ins.snap);
    // No bits lost iff shifting back gives a again.
    load_gp(kTmp, ins.a);
    a_.mov(kTmp2, kTmp);
    a_.shl(kTmp2, n);
    a_.sar(kTmp2, n);
    a_.cmp(kTmp2, kTmp);
    exit_if(CondCode::kNE, ins.snap);
    a_.shl(kTmp2, n);
    return def_gp(i, kTmp2);
  }
  load_gp(kTmp, ins.a);  // before rcx is loaded: a may live in rcx
  load_gp(x86::rcx, ins.b);
  if (!shl) {
    a_.sar(kTmp, x86::cl);
    return def_gp(i, kTmp);
  }
  a_.cmp(x86::rcx, 63);
  exit_if(CondCode::kA, ins.snap);  // unsigned: also catches negative counts
  a_.mov(kTmp2, kTmp);
  a_.shl(kTmp2, x86::cl);
  a_.sar(kTmp2, x86::cl);
  a_.cmp(kTmp2, kTmp);
  exit_if(CondCode::kNE, ins.snap);
  a_.shl(kTmp2, x86::cl);
  def_gp(i, kTmp2);
}

// Python's floor division and modulo: idiv truncates toward zero, so when the remainder is
// non-zero and its sign differs from the divisor's, the quotient is one less and the remainder
// is moved into the divisor's sign. b == -1 is done without idiv (INT64_MIN / -1 traps).
void CodeGen::floor_divmod(Ref i) {
  const Ins& ins = t_[i];
  const bool div = ins.op == IrOp::FLOORDIV;
  const bool kb = konst(ins.b);
  const int64_t c = kb ? t_[ins.b].k : 0;
  if (kb && c == 0) return exit_always(ins.snap);
  if (kb && c > 0 && (c & (c - 1)) == 0) {  // 2^n: floor division is sar, modulo is a mask
    Gp d = gp_out(i, kTmp);
    load_gp(d, ins.a);
    if (div) {
      if (c > 1) a_.sar(d, __builtin_ctzll(uint64_t(c)));
    } else if (fits_i32(c - 1)) {
      a_.and_(d, c - 1);
    } else {
      a_.mov(kTmp2, c - 1);
      a_.and_(d, kTmp2);
    }
    return def_gp(i, d);
  }
  load_gp(kTmp, ins.b);  // both operands are copied before cqo / idiv destroy rdx
  load_gp(kTmp2, ins.a);
  Label done = a_.newLabel();
  if (!kb) {
    a_.test(kTmp, kTmp);
    exit_if(CondCode::kE, ins.snap);
  }
  if (!kb || c == -1) {
    Label general = a_.newLabel();
    if (!kb) {
      a_.cmp(kTmp, -1);
      a_.short_().jne(general);
    }
    if (div) {
      a_.neg(kTmp2);
      exit_if(CondCode::kO, ins.snap);
    } else {
      a_.xor_(x86::edx, x86::edx);
    }
    if (!kb) a_.short_().jmp(done);
    a_.bind(general);
  }
  if (!kb || c != -1) {
    a_.cqo(x86::rdx, x86::rax);
    a_.idiv(x86::rdx, x86::rax, kTmp);
    a_.test(x86::rdx, x86::rdx);
    a_.short_().jz(done);
    if (div) {
      a_.xor_(x86::rdx, kTmp);  // sign of remainder ^ divisor (rdx is not needed any more)
      a_.short_().jns(done);
      a_.sub(kTmp2, 1);
    } else {
      a_.mov(kTmp2, x86::rdx);
      a_.xor_(kTmp2, kTmp);
      a_.short_().jns(done);
      a_.add(x86::rdx, kTmp);
    }
  }
  a_.bind(done);
  def_gp(i, div ? kTmp2 : x86::rdx);
}

// -- Double arithmetic -------------------------------------------------------------------------

void CodeGen::fp_binop(Ref i, InstId id, bool commutative) {
  const Ins& ins = t_[i];
  Ref a = ins.a, b = ins.b;
  Xmm d = xmm_out(i);
  if (aliases(d, b) && !aliases(d, a)) {
    if (commutative) {
      std::swap(a, b);
    } else {
      d = kFtmp;
    }
  }
  load_xmm(d, a);
  a_.emit(id, d, xmm_src(b));
  def_xmm(i, d);
}

// FNEG / FABS flip / clear the sign bit (bit_op = btc / btr) in a GPR copy of the bits.
void CodeGen::fp_sign(Ref i, InstId bit_op) {
  load_gp(kTmp2, t_[i].a);
  a_.emit(bit_op, kTmp2, Imm(63));
  Xmm d = xmm_out(i);
  a_.movq(d, kTmp2);
  def_xmm(i, d);
}

// -- Comparisons and control guards ------------------------------------------------------------

void CodeGen::compare_ints(Ref a, Ref b) {
  Gp x = gp_in(a, kTmp);
  a_.emit(x86::Inst::kIdCmp, x, gp_src(b, kTmp2));
}

CondCode CodeGen::int_cond(IrOp op) const {
  switch (op) {
    case IrOp::LT: return CondCode::kL;
    case IrOp::LE: return CondCode::kLE;
    case IrOp::GT: return CondCode::kG;
    case IrOp::GE: return CondCode::kGE;
    case IrOp::ULT: return CondCode::kB;
    case IrOp::EQ: return CondCode::kE;
    default: return CondCode::kNE;
  }
}

// ucomisd sets CF for "less" and ZF for "equal", and all of ZF, PF, CF when unordered; a < b is
// tested as b > a so that "above" (CF=0, ZF=0) is false when unordered. Returns the condition
// for "true"; FEQ / FNE additionally need PF (see compare / guard_bool).
CondCode CodeGen::compare_fp(IrOp op, Ref a, Ref b) {
  const bool swap = op == IrOp::FLT || op == IrOp::FLE;
  Ref x = swap ? b : a, y = swap ? a : b;
  a_.emit(x86::Inst::kIdUcomisd, xmm_in(x, kFtmp), xmm_src(y));
  switch (op) {
    case IrOp::FLT: case IrOp::FGT: return CondCode::kA;
    case IrOp::FLE: case IrOp::FGE: return CondCode::kAE;
    case IrOp::FEQ: return CondCode::kE;
    default: return CondCode::kNE;
  }
}

void CodeGen::compare(Ref i) {
  const Ins& ins = t_[i];
  Gp d = gp_out(i, kTmp);
  if (is_int_compare(ins.op)) {
    compare_ints(ins.a, ins.b);
    a_.set(int_cond(ins.op), d.r8());
  } else {
    CondCode cc = compare_fp(ins.op, ins.a, ins.b);
    a_.set(cc, d.r8());
    if (ins.op == IrOp::FEQ) {  // equal and ordered
      a_.setnp(kTmp2.r8());
      a_.and_(d.r8(), kTmp2.r8());
    } else if (ins.op == IrOp::FNE) {  // not equal or unordered
      a_.setp(kTmp2.r8());
      a_.or_(d.r8(), kTmp2.r8());
    }
  }
  a_.movzx(d.r32(), d.r8());
  def_gp(i, d);
}

void CodeGen::guard_bool(Ref i) {
  const Ins& ins = t_[i];
  const bool want = ins.op == IrOp::GUARD_TRUE;
  if (Ref c = fused_compare(t_, ins); c != kNoRef) {
    const Ins& cmp = t_[c];
    if (is_int_compare(cmp.op)) {
      compare_ints(cmp.a, cmp.b);
      CondCode cc = int_cond(cmp.op);
      return exit_if(want ? x86::negateCond(cc) : cc, ins.snap);
    }
    CondCode cc = compare_fp(cmp.op, cmp.a, cmp.b);
    if (cmp.op != IrOp::FEQ && cmp.op != IrOp::FNE) return exit_if(want ? x86::negateCond(cc) : cc, ins.snap);
    // One patchable jump: al = equal and ordered, then test it.
    a_.sete(kTmp2.r8());
    a_.setnp(kTmp.r8());
    a_.and_(kTmp2.r8(), kTmp.r8());
    const bool want_equal = want == (cmp.op == IrOp::FEQ);
    return exit_if(want_equal ? CondCode::kZ : CondCode::kNZ, ins.snap);
  }
  if (konst(ins.a)) {
    if ((t_[ins.a].k != 0) != want) exit_always(ins.snap);
    return;
  }
  if (in_gp(ins.a)) {
    a_.test(gp_reg(loc(ins.a).reg), gp_reg(loc(ins.a).reg));
  } else {
    a_.cmp(slot_mem(loc(ins.a).spill), 0);
  }
  exit_if(want ? CondCode::kZ : CondCode::kNZ, ins.snap);
}

void CodeGen::guard_gc(Ref i) {
  a_.mov(kTmp2, uint64_t(&gc::g_debt));
  a_.mov(kTmp2, x86::qword_ptr(kTmp2));
  a_.mov(kTmp, uint64_t(&gc::g_threshold));
  a_.cmp(kTmp2, x86::qword_ptr(kTmp));
  exit_if(CondCode::kG, t_[i].snap);
}

// -- Memory ------------------------------------------------------------------------------------

// The operand for address p + k; an AREF p becomes [base + index*8 + k]. The base is read into
// r11 and the index into rax when they are not in registers.
x86::Mem CodeGen::address(Ref p, int64_t k, bool* index_in_rax) {
  *index_in_rax = false;
  int64_t disp = k;
  Gp base;
  if (t_[p].op == IrOp::AREF) {
    const Ins& ar = t_[p];
    base = gp_in(ar.a, kTmp);
    if (!konst(ar.b)) {
      Gp index = gp_in(ar.b, kTmp2);
      *index_in_rax = index == kTmp2;
      if (!fits_i32(disp)) fail("memory displacement out of range");
      return x86::qword_ptr(base, index, 3, int32_t(disp));
    }
    disp += 8 * t_[ar.b].k;
  } else {
    base = gp_in(p, kTmp);
  }
  if (!fits_i32(disp)) fail("memory displacement out of range");
  return x86::qword_ptr(base, int32_t(disp));
}

void CodeGen::load(Ref i) {
  const Ins& ins = t_[i];
  bool index_in_rax;
  Mem m = address(ins.a, ins.k, &index_in_rax);
  if (ins.type == Ty::Dbl) {
    Xmm d = xmm_out(i);
    a_.movsd(d, m);
    return def_xmm(i, d);
  }
  Gp d = gp_out(i, kTmp);
  a_.mov(d, m);
  def_gp(i, d);
}

void CodeGen::store(Ref i) {
  const Ins& ins = t_[i];
  bool index_in_rax;
  Mem m = address(ins.a, ins.k, &index_in_rax);
  Ref v = ins.b;
  if (in_xmm(v)) {
    a_.movsd(m, xmm_reg(loc(v).reg));
  } else if (in_gp(v)) {
    a_.mov(m, gp_reg(loc(v).reg));
  } else if (konst(v) && fits_i32(t_[v].k)) {
    a_.mov(m, Imm(t_[v].k));
  } else {
    if (index_in_rax) {  // free rax for the value
      a_.lea(kTmp, m);
      m = x86::qword_ptr(kTmp);
    }
    load_gp(kTmp2, v);
    a_.mov(m, kTmp2);
  }
}

void CodeGen::aref(Ref i) {
  const Ins& ins = t_[i];
  Gp d = gp_out(i, kTmp);
  Gp base = gp_in(ins.a, kTmp);
  if (konst(ins.b)) {
    int64_t disp = 8 * t_[ins.b].k;
    if (!fits_i32(disp)) fail("memory displacement out of range");
    a_.lea(d, x86::ptr(base, int32_t(disp)));
  } else {
    a_.lea(d, x86::ptr(base, gp_in(ins.b, kTmp2), 3));
  }
  def_gp(i, d);
}

// -- Calls -------------------------------------------------------------------------------------

namespace {
constexpr uint8_t kArgGp[] = {RDI, RSI, RDX, RCX, R8, R9};
constexpr int kArgXmm = 8;

char helper_letter(Ty t) {
  switch (t) {
    case Ty::Int: return 'I';
    case Ty::Dbl: return 'D';
    case Ty::Ptr: return 'P';
    case Ty::Val: return 'V';
    case Ty::Void: return 0;
    default: return '?';
  }
}
}  // namespace

// SysV call: arguments into their registers (one parallel move), call through rax. Everything
// live across the call is in a callee-saved register or a slot (the allocator saw to it).
void CodeGen::call(Ref i) {
  const Ins& ins = t_[i];
  if (ins.k < 0 || ins.k >= int64_t(Helper::kCount)) return fail("call to an unknown helper");
  const HelperInfo& h = kHelpers[ins.k];
  if (helper_letter(ins.type) != h.result) return fail(std::string("result type does not match helper ") + h.name);
  const size_t nargs = std::strlen(h.args);
  std::vector<Move> moves;
  int ngp = 0, nxmm = 0;
  for (Ref c = ins.a; c != kNoRef; c = t_[c].b) {
    Ref v = t_[c].a;
    if (moves.size() == nargs || (h.args[moves.size()] == 'D') != (t_[v].type == Ty::Dbl))
      return fail(std::string("arguments do not match helper ") + h.name);
    if (t_[v].type == Ty::Dbl) {
      if (nxmm == kArgXmm) return fail("too many double arguments");
      moves.push_back(Move{Place::in_reg(uint8_t(kXmm + nxmm++)), place(v)});
    } else {
      if (ngp == int(std::size(kArgGp))) return fail("too many integer arguments");
      moves.push_back(Move{Place::in_reg(kArgGp[ngp++]), place(v)});
    }
  }
  if (moves.size() != nargs) return fail(std::string("arguments do not match helper ") + h.name);
  parallel_move(std::move(moves));
  a_.mov(x86::rax, uint64_t(h.fn));
  a_.call(x86::rax);
  if (ins.op == IrOp::CALLG) {
    if (h.result == 'V') {
      a_.mov(kTmp, Value::exc().bits());
      a_.cmp(x86::rax, kTmp);
    } else if (h.result == 'I') {
      a_.cmp(x86::rax, -1);
    } else if (h.result == 'P') {
      a_.test(x86::rax, x86::rax);
    } else {
      return fail(std::string("CALLG of helper without a failure value: ") + h.name);
    }
    exit_if(CondCode::kE, ins.snap);
  }
  if (ins.type == Ty::Dbl) {
    def_xmm(i, x86::xmm0);
  } else if (ins.type != Ty::Void) {
    def_gp(i, x86::rax);
  }
}

// -- Loop and trace ends -----------------------------------------------------------------------

// A function trace returns: the value goes to g_jit.ret, and the trace code returns nullptr to
// whoever entered it (the interpreter's CALL or call_trace), unwinding its native frame.
void CodeGen::ret(Ref i) {
  load_gp(x86::rax, t_[i].a);
  a_.mov(kTmp, uint64_t(&g_jit.ret));
  a_.mov(x86::qword_ptr(kTmp), x86::rax);
  a_.xor_(x86::eax, x86::eax);
  a_.add(x86::rsp, kFrameBytes);
  for (size_t n = std::size(kSavedGp); n-- > 0;) a_.pop(gp_reg(kSavedGp[n]));
  a_.ret();
}

// Before the loop header: each PHI takes its entry value.
void CodeGen::loop_entry() {
  std::vector<Move> moves;
  for (Ref p : alloc_.phis) moves.push_back(Move{place(p), place(t_[p].a)});
  parallel_move(std::move(moves));
  a_.bind(loop_);
}

// With a LOOP: each PHI takes its value from this iteration, then back to the header. Without
// one, the trace loops on itself through the frame: like a LINK to its own entry.
void CodeGen::loop_back(Ref i) {
  if (t_.loop == kNoRef) return link(i);
  std::vector<Move> moves;
  for (Ref p : alloc_.phis) moves.push_back(Move{place(p), place(t_[p].b)});
  parallel_move(std::move(moves));
  a_.jmp(loop_);
}

// -- Operand access ----------------------------------------------------------------------------

Place CodeGen::place(Ref r) const {
  if (konst(r)) return Place::constant(uint64_t(t_[r].k));
  if (loc(r).reg != Loc::kNoReg) return Place::in_reg(loc(r).reg);
  return Place::in_slot(loc(r).spill);
}

void CodeGen::load_gp(Gp dst, Ref r) {
  if (!konst(r) && loc(r).reg == Loc::kNoReg && loc(r).spill < 0) return fail("value read without a location");
  copy(Place::in_reg(uint8_t(dst.id())), place(r));
}

x86::Gp CodeGen::gp_in(Ref r, Gp tmp) {
  if (in_gp(r)) return gp_reg(loc(r).reg);
  load_gp(tmp, r);
  return tmp;
}

Operand CodeGen::gp_src(Ref r, Gp tmp) {
  if (konst(r) && fits_i32(t_[r].k)) return Imm(t_[r].k);
  return gp_rm(r, tmp);
}

Operand CodeGen::gp_rm(Ref r, Gp tmp) {
  if (!konst(r) && loc(r).reg == Loc::kNoReg && loc(r).spill >= 0) return slot_mem(loc(r).spill);
  return gp_in(r, tmp);
}

void CodeGen::load_xmm(Xmm dst, Ref r) {
  if (!konst(r) && loc(r).reg == Loc::kNoReg && loc(r).spill < 0) return fail("value read without a location");
  copy(Place::in_reg(uint8_t(kXmm + dst.id())), place(r));
}

x86::Xmm CodeGen::xmm_in(Ref r, Xmm tmp) {
  if (in_xmm(r)) return xmm_reg(loc(r).reg);
  load_xmm(tmp, r);
  return tmp;
}

Operand CodeGen::xmm_src(Ref r) {
  if (konst(r)) return pool(uint64_t(t_[r].k));
  if (in_xmm(r)) return xmm_reg(loc(r).reg);
  if (loc(r).spill >= 0) return slot_mem(loc(r).spill);
  return xmm_in(r, kFtmp);
}

// A double constant in the pool after the code (one 8-byte entry per distinct value).
x86::Mem CodeGen::pool(uint64_t bits) {
  auto [it, added] = pool_.try_emplace(bits);
  if (added) it->second = a_.newLabel();
  return x86::qword_ptr(it->second);
}

x86::Gp CodeGen::gp_out(Ref r, Gp scratch) const { return in_gp(r) ? gp_reg(loc(r).reg) : scratch; }

x86::Xmm CodeGen::xmm_out(Ref r) const { return in_xmm(r) ? xmm_reg(loc(r).reg) : kFtmp; }

void CodeGen::def_gp(Ref r, Gp src) {
  if (loc(r).reg != Loc::kNoReg || loc(r).spill >= 0) copy(place(r), Place::in_reg(uint8_t(src.id())));
}

void CodeGen::def_xmm(Ref r, Xmm src) {
  if (loc(r).reg != Loc::kNoReg || loc(r).spill >= 0) copy(place(r), Place::in_reg(uint8_t(kXmm + src.id())));
}

}  // namespace chaipy::jit::x64
