// jit/backend/x64/codegen.h — the code generator for one trace, shared by emit.cpp (the trace
// body, instruction by instruction), copy.cpp (moves between places) and exits.cpp (exit stubs,
// snapshot flushes, the common exit, the Target table).
//
// Code is assembled for the arena address it will be installed at (`base`), so jumps to other
// traces and to the shared exit code are emitted directly as rel32 displacements.
//
// Layout:  [prologue (root traces) | parent snapshot flush (side traces)]  entry:  body
//          trace_exit: stubs  (cold; msize ends here)  double constants
#pragma once
#include <asmjit/x86.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "jit/backend/moves.h"
#include "jit/backend/regalloc.h"
#include "jit/backend/x64/x64.h"

namespace chaipy::jit::x64 {

// The Target hooks (target.h): the common exit every stub ends in, installed in the arena on
// first use, and patching a guard (exits.cpp); the Zydis listing (disasm.cpp).
uint8_t* common_exit_code();
void patch_exit(Trace& t, uint32_t snap, void* target);
std::string disassemble(const Trace& t, const uint8_t* code);

class CodeGen {
 public:
  CodeGen(Trace& t, const Allocation& alloc, asmjit::x86::Assembler& a, uint64_t base, uint64_t common_exit);

  // Emits the whole trace. Returns false with *error for traces this backend cannot compile.
  bool run(std::string* error);

  uint32_t entry_offset() const { return entry_offset_; }
  const std::vector<uint32_t>& ins_offsets() const { return ins_offset_; }  // by ref (listings)
  uint32_t code_size() const { return code_size_; }
  const std::vector<uint32_t>& exit_stubs() const { return exit_stub_; }
  const std::vector<uint32_t>& guard_jumps() const { return guard_jump_; }

 private:
  using Gp = asmjit::x86::Gp;
  using Xmm = asmjit::x86::Xmm;
  using Mem = asmjit::x86::Mem;
  using Operand = asmjit::Operand;
  using CondCode = asmjit::x86::CondCode;

  // -- Instructions (emit.cpp) ----------------------------------------------------------------
  void prologue();
  void emit_ins(Ref i);
  void check_tag(Gp v, uint64_t tag, uint32_t snap);
  void unbox(Ref i);
  void box(Ref i);
  void int_binop(Ref i, asmjit::InstId id, bool commutative, bool overflow_guard);
  void shift(Ref i);
  void floor_divmod(Ref i);
  void fp_binop(Ref i, asmjit::InstId id, bool commutative);
  void fp_sign(Ref i, asmjit::InstId bit_op);
  void compare_ints(Ref a, Ref b);
  CondCode int_cond(IrOp op) const;
  CondCode compare_fp(IrOp op, Ref a, Ref b);
  void compare(Ref i);
  void guard_bool(Ref i);
  void guard_gc(Ref i);
  Mem address(Ref p, int64_t k, bool* index_in_rax);
  void load(Ref i);
  void store(Ref i);
  void aref(Ref i);
  void call(Ref i);
  void loop_entry();
  void loop_back(Ref i);
  void ret(Ref i);
  void link(Ref i);

  // -- Operands ---------------------------------------------------------------------------------
  const Loc& loc(Ref r) const { return alloc_.locs[size_t(r)]; }
  bool konst(Ref r) const { return is_constant(t_[r].op); }
  bool in_gp(Ref r) const { return loc(r).reg != Loc::kNoReg && !is_xmm(loc(r).reg); }
  bool in_xmm(Ref r) const { return is_xmm(loc(r).reg); }
  bool aliases(Gp g, Ref r) const { return in_gp(r) && loc(r).reg == g.id(); }
  bool aliases(Xmm x, Ref r) const { return in_xmm(r) && loc(r).reg == kXmm + x.id(); }
  Place place(Ref r) const;
  // r's bits in a GPR: its own register, or `tmp` loaded with them.
  Gp gp_in(Ref r, Gp tmp);
  // r as the source of a two-operand integer instruction: register, slot, int32 immediate, or
  // `tmp` loaded with it.
  Operand gp_src(Ref r, Gp tmp);
  // r as a register or memory operand (no immediate): constants are loaded into `tmp`.
  Operand gp_rm(Ref r, Gp tmp);
  void load_gp(Gp dst, Ref r);
  // r as a double in an XMM register (its own, or `tmp` loaded), or as a register/memory source.
  Xmm xmm_in(Ref r, Xmm tmp);
  Operand xmm_src(Ref r);
  void load_xmm(Xmm dst, Ref r);
  Mem pool(uint64_t bits);
  // The register to compute r's result in: its own, or a scratch when it is spilled or unused;
  // def_*() then stores it where r lives.
  Gp gp_out(Ref r, Gp scratch) const;
  Xmm xmm_out(Ref r) const;
  void def_gp(Ref r, Gp src);
  void def_xmm(Ref r, Xmm src);

  // -- Moves (copy.cpp) ---------------------------------------------------------------------------
  void parallel_move(std::vector<Move> moves);
  void copy(const Place& dst, const Place& src);

  // -- Exits (exits.cpp) ------------------------------------------------------------------------
  // Jumps (patchable jcc/jmp rel32) to the exit of snapshot `snap` when cc holds / always.
  void exit_if(CondCode cc, uint32_t snap);
  void exit_always(uint32_t snap);
  // Writes the root-frame entries of snapshot `snap` of trace `src` (values in `locs`) into the
  // frame, boxed by type (moves.h plan_flush). An Int that does not fit a small int calls
  // fail(cc) (with the condition under which to leave) before anything is stored.
  template <class Fail>
  void flush(const Trace& src, const std::vector<Loc>& locs, uint32_t snap, Fail&& fail);
  void side_trace_entry();
  void emit_exits();
  void jmp_abs(uint64_t target);
  void jcc_abs(CondCode cc, uint64_t target);
  void fail(const std::string& why);

  Trace& t_;
  const Allocation& alloc_;
  asmjit::x86::Assembler& a_;
  const uint64_t base_, common_exit_;
  std::string error_;
  asmjit::Label entry_, loop_, trace_exit_;
  std::vector<asmjit::Label> site_label_;             // by snapshot: where its guard jumps go
  std::vector<std::vector<uint32_t>> sites_;          // by snapshot: offsets of their rel32 fields
  std::unordered_map<uint64_t, asmjit::Label> pool_;  // double constants by bits
  std::vector<uint32_t> exit_stub_, guard_jump_;
  uint32_t entry_offset_ = 0, code_size_ = 0;
  std::vector<uint32_t> ins_offset_;
};

}  // namespace chaipy::jit::x64
