// interp/class_generic_alias.cpp — types.GenericAlias (`list[int]`, PEP 585) and types.UnionType
// (`int | str`, PEP 604): CPython's Objects/genericaliasobject.c and unionobject.c. Built-in
// containers get `__class_getitem__` returning a GenericAlias; `type.__or__` builds unions, which
// isinstance / issubclass accept like a tuple of their arguments.
#include "interp/class_internal.h"
#include "interp/objects/objects.h"

namespace chaipy {
namespace cls {
namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

struct AliasObject : Object {
  Value origin;            // GenericAlias only
  TupleObject* args;
  Value parameters;        // tuple, computed on first use (null until then)
  bool starred;            // *tuple[int] (GenericAlias only)
};

TypeObject* g_alias_type = nullptr;
TypeObject* g_union_type = nullptr;

bool is_class(Value v) { return v.is_obj() && is_subtype(type_of(v), types::type); }
bool is_alias(Value v) { return v.is_obj() && is_subtype(type_of(v), g_alias_type); }
bool is_union(Value v) { return isinstance_exact(v, g_union_type); }
AliasObject* A(Value v) { return v.as<AliasObject>(); }

void alias_trace(Object* o, Tracer& t) {
  auto* a = static_cast<AliasObject*>(o);
  t.visit(a->origin);
  t.visit(a->args);
  t.visit(a->parameters);
}

TupleObject* as_args(Value item) {
  if (is_tuple(item)) return item.as<TupleObject>();
  TupleObject* t = tuple_new(1);
  t->items[0] = item;
  return t;
}

Value alias_make(Value origin, Value args, bool starred, TypeObject* t = g_alias_type) {
  auto* a = gc::make<AliasObject>(t);
  a->origin = origin;
  a->args = as_args(args);
  a->parameters = Value::null();
  a->starred = starred;
  return obj(a);
}

// -- Repr (ga_repr_item) ------------------------------------------------------------------------
bool repr_item(std::string& out, Value p) {
  if (p == g_ellipsis) {
    out += "...";
    return true;
  }
  if (is_list(p)) {  // a ParamSpec's substitution: [int, str]
    out += "[";
    auto* l = p.as<ListObject>();
    for (uint64_t i = 0; i < l->size; i++) {
      if (i) out += ", ";
      if (!repr_item(out, l->items[i])) return false;
    }
    out += "]";
    return true;
  }
  auto full_repr = [&] {
    Value r = repr(p);
    if (r.is_exc()) return false;
    out += as_str(r)->view();
    return true;
  };
  Value o = getattr_opt(p, NAME("__origin__"));
  if (o.is_exc()) return false;
  if (!o.is_null()) {
    Value a = getattr_opt(p, NAME("__args__"));
    if (a.is_exc()) return false;
    if (!a.is_null()) return full_repr();  // looks like a GenericAlias
  }
  Value q = getattr_opt(p, S.__qualname__);
  if (q.is_exc()) return false;
  if (q.is_null()) return full_repr();
  Value m = getattr_opt(p, S.__module__);
  if (m.is_exc()) return false;
  if (m.is_null() || m.is_none()) return full_repr();
  if (is_str(m) && as_str(m)->view() == "builtins") {
    Value s = str_of(q);
    if (s.is_exc()) return false;
    out += as_str(s)->view();
    return true;
  }
  Value ms = str_of(m), qs = str_of(q);
  if (ms.is_exc() || qs.is_exc()) return false;
  out += fmt::format("{}.{}", as_str(ms)->view(), as_str(qs)->view());
  return true;
}

Value alias_repr(Value self) {
  AliasObject* a = A(self);
  std::string out = a->starred ? "*" : "";
  if (!repr_item(out, a->origin)) return Value::exc();
  out += "[";
  if (a->args->size == 0) out += "()";
  for (uint64_t i = 0; i < a->args->size; i++) {
    if (i) out += ", ";
    if (!repr_item(out, a->args->items[i])) return Value::exc();
  }
  out += "]";
  return str_value(out);
}

Value union_repr(Value self) {
  AliasObject* u = A(self);
  std::string out;
  for (uint64_t i = 0; i < u->args->size; i++) {
    if (i) out += " | ";
    Value p = u->args->items[i];
    if (p == obj(types::none)) out += "None";
    else if (!repr_item(out, p)) return Value::exc();
  }
  return str_value(out);
}

// -- Type parameters (_Py_make_parameters / _Py_subs_parameters) ---------------------------------------
int64_t tuple_index(TupleObject* t, Value v) {
  for (uint64_t i = 0; i < t->size; i++)
    if (t->items[i] == v) return int64_t(i);
  return -1;
}

Value make_parameters(TupleObject* args) {
  std::vector<Value> params;
  auto add = [&](Value p) {
    for (Value q : params)
      if (q == p) return;
    params.push_back(p);
  };
  for (uint64_t i = 0; i < args->size; i++) {
    Value t = args->items[i];
    if (is_class(t)) continue;
    Value subst = getattr_opt(t, NAME("__typing_subst__"));
    if (subst.is_exc()) return subst;
    if (!subst.is_null()) {
      add(t);
      continue;
    }
    Value sub = getattr_opt(t, NAME("__parameters__"));
    if (sub.is_exc()) return sub;
    if (!sub.is_null() && is_tuple(sub)) {
      auto* st = sub.as<TupleObject>();
      for (uint64_t j = 0; j < st->size; j++) add(st->items[j]);
    }
  }
  TupleObject* r = tuple_new(params.size());
  for (size_t i = 0; i < params.size(); i++) r->items[i] = params[i];
  return obj(r);
}

Value parameters_of(Value self) {
  AliasObject* a = A(self);
  if (a->parameters.is_null()) {
    Value p = make_parameters(a->args);
    if (p.is_exc()) return p;
    a->parameters = p;
  }
  return a->parameters;
}

// The arguments of `self` with its parameters replaced by `item`'s values (a tuple).
Value subs_parameters(Value self, TupleObject* args, Value item) {
  Value pv = parameters_of(self);
  if (pv.is_exc()) return pv;
  auto* params = pv.as<TupleObject>();
  if (params->size == 0) return raise_fmt(exc::TypeError, "{} is not a generic class", repr_utf8(self));
  for (uint64_t i = 0; i < params->size; i++) {
    Value prep = getattr_opt(params->items[i], NAME("__typing_prepare_subst__"));
    if (prep.is_exc()) return prep;
    if (prep.is_null()) continue;
    Value a[2] = {self, is_tuple(item) ? item : obj(as_args(item))};
    item = call(prep, a, 2);
    if (item.is_exc()) return item;
  }
  TupleObject* items = as_args(item);
  if (items->size != params->size)
    return raise_fmt(exc::TypeError, "Too {} arguments for {}; actual {}, expected {}",
                     items->size > params->size ? "many" : "few", repr_utf8(self), items->size, params->size);
  TupleObject* out = tuple_new(args->size);
  for (uint64_t i = 0; i < args->size; i++) {
    Value arg = args->items[i];
    if (!is_class(arg)) {
      Value subst = getattr_opt(arg, NAME("__typing_subst__"));
      if (subst.is_exc()) return subst;
      if (!subst.is_null()) {
        int64_t k = tuple_index(params, arg);
        arg = call1(subst, items->items[k < 0 ? 0 : k]);
      } else {
        Value sub = getattr_opt(arg, NAME("__parameters__"));
        if (sub.is_exc()) return sub;
        if (!sub.is_null() && is_tuple(sub) && sub.as<TupleObject>()->size) {
          auto* st = sub.as<TupleObject>();
          TupleObject* subargs = tuple_new(st->size);
          for (uint64_t j = 0; j < st->size; j++) {
            int64_t k = tuple_index(params, st->items[j]);
            subargs->items[j] = items->items[k < 0 ? 0 : k];
          }
          arg = getitem(arg, obj(subargs));
        }
      }
      if (arg.is_exc()) return arg;
    }
    out->items[i] = arg;
  }
  return obj(out);
}

// -- GenericAlias --------------------------------------------------------------------------------------
Value alias_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("GenericAlias", kw) || !check_positional("GenericAlias", nargs, 2, 2)) return Value::exc();
  return alias_make(args[0], args[1], false, t);
}

Value alias_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  AliasObject* a = A(self);
  std::string_view n = name->view();
  if (n == "__origin__") return a->origin;
  if (n == "__args__") return obj(a->args);
  if (n == "__parameters__") return parameters_of(self);
  if (n == "__unpacked__") return Value::from_bool(a->starred);
  if (n == "__typing_unpacked_tuple_args__")
    return a->starred && a->origin == obj(types::tuple) ? obj(a->args) : Value::none();
  static const char* const own[] = {"__class__", "__mro_entries__", "__reduce_ex__", "__reduce__", "__copy__",
                                    "__deepcopy__"};
  for (const char* o : own)
    if (n == o) return generic_getattr(self, name);
  return getattr(a->origin, name);
}

Value alias_getitem(Value self, Value item) {
  AliasObject* a = A(self);
  Value pv = parameters_of(self);
  if (pv.is_exc()) return pv;
  if (pv.as<TupleObject>()->size == 0)
    return raise_fmt(exc::TypeError, "There are no type variables left in {}", repr_utf8(self));
  Value nargs = subs_parameters(self, a->args, item);
  if (nargs.is_exc()) return nargs;
  return alias_make(a->origin, nargs, a->starred);
}

Value alias_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  Value r = call(A(self)->origin, args, nargs, kw);
  if (r.is_exc()) return r;
  if (setattr(r, NAME("__orig_class__"), self) < 0) {
    if (!exc_matches(exc::AttributeError) && !exc_matches(exc::TypeError)) return Value::exc();
    exc_fetch();
  }
  return r;
}

Value alias_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !is_alias(b)) return g_not_implemented;
  bool eqv = A(a)->starred == A(b)->starred;
  if (eqv) {
    int r = eq(A(a)->origin, A(b)->origin);
    if (r < 0) return Value::exc();
    if (r) r = eq(obj(A(a)->args), obj(A(b)->args));
    if (r < 0) return Value::exc();
    eqv = r;
  }
  return Value::from_bool(op == CmpOp::EQ ? eqv : !eqv);
}

int64_t alias_hash(Value self) {
  int64_t h0 = hash(A(self)->origin);
  if (h0 == -1) return -1;
  int64_t h1 = hash(obj(A(self)->args));
  if (h1 == -1) return -1;
  int64_t h = h0 ^ h1;
  return h == -1 ? -2 : h;
}

Value alias_mro_entries(Value* a, size_t n, TupleObject* kw) { return tuple_pack({A(a[0])->origin}); }

Value alias_instancecheck(Value* a, size_t n, TupleObject* kw) {
  return raise(exc::TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}
Value alias_subclasscheck(Value* a, size_t n, TupleObject* kw) {
  return raise(exc::TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

Value alias_reduce(Value* a, size_t n, TupleObject* kw) {
  return tuple_pack({obj(g_alias_type), tuple_pack({A(a[0])->origin, obj(A(a[0])->args)})});
}

Value alias_dir(Value* a, size_t n, TupleObject* kw) {
  Value names = call_method(A(a[0])->origin, NAME("__dir__"), nullptr, 0);
  if (names.is_exc()) return names;
  Value l = to_list(names);
  if (l.is_exc()) return l;
  for (const char* own : {"__origin__", "__args__", "__parameters__", "__mro_entries__", "__reduce_ex__", "__reduce__",
                          "__copy__", "__deepcopy__", "__unpacked__"}) {
    int c = contains(l, str_value(own));
    if (c < 0) return Value::exc();
    if (!c && list_append(l.as<ListObject>(), str_value(own)) < 0) return Value::exc();
  }
  return l;
}

// -- UnionType -----------------------------------------------------------------------------------------
bool is_unionable(Value v) { return v.is_none() || is_class(v) || is_alias(v) || is_union(v); }

// a | b for unionable a and b: the flattened, de-duplicated arguments; one argument stands alone.
Value union_make(Value a, Value b) {
  std::vector<Value> items;
  auto add = [&](Value v) -> int {
    if (v.is_none()) v = obj(types::none);
    for (Value w : items) {
      if (w == v) return 0;
      if (is_alias(w) && is_alias(v)) {
        int r = eq(w, v);
        if (r) return r < 0 ? -1 : 0;
      }
    }
    items.push_back(v);
    return 0;
  };
  for (Value v : {a, b}) {
    if (is_union(v)) {
      TupleObject* t = A(v)->args;
      for (uint64_t i = 0; i < t->size; i++)
        if (add(t->items[i]) < 0) return Value::exc();
    } else if (add(v) < 0) {
      return Value::exc();
    }
  }
  if (items.size() == 1) return items[0];
  auto* u = gc::make<AliasObject>(g_union_type);
  u->origin = Value::none();
  u->args = tuple_new(items.size());
  for (size_t i = 0; i < items.size(); i++) u->args->items[i] = items[i];
  u->parameters = Value::null();
  u->starred = false;
  return obj(u);
}

Value union_or_binop(int op, Value a, Value b) {
  if (op != int(BinOp::OR) || !is_unionable(a) || !is_unionable(b)) return g_not_implemented;
  return union_make(a, b);
}

Value union_or_native(Value* a, size_t n, TupleObject* kw) {
  if (!check_nargs("__or__", n - 1, 1, 1)) return Value::exc();
  return union_or_binop(int(BinOp::OR), a[0], a[1]);
}
Value union_ror_native(Value* a, size_t n, TupleObject* kw) {
  if (!check_nargs("__ror__", n - 1, 1, 1)) return Value::exc();
  return union_or_binop(int(BinOp::OR), a[1], a[0]);
}

Value union_getattr(Value self, StrObject* name) {
  std::string_view n = name->view();
  if (n == "__args__") return obj(A(self)->args);
  if (n == "__parameters__") return parameters_of(self);
  return generic_getattr(self, name);
}

Value union_getitem(Value self, Value item) {
  Value nargs = subs_parameters(self, A(self)->args, item);
  if (nargs.is_exc()) return nargs;
  auto* t = nargs.as<TupleObject>();
  if (t->size == 0) return union_make(Value::none(), Value::none());
  Value r = t->items[0];
  for (uint64_t i = 1; i < t->size; i++) {
    r = binary_op(int(BinOp::OR), r, t->items[i]);
    if (r.is_exc()) return r;
  }
  return r;
}

Value args_frozenset(Value u) {
  SetObject* s = set_new(types::frozenset);
  TupleObject* t = A(u)->args;
  for (uint64_t i = 0; i < t->size; i++)
    if (set_add(s, t->items[i]) < 0) return Value::exc();
  return obj(s);
}

Value union_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !is_union(b)) return g_not_implemented;
  Value sa = args_frozenset(a), sb = args_frozenset(b);
  if (sa.is_exc() || sb.is_exc()) return Value::exc();
  return richcompare(sa, sb, op);
}

int64_t union_hash(Value self) {
  Value s = args_frozenset(self);
  return s.is_exc() ? -1 : hash(s);
}

}  // namespace

TupleObject* union_args(Value v) { return is_union(v) ? A(v)->args : nullptr; }
Value generic_alias(Value origin, Value args) { return alias_make(origin, args, false); }

void init_generic_alias_types() {
  TypeObject* t = make_builtin_type("GenericAlias", types::object, sizeof(AliasObject), kTypeWeakrefable);
  g_alias_type = t;
  t->module = str_intern("types");
  t->trace = alias_trace;
  t->tp_new = alias_tp_new;
  t->repr = alias_repr;
  t->getattr = alias_getattr;
  t->getitem = alias_getitem;
  t->call = alias_call;
  t->richcompare = alias_richcompare;
  t->hash = alias_hash;
  t->binop = union_or_binop;
  type_add_methods(t, {{"__mro_entries__", alias_mro_entries},
                       {"__instancecheck__", alias_instancecheck},
                       {"__subclasscheck__", alias_subclasscheck},
                       {"__reduce__", alias_reduce, kNativeNoArgs},
                       {"__dir__", alias_dir, kNativeNoArgs},
                       {"__or__", union_or_native},
                       {"__ror__", union_ror_native}});
  type_enable_subclassing(t);  // collections.abc._CallableGenericAlias

  TypeObject* u = make_builtin_type("UnionType", types::object, sizeof(AliasObject), 0);
  g_union_type = u;
  u->module = str_intern("types");
  u->trace = alias_trace;
  u->repr = union_repr;
  u->getattr = union_getattr;
  u->getitem = union_getitem;
  u->richcompare = union_richcompare;
  u->hash = union_hash;
  u->binop = union_or_binop;
  type_add_methods(u, {{"__or__", union_or_native}, {"__ror__", union_ror_native}});

  if (!types::type->binop) types::type->binop = union_or_binop;
  type_add_methods(types::type, {{"__or__", union_or_native}, {"__ror__", union_ror_native}});
  for (TypeObject* c : {types::list, types::tuple, types::dict, types::set, types::frozenset, exc::BaseExceptionGroup})
    type_add_classmethod(c, "__class_getitem__", class_getitem_generic_alias);
}

}  // namespace cls

Value class_getitem_generic_alias(Value* a, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("__class_getitem__", kw) || !check_nargs("__class_getitem__", n - 1, 1, 1)) return Value::exc();
  return cls::generic_alias(a[0], a[1]);
}

}  // namespace chaipy
