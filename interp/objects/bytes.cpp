// interp/objects/bytes.cpp — the immutable bytes type: construction (from int, iterable, buffer,
// __bytes__, str + encoding), repr, hash, comparison, + * %, indexing, decode, fromhex, and its
// buffer export. The methods shared with bytearray live in bytes_methods.cpp.
#include <cstring>

#include "interp/codecs.h"
#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

BytesObject* bytes_alloc(size_t n) {
  auto* b = gc::make<BytesObject>(types::bytes, n + 1);
  b->hash = -1;
  b->size = n;
  return b;
}

Value bytes_new(std::string_view data) {
  BytesObject* b = bytes_alloc(data.size());
  if (!data.empty()) std::memcpy(b->data, data.data(), data.size());
  return obj(b);
}

std::string_view bytes_view(Value v) { return {v.as<BytesObject>()->data, v.as<BytesObject>()->size}; }

// -- repr ------------------------------------------------------------------------------------------
std::string bytes_repr_body(std::string_view s) {
  bool sq = s.find('\'') != std::string_view::npos, dq = s.find('"') != std::string_view::npos;
  char q = (sq && !dq) ? '"' : '\'';
  std::string out = "b";
  out += q;
  for (unsigned char c : s) {
    if (c == (unsigned char)q || c == '\\') { out += '\\'; out += char(c); }
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += char(c);
  }
  out += q;
  return out;
}

static Value bytes_repr(Value v) { return str_value(bytes_repr_body(bytes_view(v))); }

static int64_t bytes_hash(Value v) {
  auto* b = v.as<BytesObject>();
  if (b->hash == -1) b->hash = hash_bytes(bytes_view(v));
  return b->hash;
}

// -- Comparison and operators (bytes op any buffer) -------------------------------------------------
static Value bytes_richcompare(Value a, Value b, CmpOp op) {
  // bytes compares with bytes and bytearray (bytearray's own slot handles the reflected case);
  // memoryview compares through its own slot.
  if (!is_bytes(a) || !(is_bytes(b) || is_bytearray(b))) return g_not_implemented;
  return cmp_result(bytes_view(a).compare(bytes_like_view(b)), op);
}

static Value bytes_binop(int op, Value a, Value b) {
  int plain = op >= kNumBinOps ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (!is_bytes(a)) return g_not_implemented;
    BufferHold hb;
    if (!is_buffer(b)) return raise_fmt(exc::TypeError, "can't concat {} to bytes", type_name(b));
    if (!hb.get(b)) return Value::exc();
    std::string out(bytes_view(a));
    out += hb.view();
    return bytes_new(out);
  }
  if (plain == int(BinOp::MULTIPLY)) {
    Value seq = is_bytes(a) ? a : is_bytes(b) ? b : Value::null();
    if (seq.is_null()) return g_not_implemented;
    int64_t k;
    Value r = seq_repeat_count(seq == a ? b : a, &k);
    if (r.is_exc() || r == g_not_implemented) return r;
    std::string_view s = bytes_view(seq);
    if (k <= 0 || s.empty()) return bytes_new("");
    if (k == 1 && seq.as_obj()->type == types::bytes) return seq;
    uint64_t n;
    if (!ssize_mul(s.size(), uint64_t(k), "repeated bytes are too long", 1, &n) || !check_bytes_alloc(n))
      return Value::exc();
    BytesObject* b = bytes_alloc(n);
    fill_repeat(b->data, s.data(), s.size(), uint64_t(k));
    return obj(b);
  }
  if (plain == int(BinOp::REMAINDER)) {
    if (!is_bytes(a)) return g_not_implemented;
    std::string out;
    if (!bytes_percent_format(bytes_view(a), b, &out)) return Value::exc();
    return bytes_new(out);
  }
  return g_not_implemented;
}

static int64_t bytes_len(Value v) { return int64_t(v.as<BytesObject>()->size); }
static int bytes_bool(Value v) { return v.as<BytesObject>()->size != 0; }

static int bytes_contains(Value self, Value item) { return bytes_contains_impl(bytes_view(self), item); }

Value bytes_like_getitem(std::string_view s, Value key, bool as_bytearray) {
  if (isinstance_exact(key, types::slice)) {
    int64_t a, b, c, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(s.size()), &a, &b, &c, &n)) return Value::exc();
    std::string out;
    if (c == 1) out.assign(s.substr(size_t(a), size_t(n)));
    else for (int64_t k = 0, j = a; k < n; k++, j += c) out += s[size_t(j)];
    return as_bytearray ? bytearray_new(out) : bytes_new(out);
  }
  int64_t i;
  if (!is_int(key) && !lookup_special(key, str_intern("__index__")).is_obj())
    return raise_fmt(exc::TypeError, "{} indices must be integers or slices, not {}", as_bytearray ? "bytearray" : "byte",
                     type_name(key));
  if (index_of(key, &i).is_exc()) {
    if (exc_matches(exc::OverflowError)) {
      exc_fetch();
      return raise_fmt(exc::IndexError, "cannot fit '{}' into an index-sized integer", type_name(key));
    }
    return Value::exc();
  }
  if (i < 0) i += int64_t(s.size());
  if (i < 0 || i >= int64_t(s.size()))
    return raise(exc::IndexError, as_bytearray ? "bytearray index out of range" : "index out of range");
  return Value::from_small_int((unsigned char)s[size_t(i)]);
}

static Value bytes_getitem(Value self, Value key) { return bytes_like_getitem(bytes_view(self), key, false); }

static Value bytes_iter(Value self) { return seq_iter_new(self, kIterBytes, 0, 0, 1); }

static int bytes_getbuffer(Value self, BufferView* v) {
  auto* b = self.as<BytesObject>();
  v->buf = b->data;
  v->len = int64_t(b->size);
  v->readonly = true;
  return 0;
}

// -- decode: every codec through interp/codecs.h -----------------------------------------------------
Value bytes_decode(std::string_view s, Value encoding, Value errors) {
  return codec_decode_bytes(s, Value::null(), encoding, errors);
}

// -- %-formatting (PEP 461) ---------------------------------------------------------------------------
// Numeric conversions are formatted by str's % (identical output, always ASCII); %s/%b take a
// buffer or __bytes__, %r/%a are ascii(repr(x)), %c an int in range(256) or one byte.
static Value bytes_for_s(Value arg) {
  if (is_buffer(arg)) {
    BufferHold h;
    if (!h.get(arg)) return Value::exc();
    return bytes_new(h.view());
  }
  static StrObject* s_bytes = str_intern("__bytes__");
  Value m = lookup_special(arg, s_bytes);
  if (m.is_exc()) return m;
  if (m.is_null())
    return raise_fmt(exc::TypeError, "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                     type_name(arg));
  Value r = call0(m);
  if (r.is_exc()) return r;
  if (!is_bytes(r)) return raise_fmt(exc::TypeError, "__bytes__ returned non-bytes (type {})", type_name(r));
  return r;
}

bool bytes_percent_format(std::string_view f, Value args, std::string* out) {
  const Value* argv;
  size_t argc, argi = 0;
  Value single = args;
  bool is_tup = is_tuple(args);
  if (is_tup) { argv = args.as<TupleObject>()->items; argc = args.as<TupleObject>()->size; }
  else { argv = &single; argc = 1; }
  bool mapping = !is_tup && !is_bytes(args) && !is_bytearray(args) && !is_str(args) && type_of(args)->getitem;
  auto next_arg = [&](Value* v) -> bool {
    if (argi >= argc) { raise(exc::TypeError, "not enough arguments for format string"); return false; }
    *v = argv[argi++];
    return true;
  };
  for (size_t i = 0; i < f.size();) {
    size_t p = f.find('%', i);
    if (p == std::string_view::npos) { out->append(f.substr(i)); break; }
    out->append(f.substr(i, p - i));
    size_t j = p + 1;
    if (j >= f.size()) { raise(exc::ValueError, "incomplete format"); return false; }
    Value arg = Value::null();
    if (f[j] == '(') {
      if (!mapping) { raise(exc::TypeError, "format requires a mapping"); return false; }
      int depth = 1;
      size_t k = j + 1;
      while (k < f.size() && depth) { if (f[k] == '(') depth++; else if (f[k] == ')') depth--; k++; }
      if (depth) { raise(exc::ValueError, "incomplete format key"); return false; }
      arg = getitem(args, bytes_new(f.substr(j + 1, k - j - 2)));
      if (arg.is_exc()) return false;
      j = k;
    }
    std::string flags;
    while (j < f.size() && std::strchr("-+ #0", f[j])) flags += f[j++];
    bool left = flags.find('-') != std::string::npos;
    int64_t width = -1, prec = -1;
    auto number = [&](int64_t* dst) -> bool {
      if (j < f.size() && f[j] == '*') {
        Value w;
        if (!next_arg(&w)) return false;
        if (!is_int(w)) { raise(exc::TypeError, "* wants int"); return false; }
        int_get_i64(w, dst);
        j++;
      } else if (j < f.size() && std::isdigit((unsigned char)f[j])) {
        *dst = 0;
        while (j < f.size() && std::isdigit((unsigned char)f[j])) *dst = *dst * 10 + (f[j++] - '0');
      }
      return true;
    };
    if (!number(&width)) return false;
    if (width < -1) { left = true; flags += '-'; width = -width; }
    if (j < f.size() && f[j] == '.') {
      j++;
      prec = 0;
      if (!number(&prec)) return false;
      if (prec < 0) prec = 0;
    }
    while (j < f.size() && (f[j] == 'h' || f[j] == 'l' || f[j] == 'L')) j++;
    if (j >= f.size()) { raise(exc::ValueError, "incomplete format"); return false; }
    char t = f[j++];
    if (t == '%' && j - 1 == p + 1) { *out += '%'; i = j; continue; }
    if (arg.is_null() && !next_arg(&arg)) return false;
    if (width > 0 && !check_alloc(uint64_t(width), 1)) return false;
    std::string piece;
    switch (t) {
      case 's': case 'b': case 'r': case 'a': case 'c': {
        if (t == 's' || t == 'b') {
          Value b = bytes_for_s(arg);
          if (b.is_exc()) return false;
          piece = bytes_view(b);
        } else if (t == 'c') {
          int64_t c;
          if (is_int(arg)) {
            if (!int_get_i64(arg, &c) || c < 0 || c > 255) { raise(exc::OverflowError, "%c arg not in range(256)"); return false; }
            piece = char(c);
          } else if ((is_bytes(arg) || is_bytearray(arg)) && bytes_like_view(arg).size() == 1) {
            piece = bytes_like_view(arg);
          } else {
            raise_fmt(exc::TypeError, "%c requires an integer in range(256) or a single byte, not {}", type_name(arg));
            return false;
          }
        } else {
          Value a = call1(g_builtins ? dict_get_str(g_builtins, str_intern("ascii")) : Value::null(), arg);
          if (a.is_exc()) return false;
          piece = as_str(a)->view();
        }
        if (prec >= 0 && t != 'c' && size_t(prec) < piece.size()) piece.resize(size_t(prec));
        if (width > int64_t(piece.size()))
          piece = left ? piece + std::string(size_t(width) - piece.size(), ' ') : std::string(size_t(width) - piece.size(), ' ') + piece;
        *out += piece;
        break;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        std::string spec = "%" + flags;
        if (width >= 0) spec += std::to_string(width);
        if (prec >= 0) spec += "." + std::to_string(prec);
        spec += t;
        Value r = str_percent_format(str_new(spec), tuple_pack({arg}));
        if (r.is_exc()) return false;
        *out += as_str(r)->view();
        break;
      }
      default:
        raise_fmt(exc::ValueError, "unsupported format character '{}' (0x{:x}) at index {}", t, (unsigned char)t, j - 1);
        return false;
    }
    i = j;
  }
  if (argi < argc && is_tup) { raise(exc::TypeError, "not all arguments converted during bytes formatting"); return false; }
  if (!is_tup && argi == 0 && !mapping && argc == 1 && !f.empty()) {
    bool any = false;
    for (size_t k = 0; k + 1 < f.size(); k++) if (f[k] == '%') { any = true; break; }
    if (!any) { raise(exc::TypeError, "not all arguments converted during bytes formatting"); return false; }
  }
  return true;
}

// -- Construction ----------------------------------------------------------------------------------
// The bytes of bytes(x) / bytearray(x) for x an int count, a buffer or an iterable of ints.
bool bytes_from_object(Value x, std::string* out, const char* tname) {
  if (is_buffer(x)) {
    BufferHold h;
    if (!get_buffer_contiguous(x, &h.v)) return false;
    out->assign(h.view());
    return true;
  }
  if (is_int(x) || (!is_str(x) && lookup_special(x, str_intern("__index__")).is_obj())) {
    int64_t n;
    Value i = to_index(x);
    if (i.is_exc()) return false;
    if (!int_to_i64(i, &n)) {
      raise_fmt(exc::OverflowError, "cannot fit '{}' into an index-sized integer", type_name(x));
      return false;
    }
    if (n < 0) { raise(exc::ValueError, "negative count"); return false; }
    if (!(std::strcmp(tname, "bytes") == 0 ? check_bytes_alloc(uint64_t(n)) : check_alloc(uint64_t(n), 1))) return false;
    out->assign(size_t(n), '\0');
    return true;
  }
  if (is_str(x)) { raise(exc::TypeError, "string argument without an encoding"); return false; }
  Value it = get_iter(x);
  if (it.is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      raise_fmt(exc::TypeError, "cannot convert '{}' object to {}", type_name(x), tname);
    }
    return false;
  }
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc()) return false;
    int64_t c;
    if (!byte_from_value(v, &c)) {
      if (std::strcmp(tname, "bytes") == 0 && exc_matches(exc::ValueError)) {  // bytes() says "bytes must be"
        exc_fetch();
        raise(exc::ValueError, "bytes must be in range(0, 256)");
      }
      return false;
    }
    *out += char(c);
  }
  return !exc_pending();
}

bool byte_from_value(Value v, int64_t* out) {
  if (!is_int(v)) {
    Value idx = lookup_special(v, str_intern("__index__"));
    if (idx.is_exc()) return false;
    if (idx.is_null()) {
      raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
      return false;
    }
  }
  if (index_of(v, out).is_exc()) {
    if (!exc_matches(exc::OverflowError)) return false;
    exc_fetch();
    *out = -1;
  }
  if (*out < 0 || *out > 255) { raise(exc::ValueError, "byte must be in range(0, 256)"); return false; }
  return true;
}

static Value bytes_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"source", "encoding", "errors", nullptr};
  Value a[3];
  if (!parse_args("bytes", args, nargs, kwnames, names, 0, a)) return Value::exc();
  Value r;
  if (a[0].is_null()) {
    if (!a[1].is_null() || !a[2].is_null())
      return raise(exc::TypeError, a[1].is_null() ? "errors without a string argument" : "encoding without a string argument");
    r = bytes_new("");
  } else if (is_str(a[0])) {
    if (a[1].is_null())
      return raise(exc::TypeError, a[2].is_null() ? "string argument without an encoding" : "string argument without an encoding");
    Value m[2] = {a[1], a[2]};
    static StrObject* s_encode = str_intern("encode");
    r = call_method(a[0], s_encode, m, a[2].is_null() ? 1 : 2);
    if (r.is_exc()) return r;
  } else {
    if (!a[1].is_null()) return raise(exc::TypeError, "encoding without a string argument");
    if (!a[2].is_null()) return raise(exc::TypeError, "errors without a string argument");
    static StrObject* s_bytes = str_intern("__bytes__");
    Value m = lookup_special(a[0], s_bytes);
    if (m.is_exc()) return m;
    if (!m.is_null()) {
      r = call0(m);
      if (r.is_exc()) return r;
      if (!is_bytes(r)) return raise_fmt(exc::TypeError, "__bytes__ returned non-bytes (type {})", type_name(r));
    } else if (is_bytes(a[0]) && a[0].as_obj()->type == types::bytes) {
      r = a[0];
    } else {
      std::string out;
      if (!bytes_from_object(a[0], &out, "bytes")) return Value::exc();
      r = bytes_new(out);
    }
  }
  if (type == types::bytes) {
    if (r.as_obj()->type == types::bytes) return r;
    return bytes_new(bytes_view(r));
  }
  // A subclass: same layout, the subclass's type.
  Value copy = bytes_new(bytes_view(r));
  copy.as_obj()->type = type;
  return copy;
}

// -- Methods only bytes has ------------------------------------------------------------------------------
static Value bytes_getnewargs_m(Value* args, size_t nargs, TupleObject* kw) {
  return tuple_pack({bytes_new(bytes_view(args[0]))});
}
static Value bytes_bytes_m(Value* args, size_t nargs, TupleObject* kw) {
  if (args[0].as_obj()->type == types::bytes) return args[0];
  return bytes_new(bytes_view(args[0]));
}

void init_bytes_type() {
  TypeObject* t = types::bytes;
  t->repr = bytes_repr;
  t->hash = bytes_hash;
  t->richcompare = bytes_richcompare;
  t->binop = bytes_binop;
  t->len = bytes_len;
  t->boolean = bytes_bool;
  t->contains = bytes_contains;
  t->getitem = bytes_getitem;
  t->iter = bytes_iter;
  t->tp_new = bytes_tp_new;
  t->getbuffer = bytes_getbuffer;
  init_bytes_methods(t);
  type_add_methods(t, {{"__getnewargs__", bytes_getnewargs_m, kNativeNoArgs}, {"__bytes__", bytes_bytes_m, kNativeNoArgs}});
  init_bytearray_type();
  init_memoryview_type();
}

}  // namespace chaipy
