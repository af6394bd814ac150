// interp/modules/_functools.cpp — the _functools module (CPython's Modules/_functoolsmodule.c):
// reduce, partial, cmp_to_key (functools.KeyWrapper) and _lru_cache_wrapper.
//
// partial and _lru_cache_wrapper carry an attribute dict (functools.update_wrapper stores
// __name__, __doc__, __wrapped__... there). The bounded LRU cache is CPython's design: a dict from
// key to a link of a circular doubly-linked list ordered from least to most recently used.
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

size_t npos(size_t nargs, TupleObject* kw) { return nargs - (kw ? kw->size : 0); }

bool callable_value(Value v) {
  TypeObject* t = type_of(v);
  if (t->call) return true;
  Value m = type_lookup(t, NAME("__call__"));
  return !m.is_null() && !m.is_exc();
}

StrObject* intern_str(StrObject* s) { return s->interned ? s : str_intern(s->view()); }

// An attribute from an instance dict (null if absent or there is no dict yet).
Value dict_getattr(StrObject* name, DictObject* dict) {
  return dict ? dict_get_str(dict, intern_str(name)) : Value::null();
}

// -- reduce -----------------------------------------------------------------------------------------
Value functools_reduce(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("reduce", kw) || !check_positional("reduce", nargs, 2, 3)) return Value::exc();
  Value it = get_iter(args[1]);
  if (it.is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      return raise(exc::TypeError, "reduce() arg 2 must support iteration");
    }
    return it;
  }
  Value acc = nargs == 3 ? args[2] : Value::null();
  for (;;) {
    Value v = iter_next(it);
    if (v.is_exc()) return v;
    if (v.is_null()) break;
    if (acc.is_null()) {
      acc = v;
      continue;
    }
    acc = call2(args[0], acc, v);
    if (acc.is_exc()) return acc;
  }
  if (acc.is_null()) return raise(exc::TypeError, "reduce() of empty iterable with no initial value");
  return acc;
}

// -- partial ------------------------------------------------------------------------------------------
struct PartialObject : Object { Value fn; TupleObject* args; DictObject* kw; DictObject* dict; };
TypeObject* partial_type;

inline bool is_partial(Value v) { return v.is_obj() && is_subtype(type_of(v), partial_type); }

void partial_trace(Object* o, Tracer& t) {
  auto* p = static_cast<PartialObject*>(o);
  t.visit(p->fn);
  t.visit(p->args);
  t.visit(p->kw);
  t.visit(p->dict);
}

Value partial_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  size_t n = npos(nargs, kw);
  if (n < 1) return raise(exc::TypeError, "type 'partial' takes at least one argument");
  Value fn = args[0];
  TupleObject* pargs = nullptr;
  DictObject* pkw = nullptr;
  if (is_partial(fn) && !fn.as<PartialObject>()->dict) {
    auto* inner = fn.as<PartialObject>();
    pargs = inner->args;
    pkw = inner->kw;
    fn = inner->fn;
  }
  if (!callable_value(fn)) return raise(exc::TypeError, "the first argument must be callable");
  auto* p = gc::make<PartialObject>(type);
  p->fn = fn;
  size_t na = (pargs ? pargs->size : 0) + n - 1;
  p->args = tuple_new(na);
  size_t k = 0;
  if (pargs)
    for (; k < pargs->size; k++) p->args->items[k] = pargs->items[k];
  for (size_t i = 1; i < n; i++) p->args->items[k++] = args[i];
  p->kw = pkw ? dict_copy(pkw) : dict_new();
  if (kw)
    for (size_t i = 0; i < kw->size; i++)
      if (dict_set(p->kw, kw->items[i], args[n + i]) < 0) return Value::exc();
  p->dict = nullptr;
  return obj(p);
}

Value partial_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  auto* p = self.as<PartialObject>();
  size_t n = npos(nargs, kw), na = p->args->size;
  if (p->kw->used == 0) {
    if (na == 0) return call(p->fn, args, nargs, kw);
    TupleObject* all = tuple_new(na + nargs);
    for (size_t i = 0; i < na; i++) all->items[i] = p->args->items[i];
    for (size_t i = 0; i < nargs; i++) all->items[na + i] = args[i];
    return call(p->fn, all->items, na + nargs, kw);
  }
  DictObject* merged = dict_copy(p->kw);
  if (kw)
    for (size_t i = 0; i < kw->size; i++)
      if (dict_set(merged, kw->items[i], args[n + i]) < 0) return Value::exc();
  size_t nk = merged->used;
  TupleObject* all = tuple_new(na + n + nk);
  TupleObject* names = tuple_new(nk);
  for (size_t i = 0; i < na; i++) all->items[i] = p->args->items[i];
  for (size_t i = 0; i < n; i++) all->items[na + i] = args[i];
  size_t j = 0;
  for (uint64_t e = 0; e < merged->nentries; e++) {
    DictEntry& en = merged->entries[e];
    if (en.key.is_null()) continue;
    if (!is_str(en.key)) return raise(exc::TypeError, "keywords must be strings");
    names->items[j] = obj(intern_str(as_str(en.key)));
    all->items[na + n + j] = en.value;
    j++;
  }
  return call(p->fn, all->items, na + n + nk, names);
}

Value partial_repr(Value self) {
  auto* p = self.as<PartialObject>();
  TypeObject* t = type_of(self);
  std::string qual(t->qualname ? t->qualname->view() : t->name->view());
  Value modv = getattr(obj(t), NAME("__module__"));
  if (modv.is_exc()) return modv;
  std::string mod = is_str(modv) ? std::string(as_str(modv)->view()) : "?";
  if (!repr_enter(p)) return str_value("...");
  std::string out;
  auto fail = [&](Value r) { repr_leave(p); return r; };
  Value r = repr(p->fn);
  if (r.is_exc()) return fail(r);
  out += as_str(r)->view();
  TupleObject* args = p->args;
  for (uint64_t i = 0; i < args->size; i++) {
    r = repr(args->items[i]);
    if (r.is_exc()) return fail(r);
    out += ", ";
    out += as_str(r)->view();
  }
  DictObject* kw = p->kw;
  for (uint64_t e = 0; e < kw->nentries; e++) {
    DictEntry en = kw->entries[e];
    if (en.key.is_null()) continue;
    Value ks = str_of(en.key);
    if (ks.is_exc()) return fail(ks);
    r = repr(en.value);
    if (r.is_exc()) return fail(r);
    out += fmt::format(", {}={}", as_str(ks)->view(), as_str(r)->view());
  }
  repr_leave(p);
  return str_value(fmt::format("{}.{}({})", mod, qual, out));
}

Value partial_getattr(Value self, StrObject* name) {
  auto* p = self.as<PartialObject>();
  std::string_view n = name->view();
  if (n == "func") return p->fn;
  if (n == "args") return obj(p->args);
  if (n == "keywords") return obj(p->kw);
  if (n == "__dict__") {
    if (!p->dict) p->dict = dict_new();
    return obj(p->dict);
  }
  Value v = dict_getattr(name, p->dict);
  if (!v.is_null()) return v;
  return generic_getattr(self, name);
}

int partial_setattr(Value self, StrObject* name, Value v) {
  auto* p = self.as<PartialObject>();
  std::string_view n = name->view();
  if (n == "func" || n == "args" || n == "keywords") {
    raise(exc::AttributeError, "readonly attribute");
    return -1;
  }
  if (n == "__dict__") {
    if (v.is_null()) {
      raise(exc::TypeError, "cannot delete __dict__");
      return -1;
    }
    if (!is_dict(v)) {
      raise_fmt(exc::TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(v));
      return -1;
    }
    p->dict = v.as<DictObject>();
    return 0;
  }
  if (isinstance_exact(type_lookup(type_of(self), intern_str(name)), types::property)) return generic_setattr(self, name, v);
  if (!p->dict) p->dict = dict_new();
  if (v.is_null()) {
    if (dict_del(p->dict, obj(intern_str(name))) < 0) {
      exc_fetch();
      raise_fmt(exc::AttributeError, "'{}' object has no attribute '{}'", type_name(self), n);
      return -1;
    }
    return 0;
  }
  return dict_set_str(p->dict, intern_str(name), v);
}

Value partial_reduce(Value* args, size_t, TupleObject*) {
  auto* p = args[0].as<PartialObject>();
  Value d = p->dict ? obj(p->dict) : Value::none();
  return tuple_pack({obj(type_of(args[0])), tuple_pack({p->fn}), tuple_pack({p->fn, obj(p->args), obj(p->kw), d})});
}

Value partial_setstate(Value* args, size_t, TupleObject*) {
  auto* p = args[0].as<PartialObject>();
  Value st = args[1];
  if (!is_tuple(st) || st.as<TupleObject>()->size != 4) return raise(exc::TypeError, "invalid partial state");
  auto* t = st.as<TupleObject>();
  Value fn = t->items[0], fa = t->items[1], kw = t->items[2], d = t->items[3];
  if (!callable_value(fn) || !is_tuple(fa) || (!kw.is_none() && !is_dict(kw)))
    return raise(exc::TypeError, "invalid partial state");
  p->fn = fn;
  p->args = isinstance_exact(fa, types::tuple) ? fa.as<TupleObject>() : to_tuple(fa).as<TupleObject>();
  p->kw = kw.is_none() ? dict_new() : (isinstance_exact(kw, types::dict) ? kw.as<DictObject>() : dict_copy(kw.as<DictObject>()));
  if (d.is_none()) p->dict = nullptr;
  else if (is_dict(d)) p->dict = d.as<DictObject>();
  else return raise(exc::TypeError, "invalid partial state");
  return Value::none();
}

// -- cmp_to_key (functools.KeyWrapper) ----------------------------------------------------------------
struct KeyObject : Object { Value cmp, object; };  // object null: the factory returned by cmp_to_key
TypeObject* key_type;

void key_trace(Object* o, Tracer& t) {
  auto* k = static_cast<KeyObject*>(o);
  t.visit(k->cmp);
  t.visit(k->object);
}

Value functools_cmp_to_key(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"mycmp", nullptr};
  Value a[1];
  if (!parse_args("cmp_to_key", args, nargs, kw, names, 1, a)) return Value::exc();
  auto* k = gc::make<KeyObject>(key_type);
  k->cmp = a[0];
  k->object = Value::null();
  return obj(k);
}

Value key_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"obj", nullptr};
  Value a[1];
  if (!parse_args("K", args, nargs, kw, names, 1, a)) return Value::exc();
  auto* k = gc::make<KeyObject>(key_type);
  k->cmp = self.as<KeyObject>()->cmp;
  k->object = a[0];
  return obj(k);
}

Value key_richcompare(Value a, Value b, CmpOp op) {
  if (!isinstance_exact(b, key_type)) return raise(exc::TypeError, "other argument must be K instance");
  auto* x = a.as<KeyObject>();
  auto* y = b.as<KeyObject>();
  if (x->object.is_null() || y->object.is_null()) return raise(exc::AttributeError, "object");
  Value r = call2(x->cmp, x->object, y->object);
  if (r.is_exc()) return r;
  return richcompare(r, Value::from_small_int(0), op);
}

Value key_getattr(Value self, StrObject* name) {
  if (name->view() == "obj") {
    Value o = self.as<KeyObject>()->object;
    if (o.is_null()) return raise(exc::AttributeError, "obj");
    return o;
  }
  return generic_getattr(self, name);
}

int key_setattr(Value self, StrObject* name, Value v) {
  if (name->view() == "obj") {
    self.as<KeyObject>()->object = v;
    return 0;
  }
  return generic_setattr(self, name, v);
}

// -- _lru_cache_wrapper --------------------------------------------------------------------------------
struct LruLink : Object { LruLink *prev, *next; Value key, result; };
struct LruObject : Object {
  Value func, cache_info_type, kwd_mark;
  DictObject* cache;  // key -> result (unbounded) or key -> LruLink (bounded)
  DictObject* dict;
  LruLink* root;      // sentinel of the circular list (bounded caches)
  int64_t maxsize;    // -1: unbounded
  int64_t hits, misses;
  bool typed;
};
TypeObject *lru_type, *lru_link_type;

void lru_trace(Object* o, Tracer& t) {
  auto* l = static_cast<LruObject*>(o);
  t.visit(l->func);
  t.visit(l->cache_info_type);
  t.visit(l->kwd_mark);
  t.visit(l->cache);
  t.visit(l->dict);
  t.visit(l->root);
}

void link_trace(Object* o, Tracer& t) {
  auto* k = static_cast<LruLink*>(o);
  t.visit(k->key);
  t.visit(k->result);
  t.visit(k->next);  // the root reaches the whole ring
}

Value lru_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"user_function", "maxsize", "typed", "cache_info_type", nullptr};
  Value a[4];
  if (!parse_args("_lru_cache_wrapper", args, nargs, kw, names, 4, a)) return Value::exc();
  if (!callable_value(a[0])) return raise(exc::TypeError, "the first argument must be callable");
  int64_t maxsize = -1;
  if (!a[1].is_none()) {
    if (!is_int(a[1])) return raise(exc::TypeError, "maxsize should be integer or None");
    if (!int_to_i64(a[1], &maxsize)) {
      if (int_sign(a[1]) < 0) maxsize = 0;
      else return raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
    }
    if (maxsize < 0) maxsize = 0;
  }
  int typed = truthy(a[2]);
  if (typed < 0) return Value::exc();
  auto* l = gc::make<LruObject>(type);
  l->func = a[0];
  l->cache_info_type = a[3];
  l->kwd_mark = obj(gc::make<Object>(types::object));
  l->cache = dict_new();
  l->dict = nullptr;
  l->maxsize = maxsize;
  l->typed = typed;
  l->hits = l->misses = 0;
  auto* root = gc::make<LruLink>(lru_link_type);
  root->prev = root->next = root;
  root->key = root->result = Value::none();
  l->root = root;
  return obj(l);
}

// CPython's lru_cache_make_key: the single exact int/str argument itself, the args tuple, or the
// args followed by the keyword mark, the keyword items and (typed) the argument types.
Value make_key(LruObject* l, Value* args, size_t nargs, TupleObject* kw) {
  size_t n = npos(nargs, kw), nk = nargs - n;
  if (!l->typed && nk == 0) {
    if (n == 1 && (isinstance_exact(args[0], types::str) || args[0].is_small_int() ||
                   isinstance_exact(args[0], types::int_)))
      return args[0];
    return tuple_from_array(args, n);
  }
  size_t size = n + (nk ? 1 + 2 * nk : 0) + (l->typed ? n + nk : 0);
  TupleObject* key = tuple_new(size);
  size_t j = 0;
  for (size_t i = 0; i < n; i++) key->items[j++] = args[i];
  if (nk) {
    key->items[j++] = l->kwd_mark;
    for (size_t i = 0; i < nk; i++) {
      key->items[j++] = kw->items[i];
      key->items[j++] = args[n + i];
    }
  }
  if (l->typed) {
    for (size_t i = 0; i < n; i++) key->items[j++] = obj(type_of(args[i]));
    for (size_t i = 0; i < nk; i++) key->items[j++] = obj(type_of(args[n + i]));
  }
  return obj(key);
}

void link_unlink(LruLink* k) {
  k->prev->next = k->next;
  k->next->prev = k->prev;
}
void link_append(LruLink* root, LruLink* k) {  // as most recently used
  LruLink* last = root->prev;
  last->next = k;
  k->prev = last;
  k->next = root;
  root->prev = k;
}

Value lru_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  auto* l = self.as<LruObject>();
  if (l->maxsize == 0) {
    l->misses++;
    return call(l->func, args, nargs, kw);
  }
  Value key = make_key(l, args, nargs, kw);
  if (key.is_exc()) return key;
  int64_t h = hash(key);
  if (h == -1 && exc_pending()) return Value::exc();
  Value found = dict_get(l->cache, key);
  if (found.is_exc()) return found;
  if (l->maxsize < 0) {
    if (!found.is_null()) {
      l->hits++;
      return found;
    }
    l->misses++;
    Value r = call(l->func, args, nargs, kw);
    if (r.is_exc()) return r;
    if (dict_set(l->cache, key, r) < 0) return Value::exc();
    return r;
  }
  if (!found.is_null()) {
    auto* k = found.as<LruLink>();
    link_unlink(k);
    link_append(l->root, k);
    l->hits++;
    return k->result;
  }
  l->misses++;
  Value r = call(l->func, args, nargs, kw);
  if (r.is_exc()) return r;
  Value again = dict_get(l->cache, key);
  if (again.is_exc()) return again;
  if (!again.is_null()) return r;  // the call itself cached this key (recursion)
  if (int64_t(l->cache->used) >= l->maxsize) {
    LruLink* oldest = l->root->next;
    if (oldest != l->root) {
      link_unlink(oldest);
      if (dict_del(l->cache, oldest->key) < 0) return Value::exc();
    }
  }
  auto* k = gc::make<LruLink>(lru_link_type);
  k->key = key;
  k->result = r;
  link_append(l->root, k);
  if (dict_set(l->cache, key, obj(k)) < 0) return Value::exc();
  return r;
}

Value lru_cache_info(Value* args, size_t, TupleObject*) {
  auto* l = args[0].as<LruObject>();
  Value a[4] = {int_from_i64(l->hits), int_from_i64(l->misses),
                l->maxsize < 0 ? Value::none() : int_from_i64(l->maxsize), int_from_i64(int64_t(l->cache->used))};
  return call(l->cache_info_type, a, 4);
}

Value lru_cache_clear(Value* args, size_t, TupleObject*) {
  auto* l = args[0].as<LruObject>();
  l->hits = l->misses = 0;
  l->cache = dict_new();
  l->root->prev = l->root->next = l->root;
  return Value::none();
}

Value lru_reduce(Value* args, size_t, TupleObject*) { return getattr(args[0], NAME("__qualname__")); }
Value lru_copy(Value* args, size_t, TupleObject*) { return args[0]; }

Value lru_get(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__get__", kw) || !check_positional("__get__", nargs - 1, 1, 2)) return Value::exc();
  if (args[1].is_none()) return args[0];
  auto* bm = gc::make<BoundMethodObject>(types::method);
  bm->func = args[0];
  bm->self = args[1];
  return obj(bm);
}

Value lru_getattr(Value self, StrObject* name) {
  auto* l = self.as<LruObject>();
  if (name->view() == "__dict__") {
    if (!l->dict) l->dict = dict_new();
    return obj(l->dict);
  }
  Value v = dict_getattr(name, l->dict);
  if (!v.is_null()) return v;
  return generic_getattr(self, name);
}

int lru_setattr(Value self, StrObject* name, Value v) {
  auto* l = self.as<LruObject>();
  if (name->view() == "__dict__") {
    if (v.is_null() || !is_dict(v)) {
      raise(exc::TypeError, "__dict__ must be set to a dictionary");
      return -1;
    }
    l->dict = v.as<DictObject>();
    return 0;
  }
  if (!l->dict) l->dict = dict_new();
  if (v.is_null()) {
    if (dict_del(l->dict, obj(intern_str(name))) < 0) {
      exc_fetch();
      raise_fmt(exc::AttributeError, "'{}' object has no attribute '{}'", type_name(self), name->view());
      return -1;
    }
    return 0;
  }
  return dict_set_str(l->dict, intern_str(name), v);
}

TypeObject* new_type(const char* name, uint32_t size, uint32_t flags, TraceFn trace) {
  TypeObject* t = make_builtin_type(name, types::object, size, flags);
  t->module = str_intern("functools");
  t->trace = trace;
  return t;
}

}  // namespace

Value make__functools_module() {
  Value m = module_new("_functools");
  DictObject* md = m.as<ModuleObject>()->dict;

  partial_type = new_type("partial", sizeof(PartialObject), kTypeBaseType, partial_trace);
  partial_type->tp_new = partial_new;
  partial_type->call = partial_call;
  partial_type->repr = partial_repr;
  partial_type->getattr = partial_getattr;
  partial_type->setattr = partial_setattr;
  type_add_methods(partial_type, {{"__reduce__", partial_reduce, kNativeNoArgs},
                                  {"__setstate__", partial_setstate, kNativeOneArg}});

  key_type = new_type("KeyWrapper", sizeof(KeyObject), 0, key_trace);
  key_type->call = key_call;
  key_type->richcompare = key_richcompare;
  key_type->hash = nullptr;
  key_type->getattr = key_getattr;
  key_type->setattr = key_setattr;
  dict_set_str(key_type->dict, NAME("__hash__"), Value::none());

  lru_type = new_type("_lru_cache_wrapper", sizeof(LruObject), kTypeNativeDescr, lru_trace);
  lru_type->tp_new = lru_new;
  lru_type->call = lru_call;
  lru_type->getattr = lru_getattr;
  lru_type->setattr = lru_setattr;
  type_add_methods(lru_type, {{"cache_info", lru_cache_info, kNativeNoArgs},
                              {"cache_clear", lru_cache_clear, kNativeNoArgs},
                              {"__reduce__", lru_reduce, kNativeNoArgs},
                              {"__copy__", lru_copy, kNativeNoArgs},
                              {"__deepcopy__", lru_copy, kNativeOneArg},
                              {"__get__", lru_get}});
  lru_link_type = new_type("_lru_list_elem", sizeof(LruLink), 0, link_trace);

  dict_set_str(md, partial_type->name, obj(partial_type));
  dict_set_str(md, lru_type->name, obj(lru_type));
  module_add_functions(md, {{"reduce", functools_reduce}, {"cmp_to_key", functools_cmp_to_key}});
  return m;
}

}  // namespace chaipy
