// jit/backend/assemble.cpp — the assemble driver (register allocation, code generation by the
// target for the arena address the code will live at, installation, the Trace fields the rest
// of the JIT reads) and the target-independent runtime side of exits (backend.h).
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "jit/backend/arena.h"
#include "jit/backend/backend.h"
#include "jit/backend/lir.h"
#include "jit/backend/regalloc.h"

namespace chaipy::jit {

Frame* (*g_exit_handler)(ExitState* st) = chaipy_jit_exit;

uint64_t exit_value_bits(const ExitState& st, const Trace& t, Ref r) {
  const Ins& ins = t[r];
  if (is_constant(ins.op)) return uint64_t(ins.k);
  const Loc& l = t.locs[size_t(r)];
  const Target& target = host_target();
  uint64_t bits;
  if (l.reg != Loc::kNoReg) {
    if (target.is_fp(l.reg)) {
      std::memcpy(&bits, &st.fpr[l.reg - target.fp_base], 8);
    } else {
      bits = st.gpr[l.reg];
    }
  } else if (l.spill >= 0) {
    std::memcpy(&bits, st.spill_base + l.spill, 8);
  } else {
    std::fprintf(stderr, "chaipy: jit exit reads %%%04d of trace %d, which has no location\n", r, t.id);
    std::abort();
  }
  return bits;
}

bool assemble(Trace& t, std::string* error, const Target& target) {
  Allocation alloc;
  if (!allocate_registers(t, target, &alloc, error)) return false;
  CodeArena& arena = CodeArena::get();
  const uint64_t common_exit = uint64_t(target.common_exit());  // installed first: it moves top()
  if (!common_exit) {
    *error = "code arena full";
    return false;
  }
  MachineCode mc;
  if (!target.generate(t, alloc, uint64_t(arena.top()), common_exit, &mc, error)) return false;
  uint8_t* at = arena.install(mc.bytes.data(), mc.bytes.size());
  if (!at) {
    *error = "code arena full";
    return false;
  }
  t.mcode = at;
  t.msize = mc.code_size;
  t.entry_offset = mc.entry_offset;
  t.locs = std::move(alloc.locs);
  t.exit_stub = std::move(mc.exit_stub);
  t.guard_jump = std::move(mc.guard_jump);
  t.ins_offset = std::move(mc.ins_offset);
  return true;
}

}  // namespace chaipy::jit
