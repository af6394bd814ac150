// jit/exit.cpp — leaving compiled code: a failed guard's snapshot becomes interpreter state.
//
// The root frame gets the snapshot's stale slots written back; each inlined call in the
// snapshot becomes a real frame pushed on the frame stack (its caller resumes after the CALL,
// its lasti pointing at that CALL for tracebacks). Values are boxed by their IR type: an Int
// that does not fit a small int becomes a heap int here, the only allocation on this path.
#include <cstring>

#include "interp/opcodes.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/backend/backend.h"
#include "jit/jit_internal.h"

namespace chaipy::jit {

namespace {

Value box_exit_value(const ExitState& st, const Trace& t, Ref r) {
  uint64_t bits = exit_value_bits(st, t, r);
  switch (t[r].type) {
    case Ty::Int: {
      int64_t i = int64_t(bits);
      return Value::int_fits_small(i) ? Value::from_small_int(i) : int_from_i64(i);
    }
    case Ty::Dbl: {
      double d;
      std::memcpy(&d, &bits, 8);
      return Value::from_double(d);
    }
    case Ty::Bool: return Value::from_bool(bits & 1);
    case Ty::Ptr: return Value::from_obj(reinterpret_cast<Object*>(bits));
    default: return Value::from_bits(bits);
  }
}

void restore_frame(Frame* f, const ExitState& st, const Trace& t, const SnapFrame& sf) {
  for (uint32_t i = 0; i < sf.nentries; i++) {
    const SnapEntry& e = t.snap_entries[sf.entry_start + i];
    f->localsplus[e.slot] = box_exit_value(st, t, e.ref);
  }
  f->pc = sf.code->code + sf.pc;
  f->sp = f->localsplus + sf.nslots;
}

// Index of the CALL a caller frame is suspended in (its resume pc follows the CALL's cache word).
int32_t call_index(const SnapFrame& caller) {
  uint32_t at = caller.pc - 1;
  if (insn_op(caller.code->code[at]) == Op::CACHE) at--;
  return int32_t(at);
}

}  // namespace

extern "C" Frame* chaipy_jit_exit(ExitState* st) {
  const Trace& t = *st->trace;
  const Snapshot& sn = t.snaps[st->snap];
  Frame* f = exit_frame(*st);  // the frame register holds the root frame (backend.h)
  for (uint32_t i = 0; i < sn.nframes; i++) {
    const SnapFrame& sf = t.snap_frames[sn.frame_start + i];
    if (i > 0) {
      f->lasti = call_index(t.snap_frames[sn.frame_start + i - 1]);
      f = vm_push_frame_for(sf.func);
      f->flags = sf.flags;
    }
    restore_frame(f, *st, t, sf);
  }
  if (sn.raising) {
    // A call the trace made raised (the exception is pending): the interpreter unwinds from
    // that CALL, as if it had just failed there (pc past it; lasti = the CALL).
    f->pc++;
    g_jit.raising = true;
  }
  note_exit(st->trace, st->snap, f);
  if (sn.nframes > 1 && !sn.raising) {
    // An exit inside inlined calls with a side trace: it continues from the rebuilt frames.
    // A hand-over at the header of a loop in an inlined call enters that loop's trace (past
    // its prologue, as LINK does: we are still in the native frame of the entered trace).
    if (sn.bridge) {
      st->resume = sn.bridge;
    } else if (sn.at != kNoRef && t[sn.at].op == IrOp::EXIT) {
      if (Trace* loop = find_root_trace(f->code, uint32_t(f->pc - f->code->code))) {
        g_stats.entries++;
        st->resume = static_cast<uint8_t*>(loop->mcode) + loop->entry_offset;
      }
    }
  }
  return f;
}

}  // namespace chaipy::jit
