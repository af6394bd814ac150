// interp/codecs.h — text encodings for the whole runtime: the codec registry (codecs.register /
// lookup, which imports the stdlib's `encodings` package on first use), the error-handler registry,
// and the native codecs (utf-8/16/32/7, latin-1, ascii, charmap, the escape codecs) with every
// standard error handler. str.encode, bytes.decode, _io's TextIOWrapper and the _codecs module call
// these; every function follows the runtime's error convention.
//
// Strings are generalised UTF-8 (unicode/utf8.h): a lone surrogate is a code point like any other
// until a strict UTF-8/16/32 encoder refuses it ("surrogates not allowed").
#pragma once
#include <string>
#include <string_view>

#include "interp/runtime.h"

namespace chaipy {

// -- High-level entry points ------------------------------------------------------------------------
// str.encode(encoding, errors) / bytes.decode(encoding, errors): the native codecs by name (utf-8,
// ascii, latin-1, utf-16/32 and their aliases), anything else through codecs.lookup; the result
// must be bytes / str, as CPython checks. Null encoding/errors mean "utf-8"/"strict".
Value codec_encode_str(Value str, Value encoding, Value errors);
Value codec_decode_bytes(std::string_view data, Value source, Value encoding, Value errors);
// codecs.encode(obj, encoding, errors) / codecs.decode: any object, any codec, no type checks.
Value codec_encode(Value obj, std::string_view encoding, std::string_view errors);
Value codec_decode(Value obj, std::string_view encoding, std::string_view errors);

// -- Registries ---------------------------------------------------------------------------------------
Value codec_lookup(std::string_view encoding);        // a CodecInfo; LookupError if unknown
int codec_register(Value search_function);
int codec_unregister(Value search_function);
int codec_forget(std::string_view encoding);           // drop from the lookup cache
std::string codec_normalize_name(std::string_view encoding);  // "UTF-8 " -> "utf_8"
Value codec_lookup_error(std::string_view name);        // the handler; LookupError if unknown
int codec_register_error(std::string_view name, Value handler);
// The standard handlers as Python-callable natives (codecs.strict_errors & co.), by name.
Value codec_builtin_error_handler(std::string_view name);  // null if not a standard name

// -- Native codecs ---------------------------------------------------------------------------------------
// Encoders take a str and return bytes; decoders take bytes (`source` is the bytes-like object the
// data came from, for the exception objects; may be null) and return a str, setting *consumed to
// the bytes used (less than the input only when `final` is false and the tail is incomplete).
enum class Utf16Order { kNative = 0, kLittle = -1, kBig = 1 };
Value encode_utf8(StrObject* s, std::string_view errors);
Value encode_latin1(StrObject* s, std::string_view errors);
Value encode_ascii(StrObject* s, std::string_view errors);
// byteorder: 0 writes a BOM then native order (little endian here), -1 little, 1 big.
Value encode_utf16(StrObject* s, std::string_view errors, int byteorder);
Value encode_utf32(StrObject* s, std::string_view errors, int byteorder);
Value encode_utf7(StrObject* s, std::string_view errors);
Value encode_unicode_escape(StrObject* s, bool raw);
Value encode_charmap(StrObject* s, std::string_view errors, Value mapping);

Value decode_utf8(std::string_view data, Value source, std::string_view errors, bool final, size_t* consumed);
Value decode_latin1(std::string_view data);
Value decode_ascii(std::string_view data, Value source, std::string_view errors);
// *byteorder in/out: 0 detects a BOM (and reports the order found), -1 little, 1 big.
Value decode_utf16(std::string_view data, Value source, std::string_view errors, int* byteorder, bool final,
                   size_t* consumed);
Value decode_utf32(std::string_view data, Value source, std::string_view errors, int* byteorder, bool final,
                   size_t* consumed);
Value decode_utf7(std::string_view data, Value source, std::string_view errors, bool final, size_t* consumed);
Value decode_unicode_escape(std::string_view data, Value source, std::string_view errors, bool raw, bool final,
                            size_t* consumed);
Value decode_charmap(std::string_view data, Value source, std::string_view errors, Value mapping);
Value charmap_build(StrObject* decoding_table);  // an EncodingMap for encode_charmap

// bytes escape codec (escape_encode / escape_decode): Python bytes-literal escapes.
Value escape_encode_bytes(std::string_view data);
Value escape_decode_bytes(std::string_view data, std::string_view errors);

// UnicodeEncodeError(encoding, object, start, end, reason) / UnicodeDecodeError(...) instances.
Value unicode_encode_error_new(std::string_view encoding, Value str, int64_t start, int64_t end, std::string_view reason);
Value unicode_decode_error_new(std::string_view encoding, Value bytes, int64_t start, int64_t end,
                               std::string_view reason);

}  // namespace chaipy
