// interp/class_namespace.cpp — types.SimpleNamespace (CPython's Objects/namespaceobject.c): an
// instance-layout object whose attributes are its keyword arguments; the type of
// sys.implementation, from which types.py takes SimpleNamespace.
#include "interp/class_internal.h"

namespace chaipy {
namespace cls {
namespace {

TypeObject* g_namespace_type = nullptr;

Value ns_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) { return instance_new(t); }

int ns_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  size_t nk = nkw(kw);
  if (nargs - nk) {
    raise(exc::TypeError, "no positional arguments expected");
    return -1;
  }
  for (size_t i = 0; i < nk; i++)
    if (generic_setattr(self, as_str(kw->items[i]), args[i]) < 0) return -1;
  return 0;
}

Value ns_init_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise(exc::TypeError, "descriptor '__init__' of 'types.SimpleNamespace' object needs an argument");
  return ns_init(args[0], args + 1, nargs - 1, kw) < 0 ? Value::exc() : Value::none();
}

DictObject* attrs(Value self) { return instance_to_dict_mode(self.as<InstanceObject>()); }

std::vector<Object*> g_repr_active;  // Py_ReprEnter: namespace(...) for recursive namespaces

Value ns_repr(Value self) {
  TypeObject* t = type_of(self);
  std::string name = t == g_namespace_type ? "namespace" : std::string(t->name->view());
  for (Object* o : g_repr_active)
    if (o == self.as_obj()) return str_value(name + "(...)");
  g_repr_active.push_back(self.as_obj());
  std::string out = name + "(";
  DictObject* d = attrs(self);
  bool first = true;
  Value err = Value::null();
  for (uint64_t i = 0; i < d->nentries; i++) {
    DictEntry& e = d->entries[i];
    if (e.key.is_null() || !is_str(e.key)) continue;
    Value r = repr(e.value);
    if (r.is_exc()) {
      err = r;
      break;
    }
    if (!first) out += ", ";
    first = false;
    out += std::string(as_str(e.key)->view()) + "=" + std::string(as_str(r)->view());
  }
  g_repr_active.pop_back();
  if (!err.is_null()) return err;
  return str_value(out + ")");
}

Value ns_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !is_subtype(type_of(a), g_namespace_type) ||
      !is_subtype(type_of(b), g_namespace_type))
    return g_not_implemented;
  return richcompare(obj(attrs(a)), obj(attrs(b)), op);
}

Value ns_reduce(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1) return raise(exc::TypeError, "__reduce__() takes no arguments");
  return tuple_pack({obj(type_of(args[0])), obj(empty_tuple()), obj(attrs(args[0]))});
}

}  // namespace
}  // namespace cls

TypeObject* namespace_type() {
  using namespace cls;
  if (g_namespace_type) return g_namespace_type;
  TypeObject* t = make_builtin_type("SimpleNamespace", types::object, sizeof(InstanceObject),
                                    kTypeInstanceLayout | kTypeWeakrefable);
  g_namespace_type = t;
  t->module = str_intern("types");
  t->qualname = t->name;
  t->tp_new = ns_tp_new;
  t->init = ns_init;
  t->trace = instance_trace;
  t->finalize = instance_finalize;
  t->repr = ns_repr;
  t->str = ns_repr;
  t->richcompare = ns_richcompare;
  t->hash = nullptr;
  dict_set_str(t->dict, S.__hash__, Value::none());
  type_add_methods(t, {{"__init__", ns_init_native}, {"__reduce__", ns_reduce}});
  type_enable_subclassing(t);
  return t;
}

}  // namespace chaipy
