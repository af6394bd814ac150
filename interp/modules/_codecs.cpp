// interp/modules/_codecs.cpp — the _codecs module the stdlib's codecs.py and encodings/*.py sit on:
// registries (register/lookup/unregister, register_error/lookup_error), encode/decode, and the
// codec functions (utf_8_encode, charmap_decode, ...) with CPython's argument conventions; the work
// is in interp/codecs_*.cpp.
#include "interp/codecs.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

// -- Arguments ----------------------------------------------------------------------------------------------
bool positional(const char* fname, Value* args, size_t nargs, TupleObject* kw, size_t min, size_t max) {
  return check_no_kwargs(fname, kw) && check_nargs(fname, nargs, min, max);
}

// A bytes-like argument (and str, UTF-8 encoded, where CPython's "s*" accepts it). args[i] is
// replaced by a bytes copy when it is another buffer (bytearray, memoryview), so the view stays
// valid for the call and exceptions carry bytes, as CPython's do.
bool data_arg(const char* fname, Value* args, size_t nargs, size_t i, bool accept_str, std::string_view* out) {
  Value v = args[i];
  if (!is_bytes(v) && !(accept_str && is_str(v)) && is_buffer(v)) {
    BufferHold h;
    if (!h.get(v)) return false;
    args[i] = v = bytes_new(h.view());
  }
  if (is_bytes(v)) {
    *out = {v.as<BytesObject>()->data, v.as<BytesObject>()->size};
    return true;
  }
  if (accept_str && is_str(v)) {
    *out = as_str(v)->view();
    return true;
  }
  raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(v));
  return false;
}

bool str_arg(const char* fname, Value* args, size_t i, StrObject** out) {
  if (is_str(args[i])) {
    *out = as_str(args[i]);
    return true;
  }
  raise_fmt(exc::TypeError, "{}() argument {} must be str, not {}", fname, i + 1, type_name(args[i]));
  return false;
}

// errors: str or None (absent: strict).
bool errors_arg(const char* fname, Value* args, size_t nargs, size_t i, std::string_view* out) {
  *out = "strict";
  if (i >= nargs || args[i].is_none()) return true;
  if (!is_str(args[i])) {
    raise_fmt(exc::TypeError, "{}() argument {} must be str or None, not {}", fname, i + 1, type_name(args[i]));
    return false;
  }
  *out = as_str(args[i])->view();
  return true;
}

bool flag_arg(Value* args, size_t nargs, size_t i, bool dflt, bool* out) {
  *out = dflt;
  if (i >= nargs) return true;
  int t = truthy(args[i]);
  if (t < 0) return false;
  *out = t;
  return true;
}

bool int_arg(const char* fname, Value* args, size_t nargs, size_t i, int* out) {
  *out = 0;
  if (i >= nargs) return true;
  int64_t v;
  if (!is_int(args[i])) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[i]));
    return false;
  }
  if (!int_to_i64(args[i], &v) || v < INT32_MIN || v > INT32_MAX) {
    raise(exc::OverflowError, "signed integer is greater than maximum");
    return false;
  }
  *out = int(v);
  return true;
}

Value pair(Value r, size_t n) {
  if (r.is_exc()) return r;
  return tuple_pack({r, int_from_i64(int64_t(n))});
}

// -- Registries ------------------------------------------------------------------------------------------------
Value codecs_register(Value* args, size_t nargs, TupleObject* kw) {
  if (!positional("register", args, nargs, kw, 1, 1) || codec_register(args[0]) < 0) return Value::exc();
  return Value::none();
}
Value codecs_unregister(Value* args, size_t nargs, TupleObject* kw) {
  if (!positional("unregister", args, nargs, kw, 1, 1) || codec_unregister(args[0]) < 0) return Value::exc();
  return Value::none();
}
Value codecs_lookup(Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  if (!positional("lookup", args, nargs, kw, 1, 1) || !str_arg("lookup", args, 0, &s)) return Value::exc();
  return codec_lookup(s->view());
}
Value codecs_forget_codec(Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  if (!positional("_forget_codec", args, nargs, kw, 1, 1) || !str_arg("_forget_codec", args, 0, &s)) return Value::exc();
  if (codec_forget(s->view()) < 0) return Value::exc();
  return Value::none();
}
Value codecs_register_error(Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  if (!positional("register_error", args, nargs, kw, 2, 2) || !str_arg("register_error", args, 0, &s) ||
      codec_register_error(s->view(), args[1]) < 0)
    return Value::exc();
  return Value::none();
}
Value codecs_lookup_error(Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  if (!positional("lookup_error", args, nargs, kw, 1, 1) || !str_arg("lookup_error", args, 0, &s)) return Value::exc();
  return codec_lookup_error(s->view());
}

// encode(obj, encoding='utf-8', errors='strict') / decode(...)
template <bool Encode>
Value codecs_transcode(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"obj", "encoding", "errors", nullptr};
  const char* fname = Encode ? "encode" : "decode";
  Value a[3];
  if (!parse_args(fname, args, nargs, kw, names, 1, a)) return Value::exc();
  std::string_view enc = "utf-8", err = "strict";
  for (int i = 1; i < 3; i++) {
    if (a[i].is_null()) continue;
    if (!is_str(a[i]))
      return raise_fmt(exc::TypeError, "{}() argument '{}' must be str, not {}", fname, names[i], type_name(a[i]));
    (i == 1 ? enc : err) = as_str(a[i])->view();
  }
  return Encode ? codec_encode(a[0], enc, err) : codec_decode(a[0], enc, err);
}

// -- Encoders: (str, errors=None) -> (bytes, len(str)) ----------------------------------------------------------
template <Value (*F)(StrObject*, std::string_view)>
Value simple_encoder(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  std::string_view err;
  if (!positional(fname, args, nargs, kw, 1, 2) || !str_arg(fname, args, 0, &s) || !errors_arg(fname, args, nargs, 1, &err))
    return Value::exc();
  return pair(F(s, err), s->length);
}
#define SIMPLE_ENCODER(pyname, fn) \
  Value codecs_##pyname(Value* a, size_t n, TupleObject* k) { return simple_encoder<fn>(#pyname, a, n, k); }
SIMPLE_ENCODER(utf_8_encode, encode_utf8)
SIMPLE_ENCODER(latin_1_encode, encode_latin1)
SIMPLE_ENCODER(ascii_encode, encode_ascii)
SIMPLE_ENCODER(utf_7_encode, encode_utf7)
#undef SIMPLE_ENCODER

Value escape_encoder(const char* fname, bool raw, Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  std::string_view err;
  if (!positional(fname, args, nargs, kw, 1, 2) || !str_arg(fname, args, 0, &s) || !errors_arg(fname, args, nargs, 1, &err))
    return Value::exc();
  return pair(encode_unicode_escape(s, raw), s->length);
}
Value codecs_unicode_escape_encode(Value* a, size_t n, TupleObject* k) { return escape_encoder("unicode_escape_encode", false, a, n, k); }
Value codecs_raw_unicode_escape_encode(Value* a, size_t n, TupleObject* k) { return escape_encoder("raw_unicode_escape_encode", true, a, n, k); }

// utf_16_encode(str, errors=None, byteorder=0) and the fixed-order variants.
template <bool Utf32, int Order>
Value utf_encoder(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[2][4] = {{"utf_16_le_encode", "utf_16_encode", "utf_16_be_encode"},
                                          {"utf_32_le_encode", "utf_32_encode", "utf_32_be_encode"}};
  const char* fname = names[Utf32][Order == 2 ? 1 : Order + 1];
  StrObject* s;
  std::string_view err;
  int order = Order == 2 ? 0 : Order;
  if (!positional(fname, args, nargs, kw, 1, Order == 2 ? 3 : 2) || !str_arg(fname, args, 0, &s) ||
      !errors_arg(fname, args, nargs, 1, &err) || (Order == 2 && !int_arg(fname, args, nargs, 2, &order)))
    return Value::exc();
  int bo = order < 0 ? -1 : order > 0 ? 1 : 0;
  return pair(Utf32 ? encode_utf32(s, err, bo) : encode_utf16(s, err, bo), s->length);
}

Value codecs_charmap_encode(Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  std::string_view err;
  if (!positional("charmap_encode", args, nargs, kw, 1, 3) || !str_arg("charmap_encode", args, 0, &s) ||
      !errors_arg("charmap_encode", args, nargs, 1, &err))
    return Value::exc();
  return pair(encode_charmap(s, err, nargs > 2 ? args[2] : Value::none()), s->length);
}

Value codecs_charmap_build(Value* args, size_t nargs, TupleObject* kw) {
  StrObject* s;
  if (!positional("charmap_build", args, nargs, kw, 1, 1) || !str_arg("charmap_build", args, 0, &s)) return Value::exc();
  return charmap_build(s);
}

// -- Decoders: (data, errors=None[, final=False]) -> (str, consumed) ---------------------------------------------
Value codecs_utf_8_decode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  bool final;
  if (!positional("utf_8_decode", args, nargs, kw, 1, 3) || !data_arg("utf_8_decode", args, nargs, 0, false, &data) ||
      !errors_arg("utf_8_decode", args, nargs, 1, &err) || !flag_arg(args, nargs, 2, false, &final))
    return Value::exc();
  size_t consumed;
  Value r = decode_utf8(data, args[0], err, final, &consumed);
  return pair(r, consumed);
}

Value codecs_utf_7_decode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  bool final;
  if (!positional("utf_7_decode", args, nargs, kw, 1, 3) || !data_arg("utf_7_decode", args, nargs, 0, false, &data) ||
      !errors_arg("utf_7_decode", args, nargs, 1, &err) || !flag_arg(args, nargs, 2, false, &final))
    return Value::exc();
  size_t consumed;
  Value r = decode_utf7(data, args[0], err, final, &consumed);
  return pair(r, consumed);
}

Value codecs_latin_1_decode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  if (!positional("latin_1_decode", args, nargs, kw, 1, 2) || !data_arg("latin_1_decode", args, nargs, 0, false, &data) ||
      !errors_arg("latin_1_decode", args, nargs, 1, &err))
    return Value::exc();
  return pair(decode_latin1(data), data.size());
}

Value codecs_ascii_decode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  if (!positional("ascii_decode", args, nargs, kw, 1, 2) || !data_arg("ascii_decode", args, nargs, 0, false, &data) ||
      !errors_arg("ascii_decode", args, nargs, 1, &err))
    return Value::exc();
  return pair(decode_ascii(data, args[0], err), data.size());
}

Value codecs_charmap_decode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  if (!positional("charmap_decode", args, nargs, kw, 1, 3) || !data_arg("charmap_decode", args, nargs, 0, false, &data) ||
      !errors_arg("charmap_decode", args, nargs, 1, &err))
    return Value::exc();
  return pair(decode_charmap(data, args[0], err, nargs > 2 ? args[2] : Value::none()), data.size());
}

// utf_16_decode(data, errors=None, final=False), *_le/_be, and utf_16_ex_decode(data, errors=None,
// byteorder=0, final=False) -> (str, consumed, byteorder).
template <bool Utf32, int Order>  // Order 0: BOM detection, -1/1 fixed, 2: the _ex form
Value utf_decoder(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[2][4] = {{"utf_16_le_decode", "utf_16_decode", "utf_16_be_decode", "utf_16_ex_decode"},
                                          {"utf_32_le_decode", "utf_32_decode", "utf_32_be_decode", "utf_32_ex_decode"}};
  const char* fname = names[Utf32][Order + 1];
  std::string_view data, err;
  bool final;
  int order = Order == 2 ? 0 : Order;
  size_t final_at = Order == 2 ? 3 : 2;
  if (!positional(fname, args, nargs, kw, 1, final_at + 1) || !data_arg(fname, args, nargs, 0, false, &data) ||
      !errors_arg(fname, args, nargs, 1, &err) || (Order == 2 && !int_arg(fname, args, nargs, 2, &order)) ||
      !flag_arg(args, nargs, final_at, false, &final))
    return Value::exc();
  order = order < 0 ? -1 : order > 0 ? 1 : 0;
  size_t consumed;
  Value r = Utf32 ? decode_utf32(data, args[0], err, &order, final, &consumed)
                  : decode_utf16(data, args[0], err, &order, final, &consumed);
  if (r.is_exc()) return r;
  if (Order == 2) return tuple_pack({r, int_from_i64(int64_t(consumed)), int_from_i64(order)});
  return tuple_pack({r, int_from_i64(int64_t(consumed))});
}

Value escape_decoder(const char* fname, bool raw, Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  bool final;
  if (!positional(fname, args, nargs, kw, 1, 3) || !data_arg(fname, args, nargs, 0, true, &data) ||
      !errors_arg(fname, args, nargs, 1, &err) || !flag_arg(args, nargs, 2, true, &final))
    return Value::exc();
  size_t consumed;
  Value r = decode_unicode_escape(data, is_bytes(args[0]) ? args[0] : Value::null(), err, raw, final, &consumed);
  return pair(r, consumed);
}
Value codecs_unicode_escape_decode(Value* a, size_t n, TupleObject* k) { return escape_decoder("unicode_escape_decode", false, a, n, k); }
Value codecs_raw_unicode_escape_decode(Value* a, size_t n, TupleObject* k) { return escape_decoder("raw_unicode_escape_decode", true, a, n, k); }

Value codecs_escape_encode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view err;
  if (!positional("escape_encode", args, nargs, kw, 1, 2)) return Value::exc();
  if (!is_bytes(args[0]))
    return raise_fmt(exc::TypeError, "escape_encode() argument 1 must be bytes, not {}", type_name(args[0]));
  if (!errors_arg("escape_encode", args, nargs, 1, &err)) return Value::exc();
  auto* b = args[0].as<BytesObject>();
  return pair(escape_encode_bytes({b->data, b->size}), b->size);
}

Value codecs_escape_decode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  if (!positional("escape_decode", args, nargs, kw, 1, 2) || !data_arg("escape_decode", args, nargs, 0, true, &data) ||
      !errors_arg("escape_decode", args, nargs, 1, &err))
    return Value::exc();
  return pair(escape_decode_bytes(data, err), data.size());
}

Value codecs_readbuffer_encode(Value* args, size_t nargs, TupleObject* kw) {
  std::string_view data, err;
  if (!positional("readbuffer_encode", args, nargs, kw, 1, 2) ||
      !data_arg("readbuffer_encode", args, nargs, 0, true, &data) || !errors_arg("readbuffer_encode", args, nargs, 1, &err))
    return Value::exc();
  return pair(bytes_new(data), data.size());
}

}  // namespace

Value make__codecs_module() {
  Value m = module_new("_codecs");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"register", codecs_register},
      {"unregister", codecs_unregister},
      {"lookup", codecs_lookup},
      {"_forget_codec", codecs_forget_codec},
      {"register_error", codecs_register_error},
      {"lookup_error", codecs_lookup_error},
      {"encode", codecs_transcode<true>},
      {"decode", codecs_transcode<false>},
      {"utf_8_encode", codecs_utf_8_encode},
      {"utf_8_decode", codecs_utf_8_decode},
      {"utf_7_encode", codecs_utf_7_encode},
      {"utf_7_decode", codecs_utf_7_decode},
      {"utf_16_encode", utf_encoder<false, 2>},
      {"utf_16_le_encode", utf_encoder<false, -1>},
      {"utf_16_be_encode", utf_encoder<false, 1>},
      {"utf_16_decode", utf_decoder<false, 0>},
      {"utf_16_le_decode", utf_decoder<false, -1>},
      {"utf_16_be_decode", utf_decoder<false, 1>},
      {"utf_16_ex_decode", utf_decoder<false, 2>},
      {"utf_32_encode", utf_encoder<true, 2>},
      {"utf_32_le_encode", utf_encoder<true, -1>},
      {"utf_32_be_encode", utf_encoder<true, 1>},
      {"utf_32_decode", utf_decoder<true, 0>},
      {"utf_32_le_decode", utf_decoder<true, -1>},
      {"utf_32_be_decode", utf_decoder<true, 1>},
      {"utf_32_ex_decode", utf_decoder<true, 2>},
      {"latin_1_encode", codecs_latin_1_encode},
      {"latin_1_decode", codecs_latin_1_decode},
      {"ascii_encode", codecs_ascii_encode},
      {"ascii_decode", codecs_ascii_decode},
      {"charmap_encode", codecs_charmap_encode},
      {"charmap_decode", codecs_charmap_decode},
      {"charmap_build", codecs_charmap_build},
      {"unicode_escape_encode", codecs_unicode_escape_encode},
      {"unicode_escape_decode", codecs_unicode_escape_decode},
      {"raw_unicode_escape_encode", codecs_raw_unicode_escape_encode},
      {"raw_unicode_escape_decode", codecs_raw_unicode_escape_decode},
      {"escape_encode", codecs_escape_encode},
      {"escape_decode", codecs_escape_decode},
      {"readbuffer_encode", codecs_readbuffer_encode},
  });
  return m;
}

}  // namespace chaipy
