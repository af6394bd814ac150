// interp/class_builtin_sub.cpp — user classes derived from int, str, tuple, list, dict, set and
// frozenset. Their instances keep the built-in's C layout (so every built-in method and
// is_list()/is_str()... accept them); instance attributes live in a side table keyed by the
// object, traced and cleaned up by the subclass's trace/finalize trampolines.
//
// list/dict/set tp_new honour the requested type; int/str/tuple build a plain value that is
// then copied into a fresh object of the subclass ("adopted").
#include <cstring>
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
  if (sb == types::tuple) {
    auto* s = v.as<TupleObject>();
    TupleObject* n = tuple_new(s->size);
    n->type = t;
    n->hash = -1;
    for (uint64_t i = 0; i < s->size; i++) n->items[i] = s->items[i];
    return obj(n);
  }
  if (v.is_obj()) v.as_obj()->type = t;
  return v;
}

bool user_defines(TypeObject* t, StrObject* name) {
  for (uint64_t i = 0; i < t->mro->size; i++) {
    auto* k = t->mro->items[i].as<TypeObject>();
    if (!(k->flags & kTypeHeap)) break;
    if (!dict_get_str(k->dict, name).is_null()) return true;
  }
  return false;
}

bool is_mutable_base(TypeObject* sb) {
  return sb == types::list || sb == types::dict || sb == types::set;
}

TypeObject* new_owner(int i) {
  TypeObject* const ts[] = {types::int_, types::str, types::tuple, types::list, types::dict, types::set, types::frozenset};
  return ts[i];
}

// X.__new__(cls, *args) for the subclassable built-ins (I indexes new_owner).
template <int I>
Value builtin_new_native(Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* owner = new_owner(I);
  if (nargs < 1) return raise_fmt(exc::TypeError, "{}.__new__(): not enough arguments", owner->name->view());
  if (!args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise_fmt(exc::TypeError, "{}.__new__(X): X is not a type object ({})", owner->name->view(), type_name(args[0]));
  auto* t = args[0].as<TypeObject>();
  if (!is_subtype(t, owner))
    return raise_fmt(exc::TypeError, "{}.__new__({}): {} is not a subtype of {}", owner->name->view(), t->name->view(),
                     t->name->view(), owner->name->view());
  TypeObject* sb = solid_base(t);
  if (!sb->tp_new) return raise_fmt(exc::TypeError, "cannot create '{}' instances", t->name->view());
  if (!(t->flags & kTypeHeap)) return sb->tp_new(t, args + 1, nargs - 1, kw);
  return builtin_sub_new(t, args + 1, nargs - 1, kw);
}

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

TypeObject* subclassable_builtin_flag(TypeObject* sb, uint32_t* flag) {
  if (sb == types::int_) *flag = kTypeIntSubclass;
  else if (sb == types::str) *flag = kTypeStrSubclass;
  else if (sb == types::tuple) *flag = kTypeTupleSubclass;
  else if (sb == types::list) *flag = kTypeListSubclass;
  else if (sb == types::dict) *flag = kTypeDictSubclass;
  else if (sb == types::set || sb == types::frozenset) *flag = 0;
  else return nullptr;
  return sb;
}

void builtin_sub_setup(TypeObject* t) {
  t->trace = builtin_sub_trace;
  t->finalize = builtin_sub_finalize;
}

Value builtin_sub_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* sb = solid_base(t);
  if (is_mutable_base(sb)) {
    // The built-in's __init__ does the filling in CPython; a user __init__ may take other args.
    if (user_defines(t, S.__init__)) return sb->tp_new(t, nullptr, 0, nullptr);
    return sb->tp_new(t, args, nargs, kw);
  }
  Value v = sb->tp_new(sb, args, nargs, kw);
  if (v.is_exc()) return v;
  return adopt(t, sb, v);
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
  const NativeFn fns[] = {builtin_new_native<0>, builtin_new_native<1>, builtin_new_native<2>, builtin_new_native<3>,
                          builtin_new_native<4>, builtin_new_native<5>, builtin_new_native<6>};
  for (int i = 0; i < 7; i++)
    if (TypeObject* t = new_owner(i)) dict_set_str(t->dict, S.__new__, native_static("__new__", fns[i], t));
  type_add_methods(types::list, {{"__init__", list_init_native}});
  type_add_methods(types::dict, {{"__init__", update_init_native}});
  type_add_methods(types::set, {{"__init__", update_init_native}});
}

}  // namespace cls
}  // namespace chaipy
