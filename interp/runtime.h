// interp/runtime.h — the runtime API shared by the VM, the built-in types and the modules:
// well-known type objects, constructors, the generic object protocols, and errors.
//
// Error convention (CPython's): a function that fails sets the pending exception (raise_*) and
// returns Value::exc() / -1 / nullptr as its signature says. Callers check and propagate.
// Functions here never run the garbage collector themselves; collection happens only at the
// interpreter's safe points (see gc.h), so native code may hold Values in C++ locals freely —
// the native stack is scanned conservatively when a collection does happen.
#pragma once
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interp/gc.h"
#include "interp/object.h"

namespace chaipy {

// -- Well-known types and singletons -------------------------------------------------------------
namespace types {
extern TypeObject *object, *type, *int_, *bool_, *float_, *complex, *str, *bytes, *tuple, *list, *dict,
    *set, *frozenset, *range, *slice, *none, *not_implemented, *ellipsis, *function, *builtin_function,
    *method, *code, *cell, *module, *property, *staticmethod, *classmethod, *super, *traceback,
    *seq_iter, *dict_keys, *dict_values, *dict_items, *generator, *shape;
extern TypeObject *coroutine, *async_generator;  // generator.cpp
extern TypeObject *bytearray, *memoryview;  // objects/bytearray.cpp, objects/memoryview.cpp
}
namespace exc {
#define EXCDEF(name, base) extern TypeObject* name;
#include "interp/exceptions.def"
#undef EXCDEF
}
extern Value g_not_implemented, g_ellipsis;
extern DictObject* g_builtins;     // the builtins module's dict
extern DictObject* g_sys_modules;  // sys.modules

// The type of any value (immediates map to int/bool/float/None).
inline TypeObject* type_of(Value v) {
  if (v.is_obj()) return v.as_obj()->type;
  if (v.is_double()) return types::float_;
  if (v.is_small_int()) return types::int_;
  if (v.is_bool()) return types::bool_;
  return types::none;
}
bool is_subtype(TypeObject* t, TypeObject* base);  // via the MRO
inline bool isinstance_exact(Value v, TypeObject* t) { return v.is_obj() && v.as_obj()->type == t; }
inline bool is_str(Value v) { return v.is_obj() && (v.as_obj()->type == types::str || (v.as_obj()->type->flags & kTypeStrSubclass)); }
inline bool is_int(Value v) {  // int, bool, or a heap int (not float)
  return v.is_small_int() || v.is_bool() || (v.is_obj() && (v.as_obj()->type == types::int_ || (v.as_obj()->type->flags & kTypeIntSubclass)));
}
inline bool is_tuple(Value v) { return v.is_obj() && (v.as_obj()->type == types::tuple || (v.as_obj()->type->flags & kTypeTupleSubclass)); }
inline bool is_list(Value v) { return v.is_obj() && (v.as_obj()->type == types::list || (v.as_obj()->type->flags & kTypeListSubclass)); }
inline bool is_dict(Value v) { return v.is_obj() && (v.as_obj()->type == types::dict || (v.as_obj()->type->flags & kTypeDictSubclass)); }
inline Value obj(const Object* o) { return Value::from_obj(o); }

// -- Errors (errors.cpp) ------------------------------------------------------------------------
Value raise(TypeObject* type, std::string_view msg);           // always returns Value::exc()
Value raise_value(Value exc);                                  // an instance or a class
template <class... A>
Value raise_fmt(TypeObject* type, fmt::format_string<A...> f, A&&... a) {
  return raise(type, fmt::format(f, std::forward<A>(a)...));
}
Value raise_key_error(Value key);
// OSError, or the subclass CPython picks for errno `err` (FileNotFoundError for ENOENT ...), with
// errno, strerror and the filename(s) when given: "[Errno 2] No such file or directory: 'x'".
Value raise_os_error(int err, Value filename = Value::null(), Value filename2 = Value::null());
TypeObject* os_error_type_for(int err);
bool exc_pending();
Value exc_fetch();                 // take the pending exception (an ExceptionObject), clearing it
void exc_restore(Value e);         // make e pending again
bool exc_matches(TypeObject* t);   // the pending exception is an instance of t
Value new_exception(TypeObject* type, std::string_view msg);  // an instance, not raised
Value exception_new(TypeObject* type, TupleObject* args);      // typeobject.cpp: type(*args) for exception types
const char* type_name(Value v);    // type(v).__name__ for messages ("module.name" for native modules' types, as tp_name)
// A new exception class, as PyErr_NewException: "module.Name" sets __module__ and __name__.
Value exception_type_new(std::string_view dotted_name, TypeObject* base);

// -- Constructors (objects/*.cpp) --------------------------------------------------------------
StrObject* str_new(std::string_view utf8);          // utf8 must be valid UTF-8
StrObject* str_intern(std::string_view utf8);       // the unique interned string
Value str_value(std::string_view utf8);
Value int_from_i64(int64_t i);
Value int_from_mpz(const mpz_t z);
Value int_from_string(std::string_view digits, int base);  // raises ValueError like int()
bool int_to_i64(Value v, int64_t* out);             // false if v is not an int or does not fit
void int_to_mpz(Value v, mpz_t out);                // v is an int (mpz_init'ed by caller)
double int_to_double(Value v, bool* overflow);
TupleObject* tuple_new(size_t n);                   // items Null; fill them before use
Value tuple_pack(std::initializer_list<Value> items);
ListObject* list_new(size_t n);                     // size n, items None
int list_append(ListObject* l, Value v);
DictObject* dict_new();
Value dict_get(DictObject* d, Value key);           // null if missing, exc on error
Value dict_get_str(DictObject* d, StrObject* key);  // null if missing; never fails (str keys)
int dict_set(DictObject* d, Value key, Value v);
int dict_set_str(DictObject* d, StrObject* key, Value v);
int dict_del(DictObject* d, Value key);             // raises KeyError if missing
SetObject* set_new(TypeObject* type);               // set or frozenset
int set_add(SetObject* s, Value key);
Value range_new(int64_t start, int64_t stop, int64_t step);
Value slice_new(Value start, Value stop, Value step);
Value complex_new(double re, double im);
Value bytes_new(std::string_view data);
Value bytearray_new(std::string_view data);
// bytes.decode / bytearray.decode / codecs: the one place bytes become str (objects/bytes.cpp).
Value bytes_decode(std::string_view data, Value encoding, Value errors);

// format(v, spec) — the format-spec mini-language (objects/format.cpp)
Value format_value(Value v, StrObject* spec);
Value str_from_codepoint(uint32_t cp);              // chr(): a one-character str
int64_t str_codepoint_at(StrObject* s, int64_t i);  // ord()-style code point at index 0 <= i < length
Value range_reversed(Value range);                  // reversed(range) iterator

// -- Generic protocols (abstract.cpp) ---------------------------------------------------------
Value repr(Value v);                   // a str
Value str_of(Value v);                 // str(v)
int64_t hash(Value v);                 // -1 on error (TypeError: unhashable type)
int truthy(Value v);                   // 1 / 0, -1 on error
Value richcompare(Value a, Value b, CmpOp op);
Value compare_bool(Value a, Value b, CmpOp op);  // result as a Python object (not NotImplemented)
int eq(Value a, Value b);              // a == b as C bool; identity short-cut; -1 on error
Value binary_op(int op, Value a, Value b);       // op = BINARY_OP argument (in-place forms too)
Value unary_op(Op op, Value a);
Value getattr(Value o, StrObject* name);         // raises AttributeError
Value getattr_opt(Value o, StrObject* name);     // null if missing (AttributeError swallowed)
int setattr(Value o, StrObject* name, Value v);  // v null: delete
Value getitem(Value o, Value key);
int setitem(Value o, Value key, Value v);        // v null: delete
Value get_iter(Value o);
Value iter_next(Value it);                       // null when exhausted (StopIteration consumed)
int64_t length(Value o);                         // -1 on error
int contains(Value container, Value item);       // -1 on error
int contains_by_iteration(Value container, Value item);  // `in` through iteration (no __contains__)
bool is_callable(Value v);  // PyCallable_Check: the type has a call slot or __call__
Value call(Value callable, Value* args, size_t nargs, TupleObject* kwnames = nullptr);
Value call0(Value callable);
Value call1(Value callable, Value a);
Value call2(Value callable, Value a, Value b);
Value call_method(Value self, StrObject* name, Value* args, size_t nargs);  // self.name(*args)
int object_isinstance(Value o, Value cls);         // builtins.cpp: isinstance(o, cls) with __instancecheck__; -1 on error
Value lookup_special(Value self, StrObject* name);  // type(self).name via the MRO, bound; null if missing
Value type_lookup(TypeObject* t, StrObject* name);  // MRO lookup, unbound; null if missing
Value type_lookup_cached(TypeObject* t, StrObject* name);  // typeobject.cpp: same, through a (type, version, name) cache; no allocation
Value index_of(Value v, int64_t* out);             // __index__: 0-style result in *out; exc on error
Value to_index(Value v);                           // operator.index(v): an int (any size) or exc
Value to_list(Value iterable);                     // list(iterable)
Value to_tuple(Value iterable);

// -- Struct sequences (objects/structseq.cpp) ----------------------------------------------------
// The named tuples of C modules (sys.version_info, os.stat_result, time.struct_time): a tuple
// subtype named module.name whose first n_sequence fields are its items; the others are
// attributes only (st_atime_ns, tm_zone). A field named "" is reachable by index only.
TypeObject* make_struct_seq_type(std::string_view module, const char* name, std::vector<std::string> fields,
                                 size_t n_sequence = SIZE_MAX);
Value struct_seq_new(TypeObject* t, std::initializer_list<Value> items);  // every field, in order
Value struct_seq_from(TypeObject* t, const Value* items, size_t n);       // missing fields None
// -- The buffer protocol (objects/memoryview.cpp) ------------------------------------------------
// "Give me a contiguous byte view of this object, and whether it is writable." Exporters (bytes,
// bytearray, memoryview, array.array, BytesIO) set TypeObject::getbuffer; subclasses inherit it.
// get_buffer fills *view (raising TypeError "a bytes-like object is required, not 'T'" for
// non-exporters); every successful get_buffer is paired with release_buffer. A non-contiguous
// memoryview raises BufferError, except through get_buffer_contiguous (bytes(), bytearray(),
// tobytes: CPython's PyBuffer_ToContiguous), which hands out a read-only contiguous copy.
// Callers that write check view->readonly.
bool is_buffer(Value v);
bool get_buffer(Value v, BufferView* view);
bool get_buffer_contiguous(Value v, BufferView* view);
void release_buffer(BufferView* view);
// A view kept by a heap object (a memoryview, struct's unpack iterator) and released by its
// finalizer. Exporter and owner often die in the same collection, and a finalizer runs when the
// dead exporter's memory may already be reused: registered views are settled while the marks
// are intact, so the finalizer only releases a view whose exporter survives.
void hold_buffer(Object* owner, BufferView* view);
struct BufferHold {  // RAII: releases on scope exit
  BufferView v;
  BufferHold() = default;
  BufferHold(const BufferHold&) = delete;
  BufferHold& operator=(const BufferHold&) = delete;
  ~BufferHold() { release_buffer(&v); }
  bool get(Value o) { return get_buffer(o, &v); }
  std::string_view view() const { return {v.buf, size_t(v.len)}; }
};

// -- Types, classes, instances (runtime.cpp, typeobject.cpp, instance.cpp) ----------------------
TypeObject* make_builtin_type(const char* name, TypeObject* base, uint32_t instance_size, uint32_t flags);  // runtime.cpp
Value module_new(std::string_view name);                    // runtime.cpp; sets __name__
Value build_class(Value* args, size_t nargs, TupleObject* kwnames);  // builtins.__build_class__
void type_modified(TypeObject* t);                          // new version for t and its subclasses
Value generic_getattr(Value self, StrObject* name);         // object.__getattribute__ semantics
int generic_setattr(Value self, StrObject* name, Value v);  // object.__setattr__ (v null: delete)
Value instance_new(TypeObject* cls);                        // a bare instance (shape = root)
// Lets Python classes derive from native type t (sets kTypeBaseType, installs t.__new__). The
// contract t's tp_new / __init__ / methods must keep is in class_builtin_sub.cpp and
// docs/architecture.md ("Subclassing native types").
void type_enable_subclassing(TypeObject* t);
TypeObject* namespace_type();  // types.SimpleNamespace (class_namespace.cpp), created on first use
int shape_find(Shape* s, StrObject* name);                  // slot index or -1
Shape* shape_add(Shape* s, StrObject* name);                // child shape with name appended
Value instance_get_slot(InstanceObject* o, StrObject* name); // null if absent
int instance_set_slot(InstanceObject* o, StrObject* name, Value v);
Value bind_method(Value descr, Value self, TypeObject* owner);  // descriptor __get__ (functions, staticmethod, classmethod, property)
// The VM side of classes (vm.cpp): run a class body with `ns` as its locals; returns the body's
// return value (the __classcell__ cell or None).
Value vm_run_class_body(FunctionObject* body, DictObject* ns);
// Zero-argument super(): the __class__ cell and first argument of the calling Python frame.
bool vm_super_args(Value* type, Value* self);
extern int64_t g_recursion_limit;
// Native recursion (comparing, repr/str/hash of nested containers, dunders calling back) counts
// against the recursion limit together with the Python frames, as CPython's
// Py_EnterRecursiveCall does, and stops well before the end of the native stack. false after
// raising RecursionError("maximum recursion depth exceeded" + where) (vm.cpp).
bool recursion_enter(const char* where);
void recursion_leave();
struct RecursionScope {
  bool ok;
  explicit RecursionScope(const char* where) : ok(recursion_enter(where)) {}
  ~RecursionScope() { if (ok) recursion_leave(); }
};

// -- Imports (import.cpp) -------------------------------------------------------------------------
// IMPORT_NAME: __import__(name, globals, fromlist, level) semantics of CPython's importlib,
// including packages, relative imports (level > 0, resolved against globals' __package__ /
// __name__), submodules named in fromlist, sys.modules caching, and the __pycache__ cache.
Value import_name(StrObject* name, DictObject* globals, Value fromlist, int64_t level);
// A new native module of interp/modules/modules.def (not put into sys.modules), or null if
// `name` is not one; _imp.create_builtin and the import system's BuiltinImporter step.
Value import_create_builtin(std::string_view name);
// IMPORT_FROM fallback: `from pkg import sub` when `sub` is not yet an attribute of pkg.
Value import_from(Value module, StrObject* name);
// Start-up: sys.path = script_dir ('' for -c / stdin), the PYTHONPATH entries, stdlib_dir();
// marks the stdlib as a system directory (its caches go under the per-user cache root); also
// installs __import__, the built-in importlib / importlib.util modules, sys.dont_write_bytecode.
void import_init_path(std::string_view script_dir);
// CPython 3.11's Lib directory: $CHAIPY_STDLIB_DIR, else the configure-time CHAIPY_STDLIB_DIR
// (absolute, no trailing slash; "" if neither is set).
const std::string& stdlib_dir();
// `-m name`: finds `name` on sys.path (a package runs name.__main__), runs it as __main__.
// Returns the module code's result (Value::exc() with the exception pending on failure).
Value import_run_main(std::string_view modname);
// True while `module`'s code is running (CPython's __spec__._initializing): module_getattr uses it
// for "partially initialized module 'm' has no attribute 'x' (most likely due to a circular import)".
bool import_is_initializing(Value module);

// -- Native function objects and method tables ------------------------------------------------
struct MethodDef {
  const char* name;
  NativeFn fn;
  NativeArity arity = kNativeVarArgs;
};
// For a native with a declared arity: false after raising CPython's "takes no arguments" /
// "takes exactly one argument" error.
// `nargs` excludes self.
bool native_check_arity(NativeFunctionObject* f, size_t nargs, TupleObject* kwnames);
// For an unbound method of a built-in type (no self, an owner): false after raising CPython's
// "unbound method T.m() needs an argument" / "descriptor 'm' for 'T' objects doesn't apply to a
// 'U' object" unless args[0] is an instance of the owner. Every call path runs it before fn.
bool native_check_self_slow(NativeFunctionObject* f, Value* args, size_t nargs);
inline bool native_check_self(NativeFunctionObject* f, Value* args, size_t nargs) {
  if (!f->self.is_null() || !f->owner) return true;
  if (nargs && (type_of(args[0]) == f->owner || f->owner == types::object)) return true;
  return native_check_self_slow(f, args, nargs);
}
Value native_function_new(const char* name, NativeFn fn, TypeObject* owner = nullptr, Value self = Value::null(),
                          NativeArity arity = kNativeVarArgs);
// Adds each method to t->dict as an unbound native method (self is args[0] when called).
void type_add_methods(TypeObject* t, std::initializer_list<MethodDef> methods);
void module_add_functions(DictObject* module_dict, std::initializer_list<MethodDef> functions);
// Data descriptors of built-in types (CPython's getset): a property whose fget is `get` (called
// with args[0] = the instance) and fset `set` (args = instance, value) or read-only if null.
struct GetSetDef {
  const char* name;
  NativeFn get;
  NativeFn set = nullptr;
};
void type_add_getsets(TypeObject* t, std::initializer_list<GetSetDef> getsets);
// Built-in types whose instances are InstanceObjects followed by native fields (the _io classes):
// kTypeInstanceLayout, instance_size = the extended struct's size; instance_new allocates that
// size, and Python subclasses keep the layout, trace and finalize. The type's own trace /
// finalize call these for the InstanceObject part (shape, slots, __dict__).
void instance_trace_part(Object* o, Tracer& t);
void instance_finalize_part(Object* o);

// Argument-count / keyword checks with CPython's messages. Return false after raising.
bool check_no_kwargs(const char* fname, TupleObject* kwnames);
bool check_nargs(const char* fname, size_t nargs, size_t min, size_t max);
// CPython's _PyArg_CheckPositional / PyArg_UnpackTuple count check: "f expected 1 argument, got 0",
// "f expected at least 2 arguments, got 1" (check_nargs says "takes exactly one argument" for 1..1).
bool check_positional(const char* fname, size_t nargs, size_t min, size_t max);
// PyNumber_AsSsize_t(v, OverflowError): an int or __index__ into *out; OverflowError "Python int too
// large to convert to C ssize_t" if it does not fit, TypeError if v is not an integer. false on error.
bool ssize_arg(Value v, int64_t* out);
bool c_int_arg(Value v, int64_t* out);  // the same for a C int argument ("... to C int")
// Binds positional + keyword arguments to `names` (nullptr-terminated); out[i] is null when not
// given. Raises TypeError like CPython for unknown / duplicate / missing (`required` first ones).
// A name written "$name" is keyword-only, and so are all after it (CPython's `*`).
bool parse_args(const char* fname, Value* args, size_t nargs, TupleObject* kwnames,
                const char* const* names, size_t required, Value* out);

// -- Convenience ---------------------------------------------------------------------------------
inline StrObject* as_str(Value v) { return v.as<StrObject>(); }
std::string repr_utf8(Value v);        // repr(v) as std::string ("<error>" if repr raised; clears)
std::string str_utf8(Value v);

// -- Start-up ----------------------------------------------------------------------------------
// Creates every built-in type, exception class, singleton, the builtins/sys/math/time modules.
void runtime_init(int argc, char** argv);
// Per-type initialisers called by runtime_init (objects/*.cpp, modules/*.cpp).
void init_class_types();   // typeobject.cpp: object, type, super, property, methods, exceptions...
void init_code_types();    // vm_support.cpp: code, function, cell, traceback, builtin functions
void init_introspection(); // introspect.cpp: co_* / tb_* attributes, frame objects, FunctionType(...)
// sys._getframe(depth): a snapshot frame object of the depth-th caller (introspect.cpp).
Value sys_getframe(int64_t depth);
void init_generator_type(); // generator.cpp
void init_int_type();
void init_float_type();
void init_complex_type();
void init_str_type();
void init_bytes_type();
void init_tuple_type();
void init_list_type();
void init_dict_type();
void init_set_type();
void init_range_slice_types();
void init_builtins_module();                 // fills g_builtins
void init_exec_builtins();                   // builtins_exec.cpp: compile, exec, eval
Value make_sys_module(int argc, char** argv);
// The native modules of interp/modules/modules.def: one factory each, called by the import
// system the first time the module is imported.
#define MODULE(pyname, cname) Value make_##cname##_module();
#include "interp/modules/modules.def"
#undef MODULE
// The factory for native module `name`, or nullptr if there is none (import.cpp).
using ModuleFactory = Value (*)();
ModuleFactory builtin_module_factory(std::string_view name);
// Runs (and forgets) the atexit module's handlers, newest first (modules/atexit.cpp).
void run_exit_handlers();

}  // namespace chaipy
