// jit/backend/backend.h — the contract between the JIT core and a machine-code backend.
//
// Native calling convention of a compiled trace (every target):
//     Frame* trace(Frame* f)     // f = the interpreter frame the trace's SLOADs read (root frame)
// The prologue saves the callee-saved registers it uses and reserves kSpillBytes of spill area;
// the same prologue is used by every trace, so a side trace (entered by a patched guard jump)
// and a LINK target (entered at mcode + entry_offset) run inside the native frame of the trace
// that was called from the interpreter. The frame pointer `f` lives in a fixed callee-saved
// register for the whole run (Target::frame_gpr: rbx on x64, x19 on a64).
//
// A failing guard jumps to its exit stub, which records the snapshot number and jumps to the
// common exit: it stores every general-purpose and FP register into an ExitState on the native
// stack and calls jit_exit(ExitState*) (jit/exit.cpp). That rebuilds the interpreter state from
// the snapshot (reading each value from locs[ref]) and returns the innermost frame, which the
// trace function returns to the interpreter after restoring the callee-saved registers.
//
// The backends (jit/backend/x64, jit/backend/a64) fill in a Target table (target.h); the
// target-independent parts are here: register allocation (regalloc.cpp), the assemble driver
// (assemble.cpp), parallel moves (moves.cpp) and snapshot flush planning (flush.cpp).
#pragma once
#include <cstdint>
#include <string>

#include "jit/backend/target.h"
#include "jit/ir.h"

namespace chaipy {
struct Frame;
}

namespace chaipy::jit {

constexpr int kSpillBytes = 4096;  // fixed native spill area shared by linked traces

// The registers at an exit, in the common exit's layout for a target with G general-purpose
// and F FP registers (x64: 16 + 16 xmm; a64: x0..x30 and sp + d0..d31).
template <int G, int F>
struct ExitStateOf {
  uint64_t gpr[G];      // by register number (Loc::reg)
  double fpr[F];        // by FP register number (Loc::reg - Target::fp_base)
  uint8_t* spill_base;  // Loc::spill offsets are relative to this
  Trace* trace;         // the trace whose guard failed
  uint32_t snap;        // its snapshot number
  void* resume;         // set by the handler: continue in this code (a side trace) with the frame
                        // register = the returned frame, instead of returning to the interpreter
};
using ExitStateX64 = ExitStateOf<16, 16>;
using ExitStateA64 = ExitStateOf<32, 32>;

// The target this build runs traces on. Without one the JIT is unavailable: jit::install()
// leaves it off (the interpreter does not even count loops).
#if defined(__x86_64__)
constexpr bool kHostBackend = true;
using ExitState = ExitStateX64;
inline const Target& host_target() { return kTargetX64; }
#elif defined(__aarch64__)
constexpr bool kHostBackend = true;
using ExitState = ExitStateA64;
inline const Target& host_target() { return kTargetA64; }
#else  // the JIT is never on: nothing of a target runs
constexpr bool kHostBackend = false;
using ExitState = ExitStateX64;
inline const Target& host_target() { return kTargetX64; }
#endif

using TraceFn = Frame* (*)(Frame*);

// The base frame at an exit (the frame register).
inline Frame* exit_frame(const ExitState& st) {
  return reinterpret_cast<Frame*>(st.gpr[host_target().frame_gpr]);
}
// Reads the value of `r` at an exit (register, spill slot or constant) as raw 64 bits.
uint64_t exit_value_bits(const ExitState& st, const Trace& t, Ref r);

// C++ side of the exit path (jit/exit.cpp). Returns the frame the interpreter continues in.
// The common exit calls it through g_exit_handler (tests may install their own).
extern "C" Frame* chaipy_jit_exit(ExitState* st);
extern Frame* (*g_exit_handler)(ExitState* st);

// Assembles t for `target` into the shared code arena: fills mcode, msize, entry_offset, locs,
// exit_stub, guard_jump. A side trace (t.parent set) starts with code that writes the parent's
// snapshot `t.parent_snap` into the frame from the parent's locations, then runs t from its
// SLOADs — unless that snapshot has inlined frames: then the exit handler rebuilds them and
// resumes the side trace at its entry (ExitState::resume) with the frame register = the
// innermost frame. LINK writes t's own snapshot into the frame and jumps to
// t.link->mcode + entry_offset. Returns false (with *error) if the trace cannot be assembled.
bool assemble(Trace& t, std::string* error, const Target& target = host_target());
// Redirects the guard of snapshot `snap` in `t` to `target` (a side trace's code).
inline void patch_exit(Trace& t, uint32_t snap, void* target) { host_target().patch_exit(t, snap, target); }
// Listing of the trace's machine code (--dump-traces, tests).
inline std::string disassemble(const Trace& t) {
  return t.mcode ? host_target().disassemble(t, static_cast<const uint8_t*>(t.mcode)) : "(not assembled)\n";
}

}  // namespace chaipy::jit
