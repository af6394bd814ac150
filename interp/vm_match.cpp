// interp/vm_match.cpp — the runtime side of `match` statements: MATCH_MAPPING / MATCH_SEQUENCE
// (CPython's Py_TPFLAGS_MAPPING / _SEQUENCE), MATCH_KEYS and MATCH_CLASS (ceval.c's match_keys /
// match_class), with CPython's error messages.
#include "interp/vm.h"

namespace chaipy {

namespace {

constexpr int64_t kAbcSequence = 1 << 5, kAbcMapping = 1 << 6;  // collections.abc's __abc_tpflags__

// Built-in types outside types:: are recognised by name along the MRO (collections.deque, array,
// memoryview, bytearray, mappingproxy).
bool mro_has_builtin(TypeObject* t, std::string_view name) {
  for (uint64_t i = 0; i < t->mro->size; i++) {
    auto* m = t->mro->items[i].as<TypeObject>();
    if (!(m->flags & kTypeHeap) && m->name->view() == name) return true;
  }
  return false;
}

// The collection flags a class inherits from collections.abc (Sequence, Mapping): the
// `__abc_tpflags__` the ABC declares in its namespace.
int64_t abc_tpflags(TypeObject* t) {
  static StrObject* const key = str_intern("__abc_tpflags__");
  for (uint64_t i = 0; i < t->mro->size; i++) {
    Value f = dict_get_str(t->mro->items[i].as<TypeObject>()->dict, key);
    int64_t v;
    if (!f.is_null() && int_to_i64(f, &v)) return v;
  }
  return 0;
}

bool is_type_value(Value v) { return v.is_obj() && is_subtype(type_of(v), types::type); }

// Types whose instances match a single positional sub-pattern as themselves (_Py_TPFLAGS_MATCH_SELF).
bool match_self(TypeObject* t) {
  for (TypeObject* b : {types::bool_, types::bytes, types::dict, types::float_, types::frozenset, types::int_, types::list,
                        types::set, types::str, types::tuple})
    if (is_subtype(t, b)) return true;
  return mro_has_builtin(t, "bytearray");
}

}  // namespace

bool match_is_mapping(Value v) {
  if (is_dict(v)) return true;
  TypeObject* t = type_of(v);
  if (mro_has_builtin(t, "mappingproxy")) return true;
  return abc_tpflags(t) & kAbcMapping;
}

bool match_is_sequence(Value v) {
  TypeObject* t = type_of(v);
  if (is_list(v) || is_tuple(v) || is_subtype(t, types::range)) return true;
  if (is_str(v) || is_dict(v) || is_subtype(t, types::bytes) || mro_has_builtin(t, "bytearray")) return false;
  if (mro_has_builtin(t, "deque") || mro_has_builtin(t, "array") || mro_has_builtin(t, "memoryview")) return true;
  return abc_tpflags(t) & kAbcSequence;
}

Value match_keys(Value subject, Value keys_v) {
  auto* keys = keys_v.as<TupleObject>();
  if (keys->size == 0) return obj(tuple_new(0));
  Value get = getattr(subject, str_intern("get"));
  if (get.is_exc()) return get;
  Value dummy = call0(obj(types::object));
  if (dummy.is_exc()) return dummy;
  TupleObject* values = tuple_new(keys->size);
  for (uint64_t i = 0; i < keys->size; i++) {
    Value key = keys->items[i];
    for (uint64_t j = 0; j < i; j++) {
      int same = eq(keys->items[j], key);
      if (same < 0) return Value::exc();
      if (same) return raise_fmt(exc::ValueError, "mapping pattern checks duplicate key ({})", repr_utf8(key));
    }
    Value args[2] = {key, dummy};
    Value v = call(get, args, 2);
    if (v.is_exc()) return v;
    if (v.bits() == dummy.bits()) return Value::none();
    values->items[i] = v;
  }
  return obj(values);
}

Value match_class(Value subject, Value cls, uint32_t nargs, Value names_v) {
  if (!is_type_value(cls)) return raise(exc::TypeError, "called match pattern must be a type");
  auto* type = cls.as<TypeObject>();
  auto* names = names_v.as<TupleObject>();
  int r = object_isinstance(subject, cls);
  if (r < 0) return Value::exc();
  if (r == 0) return Value::none();
  ListObject* attrs = list_new(0);
  std::vector<Value> seen;
  auto attr_of = [&](Value name) -> Value {  // null: no such attribute (no match)
    for (Value s : seen)
      if (as_str(s)->view() == as_str(name)->view())
        return raise_fmt(exc::TypeError, "{}() got multiple sub-patterns for attribute {}", type->name->view(),
                         repr_utf8(name));
    seen.push_back(name);
    Value a = getattr(subject, as_str(name));
    if (a.is_exc() && exc_matches(exc::AttributeError)) {
      exc_fetch();
      return Value::null();
    }
    return a;
  };
  if (nargs) {
    bool self_match = false;
    Value match_args = getattr(cls, str_intern("__match_args__"));
    if (match_args.is_exc()) {
      if (!exc_matches(exc::AttributeError)) return match_args;
      exc_fetch();
      match_args = obj(tuple_new(0));
      self_match = match_self(type);
    } else if (!isinstance_exact(match_args, types::tuple)) {
      return raise_fmt(exc::TypeError, "{}.__match_args__ must be a tuple (got {})", type->name->view(),
                       type_name(match_args));
    }
    uint64_t allowed = self_match ? 1 : match_args.as<TupleObject>()->size;
    if (allowed < nargs)
      return raise_fmt(exc::TypeError, "{}() accepts {} positional sub-pattern{} ({} given)", type->name->view(), allowed,
                       allowed == 1 ? "" : "s", nargs);
    if (self_match) {
      list_append(attrs, subject);
    } else {
      for (uint32_t i = 0; i < nargs; i++) {
        Value name = match_args.as<TupleObject>()->items[i];
        if (!isinstance_exact(name, types::str))
          return raise_fmt(exc::TypeError, "__match_args__ elements must be strings (got {})", type_name(name));
        Value a = attr_of(name);
        if (a.is_exc()) return a;
        if (a.is_null()) return Value::none();
        list_append(attrs, a);
      }
    }
  }
  for (uint64_t i = 0; i < names->size; i++) {
    Value a = attr_of(names->items[i]);
    if (a.is_exc()) return a;
    if (a.is_null()) return Value::none();
    list_append(attrs, a);
  }
  return to_tuple(obj(attrs));
}

}  // namespace chaipy
