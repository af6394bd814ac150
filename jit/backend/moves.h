// jit/backend/moves.h — places a 64-bit value can be copied between (a register, a spill slot,
// a constant), sets of such copies performed "at once" (PHI entry values, the loop back-edge,
// call arguments), and the plan for writing a snapshot into the frame (LINK, side-trace entry).
// Target-independent: each backend supplies the single copy and emits the planned stores.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jit/backend/target.h"
#include "jit/ir.h"

namespace chaipy::jit {

// A place a value can be moved to or from: a register (Loc numbering), a spill slot, or (as
// a source only) a constant.
struct Place {
  enum Kind : uint8_t { kReg, kSlot, kImm } kind;
  uint8_t reg = 0;
  int32_t slot = 0;
  uint64_t imm = 0;
  static Place in_reg(uint8_t r) { return Place{kReg, r, 0, 0}; }
  static Place in_slot(int32_t off) { return Place{kSlot, 0, off, 0}; }
  static Place constant(uint64_t bits) { return Place{kImm, 0, 0, bits}; }
  bool operator==(const Place& o) const {
    return kind == o.kind && (kind == kReg ? reg == o.reg : kind == kSlot ? slot == o.slot : imm == o.imm);
  }
};
struct Move {
  Place dst, src;
};

// Where value r of t lives (its constant, register or spill slot), given t's locations.
Place place_of(const Trace& t, const std::vector<Loc>& locs, Ref r);

// Performs every move through `copy` as if all sources were read before any destination is
// written. A cycle is broken by parking one destination's old value in a scratch register
// (`fp_scratch` when that destination is an FP register of `target`, else `gp_scratch`).
void parallel_move(std::vector<Move> moves, const Target& target, uint8_t gp_scratch, uint8_t fp_scratch,
                   const std::function<void(const Place& dst, const Place& src)>& copy);

// Writing the root-frame entries of a snapshot into the frame, boxed by IR type: first every
// Int that is not known to fit a small int is checked (an exit is taken before anything is
// stored if one does not), then each slot is stored. Constants arrive boxed.
struct FlushStore {
  uint32_t slot;  // localsplus index
  Ty ty;          // how to box src (a constant src is boxed already: ty is Val)
  Place src;
};
struct FlushPlan {
  std::vector<Place> int_checks;  // Int values that must fit a small int
  std::vector<FlushStore> stores;
};
// Plans the flush of snapshot `snap` of `src` with values in `locs`. False (with *error) when
// the snapshot cannot be written from machine code.
bool plan_flush(const Trace& src, const std::vector<Loc>& locs, uint32_t snap, FlushPlan* plan, std::string* error);

// The boxed Value of a constant of IR type ty (an Int is known to fit).
uint64_t box_constant(Ty ty, uint64_t k);

}  // namespace chaipy::jit
