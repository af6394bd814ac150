// interp/modules/_weakref.cpp — the _weakref module: weak references (ReferenceType, ProxyType,
// CallableProxyType), getweakrefcount/getweakrefs, _remove_dead_weakref.
//
// Contract with the collector (gc.h): a weak reference holds its referent as a raw pointer the
// trace does not visit. Every referent with weak references has an entry in g_refs (referent →
// its references, oldest first). After marking, clear_dead() clears the references of every
// unmarked referent and queues the callbacks of the references that survive; run_callbacks()
// calls them at the end of the collection (newest reference first, as CPython), printing
// "Exception ignored in: ..." for a callback that raises. Objects die only in a collection, so
// `r()` turns None after gc.collect() (or an automatic collection), not at `del`.
#include <algorithm>
#include <unordered_map>
#include <vector>

#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {
namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

struct WeakRefObject : Object {
  Object* referent;  // nullptr once the referent died
  Value callback;    // None if none
  int64_t hash;      // -1 until computed
};

TypeObject *ref_type, *proxy_type, *callable_proxy_type;

std::unordered_map<Object*, std::vector<WeakRefObject*>>& refs() {
  static auto* m = new std::unordered_map<Object*, std::vector<WeakRefObject*>>();
  return *m;
}
std::vector<std::pair<Value, Value>> g_pending;  // (callback, reference)
bool g_running_callbacks = false;

bool is_ref(Value v) { return v.is_obj() && is_subtype(v.as_obj()->type, ref_type); }
bool is_proxy(Value v) {
  return v.is_obj() && (v.as_obj()->type == proxy_type || v.as_obj()->type == callable_proxy_type);
}
WeakRefObject* W(Value v) { return v.as<WeakRefObject>(); }

// -- The collector's side -------------------------------------------------------------------------
void clear_dead() {
  auto& m = refs();
  for (auto it = m.begin(); it != m.end();) {
    auto& v = it->second;
    // References that die themselves are forgotten (their callbacks never run, as in CPython).
    v.erase(std::remove_if(v.begin(), v.end(), [](WeakRefObject* r) { return !gc::is_marked(r); }), v.end());
    if (gc::is_marked(it->first)) {
      if (v.empty()) it = m.erase(it);
      else ++it;
      continue;
    }
    for (auto r = v.rbegin(); r != v.rend(); ++r) {
      (*r)->referent = nullptr;
      if (!(*r)->callback.is_none()) g_pending.emplace_back((*r)->callback, obj(*r));
    }
    it = m.erase(it);
  }
}

void trace_pending(Tracer& t) {
  for (auto& [cb, r] : g_pending) {
    t.visit(cb);
    t.visit(r);
  }
}

void run_callbacks() {
  if (g_running_callbacks || g_pending.empty()) return;
  g_running_callbacks = true;
  while (!g_pending.empty()) {
    auto [cb, r] = g_pending.front();
    g_pending.erase(g_pending.begin());
    Value saved = exc_pending() ? exc_fetch() : Value::null();
    Value res = call1(cb, r);
    if (res.is_exc()) {
      Value e = exc_fetch();
      stderr_write_ignored(cb, e);
    }
    if (!saved.is_null()) exc_restore(saved);
  }
  g_running_callbacks = false;
}

void forget(WeakRefObject* r) {
  if (!r->referent) return;
  auto it = refs().find(r->referent);
  if (it == refs().end()) return;
  auto& v = it->second;
  v.erase(std::remove(v.begin(), v.end(), r), v.end());
  if (v.empty()) refs().erase(it);
}

// -- Creating references ------------------------------------------------------------------------------
bool weakrefable(Value v) { return v.is_obj() && (v.as_obj()->type->flags & kTypeWeakrefable); }

Value new_ref(TypeObject* t, Value target, Value callback) {
  if (!weakrefable(target))
    return raise_fmt(exc::TypeError, "cannot create weak reference to '{}' object", type_name(target));
  if (callback.is_null()) callback = Value::none();
  Object* o = target.as_obj();
  auto& v = refs()[o];
  // ref(x) and proxy(x) without a callback are shared (CPython's basic references).
  if (callback.is_none() && (t == ref_type || t == proxy_type || t == callable_proxy_type))
    for (WeakRefObject* r : v)
      if (r->type == t && r->callback.is_none()) return obj(r);
  auto* r = gc::make<WeakRefObject>(t);
  r->referent = o;
  r->callback = callback;
  r->hash = -1;
  v.push_back(r);
  return obj(r);
}

void ref_trace(Object* o, Tracer& t) { t.visit(static_cast<WeakRefObject*>(o)->callback); }
void ref_finalize(Object* o) { forget(static_cast<WeakRefObject*>(o)); }

Value referent_of(Value r) { return W(r)->referent ? obj(W(r)->referent) : Value::none(); }

// -- ReferenceType ------------------------------------------------------------------------------------
Value ref_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if ((kw ? kw->size : 0) && t == ref_type) return raise(exc::TypeError, "ref() takes no keyword arguments");
  size_t np = nargs - (kw ? kw->size : 0);
  if (np < 1 || np > 2) {
    if (t != ref_type && np == 0) return raise(exc::TypeError, "__new__ expected at least 1 argument, got 0");
    return raise_fmt(exc::TypeError, "{} expected at most 2 arguments, got {}", np < 1 ? "__new__" : "ref", np);
  }
  return new_ref(t, args[0], np == 2 ? args[1] : Value::none());
}

Value ref_init_native(Value* args, size_t nargs, TupleObject* kw) { return Value::none(); }

Value ref_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (nargs) return raise_fmt(exc::TypeError, "weakref() takes no arguments ({} given)", nargs);
  return referent_of(self);
}

Value ref_repr(Value self) {
  WeakRefObject* r = W(self);
  if (!r->referent) return str_value(fmt::format("<weakref at {:#x}; dead>", uintptr_t(r)));
  Value target = obj(r->referent);
  Value name = getattr_opt(target, NAME("__name__"));
  if (name.is_exc()) exc_fetch();
  std::string tn = type_name(target);
  if (!name.is_null() && !name.is_exc() && is_str(name))
    return str_value(fmt::format("<weakref at {:#x}; to '{}' at {:#x} ({})>", uintptr_t(r), tn, uintptr_t(r->referent),
                                 as_str(name)->view()));
  return str_value(fmt::format("<weakref at {:#x}; to '{}' at {:#x}>", uintptr_t(r), tn, uintptr_t(r->referent)));
}

int64_t ref_hash(Value self) {
  WeakRefObject* r = W(self);
  if (r->hash != -1) return r->hash;
  if (!r->referent) {
    raise(exc::TypeError, "weak object has gone away");
    return -1;
  }
  r->hash = hash(obj(r->referent));
  return r->hash;
}

Value ref_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !is_ref(b)) return g_not_implemented;
  WeakRefObject *x = W(a), *y = W(b);
  if (!x->referent || !y->referent) {
    bool same = x == y;
    return Value::from_bool(op == CmpOp::EQ ? same : !same);
  }
  return richcompare(obj(x->referent), obj(y->referent), op);
}

Value ref_getattr(Value self, StrObject* name) {
  if (name->view() == "__callback__") return W(self)->callback;
  return generic_getattr(self, name);
}

Value ref_class_getitem(Value* args, size_t nargs, TupleObject* kw) {
  // weakref.ref[T]: types.GenericAlias when available.
  Value types_mod = import_name(NAME("types"), nullptr, Value::none(), 0);
  if (types_mod.is_exc()) return types_mod;
  Value ga = getattr(types_mod, NAME("GenericAlias"));
  if (ga.is_exc()) return ga;
  return call2(ga, args[0], args[1]);
}

// -- Proxies --------------------------------------------------------------------------------------------
Value live(Value proxy) {
  WeakRefObject* r = W(proxy);
  if (!r->referent) return raise(exc::ReferenceError, "weakly-referenced object no longer exists");
  return obj(r->referent);
}

Value proxy_getattr(Value self, StrObject* name) {
  Value o = live(self);
  return o.is_exc() ? o : getattr(o, name);
}
int proxy_setattr(Value self, StrObject* name, Value v) {
  Value o = live(self);
  return o.is_exc() ? -1 : setattr(o, name, v);
}
Value proxy_repr(Value self) {
  WeakRefObject* r = W(self);
  if (!r->referent) return str_value(fmt::format("<weakproxy at {:#x}; dead>", uintptr_t(r)));
  return str_value(fmt::format("<weakproxy at {:#x}; to '{}' at {:#x}>", uintptr_t(r), type_name(obj(r->referent)),
                               uintptr_t(r->referent)));
}
Value proxy_str(Value self) {
  Value o = live(self);
  return o.is_exc() ? o : str_of(o);
}
Value proxy_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  Value o = live(self);
  return o.is_exc() ? o : call(o, args, nargs, kw);
}
Value unwrap(Value v) { return is_proxy(v) ? live(v) : v; }
Value proxy_binop(int op, Value a, Value b) {
  Value x = unwrap(a), y = unwrap(b);
  if (x.is_exc() || y.is_exc()) return Value::exc();
  return binary_op(op, x, y);
}
Value proxy_unaryop(Op op, Value a) {
  Value x = live(a);
  return x.is_exc() ? x : unary_op(op, x);
}
Value proxy_richcompare(Value a, Value b, CmpOp op) {
  Value x = unwrap(a), y = unwrap(b);
  if (x.is_exc() || y.is_exc()) return Value::exc();
  return richcompare(x, y, op);
}
int proxy_bool(Value self) {
  Value o = live(self);
  return o.is_exc() ? -1 : truthy(o);
}
int64_t proxy_len(Value self) {
  Value o = live(self);
  return o.is_exc() ? -1 : length(o);
}
Value proxy_getitem(Value self, Value k) {
  Value o = live(self);
  return o.is_exc() ? o : getitem(o, k);
}
int proxy_setitem(Value self, Value k, Value v) {
  Value o = live(self);
  return o.is_exc() ? -1 : setitem(o, k, v);
}
int proxy_contains(Value self, Value item) {
  Value o = live(self);
  return o.is_exc() ? -1 : contains(o, item);
}
Value proxy_iter(Value self) {
  Value o = live(self);
  return o.is_exc() ? o : get_iter(o);
}
Value proxy_iternext(Value self) {
  Value o = live(self);
  return o.is_exc() ? o : iter_next(o);
}
int64_t proxy_hash(Value self) {
  raise_fmt(exc::TypeError, "unhashable type: '{}'", type_name(self));
  return -1;
}

// -- Module functions -----------------------------------------------------------------------------------
Value wr_getweakrefcount(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getweakrefcount", kw) || !check_nargs("getweakrefcount", nargs, 1, 1)) return Value::exc();
  if (!args[0].is_obj()) return Value::from_small_int(0);
  auto it = refs().find(args[0].as_obj());
  return Value::from_small_int(it == refs().end() ? 0 : int64_t(it->second.size()));
}

Value wr_getweakrefs(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getweakrefs", kw) || !check_nargs("getweakrefs", nargs, 1, 1)) return Value::exc();
  ListObject* l = list_new(0);
  if (args[0].is_obj()) {
    auto it = refs().find(args[0].as_obj());
    if (it != refs().end())
      for (WeakRefObject* r : it->second) list_append(l, obj(r));
  }
  return obj(l);
}

Value wr_proxy(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("proxy", kw) || !check_nargs("proxy", nargs, 1, 2)) return Value::exc();
  Value target = args[0];
  TypeObject* t = type_of(target)->call ? callable_proxy_type : proxy_type;
  return new_ref(t, target, nargs == 2 ? args[1] : Value::none());
}

Value wr_remove_dead_weakref(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_remove_dead_weakref", kw) || !check_nargs("_remove_dead_weakref", nargs, 2, 2))
    return Value::exc();
  if (!is_dict(args[0]))
    return raise_fmt(exc::TypeError, "_remove_dead_weakref() argument 1 must be dict, not {}", type_name(args[0]));
  auto* d = args[0].as<DictObject>();
  Value cur = dict_get(d, args[1]);
  if (cur.is_exc()) return cur;
  if (cur.is_null()) return Value::none();  // already gone: fine
  if (is_ref(cur) && !W(cur)->referent && dict_del(d, args[1]) < 0) return Value::exc();
  return Value::none();
}

TypeObject* make_ref_like(const char* name, TypeObject* base) {
  TypeObject* t = make_builtin_type(name, base, sizeof(WeakRefObject), 0);
  t->module = str_intern("weakref");
  t->trace = ref_trace;
  t->finalize = ref_finalize;
  return t;
}

}  // namespace

void stderr_write_ignored(Value where, Value e) {
  // CPython's "Exception ignored in: <repr>" followed by the traceback.
  stderr_write("Exception ignored in: " + repr_utf8(where) + "\n");
  print_exception(e);
}

Value make__weakref_module() {
  if (!ref_type) {
    for (TypeObject* t : {types::type, types::function, types::builtin_function, types::method, types::set,
                          types::frozenset, types::module, types::code, types::generator})
      t->flags |= kTypeWeakrefable;
    ref_type = make_ref_like("ReferenceType", types::object);
    ref_type->tp_new = ref_tp_new;
    ref_type->call = ref_call;
    ref_type->repr = ref_repr;
    ref_type->hash = ref_hash;
    ref_type->richcompare = ref_richcompare;
    ref_type->getattr = ref_getattr;
    type_add_methods(ref_type, {{"__init__", ref_init_native}});
    dict_set_str(ref_type->dict, NAME("__class_getitem__"),
                 call1(obj(types::classmethod), native_function_new("__class_getitem__", ref_class_getitem, ref_type)));
    type_enable_subclassing(ref_type);
    proxy_type = make_ref_like("ProxyType", types::object);
    callable_proxy_type = make_ref_like("CallableProxyType", types::object);
    for (TypeObject* t : {proxy_type, callable_proxy_type}) {
      t->getattr = proxy_getattr;
      t->setattr = proxy_setattr;
      t->repr = proxy_repr;
      t->str = proxy_str;
      t->binop = proxy_binop;
      t->unaryop = proxy_unaryop;
      t->richcompare = proxy_richcompare;
      t->boolean = proxy_bool;
      t->len = proxy_len;
      t->getitem = proxy_getitem;
      t->setitem = proxy_setitem;
      t->contains = proxy_contains;
      t->iter = proxy_iter;
      t->iternext = proxy_iternext;
      t->hash = proxy_hash;
    }
    callable_proxy_type->call = proxy_call;
    gc::add_weak_scanner(clear_dead);
    gc::add_after_collect(run_callbacks);
    gc::add_root_scanner(trace_pending);
  }
  Value m = module_new("_weakref");
  DictObject* d = m.as<ModuleObject>()->dict;
  dict_set_str(d, NAME("ref"), obj(ref_type));
  dict_set_str(d, NAME("ReferenceType"), obj(ref_type));
  dict_set_str(d, NAME("ProxyType"), obj(proxy_type));
  dict_set_str(d, NAME("CallableProxyType"), obj(callable_proxy_type));
  module_add_functions(d, {{"getweakrefcount", wr_getweakrefcount},
                           {"getweakrefs", wr_getweakrefs},
                           {"proxy", wr_proxy},
                           {"_remove_dead_weakref", wr_remove_dead_weakref}});
  return m;
}

}  // namespace chaipy
