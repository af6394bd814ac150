// interp/modules/_collections.cpp — the _collections module (CPython's Modules/_collectionsmodule.c):
// deque with its iterators, defaultdict, _count_elements and _tuplegetter. OrderedDict comes from
// collections/__init__.py's pure-Python fallback.
//
// deque is a ring buffer (power-of-two capacity, `head` the slot of element 0): O(1) appends and
// pops at both ends, O(1) indexing. Every structural mutation bumps `state`; iterators, count(),
// index(), remove() and `in` compare it to detect "deque mutated during iteration" as CPython does.
// defaultdict is a dict at the C level (DictObject layout plus the factory, kTypeDictSubclass), so
// every dict method and fast path accepts it; dict's getitem calls its __missing__.
#include <cstdlib>
#include <cstring>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

size_t npos(size_t nargs, TupleObject* kw) { return nargs - (kw ? kw->size : 0); }

// -- deque: storage --------------------------------------------------------------------------------
struct DequeObject : Object {
  Value* buf;
  int64_t cap;     // power of two (0 before the first append)
  int64_t head;    // slot of element 0
  int64_t len;
  int64_t maxlen;  // -1: unbounded
  uint64_t state;  // bumped on every structural mutation
};
struct DequeIterObject : Object { DequeObject* deque; int64_t index; int64_t counter; uint64_t state; };
TypeObject *deque_type, *deque_iter_type, *deque_rev_iter_type;

inline bool is_deque(Value v) { return v.is_obj() && is_subtype(type_of(v), deque_type); }
inline DequeObject* D(Value v) { return v.as<DequeObject>(); }
inline Value& at(DequeObject* d, int64_t i) { return d->buf[(d->head + i) & (d->cap - 1)]; }

void deque_trace(Object* o, Tracer& t) {
  auto* d = static_cast<DequeObject*>(o);
  for (int64_t i = 0; i < d->len; i++) t.visit(at(d, i));
}

void deque_finalize(Object* o) {
  auto* d = static_cast<DequeObject*>(o);
  gc::note_external(-d->cap * int64_t(sizeof(Value)));
  std::free(d->buf);
  d->buf = nullptr;
  d->cap = d->len = 0;
}

void deque_grow(DequeObject* d) {
  int64_t ncap = d->cap ? d->cap * 2 : 8;
  auto* nb = static_cast<Value*>(std::malloc(size_t(ncap) * sizeof(Value)));
  for (int64_t i = 0; i < d->len; i++) nb[i] = at(d, i);
  std::free(d->buf);
  gc::note_external((ncap - d->cap) * int64_t(sizeof(Value)));
  d->buf = nb;
  d->cap = ncap;
  d->head = 0;
}

Value pop_right(DequeObject* d) {
  Value v = at(d, d->len - 1);
  d->len--;
  d->state++;
  return v;
}

Value pop_left(DequeObject* d) {
  Value v = at(d, 0);
  d->head = (d->head + 1) & (d->cap - 1);
  d->len--;
  d->state++;
  return v;
}

void push_right(DequeObject* d, Value v) {
  if (d->len == d->cap) deque_grow(d);
  at(d, d->len) = v;
  d->len++;
  d->state++;
  if (d->maxlen >= 0 && d->len > d->maxlen) pop_left(d);
}

void push_left(DequeObject* d, Value v) {
  if (d->len == d->cap) deque_grow(d);
  d->head = (d->head - 1) & (d->cap - 1);
  d->buf[d->head] = v;
  d->len++;
  d->state++;
  if (d->maxlen >= 0 && d->len > d->maxlen) pop_right(d);
}

void deque_clear_items(DequeObject* d) {
  d->len = 0;
  d->head = 0;
  d->state++;
}

// Rotates right by n (0 <= n < len): the last n items move to the front.
void rotate_right(DequeObject* d, int64_t n) {
  if (n == 0) return;
  if (d->len == d->cap) {
    d->head = (d->head - n) & (d->cap - 1);
  } else {
    auto* tmp = static_cast<Value*>(std::malloc(size_t(d->len) * sizeof(Value)));
    for (int64_t i = 0; i < d->len; i++) tmp[(i + n) % d->len] = at(d, i);
    for (int64_t i = 0; i < d->len; i++) at(d, i) = tmp[i];
    std::free(tmp);
  }
  d->state++;
}

// A snapshot of the items as a GC-visible tuple (comparisons and repr may run Python code).
TupleObject* deque_items(DequeObject* d) {
  TupleObject* t = tuple_new(size_t(d->len));
  for (int64_t i = 0; i < d->len; i++) t->items[i] = at(d, i);
  return t;
}

// -- deque: construction ---------------------------------------------------------------------------
Value deque_tp_new(TypeObject* type, Value*, size_t, TupleObject*) {
  auto* d = gc::make<DequeObject>(type);
  d->buf = nullptr;
  d->cap = d->head = d->len = 0;
  d->maxlen = -1;
  d->state = 0;
  return obj(d);
}

int deque_extend_impl(DequeObject* d, Value iterable, bool left) {
  if (iterable == obj(d)) {
    iterable = obj(deque_items(d));
  }
  Value it = get_iter(iterable);
  if (it.is_exc()) return -1;
  for (;;) {
    Value v = iter_next(it);
    if (v.is_exc()) return -1;
    if (v.is_null()) return 0;
    if (d->maxlen == 0) continue;
    left ? push_left(d, v) : push_right(d, v);
  }
}

int deque_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"iterable", "maxlen", nullptr};
  Value a[2];
  if (!parse_args("deque", args, nargs, kw, names, 0, a)) return -1;
  DequeObject* d = D(self);
  int64_t maxlen = -1;
  if (!a[1].is_null() && !a[1].is_none()) {
    if (!is_int(a[1])) {
      raise(exc::TypeError, "an integer is required");
      return -1;
    }
    if (!int_to_i64(a[1], &maxlen)) {
      raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
      return -1;
    }
    if (maxlen < 0) {
      raise(exc::ValueError, "maxlen must be non-negative");
      return -1;
    }
  }
  d->maxlen = maxlen;
  if (d->len > 0) deque_clear_items(d);
  if (!a[0].is_null() && deque_extend_impl(d, a[0], false) < 0) return -1;
  return 0;
}

Value deque_copy_of(Value self) {
  DequeObject* d = D(self);
  TypeObject* t = type_of(self);
  if (t == deque_type) {
    Value n = deque_tp_new(deque_type, nullptr, 0, nullptr);
    DequeObject* nd = D(n);
    nd->maxlen = d->maxlen;
    for (int64_t i = 0; i < d->len; i++) push_right(nd, at(d, i));
    return n;
  }
  if (d->maxlen < 0) return call1(obj(t), self);
  return call2(obj(t), self, int_from_i64(d->maxlen));
}

// -- deque: methods ----------------------------------------------------------------------------------
Value deque_append(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  if (d->maxlen != 0) push_right(d, args[1]);
  return Value::none();
}
Value deque_appendleft(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  if (d->maxlen != 0) push_left(d, args[1]);
  return Value::none();
}
Value deque_pop(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  if (d->len == 0) return raise(exc::IndexError, "pop from an empty deque");
  return pop_right(d);
}
Value deque_popleft(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  if (d->len == 0) return raise(exc::IndexError, "pop from an empty deque");
  return pop_left(d);
}
Value deque_extend(Value* args, size_t, TupleObject*) {
  return deque_extend_impl(D(args[0]), args[1], false) < 0 ? Value::exc() : Value::none();
}
Value deque_extendleft(Value* args, size_t, TupleObject*) {
  return deque_extend_impl(D(args[0]), args[1], true) < 0 ? Value::exc() : Value::none();
}
Value deque_clear(Value* args, size_t, TupleObject*) {
  deque_clear_items(D(args[0]));
  return Value::none();
}
Value deque_copy(Value* args, size_t, TupleObject*) { return deque_copy_of(args[0]); }

bool rotate_by(DequeObject* d, int64_t n) {
  if (d->len <= 1) return true;
  int64_t m = n % d->len;
  if (m < 0) m += d->len;
  rotate_right(d, m);
  return true;
}

Value deque_rotate(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("rotate", kw) || !check_positional("rotate", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = 1;
  if (nargs == 2 && !ssize_arg(args[1], &n)) return Value::exc();
  rotate_by(D(args[0]), n);
  return Value::none();
}

Value deque_reverse(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  for (int64_t i = 0, j = d->len - 1; i < j; i++, j--) std::swap(at(d, i), at(d, j));
  return Value::none();
}

Value deque_count(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  uint64_t state = d->state;
  int64_t n = d->len, count = 0;
  for (int64_t i = 0; i < n; i++) {
    int c = item_eq(at(d, i), args[1]);
    if (c < 0) return Value::exc();
    if (d->state != state) return raise(exc::RuntimeError, "deque mutated during iteration");
    count += c;
  }
  return int_from_i64(count);
}

// _PyEval_SliceIndexNotNone: an index clipped to int64.
bool slice_index(Value v, int64_t* out) {
  if (!is_int(v) && lookup_special(v, NAME("__index__")).is_null()) {
    raise(exc::TypeError, "slice indices must be integers or have an __index__ method");
    return false;
  }
  Value i = to_index(v);
  if (i.is_exc()) return false;
  if (!int_to_i64(i, out)) *out = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
  return true;
}

Value not_in_deque(Value v) {
  Value r = repr(v);
  if (r.is_exc()) return r;
  return raise_fmt(exc::ValueError, "{} is not in deque", as_str(r)->view());
}

Value deque_index(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("index", kw) || !check_positional("index", nargs - 1, 1, 3)) return Value::exc();
  DequeObject* d = D(args[0]);
  int64_t start = 0, stop = d->len;
  if (nargs > 2 && !slice_index(args[2], &start)) return Value::exc();
  if (nargs > 3 && !slice_index(args[3], &stop)) return Value::exc();
  if (start < 0) start = std::max<int64_t>(start + d->len, 0);
  if (stop < 0) stop = std::max<int64_t>(stop + d->len, 0);
  if (stop > d->len) stop = d->len;
  if (start > stop) start = stop;
  uint64_t state = d->state;
  for (int64_t i = start; i < stop; i++) {
    int c = item_eq(at(d, i), args[1]);
    if (c < 0) return Value::exc();
    if (d->state != state) return raise(exc::RuntimeError, "deque mutated during iteration");
    if (c) return int_from_i64(i);
  }
  return not_in_deque(args[1]);
}

Value deque_insert(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("insert", kw) || !check_positional("insert", nargs - 1, 2, 2)) return Value::exc();
  DequeObject* d = D(args[0]);
  int64_t index;
  if (!ssize_arg(args[1], &index)) return Value::exc();
  if (d->maxlen == d->len) return raise(exc::IndexError, "deque already at its maximum size");
  int64_t n = d->len;
  if (index >= n) {
    push_right(d, args[2]);
  } else if (index <= -n || index == 0) {
    push_left(d, args[2]);
  } else {
    rotate_by(d, -index);
    if (index < 0) push_right(d, args[2]);
    else push_left(d, args[2]);
    rotate_by(d, index);
  }
  return Value::none();
}

// Deletes item i (0 <= i < len).
void del_item(DequeObject* d, int64_t i) {
  if (i < d->len / 2) {
    for (int64_t k = i; k > 0; k--) at(d, k) = at(d, k - 1);
    pop_left(d);
  } else {
    for (int64_t k = i; k < d->len - 1; k++) at(d, k) = at(d, k + 1);
    pop_right(d);
  }
}

Value deque_remove(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  uint64_t state = d->state;
  int64_t n = d->len;
  for (int64_t i = 0; i < n; i++) {
    int c = item_eq(at(d, i), args[1]);
    if (c < 0) return Value::exc();
    if (d->state != state) return raise(exc::IndexError, "deque mutated during iteration");
    if (c) {
      del_item(d, i);
      return Value::none();
    }
  }
  return not_in_deque(args[1]);
}

Value deque_reduce(Value* args, size_t, TupleObject*) {
  DequeObject* d = D(args[0]);
  Value state = getattr_opt(args[0], NAME("__dict__"));
  if (state.is_exc()) return state;
  if (state.is_null()) state = Value::none();
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  Value t = obj(type_of(args[0]));
  if (d->maxlen < 0) return tuple_pack({t, tuple_pack({}), state, it});
  return tuple_pack({t, tuple_pack({tuple_pack({}), int_from_i64(d->maxlen)}), state, it});
}

Value deque_reversed(Value* args, size_t, TupleObject*);
Value deque_iter(Value self);

// -- deque: slots ------------------------------------------------------------------------------------
Value deque_repr(Value self) {
  DequeObject* d = D(self);
  const char* name = type_of(self)->name->data;
  if (!repr_enter(d)) return str_value("[...]");
  Value l = list_from_array(deque_items(d)->items, size_t(d->len));
  Value r = repr(l);
  repr_leave(d);
  if (r.is_exc()) return r;
  if (d->maxlen >= 0) return str_value(fmt::format("{}({}, maxlen={})", name, as_str(r)->view(), d->maxlen));
  return str_value(fmt::format("{}({})", name, as_str(r)->view()));
}

int64_t deque_len(Value self) { return D(self)->len; }
int deque_bool(Value self) { return D(self)->len != 0; }

int deque_contains(Value self, Value v) {
  DequeObject* d = D(self);
  uint64_t state = d->state;
  int64_t n = d->len;
  for (int64_t i = 0; i < n; i++) {
    int c = item_eq(at(d, i), v);
    if (c < 0) return -1;
    if (d->state != state) {
      raise(exc::RuntimeError, "deque mutated during iteration");
      return -1;
    }
    if (c) return 1;
  }
  return 0;
}

// Sequence-protocol index: negative counts from the end; false (raised) when out of range.
bool deque_index_arg(DequeObject* d, Value key, int64_t* out) {
  if (!is_int(key) && (key.is_double() || lookup_special(key, NAME("__index__")).is_null())) {
    raise_fmt(exc::TypeError, "sequence index must be integer, not '{}'", type_name(key));
    return false;
  }
  int64_t i;
  if (index_of(key, &i).is_exc()) return false;
  if (i < 0) i += d->len;
  if (i < 0 || i >= d->len) {
    raise(exc::IndexError, "deque index out of range");
    return false;
  }
  *out = i;
  return true;
}

Value deque_getitem(Value self, Value key) {
  DequeObject* d = D(self);
  int64_t i;
  if (key.is_small_int()) {
    i = key.as_small_int();
    if (i < 0) i += d->len;
    if (i >= 0 && i < d->len) return at(d, i);
  }
  if (!deque_index_arg(d, key, &i)) return Value::exc();
  return at(d, i);
}

int deque_setitem(Value self, Value key, Value v) {
  DequeObject* d = D(self);
  int64_t i;
  if (!deque_index_arg(d, key, &i)) return -1;
  if (v.is_null()) del_item(d, i);
  else at(d, i) = v;
  return 0;
}

Value deque_richcompare(Value a, Value b, CmpOp op) {
  if (!is_deque(a) || !is_deque(b)) return g_not_implemented;
  TupleObject* x = deque_items(D(a));
  TupleObject* y = deque_items(D(b));
  return seq_richcompare(x->items, x->size, y->items, y->size, op);
}

// deque * n and deque *= n: the repeated items, keeping the last maxlen of them.
Value deque_repeat_into(DequeObject* d, int64_t n) {
  if (n <= 0 || d->len == 0) {
    deque_clear_items(d);
    return obj(d);
  }
  if (n == 1) return obj(d);
  int64_t size = d->len, total;
  if (__builtin_mul_overflow(size, n, &total)) return raise(exc::MemoryError, "");
  TupleObject* items = deque_items(d);
  int64_t skip = d->maxlen >= 0 && total > d->maxlen ? total - d->maxlen : 0;
  int64_t start = skip > size ? skip - skip % size : size;  // whole copies that would be trimmed anyway
  if (skip > size) deque_clear_items(d);
  for (int64_t k = start; k < total; k++) push_right(d, items->items[k % size]);
  return obj(d);
}

Value deque_binop(int op, Value a, Value b) {
  bool inplace = op >= kNumBinOps;
  int plain = inplace ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (!is_deque(a)) return g_not_implemented;
    if (inplace) return deque_extend_impl(D(a), b, false) < 0 ? Value::exc() : a;
    if (!is_deque(b))
      return raise_fmt(exc::TypeError, "can only concatenate deque (not \"{}\") to deque", type_name(b));
    Value n = deque_copy_of(a);
    if (n.is_exc()) return n;
    if (!is_deque(n)) return n;
    return deque_extend_impl(D(n), b, false) < 0 ? Value::exc() : n;
  }
  if (plain == int(BinOp::MULTIPLY)) {
    Value dq = is_deque(a) ? a : b, count = is_deque(a) ? b : a;
    if (!is_deque(dq) || (!is_int(count) && lookup_special(count, NAME("__index__")).is_null())) return g_not_implemented;
    int64_t n;
    if (!ssize_arg(count, &n)) return Value::exc();
    if (inplace && dq == a) return deque_repeat_into(D(a), n);
    Value c = deque_copy_of(dq);
    if (c.is_exc() || !is_deque(c)) return c;
    return deque_repeat_into(D(c), n);
  }
  return g_not_implemented;
}

Value deque_getattr(Value self, StrObject* name) {
  if (name->view() == "maxlen") {
    int64_t m = D(self)->maxlen;
    return m < 0 ? Value::none() : int_from_i64(m);
  }
  return generic_getattr(self, name);
}

int deque_setattr(Value self, StrObject* name, Value v) {
  if (name->view() == "maxlen") {
    raise_fmt(exc::AttributeError, "attribute 'maxlen' of '{}' objects is not writable", type_name(self));
    return -1;
  }
  return generic_setattr(self, name, v);
}

// -- deque iterators ------------------------------------------------------------------------------------
Value deque_iter_make(TypeObject* t, DequeObject* d) {
  auto* it = gc::make<DequeIterObject>(t);
  it->deque = d;
  it->index = t == deque_rev_iter_type || is_subtype(t, deque_rev_iter_type) ? d->len - 1 : 0;
  it->counter = d->len;
  it->state = d->state;
  return obj(it);
}

Value deque_iter(Value self) { return deque_iter_make(deque_iter_type, D(self)); }
Value deque_reversed(Value* args, size_t, TupleObject*) { return deque_iter_make(deque_rev_iter_type, D(args[0])); }

Value dequeiter_next_impl(Value self, int64_t step) {
  auto* it = self.as<DequeIterObject>();
  DequeObject* d = it->deque;
  if (d->state != it->state) {
    it->counter = 0;
    return raise(exc::RuntimeError, "deque mutated during iteration");
  }
  if (it->counter == 0) return Value::null();
  Value v = at(d, it->index);
  it->index += step;
  it->counter--;
  return v;
}
Value dequeiter_next(Value self) { return dequeiter_next_impl(self, 1); }
Value dequerev_next(Value self) { return dequeiter_next_impl(self, -1); }

Value dequeiter_length_hint(Value* args, size_t, TupleObject*) { return int_from_i64(args[0].as<DequeIterObject>()->counter); }

Value dequeiter_reduce(Value* args, size_t, TupleObject*) {
  auto* it = args[0].as<DequeIterObject>();
  return tuple_pack({obj(type_of(args[0])), tuple_pack({obj(it->deque), int_from_i64(it->deque->len - it->counter)})});
}

template <bool Reverse>
Value dequeiter_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  const char* name = Reverse ? "_deque_reverse_iterator" : "_deque_iterator";
  if (!check_no_kwargs(name, kw) || !check_positional(name, nargs, 1, 2)) return Value::exc();
  if (!is_deque(args[0]))
    return raise_fmt(exc::TypeError, "{}() argument 1 must be collections.deque, not {}", name, type_name(args[0]));
  int64_t index = 0;
  if (nargs == 2 && !ssize_arg(args[1], &index)) return Value::exc();
  Value it = deque_iter_make(type, D(args[0]));
  for (int64_t i = 0; i < index; i++) {
    Value v = (Reverse ? dequerev_next : dequeiter_next)(it);
    if (v.is_exc()) return v;
    if (v.is_null()) break;
  }
  return it;
}

void dequeiter_trace(Object* o, Tracer& t) { t.visit(static_cast<DequeIterObject*>(o)->deque); }
Value iter_self(Value v) { return v; }

// -- defaultdict ------------------------------------------------------------------------------------------
struct DefaultDictObject : DictObject { Value default_factory; };  // None: no factory
TypeObject* defaultdict_type;

inline bool is_defaultdict(Value v) { return v.is_obj() && is_subtype(type_of(v), defaultdict_type); }

void defaultdict_trace(Object* o, Tracer& t) {
  types::dict->trace(o, t);
  t.visit(static_cast<DefaultDictObject*>(o)->default_factory);
}

Value defaultdict_tp_new(TypeObject* type, Value*, size_t, TupleObject*) {
  auto* d = gc::make<DefaultDictObject>(type);
  d->version = d->layout = ++*dict_version_counter();
  d->default_factory = Value::none();
  return obj(d);
}

bool callable_value(Value v) {
  TypeObject* t = type_of(v);
  if (t->call) return true;
  Value m = type_lookup(t, NAME("__call__"));
  return !m.is_null() && !m.is_exc();
}

int defaultdict_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  size_t n = npos(nargs, kw);
  Value factory = Value::none();
  if (n > 0) {
    factory = args[0];
    if (!factory.is_none() && !callable_value(factory)) {
      raise(exc::TypeError, "first argument must be callable or None");
      return -1;
    }
  }
  self.as<DefaultDictObject>()->default_factory = factory;
  if (n > 2) {
    raise_fmt(exc::TypeError, "dict expected at most 1 argument, got {}", n - 1);
    return -1;
  }
  auto* d = self.as<DictObject>();
  if (n == 2 && dict_update(d, args[1]) < 0) return -1;
  if (kw)
    for (uint64_t k = 0; k < kw->size; k++)
      if (dict_set(d, kw->items[k], args[n + k]) < 0) return -1;
  return 0;
}

Value defaultdict_missing(Value* args, size_t, TupleObject*) {
  Value factory = args[0].as<DefaultDictObject>()->default_factory;
  if (factory.is_none()) return raise_key_error(args[1]);
  Value v = call0(factory);
  if (v.is_exc()) return v;
  if (setitem(args[0], args[1], v) < 0) return Value::exc();
  return v;
}

Value defaultdict_new_like(Value self, Value source) {
  return call2(obj(type_of(self)), self.as<DefaultDictObject>()->default_factory, source);
}

Value defaultdict_copy(Value* args, size_t, TupleObject*) { return defaultdict_new_like(args[0], args[0]); }

Value defaultdict_reduce(Value* args, size_t, TupleObject*) {
  Value factory = args[0].as<DefaultDictObject>()->default_factory;
  Value fargs = factory.is_none() ? tuple_pack({}) : tuple_pack({factory});
  Value items = call_method(args[0], NAME("items"), nullptr, 0);
  if (items.is_exc()) return items;
  Value it = get_iter(items);
  if (it.is_exc()) return it;
  return tuple_pack({obj(type_of(args[0])), fargs, Value::none(), Value::none(), it});
}

Value defaultdict_repr(Value self) {
  Value base = types::dict->repr(self);
  if (base.is_exc()) return base;
  Value factory = self.as<DefaultDictObject>()->default_factory;
  std::string f;
  if (factory.is_none()) {
    f = "None";
  } else if (factory.is_obj() && !repr_enter(factory.as_obj())) {
    f = "...";
  } else {
    Value r = repr(factory);
    if (factory.is_obj()) repr_leave(factory.as_obj());
    if (r.is_exc()) return r;
    f = as_str(r)->view();
  }
  return str_value(fmt::format("{}({}, {})", type_of(self)->name->view(), f, as_str(base)->view()));
}

Value defaultdict_binop(int op, Value a, Value b) {
  if (op == int(BinOp::OR)) {
    Value self = is_defaultdict(a) ? a : b, other = is_defaultdict(a) ? b : a;
    if (!is_dict(other)) return g_not_implemented;
    Value n = defaultdict_new_like(self, a);
    if (n.is_exc()) return n;
    if (dict_update(n.as<DictObject>(), b) < 0) return Value::exc();
    return n;
  }
  return types::dict->binop(op, a, b);
}

Value defaultdict_getattr(Value self, StrObject* name) {
  if (name->view() == "default_factory") return self.as<DefaultDictObject>()->default_factory;
  return generic_getattr(self, name);
}

int defaultdict_setattr(Value self, StrObject* name, Value v) {
  if (name->view() == "default_factory") {
    self.as<DefaultDictObject>()->default_factory = v.is_null() ? Value::none() : v;
    return 0;
  }
  return generic_setattr(self, name, v);
}

// -- _count_elements --------------------------------------------------------------------------------------------
Value count_elements(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_count_elements", kw) || !check_positional("_count_elements", nargs, 2, 2)) return Value::exc();
  Value mapping = args[0];
  Value it = get_iter(args[1]);
  if (it.is_exc()) return it;
  TypeObject* t = type_of(mapping);
  bool fast = is_dict(mapping) && type_lookup(t, NAME("get")) == type_lookup(types::dict, NAME("get")) &&
              type_lookup(t, NAME("__setitem__")) == type_lookup(types::dict, NAME("__setitem__"));
  Value one = Value::from_small_int(1), zero = Value::from_small_int(0);
  Value get = Value::null();
  if (!fast) {
    get = getattr(mapping, NAME("get"));
    if (get.is_exc()) return get;
  }
  for (;;) {
    Value key = iter_next(it);
    if (key.is_exc()) return key;
    if (key.is_null()) return Value::none();
    Value old;
    if (fast) {
      old = dict_get(mapping.as<DictObject>(), key);
      if (old.is_exc()) return old;
      if (old.is_null()) old = zero;
    } else {
      old = call2(get, key, zero);
      if (old.is_exc()) return old;
    }
    Value n = binary_op(int(BinOp::ADD), old, one);
    if (n.is_exc()) return n;
    if ((fast ? dict_set(mapping.as<DictObject>(), key, n) : setitem(mapping, key, n)) < 0) return Value::exc();
  }
}

// -- _tuplegetter ---------------------------------------------------------------------------------------------------
struct TupleGetterObject : Object { int64_t index; Value doc; };
TypeObject* tuplegetter_type;

Value tuplegetter_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_tuplegetter", kw) || !check_positional("_tuplegetter", nargs, 2, 2)) return Value::exc();
  int64_t index;
  if (!ssize_arg(args[0], &index)) return Value::exc();
  auto* g = gc::make<TupleGetterObject>(type);
  g->index = index;
  g->doc = args[1];
  return obj(g);
}

Value tuplegetter_get(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__get__", kw) || !check_positional("__get__", nargs - 1, 1, 2)) return Value::exc();
  auto* g = args[0].as<TupleGetterObject>();
  Value o = args[1];
  if (o.is_none()) return args[0];
  if (!is_tuple(o))
    return raise_fmt(exc::TypeError, "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
                     g->index, type_name(o));
  auto* t = o.as<TupleObject>();
  if (g->index < 0 || uint64_t(g->index) >= t->size) return raise(exc::IndexError, "tuple index out of range");
  return t->items[g->index];
}

Value tuplegetter_set(Value* args, size_t nargs, TupleObject*) {
  return raise(exc::AttributeError, nargs == 2 ? "can't delete attribute" : "can't set attribute");
}

Value tuplegetter_reduce(Value* args, size_t, TupleObject*) {
  auto* g = args[0].as<TupleGetterObject>();
  return tuple_pack({obj(type_of(args[0])), tuple_pack({int_from_i64(g->index), g->doc})});
}

Value tuplegetter_getattr(Value self, StrObject* name) {
  if (name->view() == "__doc__") return self.as<TupleGetterObject>()->doc;
  return generic_getattr(self, name);
}

int tuplegetter_setattr(Value self, StrObject* name, Value v) {
  if (name->view() == "__doc__") {
    self.as<TupleGetterObject>()->doc = v.is_null() ? Value::none() : v;
    return 0;
  }
  return generic_setattr(self, name, v);
}

void tuplegetter_trace(Object* o, Tracer& t) { t.visit(static_cast<TupleGetterObject*>(o)->doc); }

TypeObject* new_type(const char* name, TypeObject* base, uint32_t size, uint32_t flags, const char* module) {
  TypeObject* t = make_builtin_type(name, base, size, flags);
  t->module = str_intern(module);
  return t;
}

}  // namespace

Value make__collections_module() {
  Value m = module_new("_collections");
  DictObject* md = m.as<ModuleObject>()->dict;

  deque_type = new_type("deque", types::object, sizeof(DequeObject), kTypeBaseType, "collections");
  TypeObject* t = deque_type;
  t->trace = deque_trace;
  t->finalize = deque_finalize;
  t->tp_new = deque_tp_new;
  t->init = deque_init;
  t->repr = deque_repr;
  t->hash = nullptr;
  t->richcompare = deque_richcompare;
  t->binop = deque_binop;
  t->len = deque_len;
  t->boolean = deque_bool;
  t->contains = deque_contains;
  t->getitem = deque_getitem;
  t->setitem = deque_setitem;
  t->iter = deque_iter;
  t->getattr = deque_getattr;
  t->setattr = deque_setattr;
  dict_set_str(t->dict, NAME("__hash__"), Value::none());
  type_add_methods(t, {{"append", deque_append, kNativeOneArg},
                       {"appendleft", deque_appendleft, kNativeOneArg},
                       {"pop", deque_pop, kNativeNoArgs},
                       {"popleft", deque_popleft, kNativeNoArgs},
                       {"extend", deque_extend, kNativeOneArg},
                       {"extendleft", deque_extendleft, kNativeOneArg},
                       {"clear", deque_clear, kNativeNoArgs},
                       {"copy", deque_copy, kNativeNoArgs},
                       {"__copy__", deque_copy, kNativeNoArgs},
                       {"count", deque_count, kNativeOneArg},
                       {"index", deque_index},
                       {"insert", deque_insert},
                       {"remove", deque_remove, kNativeOneArg},
                       {"reverse", deque_reverse, kNativeNoArgs},
                       {"rotate", deque_rotate},
                       {"__reversed__", deque_reversed, kNativeNoArgs},
                       {"__reduce__", deque_reduce, kNativeNoArgs}});

  deque_iter_type = new_type("_deque_iterator", types::object, sizeof(DequeIterObject), 0, "_collections");
  deque_rev_iter_type = new_type("_deque_reverse_iterator", types::object, sizeof(DequeIterObject), 0, "_collections");
  for (TypeObject* it : {deque_iter_type, deque_rev_iter_type}) {
    it->trace = dequeiter_trace;
    it->iter = iter_self;
    type_add_methods(it, {{"__length_hint__", dequeiter_length_hint, kNativeNoArgs},
                          {"__reduce__", dequeiter_reduce, kNativeNoArgs}});
  }
  deque_iter_type->iternext = dequeiter_next;
  deque_iter_type->tp_new = dequeiter_new<false>;
  deque_rev_iter_type->iternext = dequerev_next;
  deque_rev_iter_type->tp_new = dequeiter_new<true>;

  defaultdict_type = new_type("defaultdict", types::dict, sizeof(DefaultDictObject), kTypeBaseType | kTypeDictSubclass,
                              "collections");
  t = defaultdict_type;
  TypeObject* dict = types::dict;  // the dict slots make_builtin_type does not inherit
  t->len = dict->len;
  t->boolean = dict->boolean;
  t->contains = dict->contains;
  t->getitem = dict->getitem;
  t->setitem = dict->setitem;
  t->iter = dict->iter;
  t->trace = defaultdict_trace;
  t->tp_new = defaultdict_tp_new;
  t->init = defaultdict_init;
  t->repr = defaultdict_repr;
  t->binop = defaultdict_binop;
  t->getattr = defaultdict_getattr;
  t->setattr = defaultdict_setattr;
  type_add_methods(t, {{"__missing__", defaultdict_missing, kNativeOneArg},
                       {"copy", defaultdict_copy, kNativeNoArgs},
                       {"__copy__", defaultdict_copy, kNativeNoArgs},
                       {"__reduce__", defaultdict_reduce, kNativeNoArgs}});

  tuplegetter_type = new_type("_tuplegetter", types::object, sizeof(TupleGetterObject), kTypeNativeDescr, "_collections");
  t = tuplegetter_type;
  t->trace = tuplegetter_trace;
  t->tp_new = tuplegetter_new;
  t->getattr = tuplegetter_getattr;
  t->setattr = tuplegetter_setattr;
  type_add_methods(t, {{"__get__", tuplegetter_get},
                       {"__set__", tuplegetter_set},
                       {"__delete__", tuplegetter_set},
                       {"__reduce__", tuplegetter_reduce, kNativeNoArgs}});

  for (TypeObject* ty : {deque_type, defaultdict_type, deque_iter_type, deque_rev_iter_type, tuplegetter_type})
    dict_set_str(md, ty->name, obj(ty));
  module_add_functions(md, {{"_count_elements", count_elements}});
  return m;
}

}  // namespace chaipy
