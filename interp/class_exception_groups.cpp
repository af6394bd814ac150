// interp/class_exception_groups.cpp — BaseExceptionGroup / ExceptionGroup (PEP 654): construction
// rules, message / exceptions, split / subgroup / derive, and the runtime of `except*`
// (CHECK_EG_MATCH's matching, PREP_RERAISE_STAR's merge), after CPython's Objects/exceptions.c.
#include "interp/class_internal.h"
#include "interp/vm.h"

namespace chaipy {
namespace cls {
namespace {

StrObject *s_message, *s_exceptions, *s_derive;
SetAttrFn g_exc_setattr;  // the exceptions' setattr, wrapped for the read-only attributes

bool is_group(Value v) { return v.is_obj() && is_subtype(type_of(v), exc::BaseExceptionGroup); }
bool is_exception(Value v) { return v.is_obj() && (type_of(v)->flags & kTypeExceptionLayout); }
TupleObject* excs_of(Value eg) { return instance_get_slot(eg.as<InstanceObject>(), s_exceptions).as<TupleObject>(); }

Value eg_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  size_t npos = nargs - nkw(kw);
  if (npos != 2)
    return raise_fmt(exc::TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", npos);
  Value message = args[0], excs = args[1];
  if (!is_str(message))
    return raise_fmt(exc::TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not {}", type_name(message));
  TypeObject* et = type_of(excs);
  if (is_dict(excs) || !et->getitem || is_subtype(et, types::set) || is_subtype(et, types::frozenset))
    return raise(exc::TypeError, "second argument (exceptions) must be a sequence");
  Value tv = to_tuple(excs);
  if (tv.is_exc()) return tv;
  auto* tuple = tv.as<TupleObject>();
  if (tuple->size == 0) return raise(exc::ValueError, "second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (uint64_t i = 0; i < tuple->size; i++) {
    Value e = tuple->items[i];
    if (!is_exception(e)) return raise_fmt(exc::ValueError, "Item {} of second argument (exceptions) is not an exception", i);
    if (!is_subtype(type_of(e), exc::Exception)) nested_base = true;
  }
  TypeObject* cls = t;
  if (cls == exc::ExceptionGroup) {
    if (nested_base) return raise(exc::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (cls == exc::BaseExceptionGroup) {
    if (!nested_base) cls = exc::ExceptionGroup;  // only Exceptions: an ExceptionGroup
  } else if (nested_base && is_subtype(cls, exc::Exception)) {
    return raise_fmt(exc::TypeError, "Cannot nest BaseExceptions in '{}'", cls->name->view());
  }
  Value o = instance_new(cls);
  if (o.is_exc()) return o;
  o.as<ExceptionObject>()->args = tuple_of(args, npos);
  instance_set_slot(o.as<InstanceObject>(), s_message, message);
  instance_set_slot(o.as<InstanceObject>(), s_exceptions, tv);
  return o;
}

Value eg_new_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !args[0].is_obj() || !is_subtype(type_of(args[0]), types::type) ||
      !is_subtype(args[0].as<TypeObject>(), exc::BaseExceptionGroup))
    return raise(exc::TypeError, "BaseExceptionGroup.__new__(X): X is not a subtype of BaseExceptionGroup");
  return eg_tp_new(args[0].as<TypeObject>(), args + 1, nargs - 1, kw);
}

int eg_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (nkw(kw)) {
    raise_fmt(exc::TypeError, "{}() takes no keyword arguments", type_of(self)->name->view());
    return -1;
  }
  self.as<ExceptionObject>()->args = tuple_of(args, nargs);
  return 0;
}

Value eg_init_native(Value* args, size_t nargs, TupleObject* kw) {
  if (eg_init(args[0], args + 1, nargs - 1, kw) < 0) return Value::exc();
  return Value::none();
}

Value eg_str(Value self) {
  Value msg = instance_get_slot(self.as<InstanceObject>(), s_message);
  uint64_t n = excs_of(self)->size;
  return str_value(fmt::format("{} ({} sub-exception{})", str_utf8(msg), n, n > 1 ? "s" : ""));
}
Value eg_str_native(Value* args, size_t nargs, TupleObject* kw) { return eg_str(args[0]); }

int eg_setattr(Value self, StrObject* name, Value v) {
  std::string_view n = name->view();
  if (n == "message" || n == "exceptions") {
    raise(exc::AttributeError, "readonly attribute");
    return -1;
  }
  return g_exc_setattr(self, name, v);
}

Value eg_derive(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("derive", kw) || !check_nargs("derive", nargs - 1, 1, 1)) return Value::exc();
  Value a[2] = {instance_get_slot(args[0].as<InstanceObject>(), s_message), args[1]};
  return call(obj(exc::BaseExceptionGroup), a, 2);
}

// -- split / subgroup ---------------------------------------------------------------------------------
enum class MatchBy { kType, kPredicate, kInstanceIds };

int matcher_kind(Value m, MatchBy* kind) {
  bool is_type = m.is_obj() && is_subtype(type_of(m), types::type);
  if (!is_type && type_of(m)->call) {
    *kind = MatchBy::kPredicate;
    return 0;
  }
  auto exc_class = [](Value v) {
    return v.is_obj() && is_subtype(type_of(v), types::type) && is_subtype(v.as<TypeObject>(), exc::BaseException);
  };
  if (exc_class(m)) {
    *kind = MatchBy::kType;
    return 0;
  }
  if (isinstance_exact(m, types::tuple)) {
    auto* t = m.as<TupleObject>();
    bool ok = true;
    for (uint64_t i = 0; i < t->size && ok; i++) ok = exc_class(t->items[i]);
    if (ok) {
      *kind = MatchBy::kType;
      return 0;
    }
  }
  raise(exc::TypeError, "expected a function, exception type or tuple of exception types");
  return -1;
}

bool given_matches(Value e, Value types_v) {
  if (is_tuple(types_v)) {
    auto* t = types_v.as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++)
      if (is_subtype(type_of(e), t->items[i].as<TypeObject>())) return true;
    return false;
  }
  return is_subtype(type_of(e), types_v.as<TypeObject>());
}

int split_check(Value e, MatchBy kind, Value m, const std::vector<Object*>* ids) {
  switch (kind) {
    case MatchBy::kType: return given_matches(e, m) ? 1 : 0;
    case MatchBy::kPredicate: {
      Value r = call1(m, e);
      if (r.is_exc()) return -1;
      return truthy(r);
    }
    case MatchBy::kInstanceIds:
      if (is_group(e)) return 0;
      for (Object* o : *ids)
        if (o == e.as_obj()) return 1;
      return 0;
  }
  return 0;
}

// A group like `orig` (derive + its traceback, cause, context and notes) holding `excs`, or null
// when `excs` is empty.
Value subset(Value orig, ListObject* excs) {
  if (excs->size == 0) return Value::null();
  Value arg = obj(excs);
  Value eg = call_method(orig, s_derive, &arg, 1);
  if (eg.is_exc()) return eg;
  if (!is_group(eg)) return raise(exc::TypeError, "derive must return an instance of BaseExceptionGroup");
  auto* o = orig.as<ExceptionObject>();
  auto* n = eg.as<ExceptionObject>();
  n->traceback = o->traceback;
  n->context = o->context;
  n->cause = o->cause;
  n->suppress_context = true;  // as PyException_SetCause
  Value notes = getattr_opt(orig, S.__notes__);
  if (notes.is_exc()) return notes;
  if (!notes.is_null() && (is_list(notes) || is_tuple(notes))) {
    Value copy = to_list(notes);
    if (copy.is_exc() || setattr(eg, S.__notes__, copy) < 0) return Value::exc();
  }
  return eg;
}

// Splits e into the part matching and (with construct_rest) the rest; nulls for empty parts.
int split_recursive(Value e, MatchBy kind, Value m, const std::vector<Object*>* ids, bool construct_rest, Value* match,
                    Value* rest) {
  *match = *rest = Value::null();
  int r = split_check(e, kind, m, ids);
  if (r < 0) return -1;
  if (r) {
    *match = e;
    return 0;
  }
  if (!is_group(e)) {
    if (construct_rest) *rest = e;
    return 0;
  }
  TupleObject* excs = excs_of(e);
  ListObject* match_list = list_new(0);
  ListObject* rest_list = list_new(0);
  for (uint64_t i = 0; i < excs->size; i++) {
    Value sm, sr;
    if (split_recursive(excs->items[i], kind, m, ids, construct_rest, &sm, &sr) < 0) return -1;
    if (!sm.is_null()) list_append(match_list, sm);
    if (!sr.is_null()) list_append(rest_list, sr);
  }
  *match = subset(e, match_list);
  if (match->is_exc()) return -1;
  if (construct_rest) {
    *rest = subset(e, rest_list);
    if (rest->is_exc()) return -1;
  }
  return 0;
}

Value or_none(Value v) { return v.is_null() ? Value::none() : v; }

Value eg_split(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("split", kw) || !check_nargs("split", nargs - 1, 1, 1)) return Value::exc();
  MatchBy kind;
  if (matcher_kind(args[1], &kind) < 0) return Value::exc();
  Value m, r;
  if (split_recursive(args[0], kind, args[1], nullptr, true, &m, &r) < 0) return Value::exc();
  return tuple_pack({or_none(m), or_none(r)});
}

Value eg_subgroup(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("subgroup", kw) || !check_nargs("subgroup", nargs - 1, 1, 1)) return Value::exc();
  MatchBy kind;
  if (matcher_kind(args[1], &kind) < 0) return Value::exc();
  Value m, r;
  if (split_recursive(args[0], kind, args[1], nullptr, false, &m, &r) < 0) return Value::exc();
  return or_none(m);
}

void collect_leaf_ids(Value e, std::vector<Object*>& ids) {
  if (e.is_none()) return;
  if (!is_group(e)) {
    ids.push_back(e.as_obj());
    return;
  }
  TupleObject* excs = excs_of(e);
  for (uint64_t i = 0; i < excs->size; i++) collect_leaf_ids(excs->items[i], ids);
}

// The same raise as `orig`: an exception re-raised by a bare `raise` (or unhandled) keeps it.
bool same_metadata(Value a, Value b) {
  auto* x = a.as<ExceptionObject>();
  auto* y = b.as<ExceptionObject>();
  Value nx = instance_get_slot(x, S.__notes__), ny = instance_get_slot(y, S.__notes__);
  return nx.bits() == ny.bits() && x->traceback.bits() == y->traceback.bits() && x->cause.bits() == y->cause.bits() &&
         x->context.bits() == y->context.bits();
}

}  // namespace

void init_exception_groups() {
  s_message = str_intern("message");
  s_exceptions = str_intern("exceptions");
  s_derive = str_intern("derive");
  TypeObject *B = exc::BaseExceptionGroup, *E = exc::ExceptionGroup;
  // ExceptionGroup(BaseExceptionGroup, Exception): the second base by hand.
  E->bases = tuple_pack({obj(B), obj(exc::Exception)}).as<TupleObject>();
  E->mro = tuple_pack({obj(E), obj(B), obj(exc::Exception), obj(exc::BaseException), obj(types::object)}).as<TupleObject>();
  if (!exc::Exception->subclasses) exc::Exception->subclasses = new std::vector<TypeObject*>();
  exc::Exception->subclasses->push_back(E);
  g_exc_setattr = B->setattr;
  for (TypeObject* t : {B, E}) {
    t->tp_new = eg_tp_new;
    t->init = eg_init;
    t->str = eg_str;
    t->setattr = eg_setattr;
  }
  dict_set_str(B->dict, S.__new__, native_static("__new__", eg_new_native, B));
  type_add_methods(B, {{"__init__", eg_init_native},
                       {"__str__", eg_str_native},
                       {"derive", eg_derive},
                       {"split", eg_split},
                       {"subgroup", eg_subgroup}});
}

}  // namespace cls

using cls::is_group;

int exception_group_match(Value e, Value type, Value* match, Value* rest) {
  // the except* clause's type: exception classes, not groups
  auto check_type = [](Value t) -> bool {
    if (!(t.is_obj() && is_subtype(type_of(t), types::type) && is_subtype(t.as<TypeObject>(), exc::BaseException))) {
      raise(exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
      return false;
    }
    if (is_subtype(t.as<TypeObject>(), exc::BaseExceptionGroup)) {
      raise(exc::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
      return false;
    }
    return true;
  };
  if (is_tuple(type)) {
    auto* t = type.as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++)
      if (!check_type(t->items[i])) return -1;
  } else if (!check_type(type)) {
    return -1;
  }
  *match = *rest = Value::none();
  if (e.is_none()) return 0;
  if (cls::given_matches(e, type)) {
    if (is_group(e)) {
      *match = e;
    } else {  // a naked exception: wrapped in a group
      Value a[2] = {str_value(""), tuple_pack({e})};
      Value wrapped = call(obj(exc::BaseExceptionGroup), a, 2);
      if (wrapped.is_exc()) return -1;
      *match = wrapped;
    }
    return 0;
  }
  if (is_group(e)) {
    Value pair = call_method(e, str_intern("split"), &type, 1);
    if (pair.is_exc()) return -1;
    if (!isinstance_exact(pair, types::tuple) || pair.as<TupleObject>()->size != 2)
      return raise(exc::TypeError, "split() must return a 2-tuple"), -1;
    *match = pair.as<TupleObject>()->items[0];
    *rest = pair.as<TupleObject>()->items[1];
  }
  return 0;
}

Value prep_reraise_star(Value orig, Value excs_v) {
  auto* excs = excs_v.as<ListObject>();
  if (excs->size == 0) return Value::none();
  if (!is_group(orig)) return excs->items[0];  // a naked exception was caught: at most one to raise
  ListObject* raised = list_new(0);
  ListObject* reraised = list_new(0);
  for (uint64_t i = 0; i < excs->size; i++) {
    Value e = excs->items[i];
    if (e.is_none()) continue;
    list_append(cls::same_metadata(e, orig) ? reraised : raised, e);
  }
  // the re-raised leaves, as a projection of the original group
  std::vector<Object*> ids;
  for (uint64_t i = 0; i < reraised->size; i++) cls::collect_leaf_ids(reraised->items[i], ids);
  Value m, r;
  if (cls::split_recursive(orig, cls::MatchBy::kInstanceIds, Value::none(), &ids, false, &m, &r) < 0) return Value::exc();
  Value reraised_eg = cls::or_none(m);
  if (raised->size == 0) return reraised_eg;
  if (!reraised_eg.is_none()) list_append(raised, reraised_eg);
  if (raised->size == 1) return raised->items[0];
  Value a[2] = {str_value(""), obj(raised)};
  return call(obj(exc::BaseExceptionGroup), a, 2);
}

}  // namespace chaipy
