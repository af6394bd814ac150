// interp/class_internal.h — private glue between typeobject.cpp, instance.cpp, descr.cpp and
// class_*.cpp (classes, instances, descriptors, exceptions). Not part of the runtime API.
#pragma once
#include <string>

#include "interp/runtime.h"

namespace chaipy::cls {

// -- Interned names ----------------------------------------------------------------------------
#define CHAIPY_CLASS_NAMES(X)                                                                             \
  X(__init__) X(__new__) X(__repr__) X(__str__) X(__hash__) X(__eq__) X(__ne__) X(__lt__) X(__le__)      \
  X(__gt__) X(__ge__) X(__neg__) X(__pos__) X(__invert__) X(__getattribute__) X(__getattr__)            \
  X(__setattr__) X(__delattr__) X(__call__) X(__iter__) X(__next__) X(__len__) X(__getitem__)           \
  X(__setitem__) X(__delitem__) X(__contains__) X(__bool__) X(__get__) X(__set__) X(__delete__)         \
  X(__set_name__) X(__init_subclass__) X(__class_getitem__) X(__class__) X(__dict__) X(__name__)         \
  X(__qualname__) X(__module__) X(__doc__) X(__mro__) X(__bases__) X(__base__) X(__classcell__)         \
  X(__slots__) X(__self__) X(__defaults__) X(__kwdefaults__) X(__code__) X(__globals__)     \
  X(__closure__) X(__wrapped__) X(__traceback__) X(__cause__) X(__context__) X(__suppress_context__)   \
  X(__notes__) X(__file__) X(__prepare__) X(__annotations__) X(__isabstractmethod__) X(__thisclass__)   \
  X(__self_class__) X(__format__) X(__builtins__) X(args) X(value) X(code) X(strerror) X(filename)      \
  X(name) X(obj) X(path) X(msg) X(fget) X(fset) X(fdel) X(metaclass) X(builtins) X(__main__) X(lineno)  \
  X(offset) X(text) X(mro) X(__subclasses__)

struct Names {
#define X(n) StrObject* n;
  CHAIPY_CLASS_NAMES(X)
#undef X
  StrObject* errno_;
  StrObject* func_;  // "__func__" (a reserved identifier)
  StrObject* binop[kNumBinOps];
  StrObject* rbinop[kNumBinOps];
  StrObject* ibinop[kNumBinOps];
  StrObject* cmp[6];  // indexed by CmpOp
};
extern Names S;
void init_names();

// -- Lookup and calls ----------------------------------------------------------------------------
// MRO lookup of an attribute on a type (unbound, null if missing), through a global cache keyed by
// (type, version, own dict version, interned name). No allocation.
Value lookup(TypeObject* t, StrObject* name);
uint64_t next_version();
// The nearest non-heap (built-in) type in t's base chain: whose C layout and default slots t uses.
TypeObject* solid_base(TypeObject* t);
// Calling convention (the VM's): `nargs` counts every argument; the last nkw(kwnames) of them
// are the keyword values.
inline size_t nkw(TupleObject* kw) { return kw ? kw->size : 0; }
// f(self, *args, **kw) without allocating for small argument counts.
Value call_prepend(Value f, Value self, Value* args, size_t nargs, TupleObject* kw);
// A dunder found on type(self): call it as a method of self.
Value call_dunder(Value f, Value self, Value* args, size_t nargs, TupleObject* kw = nullptr);
// Descriptor __get__ for attribute access on a class (no instance).
Value bind_for_class(Value descr, TypeObject* cls);
Value classmethod_bind(Value descr, TypeObject* cls);  // classmethod.__get__(None, cls) (descr: a classmethod or subclass)
bool is_data_descriptor(Value descr);
Value descr_get(Value descr, Value self, TypeObject* owner);  // user-defined __get__
std::string addr(const void* p);  // "0x7f..."
// Class-level descriptors (getset_descriptor, or member_descriptor when `member`) for attributes
// that t's getattr / setattr slots serve on instances (descr.cpp); t->getattr must handle each name
// itself, not by generic lookup.
void type_add_attribute_descrs(TypeObject* t, bool member, std::initializer_list<const char*> names);
std::string type_display_name(TypeObject* t);  // module.qualname or name (repr of types/instances)
TupleObject* empty_tuple();
TupleObject* tuple_of(Value* args, size_t n);
StrObject* intern_name(StrObject* name);  // name itself if interned
Value native_static(const char* name, NativeFn fn, TypeObject* owner);  // staticmethod(native)
Value native_classmethod(const char* name, NativeFn fn, TypeObject* owner);
Value raise_no_attr(Value self, StrObject* name);  // "'A' object has no attribute 'x'"
Value attach_name_obj(Value self, StrObject* name);  // set .name/.obj on the pending AttributeError

// -- __slots__ -----------------------------------------------------------------------------------
// A class whose every heap class in the MRO declares __slots__ (without '__dict__') only accepts
// the declared attribute names. Private flag bit (object.h's TypeFlags stop well below it).
constexpr uint32_t kTypeSlotsOnly = 1u << 24;
void slots_setup(TypeObject* t);                 // at class creation
bool slots_allow(TypeObject* t, StrObject* name);  // t has kTypeSlotsOnly
void slots_forget(TypeObject* t);                // finalizer

// -- Slots ---------------------------------------------------------------------------------------
void fill_slots(TypeObject* t);              // from the dunders in t's MRO (heap types)
void update_slots_recursive(TypeObject* t);  // t and its subclasses, after a dunder assignment
bool is_dunder(StrObject* name);

// object's slot functions (also used as defaults by the trampolines)
Value object_repr(Value self);
Value object_str(Value self);
int64_t object_hash(Value self);
Value object_richcompare(Value a, Value b, CmpOp op);
Value object_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw);
int object_init(Value self, Value* args, size_t nargs, TupleObject* kw);
// The built-in behaviour below a class: the solid base's slot (object's for plain classes).
Value solid_repr(Value self);
Value solid_str(Value self);
int64_t solid_hash(Value self);
Value solid_richcompare(Value a, Value b, CmpOp op);
// Lazily created slot wrappers of built-in types (class_slot_wrappers.cpp).
Value slot_wrapper(TypeObject* t, StrObject* name);
Value lookup_with_wrappers(TypeObject* t, StrObject* name);
// Natives in object's dict, to recognise "not overridden".
extern Value g_object_getattribute, g_object_setattr, g_object_delattr, g_object_new, g_object_init,
    g_object_repr, g_object_str, g_object_hash, g_object_cmp[6];
extern Value g_type_getattribute;  // type.__getattribute__ (typeobject.cpp): a metaclass that does not override it

// -- Types -----------------------------------------------------------------------------------------
Value type_call(Value callable, Value* args, size_t nargs, TupleObject* kw);
Value type_new_impl(TypeObject* meta, StrObject* name, TupleObject* bases, DictObject* ns, Value* kwvals,
                    TupleObject* kwnames);
Value type_getattr(Value self, StrObject* name);
int type_setattr(Value self, StrObject* name, Value v);
void type_trace(Object* o, Tracer& t);
void type_finalize(Object* o);
// C3 linearisation of (t, bases). Returns false after raising TypeError.
void purge_dead_subclasses();  // before reading or extending any subclasses list
bool compute_mro(TypeObject* t, TupleObject* bases, std::vector<TypeObject*>& out);

// -- Instances --------------------------------------------------------------------------------------
void instance_init_header(InstanceObject* o, TypeObject* t);
void instance_trace(Object* o, Tracer& t);
void instance_finalize(Object* o);
DictObject* instance_to_dict_mode(InstanceObject* o);
Shape* shape_root_new();
void shape_trace(Object* o, Tracer& t);
void shape_finalize(Object* o);

// -- Descriptors (descr.cpp) -------------------------------------------------------------------------
Value property_get(Value prop, Value self);
int property_set(Value prop, Value self, Value v);  // v null: delete
struct PropertyObject : WrapperObject {
  Value name;  // set by __set_name__ (null otherwise)
};
struct SuperObject : Object {
  TypeObject* thisclass; // the class after which lookup starts
  Value obj;             // the bound instance or class (null if unbound)
  TypeObject* obj_type;  // type(obj), or obj itself if it is a class
};

// -- Subclasses of built-in types (class_builtin_sub.cpp) ----------------------------------------------
// Returns sb if instances of a subclass of sb can be made (and sets the kType*Subclass flag).
TypeObject* subclassable_builtin_flag(TypeObject* sb, uint32_t* flag);
void builtin_sub_setup(TypeObject* t);  // trace/finalize trampolines
Value builtin_sub_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw);
DictObject* builtin_sub_dict(Value self, bool create);  // the instance's attribute dict
void init_builtin_sub_methods();
// Some heap class in t's MRO (before its first built-in base) has `name` in its own dict.
bool heap_mro_defines(TypeObject* t, StrObject* name);
inline bool is_builtin_sub(TypeObject* t) {
  return (t->flags & kTypeHeap) && !(t->flags & (kTypeInstanceLayout | kTypeTypeSubclass));
}

// -- Init parts ------------------------------------------------------------------------------------
void init_object_methods();
void init_type_methods();
void init_descr_types();
void init_generic_alias_types();  // class_generic_alias.cpp: types.GenericAlias, types.UnionType, type.__or__
// The arguments of a types.UnionType (int | str), or nullptr if v is not one.
TupleObject* union_args(Value v);
// types.GenericAlias(origin, args): what `type[int]` is.
Value generic_alias(Value origin, Value args);
void init_exception_types();
int exc_extras(Value self, TupleObject* args, Value* kwvals, TupleObject* kw);

}  // namespace chaipy::cls
