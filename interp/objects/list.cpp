// interp/objects/list.cpp — the list type: growable Value array, slicing (incl. extended slice
// assignment and deletion), stable sort with key/reverse, and all list methods.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "interp/safepoint.h"
#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

// -- Storage ---------------------------------------------------------------------------------------
static void list_trace(Object* o, Tracer& t) {
  auto* l = static_cast<ListObject*>(o);
  for (uint64_t i = 0; i < l->size; i++) t.visit(l->items[i]);
}

static void list_finalize(Object* o) {
  auto* l = static_cast<ListObject*>(o);
  if (l->items) {
    gc::note_external(-int64_t(l->capacity * sizeof(Value)));
    std::free(l->items);
    l->items = nullptr;
  }
  l->capacity = l->size = 0;
}

// False (MemoryError raised, the list unchanged) if the items cannot be allocated.
static bool list_set_capacity(ListObject* l, size_t cap) {
  if (!check_alloc(cap, sizeof(Value))) return false;
  auto* items = static_cast<Value*>(sys_realloc_or_raise(l->items, std::max<size_t>(cap, 1) * sizeof(Value)));
  if (!items) return false;
  l->items = items;
  gc::note_external(int64_t(cap) * 8 - int64_t(l->capacity) * 8);
  l->capacity = cap;
  return true;
}

int list_reserve(ListObject* l, size_t n) {
  if (n <= l->capacity) return 0;
  // CPython's over-allocation pattern (~12.5% + a little).
  size_t cap = (n + (n >> 3) + 6) & ~size_t(3);
  return list_set_capacity(l, cap) ? 0 : -1;
}

ListObject* list_new(size_t n) {
  auto* l = gc::make<ListObject>(types::list);
  if (n) {
    list_set_capacity(l, n);
    for (size_t i = 0; i < n; i++) l->items[i] = Value::none();
  }
  l->size = n;
  return l;
}

Value list_from_array(const Value* items, size_t n) {
  ListObject* l = list_new(0);
  if (n) {
    list_set_capacity(l, n);
    std::memcpy(l->items, items, n * sizeof(Value));
  }
  l->size = n;
  return obj(l);
}

int list_append(ListObject* l, Value v) {
  if (l->size == l->capacity && list_reserve(l, l->size + 1) < 0) return -1;
  l->items[l->size++] = v;
  return 0;
}

int list_extend(ListObject* l, Value iterable) {
  if (is_list(iterable) || is_tuple(iterable)) {
    const Value* src;
    size_t n;
    if (is_list(iterable)) { src = iterable.as<ListObject>()->items; n = iterable.as<ListObject>()->size; }
    else { src = iterable.as<TupleObject>()->items; n = iterable.as<TupleObject>()->size; }
    if (list_reserve(l, l->size + n) < 0) return -1;
    if (n) std::memmove(l->items + l->size, src, n * sizeof(Value));  // memmove: l.extend(l)
    l->size += n;
    return 0;
  }
  Value it = get_iter(iterable);
  if (it.is_exc()) return -1;
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc() || list_append(l, v) < 0) return -1;
  }
  return exc_pending() ? -1 : 0;
}

// -- Slots -------------------------------------------------------------------------------------------------
static Value list_repr(Value v) {
  auto* l = v.as<ListObject>();
  if (l->size == 0) return str_value("[]");
  if (!repr_enter(l)) return str_value("[...]");
  std::string out = "[";
  for (uint64_t i = 0; i < l->size; i++) {
    if (i) out += ", ";
    Value r = repr(l->items[i]);
    if (r.is_exc()) { repr_leave(l); return r; }
    out += as_str(r)->view();
  }
  out += ']';
  repr_leave(l);
  return str_value(out);
}

static Value list_richcompare(Value a, Value b, CmpOp op) {
  if (!is_list(a) || !is_list(b)) return g_not_implemented;
  auto *x = a.as<ListObject>(), *y = b.as<ListObject>();
  if (x == y && (op == CmpOp::EQ || op == CmpOp::LE || op == CmpOp::GE)) {
    // Identity still compares items in CPython (nan), but sizes match; fall through.
  }
  // Items may be mutated by __eq__; compare on a snapshot.
  std::vector<Value> xa(x->items, x->items + x->size), ya(y->items, y->items + y->size);
  return seq_richcompare(xa.data(), xa.size(), ya.data(), ya.size(), op);
}

static Value list_repeat(ListObject* x, Value n) {
  int64_t k;
  Value r = seq_repeat_count(n, &k);
  if (r.is_exc() || r == g_not_implemented) return r;
  if (k <= 0 || x->size == 0) return obj(list_new(0));
  uint64_t total;
  if (!ssize_mul(x->size, uint64_t(k), nullptr, sizeof(Value), &total)) return Value::exc();
  ListObject* l = list_new(0);
  if (!list_set_capacity(l, total)) return Value::exc();
  for (int64_t i = 0; i < k; i++) std::memcpy(l->items + i * x->size, x->items, x->size * sizeof(Value));
  l->size = total;
  return obj(l);
}

static Value list_binop(int op, Value a, Value b) {
  bool inplace = op >= kNumBinOps;
  int plain = inplace ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (inplace && is_list(a)) {  // list.__iadd__ accepts any iterable
      if (list_extend(a.as<ListObject>(), b) < 0) return Value::exc();
      return a;
    }
    if (is_list(a) && is_list(b)) {
      auto *x = a.as<ListObject>(), *y = b.as<ListObject>();
      ListObject* l = list_new(0);
      list_set_capacity(l, x->size + y->size);
      if (x->size) std::memcpy(l->items, x->items, x->size * sizeof(Value));
      if (y->size) std::memcpy(l->items + x->size, y->items, y->size * sizeof(Value));
      l->size = x->size + y->size;
      return obj(l);
    }
    if (is_list(a) && !(type_of(b)->flags & kTypeHeap))
      return raise_fmt(exc::TypeError, "can only concatenate list (not \"{}\") to list", type_name(b));
    return g_not_implemented;
  }
  if (plain == int(BinOp::MULTIPLY)) {
    if (inplace && is_list(a)) {
      int64_t k;
      Value r = seq_repeat_count(b, &k);
      if (r.is_exc() || r == g_not_implemented) return r;
      auto* l = a.as<ListObject>();
      if (k <= 0) { l->size = 0; return a; }
      size_t n = l->size;
      uint64_t total;
      if (!ssize_mul(n, uint64_t(k), nullptr, sizeof(Value), &total)) return Value::exc();
      if (list_reserve(l, total) < 0) return Value::exc();
      for (int64_t i = 1; i < k; i++) std::memcpy(l->items + i * n, l->items, n * sizeof(Value));
      l->size = n * uint64_t(k);
      return a;
    }
    if (is_list(a)) return list_repeat(a.as<ListObject>(), b);
    if (is_list(b)) return list_repeat(b.as<ListObject>(), a);
  }
  return g_not_implemented;
}

static int64_t list_len(Value v) { return int64_t(v.as<ListObject>()->size); }
static int list_bool(Value v) { return v.as<ListObject>()->size != 0; }

static int list_contains(Value self, Value item) {
  auto* l = self.as<ListObject>();
  for (uint64_t i = 0; i < l->size; i++) {
    int e = item_eq(l->items[i], item);
    if (e != 0) return e;
  }
  return 0;
}

static bool list_index_arg(Value key, int64_t* i, const char* what) {
  if (is_int(key)) {
    if (!int_get_i64(key, i)) { raise(exc::IndexError, "cannot fit 'int' into an index-sized integer"); return false; }
    return true;
  }
  if (index_of(key, i).is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      raise_fmt(exc::TypeError, "list indices must be integers or slices, not {}", type_name(key));
    }
    return false;
  }
  return true;
}

static Value list_getitem(Value self, Value key) {
  auto* l = self.as<ListObject>();
  int64_t i;
  if (key.is_small_int()) {
    i = key.as_small_int();
  } else if (isinstance_exact(key, types::slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(l->size), &start, &stop, &step, &n)) return Value::exc();
    if (n <= 0) return obj(list_new(0));
    if (step == 1) return list_from_array(l->items + start, size_t(n));
    ListObject* r = list_new(size_t(n));
    for (int64_t k = 0, j = start; k < n; k++, j += step) r->items[k] = l->items[j];
    return obj(r);
  } else if (!list_index_arg(key, &i, "list index out of range")) {
    return Value::exc();
  }
  if (i < 0) i += int64_t(l->size);
  if (i < 0 || i >= int64_t(l->size)) return raise(exc::IndexError, "list index out of range");
  return l->items[i];
}

static void list_delete_range(ListObject* l, int64_t lo, int64_t hi) {
  std::memmove(l->items + lo, l->items + hi, (l->size - hi) * sizeof(Value));
  l->size -= uint64_t(hi - lo);
}

static int list_ass_slice(ListObject* l, SliceObject* sl, Value v) {
  int64_t start, stop, step, n;
  if (!slice_indices(sl, int64_t(l->size), &start, &stop, &step, &n)) return -1;
  if (v.is_null()) {  // del l[a:b:c]
    if (n <= 0) return 0;
    if (step == 1) { list_delete_range(l, start, start + n); return 0; }
    if (step < 0) {  // normalise to an increasing walk
      start = start + step * (n - 1);
      step = -step;
    }
    std::vector<char> drop(l->size, 0);
    for (int64_t k = 0, j = start; k < n; k++, j += step) drop[j] = 1;
    uint64_t w = 0;
    for (uint64_t r = 0; r < l->size; r++)
      if (!drop[r]) l->items[w++] = l->items[r];
    l->size = w;
    return 0;
  }
  // Materialise the right-hand side first (it may be l itself). Items produced by an iterator
  // live in a heap tuple so a collection during iteration (Python code) still sees them.
  std::vector<Value> src;
  Value holder;  // keeps `src`'s items reachable via the conservatively scanned native stack
  if (is_list(v)) src.assign(v.as<ListObject>()->items, v.as<ListObject>()->items + v.as<ListObject>()->size);
  else if (is_tuple(v)) src.assign(v.as<TupleObject>()->items, v.as<TupleObject>()->items + v.as<TupleObject>()->size);
  else {
    holder = to_tuple(v);
    if (holder.is_exc()) {
      if (exc_matches(exc::TypeError)) {
        exc_fetch();
        raise(exc::TypeError, step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
      }
      return -1;
    }
    src.assign(holder.as<TupleObject>()->items, holder.as<TupleObject>()->items + holder.as<TupleObject>()->size);
  }
  if (step == 1) {
    if (n < 0) n = 0;
    int64_t m = int64_t(src.size());
    int64_t newsize = int64_t(l->size) - n + m;
    if (m > n && list_reserve(l, size_t(newsize)) < 0) return -1;
    std::memmove(l->items + start + m, l->items + start + n, (l->size - start - n) * sizeof(Value));
    if (m) std::memcpy(l->items + start, src.data(), size_t(m) * sizeof(Value));
    l->size = uint64_t(newsize);
    return 0;
  }
  if (int64_t(src.size()) != (n < 0 ? 0 : n)) {
    raise_fmt(exc::ValueError, "attempt to assign sequence of size {} to extended slice of size {}", src.size(), n < 0 ? 0 : n);
    return -1;
  }
  for (int64_t k = 0, j = start; k < n; k++, j += step) l->items[j] = src[size_t(k)];
  return 0;
}

static int list_setitem(Value self, Value key, Value v) {
  auto* l = self.as<ListObject>();
  if (isinstance_exact(key, types::slice)) return list_ass_slice(l, key.as<SliceObject>(), v);
  int64_t i;
  if (key.is_small_int()) i = key.as_small_int();
  else if (!list_index_arg(key, &i, "list assignment index out of range")) return -1;
  if (i < 0) i += int64_t(l->size);
  if (i < 0 || i >= int64_t(l->size)) {
    raise(exc::IndexError, "list assignment index out of range");
    return -1;
  }
  if (v.is_null()) list_delete_range(l, i, i + 1);
  else l->items[i] = v;
  return 0;
}

static Value list_iter(Value self) { return seq_iter_new(self, kIterList, 0, 0, 1); }

static Value list_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "list() takes no keyword arguments");
  if (nargs > 1) return raise_fmt(exc::TypeError, "list expected at most 1 argument, got {}", nargs);
  ListObject* l = list_new(0);
  if (type != types::list) l->type = type;
  if (nargs == 1 && list_extend(l, args[0]) < 0) return Value::exc();
  return obj(l);
}

// -- Sorting --------------------------------------------------------------------------------------------------
// A stable merge sort over indices: binary insertion sort of 32-element runs, then bottom-up
// merges. `less(a, b)` answers 1, 0 or -1 (error); the sort stops at the first error. Whatever
// `less` answers (inconsistent user __lt__, NaN keys), every index stays in bounds — the
// standard library's sorts assume a strict weak ordering and may run off the array without one.
template <class Less>
static bool merge_sort_indices(std::vector<size_t>& idx, Less less) {
  const size_t n = idx.size(), kRun = 32;
  for (size_t lo = 0; lo < n; lo += kRun) {
    const size_t hi = std::min(lo + kRun, n);
    for (size_t i = lo + 1; i < hi; i++) {
      const size_t v = idx[i];
      size_t l = lo, r = i;
      while (l < r) {
        const size_t m = l + (r - l) / 2;
        const int t = less(v, idx[m]);
        if (t < 0) return false;
        if (t) r = m;
        else l = m + 1;
      }
      std::memmove(&idx[l + 1], &idx[l], (i - l) * sizeof(size_t));
      idx[l] = v;
    }
  }
  std::vector<size_t> tmp(n);
  for (size_t w = kRun; w < n; w *= 2) {
    for (size_t lo = 0; lo + w < n; lo += 2 * w) {
      const size_t mid = lo + w, hi = std::min(lo + 2 * w, n);
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const int t = less(idx[j], idx[i]);
        if (t < 0) return false;
        tmp[k++] = t ? idx[j++] : idx[i++];
      }
      while (i < mid) tmp[k++] = idx[i++];
      while (j < hi) tmp[k++] = idx[j++];
      std::memcpy(&idx[lo], &tmp[lo], (hi - lo) * sizeof(size_t));
    }
  }
  return true;
}

// As in CPython, the list is empty while keys are computed and items compared: its buffer is
// detached, so any mutation by Python code (which allocates a new buffer) is detected afterwards
// ("list modified during sort") and its effect discarded; the list always gets its own items
// back — sorted, or in the original order after an error.
Value list_sort_impl(ListObject* l, Value key, bool reverse) {
  size_t n = l->size;
  if (n == 0) return Value::none();
  if (n == 1) {
    // Nothing to order, but CPython still calls key= once (errors and side effects show).
    if (!key.is_null() && !key.is_none()) {
      Value k = call1(key, l->items[0]);
      if (k.is_exc()) return k;
    }
    return Value::none();
  }
  // Comparisons and key calls run Python code, which may collect: while the list looks empty,
  // its items and the computed keys stay reachable through this heap tuple, whose pointer sits
  // in a volatile native-stack slot (the stack is scanned conservatively).
  TupleObject* holder = tuple_new(2 * n);
  TupleObject* volatile holder_root = holder;
  Value* const items = l->items;
  const uint64_t capacity = l->capacity;
  std::memcpy(holder->items, items, n * sizeof(Value));
  const std::vector<Value> vals(items, items + n);
  l->items = nullptr;
  l->capacity = l->size = 0;
  // Puts the saved buffer back, holding `order` (indices into vals, or nullptr for the original
  // order); returns whether Python code modified the list meanwhile.
  auto restore = [&](const std::vector<size_t>* order) {
    const bool modified = l->items != nullptr || l->size != 0;
    if (l->items) {
      gc::note_external(-int64_t(l->capacity * sizeof(Value)));
      std::free(l->items);
    }
    l->items = items;
    l->capacity = capacity;
    for (size_t i = 0; i < n; i++) items[i] = vals[order ? (*order)[i] : i];
    if (order && reverse) std::reverse(items, items + n);
    l->size = n;
    static_cast<void>(holder_root->size);
    return modified;
  };
  std::vector<Value> keys;
  if (!key.is_null() && !key.is_none()) {
    keys.resize(n);
    for (size_t i = 0; i < n; i++) {
      Value k = call1(key, vals[i]);
      if (k.is_exc()) {
        restore(nullptr);
        return k;
      }
      keys[i] = k;
      holder->items[n + i] = k;
    }
  } else {
    keys = vals;
  }
  // reverse=True keeps stability by sorting the reversed list and reversing the result (as
  // CPython does).
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; i++) idx[i] = reverse ? n - 1 - i : i;
  bool all_int = true, all_float = true, all_str = true;
  for (Value k : keys) {
    all_int &= k.is_small_int();
    all_float &= k.is_double();
    all_str &= isinstance_exact(k, types::str);
  }
  bool ok;
  if (all_int) {
    ok = merge_sort_indices(idx, [&](size_t a, size_t b) { return int(keys[a].as_small_int() < keys[b].as_small_int()); });
  } else if (all_float) {
    ok = merge_sort_indices(idx, [&](size_t a, size_t b) { return int(keys[a].as_double() < keys[b].as_double()); });
  } else if (all_str) {
    ok = merge_sort_indices(idx, [&](size_t a, size_t b) { return int(as_str(keys[a])->view() < as_str(keys[b])->view()); });
  } else {
    ok = merge_sort_indices(idx, [&](size_t a, size_t b) {
      Value r = compare_bool(keys[a], keys[b], CmpOp::LT);
      if (r.is_exc()) return -1;
      return r.is_bool() ? int(r.as_bool()) : truthy(r);
    });
  }
  if (!ok) {
    restore(nullptr);
    return Value::exc();
  }
  if (restore(&idx)) return raise(exc::ValueError, "list modified during sort");
  return Value::none();
}

// -- Methods --------------------------------------------------------------------------------------------------
static ListObject* self_list(Value* args) { return args[0].as<ListObject>(); }

static Value list_append_m(Value* args, size_t nargs, TupleObject* kw) {
  if (list_append(self_list(args), args[1]) < 0) return Value::exc();
  return Value::none();
}

static Value list_extend_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "list.extend() takes exactly one argument ({} given)", nargs - 1);
  if (list_extend(self_list(args), args[1]) < 0) return Value::exc();
  return Value::none();
}

static Value list_insert_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 3) return raise_fmt(exc::TypeError, "insert expected 2 arguments, got {}", nargs - 1);
  ListObject* l = self_list(args);
  int64_t i;
  if (index_of(args[1], &i).is_exc()) return Value::exc();
  int64_t n = int64_t(l->size);
  if (i < 0) { i += n; if (i < 0) i = 0; }
  if (i > n) i = n;
  if (list_reserve(l, l->size + 1) < 0) return Value::exc();
  std::memmove(l->items + i + 1, l->items + i, (l->size - i) * sizeof(Value));
  l->items[i] = args[2];
  l->size++;
  return Value::none();
}

static Value list_pop_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs > 2) return raise_fmt(exc::TypeError, "pop expected at most 1 argument, got {}", nargs - 1);
  ListObject* l = self_list(args);
  int64_t i = -1;
  if (nargs == 2 && index_of(args[1], &i).is_exc()) return Value::exc();
  if (l->size == 0) return raise(exc::IndexError, "pop from empty list");
  if (i < 0) i += int64_t(l->size);
  if (i < 0 || i >= int64_t(l->size)) return raise(exc::IndexError, "pop index out of range");
  Value v = l->items[i];
  list_delete_range(l, i, i + 1);
  return v;
}

static Value list_remove_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "list.remove() takes exactly one argument ({} given)", nargs - 1);
  ListObject* l = self_list(args);
  for (uint64_t i = 0; i < l->size; i++) {
    int e = item_eq(l->items[i], args[1]);
    if (e < 0) return Value::exc();
    if (e) {
      if (i < l->size) list_delete_range(l, int64_t(i), int64_t(i) + 1);
      return Value::none();
    }
  }
  return raise(exc::ValueError, "list.remove(x): x not in list");
}

static Value list_clear_m(Value* args, size_t nargs, TupleObject* kw) {
  self_list(args)->size = 0;
  return Value::none();
}

static Value list_copy_m(Value* args, size_t nargs, TupleObject* kw) {
  ListObject* l = self_list(args);
  return list_from_array(l->items, l->size);
}

static Value list_reverse_m(Value* args, size_t nargs, TupleObject* kw) {
  ListObject* l = self_list(args);
  std::reverse(l->items, l->items + l->size);
  return Value::none();
}

static Value list_index_m(Value* args, size_t nargs, TupleObject* kw) {
  ListObject* l = self_list(args);
  return seq_index_impl("list", l->items, l->size, args, nargs);
}

static Value list_count_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "list.count() takes exactly one argument ({} given)", nargs - 1);
  ListObject* l = self_list(args);
  std::vector<Value> snap(l->items, l->items + l->size);
  return seq_count_impl(snap.data(), snap.size(), args[1]);
}

static Value list_sort_m(Value* args, size_t nargs, TupleObject* kwnames) {
  if (npos_args(nargs, kwnames) > 1) return raise(exc::TypeError, "sort() takes no positional arguments");
  static const char* const names[] = {"key", "reverse", nullptr};
  Value out[2];
  if (!parse_args("sort", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  bool rev = false;
  if (!out[1].is_null()) {
    int t = truthy(out[1]);
    if (t < 0) return Value::exc();
    rev = t;
  }
  return list_sort_impl(self_list(args), out[0], rev);
}

static Value list_reversed_m(Value* args, size_t nargs, TupleObject* kw) {
  ListObject* l = self_list(args);
  return seq_iter_new(args[0], kIterListReversed, int64_t(l->size) - 1, 0, -1);
}

static Value list_init_m(Value* args, size_t nargs, TupleObject* kw) {
  ListObject* l = self_list(args);
  l->size = 0;
  if (nargs > 1 && list_extend(l, args[1]) < 0) return Value::exc();
  return Value::none();
}

void init_list_type() {
  TypeObject* t = types::list;
  t->trace = list_trace;
  t->finalize = list_finalize;
  t->repr = list_repr;
  t->richcompare = list_richcompare;
  t->binop = list_binop;
  t->len = list_len;
  t->boolean = list_bool;
  t->contains = list_contains;
  t->getitem = list_getitem;
  t->setitem = list_setitem;
  t->iter = list_iter;
  t->tp_new = list_tp_new;
  type_add_methods(t, {{"append", list_append_m, kNativeOneArg},
                       {"extend", list_extend_m},
                       {"insert", list_insert_m},
                       {"pop", list_pop_m},
                       {"remove", list_remove_m},
                       {"clear", list_clear_m, kNativeNoArgs},
                       {"copy", list_copy_m, kNativeNoArgs},
                       {"reverse", list_reverse_m, kNativeNoArgs},
                       {"index", list_index_m},
                       {"count", list_count_m},
                       {"sort", list_sort_m},
                       {"__reversed__", list_reversed_m},
                       {"__init__", list_init_m}});
}

}  // namespace chaipy
