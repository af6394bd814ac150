// interp/class_reduce.cpp — the pickling protocol of the built-in types, as CPython's
// typeobject.c / exceptions.c / methodobject.c write it: object.__reduce_ex__(protocol),
// object.__reduce__, object.__getstate__ (protocol 2+: copyreg.__newobj__ / __newobj_ex__ with
// __getnewargs_ex__ / __getnewargs__, the instance __dict__ and __slots__ values as state, list
// and dict items; protocols 0 and 1: copyreg._reduce_ex), __getnewargs__ of int and tuple,
// BaseException.__reduce__, and built-in functions / methods pickled by name.
#include "interp/class_internal.h"
#include "interp/objects/objects.h"

namespace chaipy {
namespace cls {
namespace {

Value g_object_reduce, g_object_getstate;

Value copyreg_attr(const char* name) {
  Value m = import_name(str_intern("copyreg"), nullptr, Value::none(), 0);
  return m.is_exc() ? m : getattr(m, str_intern(name));
}

// _PyObject_GetNewArguments: *args / *kwargs null when the type defines neither method.
bool get_new_arguments(Value self, Value* args, Value* kwargs) {
  *args = *kwargs = Value::null();
  Value ex = lookup_special(self, str_intern("__getnewargs_ex__"));
  if (ex.is_exc()) return false;
  if (!ex.is_null()) {
    Value r = call0(ex);
    if (r.is_exc()) return false;
    if (!is_tuple(r)) {
      raise_fmt(exc::TypeError, "__getnewargs_ex__ should return a tuple, not '{}'", type_name(r));
      return false;
    }
    TupleObject* t = r.as<TupleObject>();
    if (t->size != 2) {
      raise_fmt(exc::ValueError, "__getnewargs_ex__ should return a tuple of length 2, not {}", t->size);
      return false;
    }
    if (!is_tuple(t->items[0])) {
      raise_fmt(exc::TypeError, "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                type_name(t->items[0]));
      return false;
    }
    if (!is_dict(t->items[1])) {
      raise_fmt(exc::TypeError, "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                type_name(t->items[1]));
      return false;
    }
    *args = t->items[0];
    *kwargs = t->items[1];
    return true;
  }
  Value plain = lookup_special(self, str_intern("__getnewargs__"));
  if (plain.is_exc()) return false;
  if (plain.is_null()) return true;
  Value r = call0(plain);
  if (r.is_exc()) return false;
  if (!is_tuple(r)) {
    raise_fmt(exc::TypeError, "__getnewargs__ should return a tuple, not '{}'", type_name(r));
    return false;
  }
  *args = r;
  return true;
}

// object_getstate_default: the __dict__ (a copy; None when empty), paired with the __slots__
// values when there are any. `required`: the object cannot be rebuilt without its state, so a
// built-in layout that keeps data outside __dict__ and slots cannot be pickled this way.
Value getstate_default(Value self, bool required) {
  TypeObject* t = type_of(self);
  if (required && solid_base(t) != types::object)
    return raise_fmt(exc::TypeError, "cannot pickle '{}' object", type_name(self));
  Value state = Value::none();
  Value d = getattr_opt(self, S.__dict__);
  if (d.is_exc()) return d;
  if (!d.is_null() && is_dict(d) && d.as<DictObject>()->used > 0) state = obj(dict_copy(d.as<DictObject>()));
  Value slotnames_fn = copyreg_attr("_slotnames");
  if (slotnames_fn.is_exc()) return slotnames_fn;
  Value names = call1(slotnames_fn, obj(t));
  if (names.is_exc()) return names;
  if (!is_list(names))
    return raise_fmt(exc::TypeError, "copyreg._slotnames didn't return a list or None");
  ListObject* l = names.as<ListObject>();
  if (l->size == 0) return state;
  DictObject* slots = dict_new();
  for (uint64_t i = 0; i < l->size; i++) {
    if (!is_str(l->items[i])) continue;
    Value v = getattr_opt(self, as_str(l->items[i]));
    if (v.is_exc()) return v;
    if (!v.is_null() && dict_set(slots, l->items[i], v) < 0) return Value::exc();
  }
  if (slots->used == 0) return state;
  return tuple_pack({state, obj(slots)});
}

// _PyObject_GetState: a __getstate__ of the object's class, else the default.
Value get_state(Value self, bool required) {
  Value own = lookup(type_of(self), str_intern("__getstate__"));
  if (own.is_null() || own == g_object_getstate) return getstate_default(self, required);
  Value m = getattr(self, str_intern("__getstate__"));
  return m.is_exc() ? m : call0(m);
}

// reduce_newobj: protocol 2 and later.
Value reduce_newobj(Value self) {
  TypeObject* t = type_of(self);
  if (!t->tp_new) return raise_fmt(exc::TypeError, "cannot pickle '{}' object", type_name(self));
  Value args, kwargs;
  if (!get_new_arguments(self, &args, &kwargs)) return Value::exc();
  bool hasargs = !args.is_null();
  Value newobj, newargs;
  if (kwargs.is_null() || kwargs.as<DictObject>()->used == 0) {
    newobj = copyreg_attr("__newobj__");
    if (newobj.is_exc()) return newobj;
    size_t n = hasargs ? args.as<TupleObject>()->size : 0;
    TupleObject* na = tuple_new(n + 1);
    na->items[0] = obj(t);
    for (size_t i = 0; i < n; i++) na->items[i + 1] = args.as<TupleObject>()->items[i];
    newargs = obj(na);
  } else {
    newobj = copyreg_attr("__newobj_ex__");
    if (newobj.is_exc()) return newobj;
    newargs = tuple_pack({obj(t), args, kwargs});
  }
  Value state = get_state(self, !hasargs && !is_list(self) && !is_dict(self));
  if (state.is_exc()) return state;
  Value listitems = Value::none(), dictitems = Value::none();
  if (is_list(self)) {
    listitems = get_iter(self);
    if (listitems.is_exc()) return listitems;
  } else if (is_dict(self)) {
    Value items = call_method(self, str_intern("items"), nullptr, 0);
    if (items.is_exc()) return items;
    dictitems = get_iter(items);
    if (dictitems.is_exc()) return dictitems;
  }
  return tuple_pack({newobj, newargs, state, listitems, dictitems});
}

Value common_reduce(Value self, int64_t proto) {
  if (proto >= 2) return reduce_newobj(self);
  Value f = copyreg_attr("_reduce_ex");
  return f.is_exc() ? f : call2(f, self, int_from_i64(proto));
}

Value obj_reduce_ex(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__reduce_ex__", kw) || !check_nargs("__reduce_ex__", nargs - 1, 1, 1)) return Value::exc();
  int64_t proto;
  if (!c_int_arg(args[1], &proto)) return Value::exc();
  Value own = lookup(type_of(args[0]), str_intern("__reduce__"));
  if (!own.is_null() && own != g_object_reduce) {  // a class that overrides __reduce__
    Value m = getattr(args[0], str_intern("__reduce__"));
    return m.is_exc() ? m : call0(m);
  }
  return common_reduce(args[0], proto);
}

Value obj_reduce(Value* args, size_t, TupleObject*) { return common_reduce(args[0], 0); }
Value obj_getstate(Value* args, size_t, TupleObject*) { return getstate_default(args[0], false); }

Value int_getnewargs(Value* args, size_t, TupleObject*) {
  Value v = int_new_from(args[0]);  // an exact int copy
  return v.is_exc() ? v : tuple_pack({v});
}

Value tuple_getnewargs(Value* args, size_t, TupleObject*) {
  TupleObject* t = args[0].as<TupleObject>();
  TupleObject* c = tuple_new(t->size);
  for (uint64_t i = 0; i < t->size; i++) c->items[i] = t->items[i];
  return tuple_pack({obj(c)});
}

// BaseException_reduce: (type, args) or (type, args, __dict__).
Value exc_reduce(Value* args, size_t, TupleObject*) {
  Value a = getattr(args[0], str_intern("args"));
  if (a.is_exc()) return a;
  Value d = getattr_opt(args[0], S.__dict__);
  if (d.is_exc()) return d;
  if (!d.is_null() && is_dict(d) && d.as<DictObject>()->used > 0) return tuple_pack({obj(type_of(args[0])), a, d});
  return tuple_pack({obj(type_of(args[0])), a});
}

// meth_reduce / method_descriptor reduce: a module-level function pickles as its name (pickle
// finds it in its module), a method as getattr(self or owner, name).
Value native_reduce(Value* args, size_t, TupleObject*) {
  auto* f = args[0].as<NativeFunctionObject>();
  Value holder = !f->self.is_null() ? f->self : f->owner ? obj(f->owner) : Value::null();
  if (holder.is_null() || isinstance_exact(holder, types::module)) return str_value(f->name);
  Value getattr_fn = dict_get_str(g_builtins, str_intern("getattr"));
  return tuple_pack({getattr_fn, tuple_pack({holder, str_value(f->name)})});
}

}  // namespace

void init_reduce_methods() {
  type_add_methods(types::object, {{"__reduce_ex__", obj_reduce_ex},
                                   {"__reduce__", obj_reduce, kNativeNoArgs},
                                   {"__getstate__", obj_getstate, kNativeNoArgs}});
  g_object_reduce = dict_get_str(types::object->dict, str_intern("__reduce__"));
  g_object_getstate = dict_get_str(types::object->dict, str_intern("__getstate__"));
  gc::add_root(&g_object_reduce);
  gc::add_root(&g_object_getstate);
  type_add_methods(types::int_, {{"__getnewargs__", int_getnewargs, kNativeNoArgs}});
  type_add_methods(types::tuple, {{"__getnewargs__", tuple_getnewargs, kNativeNoArgs}});
  type_add_methods(exc::BaseException, {{"__reduce__", exc_reduce, kNativeNoArgs}});
  type_add_methods(types::builtin_function, {{"__reduce__", native_reduce, kNativeNoArgs}});
}

}  // namespace cls
}  // namespace chaipy
