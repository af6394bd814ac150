// interp/modules/itertools.cpp — the itertools module (CPython's Modules/itertoolsmodule.c):
// lazy iterator types with CPython's argument checks, reprs, __reduce__ and __length_hint__.
//
// Every type is a built-in type whose `iternext` returns Value::null() when exhausted and
// Value::exc() on error; `iter` returns self; `tp_new` builds it from the call arguments. Values an
// object keeps live in GC-visible fields (traced) or in tuples/lists it owns; index arrays of the
// combinatoric iterators are malloc'd and released by `finalize`.
#include <cstdlib>
#include <cstring>
#include <utility>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

Value iter_self(Value self) { return self; }
size_t npos(size_t nargs, TupleObject* kw) { return nargs - (kw ? kw->size : 0); }
Value null_or_none(Value v) { return v.is_null() ? Value::none() : v; }
const char* tname(Value self) { return type_of(self)->name->data; }

TypeObject* make_type(const char* name, uint32_t size, TraceFn trace, IterNextFn next, NewFn tp_new,
                      FinalizeFn fin = nullptr) {
  TypeObject* t = make_builtin_type(name, types::object, size, kTypeBaseType);
  t->module = str_intern("itertools");
  t->trace = trace;
  t->finalize = fin;
  t->iter = iter_self;
  t->iternext = next;
  t->tp_new = tp_new;
  return t;
}

// Releases a malloc'd int64 index array (product, combinations, permutations).
int64_t* new_indices(size_t n) {
  auto* p = static_cast<int64_t*>(std::calloc(n ? n : 1, sizeof(int64_t)));
  gc::note_external(int64_t(n * sizeof(int64_t)));
  return p;
}

// PyNumber_Check: ints, floats, complex, or anything with __index__ / __int__ / __float__.
bool is_number(Value v) {
  if (is_int(v) || v.is_double() || isinstance_exact(v, types::complex)) return true;
  TypeObject* t = type_of(v);
  if (is_subtype(t, types::complex)) return true;
  for (const char* n : {"__index__", "__int__", "__float__"}) {
    Value m = type_lookup(t, str_intern(n));
    if (!m.is_null() && !m.is_exc()) return true;
  }
  return false;
}

bool check_no_kw_for(const char* name, TypeObject* type, TypeObject* exact, TupleObject* kw) {
  if (type != exact) return true;  // subclasses may take keywords in their own __init__
  return check_no_kwargs(name, kw);
}

// -- count ------------------------------------------------------------------------------------------
// Fast mode (CPython's): an int64 counter while start is an int and step is the int 1.
struct CountObject : Object { bool fast; int64_t cnt; Value long_cnt, long_step; };
TypeObject* count_type;

Value count_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"start", "step", nullptr};
  Value a[2];
  if (!parse_args("count", args, nargs, kw, names, 0, a)) return Value::exc();
  if ((!a[0].is_null() && !is_number(a[0])) || (!a[1].is_null() && !is_number(a[1])))
    return raise(exc::TypeError, "a number is required");
  auto* c = gc::make<CountObject>(type);
  c->long_cnt = a[0].is_null() ? Value::from_small_int(0) : a[0];
  c->long_step = a[1].is_null() ? Value::from_small_int(1) : a[1];
  int64_t step = 0;
  bool step_one = a[1].is_null() || (is_int(a[1]) && int_get_i64(a[1], &step) && step == 1);
  c->fast = step_one && is_int(c->long_cnt) && int_get_i64(c->long_cnt, &c->cnt) && c->cnt != INT64_MAX;
  return obj(c);
}

Value count_next(Value self) {
  auto* c = self.as<CountObject>();
  if (c->fast) {
    Value r = int_from_i64(c->cnt);
    if (++c->cnt == INT64_MAX) {
      c->fast = false;
      c->long_cnt = int_from_i64(INT64_MAX);
    }
    return r;
  }
  Value r = c->long_cnt;
  Value n = binary_op(int(BinOp::ADD), r, c->long_step);
  if (n.is_exc()) return n;
  c->long_cnt = n;
  return r;
}

bool count_step_shown(CountObject* c) {
  int64_t step;
  return !(is_int(c->long_step) && int_get_i64(c->long_step, &step) && step == 1);
}

Value count_repr(Value self) {
  auto* c = self.as<CountObject>();
  if (c->fast) return str_value(fmt::format("{}({})", tname(self), c->cnt));
  Value r = repr(c->long_cnt);
  if (r.is_exc()) return r;
  if (!count_step_shown(c)) return str_value(fmt::format("{}({})", tname(self), as_str(r)->view()));
  Value s = repr(c->long_step);
  if (s.is_exc()) return s;
  return str_value(fmt::format("{}({}, {})", tname(self), as_str(r)->view(), as_str(s)->view()));
}

Value count_reduce(Value* args, size_t, TupleObject*) {
  auto* c = args[0].as<CountObject>();
  Value t = obj(type_of(args[0]));
  if (c->fast) return tuple_pack({t, tuple_pack({int_from_i64(c->cnt)})});
  return tuple_pack({t, tuple_pack({c->long_cnt, c->long_step})});
}

void count_trace(Object* o, Tracer& t) {
  auto* c = static_cast<CountObject*>(o);
  t.visit(c->long_cnt);
  t.visit(c->long_step);
}

// -- cycle -------------------------------------------------------------------------------------------
struct CycleObject : Object { Value it; ListObject* saved; int64_t index; bool firstpass; };
TypeObject* cycle_type;

Value cycle_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kw_for("cycle", type, cycle_type, kw) || !check_positional("cycle", npos(nargs, kw), 1, 1))
    return Value::exc();
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  auto* c = gc::make<CycleObject>(type);
  c->it = it;
  c->saved = list_new(0);
  c->index = 0;
  c->firstpass = false;
  return obj(c);
}

Value cycle_next(Value self) {
  auto* c = self.as<CycleObject>();
  if (!c->it.is_null()) {
    Value item = iter_next(c->it);
    if (item.is_exc()) return item;
    if (!item.is_null()) {
      if (!c->firstpass && list_append(c->saved, item) < 0) return Value::exc();
      return item;
    }
    c->it = Value::null();
  }
  if (c->saved->size == 0) return Value::null();
  Value item = c->saved->items[c->index++];
  if (uint64_t(c->index) >= c->saved->size) c->index = 0;
  return item;
}

Value cycle_reduce(Value* args, size_t, TupleObject*) {
  auto* c = args[0].as<CycleObject>();
  Value t = obj(type_of(args[0]));
  if (c->it.is_null()) {
    Value it = get_iter(obj(c->saved));
    if (it.is_exc()) return it;
    if (c->index != 0) {
      Value a = int_from_i64(c->index);
      Value r = call_method(it, NAME("__setstate__"), &a, 1);
      if (r.is_exc()) return r;
    }
    return tuple_pack({t, tuple_pack({it}), tuple_pack({obj(c->saved), Value::true_()})});
  }
  return tuple_pack({t, tuple_pack({c->it}), tuple_pack({obj(c->saved), Value::from_bool(c->firstpass)})});
}

Value cycle_setstate(Value* args, size_t nargs, TupleObject*) {
  auto* c = args[0].as<CycleObject>();
  Value st = args[1];
  if (!is_tuple(st)) return raise(exc::TypeError, "state is not a tuple");
  auto* t = st.as<TupleObject>();
  if (t->size != 2 || !is_list(t->items[0]) || !is_int(t->items[1]))
    return raise(exc::TypeError, "cycle.__setstate__ expects a (list, int) state");
  int f = truthy(t->items[1]);
  if (f < 0) return Value::exc();
  c->saved = t->items[0].as<ListObject>();
  c->firstpass = f;
  c->index = 0;
  return Value::none();
}

void cycle_trace(Object* o, Tracer& t) {
  auto* c = static_cast<CycleObject*>(o);
  t.visit(c->it);
  t.visit(c->saved);
}

// -- repeat ------------------------------------------------------------------------------------------
struct RepeatObject : Object { Value element; int64_t cnt; };  // cnt -1: forever
TypeObject* repeat_type;

Value repeat_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"object", "times", nullptr};
  Value a[2];
  if (!parse_args("repeat", args, nargs, kw, names, 1, a)) return Value::exc();
  int64_t cnt = -1;
  if (!a[1].is_null()) {
    if (!ssize_arg(a[1], &cnt)) return Value::exc();
    if (cnt < 0) cnt = 0;
  }
  auto* r = gc::make<RepeatObject>(type);
  r->element = a[0];
  r->cnt = cnt;
  return obj(r);
}

Value repeat_next(Value self) {
  auto* r = self.as<RepeatObject>();
  if (r->cnt == 0) return Value::null();
  if (r->cnt > 0) r->cnt--;
  return r->element;
}

Value repeat_repr(Value self) {
  auto* r = self.as<RepeatObject>();
  Value e = repr(r->element);
  if (e.is_exc()) return e;
  if (r->cnt == -1) return str_value(fmt::format("{}({})", tname(self), as_str(e)->view()));
  return str_value(fmt::format("{}({}, {})", tname(self), as_str(e)->view(), r->cnt));
}

Value repeat_length_hint(Value* args, size_t, TupleObject*) {
  auto* r = args[0].as<RepeatObject>();
  if (r->cnt == -1) return raise(exc::TypeError, "len() of unsized object");
  return int_from_i64(r->cnt);
}

Value repeat_reduce(Value* args, size_t, TupleObject*) {
  auto* r = args[0].as<RepeatObject>();
  Value t = obj(type_of(args[0]));
  if (r->cnt >= 0) return tuple_pack({t, tuple_pack({r->element, int_from_i64(r->cnt)})});
  return tuple_pack({t, tuple_pack({r->element})});
}

void repeat_trace(Object* o, Tracer& t) { t.visit(static_cast<RepeatObject*>(o)->element); }

Value chain_of(Value iterables);  // chain(*iterables)

// -- accumulate --------------------------------------------------------------------------------------
struct AccumulateObject : Object { Value it, func, total, initial; };  // func/total/initial null: absent
TypeObject* accumulate_type;

Value accumulate_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"iterable", "func", "initial", nullptr};
  size_t np = npos(nargs, kw);
  if (np > 2) return raise_fmt(exc::TypeError, "accumulate() takes at most 2 positional arguments ({} given)", np);
  Value a[3];
  if (!parse_args("accumulate", args, nargs, kw, names, 1, a)) return Value::exc();
  Value it = get_iter(a[0]);
  if (it.is_exc()) return it;
  auto* o = gc::make<AccumulateObject>(type);
  o->it = it;
  o->func = a[1].is_none() ? Value::null() : a[1];
  o->total = Value::null();
  o->initial = a[2].is_none() ? Value::null() : a[2];
  return obj(o);
}

Value accumulate_next(Value self) {
  auto* o = self.as<AccumulateObject>();
  if (!o->initial.is_null()) {
    o->total = o->initial;
    o->initial = Value::null();
    return o->total;
  }
  Value v = iter_next(o->it);
  if (v.is_null() || v.is_exc()) return v;
  Value n = v;
  if (!o->total.is_null()) {
    n = o->func.is_null() ? binary_op(int(BinOp::ADD), o->total, v) : call2(o->func, o->total, v);
    if (n.is_exc()) return n;
  }
  o->total = n;
  return n;
}

Value accumulate_reduce(Value* args, size_t, TupleObject*) {
  auto* o = args[0].as<AccumulateObject>();
  Value t = obj(type_of(args[0]));
  if (!o->initial.is_null()) {
    Value it = chain_of(tuple_pack({tuple_pack({o->initial}), o->it}));
    if (it.is_exc()) return it;
    return tuple_pack({t, tuple_pack({it, null_or_none(o->func)}), Value::none()});
  }
  return tuple_pack({t, tuple_pack({o->it, null_or_none(o->func)}), null_or_none(o->total)});
}

Value accumulate_setstate(Value* args, size_t, TupleObject*) {
  auto* o = args[0].as<AccumulateObject>();
  o->total = args[1].is_none() ? Value::null() : args[1];
  return Value::none();
}

void accumulate_trace(Object* p, Tracer& t) {
  auto* o = static_cast<AccumulateObject*>(p);
  t.visit(o->it);
  t.visit(o->func);
  t.visit(o->total);
  t.visit(o->initial);
}

// -- chain --------------------------------------------------------------------------------------------
struct ChainObject : Object { Value source, active; };  // null: exhausted / none active
TypeObject* chain_type;

Value chain_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kw_for("chain", type, chain_type, kw)) return Value::exc();
  Value src = get_iter(tuple_from_array(args, npos(nargs, kw)));
  if (src.is_exc()) return src;
  auto* c = gc::make<ChainObject>(type);
  c->source = src;
  c->active = Value::null();
  return obj(c);
}

Value chain_of(Value iterables) {
  Value src = get_iter(iterables);
  if (src.is_exc()) return src;
  auto* c = gc::make<ChainObject>(chain_type);
  c->source = src;
  c->active = Value::null();
  return obj(c);
}

Value chain_from_iterable(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("from_iterable", kw) || !check_nargs("from_iterable", nargs - 1, 1, 1)) return Value::exc();
  Value src = get_iter(args[1]);
  if (src.is_exc()) return src;
  auto* c = gc::make<ChainObject>(args[0].as<TypeObject>());
  c->source = src;
  c->active = Value::null();
  return obj(c);
}

Value chain_next(Value self) {
  auto* c = self.as<ChainObject>();
  while (!c->source.is_null()) {
    if (c->active.is_null()) {
      Value iterable = iter_next(c->source);
      if (iterable.is_null() || iterable.is_exc()) {
        c->source = Value::null();
        return iterable;
      }
      Value it = get_iter(iterable);
      if (it.is_exc()) {
        c->source = Value::null();
        return it;
      }
      c->active = it;
    }
    Value item = iter_next(c->active);
    if (!item.is_null()) return item;
    c->active = Value::null();
  }
  return Value::null();
}

Value chain_reduce(Value* args, size_t, TupleObject*) {
  auto* c = args[0].as<ChainObject>();
  Value t = obj(type_of(args[0]));
  if (c->source.is_null()) return tuple_pack({t, tuple_pack({})});
  if (c->active.is_null()) return tuple_pack({t, tuple_pack({}), tuple_pack({c->source})});
  return tuple_pack({t, tuple_pack({}), tuple_pack({c->source, c->active})});
}

Value chain_setstate(Value* args, size_t, TupleObject*) {
  auto* c = args[0].as<ChainObject>();
  Value st = args[1];
  if (!is_tuple(st)) return raise(exc::TypeError, "state is not a tuple");
  auto* t = st.as<TupleObject>();
  if (t->size < 1 || t->size > 2) return raise(exc::TypeError, "chain state must be a 1- or 2-tuple");
  if (!type_of(t->items[0])->iternext) return raise(exc::TypeError, "Arguments must be iterators.");
  if (t->size == 2 && !type_of(t->items[1])->iternext) return raise(exc::TypeError, "Arguments must be iterators.");
  c->source = t->items[0];
  c->active = t->size == 2 ? t->items[1] : Value::null();
  return Value::none();
}

void chain_trace(Object* o, Tracer& t) {
  auto* c = static_cast<ChainObject*>(o);
  t.visit(c->source);
  t.visit(c->active);
}

// -- compress / dropwhile / takewhile / filterfalse / starmap --------------------------------------
// Two-part iterators: `a` is the function or data iterator, `b` the source iterator.
struct PairIterObject : Object { Value a, b; bool flag; };
TypeObject *compress_type, *dropwhile_type, *takewhile_type, *filterfalse_type, *starmap_type;

void pair_trace(Object* o, Tracer& t) {
  auto* p = static_cast<PairIterObject*>(o);
  t.visit(p->a);
  t.visit(p->b);
}

Value pair_make(TypeObject* type, Value a, Value iterable) {
  Value it = get_iter(iterable);
  if (it.is_exc()) return it;
  auto* p = gc::make<PairIterObject>(type);
  p->a = a;
  p->b = it;
  p->flag = false;
  return obj(p);
}

Value compress_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "selectors", nullptr};
  Value a[2];
  if (!parse_args("compress", args, nargs, kw, names, 2, a)) return Value::exc();
  Value data = get_iter(a[0]);
  if (data.is_exc()) return data;
  return pair_make(type, data, a[1]);
}

Value compress_next(Value self) {
  auto* p = self.as<PairIterObject>();
  for (;;) {
    Value datum = iter_next(p->a);
    if (datum.is_null() || datum.is_exc()) return datum;
    Value sel = iter_next(p->b);
    if (sel.is_null() || sel.is_exc()) return sel;
    int ok = truthy(sel);
    if (ok < 0) return Value::exc();
    if (ok) return datum;
  }
}

Value compress_reduce(Value* args, size_t, TupleObject*) {
  auto* p = args[0].as<PairIterObject>();
  return tuple_pack({obj(type_of(args[0])), tuple_pack({p->a, p->b})});
}

template <int Kind>  // 0 dropwhile, 1 takewhile, 2 filterfalse, 3 starmap
Value func_iter_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const kNames[] = {"dropwhile", "takewhile", "filterfalse", "starmap"};
  TypeObject* exact[] = {dropwhile_type, takewhile_type, filterfalse_type, starmap_type};
  if (!check_no_kw_for(kNames[Kind], type, exact[Kind], kw) || !check_positional(kNames[Kind], npos(nargs, kw), 2, 2))
    return Value::exc();
  return pair_make(type, args[0], args[1]);
}

Value dropwhile_next(Value self) {
  auto* p = self.as<PairIterObject>();
  for (;;) {
    Value item = iter_next(p->b);
    if (item.is_null() || item.is_exc()) return item;
    if (p->flag) return item;
    Value good = call1(p->a, item);
    if (good.is_exc()) return good;
    int ok = truthy(good);
    if (ok < 0) return Value::exc();
    if (!ok) {
      p->flag = true;
      return item;
    }
  }
}

Value takewhile_next(Value self) {
  auto* p = self.as<PairIterObject>();
  if (p->flag) return Value::null();
  Value item = iter_next(p->b);
  if (item.is_null() || item.is_exc()) return item;
  Value good = call1(p->a, item);
  if (good.is_exc()) return good;
  int ok = truthy(good);
  if (ok < 0) return Value::exc();
  if (ok) return item;
  p->flag = true;
  return Value::null();
}

Value filterfalse_next(Value self) {
  auto* p = self.as<PairIterObject>();
  bool plain = p->a.is_none() || p->a == obj(types::bool_);
  for (;;) {
    Value item = iter_next(p->b);
    if (item.is_null() || item.is_exc()) return item;
    Value test = item;
    if (!plain) {
      test = call1(p->a, item);
      if (test.is_exc()) return test;
    }
    int ok = truthy(test);
    if (ok < 0) return Value::exc();
    if (!ok) return item;
  }
}

Value starmap_next(Value self) {
  auto* p = self.as<PairIterObject>();
  Value a = iter_next(p->b);
  if (a.is_null() || a.is_exc()) return a;
  if (!isinstance_exact(a, types::tuple)) {
    a = to_tuple(a);
    if (a.is_exc()) return a;
  }
  auto* t = a.as<TupleObject>();
  return call(p->a, t->items, t->size);
}

Value func_iter_reduce(Value* args, size_t, TupleObject*) {
  auto* p = args[0].as<PairIterObject>();
  Value t = obj(type_of(args[0]));
  TypeObject* ty = type_of(args[0]);
  if (is_subtype(ty, dropwhile_type) || is_subtype(ty, takewhile_type))
    return tuple_pack({t, tuple_pack({p->a, p->b}), Value::from_small_int(p->flag)});
  return tuple_pack({t, tuple_pack({p->a, p->b})});
}

Value flag_setstate(Value* args, size_t, TupleObject*) {
  int f = truthy(args[1]);
  if (f < 0) return Value::exc();
  args[0].as<PairIterObject>()->flag = f;
  return Value::none();
}

// -- groupby / _grouper ---------------------------------------------------------------------------------
struct GroupbyObject : Object { Value it, keyfunc, tgtkey, currkey, currvalue; Object* currgrouper; };
struct GrouperObject : Object { GroupbyObject* parent; Value tgtkey; };
TypeObject *groupby_type, *grouper_type;

Value groupby_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"iterable", "key", nullptr};
  Value a[2];
  if (!parse_args("groupby", args, nargs, kw, names, 1, a)) return Value::exc();
  Value it = get_iter(a[0]);
  if (it.is_exc()) return it;
  auto* g = gc::make<GroupbyObject>(type);
  g->it = it;
  g->keyfunc = a[1].is_null() ? Value::none() : a[1];
  g->tgtkey = g->currkey = g->currvalue = Value::null();
  g->currgrouper = nullptr;
  return obj(g);
}

// 1: advanced, 0: exhausted, -1: error.
int groupby_step(GroupbyObject* g) {
  Value v = iter_next(g->it);
  if (v.is_exc()) return -1;
  if (v.is_null()) return 0;
  Value k = v;
  if (!g->keyfunc.is_none()) {
    k = call1(g->keyfunc, v);
    if (k.is_exc()) return -1;
  }
  g->currvalue = v;
  g->currkey = k;
  return 1;
}

Value groupby_next(Value self) {
  auto* g = self.as<GroupbyObject>();
  g->currgrouper = nullptr;
  for (;;) {
    if (g->currkey.is_null()) {
    } else if (g->tgtkey.is_null()) {
      break;
    } else {
      int c = item_eq(g->tgtkey, g->currkey);
      if (c < 0) return Value::exc();
      if (c == 0) break;
    }
    int s = groupby_step(g);
    if (s <= 0) return s < 0 ? Value::exc() : Value::null();
  }
  g->tgtkey = g->currkey;
  auto* gr = gc::make<GrouperObject>(grouper_type);
  gr->parent = g;
  gr->tgtkey = g->tgtkey;
  g->currgrouper = gr;
  return tuple_pack({g->currkey, obj(gr)});
}

Value grouper_next(Value self) {
  auto* gr = self.as<GrouperObject>();
  GroupbyObject* g = gr->parent;
  if (g->currgrouper != gr) return Value::null();
  if (g->currvalue.is_null()) {
    int s = groupby_step(g);
    if (s <= 0) return s < 0 ? Value::exc() : Value::null();
  }
  int c = item_eq(gr->tgtkey, g->currkey);
  if (c < 0) return Value::exc();
  if (c == 0) return Value::null();
  Value r = g->currvalue;
  g->currvalue = Value::null();
  return r;
}

Value grouper_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_grouper", kw) || !check_positional("_grouper", nargs, 2, 2)) return Value::exc();
  if (!isinstance_exact(args[0], groupby_type))
    return raise_fmt(exc::TypeError, "_grouper() argument 1 must be itertools.groupby, not {}", type_name(args[0]));
  auto* gr = gc::make<GrouperObject>(type);
  gr->parent = args[0].as<GroupbyObject>();
  gr->tgtkey = args[1];
  return obj(gr);
}

void groupby_trace(Object* o, Tracer& t) {
  auto* g = static_cast<GroupbyObject*>(o);
  t.visit(g->it);
  t.visit(g->keyfunc);
  t.visit(g->tgtkey);
  t.visit(g->currkey);
  t.visit(g->currvalue);
  t.visit(g->currgrouper);
}

void grouper_trace(Object* o, Tracer& t) {
  auto* g = static_cast<GrouperObject*>(o);
  t.visit(g->parent);
  t.visit(g->tgtkey);
}

// -- islice ---------------------------------------------------------------------------------------------
struct IsliceObject : Object { Value it; int64_t next, stop, step, cnt; };  // it null: exhausted; stop -1: none
TypeObject* islice_type;

Value islice_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kw_for("islice", type, islice_type, kw)) return Value::exc();
  size_t n = npos(nargs, kw);
  if (!check_positional("islice", n, 2, 4)) return Value::exc();
  int64_t start = 0, stop = -1, step = 1;
  const char* stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  Value a1 = args[1];
  if (n == 2) {
    if (!a1.is_none()) {
      if (!ssize_arg(a1, &stop)) { exc_fetch(); stop = -1; }
      if (stop == -1) return raise(exc::ValueError, stop_msg);
    }
  } else {
    if (!a1.is_none() && !ssize_arg(a1, &start)) { exc_fetch(); start = -1; }
    if (!args[2].is_none()) {
      if (!ssize_arg(args[2], &stop)) { exc_fetch(); stop = -1; }
      if (stop == -1) return raise(exc::ValueError, stop_msg);
    }
  }
  if (start < 0 || stop < -1)
    return raise(exc::ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  if (n == 4 && !args[3].is_none()) {
    if (!ssize_arg(args[3], &step)) { exc_fetch(); step = -1; }
  }
  if (step < 1) return raise(exc::ValueError, "Step for islice() must be a positive integer or None.");
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  auto* s = gc::make<IsliceObject>(type);
  s->it = it;
  s->next = start;
  s->stop = stop;
  s->step = step;
  s->cnt = 0;
  return obj(s);
}

Value islice_next(Value self) {
  auto* s = self.as<IsliceObject>();
  if (s->it.is_null()) return Value::null();
  while (s->cnt < s->next) {
    Value item = iter_next(s->it);
    if (item.is_null() || item.is_exc()) { s->it = Value::null(); return item; }
    s->cnt++;
  }
  if (s->stop != -1 && s->cnt >= s->stop) { s->it = Value::null(); return Value::null(); }
  Value item = iter_next(s->it);
  if (item.is_null() || item.is_exc()) { s->it = Value::null(); return item; }
  s->cnt++;
  int64_t old = s->next;
  if (__builtin_add_overflow(s->next, s->step, &s->next) || s->next < old || (s->stop != -1 && s->next > s->stop))
    s->next = s->stop;
  return item;
}

Value islice_reduce(Value* args, size_t, TupleObject*) {
  auto* s = args[0].as<IsliceObject>();
  Value t = obj(type_of(args[0]));
  if (s->it.is_null()) {
    Value empty = get_iter(obj(list_new(0)));
    if (empty.is_exc()) return empty;
    return tuple_pack({t, tuple_pack({empty, Value::from_small_int(0)}), Value::from_small_int(0)});
  }
  Value stop = s->stop == -1 ? Value::none() : int_from_i64(s->stop);
  return tuple_pack({t, tuple_pack({s->it, int_from_i64(s->next), stop, int_from_i64(s->step)}), int_from_i64(s->cnt)});
}

Value islice_setstate(Value* args, size_t, TupleObject*) {
  int64_t cnt;
  if (!ssize_arg(args[1], &cnt)) return Value::exc();
  args[0].as<IsliceObject>()->cnt = cnt;
  return Value::none();
}

void islice_trace(Object* o, Tracer& t) { t.visit(static_cast<IsliceObject*>(o)->it); }

// -- pairwise --------------------------------------------------------------------------------------------
struct PairwiseObject : Object { Value it, old; };
TypeObject* pairwise_type;

Value pairwise_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kw_for("pairwise", type, pairwise_type, kw) || !check_positional("pairwise", npos(nargs, kw), 1, 1))
    return Value::exc();
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  auto* p = gc::make<PairwiseObject>(type);
  p->it = it;
  p->old = Value::null();
  return obj(p);
}

Value pairwise_next(Value self) {
  auto* p = self.as<PairwiseObject>();
  if (p->it.is_null()) return Value::null();
  if (p->old.is_null()) {
    Value o = iter_next(p->it);
    if (o.is_null() || o.is_exc()) { p->it = Value::null(); return o; }
    p->old = o;
  }
  Value n = iter_next(p->it);
  if (n.is_null() || n.is_exc()) {
    p->it = p->old = Value::null();
    return n;
  }
  Value r = tuple_pack({p->old, n});
  p->old = n;
  return r;
}

void pairwise_trace(Object* o, Tracer& t) {
  auto* p = static_cast<PairwiseObject*>(o);
  t.visit(p->it);
  t.visit(p->old);
}

// -- zip_longest --------------------------------------------------------------------------------------------
struct ZipLongestObject : Object { TupleObject* iters; int64_t numactive; Value fillvalue; };  // None item: done
TypeObject* zip_longest_type;

Value zip_longest_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  size_t n = npos(nargs, kw);
  Value fill = Value::none();
  if (kw && kw->size) {
    if (kw->size != 1 || as_str(kw->items[0])->view() != "fillvalue")
      return raise(exc::TypeError, "zip_longest() got an unexpected keyword argument");
    fill = args[n];
  }
  TupleObject* iters = tuple_new(n);
  for (size_t i = 0; i < n; i++) iters->items[i] = Value::none();
  for (size_t i = 0; i < n; i++) {
    Value it = get_iter(args[i]);
    if (it.is_exc()) return it;
    iters->items[i] = it;
  }
  auto* z = gc::make<ZipLongestObject>(type);
  z->iters = iters;
  z->numactive = int64_t(n);
  z->fillvalue = fill;
  return obj(z);
}

Value zip_longest_next(Value self) {
  auto* z = self.as<ZipLongestObject>();
  size_t n = z->iters->size;
  if (n == 0 || z->numactive == 0) return Value::null();
  TupleObject* r = tuple_new(n);
  for (size_t i = 0; i < n; i++) r->items[i] = Value::none();
  for (size_t i = 0; i < n; i++) {
    Value it = z->iters->items[i];
    Value item;
    if (it.is_none()) {
      item = z->fillvalue;
    } else {
      item = iter_next(it);
      if (item.is_exc()) return item;
      if (item.is_null()) {
        if (--z->numactive == 0) return Value::null();
        item = z->fillvalue;
        z->iters->items[i] = Value::none();
      }
    }
    r->items[i] = item;
  }
  return obj(r);
}

Value zip_longest_reduce(Value* args, size_t, TupleObject*) {
  auto* z = args[0].as<ZipLongestObject>();
  size_t n = z->iters->size;
  TupleObject* its = tuple_new(n);
  for (size_t i = 0; i < n; i++) its->items[i] = Value::none();
  for (size_t i = 0; i < n; i++) {
    Value it = z->iters->items[i];
    if (it.is_none()) {
      it = get_iter(obj(tuple_new(0)));
      if (it.is_exc()) return it;
    }
    its->items[i] = it;
  }
  return tuple_pack({obj(type_of(args[0])), obj(its), z->fillvalue});
}

Value zip_longest_setstate(Value* args, size_t, TupleObject*) {
  args[0].as<ZipLongestObject>()->fillvalue = args[1];
  return Value::none();
}

void zip_longest_trace(Object* o, Tracer& t) {
  auto* z = static_cast<ZipLongestObject*>(o);
  t.visit(z->iters);
  t.visit(z->fillvalue);
}

// -- product / combinations / combinations_with_replacement / permutations -------------------------------
// `pools` is a tuple of tuples (product) or a one-tuple pool; `result` the last tuple produced
// (null before the first); indices/cycles malloc'd.
struct CombObject : Object {
  TupleObject* pools;
  Value result;
  int64_t* indices;
  int64_t* cycles;
  int64_t r;
  bool stopped;
};
TypeObject *product_type, *combinations_type, *cwr_type, *permutations_type;

void comb_trace(Object* o, Tracer& t) {
  auto* c = static_cast<CombObject*>(o);
  t.visit(c->pools);
  t.visit(c->result);
}
void comb_finalize(Object* o) {
  auto* c = static_cast<CombObject*>(o);
  std::free(c->indices);
  std::free(c->cycles);
  c->indices = c->cycles = nullptr;
}

CombObject* comb_alloc(TypeObject* type, TupleObject* pools, int64_t nidx, int64_t r) {
  auto* c = gc::make<CombObject>(type);
  c->pools = pools;
  c->result = Value::null();
  c->indices = new_indices(size_t(nidx));
  c->cycles = nullptr;
  c->r = r;
  c->stopped = false;
  return c;
}

Value product_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  size_t n = npos(nargs, kw);
  int64_t repeat = 1;
  if (kw) {
    for (size_t k = 0; k < kw->size; k++) {
      std::string_view name = as_str(kw->items[k])->view();
      if (name != "repeat") return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for product()", name);
      if (!ssize_arg(args[n + k], &repeat)) return Value::exc();
    }
    if (repeat < 0) return raise(exc::ValueError, "repeat argument cannot be negative");
  }
  int64_t npools = 0;
  if (repeat && __builtin_mul_overflow(int64_t(n), repeat, &npools))
    return raise(exc::OverflowError, "repeat argument too large");
  TupleObject* pools = tuple_new(size_t(npools));
  for (int64_t i = 0; i < npools; i++) pools->items[i] = Value::none();
  for (size_t i = 0; i < n && npools; i++) {
    Value p = to_tuple(args[i]);
    if (p.is_exc()) return p;
    pools->items[i] = p;
  }
  for (int64_t i = int64_t(n); i < npools; i++) pools->items[i] = pools->items[i - int64_t(n)];
  return obj(comb_alloc(type, pools, npools, npools));
}

Value product_next(Value self) {
  auto* c = self.as<CombObject>();
  if (c->stopped) return Value::null();
  int64_t np = int64_t(c->pools->size);
  TupleObject* r = tuple_new(size_t(np));
  if (c->result.is_null()) {
    for (int64_t i = 0; i < np; i++) {
      auto* pool = c->pools->items[i].as<TupleObject>();
      if (pool->size == 0) {
        for (int64_t j = i; j < np; j++) r->items[j] = Value::none();
        c->stopped = true;
        return Value::null();
      }
      r->items[i] = pool->items[0];
    }
  } else {
    auto* prev = c->result.as<TupleObject>();
    for (int64_t i = 0; i < np; i++) r->items[i] = prev->items[i];
    int64_t i = np - 1;
    for (; i >= 0; i--) {
      auto* pool = c->pools->items[i].as<TupleObject>();
      if (uint64_t(++c->indices[i]) == pool->size) {
        c->indices[i] = 0;
        r->items[i] = pool->items[0];
      } else {
        r->items[i] = pool->items[c->indices[i]];
        break;
      }
    }
    if (i < 0) {
      c->stopped = true;
      return Value::null();
    }
  }
  c->result = obj(r);
  return c->result;
}

bool pool_and_r(const char* fname, Value* args, size_t nargs, TupleObject* kw, bool r_optional, TupleObject** pool,
                int64_t* r) {
  static const char* const names[] = {"iterable", "r", nullptr};
  Value a[2];
  if (!parse_args(fname, args, nargs, kw, names, r_optional ? 1 : 2, a)) return false;
  Value p = to_tuple(a[0]);
  if (p.is_exc()) return false;
  *pool = p.as<TupleObject>();
  if (a[1].is_null() || (r_optional && a[1].is_none())) {
    *r = int64_t((*pool)->size);
  } else {
    if (r_optional && !is_int(a[1])) {
      raise(exc::TypeError, "Expected int as r");
      return false;
    }
    if (!ssize_arg(a[1], r)) return false;
  }
  if (*r < 0) {
    raise(exc::ValueError, "r must be non-negative");
    return false;
  }
  return true;
}

Value combinations_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  TupleObject* pool;
  int64_t r;
  if (!pool_and_r("combinations", args, nargs, kw, false, &pool, &r)) return Value::exc();
  CombObject* c = comb_alloc(type, tuple_pack({obj(pool)}).as<TupleObject>(), r, r);
  for (int64_t i = 0; i < r; i++) c->indices[i] = i;
  c->stopped = r > int64_t(pool->size);
  return obj(c);
}

Value cwr_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  TupleObject* pool;
  int64_t r;
  if (!pool_and_r("combinations_with_replacement", args, nargs, kw, false, &pool, &r)) return Value::exc();
  CombObject* c = comb_alloc(type, tuple_pack({obj(pool)}).as<TupleObject>(), r, r);
  c->stopped = pool->size == 0 && r > 0;
  return obj(c);
}

Value permutations_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  TupleObject* pool;
  int64_t r;
  if (!pool_and_r("permutations", args, nargs, kw, true, &pool, &r)) return Value::exc();
  int64_t n = int64_t(pool->size);
  CombObject* c = comb_alloc(type, tuple_pack({obj(pool)}).as<TupleObject>(), n, r);
  for (int64_t i = 0; i < n; i++) c->indices[i] = i;
  c->cycles = new_indices(size_t(r));
  for (int64_t i = 0; i < r; i++) c->cycles[i] = n - i;
  c->stopped = r > n;
  return obj(c);
}

// Builds the result tuple pool[indices[0..r)].
Value comb_result(CombObject* c) {
  auto* pool = c->pools->items[0].as<TupleObject>();
  TupleObject* t = tuple_new(size_t(c->r));
  for (int64_t i = 0; i < c->r; i++) t->items[i] = pool->items[c->indices[i]];
  c->result = obj(t);
  return c->result;
}

Value combinations_next(Value self) {
  auto* c = self.as<CombObject>();
  if (c->stopped) return Value::null();
  int64_t n = int64_t(c->pools->items[0].as<TupleObject>()->size), r = c->r;
  if (!c->result.is_null()) {
    int64_t i = r - 1;
    while (i >= 0 && c->indices[i] == i + n - r) i--;
    if (i < 0) {
      c->stopped = true;
      return Value::null();
    }
    c->indices[i]++;
    for (int64_t j = i + 1; j < r; j++) c->indices[j] = c->indices[j - 1] + 1;
  }
  return comb_result(c);
}

Value cwr_next(Value self) {
  auto* c = self.as<CombObject>();
  if (c->stopped) return Value::null();
  int64_t n = int64_t(c->pools->items[0].as<TupleObject>()->size), r = c->r;
  if (!c->result.is_null()) {
    int64_t i = r - 1;
    while (i >= 0 && c->indices[i] == n - 1) i--;
    if (i < 0) {
      c->stopped = true;
      return Value::null();
    }
    int64_t index = c->indices[i] + 1;
    for (; i < r; i++) c->indices[i] = index;
  }
  return comb_result(c);
}

Value permutations_next(Value self) {
  auto* c = self.as<CombObject>();
  if (c->stopped) return Value::null();
  int64_t n = int64_t(c->pools->items[0].as<TupleObject>()->size), r = c->r;
  if (!c->result.is_null()) {
    if (n == 0) {
      c->stopped = true;
      return Value::null();
    }
    int64_t i = r - 1;
    for (; i >= 0; i--) {
      if (--c->cycles[i] == 0) {
        int64_t index = c->indices[i];
        for (int64_t j = i; j < n - 1; j++) c->indices[j] = c->indices[j + 1];
        c->indices[n - 1] = index;
        c->cycles[i] = n - i;
      } else {
        int64_t j = c->cycles[i];
        std::swap(c->indices[i], c->indices[n - j]);
        break;
      }
    }
    if (i < 0) {
      c->stopped = true;
      return Value::null();
    }
  }
  return comb_result(c);
}

// -- tee / _tee / _tee_dataobject -----------------------------------------------------------------------------
constexpr int kLinkCells = 57;
struct TeeDataObject : Object {
  Value it;
  int numread;
  bool running;
  TeeDataObject* next;
  Value values[kLinkCells];
};
struct TeeObject : Object { TeeDataObject* data; int index; };
TypeObject *tee_type, *teedata_type;

TeeDataObject* teedata_new(Value it) {
  auto* d = gc::make<TeeDataObject>(teedata_type);
  d->it = it;
  d->numread = 0;
  d->running = false;
  d->next = nullptr;
  return d;
}

void teedata_trace(Object* o, Tracer& t) {
  auto* d = static_cast<TeeDataObject*>(o);
  t.visit(d->it);
  t.visit(d->next);
  for (int i = 0; i < d->numread; i++) t.visit(d->values[i]);
}

Value teedata_getitem(TeeDataObject* d, int i) {
  if (i < d->numread) return d->values[i];
  if (d->running) return raise(exc::RuntimeError, "cannot re-enter the tee iterator");
  d->running = true;
  Value v = iter_next(d->it);
  d->running = false;
  if (v.is_null() || v.is_exc()) return v;
  d->values[d->numread++] = v;
  return v;
}

Value tee_next(Value self) {
  auto* t = self.as<TeeObject>();
  if (t->index >= kLinkCells) {
    if (!t->data->next) t->data->next = teedata_new(t->data->it);
    t->data = t->data->next;
    t->index = 0;
  }
  Value v = teedata_getitem(t->data, t->index);
  if (v.is_null() || v.is_exc()) return v;
  t->index++;
  return v;
}

Value tee_copy_of(TeeObject* src, TypeObject* type) {
  auto* t = gc::make<TeeObject>(type);
  t->data = src->data;
  t->index = src->index;
  return obj(t);
}

Value tee_fromiterable(Value iterable) {
  Value it = get_iter(iterable);
  if (it.is_exc()) return it;
  if (it.is_obj() && is_subtype(type_of(it), tee_type)) return tee_copy_of(it.as<TeeObject>(), tee_type);
  auto* t = gc::make<TeeObject>(tee_type);
  t->data = teedata_new(it);
  t->index = 0;
  return obj(t);
}

Value tee_type_new(TypeObject*, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_tee", kw) || !check_positional("_tee", nargs, 1, 1)) return Value::exc();
  return tee_fromiterable(args[0]);
}

Value tee_copy(Value* args, size_t, TupleObject*) { return tee_copy_of(args[0].as<TeeObject>(), type_of(args[0])); }

Value tee_reduce(Value* args, size_t, TupleObject*) {
  auto* t = args[0].as<TeeObject>();
  return tuple_pack({obj(type_of(args[0])), tuple_pack({tuple_pack({})}), tuple_pack({obj(t->data), int_from_i64(t->index)})});
}

Value tee_setstate(Value* args, size_t, TupleObject*) {
  auto* t = args[0].as<TeeObject>();
  Value st = args[1];
  if (!is_tuple(st)) return raise(exc::TypeError, "state is not a tuple");
  auto* s = st.as<TupleObject>();
  int64_t index;
  if (s->size != 2 || !isinstance_exact(s->items[0], teedata_type) || !int_get_i64(s->items[1], &index))
    return raise(exc::TypeError, "_tee.__setstate__ expects a (_tee_dataobject, int) state");
  if (index < 0 || index > kLinkCells) return raise(exc::ValueError, "Index out of range");
  t->data = s->items[0].as<TeeDataObject>();
  t->index = int(index);
  return Value::none();
}

void tee_trace(Object* o, Tracer& t) { t.visit(static_cast<TeeObject*>(o)->data); }

Value teedata_type_new(TypeObject*, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_tee_dataobject", kw) || !check_positional("_tee_dataobject", nargs, 3, 3)) return Value::exc();
  if (!isinstance_exact(args[1], types::list))
    return raise_fmt(exc::TypeError, "_tee_dataobject() argument 2 must be list, not {}", type_name(args[1]));
  auto* l = args[1].as<ListObject>();
  if (l->size > uint64_t(kLinkCells)) return raise(exc::ValueError, "_tee_dataobject should have at most 57 values");
  TeeDataObject* d = teedata_new(args[0]);
  for (uint64_t i = 0; i < l->size; i++) d->values[i] = l->items[i];
  d->numread = int(l->size);
  if (!args[2].is_none()) {
    if (!isinstance_exact(args[2], teedata_type)) return raise(exc::ValueError, "_tee_dataobject should have a next");
    if (l->size != uint64_t(kLinkCells)) return raise(exc::ValueError, "_tee_dataobject should have 57 values");
    d->next = args[2].as<TeeDataObject>();
  }
  return obj(d);
}

Value teedata_reduce(Value* args, size_t, TupleObject*) {
  auto* d = args[0].as<TeeDataObject>();
  Value vals = list_from_array(d->values, size_t(d->numread));
  return tuple_pack({obj(type_of(args[0])), tuple_pack({d->it, vals, d->next ? obj(d->next) : Value::none()})});
}

Value itertools_tee(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("tee", kw) || !check_positional("tee", nargs, 1, 2)) return Value::exc();
  int64_t n = 2;
  if (nargs == 2 && !ssize_arg(args[1], &n)) return Value::exc();
  if (n < 0) return raise(exc::ValueError, "n must be >= 0");
  TupleObject* result = tuple_new(size_t(n));
  for (int64_t i = 0; i < n; i++) result->items[i] = Value::none();
  if (n == 0) return obj(result);
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  Value copyfunc = getattr_opt(it, NAME("__copy__"));
  if (copyfunc.is_exc()) return copyfunc;
  Value first = it;
  if (copyfunc.is_null()) {
    first = tee_fromiterable(it);
    if (first.is_exc()) return first;
    copyfunc = getattr(first, NAME("__copy__"));
    if (copyfunc.is_exc()) return copyfunc;
  }
  result->items[0] = first;
  for (int64_t i = 1; i < n; i++) {
    Value c = call0(copyfunc);
    if (c.is_exc()) return c;
    result->items[i] = c;
  }
  return obj(result);
}

}  // namespace

Value make_itertools_module() {
  Value m = module_new("itertools");
  DictObject* d = m.as<ModuleObject>()->dict;
  count_type = make_type("count", sizeof(CountObject), count_trace, count_next, count_new);
  count_type->repr = count_repr;
  type_add_methods(count_type, {{"__reduce__", count_reduce, kNativeNoArgs}});
  cycle_type = make_type("cycle", sizeof(CycleObject), cycle_trace, cycle_next, cycle_new);
  type_add_methods(cycle_type, {{"__reduce__", cycle_reduce, kNativeNoArgs}, {"__setstate__", cycle_setstate, kNativeOneArg}});
  repeat_type = make_type("repeat", sizeof(RepeatObject), repeat_trace, repeat_next, repeat_new);
  repeat_type->repr = repeat_repr;
  type_add_methods(repeat_type, {{"__length_hint__", repeat_length_hint, kNativeNoArgs},
                                 {"__reduce__", repeat_reduce, kNativeNoArgs}});
  accumulate_type = make_type("accumulate", sizeof(AccumulateObject), accumulate_trace, accumulate_next, accumulate_new);
  type_add_methods(accumulate_type, {{"__reduce__", accumulate_reduce, kNativeNoArgs},
                                     {"__setstate__", accumulate_setstate, kNativeOneArg}});
  chain_type = make_type("chain", sizeof(ChainObject), chain_trace, chain_next, chain_new);
  type_add_classmethod(chain_type, "from_iterable", chain_from_iterable);
  type_add_methods(chain_type, {{"__reduce__", chain_reduce, kNativeNoArgs}, {"__setstate__", chain_setstate, kNativeOneArg}});
  compress_type = make_type("compress", sizeof(PairIterObject), pair_trace, compress_next, compress_new);
  type_add_methods(compress_type, {{"__reduce__", compress_reduce, kNativeNoArgs}});
  dropwhile_type = make_type("dropwhile", sizeof(PairIterObject), pair_trace, dropwhile_next, func_iter_new<0>);
  takewhile_type = make_type("takewhile", sizeof(PairIterObject), pair_trace, takewhile_next, func_iter_new<1>);
  filterfalse_type = make_type("filterfalse", sizeof(PairIterObject), pair_trace, filterfalse_next, func_iter_new<2>);
  starmap_type = make_type("starmap", sizeof(PairIterObject), pair_trace, starmap_next, func_iter_new<3>);
  for (TypeObject* t : {dropwhile_type, takewhile_type, filterfalse_type, starmap_type})
    type_add_methods(t, {{"__reduce__", func_iter_reduce, kNativeNoArgs}});
  for (TypeObject* t : {dropwhile_type, takewhile_type}) type_add_methods(t, {{"__setstate__", flag_setstate, kNativeOneArg}});
  groupby_type = make_type("groupby", sizeof(GroupbyObject), groupby_trace, groupby_next, groupby_new);
  grouper_type = make_type("_grouper", sizeof(GrouperObject), grouper_trace, grouper_next, grouper_new);
  islice_type = make_type("islice", sizeof(IsliceObject), islice_trace, islice_next, islice_new);
  type_add_methods(islice_type, {{"__reduce__", islice_reduce, kNativeNoArgs}, {"__setstate__", islice_setstate, kNativeOneArg}});
  pairwise_type = make_type("pairwise", sizeof(PairwiseObject), pairwise_trace, pairwise_next, pairwise_new);
  zip_longest_type = make_type("zip_longest", sizeof(ZipLongestObject), zip_longest_trace, zip_longest_next,
                               zip_longest_new);
  type_add_methods(zip_longest_type, {{"__reduce__", zip_longest_reduce, kNativeNoArgs},
                                      {"__setstate__", zip_longest_setstate, kNativeOneArg}});
  product_type = make_type("product", sizeof(CombObject), comb_trace, product_next, product_new, comb_finalize);
  combinations_type = make_type("combinations", sizeof(CombObject), comb_trace, combinations_next, combinations_new,
                                comb_finalize);
  cwr_type = make_type("combinations_with_replacement", sizeof(CombObject), comb_trace, cwr_next, cwr_new, comb_finalize);
  permutations_type = make_type("permutations", sizeof(CombObject), comb_trace, permutations_next, permutations_new,
                                comb_finalize);
  teedata_type = make_type("_tee_dataobject", sizeof(TeeDataObject), teedata_trace, nullptr, teedata_type_new);
  teedata_type->iter = nullptr;
  teedata_type->flags &= ~kTypeBaseType;
  type_add_methods(teedata_type, {{"__reduce__", teedata_reduce, kNativeNoArgs}});
  tee_type = make_type("_tee", sizeof(TeeObject), tee_trace, tee_next, tee_type_new);
  tee_type->flags &= ~kTypeBaseType;
  type_add_methods(tee_type, {{"__copy__", tee_copy, kNativeNoArgs},
                              {"__reduce__", tee_reduce, kNativeNoArgs},
                              {"__setstate__", tee_setstate, kNativeOneArg}});
  for (TypeObject* t : {count_type, cycle_type, repeat_type, accumulate_type, chain_type, compress_type, dropwhile_type,
                        takewhile_type, filterfalse_type, starmap_type, groupby_type, grouper_type, islice_type,
                        pairwise_type, zip_longest_type, product_type, combinations_type, cwr_type,
                        permutations_type, tee_type, teedata_type})
    dict_set_str(d, t->name, obj(t));
  module_add_functions(d, {{"tee", itertools_tee}});
  return m;
}

}  // namespace chaipy
