// interp/builtins_iter.cpp — the iteration built-ins: the enumerate, zip, map, filter, reversed and
// callable_iterator types, and iter, next, sorted, any, all.
//
// Each iterator type is a built-in type whose `iternext` slot returns Value::null() when exhausted
// and Value::exc() on error; `iter` returns self; `tp_new` builds the object from call arguments.
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {

TypeObject *enumerate_type, *zip_type;

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

size_t npos_of(size_t nargs, TupleObject* kwnames) { return nargs - (kwnames ? kwnames->size : 0); }

TypeObject *map_type, *filter_type, *reversed_type, *calliter_type;

struct MapObject : Object { Value func; TupleObject* iters; };
struct FilterObject : Object { Value func; Value it; };                  // func None: truth test
struct ReversedObject : Object { Value seq; int64_t index; };            // index < 0: exhausted
struct CallIterObject : Object { Value func; Value sentinel; };          // func null: exhausted

Value iter_self(Value self) { return self; }
int init_noop(Value, Value*, size_t, TupleObject*) { return 0; }

// Iterators for every positional argument, as a tuple.
TupleObject* iters_of(Value* args, size_t n) {
  TupleObject* t = tuple_new(n);
  for (size_t i = 0; i < n; i++) t->items[i] = Value::none();
  for (size_t i = 0; i < n; i++) {
    Value it = get_iter(args[i]);
    if (it.is_exc()) return nullptr;
    t->items[i] = it;
  }
  return t;
}

// -- enumerate ------------------------------------------------------------------------------------
Value enumerate_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"iterable", "start", nullptr};
  Value a[2];
  if (!parse_args("enumerate", args, nargs, kwnames, names, 0, a)) return Value::exc();
  if (a[0].is_null()) return raise(exc::TypeError, "enumerate() missing required argument 'iterable'");
  Value it = get_iter(a[0]);
  if (it.is_exc()) return it;
  auto* e = gc::make<EnumerateObject>(type);
  e->it = it;
  e->index = 0;
  e->big = Value::null();
  if (!a[1].is_null()) {
    Value s = a[1];
    if (!is_int(s)) {
      Value m = lookup_special(s, NAME("__index__"));
      if (m.is_exc()) return m;
      if (m.is_null()) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(s));
      s = call0(m);
      if (s.is_exc()) return s;
      if (!is_int(s)) return raise_fmt(exc::TypeError, "__index__ returned non-int (type {})", type_name(s));
    }
    if (!int_get_i64(s, &e->index)) e->big = s;
  }
  return obj(e);
}

Value enumerate_next(Value self) {
  auto* e = self.as<EnumerateObject>();
  Value item = iter_next(e->it);
  if (item.is_null() || item.is_exc()) return item;
  Value idx;
  if (e->big.is_null()) {
    idx = int_from_i64(e->index);
    if (e->index == INT64_MAX) e->big = binary_op(int(BinOp::ADD), idx, Value::from_small_int(1));
    else e->index++;
  } else {
    idx = e->big;
    e->big = binary_op(int(BinOp::ADD), idx, Value::from_small_int(1));
    if (e->big.is_exc()) return e->big;
  }
  return tuple_pack({idx, item});
}

void enumerate_trace(Object* o, Tracer& t) {
  auto* e = static_cast<EnumerateObject*>(o);
  t.visit(e->it);
  t.visit(e->big);
}

// -- zip ----------------------------------------------------------------------------------------------
Value zip_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  size_t npos = npos_of(nargs, kwnames);
  bool strict = false;
  for (size_t k = 0; k < nargs - npos; k++) {
    std::string_view n = as_str(kwnames->items[k])->view();
    if (n != "strict") return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for zip()", n);
    int t = truthy(args[npos + k]);
    if (t < 0) return Value::exc();
    strict = t;
  }
  TupleObject* iters = iters_of(args, npos);
  if (!iters) return Value::exc();
  auto* z = gc::make<ZipObject>(type);
  z->iters = iters;
  z->strict = strict;
  return obj(z);
}

Value zip_strict_error(size_t i, bool longer) {
  if (i == 1)
    return raise_fmt(exc::ValueError, "zip() argument 2 is {} than argument 1", longer ? "longer" : "shorter");
  return raise_fmt(exc::ValueError, "zip() argument {} is {} than arguments 1-{}", i + 1, longer ? "longer" : "shorter", i);
}

Value zip_next(Value self) {
  auto* z = self.as<ZipObject>();
  size_t n = z->iters->size;
  if (n == 0) return Value::null();
  TupleObject* result = tuple_new(n);
  for (size_t i = 0; i < n; i++) result->items[i] = Value::none();
  for (size_t i = 0; i < n; i++) {
    Value item = iter_next(z->iters->items[i]);
    if (item.is_exc()) return item;
    if (item.is_null()) {
      if (!z->strict) return Value::null();
      if (i > 0) return zip_strict_error(i, false);
      for (size_t j = 1; j < n; j++) {
        Value other = iter_next(z->iters->items[j]);
        if (other.is_exc()) return other;
        if (!other.is_null()) return zip_strict_error(j, true);
      }
      return Value::null();
    }
    result->items[i] = item;
  }
  return obj(result);
}

void zip_trace(Object* o, Tracer& t) { t.visit(static_cast<ZipObject*>(o)->iters); }

// -- map / filter -------------------------------------------------------------------------------------
Value map_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "map() takes no keyword arguments");
  if (nargs < 2) return raise(exc::TypeError, "map() must have at least two arguments.");
  TupleObject* iters = iters_of(args + 1, nargs - 1);
  if (!iters) return Value::exc();
  auto* m = gc::make<MapObject>(type);
  m->func = args[0];
  m->iters = iters;
  return obj(m);
}

Value map_next(Value self) {
  auto* m = self.as<MapObject>();
  size_t n = m->iters->size;
  // Items gathered so far must stay visible to the collector while later iterators run Python
  // code: a native-stack array for the common case, a tuple beyond that.
  Value small[8];
  Value* items = small;
  if (n > 8) {
    TupleObject* t = tuple_new(n);
    for (size_t i = 0; i < n; i++) t->items[i] = Value::none();
    items = t->items;
  }
  for (size_t i = 0; i < n; i++) {
    Value item = iter_next(m->iters->items[i]);
    if (item.is_null() || item.is_exc()) return item;
    items[i] = item;
  }
  return call(m->func, items, n);
}

void map_trace(Object* o, Tracer& t) {
  auto* m = static_cast<MapObject*>(o);
  t.visit(m->func);
  t.visit(m->iters);
}

Value filter_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("filter", kwnames) || !check_nargs("filter", nargs, 2, 2)) return Value::exc();
  Value it = get_iter(args[1]);
  if (it.is_exc()) return it;
  auto* f = gc::make<FilterObject>(type);
  f->func = args[0];
  f->it = it;
  return obj(f);
}

Value filter_next(Value self) {
  auto* f = self.as<FilterObject>();
  bool plain = f->func.is_none() || f->func == obj(types::bool_);
  for (;;) {
    Value item = iter_next(f->it);
    if (item.is_null() || item.is_exc()) return item;
    Value test = item;
    if (!plain) {
      test = call1(f->func, item);
      if (test.is_exc()) return test;
    }
    int t = test.is_bool() ? test.as_bool() : truthy(test);
    if (t < 0) return Value::exc();
    if (t) return item;
  }
}

void filter_trace(Object* o, Tracer& t) {
  auto* f = static_cast<FilterObject*>(o);
  t.visit(f->func);
  t.visit(f->it);
}

// -- reversed -------------------------------------------------------------------------------------------
Value reversed_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "reversed() takes no keyword arguments");
  if (nargs != 1) return raise_fmt(exc::TypeError, "reversed expected 1 argument, got {}", nargs);
  Value seq = args[0];
  TypeObject* t = type_of(seq);
  auto make = [&](int64_t last) {
    auto* r = gc::make<ReversedObject>(type);
    r->seq = seq;
    r->index = last;
    return obj(r);
  };
  if (t == types::list)  // list.__reversed__: the shared sequence iterator (list_reverseiterator)
    return seq_iter_new(seq, kIterListReversed, int64_t(seq.as<ListObject>()->size) - 1, 0, -1);
  if (t == types::tuple) return make(int64_t(seq.as<TupleObject>()->size) - 1);
  if (t == types::range) {
    auto* r = seq.as<RangeObject>();
    int64_t start, step, last, stop;
    if (r->length >= 0 && int_get_i64(r->start, &start) && int_get_i64(r->step, &step) &&
        !__builtin_mul_overflow(r->length > 0 ? r->length - 1 : 0, step, &last) &&
        !__builtin_add_overflow(start, last, &last) && !__builtin_sub_overflow(start, step, &stop) && step != INT64_MIN) {
      if (r->length == 0) return get_iter(range_new(0, 0, 1));
      return get_iter(range_new(last, stop, -step));
    }
  }
  Value m = lookup_special(seq, NAME("__reversed__"));
  if (m.is_exc()) return m;
  if (!m.is_null()) {
    if (m.is_none()) return raise_fmt(exc::TypeError, "'{}' object is not reversible", type_name(seq));
    return call0(m);
  }
  if (t->getitem && !is_dict(seq)) {
    int64_t n = length(seq);
    if (n < 0) return Value::exc();
    return make(n - 1);
  }
  return raise_fmt(exc::TypeError, "'{}' object is not reversible", type_name(seq));
}

Value reversed_next(Value self) {
  auto* r = self.as<ReversedObject>();
  if (r->index < 0) return Value::null();
  TypeObject* t = type_of(r->seq);
  if (t == types::list || t == types::tuple) {
    uint64_t size = t == types::list ? r->seq.as<ListObject>()->size : r->seq.as<TupleObject>()->size;
    if (uint64_t(r->index) >= size) {
      r->index = -1;
      return Value::null();
    }
    Value* items = t == types::list ? r->seq.as<ListObject>()->items : r->seq.as<TupleObject>()->items;
    return items[r->index--];
  }
  Value item = getitem(r->seq, int_from_i64(r->index));
  r->index--;
  if (item.is_exc()) {
    if (exc_matches(exc::IndexError) || exc_matches(exc::StopIteration)) {
      exc_fetch();
      r->index = -1;
      return Value::null();
    }
    return item;
  }
  return item;
}

void reversed_trace(Object* o, Tracer& t) { t.visit(static_cast<ReversedObject*>(o)->seq); }

// -- callable_iterator (iter(callable, sentinel)) -------------------------------------------------
Value calliter_next(Value self) {
  auto* c = self.as<CallIterObject>();
  if (c->func.is_null()) return Value::null();
  Value v = call0(c->func);
  if (v.is_exc()) {
    if (exc_matches(exc::StopIteration)) {
      exc_fetch();
      c->func = Value::null();
      return Value::null();
    }
    return v;
  }
  int e = eq(v, c->sentinel);
  if (e < 0) return Value::exc();
  if (e) {
    c->func = Value::null();
    return Value::null();
  }
  return v;
}

void calliter_trace(Object* o, Tracer& t) {
  auto* c = static_cast<CallIterObject*>(o);
  t.visit(c->func);
  t.visit(c->sentinel);
}

// -- Functions ------------------------------------------------------------------------------------------
Value builtin_iter(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("iter", kwnames) || !check_nargs("iter", nargs, 1, 2)) return Value::exc();
  if (nargs == 1) return get_iter(args[0]);
  if (!is_callable(args[0])) return raise(exc::TypeError, "iter(v, w): v must be callable");
  auto* c = gc::make<CallIterObject>(calliter_type);
  c->func = args[0];
  c->sentinel = args[1];
  return obj(c);
}

Value builtin_next(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("next", kwnames) || !check_nargs("next", nargs, 1, 2)) return Value::exc();
  Value it = args[0];
  if (!type_of(it)->iternext) {
    Value m = type_lookup(type_of(it), NAME("__next__"));
    if (m.is_null() || m.is_exc())
      return raise_fmt(exc::TypeError, "'{}' object is not an iterator", type_name(it));
  }
  // The iternext slot reports exhaustion without an exception; next() must instead raise the
  // StopIteration that carries a generator's return value or that a user __next__ raised.
  Value r;
  if (isinstance_exact(it, types::generator)) {
    bool yielded;
    r = gen_resume(it.as<GeneratorObject>(), Value::none(), false, &yielded);
    if (!r.is_exc() && !yielded) {
      if (nargs == 2) return args[1];
      if (r.is_null() || r.is_none()) return raise_value(obj(exc::StopIteration));
      TupleObject* sargs = tuple_new(1);
      sargs->items[0] = r;
      Value e = exception_new(exc::StopIteration, sargs);
      return e.is_exc() ? e : raise_value(e);
    }
  } else if (type_of(it)->flags & kTypeHeap) {
    Value m = type_lookup(type_of(it), NAME("__next__"));
    r = m.is_null() ? iter_next(it) : call1(m, it);
  } else {
    r = iter_next(it);
  }
  if (r.is_exc() && nargs == 2 && exc_matches(exc::StopIteration)) {
    exc_fetch();
    return args[1];
  }
  if (!r.is_null()) return r;
  if (nargs == 2) return args[1];
  return raise_value(obj(exc::StopIteration));
}

Value builtin_sorted(Value* args, size_t nargs, TupleObject* kwnames) {
  size_t npos = npos_of(nargs, kwnames);
  if (npos != 1) {
    if (npos == 0) return raise(exc::TypeError, "sorted expected 1 argument, got 0");
    return raise_fmt(exc::TypeError, "sorted expected 1 argument, got {}", npos);
  }
  Value key = Value::null();
  bool reverse = false;
  for (size_t k = 0; k < nargs - npos; k++) {
    std::string_view n = as_str(kwnames->items[k])->view();
    Value v = args[npos + k];
    if (n == "key") {
      key = v.is_none() ? Value::null() : v;
    } else if (n == "reverse") {
      if (v.is_bool()) {
        reverse = v.as_bool();
      } else {
        if (v.is_double()) return raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
        int t = is_int(v) ? truthy(v) : -2;
        if (t == -2) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
        if (t < 0) return Value::exc();
        reverse = t;
      }
    } else {
      return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for sort()", n);
    }
  }
  Value l = to_list(args[0]);
  if (l.is_exc()) return l;
  Value r = list_sort_impl(l.as<ListObject>(), key, reverse);
  if (r.is_exc()) return r;
  return l;
}

Value any_all(Value* args, size_t nargs, TupleObject* kwnames, bool want, const char* name) {
  if (!check_no_kwargs(name, kwnames) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  Value seq = args[0];
  if (seq.is_obj() && seq.as_obj()->type == types::list) {
    auto* l = seq.as<ListObject>();
    for (uint64_t i = 0; i < l->size; i++) {
      Value v = l->items[i];
      int t = v.is_bool() ? v.as_bool() : truthy(v);
      if (t < 0) return Value::exc();
      if (bool(t) == want) return Value::from_bool(want);
    }
    return Value::from_bool(!want);
  }
  Value it = get_iter(seq);
  if (it.is_exc()) return it;
  for (;;) {
    Value v = iter_next(it);
    if (v.is_exc()) return v;
    if (v.is_null()) return Value::from_bool(!want);
    int t = v.is_bool() ? v.as_bool() : truthy(v);
    if (t < 0) return Value::exc();
    if (bool(t) == want) return Value::from_bool(want);
  }
}
Value builtin_any(Value* a, size_t n, TupleObject* k) { return any_all(a, n, k, true, "any"); }
Value builtin_all(Value* a, size_t n, TupleObject* k) { return any_all(a, n, k, false, "all"); }

TypeObject* iterator_type(const char* name, uint32_t size, TraceFn trace, IterNextFn next, NewFn tp_new) {
  TypeObject* t = make_builtin_type(name, types::object, size, 0);
  t->trace = trace;
  t->finalize = nullptr;  // not an instance layout: nothing malloc'd to release
  t->iter = iter_self;
  t->iternext = next;
  t->tp_new = tp_new;
  t->init = init_noop;
  return t;
}

}  // namespace

void init_builtin_iterators(DictObject* b) {
  enumerate_type = iterator_type("enumerate", sizeof(EnumerateObject), enumerate_trace, enumerate_next, enumerate_new);
  zip_type = iterator_type("zip", sizeof(ZipObject), zip_trace, zip_next, zip_new);
  map_type = iterator_type("map", sizeof(MapObject), map_trace, map_next, map_new);
  filter_type = iterator_type("filter", sizeof(FilterObject), filter_trace, filter_next, filter_new);
  reversed_type = iterator_type("reversed", sizeof(ReversedObject), reversed_trace, reversed_next, reversed_new);
  calliter_type = iterator_type("callable_iterator", sizeof(CallIterObject), calliter_trace, calliter_next, nullptr);
  for (TypeObject* t : {enumerate_type, zip_type, map_type, filter_type, reversed_type})
    dict_set_str(b, t->name, obj(t));
  module_add_functions(b, {
      {"iter", builtin_iter}, {"next", builtin_next}, {"sorted", builtin_sorted},
      {"any", builtin_any},   {"all", builtin_all},
  });
}

}  // namespace chaipy
