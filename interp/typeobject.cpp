// interp/typeobject.cpp — the `type` type: class creation (__build_class__, type(name, bases,
// dict), C3 MRO), calling a class, attribute access on classes, version tags for the VM's caches.
//
// Contract: every heap class gets a fresh, globally unique `version` from next_version(); any
// mutation of a class's namespace goes through type_setattr → type_modified, which renews the
// version of the class and all its subclasses. lookup() caches (type, version, own-dict version,
// name) → value, so a cached entry can never survive a mutation.
#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "interp/class_internal.h"

namespace chaipy {
namespace cls {

Names S;

void init_names() {
#define X(n) S.n = str_intern(#n);
  CHAIPY_CLASS_NAMES(X)
#undef X
  S.errno_ = str_intern("errno");
  S.func_ = str_intern("__func__");
  for (int i = 0; i < kNumBinOps; i++) {
    S.binop[i] = str_intern(kBinOpInfo[i].dunder);
    S.rbinop[i] = str_intern(kBinOpInfo[i].rdunder);
    S.ibinop[i] = str_intern(kBinOpInfo[i].idunder);
  }
  S.cmp[int(CmpOp::LT)] = S.__lt__;
  S.cmp[int(CmpOp::LE)] = S.__le__;
  S.cmp[int(CmpOp::EQ)] = S.__eq__;
  S.cmp[int(CmpOp::NE)] = S.__ne__;
  S.cmp[int(CmpOp::GT)] = S.__gt__;
  S.cmp[int(CmpOp::GE)] = S.__ge__;
}

// -- Versions and the lookup cache ---------------------------------------------------------------
namespace {
uint64_t g_next_version = 1000;  // built-in types start at version 1
struct CacheEntry {
  TypeObject* type;
  uint64_t version, dict_version;
  StrObject* name;
  Value value;
};
constexpr size_t kCacheSize = 4096;
CacheEntry g_cache[kCacheSize];

Value mro_lookup(TypeObject* t, StrObject* name) {
  TupleObject* mro = t->mro;
  if (!mro) {
    for (TypeObject* k = t; k; k = k->base) {
      Value v = k->dict ? dict_get_str(k->dict, name) : Value::null();
      if (!v.is_null()) return v;
    }
    return Value::null();
  }
  for (uint64_t i = 0; i < mro->size; i++) {
    auto* k = mro->items[i].as<TypeObject>();
    if (!k->dict) continue;
    Value v = dict_get_str(k->dict, name);
    if (!v.is_null()) return v;
  }
  return Value::null();
}
}  // namespace

uint64_t next_version() { return ++g_next_version; }

Value lookup(TypeObject* t, StrObject* name) {
  if (!name->interned || !t->dict) return mro_lookup(t, name);
  size_t i = ((uintptr_t(t) >> 4) ^ (uintptr_t(name) >> 4) * 0x9E3779B1u) & (kCacheSize - 1);
  CacheEntry& e = g_cache[i];
  if (e.type == t && e.name == name && e.version == t->version && e.dict_version == t->dict->version) return e.value;
  Value v = mro_lookup(t, name);
  e.type = t;
  e.name = name;
  e.version = t->version;
  e.dict_version = t->dict->version;
  e.value = v;
  return v;
}

TypeObject* solid_base(TypeObject* t) {
  while (t && (t->flags & kTypeHeap)) t = t->base;
  return t ? t : types::object;
}

StrObject* intern_name(StrObject* name) { return name->interned ? name : str_intern(name->view()); }

std::string addr(const void* p) { return fmt::format("{:#x}", uintptr_t(p)); }

std::string type_display_name(TypeObject* t) {
  std::string_view q = t->qualname ? t->qualname->view() : t->name->view();
  if (t->module && t->module->view() != "builtins") return fmt::format("{}.{}", t->module->view(), q);
  return std::string(t->name->view());
}

TupleObject* empty_tuple() {
  static TupleObject* e = nullptr;
  if (!e) {
    e = tuple_new(0);
    gc::add_root(&e);
  }
  return e;
}

TupleObject* tuple_of(Value* args, size_t n) {
  if (n == 0) return empty_tuple();
  TupleObject* t = tuple_new(n);
  for (size_t i = 0; i < n; i++) t->items[i] = args[i];
  return t;
}

Value call_prepend(Value f, Value self, Value* args, size_t nargs, TupleObject* kw) {
  size_t total = nargs;  // keyword values are the last nkw(kw) of the nargs
  Value buf[10];
  std::vector<Value> big;
  Value* a = buf;
  if (total + 1 > 10) {
    big.resize(total + 1);
    a = big.data();
  }
  a[0] = self;
  for (size_t i = 0; i < total; i++) a[i + 1] = args[i];
  return call(f, a, nargs + 1, kw);
}

Value call_dunder(Value f, Value self, Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* ft = type_of(f);
  if (ft == types::function) return call_prepend(f, self, args, nargs, kw);
  if (ft == types::builtin_function) {
    auto* n = f.as<NativeFunctionObject>();
    if (n->self.is_null() && n->owner) return call_prepend(f, self, args, nargs, kw);
  }
  Value b = bind_method(f, self, type_of(self));
  if (b.is_exc()) return b;
  return call(b, args, nargs, kw);
}

bool is_dunder(StrObject* name) {
  std::string_view v = name->view();
  return v.size() > 4 && v[0] == '_' && v[1] == '_' && v[v.size() - 1] == '_' && v[v.size() - 2] == '_';
}

}  // namespace cls

using namespace cls;

Value type_lookup_cached(TypeObject* t, StrObject* name) { return lookup(t, name); }

namespace cls {
// Types that died in the last collection are removed from their bases' subclass lists lazily
// (a linear erase per dead class would make class churn quadratic): finalizers record them and
// purge_dead_subclasses() runs before anything reads or extends a subclass list.
// A finalizer runs during a lazy sweep, when other dead objects (its bases tuple, a base class that
// died with it) may already be swept and their memory reused, so it reads only side tables:
// g_bases_of (the bases whose lists name a class, recorded when it was created) and g_live_heap
// (classes not yet finalized; built-in types never die).
namespace {
std::unordered_set<TypeObject*> g_dying;
std::vector<TypeObject*> g_dirty_bases;
std::unordered_set<TypeObject*> g_live_heap;
std::unordered_map<TypeObject*, std::vector<std::pair<TypeObject*, bool>>> g_bases_of;  // (base, base is a class)
}  // namespace

void purge_dead_subclasses() {
  if (g_dying.empty()) return;
  for (TypeObject* b : g_dirty_bases) {
    if (g_dying.count(b) || !b->subclasses) continue;
    auto& v = *b->subclasses;
    v.erase(std::remove_if(v.begin(), v.end(), [](TypeObject* s) { return g_dying.count(s) != 0; }), v.end());
  }
  g_dying.clear();
  g_dirty_bases.clear();
}

void note_dead_type(TypeObject* t) {
  g_dying.insert(t);
  g_live_heap.erase(t);
  auto it = g_bases_of.find(t);
  if (it == g_bases_of.end()) return;
  for (auto [b, heap] : it->second)
    if (!heap || g_live_heap.count(b)) g_dirty_bases.push_back(b);
  g_bases_of.erase(it);
}
}  // namespace cls

void type_modified(TypeObject* t) {
  purge_dead_subclasses();
  t->version = next_version();
  if (t->subclasses)
    for (TypeObject* s : *t->subclasses) type_modified(s);
}

namespace cls {

// -- C3 linearisation ----------------------------------------------------------------------------
bool compute_mro(TypeObject* t, TupleObject* bases, std::vector<TypeObject*>& out) {
  out.clear();
  out.push_back(t);
  if (bases->size == 1) {
    TupleObject* bm = bases->items[0].as<TypeObject>()->mro;
    for (uint64_t i = 0; i < bm->size; i++) out.push_back(bm->items[i].as<TypeObject>());
    return true;
  }
  for (uint64_t i = 0; i < bases->size; i++)
    for (uint64_t j = i + 1; j < bases->size; j++)
      if (bases->items[i] == bases->items[j]) {
        raise_fmt(exc::TypeError, "duplicate base class {}", bases->items[i].as<TypeObject>()->name->view());
        return false;
      }
  std::vector<std::vector<TypeObject*>> seqs;
  for (uint64_t i = 0; i < bases->size; i++) {
    TupleObject* bm = bases->items[i].as<TypeObject>()->mro;
    std::vector<TypeObject*> s;
    for (uint64_t k = 0; k < bm->size; k++) s.push_back(bm->items[k].as<TypeObject>());
    seqs.push_back(std::move(s));
  }
  std::vector<TypeObject*> bl;
  for (uint64_t i = 0; i < bases->size; i++) bl.push_back(bases->items[i].as<TypeObject>());
  seqs.push_back(std::move(bl));
  std::vector<size_t> pos(seqs.size(), 0);
  for (;;) {
    bool all_empty = true;
    TypeObject* pick = nullptr;
    for (size_t i = 0; i < seqs.size() && !pick; i++) {
      if (pos[i] >= seqs[i].size()) continue;
      all_empty = false;
      TypeObject* cand = seqs[i][pos[i]];
      bool in_tail = false;
      for (size_t j = 0; j < seqs.size() && !in_tail; j++)
        for (size_t k = pos[j] + 1; k < seqs[j].size(); k++)
          if (seqs[j][k] == cand) {
            in_tail = true;
            break;
          }
      if (!in_tail) pick = cand;
    }
    if (all_empty) return true;
    if (!pick) {
      std::vector<TypeObject*> heads;
      for (size_t i = 0; i < seqs.size(); i++)
        if (pos[i] < seqs[i].size() && std::find(heads.begin(), heads.end(), seqs[i][pos[i]]) == heads.end())
          heads.push_back(seqs[i][pos[i]]);
      std::string msg = "Cannot create a consistent method resolution\norder (MRO) for bases";
      for (size_t i = 0; i < heads.size(); i++) {
        msg += " ";
        msg += heads[i]->name->view();
        if (i + 1 < heads.size()) msg += ",";
      }
      raise(exc::TypeError, msg);
      return false;
    }
    out.push_back(pick);
    for (size_t i = 0; i < seqs.size(); i++)
      if (pos[i] < seqs[i].size() && seqs[i][pos[i]] == pick) pos[i]++;
  }
}

// -- Class creation --------------------------------------------------------------------------------
namespace {

bool acceptable_base(TypeObject* b) {
  if (b->flags & kTypeHeap) return true;
  if (b->flags & kTypeInstanceLayout) return true;  // object, exceptions, native instance types (_io)
  if (b == types::type) return true;
  if ((b->flags & kTypeBaseType) && (b->flags & kTypeInstanceLayout)) return true;  // e.g. SimpleNamespace
  uint32_t flag;
  return subclassable_builtin_flag(b, &flag) != nullptr;
}

DictObject* dict_copy(DictObject* d) {
  DictObject* n = dict_new();
  for (uint64_t i = 0; i < d->nentries; i++) {
    DictEntry& e = d->entries[i];
    if (e.key.is_null()) continue;
    dict_set(n, e.key, e.value);
  }
  return n;
}

Value wrap_in(TypeObject* wrapper_type, Value f) {
  auto* w = gc::make<WrapperObject>(wrapper_type);
  w->fget = f;
  w->fset = w->fdel = w->doc = Value::none();
  return obj(w);
}

}  // namespace

Value type_new_impl(TypeObject* meta, StrObject* name, TupleObject* bases, DictObject* ns, Value* kwvals,
                    TupleObject* kwnames) {
  if (bases->size == 0) {
    bases = tuple_new(1);
    bases->items[0] = obj(types::object);
  }
  for (uint64_t i = 0; i < bases->size; i++) {
    Value b = bases->items[i];
    if (!b.is_obj() || !is_subtype(type_of(b), types::type))
      return raise(exc::TypeError,
                   "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
                   "metaclasses of all its bases");
    TypeObject* bt = b.as<TypeObject>();
    if (!acceptable_base(bt)) {
      if (bt->flags & kTypeBaseType)
        return raise_fmt(exc::TypeError, "chaipy: subclassing built-in type '{}' is not supported yet", bt->name->view());
      return raise_fmt(exc::TypeError, "type '{}' is not an acceptable base type", bt->name->view());
    }
  }
  // Layout: the most derived solid base wins; two unrelated solid bases conflict.
  TypeObject* best = nullptr;
  TypeObject* best_solid = nullptr;
  for (uint64_t i = 0; i < bases->size; i++) {
    TypeObject* bt = bases->items[i].as<TypeObject>();
    TypeObject* sb = solid_base(bt);
    if (!best_solid || (sb != best_solid && is_subtype(sb, best_solid))) {
      best_solid = sb;
      best = bt;
    } else if (!is_subtype(best_solid, sb) && !(best_solid->flags & sb->flags & kTypeExceptionLayout)) {
      // (every built-in exception shares one layout: class E(OSError, ValueError) is fine)
      return raise(exc::TypeError, "multiple bases have instance lay-out conflict");
    }
  }
  auto* t = gc::make<TypeObject>(meta);
  std::vector<TypeObject*> mro;
  if (!compute_mro(t, bases, mro)) return Value::exc();
  t->name = intern_name(name);
  t->base = best;
  t->bases = bases;
  t->mro = tuple_new(mro.size());
  for (size_t i = 0; i < mro.size(); i++) t->mro->items[i] = obj(mro[i]);
  t->dict = dict_copy(ns);
  t->version = next_version();
  uint32_t inherited = best_solid->flags & (kTypeIntSubclass | kTypeStrSubclass | kTypeListSubclass |
                                            kTypeTupleSubclass | kTypeDictSubclass | kTypeTypeSubclass);
  if (best_solid == types::type) inherited |= kTypeTypeSubclass;
  uint32_t sub_flag = 0;
  bool builtin_sub = subclassable_builtin_flag(best_solid, &sub_flag) != nullptr;
  inherited |= sub_flag;
  t->flags = kTypeHeap | kTypeBaseType | inherited;
  if (best_solid->flags & kTypeExceptionLayout) {
    t->flags |= kTypeInstanceLayout | kTypeExceptionLayout;
    t->instance_size = sizeof(ExceptionObject);
  } else if (best_solid == types::type) {
    t->instance_size = sizeof(TypeObject);
  } else if (builtin_sub) {
    t->instance_size = best_solid->instance_size;
  } else {
    t->flags |= kTypeInstanceLayout;
    t->instance_size = best_solid->flags & kTypeInstanceLayout ? best_solid->instance_size : sizeof(InstanceObject);
  }
  bool plain_instances = (t->flags & kTypeInstanceLayout) && !(t->flags & kTypeExceptionLayout);
  t->root_shape = shape_root_new();
  purge_dead_subclasses();
  t->subclasses = new std::vector<TypeObject*>();
  t->trace = best_solid->trace;
  t->finalize = best_solid->finalize;
  if (plain_instances && best_solid == types::object) {  // native instance types keep their own
    t->trace = instance_trace;
    t->finalize = instance_finalize;
  }
  if (builtin_sub) builtin_sub_setup(t);
  g_live_heap.insert(t);
  auto& recorded = g_bases_of[t];
  for (uint64_t i = 0; i < bases->size; i++) {
    TypeObject* bt = bases->items[i].as<TypeObject>();
    if (!bt->subclasses) bt->subclasses = new std::vector<TypeObject*>();
    bt->subclasses->push_back(t);
    recorded.emplace_back(bt, (bt->flags & kTypeHeap) != 0);
  }
  // __qualname__ / __module__ / __doc__
  DictObject* d = t->dict;
  Value q = dict_get_str(d, S.__qualname__);
  if (!q.is_null()) {
    if (!is_str(q)) return raise_fmt(exc::TypeError, "type __qualname__ must be a str, not {}", type_name(q));
    t->qualname = as_str(q);
    dict_del(d, obj(S.__qualname__));
  } else {
    t->qualname = t->name;
  }
  Value m = dict_get_str(d, S.__module__);
  if (m.is_null()) {
    m = obj(S.__main__);
    dict_set_str(d, S.__module__, m);
  }
  t->module = is_str(m) ? as_str(m) : nullptr;
  if (dict_get_str(d, S.__doc__).is_null()) dict_set_str(d, S.__doc__, Value::none());
  // Implicit staticmethod / classmethod wrapping (as CPython's type_new does).
  Value nw = dict_get_str(d, S.__new__);
  if (!nw.is_null() && isinstance_exact(nw, types::function)) dict_set_str(d, S.__new__, wrap_in(types::staticmethod, nw));
  // (__class_getitem__ stays a plain function: abstract.cpp calls it with the class explicitly.)
  for (StrObject* cm : {S.__init_subclass__}) {
    Value f = dict_get_str(d, cm);
    if (!f.is_null() && isinstance_exact(f, types::function)) dict_set_str(d, cm, wrap_in(types::classmethod, f));
  }
  if (!dict_get_str(d, S.__eq__).is_null() && dict_get_str(d, S.__hash__).is_null())
    dict_set_str(d, S.__hash__, Value::none());
  // __classcell__: the cell the methods' zero-argument super() reads.
  Value cell = dict_get_str(d, S.__classcell__);
  if (!cell.is_null()) {
    if (isinstance_exact(cell, types::cell)) cell.as<CellObject>()->value = obj(t);
    dict_del(d, obj(S.__classcell__));
  }
  if (!dict_get_str(d, S.__slots__).is_null()) slots_setup(t);
  // Weak references: like CPython, instances of classes get a __weakref__ slot unless __slots__
  // leaves it out; variable-size built-in layouts (int, str, tuple, bytes) cannot have one.
  bool var_sized = best_solid == types::int_ || best_solid == types::str || best_solid == types::tuple ||
                   best_solid == types::bytes;
  if (!var_sized && (!(t->flags & kTypeSlotsOnly) || slots_allow(t, str_intern("__weakref__"))))
    t->flags |= kTypeWeakrefable;
  fill_slots(t);
  // __set_name__ on descriptors, then the parent's __init_subclass__.
  // Over a snapshot of the namespace (the calls may add or remove class attributes); an error is
  // chained into CPython 3.11's RuntimeError.
  std::vector<DictEntry> entries(d->entries, d->entries + d->nentries);
  for (const DictEntry& e : entries) {
    if (e.key.is_null() || !e.value.is_obj()) continue;
    TypeObject* vt = type_of(e.value);
    Value sn = lookup(vt, S.__set_name__);
    if (sn.is_null()) continue;
    Value args[2] = {obj(t), e.key};
    Value r = call_dunder(sn, e.value, args, 2);
    if (r.is_exc()) {
      Value cause = exc_fetch();
      Value err = new_exception(exc::RuntimeError, fmt::format("Error calling __set_name__ on '{}' instance {} in '{}'",
                                                               vt->name->view(), repr_utf8(e.key), t->name->view()));
      if (err.is_exc()) return err;
      auto* eo = err.as<ExceptionObject>();
      eo->cause = cause;
      eo->context = cause;
      eo->suppress_context = true;
      return raise_value(err);
    }
  }
  // super(t, t).__init_subclass__(**kw)
  for (uint64_t i = 1; i < t->mro->size; i++) {
    Value f = dict_get_str(t->mro->items[i].as<TypeObject>()->dict, S.__init_subclass__);
    if (f.is_null()) continue;
    Value bound = bind_for_class(f, t);
    if (bound.is_exc()) return bound;
    Value r = call(bound, kwvals, nkw(kwnames), kwnames);
    if (r.is_exc()) return r;
    break;
  }
  return obj(t);
}

}  // namespace cls

namespace {

// The most derived of `meta` and the bases' metaclasses (CPython's _PyType_CalculateMetaclass);
// nullptr after raising the metaclass-conflict TypeError.
TypeObject* most_derived_metaclass(TypeObject* meta, TupleObject* bases) {
  TypeObject* winner = meta;
  for (uint64_t i = 0; i < bases->size; i++) {
    TypeObject* bt = type_of(bases->items[i]);
    if (is_subtype(winner, bt)) continue;
    if (is_subtype(bt, winner)) {
      winner = bt;
      continue;
    }
    raise(exc::TypeError,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
          "metaclasses of all its bases");
    return nullptr;
  }
  return winner;
}

}  // namespace

Value build_class(Value* args, size_t nargs, TupleObject* kwnames) {
  size_t nk = nkw(kwnames);
  nargs -= nk;  // positional count; keyword values follow
  if (nargs < 2) return raise(exc::TypeError, "__build_class__: not enough arguments");
  if (!isinstance_exact(args[0], types::function)) return raise(exc::TypeError, "__build_class__: func must be a function");
  if (!is_str(args[1])) return raise(exc::TypeError, "__build_class__: name is not a string");
  auto* func = args[0].as<FunctionObject>();
  TupleObject* bases = tuple_of(args + 2, nargs - 2);
  // PEP 560: a base that is not a class may stand for classes through __mro_entries__
  // (class C(Generic[T]), class P(NamedTuple)); the class keeps the originals in __orig_bases__.
  TupleObject* orig_bases = bases;
  {
    static StrObject* s_mro_entries = str_intern("__mro_entries__");
    std::vector<Value> nb;
    bool changed = false;
    for (uint64_t i = 0; i < orig_bases->size; i++) {
      Value b = orig_bases->items[i];
      Value me = is_subtype(type_of(b), types::type) ? Value::null() : getattr_opt(b, s_mro_entries);
      if (me.is_exc()) return me;
      if (me.is_null()) {
        nb.push_back(b);
        continue;
      }
      Value r = call1(me, obj(orig_bases));
      if (r.is_exc()) return r;
      if (!is_tuple(r)) return raise(exc::TypeError, "__mro_entries__ must return a tuple");
      auto* rt = r.as<TupleObject>();
      nb.insert(nb.end(), rt->items, rt->items + rt->size);
      changed = true;
    }
    if (changed) bases = tuple_of(nb.data(), nb.size());
  }
  // Split off metaclass=; the other keywords go to the metaclass / __init_subclass__.
  Value meta = Value::null();
  std::vector<Value> kwvals;
  std::vector<Value> kwn;
  for (size_t i = 0; i < nk; i++) {
    if (as_str(kwnames->items[i]) == S.metaclass || as_str(kwnames->items[i])->view() == "metaclass") {
      meta = args[nargs + i];
    } else {
      kwn.push_back(kwnames->items[i]);
      kwvals.push_back(args[nargs + i]);
    }
  }
  bool explicit_meta = !meta.is_null();
  if (!explicit_meta) meta = bases->size ? obj(type_of(bases->items[0])) : obj(types::type);
  if (meta.is_obj() && is_subtype(type_of(meta), types::type) && is_subtype(meta.as<TypeObject>(), types::type)) {
    TypeObject* winner = most_derived_metaclass(meta.as<TypeObject>(), bases);
    if (!winner) return Value::exc();
    meta = obj(winner);
  }
  TupleObject* kwtuple = nullptr;
  if (!kwn.empty()) {
    kwtuple = tuple_new(kwn.size());
    for (size_t i = 0; i < kwn.size(); i++) kwtuple->items[i] = kwn[i];
  }
  // Namespace: __prepare__ if the metaclass defines one beyond type's.
  DictObject* ns = nullptr;
  if (meta.is_obj() && meta.as_obj() != types::type) {
    Value prep = getattr_opt(meta, S.__prepare__);
    if (prep.is_exc()) return prep;
    if (!prep.is_null()) {
      std::vector<Value> pa = {args[1], obj(bases)};
      pa.insert(pa.end(), kwvals.begin(), kwvals.end());
      Value r = call(prep, pa.data(), pa.size(), kwtuple);
      if (r.is_exc()) return r;
      if (!is_dict(r)) return raise_fmt(exc::TypeError, "{}.__prepare__() must return a mapping, not {}",
                                        is_subtype(type_of(meta), types::type) ? meta.as<TypeObject>()->name->data : "<metaclass>",
                                        type_name(r));
      ns = r.as<DictObject>();
    }
  }
  if (!ns) ns = dict_new();
  Value body = vm_run_class_body(func, ns);
  if (body.is_exc()) return body;
  if (bases != orig_bases && setitem(obj(ns), obj(str_intern("__orig_bases__")), obj(orig_bases)) < 0) return Value::exc();
  if (meta.as_obj() == types::type)
    return type_new_impl(types::type, as_str(args[1]), bases, ns, kwvals.data(), kwtuple);
  std::vector<Value> ca = {args[1], obj(bases), obj(ns)};
  ca.insert(ca.end(), kwvals.begin(), kwvals.end());
  return call(meta, ca.data(), ca.size(), kwtuple);
}

namespace cls {

// -- Calling a class -------------------------------------------------------------------------------
Value type_call(Value callable, Value* args, size_t nargs, TupleObject* kw) {
  auto* t = callable.as<TypeObject>();
  if (t == types::type) {
    if (nargs == 1 && nkw(kw) == 0) return obj(type_of(args[0]));
    if (nargs - nkw(kw) != 3) return raise(exc::TypeError, "type() takes 1 or 3 arguments");
  }
  if (!t->tp_new) return raise_fmt(exc::TypeError, "cannot create '{}' instances", t->name->view());
  Value o = t->tp_new(t, args, nargs, kw);
  if (o.is_exc()) return o;
  TypeObject* ot = type_of(o);
  if (ot != t && !is_subtype(ot, t)) return o;
  if (ot->init && ot->init(o, args, nargs, kw) < 0) return Value::exc();
  return o;
}

namespace {

Value type_tp_new(TypeObject* meta, Value* args, size_t nargs, TupleObject* kw) {
  if (nargs - nkw(kw) != 3) return raise(exc::TypeError, "type.__new__() takes exactly 3 arguments");
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "type.__new__() argument 1 must be str, not {}", type_name(args[0]));
  if (!is_tuple(args[1]))
    return raise_fmt(exc::TypeError, "type.__new__() argument 2 must be tuple, not {}", type_name(args[1]));
  if (!is_dict(args[2])) return raise_fmt(exc::TypeError, "type.__new__() argument 3 must be dict, not {}", type_name(args[2]));
  // The most derived metaclass of meta and the bases' metaclasses makes the class: type(name,
  // (EnumBase,), ns) is built by EnumType.__new__ (CPython's _PyType_CalculateMetaclass).
  TupleObject* bases = args[1].as<TupleObject>();
  TypeObject* winner = most_derived_metaclass(meta, bases);
  if (!winner) return Value::exc();
  if (winner != meta && winner->tp_new && winner->tp_new != type_tp_new) return winner->tp_new(winner, args, nargs, kw);
  meta = winner;
  return type_new_impl(meta, as_str(args[0]), args[1].as<TupleObject>(), args[2].as<DictObject>(), args + 3, kw);
}

int type_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  size_t npos = nargs - nkw(kw);
  if (npos == 1 && nkw(kw)) {
    raise(exc::TypeError, "type.__init__() takes no keyword arguments");
    return -1;
  }
  if (npos != 1 && npos != 3) {
    raise(exc::TypeError, "type.__init__() takes 1 or 3 arguments");
    return -1;
  }
  return 0;
}

// type.__new__(meta, name, bases, dict, **kw) as a static native
Value type_new_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !args[0].is_obj() || !is_subtype(type_of(args[0]), types::type) ||
      !is_subtype(args[0].as<TypeObject>(), types::type))
    return raise(exc::TypeError, "type.__new__(X): X is not a type object");
  TypeObject* meta = args[0].as<TypeObject>();
  if (nargs == 2 && nkw(kw) == 0) return obj(type_of(args[1]));
  return type_tp_new(meta, args + 1, nargs - 1, kw);
}

Value type_init_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise(exc::TypeError, "descriptor '__init__' of 'type' object needs an argument");
  if (type_init(args[0], args + 1, nargs - 1, kw) < 0) return Value::exc();
  return Value::none();
}

Value type_call_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise(exc::TypeError, "descriptor '__call__' requires a 'type' object");
  return type_call(args[0], args + 1, nargs - 1, kw);
}

Value type_mro_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1) return raise(exc::TypeError, "mro() takes no arguments");
  TupleObject* m = args[0].as<TypeObject>()->mro;
  ListObject* l = list_new(0);
  for (uint64_t i = 0; i < m->size; i++) list_append(l, m->items[i]);
  return obj(l);
}

Value type_subclasses_native(Value* args, size_t nargs, TupleObject* kw) {
  ListObject* l = list_new(0);
  auto* t = args[0].as<TypeObject>();
  purge_dead_subclasses();
  if (t->subclasses)
    for (TypeObject* s : *t->subclasses) list_append(l, obj(s));
  return obj(l);
}

Value type_repr(Value self) {
  auto* t = self.as<TypeObject>();
  return str_value(fmt::format("<class '{}'>", type_display_name(t)));
}

Value type_prepare_native(Value* args, size_t nargs, TupleObject* kw) { return obj(dict_new()); }

Value type_instancecheck_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise(exc::TypeError, "__instancecheck__() takes exactly one argument");
  return Value::from_bool(is_subtype(type_of(args[1]), args[0].as<TypeObject>()));
}

Value type_subclasscheck_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise(exc::TypeError, "__subclasscheck__() takes exactly one argument");
  if (!args[1].is_obj() || !is_subtype(type_of(args[1]), types::type))
    return raise(exc::TypeError, "issubclass() arg 1 must be a class");
  return Value::from_bool(is_subtype(args[1].as<TypeObject>(), args[0].as<TypeObject>()));
}

}  // namespace

// -- Attribute access on classes ----------------------------------------------------------------
Value classmethod_bind(Value descr, TypeObject* cls) {
  Value f = descr.as<WrapperObject>()->fget;
  if (isinstance_exact(f, types::builtin_function)) {
    auto* n = f.as<NativeFunctionObject>();
    return native_function_new(n->name, n->fn, n->owner, obj(cls));
  }
  auto* bm = gc::make<BoundMethodObject>(types::method);
  bm->func = f;
  bm->self = obj(cls);
  return obj(bm);
}

Value bind_for_class(Value descr, TypeObject* cls) {
  TypeObject* dt = type_of(descr);
  if (dt == types::function || dt == types::builtin_function || dt == types::property) return descr;
  if (dt == types::staticmethod) return descr.as<WrapperObject>()->fget;
  if (dt == types::classmethod) return classmethod_bind(descr, cls);
  if (dt->flags & (kTypeHeap | kTypeNativeDescr)) {
    Value g = lookup(dt, S.__get__);
    if (!g.is_null()) {
      Value a[2] = {Value::none(), obj(cls)};
      return call_dunder(g, descr, a, 2);
    }
  }
  return descr;
}

Value type_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* t = self.as<TypeObject>();
  TypeObject* meta = type_of(self);
  // The type's own "data descriptors".
  const char* n = name->data;
  if (n[0] == '_' && n[1] == '_') {
    if (name == S.__name__) return obj(t->name);
    if (name == S.__qualname__) return obj(t->qualname ? t->qualname : t->name);
    if (name == S.__module__) {
      if (t->flags & kTypeHeap) {
        Value m = dict_get_str(t->dict, S.__module__);
        if (!m.is_null()) return m;
      }
      return t->module ? obj(t->module) : obj(S.builtins);
    }
    if (name == S.__mro__) return obj(t->mro);
    if (name == S.__bases__) return obj(t->bases);
    if (name == S.__base__) return t->base ? obj(t->base) : Value::none();
    if (name == S.__class__) return obj(meta);
    if (name == S.__dict__) return obj(dict_copy(t->dict));
    if (name == S.__doc__) {
      Value d = dict_get_str(t->dict, S.__doc__);
      if (d.is_null()) return Value::none();
      return bind_for_class(d, t);
    }
    if (name == S.__annotations__ && lookup(meta, name).is_null()) {
      // A class's own annotations, never a base's: made empty on first use (CPython 3.10+).
      if (!(t->flags & kTypeHeap))
        return raise_fmt(exc::AttributeError, "type object '{}' has no attribute '__annotations__'", t->name->view());
      Value a = dict_get_str(t->dict, name);
      if (!a.is_null()) return bind_for_class(a, t);
      a = obj(dict_new());
      if (dict_set_str(t->dict, name, a) < 0) return Value::exc();
      return a;
    }
  }
  Value meta_attr = lookup(meta, name);
  if (!meta_attr.is_null() && is_data_descriptor(meta_attr)) {
    if (isinstance_exact(meta_attr, types::property)) return property_get(meta_attr, self);
    return descr_get(meta_attr, self, meta);
  }
  Value attr = lookup(t, name);
  if (!attr.is_null()) return bind_for_class(attr, t);
  if (is_dunder(name)) {
    // The built-in bases' slot wrappers belong to t's MRO, ahead of the metatype's non-data
    // attributes: dict.__or__ is dict's, not type.__or__ bound to dict.
    Value w = lookup_with_wrappers(t, name);
    if (!w.is_null()) return w;
  }
  if (!meta_attr.is_null()) return bind_method(meta_attr, self, meta);
  if (meta != types::type) {
    Value ga = lookup(meta, S.__getattr__);
    if (!ga.is_null()) {
      Value a = obj(name);
      return call_dunder(ga, self, &a, 1);
    }
  }
  raise_fmt(exc::AttributeError, "type object '{}' has no attribute '{}'", t->name->view(), name->view());
  return attach_name_obj(self, name);
}

// The MRO of t and its subclasses after t's bases changed.
bool recompute_mros(TypeObject* t) {
  std::vector<TypeObject*> mro;
  if (!compute_mro(t, t->bases, mro)) return false;
  t->mro = tuple_new(mro.size());
  for (size_t i = 0; i < mro.size(); i++) t->mro->items[i] = obj(mro[i]);
  if (t->subclasses)
    for (TypeObject* s : std::vector<TypeObject*>(*t->subclasses))
      if (!recompute_mros(s)) return false;
  return true;
}

// C.__bases__ = (...): new bases with the same instance layout; the MROs, subclass lists, caches
// and slots follow (CPython's type_set_bases).
int set_bases(TypeObject* t, Value v) {
  if (!is_tuple(v)) {
    raise_fmt(exc::TypeError, "can only assign tuple to {}.__bases__, not {}", t->name->view(), type_name(v));
    return -1;
  }
  auto* nb = v.as<TupleObject>();
  if (nb->size == 0) {
    raise_fmt(exc::TypeError, "can only assign non-empty tuple to {}.__bases__, not ()", t->name->view());
    return -1;
  }
  for (uint64_t i = 0; i < nb->size; i++) {
    Value b = nb->items[i];
    if (!b.is_obj() || !is_subtype(type_of(b), types::type)) {
      raise_fmt(exc::TypeError, "{}.__bases__ must be tuple of classes, not '{}'", t->name->view(), type_name(b));
      return -1;
    }
    if (is_subtype(b.as<TypeObject>(), t)) {
      raise(exc::TypeError, "a __bases__ item causes an inheritance cycle");
      return -1;
    }
  }
  TypeObject* nsolid = solid_base(nb->items[0].as<TypeObject>());
  if (nsolid != solid_base(t->base)) {
    raise_fmt(exc::TypeError, "__bases__ assignment: '{}' object layout differs from '{}'",
              nb->items[0].as<TypeObject>()->name->view(), t->base->name->view());
    return -1;
  }
  purge_dead_subclasses();
  TupleObject* old_bases = t->bases;
  TypeObject* old_base = t->base;
  t->bases = nb;
  t->base = nb->items[0].as<TypeObject>();
  if (!recompute_mros(t)) {
    t->bases = old_bases;
    t->base = old_base;
    Value e = exc_fetch();
    recompute_mros(t);
    exc_restore(e);
    return -1;
  }
  for (uint64_t i = 0; i < old_bases->size; i++) {
    auto* ob = old_bases->items[i].as<TypeObject>();
    if (ob->subclasses) ob->subclasses->erase(std::remove(ob->subclasses->begin(), ob->subclasses->end(), t), ob->subclasses->end());
  }
  auto& recorded = g_bases_of[t];
  recorded.clear();
  for (uint64_t i = 0; i < nb->size; i++) {
    TypeObject* bt = nb->items[i].as<TypeObject>();
    if (!bt->subclasses) bt->subclasses = new std::vector<TypeObject*>();
    bt->subclasses->push_back(t);
    recorded.emplace_back(bt, (bt->flags & kTypeHeap) != 0);
  }
  type_modified(t);
  update_slots_recursive(t);
  return 0;
}

int type_setattr(Value self, StrObject* name, Value v) {
  name = intern_name(name);
  auto* t = self.as<TypeObject>();
  if (!(t->flags & kTypeHeap)) {
    if (v.is_null())
      raise_fmt(exc::TypeError, "cannot delete '{}' attribute of immutable type '{}'", name->view(), t->name->view());
    else
      raise_fmt(exc::TypeError, "cannot set '{}' attribute of immutable type '{}'", name->view(), t->name->view());
    return -1;
  }
  TypeObject* meta = type_of(self);
  if (meta != types::type) {
    Value ma = lookup(meta, name);
    if (!ma.is_null() && is_data_descriptor(ma)) {
      if (isinstance_exact(ma, types::property)) return property_set(ma, self, v);
    }
  }
  if (name == S.__name__ || name == S.__qualname__) {
    if (v.is_null() || !is_str(v)) {
      raise_fmt(exc::TypeError, "can only assign string to {}.{}, not '{}'", t->name->view(), name->view(),
                v.is_null() ? "NoneType" : type_name(v));
      return -1;
    }
    if (name == S.__name__)
      t->name = intern_name(as_str(v));
    else
      t->qualname = as_str(v);
    return 0;
  }
  if (name == S.__module__ && !v.is_null()) t->module = is_str(v) ? as_str(v) : nullptr;
  if (name == S.__bases__ && !v.is_null()) return set_bases(t, v);
  if (name == S.__dict__ || name == S.__mro__ || name == S.__bases__ || name == S.__base__) {
    raise_fmt(exc::AttributeError, "attribute '{}' of 'type' objects is not writable", name->view());
    return -1;
  }
  if (v.is_null()) {
    if (dict_get_str(t->dict, name).is_null()) {
      raise_fmt(exc::AttributeError, "type object '{}' has no attribute '{}'", t->name->view(), name->view());
      return -1;
    }
    if (dict_del(t->dict, obj(name)) < 0) return -1;
  } else {
    if (dict_set_str(t->dict, name, v) < 0) return -1;
  }
  type_modified(t);
  if (is_dunder(name)) update_slots_recursive(t);
  return 0;
}

// -- GC ---------------------------------------------------------------------------------------------
void type_trace(Object* o, Tracer& tr) {
  auto* t = static_cast<TypeObject*>(o);
  tr.visit(t->name);
  tr.visit(t->qualname);
  tr.visit(t->module);
  tr.visit(t->base);
  tr.visit(t->bases);
  tr.visit(t->mro);
  tr.visit(t->dict);
  tr.visit(t->root_shape);
}

void type_finalize(Object* o) {
  auto* t = static_cast<TypeObject*>(o);
  note_dead_type(t);
  if (t->flags & kTypeSlotsOnly) slots_forget(t);
  delete t->subclasses;
  t->subclasses = nullptr;
}

namespace {
std::unordered_map<TypeObject*, std::vector<StrObject*>> g_slot_names;
}

void slots_setup(TypeObject* t) {
  std::vector<StrObject*> names;
  for (uint64_t i = 0; i < t->mro->size; i++) {
    auto* k = t->mro->items[i].as<TypeObject>();
    if (!(k->flags & kTypeHeap)) continue;
    Value s = dict_get_str(k->dict, S.__slots__);
    if (s.is_null()) return;  // some class in the MRO has a __dict__
    Value l = is_str(s) ? tuple_pack({s}) : to_tuple(s);
    if (l.is_exc()) {
      exc_fetch();
      return;
    }
    auto* tl = l.as<TupleObject>();
    for (uint64_t j = 0; j < tl->size; j++) {
      if (!is_str(tl->items[j])) continue;
      StrObject* n = intern_name(as_str(tl->items[j]));
      if (n == S.__dict__) return;
      names.push_back(n);
    }
  }
  t->flags |= kTypeSlotsOnly;
  g_slot_names[t] = std::move(names);
}

bool slots_allow(TypeObject* t, StrObject* name) {
  auto it = g_slot_names.find(t);
  if (it == g_slot_names.end()) return true;
  for (StrObject* n : it->second)
    if (n == name) return true;
  return false;
}

void slots_forget(TypeObject* t) { g_slot_names.erase(t); }

// type.__setattr__ / type.__delattr__ (what super().__setattr__ reaches from a metaclass).
Value type_setattr_native(Value* args, size_t nargs, TupleObject* kw) {
  bool del = nargs == 2;
  if (nargs != 2 && nargs != 3)
    return raise_fmt(exc::TypeError, "expected {} argument{}, got {}", del ? 1 : 2, del ? "" : "s", nargs ? nargs - 1 : 0);
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  if (!args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise_fmt(exc::TypeError, "descriptor '{}' requires a 'type' object but received a '{}'",
                     del ? "__delattr__" : "__setattr__", type_name(args[0]));
  return type_setattr(args[0], as_str(args[1]), del ? Value::null() : args[2]) < 0 ? Value::exc() : Value::none();
}

Value g_type_getattribute;

Value type_getattribute_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "expected 1 argument, got {}", nargs ? nargs - 1 : 0);
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  if (!args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise_fmt(exc::TypeError, "descriptor '__getattribute__' requires a 'type' object but received a '{}'",
                     type_name(args[0]));
  return type_getattr(args[0], as_str(args[1]));
}

void init_type_methods() {
  TypeObject* T = types::type;
  T->call = type_call;
  T->repr = type_repr;
  T->getattr = type_getattr;
  T->setattr = type_setattr;
  T->tp_new = type_tp_new;
  T->init = type_init;
  T->trace = type_trace;
  T->finalize = type_finalize;
  T->hash = object_hash;
  T->richcompare = object_richcompare;
  T->str = nullptr;
  dict_set_str(T->dict, S.__new__, native_static("__new__", type_new_native, T));
  dict_set_str(T->dict, S.__prepare__, native_classmethod("__prepare__", type_prepare_native, T));
  type_add_methods(T, {{"__init__", type_init_native},
                       {"__call__", type_call_native},
                       {"mro", type_mro_native},
                       {"__subclasses__", type_subclasses_native},
                       {"__instancecheck__", type_instancecheck_native},
                       {"__subclasscheck__", type_subclasscheck_native},
                       {"__setattr__", type_setattr_native},
                       {"__delattr__", type_setattr_native},
                       {"__getattribute__", type_getattribute_native}});
  g_type_getattribute = dict_get_str(T->dict, S.__getattribute__);
}

Value native_static(const char* name, NativeFn fn, TypeObject* owner) {
  auto* w = gc::make<WrapperObject>(types::staticmethod);
  w->fget = native_function_new(name, fn, owner);
  w->fset = w->fdel = w->doc = Value::none();
  return obj(w);
}

Value native_classmethod(const char* name, NativeFn fn, TypeObject* owner) {
  auto* w = gc::make<WrapperObject>(types::classmethod);
  w->fget = native_function_new(name, fn, owner);
  w->fset = w->fdel = w->doc = Value::none();
  return obj(w);
}

}  // namespace cls

void init_class_types() {
  init_names();
  empty_tuple();
  init_object_methods();
  init_type_methods();
  init_descr_types();
  init_exception_types();
  init_builtin_sub_methods();
  init_generic_alias_types();
}

}  // namespace chaipy
