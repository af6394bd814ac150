// interp/descr.cpp — descriptors and callables around classes: property, staticmethod,
// classmethod, super, bound methods, built-in function objects, function attributes, modules.
#include "interp/class_internal.h"
#include "interp/vm.h"

namespace chaipy {
using namespace cls;

namespace cls {
namespace {

// -- property -----------------------------------------------------------------------------------------
PropertyObject* as_prop(Value v) { return static_cast<PropertyObject*>(v.as<WrapperObject>()); }

std::string prop_msg(PropertyObject* p, Value self, const char* what, const char* fallback) {
  if (p->name.is_null() || !is_str(p->name)) return fallback;
  return fmt::format("property {} of {} object has no {}", repr_utf8(p->name), repr_utf8(obj(type_of(self)->name)), what);
}

Value prop_make(TypeObject* t, Value fget, Value fset, Value fdel, Value doc, Value name) {
  auto* p = static_cast<PropertyObject*>(gc::alloc(sizeof(PropertyObject)));
  p->type = t;
  p->fget = fget;
  p->fset = fset;
  p->fdel = fdel;
  if (doc.is_none() && !fget.is_none()) {
    Value d = getattr_opt(fget, S.__doc__);
    if (d.is_exc()) exc_fetch();
    doc = d.is_null() || d.is_exc() ? Value::none() : d;
  }
  p->doc = doc;
  p->name = name;
  return obj(p);
}

Value prop_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"fget", "fset", "fdel", "doc", nullptr};
  Value out[4];
  if (!parse_args("property", args, nargs, kw, names, 0, out)) return Value::exc();
  for (auto& v : out)
    if (v.is_null()) v = Value::none();
  return prop_make(t, out[0], out[1], out[2], out[3], Value::null());
}

void prop_trace(Object* o, Tracer& t) {
  auto* p = static_cast<PropertyObject*>(o);
  t.visit(p->fget);
  t.visit(p->fset);
  t.visit(p->fdel);
  t.visit(p->doc);
  t.visit(p->name);
}

Value prop_copy(Value self, int which, Value f) {
  PropertyObject* p = as_prop(self);
  Value g = p->fget, s = p->fset, d = p->fdel;
  (which == 0 ? g : which == 1 ? s : d) = f;
  Value doc = p->doc;
  if (which == 0) doc = Value::none();  // re-derive from the new getter
  TypeObject* t = type_of(self);
  if (t->flags & kTypeHeap) {  // a subclass: type(self)(fget, fset, fdel, doc), as CPython
    Value a[4] = {g, s, d, doc};
    Value r = call(obj(t), a, 4);
    if (!r.is_exc() && is_subtype(type_of(r), types::property)) as_prop(r)->name = p->name;
    return r;
  }
  return prop_make(t, g, s, d, doc, p->name);
}

Value prop_getter(Value* a, size_t n, TupleObject* kw) {
  if (n != 2) return raise(exc::TypeError, "getter() takes exactly one argument");
  return prop_copy(a[0], 0, a[1]);
}
Value prop_setter(Value* a, size_t n, TupleObject* kw) {
  if (n != 2) return raise(exc::TypeError, "setter() takes exactly one argument");
  return prop_copy(a[0], 1, a[1]);
}
Value prop_deleter(Value* a, size_t n, TupleObject* kw) {
  if (n != 2) return raise(exc::TypeError, "deleter() takes exactly one argument");
  return prop_copy(a[0], 2, a[1]);
}
Value prop_get_native(Value* a, size_t n, TupleObject* kw) {
  if (n < 2) return raise(exc::TypeError, "__get__(None, None) is invalid");
  if (a[1].is_none()) return a[0];
  return property_get(a[0], a[1]);
}
Value prop_set_native(Value* a, size_t n, TupleObject* kw) {
  if (n != 3) return raise(exc::TypeError, "expected 2 arguments");
  return property_set(a[0], a[1], a[2]) < 0 ? Value::exc() : Value::none();
}
Value prop_delete_native(Value* a, size_t n, TupleObject* kw) {
  if (n != 2) return raise(exc::TypeError, "expected 1 argument");
  return property_set(a[0], a[1], Value::null()) < 0 ? Value::exc() : Value::none();
}
// property.__init__(self, fget=None, fset=None, fdel=None, doc=None): for subclasses' super().__init__.
Value prop_init_native(Value* a, size_t n, TupleObject* kw) {
  static const char* const names[] = {"fget", "fset", "fdel", "doc", nullptr};
  if (n - nkw(kw) < 1 || !is_subtype(type_of(a[0]), types::property))
    return raise(exc::TypeError, "descriptor '__init__' of 'property' object needs an argument");
  Value out[4];
  if (!parse_args("property", a + 1, n - 1, kw, names, 0, out)) return Value::exc();
  for (auto& v : out)
    if (v.is_null()) v = Value::none();
  PropertyObject* p = as_prop(a[0]);
  Value fresh = prop_make(types::property, out[0], out[1], out[2], out[3], Value::null());
  p->fget = out[0];
  p->fset = out[1];
  p->fdel = out[2];
  p->doc = as_prop(fresh)->doc;
  return Value::none();
}

// __isabstractmethod__ of property / staticmethod / classmethod: a subclass's own class attribute
// wins; else true when one of the wrapped callables says so.
Value abstract_of(Value self, std::initializer_list<Value> fns) {
  TypeObject* t = type_of(self);
  if ((t->flags & kTypeHeap) && heap_mro_defines(t, S.__isabstractmethod__)) return generic_getattr(self, S.__isabstractmethod__);
  for (Value f : fns) {
    if (f.is_null() || f.is_none()) continue;
    Value r = getattr_opt(f, S.__isabstractmethod__);
    if (r.is_exc()) return r;
    if (r.is_null()) continue;
    int b = truthy(r);
    if (b < 0) return Value::exc();
    if (b) return Value::true_();
  }
  return Value::false_();
}

Value prop_set_name_native(Value* a, size_t n, TupleObject* kw) {
  if (n != 3) return raise(exc::TypeError, "__set_name__() takes 2 positional arguments");
  as_prop(a[0])->name = a[2];
  return Value::none();
}

Value prop_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  PropertyObject* p = as_prop(self);
  if (name == S.fget) return p->fget;
  if (name == S.fset) return p->fset;
  if (name == S.fdel) return p->fdel;
  if (name == S.__doc__) return p->doc;
  if (name == S.__isabstractmethod__) return abstract_of(self, {p->fget, p->fset, p->fdel});
  return generic_getattr(self, name);
}

int prop_setattr(Value self, StrObject* name, Value v) {
  name = intern_name(name);
  if (name == S.__doc__) {
    as_prop(self)->doc = v.is_null() ? Value::none() : v;
    return 0;
  }
  if (name == S.fget || name == S.fset || name == S.fdel) {
    raise(exc::AttributeError, "readonly attribute");
    return -1;
  }
  return generic_setattr(self, name, v);
}

// -- staticmethod / classmethod ---------------------------------------------------------------------------
const char* wrapper_kind(TypeObject* t) { return is_subtype(t, types::staticmethod) ? "staticmethod" : "classmethod"; }

Value wrapper_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  const char* tn = wrapper_kind(t);
  bool sub = t->flags & kTypeHeap;  // a subclass's __init__ fills it (builtin_sub_new passes no args)
  if (nkw(kw) && !sub) return raise_fmt(exc::TypeError, "{}() takes no keyword arguments", tn);
  if (nargs != 1 && !(sub && nargs == 0)) return raise_fmt(exc::TypeError, "{} expected 1 argument, got {}", tn, nargs);
  auto* w = gc::make<WrapperObject>(t);
  w->fget = nargs ? args[0] : Value::none();
  w->fset = w->fdel = Value::none();
  w->doc = Value::none();
  return obj(w);
}

void wrapper_trace(Object* o, Tracer& t) {
  auto* w = static_cast<WrapperObject*>(o);
  t.visit(w->fget);
  t.visit(w->fset);
  t.visit(w->fdel);
  t.visit(w->doc);
}

// staticmethod.__init__ / classmethod.__init__(self, callable)
Value wrapper_init_native(Value* a, size_t n, TupleObject* kw) {
  if (n < 1 || !(is_subtype(type_of(a[0]), types::staticmethod) || is_subtype(type_of(a[0]), types::classmethod)))
    return raise(exc::TypeError, "descriptor '__init__' needs an argument");
  const char* tn = wrapper_kind(type_of(a[0]));
  if (nkw(kw)) return raise_fmt(exc::TypeError, "{}() takes no keyword arguments", tn);
  if (n != 2) return raise_fmt(exc::TypeError, "{} expected 1 argument, got {}", tn, n - 1);
  a[0].as<WrapperObject>()->fget = a[1];
  return Value::none();
}

Value wrapper_repr(Value self) {
  const char* tn = wrapper_kind(type_of(self));
  return str_value(fmt::format("<{}({})>", tn, repr_utf8(self.as<WrapperObject>()->fget)));
}

Value wrapper_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* w = self.as<WrapperObject>();
  if (name == S.func_ || name == S.__wrapped__) return w->fget;
  if (name == S.__isabstractmethod__) return abstract_of(self, {w->fget});
  if (name == S.__doc__ || name == S.__name__ || name == S.__qualname__ || name == S.__module__) {
    Value r = getattr_opt(w->fget, name);
    if (r.is_exc()) return r;
    if (!r.is_null()) return r;
  }
  return generic_getattr(self, name);
}

Value staticmethod_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  return call(self.as<WrapperObject>()->fget, args, nargs, kw);
}

Value wrapper_get_native(Value* a, size_t n, TupleObject* kw) {
  if (n < 2) return raise(exc::TypeError, "__get__(None, None) is invalid");
  TypeObject* owner = n >= 3 && a[2].is_obj() && is_subtype(type_of(a[2]), types::type) ? a[2].as<TypeObject>() : type_of(a[1]);
  if (is_subtype(type_of(a[0]), types::staticmethod)) return a[0].as<WrapperObject>()->fget;
  return classmethod_bind(a[0], owner);
}

// -- super ---------------------------------------------------------------------------------------------------
Value super_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if (nkw(kw)) return raise(exc::TypeError, "super() takes no keyword arguments");
  Value type, self;
  if (nargs == 0) {
    if (!vm_super_args(&type, &self)) {
      if (!exc_pending()) raise(exc::RuntimeError, "super(): no arguments");
      return Value::exc();
    }
  } else if (nargs <= 2) {
    type = args[0];
    self = nargs == 2 ? args[1] : Value::null();
  } else {
    return raise_fmt(exc::TypeError, "super() takes at most 2 arguments ({} given)", nargs);
  }
  if (!type.is_obj() || !is_subtype(type_of(type), types::type))
    return raise_fmt(exc::TypeError, "super() argument 1 must be a type, not {}", type_name(type));
  TypeObject* tt = type.as<TypeObject>();
  TypeObject* ot = nullptr;
  if (!self.is_null() && !self.is_none()) {
    if (self.is_obj() && is_subtype(type_of(self), types::type) && is_subtype(self.as<TypeObject>(), tt))
      ot = self.as<TypeObject>();
    else if (is_subtype(type_of(self), tt))
      ot = type_of(self);
    else
      return raise(exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
  } else {
    self = Value::null();
  }
  auto* s = static_cast<SuperObject*>(gc::alloc(sizeof(SuperObject)));
  s->type = t;
  s->thisclass = tt;
  s->obj = self;
  s->obj_type = ot;
  return obj(s);
}

void super_trace(Object* o, Tracer& t) {
  auto* s = static_cast<SuperObject*>(o);
  t.visit(s->thisclass);
  t.visit(s->obj);
  t.visit(s->obj_type);
}

Value super_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* s = static_cast<SuperObject*>(self.as_obj());
  TypeObject* start = s->obj_type;
  if (start && name != S.__class__) {
    TupleObject* mro = start->mro;
    uint64_t i = 0;
    while (i < mro->size && mro->items[i].as_obj() != s->thisclass) i++;
    for (i++; i < mro->size; i++) {
      Value r = dict_get_str(mro->items[i].as<TypeObject>()->dict, name);
      if (r.is_null()) continue;
      if (s->obj.is_obj() && s->obj.as_obj() == start) return bind_for_class(r, start);
      return bind_method(r, s->obj, start);
    }
    if (is_dunder(name)) {
      for (i = 0; i < mro->size && mro->items[i].as_obj() != s->thisclass; i++) {
      }
      for (i++; i < mro->size; i++) {
        Value w = slot_wrapper(mro->items[i].as<TypeObject>(), name);
        if (w.is_null()) continue;
        if (s->obj.is_obj() && s->obj.as_obj() == start) return w;
        return bind_method(w, s->obj, start);
      }
    }
  }
  if (name == S.__thisclass__) return obj(s->thisclass);
  if (name == S.__self__) return s->obj.is_null() ? Value::none() : s->obj;
  if (name == S.__self_class__) return s->obj_type ? obj(s->obj_type) : Value::none();
  Value r = generic_getattr(self, name);
  if (r.is_exc() && exc_matches(exc::AttributeError)) {
    exc_fetch();
    return raise_fmt(exc::AttributeError, "'super' object has no attribute '{}'", name->view());
  }
  return r;
}

Value super_repr(Value self) {
  auto* s = static_cast<SuperObject*>(self.as_obj());
  if (s->obj_type)
    return str_value(fmt::format("<super: <class '{}'>, <{} object>>", s->thisclass->name->view(),
                                 s->obj_type->name->view()));
  return str_value(fmt::format("<super: <class '{}'>, NULL>", s->thisclass->name->view()));
}

// -- Bound methods ----------------------------------------------------------------------------------------------
Value method_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  auto* m = self.as<BoundMethodObject>();
  return call_prepend(m->func, m->self, args, nargs, kw);
}

void method_trace(Object* o, Tracer& t) {
  auto* m = static_cast<BoundMethodObject*>(o);
  t.visit(m->func);
  t.visit(m->self);
}

std::string func_qualname(Value f) {
  if (isinstance_exact(f, types::function)) {
    auto* fo = f.as<FunctionObject>();
    StrObject* q = fo->qualname ? fo->qualname : fo->name;
    return q ? std::string(q->view()) : "?";
  }
  Value q = getattr_opt(f, S.__qualname__);
  if (q.is_null() || q.is_exc()) {
    if (q.is_exc()) exc_fetch();
    q = getattr_opt(f, S.__name__);
    if (q.is_exc()) exc_fetch();
  }
  if (q.is_null() || q.is_exc() || !is_str(q)) return "?";
  return std::string(as_str(q)->view());
}

Value method_repr(Value self) {
  auto* m = self.as<BoundMethodObject>();
  Value r = repr(m->self);
  if (r.is_exc()) return r;
  return str_value(fmt::format("<bound method {} of {}>", func_qualname(m->func), as_str(r)->view()));
}

Value method_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* m = self.as<BoundMethodObject>();
  if (name == S.__self__) return m->self;
  if (name == S.func_) return m->func;
  if (name == S.__class__) return obj(types::method);
  if (name == S.__doc__) return getattr(m->func, name);  // CPython's method_get_doc, not object.__doc__
  Value v = lookup(types::method, name);
  if (!v.is_null()) return bind_method(v, self, types::method);
  return getattr(m->func, name);
}

int method_setattr(Value self, StrObject* name, Value v) {
  raise_fmt(exc::AttributeError, "'method' object has no attribute '{}'", name->view());
  return -1;
}

Value method_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !isinstance_exact(b, types::method)) return g_not_implemented;
  auto *x = a.as<BoundMethodObject>(), *y = b.as<BoundMethodObject>();
  bool same = x->self == y->self;
  if (same) {
    int e = eq(x->func, y->func);
    if (e < 0) return Value::exc();
    same = e;
  }
  return Value::from_bool(op == CmpOp::EQ ? same : !same);
}

int64_t method_hash(Value self) {
  auto* m = self.as<BoundMethodObject>();
  int64_t h = object_hash(m->self) ^ hash(m->func);
  return h == -1 ? -2 : h;
}

// -- Built-in functions -------------------------------------------------------------------------------------------
Value native_repr(Value self) {
  auto* n = self.as<NativeFunctionObject>();
  if (n->self.is_null()) {
    if (n->owner) return str_value(fmt::format("<method '{}' of '{}' objects>", n->name, n->owner->name->view()));
    return str_value(fmt::format("<built-in function {}>", n->name));
  }
  if (isinstance_exact(n->self, types::module)) return str_value(fmt::format("<built-in function {}>", n->name));
  if (n->self.is_obj() && is_subtype(type_of(n->self), types::type))
    return str_value(fmt::format("<built-in method {} of type object at {}>", n->name, addr(n->self.as_obj())));
  uintptr_t p = n->self.is_obj() ? uintptr_t(n->self.as_obj()) : uintptr_t(n->self.bits());
  return str_value(fmt::format("<built-in method {} of {} object at {:#x}>", n->name, type_name(n->self), p));
}

Value native_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* n = self.as<NativeFunctionObject>();
  if (name == S.__name__) return str_value(n->name);
  if (name == S.__qualname__) {
    if (n->owner) return str_value(fmt::format("{}.{}", n->owner->name->view(), n->name));
    return str_value(n->name);
  }
  if (name == S.__self__) return n->self.is_null() ? Value::none() : n->self;
  if (name == S.__module__) return n->module ? obj(n->module) : (n->owner ? Value::none() : obj(S.builtins));
  if (name == S.__doc__) return Value::none();
  return generic_getattr(self, name);
}

Value native_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !isinstance_exact(b, types::builtin_function)) return g_not_implemented;
  auto *x = a.as<NativeFunctionObject>(), *y = b.as<NativeFunctionObject>();
  bool same = x->fn == y->fn && x->self == y->self;
  return Value::from_bool(op == CmpOp::EQ ? same : !same);
}

int64_t native_hash(Value self) {
  auto* n = self.as<NativeFunctionObject>();
  int64_t h = int64_t(uintptr_t(n->fn) >> 4) ^ (n->self.is_null() ? 0 : object_hash(n->self));
  return h == -1 ? -2 : h;
}

// -- Functions ---------------------------------------------------------------------------------------------------
Value function_repr(Value self) {
  return str_value(fmt::format("<function {} at {}>", func_qualname(self), addr(self.as_obj())));
}

Value function_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* f = self.as<FunctionObject>();
  const char* n = name->data;
  if (n[0] == '_' && n[1] == '_') {
    if (name == S.__name__) return f->name ? obj(f->name) : Value::none();
    if (name == S.__qualname__) return f->qualname ? obj(f->qualname) : (f->name ? obj(f->name) : Value::none());
    if (name == S.__module__) return f->module.is_null() ? Value::none() : f->module;
    if (name == S.__doc__) return f->doc.is_null() ? Value::none() : f->doc;
    if (name == S.__defaults__) return f->defaults ? obj(f->defaults) : Value::none();
    if (name == S.__kwdefaults__) return f->kwdefaults ? obj(f->kwdefaults) : Value::none();
    if (name == S.__globals__) return obj(f->globals);
    if (name == S.__builtins__) return obj(f->builtins);
    if (name == S.__closure__) return f->closure ? obj(f->closure) : Value::none();
    if (name == S.__code__) return Value::from_obj(reinterpret_cast<Object*>(f->code));
    if (name == S.__dict__) {
      if (!f->dict) f->dict = dict_new();
      return obj(f->dict);
    }
    if (name == S.__annotations__) {
      if (f->annotations.is_null() || is_tuple(f->annotations)) {  // made on first use, as CPython
        DictObject* d = dict_new();
        if (!f->annotations.is_null()) {
          auto* t = f->annotations.as<TupleObject>();
          for (uint64_t i = 0; i + 1 < t->size; i += 2)
            if (dict_set(d, t->items[i], t->items[i + 1]) < 0) return Value::exc();
        }
        f->annotations = obj(d);
      }
      return f->annotations;
    }
  }
  if (f->dict) {
    Value v = dict_get_str(f->dict, name);
    if (!v.is_null()) return v;
  }
  return generic_getattr(self, name);
}

int function_setattr(Value self, StrObject* name, Value v) {
  name = intern_name(name);
  auto* f = self.as<FunctionObject>();
  if (name == S.__name__ || name == S.__qualname__) {
    if (v.is_null() || !is_str(v)) {
      raise_fmt(exc::TypeError, "{} must be set to a string object", name->view());
      return -1;
    }
    (name == S.__name__ ? f->name : f->qualname) = as_str(v);
    return 0;
  }
  if (name == S.__doc__) {
    f->doc = v.is_null() ? Value::none() : v;
    return 0;
  }
  if (name == S.__module__) {
    f->module = v.is_null() ? Value::none() : v;
    return 0;
  }
  if (name == S.__code__) {
    if (v.is_null() || !isinstance_exact(v, types::code)) {
      raise(exc::TypeError, "__code__ must be set to a code object");
      return -1;
    }
    auto* co = v.as<CodeObject>();
    uint32_t nclosure = f->closure ? uint32_t(f->closure->size) : 0;
    if (co->nfree != nclosure) {
      raise_fmt(exc::ValueError, "{}() requires a code object with {} free vars, not {}", f->name->view(), nclosure,
                co->nfree);
      return -1;
    }
    f->code = co;
    return 0;
  }
  if (name == S.__defaults__) {
    if (v.is_null() || v.is_none()) {
      f->defaults = nullptr;
      return 0;
    }
    if (!is_tuple(v)) {
      raise(exc::TypeError, "__defaults__ must be set to a tuple object");
      return -1;
    }
    f->defaults = v.as<TupleObject>()->size ? v.as<TupleObject>() : nullptr;
    return 0;
  }
  if (name == S.__kwdefaults__) {
    if (v.is_null() || v.is_none()) {
      f->kwdefaults = nullptr;
      return 0;
    }
    if (!is_dict(v)) {
      raise(exc::TypeError, "__kwdefaults__ must be set to a dict object");
      return -1;
    }
    f->kwdefaults = v.as<DictObject>();
    return 0;
  }
  if (name == S.__annotations__) {
    if (!v.is_null() && !v.is_none() && !is_dict(v)) {
      raise(exc::TypeError, "__annotations__ must be set to a dict object");
      return -1;
    }
    f->annotations = v.is_none() ? Value::null() : v;
    return 0;
  }
  if (name == S.__dict__) {
    if (v.is_null() || !is_dict(v)) {
      raise(exc::TypeError, "__dict__ must be set to a dictionary");
      return -1;
    }
    f->dict = v.as<DictObject>();
    return 0;
  }
  if (v.is_null()) {
    if (!f->dict || dict_get_str(f->dict, name).is_null()) {
      raise_no_attr(self, name);
      return -1;
    }
    return dict_del(f->dict, obj(name));
  }
  if (!f->dict) f->dict = dict_new();
  return dict_set_str(f->dict, name, v);
}

Value function_get_native(Value* a, size_t n, TupleObject* kw) {
  if (n < 2) return raise(exc::TypeError, "__get__(None, None) is invalid");
  if (a[1].is_none()) return a[0];
  return bind_method(a[0], a[1], type_of(a[1]));
}

// -- getset_descriptor / member_descriptor ---------------------------------------------------------------------
// What `FunctionType.__code__` or `CodeType.co_name` is at class level: a data descriptor naming an
// attribute that the owner's getattr / setattr slots serve for instances (CPython's PyGetSetDef /
// PyMemberDef entries). types.GetSetDescriptorType and MemberDescriptorType are these types.
struct AttrDescrObject : Object {
  TypeObject* owner;
  StrObject* name;
};
TypeObject* g_attr_descr_types[2];  // getset_descriptor, member_descriptor

void attr_descr_trace(Object* o, Tracer& t) {
  auto* d = static_cast<AttrDescrObject*>(o);
  t.visit(d->owner);
  t.visit(d->name);
}

Value attr_descr_repr(Value self) {
  auto* d = self.as<AttrDescrObject>();
  return str_value(fmt::format("<{} '{}' of '{}' objects>", d->type == g_attr_descr_types[0] ? "attribute" : "member",
                               d->name->view(), d->owner->name->view()));
}

bool attr_descr_check(AttrDescrObject* d, Value inst) {
  if (is_subtype(type_of(inst), d->owner)) return true;
  raise_fmt(exc::TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", d->name->view(),
            d->owner->name->view(), type_name(inst));
  return false;
}

Value attr_descr_get_native(Value* a, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("__get__", kw) || !check_nargs("__get__", n, 2, 3)) return Value::exc();
  auto* d = a[0].as<AttrDescrObject>();
  if (a[1].is_none()) return a[0];
  if (!attr_descr_check(d, a[1])) return Value::exc();
  return d->owner->getattr(a[1], d->name);
}

Value attr_descr_set_native(Value* a, size_t n, TupleObject* kw) {
  bool del = n == 2;
  if (!check_no_kwargs(del ? "__delete__" : "__set__", kw) || !check_nargs(del ? "__delete__" : "__set__", n, 2, 3))
    return Value::exc();
  auto* d = a[0].as<AttrDescrObject>();
  if (!attr_descr_check(d, a[1])) return Value::exc();
  if (!d->owner->setattr)
    return raise_fmt(exc::AttributeError, "attribute '{}' of '{}' objects is not writable", d->name->view(),
                     d->owner->name->view());
  return d->owner->setattr(a[1], d->name, del ? Value::null() : a[2]) < 0 ? Value::exc() : Value::none();
}

Value attr_descr_getattr(Value self, StrObject* name) {
  auto* d = self.as<AttrDescrObject>();
  name = intern_name(name);
  if (name == S.__name__ || name == S.__qualname__)
    return name == S.__name__ ? obj(d->name) : str_value(fmt::format("{}.{}", d->owner->name->view(), d->name->view()));
  if (name->view() == "__objclass__") return obj(d->owner);
  if (name == S.__doc__) return Value::none();
  return generic_getattr(self, name);
}

TypeObject* attr_descr_type(bool member) {
  TypeObject*& t = g_attr_descr_types[member];
  if (t) return t;
  t = make_builtin_type(member ? "member_descriptor" : "getset_descriptor", types::object, sizeof(AttrDescrObject),
                        kTypeNativeDescr);
  t->trace = attr_descr_trace;
  t->repr = attr_descr_repr;
  t->getattr = attr_descr_getattr;
  t->hash = object_hash;
  type_add_methods(t, {{"__get__", attr_descr_get_native},
                       {"__set__", attr_descr_set_native},
                       {"__delete__", attr_descr_set_native}});
  return t;
}

// -- Modules -------------------------------------------------------------------------------------------------------
Value module_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  auto* m = self.as<ModuleObject>();
  Value v = dict_get_str(m->dict, name);
  if (!v.is_null()) return v;
  if (name == S.__dict__) return obj(m->dict);
  if (name == S.__class__) return obj(type_of(self));
  if (name == S.__annotations__ && type_of(self) == types::module) {  // made empty on first use
    Value a = obj(dict_new());
    if (dict_set_str(m->dict, name, a) < 0) return Value::exc();
    return a;
  }
  Value d = lookup(type_of(self), name);
  if (!d.is_null()) return bind_method(d, self, type_of(self));
  Value ga = dict_get_str(m->dict, S.__getattr__);
  if (!ga.is_null()) {
    Value a = obj(name);
    return call(ga, &a, 1);
  }
  Value mn = dict_get_str(m->dict, S.__name__);
  if (!mn.is_null() && is_str(mn))
    raise_fmt(exc::AttributeError, "module '{}' has no attribute '{}'", as_str(mn)->view(), name->view());
  else
    raise_fmt(exc::AttributeError, "module has no attribute '{}'", name->view());
  return attach_name_obj(self, name);
}

int module_setattr(Value self, StrObject* name, Value v) {
  name = intern_name(name);
  auto* m = self.as<ModuleObject>();
  if (v.is_null()) {
    if (dict_get_str(m->dict, name).is_null()) {
      Value mn = dict_get_str(m->dict, S.__name__);
      raise_fmt(exc::AttributeError, "module '{}' has no attribute '{}'", is_str(mn) ? as_str(mn)->view() : "?", name->view());
      return -1;
    }
    return dict_del(m->dict, obj(name));
  }
  if (name == S.__dict__) {
    raise(exc::AttributeError, "readonly attribute");
    return -1;
  }
  return dict_set_str(m->dict, name, v);
}

Value module_repr(Value self) {
  auto* m = self.as<ModuleObject>();
  Value mn = dict_get_str(m->dict, S.__name__);
  std::string n = !mn.is_null() && is_str(mn) ? std::string(as_str(mn)->view()) : "?";
  Value f = dict_get_str(m->dict, S.__file__);
  if (!f.is_null() && is_str(f)) return str_value(fmt::format("<module '{}' from '{}'>", n, as_str(f)->view()));
  return str_value(fmt::format("<module '{}' (built-in)>", n));
}

void module_trace(Object* o, Tracer& t) {
  auto* m = static_cast<ModuleObject*>(o);
  t.visit(m->dict);
  t.visit(m->name);
}

Value module_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !is_str(args[0])) return raise(exc::TypeError, "module.__init__() argument 'name' must be str");
  Value m = module_new(as_str(args[0])->view());
  if (nargs > 1) dict_set_str(m.as<ModuleObject>()->dict, S.__doc__, args[1]);
  else dict_set_str(m.as<ModuleObject>()->dict, S.__doc__, Value::none());
  return m;
}

}  // namespace

// -- property get/set (used by generic_getattr/setattr) -------------------------------------------------------------
Value property_get(Value prop, Value self) {
  PropertyObject* p = as_prop(prop);
  if (p->fget.is_none() || p->fget.is_null())
    return raise(exc::AttributeError, prop_msg(p, self, "getter", "unreadable attribute"));
  return call1(p->fget, self);
}

int property_set(Value prop, Value self, Value v) {
  PropertyObject* p = as_prop(prop);
  if (v.is_null()) {
    if (p->fdel.is_none() || p->fdel.is_null()) {
      raise(exc::AttributeError, prop_msg(p, self, "deleter", "can't delete attribute"));
      return -1;
    }
    return call1(p->fdel, self).is_exc() ? -1 : 0;
  }
  if (p->fset.is_none() || p->fset.is_null()) {
    raise(exc::AttributeError, prop_msg(p, self, "setter", "can't set attribute"));
    return -1;
  }
  return call2(p->fset, self, v).is_exc() ? -1 : 0;
}

void type_add_attribute_descrs(TypeObject* t, bool member, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    auto* d = gc::make<AttrDescrObject>(attr_descr_type(member));
    d->owner = t;
    d->name = str_intern(n);
    dict_set_str(t->dict, d->name, obj(d));
  }
}

void init_descr_types() {
  TypeObject* P = types::property;
  P->instance_size = sizeof(PropertyObject);
  P->tp_new = prop_new;
  P->init = nullptr;
  P->trace = prop_trace;
  P->getattr = prop_getattr;
  P->setattr = prop_setattr;
  P->repr = object_repr;
  P->hash = object_hash;
  type_add_methods(P, {{"getter", prop_getter},
                       {"setter", prop_setter},
                       {"deleter", prop_deleter},
                       {"__get__", prop_get_native},
                       {"__set__", prop_set_native},
                       {"__delete__", prop_delete_native},
                       {"__set_name__", prop_set_name_native},
                       {"__init__", prop_init_native}});

  for (TypeObject* W : {types::staticmethod, types::classmethod}) {
    W->tp_new = wrapper_new;
    W->init = nullptr;
    W->trace = wrapper_trace;
    W->repr = wrapper_repr;
    W->getattr = wrapper_getattr;
    W->hash = object_hash;
    type_add_methods(W, {{"__get__", wrapper_get_native}, {"__init__", wrapper_init_native}});
  }
  types::staticmethod->call = staticmethod_call;

  TypeObject* Su = types::super;
  Su->instance_size = sizeof(SuperObject);
  Su->tp_new = super_new;
  Su->init = nullptr;
  Su->trace = super_trace;
  Su->getattr = super_getattr;
  Su->repr = super_repr;
  Su->hash = object_hash;

  TypeObject* M = types::method;
  M->call = method_call;
  M->trace = method_trace;
  M->repr = method_repr;
  M->getattr = method_getattr;
  M->setattr = method_setattr;
  M->richcompare = method_richcompare;
  M->hash = method_hash;

  TypeObject* B = types::builtin_function;
  B->repr = native_repr;
  B->getattr = native_getattr;
  B->richcompare = native_richcompare;
  B->hash = native_hash;

  TypeObject* F = types::function;
  F->repr = function_repr;
  F->getattr = function_getattr;
  F->setattr = function_setattr;
  F->hash = object_hash;
  type_add_methods(F, {{"__get__", function_get_native}});
  type_add_attribute_descrs(F, false, {"__code__", "__defaults__", "__kwdefaults__", "__annotations__", "__dict__",
                                       "__name__", "__qualname__"});
  type_add_attribute_descrs(F, true, {"__closure__", "__globals__", "__builtins__"});

  TypeObject* Mo = types::module;
  Mo->getattr = module_getattr;
  Mo->setattr = module_setattr;
  Mo->repr = module_repr;
  Mo->trace = module_trace;
  Mo->tp_new = module_tp_new;
  Mo->hash = object_hash;
}

}  // namespace cls
}  // namespace chaipy
