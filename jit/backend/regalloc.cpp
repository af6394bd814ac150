// jit/backend/regalloc.cpp — live ranges and linear-scan register allocation (every target).
//
// Positions: instruction i reads its operands at 2i and writes its result at 2i+1; snapshot
// entries are read at 2i+1 (lir.h for_each_use). A live range is [definition, last read]. A
// value that crosses the loop back-edge (a PHI, or a value defined before LOOP that the loop
// reads) is extended to the end of the trace, so every iteration finds it where the first one
// did.
//
// Every value keeps ONE location for its whole range (the exit handler reads exit values from
// Trace::locs). Linear scan in order of definition: take a free register allowed for the range
// (not one destroyed by an instruction it is live across, Target::clobbers), preferring the
// register of the first operand when it dies here (two-address x86 forms need no move). When
// none is free, whichever of the new range and the active ranges holding a usable register
// ends last is spilled — for its whole range. Allocation finishes before any code is emitted,
// so moving an already-placed range to a slot only leaves its register idle for the past part.
#include "jit/backend/regalloc.h"

#include <algorithm>

#include "jit/backend/backend.h"
#include "jit/backend/lir.h"

namespace chaipy::jit {

namespace {

constexpr uint32_t kMaxSlots = kSpillBytes / 8;

struct Interval {
  Ref ref;
  int32_t start, end;
  bool fp;
  RegMask forbidden;
};

class Allocator {
 public:
  Allocator(const Trace& t, const Target& target, Allocation& out) : t_(t), target_(target), out_(out), n_(t.size()) {}

  bool run(std::string* error) {
    collect_phis();
    compute_ranges();
    build_intervals();
    return scan(error);
  }

 private:
  void collect_phis() {
    if (t_.loop == kNoRef) return;
    for (Ref i = t_.loop + 1; i < n_; i++)
      if (t_[i].op == IrOp::PHI) out_.phis.push_back(i);
  }

  // Backward pass: an instruction is emitted if it has an effect or a later emitted
  // instruction reads it; end_[r] becomes the last position r is read at.
  void compute_ranges() {
    end_.assign(size_t(n_), -1);
    out_.emit.assign(size_t(n_), 0);
    for (Ref i = n_ - 1; i >= 0; i--) {
      if (!has_effect(t_[i]) && end_[size_t(i)] < 0) continue;
      out_.emit[size_t(i)] = 1;
      for_each_use(t_, i, out_.phis, [&](Ref r, UseAt at) {
        if (is_constant(t_[r].op)) return;
        end_[size_t(r)] = std::max(end_[size_t(r)], 2 * i + (at == UseAt::kAfter ? 1 : 0));
      });
    }
    if (t_.loop == kNoRef) return;
    const int32_t loop_pos = 2 * t_.loop, last = 2 * n_;
    for (Ref r = 0; r < t_.loop; r++)
      if (end_[size_t(r)] > loop_pos) end_[size_t(r)] = last;
    for (Ref p : out_.phis) end_[size_t(p)] = last;
  }

  void build_intervals() {
    // Prefix counts of the instructions with each distinct clobber set, to find the registers
    // a range may not use in O(kinds).
    for (Ref j = 0; j < n_; j++) {
      RegMask m = out_.emit[size_t(j)] ? target_.clobbers(t_, t_[j]) : 0;
      if (m && std::none_of(kinds_.begin(), kinds_.end(), [&](const Kind& k) { return k.mask == m; }))
        kinds_.push_back(Kind{m, {}});
      for (Kind& k : kinds_) {
        if (k.prefix.empty()) k.prefix.assign(size_t(j) + 1, 0);
        k.prefix.push_back(k.prefix.back() + (k.mask == m ? 1 : 0));
      }
    }
    for (Ref r = 0; r < n_; r++) {
      const Ins& ins = t_[r];
      if (!out_.emit[size_t(r)] || end_[size_t(r)] < 0 || ins.type == Ty::Void || is_constant(ins.op)) continue;
      int32_t start = 2 * (ins.op == IrOp::PHI ? t_.loop : r) + 1;
      int32_t end = std::max(end_[size_t(r)], start);
      intervals_.push_back(Interval{r, start, end, ins.type == Ty::Dbl, clobbered_within(start, end)});
    }
    std::stable_sort(intervals_.begin(), intervals_.end(),
                     [](const Interval& x, const Interval& y) { return x.start < y.start; });
  }

  // Registers destroyed by an instruction j the range is live across (read before 2j, still
  // needed after 2j+1).
  RegMask clobbered_within(int32_t start, int32_t end) const {
    int32_t lo = (start + 1) / 2, hi = (end - 1) / 2;
    RegMask m = 0;
    if (lo > hi) return m;
    for (const Kind& k : kinds_)
      if (k.prefix[size_t(hi) + 1] - k.prefix[size_t(lo)] > 0) m |= k.mask;
    return m;
  }

  bool scan(std::string* error) {
    out_.locs.assign(size_t(n_), Loc{});
    RegMask free = 0;
    for (uint8_t r : target_.gp_order) free |= reg_bit(r);
    for (uint8_t r : target_.fp_order) free |= reg_bit(r);

    for (Interval& cur : intervals_) {
      // Expire ranges that ended before this definition.
      std::erase_if(active_, [&](const Interval* a) {
        if (a->end >= cur.start) return false;
        free |= reg_bit(reg_of(a->ref));
        return true;
      });
      int reg = pick(cur, free);
      if (reg < 0) {
        Interval* victim = nullptr;
        for (Interval* a : active_)
          if (a->fp == cur.fp && !(cur.forbidden & reg_bit(reg_of(a->ref))) && (!victim || a->end > victim->end))
            victim = a;
        if (!victim || victim->end <= cur.end) {
          if (!spill(cur, error)) return false;
          continue;
        }
        reg = reg_of(victim->ref);
        std::erase(active_, victim);
        if (!spill(*victim, error)) return false;
        free |= reg_bit(reg);
      }
      free &= ~reg_bit(reg);
      out_.locs[size_t(cur.ref)].reg = uint8_t(reg);
      active_.push_back(&cur);
    }
    return true;
  }

  // A free register allowed for `cur`: the first operand's (or a PHI's entry value's) if it
  // just died, else the first in preference order.
  int pick(const Interval& cur, RegMask free) const {
    RegMask allowed = free & ~cur.forbidden;
    const Ins& ins = t_[cur.ref];
    if (ir_info(ins.op).a == IRO_R && ins.a != kNoRef) {
      uint8_t hint = out_.locs[size_t(ins.a)].reg;
      if (hint != Loc::kNoReg && target_.is_fp(hint) == cur.fp && (allowed & reg_bit(hint))) return hint;
    }
    for (uint8_t r : cur.fp ? target_.fp_order : target_.gp_order)
      if (allowed & reg_bit(r)) return r;
    return -1;
  }

  // Gives the whole range a slot no other range uses anywhere within it.
  bool spill(const Interval& iv, std::string* error) {
    size_t s = 0;
    while (s < slot_end_.size() && slot_end_[s] >= iv.start) s++;
    if (s == slot_end_.size()) {
      if (s == kMaxSlots) {
        *error = "too many spilled values (spill area full)";
        return false;
      }
      slot_end_.push_back(-1);
    }
    slot_end_[s] = std::max(slot_end_[s], iv.end);
    out_.locs[size_t(iv.ref)] = Loc{Loc::kNoReg, int32_t(8 * s)};
    return true;
  }

  uint8_t reg_of(Ref r) const { return out_.locs[size_t(r)].reg; }

  struct Kind {
    RegMask mask;
    std::vector<int32_t> prefix;  // prefix[j] = instructions before j with this clobber set
  };

  const Trace& t_;
  const Target& target_;
  Allocation& out_;
  const Ref n_;
  std::vector<int32_t> end_;
  std::vector<Kind> kinds_;
  std::vector<Interval> intervals_;
  std::vector<Interval*> active_;
  std::vector<int32_t> slot_end_;  // by slot: the last position any range assigned to it reaches
};

}  // namespace

bool allocate_registers(const Trace& t, const Target& target, Allocation* out, std::string* error) {
  *out = Allocation{};
  return Allocator(t, target, *out).run(error);
}

}  // namespace chaipy::jit
