// interp/modules/_json.cpp — the _json module (CPython's Modules/_json.c): the accelerated
// scanner (make_scanner, scanstring) and one-shot encoder (make_encoder, encode_basestring[_ascii])
// that json/decoder.py and json/encoder.py pick up.
//
// Positions are code-point indices, as in CPython: an ASCII document is scanned in place, any
// other is decoded to UTF-32 first (the parser is a template over the two). Errors are
// json.decoder.JSONDecodeError(msg, doc, pos); "nothing here" is StopIteration(idx), which
// decoder.py turns into "Expecting value".
#include <string>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

// -- Errors --------------------------------------------------------------------------------------------
Value raise_errmsg(const char* msg, Value doc, int64_t pos) {
  Value mod = dict_get_str(g_sys_modules, NAME("json.decoder"));  // imported by whoever uses _json
  if (mod.is_null()) {
    TupleObject* from = tuple_new(1);
    from->items[0] = obj(NAME("JSONDecodeError"));
    mod = import_name(str_intern("json.decoder"), g_builtins, obj(from), 0);
  }
  if (mod.is_exc()) return mod;
  Value cls = getattr(mod, NAME("JSONDecodeError"));
  if (cls.is_exc()) return cls;
  Value args[3] = {str_value(msg), doc, int_from_i64(pos)};
  Value e = call(cls, args, 3);
  if (e.is_exc()) return e;
  return raise_value(e);
}

Value raise_stop_iteration(int64_t idx) {
  TupleObject* args = tuple_new(1);
  args->items[0] = int_from_i64(idx);
  Value e = exception_new(exc::StopIteration, args);
  return e.is_exc() ? e : raise_value(e);
}

// The document as code points: ASCII text in place, anything else decoded once.
struct Doc {
  Value str;
  std::u32string wide;
  const unsigned char* narrow = nullptr;
  int64_t len = 0;
  explicit Doc(Value s) : str(s) {
    StrObject* so = as_str(s);
    len = int64_t(so->length);
    if (so->ascii) {
      narrow = reinterpret_cast<const unsigned char*>(so->data);
    } else {
      wide.reserve(size_t(len));
      const char* p = so->data;
      const char* end = p + so->nbytes;
      while (p < end) {
        int n;
        wide.push_back(utf8_decode(p, &n));
        p += n;
      }
    }
  }
  uint32_t operator[](int64_t i) const { return narrow ? narrow[i] : uint32_t(wide[size_t(i)]); }
};

bool is_ws(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
int hexval(uint32_t c) {
  if (c >= '0' && c <= '9') return int(c - '0');
  if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
  return -1;
}

// Scans the string body starting after the opening quote at end-1; *next receives the index
// after the closing quote.
Value scanstring_impl(const Doc& d, int64_t end, bool strict, int64_t* next) {
  int64_t len = d.len, begin = end - 1;
  if (end < 0 || len < end) return raise(exc::ValueError, "end is out of bounds");
  std::string out;
  for (;;) {
    uint32_t c = 0;
    int64_t i = end;
    for (; i < len; i++) {
      c = d[i];
      if (c == '"' || c == '\\') break;
      if (c <= 0x1f && strict) return raise_errmsg("Invalid control character at", d.str, i);
      utf8_append(out, c);
    }
    if (i >= len) return raise_errmsg("Unterminated string starting at", d.str, begin);
    i++;
    if (c == '"') {
      end = i;
      break;
    }
    if (i == len) return raise_errmsg("Unterminated string starting at", d.str, begin);
    c = d[i];
    if (c != 'u') {
      end = i + 1;
      switch (c) {
        case '"': case '\\': case '/': break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default: c = 0;
      }
      if (c == 0) return raise_errmsg("Invalid \\escape", d.str, end - 2);
    } else {
      c = 0;
      i++;
      end = i + 4;
      if (end >= len) return raise_errmsg("Invalid \\uXXXX escape", d.str, i - 1);
      for (; i < end; i++) {
        int h = hexval(d[i]);
        if (h < 0) return raise_errmsg("Invalid \\uXXXX escape", d.str, end - 5);
        c = (c << 4) | uint32_t(h);
      }
      if (c >= 0xD800 && c <= 0xDBFF && end + 6 < len && d[i] == '\\' && d[i + 1] == 'u') {
        i += 2;
        uint32_t c2 = 0;
        end += 6;
        for (; i < end; i++) {
          int h = hexval(d[i]);
          if (h < 0) return raise_errmsg("Invalid \\uXXXX escape", d.str, end - 5);
          c2 = (c2 << 4) | uint32_t(h);
        }
        if (c2 >= 0xDC00 && c2 <= 0xDFFF) c = 0x10000 + (((c - 0xD800) << 10) | (c2 - 0xDC00));
        else end -= 6;
      }
    }
    utf8_append(out, c);
  }
  *next = end;
  return str_value(out);
}

// -- Scanner (c_make_scanner) -------------------------------------------------------------------------
struct ScannerObject : Object {
  bool strict;
  Value object_hook, object_pairs_hook, parse_float, parse_int, parse_constant;
  DictObject* memo;
};
TypeObject* scanner_type;

void scanner_trace(Object* o, Tracer& t) {
  auto* s = static_cast<ScannerObject*>(o);
  t.visit(s->object_hook);
  t.visit(s->object_pairs_hook);
  t.visit(s->parse_float);
  t.visit(s->parse_int);
  t.visit(s->parse_constant);
  t.visit(s->memo);
}

struct Parser {
  ScannerObject* s;
  const Doc& d;
  int depth = 0;

  Value scan(int64_t idx, int64_t* next);

  void skip_ws(int64_t& idx) {
    while (idx < d.len && is_ws(d[idx])) idx++;
  }

  bool enter(const char* what) {
    if (++depth > g_recursion_limit) {
      raise_fmt(exc::RecursionError, "maximum recursion depth exceeded while decoding a JSON {} from a unicode string", what);
      return false;
    }
    return true;
  }

  Value parse_object(int64_t idx, int64_t* next) {
    bool pairs = !s->object_pairs_hook.is_none();
    ListObject* items = pairs ? list_new(0) : nullptr;
    DictObject* dict = pairs ? nullptr : dict_new();
    skip_ws(idx);
    if (idx >= d.len || d[idx] != '}') {
      for (;;) {
        if (idx >= d.len || d[idx] != '"')
          return raise_errmsg("Expecting property name enclosed in double quotes", d.str, idx);
        int64_t ni;
        Value key = scanstring_impl(d, idx + 1, s->strict, &ni);
        if (key.is_exc()) return key;
        Value memo = dict_get(s->memo, key);
        if (memo.is_exc()) return memo;
        if (memo.is_null()) {
          if (dict_set(s->memo, key, key) < 0) return Value::exc();
        } else {
          key = memo;
        }
        idx = ni;
        skip_ws(idx);
        if (idx >= d.len || d[idx] != ':') return raise_errmsg("Expecting ':' delimiter", d.str, idx);
        idx++;
        skip_ws(idx);
        Value val = scan(idx, &ni);
        if (val.is_exc()) return val;
        if (pairs) {
          if (list_append(items, tuple_pack({key, val})) < 0) return Value::exc();
        } else if (dict_set(dict, key, val) < 0) {
          return Value::exc();
        }
        idx = ni;
        skip_ws(idx);
        if (idx < d.len && d[idx] == '}') break;
        if (idx >= d.len || d[idx] != ',') return raise_errmsg("Expecting ',' delimiter", d.str, idx);
        idx++;
        skip_ws(idx);
      }
    }
    *next = idx + 1;
    if (pairs) return call1(s->object_pairs_hook, obj(items));
    if (!s->object_hook.is_none()) return call1(s->object_hook, obj(dict));
    return obj(dict);
  }

  Value parse_array(int64_t idx, int64_t* next) {
    ListObject* l = list_new(0);
    skip_ws(idx);
    if (idx >= d.len || d[idx] != ']') {
      for (;;) {
        int64_t ni;
        Value val = scan(idx, &ni);
        if (val.is_exc()) return val;
        if (list_append(l, val) < 0) return Value::exc();
        idx = ni;
        skip_ws(idx);
        if (idx < d.len && d[idx] == ']') break;
        if (idx >= d.len || d[idx] != ',') return raise_errmsg("Expecting ',' delimiter", d.str, idx);
        idx++;
        skip_ws(idx);
      }
    }
    *next = idx + 1;
    return obj(l);
  }

  bool matches(int64_t idx, const char* word) {
    for (int64_t k = 0; word[k]; k++)
      if (idx + k >= d.len || d[idx + k] != uint32_t(word[k])) return false;
    return true;
  }

  Value constant(const char* name, int64_t idx, int64_t len, int64_t* next) {
    *next = idx + len;
    return call1(s->parse_constant, str_value(name));
  }

  Value number(int64_t start, int64_t* next) {
    int64_t idx = start, end = d.len - 1;
    auto digit = [&](int64_t i) { return d[i] >= '0' && d[i] <= '9'; };
    if (d[idx] == '-') {
      idx++;
      if (idx > end) return raise_stop_iteration(start);
    }
    if (d[idx] >= '1' && d[idx] <= '9') {
      idx++;
      while (idx <= end && digit(idx)) idx++;
    } else if (d[idx] == '0') {
      idx++;
    } else {
      return raise_stop_iteration(start);
    }
    bool is_float = false;
    if (idx < end && d[idx] == '.' && digit(idx + 1)) {
      is_float = true;
      idx += 2;
      while (idx <= end && digit(idx)) idx++;
    }
    if (idx < end && (d[idx] == 'e' || d[idx] == 'E')) {
      int64_t e_start = idx;
      idx++;
      if (idx < end && (d[idx] == '-' || d[idx] == '+')) idx++;
      while (idx <= end && digit(idx)) idx++;
      if (digit(idx - 1)) is_float = true;
      else idx = e_start;
    }
    std::string text;
    for (int64_t i = start; i < idx; i++) text += char(d[i]);
    *next = idx;
    Value custom = is_float ? s->parse_float : s->parse_int;
    if (custom != obj(is_float ? types::float_ : types::int_)) return call1(custom, str_value(text));
    if (is_float) return float_from_string(text, str_value(text));
    return int_from_string(text, 10);
  }
};

Value Parser::scan(int64_t idx, int64_t* next) {
  if (idx < 0) return raise(exc::ValueError, "idx cannot be negative");
  if (idx >= d.len) return raise_stop_iteration(idx);
  switch (d[idx]) {
    case '"':
      return scanstring_impl(d, idx + 1, s->strict, next);
    case '{': {
      if (!enter("object")) return Value::exc();
      Value r = parse_object(idx + 1, next);
      depth--;
      return r;
    }
    case '[': {
      if (!enter("array")) return Value::exc();
      Value r = parse_array(idx + 1, next);
      depth--;
      return r;
    }
    case 'n':
      if (matches(idx, "null")) { *next = idx + 4; return Value::none(); }
      break;
    case 't':
      if (matches(idx, "true")) { *next = idx + 4; return Value::true_(); }
      break;
    case 'f':
      if (matches(idx, "false")) { *next = idx + 5; return Value::false_(); }
      break;
    case 'N':
      if (matches(idx, "NaN")) return constant("NaN", idx, 3, next);
      break;
    case 'I':
      if (matches(idx, "Infinity")) return constant("Infinity", idx, 8, next);
      break;
    case '-':
      if (matches(idx, "-Infinity")) return constant("-Infinity", idx, 9, next);
      break;
  }
  return number(idx, next);
}

Value scanner_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"context", nullptr};
  Value a[1];
  if (!parse_args("make_scanner", args, nargs, kw, names, 1, a)) return Value::exc();
  auto* s = gc::make<ScannerObject>(type);
  s->memo = dict_new();
  Value strict = getattr(a[0], NAME("strict"));
  if (strict.is_exc()) return strict;
  int st = truthy(strict);
  if (st < 0) return Value::exc();
  s->strict = st;
  Value* fields[] = {&s->object_hook, &s->object_pairs_hook, &s->parse_float, &s->parse_int, &s->parse_constant};
  const char* fnames[] = {"object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"};
  for (int i = 0; i < 5; i++) *fields[i] = Value::none();
  for (int i = 0; i < 5; i++) {
    Value v = getattr(a[0], str_intern(fnames[i]));
    if (v.is_exc()) return v;
    *fields[i] = v;
  }
  return obj(s);
}

Value scanner_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"string", "idx", nullptr};
  Value a[2];
  if (!parse_args("scan_once", args, nargs, kw, names, 2, a)) return Value::exc();
  if (!is_str(a[0])) return raise_fmt(exc::TypeError, "first argument must be a string, not {}", type_name(a[0]));
  int64_t idx;
  if (!ssize_arg(a[1], &idx)) return Value::exc();
  auto* s = self.as<ScannerObject>();
  Doc d(a[0]);
  Parser p{s, d};
  int64_t next = 0;
  Value r = p.scan(idx, &next);
  s->memo = dict_new();
  if (r.is_exc()) return r;
  return tuple_pack({r, int_from_i64(next)});
}

Value scanner_getattr(Value self, StrObject* name) {
  auto* s = self.as<ScannerObject>();
  std::string_view n = name->view();
  if (n == "strict") return Value::from_bool(s->strict);
  if (n == "object_hook") return s->object_hook;
  if (n == "object_pairs_hook") return s->object_pairs_hook;
  if (n == "parse_float") return s->parse_float;
  if (n == "parse_int") return s->parse_int;
  if (n == "parse_constant") return s->parse_constant;
  return generic_getattr(self, name);
}

Value json_scanstring(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("scanstring", kw) || !check_positional("scanstring", nargs, 2, 3)) return Value::exc();
  if (!is_str(args[0]))
    return raise_fmt(exc::TypeError, "first argument must be a string, not {}", type_name(args[0]));
  int64_t end;
  if (!ssize_arg(args[1], &end)) return Value::exc();
  bool strict = true;
  if (nargs == 3) {
    int t = truthy(args[2]);
    if (t < 0) return Value::exc();
    strict = t;
  }
  Doc d(args[0]);
  int64_t next = 0;
  Value r = scanstring_impl(d, end, strict, &next);
  if (r.is_exc()) return r;
  return tuple_pack({r, int_from_i64(next)});
}

// -- Encoding strings -----------------------------------------------------------------------------------
void escape_into(std::string& out, StrObject* s, bool ascii_only) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  const char* p = s->data;
  const char* end = p + s->nbytes;
  auto u4 = [&](uint32_t c) {
    out += "\\u";
    for (int sh = 12; sh >= 0; sh -= 4) out += hex[(c >> sh) & 0xF];
  };
  while (p < end) {
    unsigned char b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      p++;
      switch (b) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (b < 0x20 || (ascii_only && b == 0x7f)) u4(b);
          else out += char(b);
      }
      continue;
    }
    int n;
    uint32_t c = utf8_decode(p, &n);
    if (!ascii_only) {
      out.append(p, size_t(n));
    } else if (c >= 0x10000) {
      uint32_t v = c - 0x10000;
      u4(0xD800 | ((v >> 10) & 0x3FF));
      u4(0xDC00 | (v & 0x3FF));
    } else {
      u4(c);
    }
    p += n;
  }
  out += '"';
}

Value encode_basestring_impl(Value* args, size_t nargs, TupleObject* kw, bool ascii_only) {
  const char* fname = ascii_only ? "encode_basestring_ascii" : "encode_basestring";
  if (!check_no_kwargs(fname, kw) || !check_positional(fname, nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "first argument must be a string, not {}", type_name(args[0]));
  std::string out;
  escape_into(out, as_str(args[0]), ascii_only);
  return str_value(out);
}
Value json_encode_basestring_ascii(Value* a, size_t n, TupleObject* k) { return encode_basestring_impl(a, n, k, true); }
Value json_encode_basestring(Value* a, size_t n, TupleObject* k) { return encode_basestring_impl(a, n, k, false); }

// -- Encoder (c_make_encoder) -----------------------------------------------------------------------------
struct EncoderObject : Object {
  Value markers, defaultfn, encoder, indent, key_separator, item_separator;
  bool sort_keys, skipkeys, allow_nan;
  int fast;  // 0: call encoder, 1: encode_basestring_ascii, 2: encode_basestring
};
TypeObject* encoder_type;
Value g_fast_ascii, g_fast_plain;  // this module's two string encoders (recognised as fast paths)

void encoder_trace(Object* o, Tracer& t) {
  auto* e = static_cast<EncoderObject*>(o);
  for (Value v : {e->markers, e->defaultfn, e->encoder, e->indent, e->key_separator, e->item_separator}) t.visit(v);
}

Value encoder_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"markers", "default", "encoder", "indent", "key_separator",
                                      "item_separator", "sort_keys", "skipkeys", "allow_nan", nullptr};
  Value a[9];
  if (!parse_args("make_encoder", args, nargs, kw, names, 9, a)) return Value::exc();
  if (!a[0].is_none() && !is_dict(a[0]))
    return raise_fmt(exc::TypeError, "make_encoder() argument 1 must be dict or None, not {}", type_name(a[0]));
  for (int i = 4; i <= 5; i++)
    if (!is_str(a[i]))
      return raise_fmt(exc::TypeError, "make_encoder() argument {} must be str, not {}", i + 1, type_name(a[i]));
  auto* e = gc::make<EncoderObject>(type);
  e->markers = a[0];
  e->defaultfn = a[1];
  e->encoder = a[2];
  e->indent = a[3];
  e->key_separator = a[4];
  e->item_separator = a[5];
  bool* flags[] = {&e->sort_keys, &e->skipkeys, &e->allow_nan};
  for (int i = 0; i < 3; i++) {
    int t = truthy(a[6 + i]);
    if (t < 0) return Value::exc();
    *flags[i] = t;
  }
  e->fast = a[2] == g_fast_ascii ? 1 : a[2] == g_fast_plain ? 2 : 0;
  return obj(e);
}

struct Encoder {
  EncoderObject* e;
  std::string out;
  int depth = 0;

  bool string(Value s) {
    if (e->fast) {
      escape_into(out, as_str(s), e->fast == 1);
      return true;
    }
    Value r = call1(e->encoder, s);
    if (r.is_exc()) return false;
    if (!is_str(r)) {
      raise_fmt(exc::TypeError, "encoder() must return a string, not {}", type_name(r));
      return false;
    }
    out += as_str(r)->view();
    return true;
  }

  bool floating(double d) {
    if (!std::isfinite(d)) {
      if (!e->allow_nan) {
        raise(exc::ValueError, "Out of range float values are not JSON compliant");
        return false;
      }
      out += d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN";
      return true;
    }
    out += float_repr_str(d);
    return true;
  }

  bool integer(Value v) {
    Value r = int_to_str_checked(v);
    if (r.is_exc()) return false;
    out += as_str(r)->view();
    return true;
  }

  bool enter() {
    if (++depth > g_recursion_limit) {
      raise(exc::RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
      return false;
    }
    return true;
  }

  // Circular-reference bookkeeping: the key is the object's identity.
  Value mark(Value o) {
    if (e->markers.is_none()) return Value::null();
    Value ident = int_from_i64(int64_t(o.bits() & Value::kPayloadMask));
    Value has = dict_get(e->markers.as<DictObject>(), ident);
    if (has.is_exc()) return has;
    if (!has.is_null()) return raise(exc::ValueError, "Circular reference detected");
    if (dict_set(e->markers.as<DictObject>(), ident, o) < 0) return Value::exc();
    return ident;
  }
  bool unmark(Value ident) {
    return ident.is_null() || dict_del(e->markers.as<DictObject>(), ident) >= 0;
  }

  bool list(Value seq) {
    Value* items = is_list(seq) ? seq.as<ListObject>()->items : seq.as<TupleObject>()->items;
    uint64_t n = is_list(seq) ? seq.as<ListObject>()->size : seq.as<TupleObject>()->size;
    if (n == 0) {
      out += "[]";
      return true;
    }
    Value ident = mark(seq);
    if (ident.is_exc()) return false;
    out += '[';
    for (uint64_t i = 0;; i++) {
      n = is_list(seq) ? seq.as<ListObject>()->size : seq.as<TupleObject>()->size;
      if (i >= n) break;
      items = is_list(seq) ? seq.as<ListObject>()->items : seq.as<TupleObject>()->items;
      if (i) out += as_str(e->item_separator)->view();
      if (!value(items[i])) return false;
    }
    out += ']';
    return unmark(ident);
  }

  bool dict(Value d) {
    auto* dict = d.as<DictObject>();
    if (dict->used == 0) {
      out += "{}";
      return true;
    }
    Value ident = mark(d);
    if (ident.is_exc()) return false;
    out += '{';
    Value items = call_method(d, NAME("items"), nullptr, 0);
    if (items.is_exc()) return false;
    items = to_list(items);
    if (items.is_exc()) return false;
    if (e->sort_keys && list_sort_impl(items.as<ListObject>(), Value::null(), false).is_exc()) return false;
    ListObject* l = items.as<ListObject>();
    bool first = true;
    for (uint64_t i = 0; i < l->size; i++) {
      Value item = l->items[i];
      if (!is_tuple(item) || item.as<TupleObject>()->size != 2) {
        raise(exc::ValueError, "items must return 2-tuples");
        return false;
      }
      Value key = item.as<TupleObject>()->items[0], val = item.as<TupleObject>()->items[1];
      std::string kstr;
      bool is_string = false;
      if (is_str(key)) {
        is_string = true;
      } else if (key.is_double()) {
        std::swap(out, kstr);
        bool ok = floating(key.as_double());
        std::swap(out, kstr);
        if (!ok) return false;
      } else if (key.is_bool()) {
        kstr = key.as_bool() ? "true" : "false";
      } else if (key.is_none()) {
        kstr = "null";
      } else if (is_int(key)) {
        Value r = int_to_str_checked(key);
        if (r.is_exc()) return false;
        kstr = as_str(r)->view();
      } else if (e->skipkeys) {
        continue;
      } else {
        raise_fmt(exc::TypeError, "keys must be str, int, float, bool or None, not {}", type_name(key));
        return false;
      }
      if (!first) out += as_str(e->item_separator)->view();
      first = false;
      if (!string(is_string ? key : str_value(kstr))) return false;
      out += as_str(e->key_separator)->view();
      if (!value(val)) return false;
    }
    out += '}';
    return unmark(ident);
  }

  bool value(Value o) {
    if (o.is_none()) { out += "null"; return true; }
    if (o.is_bool()) { out += o.as_bool() ? "true" : "false"; return true; }
    if (is_str(o)) return string(o);
    if (is_int(o)) return integer(o);
    if (o.is_double()) return floating(o.as_double());
    if (is_list(o) || is_tuple(o)) {
      if (!enter()) return false;
      bool ok = list(o);
      depth--;
      return ok;
    }
    if (is_dict(o)) {
      if (!enter()) return false;
      bool ok = dict(o);
      depth--;
      return ok;
    }
    Value ident = mark(o);
    if (ident.is_exc()) return false;
    Value n = call1(e->defaultfn, o);
    if (n.is_exc()) return false;
    if (!enter()) return false;
    bool ok = value(n);
    depth--;
    return ok && unmark(ident);
  }
};

Value encoder_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"obj", "_current_indent_level", nullptr};
  Value a[2];
  if (!parse_args("_iterencode", args, nargs, kw, names, 2, a)) return Value::exc();
  int64_t level;
  if (!ssize_arg(a[1], &level)) return Value::exc();
  Encoder enc{self.as<EncoderObject>()};
  if (!enc.value(a[0])) return Value::exc();
  ListObject* l = list_new(0);
  if (list_append(l, str_value(enc.out)) < 0) return Value::exc();
  return obj(l);
}

Value encoder_getattr(Value self, StrObject* name) {
  auto* e = self.as<EncoderObject>();
  std::string_view n = name->view();
  if (n == "markers") return e->markers;
  if (n == "default") return e->defaultfn;
  if (n == "encoder") return e->encoder;
  if (n == "indent") return e->indent;
  if (n == "key_separator") return e->key_separator;
  if (n == "item_separator") return e->item_separator;
  if (n == "sort_keys") return Value::from_bool(e->sort_keys);
  if (n == "skipkeys") return Value::from_bool(e->skipkeys);
  return generic_getattr(self, name);
}

void trace_fast_encoders(Tracer& t) {
  t.visit(g_fast_ascii);
  t.visit(g_fast_plain);
}

}  // namespace

Value make__json_module() {
  Value m = module_new("_json");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"scanstring", json_scanstring},
      {"encode_basestring_ascii", json_encode_basestring_ascii},
      {"encode_basestring", json_encode_basestring},
  });
  g_fast_ascii = dict_get_str(d, NAME("encode_basestring_ascii"));
  g_fast_plain = dict_get_str(d, NAME("encode_basestring"));
  gc::add_root_scanner(trace_fast_encoders);
  scanner_type = make_builtin_type("Scanner", types::object, sizeof(ScannerObject), 0);
  scanner_type->module = str_intern("_json");
  scanner_type->trace = scanner_trace;
  scanner_type->tp_new = scanner_new;
  scanner_type->call = scanner_call;
  scanner_type->getattr = scanner_getattr;
  encoder_type = make_builtin_type("Encoder", types::object, sizeof(EncoderObject), 0);
  encoder_type->module = str_intern("_json");
  encoder_type->trace = encoder_trace;
  encoder_type->tp_new = encoder_new;
  encoder_type->call = encoder_call;
  encoder_type->getattr = encoder_getattr;
  dict_set_str(d, NAME("make_scanner"), obj(scanner_type));
  dict_set_str(d, NAME("make_encoder"), obj(encoder_type));
  return m;
}

}  // namespace chaipy
