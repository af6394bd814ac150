// interp/modules/_bisect.cpp — the _bisect module (CPython's Modules/_bisectmodule.c): binary
// search and insertion into sorted sequences, with lo/hi bounds and key=, comparing with `<` only.
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

int less(Value a, Value b) {
  if (a.is_small_int() && b.is_small_int()) return a.as_small_int() < b.as_small_int();
  if (a.is_double() && b.is_double()) return a.as_double() < b.as_double();
  Value r = richcompare(a, b, CmpOp::LT);
  if (r.is_exc()) return -1;
  return r.is_bool() ? r.as_bool() : truthy(r);
}

struct BisectArgs { Value a, x, key; int64_t lo, hi; };

// bisect_*(a, x, lo=0, hi=None, *, key=None); hi -1 stands for None, as in CPython.
bool parse(const char* fname, Value* args, size_t nargs, TupleObject* kw, BisectArgs* out) {
  size_t npos = nargs - (kw ? kw->size : 0);
  if (npos > 4) {
    raise_fmt(exc::TypeError, "{}() takes at most 4 positional arguments ({} given)", fname, npos);
    return false;
  }
  static const char* const names[] = {"a", "x", "lo", "hi", "key", nullptr};
  Value v[5];
  if (!parse_args(fname, args, nargs, kw, names, 2, v)) return false;
  out->a = v[0];
  out->x = v[1];
  out->key = v[4].is_null() ? Value::none() : v[4];
  out->lo = 0;
  out->hi = -1;
  if (!v[2].is_null() && !ssize_arg(v[2], &out->lo)) return false;
  if (!v[3].is_null() && !v[3].is_none() && !ssize_arg(v[3], &out->hi)) return false;
  return true;
}

// The insertion point of x: after equal items (right) or before them (left). -1 on error.
int64_t search(const BisectArgs& b, Value x, bool right) {
  int64_t lo = b.lo, hi = b.hi;
  if (lo < 0) {
    raise(exc::ValueError, "lo must be non-negative");
    return -1;
  }
  if (hi == -1) {
    hi = length(b.a);
    if (hi < 0) return -1;
  }
  bool plain_list = isinstance_exact(b.a, types::list);
  while (lo < hi) {
    int64_t mid = int64_t((uint64_t(lo) + uint64_t(hi)) / 2);
    Value item;
    if (plain_list && uint64_t(mid) < b.a.as<ListObject>()->size) item = b.a.as<ListObject>()->items[mid];
    else item = getitem(b.a, int_from_i64(mid));
    if (item.is_exc()) return -1;
    if (!b.key.is_none()) {
      item = call1(b.key, item);
      if (item.is_exc()) return -1;
    }
    int c = right ? less(x, item) : less(item, x);
    if (c < 0) return -1;
    if (right) {
      if (c) hi = mid;
      else lo = mid + 1;
    } else {
      if (c) lo = mid + 1;
      else hi = mid;
    }
  }
  return lo;
}

template <bool Right>
Value bisect_fn(Value* args, size_t nargs, TupleObject* kw) {
  BisectArgs b;
  if (!parse(Right ? "bisect_right" : "bisect_left", args, nargs, kw, &b)) return Value::exc();
  int64_t i = search(b, b.x, Right);
  return i < 0 ? Value::exc() : int_from_i64(i);
}

template <bool Right>
Value insort_fn(Value* args, size_t nargs, TupleObject* kw) {
  BisectArgs b;
  if (!parse(Right ? "insort_right" : "insort_left", args, nargs, kw, &b)) return Value::exc();
  Value kx = b.x;
  if (!b.key.is_none()) {
    kx = call1(b.key, b.x);
    if (kx.is_exc()) return kx;
  }
  int64_t i = search(b, kx, Right);
  if (i < 0) return Value::exc();
  if (isinstance_exact(b.a, types::list)) {
    ListObject* l = b.a.as<ListObject>();
    if (list_append(l, b.x) < 0) return Value::exc();
    if (i > int64_t(l->size) - 1) i = int64_t(l->size) - 1;  // list.insert clamps
    for (int64_t k = int64_t(l->size) - 1; k > i; k--) l->items[k] = l->items[k - 1];
    l->items[i] = b.x;
    return Value::none();
  }
  Value ia[2] = {int_from_i64(i), b.x};
  Value r = call_method(b.a, str_intern("insert"), ia, 2);
  return r.is_exc() ? r : Value::none();
}

}  // namespace

Value make__bisect_module() {
  Value m = module_new("_bisect");
  module_add_functions(m.as<ModuleObject>()->dict, {
      {"bisect_right", bisect_fn<true>},
      {"bisect_left", bisect_fn<false>},
      {"insort_right", insort_fn<true>},
      {"insort_left", insort_fn<false>},
  });
  return m;
}

}  // namespace chaipy
