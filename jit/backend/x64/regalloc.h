// jit/backend/x64/regalloc.h — live ranges and linear-scan register allocation for one trace.
#pragma once
#include <string>
#include <vector>

#include "jit/ir.h"

namespace chaipy::jit::x64 {

struct Allocation {
  std::vector<Loc> locs;      // by ref: the value's one location for its whole live range
  std::vector<uint8_t> emit;  // by ref: the instruction generates code (it has an effect or a use)
  std::vector<Ref> phis;      // the PHIs after LOOP, in order
};

// Computes t's live ranges and gives every value that needs one a register or a spill slot
// (never both). Fails only when the spill area is exhausted.
bool allocate_registers(const Trace& t, Allocation* out, std::string* error);

}  // namespace chaipy::jit::x64
