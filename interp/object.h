// interp/object.h — heap object layouts: the common header, type objects with their slots,
// and the core built-in object structs. Behaviour lives in interp/objects/*.cpp (one file per
// type) and interp/abstract.cpp (the generic protocols); this file is only shapes of memory.
#pragma once
#include <gmp.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interp/opcodes.h"
#include "interp/value.h"

namespace chaipy {

struct TypeObject;
struct StrObject;
struct TupleObject;
struct DictObject;
struct Tracer;

// -- Common header ---------------------------------------------------------------------------
// Every heap object starts with this. `gc` is owned by the collector (mark bit etc.); `aux` is
// free for the type's own use (e.g. flags).
struct Object {
  TypeObject* type;
  uint32_t gc;
  uint32_t aux;
};
static_assert(sizeof(Object) == 16);

// -- Slot signatures -------------------------------------------------------------------------
// Error convention everywhere in the runtime: a function returning Value returns Value::exc()
// after setting the pending exception (see errors.h); int-returning predicates return -1;
// hash returns -1. Iteration returns Value::null() when exhausted (no StopIteration raised).
using NativeFn = Value (*)(Value* args, size_t nargs, TupleObject* kwnames);  // kw values follow positional args
using TraceFn = void (*)(Object* self, Tracer& t);
using FinalizeFn = void (*)(Object* self);
using ReprFn = Value (*)(Value self);                 // returns a str
using HashFn = int64_t (*)(Value self);
using RichCmpFn = Value (*)(Value a, Value b, CmpOp op);  // may return NotImplemented
using BinaryFn = Value (*)(int op, Value a, Value b);     // op = BINARY_OP index; NotImplemented if unsupported
using UnaryFn = Value (*)(Op op, Value a);                // UNARY_NEGATIVE / POSITIVE / INVERT
using GetAttrFn = Value (*)(Value self, StrObject* name);         // raises AttributeError if missing
using SetAttrFn = int (*)(Value self, StrObject* name, Value v);  // v null: delete
using CallFn = Value (*)(Value callable, Value* args, size_t nargs, TupleObject* kwnames);
using UnaryValueFn = Value (*)(Value self);           // iter
using IterNextFn = Value (*)(Value self);             // null when exhausted
using LenFn = int64_t (*)(Value self);                // -1 on error
using GetItemFn = Value (*)(Value self, Value key);
using SetItemFn = int (*)(Value self, Value key, Value v);  // v null: delete
using ContainsFn = int (*)(Value self, Value item);
using BoolFn = int (*)(Value self);
using NewFn = Value (*)(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames);
using InitFn = int (*)(Value self, Value* args, size_t nargs, TupleObject* kwnames);
struct BufferView;
using GetBufferFn = int (*)(Value self, BufferView* view);    // -1 after raising
using ReleaseBufferFn = void (*)(Value self, BufferView* view);

enum TypeFlags : uint32_t {
  kTypeHeap = 1u << 0,          // a class created by a `class` statement
  kTypeBaseType = 1u << 1,      // may be subclassed
  kTypeInstanceLayout = 1u << 2,  // instances are InstanceObject (attributes via shapes)
  kTypeExceptionLayout = 1u << 3, // instances are ExceptionObject (an InstanceObject)
  kTypeIntSubclass = 1u << 4, kTypeStrSubclass = 1u << 5, kTypeListSubclass = 1u << 6,
  kTypeTupleSubclass = 1u << 7, kTypeDictSubclass = 1u << 8, kTypeTypeSubclass = 1u << 9,
  kTypeNativeDescr = 1u << 10,  // a built-in type whose instances are descriptors: the __get__ /
                                // __set__ / __delete__ in its dict are honoured as for classes
  kTypeWeakrefable = 1u << 11,  // weakref.ref(instance) is allowed (CPython's tp_weaklistoffset)
};

struct Shape;

struct TypeObject : Object {
  StrObject* name;          // __name__
  StrObject* qualname;      // __qualname__
  StrObject* module;        // __module__ (nullptr for builtins)
  TypeObject* base;         // __base__ (primary base), nullptr only for object
  TupleObject* bases;       // __bases__
  TupleObject* mro;         // __mro__ (including the type itself)
  DictObject* dict;         // the class namespace; methods of builtin types live here too
  uint64_t version;         // changes when this class or any base is mutated (cache guard)
  uint32_t flags;
  uint32_t instance_size;   // bytes of one instance (C++ layout)
  Shape* root_shape;        // empty shape for instances (kTypeInstanceLayout)
  std::vector<TypeObject*>* subclasses;  // weakly listed, for version invalidation

  // Slots. nullptr = not supported. For classes, abstract.cpp fills them from dunders.
  TraceFn trace;
  FinalizeFn finalize;
  ReprFn repr, str;
  HashFn hash;
  RichCmpFn richcompare;
  BinaryFn binop;
  UnaryFn unaryop;
  GetAttrFn getattr;
  SetAttrFn setattr;
  CallFn call;
  UnaryValueFn iter;
  IterNextFn iternext;
  LenFn len;
  GetItemFn getitem;
  SetItemFn setitem;
  ContainsFn contains;
  BoolFn boolean;
  NewFn tp_new;
  InitFn init;
  GetBufferFn getbuffer;          // the buffer protocol (runtime.h get_buffer)
  ReleaseBufferFn releasebuffer;  // nullptr: nothing to undo when a view is released
};

// -- Numbers -----------------------------------------------------------------------------------
// Ints outside the 48-bit immediate range. `is_big` false: the value is `small` (an int64);
// true: `big` holds it (then it does not fit in int64). Always normalised: an int that fits
// 48 bits is never an IntObject, one that fits int64 is never big.
struct IntObject : Object {
  bool is_big;
  int64_t small;
  mpz_t big;
};

struct ComplexObject : Object { double real, imag; };

// -- Strings -------------------------------------------------------------------------------------
// Immutable UTF-8, NUL-terminated; `length` in code points; ascii => O(1) indexing.
struct StrObject : Object {
  int64_t hash;             // -1 until computed
  uint64_t length;          // code points
  uint64_t nbytes;          // UTF-8 bytes (excluding NUL)
  bool ascii;
  bool interned;
  char data[];              // nbytes + 1
  std::string_view view() const { return {data, nbytes}; }
};

struct BytesObject : Object {
  int64_t hash;
  uint64_t size;
  char data[];
};

// -- Binary data (buffer protocol: runtime.h get_buffer) --------------------------------------------
// A contiguous byte view of an exporter's memory. While a view is held the exporter keeps the
// memory where it is (bytearray and array refuse to resize while they have exports).
struct BufferView {
  char* buf = nullptr;
  int64_t len = 0;           // bytes
  Value obj;                 // the exporter (null once released)
  bool readonly = true;
  int64_t itemsize = 1;
  const char* format = "B";  // struct-module code of one item
  uint32_t held = 0;         // hold_buffer's registry slot + 1 (0: not held)
};

struct ByteArrayObject : Object {
  uint64_t size, capacity;
  char* data;               // malloc'd, capacity + 1 bytes (NUL-terminated); nullptr when empty
  int64_t exports;          // buffer views held on it: resizing raises BufferError while > 0
};

// memoryview: a window (format, shape, strides) on an exporter's buffer.
constexpr int kMemoryViewMaxDim = 64;
struct MemoryViewObject : Object {
  BufferView view;          // the underlying buffer (released by release() or collection)
  char* buf;                // address of item [0, 0, ...] (strides may be negative)
  int64_t nbytes, itemsize, ndim;
  int64_t* shape;           // ndim entries, strides follow: in inline_dims for ndim <= 1, else malloc'd
  int64_t* strides;
  int64_t inline_dims[2];
  int64_t exports;          // views taken from this memoryview itself
  int64_t hash;             // -1 until computed
  bool readonly, released;
  char format[14];
};
// -- Containers ------------------------------------------------------------------------------
struct TupleObject : Object {
  int64_t hash;             // -1 until computed (only when every item is hashable)
  uint64_t size;
  Value items[];
};

struct ListObject : Object {
  uint64_t size, capacity;
  Value* items;             // malloc'd
};

// Insertion-ordered compact hash table (CPython's layout): `indices` maps hash slots to entry
// numbers, `entries` is the dense array in insertion order (deleted entries have key null).
struct DictEntry { int64_t hash; Value key; Value value; };
struct DictObject : Object {
  uint64_t version;         // bumped on every mutation (global-lookup caches guard on it)
  uint64_t layout;          // bumped when keys or entry positions change, not on value updates
                            // (the JIT reads and writes values of existing entries in place)
  uint64_t used;            // live entries
  uint64_t nentries;        // entries used including deleted
  uint64_t capacity;        // entries allocated
  uint64_t mask;            // index table size - 1 (power of two)
  int64_t* indices;         // -1 empty, -2 dummy, else entry index
  DictEntry* entries;
};

// Set and frozenset (CPython's open-addressing layout so iteration order matches CPython).
struct SetEntry { int64_t hash; Value key; };  // key null: empty; key == dummy: deleted
struct SetObject : Object {
  uint64_t fill, used, mask;
  SetEntry* table;
  int64_t hash;             // frozenset: -1 until computed
  uint64_t finger;          // pop() position
};

struct RangeObject : Object { Value start, stop, step; int64_t length; };  // length -1 if huge
struct SliceObject : Object { Value start, stop, step; };

// Generic iterators over sequences (list, tuple, str, range, dict views ...).
struct SeqIterObject : Object { Value seq; int64_t index; int64_t end; int64_t step; uint64_t extra; };

// -- Code, functions, cells, methods -----------------------------------------------------------
struct CodeUnit;
struct CodeObject;
struct CellObject : Object { Value value; };  // value null: empty cell

struct FunctionObject : Object {
  CodeObject* code;
  DictObject* globals;
  DictObject* builtins;
  TupleObject* defaults;    // nullptr if none
  DictObject* kwdefaults;   // nullptr if none
  TupleObject* closure;     // cells, nullptr if none
  StrObject* name;
  StrObject* qualname;
  Value module;             // __module__
  Value doc;
  DictObject* dict;         // function attributes, nullptr until first set
  Value annotations;        // null, MAKE_FUNCTION's (name, value, ...) tuple, or the __annotations__ dict
};

// A built-in function or an unbound method of a built-in type. `self` is null for plain
// functions and unbound methods; non-null for bound built-in methods ([].append).
// `arity` kNativeNoArgs: the call machinery rejects any argument besides self (CPython's
// METH_NOARGS) before fn runs; kNativeOneArg: exactly one positional argument besides self and
// no keywords (METH_O); kNativeVarArgs: fn checks its own arguments.
enum NativeArity : int8_t { kNativeVarArgs = -1, kNativeNoArgs = 0, kNativeOneArg = 1 };
struct NativeFunctionObject : Object {
  const char* name;
  NativeFn fn;
  TypeObject* owner;        // the type this is a method of, nullptr for module functions
  Value self;
  StrObject* module;
  int8_t arity;
};

struct BoundMethodObject : Object { Value func; Value self; };

// staticmethod / classmethod / property
struct WrapperObject : Object { Value fget, fset, fdel, doc; };

struct ModuleObject : Object {
  DictObject* dict;
  StrObject* name;
};

// -- Instances of classes ----------------------------------------------------------------------
// A shape (hidden class / PyPy map) is the ordered list of attribute names an instance has; all
// instances built by the same sequence of attribute stores share it, so `obj.x` is "check shape,
// load slot k". Shapes form a transition tree from each class's root shape. Past kMaxShapeSlots
// attributes an instance switches to dictionary mode (shape == the class's dict-mode shape).
constexpr int kMaxShapeSlots = 64;
struct Shape : Object {
  Shape* parent;
  StrObject* name;          // attribute added by the transition from parent (nullptr for roots)
  uint32_t nslots;          // attributes in this shape
  bool dict_mode;
  std::vector<StrObject*>* names;                           // slot index -> name
  std::vector<std::pair<StrObject*, Shape*>>* transitions;  // name -> child
};

// Attributes live in slots addressed through the shape (hidden class); `slots` points at the
// inline storage or, past kInlineSlots, at a malloc'd array. A shape in dictionary mode keeps
// the attributes in `dict` instead.
constexpr int kInlineSlots = 6;
struct InstanceObject : Object {
  Shape* shape;
  Value* slots;
  uint32_t capacity;
  uint32_t pad_;
  DictObject* dict;         // dictionary-mode attributes (nullptr otherwise)
  Value inline_slots[kInlineSlots];
};

// Instances of BaseException and its subclasses.
struct ExceptionObject : InstanceObject {
  TupleObject* args;
  Value traceback;          // TracebackObject or None
  Value cause;              // __cause__ (None)
  Value context;            // __context__ (None)
  bool suppress_context;
};

struct TracebackObject : Object {
  Value next;               // TracebackObject or None
  DictObject* globals;      // of the frame (tb_frame.f_globals)
  Value frame;              // tb_frame, made on first access (null until then)
  CodeObject* code;
  int32_t lasti;            // instruction index
  int32_t lineno;
};

}  // namespace chaipy
