// interp/class_builtin_sub.cpp — user classes derived from built-in (native) types: int, str,
// tuple, bytes, complex, frozenset, list, dict, set, property, staticmethod, classmethod, module,
// and any native type another module marks subclassable (type_enable_subclassing). One mechanism:
// instances keep the built-in's C layout (so every built-in method and is_list()/is_str()...
// accept them); instance attributes live in a side table keyed by the object, traced and cleaned
// up by the subclass's trace/finalize trampolines.
//
// Contract for a subclassable native type T (documented in docs/architecture.md):
//   - T->tp_new(t, args...) allocates the object with type `t` (a subclass) and, when called with
//     no arguments for a subclass, returns a valid empty object: a class that defines __init__
//     gets tp_new without arguments (as CPython's list/dict/deque/property do), so
//   - T's dict has an `__init__` that (re)initialises from arguments if super().__init__(...)
//     is to work, and
//   - T's methods accept instances of subclasses (is_subtype, not type equality).
// Value types (int, str, tuple, bytes, complex, frozenset) are built by their tp_new as plain
// values, possibly shared or immediate, and then copied into a fresh object of the subclass.
#include <array>
#include <cstring>
#include <utility>
#include <unordered_map>

#include "interp/class_internal.h"

namespace chaipy {
namespace cls {
namespace {

std::unordered_map<Object*, DictObject*>& side() {
  static auto* m = new std::unordered_map<Object*, DictObject*>();
  return *m;
}

void builtin_sub_trace(Object* o, Tracer& t) {
  TypeObject* sb = solid_base(o->type);
  if (sb->trace) sb->trace(o, t);
  auto& s = side();
  if (s.empty()) return;
  auto it = s.find(o);
  if (it != s.end()) t.visit(it->second);
}

void builtin_sub_finalize(Object* o) {
  auto& s = side();
  if (!s.empty()) s.erase(o);
  TypeObject* sb = solid_base(o->type);
  if (sb->finalize) sb->finalize(o);
}

bool is_value_base(TypeObject* sb) {
  return sb == types::int_ || sb == types::str || sb == types::tuple || sb == types::bytes || sb == types::complex ||
         sb == types::frozenset;
}

// A fresh object of subclass t holding the value v (an instance of the value type sb).
Value adopt(TypeObject* t, TypeObject* sb, Value v) {
  if (sb == types::int_) {
    auto* io = gc::make<IntObject>(t);
    int64_t i;
    if (int_to_i64(v, &i)) {
      io->is_big = false;
      io->small = i;
    } else {
      io->is_big = true;
      mpz_init(io->big);
      int_to_mpz(v, io->big);
      gc::note_external(int64_t(mpz_size(io->big) * sizeof(mp_limb_t)));
    }
    return obj(io);
  }
  if (sb == types::str) {
    StrObject* s = as_str(v);
    auto* n = static_cast<StrObject*>(gc::alloc(sizeof(StrObject) + s->nbytes + 1));
    n->type = t;
    n->hash = -1;
    n->length = s->length;
    n->nbytes = s->nbytes;
    n->ascii = s->ascii;
    n->interned = false;
    std::memcpy(n->data, s->data, s->nbytes + 1);
    return obj(n);
  }
  if (sb == types::bytes) {
    auto* s = v.as<BytesObject>();
    auto* n = static_cast<BytesObject*>(gc::alloc(sizeof(BytesObject) + s->size + 1));
    n->type = t;
    n->hash = -1;
    n->size = s->size;
    std::memcpy(n->data, s->data, s->size + 1);
    return obj(n);
  }
  if (sb == types::tuple) {
    auto* s = v.as<TupleObject>();
    TupleObject* n = tuple_new(s->size);
    n->type = t;
    n->hash = -1;
    for (uint64_t i = 0; i < s->size; i++) n->items[i] = s->items[i];
    return obj(n);
  }
  if (sb == types::complex) {
    auto* c = gc::make<ComplexObject>(t);
    c->real = v.as<ComplexObject>()->real;
    c->imag = v.as<ComplexObject>()->imag;
    return obj(c);
  }
  // frozenset: frozenset(x) may return x itself; copy the items.
  SetObject* n = set_new(t);
  Value it = get_iter(v);
  if (it.is_exc()) return it;
  for (Value k = iter_next(it); !k.is_null(); k = iter_next(it)) {
    if (k.is_exc() || set_add(n, k) < 0) return Value::exc();
  }
  if (exc_pending()) return Value::exc();
  return obj(n);
}

// -- T.__new__(S, *args) for every subclassable native type ---------------------------------------
// A native function does not see its own function object, so each owner gets its own
// instantiation of the template, indexed into this table.
constexpr int kMaxNewOwners = 96;
TypeObject* g_new_owners[kMaxNewOwners];
int g_num_new_owners = 0;

template <int I>
Value builtin_new_native(Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* owner = g_new_owners[I];
  if (nargs - nkw(kw) < 1) return raise_fmt(exc::TypeError, "{}.__new__(): not enough arguments", owner->name->view());
  if (!args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise_fmt(exc::TypeError, "{}.__new__(X): X is not a type object ({})", owner->name->view(), type_name(args[0]));
  auto* t = args[0].as<TypeObject>();
  if (!is_subtype(t, owner))
    return raise_fmt(exc::TypeError, "{}.__new__({}): {} is not a subtype of {}", owner->name->view(), t->name->view(),
                     t->name->view(), owner->name->view());
  TypeObject* sb = solid_base(t);
  if (sb != owner && !(t->flags & kTypeHeap))
    return raise_fmt(exc::TypeError, "{}.__new__({}) is not safe, use {}.__new__()", owner->name->view(),
                     t->name->view(), t->name->view());
  if (!sb->tp_new) return raise_fmt(exc::TypeError, "cannot create '{}' instances", t->name->view());
  if (!(t->flags & kTypeHeap)) return sb->tp_new(t, args + 1, nargs - 1, kw);
  // Explicit T.__new__(S, args): the arguments go to the built-in even if S defines __init__.
  if (is_value_base(sb)) {
    Value v = sb->tp_new(sb, args + 1, nargs - 1, kw);
    return v.is_exc() ? v : adopt(t, sb, v);
  }
  Value v = sb->tp_new(t, args + 1, nargs - 1, kw);
  if (!v.is_exc() && v.is_obj() && v.as_obj()->type == sb) v.as_obj()->type = t;
  return v;
}

template <int... I>
constexpr std::array<NativeFn, sizeof...(I)> new_table(std::integer_sequence<int, I...>) {
  return {builtin_new_native<I>...};
}
constexpr auto kNewFns = new_table(std::make_integer_sequence<int, kMaxNewOwners>());

// list.__init__ / dict.__init__ / set.__init__ (for super().__init__(...) in subclasses).
Value list_init_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !is_list(args[0])) return raise(exc::TypeError, "descriptor '__init__' requires a 'list' object");
  if (nkw(kw)) return raise(exc::TypeError, "list() takes no keyword arguments");
  if (nargs > 2) return raise_fmt(exc::TypeError, "list expected at most 1 argument, got {}", nargs - 1);
  auto* l = args[0].as<ListObject>();
  l->size = 0;
  if (nargs == 2) {
    Value r = call_method(args[0], str_intern("extend"), args + 1, 1);
    if (r.is_exc()) return r;
  }
  return Value::none();
}

Value update_init_native(Value* args, size_t nargs, TupleObject* kw) {
  size_t nk = nkw(kw);
  nargs -= nk;
  if (nargs < 1) return raise(exc::TypeError, "descriptor '__init__' needs an argument");
  if (nargs > 2) return raise_fmt(exc::TypeError, "{} expected at most 1 argument, got {}", type_name(args[0]), nargs - 1);
  if (nargs == 2) {
    Value r = call_method(args[0], str_intern("update"), args + 1, 1);
    if (r.is_exc()) return r;
  }
  if (nkw(kw)) {
    if (!is_dict(args[0])) return raise(exc::TypeError, "set() takes no keyword arguments");
    for (size_t i = 0; i < kw->size; i++)
      if (dict_set(args[0].as<DictObject>(), kw->items[i], args[nargs + i]) < 0) return Value::exc();
  }
  return Value::none();
}

}  // namespace

bool heap_mro_defines(TypeObject* t, StrObject* name) {
  for (uint64_t i = 0; i < t->mro->size; i++) {
    auto* k = t->mro->items[i].as<TypeObject>();
    if (!(k->flags & kTypeHeap)) break;
    if (!dict_get_str(k->dict, name).is_null()) return true;
  }
  return false;
}

TypeObject* subclassable_builtin_flag(TypeObject* sb, uint32_t* flag) {
  *flag = 0;
  if (sb == types::int_) *flag = kTypeIntSubclass;
  else if (sb == types::str) *flag = kTypeStrSubclass;
  else if (sb == types::tuple) *flag = kTypeTupleSubclass;
  else if (sb == types::list) *flag = kTypeListSubclass;
  else if (sb == types::dict) *flag = kTypeDictSubclass;
  if ((sb->flags & kTypeHeap) || !(sb->flags & kTypeBaseType) || !sb->tp_new) return nullptr;
  // Layouts with their own subclassing paths, and float (an immediate: no layout to keep).
  if (sb->flags & (kTypeInstanceLayout | kTypeExceptionLayout | kTypeTypeSubclass)) return nullptr;
  if (sb == types::type || sb == types::float_) return nullptr;
  type_enable_subclassing(sb);
  return sb;
}

void builtin_sub_setup(TypeObject* t) {
  t->trace = builtin_sub_trace;
  t->finalize = builtin_sub_finalize;
}

Value builtin_sub_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* sb = solid_base(t);
  if (is_value_base(sb)) {
    Value v = sb->tp_new(sb, args, nargs, kw);
    if (v.is_exc()) return v;
    return adopt(t, sb, v);
  }
  // The built-in's __init__ does the filling in CPython; a user __init__ may take other args.
  Value v = heap_mro_defines(t, S.__init__) ? sb->tp_new(t, nullptr, 0, nullptr) : sb->tp_new(t, args, nargs, kw);
  if (!v.is_exc() && v.is_obj() && v.as_obj()->type == sb) v.as_obj()->type = t;
  return v;
}

DictObject* builtin_sub_dict(Value self, bool create) {
  auto& s = side();
  Object* o = self.as_obj();
  auto it = s.find(o);
  if (it != s.end()) return it->second;
  if (!create) return nullptr;
  DictObject* d = dict_new();
  s.emplace(o, d);
  return d;
}

void init_builtin_sub_methods() {
  for (TypeObject* t : {types::int_, types::str, types::tuple, types::bytes, types::complex, types::list, types::dict,
                        types::set, types::frozenset, types::property, types::staticmethod, types::classmethod})
    type_enable_subclassing(t);
  type_add_methods(types::list, {{"__init__", list_init_native}});
  type_add_methods(types::dict, {{"__init__", update_init_native}});
  type_add_methods(types::set, {{"__init__", update_init_native}});
}

}  // namespace cls

void type_enable_subclassing(TypeObject* t) {
  using namespace cls;
  t->flags |= kTypeBaseType;
  if (!dict_get_str(t->dict, S.__new__).is_null()) {
    Value n = dict_get_str(t->dict, S.__new__);
    // Already ours (or the type's own static __new__).
    if (isinstance_exact(n, types::staticmethod)) return;
  }
  for (int i = 0; i < g_num_new_owners; i++)
    if (g_new_owners[i] == t) return;
  if (g_num_new_owners == kMaxNewOwners) return;  // T.__new__ unavailable; T(...) still works
  int i = g_num_new_owners++;
  g_new_owners[i] = t;
  dict_set_str(t->dict, S.__new__, native_static("__new__", kNewFns[size_t(i)], t));
  type_modified(t);
}

}  // namespace chaipy
