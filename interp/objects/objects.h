// interp/objects/objects.h — private helpers shared by the built-in type implementations.
#pragma once
#include <gmp.h>

#include <string>
#include <string_view>

#include "frontend/int_digits.h"
#include "interp/runtime.h"
#include "unicode/utf8.h"

namespace chaipy {

// -- Small utilities -------------------------------------------------------------------------
// RAII mpz temporary: arithmetic on big ints builds results here before normalising.
struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  explicit Mpz(Value v) { mpz_init(z); int_to_mpz(v, z); }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  operator mpz_ptr() { return z; }
  __mpz_struct* operator->() { return z; }  // GMP macros (mpz_sgn, mpz_odd_p) use ->
};

// The "deleted" marker of set tables (never a Python value).
inline constexpr Value kSetDummy = Value::from_bits((Value::kTagSpecial << Value::kTagShift) | 2);

// Native calls pass keyword values after the positionals; nargs counts both.
inline size_t npos_args(size_t nargs, TupleObject* kwnames) { return nargs - (kwnames ? kwnames->size : 0); }

// Equality as containers use it (CPython's PyObject_RichCompareBool): identity first. Floats are
// immediates here, so every NaN is "the same object" — `nan in [nan]` is True, as in CPython.
inline int item_eq(Value a, Value b) { return a == b ? 1 : eq(a, b); }

// The result of a rich comparison `op` given a three-way comparison c (<0, 0, >0).
inline Value cmp_result(int c, CmpOp op) {
  switch (op) {
    case CmpOp::LT: return Value::from_bool(c < 0);
    case CmpOp::LE: return Value::from_bool(c <= 0);
    case CmpOp::EQ: return Value::from_bool(c == 0);
    case CmpOp::NE: return Value::from_bool(c != 0);
    case CmpOp::GT: return Value::from_bool(c > 0);
    case CmpOp::GE: return Value::from_bool(c >= 0);
  }
  return Value::false_();
}

// Fast int classification: true for small ints, bools and int64-form IntObjects.
inline bool int_get_i64(Value v, int64_t* out) {
  if (v.is_small_int()) { *out = v.as_small_int(); return true; }
  if (v.is_bool()) { *out = v.as_bool(); return true; }
  return int_to_i64(v, out);
}
inline bool is_big_int(Value v) {
  return v.is_obj() && is_int(v) && v.as<IntObject>()->is_big;
}
inline bool is_float(Value v) { return v.is_double(); }
inline bool is_set_like(Value v) {
  return v.is_obj() && (v.as_obj()->type == types::set || v.as_obj()->type == types::frozenset ||
                        is_subtype(v.as_obj()->type, types::set) || is_subtype(v.as_obj()->type, types::frozenset));
}
// bytes / bytearray or a subclass (subclass instances keep the built-in layout).
inline bool is_bytes(Value v) {
  if (!v.is_obj()) return false;
  TypeObject* t = v.as_obj()->type;
  return t == types::bytes || ((t->flags & kTypeHeap) && is_subtype(t, types::bytes));
}
inline bool is_bytearray(Value v) {
  if (!v.is_obj()) return false;
  TypeObject* t = v.as_obj()->type;
  return t == types::bytearray || ((t->flags & kTypeHeap) && is_subtype(t, types::bytearray));
}

// -- int (int.cpp) -----------------------------------------------------------------------------
int64_t int_hash(Value v);
int int_sign(Value v);                               // -1, 0, 1
int int_compare(Value a, Value b);                   // both ints: -1/0/1
int int_compare_double(Value i, double d);           // exact; d not NaN
std::string int_to_decimal(Value v);                 // no digit limit
Value int_to_str_checked(Value v);                   // str(v) with the 4300-digit limit
Value int_round(Value x, Value ndigits);             // round(int, ndigits)
Value int_binop(int op, Value a, Value b);
Value int_pow_mod(Value base, Value exp, Value mod); // three-argument pow
Value int_to_base_str(Value v, int base, bool prefix);  // bin/oct/hex style with optional 0b/0o/0x
size_t int_bit_length(Value v);
Value int_new_from(Value x);                         // int(x) semantics for one argument

// -- float (float.cpp) --------------------------------------------------------------------------
std::string float_repr_str(double d);
int64_t hash_double(double d);
Value float_round(double x, Value ndigits);
Value float_from_string(std::string_view s, Value orig);  // float('...'): ValueError names orig
Value float_binop(int op, Value a, Value b);
bool to_double(Value v, double* out);                // float or int; false (and raises) on overflow/type
Value float_pow(double a, double b);
Value float_divmod(Value a, Value b);
Value int_divmod(Value a, Value b);

// -- str (str.cpp, str_methods.cpp) ------------------------------------------------------------
// Allocates a str of nbytes bytes (data zero-filled, NUL-terminated); the caller fills data and
// then calls str_finish which computes length/ascii.
StrObject* str_alloc(size_t nbytes);
StrObject* str_finish(StrObject* s);
StrObject* str_from_ascii_char(char c);              // cached single-character strings
int64_t str_hash(StrObject* s);
bool str_eq(StrObject* a, StrObject* b);
Value str_repr_value(StrObject* s);
std::string str_repr_utf8(std::string_view s);
size_t utf8_offset(StrObject* s, int64_t cp_index);  // byte offset of the cp_index'th code point
Value str_concat(StrObject* a, StrObject* b);
Value str_getitem(Value self, Value key);
bool str_is_space_cp(uint32_t cp);                   // str.isspace() of one code point
bool str_decimal_space_to_ascii(std::string_view in, std::string* out);  // int()/float() of Unicode text
void init_str_methods(TypeObject* t);                // str_methods.cpp
Value str_split_impl(StrObject* s, Value sep, int64_t maxsplit, bool right);

// -- format (format.cpp) --------------------------------------------------------------------------
Value format_int(Value v, std::string_view spec);
Value format_float(double d, std::string_view spec, Value orig);
Value format_str(StrObject* s, std::string_view spec);
Value str_percent_format(StrObject* fmt, Value args);   // fmt % args
Value str_format_method(Value* args, size_t nargs, TupleObject* kwnames);  // args[0] = format string
Value str_format_map_method(Value* args, size_t nargs, TupleObject* kwnames);
// Python's float formatting used by repr/str/format: type e/f/g/r, precision, flags.
std::string double_to_string(double d, char type, int precision, bool alternate, bool add_dot_0);

// -- bytes / bytearray (bytes.cpp, bytes_methods.cpp, bytearray.cpp, memoryview.cpp) --------------
int64_t hash_bytes(std::string_view data);           // str.cpp: the hash of str and bytes
std::string_view bytes_view(Value v);                // v is bytes
inline std::string_view bytes_like_view(Value v) {   // v is bytes or bytearray
  if (is_bytes(v)) return bytes_view(v);
  auto* b = v.as<ByteArrayObject>();
  return {b->data, b->size};
}
std::string bytes_repr_body(std::string_view s);    // b'...' with CPython's quoting
bool bytes_percent_format(std::string_view fmt, Value args, std::string* out);
bool bytes_from_object(Value x, std::string* out, const char* tname);  // bytes(x) for non-str x
bool byte_from_value(Value v, int64_t* out);         // an int in range(256), else raises
Value bytes_like_getitem(std::string_view s, Value key, bool as_bytearray);
int bytes_contains_impl(std::string_view s, Value item);
Value bytes_hex_impl(std::string_view s, Value* args, size_t nargs, TupleObject* kw);  // hex(sep, bytes_per_sep)
void init_bytes_methods(TypeObject* t);              // the methods bytes and bytearray share
void init_bytearray_type();
void init_memoryview_type();
int bytearray_resize(ByteArrayObject* b, uint64_t size);  // -1 after BufferError (exported)

// -- tuple / list (tuple.cpp, list.cpp) ---------------------------------------------------------
Value tuple_from_array(const Value* items, size_t n);
Value list_from_array(const Value* items, size_t n);
int list_extend(ListObject* l, Value iterable);
int list_reserve(ListObject* l, size_t n);
Value list_sort_impl(ListObject* l, Value key, bool reverse);
// Lexicographic comparison of two Value arrays (tuple and list richcompare).
Value seq_richcompare(const Value* a, size_t na, const Value* b, size_t nb, CmpOp op);
// A big int constant (decimal digits, as the compiler stores it): no int_max_str_digits limit,
// which CPython applies to decimal literals at compile time only; ValueError if not digits.
Value int_from_decimal_literal(const std::string& digits);
BytesObject* bytes_alloc(size_t n);  // uninitialised data; sizes a program chose: check_bytes_alloc first
// dst = k copies of src[0, len) (dst holds len * k bytes).
void fill_repeat(char* dst, const char* src, size_t len, uint64_t k);
Value seq_repeat_count(Value n, int64_t* out);       // n for seq * n; NotImplemented if not an int
int64_t tuple_hash(Value self);
Value seq_index_impl(const char* tname, const Value* items, size_t n, Value* args, size_t nargs);
Value seq_count_impl(const Value* items, size_t n, Value x);

// Adds a classmethod implemented natively (args[0] is the class when called).
void type_add_classmethod(TypeObject* t, const char* name, NativeFn fn);
// The native `__class_getitem__` classmethod of generic built-in types: types.GenericAlias(cls, item).
Value class_getitem_generic_alias(Value* args, size_t nargs, TupleObject* kwnames);

// repr recursion guard ([...], {...}).
bool repr_enter(Object* o);   // false if o is already being repr'd
void repr_leave(Object* o);

// -- dict / set (dict.cpp, set.cpp) ------------------------------------------------------------
struct DictViewObject : Object { DictObject* dict; };
int dict_update(DictObject* d, Value other);         // dict / mapping / iterable of pairs
int dict_merge(DictObject* d, DictObject* other, bool override_existing);
DictObject* dict_copy(DictObject* d);
int64_t dict_lookup_index(DictObject* d, Value key, int64_t hash, int* err);  // entry index or -1
uint64_t* dict_version_counter();  // the global source of fresh dict versions (dict.cpp)
// Lookups that never run Python code (for the JIT's helpers): entry index, -1 if absent, or
// kLookupGeneral if a key of the same hash needs __eq__. Only for dict_simple_key keys.
constexpr int64_t kLookupGeneral = -2;
bool dict_simple_key(Value k);  // int (small), bool, None or exact str
int64_t dict_lookup_simple(DictObject* d, Value key, int64_t hash);
// DictObject::aux bit: a namespace traces read and write in place (its layout must not change
// inside a trace, so the JIT's dict helpers refuse to add keys to it).
constexpr uint32_t kDictReadInPlace = 1;
int set_contains_key(SetObject* s, Value key);      // -1 on error (unhashable)
int set_update(SetObject* s, Value iterable);
SetObject* set_copy(SetObject* s, TypeObject* type);
int set_discard_key(SetObject* s, Value key);        // 1 found, 0 not found, -1 error

// -- sequence iterators (range.cpp) ------------------------------------------------------------
// One iterator type (types::seq_iter) serves every built-in container; `aux` says which kind.
enum IterKind : uint32_t {
  kIterList = 1, kIterTuple, kIterStrAscii, kIterStr, kIterRange, kIterRangeBig, kIterDictKeys,
  kIterDictValues, kIterDictItems, kIterSet, kIterBytes, kIterListReversed, kIterGeneric,
};
constexpr int kNumIterKinds = kIterGeneric + 1;
// One type object per kind (list_iterator, range_iterator, ...), all with the SeqIterObject
// layout and seq_iter_next as iternext, so type(iter([])).__name__ matches CPython and the JIT
// can guard on the exact iterator type.
extern TypeObject* g_iter_types[kNumIterKinds];

// enumerate and zip objects (builtins_iter.cpp; the JIT's FOR_ITER reads them too).
struct EnumerateObject : Object { Value it; int64_t index; Value big; };  // big: index once past int64
struct ZipObject : Object { TupleObject* iters; bool strict; };
extern TypeObject *enumerate_type, *zip_type;
Value seq_iter_new(Value seq, IterKind kind, int64_t index, int64_t end, int64_t step);
Value seq_iter_next(Value it);
bool slice_indices(SliceObject* s, int64_t len, int64_t* start, int64_t* stop, int64_t* step, int64_t* slicelen);
bool range_contains_int(RangeObject* r, Value v);

}  // namespace chaipy
