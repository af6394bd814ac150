// jit/backend/a64/codegen.h — the AArch64 code generator for one trace, shared by emit.cpp (the
// trace body, instruction by instruction), copy.cpp (moves between places) and exits.cpp (exit
// stubs, snapshot flushes, the common exit, the Target table). Mirrors x64/codegen.h.
//
// Code is assembled for the arena address it will be installed at (`base`), so branches to other
// traces and to the shared exit code are emitted directly as B imm26 (the arena is sized so that
// every trace reaches every other one: arena.h). 64-bit constants that take more than two
// movz/movk go to a literal pool after the code (ldr literal), so the instructions themselves
// do not depend on where helpers and objects are (golden encoding tests).
//
// Layout:  [prologue (root traces) | parent snapshot flush (side traces)]  entry:  body
//          trace_exit: per snapshot  site: b stub (patched)  stub: mov w16, #n; b trace_exit
//          (cold; msize ends here)  literal pool
#pragma once
#include <asmjit/arm.h>
#include <asmjit/arm/a64assembler.h>
#include <asmjit/core.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "jit/backend/a64/a64.h"
#include "jit/backend/moves.h"
#include "jit/backend/regalloc.h"

namespace chaipy::jit::a64 {

// The Target hooks (target.h): the common exit every stub ends in, installed in the arena on
// first use, and patching a guard (exits.cpp); the listing (disasm.cpp).
uint8_t* common_exit_code();
void patch_exit(Trace& t, uint32_t snap, void* target);
std::string disassemble(const Trace& t, const uint8_t* code);

class CodeGen {
 public:
  CodeGen(Trace& t, const Allocation& alloc, asmjit::a64::Assembler& a, uint64_t base, uint64_t common_exit);

  // Emits the whole trace. Returns false with *error for traces this backend cannot compile.
  bool run(std::string* error);

  uint32_t entry_offset() const { return entry_offset_; }
  const std::vector<uint32_t>& ins_offsets() const { return ins_offset_; }  // by ref (listings)
  uint32_t code_size() const { return code_size_; }
  const std::vector<uint32_t>& exit_stubs() const { return exit_stub_; }
  const std::vector<uint32_t>& guard_jumps() const { return guard_jump_; }

 private:
  using Gp = asmjit::a64::Gp;
  using Vec = asmjit::a64::Vec;
  using Mem = asmjit::a64::Mem;
  using CondCode = asmjit::arm::CondCode;

  // -- Instructions (emit.cpp) ----------------------------------------------------------------
  void prologue();
  void emit_ins(Ref i);
  void check_tag(Gp v, uint64_t tag, uint32_t snap);
  void unbox(Ref i);
  void box(Ref i);
  void int_arith(Ref i);
  void logic(Ref i);
  void shift(Ref i);
  void floor_divmod(Ref i);
  void fp_binop(Ref i);
  void compare_ints(Ref a, Ref b);
  CondCode int_cond(IrOp op) const;
  CondCode compare_fp(IrOp op, Ref a, Ref b);
  void compare(Ref i);
  void guard_bool(Ref i);
  void guard_gc(Ref i);
  Mem address(Ref p, int64_t k);
  void load(Ref i);
  void store(Ref i);
  void aref(Ref i);
  void call(Ref i);
  void call_abs(uint64_t fn);
  void loop_entry();
  void loop_back(Ref i);
  void ret(Ref i);
  void link(Ref i);
  void epilogue_ret();

  // -- Operands ---------------------------------------------------------------------------------
  const Loc& loc(Ref r) const { return alloc_.locs[size_t(r)]; }
  bool konst(Ref r) const { return is_constant(t_[r].op); }
  bool in_gp(Ref r) const { return loc(r).reg != Loc::kNoReg && !is_fp(loc(r).reg); }
  bool in_fp(Ref r) const { return is_fp(loc(r).reg); }
  Place place(Ref r) const;
  // r's bits in a GPR: its own register, or `tmp` loaded with them.
  Gp gp_in(Ref r, Gp tmp);
  void load_gp(Gp dst, Ref r);
  // r as a double in an FP register: its own, or `tmp` loaded.
  Vec fp_in(Ref r, Vec tmp);
  // The register to compute r's result in: its own, or a scratch when it is spilled or unused;
  // def_*() then stores it where r lives.
  Gp gp_out(Ref r, Gp scratch) const;
  Vec fp_out(Ref r, Vec scratch) const;
  void def_gp(Ref r, Gp src);
  void def_fp(Ref r, Vec src);
  // dst = v: movz/movn/movk when that takes at most two instructions, else a literal pool load.
  void mov_imm(Gp dst, uint64_t v);
  // dst = the address of something in the process (a helper, a global): always from the pool,
  // so that the instructions are the same wherever the process is loaded.
  void mov_addr(Gp dst, const void* p);
  Mem pool(uint64_t bits);

  // -- Moves (copy.cpp) -------------------------------------------------------------------------
  void parallel_move(std::vector<Move> moves);
  void copy(const Place& dst, const Place& src);

  // -- Exits (exits.cpp) ------------------------------------------------------------------------
  // Branches (b.cond) to the exit of snapshot `snap` when cc holds / always.
  void exit_if(CondCode cc, uint32_t snap);
  void exit_always(uint32_t snap);
  // Writes the root-frame entries of snapshot `snap` of trace `src` (values in `locs`) into the
  // frame, boxed by type (moves.h plan_flush). An Int that does not fit a small int calls
  // fail(cc) (with the condition under which to leave) before anything is stored.
  template <class Fail>
  void flush(const Trace& src, const std::vector<Loc>& locs, uint32_t snap, Fail&& fail);
  void side_trace_entry();
  void emit_exits();
  void b_abs(uint64_t target);
  void bcc_abs(CondCode cc, uint64_t target);
  void fail(const std::string& why);

  Trace& t_;
  const Allocation& alloc_;
  asmjit::a64::Assembler& a_;
  const uint64_t base_, common_exit_;
  std::string error_;
  asmjit::Label entry_, loop_, trace_exit_;
  std::vector<asmjit::Label> site_label_;             // by snapshot: where its guard branches go
  // 64-bit constants, in order of first use (so that the code does not depend on their values).
  std::vector<std::pair<uint64_t, asmjit::Label>> pool_;
  std::unordered_map<uint64_t, size_t> pool_index_;
  std::vector<uint32_t> exit_stub_, guard_jump_;
  uint32_t entry_offset_ = 0, code_size_ = 0;
  std::vector<uint32_t> ins_offset_;
};

}  // namespace chaipy::jit::a64
