// jit/backend/a64/exits.cpp — how control leaves an AArch64 trace: guard branches and exit stubs,
// writing a snapshot into the frame (LINK, side-trace entry), the common exit shared by every
// trace, patch_exit, and the a64 Target table. Mirrors x64/exits.cpp.
//
// Every guard branches (b.cond, ±1 MB: within the trace) to a per-snapshot site in the cold code
// after the body. The site is one `b` (imm26, ±128 MB: anywhere in the arena), the instruction
// patch_exit rewrites; it first branches to the stub right after it:
//     site: b stub    stub: movz w16, #snap; b trace_exit    trace_exit: ldr x17, =Trace*; b common_exit
// The common exit (installed in the arena once) saves every register into an ExitState on the
// native stack, calls g_exit_handler, and returns its Frame* from the root trace's native frame.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/value.h"
#include "interp/vm.h"
#include "jit/backend/a64/codegen.h"
#include "jit/backend/arena.h"
#include "jit/backend/backend.h"

namespace chaipy::jit {
namespace a64 {

using namespace asmjit;
namespace aj = asmjit::a64;
using arm::CondCode;

namespace {

using ExitState = ExitStateA64;
constexpr int32_t kExitStateBytes = (sizeof(ExitState) + 15) & ~size_t(15);
constexpr int32_t kLocalsplus = int32_t(offsetof(Frame, localsplus));

class FirstError : public ErrorHandler {
 public:
  void handleError(Error, const char* message, BaseEmitter*) override {
    if (text.empty()) text = message;
  }
  std::string text;
};

// The shared exit sequence. On entry w16 = snapshot number, x17 = Trace*, sp = spill base.
uint8_t* build_common_exit() {
  CodeHolder code;
  code.init(Environment(Arch::kAArch64));
  aj::Assembler a(&code);
  a.sub(aj::sp, aj::sp, kExitStateBytes);
  for (uint32_t r = 0; r < 31; r++) a.str(aj::x(r), aj::ptr(aj::sp, int32_t(offsetof(ExitState, gpr) + 8 * r)));
  for (uint32_t v = 0; v < 32; v++) a.str(aj::d(v), aj::ptr(aj::sp, int32_t(offsetof(ExitState, fpr) + 8 * v)));
  a.add(aj::x0, aj::sp, kExitStateBytes);
  a.str(aj::x0, aj::ptr(aj::sp, int32_t(offsetof(ExitState, gpr) + 8 * kSp)));
  a.str(aj::x0, aj::ptr(aj::sp, int32_t(offsetof(ExitState, spill_base))));
  a.str(aj::x17, aj::ptr(aj::sp, int32_t(offsetof(ExitState, trace))));
  a.str(aj::w16, aj::ptr(aj::sp, int32_t(offsetof(ExitState, snap))));
  a.str(aj::xzr, aj::ptr(aj::sp, int32_t(offsetof(ExitState, resume))));
  a.mov(aj::x0, aj::sp);
  Label handler = a.newLabel();
  a.ldr(aj::x16, aj::ptr(handler));
  a.ldr(aj::x16, aj::ptr(aj::x16));
  a.blr(aj::x16);
  // The handler may resume compiled code (a side trace of an exit inside inlined calls, after
  // it rebuilt their frames): back in the trace's native frame, x19 = the returned frame.
  Label unwind = a.newLabel();
  a.ldr(aj::x17, aj::ptr(aj::sp, int32_t(offsetof(ExitState, resume))));
  a.cbz(aj::x17, unwind);
  a.add(aj::sp, aj::sp, kExitStateBytes);
  a.mov(aj::x(kFrameReg), aj::x0);
  a.br(aj::x17);
  a.bind(unwind);
  // Unwind the root trace's native frame (prologue in emit.cpp) with x0 = the Frame*.
  a.add(aj::sp, aj::sp, kExitStateBytes);
  a.add(aj::sp, aj::sp, kFrameBytes);
  for (size_t n = std::size(kSavedFpPairs); n-- > 0;)
    a.ldp(aj::d(kSavedFpPairs[n][0]), aj::d(kSavedFpPairs[n][1]), aj::ptr_post(aj::sp, 16));
  for (size_t n = std::size(kSavedGpPairs); n-- > 0;)
    a.ldp(aj::x(kSavedGpPairs[n][0]), aj::x(kSavedGpPairs[n][1]), aj::ptr_post(aj::sp, 16));
  a.ldp(aj::x29, aj::x30, aj::ptr_post(aj::sp, 16));
  a.ret(aj::x30);
  a.align(AlignMode::kData, 8);
  a.bind(handler);
  a.embedUInt64(uint64_t(&g_exit_handler));
  const CodeBuffer& buf = code.textSection()->buffer();
  return CodeArena::get().install(buf.data(), buf.size());  // nullptr: no arena (nothing compiles)
}

}  // namespace

uint8_t* common_exit_code() {
  static uint8_t* code = build_common_exit();
  return code;
}

void CodeGen::exit_if(CondCode cc, uint32_t snap) {
  if (snap >= t_.snaps.size()) return fail("guard without a snapshot");
  if (!site_label_[snap].isValid()) site_label_[snap] = a_.newLabel();
  a_.b(cc, site_label_[snap]);
}

void CodeGen::exit_always(uint32_t snap) {
  if (snap >= t_.snaps.size()) return fail("guard without a snapshot");
  if (!site_label_[snap].isValid()) site_label_[snap] = a_.newLabel();
  a_.b(site_label_[snap]);
}

// Cold code: trace_exit, then per snapshot the patchable site and the stub; then the pool.
void CodeGen::emit_exits() {
  a_.bind(trace_exit_);
  a_.ldr(aj::x17, pool(uint64_t(&t_)));
  b_abs(common_exit_);
  const size_t n = t_.snaps.size();
  exit_stub_.assign(n, 0);
  guard_jump_.assign(n, 0);
  for (uint32_t s = 0; s < n; s++) {
    if (!site_label_[s].isValid()) site_label_[s] = a_.newLabel();
    a_.bind(site_label_[s]);
    guard_jump_[s] = uint32_t(a_.offset());
    Label stub = a_.newLabel();
    a_.b(stub);
    a_.bind(stub);
    exit_stub_[s] = uint32_t(a_.offset());
    a_.movz(aj::w16, s & 0xFFFF);
    if (s > 0xFFFF) a_.movk(aj::w16, s >> 16, arm::lsl(16));
    a_.b(trace_exit_);
  }
  code_size_ = uint32_t(a_.offset());
  a_.align(AlignMode::kData, 8);
  for (auto& [bits, label] : pool_) {
    a_.bind(label);
    a_.embedUInt64(bits);
  }
}

namespace {
// B / B.cond to an absolute address from `from` (both in the arena); false when out of range.
bool b_word(uint64_t from, uint64_t to, uint32_t* word) {
  const int64_t rel = int64_t(to) - int64_t(from);
  if ((rel & 3) || rel < -(int64_t(1) << 27) || rel >= (int64_t(1) << 27)) return false;
  *word = 0x14000000u | (uint32_t(rel >> 2) & 0x03FFFFFFu);
  return true;
}
}  // namespace

void CodeGen::b_abs(uint64_t target) {
  uint32_t word;
  if (!b_word(base_ + a_.offset(), target, &word)) return fail("branch target out of B range");
  a_.embedUInt32(word);
}

// B.cond reaches only ±1 MB: branch over an unconditional B when cc does not hold.
void CodeGen::bcc_abs(CondCode cc, uint64_t target) {
  Label skip = a_.newLabel();
  a_.b(CondCode(uint8_t(cc) ^ 1), skip);
  b_abs(target);
  a_.bind(skip);
}

// Boxes each root-frame entry by its IR type and stores it to its frame slot (moves.h
// plan_flush). Uses only the scratch registers: the source trace's registers stay intact for
// its exit stub.
template <class Fail>
void CodeGen::flush(const Trace& src, const std::vector<Loc>& locs, uint32_t snap, Fail&& fail_if) {
  FlushPlan plan;
  std::string why;
  if (!plan_flush(src, locs, snap, &plan, &why)) return fail(why);
  const aj::Gp v = aj::x17, tmp = aj::x16;
  for (const Place& p : plan.int_checks) {
    copy(Place::in_reg(uint8_t(v.id())), p);
    a_.sbfx(tmp, v, 0, 48);
    a_.cmp(tmp, v);
    fail_if(CondCode::kNE);
  }
  for (const FlushStore& st : plan.stores) {
    const Ty ty = st.ty;
    const Place& p = st.src;
    aj::Mem slot = aj::ptr(aj::x(kFrameReg), kLocalsplus + 8 * int32_t(st.slot));
    if (ty == Ty::Val && p.kind == Place::kReg) {
      a_.str(aj::x(p.reg), slot);
      continue;
    }
    if (ty == Ty::Dbl) {
      aj::Vec x = aj::d31;
      if (p.kind == Place::kReg) {
        x = aj::d(p.reg - kFp);
      } else {
        copy(Place::in_reg(kFp + 31), p);
      }
      a_.fmov(v, x);
      mov_imm(tmp, Value::kCanonNaN);
      a_.fcmp(x, x);
      a_.csel(v, tmp, v, CondCode::kVS);
    } else {
      copy(Place::in_reg(uint8_t(v.id())), p);
      if (ty != Ty::Val) {
        uint64_t tag = ty == Ty::Int ? Value::kTagInt : ty == Ty::Bool ? Value::kTagBool : Value::kTagObj;
        a_.movk(v, tag, arm::lsl(48));
      }
    }
    a_.str(v, slot);
  }
}

// A side trace is entered by its parent's patched site branch, with the parent's registers and
// spill slots intact: write the parent's snapshot into the frame, then run from the SLOADs. An
// Int that does not fit leaves through the parent's own exit stub for that snapshot.
void CodeGen::side_trace_entry() {
  const Trace& p = *t_.parent;
  if (!p.mcode || t_.parent_snap >= p.snaps.size() || t_.parent_snap >= p.exit_stub.size())
    return fail("side trace of an uncompiled parent or snapshot");
  // An exit inside inlined calls goes through the exit handler, which rebuilds their frames
  // and resumes here (ExitState::resume) with x19 = the innermost one: nothing to write.
  if (p.snaps[t_.parent_snap].nframes > 1) return;
  const uint64_t stub = uint64_t(p.mcode) + p.exit_stub[t_.parent_snap];
  flush(p, p.locs, t_.parent_snap, [&](CondCode cc) { bcc_abs(cc, stub); });
}

// LINK (and a JLOOP without LOOP, which links to its own trace): write the snapshot into the
// frame, then enter the target past its prologue.
void CodeGen::link(Ref i) {
  const Ins& ins = t_[i];
  if (ins.snap >= t_.snaps.size()) return fail("trace end without a snapshot");
  flush(t_, alloc_.locs, ins.snap, [&](CondCode cc) { exit_if(cc, ins.snap); });
  const Trace* target = ins.op == IrOp::JLOOP ? &t_ : t_.link;
  if (target == &t_) {
    a_.b(entry_);
  } else if (target && target->mcode) {
    b_abs(uint64_t(target->mcode) + target->entry_offset);
  } else {
    fail("LINK target is not compiled");
  }
}

void patch_exit(Trace& t, uint32_t snap, void* target) {
  uint8_t* site = static_cast<uint8_t*>(t.mcode) + t.guard_jump[snap];
  uint32_t word;
  if (!b_word(uint64_t(site), uint64_t(target), &word)) {
    std::fprintf(stderr, "chaipy: jit exit patch target out of B range\n");
    std::abort();
  }
  CodeArena::get().patch(site, &word, sizeof word);  // flushes the instruction cache
}

namespace {

bool generate(Trace& t, const Allocation& alloc, uint64_t base, uint64_t common_exit, MachineCode* out,
              std::string* error) {
  CodeHolder code;
  code.init(Environment(Arch::kAArch64));
  FirstError asm_error;
  code.setErrorHandler(&asm_error);
  aj::Assembler a(&code);
  CodeGen gen(t, alloc, a, base, common_exit);
  if (!gen.run(error)) return false;
  if (!asm_error.text.empty()) {
    *error = "asmjit: " + asm_error.text;
    return false;
  }
  // asmjit reports a forward branch out of range only when it resolves the link.
  if (code.hasUnresolvedLinks() && code.resolveUnresolvedLinks() != kErrorOk) {
    *error = "branch out of range";
    return false;
  }
  if (code.hasUnresolvedLinks() || !code.relocEntries().empty()) {
    *error = "internal: unresolved code references";
    return false;
  }
  const CodeBuffer& bytes = code.textSection()->buffer();
  out->bytes.assign(bytes.data(), bytes.data() + bytes.size());
  out->code_size = gen.code_size();
  out->entry_offset = gen.entry_offset();
  out->exit_stub = gen.exit_stubs();
  out->guard_jump = gen.guard_jumps();
  out->ins_offset = gen.ins_offsets();
  return true;
}

// Caller-saved first (x9-x15 are free temporaries, then the argument registers, x0 last as the
// call result); x20-x28 are what values live across calls can use. d8-d15 likewise for doubles.
constexpr uint8_t kGpOrder[] = {9, 10, 11, 12, 13, 14, 1, 2, 3, 4, 5, 6, 7, 8, 0, 20, 21, 22, 23, 24, 25, 26, 27, 28};
constexpr uint8_t kFpOrder[] = {kFp + 0,  kFp + 1,  kFp + 2,  kFp + 3,  kFp + 4,  kFp + 5,  kFp + 6,  kFp + 7,
                                kFp + 16, kFp + 17, kFp + 18, kFp + 19, kFp + 20, kFp + 21, kFp + 22, kFp + 23,
                                kFp + 24, kFp + 25, kFp + 26, kFp + 27, kFp + 28, kFp + 29, kFp + 8,  kFp + 9,
                                kFp + 10, kFp + 11, kFp + 12, kFp + 13, kFp + 14, kFp + 15};
}  // namespace

}  // namespace a64

const Target kTargetA64 = {"a64",          a64::kFp,          a64::kFrameReg,        a64::kGpOrder,
                           a64::kFpOrder, a64::clobbers,     a64::common_exit_code, a64::generate,
                           a64::patch_exit, a64::disassemble};

}  // namespace chaipy::jit
