// interp/codecs_registry.cpp — the codec and error-handler registries (CPython's Python/codecs.c),
// the standard error handlers, error dispatch for the native codecs, and str.encode/bytes.decode.
#include <fmt/format.h>

#include "interp/codecs_internal.h"
#include "unicode/unicode.h"

namespace chaipy {

using namespace codecs;

namespace {

// -- State (GC roots) -----------------------------------------------------------------------------------
Value g_search_functions;  // list
Value g_codec_cache;       // dict: normalized name -> CodecInfo
Value g_error_handlers;    // dict: name -> callable
bool g_encodings_imported;

void ensure_registry() {
  if (!g_search_functions.is_null()) return;
  gc::add_root(&g_search_functions);
  gc::add_root(&g_codec_cache);
  gc::add_root(&g_error_handlers);
  g_search_functions = obj(list_new(0));
  g_codec_cache = obj(dict_new());
  g_error_handlers = obj(dict_new());
}

StrObject* attr_name(const char* n) { return str_intern(n); }

}  // namespace

// -- Names -----------------------------------------------------------------------------------------------------
std::string codec_normalize_name(std::string_view encoding) {
  // CPython's _Py_normalize_encoding: runs of characters other than alphanumerics and '.' become
  // one '_' (none at the start or end), letters are lowered.
  std::string out;
  bool punct = false;
  for (char c : encoding) {
    auto u = (unsigned char)c;
    if ((u < 0x80 && std::isalnum(u)) || c == '.') {
      if (punct && !out.empty()) out += '_';
      punct = false;
      out += char(std::tolower(u));
    } else {
      punct = true;
    }
  }
  return out;
}

// -- Codec registry -------------------------------------------------------------------------------------------
int codec_register(Value search_function) {
  ensure_registry();
  if (!is_callable(search_function)) {
    raise(exc::TypeError, "argument must be callable");
    return -1;
  }
  return list_append(g_search_functions.as<ListObject>(), search_function);
}

int codec_unregister(Value search_function) {
  ensure_registry();
  ListObject* l = g_search_functions.as<ListObject>();
  for (uint64_t i = 0; i < l->size; i++) {
    if (l->items[i] != search_function) continue;
    for (uint64_t j = i + 1; j < l->size; j++) l->items[j - 1] = l->items[j];
    l->size--;
    g_codec_cache = obj(dict_new());
    break;
  }
  return 0;
}

int codec_forget(std::string_view encoding) {
  ensure_registry();
  Value key = str_value(codec_normalize_name(encoding));
  Value v = dict_get(g_codec_cache.as<DictObject>(), key);
  if (v.is_exc()) return -1;
  if (!v.is_null() && dict_del(g_codec_cache.as<DictObject>(), key) < 0) return -1;
  return 0;
}

Value codec_lookup(std::string_view encoding) {
  ensure_registry();
  if (!g_encodings_imported) {
    // The stdlib's encodings package registers its search function when imported (CPython does
    // this at start-up; here on the first lookup, to keep start-up cheap).
    g_encodings_imported = true;
    // Without the stdlib (no `encodings` on sys.path) only the native codecs exist.
    Value m = import_name(str_intern("encodings"), nullptr, Value::none(), 0);
    if (m.is_exc()) {
      if (!exc_matches(exc::ImportError)) {
        g_encodings_imported = false;
        return m;
      }
      exc_fetch();
    }
  }
  std::string norm = codec_normalize_name(encoding);
  Value key = str_value(norm);
  Value hit = dict_get(g_codec_cache.as<DictObject>(), key);
  if (!hit.is_null()) return hit;
  ListObject* l = g_search_functions.as<ListObject>();
  for (uint64_t i = 0; i < l->size; i++) {
    Value r = call1(l->items[i], key);
    if (r.is_exc()) return r;
    if (r.is_none()) continue;
    if (!is_tuple(r) || r.as<TupleObject>()->size != 4)
      return raise(exc::TypeError, "codec search functions must return 4-tuples");
    if (dict_set(g_codec_cache.as<DictObject>(), key, r) < 0) return Value::exc();
    return r;
  }
  return raise_fmt(exc::LookupError, "unknown encoding: {}", encoding);
}

// -- Error-handler registry ------------------------------------------------------------------------------
Value codec_lookup_error(std::string_view name) {
  ensure_registry();
  Value h = dict_get(g_error_handlers.as<DictObject>(), str_value(name));
  if (h.is_exc()) return h;
  if (!h.is_null()) return h;
  Value b = codec_builtin_error_handler(name);
  if (!b.is_null()) return b;
  return raise_fmt(exc::LookupError, "unknown error handler name '{}'", name);
}

int codec_register_error(std::string_view name, Value handler) {
  ensure_registry();
  if (!is_callable(handler)) {
    raise(exc::TypeError, "handler must be callable");
    return -1;
  }
  return dict_set(g_error_handlers.as<DictObject>(), str_value(name), handler);
}

Handler codecs::handler_kind(std::string_view e) {
  // A handler registered under a standard name replaces it.
  if (!g_error_handlers.is_null() && g_error_handlers.as<DictObject>()->nentries &&
      !dict_get_str(g_error_handlers.as<DictObject>(), str_intern(e)).is_null())
    return Handler::kOther;
  if (e.empty() || e == "strict") return Handler::kStrict;
  if (e == "ignore") return Handler::kIgnore;
  if (e == "replace") return Handler::kReplace;
  if (e == "backslashreplace") return Handler::kBackslashReplace;
  if (e == "xmlcharrefreplace") return Handler::kXmlCharRefReplace;
  if (e == "namereplace") return Handler::kNameReplace;
  if (e == "surrogateescape") return Handler::kSurrogateEscape;
  if (e == "surrogatepass") return Handler::kSurrogatePass;
  return Handler::kOther;
}

// -- Exception objects -------------------------------------------------------------------------------------
Value unicode_encode_error_new(std::string_view encoding, Value str, int64_t start, int64_t end, std::string_view reason) {
  Value args[5] = {str_value(encoding), str, int_from_i64(start), int_from_i64(end), str_value(reason)};
  return call(obj(exc::UnicodeEncodeError), args, 5);
}

Value unicode_decode_error_new(std::string_view encoding, Value bytes, int64_t start, int64_t end,
                               std::string_view reason) {
  Value args[5] = {str_value(encoding), bytes, int_from_i64(start), int_from_i64(end), str_value(reason)};
  return call(obj(exc::UnicodeDecodeError), args, 5);
}

namespace {

Value raise_exc(Value e) {
  if (e.is_exc()) return e;
  return raise_value(e);
}

// -- Replacement text shared by the native paths and the Python-visible handlers ---------------------------
void append_ascii(std::vector<uint32_t>& out, std::string_view s) {
  for (char c : s) out.push_back((unsigned char)c);
}
void backslash_escape(std::vector<uint32_t>& out, uint32_t cp) {
  if (cp < 0x100) append_ascii(out, fmt::format("\\x{:02x}", cp));
  else if (cp < 0x10000) append_ascii(out, fmt::format("\\u{:04x}", cp));
  else append_ascii(out, fmt::format("\\U{:08x}", cp));
}
void xmlcharref(std::vector<uint32_t>& out, uint32_t cp) { append_ascii(out, fmt::format("&#{};", cp)); }
void name_escape(std::vector<uint32_t>& out, uint32_t cp) {
  std::string n;
  if (unicode::name(cp, &n)) append_ascii(out, "\\N{" + n + "}");
  else backslash_escape(out, cp);
}

// The UTF a surrogatepass handler encodes for: 8, 16 or 32 bits and the byte order (1 big).
bool standard_utf(std::string_view encoding, int* bits, bool* big) {
  std::string e = codec_normalize_name(encoding);
  *big = false;
  if (e == "utf_8" || e == "utf8") { *bits = 8; return true; }
  for (int b : {16, 32}) {
    std::string base = fmt::format("utf_{}", b), alt = fmt::format("utf{}", b);
    if (e == base || e == alt || e == base + "_le" || e == alt + "le" || e == base + "le") { *bits = b; return true; }
    if (e == base + "_be" || e == alt + "be" || e == base + "be") { *bits = b; *big = true; return true; }
  }
  return false;
}

void put_surrogate(std::string& out, uint32_t cp, int bits, bool big) {
  if (bits == 8) {
    utf8_append(out, cp);
    return;
  }
  int n = bits / 8;
  for (int i = 0; i < n; i++) {
    int shift = big ? 8 * (n - 1 - i) : 8 * i;
    out += char((cp >> shift) & 0xFF);
  }
}

// The surrogate encoded at data[start] in the given UTF, or 0 bytes.
size_t surrogate_in(std::string_view data, size_t start, int bits, bool big, uint32_t* cp) {
  auto b = [&](size_t i) { return uint32_t((unsigned char)data[start + i]); };
  if (bits == 8) {
    if (start + 3 > data.size() || b(0) != 0xED || (b(1) & 0xE0) != 0xA0 || (b(2) & 0xC0) != 0x80) return 0;
    *cp = 0xD000 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    return 3;
  }
  size_t n = size_t(bits / 8);
  if (start + n > data.size()) return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < n; i++) v |= b(i) << (big ? 8 * (n - 1 - i) : 8 * i);
  if (!is_surrogate(v)) return 0;
  *cp = v;
  return n;
}

}  // namespace

std::vector<uint32_t> codecs::code_points(StrObject* s) {
  std::vector<uint32_t> cps;
  cps.reserve(s->length);
  for (size_t i = 0; i < s->nbytes;) {
    int l;
    cps.push_back(utf8_decode(s->data + i, &l));
    i += size_t(l);
  }
  return cps;
}

// -- Encode errors -------------------------------------------------------------------------------------------
namespace {

// Calls a registered handler with a UnicodeEncodeError/DecodeError; returns its (replacement, pos).
bool call_handler(Value handler, Value exc_obj, bool decoding, Value* replacement, int64_t* pos) {
  Value r = call1(handler, exc_obj);
  if (r.is_exc()) return false;
  bool ok = is_tuple(r) && r.as<TupleObject>()->size == 2 && is_int(r.as<TupleObject>()->items[1]);
  if (ok) {
    Value rep = r.as<TupleObject>()->items[0];
    ok = is_str(rep) || (!decoding && is_bytes(rep));
  }
  if (!ok) {
    raise(exc::TypeError, decoding ? "decoding error handler must return (str, int) tuple"
                                   : "encoding error handler must return (str/bytes, int) tuple");
    return false;
  }
  *replacement = r.as<TupleObject>()->items[0];
  if (!int_to_i64(r.as<TupleObject>()->items[1], pos)) {
    raise(exc::IndexError, "position from error handler out of bounds");
    return false;
  }
  return true;
}

}  // namespace

bool codecs::encode_error(std::string_view encoding, StrObject* s, const std::vector<uint32_t>& cps,
                          std::string_view errors, size_t start, size_t end, std::string_view reason,
                          bool surrogate_pass, bool* pass_surrogates, EncodeReplacement* rep) {
  *pass_surrogates = false;
  rep->text.clear();
  rep->bytes.clear();
  rep->is_bytes = false;
  rep->resume = end;
  auto fail = [&](size_t a, size_t b) {
    raise_exc(unicode_encode_error_new(encoding, obj(s), int64_t(a), int64_t(b), reason));
    return false;
  };
  switch (handler_kind(errors)) {
    case Handler::kStrict: return fail(start, end);
    case Handler::kIgnore: return true;
    case Handler::kReplace: rep->text.assign(end - start, '?'); return true;
    case Handler::kBackslashReplace:
      for (size_t i = start; i < end; i++) backslash_escape(rep->text, cps[i]);
      return true;
    case Handler::kXmlCharRefReplace:
      for (size_t i = start; i < end; i++) xmlcharref(rep->text, cps[i]);
      return true;
    case Handler::kNameReplace:
      for (size_t i = start; i < end; i++) name_escape(rep->text, cps[i]);
      return true;
    case Handler::kSurrogateEscape:
      rep->is_bytes = true;
      for (size_t i = start; i < end; i++) {
        if (cps[i] < 0xDC80 || cps[i] > 0xDCFF) return fail(i, end);
        rep->bytes += char(cps[i] - 0xDC00);
      }
      return true;
    case Handler::kSurrogatePass:
      for (size_t i = start; i < end; i++)
        if (!surrogate_pass || !is_surrogate(cps[i])) return fail(start, end);
      *pass_surrogates = true;
      return true;
    case Handler::kOther: break;
  }
  Value handler = codec_lookup_error(errors);
  if (handler.is_exc()) return false;
  Value e = unicode_encode_error_new(encoding, obj(s), int64_t(start), int64_t(end), reason);
  if (e.is_exc()) return false;
  Value r;
  int64_t pos;
  if (!call_handler(handler, e, false, &r, &pos)) return false;
  int64_t n = int64_t(cps.size());
  if (pos < 0) pos += n;
  if (pos < 0 || pos > n) {
    raise_fmt(exc::IndexError, "position {} from error handler out of bounds", pos);
    return false;
  }
  rep->resume = size_t(pos);
  if (is_bytes(r)) {
    rep->is_bytes = true;
    rep->bytes.assign(r.as<BytesObject>()->data, r.as<BytesObject>()->size);
  } else {
    rep->text = code_points(as_str(r));
  }
  return true;
}

// -- Decode errors -------------------------------------------------------------------------------------------
bool codecs::decode_error_generic(Decoder& d, size_t start, size_t end, std::string_view reason, size_t* resume,
                                  uint32_t pass_cp, size_t pass_len) {
  *resume = end;
  auto source = [&]() {
    if (d.source.is_null()) d.source = bytes_new(d.data);
    return d.source;
  };
  auto fail = [&]() {
    raise_exc(unicode_decode_error_new(d.encoding, source(), int64_t(start), int64_t(end), reason));
    return false;
  };
  switch (handler_kind(d.errors)) {
    case Handler::kStrict: return fail();
    case Handler::kIgnore: return true;
    case Handler::kReplace: d.out += "\xEF\xBF\xBD"; return true;
    case Handler::kBackslashReplace:
      for (size_t i = start; i < end; i++) d.out += fmt::format("\\x{:02x}", (unsigned char)d.data[i]);
      return true;
    case Handler::kSurrogateEscape: {
      size_t n = 0;
      for (; n < 4 && start + n < end && (unsigned char)d.data[start + n] >= 0x80; n++)
        utf8_append(d.out, 0xDC00 + (unsigned char)d.data[start + n]);
      if (n == 0) return fail();
      *resume = start + n;
      return true;
    }
    case Handler::kSurrogatePass:
      if (pass_len == 0) return fail();
      utf8_append(d.out, pass_cp);
      *resume = start + pass_len;
      return true;
    case Handler::kXmlCharRefReplace:
    case Handler::kNameReplace:
      raise(exc::TypeError, "don't know how to handle UnicodeDecodeError in error callback");
      return false;
    case Handler::kOther: break;
  }
  Value handler = codec_lookup_error(d.errors);
  if (handler.is_exc()) return false;
  Value e = unicode_decode_error_new(d.encoding, source(), int64_t(start), int64_t(end), reason);
  if (e.is_exc()) return false;
  Value r;
  int64_t pos;
  if (!call_handler(handler, e, true, &r, &pos)) return false;
  int64_t n = int64_t(d.data.size());
  if (pos < 0) pos += n;
  if (pos < 0 || pos > n) {
    raise_fmt(exc::IndexError, "position {} from error handler out of bounds", pos);
    return false;
  }
  d.out.append(as_str(r)->view());
  *resume = size_t(pos);
  return true;
}

// -- The standard handlers as Python callables (codecs.strict_errors, ...) ------------------------------------
namespace {

enum class ExcKind { kEncode, kDecode, kTranslate, kOther };
ExcKind exc_kind(Value e) {
  TypeObject* t = type_of(e);
  if (is_subtype(t, exc::UnicodeEncodeError)) return ExcKind::kEncode;
  if (is_subtype(t, exc::UnicodeDecodeError)) return ExcKind::kDecode;
  if (is_subtype(t, exc::UnicodeTranslateError)) return ExcKind::kTranslate;
  return ExcKind::kOther;
}

// exc.object/start/end, with start/end clamped as CPython's PyUnicode*Error_GetStart/End do.
bool exc_range(Value e, Value* object, int64_t* start, int64_t* end) {
  *object = getattr(e, attr_name("object"));
  if (object->is_exc()) return false;
  Value s = getattr(e, attr_name("start")), en = getattr(e, attr_name("end"));
  if (s.is_exc() || en.is_exc()) return false;
  int64_t size = is_str(*object) ? int64_t(as_str(*object)->length)
                 : is_bytes(*object) ? int64_t(object->as<BytesObject>()->size) : 0;
  if (!is_str(*object) && !is_bytes(*object)) {
    raise(exc::TypeError, "object attribute must be unicode");
    return false;
  }
  if (!int_to_i64(s, start) || !int_to_i64(en, end)) {
    raise(exc::TypeError, "start/end attribute must be int");
    return false;
  }
  if (*start < 0) *start = 0;
  if (*start >= size) *start = size == 0 ? 0 : size - 1;
  if (*end < 1) *end = 1;
  if (*end > size) *end = size;
  return true;
}

Value wrong_exception(Value e) {
  if (!is_subtype(type_of(e), exc::BaseException) || !e.is_obj())
    return raise(exc::TypeError, "codec must pass exception instance");
  return raise_fmt(exc::TypeError, "don't know how to handle {} in error callback", type_of(e)->name->view());
}

Value text_of(const std::vector<uint32_t>& cps) {
  std::string out;
  for (uint32_t c : cps) utf8_append(out, c);
  return str_value(out);
}

Value handler_arg(const char* name, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs(name, kw) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  return args[0];
}

Value strict_errors(Value* args, size_t nargs, TupleObject* kw) {
  Value e = handler_arg("strict_errors", args, nargs, kw);
  if (e.is_exc()) return e;
  if (!e.is_obj() || !is_subtype(type_of(e), exc::BaseException))
    return raise(exc::TypeError, "codec must pass exception instance");
  return raise_value(e);
}

// ignore / replace / backslashreplace / xmlcharrefreplace / namereplace over an exception object.
template <int Kind>
Value replace_like(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"ignore_errors", "replace_errors", "backslashreplace_errors",
                                      "xmlcharrefreplace_errors", "namereplace_errors"};
  Value e = handler_arg(names[Kind], args, nargs, kw);
  if (e.is_exc()) return e;
  ExcKind k = exc_kind(e);
  bool ok = k != ExcKind::kOther && (Kind <= 2 || k == ExcKind::kEncode);
  if (!ok) return wrong_exception(e);
  Value object;
  int64_t start, end;
  if (!exc_range(e, &object, &start, &end)) return Value::exc();
  std::vector<uint32_t> rep;
  if (k == ExcKind::kDecode) {
    if (Kind == 1) rep.push_back(0xFFFD);
    if (Kind == 2)
      for (int64_t i = start; i < end; i++)
        append_ascii(rep, fmt::format("\\x{:02x}", (unsigned char)object.as<BytesObject>()->data[i]));
  } else {
    for (int64_t i = start; i < end; i++) {
      uint32_t cp = uint32_t(str_codepoint_at(as_str(object), i));
      if (Kind == 1) rep.push_back(k == ExcKind::kEncode ? '?' : 0xFFFD);
      if (Kind == 2) backslash_escape(rep, cp);
      if (Kind == 3) xmlcharref(rep, cp);
      if (Kind == 4) name_escape(rep, cp);
    }
  }
  return tuple_pack({text_of(rep), int_from_i64(end)});
}

Value surrogateescape_errors(Value* args, size_t nargs, TupleObject* kw) {
  Value e = handler_arg("surrogateescape", args, nargs, kw);
  if (e.is_exc()) return e;
  ExcKind k = exc_kind(e);
  if (k != ExcKind::kEncode && k != ExcKind::kDecode) return wrong_exception(e);
  Value object;
  int64_t start, end;
  if (!exc_range(e, &object, &start, &end)) return Value::exc();
  if (k == ExcKind::kEncode) {
    std::string out;
    for (int64_t i = start; i < end; i++) {
      int64_t cp = str_codepoint_at(as_str(object), i);
      if (cp < 0xDC80 || cp > 0xDCFF) return raise_value(e);
      out += char(cp - 0xDC00);
    }
    return tuple_pack({bytes_new(out), int_from_i64(end)});
  }
  auto* b = object.as<BytesObject>();
  std::string out;
  int64_t n = 0;
  for (; n < 4 && start + n < end && (unsigned char)b->data[start + n] >= 0x80; n++)
    utf8_append(out, 0xDC00 + (unsigned char)b->data[start + n]);
  if (n == 0) return raise_value(e);
  return tuple_pack({str_value(out), int_from_i64(start + n)});
}

Value surrogatepass_errors(Value* args, size_t nargs, TupleObject* kw) {
  Value e = handler_arg("surrogatepass", args, nargs, kw);
  if (e.is_exc()) return e;
  ExcKind k = exc_kind(e);
  if (k != ExcKind::kEncode && k != ExcKind::kDecode) return wrong_exception(e);
  Value object;
  int64_t start, end;
  if (!exc_range(e, &object, &start, &end)) return Value::exc();
  Value enc = getattr(e, attr_name("encoding"));
  if (enc.is_exc()) return enc;
  int bits;
  bool big;
  if (!is_str(enc) || !standard_utf(as_str(enc)->view(), &bits, &big)) return raise_value(e);
  if (k == ExcKind::kEncode) {
    std::string out;
    for (int64_t i = start; i < end; i++) {
      int64_t cp = str_codepoint_at(as_str(object), i);
      if (!is_surrogate(uint32_t(cp))) return raise_value(e);
      put_surrogate(out, uint32_t(cp), bits, big);
    }
    return tuple_pack({bytes_new(out), int_from_i64(end)});
  }
  auto* b = object.as<BytesObject>();
  uint32_t cp;
  size_t n = surrogate_in(std::string_view(b->data, b->size), size_t(start), bits, big, &cp);
  if (n == 0) return raise_value(e);
  return tuple_pack({str_from_codepoint(cp), int_from_i64(start + int64_t(n))});
}

}  // namespace

Value codec_builtin_error_handler(std::string_view name) {
  struct Entry {
    const char* name;
    const char* fname;
    NativeFn fn;
  };
  static const Entry entries[] = {
      {"strict", "strict_errors", strict_errors},
      {"ignore", "ignore_errors", replace_like<0>},
      {"replace", "replace_errors", replace_like<1>},
      {"backslashreplace", "backslashreplace_errors", replace_like<2>},
      {"xmlcharrefreplace", "xmlcharrefreplace_errors", replace_like<3>},
      {"namereplace", "namereplace_errors", replace_like<4>},
      {"surrogateescape", "surrogateescape", surrogateescape_errors},
      {"surrogatepass", "surrogatepass", surrogatepass_errors},
  };
  static Value made[8];
  for (size_t i = 0; i < 8; i++) {
    if (name != entries[i].name) continue;
    if (made[i].is_null()) {
      gc::add_root(&made[i]);
      made[i] = native_function_new(entries[i].fname, entries[i].fn);
    }
    return made[i];
  }
  return Value::null();
}

// -- str.encode / bytes.decode -------------------------------------------------------------------------------
namespace {

bool arg_text(Value v, const char* what, std::string_view dflt, std::string_view* out) {
  if (v.is_null()) {
    *out = dflt;
    return true;
  }
  if (!is_str(v)) {
    raise_fmt(exc::TypeError, "{}() argument '{}' must be str, not {}", what[0] == 'e' ? "encode" : "decode",
              what + 1, type_name(v));
    return false;
  }
  *out = as_str(v)->view();
  return true;
}

// Which native codec a normalized name selects (CPython's fast paths in PyUnicode_Encode/Decode).
enum class Native { kNone, kUtf8, kAscii, kLatin1, kUtf16, kUtf16Le, kUtf16Be, kUtf32, kUtf32Le, kUtf32Be };
Native native_codec(std::string_view encoding) {
  std::string e = codec_normalize_name(encoding);
  if (e == "utf_8" || e == "utf8" || e == "u8" || e == "utf") return Native::kUtf8;
  if (e == "ascii" || e == "us_ascii" || e == "646") return Native::kAscii;
  if (e == "latin_1" || e == "latin1" || e == "iso_8859_1" || e == "iso8859_1" || e == "l1" || e == "latin")
    return Native::kLatin1;
  if (e == "utf_16" || e == "utf16") return Native::kUtf16;
  if (e == "utf_16_le" || e == "utf_16le") return Native::kUtf16Le;
  if (e == "utf_16_be" || e == "utf_16be") return Native::kUtf16Be;
  if (e == "utf_32" || e == "utf32") return Native::kUtf32;
  if (e == "utf_32_le" || e == "utf_32le") return Native::kUtf32Le;
  if (e == "utf_32_be" || e == "utf_32be") return Native::kUtf32Be;
  return Native::kNone;
}

// Looks a codec up for str.encode/bytes.decode: it must be a text encoding.
Value text_codec(std::string_view encoding, const char* use) {
  Value info = codec_lookup(encoding);
  if (info.is_exc()) return info;
  Value is_text = getattr_opt(info, str_intern("_is_text_encoding"));
  if (is_text.is_exc()) return is_text;
  if (!is_text.is_null()) {
    int t = truthy(is_text);
    if (t < 0) return Value::exc();
    if (!t)
      return raise_fmt(exc::LookupError, "'{}' is not a text encoding; use {} to handle arbitrary codecs", encoding, use);
  }
  return info;
}

// Calls codec function `fn`(obj, errors) and takes the first item of its (result, length) tuple.
Value call_codec(Value fn, Value object, std::string_view errors, bool encoding) {
  Value args[2] = {object, str_value(errors)};
  Value r = call(fn, args, 2);
  if (r.is_exc()) return r;
  if (!is_tuple(r) || r.as<TupleObject>()->size != 2)
    return raise(exc::TypeError, encoding ? "encoder must return a tuple (object, integer)"
                                          : "decoder must return a tuple (object, integer)");
  return r.as<TupleObject>()->items[0];
}

}  // namespace

Value codec_encode_str(Value str, Value encoding, Value errors) {
  std::string_view enc, err;
  if (!arg_text(encoding, "eencoding", "utf-8", &enc) || !arg_text(errors, "eerrors", "strict", &err)) return Value::exc();
  StrObject* s = as_str(str);
  switch (native_codec(enc)) {
    case Native::kUtf8: return encode_utf8(s, err);
    case Native::kAscii: return encode_ascii(s, err);
    case Native::kLatin1: return encode_latin1(s, err);
    case Native::kUtf16: return encode_utf16(s, err, 0);
    case Native::kUtf16Le: return encode_utf16(s, err, -1);
    case Native::kUtf16Be: return encode_utf16(s, err, 1);
    case Native::kUtf32: return encode_utf32(s, err, 0);
    case Native::kUtf32Le: return encode_utf32(s, err, -1);
    case Native::kUtf32Be: return encode_utf32(s, err, 1);
    case Native::kNone: break;
  }
  Value info = text_codec(enc, "codecs.encode()");
  if (info.is_exc()) return info;
  Value r = call_codec(info.as<TupleObject>()->items[0], str, err, true);
  if (r.is_exc() || is_bytes(r)) return r;
  return raise_fmt(exc::TypeError, "'{}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                   enc, type_name(r));
}

Value codec_decode_bytes(std::string_view data, Value source, Value encoding, Value errors) {
  std::string_view enc, err;
  if (!arg_text(encoding, "dencoding", "utf-8", &enc) || !arg_text(errors, "derrors", "strict", &err)) return Value::exc();
  size_t consumed;
  int order;
  switch (native_codec(enc)) {
    case Native::kUtf8: return decode_utf8(data, source, err, true, &consumed);
    case Native::kAscii: return decode_ascii(data, source, err);
    case Native::kLatin1: return decode_latin1(data);
    case Native::kUtf16: order = 0; return decode_utf16(data, source, err, &order, true, &consumed);
    case Native::kUtf16Le: order = -1; return decode_utf16(data, source, err, &order, true, &consumed);
    case Native::kUtf16Be: order = 1; return decode_utf16(data, source, err, &order, true, &consumed);
    case Native::kUtf32: order = 0; return decode_utf32(data, source, err, &order, true, &consumed);
    case Native::kUtf32Le: order = -1; return decode_utf32(data, source, err, &order, true, &consumed);
    case Native::kUtf32Be: order = 1; return decode_utf32(data, source, err, &order, true, &consumed);
    case Native::kNone: break;
  }
  Value info = text_codec(enc, "codecs.decode()");
  if (info.is_exc()) return info;
  Value r = call_codec(info.as<TupleObject>()->items[1], source.is_null() ? bytes_new(data) : source, err, false);
  if (r.is_exc() || is_str(r)) return r;
  return raise_fmt(exc::TypeError, "'{}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                   enc, type_name(r));
}

Value codec_encode(Value object, std::string_view encoding, std::string_view errors) {
  Value info = codec_lookup(encoding);
  if (info.is_exc()) return info;
  return call_codec(info.as<TupleObject>()->items[0], object, errors, true);
}

Value codec_decode(Value object, std::string_view encoding, std::string_view errors) {
  Value info = codec_lookup(encoding);
  if (info.is_exc()) return info;
  return call_codec(info.as<TupleObject>()->items[1], object, errors, false);
}

}  // namespace chaipy
