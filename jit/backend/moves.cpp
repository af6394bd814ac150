// jit/backend/moves.cpp — parallel moves and snapshot flush planning (moves.h), for every target.
#include "jit/backend/moves.h"

#include <algorithm>
#include <cstring>

#include "interp/value.h"
#include "jit/backend/lir.h"

namespace chaipy::jit {

Place place_of(const Trace& t, const std::vector<Loc>& locs, Ref r) {
  if (is_constant(t[r].op)) return Place::constant(uint64_t(t[r].k));
  const Loc& l = locs[size_t(r)];
  return l.reg != Loc::kNoReg ? Place::in_reg(l.reg) : Place::in_slot(l.spill);
}

// A move whose destination no pending move still reads can go; when none can, the rest are
// cycles: one destination's old value is parked in a scratch and its readers read it from
// there, which breaks that cycle.
void parallel_move(std::vector<Move> moves, const Target& target, uint8_t gp_scratch, uint8_t fp_scratch,
                   const std::function<void(const Place& dst, const Place& src)>& copy) {
  std::erase_if(moves, [](const Move& m) { return m.dst == m.src; });
  while (!moves.empty()) {
    bool progress = false;
    for (size_t i = 0; i < moves.size();) {
      const Place dst = moves[i].dst;
      if (std::any_of(moves.begin(), moves.end(), [&](const Move& m) { return m.src == dst; })) {
        i++;
        continue;
      }
      copy(dst, moves[i].src);
      moves.erase(moves.begin() + ptrdiff_t(i));
      progress = true;
    }
    if (progress) continue;
    const Place parked = moves[0].dst;
    const Place scratch =
        Place::in_reg(parked.kind == Place::kReg && target.is_fp(parked.reg) ? fp_scratch : gp_scratch);
    copy(scratch, parked);
    for (Move& m : moves)
      if (m.src == parked) m.src = scratch;
  }
}

uint64_t box_constant(Ty ty, uint64_t k) {
  switch (ty) {
    case Ty::Int: return Value::from_small_int(int64_t(k)).bits();
    case Ty::Dbl: {
      double d;
      std::memcpy(&d, &k, 8);
      return Value::from_double(d).bits();
    }
    case Ty::Bool: return Value::from_bool(k & 1).bits();
    case Ty::Ptr: return (Value::kTagObj << Value::kTagShift) | k;
    default: return k;
  }
}

bool plan_flush(const Trace& src, const std::vector<Loc>& locs, uint32_t snap, FlushPlan* plan, std::string* error) {
  *plan = FlushPlan{};
  const Snapshot& sn = src.snaps[snap];
  if (sn.nframes != 1) {
    *error = "a snapshot written into the frame must have exactly one frame";
    return false;
  }
  const SnapFrame& fr = src.snap_frames[sn.frame_start];
  const SnapEntry* entries = src.snap_entries.data() + fr.entry_start;  // may be empty
  for (uint32_t e = 0; e < fr.nentries; e++) {
    const Ref r = entries[e].ref;
    const Ins& ins = src[r];
    const bool konst = is_constant(ins.op);
    if (!konst && locs[size_t(r)].reg == Loc::kNoReg && locs[size_t(r)].spill < 0) {
      *error = "snapshot value without a location";
      return false;
    }
    if (ins.type == Ty::Void) {
      *error = "snapshot entry without a value type";
      return false;
    }
    if (ins.type == Ty::Int && !(konst && Value::int_fits_small(ins.k))) plan->int_checks.push_back(place_of(src, locs, r));
    if (konst) {
      plan->stores.push_back(FlushStore{entries[e].slot, Ty::Val, Place::constant(box_constant(ins.type, uint64_t(ins.k)))});
    } else {
      plan->stores.push_back(FlushStore{entries[e].slot, ins.type, place_of(src, locs, r)});
    }
  }
  return true;
}

}  // namespace chaipy::jit
