// jit/helpers.cpp — C++ helpers called from compiled traces (jit/helpers.def).
// They follow the helper rules: no Python code runs, nothing collects, and a failure returns
// the failure value with no exception left pending, so the interpreter redoes the operation.
#include "jit/helpers.h"

#include <charconv>
#include <cmath>
#include <new>
#include <type_traits>

#include "interp/gc.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/backend/backend.h"
#include "jit/ir.h"

namespace chaipy::jit {

namespace {
constexpr uint64_t kExcBits = Value::exc().bits();

uint64_t fail_clearing() {
  if (exc_pending()) exc_fetch();
  return kExcBits;
}
}  // namespace

extern "C" {

int64_t jit_helper_list_append(ListObject* l, uint64_t v) { return list_append(l, Value::from_bits(v)) < 0 ? -1 : 0; }

Frame* jit_helper_call_frame(FunctionObject* fn) { return vm_push_call_frame(fn); }

uint64_t jit_helper_call_trace(Frame* callee, Trace* t) {
  // The callee frame belongs to this call: it is an entry frame from the start, so that no
  // trace reached from here (a side trace of a loop the function trace links into, say) pops it
  // with RETF and carries on in the caller, whose trace is suspended in this helper.
  callee->flags |= kFrameEntry;
  Frame* r = reinterpret_cast<TraceFn>(t->mcode)(callee);
  if (!r) {
    vm_jit_pop_frame(callee);
    return g_jit.ret.bits();
  }
  // The trace exited (r is the innermost frame it wrote back): finish the call in the
  // interpreter, which returns when the callee's frame does.
  bool throwing = g_jit.raising;
  g_jit.raising = false;
  Value v = vm_run_frames(r, throwing);
  return v.is_exc() ? kExcBits : v.bits();  // the exception stays pending: a raising exit
}

uint64_t jit_helper_list_new(int64_t n) { return Value::from_obj(list_new(size_t(n))).bits(); }

uint64_t jit_helper_tuple_new(int64_t n) { return Value::from_obj(tuple_new(size_t(n))).bits(); }

uint64_t jit_helper_function_new(CodeObject* code, DictObject* globals, DictObject* builtins, uint64_t closure) {
  FunctionObject* fn = function_new(code, globals, builtins);
  Value c = Value::from_bits(closure);
  if (!c.is_null()) fn->closure = c.as<TupleObject>();
  return Value::from_obj(fn).bits();
}

uint64_t jit_helper_cell_new(uint64_t v) {
  auto* c = gc::make<CellObject>(types::cell);
  c->value = Value::from_bits(v);
  return Value::from_obj(c).bits();
}

uint64_t jit_helper_sum(NativeFunctionObject* f, uint64_t seq) {
  Value s = Value::from_bits(seq);
  bool is_list = s.as_obj()->type == types::list;
  const Value* items = is_list ? s.as<ListObject>()->items : s.as<TupleObject>()->items;
  uint64_t n = is_list ? s.as<ListObject>()->size : s.as<TupleObject>()->size;
  for (uint64_t i = 0; i < n; i++) {
    Value v = items[i];
    if (!(v.is_small_int() || v.is_double() || v.is_bool() || isinstance_exact(v, types::int_) ||
          isinstance_exact(v, types::float_)))
      return kExcBits;  // an __add__ could run Python code: the interpreter does it
  }
  Value args[1] = {s};
  Value r = f->fn(args, 1, nullptr);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_list_copy(uint64_t x) {
  Value v = Value::from_bits(x);
  Value r = v.as_obj()->type == types::list ? list_from_array(v.as<ListObject>()->items, v.as<ListObject>()->size)
                                            : list_from_array(v.as<TupleObject>()->items, v.as<TupleObject>()->size);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_list_slice(uint64_t x, int64_t lo, int64_t hi) {
  Value v = Value::from_bits(x);
  const Value* items = v.as_obj()->type == types::list ? v.as<ListObject>()->items : v.as<TupleObject>()->items;
  Value r = list_from_array(items + lo, size_t(hi - lo));
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_seq_slice(uint64_t seq, uint64_t lo, uint64_t hi) {
  Value sl = slice_new(Value::from_bits(lo), Value::from_bits(hi), Value::none());
  Value r = sl.is_exc() ? sl : getitem(Value::from_bits(seq), sl);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_range_new(int64_t start, int64_t stop, int64_t step) {
  Value r = range_new(start, stop, step);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_iter_new(TypeObject* type, uint64_t a, uint64_t b) {
  Value args[2] = {Value::from_bits(a), Value::from_bits(b)};
  Value r = type->tp_new(type, args, args[1].is_null() ? 1 : 2, nullptr);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_iter_next(uint64_t it) {
  Value r = seq_iter_next(Value::from_bits(it));
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_str_item(uint64_t s, int64_t i) {
  Value r = str_getitem(Value::from_bits(s), int_from_i64(i));
  return r.is_exc() ? fail_clearing() : r.bits();
}

int64_t jit_helper_str_ord(StrObject* s) { return s->length == 1 ? str_codepoint_at(s, 0) : -1; }

uint64_t jit_helper_get_iter(uint64_t x) {
  Value r = get_iter(Value::from_bits(x));
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_native1(NativeFunctionObject* f, uint64_t a) {
  Value args[1] = {Value::from_bits(a)};
  Value r = f->fn(args, 1, nullptr);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_native2(NativeFunctionObject* f, uint64_t a, uint64_t b) {
  Value args[2] = {Value::from_bits(a), Value::from_bits(b)};
  Value r = f->fn(args, 2, nullptr);
  return r.is_exc() ? fail_clearing() : r.bits();
}

// -- dicts with simple keys (no Python code can run: see dict_lookup_simple) ----------------------
namespace {
int64_t simple_index(DictObject* d, Value key) {
  if (!dict_simple_key(key)) return kLookupGeneral;
  return dict_lookup_simple(d, key, hash(key));  // hashing a simple key cannot fail
}
}  // namespace

uint64_t jit_helper_seq_contains(Object* seq, uint64_t key) {
  bool is_list = seq->type == types::list;
  Value k = Value::from_bits(key);
  if (!dict_simple_key(k)) return kExcBits;  // its __eq__ could run Python code
  for (uint64_t i = 0;; i++) {
    uint64_t n = is_list ? static_cast<ListObject*>(seq)->size : static_cast<TupleObject*>(seq)->size;
    if (i >= n) return Value::from_bool(false).bits();
    Value v = is_list ? static_cast<ListObject*>(seq)->items[i] : static_cast<TupleObject*>(seq)->items[i];
    if (v == k) return Value::from_bool(true).bits();
    // Comparing with a built-in scalar never runs Python code; anything else might.
    if (!(v.is_small_int() || v.is_bool() || v.is_none() || v.is_double() || isinstance_exact(v, types::str) ||
          isinstance_exact(v, types::int_) || isinstance_exact(v, types::float_)))
      return kExcBits;
    int r = eq(v, k);
    if (r < 0) return fail_clearing();
    if (r) return Value::from_bool(true).bits();
  }
}

uint64_t jit_helper_dict_get(DictObject* d, uint64_t key) {
  int64_t ix = simple_index(d, Value::from_bits(key));
  return ix < 0 ? kExcBits : d->entries[ix].value.bits();
}

uint64_t jit_helper_dict_get_default(DictObject* d, uint64_t key, uint64_t dflt) {
  int64_t ix = simple_index(d, Value::from_bits(key));
  if (ix == kLookupGeneral) return kExcBits;
  return ix < 0 ? dflt : d->entries[ix].value.bits();
}

uint64_t jit_helper_dict_contains(DictObject* d, uint64_t key) {
  int64_t ix = simple_index(d, Value::from_bits(key));
  if (ix == kLookupGeneral) return kExcBits;
  return Value::from_bool(ix >= 0).bits();
}

int64_t jit_helper_dict_set(DictObject* d, uint64_t key, uint64_t v) {
  int64_t ix = simple_index(d, Value::from_bits(key));
  if (ix == kLookupGeneral || (ix < 0 && (d->aux & kDictReadInPlace))) return -1;
  if (dict_set(d, Value::from_bits(key), Value::from_bits(v)) < 0) return int64_t(fail_clearing() & 0) - 1;
  return 0;
}

// seq_iter_next's dict keys / values case (objects/range.cpp); on a size change it returns Exc
// leaving the iterator alone, so that the interpreter raises the RuntimeError itself.
uint64_t jit_helper_dict_iter_next(SeqIterObject* it) {
  if (it->seq.is_null()) return Value::null().bits();
  auto* d = it->seq.as<DictObject>();
  if (int64_t(d->used) != it->end) return kExcBits;
  while (uint64_t(it->index) < d->nentries) {
    const DictEntry& e = d->entries[it->index++];
    if (e.key.is_null()) continue;
    return (it->aux == kIterDictKeys ? e.key : e.value).bits();
  }
  it->seq = Value::null();  // exhausted iterators stay exhausted
  return Value::null().bits();
}

uint64_t jit_helper_str_concat(StrObject* a, StrObject* b) {
  Value r = str_concat(a, b);
  return r.is_exc() ? fail_clearing() : r.bits();
}

int64_t jit_helper_str_eq(StrObject* a, StrObject* b) { return str_eq(a, b) ? 1 : 0; }

uint64_t jit_helper_seq_repeat(uint64_t seq, int64_t n) {
  if (!Value::int_fits_small(n)) return kExcBits;
  Value r = binary_op(int(BinOp::MULTIPLY), Value::from_bits(seq), Value::from_small_int(n));
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_int_str(int64_t i) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, i);
  return str_value(std::string_view(buf, size_t(res.ptr - buf))).bits();
}

uint64_t jit_helper_instance_new(TypeObject* cls) {
  Value r = instance_new(cls);
  return r.is_exc() ? fail_clearing() : r.bits();
}

uint64_t jit_helper_method_new(uint64_t func, uint64_t self) {
  auto* bm = gc::make<BoundMethodObject>(types::method);
  bm->func = Value::from_bits(func);
  bm->self = Value::from_bits(self);
  return Value::from_obj(bm).bits();
}

// float ** float as the interpreter computes it (float_pow: zero, negative and infinite bases
// included); a result that is not a float (negative ** fractional is complex) or an error
// (ZeroDivisionError, OverflowError) exits so that the interpreter redoes it.
uint64_t jit_helper_int_binop(int64_t op, uint64_t a, uint64_t b) {
  // The operands' exact type is guarded: int's own slot, without binary_op's dispatch. An
  // operator int does not have (@) returns NotImplemented: the interpreter raises the TypeError.
  Value r = int_binop(int(op), Value::from_bits(a), Value::from_bits(b));
  if (r.is_exc()) return fail_clearing();
  return r.bits() == g_not_implemented.bits() ? kExcBits : r.bits();
}

uint64_t jit_helper_int_float(uint64_t v) {
  bool overflow = false;
  double d = int_to_double(Value::from_bits(v), &overflow);
  return overflow ? kExcBits : Value::from_double(d).bits();
}

uint64_t jit_helper_float_pow(double x, double y) {
  if (x < 0.0 && y != std::floor(y) && std::isfinite(y)) return kExcBits;
  Value r = float_pow(x, y);
  if (r.is_exc()) return fail_clearing();
  return r.is_double() ? r.bits() : kExcBits;
}

}  // extern "C"

namespace {
// A big request that runs out of memory throws std::bad_alloc (interp/safepoint.cpp), which must
// not unwind through trace code: the helper fails the way CALLG allows, and the interpreter redoes
// the operation and raises MemoryError. (Helpers called without a guard only make small objects,
// which never throw.)
template <auto F>
struct Caught;
template <class R, class... A, R (*F)(A...)>
struct Caught<F> {
  static R call(A... a) {
    try {
      return F(a...);
    } catch (const std::bad_alloc&) {
      if constexpr (std::is_pointer_v<R>) return nullptr;
      else if constexpr (std::is_same_v<R, uint64_t>) return kExcBits;
      else return R(-1);
    }
  }
};

// Helpers that allocate nothing on the heap themselves go without the net, so that they stay a
// plain call (or a tail call) on the path of every traced Python call: call_frame takes the
// frame from the VM stack, call_trace runs trace code (whose helpers have their own nets) and
// falls back to the interpreter loop (which has its own, vm.cpp run()).
template <auto F>
constexpr bool kNeedsNet = true;
template <>
constexpr bool kNeedsNet<&jit_helper_call_frame> = false;
template <>
constexpr bool kNeedsNet<&jit_helper_call_trace> = false;

template <auto F>
void* entry_of() {
  if constexpr (kNeedsNet<F>) return reinterpret_cast<void*>(&Caught<F>::call);
  else return reinterpret_cast<void*>(F);
}
}  // namespace

const HelperInfo kHelpers[int(Helper::kCount)] = {
#define HELPER(name, result, args, doc) {#name, entry_of<&jit_helper_##name>(), #result[0] == '0' ? '\0' : #result[0], args},
#include "jit/helpers.def"
#undef HELPER
};

}  // namespace chaipy::jit
