// jit/backend/target.h — the table a machine-code backend fills in (one per target: x64/,
// a64/), and what the target-independent parts (regalloc.cpp, assemble.cpp, exits) need from it.
//
// Both backends are compiled on every host: the host's one runs traces (backend.h host_target()),
// the other is used for golden encoding tests (its code is generated for a made-up address and
// compared, never run).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "jit/ir.h"

namespace chaipy::jit {

struct Allocation;

// Loc::reg numbering on every target: general-purpose register n is n, FP/SIMD register n is
// Target::fp_base + n. A RegMask has one bit per Loc::reg.
using RegMask = uint64_t;
constexpr RegMask reg_bit(int reg) { return RegMask(1) << reg; }

// A trace's code as generated for the arena address `base`, ready to install unchanged.
struct MachineCode {
  std::vector<uint8_t> bytes;  // code, cold exit stubs, then constants
  uint32_t code_size = 0;      // bytes of instructions (Trace::msize)
  uint32_t entry_offset = 0;   // Trace::entry_offset
  std::vector<uint32_t> exit_stub, guard_jump;  // by snapshot (Trace fields of the same name)
  std::vector<uint32_t> ins_offset;            // by ref (Trace::ins_offset)
};

struct Target {
  const char* name;
  uint8_t fp_base;    // first FP/SIMD register in Loc::reg numbering
  uint8_t frame_gpr;  // holds the base Frame* in trace code (ExitState::gpr index)
  std::span<const uint8_t> gp_order;  // allocatable GPRs, preferred first
  std::span<const uint8_t> fp_order;  // allocatable FP registers (Loc::reg numbers), preferred first
  // Registers instruction `ins` destroys while it runs (beyond its own result): a value live
  // across it must not be kept in them. Its operands may be (they are read first).
  RegMask (*clobbers)(const Trace& t, const Ins& ins);
  // The exit sequence every exit stub ends in, installed in the arena on first use (nullptr:
  // no arena). Only the host target's is ever installed.
  uint8_t* (*common_exit)();
  // Generates t's code for address `base` with the given allocation. False (with *error) for a
  // trace this backend cannot compile.
  bool (*generate)(Trace& t, const Allocation& alloc, uint64_t base, uint64_t common_exit, MachineCode* out,
                   std::string* error);
  // Redirects the guard of snapshot `snap` of installed trace t to `target` (flushing the
  // instruction cache over the bytes it rewrites).
  void (*patch_exit)(Trace& t, uint32_t snap, void* target);
  // A listing of code (at `code`, `t.msize` bytes, laid out as t's), one instruction per line,
  // with the entry, the loop header and the exits annotated.
  std::string (*disassemble)(const Trace& t, const uint8_t* code);

  bool is_fp(uint8_t reg) const { return reg != Loc::kNoReg && reg >= fp_base; }
};

extern const Target kTargetX64;
extern const Target kTargetA64;

}  // namespace chaipy::jit
