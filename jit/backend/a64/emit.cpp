// jit/backend/a64/emit.cpp — instruction selection for AArch64: the trace body, one IR
// instruction at a time. Mirrors x64/emit.cpp section by section.
//
// Operands come from the allocation (regalloc.cpp): a register, a spill slot, or a constant that
// is used as an immediate where the encoding has room (add/sub/cmp imm12, shifts) and is
// materialised into a scratch (x15-x17, d30/d31) otherwise. AArch64 instructions have three
// operands, so a result is written once at the end and may share a dying operand's register.
// What differs from x86 and must be right: overflow from adds/subs/negs + b.vs, MULOV from
// smulh; sdiv never traps (explicit zero and INT64_MIN / -1 checks); register shifts take the
// count mod 64; fcvtzs saturates and maps NaN to 0; no fused multiply-add ever.
#include <cstddef>
#include <cstring>

#include "interp/gc.h"
#include "interp/value.h"
#include "interp/vm.h"
#include "jit/backend/a64/codegen.h"
#include "jit/helpers.h"

namespace chaipy::jit::a64 {

using namespace asmjit;
namespace aj = asmjit::a64;
using arm::CondCode;

namespace {

const aj::Gp kTmp = aj::x16;   // first scratch (results of spilled values, addresses)
const aj::Gp kTmp2 = aj::x17;  // second scratch (immediates, operands)
const aj::Gp kTmp3 = aj::x15;  // third scratch (division, multiplication high half)
const aj::Vec kFtmp = aj::d31;
const aj::Vec kFtmp2 = aj::d30;

constexpr uint64_t tag_bits(uint64_t tag) { return tag << Value::kTagShift; }
aj::Gp gp_reg(uint8_t reg) { return aj::x(reg); }
aj::Vec fp_reg(uint8_t reg) { return aj::d(reg - kFp); }
bool add_imm(int64_t v) { return v >= 0 && v < 4096; }
CondCode negate(CondCode cc) { return CondCode(uint8_t(cc) ^ 1); }

}  // namespace

CodeGen::CodeGen(Trace& t, const Allocation& alloc, aj::Assembler& a, uint64_t base, uint64_t common_exit)
    : t_(t), alloc_(alloc), a_(a), base_(base), common_exit_(common_exit) {
  entry_ = a_.newLabel();
  loop_ = a_.newLabel();
  trace_exit_ = a_.newLabel();
  site_label_.resize(t.snaps.size());
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

// Saves the frame record and every callee-saved register (a linked or side trace may use any),
// reserves the spill area; f arrives in x0.
void CodeGen::prologue() {
  a_.stp(aj::x29, aj::x30, aj::ptr_pre(aj::sp, -16));
  a_.mov(aj::x29, aj::sp);
  for (const auto& p : kSavedGpPairs) a_.stp(aj::x(p[0]), aj::x(p[1]), aj::ptr_pre(aj::sp, -16));
  for (const auto& p : kSavedFpPairs) a_.stp(aj::d(p[0]), aj::d(p[1]), aj::ptr_pre(aj::sp, -16));
  a_.sub(aj::sp, aj::sp, kFrameBytes);
  a_.mov(aj::x(kFrameReg), aj::x0);
}

// Undoes the prologue and returns x0 to whoever called the root trace.
void CodeGen::epilogue_ret() {
  a_.add(aj::sp, aj::sp, kFrameBytes);
  for (size_t n = std::size(kSavedFpPairs); n-- > 0;)
    a_.ldp(aj::d(kSavedFpPairs[n][0]), aj::d(kSavedFpPairs[n][1]), aj::ptr_post(aj::sp, 16));
  for (size_t n = std::size(kSavedGpPairs); n-- > 0;)
    a_.ldp(aj::x(kSavedGpPairs[n][0]), aj::x(kSavedGpPairs[n][1]), aj::ptr_post(aj::sp, 16));
  a_.ldp(aj::x29, aj::x30, aj::ptr_post(aj::sp, 16));
  a_.ret(aj::x30);
}

void CodeGen::emit_ins(Ref i) {
  const Ins& ins = t_[i];
  switch (ins.op) {
    case IrOp::KINT: case IrOp::KDBL: case IrOp::KPTR: case IrOp::KVAL:
    case IrOp::CARG: case IrOp::PHI: case IrOp::NOP:
      return;
    case IrOp::SLOAD: {
      Gp d = gp_out(i, kTmp);
      a_.ldr(d, aj::ptr(aj::x(kFrameReg), int32_t(offsetof(Frame, localsplus) + 8 * size_t(ins.a))));
      return def_gp(i, d);
    }
    case IrOp::UNBOX_INT: case IrOp::UNBOX_DBL: case IrOp::UNBOX_OBJ: case IrOp::UNBOX_BOOL:
      return unbox(i);
    case IrOp::GUARD_VAL: case IrOp::GUARD_NOTVAL: {
      Gp v = gp_in(ins.a, kTmp);
      mov_imm(kTmp2, uint64_t(ins.k));
      a_.cmp(v, kTmp2);
      return exit_if(ins.op == IrOp::GUARD_VAL ? CondCode::kNE : CondCode::kEQ, ins.snap);
    }
    case IrOp::GUARD_TYPE: {
      Gp p = gp_in(ins.a, kTmp);
      a_.ldr(kTmp3, aj::ptr(p, int32_t(offsetof(Object, type))));
      mov_imm(kTmp2, uint64_t(ins.k));
      a_.cmp(kTmp3, kTmp2);
      return exit_if(CondCode::kNE, ins.snap);
    }
    case IrOp::BOX_INT: case IrOp::BOX_DBL: case IrOp::BOX_BOOL: case IrOp::BOX_OBJ:
      return box(i);
    case IrOp::ADDOV: case IrOp::SUBOV: case IrOp::ADD: case IrOp::SUB:
      return int_arith(i);
    case IrOp::MULOV: {  // the product fits iff its high half is the sign extension of the low
      Gp x = gp_in(ins.a, kTmp), y = gp_in(ins.b, kTmp2);
      a_.smulh(kTmp3, x, y);
      a_.mul(kTmp, x, y);
      a_.cmp(kTmp3, kTmp, arm::asr(63));
      exit_if(CondCode::kNE, ins.snap);
      return def_gp(i, kTmp);
    }
    case IrOp::NEGOV: {
      Gp x = gp_in(ins.a, kTmp);
      Gp d = gp_out(i, kTmp);
      a_.negs(d, x);
      exit_if(CondCode::kVS, ins.snap);
      return def_gp(i, d);
    }
    case IrOp::BAND: case IrOp::BOR: case IrOp::BXOR: return logic(i);
    case IrOp::SAR: case IrOp::SHLOV: return shift(i);
    case IrOp::FLOORDIV: case IrOp::FLOORMOD: return floor_divmod(i);
    case IrOp::FADD: case IrOp::FSUB: case IrOp::FMUL: case IrOp::FDIV: return fp_binop(i);
    case IrOp::FNEG: case IrOp::FABS: case IrOp::FSQRT: {
      Vec x = fp_in(ins.a, kFtmp);
      Vec d = fp_out(i, kFtmp);
      if (ins.op == IrOp::FNEG) {
        a_.fneg(d, x);
      } else if (ins.op == IrOp::FABS) {
        a_.fabs(d, x);
      } else {
        a_.fsqrt(d, x);
      }
      return def_fp(i, d);
    }
    case IrOp::CONV_I2D: {
      Gp x = gp_in(ins.a, kTmp);
      Vec d = fp_out(i, kFtmp);
      a_.scvtf(d, x);
      return def_fp(i, d);
    }
    case IrOp::CONV_D2I: {
      // fcvtzs saturates (and maps NaN to 0): exit on NaN, and on the two saturated results,
      // which is also where x86's cvttsd2si gives up (conservative for exactly -2^63).
      Vec x = fp_in(ins.a, kFtmp);
      a_.fcmp(x, x);
      exit_if(CondCode::kVS, ins.snap);
      Gp d = gp_out(i, kTmp);
      a_.fcvtzs(d, x);
      a_.cmp(d, 1);
      exit_if(CondCode::kVS, ins.snap);  // INT64_MIN - 1 overflows
      a_.cmn(d, 1);
      exit_if(CondCode::kVS, ins.snap);  // INT64_MAX + 1 overflows
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
      Gp x = gp_in(ins.a, kTmp);
      Gp d = gp_out(i, kTmp);
      a_.eor(d, x, 1);
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
      a_.mov(d, aj::x(kFrameReg));
      return def_gp(i, d);
    }
    case IrOp::RETF:  // the base frame returns to its caller, which becomes the base frame
      a_.mov(aj::x0, aj::x(kFrameReg));
      call_abs(uint64_t(&vm_jit_pop_frame));
      a_.mov(aj::x(kFrameReg), aj::x0);
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

// Exits unless the Val in v has the given tag: the tags 0xFFF9..0xFFFD are -7..-3 as the
// sign-extended top 16 bits, which cmn compares with an immediate.
void CodeGen::check_tag(Gp v, uint64_t tag, uint32_t snap) {
  a_.asr(kTmp2, v, Value::kTagShift);
  a_.cmn(kTmp2, int64_t(0x10000 - tag));
  exit_if(CondCode::kNE, snap);
}

void CodeGen::unbox(Ref i) {
  const Ins& ins = t_[i];
  Gp v = gp_in(ins.a, kTmp);
  if (ins.op == IrOp::UNBOX_DBL) {  // every bit pattern below the object tag is a double
    mov_imm(kTmp2, tag_bits(Value::kTagObj));
    a_.cmp(v, kTmp2);
    exit_if(CondCode::kHS, ins.snap);
    Vec d = fp_out(i, kFtmp);
    a_.fmov(d, v);
    return def_fp(i, d);
  }
  uint64_t tag = ins.op == IrOp::UNBOX_INT ? Value::kTagInt : ins.op == IrOp::UNBOX_BOOL ? Value::kTagBool : Value::kTagObj;
  check_tag(v, tag, ins.snap);
  Gp d = gp_out(i, kTmp);
  switch (ins.op) {
    case IrOp::UNBOX_INT: a_.sbfx(d, v, 0, 48); break;  // sign-extend the 48-bit payload
    case IrOp::UNBOX_BOOL: a_.and_(d, v, 1); break;
    default:  // UNBOX_OBJ: the 48-bit pointer, then its type
      a_.ubfx(d, v, 0, 48);
      a_.ldr(kTmp3, aj::ptr(d, int32_t(offsetof(Object, type))));
      mov_imm(kTmp2, uint64_t(ins.k));
      a_.cmp(kTmp3, kTmp2);
      exit_if(CondCode::kNE, ins.snap);
      break;
  }
  def_gp(i, d);
}

void CodeGen::box(Ref i) {
  const Ins& ins = t_[i];
  if (ins.op == IrOp::BOX_DBL) {  // NaN (unordered with itself) becomes the canonical NaN
    Vec x = fp_in(ins.a, kFtmp);
    Gp d = gp_out(i, kTmp);
    a_.fmov(d, x);
    mov_imm(kTmp2, Value::kCanonNaN);
    a_.fcmp(x, x);
    a_.csel(d, kTmp2, d, CondCode::kVS);
    return def_gp(i, d);
  }
  Gp v = gp_in(ins.a, kTmp);
  if (ins.op == IrOp::BOX_INT) {  // fits 48 bits iff sign-extending the low 48 bits gives it back
    a_.sbfx(kTmp2, v, 0, 48);
    a_.cmp(kTmp2, v);
    exit_if(CondCode::kNE, ins.snap);
  }
  // The payload's top 16 bits are zero (pointer, bool) or replaced (int): movk puts the tag there.
  Gp d = gp_out(i, kTmp);
  if (d.id() != v.id()) a_.mov(d, v);
  uint64_t tag = ins.op == IrOp::BOX_INT ? Value::kTagInt : ins.op == IrOp::BOX_BOOL ? Value::kTagBool : Value::kTagObj;
  a_.movk(d, tag, arm::lsl(48));
  def_gp(i, d);
}

// -- Integer arithmetic ------------------------------------------------------------------------

// ADD / SUB and their overflow-checked forms (adds / subs + b.vs). A constant operand b within
// imm12 (either sign) is an immediate.
void CodeGen::int_arith(Ref i) {
  const Ins& ins = t_[i];
  const bool sub = ins.op == IrOp::SUBOV || ins.op == IrOp::SUB;
  const bool ov = ins.op == IrOp::ADDOV || ins.op == IrOp::SUBOV;
  Ref a = ins.a, b = ins.b;
  if (!sub && konst(a) && !konst(b)) std::swap(a, b);
  Gp x = gp_in(a, kTmp);
  Gp d = gp_out(i, kTmp);
  if (konst(b) && (add_imm(t_[b].k) || (t_[b].k < 0 && t_[b].k > -4096))) {
    int64_t k = t_[b].k;
    const bool as_sub = sub == (k >= 0);
    const int64_t imm = k >= 0 ? k : -k;
    if (as_sub) {
      ov ? a_.subs(d, x, imm) : a_.sub(d, x, imm);
    } else {
      ov ? a_.adds(d, x, imm) : a_.add(d, x, imm);
    }
  } else {
    Gp y = gp_in(b, kTmp2);
    if (sub) {
      ov ? a_.subs(d, x, y) : a_.sub(d, x, y);
    } else {
      ov ? a_.adds(d, x, y) : a_.add(d, x, y);
    }
  }
  if (ov) exit_if(CondCode::kVS, ins.snap);
  def_gp(i, d);
}

void CodeGen::logic(Ref i) {
  const Ins& ins = t_[i];
  Gp x = gp_in(ins.a, kTmp), y = gp_in(ins.b, kTmp2);
  Gp d = gp_out(i, kTmp);
  switch (ins.op) {
    case IrOp::BAND: a_.and_(d, x, y); break;
    case IrOp::BOR: a_.orr(d, x, y); break;
    default: a_.eor(d, x, y); break;
  }
  def_gp(i, d);
}

void CodeGen::shift(Ref i) {
  const Ins& ins = t_[i];
  const bool shl = ins.op == IrOp::SHLOV;
  Gp x = gp_in(ins.a, kTmp);
  if (konst(ins.b)) {
    int64_t n = t_[ins.b].k;
    if (!shl) {
      Gp d = gp_out(i, kTmp);
      a_.asr(d, x, uint32_t(n & 63));
      return def_gp(i, d);
    }
    if (n < 0 || n > 63) return exit_always(ins.snap);
    // No bits lost iff shifting back gives a again.
    a_.lsl(kTmp2, x, uint32_t(n));
    a_.asr(kTmp3, kTmp2, uint32_t(n));
    a_.cmp(kTmp3, x);
    exit_if(CondCode::kNE, ins.snap);
    return def_gp(i, kTmp2);
  }
  Gp c = gp_in(ins.b, kTmp2);
  if (!shl) {  // the recorder guarantees 0 <= b <= 63; asrv takes it mod 64 like sar
    Gp d = gp_out(i, kTmp);
    a_.asr(d, x, c);
    return def_gp(i, d);
  }
  a_.cmp(c, 63);
  exit_if(CondCode::kHI, ins.snap);  // unsigned: also catches negative counts
  a_.lsl(kTmp3, x, c);
  a_.asr(kTmp2, kTmp3, c);
  a_.cmp(kTmp2, x);
  exit_if(CondCode::kNE, ins.snap);
  def_gp(i, kTmp3);
}

// Python's floor division and modulo: sdiv truncates toward zero (and never traps: b == 0 and
// INT64_MIN / -1 are checked first), msub gives the remainder; when it is non-zero and its
// sign differs from the divisor's, the quotient is one less and the remainder moves into the
// divisor's sign.
void CodeGen::floor_divmod(Ref i) {
  const Ins& ins = t_[i];
  const bool div = ins.op == IrOp::FLOORDIV;
  const bool kb = konst(ins.b);
  const int64_t c = kb ? t_[ins.b].k : 0;
  if (kb && c == 0) return exit_always(ins.snap);
  if (kb && c > 0 && (c & (c - 1)) == 0) {  // 2^n: floor division is asr, modulo is a mask
    Gp x = gp_in(ins.a, kTmp);
    Gp d = gp_out(i, kTmp);
    if (div) {
      a_.asr(d, x, uint32_t(__builtin_ctzll(uint64_t(c))));
    } else if (c == 1) {
      a_.mov(d, aj::xzr);
    } else {
      a_.ubfx(d, x, 0, uint32_t(__builtin_ctzll(uint64_t(c))));
    }
    return def_gp(i, d);
  }
  load_gp(kTmp, ins.a);  // both operands are copied: kTmp becomes the remainder
  load_gp(kTmp2, ins.b);
  Label done = a_.newLabel();
  const Gp q = kTmp3, r = kTmp, y = kTmp2;
  if (!kb) {
    a_.cmp(y, 0);
    exit_if(CondCode::kEQ, ins.snap);
  }
  if (!kb || c == -1) {
    Label general = a_.newLabel();
    if (!kb) {
      a_.cmn(y, 1);
      a_.b_ne(general);
    }
    if (div) {
      a_.negs(q, r);
      exit_if(CondCode::kVS, ins.snap);
    } else {
      a_.mov(r, aj::xzr);
    }
    a_.b(done);
    a_.bind(general);
  }
  if (!kb || c != -1) {
    a_.sdiv(q, r, y);
    a_.msub(r, q, y, r);
    a_.cbz(r, done);
    if (div) {
      a_.eor(r, r, y);  // sign of remainder ^ divisor (the remainder is not needed any more)
      a_.tbz(r, 63, done);
      a_.sub(q, q, 1);
    } else {
      a_.eor(q, r, y);
      a_.tbz(q, 63, done);
      a_.add(r, r, y);
    }
  }
  a_.bind(done);
  def_gp(i, div ? q : r);
}

// -- Double arithmetic -------------------------------------------------------------------------

void CodeGen::fp_binop(Ref i) {
  const Ins& ins = t_[i];
  Vec x = fp_in(ins.a, kFtmp), y = fp_in(ins.b, kFtmp2);
  Vec d = fp_out(i, kFtmp);
  switch (ins.op) {
    case IrOp::FADD: a_.fadd(d, x, y); break;
    case IrOp::FSUB: a_.fsub(d, x, y); break;
    case IrOp::FMUL: a_.fmul(d, x, y); break;
    default: a_.fdiv(d, x, y); break;
  }
  def_fp(i, d);
}

// -- Comparisons and control guards ------------------------------------------------------------

void CodeGen::compare_ints(Ref a, Ref b) {
  Gp x = gp_in(a, kTmp);
  if (konst(b) && add_imm(t_[b].k)) {
    a_.cmp(x, t_[b].k);
  } else if (konst(b) && t_[b].k < 0 && t_[b].k > -4096) {
    a_.cmn(x, -t_[b].k);
  } else {
    a_.cmp(x, gp_in(b, kTmp2));
  }
}

CondCode CodeGen::int_cond(IrOp op) const {
  switch (op) {
    case IrOp::LT: return CondCode::kLT;
    case IrOp::LE: return CondCode::kLE;
    case IrOp::GT: return CondCode::kGT;
    case IrOp::GE: return CondCode::kGE;
    case IrOp::ULT: return CondCode::kLO;
    case IrOp::EQ: return CondCode::kEQ;
    default: return CondCode::kNE;
  }
}

// fcmp sets N for "less", Z for "equal", C and V for "unordered". Each IR comparison is one
// condition: mi (<), ls (<=), gt, ge and eq are false when unordered, ne is true.
CodeGen::CondCode CodeGen::compare_fp(IrOp op, Ref a, Ref b) {
  a_.fcmp(fp_in(a, kFtmp), fp_in(b, kFtmp2));
  switch (op) {
    case IrOp::FLT: return CondCode::kMI;
    case IrOp::FLE: return CondCode::kLS;
    case IrOp::FGT: return CondCode::kGT;
    case IrOp::FGE: return CondCode::kGE;
    case IrOp::FEQ: return CondCode::kEQ;
    default: return CondCode::kNE;
  }
}

void CodeGen::compare(Ref i) {
  const Ins& ins = t_[i];
  CondCode cc = is_int_compare(ins.op) ? (compare_ints(ins.a, ins.b), int_cond(ins.op)) : compare_fp(ins.op, ins.a, ins.b);
  Gp d = gp_out(i, kTmp);
  a_.cset(d, cc);
  def_gp(i, d);
}

void CodeGen::guard_bool(Ref i) {
  const Ins& ins = t_[i];
  const bool want = ins.op == IrOp::GUARD_TRUE;
  if (Ref c = fused_compare(t_, ins); c != kNoRef) {
    const Ins& cmp = t_[c];
    CondCode cc = is_int_compare(cmp.op) ? (compare_ints(cmp.a, cmp.b), int_cond(cmp.op)) : compare_fp(cmp.op, cmp.a, cmp.b);
    return exit_if(want ? negate(cc) : cc, ins.snap);
  }
  if (konst(ins.a)) {
    if ((t_[ins.a].k != 0) != want) exit_always(ins.snap);
    return;
  }
  a_.cmp(gp_in(ins.a, kTmp), 0);
  exit_if(want ? CondCode::kEQ : CondCode::kNE, ins.snap);
}

void CodeGen::guard_gc(Ref i) {
  mov_addr(kTmp, &gc::g_debt);
  a_.ldr(kTmp, aj::ptr(kTmp));
  mov_addr(kTmp2, &gc::g_threshold);
  a_.ldr(kTmp2, aj::ptr(kTmp2));
  a_.cmp(kTmp, kTmp2);
  exit_if(CondCode::kGT, t_[i].snap);
}

// -- Memory ------------------------------------------------------------------------------------

// The operand for address p + k; an AREF p becomes base + index*8 + k. Uses kTmp (and kTmp2
// only while computing it): kTmp2 and kTmp3 are free once it returns, for the stored value.
aj::Mem CodeGen::address(Ref p, int64_t k) {
  int64_t disp = k;
  Gp base;
  if (t_[p].op == IrOp::AREF) {
    const Ins& ar = t_[p];
    base = gp_in(ar.a, kTmp);
    if (!konst(ar.b)) {
      Gp index = gp_in(ar.b, kTmp2);
      if (disp == 0) return aj::ptr(base, index, arm::lsl(3));
      a_.add(kTmp, base, index, arm::lsl(3));
      base = kTmp;
    } else {
      disp += 8 * t_[ar.b].k;
    }
  } else {
    base = gp_in(p, kTmp);
  }
  if ((disp >= 0 && disp <= 32760 && disp % 8 == 0) || (disp >= -256 && disp < 256)) return aj::ptr(base, int32_t(disp));
  mov_imm(kTmp2, uint64_t(disp));
  a_.add(kTmp, base, kTmp2);
  return aj::ptr(kTmp);
}

void CodeGen::load(Ref i) {
  const Ins& ins = t_[i];
  Mem m = address(ins.a, ins.k);
  if (ins.type == Ty::Dbl) {
    Vec d = fp_out(i, kFtmp);
    a_.ldr(d, m);
    return def_fp(i, d);
  }
  Gp d = gp_out(i, kTmp);
  a_.ldr(d, m);
  def_gp(i, d);
}

void CodeGen::store(Ref i) {
  const Ins& ins = t_[i];
  Mem m = address(ins.a, ins.k);
  Ref v = ins.b;
  if (in_fp(v)) {
    a_.str(fp_reg(loc(v).reg), m);
  } else if (konst(v) && t_[v].k == 0) {
    a_.str(aj::xzr, m);
  } else {
    a_.str(gp_in(v, kTmp3), m);  // address() left kTmp3 free
  }
}

void CodeGen::aref(Ref i) {
  const Ins& ins = t_[i];
  Gp base = gp_in(ins.a, kTmp);
  Gp d = gp_out(i, kTmp);
  if (konst(ins.b)) {
    mov_imm(kTmp2, uint64_t(8 * t_[ins.b].k));
    a_.add(d, base, kTmp2);
  } else {
    a_.add(d, base, gp_in(ins.b, kTmp2), arm::lsl(3));
  }
  def_gp(i, d);
}

// -- Calls -------------------------------------------------------------------------------------

namespace {
constexpr int kArgGp = 8;  // x0..x7
constexpr int kArgFp = 8;  // d0..d7

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

// blr through x16 (an absolute helper address does not fit a branch). Debug builds check that
// sp is 16-byte aligned at every call: qemu-user does not fault on a misaligned sp, hardware does.
void CodeGen::call_abs(uint64_t fn) {
#ifndef NDEBUG
  Label aligned = a_.newLabel();
  a_.mov(kTmp, aj::sp);
  a_.tst(kTmp, 15);
  a_.b_eq(aligned);
  a_.brk(0xA1);
  a_.bind(aligned);
#endif
  mov_addr(kTmp, reinterpret_cast<const void*>(fn));
  a_.blr(kTmp);
}

// AAPCS64 call: arguments into their registers (one parallel move). Everything live across the
// call is in a callee-saved register or a slot (the allocator saw to it).
void CodeGen::call(Ref i) {
  const Ins& ins = t_[i];
  if (ins.k < 0 || ins.k >= int64_t(Helper::kCount)) return fail("call to an unknown helper");
  const HelperInfo& h = kHelpers[ins.k];
  if (helper_letter(ins.type) != h.result) return fail(std::string("result type does not match helper ") + h.name);
  const size_t nargs = std::strlen(h.args);
  std::vector<Move> moves;
  int ngp = 0, nfp = 0;
  for (Ref c = ins.a; c != kNoRef; c = t_[c].b) {
    Ref v = t_[c].a;
    if (moves.size() == nargs || (h.args[moves.size()] == 'D') != (t_[v].type == Ty::Dbl))
      return fail(std::string("arguments do not match helper ") + h.name);
    if (t_[v].type == Ty::Dbl) {
      if (nfp == kArgFp) return fail("too many double arguments");
      moves.push_back(Move{Place::in_reg(uint8_t(kFp + nfp++)), place(v)});
    } else {
      if (ngp == kArgGp) return fail("too many integer arguments");
      moves.push_back(Move{Place::in_reg(uint8_t(ngp++)), place(v)});
    }
  }
  if (moves.size() != nargs) return fail(std::string("arguments do not match helper ") + h.name);
  parallel_move(std::move(moves));
  call_abs(uint64_t(h.fn));
  if (ins.op == IrOp::CALLG) {
    if (h.result == 'V') {
      mov_imm(kTmp, Value::exc().bits());
      a_.cmp(aj::x0, kTmp);
    } else if (h.result == 'I') {
      a_.cmn(aj::x0, 1);
    } else if (h.result == 'P') {
      a_.cmp(aj::x0, 0);
    } else {
      return fail(std::string("CALLG of helper without a failure value: ") + h.name);
    }
    exit_if(CondCode::kEQ, ins.snap);
  }
  if (ins.type == Ty::Dbl) {
    def_fp(i, aj::d0);
  } else if (ins.type != Ty::Void) {
    def_gp(i, aj::x0);
  }
}

// -- Loop and trace ends -----------------------------------------------------------------------

// A function trace returns: the value goes to g_jit.ret, and the trace code returns nullptr to
// whoever entered it (the interpreter's CALL or call_trace), unwinding its native frame.
void CodeGen::ret(Ref i) {
  load_gp(kTmp3, t_[i].a);
  mov_addr(kTmp, &g_jit.ret);
  a_.str(kTmp3, aj::ptr(kTmp));
  a_.mov(aj::x0, aj::xzr);
  epilogue_ret();
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
  a_.b(loop_);
}

// -- Operand access ----------------------------------------------------------------------------

Place CodeGen::place(Ref r) const { return place_of(t_, alloc_.locs, r); }

void CodeGen::load_gp(Gp dst, Ref r) {
  if (!konst(r) && loc(r).reg == Loc::kNoReg && loc(r).spill < 0) return fail("value read without a location");
  copy(Place::in_reg(uint8_t(dst.id())), place(r));
}

aj::Gp CodeGen::gp_in(Ref r, Gp tmp) {
  if (in_gp(r)) return gp_reg(loc(r).reg);
  load_gp(tmp, r);
  return tmp;
}

aj::Vec CodeGen::fp_in(Ref r, Vec tmp) {
  if (in_fp(r)) return fp_reg(loc(r).reg);
  if (!konst(r) && loc(r).reg == Loc::kNoReg && loc(r).spill < 0) {
    fail("value read without a location");
    return tmp;
  }
  copy(Place::in_reg(uint8_t(kFp + tmp.id())), place(r));
  return tmp;
}

aj::Gp CodeGen::gp_out(Ref r, Gp scratch) const { return in_gp(r) ? gp_reg(loc(r).reg) : scratch; }

aj::Vec CodeGen::fp_out(Ref r, Vec scratch) const { return in_fp(r) ? fp_reg(loc(r).reg) : scratch; }

void CodeGen::def_gp(Ref r, Gp src) {
  if (loc(r).reg != Loc::kNoReg || loc(r).spill >= 0) copy(place(r), Place::in_reg(uint8_t(src.id())));
}

void CodeGen::def_fp(Ref r, Vec src) {
  if (loc(r).reg != Loc::kNoReg || loc(r).spill >= 0) copy(place(r), Place::in_reg(uint8_t(kFp + src.id())));
}

}  // namespace chaipy::jit::a64
