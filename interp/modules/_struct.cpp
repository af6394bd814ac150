// interp/modules/_struct.cpp — the _struct module (what Lib/struct.py re-exports): pack, unpack,
// pack_into, unpack_from, iter_unpack, calcsize, the Struct type and struct.error, with every
// format code in native ('@', aligned) and standard ('=', '<', '>', '!') modes and CPython's
// error messages (which depend on the code and byte order exactly as _struct.c's do).
#include <cmath>
#include <cstring>
#include <vector>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

// -- Format codes, declared once: code, standard size, native size (x86-64 / AArch64 LP64) ----------
#define STRUCT_CODES(X)                                                                              \
  X('x', 1, 1) X('c', 1, 1) X('b', 1, 1) X('B', 1, 1) X('?', 1, 1) X('h', 2, 2) X('H', 2, 2)           \
  X('i', 4, 4) X('I', 4, 4) X('l', 4, 8) X('L', 4, 8) X('q', 8, 8) X('Q', 8, 8) X('n', 0, 8)           \
  X('N', 0, 8) X('e', 2, 2) X('f', 4, 4) X('d', 8, 8) X('s', 1, 1) X('p', 1, 1) X('P', 0, 8)

int code_size(char c, bool native) {
  switch (c) {
#define X(code, std, nat) \
  case code: return native ? nat : std;
    STRUCT_CODES(X)
#undef X
  }
  return -1;
}

struct Item {
  char code;
  int64_t offset;
  int64_t size;  // bytes for one value ('s'/'p': the whole field)
};

struct StructObject : Object {
  Value format;                 // the format as given (str or bytes)
  int64_t size;                 // calcsize
  int64_t nvalues;              // values pack expects
  char order;                   // '@' native, '<' little, '>' big ('=' and '!' resolved)
  std::vector<Item>* items;     // one per value (pad bytes omitted)
};

TypeObject* g_struct_type;
TypeObject* g_unpack_iter_type;
Value g_error;                  // struct.error
DictObject* g_cache;            // format -> Struct (module-level functions)

struct UnpackIterObject : Object {
  Value s;                      // the Struct
  BufferView view;
  int64_t index;
};

Value struct_error(std::string_view msg) {
  Value e = call1(g_error, str_value(msg));
  if (e.is_exc()) return e;
  return raise_value(e);
}
template <class... A>
Value struct_errorf(fmt::format_string<A...> f, A&&... a) {
  return struct_error(fmt::format(f, std::forward<A>(a)...));
}

StructObject* ST(Value v) { return v.as<StructObject>(); }

// -- Compiling a format --------------------------------------------------------------------------------
bool compile_format(StructObject* s, std::string_view f) {
  char order = '@';
  size_t i = 0;
  if (!f.empty() && std::strchr("@=<>!", f[0])) { order = f[0]; i = 1; }
  bool native = order == '@';
  if (order == '=') order = '<';  // x86-64 and AArch64 are little-endian
  if (order == '!') order = '>';
  s->order = order;
  auto* items = new std::vector<Item>();
  int64_t off = 0;
  auto fail = [&](std::string_view msg) {
    delete items;
    struct_error(msg);
    return false;
  };
  while (i < f.size()) {
    char c = f[i];
    if (std::isspace((unsigned char)c)) { i++; continue; }
    int64_t count = 1;
    bool have_count = false;
    if (c >= '0' && c <= '9') {
      count = 0;
      have_count = true;
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
        if (count > (INT64_MAX - 9) / 10) return fail("total struct size too long");
        count = count * 10 + (f[i++] - '0');
      }
      if (i >= f.size()) return fail("repeat count given without format specifier");
      c = f[i];
    }
    (void)have_count;
    i++;
    int64_t size = code_size(c, native);
    if (size <= 0) return fail("bad char in struct format");
    if (native && c != 's' && c != 'p' && c != 'x' && c != 'c' && size > 1) off = (off + size - 1) / size * size;
    if (c == 's' || c == 'p') {
      items->push_back({c, off, count});
      off += count;
    } else if (c == 'x') {
      off += count;
    } else {
      if (count > (int64_t(1) << 40)) return fail("total struct size too long");
      for (int64_t k = 0; k < count; k++) {
        items->push_back({c, off, size});
        off += size;
      }
    }
    if (off > (int64_t(1) << 40)) return fail("total struct size too long");
  }
  delete s->items;
  s->items = items;
  s->size = off;
  s->nvalues = int64_t(items->size());
  return true;
}

// -- Packing one value ----------------------------------------------------------------------------------
bool get_index_value(Value v, Value* out) {
  if (is_int(v)) { *out = v; return true; }
  static StrObject* s_index = str_intern("__index__");
  Value m = lookup_special(v, s_index);
  if (m.is_exc()) return false;
  if (m.is_null()) {
    struct_error("required argument is not an integer");
    return false;
  }
  Value r = to_index(v);
  if (r.is_exc()) return false;
  *out = r;
  return true;
}

void store_uint(char* p, uint64_t x, int64_t size, char order) {
  for (int64_t k = 0; k < size; k++) {
    int64_t pos = order == '>' ? size - 1 - k : k;
    p[pos] = char(x & 0xFF);
    x >>= 8;
  }
}

uint64_t load_uint(const char* p, int64_t size, char order) {
  uint64_t x = 0;
  for (int64_t k = 0; k < size; k++) {
    int64_t pos = order == '>' ? k : size - 1 - k;
    x = (x << 8) | (unsigned char)p[pos];
  }
  return x;
}

// IEEE 754 binary16 from a double, rounding half to even (CPython's PyFloat_Pack2).
bool pack_half(double x, uint16_t* out) {
  uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  if (std::isnan(x)) { *out = sign | 0x7E00; return true; }
  double a = std::fabs(x);
  if (std::isinf(x)) { *out = sign | 0x7C00; return true; }
  if (a == 0) { *out = sign; return true; }
  int e;
  double f = std::frexp(a, &e);  // a = f * 2^e, 0.5 <= f < 1
  // Normalise to 1 <= f < 2.
  f *= 2.0;
  e -= 1;
  uint32_t bits;
  if (e < -14) {  // subnormal
    f = std::ldexp(f, e + 14);  // value / 2^-14
    e = 0;
  } else {
    e += 15;
    f -= 1.0;
  }
  if (e >= 31) goto overflow;
  {
    f *= 1024.0;
    double fl = std::floor(f);
    double rem = f - fl;
    bits = uint32_t(fl);
    if (rem > 0.5 || (rem == 0.5 && (bits & 1))) {
      bits++;
      if (bits == 1024) {
        bits = 0;
        e++;
        if (e == 31) goto overflow;
      }
    }
    *out = uint16_t(sign | (e << 10) | bits);
    return true;
  }
overflow:
  raise(exc::OverflowError, "float too large to pack with e format");
  return false;
}

double unpack_half(uint16_t h) {
  int s = h >> 15, e = (h >> 10) & 31, f = h & 1023;
  double v;
  if (e == 0) v = std::ldexp(f, -24);
  else if (e == 31) v = f ? NAN : INFINITY;
  else v = std::ldexp(f + 1024, e - 25);
  return s ? -v : v;
}

bool get_double(Value v, double* out) {
  if (v.is_double()) { *out = v.as_double(); return true; }
  if (is_int(v)) return to_double(v, out);
  static StrObject* s_float = str_intern("__float__");
  static StrObject* s_index = str_intern("__index__");
  if (lookup_special(v, s_float).is_obj() || lookup_special(v, s_index).is_obj()) {
    Value f = call1(obj(types::float_), v);
    if (f.is_exc()) return false;
    *out = f.as_double();
    return true;
  }
  struct_error("required argument is not a float");
  return false;
}

bool pack_one(char order, const Item& it, char* p, Value v) {
  char c = it.code;
  bool native = order == '@';
  char bo = native ? '<' : order;
  switch (c) {
    case 'c': {
      if (!(is_bytes(v) || is_bytearray(v)) || bytes_like_view(v).size() != 1) {
        struct_error("char format requires a bytes object of length 1");
        return false;
      }
      *p = bytes_like_view(v)[0];
      return true;
    }
    case 's': case 'p': {
      if (!(is_bytes(v) || is_bytearray(v))) {
        struct_errorf("argument for '{}' must be a bytes object", c);
        return false;
      }
      std::string_view d = bytes_like_view(v);
      int64_t n = int64_t(d.size());
      if (c == 's') {
        if (n > it.size) n = it.size;
        std::memcpy(p, d.data(), size_t(n));
        return true;
      }
      if (it.size == 0) return true;
      if (n > it.size - 1) n = it.size - 1;
      std::memcpy(p + 1, d.data(), size_t(n));
      *p = char(n > 255 ? 255 : n);
      return true;
    }
    case '?': {
      int t = truthy(v);
      if (t < 0) return false;
      *p = char(t);
      return true;
    }
    case 'e': {
      double d;
      if (!get_double(v, &d)) return false;
      uint16_t h;
      if (!pack_half(d, &h)) return false;
      store_uint(p, h, 2, bo);
      return true;
    }
    case 'f': {
      double d;
      if (!get_double(v, &d)) return false;
      float f = float(d);
      if (!native && std::isinf(f) && std::isfinite(d)) {
        raise(exc::OverflowError, "float too large to pack with f format");
        return false;
      }
      uint32_t u;
      std::memcpy(&u, &f, 4);
      store_uint(p, u, 4, bo);
      return true;
    }
    case 'd': {
      double d;
      if (!get_double(v, &d)) return false;
      uint64_t u;
      std::memcpy(&u, &d, 8);
      store_uint(p, u, 8, bo);
      return true;
    }
  }
  // Integers.
  Value iv;
  if (!get_index_value(v, &iv)) return false;
  int64_t size = it.size;
  bool is_unsigned = std::strchr("BHILQNP", c) != nullptr;
  Mpz z(iv);
  if (c == 'P') {
    if (mpz_cmp_si(z, 0) < 0 ? !mpz_fits_slong_p(z) : mpz_sizeinbase(z, 2) > 64) {
      struct_error("int too large to convert");
      return false;
    }
    uint64_t u = 0;
    if (mpz_sgn(z) < 0) u = uint64_t(mpz_get_si(z));
    else mpz_export(&u, nullptr, -1, 8, 0, 0, z);
    store_uint(p, u, 8, bo);
    return true;
  }
  // 'b'/'B' always, and 'h'/'H' natively or little-endian, go through CPython's native packers:
  // a C long first, then a range check that names the C type.
  bool named = c == 'b' || c == 'B' || ((c == 'h' || c == 'H') && (native || order == '<'));
  // The C long / unsigned long conversion every packer starts with ("argument out of range").
  bool fits = is_unsigned && !named ? (mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= 64) : mpz_fits_slong_p(z);
  if (!fits) {
    struct_error("argument out of range");
    return false;
  }
  uint64_t u = 0;
  if (is_unsigned && !named) mpz_export(&u, nullptr, -1, 8, 0, 0, z);
  else u = uint64_t(mpz_get_si(z));
  if (size < 8) {
    bool ok = is_unsigned ? int64_t(u) >= 0 && u < (uint64_t(1) << (size * 8))
                          : int64_t(u) >= -(int64_t(1) << (size * 8 - 1)) && int64_t(u) < (int64_t(1) << (size * 8 - 1));
    if (!ok) {
      if (named) {
        const char* what = c == 'b' ? "byte" : c == 'B' ? "ubyte" : c == 'h' ? "short" : "ushort";
        int64_t hi = c == 'b' ? 127 : c == 'B' ? 255 : c == 'h' ? 32767 : 65535;
        int64_t lo = c == 'b' ? -128 : c == 'h' ? -32768 : 0;
        struct_errorf("{} format requires {} <= number <= {}", what, lo, hi);
      } else if (is_unsigned) {
        struct_errorf("'{}' format requires 0 <= number <= {}", c, (uint64_t(1) << (size * 8)) - 1);
      } else {
        int64_t largest = (int64_t(1) << (size * 8 - 1)) - 1;
        struct_errorf("'{}' format requires {} <= number <= {}", c, ~largest, largest);
      }
      return false;
    }
  }
  store_uint(p, u, size, bo);
  return true;
}

Value unpack_one(char order, const Item& it, const char* p) {
  char c = it.code;
  char bo = order == '@' ? '<' : order;
  switch (c) {
    case 'c': return bytes_new(std::string_view(p, 1));
    case 's': return bytes_new(std::string_view(p, size_t(it.size)));
    case 'p': {
      if (it.size == 0) return bytes_new("");
      int64_t n = (unsigned char)p[0];
      if (n >= it.size) n = it.size - 1;
      return bytes_new(std::string_view(p + 1, size_t(n)));
    }
    case '?': return Value::from_bool(*p != 0);
    case 'e': return Value::from_double(unpack_half(uint16_t(load_uint(p, 2, bo))));
    case 'f': {
      uint32_t u = uint32_t(load_uint(p, 4, bo));
      float f;
      std::memcpy(&f, &u, 4);
      return Value::from_double(double(f));
    }
    case 'd': {
      uint64_t u = load_uint(p, 8, bo);
      double d;
      std::memcpy(&d, &u, 8);
      return Value::from_double(d);
    }
  }
  uint64_t u = load_uint(p, it.size, bo);
  bool is_unsigned = std::strchr("BHILQNP", c) != nullptr;
  if (is_unsigned) {
    if (u <= uint64_t(INT64_MAX)) return int_from_i64(int64_t(u));
    Mpz z;
    mpz_import(z, 1, 1, 8, 0, 0, &u);
    return int_from_mpz(z);
  }
  int64_t bits = it.size * 8;
  int64_t s = bits == 64 ? int64_t(u) : (int64_t(u << (64 - bits)) >> (64 - bits));
  return int_from_i64(s);
}

// -- Struct ---------------------------------------------------------------------------------------------
void struct_finalize(Object* o) {
  auto* s = static_cast<StructObject*>(o);
  delete s->items;
  s->items = nullptr;
}
void struct_trace(Object* o, Tracer& t) { t.visit(static_cast<StructObject*>(o)->format); }

bool struct_set_format(StructObject* s, Value f) {
  std::string_view fv;
  if (is_str(f)) fv = as_str(f)->view();
  else if (is_bytes(f)) fv = bytes_view(f);
  else {
    raise_fmt(exc::TypeError, "Struct() argument 1 must be a str or bytes object, not {}", type_name(f));
    return false;
  }
  if (!compile_format(s, fv)) return false;
  s->format = f;
  return true;
}

Value struct_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  auto* s = gc::make<StructObject>(type);
  s->format = Value::none();
  s->items = new std::vector<Item>();
  s->order = '@';
  return obj(s);
}

int struct_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"format", nullptr};
  Value out[1];
  if (!parse_args("Struct", args, nargs, kw, names, 1, out)) return -1;
  return struct_set_format(ST(self), out[0]) ? 0 : -1;
}

// The cached Struct for a module-level call's format argument.
Value struct_for(Value f) {
  if (!is_str(f) && !is_bytes(f))
    return raise_fmt(exc::TypeError, "Struct() argument 1 must be a str or bytes object, not {}", type_name(f));
  Value hit = dict_get(g_cache, f);
  if (hit.is_exc()) return hit;
  if (!hit.is_null()) return hit;
  Value s = struct_tp_new(g_struct_type, nullptr, 0, nullptr);
  if (!struct_set_format(ST(s), f)) return Value::exc();
  if (g_cache->used >= 100) {
    DictObject* fresh = dict_new();
    g_cache = fresh;
  }
  if (dict_set(g_cache, f, s) < 0) return Value::exc();
  return s;
}

Value do_pack(StructObject* s, Value* vals, size_t n) {
  if (int64_t(n) != s->nvalues) return struct_errorf("pack expected {} items for packing (got {})", s->nvalues, n);
  std::string out(size_t(s->size), '\0');
  for (size_t i = 0; i < n; i++)
    if (!pack_one(s->order, (*s->items)[i], out.data() + (*s->items)[i].offset, vals[i])) return Value::exc();
  return bytes_new(out);
}

Value do_pack_into(StructObject* s, Value* args, size_t n) {
  // args: buffer, offset, values...
  if (n < 2) {
    if (n == 0) return raise(exc::TypeError, "pack_into expected buffer argument");
    return raise(exc::TypeError, "pack_into expected offset argument");
  }
  if (int64_t(n - 2) != s->nvalues) return struct_errorf("pack_into expected {} items for packing (got {})", s->nvalues, n - 2);
  BufferHold h;
  if (!is_buffer(args[0]))
    return raise_fmt(exc::TypeError, "argument must be read-write bytes-like object, not {}", type_name(args[0]));
  if (!h.get(args[0])) return Value::exc();
  if (h.v.readonly)
    return raise_fmt(exc::TypeError, "argument must be read-write bytes-like object, not {}", type_name(args[0]));
  int64_t off;
  if (!is_int(args[1]) && !lookup_special(args[1], str_intern("__index__")).is_obj())
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
  if (index_of(args[1], &off).is_exc()) return Value::exc();
  int64_t len = h.v.len;
  if (off < 0) {
    if (off + s->size > 0) return struct_errorf("no space to pack {} bytes at offset {}", s->size, off);
    if (off + len < 0) return struct_errorf("offset {} out of range for {}-byte buffer", off, len);
    off += len;
  }
  if (len - off < s->size) {
    if (off > len) return struct_errorf("offset {} out of range for {}-byte buffer", off, len);
    return struct_errorf("pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
                         s->size + off, s->size, off, len);
  }
  // In place, item by item (as CPython: a failing value leaves the earlier items written).
  for (size_t i = 0; i + 2 < n; i++)
    if (!pack_one(s->order, (*s->items)[i], h.v.buf + off + (*s->items)[i].offset, args[i + 2])) return Value::exc();
  return Value::none();
}

Value unpack_at(StructObject* s, const char* p) {
  TupleObject* t = tuple_new(size_t(s->nvalues));
  for (int64_t i = 0; i < s->nvalues; i++) {
    const Item& it = (*s->items)[size_t(i)];
    Value v = unpack_one(s->order, it, p + it.offset);
    if (v.is_exc()) return v;
    t->items[i] = v;
  }
  return obj(t);
}

Value do_unpack(StructObject* s, Value buffer) {
  BufferHold h;
  if (!h.get(buffer)) return Value::exc();
  if (h.v.len != s->size) return struct_errorf("unpack requires a buffer of {} bytes", s->size);
  return unpack_at(s, h.v.buf);
}

Value do_unpack_from(StructObject* s, Value buffer, Value offv) {
  BufferHold h;
  if (!h.get(buffer)) return Value::exc();
  int64_t off = 0;
  if (!offv.is_null()) {
    if (!is_int(offv) && !lookup_special(offv, str_intern("__index__")).is_obj())
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(offv));
    if (index_of(offv, &off).is_exc()) return Value::exc();
  }
  int64_t len = h.v.len;
  if (off < 0) {
    if (off + len < 0) return struct_errorf("offset {} out of range for {}-byte buffer", off, len);
    off += len;
  }
  if (len - off < s->size) {
    if (off > len) return struct_errorf("offset {} out of range for {}-byte buffer", off, len);
    return struct_errorf("unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                         s->size + off, s->size, off, len);
  }
  return unpack_at(s, h.v.buf + off);
}

Value do_iter_unpack(Value sv, Value buffer) {
  StructObject* s = ST(sv);
  if (s->size == 0) return struct_error("cannot iteratively unpack with a struct of length 0");
  auto* it = gc::make<UnpackIterObject>(g_unpack_iter_type);
  if (!get_buffer(buffer, &it->view)) return Value::exc();
  hold_buffer(it, &it->view);
  it->s = sv;
  if (it->view.len % s->size != 0) {
    release_buffer(&it->view);
    return struct_errorf("iterative unpacking requires a buffer of a multiple of {} bytes", s->size);
  }
  return obj(it);
}

// Struct methods (args[0] is the Struct).
Value st_pack(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pack", kw)) return Value::exc();
  return do_pack(ST(args[0]), args + 1, nargs - 1);
}
Value st_pack_into(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pack_into", kw)) return Value::exc();
  return do_pack_into(ST(args[0]), args + 1, nargs - 1);
}
Value st_unpack(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("unpack", kw) || !check_nargs("unpack", nargs - 1, 1, 1)) return Value::exc();
  return do_unpack(ST(args[0]), args[1]);
}
Value st_unpack_from(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"buffer", "offset", nullptr};
  Value out[2];
  if (!parse_args("unpack_from", args + 1, nargs - 1, kw, names, 1, out)) return Value::exc();
  return do_unpack_from(ST(args[0]), out[0], out[1]);
}
Value st_iter_unpack(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("iter_unpack", kw) || !check_nargs("iter_unpack", nargs - 1, 1, 1)) return Value::exc();
  return do_iter_unpack(args[0], args[1]);
}
Value st_sizeof(Value* args, size_t nargs, TupleObject* kw) {
  return int_from_i64(int64_t(sizeof(StructObject)) + ST(args[0])->nvalues * int64_t(sizeof(Item)));
}

Value st_getattr(Value self, StrObject* name) {
  if (name->view() == "format") {
    Value f = ST(self)->format;
    return is_bytes(f) ? bytes_decode(bytes_view(f), Value::null(), Value::null()) : f;
  }
  if (name->view() == "size") return int_from_i64(ST(self)->size);
  return generic_getattr(self, name);
}

// The unpack iterator.
void ui_trace(Object* o, Tracer& t) {
  auto* it = static_cast<UnpackIterObject*>(o);
  t.visit(it->s);
  t.visit(it->view.obj);
}
void ui_finalize(Object* o) { release_buffer(&static_cast<UnpackIterObject*>(o)->view); }
Value ui_self(Value v) { return v; }
Value ui_next(Value v) {
  auto* it = v.as<UnpackIterObject>();
  if (it->view.obj.is_null()) return Value::null();
  StructObject* s = ST(it->s);
  if (it->index + s->size > it->view.len) {
    release_buffer(&it->view);
    return Value::null();
  }
  Value r = unpack_at(s, it->view.buf + it->index);
  it->index += s->size;
  return r;
}
Value ui_length_hint(Value* args, size_t, TupleObject*) {
  auto* it = args[0].as<UnpackIterObject>();
  if (it->view.obj.is_null()) return int_from_i64(0);
  return int_from_i64((it->view.len - it->index) / ST(it->s)->size);
}

// -- Module functions ----------------------------------------------------------------------------------
Value need_format(const char* name, size_t nargs) {
  if (nargs == 0) return raise(exc::TypeError, "missing format argument");
  return Value::none();
}

Value m_pack(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pack", kw) || need_format("pack", nargs).is_exc()) return Value::exc();
  Value s = struct_for(args[0]);
  if (s.is_exc()) return s;
  return do_pack(ST(s), args + 1, nargs - 1);
}
Value m_pack_into(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pack_into", kw) || need_format("pack_into", nargs).is_exc()) return Value::exc();
  Value s = struct_for(args[0]);
  if (s.is_exc()) return s;
  return do_pack_into(ST(s), args + 1, nargs - 1);
}
Value m_unpack(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("unpack", kw) || !check_nargs("unpack", nargs, 2, 2)) return Value::exc();
  Value s = struct_for(args[0]);
  if (s.is_exc()) return s;
  return do_unpack(ST(s), args[1]);
}
Value m_unpack_from(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"", "buffer", "offset", nullptr};
  Value out[3];
  if (!parse_args("unpack_from", args, nargs, kw, names, 2, out)) return Value::exc();
  Value s = struct_for(out[0]);
  if (s.is_exc()) return s;
  return do_unpack_from(ST(s), out[1], out[2]);
}
Value m_iter_unpack(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("iter_unpack", kw) || !check_nargs("iter_unpack", nargs, 2, 2)) return Value::exc();
  Value s = struct_for(args[0]);
  if (s.is_exc()) return s;
  return do_iter_unpack(s, args[1]);
}
Value m_calcsize(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("calcsize", kw) || !check_nargs("calcsize", nargs, 1, 1)) return Value::exc();
  Value s = struct_for(args[0]);
  if (s.is_exc()) return s;
  return int_from_i64(ST(s)->size);
}
Value m_clearcache(Value* args, size_t nargs, TupleObject* kw) {
  g_cache = dict_new();
  return Value::none();
}

}  // namespace

Value make__struct_module() {
  Value m = module_new("_struct");
  DictObject* d = m.as<ModuleObject>()->dict;
  g_error = exception_type_new("struct.error", exc::Exception);
  if (g_error.is_exc()) return g_error;
  gc::add_root(&g_error);
  g_cache = dict_new();
  gc::add_root(&g_cache);

  TypeObject* t = g_struct_type = make_builtin_type("Struct", types::object, sizeof(StructObject), kTypeBaseType);
  t->module = str_intern("_struct");
  t->trace = struct_trace;
  t->finalize = struct_finalize;
  t->tp_new = struct_tp_new;
  t->init = struct_init;
  t->getattr = st_getattr;
  type_add_methods(t, {{"pack", st_pack}, {"pack_into", st_pack_into}, {"unpack", st_unpack},
                       {"unpack_from", st_unpack_from}, {"iter_unpack", st_iter_unpack},
                       {"__sizeof__", st_sizeof, kNativeNoArgs}});
  TypeObject* u = g_unpack_iter_type = make_builtin_type("unpack_iterator", types::object, sizeof(UnpackIterObject), 0);
  u->module = str_intern("_struct");
  u->trace = ui_trace;
  u->finalize = ui_finalize;
  u->iter = ui_self;
  u->iternext = ui_next;
  type_add_methods(u, {{"__length_hint__", ui_length_hint, kNativeNoArgs}});

  module_add_functions(d, {{"pack", m_pack}, {"pack_into", m_pack_into}, {"unpack", m_unpack},
                           {"unpack_from", m_unpack_from}, {"iter_unpack", m_iter_unpack},
                           {"calcsize", m_calcsize}, {"_clearcache", m_clearcache}});
  dict_set_str(d, str_intern("Struct"), obj(t));
  dict_set_str(d, str_intern("error"), g_error);
  dict_set_str(d, str_intern("__doc__"), str_value("Functions to convert between Python values and C structs."));
  return m;
}

}  // namespace chaipy
