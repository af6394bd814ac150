// jit/opt/loop.cpp — closes a recorded iteration into a loop: pre-header, LOOP, PHIs, body, JLOOP.
//
// Before: a root trace holding one iteration recorded from the loop header. A slot's first read
// is an SLOAD (never after a write: frame memory keeps the entry values for the whole trace);
// the final JLOOP's snapshot maps each slot the iteration changed to its end value.
// After:
//   pre-header  every SLOAD, and whatever computes the same value in every iteration: constants,
//               pure instructions and guards over pre-header values, loads if the loop never
//               writes memory. It runs once per entry and has no side effect.
//   LOOP
//   PHIs        one per changed slot: a = its value on entry, b = its value at the end of an
//               iteration (all PHIs move at once at JLOOP)
//   body        the rest, in recording order, reading the PHIs instead of the entry values
//   JLOOP
// A slot read through one unboxing guard u = UNBOX_x(SLOAD) and otherwise only by snapshots,
// whose end value has u's type (for UNBOX_OBJ: the same class), gets an unboxed PHI(u, end): u
// stays in the pre-header, and the body (snapshots included) reads the PHI instead of u or the
// SLOAD. Any other changed slot gets a Val PHI(SLOAD, end) — the end value boxed before
// JLOOP if it is not a Val, an SLOAD added if the slot was only written — and the body re-checks
// it. A slot whose end type contradicts its entry type (an int that became a float) cannot loop:
// JLOOP becomes a LINK to the trace itself, whose entry then re-checks the types.
//
// Snapshots. A body snapshot must describe the state in any iteration: a changed slot it has no
// entry for still holds the previous iteration's value (frame memory still holds the entry
// value), so it gets the entry slot -> PHI. A guard hoisted into the pre-header keeps its own
// snapshot while nothing precedes it in the recording that could make the interpreter take
// another path or see other memory (a guard left in the body, a side effect), and its snapshot
// names only pre-header values; otherwise it gets a fresh snapshot of the loop header with no
// entries: the pre-header has no side effects, so the interpreter simply runs the iteration.
//
// The pass rebuilds the instruction vector in the new order (NOPs dropped) and remaps every
// operand and snapshot; snapshot numbers stay, new snapshots are appended. Side traces, traces
// already closed, and traces that end in LINK or EXIT are left alone.
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "jit/opt/passes.h"

namespace chaipy::jit {

namespace {

bool is_unbox(IrOp op) {
  return op == IrOp::UNBOX_INT || op == IrOp::UNBOX_DBL || op == IrOp::UNBOX_BOOL || op == IrOp::UNBOX_OBJ;
}

IrOp box_op(Ty ty) {
  switch (ty) {
    case Ty::Int: return IrOp::BOX_INT;
    case Ty::Dbl: return IrOp::BOX_DBL;
    case Ty::Bool: return IrOp::BOX_BOOL;
    case Ty::Ptr: return IrOp::BOX_OBJ;
    default: return IrOp::NOP;
  }
}

bool hoistable_guard(IrOp op) {
  return !(ir_info(op).mode & IRM_X) && op != IrOp::GUARD_GC && op != IrOp::LINK && op != IrOp::EXIT;
}

struct Phi {
  uint32_t slot;
  Ref entry;              // u (unboxed), the slot's SLOAD (Val), or kNoRef: a new SLOAD
  Ref end;                // the end value (old ref)
  Ty type;
  IrOp box = IrOp::NOP;   // Val PHI of an unboxed end value: how to box it
  IrOp unbox = IrOp::NOP; // typed PHI of a slot the body never reads: unbox its entry value
  bool memory = false;    // a memory PHI (a field the body loads, then stores): no slot
  Ref new_ref = kNoRef, new_entry = kNoRef, new_box = kNoRef, new_unbox = kNoRef;
};

IrOp unbox_op(Ty ty) {
  switch (ty) {
    case Ty::Int: return IrOp::UNBOX_INT;
    case Ty::Dbl: return IrOp::UNBOX_DBL;
    case Ty::Bool: return IrOp::UNBOX_BOOL;
    default: return IrOp::NOP;
  }
}

// Which snapshot an instruction gets: its own (read in the body or in the pre-header), or a
// fresh one of the loop header.
enum class SnapUse : uint8_t { kBody, kPreHeader, kHeader };

class LoopCloser {
 public:
  LoopCloser(Trace& t, Ref jloop) : _t(t), _jloop(jloop), _canon(size_t(t.size())), _pre(size_t(t.size())) {}

  // Plans the loop; false if it cannot close (the caller links the trace to itself instead).
  bool plan() {
    if (!find_slots() || !plan_phis()) return false;
    place();
    return true;
  }
  void rebuild();

 private:
  Ref canon(Ref r) const { return r == kNoRef ? kNoRef : _canon[size_t(r)]; }
  const SnapFrame& header_frame() const { return _t.snap_frames[_t.snaps[_t[_jloop].snap].frame_start]; }

  bool find_slots();
  bool plan_phis();
  std::optional<int64_t> class_of(Ref p) const;
  void place();
  Ref pre_ref(Ref r) const { return r == kNoRef ? kNoRef : _new[size_t(canon(r))]; }
  Ref body_ref(Ref r) const {
    auto it = _phi_of.find(canon(r));
    return it == _phi_of.end() ? pre_ref(r) : _phis[it->second].new_ref;
  }
  // Body snapshots also read an unboxed PHI where they name its slot's SLOAD (exits box it).
  Ref body_snap_ref(Ref r) const {
    auto it = _sload_phi.find(canon(r));
    return it == _sload_phi.end() ? body_ref(r) : _phis[it->second].new_ref;
  }
  // Copies `from` into the new frame/entry arrays as `to`. A body snapshot reads PHIs, and its
  // root frame gets slot -> PHI for each changed slot it has no entry for.
  void copy_snapshot(const Snapshot& from, Snapshot& to, bool body);

  Trace& _t;
  Ref _jloop;
  std::vector<Ref> _canon;              // repeated SLOADs of a slot -> the first one
  std::map<uint32_t, Ref> _sload;       // slot -> its SLOAD
  std::unordered_map<Ref, Ref> _view;   // SLOAD -> its first unboxing guard
  std::unordered_set<Ref> _boxed_use;   // SLOADs read other than through their view
  std::vector<Phi> _phis;
  std::unordered_map<Ref, size_t> _phi_of;  // old ref the body reads through a PHI -> the PHI
  std::unordered_map<Ref, size_t> _sload_phi;  // SLOAD of a slot with an unboxed PHI -> the PHI
  std::vector<bool> _pre;               // old ref -> placed in the pre-header
  std::vector<SnapUse> _snap_use;       // old ref -> which snapshot it gets
  std::vector<Ref> _new;                // old ref -> new ref
  std::vector<SnapFrame> _frames;       // the rebuilt snapshot arrays
  std::vector<SnapEntry> _entries;
};

// Slots, their SLOADs and unboxed views. False if the JLOOP snapshot is not one frame.
bool LoopCloser::find_slots() {
  if (_t.snaps[_t[_jloop].snap].nframes != 1) return false;
  for (Ref r = 0; r < _t.size(); r++) {
    const Ins& in = _t[r];
    _canon[size_t(r)] = r;
    if (in.op == IrOp::SLOAD) _canon[size_t(r)] = _sload.try_emplace(uint32_t(in.a), r).first->second;
  }
  for (Ref r = 0; r < _t.size(); r++) {
    Ins& in = _t[r];
    if (in.op == IrOp::NOP) continue;
    for_each_operand(in, [&](Ref& o) {
      Ref l = canon(o);
      if (_t[l].op != IrOp::SLOAD) return;
      if (is_unbox(in.op)) {
        Ref u = _view.try_emplace(l, r).first->second;
        if (_t[u].op == in.op && _t[u].k == in.k) return;  // the view, or a repeat of it
      }
      _boxed_use.insert(l);
    });
  }
  return true;
}

// The class of Ptr p, if the trace proves one.
std::optional<int64_t> LoopCloser::class_of(Ref p) const {
  if (_t[p].op == IrOp::UNBOX_OBJ) return _t[p].k;
  for (Ref r = 0; r < _jloop; r++)
    if (_t[r].op == IrOp::GUARD_TYPE && _t[r].a == p) return _t[r].k;
  return {};
}

// One PHI per changed slot of the JLOOP snapshot; false if a slot's type is unstable.
bool LoopCloser::plan_phis() {
  std::map<uint32_t, Ref> end;  // by slot: PHIs come out in slot order
  const SnapFrame& fr = header_frame();
  for (uint32_t e = 0; e < fr.nentries; e++) {
    const SnapEntry& en = _t.snap_entries[fr.entry_start + e];
    end[en.slot] = canon(en.ref);
  }
  for (auto [slot, e] : end)  // another slot's end value is a boxed read of the SLOAD
    if (e != kNoRef && _t[e].op == IrOp::SLOAD && uint32_t(_t[e].a) != slot) _boxed_use.insert(e);
  for (auto [slot, e] : end) {
    if (e == kNoRef || _t[e].op == IrOp::NOP) return false;
    auto sl = _sload.find(slot);
    Ref l = sl == _sload.end() ? kNoRef : sl->second;
    auto vw = l == kNoRef ? _view.end() : _view.find(l);
    Ref u = vw == _view.end() ? kNoRef : vw->second;
    if (l != kNoRef && (e == l || e == u)) continue;  // unchanged
    Ty te = _t[e].type;
    bool unboxed = false;
    if (u != kNoRef && te != Ty::Val) {
      if (te != _t[u].type) return false;  // e.g. an int slot ends as a float
      bool same_class = true;
      if (te == Ty::Ptr) {
        std::optional<int64_t> cls = class_of(e);
        if (cls && *cls != _t[u].k) return false;  // an object of another class
        same_class = cls.has_value();
      }
      unboxed = same_class && !_boxed_use.count(l);
    }
    size_t i = _phis.size();
    if (unboxed) {
      _phis.push_back({slot, u, e, te});
      _sload_phi[l] = i;
      for (Ref r = 0; r < _t.size(); r++)  // u, and any repeat of it
        if (_t[r].op == _t[u].op && _t[r].k == _t[u].k && canon(_t[r].a) == l) _phi_of[r] = i;
      continue;
    }
    if (te != Ty::Val && box_op(te) == IrOp::NOP) return false;
    if (u == kNoRef && unbox_op(te) != IrOp::NOP && (l == kNoRef || !_boxed_use.count(l))) {
      // The body only writes the slot (e.g. a loop variable): keep it unboxed, checking the
      // entry value's type once in the pre-header instead of boxing every iteration.
      Phi p{slot, l, e, te};
      p.unbox = unbox_op(te);
      _phis.push_back(p);
      if (l != kNoRef) _sload_phi[l] = i;
      continue;
    }
    _phis.push_back({slot, l, e, Ty::Val, te == Ty::Val ? IrOp::NOP : box_op(te)});
    if (l != kNoRef) _phi_of[l] = i;
  }
  return true;
}

// Decides, in recording order, what goes to the pre-header and which snapshot each hoisted
// guard keeps.
//
// Loads. Every load and store of the recorder addresses memory as (base, offset k), and two
// accesses can only touch the same word if their offsets are equal (fields of objects, or
// elements of arrays, which are never inside an object's header). So with no helper call in the
// loop, a load whose base is loop-invariant is invariant unless some store uses its offset; and
// a load whose offset is written by exactly one store, to the same base, later in the body
// (a range iterator's index / remaining count) becomes a memory PHI: hoisted load on entry, the
// stored value on the back-edge; the store stays so memory is right at every exit.
void LoopCloser::place() {
  bool calls = false;
  std::map<int64_t, std::vector<Ref>> stores;  // offset -> the stores using it
  for (Ref r = 0; r < _t.size(); r++) {
    if (r == _jloop || _t[r].op == IrOp::NOP) continue;
    if (_t[r].op == IrOp::STORE) stores[_t[r].k].push_back(r);
    else if (is_memory_barrier(_t[r].op)) calls = true;
  }
  auto forwarded_store = [&](Ref load) -> Ref {
    auto it = stores.find(_t[load].k);
    if (calls || it == stores.end() || it->second.size() != 1) return kNoRef;
    Ref st = it->second[0];
    if (st < load || canon(_t[st].a) != canon(_t[load].a) || _t[_t[st].b].type != _t[load].type) return kNoRef;
    return st;
  };
  _snap_use.assign(_t.ins.size(), SnapUse::kBody);
  bool prefix = true;  // nothing so far could make the interpreter diverge from the recording
  for (Ref r = 0; r < _t.size(); r++) {
    Ins& in = _t[r];
    if (in.op == IrOp::NOP) continue;
    uint8_t mode = info(in).mode;
    bool operands_pre = true;
    for_each_operand(in, [&](Ref& o) { operands_pre &= _pre[size_t(canon(o))] && !_phi_of.count(canon(o)); });
    bool hoist = false;
    if (is_const(in.op) || in.op == IrOp::SLOAD)
      hoist = true;
    else if (mode & IRM_G)
      hoist = hoistable_guard(in.op) && operands_pre;
    else if (mode & IRM_L) {
      hoist = operands_pre && !calls && !stores.count(in.k);
      if (Ref st = operands_pre ? forwarded_store(r) : kNoRef; st != kNoRef) {
        hoist = true;
        Phi p{0, r, _t[st].b, in.type};
        p.memory = true;
        _phi_of[r] = _phis.size();
        _phis.push_back(p);
      }
    }
    else if ((mode & IRM_P) && !(mode & IRM_X))
      hoist = operands_pre;
    _pre[size_t(r)] = hoist;
    if (in.snap != kNoSnap) {
      bool keep = !hoist || prefix;
      if (hoist)
        for_each_entry(_t, in.snap, [&](SnapEntry& e) {
          keep &= e.ref == kNoRef || _pre[size_t(canon(e.ref))];
        });
      _snap_use[size_t(r)] = !keep ? SnapUse::kHeader : hoist ? SnapUse::kPreHeader : SnapUse::kBody;
    }
    // A failing GUARD_GC changes no path: the interpreter just collects.
    if (((mode & IRM_G) && !hoist && in.op != IrOp::GUARD_GC) || is_memory_barrier(in.op)) prefix = false;
  }
}

void LoopCloser::copy_snapshot(const Snapshot& from, Snapshot& to, bool body) {
  to.frame_start = uint32_t(_frames.size());
  to.nframes = from.nframes;
  for (uint32_t f = 0; f < from.nframes; f++) {
    SnapFrame fr = _t.snap_frames[from.frame_start + f];
    size_t start = _entries.size();
    for (uint32_t e = 0; e < fr.nentries; e++) {
      SnapEntry en = _t.snap_entries[fr.entry_start + e];
      _entries.push_back({en.slot, body ? body_snap_ref(en.ref) : pre_ref(en.ref)});
    }
    if (body && f == 0) {
      for (const Phi& p : _phis) {
        if (p.memory) continue;
        auto has = [&](const SnapEntry& en) { return en.slot == p.slot; };
        if (std::none_of(_entries.begin() + ptrdiff_t(start), _entries.end(), has))
          _entries.push_back({p.slot, p.new_ref});
      }
      std::sort(_entries.begin() + ptrdiff_t(start), _entries.end(),
                [](const SnapEntry& x, const SnapEntry& y) { return x.slot < y.slot; });
    }
    fr.entry_start = uint32_t(start);
    fr.nentries = uint32_t(_entries.size() - start);
    _frames.push_back(fr);
  }
}

void LoopCloser::rebuild() {
  std::vector<Ins> out;
  auto emit = [&](Ins in) {
    out.push_back(in);
    return Ref(out.size() - 1);
  };
  _new.assign(_t.ins.size(), kNoRef);
  auto placed = [&](Ref r) { return _t[r].op != IrOp::NOP && canon(r) == r && r != _jloop; };

  // Layout: pre-header, LOOP, PHIs, body, boxes of end values, JLOOP. Operands are still old refs.
  for (Ref r = 0; r < _t.size(); r++)
    if (placed(r) && _pre[size_t(r)]) _new[size_t(r)] = emit(_t[r]);
  for (Phi& p : _phis) {
    if (p.entry == kNoRef) p.new_entry = emit(Ins{IrOp::SLOAD, Ty::Val, 0, kNoSnap, Ref(p.slot)});
    if (p.unbox != IrOp::NOP) p.new_unbox = emit(Ins{p.unbox, p.type});
  }
  Ref loop = emit(Ins{IrOp::LOOP, Ty::Void});
  for (Phi& p : _phis) p.new_ref = emit(Ins{IrOp::PHI, p.type});
  for (Ref r = 0; r < _t.size(); r++)
    if (placed(r) && !_pre[size_t(r)]) _new[size_t(r)] = emit(_t[r]);
  for (Phi& p : _phis)
    if (p.box != IrOp::NOP) p.new_box = emit(Ins{p.box, Ty::Val});
  _new[size_t(_jloop)] = emit(_t[_jloop]);

  // Operands: the pre-header reads entry values, the body reads PHIs.
  for (Ref r = 0; r < _t.size(); r++) {
    if (!placed(r)) continue;
    bool pre = _pre[size_t(r)];
    for_each_operand(out[size_t(_new[size_t(r)])], [&](Ref& o) { o = pre ? pre_ref(o) : body_ref(o); });
  }
  for (Phi& p : _phis) {
    out[size_t(p.new_ref)].a = p.entry == kNoRef ? p.new_entry : pre_ref(p.entry);
    if (p.unbox != IrOp::NOP) {
      out[size_t(p.new_unbox)].a = out[size_t(p.new_ref)].a;
      out[size_t(p.new_ref)].a = p.new_unbox;
    }
    out[size_t(p.new_ref)].b = p.box != IrOp::NOP ? p.new_box : body_ref(p.end);
    if (p.box != IrOp::NOP) out[size_t(p.new_box)].a = body_ref(p.end);
  }

  // Snapshots. The recorder shares one snapshot among the guards of a bytecode; each old
  // snapshot is carried over once per way its instructions use it (the first in place, the
  // others appended). Snapshots no instruction uses any more are emptied.
  const std::vector<Snapshot> old = _t.snaps;
  const SnapFrame header = header_frame();
  std::fill(_t.snaps.begin(), _t.snaps.end(), Snapshot{});
  std::vector<bool> claimed(old.size());
  std::map<std::pair<uint32_t, SnapUse>, uint32_t> carried;
  auto add = [&](uint32_t s, const Snapshot& snap) {
    if (claimed[s]) {
      _t.snaps.push_back(snap);
      return uint32_t(_t.snaps.size() - 1);
    }
    claimed[s] = true;
    _t.snaps[s] = snap;
    return s;
  };
  for (Ref r = 0; r < _t.size(); r++) {
    uint32_t s = _t[r].snap;
    if (s == kNoSnap || _new[size_t(r)] == kNoRef) continue;
    SnapUse use = _snap_use[size_t(r)];
    auto [it, fresh] = carried.try_emplace({s, use});
    if (fresh) {
      Snapshot snap;
      if (use == SnapUse::kHeader) {  // the loop header as on entry: every slot in frame memory
        SnapFrame fr = header;
        fr.entry_start = uint32_t(_entries.size());
        fr.nentries = 0;
        snap.frame_start = uint32_t(_frames.size());
        snap.nframes = 1;
        _frames.push_back(fr);
      } else {
        copy_snapshot(old[s], snap, use == SnapUse::kBody);
        snap.header_exit = old[s].header_exit;
      }
      it->second = add(s, snap);
    }
    _t.snaps[it->second].at = _new[size_t(r)];
    out[size_t(_new[size_t(r)])].snap = it->second;
  }
  for (Phi& p : _phis)
    if (p.unbox != IrOp::NOP) {  // checked on entry: exits to the loop header as it was entered
      SnapFrame fr = header;
      fr.entry_start = uint32_t(_entries.size());
      fr.nentries = 0;
      Snapshot snap{p.new_unbox};
      snap.frame_start = uint32_t(_frames.size());
      snap.nframes = 1;
      _frames.push_back(fr);
      _t.snaps.push_back(snap);
      out[size_t(p.new_unbox)].snap = uint32_t(_t.snaps.size() - 1);
    }
  for (Phi& p : _phis)
    if (p.box == IrOp::BOX_INT) {  // may exit: at the loop header, after the iteration
      uint32_t js = _t[_jloop].snap;
      Snapshot snap{p.new_box};
      snap.header_exit = old[js].header_exit;
      copy_snapshot(old[js], snap, true);
      _t.snaps.push_back(snap);
      out[size_t(p.new_box)].snap = uint32_t(_t.snaps.size() - 1);
    }

  _t.ins = std::move(out);
  _t.snap_frames = std::move(_frames);
  _t.snap_entries = std::move(_entries);
  _t.loop = loop;
}

}  // namespace

bool opt_loop(Trace& t) {
  if (t.parent || t.loop != kNoRef) return false;
  Ref jloop = t.size() - 1;  // the last instruction that is not a constant
  while (jloop >= 0 && (t[jloop].op == IrOp::NOP || is_const(t[jloop].op))) jloop--;
  if (jloop < 0 || t[jloop].op != IrOp::JLOOP || t[jloop].snap >= t.snaps.size()) return false;
  LoopCloser closer(t, jloop);
  // Hoisting assumes that what the body reads with LOADI never changes: not across a call of
  // Python code (runs_python). Such loops run through their entry each iteration.
  bool calls_python = std::any_of(t.ins.begin(), t.ins.end(), [](const Ins& in) { return runs_python(in); });
  if (calls_python || !closer.plan()) {
    t[jloop].op = IrOp::LINK;
    t[jloop].k = int64_t(uintptr_t(&t));  // LINK's k is the target Trace*
    t.link = &t;
    return true;
  }
  closer.rebuild();
  return true;
}

}  // namespace chaipy::jit
