// interp/instance.cpp — instances of classes: shapes (hidden classes), attribute slots, dictionary
// mode, object.__getattribute__ / __setattr__, and the `object` type's own methods and slots.
//
// Contract: an InstanceObject's `slots[0 .. shape->nslots)` hold the attributes named by
// `shape->names` in order (the VM's inline caches read `slots[k]` after checking the shape).
// A shape in dict_mode has nslots 0 and the attributes live in `dict`. Shapes form a transition
// tree from each class's root shape; the dict-mode shape of a class is the root's transition
// keyed by nullptr. A plain attribute read allocates nothing.
#include <algorithm>
#include <cstdlib>

#include "interp/safepoint.h"
#include "interp/class_internal.h"

namespace chaipy {
using namespace cls;

// -- Shapes ------------------------------------------------------------------------------------------
namespace cls {

namespace {
Shape* shape_alloc(Shape* parent, StrObject* name, bool dict_mode) {
  auto* s = gc::make<Shape>(types::shape);
  s->parent = parent;
  s->name = name;
  s->dict_mode = dict_mode;
  s->names = new std::vector<StrObject*>();
  s->transitions = nullptr;
  if (parent && !dict_mode) {
    s->names->reserve(parent->nslots + 1);
    *s->names = *parent->names;
    s->names->push_back(name);
  }
  s->nslots = uint32_t(s->names->size());
  return s;
}

Shape* root_of(Shape* s) {
  while (s->parent) s = s->parent;
  return s;
}

Shape* dict_shape_of(Shape* s) {
  Shape* root = root_of(s);
  if (!root->transitions) root->transitions = new std::vector<std::pair<StrObject*, Shape*>>();
  for (auto& [n, c] : *root->transitions)
    if (!n) return c;
  Shape* d = shape_alloc(root, nullptr, true);
  root->transitions->emplace_back(nullptr, d);
  return d;
}
}  // namespace

Shape* shape_root_new() { return shape_alloc(nullptr, nullptr, false); }

void shape_trace(Object* o, Tracer& t) {
  auto* s = static_cast<Shape*>(o);
  t.visit(s->parent);
  t.visit(s->name);
  if (s->names)
    for (StrObject* n : *s->names) t.visit(n);
  if (s->transitions)
    for (auto& [n, c] : *s->transitions) {
      t.visit(n);
      t.visit(c);
    }
}

void shape_finalize(Object* o) {
  auto* s = static_cast<Shape*>(o);
  delete s->names;
  delete s->transitions;
  s->names = nullptr;
  s->transitions = nullptr;
}

}  // namespace cls

int shape_find(Shape* s, StrObject* name) {
  StrObject* const* n = s->names->data();
  for (uint32_t i = 0, e = s->nslots; i < e; i++)
    if (n[i] == name) return int(i);
  return -1;
}

Shape* shape_add(Shape* s, StrObject* name) {
  if (s->transitions)
    for (auto& [n, c] : *s->transitions)
      if (n == name) return c;
  if (!s->transitions) s->transitions = new std::vector<std::pair<StrObject*, Shape*>>();
  Shape* c = shape_alloc(s, name, false);
  s->transitions->emplace_back(name, c);
  return c;
}

// -- Instances ---------------------------------------------------------------------------------------
namespace cls {

void instance_init_header(InstanceObject* o, TypeObject* t) {
  if (!t->root_shape) t->root_shape = shape_root_new();
  o->shape = t->root_shape;
  o->slots = o->inline_slots;
  o->capacity = kInlineSlots;
  o->dict = nullptr;
}

void instance_trace(Object* obj_, Tracer& t) {
  auto* o = static_cast<InstanceObject*>(obj_);
  t.visit(o->shape);
  t.visit(o->dict);
  if (o->shape && !o->shape->dict_mode)
    for (uint32_t i = 0; i < o->shape->nslots; i++) t.visit(o->slots[i]);
  if (o->type->flags & kTypeExceptionLayout) {
    auto* e = static_cast<ExceptionObject*>(o);
    t.visit(e->args);
    t.visit(e->traceback);
    t.visit(e->cause);
    t.visit(e->context);
  }
}

void instance_finalize(Object* obj_) {
  auto* o = static_cast<InstanceObject*>(obj_);
  if (o->slots && o->slots != o->inline_slots) {
    std::free(o->slots);
    gc::note_external(-int64_t(o->capacity * sizeof(Value)));
  }
  o->slots = nullptr;
}

DictObject* instance_to_dict_mode(InstanceObject* o) {
  if (o->shape->dict_mode) return o->dict;
  DictObject* d = dict_new();
  Shape* s = o->shape;
  for (uint32_t i = 0; i < s->nslots; i++) dict_set_str(d, (*s->names)[i], o->slots[i]);
  o->shape = dict_shape_of(s);
  o->dict = d;
  return d;
}

}  // namespace cls

Value instance_new(TypeObject* cls_) {
  if (cls_->flags & kTypeExceptionLayout) {
    auto* e = gc::make<ExceptionObject>(cls_);
    instance_init_header(e, cls_);
    e->args = empty_tuple();
    e->traceback = e->cause = e->context = Value::none();
    e->suppress_context = false;
    return obj(e);
  }
  if (cls_->flags & kTypeInstanceLayout) {  // native instance types extend the layout (instance_size)
    auto* o = static_cast<InstanceObject*>(gc::alloc(std::max<size_t>(cls_->instance_size, sizeof(InstanceObject))));
    o->type = cls_;
    instance_init_header(o, cls_);
    return obj(o);
  }
  return raise_fmt(exc::TypeError, "object.__new__({}) is not safe, use {}.__new__()", cls_->name->view(),
                   cls_->name->view());
}

Value instance_get_slot(InstanceObject* o, StrObject* name) {
  Shape* s = o->shape;
  if (s->dict_mode) return dict_get_str(o->dict, name);
  int i = shape_find(s, name);
  return i < 0 ? Value::null() : o->slots[i];
}

namespace {
int instance_del_slot(InstanceObject* o, StrObject* name) {
  Shape* s = o->shape;
  if (s->dict_mode) {
    if (dict_get_str(o->dict, name).is_null()) {
      raise_no_attr(obj(o), name);
      return -1;
    }
    return dict_del(o->dict, obj(name));
  }
  int k = shape_find(s, name);
  if (k < 0) {
    raise_no_attr(obj(o), name);
    return -1;
  }
  // Rebuild the shape without `name` and close the gap.
  Shape* ns = root_of(s);
  for (uint32_t i = 0; i < s->nslots; i++)
    if (int(i) != k) ns = shape_add(ns, (*s->names)[i]);
  for (uint32_t i = uint32_t(k); i + 1 < s->nslots; i++) o->slots[i] = o->slots[i + 1];
  o->shape = ns;
  return 0;
}
}  // namespace

int instance_set_slot(InstanceObject* o, StrObject* name, Value v) {
  if (v.is_null()) return instance_del_slot(o, name);
  Shape* s = o->shape;
  if (s->dict_mode) return dict_set_str(o->dict, name, v);
  int i = shape_find(s, name);
  if (i >= 0) {
    o->slots[i] = v;
    return 0;
  }
  if (s->nslots >= uint32_t(kMaxShapeSlots)) {
    DictObject* d = instance_to_dict_mode(o);
    return dict_set_str(d, name, v);
  }
  Shape* ns = shape_add(s, name);
  uint32_t n = ns->nslots;
  if (n > o->capacity) {
    uint32_t cap = o->capacity * 2;
    while (cap < n) cap *= 2;
    auto* a = static_cast<Value*>(sys_malloc(cap * sizeof(Value)));
    for (uint32_t k = 0; k < s->nslots; k++) a[k] = o->slots[k];
    if (o->slots != o->inline_slots) {
      std::free(o->slots);
      gc::note_external(-int64_t(o->capacity * sizeof(Value)));
    }
    gc::note_external(int64_t(cap * sizeof(Value)));
    o->slots = a;
    o->capacity = cap;
  }
  o->slots[n - 1] = v;
  o->shape = ns;
  return 0;
}

// -- object.__getattribute__ / __setattr__ ------------------------------------------------------------
namespace cls {

Value raise_no_attr(Value self, StrObject* name) {
  raise_fmt(exc::AttributeError, "'{}' object has no attribute '{}'", type_of(self)->name->view(), name->view());
  return attach_name_obj(self, name);
}

Value attach_name_obj(Value self, StrObject* name) {
  // 3.11's AttributeError carries name and obj (the traceback printer's "Did you mean" uses them).
  Value e = exc_fetch();
  if (e.is_obj() && (type_of(e)->flags & kTypeExceptionLayout)) {
    instance_set_slot(e.as<InstanceObject>(), S.name, obj(name));
    instance_set_slot(e.as<InstanceObject>(), S.obj, self);
  }
  exc_restore(e);
  return Value::exc();
}

bool is_data_descriptor(Value d) {
  TypeObject* dt = type_of(d);
  if (dt == types::property) return true;
  if (!(dt->flags & (kTypeHeap | kTypeNativeDescr))) return false;
  return !lookup(dt, S.__set__).is_null() || !lookup(dt, S.__delete__).is_null();
}

Value descr_get(Value descr, Value self, TypeObject* owner) {
  Value g = lookup(type_of(descr), S.__get__);
  if (g.is_null()) return descr;
  Value a[2] = {self, obj(owner)};
  return call_dunder(g, descr, a, 2);
}

}  // namespace cls

Value bind_method(Value descr, Value self, TypeObject* owner) {
  TypeObject* dt = type_of(descr);
  if (dt == types::function) {
    auto* bm = gc::make<BoundMethodObject>(types::method);
    bm->func = descr;
    bm->self = self;
    return obj(bm);
  }
  if (dt == types::builtin_function) {
    auto* n = descr.as<NativeFunctionObject>();
    if (!n->self.is_null() || !n->owner) return descr;
    Value b = native_function_new(n->name, n->fn, n->owner, self, NativeArity(n->arity));
    b.as<NativeFunctionObject>()->module = n->module;
    return b;
  }
  if (dt == types::staticmethod) return descr.as<WrapperObject>()->fget;
  if (dt == types::classmethod) return bind_for_class(descr, owner);
  if (dt == types::property) return property_get(descr, self);
  if (dt->flags & (kTypeHeap | kTypeNativeDescr)) return descr_get(descr, self, owner);
  return descr;
}

Value generic_getattr(Value self, StrObject* name) {
  if (!name->interned) name = str_intern(name->view());
  TypeObject* t = type_of(self);
  Value descr = lookup(t, name);
  TypeObject* dt = nullptr;
  if (!descr.is_null()) {
    dt = type_of(descr);
    if (dt == types::property) return property_get(descr, self);
    if ((dt->flags & (kTypeHeap | kTypeNativeDescr)) && is_data_descriptor(descr)) return descr_get(descr, self, t);
  }
  if ((t->flags & kTypeInstanceLayout) && self.is_obj()) {
    Value v = instance_get_slot(self.as<InstanceObject>(), name);
    if (!v.is_null()) return v;
  } else if (is_builtin_sub(t)) {
    if (DictObject* d = builtin_sub_dict(self, false)) {
      Value v = dict_get_str(d, name);
      if (!v.is_null()) return v;
    }
  }
  if (!descr.is_null()) {
    if (dt == types::function) {
      auto* bm = gc::make<BoundMethodObject>(types::method);
      bm->func = descr;
      bm->self = self;
      return obj(bm);
    }
    return bind_method(descr, self, t);
  }
  if (name == S.__class__) return obj(t);
  if (is_dunder(name)) {
    Value w = lookup_with_wrappers(t, name);
    if (!w.is_null()) return bind_method(w, self, t);
  }
  if (name == S.__dict__ && (t->flags & kTypeInstanceLayout) && t != types::object && self.is_obj() &&
      !(t->flags & kTypeSlotsOnly))
    return obj(instance_to_dict_mode(self.as<InstanceObject>()));
  if (name == S.__dict__ && is_builtin_sub(t)) return obj(builtin_sub_dict(self, true));
  return raise_no_attr(self, name);
}

int generic_setattr(Value self, StrObject* name, Value v) {
  if (!name->interned) name = str_intern(name->view());
  TypeObject* t = type_of(self);
  Value descr = lookup(t, name);
  if (!descr.is_null()) {
    TypeObject* dt = type_of(descr);
    if (dt == types::property) return property_set(descr, self, v);
    if (dt->flags & (kTypeHeap | kTypeNativeDescr)) {
      Value f = lookup(dt, v.is_null() ? S.__delete__ : S.__set__);
      if (!f.is_null()) {
        Value a[2] = {self, v};
        Value r = call_dunder(f, descr, a, v.is_null() ? 1 : 2);
        return r.is_exc() ? -1 : 0;
      }
      if (!lookup(dt, v.is_null() ? S.__set__ : S.__delete__).is_null()) {
        raise(exc::AttributeError, v.is_null() ? "__delete__" : "__set__");
        return -1;
      }
    }
  }
  if ((t->flags & kTypeInstanceLayout) && t != types::object && self.is_obj()) {
    if (name == S.__class__ || name == S.__dict__) {
      if (name == S.__class__ && !v.is_null() && v.is_obj() && is_subtype(type_of(v), types::type)) {
        TypeObject* nt = v.as<TypeObject>();
        if ((nt->flags & kTypeHeap) && (t->flags & kTypeHeap) &&
            (nt->flags & kTypeExceptionLayout) == (t->flags & kTypeExceptionLayout)) {
          auto* o = self.as<InstanceObject>();
          instance_to_dict_mode(o);
          o->type = nt;
          return 0;
        }
        raise(exc::TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
      }
      if (name == S.__dict__ && !v.is_null() && is_dict(v)) {
        auto* o = self.as<InstanceObject>();
        instance_to_dict_mode(o);
        o->dict = v.as<DictObject>();
        return 0;
      }
    }
    if ((t->flags & kTypeSlotsOnly) && !slots_allow(t, name)) {
      raise_no_attr(self, name);
      return -1;
    }
    return instance_set_slot(self.as<InstanceObject>(), name, v);
  }
  if (is_builtin_sub(t)) {
    if (v.is_null()) {
      DictObject* d = builtin_sub_dict(self, false);
      if (!d || dict_get_str(d, name).is_null()) {
        raise_no_attr(self, name);
        return -1;
      }
      return dict_del(d, obj(name));
    }
    return dict_set_str(builtin_sub_dict(self, true), name, v);
  }
  if (descr.is_null() || v.is_null())
    raise_no_attr(self, name);
  else
    raise_fmt(exc::AttributeError, "'{}' object attribute '{}' is read-only", t->name->view(), name->view());
  return -1;
}

// -- The object type ------------------------------------------------------------------------------------
namespace cls {

Value g_object_getattribute, g_object_setattr, g_object_delattr, g_object_new, g_object_init, g_object_repr,
    g_object_str, g_object_hash, g_object_cmp[6];

Value object_repr(Value self) {
  TypeObject* t = type_of(self);
  uintptr_t p = self.is_obj() ? uintptr_t(self.as_obj()) : uintptr_t(self.bits());
  return str_value(fmt::format("<{} object at {:#x}>", type_display_name(t), p));
}

Value object_str(Value self) {
  TypeObject* t = type_of(self);
  if (t->repr) return t->repr(self);
  return object_repr(self);
}

int64_t object_hash(Value self) {
  uint64_t p = self.is_obj() ? uint64_t(uintptr_t(self.as_obj())) : self.bits();
  int64_t h = int64_t((p >> 4) | (p << 60));
  return h == -1 ? -2 : h;
}

Value object_richcompare(Value a, Value b, CmpOp op) {
  if (op == CmpOp::EQ) return a == b ? Value::true_() : g_not_implemented;
  if (op == CmpOp::NE) {
    TypeObject* t = type_of(a);
    if (!t->richcompare) return g_not_implemented;
    Value r = t->richcompare(a, b, CmpOp::EQ);
    if (r.is_exc() || r == g_not_implemented) return r;
    int x = truthy(r);
    if (x < 0) return Value::exc();
    return Value::from_bool(!x);
  }
  return g_not_implemented;
}

Value solid_repr(Value self) {
  TypeObject* sb = solid_base(type_of(self));
  return sb->repr && sb != types::object ? sb->repr(self) : object_repr(self);
}
Value solid_str(Value self) {
  TypeObject* sb = solid_base(type_of(self));
  return sb->str && sb != types::object ? sb->str(self) : object_str(self);
}
int64_t solid_hash(Value self) {
  TypeObject* sb = solid_base(type_of(self));
  if (sb->hash) return sb->hash(self);
  raise_fmt(exc::TypeError, "unhashable type: '{}'", type_name(self));
  return -1;
}
Value solid_richcompare(Value a, Value b, CmpOp op) {
  TypeObject* sb = solid_base(type_of(a));
  return sb->richcompare && sb != types::object ? sb->richcompare(a, b, op) : object_richcompare(a, b, op);
}

namespace {
bool excess(size_t nargs, TupleObject* kw) { return nargs > 0 || nkw(kw) > 0; }
}  // namespace

// An ABC with abstract methods left cannot be instantiated. Only classes whose metaclass is not
// plain `type` are checked (ABCMeta sets __abstractmethods__), which keeps plain classes' path as is.
static bool check_not_abstract(TypeObject* t) {
  if (type_of(obj(t)) == types::type) return true;
  static StrObject* s_abstract = str_intern("__abstractmethods__");
  Value am = dict_get_str(t->dict, s_abstract);
  if (am.is_null()) return true;
  int nonempty = truthy(am);
  if (nonempty <= 0) return nonempty == 0;
  Value sorted = to_list(am);
  if (sorted.is_exc()) return false;
  if (call_method(sorted, str_intern("sort"), nullptr, 0).is_exc()) return false;
  auto* l = sorted.as<ListObject>();
  std::string names;
  for (uint64_t i = 0; i < l->size; i++) {
    if (i) names += ", ";
    names += str_utf8(l->items[i]);
  }
  raise_fmt(exc::TypeError, "Can't instantiate abstract class {} with abstract method{} {}", t->name->view(),
            l->size == 1 ? "" : "s", names);
  return false;
}

Value object_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if (excess(nargs, kw) && t->init == object_init) return raise_fmt(exc::TypeError, "{}() takes no arguments", t->name->view());
  if (!check_not_abstract(t)) return Value::exc();
  return instance_new(t);
}

int object_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (!excess(nargs, kw)) return 0;
  TypeObject* t = type_of(self);
  if (t->init != object_init) {
    raise(exc::TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
    return -1;
  }
  if (t->tp_new == object_tp_new) {
    raise_fmt(exc::TypeError, "{}.__init__() takes exactly one argument (the instance to initialize)", t->name->view());
    return -1;
  }
  return 0;
}

namespace {

bool need_self(const char* what, size_t nargs) {
  if (nargs >= 1) return true;
  raise_fmt(exc::TypeError, "descriptor '{}' of 'object' object needs an argument", what);
  return false;
}

Value obj_new_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise(exc::TypeError, "object.__new__(): not enough arguments");
  if (!args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise_fmt(exc::TypeError, "object.__new__(X): X is not a type object ({})", type_name(args[0]));
  auto* t = args[0].as<TypeObject>();
  if (excess(nargs - 1, kw)) {
    if (t->tp_new != object_tp_new)
      return raise(exc::TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
    if (t->init == object_init) return raise_fmt(exc::TypeError, "{}() takes no arguments", t->name->view());
  }
  if (t->flags & kTypeExceptionLayout)
    return raise_fmt(exc::TypeError, "object.__new__({}) is not safe, use BaseException.__new__()", t->name->view());
  if (!check_not_abstract(t)) return Value::exc();
  return instance_new(t);
}

Value obj_init_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_self("__init__", nargs)) return Value::exc();
  if (object_init(args[0], args + 1, nargs - 1, kw) < 0) return Value::exc();
  return Value::none();
}

Value obj_repr_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_self("__repr__", nargs)) return Value::exc();
  return solid_repr(args[0]);
}

Value obj_str_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_self("__str__", nargs)) return Value::exc();
  return solid_str(args[0]);
}

Value obj_hash_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_self("__hash__", nargs)) return Value::exc();
  int64_t h = solid_hash(args[0]);
  return h == -1 ? Value::exc() : int_from_i64(h);
}

template <CmpOp op>
Value obj_cmp_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise(exc::TypeError, "expected 1 argument");
  return solid_richcompare(args[0], args[1], op);
}

Value obj_getattribute_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "expected 1 argument, got {}", nargs ? nargs - 1 : 0);
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  return generic_getattr(args[0], as_str(args[1]));
}

Value obj_setattr_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 3) return raise_fmt(exc::TypeError, "expected 2 arguments, got {}", nargs ? nargs - 1 : 0);
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  if (generic_setattr(args[0], as_str(args[1]), args[2]) < 0) return Value::exc();
  return Value::none();
}

Value obj_delattr_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "expected 1 argument, got {}", nargs ? nargs - 1 : 0);
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  if (generic_setattr(args[0], as_str(args[1]), Value::null()) < 0) return Value::exc();
  return Value::none();
}

Value obj_format_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise(exc::TypeError, "__format__() takes exactly one argument");
  if (!is_str(args[1]))
    return raise_fmt(exc::TypeError, "__format__() argument must be str, not {}", type_name(args[1]));
  if (as_str(args[1])->nbytes)
    return raise_fmt(exc::TypeError, "unsupported format string passed to {}.__format__", type_name(args[0]));
  return str_of(args[0]);
}

Value obj_init_subclass_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs > 1 || nkw(kw))
    return raise(exc::TypeError, "__init_subclass__() takes no keyword arguments");
  return Value::none();
}

// object.__subclasshook__(*args): NotImplemented, so issubclass falls back to the normal rules.
Value obj_subclasshook_native(Value* args, size_t nargs, TupleObject* kw) { return g_not_implemented; }

Value obj_dir_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_self("__dir__", nargs)) return Value::exc();
  ListObject* l = list_new(0);
  Value self = args[0];
  TypeObject* t = type_of(self);
  if ((t->flags & kTypeInstanceLayout) && self.is_obj()) {
    auto* o = self.as<InstanceObject>();
    if (o->shape->dict_mode) {
      DictObject* d = o->dict;
      for (uint64_t i = 0; i < d->nentries; i++)
        if (!d->entries[i].key.is_null()) list_append(l, d->entries[i].key);
    } else {
      for (uint32_t i = 0; i < o->shape->nslots; i++) list_append(l, obj((*o->shape->names)[i]));
    }
  }
  for (uint64_t k = 0; k < t->mro->size; k++) {
    DictObject* d = t->mro->items[k].as<TypeObject>()->dict;
    for (uint64_t i = 0; i < d->nentries; i++)
      if (!d->entries[i].key.is_null()) list_append(l, d->entries[i].key);
  }
  return obj(l);
}

Value obj_reduce_ex_native(Value* args, size_t nargs, TupleObject* kw) {
  return raise(exc::TypeError, "chaipy: pickling is not supported");
}

Value obj_sizeof_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_self("__sizeof__", nargs)) return Value::exc();
  return int_from_i64(type_of(args[0])->instance_size ? type_of(args[0])->instance_size : 16);
}

}  // namespace

void init_object_methods() {
  TypeObject* O = types::object;
  O->repr = object_repr;
  O->str = object_str;
  O->hash = object_hash;
  O->richcompare = object_richcompare;
  O->getattr = nullptr;  // null = generic_getattr (the VM's attribute caches look for that)
  O->setattr = nullptr;
  O->tp_new = object_tp_new;
  O->init = object_init;
  // object() instances never get attributes; and built-in types made later inherit object's
  // slots (runtime.cpp finish_type), so object must not pass the instance trace/finalize on.
  O->trace = nullptr;
  O->finalize = nullptr;
  if (!O->root_shape) O->root_shape = shape_root_new();
  types::shape->trace = shape_trace;
  types::shape->finalize = shape_finalize;

  g_object_new = native_static("__new__", obj_new_native, O);
  dict_set_str(O->dict, S.__new__, g_object_new);
  dict_set_str(O->dict, S.__init_subclass__, native_classmethod("__init_subclass__", obj_init_subclass_native, O));
  dict_set_str(O->dict, str_intern("__subclasshook__"), native_classmethod("__subclasshook__", obj_subclasshook_native, O));
  type_add_methods(O, {{"__init__", obj_init_native},
                       {"__repr__", obj_repr_native},
                       {"__str__", obj_str_native},
                       {"__hash__", obj_hash_native},
                       {"__eq__", obj_cmp_native<CmpOp::EQ>},
                       {"__ne__", obj_cmp_native<CmpOp::NE>},
                       {"__lt__", obj_cmp_native<CmpOp::LT>},
                       {"__le__", obj_cmp_native<CmpOp::LE>},
                       {"__gt__", obj_cmp_native<CmpOp::GT>},
                       {"__ge__", obj_cmp_native<CmpOp::GE>},
                       {"__getattribute__", obj_getattribute_native},
                       {"__setattr__", obj_setattr_native},
                       {"__delattr__", obj_delattr_native},
                       {"__format__", obj_format_native},
                       {"__dir__", obj_dir_native},
                       {"__reduce_ex__", obj_reduce_ex_native},
                       {"__sizeof__", obj_sizeof_native}});
  dict_set_str(O->dict, S.__doc__, str_value("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"));
  g_object_init = dict_get_str(O->dict, S.__init__);
  g_object_repr = dict_get_str(O->dict, S.__repr__);
  g_object_str = dict_get_str(O->dict, S.__str__);
  g_object_hash = dict_get_str(O->dict, S.__hash__);
  g_object_getattribute = dict_get_str(O->dict, S.__getattribute__);
  g_object_setattr = dict_get_str(O->dict, S.__setattr__);
  g_object_delattr = dict_get_str(O->dict, S.__delattr__);
  for (int i = 0; i < 6; i++) g_object_cmp[i] = dict_get_str(O->dict, S.cmp[i]);
  // Built-in types made before object's slots existed: the hashable-by-identity ones.
  for (TypeObject* t : {types::none, types::not_implemented, types::ellipsis, types::function,
                        types::builtin_function, types::module, types::code, types::cell, types::traceback,
                        types::generator, types::seq_iter, types::property, types::staticmethod,
                        types::classmethod, types::super, types::shape, types::method})
    if (t && !t->hash) t->hash = object_hash;
}

}  // namespace cls
void instance_trace_part(Object* o, Tracer& t) { cls::instance_trace(o, t); }
void instance_finalize_part(Object* o) { cls::instance_finalize(o); }

}  // namespace chaipy
