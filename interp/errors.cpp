// interp/errors.cpp — the pending exception, raising, and implicit exception chaining.
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {

namespace {
Value g_pending = Value::null();
void trace_pending(Tracer& t) { t.visit(g_pending); }
struct RegisterRoot {
  RegisterRoot() { gc::add_root_scanner(trace_pending); }
} g_register_root;

// Implicit chaining: an exception raised while another is being handled gets it as __context__.
void set_pending(Value e) {
  Value handled = vm_handled_exception();
  if (!handled.is_null() && !handled.is_none() && handled != e && e.is_obj()) {
    auto* eo = e.as<ExceptionObject>();
    if (eo->context.is_none() || eo->context.is_null()) {
      // Avoid creating a cycle in the context chain.
      Value c = handled;
      bool cycle = false;
      while (c.is_obj() && !cycle) {
        if (c == e) cycle = true;
        c = c.as<ExceptionObject>()->context;
      }
      if (!cycle) eo->context = handled;
    }
  }
  g_pending = e;
}
}  // namespace

const char* type_name(Value v) {
  TypeObject* t = type_of(v);
  StrObject* n = t->name;
  if (!n) return "?";
  // A built-in type of a native module is named "module.name" in messages (CPython's tp_name).
  if (!(t->flags & kTypeHeap) && t->module && t->module->view() != "builtins")
    return str_intern(fmt::format("{}.{}", t->module->view(), n->view()))->data;
  return n->data;
}

Value new_exception(TypeObject* type, std::string_view msg) {
  TupleObject* args = tuple_new(1);
  args->items[0] = str_value(msg);
  return exception_new(type, args);
}

Value raise(TypeObject* type, std::string_view msg) {
  Value e = new_exception(type, msg);
  if (e.is_exc()) return e;
  set_pending(e);
  return Value::exc();
}

Value raise_key_error(Value key) {
  TupleObject* args = tuple_new(1);
  args->items[0] = key;
  Value e = exception_new(exc::KeyError, args);
  if (e.is_exc()) return e;
  set_pending(e);
  return Value::exc();
}

Value raise_value(Value e) {
  if (e.is_obj() && e.as_obj()->type == types::type) {
    auto* t = e.as<TypeObject>();
    if (is_subtype(t, exc::BaseException)) {
      Value inst = call0(e);
      if (inst.is_exc()) return inst;
      if (!(type_of(inst)->flags & kTypeExceptionLayout))
        return raise_fmt(exc::TypeError, "calling {} should have returned an instance of BaseException, not {}",
                         repr_utf8(e), type_name(inst));
      set_pending(inst);
      return Value::exc();
    }
  } else if (e.is_obj() && (type_of(e)->flags & kTypeExceptionLayout)) {
    set_pending(e);
    return Value::exc();
  }
  return raise(exc::TypeError, "exceptions must derive from BaseException");
}

bool exc_pending() { return !g_pending.is_null(); }

Value exc_fetch() {
  Value e = g_pending;
  g_pending = Value::null();
  return e;
}

void exc_restore(Value e) { g_pending = e; }

bool exc_matches(TypeObject* t) { return !g_pending.is_null() && is_subtype(type_of(g_pending), t); }

Value exception_type_new(std::string_view dotted_name, TypeObject* base) {
  size_t dot = dotted_name.rfind('.');
  DictObject* ns = dict_new();
  dict_set_str(ns, str_intern("__module__"), str_value(dotted_name.substr(0, dot)));
  Value args[3] = {str_value(dotted_name.substr(dot + 1)), tuple_pack({obj(base)}), obj(ns)};
  return call(obj(types::type), args, 3);
}

}  // namespace chaipy
