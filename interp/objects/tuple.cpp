// interp/objects/tuple.cpp — the tuple type, plus sequence helpers shared with list (lexicographic
// comparison, repeat counts, the repr recursion guard).
#include <cstring>
#include <vector>

#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

// -- Shared helpers --------------------------------------------------------------------------------
static std::vector<Object*> g_repr_stack;

bool repr_enter(Object* o) {
  for (Object* p : g_repr_stack)
    if (p == o) return false;
  g_repr_stack.push_back(o);
  return true;
}
void repr_leave(Object* o) {
  if (!g_repr_stack.empty() && g_repr_stack.back() == o) g_repr_stack.pop_back();
}

Value seq_repeat_count(Value n, int64_t* out) {
  if (n.is_small_int()) { *out = n.as_small_int(); return Value::none(); }
  if (is_int(n)) {
    if (!int_get_i64(n, out)) return raise(exc::OverflowError, "cannot fit 'int' into an index-sized integer");
    return Value::none();
  }
  if (type_of(n)->flags & kTypeHeap) {
    Value idx = lookup_special(n, str_intern("__index__"));
    if (idx.is_exc()) return idx;
    if (!idx.is_null()) {
      Value r = call0(idx);
      if (r.is_exc()) return r;
      return seq_repeat_count(r, out);
    }
  }
  return g_not_implemented;
}

static Value cmp_sizes(size_t na, size_t nb, CmpOp op) {
  switch (op) {
    case CmpOp::LT: return Value::from_bool(na < nb);
    case CmpOp::LE: return Value::from_bool(na <= nb);
    case CmpOp::EQ: return Value::from_bool(na == nb);
    case CmpOp::NE: return Value::from_bool(na != nb);
    case CmpOp::GT: return Value::from_bool(na > nb);
    case CmpOp::GE: return Value::from_bool(na >= nb);
  }
  return Value::false_();
}

Value seq_richcompare(const Value* a, size_t na, const Value* b, size_t nb, CmpOp op) {
  if ((op == CmpOp::EQ || op == CmpOp::NE) && na != nb) return Value::from_bool(op == CmpOp::NE);
  size_t i = 0;
  for (; i < na && i < nb; i++) {
    int e = item_eq(a[i], b[i]);
    if (e < 0) return Value::exc();
    if (!e) break;
  }
  if (i >= na || i >= nb) return cmp_sizes(na, nb, op);
  if (op == CmpOp::EQ) return Value::false_();
  if (op == CmpOp::NE) return Value::true_();
  return compare_bool(a[i], b[i], op);
}

void type_add_classmethod(TypeObject* t, const char* name, NativeFn fn) {
  auto* w = gc::make<WrapperObject>(types::classmethod);
  w->fget = native_function_new(name, fn, t);
  w->fset = w->fdel = w->doc = Value::none();
  dict_set_str(t->dict, str_intern(name), obj(w));
}

// -- Construction ------------------------------------------------------------------------------------
static void tuple_trace(Object* o, Tracer& t) {
  auto* tp = static_cast<TupleObject*>(o);
  for (uint64_t i = 0; i < tp->size; i++) t.visit(tp->items[i]);
}

TupleObject* tuple_new(size_t n) {
  static TupleObject* empty = nullptr;
  if (n == 0 && empty) return empty;
  auto* t = gc::make<TupleObject>(types::tuple, n * sizeof(Value));
  t->hash = -1;
  t->size = n;
  for (size_t i = 0; i < n; i++) t->items[i] = Value::null();
  if (n == 0) {
    empty = t;
    gc::add_root(&empty);
  }
  return t;
}

Value tuple_pack(std::initializer_list<Value> items) {
  TupleObject* t = tuple_new(items.size());
  size_t i = 0;
  for (Value v : items) t->items[i++] = v;
  return obj(t);
}

Value tuple_from_array(const Value* items, size_t n) {
  TupleObject* t = tuple_new(n);
  if (n) std::memcpy(t->items, items, n * sizeof(Value));
  return obj(t);
}

// -- Slots ------------------------------------------------------------------------------------------------
static Value tuple_repr(Value v) {
  auto* t = v.as<TupleObject>();
  if (t->size == 0) return str_value("()");
  if (!repr_enter(t)) return str_value("(...)");
  std::string out = "(";
  for (uint64_t i = 0; i < t->size; i++) {
    if (i) out += ", ";
    Value r = repr(t->items[i]);
    if (r.is_exc()) { repr_leave(t); return r; }
    out += as_str(r)->view();
  }
  if (t->size == 1) out += ',';
  out += ')';
  repr_leave(t);
  return str_value(out);
}

// CPython 3.11's xxHash-based tuple hash.
int64_t tuple_hash(Value v) {
  auto* t = v.as<TupleObject>();
  if (t->hash != -1) return t->hash;
  constexpr uint64_t P1 = 11400714785074694791ull, P2 = 14029467366897019727ull, P5 = 2870177450012600261ull;
  uint64_t acc = P5;
  for (uint64_t i = 0; i < t->size; i++) {
    int64_t h = hash(t->items[i]);
    if (h == -1) return -1;
    acc += uint64_t(h) * P2;
    acc = (acc << 31) | (acc >> 33);
    acc *= P1;
  }
  acc += t->size ^ (P5 ^ 3527539ull);
  if (acc == uint64_t(-1)) acc = 1546275796;
  t->hash = int64_t(acc);
  return t->hash;
}

static Value tuple_richcompare(Value a, Value b, CmpOp op) {
  if (!is_tuple(a) || !is_tuple(b)) return g_not_implemented;
  auto *x = a.as<TupleObject>(), *y = b.as<TupleObject>();
  return seq_richcompare(x->items, x->size, y->items, y->size, op);
}

static Value tuple_binop(int op, Value a, Value b) {
  int plain = op >= kNumBinOps ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (is_tuple(a) && is_tuple(b)) {
      auto *x = a.as<TupleObject>(), *y = b.as<TupleObject>();
      if (y->size == 0 && x->type == types::tuple) return a;
      if (x->size == 0 && y->type == types::tuple) return b;
      TupleObject* t = tuple_new(x->size + y->size);
      std::memcpy(t->items, x->items, x->size * sizeof(Value));
      std::memcpy(t->items + x->size, y->items, y->size * sizeof(Value));
      return obj(t);
    }
    if (is_tuple(a) && !(type_of(b)->flags & kTypeHeap))
      return raise_fmt(exc::TypeError, "can only concatenate tuple (not \"{}\") to tuple", type_name(b));
    return g_not_implemented;
  }
  if (plain == int(BinOp::MULTIPLY)) {
    Value seq = is_tuple(a) ? a : is_tuple(b) ? b : Value::null();
    if (seq.is_null()) return g_not_implemented;
    int64_t k;
    Value r = seq_repeat_count(seq == a ? b : a, &k);
    if (r.is_exc() || r == g_not_implemented) return r;
    auto* x = seq.as<TupleObject>();
    if (k <= 0 || x->size == 0) return obj(tuple_new(0));
    if (k == 1 && x->type == types::tuple) return seq;
    uint64_t total;
    if (!ssize_mul(x->size, uint64_t(k), nullptr, sizeof(Value), &total)) return Value::exc();
    TupleObject* t = tuple_new(total);
    for (int64_t i = 0; i < k; i++) std::memcpy(t->items + i * x->size, x->items, x->size * sizeof(Value));
    return obj(t);
  }
  return g_not_implemented;
}

static int64_t tuple_len(Value v) { return int64_t(v.as<TupleObject>()->size); }
static int tuple_bool(Value v) { return v.as<TupleObject>()->size != 0; }

static int tuple_contains(Value self, Value item) {
  auto* t = self.as<TupleObject>();
  for (uint64_t i = 0; i < t->size; i++) {
    int e = item_eq(t->items[i], item);
    if (e != 0) return e;
  }
  return 0;
}

static Value tuple_getitem(Value self, Value key) {
  auto* t = self.as<TupleObject>();
  int64_t i;
  if (key.is_small_int()) {
    i = key.as_small_int();
  } else if (isinstance_exact(key, types::slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(t->size), &start, &stop, &step, &n)) return Value::exc();
    if (step == 1 && n == int64_t(t->size) && t->type == types::tuple) return self;
    TupleObject* r = tuple_new(size_t(n > 0 ? n : 0));
    for (int64_t k = 0, j = start; k < n; k++, j += step) r->items[k] = t->items[j];
    return obj(r);
  } else if (is_int(key) || (type_of(key)->flags & kTypeHeap)) {
    Value r = index_of(key, &i);
    if (r.is_exc()) {
      if (exc_matches(exc::TypeError) && !is_int(key)) {
        exc_fetch();
        return raise_fmt(exc::TypeError, "tuple indices must be integers or slices, not {}", type_name(key));
      }
      return r;
    }
  } else {
    return raise_fmt(exc::TypeError, "tuple indices must be integers or slices, not {}", type_name(key));
  }
  if (i < 0) i += int64_t(t->size);
  if (i < 0 || i >= int64_t(t->size)) return raise(exc::IndexError, "tuple index out of range");
  return t->items[i];
}

static Value tuple_iter(Value self) { return seq_iter_new(self, kIterTuple, 0, 0, 1); }

static Value tuple_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "tuple() takes no keyword arguments");
  if (nargs > 1) return raise_fmt(exc::TypeError, "tuple expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return obj(tuple_new(0));
  if (isinstance_exact(args[0], types::tuple)) return args[0];
  if (isinstance_exact(args[0], types::list)) {
    auto* l = args[0].as<ListObject>();
    return tuple_from_array(l->items, l->size);
  }
  return to_tuple(args[0]);
}

// -- Methods ------------------------------------------------------------------------------------------------
// CPython's _PyEval_SliceIndexNotNone: an integer (or __index__), clamped to the int64 range.
static bool get_bound(Value v, int64_t len, int64_t* out) {
  if (v.is_null()) return true;
  Value i = is_int(v) ? v : (type_of(v)->flags & kTypeHeap) ? to_index(v) : Value::null();
  if (i.is_exc() || i.is_null()) {
    if (i.is_null() || exc_matches(exc::TypeError)) {
      if (!i.is_null()) exc_fetch();
      raise(exc::TypeError, "slice indices must be integers or have an __index__ method");
    }
    return false;
  }
  if (!int_get_i64(i, out)) *out = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
  if (*out < 0) { *out += len; if (*out < 0) *out = 0; }
  if (*out > len) *out = len;
  return true;
}

Value seq_index_impl(const char* tname, const Value* items, size_t n, Value* args, size_t nargs) {
  if (!check_nargs("index", nargs - 1, 1, 3)) return Value::exc();
  int64_t start = 0, stop = int64_t(n);
  if (nargs > 2 && !get_bound(args[2], int64_t(n), &start)) return Value::exc();
  if (nargs > 3 && !get_bound(args[3], int64_t(n), &stop)) return Value::exc();
  for (int64_t i = start; i < stop && i < int64_t(n); i++) {
    int e = item_eq(items[i], args[1]);
    if (e < 0) return Value::exc();
    if (e) return int_from_i64(i);
  }
  if (tname[0] == 't') return raise(exc::ValueError, "tuple.index(x): x not in tuple");
  return raise_fmt(exc::ValueError, "{} is not in list", repr_utf8(args[1]));
}

Value seq_count_impl(const Value* items, size_t n, Value x) {
  int64_t c = 0;
  for (size_t i = 0; i < n; i++) {
    int e = item_eq(items[i], x);
    if (e < 0) return Value::exc();
    c += e;
  }
  return int_from_i64(c);
}

static Value tuple_index_m(Value* args, size_t nargs, TupleObject* kw) {
  auto* t = args[0].as<TupleObject>();
  return seq_index_impl("tuple", t->items, t->size, args, nargs);
}
static Value tuple_count_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("tuple.count", nargs - 1, 1, 1)) return Value::exc();
  auto* t = args[0].as<TupleObject>();
  return seq_count_impl(t->items, t->size, args[1]);
}

void init_tuple_type() {
  TypeObject* t = types::tuple;
  t->trace = tuple_trace;
  t->repr = tuple_repr;
  t->hash = tuple_hash;
  t->richcompare = tuple_richcompare;
  t->binop = tuple_binop;
  t->len = tuple_len;
  t->boolean = tuple_bool;
  t->contains = tuple_contains;
  t->getitem = tuple_getitem;
  t->iter = tuple_iter;
  t->tp_new = tuple_tp_new;
  type_add_methods(t, {{"index", tuple_index_m}, {"count", tuple_count_m}});
}

}  // namespace chaipy
