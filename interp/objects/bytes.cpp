// interp/objects/bytes.cpp — a minimal immutable bytes type: literal repr, len, indexing, slicing,
// iteration, decode, comparison, hash, + and *, and the bytes() constructor.
#include <cstring>

#include "interp/codecs.h"
#include "interp/objects/objects.h"

namespace chaipy {

Value bytes_new(std::string_view data) {
  auto* b = gc::make<BytesObject>(types::bytes, data.size() + 1);
  b->hash = -1;
  b->size = data.size();
  std::memcpy(b->data, data.data(), data.size());
  return obj(b);
}

static std::string_view bview(Value v) { return std::string_view(v.as<BytesObject>()->data, v.as<BytesObject>()->size); }

static Value bytes_repr(Value v) {
  std::string_view s = bview(v);
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
  return str_value(out);
}

static int64_t bytes_hash(Value v) {
  auto* b = v.as<BytesObject>();
  if (b->hash != -1) return b->hash;
  // Same function as str so b'abc' and 'abc' differ only by chance (CPython: equal hashes).
  StrObject* tmp = str_new(bview(v));
  b->hash = str_hash(tmp);
  return b->hash;
}

static Value bytes_richcompare(Value a, Value b, CmpOp op) {
  if (!is_bytes(a) || !is_bytes(b)) return g_not_implemented;
  std::string_view x = bview(a), y = bview(b);
  return cmp_result(x.compare(y), op);
}

static Value bytes_binop(int op, Value a, Value b) {
  int plain = op >= kNumBinOps ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (is_bytes(a) && is_bytes(b)) return bytes_new(std::string(bview(a)) + std::string(bview(b)));
    if (is_bytes(a) && !(type_of(b)->flags & kTypeHeap))
      return raise_fmt(exc::TypeError, "can't concat {} to bytes", type_name(b));
    return g_not_implemented;
  }
  if (plain == int(BinOp::MULTIPLY)) {
    Value seq = is_bytes(a) ? a : is_bytes(b) ? b : Value::null();
    if (seq.is_null()) return g_not_implemented;
    int64_t k;
    Value r = seq_repeat_count(seq == a ? b : a, &k);
    if (r.is_exc() || r == g_not_implemented) return r;
    std::string out;
    for (int64_t i = 0; i < k; i++) out += bview(seq);
    return bytes_new(out);
  }
  return g_not_implemented;
}

static int64_t bytes_len(Value v) { return int64_t(v.as<BytesObject>()->size); }
static int bytes_bool(Value v) { return v.as<BytesObject>()->size != 0; }

static int bytes_contains(Value self, Value item) {
  if (is_int(item)) {
    int64_t c;
    if (!int_get_i64(item, &c) || c < 0 || c > 255) {
      raise(exc::ValueError, "byte must be in range(0, 256)");
      return -1;
    }
    return bview(self).find(char(c)) != std::string_view::npos;
  }
  if (!is_bytes(item)) {
    raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(item));
    return -1;
  }
  return bview(self).find(bview(item)) != std::string_view::npos;
}

static Value bytes_getitem(Value self, Value key) {
  std::string_view s = bview(self);
  if (isinstance_exact(key, types::slice)) {
    int64_t a, b, c, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(s.size()), &a, &b, &c, &n)) return Value::exc();
    std::string out;
    for (int64_t k = 0, j = a; k < n; k++, j += c) out += s[size_t(j)];
    return bytes_new(out);
  }
  int64_t i;
  if (index_of(key, &i).is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      return raise_fmt(exc::TypeError, "byte indices must be integers or slices, not {}", type_name(key));
    }
    return Value::exc();
  }
  if (i < 0) i += int64_t(s.size());
  if (i < 0 || i >= int64_t(s.size())) return raise(exc::IndexError, "index out of range");
  return int_from_i64((unsigned char)s[size_t(i)]);
}

static Value bytes_iter(Value self) { return seq_iter_new(self, kIterBytes, 0, 0, 1); }

Value bytes_decode(Value b, Value encoding, Value errors) {
  return codec_decode_bytes(bview(b), b, encoding, errors);
}

static Value bytes_decode_m(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"encoding", "errors", nullptr};
  Value out[2];
  if (!parse_args("decode", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  return bytes_decode(args[0], out[0], out[1]);
}

static Value bytes_hex_m(Value* args, size_t nargs, TupleObject* kw) {
  std::string out;
  for (unsigned char c : bview(args[0])) out += fmt::format("{:02x}", c);
  return str_value(out);
}

static Value bytes_join_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("bytes.join", nargs - 1, 1, 1)) return Value::exc();
  Value l = to_list(args[1]);
  if (l.is_exc()) return l;
  auto* lo = l.as<ListObject>();
  std::string out;
  for (uint64_t i = 0; i < lo->size; i++) {
    if (!is_bytes(lo->items[i]))
      return raise_fmt(exc::TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name(lo->items[i]));
    if (i) out += bview(args[0]);
    out += bview(lo->items[i]);
  }
  return bytes_new(out);
}

static Value bytes_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"source", "encoding", "errors", nullptr};
  Value a[3];
  if (!parse_args("bytes", args, nargs, kwnames, names, 0, a)) return Value::exc();
  if (a[0].is_null()) return bytes_new("");
  if (is_str(a[0])) {
    if (a[1].is_null()) return raise(exc::TypeError, "string argument without an encoding");
    Value m[2] = {a[1], a[2]};
    static StrObject* s_encode = str_intern("encode");
    return call_method(a[0], s_encode, m, a[2].is_null() ? 1 : 2);
  }
  if (!a[1].is_null()) return raise(exc::TypeError, "encoding without a string argument");
  if (is_bytes(a[0])) return a[0];
  if (is_int(a[0])) {
    int64_t n;
    if (!int_get_i64(a[0], &n)) return raise(exc::OverflowError, "cannot fit 'int' into an index-sized integer");
    if (n < 0) return raise(exc::ValueError, "negative count");
    return bytes_new(std::string(size_t(n), '\0'));
  }
  Value it = get_iter(a[0]);
  if (it.is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      return raise_fmt(exc::TypeError, "cannot convert '{}' object to bytes", type_name(a[0]));
    }
    return it;
  }
  std::string out;
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc()) return v;
    int64_t c;
    if (!is_int(v)) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    if (!int_get_i64(v, &c) || c < 0 || c > 255) return raise(exc::ValueError, "bytes must be in range(0, 256)");
    out += char(c);
  }
  if (exc_pending()) return Value::exc();
  return bytes_new(out);
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
  type_add_methods(t, {{"decode", bytes_decode_m}, {"hex", bytes_hex_m}, {"join", bytes_join_m}});
}

}  // namespace chaipy
