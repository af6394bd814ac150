// jit/backend/x64/exits.cpp — how control leaves a trace: guard jumps and exit stubs, writing a
// snapshot into the frame (LINK, side-trace entry), the common exit shared by every trace, and
// patch_exit, and the x64 Target table.
//
// Every guard jumps with a jcc/jmp rel32 to a per-snapshot target in the cold code after the
// body. A snapshot whose exit is reached from exactly one jump is entered there directly, and
// that jump is the one patch_exit rewrites. A snapshot shared by several guards (the recorder
// gives all guards of one bytecode the same snapshot) or left from several places (a LINK's
// overflow checks) gets one more `jmp rel32` in the cold code that all of them reach, and that
// is what gets patched. Then the stub:
//     mov eax, <snap>;  jmp trace_exit          trace_exit: mov r11, <Trace*>; jmp common_exit
// The common exit (installed in the arena once) saves every register into an ExitState on the
// native stack, calls g_exit_handler, and returns its Frame* from the root trace's native frame.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/value.h"
#include "interp/vm.h"
#include "jit/backend/arena.h"
#include "jit/backend/backend.h"
#include "jit/backend/x64/codegen.h"

namespace chaipy::jit {

namespace x64 {

using namespace asmjit;
using x86::CondCode;

namespace {

using ExitState = ExitStateX64;
constexpr int32_t kExitStateBytes = (sizeof(ExitState) + 15) & ~size_t(15);
constexpr int32_t kLocalsplus = int32_t(offsetof(Frame, localsplus));

// The shared exit sequence. On entry eax = snapshot number, r11 = Trace*, rsp = spill base.
uint8_t* build_common_exit() {
  CodeHolder code;
  code.init(Environment::host());
  x86::Assembler a(&code);
  a.sub(x86::rsp, kExitStateBytes);
  for (uint32_t r = 0; r < 16; r++)
    if (r != RSP) a.mov(x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, gpr) + 8 * r)), x86::gpq(r));
  for (uint32_t x = 0; x < 16; x++) a.movsd(x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, fpr) + 8 * x)), x86::xmm(x));
  a.lea(x86::rcx, x86::ptr(x86::rsp, kExitStateBytes));
  a.mov(x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, gpr) + 8 * RSP)), x86::rcx);
  a.mov(x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, spill_base))), x86::rcx);
  a.mov(x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, trace))), x86::r11);
  a.mov(x86::dword_ptr(x86::rsp, int32_t(offsetof(ExitState, snap))), x86::eax);
  a.mov(x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, resume))), 0);
  a.mov(x86::rdi, x86::rsp);
  a.mov(x86::rax, uint64_t(&g_exit_handler));
  a.call(x86::qword_ptr(x86::rax));
  // The handler may resume compiled code (a side trace of an exit inside inlined calls, after
  // it rebuilt their frames): back in the trace's native frame, rbx = the returned frame.
  Label unwind = a.newLabel();
  a.mov(x86::r11, x86::qword_ptr(x86::rsp, int32_t(offsetof(ExitState, resume))));
  a.test(x86::r11, x86::r11);
  a.jz(unwind);
  a.add(x86::rsp, kExitStateBytes);
  a.mov(x86::rbx, x86::rax);
  a.jmp(x86::r11);
  a.bind(unwind);
  // Unwind the root trace's native frame (prologue in emit.cpp) with rax = the Frame*.
  a.add(x86::rsp, kExitStateBytes + kFrameBytes);
  for (size_t n = std::size(kSavedGp); n-- > 0;) a.pop(x86::gpq(kSavedGp[n]));
  a.ret();
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
  a_.long_().j(cc, site_label_[snap]);
  sites_[snap].push_back(uint32_t(a_.offset() - 4));
}

void CodeGen::exit_always(uint32_t snap) {
  if (snap >= t_.snaps.size()) return fail("guard without a snapshot");
  if (!site_label_[snap].isValid()) site_label_[snap] = a_.newLabel();
  a_.long_().jmp(site_label_[snap]);
  sites_[snap].push_back(uint32_t(a_.offset() - 4));
}

// Cold code: trace_exit, then per snapshot [shared patchable jmp] + stub; then the constants.
void CodeGen::emit_exits() {
  a_.bind(trace_exit_);
  a_.mov(x86::r11, uint64_t(&t_));
  jmp_abs(common_exit_);
  const size_t n = t_.snaps.size();
  exit_stub_.assign(n, 0);
  guard_jump_.assign(n, 0);
  for (uint32_t s = 0; s < n; s++) {
    if (!site_label_[s].isValid()) site_label_[s] = a_.newLabel();
    a_.bind(site_label_[s]);
    if (sites_[s].size() == 1) {
      guard_jump_[s] = sites_[s][0];
    } else {
      Label stub = a_.newLabel();
      a_.long_().jmp(stub);
      guard_jump_[s] = uint32_t(a_.offset() - 4);
      a_.bind(stub);
    }
    exit_stub_[s] = uint32_t(a_.offset());
    a_.mov(x86::eax, s);
    a_.jmp(trace_exit_);
  }
  code_size_ = uint32_t(a_.offset());
  a_.align(AlignMode::kData, 8);
  for (auto& [bits, label] : pool_) {
    a_.bind(label);
    a_.embedUInt64(bits);
  }
}

void CodeGen::jmp_abs(uint64_t target) {
  int64_t rel = int64_t(target) - int64_t(base_ + a_.offset() + 5);
  if (rel != int64_t(int32_t(rel))) return fail("jump target out of rel32 range");
  a_.embedUInt8(0xE9);
  a_.embedInt32(int32_t(rel));
}

void CodeGen::jcc_abs(CondCode cc, uint64_t target) {
  int64_t rel = int64_t(target) - int64_t(base_ + a_.offset() + 6);
  if (rel != int64_t(int32_t(rel))) return fail("jump target out of rel32 range");
  a_.embedUInt8(0x0F);
  a_.embedUInt8(uint8_t(0x80 | uint8_t(cc)));
  a_.embedInt32(int32_t(rel));
}

// Boxes each root-frame entry by its IR type and stores it to its frame slot. All Int checks
// come first so that leaving (fail) never happens with the frame half written. Uses only the
// scratch registers: the source trace's registers stay intact for its exit stub.
template <class Fail>
void CodeGen::flush(const Trace& src, const std::vector<Loc>& locs, uint32_t snap, Fail&& fail_if) {
  FlushPlan plan;
  std::string why;
  if (!plan_flush(src, locs, snap, &plan, &why)) return fail(why);
  const x86::Gp v = x86::rax, tmp = x86::r11;
  for (const Place& p : plan.int_checks) {
    copy(Place::in_reg(RAX), p);
    a_.mov(tmp, v);
    a_.shl(tmp, 16);
    a_.sar(tmp, 16);
    a_.cmp(tmp, v);
    fail_if(CondCode::kNE);
  }
  for (const FlushStore& st : plan.stores) {
    const Ty ty = st.ty;
    const Place& p = st.src;
    x86::Mem slot = x86::qword_ptr(x86::rbx, kLocalsplus + 8 * int32_t(st.slot));
    if (ty == Ty::Val && p.kind == Place::kReg) {
      a_.mov(slot, x86::gpq(p.reg));
      continue;
    }
    if (ty == Ty::Dbl) {
      x86::Xmm x = x86::xmm15;
      if (p.kind == Place::kReg) {
        x = x86::xmm(p.reg - kXmm);
      } else {
        copy(Place::in_reg(kXmm + 15), p);
      }
      a_.movq(v, x);
      a_.ucomisd(x, x);
      a_.mov(tmp, Value::kCanonNaN);
      a_.cmovp(v, tmp);
    } else {
      copy(Place::in_reg(RAX), p);
      if (ty == Ty::Int) {
        a_.shl(v, 16);
        a_.shr(v, 16);
      }
      if (ty != Ty::Val) {
        uint64_t tag = ty == Ty::Int ? Value::kTagInt : ty == Ty::Bool ? Value::kTagBool : Value::kTagObj;
        a_.mov(tmp, tag << Value::kTagShift);
        a_.or_(v, tmp);
      }
    }
    a_.mov(slot, v);
  }
}

// A side trace is entered by its parent's patched guard jump, with the parent's registers and
// spill slots intact: write the parent's snapshot into the frame, then run from the SLOADs. An
// Int that does not fit leaves through the parent's own exit stub for that snapshot.
void CodeGen::side_trace_entry() {
  const Trace& p = *t_.parent;
  if (!p.mcode || t_.parent_snap >= p.snaps.size() || t_.parent_snap >= p.exit_stub.size())
    return fail("side trace of an uncompiled parent or snapshot");
  // An exit inside inlined calls goes through the exit handler, which rebuilds their frames
  // and resumes here (ExitState::resume) with rbx = the innermost one: nothing to write.
  if (p.snaps[t_.parent_snap].nframes > 1) return;
  const uint64_t stub = uint64_t(p.mcode) + p.exit_stub[t_.parent_snap];
  flush(p, p.locs, t_.parent_snap, [&](CondCode cc) { jcc_abs(cc, stub); });
}

// LINK (and a JLOOP without LOOP, which links to its own trace): write the snapshot into the
// frame, then enter the target past its prologue.
void CodeGen::link(Ref i) {
  const Ins& ins = t_[i];
  if (ins.snap >= t_.snaps.size()) return fail("trace end without a snapshot");
  flush(t_, alloc_.locs, ins.snap, [&](CondCode cc) { exit_if(cc, ins.snap); });
  const Trace* target = ins.op == IrOp::JLOOP ? &t_ : t_.link;
  if (target == &t_) {
    a_.jmp(entry_);
  } else if (target && target->mcode) {
    jmp_abs(uint64_t(target->mcode) + target->entry_offset);
  } else {
    fail("LINK target is not compiled");
  }
}

void patch_exit(Trace& t, uint32_t snap, void* target) {
  uint8_t* field = static_cast<uint8_t*>(t.mcode) + t.guard_jump[snap];
  int64_t rel = static_cast<uint8_t*>(target) - (field + 4);
  if (rel != int64_t(int32_t(rel))) {
    std::fprintf(stderr, "chaipy: jit exit patch target out of rel32 range\n");
    std::abort();
  }
  int32_t rel32 = int32_t(rel);
  CodeArena::get().patch(field, &rel32, sizeof rel32);
}

namespace {
class FirstError : public ErrorHandler {
 public:
  void handleError(Error, const char* message, BaseEmitter*) override {
    if (text.empty()) text = message;
  }
  std::string text;
};

bool generate(Trace& t, const Allocation& alloc, uint64_t base, uint64_t common_exit, MachineCode* out,
              std::string* error) {
  CodeHolder code;
  code.init(Environment(Arch::kX64));
  FirstError asm_error;
  code.setErrorHandler(&asm_error);
  x86::Assembler a(&code);
  CodeGen gen(t, alloc, a, base, common_exit);
  if (!gen.run(error)) return false;
  if (!asm_error.text.empty()) {
    *error = "asmjit: " + asm_error.text;
    return false;
  }
  // Everything is in one section with every label bound; jumps out of the trace were emitted
  // as rel32 for `base`, so the bytes are final as they are.
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

// rcx and rdx come last among the caller-saved ones because shifts and idiv claim them;
// rbp and r12-r15 are what values live across calls can use.
constexpr uint8_t kGpOrder[] = {RSI, RDI, R8, R9, R10, RDX, RCX, RBP, R12, R13, R14, R15};
constexpr uint8_t kFpOrder[] = {kXmm + 0, kXmm + 1, kXmm + 2,  kXmm + 3,  kXmm + 4,  kXmm + 5,  kXmm + 6, kXmm + 7,
                                kXmm + 8, kXmm + 9, kXmm + 10, kXmm + 11, kXmm + 12, kXmm + 13, kXmm + 14};
}  // namespace

}  // namespace x64

const Target kTargetX64 = {"x64",          x64::kXmm,          x64::RBX,         x64::kGpOrder,
                           x64::kFpOrder, x64::clobbers,      x64::common_exit_code, x64::generate,
                           x64::patch_exit, x64::disassemble};

}  // namespace chaipy::jit
