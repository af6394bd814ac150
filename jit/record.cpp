// jit/record.cpp — the trace recorder (see record.h).
//
// The recorder mirrors the interpreter's frames: for each frame (the root, whose slots start out
// as "still in memory", and every inlined call, whose slots exist only as IR) it keeps one IR
// ref per local/stack slot. Reading a root slot for the first time emits an SLOAD. Typed values
// (Int, Dbl, Bool, Ptr) can sit in slots directly; exits box them by their IR type.
//
// Invariant every handler keeps: guards are emitted before the handler changes the recorder's
// stack, so the lazily taken snapshot of the current instruction describes the state before it.
#include "jit/record.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "interp/gc.h"
#include "interp/objects/objects.h"
#include "interp/opcodes.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/helpers.h"
#include "jit/jit_internal.h"

namespace chaipy::jit {

const char* const kAbortText[int(Abort::kCount)] = {
#define ABORT(name, text) text,
#include "jit/aborts.def"
#undef ABORT
};

namespace {

constexpr uint64_t kNullBits = Value::null().bits();
constexpr int64_t kPayloadMask = int64_t(Value::kPayloadMask);

struct AbortEx {
  Abort why;
  std::string detail;
};
[[noreturn]] void fail(Abort why, std::string detail = {}) { throw AbortEx{why, std::move(detail)}; }

// The concrete int64 value of a Python int held by an Int ref (small or a heap int in range).
int64_t cint(Value v) {
  int64_t i;
  if (!int_to_i64(v, &i)) fail(Abort::OPERANDS, "int outside int64");
  return i;
}

struct RFrame {
  Frame* real;                 // the interpreter frame (it exists while recording)
  CodeObject* code;
  FunctionObject* func;        // inlined frames only
  std::vector<Ref> slot;       // localsplus then the value stack
  std::vector<uint8_t> dirty;  // root frame: the slot's memory value is stale
  uint32_t sp;                 // depth (slots in use)
  uint32_t flags;              // kFrameInit for inlined __init__ frames
  uint32_t resume_pc;          // callers: where they continue after the call returns
  std::vector<bool> header;    // inlined frames: pcs that are loop headers (back-edge targets)
  Ref closure = kNoRef;        // a function made in the trace: its closure tuple (else func's)
  bool fresh = false;          // the function was made in the trace (MAKE_FUNCTION)
  Ref fn_ref = kNoRef;         // a function guarded by its code: the Ptr to read defaults and cells from
};

// What CALL told us the interpreter will do next: push a frame for `fn`.
struct PendingCall {
  FunctionObject* fn = nullptr;
  std::vector<Ref> args;
  bool init = false;
  uint32_t caller_sp = 0;
  uint32_t resume_pc = 0;
  bool fresh = false;          // fn was made in the trace; `closure` is its closure tuple ref
  Ref closure = kNoRef;
  Ref fn_ref = kNoRef;         // fn was guarded by its code, not its identity (callee_by_code)
};

class RecorderImpl final : public Recorder {
 public:
  RecorderImpl(int maxrecord, int maxinline) : maxrecord_(maxrecord), maxinline_(maxinline), t_(new Trace) {}

  void start_root(Frame* f, uint32_t header_pc, uint32_t backedge_pc) {
    backedge_pc_ = backedge_pc;
    // A loop that assigns globals (or module-level names) reads its namespace in place.
    for (uint32_t pc = header_pc; pc <= backedge_pc && pc < f->code->ncode; pc++) {
      Op op = insn_op(f->code->code[pc]);
      if (op == Op::STORE_GLOBAL || (op == Op::STORE_NAME && f->locals == f->globals)) mark_globals_mutable(f->globals);
    }
    t_->code = f->code;
    t_->header_pc = header_pc;
    push_root(f);
    // Snapshot 0: the entry state (ir.h) — the header, nothing stale.
    cur_pc_ = header_pc;
    sp0_ = frames_[0].sp;
    entry_snap_ = take_snapshot();
    expect_frame_ = f;
    expect_pc_ = header_pc;
  }

  // A function trace: from the entry of the function whose frame f was just pushed to its
  // return (RET), calls of itself and of other traced functions made through call_trace.
  void start_function(Frame* f) {
    t_->code = f->code;
    t_->header_pc = 0;
    t_->function = true;
    fdepth_ = 0;
    push_root(f);
    cur_pc_ = 0;
    sp0_ = 0;
    entry_snap_ = take_snapshot();
    expect_frame_ = f;
    expect_pc_ = 0;
  }

  void start_side(Frame* f, Trace* parent, uint32_t snap) {
    Trace* root = parent;
    while (root->parent) root = root->parent;
    t_->code = root->code;
    t_->header_pc = root->header_pc;
    t_->parent = parent;
    t_->parent_snap = snap;
    t_->function = root->function;
    root_ = root;
    const Snapshot& ps = parent->snaps[snap];
    fdepth_ = ps.fdepth < 0 ? -1 : ps.fdepth + int32_t(ps.nframes) - 1;
    push_root(f);
    expect_frame_ = f;
    expect_pc_ = uint32_t(f->pc - f->code->code);
  }

  StepResult step(Frame* f, const uint32_t* pc) override {
    if (done_) return StepResult::Done;
    try {
      StepResult r = step_inner(f, uint32_t(pc - f->code->code));
      if (r == StepResult::Done || done_) {
        done_ = true;
        return StepResult::Done;
      }
      return r;
    } catch (AbortEx& e) {
      abort(e.why, e.detail);
      return StepResult::Aborted;
    }
  }

  void abort(Abort why, const std::string& detail) override {
    why_ = why;
    detail_ = detail;
  }
  std::unique_ptr<Trace> take_trace() override { return std::move(t_); }
  const Trace* trace() const override { return t_.get(); }
  Abort abort_reason() const override { return why_; }
  const std::string& abort_detail() const override { return detail_; }
  const std::string& recorded() const override { return t_->recorded; }
  int nrecorded() const override { return nrecorded_; }

 private:
  int maxrecord_, maxinline_;
  std::unique_ptr<Trace> t_;
  Trace* root_ = nullptr;       // side traces: the root trace of the tree
  std::vector<RFrame> frames_;
  PendingCall pending_;
  Frame* expect_frame_ = nullptr;
  uint32_t expect_pc_ = 0;
  uint32_t cur_pc_ = 0, sp0_ = 0;
  uint32_t backedge_pc_ = 0;    // root traces: the loop body is [header_pc, backedge_pc]
  uint32_t cur_snap_ = kNoSnap;  // snapshot of the current instruction, taken lazily
  uint32_t entry_snap_ = kNoSnap;
  int nrecorded_ = 0;
  int32_t fdepth_ = -1;         // Snapshot::fdepth of the current base frame
  Frame* skip_frame_ = nullptr;  // after call_trace: the interpreter runs the callee unrecorded
  uint32_t skip_pc_ = 0;        //   until it is back in this frame at this pc
  bool done_ = false;
  bool allocates_ = false;      // the trace calls helpers that allocate: check GC debt per loop
  // The next bytecode, already recorded with this one (the UNPACK_SEQUENCE 2 of an enumerate /
  // zip FOR_ITER, the BINARY_SUBSCR of a BUILD_SLICE), or none.
  std::optional<Op> fused_;
  Abort why_ = Abort::BYTECODE;
  std::string detail_;
  // Typed views of Val refs already unboxed (Val ref -> typed ref).
  std::unordered_map<Ref, Ref> unboxed_;

  // -- Frames and slots -----------------------------------------------------------------------
  RFrame& top() { return frames_.back(); }
  void push_root(Frame* f) {
    RFrame r;
    r.real = f;
    r.code = f->code;
    r.func = nullptr;
    size_t n = f->code->nlocalsplus + f->code->stacksize;
    r.slot.assign(n, kNoRef);
    r.dirty.assign(n, 0);
    r.sp = uint32_t(f->sp - f->stack_base());
    r.flags = 0;
    r.resume_pc = 0;
    frames_.push_back(std::move(r));
  }
  Value concrete(uint32_t slot) { return top().real->localsplus[slot]; }
  Value cpeek(int i) { return concrete(top().code->nlocalsplus + sp0_ - 1 - i); }  // concrete stack value i below the top
  Ref get(uint32_t s) {
    RFrame& fr = top();
    if (fr.slot[s] == kNoRef) {
      if (frames_.size() > 1) return t_->kval(kNullBits);
      fr.slot[s] = t_->emit(IrOp::SLOAD, Ty::Val, Ref(s));
    }
    return fr.slot[s];
  }
  void set(uint32_t s, Ref r) {
    top().slot[s] = r;
    top().dirty[s] = 1;
  }
  // Stack access relative to the instruction's starting depth sp0_ (peek) and the live depth.
  Ref peek(int i) { return get(top().code->nlocalsplus + sp0_ - 1 - i); }
  void pop(int n) { top().sp -= n; }
  void push(Ref r) {
    uint32_t s = top().code->nlocalsplus + top().sp;
    top().sp++;
    set(s, r);
  }
  uint32_t depth_slot(uint32_t depth) { return top().code->nlocalsplus + depth; }

  // -- Snapshots --------------------------------------------------------------------------------
  uint32_t take_snapshot() {
    Snapshot sn;
    sn.frame_start = uint32_t(t_->snap_frames.size());
    for (size_t i = 0; i < frames_.size(); i++) {
      RFrame& fr = frames_[i];
      bool is_top = i + 1 == frames_.size();
      SnapFrame sf{};
      sf.code = fr.code;
      sf.func = fr.func;
      t_->keep(fr.code);
      t_->keep(fr.func);
      sf.pc = is_top ? cur_pc_ : fr.resume_pc;
      sf.nslots = fr.code->nlocalsplus + (is_top ? sp0_ : fr.sp);
      sf.flags = fr.flags;
      sf.entry_start = uint32_t(t_->snap_entries.size());
      for (uint32_t s = 0; s < sf.nslots; s++) {
        if (fr.slot[s] == kNoRef) continue;
        if (i == 0 && !fr.dirty[s]) continue;
        t_->snap_entries.push_back(SnapEntry{s, fr.slot[s]});
      }
      sf.nentries = uint32_t(t_->snap_entries.size()) - sf.entry_start;
      t_->snap_frames.push_back(sf);
    }
    sn.nframes = uint32_t(frames_.size());
    sn.header_exit = frames_.size() == 1 && cur_pc_ == t_->header_pc && !t_->function;
    sn.fdepth = fdepth_;
    t_->snaps.push_back(sn);
    return uint32_t(t_->snaps.size() - 1);
  }
  Ref guard(IrOp op, Ty ty, Ref a, Ref b = kNoRef, int64_t k = 0) {
    // An object a guard compares against stays alive as long as the trace (Trace::gcrefs).
    // (A Ptr-typed GUARD_VAL may compare raw pointers, such as a frame's pc: pin() and the
    // shape guards keep their objects themselves.)
    if (op == IrOp::GUARD_TYPE) t_->keep(reinterpret_cast<Object*>(k));
    if ((op == IrOp::GUARD_VAL || op == IrOp::GUARD_NOTVAL) && type(a) == Ty::Val && Value::from_bits(uint64_t(k)).is_obj())
      t_->keep(Value::from_bits(uint64_t(k)).as_obj());
    if (cur_snap_ == kNoSnap) cur_snap_ = take_snapshot();
    Ref r = t_->emit(op, ty, a, b, k);
    (*t_)[r].snap = cur_snap_;
    t_->snaps[cur_snap_].at = r;
    return r;
  }
  Ref emit(IrOp op, Ty ty, Ref a = kNoRef, Ref b = kNoRef, int64_t k = 0) { return t_->emit(op, ty, a, b, k); }
  Ty type(Ref r) { return (*t_)[r].type; }
  bool is_const(Ref r) { IrOp o = (*t_)[r].op; return o == IrOp::KINT || o == IrOp::KDBL || o == IrOp::KPTR || o == IrOp::KVAL; }

  // -- Typed views of values -------------------------------------------------------------------------
  // A constant Value becomes the most specific IR constant.
  Ref constant(Value v) {
    if (v.is_small_int()) return t_->kint(v.as_small_int());
    if (v.is_double()) return t_->kdbl(v.as_double());
    return t_->kval(v.bits());
  }
  Ref memo(Ref r, IrOp op, Ty ty, int64_t k = 0) {
    auto key = r * 8 + int(ty);
    auto it = unboxed_.find(key);
    if (it != unboxed_.end() && (*t_)[it->second].k == k) return it->second;
    Ref u = guard(op, ty, r, kNoRef, k);
    unboxed_[key] = u;
    return u;
  }
  // `r` as an Int; `v` is its concrete value (a small int or bool-free int).
  Ref as_int(Ref r, Value v) {
    Ty ty = type(r);
    if (ty == Ty::Int) return r;
    if (ty == Ty::Val) {
      if (is_const(r)) {
        Value c = Value::from_bits(uint64_t((*t_)[r].k));
        if (c.is_small_int()) return t_->kint(c.as_small_int());
        fail(Abort::OPERANDS, "int constant");
      }
      if (!v.is_small_int()) fail(Abort::OPERANDS, "expected a small int");
      return memo(r, IrOp::UNBOX_INT, Ty::Int);
    }
    fail(Abort::OPERANDS, "not an int");
  }
  Ref as_dbl(Ref r, Value v) {
    Ty ty = type(r);
    if (ty == Ty::Dbl) return r;
    if (ty == Ty::Int && (*t_)[r].op == IrOp::KINT) return t_->kdbl(double((*t_)[r].k));
    if (ty == Ty::Int) return emit(IrOp::CONV_I2D, Ty::Dbl, r);
    if (ty == Ty::Val) {
      if (v.is_double()) return memo(r, IrOp::UNBOX_DBL, Ty::Dbl);
      if (v.is_small_int()) return emit(IrOp::CONV_I2D, Ty::Dbl, as_int(r, v));
      if (isinstance_exact(v, types::int_)) {
        // An int past the immediate range (an LCG's state >> 11), converted as float arithmetic
        // converts it; one past the float range exits and the interpreter raises OverflowError.
        Ref d = call(Helper::int_float, Ty::Val, {box(as_obj(r, v))}, true);
        return guard(IrOp::UNBOX_DBL, Ty::Dbl, d);
      }
    }
    fail(Abort::OPERANDS, "not a float");
  }
  // The object in `r` with its exact type guarded to be v's type.
  Ref as_obj(Ref r, Value v) {
    if (!v.is_obj()) fail(Abort::OPERANDS, "not an object");
    TypeObject* tp = v.as_obj()->type;
    Ty ty = type(r);
    if (ty == Ty::Ptr) {
      auto it = ptr_type_.find(r);
      if (it != ptr_type_.end() && it->second == tp) return r;
      guard(IrOp::GUARD_TYPE, Ty::Void, r, kNoRef, int64_t(tp));
      ptr_type_[r] = tp;
      return r;
    }
    if (ty != Ty::Val) fail(Abort::OPERANDS, "not an object ref");
    if (is_const(r)) {
      Ref p = t_->kobj(v.as_obj());
      ptr_type_[p] = tp;
      return p;
    }
    if (auto it = made_.find(r); it != made_.end() && ptr_type_[it->second] == tp) return it->second;
    t_->keep(tp);
    Ref p = memo(r, IrOp::UNBOX_OBJ, Ty::Ptr, int64_t(tp));
    ptr_type_[p] = tp;
    return p;
  }
  std::unordered_map<Ref, TypeObject*> ptr_type_;  // Ptr refs whose exact type is guarded
  std::unordered_map<Ref, Ref> made_;              // objects allocated in the trace: Val ref -> Ptr ref
  std::unordered_map<Ref, Ref> made_fn_;           // functions made in the trace -> closure ref (or kNoRef)
  std::unordered_map<Ref, std::pair<Ref, Ref>> made_method_;  // bound methods made in the trace -> (function, self)

  // A new object from an allocating helper; its exact type is known.
  Ref made(Helper h, TypeObject* tp, std::initializer_list<Ref> args) {
    allocates_ = true;
    Ref o = call(h, Ty::Val, args, false);
    Ref p = emit(IrOp::BAND, Ty::Ptr, o, t_->kint(kPayloadMask));
    ptr_type_[p] = tp;
    made_[o] = p;
    return o;
  }
  // BUILD_TUPLE / BUILD_LIST: allocate, then store the (boxed) items.
  void rec_build(bool is_list, uint32_t n) {
    std::vector<Ref> items(n);
    for (uint32_t i = 0; i < n; i++) items[i] = box(peek(int(n - 1 - i)));
    Ref o = made(is_list ? Helper::list_new : Helper::tuple_new, is_list ? types::list : types::tuple, {t_->kint(n)});
    Ref p = made_[o];
    Ref base = is_list && n ? emit(IrOp::LOAD, Ty::Ptr, p, kNoRef, offsetof(ListObject, items)) : p;
    int64_t first = is_list ? 0 : int64_t(offsetof(TupleObject, items));
    for (uint32_t i = 0; i < n; i++) emit(IrOp::STORE, Ty::Void, base, items[i], first + 8 * int64_t(i));
    pop(int(n));
    push(o);
  }
  // MAKE_FUNCTION of a constant code object, with a closure or nothing. A call of the new
  // function is inlined without an identity guard (its code is known). Frames rebuilt at exits
  // name the function seen while recording: after COPY_FREE_VARS (always the first instruction
  // of a function with free variables) nothing in the frame reads its function object.
  void rec_make_function(Frame* f, uint32_t arg) {
    if (arg & ~8u) fail(Abort::BYTECODE, "MAKE_FUNCTION with defaults or annotations");
    Value code = cpeek(0);
    if (!is_const(peek(0)) || !isinstance_exact(code, types::code)) fail(Abort::OPERANDS, "MAKE_FUNCTION");
    Ref closure = kNoRef;
    if (arg & 8) {
      if (!isinstance_exact(cpeek(1), types::tuple)) fail(Abort::OPERANDS, "closure");
      closure = peek(1);
    }
    Ref fn = made(Helper::function_new, types::function,
                  {t_->kobj(code.as_obj()), t_->kobj(f->globals), t_->kobj(f->builtins),
                   closure == kNoRef ? t_->kval(kNullBits) : box(closure)});
    made_fn_[fn] = closure;
    pop(arg & 8 ? 2 : 1);
    push(fn);
  }
  // Instances this trace allocated (Val ref -> its Ptr and current shape): their type and shape
  // are known statically, so attribute access needs no guards and may add attributes.
  struct Fresh {
    Ref ptr;
    Shape* shape;
  };
  std::unordered_map<Ref, Fresh> fresh_;
  Fresh* fresh(Ref r) {
    auto it = fresh_.find(r);
    return it == fresh_.end() ? nullptr : &it->second;
  }
  static Ref inline_slot_offset(int idx) { return Ref(offsetof(InstanceObject, inline_slots) + 8 * idx); }
  // A boxed view (for storing into memory or identity tests).
  Ref box(Ref r) {
    switch (type(r)) {
      case Ty::Val: return r;
      case Ty::Int: {
        const Ins& in = (*t_)[r];
        if (in.op == IrOp::KINT && Value::int_fits_small(in.k)) return t_->kval(Value::from_small_int(in.k).bits());
        return guard(IrOp::BOX_INT, Ty::Val, r);
      }
      case Ty::Dbl: return emit(IrOp::BOX_DBL, Ty::Val, r);
      case Ty::Bool: return emit(IrOp::BOX_BOOL, Ty::Val, r);
      case Ty::Ptr: return emit(IrOp::BOX_OBJ, Ty::Val, r);
      default: fail(Abort::OPERANDS, "void value");
    }
  }
  // Guards that r (concrete v) is the object v itself; returns a constant for it.
  Ref pin(Ref r, Value v) {
    if (is_const(r)) return r;
    if (v.is_obj()) t_->keep(v.as_obj());  // None and bools are immediates: nothing to keep
    if (type(r) == Ty::Ptr) guard(IrOp::GUARD_VAL, Ty::Void, r, kNoRef, int64_t(v.as_obj()));
    else guard(IrOp::GUARD_VAL, Ty::Void, box(r), kNoRef, int64_t(v.bits()));
    return t_->kval(v.bits());
  }
  // Guards the branch direction of a truth test on r (concrete v); returns the truth value.
  bool truth(Ref r, Value v) {
    Ty ty = type(r);
    bool res;
    Ref cond;
    if (ty == Ty::Bool) {
      cond = r;
      // the concrete value is a bool on the stack
      res = v.is_bool() ? v.as_bool() : (v.bits() & Value::kPayloadMask) != 0;
    } else if (ty == Ty::Int || (ty == Ty::Val && v.is_small_int())) {
      Ref i = as_int(r, v);
      res = cint(v) != 0;
      cond = emit(IrOp::NE, Ty::Bool, i, t_->kint(0));
    } else if (ty == Ty::Dbl || (ty == Ty::Val && v.is_double())) {
      Ref d = as_dbl(r, v);
      res = v.as_double() != 0.0;
      cond = emit(IrOp::FNE, Ty::Bool, d, t_->kdbl(0.0));
    } else if (ty == Ty::Val && v.is_bool()) {
      if (is_const(r)) return v.as_bool();
      cond = memo(r, IrOp::UNBOX_BOOL, Ty::Bool);
      res = v.as_bool();
    } else if (ty == Ty::Val && v.is_none()) {
      pin(r, v);
      return false;
    } else if (v.is_obj() && (v.as_obj()->type == types::list || v.as_obj()->type == types::tuple)) {
      bool is_list = v.as_obj()->type == types::list;
      Ref o = as_obj(r, v);
      Ref n = emit(IrOp::LOAD, Ty::Int, o, kNoRef, is_list ? offsetof(ListObject, size) : offsetof(TupleObject, size));
      res = (is_list ? v.as<ListObject>()->size : v.as<TupleObject>()->size) != 0;
      cond = emit(IrOp::NE, Ty::Bool, n, t_->kint(0));
    } else {
      fail(Abort::OPERANDS, "truth value of " + std::string(type_name(v)));
    }
    if (is_const(cond)) return res;
    guard(res ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, cond);
    return res;
  }

  // -- The step -----------------------------------------------------------------------------------
  StepResult step_inner(Frame* f, uint32_t pc) {
    if (skip_frame_) {  // a call made through call_trace: the callee is not recorded
      if (f != skip_frame_ || pc != skip_pc_) return StepResult::Continue;
      skip_frame_ = nullptr;
    }
    // Frame transitions predicted by the previous instruction.
    if (pending_.fn) {
      if (f->prev != top().real || f->code != pending_.fn->code || pc != 0) fail(Abort::FLOW, "call did not push the frame");
      push_inlined(f);
    } else if (f != expect_frame_ || pc != expect_pc_) {
      fail(Abort::FLOW);
    }
    uint32_t word = f->code->code[pc];
    Op op = insn_op(word);
    uint32_t arg = insn_arg(word);
    cur_pc_ = pc;
    cur_snap_ = kNoSnap;
    t_->set_origin(f->code, pc);  // line markers of --dump-traces / --jit-log
    if (fused_) {
      Op want = *fused_;
      fused_.reset();
      if (f != expect_frame_ || op != want) fail(Abort::FLOW);
      if (want_dump()) t_->recorded += record_line(f->code, pc, int(frames_.size()) - 1);
      expect_pc_ = pc + 1 + (op_has_cache(op) ? 1 : 0);
      return StepResult::Continue;
    }
    sp0_ = top().sp;
    if (sp0_ != uint32_t(f->sp - f->stack_base())) fail(Abort::FLOW, "stack depth mismatch");

    // Trace ends: back at our header, or at the header of a loop that has a trace.
    if (frames_.size() == 1) {
      if (!t_->parent && !t_->function && pc == t_->header_pc && nrecorded_ > 0) return close_loop();
      if (Trace* other = find_root_trace(f->code, pc); other && (t_->parent || pc != t_->header_pc) && nrecorded_ > 0)
        return close_link(other);
    }
    // A loop inside an inlined call: hand over at its header. The exit handler rebuilds the
    // frames and enters the loop's own trace (or the interpreter runs it until it has one).
    // A loop that is blacklisted never gets a trace: after a short recording, such a hand-over
    // would cost an exit that rebuilds the frames every time, to save the few instructions
    // before the call.
    if (frames_.size() > 1 && top().header[pc]) {
      if (t_->size() < kShortPrefix && loop_blacklisted(f->code, pc)) fail(Abort::LOOP_IN_CALL, "its loop is blacklisted");
      return close(IrOp::EXIT);
    }
    if (frames_.size() == 1 && !t_->parent && !t_->function && (pc < t_->header_pc || pc > backedge_pc_))
      fail(Abort::LEFT_LOOP);
    if (++nrecorded_ > maxrecord_ || t_->size() > 8 * maxrecord_) fail(Abort::TOO_LONG);
    if (want_dump()) t_->recorded += record_line(f->code, pc, int(frames_.size()) - 1);

    expect_frame_ = f;
    uint32_t next = pc + 1 + (op_has_cache(op) ? 1 : 0);
    expect_pc_ = next;
    record(op, arg, f, next);
    return StepResult::Continue;
  }

  void push_inlined(Frame* f) {
    if (int(frames_.size()) > maxinline_) fail(Abort::INLINE_DEPTH);
    RFrame& caller = top();
    caller.sp = pending_.caller_sp;
    caller.resume_pc = pending_.resume_pc;
    RFrame r;
    r.real = f;
    r.code = f->code;
    r.func = pending_.fn;
    size_t n = f->code->nlocalsplus + f->code->stacksize;
    r.slot.assign(n, kNoRef);
    r.dirty.assign(n, 1);
    r.sp = 0;
    r.flags = pending_.init ? uint32_t(kFrameInit) : 0u;
    r.fresh = pending_.fresh;
    r.closure = pending_.closure;
    r.fn_ref = pending_.fn_ref;
    r.resume_pc = 0;
    CodeObject* co = f->code;
    r.header.assign(co->ncode, false);
    for (uint32_t i = 0; i < co->ncode; i++)
      if (insn_op(co->code[i]) == Op::JUMP_BACKWARD) r.header[insn_arg(co->code[i])] = true;
    for (size_t i = 0; i < pending_.args.size(); i++) r.slot[i] = pending_.args[i];  // defaults included (bind_params)
    frames_.push_back(std::move(r));
    pending_ = PendingCall{};
    expect_frame_ = f;
  }

  // The trace ends here (cur_pc_ of the root frame) with `op` (JLOOP, LINK or EXIT) carrying
  // the snapshot of that state. A trace that allocates first checks the GC debt there; one that
  // loops (JLOOP, or LINK back into a loop) checks it anyway, because a signal (Ctrl-C) raises
  // the debt too (interp/safepoint.h) and a compiled `while True:` must stop for it. EXIT goes
  // back to the interpreter, whose next back-edge checks.
  StepResult close(IrOp op, int64_t k = 0) {
    if (allocates_ || op != IrOp::EXIT) end_with(IrOp::GUARD_GC, 0);
    end_with(op, k);
    done_ = true;
    return StepResult::Done;
  }
  void end_with(IrOp op, int64_t k) {
    uint32_t s = take_snapshot();
    Ref r = t_->emit(op, Ty::Void, kNoRef, kNoRef, k);
    (*t_)[r].snap = s;
    t_->snaps[s].at = r;
  }
  StepResult close_loop() {
    cur_pc_ = t_->header_pc;
    return close(IrOp::JLOOP);
  }
  StepResult close_link(Trace* target) {
    t_->link = target;
    return close(IrOp::LINK, int64_t(target));
  }

  // -- Bytecodes ------------------------------------------------------------------------------------
  void record(Op op, uint32_t arg, Frame* f, uint32_t next) {
    CodeObject* co = f->code;
    uint32_t nl = co->nlocalsplus;
    switch (op) {
      case Op::NOP:
      case Op::KW_NAMES:  // read back by the CALL that follows (rec_call)
        return;
      case Op::POP_TOP: pop(1); return;
      case Op::PUSH_NULL: push(t_->kval(kNullBits)); return;
      case Op::COPY: {
        Ref r = peek(int(arg) - 1);
        push(r);
        return;
      }
      case Op::SWAP: {
        Ref a = peek(0), b = peek(int(arg) - 1);
        set(nl + sp0_ - 1, b);
        set(nl + sp0_ - arg, a);
        return;
      }
      case Op::LOAD_CONST: push(constant(co->consts[arg])); return;
      case Op::LOAD_FAST: {
        if (concrete(arg).is_null()) fail(Abort::UNBOUND);
        push(get(arg));
        return;
      }
      case Op::STORE_FAST: {
        Ref v = peek(0);
        pop(1);
        set(arg, v);
        return;
      }
      case Op::LOAD_GLOBAL: return rec_load_global(f, arg);
      case Op::LOAD_NAME:
        if (f->locals != f->globals) fail(Abort::GLOBAL, "LOAD_NAME outside module code");
        return rec_load_global(f, arg << 1);  // the same lookup, without LOAD_GLOBAL's NULL bit
      case Op::STORE_NAME:
        if (f->locals != f->globals) fail(Abort::GLOBAL, "STORE_NAME outside module code");
        return rec_store_global(f, arg);
      case Op::STORE_GLOBAL: return rec_store_global(f, arg);
      case Op::LOAD_DEREF: {
        Value cell = concrete(arg);
        if (!isinstance_exact(cell, types::cell) || cell.as<CellObject>()->value.is_null()) fail(Abort::UNBOUND);
        Ref c = as_obj(get(arg), cell);
        Ref v = emit(IrOp::LOAD, Ty::Val, c, kNoRef, offsetof(CellObject, value));
        guard(IrOp::GUARD_NOTVAL, Ty::Void, v, kNoRef, int64_t(kNullBits));
        push(v);
        return;
      }
      case Op::STORE_DEREF: {
        Value cell = concrete(arg);
        if (!isinstance_exact(cell, types::cell)) fail(Abort::UNBOUND);
        Ref c = as_obj(get(arg), cell);
        Ref v = box(peek(0));
        emit(IrOp::STORE, Ty::Void, c, v, offsetof(CellObject, value));
        pop(1);
        return;
      }
      case Op::COPY_FREE_VARS: {
        // The closure cells of an (identity-guarded) function are constants; those of a
        // function made in the trace are read from its closure tuple (forwarded from the
        // BUILD_TUPLE's stores when that was recorded too).
        RFrame& fr = top();
        uint32_t first = co->nlocalsplus - arg;
        if (frames_.size() == 1 && t_->function && !t_->parent) {
          // A function trace's own frame: each call's function has its own closure.
          Ref fn = emit(IrOp::LOAD, Ty::Ptr, emit(IrOp::FRAME, Ty::Ptr), kNoRef, offsetof(Frame, func));
          Ref tup = emit(IrOp::LOAD, Ty::Ptr, fn, kNoRef, offsetof(FunctionObject, closure));
          for (uint32_t i = 0; i < arg; i++)
            set(first + i, emit(IrOp::LOAD, Ty::Val, tup, kNoRef, int64_t(offsetof(TupleObject, items) + 8 * i)));
          return;
        }
        if (!fr.func || !fr.func->closure) fail(Abort::BYTECODE, "COPY_FREE_VARS at the root");
        if (fr.fn_ref != kNoRef) {  // guarded by its code: this call's own closure
          Ref tup = emit(IrOp::LOADI, Ty::Ptr, fr.fn_ref, kNoRef, offsetof(FunctionObject, closure));
          for (uint32_t i = 0; i < arg; i++) set(first + i, emit(IrOp::LOADI, Ty::Val, tup, kNoRef, tuple_item_offset(i)));
          return;
        }
        if (fr.fresh) {
          Ref tup = as_obj(fr.closure, Value::from_obj(fr.func->closure));
          for (uint32_t i = 0; i < arg; i++)
            set(first + i, emit(IrOp::LOAD, Ty::Val, tup, kNoRef, int64_t(offsetof(TupleObject, items) + 8 * i)));
          return;
        }
        for (uint32_t i = 0; i < arg; i++) set(first + i, t_->kval(fr.func->closure->items[i].bits()));
        return;
      }
      case Op::LOAD_CLOSURE: push(get(arg)); return;
      case Op::MAKE_CELL: set(arg, made(Helper::cell_new, types::cell, {box(get(arg))})); return;
      case Op::BUILD_TUPLE:
      case Op::BUILD_LIST: return rec_build(op == Op::BUILD_LIST, arg);
      case Op::LIST_APPEND: {
        Value l = cpeek(int(arg));
        if (!isinstance_exact(l, types::list)) fail(Abort::OPERANDS, "LIST_APPEND");
        call(Helper::list_append, Ty::Int, {as_obj(peek(int(arg)), l), box(peek(0))}, true);
        pop(1);
        return;
      }
      case Op::MAKE_FUNCTION: return rec_make_function(f, arg);
      case Op::LOAD_ATTR: return rec_load_attr(f, arg);
      case Op::STORE_ATTR: return rec_store_attr(f, arg);
      case Op::LOAD_METHOD: return rec_load_method(f, arg);
      case Op::BINARY_SUBSCR: return rec_subscr();
      case Op::STORE_SUBSCR: return rec_store_subscr();
      case Op::UNARY_NEGATIVE: {
        Ref a = peek(0);
        Value v = cpeek(0);
        Ref r;
        if (type(a) == Ty::Dbl || (type(a) == Ty::Val && v.is_double())) r = emit(IrOp::FNEG, Ty::Dbl, as_dbl(a, v));
        else if (type(a) == Ty::Int || v.is_small_int()) r = guard(IrOp::NEGOV, Ty::Int, as_int(a, v));
        else if (isinstance_exact(v, types::int_)) r = big_unary(BinOp::SUBTRACT, t_->kval(Value::from_small_int(0).bits()), a, v);
        else fail(Abort::OPERANDS, "unary -");
        pop(1);
        push(r);
        return;
      }
      case Op::UNARY_INVERT: {  // ~x == x ^ -1 for ints
        Ref a = peek(0);
        Value v = cpeek(0);
        Ref r;
        if (type(a) == Ty::Int || v.is_small_int()) r = emit(IrOp::BXOR, Ty::Int, as_int(a, v), t_->kint(-1));
        else if (type(a) == Ty::Val && isinstance_exact(v, types::int_)) r = big_unary(BinOp::XOR, t_->kval(Value::from_small_int(-1).bits()), a, v);
        else fail(Abort::OPERANDS, std::string("~") + type_name(v));
        pop(1);
        push(r);
        return;
      }
      case Op::UNARY_NOT: {
        bool res = truth(peek(0), cpeek(0));
        pop(1);
        push(t_->kval(Value::from_bool(!res).bits()));
        return;
      }
      case Op::BINARY_OP: return rec_binary(arg);
      case Op::COMPARE_OP: return rec_compare(CmpOp(arg));
      case Op::IS_OP: {
        Value a = cpeek(1), b = cpeek(0);
        bool same = (a == b) != bool(arg);
        Ref ra = peek(1), rb = peek(0);
        // `x is None` and friends: pin whichever side is a constant against the other.
        if (!(is_const(ra) && is_const(rb))) {
          Ref x = box(ra), y = box(rb);
          Ref c = emit(IrOp::EQ, Ty::Bool, x, y);
          guard((a == b) ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, c);
        }
        pop(2);
        push(t_->kval(Value::from_bool(same).bits()));
        return;
      }
      case Op::JUMP_FORWARD:
      case Op::JUMP_BACKWARD:
      case Op::JUMP_BACKWARD_NO_INTERRUPT:
        if (op == Op::JUMP_BACKWARD && frames_.size() > 1) fail(Abort::LOOP_IN_CALL);
        if (op == Op::JUMP_BACKWARD && fdepth_ == 0) fail(Abort::FUNC_LOOP);
        if (op == Op::JUMP_BACKWARD && arg != t_->header_pc && !find_root_trace(co, arg)) {
          // A loop without a trace: a side trace hands over to the interpreter at its back-edge
          // (which enters the loop's trace once there is one); a root trace waits for it.
          if (!t_->parent) fail(Abort::INNER_LOOP);
          close(IrOp::EXIT);
          return;
        }
        expect_pc_ = arg;
        return;
      case Op::POP_JUMP_IF_FALSE:
      case Op::POP_JUMP_IF_TRUE: {
        bool res = truth(peek(0), cpeek(0));
        pop(1);
        if (res == (op == Op::POP_JUMP_IF_TRUE)) expect_pc_ = arg;
        return;
      }
      case Op::POP_JUMP_IF_NONE:
      case Op::POP_JUMP_IF_NOT_NONE: {
        Value v = cpeek(0);
        Ref r = peek(0);
        bool none = v.is_none();
        if (type(r) == Ty::Val && !is_const(r)) guard(none ? IrOp::GUARD_VAL : IrOp::GUARD_NOTVAL, Ty::Void, r, kNoRef, int64_t(Value::none().bits()));
        pop(1);
        if (none == (op == Op::POP_JUMP_IF_NONE)) expect_pc_ = arg;
        return;
      }
      case Op::JUMP_IF_FALSE_OR_POP:
      case Op::JUMP_IF_TRUE_OR_POP: {
        bool res = truth(peek(0), cpeek(0));
        if (res == (op == Op::JUMP_IF_TRUE_OR_POP)) expect_pc_ = arg;
        else pop(1);
        return;
      }
      case Op::GET_ITER: {
        Value v = cpeek(0);
        if (!v.is_obj()) fail(Abort::OPERANDS, "iter()");
        TypeObject* tp = v.as_obj()->type;
        if (tp == g_iter_types[kIterRange] || tp == g_iter_types[kIterList] || tp == g_iter_types[kIterTuple] ||
            tp == g_iter_types[kIterStrAscii] || tp == g_iter_types[kIterStr] || tp == g_iter_types[kIterBytes] ||
            tp == g_iter_types[kIterListReversed] || tp == enumerate_type || tp == zip_type) {
          as_obj(peek(0), v);  // iter(iterator) is the iterator itself
          return;
        }
        if (tp != types::list && tp != types::tuple && tp != types::range && tp != types::str && tp != types::bytes)
          fail(Abort::OPERANDS, "iter()");
        Ref o = box(as_obj(peek(0), v));
        Ref it = call(Helper::get_iter, Ty::Val, {o}, true);
        allocates_ = true;
        pop(1);
        push(it);
        return;
      }
      case Op::FOR_ITER: return rec_for_iter(arg);
      case Op::CONTAINS_OP: {
        Value c = cpeek(0), k = cpeek(1);
        bool seq = isinstance_exact(c, types::list) || isinstance_exact(c, types::tuple);
        if (!seq && !isinstance_exact(c, types::dict)) fail(Abort::OPERANDS, std::string("in ") + type_name(c));
        need_simple_key(k);
        Ref found = seq ? call(Helper::seq_contains, Ty::Val, {as_obj(peek(0), c), box(peek(1))}, true)
                        : dict_call(Helper::dict_contains, Ty::Val, peek(0), c, {peek(1)});
        Ref in = memo(found, IrOp::UNBOX_BOOL, Ty::Bool);
        pop(2);
        push(arg ? emit(IrOp::NOT, Ty::Bool, in) : in);
        return;
      }
      case Op::RETURN_VALUE: return rec_return();
      case Op::CALL: return rec_call(f, arg, next);
      case Op::UNPACK_SEQUENCE: {
        Value v = cpeek(0);
        if (!v.is_obj() || (v.as_obj()->type != types::tuple && v.as_obj()->type != types::list)) fail(Abort::OPERANDS, "unpack");
        bool is_list = v.as_obj()->type == types::list;
        uint64_t n = is_list ? v.as<ListObject>()->size : v.as<TupleObject>()->size;
        if (n != arg) fail(Abort::OPERANDS, "unpack length");
        Ref o = as_obj(peek(0), v);
        Ref len = emit(IrOp::LOAD, Ty::Int, o, kNoRef, is_list ? offsetof(ListObject, size) : offsetof(TupleObject, size));
        guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::EQ, Ty::Bool, len, t_->kint(int64_t(n))));
        std::vector<Ref> items;
        for (uint32_t i = 0; i < arg; i++) items.push_back(load_item(o, is_list, t_->kint(i)));
        pop(1);
        for (uint32_t i = arg; i-- > 0;) push(items[i]);
        return;
      }
      case Op::BUILD_SLICE: return rec_slice(f, arg, next);
      case Op::UNPACK_EX: {  // a, *rest, b = seq: the starred part is a new list
        Value v = cpeek(0);
        if (!v.is_obj() || (v.as_obj()->type != types::tuple && v.as_obj()->type != types::list)) fail(Abort::OPERANDS, "unpack");
        bool is_list = v.as_obj()->type == types::list;
        uint64_t n = is_list ? v.as<ListObject>()->size : v.as<TupleObject>()->size;
        uint32_t before = arg & 0xFF, after = arg >> 8;
        if (n < before + after) fail(Abort::OPERANDS, "unpack length");
        Ref o = as_obj(peek(0), v);
        Ref len = emit(IrOp::LOAD, Ty::Int, o, kNoRef, is_list ? offsetof(ListObject, size) : offsetof(TupleObject, size));
        guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::GE, Ty::Bool, len, t_->kint(int64_t(before + after))));
        std::vector<Ref> items;  // in CPython's stack order, top first
        for (uint32_t i = 0; i < before; i++) items.push_back(load_item(o, is_list, t_->kint(i)));
        Ref end = emit(IrOp::SUB, Ty::Int, len, t_->kint(after));
        allocates_ = true;
        items.push_back(call(Helper::list_slice, Ty::Val, {box(o), t_->kint(before), end}, true));  // may be big
        for (uint32_t j = 0; j < after; j++) items.push_back(load_item(o, is_list, emit(IrOp::ADD, Ty::Int, end, t_->kint(j))));
        pop(1);
        for (size_t i = items.size(); i-- > 0;) push(items[i]);
        return;
      }
      default:
        fail(Abort::BYTECODE, kOpInfo[int(op)].name);
    }
  }

  // seq[a:b] of a list, tuple or str with int or None bounds: BUILD_SLICE 2 and the
  // BINARY_SUBSCR that follows are recorded together (guards exit before BUILD_SLICE, so no
  // slice object is ever needed) as one helper call that makes the new sequence.
  void rec_slice(Frame* f, uint32_t arg, uint32_t next) {
    CodeObject* co = f->code;
    if (arg != 2 || insn_op(co->code[next]) != Op::BINARY_SUBSCR) fail(Abort::BYTECODE, "BUILD_SLICE other than seq[a:b]");
    Value seq = cpeek(2);
    if (!isinstance_exact(seq, types::list) && !isinstance_exact(seq, types::tuple) && !isinstance_exact(seq, types::str))
      fail(Abort::OPERANDS, std::string("slice of ") + type_name(seq));
    Ref bound[2];
    for (int i = 0; i < 2; i++) {
      Value v = cpeek(1 - i);
      Ref r = peek(1 - i);
      if (v.is_none()) {
        if (!is_const(r)) guard(IrOp::GUARD_VAL, Ty::Void, box(r), kNoRef, int64_t(v.bits()));
        bound[i] = t_->kval(v.bits());
      } else if (v.is_small_int()) {
        bound[i] = box(as_int(r, v));
      } else {
        fail(Abort::OPERANDS, std::string("slice bound ") + type_name(v));
      }
    }
    Ref s = box(as_obj(peek(2), seq));
    allocates_ = true;
    Ref r = call(Helper::seq_slice, Ty::Val, {s, bound[0], bound[1]}, true);
    pop(3);
    push(r);
    fused_ = Op::BINARY_SUBSCR;
  }

  // -x as 0 - x and ~x as x ^ -1 on a big int, through int_binop (a, b: the operands in order).
  Ref big_unary(BinOp op, Ref a, Ref x, Value v) {
    Ref bx = box(as_obj(x, v));  // guards the exact type
    allocates_ = true;
    return op == BinOp::SUBTRACT ? call(Helper::int_binop, Ty::Val, {t_->kint(int64_t(op)), a, bx}, true)
                                 : call(Helper::int_binop, Ty::Val, {t_->kint(int64_t(op)), bx, a}, true);
  }

  Ref load_item(Ref o, bool is_list, Ref idx) {
    if (is_list) {
      Ref items = emit(IrOp::LOAD, Ty::Ptr, o, kNoRef, offsetof(ListObject, items));
      return emit(IrOp::LOAD, Ty::Val, emit(IrOp::AREF, Ty::Ptr, items, idx), kNoRef, 0);
    }
    return emit(IrOp::LOAD, Ty::Val, emit(IrOp::AREF, Ty::Ptr, o, idx), kNoRef, offsetof(TupleObject, items));
  }

  Ref call(Helper h, Ty result, std::initializer_list<Ref> args, bool guarded) {
    Ref chain = kNoRef;
    std::vector<Ref> v(args);
    for (size_t i = v.size(); i-- > 0;) chain = emit(IrOp::CARG, Ty::Void, v[i], chain);
    if (guarded) return guard(IrOp::CALLG, result, chain, Ref(v.size()), int64_t(h));
    return emit(IrOp::CALL, result, chain, Ref(v.size()), int64_t(h));
  }

  // Version guard on a dict (globals / builtins / module namespace).
  void dict_version_guard(DictObject* d) {
    Ref ver = emit(IrOp::LOADI, Ty::Int, t_->kobj(d), kNoRef, offsetof(DictObject, version));
    guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::EQ, Ty::Bool, ver, t_->kint(int64_t(d->version))));
  }
  void type_version_guard(TypeObject* tp) {
    Ref ver = emit(IrOp::LOADI, Ty::Int, t_->kobj(tp), kNoRef, offsetof(TypeObject, version));
    guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::EQ, Ty::Bool, ver, t_->kint(int64_t(tp->version))));
  }

  // Globals. A module namespace no trace stores into is read as constants guarded by the dict
  // version. Once traces store into it (globals_mutable), values are read and written in place
  // in the dict's entries, guarded by its layout (which our stores never change); each store
  // bumps the dict's version so the interpreter's LOAD_GLOBAL caches stay right.
  void rec_load_global(Frame* f, uint32_t arg) {
    StrObject* name = f->code->names[arg >> 1];
    DictObject* g = f->globals;
    Ref r;
    if (globals_mutable(g)) {
      int64_t idx = entry_index(g, name);
      if (idx >= 0) {
        r = emit(IrOp::LOAD, Ty::Val, entries(g), kNoRef, entry_value_offset(idx));
      } else {
        Value v = dict_get_str(f->builtins, name);
        if (v.is_null()) fail(Abort::GLOBAL, "undefined");
        dict_version_guard(f->builtins);
        r = constant(v);
      }
    } else {
      Value v = dict_get_str(g, name);
      dict_version_guard(g);
      t_->globals_guards.push_back({cur_snap_, g});
      if (v.is_null()) {
        v = dict_get_str(f->builtins, name);
        if (v.is_null()) fail(Abort::GLOBAL, "undefined");
        dict_version_guard(f->builtins);
        r = constant(v);
      } else if (names_code_or_scalar(v)) {
        r = constant(v);
      } else {
        // Data (a list, a dict, an instance) is read from the entry the version guard pins, so
        // the trace does not keep it alive once the program drops it (gcrefs are roots).
        int err = 0;
        int64_t idx = dict_lookup_index(g, obj(name), str_hash(name), &err);
        if (err || idx < 0) fail(Abort::GLOBAL, "lookup failed");
        r = emit(IrOp::LOAD, Ty::Val, entries(g), kNoRef, entry_value_offset(idx));
      }
    }
    if (arg & 1) push(t_->kval(kNullBits));
    push(r);
  }

  void rec_store_global(Frame* f, uint32_t arg) {
    DictObject* g = f->globals;
    if (!globals_mutable(g)) {
      // Loads recorded so far may rely on the version this store changes: record again with
      // this namespace read in place.
      mark_globals_mutable(g);
      fail(Abort::GLOBAL_STORE);
    }
    StrObject* name = f->code->names[arg];
    int64_t idx = entry_index(g, name);
    if (idx < 0) fail(Abort::GLOBAL, "store creates a global");
    Ref v = box(peek(0));
    emit(IrOp::STORE, Ty::Void, entries(g), v, entry_value_offset(idx));
    Ref counter = t_->kptr(dict_version_counter());
    Ref ver = emit(IrOp::ADD, Ty::Int, emit(IrOp::LOAD, Ty::Int, counter, kNoRef, 0), t_->kint(1));
    emit(IrOp::STORE, Ty::Void, counter, ver, 0);
    emit(IrOp::STORE, Ty::Void, t_->kobj(g), ver, offsetof(DictObject, version));
    pop(1);
  }

  // Values a trace may name as constants: what names code (functions, classes, modules) and
  // immutable scalars. Anything else is the program's data.
  static bool names_code_or_scalar(Value v) {
    if (!v.is_obj()) return true;
    TypeObject* tp = v.as_obj()->type;
    return tp == types::function || tp == types::builtin_function || tp == types::module || tp == types::str ||
           tp == types::int_ || tp == types::float_ || tp == types::complex || tp == types::bytes ||
           is_subtype(tp, types::type);
  }

  // The entry index of `name` in g (-1 if absent), with g's layout guarded.
  int64_t entry_index(DictObject* g, StrObject* name) {
    int err = 0;
    int64_t idx = dict_lookup_index(g, obj(name), str_hash(name), &err);
    if (err) fail(Abort::GLOBAL, "lookup failed");
    Ref layout = emit(IrOp::LOADI, Ty::Int, t_->kobj(g), kNoRef, offsetof(DictObject, layout));
    guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::EQ, Ty::Bool, layout, t_->kint(int64_t(g->layout))));
    return idx;
  }
  Ref entries(DictObject* g) { return emit(IrOp::LOADI, Ty::Ptr, t_->kobj(g), kNoRef, offsetof(DictObject, entries)); }
  static int64_t entry_value_offset(int64_t idx) { return idx * int64_t(sizeof(DictEntry)) + int64_t(offsetof(DictEntry, value)); }

  // Instance attribute slot for `name` on the concrete instance v, or -1.
  int instance_slot(Value v, StrObject* name, bool store) {
    if (!v.is_obj()) return -1;
    TypeObject* tp = v.as_obj()->type;
    if (!(tp->flags & kTypeInstanceLayout)) return -1;
    if (store ? (tp->setattr && tp->setattr != generic_setattr) : (tp->getattr && tp->getattr != generic_getattr)) return -1;
    auto* inst = v.as<InstanceObject>();
    if (inst->shape->dict_mode) return -1;
    if (!type_lookup_cached(tp, name).is_null()) return -1;
    return shape_find(inst->shape, name);
  }
  // Guards type, type version and shape of instance r (concrete v); returns the object.
  Ref guard_instance(Ref r, Value v) {
    Ref o = as_obj(r, v);
    TypeObject* tp = v.as_obj()->type;
    type_version_guard(tp);
    Ref shape = emit(IrOp::LOADI, Ty::Ptr, o, kNoRef, offsetof(InstanceObject, shape));
    t_->keep(v.as<InstanceObject>()->shape);
    guard(IrOp::GUARD_VAL, Ty::Void, shape, kNoRef, int64_t(v.as<InstanceObject>()->shape));
    return o;
  }
  Ref slot_addr(Ref o, int idx) {
    Ref slots = emit(IrOp::LOADI, Ty::Ptr, o, kNoRef, offsetof(InstanceObject, slots));
    return emit(IrOp::AREF, Ty::Ptr, slots, t_->kint(idx));
  }

  void rec_load_attr(Frame* f, uint32_t arg) {
    StrObject* name = f->code->names[arg];
    Value v = cpeek(0);
    Ref r = peek(0);
    int idx = instance_slot(v, name, false);
    if (Fresh* fr = fresh(r); fr && idx >= 0) {
      Ref val = emit(IrOp::LOAD, Ty::Val, fr->ptr, kNoRef, inline_slot_offset(idx));
      pop(1);
      push(val);
      return;
    }
    if (idx >= 0) {
      Ref o = guard_instance(r, v);
      Ref val = emit(IrOp::LOAD, Ty::Val, slot_addr(o, idx), kNoRef, 0);
      pop(1);
      push(val);
      return;
    }
    if (Value fn = plain_method(v, name); !fn.is_null()) {
      // obj.method as a value (a callback): a new bound method. Its calls in this trace read
      // function and self from here; elsewhere they are guarded by the function's code.
      Ref self = box(guard_instance(r, v));
      Ref kf = t_->kval(fn.bits());
      t_->keep(fn.as_obj());
      Ref m = made(Helper::method_new, types::method, {kf, self});
      made_method_[m] = {kf, self};
      pop(1);
      push(m);
      return;
    }
    if (isinstance_exact(v, types::module)) {
      auto* m = v.as<ModuleObject>();
      Value a = dict_get_str(m->dict, name);
      if (a.is_null()) fail(Abort::ATTR, "module attribute");
      pin(r, v);
      dict_version_guard(m->dict);
      pop(1);
      push(constant(a));
      return;
    }
    if (Value a = class_attr(v, name); !a.is_null()) {
      pin(r, v);
      type_version_guard(v.as<TypeObject>());  // covers the class and its bases
      pop(1);
      push(constant(a));
      return;
    }
    fail(Abort::ATTR, std::string(type_name(v)) + "." + std::string(name->view()));
  }

  // The Python function `name` of v's class when v.name binds it as a method: v is a plain
  // instance (generic getattr, no dict mode, no instance attribute of that name); null otherwise.
  static Value plain_method(Value v, StrObject* name) {
    if (!v.is_obj()) return Value::null();
    TypeObject* tp = v.as_obj()->type;
    if (!(tp->flags & kTypeInstanceLayout) || (tp->getattr && tp->getattr != generic_getattr)) return Value::null();
    auto* inst = v.as<InstanceObject>();
    if (inst->shape->dict_mode || shape_find(inst->shape, name) >= 0) return Value::null();
    Value m = type_lookup_cached(tp, name);
    return isinstance_exact(m, types::function) ? m : Value::null();
  }

  // C.name on a class C whose metaclass is `type`, when it is a plain value: a function (a class
  // attribute lookup returns it unbound) or a number / string / None / bool; null otherwise.
  static Value class_attr(Value c, StrObject* name) {
    if (!isinstance_exact(c, types::type) || !type_lookup_cached(types::type, name).is_null()) return Value::null();
    Value a = type_lookup_cached(c.as<TypeObject>(), name);
    if (a.is_null()) return a;
    if (a.is_small_int() || a.is_double() || a.is_bool() || a.is_none() || isinstance_exact(a, types::function) ||
        isinstance_exact(a, types::str))
      return a;
    return Value::null();
  }

  void rec_store_attr(Frame* f, uint32_t arg) {
    StrObject* name = f->code->names[arg];
    Value v = cpeek(0);
    int idx = instance_slot(v, name, true);
    if (Fresh* fr = fresh(peek(0))) {
      // An instance allocated by this trace: inline slots, shape known; a new attribute
      // follows the shape transition (the interpreter takes the same one).
      TypeObject* tp = v.as_obj()->type;
      if ((tp->setattr && tp->setattr != generic_setattr) || !type_lookup_cached(tp, name).is_null())
        fail(Abort::ATTR, "store " + std::string(name->view()));
      Ref val = box(peek(1));
      if (idx < 0) {
        idx = int(fr->shape->nslots);
        if (idx >= kInlineSlots) fail(Abort::ATTR, "too many attributes for inline slots");
        fr->shape = shape_add(fr->shape, name);
        emit(IrOp::STORE, Ty::Void, fr->ptr, t_->kobj(fr->shape), offsetof(InstanceObject, shape));
      }
      emit(IrOp::STORE, Ty::Void, fr->ptr, val, inline_slot_offset(idx));
      pop(2);
      return;
    }
    if (idx < 0) fail(Abort::ATTR, "store " + std::string(name->view()));
    Ref o = guard_instance(peek(0), v);
    Ref val = box(peek(1));
    emit(IrOp::STORE, Ty::Void, slot_addr(o, idx), val, 0);
    pop(2);
  }

  void rec_load_method(Frame* f, uint32_t arg) {
    StrObject* name = f->code->names[arg];
    Value v = cpeek(0);
    Ref r = peek(0);
    TypeObject* tp = type_of(v);
    bool plain = (tp->getattr == nullptr || tp->getattr == generic_getattr) && tp != types::type && tp != types::module;
    Value m = plain ? type_lookup_cached(tp, name) : Value::null();
    bool native_method = isinstance_exact(m, types::builtin_function) && m.as<NativeFunctionObject>()->owner &&
                         m.as<NativeFunctionObject>()->self.is_null();  // as the interpreter's LOAD_METHOD
    if (m.is_null() || !(isinstance_exact(m, types::function) || native_method)) {
      if (isinstance_exact(v, types::module) || !class_attr(v, name).is_null()) {  // module.f(...), C.f(...)
        rec_load_attr(f, arg);
        Ref fn = peek_after(0);
        pop(1);
        push(t_->kval(kNullBits));
        push(fn);
        return;
      }
      fail(Abort::ATTR, "method " + std::string(name->view()));
    }
    if (tp->flags & kTypeInstanceLayout) {
      auto* inst = v.as<InstanceObject>();
      if (inst->shape->dict_mode || shape_find(inst->shape, name) >= 0) fail(Abort::ATTR, "shadowed method");
      r = guard_instance(r, v);
    } else if (v.is_obj()) {
      r = as_obj(r, v);
      if (tp->flags & kTypeHeap) type_version_guard(tp);
    } else {
      fail(Abort::ATTR, "method on an immediate");
    }
    pop(1);
    push(t_->kval(m.bits()));
    push(r);
  }
  Ref peek_after(int i) { return top().slot[top().code->nlocalsplus + top().sp - 1 - i]; }

  // Dict access with a simple key (int, bool, None, str) goes through helpers that never run
  // Python code; any other case fails the helper's guard and the interpreter takes over.
  Ref dict_call(Helper h, Ty result, Ref d, Value dv, std::initializer_list<Ref> rest) {
    std::vector<Ref> args{as_obj(d, dv)};
    for (Ref r : rest) args.push_back(box(r));
    Ref chain = kNoRef;
    for (size_t i = args.size(); i-- > 0;) chain = emit(IrOp::CARG, Ty::Void, args[i], chain);
    allocates_ = true;  // a store may grow the tables (malloc'd memory counts towards the GC debt)
    return guard(IrOp::CALLG, result, chain, Ref(args.size()), int64_t(h));
  }
  static void need_simple_key(Value k) {
    if (!dict_simple_key(k)) fail(Abort::OPERANDS, std::string("dict key of type ") + type_name(k));
  }

  void rec_subscr() {
    Value o = cpeek(1), k = cpeek(0);
    if (isinstance_exact(o, types::dict)) {
      need_simple_key(k);
      Ref v = dict_call(Helper::dict_get, Ty::Val, peek(1), o, {peek(0)});
      pop(2);
      push(v);
      return;
    }
    if (!o.is_obj() || !k.is_small_int()) fail(Abort::OPERANDS, "subscript");
    TypeObject* tp = o.as_obj()->type;
    if (tp == types::str) {  // s[i]: a one-character str; out of range exits (IndexError)
      Ref so = box(as_obj(peek(1), o));  // guards the exact type
      allocates_ = true;
      Ref v = call(Helper::str_item, Ty::Val, {so, as_int(peek(0), k)}, true);
      pop(2);
      push(v);
      return;
    }
    if (tp != types::list && tp != types::tuple) fail(Abort::OPERANDS, std::string("subscript of ") + type_name(o));
    bool is_list = tp == types::list;
    Ref obj = as_obj(peek(1), o);
    Ref idx = bounds(obj, is_list, peek(0), k, is_list ? o.as<ListObject>()->size : o.as<TupleObject>()->size);
    Ref v = load_item(obj, is_list, idx);
    pop(2);
    push(v);
  }
  // Normalised, bounds-checked index (guards the sign seen while recording).
  Ref bounds(Ref obj, bool is_list, Ref ridx, Value k, uint64_t size) {
    Ref idx = as_int(ridx, k);
    Ref n = emit(IrOp::LOAD, Ty::Int, obj, kNoRef, is_list ? offsetof(ListObject, size) : offsetof(TupleObject, size));
    int64_t i = k.as_small_int();
    if (i < 0) {
      guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::LT, Ty::Bool, idx, t_->kint(0)));
      idx = emit(IrOp::ADD, Ty::Int, idx, n);
      i += int64_t(size);
    }
    if (uint64_t(i) >= size) fail(Abort::OPERANDS, "index out of range");
    guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::ULT, Ty::Bool, idx, n));
    return idx;
  }

  void rec_store_subscr() {
    Value o = cpeek(1), k = cpeek(0);
    if (isinstance_exact(o, types::dict)) {
      need_simple_key(k);
      dict_call(Helper::dict_set, Ty::Int, peek(1), o, {peek(0), peek(2)});
      pop(3);
      return;
    }
    if (!isinstance_exact(o, types::list) || !k.is_small_int()) fail(Abort::OPERANDS, "item assignment");
    Ref obj = as_obj(peek(1), o);
    Ref idx = bounds(obj, true, peek(0), k, o.as<ListObject>()->size);
    Ref val = box(peek(2));
    Ref items = emit(IrOp::LOAD, Ty::Ptr, obj, kNoRef, offsetof(ListObject, items));
    emit(IrOp::STORE, Ty::Void, emit(IrOp::AREF, Ty::Ptr, items, idx), val, 0);
    pop(3);
  }

  static bool numeric(Ty t, Value v) { return t == Ty::Int || t == Ty::Dbl || (t == Ty::Val && (v.is_small_int() || v.is_double())); }
  // Whether BINARY_OP op on these int64s leaves int64 (or is a power other than x ** 2).
  static bool overflows(BinOp op, int64_t x, int64_t y, bool y_const) {
    int64_t r;
    switch (op) {
      case BinOp::ADD: return __builtin_add_overflow(x, y, &r);
      case BinOp::SUBTRACT: return __builtin_sub_overflow(x, y, &r);
      case BinOp::MULTIPLY: return __builtin_mul_overflow(x, y, &r);
      case BinOp::LSHIFT: return y > 62 || (y >= 0 && ((__int128(x) << y) > INT64_MAX || (__int128(x) << y) < INT64_MIN));
      case BinOp::POWER: return !(y_const && y == 2);
      default: return false;
    }
  }
  bool small_int(Ref r, Value v) { return type(r) == Ty::Int || v.is_small_int(); }
  bool int_operand(Ref r, Value v) { return type(r) == Ty::Int || (type(r) == Ty::Val && (v.is_small_int() || isinstance_exact(v, types::int_))); }
  static bool is_float(Ty t, Value v) { return t == Ty::Dbl || (t == Ty::Val && v.is_double()); }

  // An exact list, tuple or str that `*` by an int repeats into a new object (`l *= n` changes l).
  static bool repeatable(Value v, uint32_t arg) {
    return isinstance_exact(v, types::str) || isinstance_exact(v, types::tuple) ||
           (isinstance_exact(v, types::list) && arg < uint32_t(kNumBinOps));
  }
  void rec_binary(uint32_t arg) {
    Ref ra = peek(1), rb = peek(0);
    Value a = cpeek(1), b = cpeek(0);
    BinOp bop = BinOp(arg % kNumBinOps);
    if (bop == BinOp::ADD && isinstance_exact(a, types::str) && isinstance_exact(b, types::str)) {
      allocates_ = true;
      Ref r = call(Helper::str_concat, Ty::Val, {as_obj(ra, a), as_obj(rb, b)}, true);
      pop(2);
      push(r);
      return;
    }
    if (bop == BinOp::MULTIPLY && ((repeatable(a, arg) && b.is_small_int()) || (a.is_small_int() && repeatable(b, arg)))) {
      // [0] * n, n * 'ab', (1, 2) * k: a new sequence through binary_op (no Python code runs).
      bool seq_first = !a.is_small_int();
      Ref seq = seq_first ? ra : rb;
      as_obj(seq, seq_first ? a : b);  // guards the exact type
      allocates_ = true;
      Ref r = call(Helper::seq_repeat, Ty::Val, {box(seq), as_int(seq_first ? rb : ra, seq_first ? b : a)}, true);
      pop(2);
      push(r);
      return;
    }
    if (int_operand(ra, a) && int_operand(rb, b) &&
        (!small_int(ra, a) || !small_int(rb, b) || overflows(bop, cint(a), cint(b), is_const(rb)))) {
      // A big int operand or result (past int64 now; a guard on the small form would always
      // fail), or int ** int: the interpreter's own arithmetic through a helper.
      // Exact ints run no Python code; a failure (ZeroDivisionError, a negative shift count)
      // exits and the interpreter raises it. The result stays boxed (small or big).
      Ref x = small_int(ra, a) ? box(as_int(ra, a)) : box(as_obj(ra, a));  // guards the exact type
      Ref y = small_int(rb, b) ? box(as_int(rb, b)) : box(as_obj(rb, b));
      allocates_ = true;
      Ref r = call(Helper::int_binop, Ty::Val, {t_->kint(arg), x, y}, true);
      pop(2);
      push(r);
      return;
    }
    // An int of any size next to a float: float arithmetic on its conversion (as_dbl).
    bool int_float = (int_operand(ra, a) && is_float(type(rb), b)) || (is_float(type(ra), a) && int_operand(rb, b));
    if (!int_float && (!numeric(type(ra), a) || !numeric(type(rb), b)))
      fail(Abort::OPERANDS, std::string(type_name(a)) + " " + kBinOpInfo[int(bop)].symbol + " " + type_name(b));
    Ref r;
    if (!is_float(type(ra), a) && !is_float(type(rb), b)) {
      Ref x = as_int(ra, a), y = as_int(rb, b);
      int64_t cy = cint(b);
      switch (bop) {
        case BinOp::ADD: r = guard(IrOp::ADDOV, Ty::Int, x, y); break;
        case BinOp::SUBTRACT: r = guard(IrOp::SUBOV, Ty::Int, x, y); break;
        case BinOp::MULTIPLY: r = guard(IrOp::MULOV, Ty::Int, x, y); break;
        case BinOp::FLOOR_DIVIDE: r = guard(IrOp::FLOORDIV, Ty::Int, x, y); break;
        case BinOp::REMAINDER: r = guard(IrOp::FLOORMOD, Ty::Int, x, y); break;
        case BinOp::AND: r = emit(IrOp::BAND, Ty::Int, x, y); break;
        case BinOp::OR: r = emit(IrOp::BOR, Ty::Int, x, y); break;
        case BinOp::XOR: r = emit(IrOp::BXOR, Ty::Int, x, y); break;
        case BinOp::RSHIFT:
          if (cy < 0) fail(Abort::OPERANDS, "negative shift");
          if (cy > 63) fail(Abort::OPERANDS, "shift >= 64");
          if (!is_const(y)) guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::ULT, Ty::Bool, y, t_->kint(64)));
          r = emit(IrOp::SAR, Ty::Int, x, y);
          break;
        case BinOp::LSHIFT: r = guard(IrOp::SHLOV, Ty::Int, x, y); break;
        case BinOp::TRUE_DIVIDE: {
          exact_in_double(x);
          exact_in_double(y);
          Ref dy = emit(IrOp::CONV_I2D, Ty::Dbl, y);
          guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::NE, Ty::Bool, y, t_->kint(0)));
          r = emit(IrOp::FDIV, Ty::Dbl, emit(IrOp::CONV_I2D, Ty::Dbl, x), dy);
          break;
        }
        case BinOp::POWER:
          if (is_const(y) && cy == 2) { r = guard(IrOp::MULOV, Ty::Int, x, x); break; }
          fail(Abort::OPERANDS, "int ** int");
        default: fail(Abort::OPERANDS, "int operator");
      }
    } else {
      Ref x = as_dbl(ra, a), y = as_dbl(rb, b);
      switch (bop) {
        case BinOp::ADD: r = emit(IrOp::FADD, Ty::Dbl, x, y); break;
        case BinOp::SUBTRACT: r = emit(IrOp::FSUB, Ty::Dbl, x, y); break;
        case BinOp::MULTIPLY: r = emit(IrOp::FMUL, Ty::Dbl, x, y); break;
        case BinOp::TRUE_DIVIDE:
          guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::FNE, Ty::Bool, y, t_->kdbl(0.0)));
          r = emit(IrOp::FDIV, Ty::Dbl, x, y);
          break;
        case BinOp::POWER: {
          const Ins& iy = (*t_)[y];
          if (iy.op == IrOp::KDBL && Value::from_bits(uint64_t(iy.k)).as_double() == 2.0) {
            r = emit(IrOp::FMUL, Ty::Dbl, x, x);
            break;
          }
          Ref p = call(Helper::float_pow, Ty::Val, {x, y}, true);
          r = guard(IrOp::UNBOX_DBL, Ty::Dbl, p);
          break;
        }
        default: fail(Abort::OPERANDS, "float operator");
      }
    }
    pop(2);
    push(r);
  }
  // Guards |x| < 2^53 so that converting the Int x to a double is exact.
  void exact_in_double(Ref x) {
    const Ins& in = (*t_)[x];
    if (in.op == IrOp::KINT) {
      if (in.k >= (int64_t(1) << 53) || in.k <= -(int64_t(1) << 53)) fail(Abort::OPERANDS, "huge int constant");
      return;
    }
    Ref sh = emit(IrOp::ADD, Ty::Int, x, t_->kint(int64_t(1) << 53));
    guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::ULT, Ty::Bool, sh, t_->kint(int64_t(1) << 54)));
  }

  void rec_compare(CmpOp cop) {
    Ref ra = peek(1), rb = peek(0);
    Value a = cpeek(1), b = cpeek(0);
    static const IrOp kInt[] = {IrOp::LT, IrOp::LE, IrOp::EQ, IrOp::NE, IrOp::GT, IrOp::GE};
    static const IrOp kDbl[] = {IrOp::FLT, IrOp::FLE, IrOp::FEQ, IrOp::FNE, IrOp::FGT, IrOp::FGE};
    Ref r;
    if (numeric(type(ra), a) && numeric(type(rb), b)) {
      bool fa = is_float(type(ra), a), fb = is_float(type(rb), b);
      if (!fa && !fb) {
        r = emit(kInt[int(cop)], Ty::Bool, as_int(ra, a), as_int(rb, b));
      } else {
        if (!fa) exact_in_double(as_int(ra, a));
        if (!fb) exact_in_double(as_int(rb, b));
        r = emit(kDbl[int(cop)], Ty::Bool, as_dbl(ra, a), as_dbl(rb, b));
      }
    } else if ((cop == CmpOp::EQ || cop == CmpOp::NE) && isinstance_exact(a, types::str) && isinstance_exact(b, types::str)) {
      Ref eq = call(Helper::str_eq, Ty::Int, {as_obj(ra, a), as_obj(rb, b)}, false);
      r = emit(cop == CmpOp::EQ ? IrOp::NE : IrOp::EQ, Ty::Bool, eq, t_->kint(0));
    } else if ((cop == CmpOp::EQ || cop == CmpOp::NE) && (a.is_none() || a.is_bool()) && (b.is_none() || b.is_bool())) {
      // Identity-comparable singletons.
      r = emit(cop == CmpOp::EQ ? IrOp::EQ : IrOp::NE, Ty::Bool, box(ra), box(rb));
    } else {
      fail(Abort::OPERANDS, std::string("compare ") + type_name(a) + " " + type_name(b));
    }
    pop(2);
    push(r);
  }

  // One step of a built-in sequence iterator (range / list / tuple) whose exact type is
  // guarded: emits the loads and guards now and queues its stores, so that every guard of a
  // FOR_ITER (several iterators for zip) comes before any of its side effects. Returns whether
  // the concrete iterator has a next item; then *value is its ref.
  struct Store {
    Ref base, value;
    int64_t offset;
  };
  bool iter_step(Ref o, Value it, Ref* value, std::vector<Store>* stores) {
    TypeObject* tp = it.as_obj()->type;
    auto* si = it.as<SeqIterObject>();
    if (tp == g_iter_types[kIterRange]) {
      Ref end = emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(SeqIterObject, end));
      Ref more = emit(IrOp::GT, Ty::Bool, end, t_->kint(0));
      if (si->end <= 0) {
        guard(IrOp::GUARD_FALSE, Ty::Void, more);
        stores->push_back({o, t_->kval(kNullBits), offsetof(SeqIterObject, seq)});
        return false;
      }
      guard(IrOp::GUARD_TRUE, Ty::Void, more);
      Ref idx = emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(SeqIterObject, index));
      Ref step = emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(SeqIterObject, step));
      stores->push_back({o, emit(IrOp::SUB, Ty::Int, end, t_->kint(1)), offsetof(SeqIterObject, end)});
      // The interpreter leaves index alone on the last item; nothing reads it afterwards.
      stores->push_back({o, emit(IrOp::ADD, Ty::Int, idx, step), offsetof(SeqIterObject, index)});
      *value = idx;
      return true;
    }
    if (tp == g_iter_types[kIterList] || tp == g_iter_types[kIterTuple]) {
      bool is_list = tp == g_iter_types[kIterList];
      Ref seq = emit(IrOp::LOAD, Ty::Val, o, kNoRef, offsetof(SeqIterObject, seq));
      bool live = !si->seq.is_null();
      guard(live ? IrOp::GUARD_NOTVAL : IrOp::GUARD_VAL, Ty::Void, seq, kNoRef, int64_t(kNullBits));
      if (!live) return false;
      // seq is a list / tuple (the iterator's kind says which): strip the tag.
      Ref sq = emit(IrOp::BAND, Ty::Ptr, seq, t_->kint(kPayloadMask));
      Ref idx = emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(SeqIterObject, index));
      Ref n = emit(IrOp::LOAD, Ty::Int, sq, kNoRef, is_list ? offsetof(ListObject, size) : offsetof(TupleObject, size));
      uint64_t size = is_list ? si->seq.as<ListObject>()->size : si->seq.as<TupleObject>()->size;
      bool more = uint64_t(si->index) < size;
      guard(more ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, emit(IrOp::LT, Ty::Bool, idx, n));
      if (!more) {
        stores->push_back({o, t_->kval(kNullBits), offsetof(SeqIterObject, seq)});
        return false;
      }
      *value = load_item(sq, is_list, idx);
      stores->push_back({o, emit(IrOp::ADD, Ty::Int, idx, t_->kint(1)), offsetof(SeqIterObject, index)});
      return true;
    }
    fail(Abort::OPERANDS, std::string("for over ") + type_name(it));
  }
  void emit_stores(const std::vector<Store>& stores) {
    for (const Store& st : stores) emit(IrOp::STORE, Ty::Void, st.base, st.value, st.offset);
  }

  void rec_for_iter(uint32_t target) {
    Value it = cpeek(0);
    if (!it.is_obj()) fail(Abort::OPERANDS, "for over non-object");
    TypeObject* tp = it.as_obj()->type;
    Ref o = as_obj(peek(0), it);
    std::vector<Store> stores;
    if (tp == enumerate_type || tp == zip_type) return rec_for_pairs(o, it, target);
    if (tp == g_iter_types[kIterDictKeys] || tp == g_iter_types[kIterDictValues]) return rec_for_dict(o, it);
    if (tp == g_iter_types[kIterStrAscii] || tp == g_iter_types[kIterStr] || tp == g_iter_types[kIterBytes] ||
        tp == g_iter_types[kIterListReversed])
      return rec_for_next(o, it, target);
    Ref value;
    bool more = iter_step(o, it, &value, &stores);
    emit_stores(stores);
    if (!more) {
      pop(1);
      expect_pc_ = target;
      return;
    }
    push(value);
  }

  // `for c in s` (str, bytes) and `for x in reversed(l)`: the iterator's own next through a
  // helper (it makes the one-character strs), which returns Null when it is exhausted; both
  // directions are recorded.
  void rec_for_next(Ref o, Value it, uint32_t target) {
    auto* si = it.as<SeqIterObject>();
    bool more = false;
    if (!si->seq.is_null()) {
      switch (IterKind(si->aux)) {
        case kIterStrAscii:
        case kIterStr: more = uint64_t(si->index) < as_str(si->seq)->nbytes; break;
        case kIterBytes: more = uint64_t(si->index) < si->seq.as<BytesObject>()->size; break;
        default: more = si->index >= 0 && uint64_t(si->index) < si->seq.as<ListObject>()->size; break;
      }
    }
    allocates_ = true;
    Ref v = call(Helper::iter_next, Ty::Val, {box(o)}, true);
    guard(more ? IrOp::GUARD_NOTVAL : IrOp::GUARD_VAL, Ty::Void, v, kNoRef, int64_t(kNullBits));
    if (!more) {
      pop(1);
      expect_pc_ = target;
      return;
    }
    push(v);
  }

  // `for k in d` / `for v in d.values()`: the helper advances the iterator, so only the
  // direction that yields an item is recorded (if the dict turns out exhausted at run time the
  // iterator is exhausted for the interpreter too; no item is lost).
  void rec_for_dict(Ref o, Value it) {
    auto* si = it.as<SeqIterObject>();
    if (si->seq.is_null()) fail(Abort::OPERANDS, "exhausted dict iterator");
    auto* d = si->seq.as<DictObject>();
    if (int64_t(d->used) != si->end) fail(Abort::OPERANDS, "dict changed size during iteration");
    bool more = false;
    for (uint64_t i = uint64_t(si->index); i < d->nentries && !more; i++) more = !d->entries[i].key.is_null();
    if (!more) fail(Abort::OPERANDS, "exhausted dict iterator");
    Ref v = guard(IrOp::CALLG, Ty::Val, emit(IrOp::CARG, Ty::Void, o, kNoRef), 1, int64_t(Helper::dict_iter_next));
    guard(IrOp::GUARD_NOTVAL, Ty::Void, v, kNoRef, int64_t(kNullBits));
    push(v);
  }

  // `for i, x in enumerate(seq)` and `for x, y in zip(a, b)` over built-in sequence iterators:
  // the (i, x) tuple is never built — FOR_ITER and the UNPACK_SEQUENCE 2 that always follows
  // are recorded together and push the two items directly.
  void rec_for_pairs(Ref o, Value it, uint32_t target) {
    CodeObject* co = top().code;
    uint32_t next = cur_pc_ + 2;  // past FOR_ITER's cache word
    if (insn_op(co->code[next]) != Op::UNPACK_SEQUENCE || insn_arg(co->code[next]) != 2)
      fail(Abort::OPERANDS, "enumerate / zip item used as a tuple");
    std::vector<Store> stores;
    Ref first, second;
    if (it.as_obj()->type == enumerate_type) {
      auto* e = it.as<EnumerateObject>();
      if (!e->big.is_null() || !e->it.is_obj()) fail(Abort::OPERANDS, "enumerate past int64");
      guard(IrOp::GUARD_VAL, Ty::Void, emit(IrOp::LOAD, Ty::Val, o, kNoRef, offsetof(EnumerateObject, big)), kNoRef,
            int64_t(kNullBits));
      Ref inner = as_obj(emit(IrOp::LOAD, Ty::Val, o, kNoRef, offsetof(EnumerateObject, it)), e->it);
      if (!iter_step(inner, e->it, &second, &stores)) return end_for_pairs(stores, target);
      first = emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(EnumerateObject, index));
      stores.push_back({o, guard(IrOp::ADDOV, Ty::Int, first, t_->kint(1)), offsetof(EnumerateObject, index)});
    } else {
      auto* z = it.as<ZipObject>();
      if (z->strict || z->iters->size != 2) fail(Abort::OPERANDS, "zip of other than two iterables");
      Ref strict = emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(ZipObject, strict));
      guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::EQ, Ty::Bool, emit(IrOp::BAND, Ty::Int, strict, t_->kint(0xFF)), t_->kint(0)));
      Ref iters = emit(IrOp::LOAD, Ty::Ptr, o, kNoRef, offsetof(ZipObject, iters));
      guard(IrOp::GUARD_TRUE, Ty::Void,
            emit(IrOp::EQ, Ty::Bool, emit(IrOp::LOAD, Ty::Int, iters, kNoRef, offsetof(TupleObject, size)), t_->kint(2)));
      Ref a = as_obj(load_item(iters, false, t_->kint(0)), z->iters->items[0]);
      Ref b = as_obj(load_item(iters, false, t_->kint(1)), z->iters->items[1]);
      // zip stops at the first exhausted iterator; an item already taken from the first is lost
      if (!iter_step(a, z->iters->items[0], &first, &stores) || !iter_step(b, z->iters->items[1], &second, &stores))
        return end_for_pairs(stores, target);
    }
    emit_stores(stores);
    // UNPACK_SEQUENCE leaves item 0 on top.
    push(second);
    push(first);
    fused_ = Op::UNPACK_SEQUENCE;
    expect_pc_ = next;
  }
  // The enumerate / zip is exhausted: FOR_ITER pops it and jumps past the loop.
  void end_for_pairs(const std::vector<Store>& stores, uint32_t target) {
    emit_stores(stores);
    pop(1);
    expect_pc_ = target;
  }

  void rec_return() {
    if (frames_.size() == 1) {
      if (fdepth_ == 0) {  // the traced function returns: to whoever entered its trace
        Ref r = box(peek(0));
        if (allocates_) end_with(IrOp::GUARD_GC, 0);
        emit(IrOp::RET, Ty::Void, r);
        done_ = true;
        return;
      }
      // A root trace's iteration that returns left the loop, as a break does: recorded again
      // later (jit.cpp's backoff).
      if (!t_->parent) fail(Abort::LEFT_LOOP);
      return rec_return_from_base();
    }
    Ref r = peek(0);
    Value v = cpeek(0);
    bool init = top().flags & kFrameInit;
    if (init) {
      if (!v.is_none()) fail(Abort::OPERANDS, "__init__ returned a value");
      if (!is_const(r)) guard(IrOp::GUARD_VAL, Ty::Void, box(r), kNoRef, int64_t(Value::none().bits()));
    }
    frames_.pop_back();
    RFrame& caller = top();
    expect_frame_ = caller.real;
    expect_pc_ = caller.resume_pc;
    if (!init) {
      uint32_t s = caller.code->nlocalsplus + caller.sp;
      caller.sp++;
      caller.slot[s] = r;
      caller.dirty[s] = 1;
    }
  }

  // A side trace returns from its base frame (typically an inlined call its parent's exit
  // rebuilt): RETF pops it at run time and the caller, a real frame in memory, becomes the base.
  // The frame's flags decide what the interpreter would do, so they are guarded. A frame whose
  // caller is native code (an entry frame: the function trace's call_trace, a callback) or the
  // outermost frame returns through the interpreter: the side trace ends at the RETURN_VALUE.
  void rec_return_from_base() {
    Frame* f = top().real;
    if ((f->flags & kFrameEntry) || !f->prev) {
      close(IrOp::EXIT);
      return;
    }
    Ref r = peek(0);
    Value v = cpeek(0);
    bool init = f->flags & kFrameInit;
    if (init && !v.is_none()) fail(Abort::OPERANDS, "__init__ returned a value");
    Frame* caller = f->prev;
    Ref base = emit(IrOp::FRAME, Ty::Ptr);
    Ref flags = emit(IrOp::LOAD, Ty::Int, base, kNoRef, offsetof(Frame, flags));
    Ref kind = emit(IrOp::BAND, Ty::Int, flags, t_->kint(kFrameEntry | kFrameInit));
    guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::EQ, Ty::Bool, kind, t_->kint(init ? int64_t(kFrameInit) : 0)));
    // The same trace may run for another call of this function: the caller must be the same
    // code, suspended at the same call site, for the rest of the recording to apply.
    Ref prev = emit(IrOp::LOAD, Ty::Ptr, base, kNoRef, offsetof(Frame, prev));
    t_->keep(caller->code);  // its pc (the call site) points into its code
    guard(IrOp::GUARD_VAL, Ty::Void, emit(IrOp::LOAD, Ty::Ptr, prev, kNoRef, offsetof(Frame, code)), kNoRef,
          int64_t(caller->code));
    guard(IrOp::GUARD_VAL, Ty::Void, emit(IrOp::LOAD, Ty::Ptr, prev, kNoRef, offsetof(Frame, pc)), kNoRef,
          int64_t(caller->pc));
    if (init && !is_const(r)) guard(IrOp::GUARD_VAL, Ty::Void, box(r), kNoRef, int64_t(Value::none().bits()));
    emit(IrOp::RETF, Ty::Void);
    if (fdepth_ > 0) fdepth_--;
    frames_.clear();
    unboxed_.clear();  // SLOAD views belonged to the popped frame's slots
    push_root(caller);
    if (!init) {
      uint32_t s = caller->code->nlocalsplus + top().sp;
      top().sp++;
      set(s, r);
    }
    expect_frame_ = caller;
    expect_pc_ = uint32_t(caller->pc - caller->code->code);
  }

  // -- Calls ----------------------------------------------------------------------------------------
  void rec_call(Frame* f, uint32_t arg, uint32_t next) {
    CodeObject* co = f->code;
    // f(a, k=v): the names of the last len(kw) arguments (vm.cpp's CALL reads them the same way).
    const uint32_t prev = co->code[cur_pc_ - 1];
    TupleObject* kw = insn_op(prev) == Op::KW_NAMES ? co->consts[insn_arg(prev)].as<TupleObject>() : nullptr;
    // Stack: [callable, self_or_null, args...] or [NULL, callable, args...] (vm.cpp's CALL).
    int nargs = int(arg);
    int ci = nargs + 1, si = nargs;  // peek indices of the two slots below the args
    Value callable = cpeek(ci);
    Ref rcallable = peek(ci);
    std::vector<Ref> args;
    std::vector<Value> cargs;
    if (callable.is_null()) {
      callable = cpeek(si);
      rcallable = peek(si);
    } else {
      args.push_back(peek(si));
      cargs.push_back(cpeek(si));
    }
    for (int i = nargs - 1; i >= 0; i--) {
      args.push_back(peek(i));
      cargs.push_back(cpeek(i));
    }
    if (cpeek(ci).is_null() && isinstance_exact(cpeek(si), types::method) &&
        isinstance_exact(cpeek(si).as<BoundMethodObject>()->func, types::function)) {
      // A bound method (vm.cpp's CALL: its function is called with self prepended).
      auto* bm = cpeek(si).as<BoundMethodObject>();
      Ref m = peek(si), self;
      if (auto it = made_method_.find(m); it != made_method_.end()) {
        rcallable = it->second.first;
        self = it->second.second;
      } else {
        Ref mp = as_obj(m, cpeek(si));  // method objects are immutable
        rcallable = emit(IrOp::LOADI, Ty::Val, mp, kNoRef, offsetof(BoundMethodObject, func));
        self = emit(IrOp::LOADI, Ty::Val, mp, kNoRef, offsetof(BoundMethodObject, self));
      }
      callable = bm->func;
      args.insert(args.begin(), self);
      cargs.insert(cargs.begin(), bm->self);
    }
    if (kw && !isinstance_exact(callable, types::function) &&
        !(isinstance_exact(callable, types::type) && (callable.as<TypeObject>()->flags & kTypeHeap)))
      fail(Abort::CALLEE, "keyword arguments");
    if (isinstance_exact(callable, types::function)) {
      auto* fn = callable.as<FunctionObject>();
      CodeObject* fc = fn->code;
      if (!kw) {
        if (Trace* target = call_target(fn, args.size()))
          return rec_call_trace(fn, target, rcallable, args, nargs, f, next);
      } else if (call_target(fn, fc->argcount)) {
        fail(Abort::CALLEE, "keyword arguments of a recursive call");
      }
      auto made_fn = made_fn_.find(rcallable);
      pending_.fresh = made_fn != made_fn_.end();
      pending_.closure = pending_.fresh ? made_fn->second : kNoRef;
      pending_.fn_ref = pending_.fresh || is_const(rcallable) ? kNoRef : callee_by_code(rcallable, fn);
      // A function made in the trace has no defaults (MAKE_FUNCTION with defaults aborts).
      Ref fp = pending_.fn_ref != kNoRef ? pending_.fn_ref
               : pending_.fresh          ? as_obj(rcallable, Value::from_obj(fn))
                                         : t_->kobj(fn);
      args = bind_params(fn, fp, args, kw);
      pending_.fn = fn;
      pending_.args = args;
      pending_.init = false;
      pending_.caller_sp = sp0_ - uint32_t(nargs) - 2;
      pending_.resume_pc = next;
      return;
    }
    if (isinstance_exact(callable, types::builtin_function)) {
      auto* nf = callable.as<NativeFunctionObject>();
      pin(rcallable, callable);
      Ref r = rec_builtin(nf, args, cargs);
      pop(nargs + 2);
      push(r);
      return;
    }
    if (isinstance_exact(callable, types::type) && (callable.as<TypeObject>()->flags & kTypeHeap))
      return rec_instantiate(callable.as<TypeObject>(), rcallable, args, kw, nargs, next);
    // range(...), float(x), int(x): calls of the built-in types themselves.
    if (callable == Value::from_obj(types::range) || callable == Value::from_obj(types::float_) ||
        callable == Value::from_obj(types::int_) || callable == Value::from_obj(types::str) ||
        callable == Value::from_obj(types::list)) {
      auto* tp = callable.as<TypeObject>();
      pin(rcallable, callable);
      Ref r = rec_known(tp->name->view(), args, cargs);
      pop(nargs + 2);
      push(r);
      return;
    }
    if (callable == Value::from_obj(enumerate_type) || callable == Value::from_obj(zip_type)) {
      pin(rcallable, callable);
      Ref r = rec_iter_new(callable.as<TypeObject>(), args, cargs);
      pop(nargs + 2);
      push(r);
      return;
    }
    fail(Abort::CALLEE, std::string("call of ") + type_name(callable));
  }

  // The parameter slots of a call of fn (in p, read for its defaults) with the arguments args,
  // the last len(kw) of them passed by the names in kw (kw null: none): the positional
  // parameters, then the keyword-only ones, defaults filled in. The defaults are read from the
  // function as the call runs (the program may replace __defaults__ or change
  // __kwdefaults__), guarded here, at the CALL (no guard may exit at the callee's pc 0, see
  // callee_by_code). A call the recorder does not bind fails: a name the function does not
  // have or one given twice, a missing argument (the interpreter raises the TypeError), *args
  // or **kwargs parameters, a generator.
  std::vector<Ref> bind_params(FunctionObject* fn, Ref p, const std::vector<Ref>& args, TupleObject* kw) {
    CodeObject* fc = fn->code;
    if (fc->flags & (CO_GENERATOR | CO_VARARGS | CO_VARKEYWORDS)) fail(Abort::CALLEE, "call signature");
    size_t argc = fc->argcount, nparams = argc + fc->kwonlyargcount;
    size_t nkw = kw ? kw->size : 0, npos = args.size() - nkw;
    if (npos > argc) fail(Abort::CALLEE, "call signature");
    std::vector<Ref> slots(nparams, kNoRef);
    std::copy_n(args.begin(), npos, slots.begin());
    for (size_t k = 0; k < nkw; k++) {
      auto* name = kw->items[k].as<StrObject>();
      size_t i = fc->posonlyargcount;
      while (i < nparams && !str_eq(fc->localsplus_names[i], name)) i++;
      if (i == nparams || slots[i] != kNoRef) fail(Abort::CALLEE, "keyword argument names");
      slots[i] = args[npos + k];
    }
    size_t first_def = fn->defaults ? argc - fn->defaults->size : argc;
    Ref dr = kNoRef, kwd = kNoRef;
    for (size_t i = 0; i < nparams; i++) {
      if (slots[i] != kNoRef) continue;
      if (i < argc) {
        if (i < first_def) fail(Abort::CALLEE, "missing argument");
        if (dr == kNoRef) dr = defaults_of(p, fn->defaults);
        slots[i] = emit(IrOp::LOADI, Ty::Val, dr, kNoRef, tuple_item_offset(i - first_def));
        continue;
      }
      // A keyword-only default: looked up in __kwdefaults__ (a name no longer there exits).
      if (!fn->kwdefaults || dict_get_str(fn->kwdefaults, fc->localsplus_names[i]).is_null())
        fail(Abort::CALLEE, "missing keyword-only argument");
      if (kwd == kNoRef) {
        kwd = emit(IrOp::LOAD, Ty::Ptr, p, kNoRef, offsetof(FunctionObject, kwdefaults));
        guard(IrOp::GUARD_NOTVAL, Ty::Void, kwd, kNoRef, 0);
      }
      slots[i] = call(Helper::dict_get, Ty::Val, {kwd, t_->kobj(fc->localsplus_names[i])}, true);
    }
    return slots;
  }

  // enumerate(seq[, start]) and zip(a, b) over lists, tuples and ranges (whose iterators the
  // FOR_ITER of rec_for_pairs steps in place): one helper call makes the iterator.
  Ref rec_iter_new(TypeObject* tp, const std::vector<Ref>& a, const std::vector<Value>& v) {
    size_t n = a.size();
    bool zip = tp == zip_type;
    if (zip ? n != 2 : (n != 1 && n != 2)) fail(Abort::CALLEE, std::string(tp->name->view()) + " arguments");
    auto seq = [&](size_t i) {
      if (!isinstance_exact(v[i], types::list) && !isinstance_exact(v[i], types::tuple) && !isinstance_exact(v[i], types::range))
        fail(Abort::OPERANDS, std::string(tp->name->view()) + " of " + type_name(v[i]));
      return box(as_obj(a[i], v[i]));  // guards the exact type
    };
    Ref x = seq(0), y = t_->kval(kNullBits);
    if (zip) y = seq(1);
    else if (n == 2) {
      if (type(a[1]) != Ty::Int && !v[1].is_small_int()) fail(Abort::OPERANDS, "enumerate start");
      y = box(as_int(a[1], v[1]));
    }
    allocates_ = true;
    return call(Helper::iter_new, Ty::Val, {t_->kptr(tp), x, y}, true);
  }

  // A callee that is not a constant is guarded by its code (and globals), not by its identity:
  // every closure of one `def` (a fresh closure per call, a lambda made per iteration, the
  // function of a new bound method) then runs the same trace instead of growing a side trace
  // per function object. Its defaults and closure cells are read from the function itself.
  // Frames rebuilt at exits name the function seen while recording: it has the same code and
  // globals, and a frame reads its function only in COPY_FREE_VARS at pc 0, where no guard
  // of the callee can exit (its snapshots all resume in the caller or past that instruction).
  Ref callee_by_code(Ref r, FunctionObject* fn) {
    Ref p = as_obj(r, Value::from_obj(fn));
    t_->keep(fn->code);
    t_->keep(fn->globals);
    guard(IrOp::GUARD_VAL, Ty::Void, emit(IrOp::LOADI, Ty::Ptr, p, kNoRef, offsetof(FunctionObject, code)), kNoRef,
          int64_t(fn->code));
    guard(IrOp::GUARD_VAL, Ty::Void, emit(IrOp::LOADI, Ty::Ptr, p, kNoRef, offsetof(FunctionObject, globals)), kNoRef,
          int64_t(fn->globals));
    return p;
  }
  // The defaults tuple of the function in p, guarded to have as many items as d (recorded).
  Ref defaults_of(Ref p, TupleObject* d) {
    Ref dr = emit(IrOp::LOADI, Ty::Ptr, p, kNoRef, offsetof(FunctionObject, defaults));
    guard(IrOp::GUARD_NOTVAL, Ty::Void, dr, kNoRef, 0);
    guard(IrOp::GUARD_TRUE, Ty::Void,
          emit(IrOp::EQ, Ty::Bool, emit(IrOp::LOADI, Ty::Int, dr, kNoRef, offsetof(TupleObject, size)), t_->kint(int64_t(d->size))));
    return dr;
  }
  static int64_t tuple_item_offset(size_t i) { return int64_t(offsetof(TupleObject, items) + 8 * i); }
  // Recursion cannot be inlined: a call of a function already being inlined (or of the function
  // this function trace is recording) goes through that function's trace, when it has one.
  Trace* call_target(FunctionObject* fn, size_t nargs) {
    CodeObject* fc = fn->code;
    if ((fc->flags & (CO_GENERATOR | CO_VARARGS | CO_VARKEYWORDS)) || fc->kwonlyargcount || nargs != fc->argcount)
      return nullptr;
    Trace* root = root_ ? root_ : t_.get();
    if (root->function && fc == root->code) return root;
    bool recursive = false;
    for (const RFrame& fr : frames_) recursive |= fr.code == fc;
    return recursive && fc->jit_func ? static_cast<Trace*>(fc->jit_func) : nullptr;
  }

  // call_frame pushes the callee's frame, the trace stores the arguments, call_trace runs the
  // callee's function trace (finishing in the interpreter if it exits). While recording, the
  // interpreter runs the callee unrecorded. A raised exception leaves through a `raising`
  // snapshot: the interpreter unwinds from this CALL. The callee may run any Python code, so
  // facts about mutable state recorded before the call are dropped (the optimizer treats
  // call_trace as a barrier for every load, LOADI included).
  void rec_call_trace(FunctionObject* fn, Trace* target, Ref rcallable, const std::vector<Ref>& args, int nargs, Frame* f,
                      uint32_t next) {
    pin(rcallable, Value::from_obj(fn));
    std::vector<Ref> boxed;
    for (Ref a : args) boxed.push_back(box(a));  // before the frame exists: boxing may exit
    sync_base_frame(nargs + 2);
    Ref frame = call(Helper::call_frame, Ty::Ptr, {t_->kobj(fn)}, true);
    for (size_t i = 0; i < boxed.size(); i++)
      emit(IrOp::STORE, Ty::Void, frame, boxed[i], int64_t(offsetof(Frame, localsplus) + 8 * i));
    cur_snap_ = kNoSnap;  // the call's own snapshot
    Ref r = call(Helper::call_trace, Ty::Val, {frame, t_->kptr(target)}, true);
    t_->snaps[(*t_)[r].snap].raising = true;
    pop(nargs + 2);
    push(r);
    fresh_.clear();  // the callee may add attributes to instances made here
    skip_frame_ = f;
    skip_pc_ = next;
  }

  // The callee may collect, and the collector scans the base frame's memory up to its sp
  // precisely, while machine code keeps stale slots in registers (found by the conservative scan
  // of the native stack) and never writes sp. So before the call every stale slot below the
  // current depth gets its value (memory there may hold a dead object's bits) and sp is set to
  // that depth (a slot above the old sp may hold the only reference to a live object, such as a
  // `for` loop's iterator a side trace created). Stale slots stay stale for the snapshots
  // (dirty only grows), so exits still write them. The call's own `call_slots` (NULL, the
  // pinned callable, the arguments the callee's frame holds) on top of a base frame that makes
  // the call need no scanning and are left out.
  void sync_base_frame(uint32_t call_slots) {
    RFrame& fr = frames_[0];
    uint32_t depth = fr.code->nlocalsplus + (frames_.size() == 1 ? sp0_ - call_slots : fr.sp);
    std::vector<std::pair<uint32_t, Ref>> vals;
    for (uint32_t s = 0; s < depth; s++)
      if (fr.dirty[s] && fr.slot[s] != kNoRef) vals.push_back({s, box(fr.slot[s])});  // boxing may exit: first
    Ref base = emit(IrOp::FRAME, Ty::Ptr);
    for (auto [s, v] : vals) emit(IrOp::STORE, Ty::Void, base, v, int64_t(offsetof(Frame, localsplus) + 8 * s));
    Ref sp = emit(IrOp::ADD, Ty::Ptr, base, t_->kint(int64_t(offsetof(Frame, localsplus) + 8 * depth)));
    emit(IrOp::STORE, Ty::Void, base, sp, int64_t(offsetof(Frame, sp)));
  }

  // cls(args) for a plain class with a Python __init__ (vm.cpp's CALL): allocate the instance,
  // leave it in the caller's stack where [NULL, cls] was, and inline __init__ as a kFrameInit
  // frame whose return value is dropped.
  void rec_instantiate(TypeObject* t, Ref rcls, const std::vector<Ref>& args, TupleObject* kw, int nargs, uint32_t next) {
    if ((t->flags & (kTypeHeap | kTypeInstanceLayout | kTypeExceptionLayout)) != (kTypeHeap | kTypeInstanceLayout) ||
        t->tp_new != types::object->tp_new || !t->root_shape)
      fail(Abort::CALLEE, "class without a plain __new__");
    if (!cpeek(nargs + 1).is_null()) fail(Abort::CALLEE, "class called with a self argument");
    Value init = type_lookup_cached(t, str_intern("__init__"));
    if (!isinstance_exact(init, types::function)) fail(Abort::CALLEE, "class without a Python __init__");
    auto* fn = init.as<FunctionObject>();
    CodeObject* fc = fn->code;
    if (fc->ncells) fail(Abort::CALLEE, "__init__ with cells");
    pin(rcls, Value::from_obj(t));
    type_version_guard(t);  // covers __init__, __new__ and __setattr__ of the class and its bases
    // __init__'s parameters: self (the instance, made below), the arguments, the defaults
    // (whose guards come before anything changes).
    std::vector<Ref> given(1, t_->kval(kNullBits));
    given.insert(given.end(), args.begin(), args.end());
    std::vector<Ref> params = bind_params(fn, t_->kobj(fn), given, kw);
    Ref inst = call(Helper::instance_new, Ty::Val, {t_->kobj(t)}, true);
    params[0] = inst;
    allocates_ = true;
    Ref ptr = emit(IrOp::BAND, Ty::Ptr, inst, t_->kint(kPayloadMask));
    fresh_[inst] = Fresh{ptr, t->root_shape};
    ptr_type_[ptr] = t;
    uint32_t nl = top().code->nlocalsplus;
    set(nl + sp0_ - nargs - 2, inst);
    pending_.fn = fn;
    pending_.args = std::move(params);
    pending_.init = true;
    pending_.caller_sp = sp0_ - uint32_t(nargs) - 1;
    pending_.resume_pc = next;
  }

  // A call of a known built-in; returns the result ref (or aborts).
  Ref rec_builtin(NativeFunctionObject* nf, const std::vector<Ref>& a, const std::vector<Value>& v) {
    std::string_view name = nf->name;
    std::string_view mod = nf->module ? nf->module->view() : std::string_view();
    size_t n = a.size();
    if (nf->owner == types::list && name == "append" && n == 2 && isinstance_exact(v[0], types::list)) {
      Ref l = as_obj(a[0], v[0]);
      call(Helper::list_append, Ty::Int, {l, box(a[1])}, true);
      return t_->kval(Value::none().bits());
    }
    if (nf->owner == types::list && name == "pop" && n == 1 && isinstance_exact(v[0], types::list)) {
      // l.pop(): the last item; an empty list exits (the interpreter raises IndexError).
      Ref l = as_obj(a[0], v[0]);
      Ref size = emit(IrOp::LOAD, Ty::Int, l, kNoRef, offsetof(ListObject, size));
      guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::NE, Ty::Bool, size, t_->kint(0)));
      Ref last = emit(IrOp::SUB, Ty::Int, size, t_->kint(1));
      Ref items = emit(IrOp::LOAD, Ty::Ptr, l, kNoRef, offsetof(ListObject, items));
      Ref item = emit(IrOp::LOAD, Ty::Val, emit(IrOp::AREF, Ty::Ptr, items, last), kNoRef, 0);
      emit(IrOp::STORE, Ty::Void, l, last, offsetof(ListObject, size));
      return item;
    }
    if (nf->owner == types::dict && name == "get" && (n == 2 || n == 3) && isinstance_exact(v[0], types::dict)) {
      need_simple_key(v[1]);
      return dict_call(Helper::dict_get_default, Ty::Val, a[0], v[0], {a[1], n == 3 ? a[2] : t_->kval(Value::none().bits())});
    }
    if (nf->owner) fail(Abort::CALLEE, std::string(name));
    if (mod == "math" && n >= 1 && n <= 2) {
      for (size_t i = 0; i < n; i++)
        if (!numeric(type(a[i]), v[i])) fail(Abort::OPERANDS, "math argument");
      if (name == "sqrt" && n == 1) {
        Ref x = as_dbl(a[0], v[0]);
        guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::FGE, Ty::Bool, x, t_->kdbl(0.0)));
        return emit(IrOp::FSQRT, Ty::Dbl, x);
      }
      if (name == "fabs" && n == 1) return emit(IrOp::FABS, Ty::Dbl, as_dbl(a[0], v[0]));
      allocates_ = true;
      Ref fn = t_->kobj(nf);
      if (n == 1) return call(Helper::native1, Ty::Val, {fn, box(a[0])}, true);
      return call(Helper::native2, Ty::Val, {fn, box(a[0]), box(a[1])}, true);
    }
    // Built-in functions are registered before the builtins module has a name: recognise them
    // as the builtins namespace's own entry of that name.
    if (mod != "builtins" && !(mod.empty() && dict_get_str(g_builtins, str_intern(name)) == Value::from_obj(nf)))
      fail(Abort::CALLEE, std::string(mod) + "." + std::string(name));
    if (name == "sum" && n == 1 && v[0].is_obj() && (v[0].as_obj()->type == types::list || v[0].as_obj()->type == types::tuple)) {
      as_obj(a[0], v[0]);  // guards the exact type
      allocates_ = true;
      return call(Helper::sum, Ty::Val, {t_->kobj(nf), box(a[0])}, true);
    }
    return rec_known(name, a, v);
  }

  // The built-ins the recorder turns into IR, by name (functions, or the types range / float /
  // int called as constructors).
  Ref rec_known(std::string_view name, const std::vector<Ref>& a, const std::vector<Value>& v) {
    size_t n = a.size();
    if (name == "len" && n == 1 && v[0].is_obj()) {
      TypeObject* tp = v[0].as_obj()->type;
      Ref o = as_obj(a[0], v[0]);
      if (tp == types::list) return emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(ListObject, size));
      if (tp == types::tuple) return emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(TupleObject, size));
      if (tp == types::str) return emit(IrOp::LOAD, Ty::Int, o, kNoRef, offsetof(StrObject, length));
      fail(Abort::OPERANDS, "len()");
    }
    if (name == "ord" && n == 1 && isinstance_exact(v[0], types::str)) {
      return call(Helper::str_ord, Ty::Int, {as_obj(a[0], v[0])}, true);
    }
    if (name == "abs" && n == 1 && numeric(type(a[0]), v[0])) {
      if (is_float(type(a[0]), v[0])) return emit(IrOp::FABS, Ty::Dbl, as_dbl(a[0], v[0]));
      Ref x = as_int(a[0], v[0]);
      bool neg = cint(v[0]) < 0;
      guard(neg ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, emit(IrOp::LT, Ty::Bool, x, t_->kint(0)));
      return neg ? guard(IrOp::NEGOV, Ty::Int, x) : x;
    }
    if ((name == "min" || name == "max") && n == 2 && numeric(type(a[0]), v[0]) && numeric(type(a[1]), v[1])) {
      // min(a, b) is b if b < a else a; max(a, b) is b if b > a else a (first one on ties).
      bool mn = name == "min";
      bool fa = is_float(type(a[0]), v[0]), fb = is_float(type(a[1]), v[1]);
      Ref c;
      bool take_b;
      if (!fa && !fb) {
        Ref x = as_int(a[0], v[0]), y = as_int(a[1], v[1]);
        c = emit(mn ? IrOp::LT : IrOp::GT, Ty::Bool, y, x);
        take_b = mn ? cint(v[1]) < cint(v[0]) : cint(v[1]) > cint(v[0]);
      } else {
        if (!fa) exact_in_double(as_int(a[0], v[0]));
        if (!fb) exact_in_double(as_int(a[1], v[1]));
        Ref x = as_dbl(a[0], v[0]), y = as_dbl(a[1], v[1]);
        double dx = v[0].is_double() ? v[0].as_double() : double(cint(v[0]));
        double dy = v[1].is_double() ? v[1].as_double() : double(cint(v[1]));
        c = emit(mn ? IrOp::FLT : IrOp::FGT, Ty::Bool, y, x);
        take_b = mn ? dy < dx : dy > dx;
      }
      guard(take_b ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, c);
      // The result keeps its own type (min(1, 2.0) is the int 1).
      Ref pick = take_b ? a[1] : a[0];
      Value pv = take_b ? v[1] : v[0];
      return is_float(type(pick), pv) ? as_dbl(pick, pv) : as_int(pick, pv);
    }
    if (name == "float" && n == 1 && numeric(type(a[0]), v[0])) return as_dbl(a[0], v[0]);
    if (name == "list" && n == 1 && v[0].is_obj() && (v[0].as_obj()->type == types::list || v[0].as_obj()->type == types::tuple)) {
      as_obj(a[0], v[0]);  // guards the exact type
      allocates_ = true;
      return call(Helper::list_copy, Ty::Val, {box(a[0])}, true);
    }
    if (name == "str" && n == 1 && (type(a[0]) == Ty::Int || (type(a[0]) == Ty::Val && v[0].is_small_int()))) {
      allocates_ = true;
      return call(Helper::int_str, Ty::Val, {as_int(a[0], v[0])}, true);
    }
    if (name == "int" && n == 1 && numeric(type(a[0]), v[0])) {
      if (!is_float(type(a[0]), v[0])) return as_int(a[0], v[0]);
      return guard(IrOp::CONV_D2I, Ty::Int, as_dbl(a[0], v[0]));
    }
    if (name == "isinstance" && n == 2) {
      Value cls = v[1];
      if (!isinstance_exact(cls, types::type)) fail(Abort::OPERANDS, "isinstance with a non-class");
      pin(a[1], cls);
      TypeObject* tp = type_of(v[0]);
      // The answer depends only on the exact type of the object, which we guard.
      Ty ty = type(a[0]);
      if (ty == Ty::Val) {
        if (v[0].is_small_int()) as_int(a[0], v[0]);
        else if (v[0].is_double()) as_dbl(a[0], v[0]);
        else if (v[0].is_obj()) as_obj(a[0], v[0]);
        else pin(a[0], v[0]);
      } else if (ty == Ty::Ptr) {
        as_obj(a[0], v[0]);
      }
      bool res = false;
      for (uint64_t i = 0; i < tp->mro->size; i++)
        if (tp->mro->items[i].as_obj() == cls.as_obj()) res = true;
      return t_->kval(Value::from_bool(res).bits());
    }
    if (name == "range" && n >= 1 && n <= 3) {
      Ref start = t_->kint(0), stop, step = t_->kint(1);
      for (size_t i = 0; i < n; i++)
        if (type(a[i]) != Ty::Int && !(type(a[i]) == Ty::Val && v[i].is_small_int())) fail(Abort::OPERANDS, "range()");
      if (n == 1) stop = as_int(a[0], v[0]);
      else {
        start = as_int(a[0], v[0]);
        stop = as_int(a[1], v[1]);
      }
      if (n == 3) {
        if (cint(v[2]) == 0) fail(Abort::OPERANDS, "range step 0");
        step = as_int(a[2], v[2]);
        if (!is_const(step)) guard(IrOp::GUARD_TRUE, Ty::Void, emit(IrOp::NE, Ty::Bool, step, t_->kint(0)));
      }
      allocates_ = true;
      return call(Helper::range_new, Ty::Val, {start, stop, step}, true);
    }
    fail(Abort::CALLEE, std::string(name));
  }
};

}  // namespace

std::unique_ptr<Recorder> Recorder::root(Frame* f, uint32_t header_pc, uint32_t backedge_pc, int maxrecord, int maxinline) {
  auto r = std::make_unique<RecorderImpl>(maxrecord, maxinline);
  r->start_root(f, header_pc, backedge_pc);
  return r;
}

std::unique_ptr<Recorder> Recorder::function(Frame* f, int maxrecord, int maxinline) {
  auto r = std::make_unique<RecorderImpl>(maxrecord, maxinline);
  r->start_function(f);
  return r;
}

std::unique_ptr<Recorder> Recorder::side(Frame* f, Trace* parent, uint32_t snap, int maxrecord, int maxinline) {
  auto r = std::make_unique<RecorderImpl>(maxrecord, maxinline);
  r->start_side(f, parent, snap);
  return r;
}

}  // namespace chaipy::jit
