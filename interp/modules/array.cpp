// interp/modules/array.cpp — the array module: array.array over the typecodes bBuhHiIlLqQfd with
// CPython's item conversions and messages, the sequence protocol (indexing, slices with steps,
// slice assignment and deletion, + * += *=, comparisons), the list-like methods, bytes / list /
// unicode / file conversions, byteswap, buffer_info, pickling (__reduce_ex__ with
// _array_reconstructor) and its writable buffer export (no resizing while exported).
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "interp/limits.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

struct ArrayObject : Object {
  char typecode;
  int64_t itemsize;
  uint64_t size, capacity;  // items
  char* data;               // malloc'd
  int64_t exports;
};

TypeObject *g_array_type, *g_iter_type;
Value g_reconstructor;

ArrayObject* A(Value v) { return v.as<ArrayObject>(); }
bool is_array(Value v) { return v.is_obj() && is_subtype(type_of(v), g_array_type); }

int64_t code_size(char c) {
  switch (c) {
    case 'b': case 'B': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': case 'u': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'd': return 8;
  }
  return 0;
}

// -- Storage -------------------------------------------------------------------------------------------
void arr_finalize(Object* o) {
  auto* a = static_cast<ArrayObject*>(o);
  if (a->data) {
    gc::note_external(-int64_t(a->capacity * uint64_t(a->itemsize)));
    std::free(a->data);
  }
  a->data = nullptr;
}

bool resizable(ArrayObject* a) {
  if (a->exports > 0) {
    raise(exc::BufferError, "cannot resize an array that is exporting buffers");
    return false;
  }
  return true;
}

bool resize(ArrayObject* a, uint64_t n) {
  if (n != a->size && !resizable(a)) return false;
  if (n > a->capacity) {
    uint64_t cap = std::max<uint64_t>(n, a->capacity + a->capacity / 8 + 4);
    char* p = static_cast<char*>(std::realloc(a->data, cap * uint64_t(a->itemsize)));
    if (!p) { raise(exc::MemoryError, ""); return false; }
    gc::note_external(int64_t((cap - a->capacity) * uint64_t(a->itemsize)));
    a->data = p;
    a->capacity = cap;
  }
  a->size = n;
  return true;
}

char* item(ArrayObject* a, uint64_t i) { return a->data + i * uint64_t(a->itemsize); }

// -- Item conversion (CPython's *_setitem / *_getitem) ------------------------------------------------
template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

Value get_item(ArrayObject* a, uint64_t i) {
  const char* p = item(a, i);
  switch (a->typecode) {
    case 'b': return Value::from_small_int(load<int8_t>(p));
    case 'B': return Value::from_small_int(load<uint8_t>(p));
    case 'h': return Value::from_small_int(load<int16_t>(p));
    case 'H': return Value::from_small_int(load<uint16_t>(p));
    case 'i': return Value::from_small_int(load<int32_t>(p));
    case 'I': return int_from_i64(load<uint32_t>(p));
    case 'l': case 'q': return int_from_i64(load<int64_t>(p));
    case 'L': case 'Q': {
      uint64_t u = load<uint64_t>(p);
      if (u <= uint64_t(INT64_MAX)) return int_from_i64(int64_t(u));
      Mpz z;
      mpz_import(z, 1, 1, 8, 0, 0, &u);
      return int_from_mpz(z);
    }
    case 'f': return Value::from_double(double(load<float>(p)));
    case 'd': return Value::from_double(load<double>(p));
    case 'u': return str_from_codepoint(load<uint32_t>(p));
  }
  return Value::none();
}

bool overflow(const char* msg) {
  raise(exc::OverflowError, msg);
  return false;
}

// An int through __index__ ("'float' object cannot be interpreted as an integer").
bool index_int(Value v, Mpz* z) {
  Value i = v;
  if (!is_int(v)) {
    i = to_index(v);
    if (i.is_exc()) return false;
  }
  int_to_mpz(i, *z);
  return true;
}

bool set_item(ArrayObject* a, char* p, Value v) {
  char c = a->typecode;
  if (c == 'f' || c == 'd') {
    double d;
    if (v.is_double()) d = v.as_double();
    else if (is_int(v)) { if (!to_double(v, &d)) return false; }
    else {
      Value f = lookup_special(v, str_intern("__float__")).is_obj() || lookup_special(v, str_intern("__index__")).is_obj()
                    ? call1(obj(types::float_), v)
                    : Value::null();
      if (f.is_exc()) return false;
      if (f.is_null()) {
        raise_fmt(exc::TypeError, "must be real number, not {}", type_name(v));
        return false;
      }
      d = f.as_double();
    }
    if (c == 'd') std::memcpy(p, &d, 8);
    else { float x = float(d); std::memcpy(p, &x, 4); }
    return true;
  }
  if (c == 'u') {
    if (!is_str(v) || as_str(v)->length != 1) {
      raise(exc::TypeError, "array item must be unicode character");
      return false;
    }
    uint32_t cp = uint32_t(str_codepoint_at(as_str(v), 0));
    std::memcpy(p, &cp, 4);
    return true;
  }
  Mpz z;
  if (!index_int(v, &z)) return false;
  bool fits_long = mpz_fits_slong_p(z);
  long x = fits_long ? mpz_get_si(z) : 0;
  switch (c) {
    case 'b': case 'h': {
      if (!fits_long) return overflow("Python int too large to convert to C long");
      if (x < -32768) return overflow("signed short integer is less than minimum");
      if (x > 32767) return overflow("signed short integer is greater than maximum");
      if (c == 'b') {
        if (x < -128) return overflow("signed char is less than minimum");
        if (x > 127) return overflow("signed char is greater than maximum");
        *p = char(x);
      } else {
        int16_t s = int16_t(x);
        std::memcpy(p, &s, 2);
      }
      return true;
    }
    case 'B':
      if (!fits_long) return overflow("Python int too large to convert to C long");
      if (x < 0) return overflow("unsigned byte integer is less than minimum");
      if (x > 255) return overflow("unsigned byte integer is greater than maximum");
      *p = char(x);
      return true;
    case 'H': case 'i': {
      if (!fits_long) return overflow("Python int too large to convert to C long");
      if (x < INT32_MIN) return overflow("signed integer is less than minimum");
      if (x > INT32_MAX) return overflow("signed integer is greater than maximum");
      if (c == 'H') {
        if (x < 0) return overflow("unsigned short is less than minimum");
        if (x > 65535) return overflow("unsigned short is greater than maximum");
        uint16_t s = uint16_t(x);
        std::memcpy(p, &s, 2);
      } else {
        int32_t s = int32_t(x);
        std::memcpy(p, &s, 4);
      }
      return true;
    }
    case 'l':
      if (!fits_long) return overflow("Python int too large to convert to C long");
      std::memcpy(p, &x, 8);
      return true;
    case 'q':
      if (!fits_long) return overflow("int too big to convert");
      std::memcpy(p, &x, 8);
      return true;
    case 'I': case 'L': case 'Q': {
      if (mpz_sgn(z) < 0)
        return overflow(c == 'Q' ? "can't convert negative int to unsigned" : "can't convert negative value to unsigned int");
      if (mpz_sizeinbase(z, 2) > 64)
        return overflow(c == 'Q' ? "int too big to convert" : "Python int too large to convert to C unsigned long");
      uint64_t u = 0;
      mpz_export(&u, nullptr, -1, 8, 0, 0, z);
      if (c == 'I') {
        if (u > UINT32_MAX) return overflow("unsigned int is greater than maximum");
        uint32_t s = uint32_t(u);
        std::memcpy(p, &s, 4);
      } else {
        std::memcpy(p, &u, 8);
      }
      return true;
    }
  }
  return false;
}

// Appends every item of iterable (converted) to a.
bool extend_iter(ArrayObject* a, Value iterable) {
  Value it = get_iter(iterable);
  if (it.is_exc()) return false;
  std::vector<char> tmp(size_t(a->itemsize));
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc()) return false;
    if (!set_item(a, tmp.data(), v)) return false;
    uint64_t n = a->size;
    if (!resize(a, n + 1)) return false;
    std::memcpy(item(a, n), tmp.data(), size_t(a->itemsize));
  }
  return !exc_pending();
}

bool append_bytes(ArrayObject* a, std::string_view b) {
  if (b.size() % uint64_t(a->itemsize)) {
    raise(exc::ValueError, "bytes length not a multiple of item size");
    return false;
  }
  uint64_t n = a->size;
  std::string copy(b);  // b may be a's own buffer
  if (!resize(a, n + copy.size() / uint64_t(a->itemsize))) return false;
  if (!copy.empty()) std::memcpy(item(a, n), copy.data(), copy.size());
  return true;
}

bool append_unicode(ArrayObject* a, StrObject* s) {
  uint64_t n = a->size;
  if (!resize(a, n + s->length)) return false;
  uint64_t k = n;
  for (size_t i = 0; i < s->nbytes; k++) {
    int l;
    uint32_t cp = utf8_decode(s->data + i, &l);
    std::memcpy(item(a, k), &cp, 4);
    i += size_t(l);
  }
  return true;
}

ArrayObject* new_array(TypeObject* type, char typecode) {
  auto* a = gc::make<ArrayObject>(type);
  a->typecode = typecode;
  a->itemsize = code_size(typecode);
  return a;
}

Value copy_of(ArrayObject* a, uint64_t start, uint64_t n) {
  ArrayObject* r = new_array(g_array_type, a->typecode);
  if (!resize(r, n)) return Value::exc();
  if (n) std::memcpy(r->data, item(a, start), n * uint64_t(a->itemsize));
  return obj(r);
}

std::string_view bytes_of(ArrayObject* a) { return {a->data, a->size * uint64_t(a->itemsize)}; }

// -- Type slots ----------------------------------------------------------------------------------------
Value arr_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (type == g_array_type && kw && kw->size) return raise(exc::TypeError, "array.array() takes no keyword arguments");
  size_t npos = npos_args(nargs, kw);
  if (npos < 1) return raise(exc::TypeError, "array() takes at least 1 argument (0 given)");
  if (npos > 2) return raise_fmt(exc::TypeError, "array() takes at most 2 arguments ({} given)", npos);
  if (!is_str(args[0]) || as_str(args[0])->length != 1)
    return raise_fmt(exc::TypeError, "array() argument 1 must be a unicode character, not {}", type_name(args[0]));
  char c = as_str(args[0])->data[0];
  if (!code_size(c) || as_str(args[0])->nbytes != 1)
    return raise(exc::ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  ArrayObject* a = new_array(type, c);
  if (npos == 2) {
    Value init = args[1];
    if (is_str(init)) {
      if (c != 'u') return raise_fmt(exc::TypeError, "cannot use a str to initialize an array with typecode '{}'", c);
      if (!append_unicode(a, as_str(init))) return Value::exc();
    } else if (is_array(init) && A(init)->typecode == 'u' && c != 'u') {
      return raise_fmt(exc::TypeError, "cannot use a unicode array to initialize an array with typecode '{}'", c);
    } else if (is_bytes(init) || is_bytearray(init)) {
      if (!append_bytes(a, bytes_like_view(init))) return Value::exc();
    } else if (!extend_iter(a, init)) {
      return Value::exc();
    }
  }
  return obj(a);
}

Value arr_repr(Value v) {
  ArrayObject* a = A(v);
  std::string name(type_of(v)->name->view());
  if (a->size == 0) return str_value(fmt::format("{}('{}')", name, a->typecode));
  Value inner;
  if (a->typecode == 'u') {
    std::string s;
    for (uint64_t i = 0; i < a->size; i++) utf8_append(s, load<uint32_t>(item(a, i)));
    inner = repr(str_value(s));
  } else {
    ListObject* l = list_new(a->size);
    for (uint64_t i = 0; i < a->size; i++) l->items[i] = get_item(a, i);
    inner = repr(obj(l));
  }
  if (inner.is_exc()) return inner;
  return str_value(fmt::format("{}('{}', {})", name, a->typecode, as_str(inner)->view()));
}

int64_t arr_len(Value v) { return int64_t(A(v)->size); }

bool index_arg(Value key, int64_t* i) {
  if (!is_int(key) && !lookup_special(key, str_intern("__index__")).is_obj()) {
    raise(exc::TypeError, "array indices must be integers");
    return false;
  }
  return !index_of(key, i).is_exc();
}

Value arr_getitem(Value self, Value key) {
  ArrayObject* a = A(self);
  if (isinstance_exact(key, types::slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(a->size), &start, &stop, &step, &n)) return Value::exc();
    if (step == 1) return copy_of(a, uint64_t(start), uint64_t(n));
    ArrayObject* r = new_array(g_array_type, a->typecode);
    if (!resize(r, uint64_t(n))) return Value::exc();
    for (int64_t k = 0, j = start; k < n; k++, j += step) std::memcpy(item(r, uint64_t(k)), item(a, uint64_t(j)), size_t(a->itemsize));
    return obj(r);
  }
  int64_t i;
  if (!index_arg(key, &i)) return Value::exc();
  if (i < 0) i += int64_t(a->size);
  if (i < 0 || i >= int64_t(a->size)) return raise(exc::IndexError, "array index out of range");
  return get_item(a, uint64_t(i));
}

int arr_setitem(Value self, Value key, Value v) {
  ArrayObject* a = A(self);
  if (isinstance_exact(key, types::slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(a->size), &start, &stop, &step, &n)) return -1;
    std::string src;
    if (!v.is_null()) {
      if (!is_array(v)) {
        raise_fmt(exc::TypeError, "can only assign array (not \"{}\") to array slice", type_name(v));
        return -1;
      }
      if (A(v)->typecode != a->typecode) {
        raise(exc::TypeError, "bad argument type for built-in operation");
        return -1;
      }
      src = bytes_of(A(v));
    }
    uint64_t isz = uint64_t(a->itemsize), m = src.size() / isz;
    if (step == 1) {
      if (stop < start) stop = start;
      uint64_t lo = uint64_t(start), hi = uint64_t(stop), old = a->size, nsize = old - (hi - lo) + m;
      if (nsize != old && !resizable(a)) return -1;
      if (nsize > old && !resize(a, nsize)) return -1;
      std::memmove(a->data + (lo + m) * isz, a->data + hi * isz, (old - hi) * isz);
      if (m) std::memcpy(a->data + lo * isz, src.data(), m * isz);
      a->size = nsize;
      return 0;
    }
    if (v.is_null()) {
      if (n == 0) return 0;
      if (!resizable(a)) return -1;
      std::vector<bool> gone(a->size, false);
      for (int64_t k = 0, j = start; k < n; k++, j += step) gone[size_t(j)] = true;
      uint64_t w = 0;
      for (uint64_t r = 0; r < a->size; r++)
        if (!gone[r]) std::memmove(a->data + (w++) * isz, a->data + r * isz, isz);
      a->size = w;
      return 0;
    }
    if (int64_t(m) != n) {
      raise_fmt(exc::ValueError, "attempt to assign array of size {} to extended slice of size {}", m, n);
      return -1;
    }
    for (int64_t k = 0, j = start; k < n; k++, j += step) std::memcpy(a->data + uint64_t(j) * isz, src.data() + uint64_t(k) * isz, isz);
    return 0;
  }
  int64_t i;
  if (!index_arg(key, &i)) return -1;
  if (i < 0) i += int64_t(a->size);
  if (i < 0 || i >= int64_t(a->size)) {
    raise(exc::IndexError, "array assignment index out of range");
    return -1;
  }
  if (v.is_null()) {
    if (!resizable(a)) return -1;
    uint64_t isz = uint64_t(a->itemsize);
    std::memmove(item(a, uint64_t(i)), item(a, uint64_t(i) + 1), (a->size - uint64_t(i) - 1) * isz);
    a->size--;
    return 0;
  }
  return set_item(a, item(a, uint64_t(i)), v) ? 0 : -1;
}

Value arr_richcompare(Value x, Value y, CmpOp op) {
  if (!is_array(x) || !is_array(y)) return g_not_implemented;
  ArrayObject *a = A(x), *b = A(y);
  if ((op == CmpOp::EQ || op == CmpOp::NE) && a->size != b->size) return Value::from_bool(op == CmpOp::NE);
  uint64_t n = std::min(a->size, b->size);
  for (uint64_t i = 0; i < n; i++) {
    Value u = get_item(a, i), v = get_item(b, i);
    int e = eq(u, v);
    if (e < 0) return Value::exc();
    if (!e) {
      if (op == CmpOp::EQ) return Value::false_();
      if (op == CmpOp::NE) return Value::true_();
      return richcompare(u, v, op);
    }
  }
  int c = a->size < b->size ? -1 : a->size > b->size ? 1 : 0;
  return cmp_result(c, op);
}

Value arr_binop(int opi, Value x, Value y) {
  bool inplace = opi >= kNumBinOps;
  int op = inplace ? opi - kNumBinOps : opi;
  if (op == int(BinOp::ADD)) {
    if (!is_array(x)) return g_not_implemented;
    if (!is_array(y)) return raise_fmt(exc::TypeError, "can only {} array (not \"{}\") to array", inplace ? "extend" : "append", type_name(y));
    ArrayObject *a = A(x), *b = A(y);
    if (a->typecode != b->typecode) {
      if (inplace) return raise(exc::TypeError, "can only extend with array of same kind");
      return raise(exc::TypeError, "bad argument type for built-in operation");
    }
    if (inplace) {
      if (!append_bytes(a, bytes_of(b))) return Value::exc();
      return x;
    }
    Value r = copy_of(a, 0, a->size);
    if (r.is_exc() || !append_bytes(A(r), bytes_of(b))) return Value::exc();
    return r;
  }
  if (op == int(BinOp::MULTIPLY)) {
    Value seq = is_array(x) ? x : is_array(y) ? y : Value::null();
    if (seq.is_null()) return g_not_implemented;
    int64_t k;
    Value count = seq == x ? y : x;
    Value r = seq_repeat_count(count, &k);
    if (r.is_exc()) return r;
    if (r == g_not_implemented)  // CPython's sq_repeat: the count must be an index
      return raise_fmt(exc::TypeError, "can't multiply sequence by non-int of type '{}'", type_name(count));
    ArrayObject* a = A(seq);
    uint64_t n = 0, len = a->size;
    if (k > 0 && !ssize_mul(len, uint64_t(k), nullptr, uint64_t(a->itemsize), &n)) return Value::exc();
    ArrayObject* out = inplace && seq == x ? a : new_array(g_array_type, a->typecode);
    if (n == 0) {
      if (!resize(out, 0)) return Value::exc();
      return obj(out);
    }
    if (out != a) {
      if (!resize(out, len)) return Value::exc();
      std::memcpy(out->data, a->data, len * uint64_t(a->itemsize));
    }
    if (!resize(out, n)) return Value::exc();
    // Doubling copies: the first `done` bytes are already repeated.
    uint64_t total = n * uint64_t(a->itemsize), done = len * uint64_t(a->itemsize);
    while (done < total) {
      uint64_t chunk = std::min(done, total - done);
      std::memcpy(out->data + done, out->data, chunk);
      done += chunk;
    }
    return obj(out);
  }
  return g_not_implemented;
}

int arr_contains(Value self, Value v) {
  ArrayObject* a = A(self);
  for (uint64_t i = 0; i < a->size; i++) {
    int e = eq(get_item(a, i), v);
    if (e != 0) return e;
  }
  return 0;
}

int arr_getbuffer(Value self, BufferView* v) {
  ArrayObject* a = A(self);
  if (!a->data && !resize(a, a->size)) return -1;
  v->buf = a->data ? a->data : const_cast<char*>("");
  v->len = int64_t(a->size) * a->itemsize;
  v->readonly = false;
  v->itemsize = a->itemsize;
  static const char* const formats[] = {"b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d", "w"};
  const char* codes = "bBhHiIlLqQfdu";
  v->format = formats[std::strchr(codes, a->typecode) - codes];
  a->exports++;
  return 0;
}
void arr_releasebuffer(Value self, BufferView*) { A(self)->exports--; }

// -- Methods ---------------------------------------------------------------------------------------------
Value append_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("append", kw) || !check_nargs("append", nargs - 1, 1, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  std::vector<char> tmp(size_t(a->itemsize));
  if (!set_item(a, tmp.data(), args[1])) return Value::exc();
  uint64_t n = a->size;
  if (!resize(a, n + 1)) return Value::exc();
  std::memcpy(item(a, n), tmp.data(), tmp.size());
  return Value::none();
}

Value extend_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("extend", kw) || !check_nargs("extend", nargs - 1, 1, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  if (is_array(args[1])) {
    if (A(args[1])->typecode != a->typecode) return raise(exc::TypeError, "can only extend with array of same kind");
    if (!append_bytes(a, bytes_of(A(args[1])))) return Value::exc();
    return Value::none();
  }
  if (!extend_iter(a, args[1])) return Value::exc();
  return Value::none();
}

Value insert_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("insert", kw) || !check_nargs("insert", nargs - 1, 2, 2)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t i;
  if (!is_int(args[1]) && !lookup_special(args[1], str_intern("__index__")).is_obj())
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
  if (index_of(args[1], &i).is_exc()) return Value::exc();
  std::vector<char> tmp(size_t(a->itemsize));
  if (!set_item(a, tmp.data(), args[2])) return Value::exc();
  int64_t n = int64_t(a->size);
  if (i < 0) { i += n; if (i < 0) i = 0; }
  if (i > n) i = n;
  if (!resize(a, uint64_t(n) + 1)) return Value::exc();
  std::memmove(item(a, uint64_t(i) + 1), item(a, uint64_t(i)), uint64_t(n - i) * uint64_t(a->itemsize));
  std::memcpy(item(a, uint64_t(i)), tmp.data(), tmp.size());
  return Value::none();
}

Value pop_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pop", kw) || !check_nargs("pop", nargs - 1, 0, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t i = -1;
  if (nargs > 1 && index_of(args[1], &i).is_exc()) return Value::exc();
  if (a->size == 0) return raise(exc::IndexError, "pop from empty array");
  if (i < 0) i += int64_t(a->size);
  if (i < 0 || i >= int64_t(a->size)) return raise(exc::IndexError, "pop index out of range");
  Value v = get_item(a, uint64_t(i));
  if (!resizable(a)) return Value::exc();
  std::memmove(item(a, uint64_t(i)), item(a, uint64_t(i) + 1), (a->size - uint64_t(i) - 1) * uint64_t(a->itemsize));
  a->size--;
  return v;
}

int64_t find(ArrayObject* a, Value v, uint64_t start, uint64_t stop) {
  for (uint64_t i = start; i < stop && i < a->size; i++) {
    int e = eq(get_item(a, i), v);
    if (e < 0) return -2;
    if (e) return int64_t(i);
  }
  return -1;
}

Value remove_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("remove", kw) || !check_nargs("remove", nargs - 1, 1, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t i = find(a, args[1], 0, a->size);
  if (i == -2) return Value::exc();
  if (i < 0) return raise(exc::ValueError, "array.remove(x): x not in array");
  if (!resizable(a)) return Value::exc();
  std::memmove(item(a, uint64_t(i)), item(a, uint64_t(i) + 1), (a->size - uint64_t(i) - 1) * uint64_t(a->itemsize));
  a->size--;
  return Value::none();
}

Value index_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("index", kw) || !check_nargs("index", nargs - 1, 1, 3)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t n = int64_t(a->size), start = 0, stop = n;
  if (nargs > 2 && index_of(args[2], &start).is_exc()) return Value::exc();
  if (nargs > 3 && index_of(args[3], &stop).is_exc()) return Value::exc();
  if (start < 0) { start += n; if (start < 0) start = 0; }
  if (stop < 0) { stop += n; if (stop < 0) stop = 0; }
  int64_t i = find(a, args[1], uint64_t(start), uint64_t(std::min(stop, n)));
  if (i == -2) return Value::exc();
  if (i < 0) return raise(exc::ValueError, "array.index(x): x not in array");
  return int_from_i64(i);
}

Value count_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("count", kw) || !check_nargs("count", nargs - 1, 1, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t c = 0;
  for (uint64_t i = 0; i < a->size; i++) {
    int e = eq(get_item(a, i), args[1]);
    if (e < 0) return Value::exc();
    c += e;
  }
  return int_from_i64(c);
}

Value reverse_m(Value* args, size_t, TupleObject*) {
  ArrayObject* a = A(args[0]);
  uint64_t isz = uint64_t(a->itemsize);
  std::vector<char> tmp(isz);
  for (uint64_t i = 0, j = a->size; i + 1 < j; i++, j--) {
    std::memcpy(tmp.data(), item(a, i), isz);
    std::memcpy(item(a, i), item(a, j - 1), isz);
    std::memcpy(item(a, j - 1), tmp.data(), isz);
  }
  return Value::none();
}

Value byteswap_m(Value* args, size_t, TupleObject*) {
  ArrayObject* a = A(args[0]);
  for (uint64_t i = 0; i < a->size; i++) std::reverse(item(a, i), item(a, i) + a->itemsize);
  return Value::none();
}

Value buffer_info_m(Value* args, size_t, TupleObject*) {
  ArrayObject* a = A(args[0]);
  return tuple_pack({int_from_i64(int64_t(reinterpret_cast<uintptr_t>(a->data))), int_from_i64(int64_t(a->size))});
}

Value tobytes_m(Value* args, size_t, TupleObject*) { return bytes_new(bytes_of(A(args[0]))); }

Value frombytes_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("frombytes", kw) || !check_nargs("frombytes", nargs - 1, 1, 1)) return Value::exc();
  if (is_str(args[1])) return raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(args[1]));
  BufferHold h;
  if (!h.get(args[1])) return Value::exc();
  if (!append_bytes(A(args[0]), h.view())) return Value::exc();
  return Value::none();
}

Value tolist_m(Value* args, size_t, TupleObject*) {
  ArrayObject* a = A(args[0]);
  ListObject* l = list_new(a->size);
  for (uint64_t i = 0; i < a->size; i++) l->items[i] = get_item(a, i);
  return obj(l);
}

Value fromlist_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("fromlist", kw) || !check_nargs("fromlist", nargs - 1, 1, 1)) return Value::exc();
  if (!is_list(args[1])) return raise(exc::TypeError, "arg must be list");
  ArrayObject* a = A(args[0]);
  uint64_t old = a->size;
  if (!extend_iter(a, args[1])) {
    a->size = old;  // all or nothing, as CPython
    return Value::exc();
  }
  return Value::none();
}

Value tounicode_m(Value* args, size_t, TupleObject*) {
  ArrayObject* a = A(args[0]);
  if (a->typecode != 'u') return raise(exc::ValueError, "tounicode() may only be called on unicode type arrays");
  std::string s;
  for (uint64_t i = 0; i < a->size; i++) utf8_append(s, load<uint32_t>(item(a, i)));
  return str_value(s);
}

Value fromunicode_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("fromunicode", kw) || !check_nargs("fromunicode", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "fromunicode() argument must be str, not {}", type_name(args[1]));
  ArrayObject* a = A(args[0]);
  if (a->typecode != 'u') return raise(exc::ValueError, "fromunicode() may only be called on unicode type arrays");
  if (!append_unicode(a, as_str(args[1]))) return Value::exc();
  return Value::none();
}

Value tofile_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("tofile", kw) || !check_nargs("tofile", nargs - 1, 1, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  std::string_view all = bytes_of(a);
  constexpr size_t kBlock = 64 * 1024;  // CPython writes in blocks
  for (size_t i = 0; i < all.size(); i += kBlock) {
    Value chunk = bytes_new(all.substr(i, kBlock));
    Value r = call_method(args[1], str_intern("write"), &chunk, 1);
    if (r.is_exc()) return r;
  }
  return Value::none();
}

Value fromfile_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("fromfile", kw) || !check_nargs("fromfile", nargs - 1, 2, 2)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t n;
  if (!is_int(args[2])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[2]));
  if (index_of(args[2], &n).is_exc()) return Value::exc();
  if (n < 0) return raise(exc::ValueError, "negative count");
  Value want = int_from_i64(n * a->itemsize);
  Value b = call_method(args[1], str_intern("read"), &want, 1);
  if (b.is_exc()) return b;
  if (!is_bytes(b)) return raise(exc::TypeError, "read() didn't return bytes");
  std::string_view got = bytes_view(b);
  size_t whole = got.size() - got.size() % size_t(a->itemsize);
  if (!append_bytes(a, got.substr(0, whole))) return Value::exc();
  if (int64_t(got.size()) != n * a->itemsize) return raise(exc::EOFError, "read() didn't return enough bytes");
  return Value::none();
}

// CPython's machine format codes for pickles (arraymodule.c, enum machine_format_code).
int mformat_code(char c) {
  switch (c) {
    case 'b': return 1;               // SIGNED_INT8
    case 'B': return 0;               // UNSIGNED_INT8
    case 'h': return 4;               // SIGNED_INT16_LE
    case 'H': return 2;               // UNSIGNED_INT16_LE
    case 'i': return 8;               // SIGNED_INT32_LE
    case 'I': return 6;               // UNSIGNED_INT32_LE
    case 'l': case 'q': return 12;    // SIGNED_INT64_LE
    case 'L': case 'Q': return 10;    // UNSIGNED_INT64_LE
    case 'f': return 14;              // IEEE_754_FLOAT_LE
    case 'd': return 16;              // IEEE_754_DOUBLE_LE
    case 'u': return 20;              // UTF32_LE
  }
  return -1;
}

Value reduce_ex_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__reduce_ex__", kw) || !check_nargs("__reduce_ex__", nargs - 1, 1, 1)) return Value::exc();
  ArrayObject* a = A(args[0]);
  int64_t proto;
  if (index_of(args[1], &proto).is_exc()) return Value::exc();
  Value state = getattr_opt(args[0], str_intern("__dict__"));
  if (state.is_exc()) return state;
  if (state.is_null() || (is_dict(state) && state.as<DictObject>()->used == 0)) state = Value::none();
  Value code = str_value(std::string(1, a->typecode));
  if (proto < 3) {
    Value l = tolist_m(args, 1, nullptr);
    return tuple_pack({obj(type_of(args[0])), tuple_pack({code, l}), state});
  }
  return tuple_pack({g_reconstructor, tuple_pack({obj(type_of(args[0])), code, int_from_i64(mformat_code(a->typecode)),
                                                  bytes_new(bytes_of(a))}),
                     state});
}

Value copy_m(Value* args, size_t, TupleObject*) { return copy_of(A(args[0]), 0, A(args[0])->size); }
Value deepcopy_m(Value* args, size_t nargs, TupleObject*) { return copy_of(A(args[0]), 0, A(args[0])->size); }
Value sizeof_m(Value* args, size_t, TupleObject*) {
  ArrayObject* a = A(args[0]);
  return int_from_i64(64 + int64_t(a->capacity) * a->itemsize);
}

Value arr_getattr(Value self, StrObject* name) {
  std::string_view n = name->view();
  if (n == "typecode") return str_value(std::string(1, A(self)->typecode));
  if (n == "itemsize") return int_from_i64(A(self)->itemsize);
  return generic_getattr(self, name);
}

// _array_reconstructor(arraytype, typecode, mformat_code, items): only the machine formats this
// host writes (little-endian, native sizes) are read back.
Value m_reconstructor(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_array_reconstructor", kw) || !check_nargs("_array_reconstructor", nargs, 4, 4)) return Value::exc();
  if (!args[0].is_obj() || type_of(args[0]) != types::type || !is_subtype(args[0].as<TypeObject>(), g_array_type))
    return raise_fmt(exc::TypeError, "first argument must be a type object, not {}", type_name(args[0]));
  if (!is_str(args[1]) || as_str(args[1])->length != 1 || !code_size(as_str(args[1])->data[0]))
    return raise(exc::ValueError, "second argument must be a valid type code");
  char c = as_str(args[1])->data[0];
  int64_t mf;
  if (!is_int(args[2]) || !int_get_i64(args[2], &mf)) return raise(exc::TypeError, "third argument must be a valid machine format code.");
  if (!is_bytes(args[3])) return raise_fmt(exc::TypeError, "fourth argument should be bytes, not {}", type_name(args[3]));
  if (mf != mformat_code(c)) return raise(exc::ValueError, "third argument must be a valid machine format code.");
  ArrayObject* a = new_array(args[0].as<TypeObject>(), c);
  if (!append_bytes(a, bytes_view(args[3]))) return Value::exc();
  return obj(a);
}

// -- The iterator --------------------------------------------------------------------------------------
Value it_next(Value self) {
  auto* it = self.as<SeqIterObject>();
  if (it->seq.is_null()) return Value::null();
  ArrayObject* a = A(it->seq);
  if (uint64_t(it->index) < a->size) return get_item(a, uint64_t(it->index++));
  it->seq = Value::null();
  return Value::null();
}
void it_trace(Object* o, Tracer& t) { t.visit(static_cast<SeqIterObject*>(o)->seq); }
Value it_self(Value v) { return v; }
Value arr_iter(Value self) {
  auto* it = gc::make<SeqIterObject>(g_iter_type);
  it->seq = self;
  return obj(it);
}

}  // namespace

Value make_array_module() {
  Value m = module_new("array");
  DictObject* d = m.as<ModuleObject>()->dict;
  TypeObject* t = g_array_type = make_builtin_type("array", types::object, sizeof(ArrayObject), kTypeBaseType);
  t->module = str_intern("array");
  t->finalize = arr_finalize;
  t->tp_new = arr_tp_new;
  t->repr = arr_repr;
  t->len = arr_len;
  t->getitem = arr_getitem;
  t->setitem = arr_setitem;
  t->richcompare = arr_richcompare;
  t->binop = arr_binop;
  t->contains = arr_contains;
  t->iter = arr_iter;
  t->getattr = arr_getattr;
  t->getbuffer = arr_getbuffer;
  t->releasebuffer = arr_releasebuffer;
  t->hash = nullptr;
  dict_set_str(t->dict, str_intern("__hash__"), Value::none());
  type_add_methods(t, {{"append", append_m}, {"extend", extend_m}, {"insert", insert_m}, {"pop", pop_m},
                       {"remove", remove_m}, {"index", index_m}, {"count", count_m},
                       {"reverse", reverse_m, kNativeNoArgs}, {"byteswap", byteswap_m, kNativeNoArgs},
                       {"buffer_info", buffer_info_m, kNativeNoArgs}, {"tobytes", tobytes_m, kNativeNoArgs},
                       {"frombytes", frombytes_m}, {"tolist", tolist_m, kNativeNoArgs}, {"fromlist", fromlist_m},
                       {"tounicode", tounicode_m, kNativeNoArgs}, {"fromunicode", fromunicode_m}, {"tofile", tofile_m},
                       {"fromfile", fromfile_m}, {"__reduce_ex__", reduce_ex_m}, {"__copy__", copy_m, kNativeNoArgs},
                       {"__deepcopy__", deepcopy_m}, {"__sizeof__", sizeof_m, kNativeNoArgs}});
  g_iter_type = make_builtin_type("arrayiterator", types::object, sizeof(SeqIterObject), 0);
  g_iter_type->module = str_intern("array");
  g_iter_type->trace = it_trace;
  g_iter_type->iter = it_self;
  g_iter_type->iternext = it_next;
  g_reconstructor = native_function_new("_array_reconstructor", m_reconstructor);
  g_reconstructor.as<NativeFunctionObject>()->module = str_intern("array");
  gc::add_root(&g_reconstructor);
  dict_set_str(d, str_intern("array"), obj(t));
  dict_set_str(d, str_intern("ArrayType"), obj(t));
  dict_set_str(d, str_intern("_array_reconstructor"), g_reconstructor);
  dict_set_str(d, str_intern("typecodes"), str_value("bBuhHiIlLqQfd"));
  return m;
}

}  // namespace chaipy
