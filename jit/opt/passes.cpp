// jit/opt/passes.cpp — the pass list, the driver, and the helpers the passes share.
#include "jit/opt/passes.h"

#include <algorithm>

namespace chaipy::jit {

// -- The pipeline ------------------------------------------------------------------------------
namespace {
constexpr Pass kPipeline[] = {
    {"fold", opt_fold, "constant folding, algebraic simplification, common subexpressions"},
    {"guards", opt_guards, "redundant guard removal"},
    {"loop", opt_loop, "loop closing: invariant hoisting into a pre-header, PHIs"},
    {"fold", opt_fold, "again, over the loop body"},
    {"dce", opt_dce, "dead code elimination"},
};

// Calls f(name) for each name of a comma-separated list (empty items skipped).
template <class F>
void each_name(std::string_view names, F&& f) {
  while (!names.empty()) {
    size_t comma = names.find(',');
    std::string_view name = names.substr(0, comma);
    if (!name.empty()) f(name);
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
  }
}
}  // namespace

std::span<const Pass> opt_pipeline() { return kPipeline; }

const Pass* opt_find(std::string_view name) {
  for (const Pass& p : kPipeline)
    if (name == p.name) return &p;
  return nullptr;
}

bool opt_check_names(std::string_view names, std::string* error) {
  bool ok = true;
  each_name(names, [&](std::string_view name) {
    if (ok && !opt_find(name)) {
      *error = "unknown optimizer pass '" + std::string(name) + "'";
      ok = false;
    }
  });
  return ok;
}

void optimize(Trace& t, std::string_view disabled) {
  for (const Pass& p : kPipeline) {
    bool off = false;
    each_name(disabled, [&](std::string_view name) { off |= name == p.name; });
    if (!off && p.run(t)) update_snapshot_owners(t);
  }
}

// -- Helpers -----------------------------------------------------------------------------------
void for_each_entry(Trace& t, uint32_t s, const std::function<void(SnapEntry&)>& f) {
  const Snapshot& snap = t.snaps[s];
  for (uint32_t fi = 0; fi < snap.nframes; fi++) {
    const SnapFrame& fr = t.snap_frames[snap.frame_start + fi];
    for (uint32_t e = 0; e < fr.nentries; e++) f(t.snap_entries[fr.entry_start + e]);
  }
}

InsKey::InsKey(const Ins& in) : op(in.op), type(in.type), a(in.a), b(in.b), k(in.k) {
  const IrOpInfo& i = ir_info(in.op);
  if (i.a == IRO_N) a = kNoRef;
  if (i.b == IRO_N) b = kNoRef;
  if ((i.mode & IRM_C) && a > b) std::swap(a, b);
}

size_t InsKeyHash::operator()(const InsKey& key) const {
  uint64_t h = uint64_t(key.op) | uint64_t(key.type) << 8;
  for (uint64_t v : {uint64_t(uint32_t(key.a)), uint64_t(uint32_t(key.b)), uint64_t(key.k)})
    h = (h ^ v) * 0x9e3779b97f4a7c15ull;
  return size_t(h ^ (h >> 29));
}

void update_snapshot_owners(Trace& t) {
  for (Snapshot& s : t.snaps) s.at = kNoRef;
  for (Ref r = 0; r < t.size(); r++)
    if (t[r].op != IrOp::NOP && t[r].snap < t.snaps.size()) t.snaps[t[r].snap].at = r;
}

void Replacements::apply(Trace& t) const {
  for (Ins& in : t.ins) rewrite(in);
  for (SnapEntry& e : t.snap_entries) e.ref = (*this)(e.ref);
}

}  // namespace chaipy::jit
