// interp/runtime.cpp — start-up: creates every built-in type and exception class, the builtins
// dict and the built-in modules; native-function objects and argument-binding helpers.
#include "interp/config.h"
#include "interp/objects/objects.h"
#include "interp/safepoint.h"
#include "interp/runtime.h"

#include <cstring>

#include "interp/vm.h"

namespace chaipy {

namespace types {
TypeObject *object, *type, *int_, *bool_, *float_, *complex, *str, *bytes, *tuple, *list, *dict, *set,
    *frozenset, *range, *slice, *none, *not_implemented, *ellipsis, *function, *builtin_function, *method,
    *code, *cell, *module, *property, *staticmethod, *classmethod, *super, *traceback, *seq_iter, *dict_keys,
    *dict_values, *dict_items, *generator, *shape;
}
namespace exc {
#define EXCDEF(name, base) TypeObject* name;
#include "interp/exceptions.def"
#undef EXCDEF
}  // namespace exc

Value g_not_implemented, g_ellipsis;
DictObject* g_builtins;
DictObject* g_sys_modules;

std::string sys_version() {
  return std::string(kPythonVersion) + " (chaipy " + kChaipyVersion + ") [GCC " __VERSION__ "]";
}

RuntimeConfig& runtime_config() {
  static RuntimeConfig c;
  return c;
}
int64_t g_recursion_limit = 1000;

// -- Type creation ------------------------------------------------------------------------------
namespace {
std::vector<TypeObject*>& all_builtin_types() {
  static auto* v = new std::vector<TypeObject*>();
  return *v;
}
void trace_builtin_types(Tracer& t) {
  for (TypeObject* ty : all_builtin_types()) t.visit(ty);
  t.visit(g_not_implemented);
  t.visit(g_ellipsis);
  t.visit(g_builtins);
  t.visit(g_sys_modules);
}

TypeObject* bare_type(uint32_t instance_size, uint32_t flags) {
  auto* t = gc::make<TypeObject>(types::type);
  t->instance_size = instance_size;
  t->flags = flags;
  t->version = 1;
  all_builtin_types().push_back(t);
  return t;
}

// Fill name, base, bases, mro and dict once str/tuple/dict exist.
void finish_type(TypeObject* t, const char* name, TypeObject* base) {
  t->name = str_intern(name);
  t->qualname = t->name;
  t->base = base;
  t->dict = dict_new();
  if (base) {
    t->bases = tuple_new(1);
    t->bases->items[0] = obj(base);
    TupleObject* bm = base->mro;
    t->mro = tuple_new(bm->size + 1);
    t->mro->items[0] = obj(t);
    for (uint64_t i = 0; i < bm->size; i++) t->mro->items[i + 1] = bm->items[i];
    if (!t->subclasses) t->subclasses = new std::vector<TypeObject*>();
    if (!base->subclasses) base->subclasses = new std::vector<TypeObject*>();
    base->subclasses->push_back(t);
    // Inherit C slots the type does not define itself. From `object` only the behaviour slots:
    // its trace/finalize/new/init assume the instance layout, which a built-in type does not have.
#define INHERIT(slot) \
  if (!t->slot) t->slot = base->slot;
    INHERIT(repr) INHERIT(str) INHERIT(hash) INHERIT(richcompare) INHERIT(getattr) INHERIT(setattr)
    if (base != types::object) {
      INHERIT(trace) INHERIT(finalize) INHERIT(tp_new) INHERIT(init)
    }
#undef INHERIT
  } else {
    t->bases = tuple_new(0);
    t->mro = tuple_new(1);
    t->mro->items[0] = obj(t);
  }
}
}  // namespace

TypeObject* make_builtin_type(const char* name, TypeObject* base, uint32_t instance_size, uint32_t flags) {
  TypeObject* t = bare_type(instance_size, flags);
  finish_type(t, name, base ? base : types::object);
  return t;
}

Value module_new(std::string_view name) {
  auto* m = gc::make<ModuleObject>(types::module);
  m->dict = dict_new();
  m->name = str_new(name);
  dict_set_str(m->dict, str_intern("__name__"), obj(m->name));
  return obj(m);
}

// -- Native functions ---------------------------------------------------------------------------
Value native_function_new(const char* name, NativeFn fn, TypeObject* owner, Value self, NativeArity arity) {
  auto* f = gc::make<NativeFunctionObject>(types::builtin_function);
  f->name = name;
  f->fn = fn;
  f->owner = owner;
  f->self = self;
  f->arity = arity;
  return obj(f);
}

bool native_check_self_slow(NativeFunctionObject* f, Value* args, size_t nargs) {
  // T.__new__ is a static method: its first argument is a class, which __new__ checks itself.
  if (std::strcmp(f->name, "__new__") == 0) return true;
  if (nargs == 0) {
    raise_fmt(exc::TypeError, "unbound method {}.{}() needs an argument", f->owner->name->view(), f->name);
    return false;
  }
  // T.__new__(cls, ...) takes a class: its own checks apply ("T.__new__(X): X is not a subtype
  // of T", as tp_new_wrapper), not this one
  bool new_of_type = std::strcmp(f->name, "__new__") == 0 && args[0].is_obj() && is_subtype(type_of(args[0]), types::type);
  if (f->owner != types::object && !new_of_type && !is_subtype(type_of(args[0]), f->owner)) {
    raise_fmt(exc::TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", f->name,
              f->owner->name->view(), type_name(args[0]));
    return false;
  }
  return true;
}

bool native_check_arity(NativeFunctionObject* f, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  if (f->arity == kNativeVarArgs || (nkw == 0 && nargs == size_t(f->arity))) return true;
  // CPython's _PyObject_FunctionStr: Type.name() for methods, module.name() outside builtins.
  std::string qual = f->owner ? fmt::format("{}.{}", f->owner->name->view(), f->name)
                     : f->module && f->module->view() != "builtins" ? fmt::format("{}.{}", f->module->view(), f->name)
                                                                    : std::string(f->name);
  if (nkw)
    raise_fmt(exc::TypeError, "{}() takes no keyword arguments", qual);
  else if (f->arity == kNativeNoArgs)
    raise_fmt(exc::TypeError, "{}() takes no arguments ({} given)", qual, nargs);
  else
    raise_fmt(exc::TypeError, "{}() takes exactly one argument ({} given)", qual, nargs);
  return false;
}

void type_add_methods(TypeObject* t, std::initializer_list<MethodDef> methods) {
  for (const MethodDef& m : methods)
    dict_set_str(t->dict, str_intern(m.name), native_function_new(m.name, m.fn, t, Value::null(), m.arity));
}

void type_add_getsets(TypeObject* t, std::initializer_list<GetSetDef> getsets) {
  for (const GetSetDef& g : getsets) {
    Value fs[2] = {native_function_new(g.name, g.get, t, Value::null()),
                   g.set ? native_function_new(g.name, g.set, t, Value::null()) : Value::none()};
    dict_set_str(t->dict, str_intern(g.name), call(obj(types::property), fs, 2));
  }
}

void module_add_functions(DictObject* d, std::initializer_list<MethodDef> functions) {
  // The module name lets the JIT recognise module functions (math.sqrt) by name.
  Value modname = dict_get_str(d, str_intern("__name__"));
  for (const MethodDef& m : functions) {
    Value f = native_function_new(m.name, m.fn, nullptr, Value::null(), m.arity);
    if (is_str(modname)) f.as<NativeFunctionObject>()->module = modname.as<StrObject>();
    dict_set_str(d, str_intern(m.name), f);
  }
}

bool check_no_kwargs(const char* fname, TupleObject* kwnames) {
  if (kwnames && kwnames->size) {
    raise_fmt(exc::TypeError, "{}() takes no keyword arguments", fname);
    return false;
  }
  return true;
}

bool check_nargs(const char* fname, size_t nargs, size_t min, size_t max) {
  if (nargs >= min && nargs <= max) return true;
  if (min == max) {
    if (min == 0)
      raise_fmt(exc::TypeError, "{}() takes no arguments ({} given)", fname, nargs);
    else if (min == 1)
      raise_fmt(exc::TypeError, "{}() takes exactly one argument ({} given)", fname, nargs);
    else
      raise_fmt(exc::TypeError, "{} expected {} arguments, got {}", fname, min, nargs);
  } else if (nargs < min) {
    raise_fmt(exc::TypeError, "{} expected at least {} argument{}, got {}", fname, min, min == 1 ? "" : "s", nargs);
  } else {
    raise_fmt(exc::TypeError, "{} expected at most {} argument{}, got {}", fname, max, max == 1 ? "" : "s", nargs);
  }
  return false;
}

bool check_positional(const char* fname, size_t nargs, size_t min, size_t max) {
  if (nargs < min) {
    raise_fmt(exc::TypeError, "{} expected {}{} argument{}, got {}", fname, min == max ? "" : "at least ", min,
              min == 1 ? "" : "s", nargs);
    return false;
  }
  if (nargs > max) {
    raise_fmt(exc::TypeError, "{} expected {}{} argument{}, got {}", fname, min == max ? "" : "at most ", max,
              max == 1 ? "" : "s", nargs);
    return false;
  }
  return true;
}

bool c_int_arg(Value v, int64_t* out) {
  Value i = to_index(v);
  if (i.is_exc()) return false;
  if (!int_to_i64(i, out) || *out < INT32_MIN || *out > INT32_MAX) {
    raise(exc::OverflowError, "Python int too large to convert to C int");
    return false;
  }
  return true;
}

bool ssize_arg(Value v, int64_t* out) {
  Value i = to_index(v);
  if (i.is_exc()) return false;
  if (!int_to_i64(i, out)) {
    raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

bool parse_args(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, const char* const* names,
                size_t required, Value* out) {
  size_t nnames = 0, maxpos = SIZE_MAX;  // a name written "$name" starts the keyword-only ones
  for (; names[nnames]; nnames++)
    if (names[nnames][0] == '$' && maxpos == SIZE_MAX) maxpos = nnames;
  size_t nkw = kwnames ? kwnames->size : 0;
  size_t npos = nargs - nkw;
  if (maxpos != SIZE_MAX && npos > maxpos) {
    raise_fmt(exc::TypeError, "{}() takes {} {} positional argument{} ({} given)", fname,
              maxpos == required ? "exactly" : "at most", maxpos, maxpos == 1 ? "" : "s", npos);
    return false;
  }
  if (npos > nnames) {
    raise_fmt(exc::TypeError, "{}() takes at most {} argument{} ({} given)", fname, nnames, nnames == 1 ? "" : "s", npos);
    return false;
  }
  for (size_t i = 0; i < nnames; i++) out[i] = i < npos ? args[i] : Value::null();
  for (size_t k = 0; k < nkw; k++) {
    std::string_view kn = as_str(kwnames->items[k])->view();
    size_t i = 0;
    for (; i < nnames; i++)
      if (kn == names[i] + (names[i][0] == '$')) break;
    if (i == nnames) {
      raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for {}()", kn, fname);
      return false;
    }
    if (!out[i].is_null()) {
      raise_fmt(exc::TypeError, "argument for {}() given by name ('{}') and position ({})", fname, kn, i + 1);
      return false;
    }
    out[i] = args[npos + k];
  }
  for (size_t i = 0; i < required; i++)
    if (out[i].is_null()) {
      raise_fmt(exc::TypeError, "{}() missing required argument '{}' (pos {})", fname, names[i], i + 1);
      return false;
    }
  return true;
}

// -- None, NotImplemented, Ellipsis ---------------------------------------------------------------
namespace {
Value none_repr(Value) { return obj(str_intern("None")); }
int none_bool(Value) { return 0; }
Value not_implemented_repr(Value) { return obj(str_intern("NotImplemented")); }
Value ellipsis_repr(Value) { return obj(str_intern("Ellipsis")); }
int64_t singleton_hash(Value v) { return int64_t((v.bits() & Value::kPayloadMask) >> 4) | 1; }
void init_singleton_types() {
  types::none->repr = none_repr;
  types::none->boolean = none_bool;
  types::none->hash = singleton_hash;
  types::not_implemented->repr = not_implemented_repr;
  types::not_implemented->hash = singleton_hash;
  types::ellipsis->repr = ellipsis_repr;
  types::ellipsis->hash = singleton_hash;
}
}  // namespace

// Accessors used by the EXCDEF expansion in runtime_init (`object` has none: it is not an exception).
#define EXCDEF(name, base) \
  [[maybe_unused]] static TypeObject* exc_base_##name() { return exc::name; }
#include "interp/exceptions.def"
#undef EXCDEF
[[maybe_unused]] static TypeObject* exc_base_object() { return types::object; }

// -- Start-up -------------------------------------------------------------------------------------
void runtime_init(int argc, char** argv) {
  static bool done = false;
  if (done) return;
  done = true;
  hash_secret_init(runtime_config().use_hash_seed, runtime_config().hash_seed);  // before any name is made
  gc::add_root_scanner(trace_builtin_types);
  using namespace types;
  // Bootstrap: type, object, str, tuple and dict must exist (bare) before any name is made.
  type = bare_type(sizeof(TypeObject), kTypeBaseType);
  type->type = type;
  object = bare_type(sizeof(InstanceObject), kTypeBaseType | kTypeInstanceLayout);
  str = bare_type(sizeof(StrObject), kTypeBaseType);
  tuple = bare_type(sizeof(TupleObject), kTypeBaseType);
  dict = bare_type(sizeof(DictObject), kTypeBaseType);
  finish_type(object, "object", nullptr);
  finish_type(type, "type", object);
  finish_type(str, "str", object);
  finish_type(tuple, "tuple", object);
  finish_type(dict, "dict", object);
  int_ = make_builtin_type("int", object, sizeof(IntObject), kTypeBaseType);
  bool_ = make_builtin_type("bool", int_, 0, 0);
  float_ = make_builtin_type("float", object, 0, kTypeBaseType);
  complex = make_builtin_type("complex", object, sizeof(ComplexObject), kTypeBaseType);
  bytes = make_builtin_type("bytes", object, sizeof(BytesObject), kTypeBaseType);
  list = make_builtin_type("list", object, sizeof(ListObject), kTypeBaseType);
  set = make_builtin_type("set", object, sizeof(SetObject), kTypeBaseType);
  frozenset = make_builtin_type("frozenset", object, sizeof(SetObject), kTypeBaseType);
  range = make_builtin_type("range", object, sizeof(RangeObject), 0);
  slice = make_builtin_type("slice", object, sizeof(SliceObject), 0);
  none = make_builtin_type("NoneType", object, 0, 0);
  not_implemented = make_builtin_type("NotImplementedType", object, sizeof(Object), 0);
  ellipsis = make_builtin_type("ellipsis", object, sizeof(Object), 0);
  function = make_builtin_type("function", object, sizeof(FunctionObject), 0);
  builtin_function = make_builtin_type("builtin_function_or_method", object, sizeof(NativeFunctionObject), 0);
  method = make_builtin_type("method", object, sizeof(BoundMethodObject), 0);
  code = make_builtin_type("code", object, 0, 0);
  cell = make_builtin_type("cell", object, sizeof(CellObject), 0);
  module = make_builtin_type("module", object, sizeof(ModuleObject), kTypeBaseType);
  property = make_builtin_type("property", object, sizeof(WrapperObject), kTypeBaseType);
  staticmethod = make_builtin_type("staticmethod", object, sizeof(WrapperObject), kTypeBaseType);
  classmethod = make_builtin_type("classmethod", object, sizeof(WrapperObject), kTypeBaseType);
  super = make_builtin_type("super", object, sizeof(WrapperObject), kTypeBaseType);
  traceback = make_builtin_type("traceback", object, sizeof(TracebackObject), 0);
  seq_iter = make_builtin_type("iterator", object, sizeof(SeqIterObject), 0);
  dict_keys = make_builtin_type("dict_keys", object, sizeof(SeqIterObject), 0);
  dict_values = make_builtin_type("dict_values", object, sizeof(SeqIterObject), 0);
  dict_items = make_builtin_type("dict_items", object, sizeof(SeqIterObject), 0);
  generator = make_builtin_type("generator", object, 0, 0);
  shape = make_builtin_type("shape", object, sizeof(Shape), 0);
  g_not_implemented = obj(gc::make<Object>(not_implemented));
  g_ellipsis = obj(gc::make<Object>(ellipsis));

  const uint32_t exc_flags = kTypeBaseType | kTypeInstanceLayout | kTypeExceptionLayout;
  {
    // `object` is the base of BaseException only; every other base is an exception class.
#define EXCDEF(name, base) \
  exc::name = make_builtin_type(#name, std::strcmp(#base, "object") == 0 ? types::object : exc_base_##base(), sizeof(ExceptionObject), exc_flags);
#include "interp/exceptions.def"
#undef EXCDEF
  }

  init_class_types();
  init_int_type();
  init_float_type();
  init_complex_type();
  init_str_type();
  init_bytes_type();
  init_tuple_type();
  init_list_type();
  init_dict_type();
  init_set_type();
  init_range_slice_types();
  init_code_types();
  init_generator_type();
  init_singleton_types();
  safepoint_init();
  g_sys_modules = dict_new();
  g_builtins = dict_new();
  init_builtins_module();
  dict_set_str(g_builtins, str_intern("__build_class__"), native_function_new("__build_class__", build_class));
  Value sys = make_sys_module(argc, argv);
  dict_set_str(g_sys_modules, str_intern("sys"), sys);
  Value bmod = module_new("builtins");
  bmod.as<ModuleObject>()->dict = g_builtins;
  dict_set_str(g_builtins, str_intern("__name__"), str_value("builtins"));
  dict_set_str(g_sys_modules, str_intern("builtins"), bmod);
}

ModuleFactory builtin_module_factory(std::string_view name) {
  static const struct { std::string_view name; ModuleFactory make; } table[] = {
#define MODULE(pyname, cname) {pyname, make_##cname##_module},
#include "interp/modules/modules.def"
#undef MODULE
  };
  for (const auto& e : table)
    if (e.name == name) return e.make;
  return nullptr;
}

}  // namespace chaipy
