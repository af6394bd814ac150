// jit/backend/backend.h — the contract between the JIT core and a machine-code backend.
//
// Native calling convention of a compiled trace (every target):
//     Frame* trace(Frame* f)     // f = the interpreter frame the trace's SLOADs read (root frame)
// The prologue saves the callee-saved registers it uses and reserves kSpillBytes of spill area;
// the same prologue is used by every trace, so a side trace (entered by a patched guard jump)
// and a LINK target (entered at mcode + entry_offset) run inside the native frame of the trace
// that was called from the interpreter. The frame pointer `f` lives in a fixed callee-saved
// register for the whole run (x64: rbx).
//
// A failing guard jumps to its exit stub, which records the snapshot number and jumps to the
// common exit: it stores every GPR and XMM register into an ExitState on the native stack and
// calls jit_exit(ExitState*) (jit/exit.cpp). That rebuilds the interpreter state from the
// snapshot (reading each value from locs[ref]) and returns the innermost frame, which the trace
// function returns to the interpreter after restoring the callee-saved registers.
#pragma once
#include <cstdint>
#include <string>

#include "jit/ir.h"

namespace chaipy {
struct Frame;
}

namespace chaipy::jit {

constexpr int kSpillBytes = 4096;  // fixed native spill area shared by linked traces

struct ExitState {
  uint64_t gpr[16];     // x64: rax rcx rdx rbx rsp rbp rsi rdi r8..r15 (asmjit id order)
  double xmm[16];
  uint8_t* spill_base;  // Loc::spill offsets are relative to this
  Trace* trace;         // the trace whose guard failed
  uint32_t snap;        // its snapshot number
  void* resume;         // set by the handler: continue in this code (a side trace) with rbx =
                        // the returned frame, instead of returning to the interpreter
};

using TraceFn = Frame* (*)(Frame*);

// Reads the value of `r` at an exit (register, spill slot or constant) as raw 64 bits.
uint64_t exit_value_bits(const ExitState& st, const Trace& t, Ref r);

// C++ side of the exit path (jit/exit.cpp). Returns the frame the interpreter continues in.
// The common exit calls it through g_exit_handler (tests may install their own).
extern "C" Frame* chaipy_jit_exit(ExitState* st);
extern Frame* (*g_exit_handler)(ExitState* st);

namespace x64 {
// Assembles t into the shared code arena: fills mcode, msize, entry_offset, locs, exit_stub,
// guard_jump. A side trace (t.parent set) starts with code that writes the parent's snapshot
// `t.parent_snap` into the frame from the parent's locations, then runs t from its SLOADs —
// unless that snapshot has inlined frames: then the exit handler rebuilds them and resumes the
// side trace at its entry (ExitState::resume) with rbx = the innermost frame.
// LINK writes t's own snapshot into the frame and jumps to t.link->mcode + entry_offset.
// Returns false (with *error) if the trace cannot be assembled (too many spills, etc.).
bool assemble(Trace& t, std::string* error);
// Redirects the guard of snapshot `snap` in `t` to `target` (a side trace's code).
void patch_exit(Trace& t, uint32_t snap, void* target);
// Zydis listing of the trace's machine code, one instruction per line, with exits annotated.
std::string disassemble(const Trace& t);
}  // namespace x64

}  // namespace chaipy::jit
