// jit/backend/regalloc.h — live ranges and linear-scan register allocation for one trace, over
// a target's register table (target.h).
#pragma once
#include <string>
#include <vector>

#include "jit/backend/target.h"
#include "jit/ir.h"

namespace chaipy::jit {

struct Allocation {
  std::vector<Loc> locs;      // by ref: the value's one location for its whole live range
  std::vector<uint8_t> emit;  // by ref: the instruction generates code (it has an effect or a use)
  std::vector<Ref> phis;      // the PHIs after LOOP, in order
};

// Computes t's live ranges and gives every value that needs one a register of `target` or a
// spill slot (never both). Fails only when the spill area is exhausted.
bool allocate_registers(const Trace& t, const Target& target, Allocation* out, std::string* error);

}  // namespace chaipy::jit
