// interp/modules/_heapq.cpp — the _heapq module (CPython's Modules/_heapqmodule.c): the heap
// operations on lists, comparing only with `<` and in CPython's exact sift order, so that heaps
// built from equal or oddly-ordered items come out identical.
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

// a < b as a C bool (PyObject_RichCompareBool with Py_LT): 1, 0, or -1 on error.
int less(Value a, Value b) {
  if (a.is_small_int() && b.is_small_int()) return a.as_small_int() < b.as_small_int();
  if (a.is_double() && b.is_double()) return a.as_double() < b.as_double();
  Value r = richcompare(a, b, CmpOp::LT);
  if (r.is_exc()) return -1;
  return r.is_bool() ? r.as_bool() : truthy(r);
}

int changed_size() {
  raise(exc::RuntimeError, "list changed size during iteration");
  return -1;
}

// Moves the item at pos up towards startpos while it is smaller than its parent (max heaps: larger).
template <bool Max>
int siftdown(ListObject* heap, int64_t startpos, int64_t pos) {
  int64_t size = int64_t(heap->size);
  if (pos >= size) {
    raise(exc::IndexError, "index out of range");
    return -1;
  }
  while (pos > startpos) {
    int64_t parentpos = (pos - 1) >> 1;
    Value newitem = heap->items[pos], parent = heap->items[parentpos];
    int cmp = Max ? less(parent, newitem) : less(newitem, parent);
    if (cmp < 0) return -1;
    if (size != int64_t(heap->size)) return changed_size();
    if (cmp == 0) break;
    parent = heap->items[parentpos];
    newitem = heap->items[pos];
    heap->items[parentpos] = newitem;
    heap->items[pos] = parent;
    pos = parentpos;
  }
  return 0;
}

// Moves the smaller child up until pos is a leaf, then sifts the item at pos back down.
template <bool Max>
int siftup(ListObject* heap, int64_t pos) {
  int64_t endpos = int64_t(heap->size), startpos = pos;
  if (pos >= endpos) {
    raise(exc::IndexError, "index out of range");
    return -1;
  }
  int64_t limit = endpos >> 1;
  while (pos < limit) {
    int64_t childpos = 2 * pos + 1;
    if (childpos + 1 < endpos) {
      Value a = heap->items[childpos], b = heap->items[childpos + 1];
      int cmp = Max ? less(b, a) : less(a, b);
      if (cmp < 0) return -1;
      childpos += cmp ^ 1;
      if (endpos != int64_t(heap->size)) return changed_size();
    }
    std::swap(heap->items[childpos], heap->items[pos]);
    pos = childpos;
  }
  return siftdown<Max>(heap, startpos, pos);
}

// The list argument (clinic's "argument 1 must be list" / METH_O's "argument must be list").
ListObject* heap_arg(const char* fname, Value v, bool only) {
  if (is_list(v)) return v.as<ListObject>();
  raise_fmt(exc::TypeError, "{}() argument{} must be list, not {}", fname, only ? "" : " 1", type_name(v));
  return nullptr;
}

bool two(const char* fname, size_t nargs, TupleObject* kw) {
  return check_no_kwargs(fname, kw) && check_positional(fname, nargs, 2, 2);
}

Value heappush(Value* args, size_t nargs, TupleObject* kw) {
  if (!two("heappush", nargs, kw)) return Value::exc();
  ListObject* heap = heap_arg("heappush", args[0], false);
  if (!heap || list_append(heap, args[1]) < 0) return Value::exc();
  if (siftdown<false>(heap, 0, int64_t(heap->size) - 1) < 0) return Value::exc();
  return Value::none();
}

template <bool Max>
Value pop_impl(const char* fname, Value arg) {
  ListObject* heap = heap_arg(fname, arg, true);
  if (!heap) return Value::exc();
  if (heap->size == 0) return raise(exc::IndexError, "index out of range");
  Value last = heap->items[--heap->size];
  if (heap->size == 0) return last;
  Value ret = heap->items[0];
  heap->items[0] = last;
  if (siftup<Max>(heap, 0) < 0) return Value::exc();
  return ret;
}
Value heappop(Value* args, size_t, TupleObject*) { return pop_impl<false>("heappop", args[0]); }
Value heappop_max(Value* args, size_t, TupleObject*) { return pop_impl<true>("_heappop_max", args[0]); }

template <bool Max>
Value replace_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  if (!two(fname, nargs, kw)) return Value::exc();
  ListObject* heap = heap_arg(fname, args[0], false);
  if (!heap) return Value::exc();
  if (heap->size == 0) return raise(exc::IndexError, "index out of range");
  Value ret = heap->items[0];
  heap->items[0] = args[1];
  if (siftup<Max>(heap, 0) < 0) return Value::exc();
  return ret;
}
Value heapreplace(Value* a, size_t n, TupleObject* k) { return replace_impl<false>("heapreplace", a, n, k); }
Value heapreplace_max(Value* a, size_t n, TupleObject* k) { return replace_impl<true>("_heapreplace_max", a, n, k); }

Value heappushpop(Value* args, size_t nargs, TupleObject* kw) {
  if (!two("heappushpop", nargs, kw)) return Value::exc();
  ListObject* heap = heap_arg("heappushpop", args[0], false);
  if (!heap) return Value::exc();
  if (heap->size == 0) return args[1];
  int cmp = less(heap->items[0], args[1]);
  if (cmp < 0) return Value::exc();
  if (cmp == 0) return args[1];
  if (heap->size == 0) return raise(exc::IndexError, "index out of range");
  Value ret = heap->items[0];
  heap->items[0] = args[1];
  if (siftup<false>(heap, 0) < 0) return Value::exc();
  return ret;
}

template <bool Max>
Value heapify_impl(const char* fname, Value arg) {
  ListObject* heap = heap_arg(fname, arg, true);
  if (!heap) return Value::exc();
  for (int64_t i = (int64_t(heap->size) >> 1) - 1; i >= 0; i--)
    if (siftup<Max>(heap, i) < 0) return Value::exc();
  return Value::none();
}
Value heapify(Value* args, size_t, TupleObject*) { return heapify_impl<false>("heapify", args[0]); }
Value heapify_max(Value* args, size_t, TupleObject*) { return heapify_impl<true>("_heapify_max", args[0]); }

}  // namespace

Value make__heapq_module() {
  Value m = module_new("_heapq");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"heappush", heappush},
      {"heappop", heappop, kNativeOneArg},
      {"heapify", heapify, kNativeOneArg},
      {"heapreplace", heapreplace},
      {"heappushpop", heappushpop},
      {"_heappop_max", heappop_max, kNativeOneArg},
      {"_heapify_max", heapify_max, kNativeOneArg},
      {"_heapreplace_max", heapreplace_max},
  });
  return m;
}

}  // namespace chaipy
