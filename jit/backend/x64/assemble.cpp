// jit/backend/x64/assemble.cpp — assemble(): register allocation, code generation for the
// arena address the code will live at, installation, and the Trace fields the rest of the JIT
// reads (backend.h).
#include <asmjit/x86.h>

#include "jit/backend/arena.h"
#include "jit/backend/backend.h"
#include "jit/backend/x64/codegen.h"
#include "jit/backend/x64/regalloc.h"

namespace chaipy::jit::x64 {

namespace {
class FirstError : public asmjit::ErrorHandler {
 public:
  void handleError(asmjit::Error, const char* message, asmjit::BaseEmitter*) override {
    if (text.empty()) text = message;
  }
  std::string text;
};
}  // namespace

bool assemble(Trace& t, std::string* error) {
  Allocation alloc;
  if (!allocate_registers(t, &alloc, error)) return false;

  CodeArena& arena = CodeArena::get();
  const uint64_t common_exit = uint64_t(common_exit_code());  // installed first: it moves top()
  if (!common_exit) {
    *error = "code arena full";
    return false;
  }
  const uint64_t base = uint64_t(arena.top());
  asmjit::CodeHolder code;
  code.init(asmjit::Environment::host());
  FirstError asm_error;
  code.setErrorHandler(&asm_error);
  asmjit::x86::Assembler a(&code);
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
  const asmjit::CodeBuffer& bytes = code.textSection()->buffer();
  uint8_t* at = arena.install(bytes.data(), bytes.size());
  if (!at) {
    *error = "code arena full";
    return false;
  }
  t.mcode = at;
  t.msize = gen.code_size();
  t.entry_offset = gen.entry_offset();
  t.locs = std::move(alloc.locs);
  t.exit_stub = gen.exit_stubs();
  t.guard_jump = gen.guard_jumps();
  return true;
}

}  // namespace chaipy::jit::x64
