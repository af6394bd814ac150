// interp/modules/os_support.h — helpers shared by the OS-level native modules (posix, _io, select,
// fcntl, _posixsubprocess, ...): path and fd arguments as CPython converts them, the filesystem
// encoding (UTF-8 with surrogateescape), and the text codecs _io implements natively.
#pragma once
#include <string>
#include <string_view>

#include "interp/runtime.h"

namespace chaipy {

// -- Paths (posix.cpp) -----------------------------------------------------------------------------
// A converted path argument (CPython's path_t): str, bytes or os.PathLike (and an int fd where
// allowed). `object` is what the caller passed (used as the filename in OSError).
struct PathArg {
  std::string path;      // the encoded bytes, NUL-free
  Value object = Value::none();
  int fd = -1;           // an int argument (allow_fd)
  bool is_bytes = false; // results (listdir, readlink) come back as bytes
  bool is_none = false;  // None given (nullable)
  const char* c_str() const { return path.c_str(); }
};
// Converts `v` for argument `argname` of function `fname`; false after raising CPython's
// "stat: path should be string, bytes, os.PathLike or integer, not list".
bool path_convert(const char* fname, const char* argname, Value v, PathArg* out, bool allow_fd = false,
                  bool nullable = false);
// os.fspath(v): str or bytes, or exc.
Value fspath(Value v);
// An int file descriptor from an int or an object with fileno() (CPython's PyObject_AsFileDescriptor).
bool fd_from_object(Value v, int* out);
// A C int argument (__index__, OverflowError "signed integer is greater than maximum").
bool int_arg(Value v, int* out);
// The bytes of a bytes-like argument (bytes today; bytearray / memoryview through the buffer
// protocol); false after raising "a bytes-like object is required, not 'str'".
bool buffer_view(Value v, std::string_view* out);
// The locale's encoding as CPython reports it (locale.getencoding(): 'UTF-8' under C.UTF-8,
// 'utf-8' in the C locale, where CPython turns on UTF-8 mode).
std::string locale_encoding();

// -- Filesystem encoding: UTF-8 + surrogateescape (textcodec.cpp) -----------------------------------
Value fs_decode(std::string_view bytes);                 // str
bool fs_encode(StrObject* s, std::string* out);          // false after raising UnicodeEncodeError

// -- Native text codecs (textcodec.cpp) --------------------------------------------------------------
enum class TextCodec : uint8_t { kUtf8, kAscii, kLatin1 };
enum class TextErrors : uint8_t { kStrict, kIgnore, kReplace, kSurrogateEscape, kBackslashReplace, kSurrogatePass };
bool text_codec_lookup(std::string_view name, TextCodec* out);     // "UTF-8", "utf8", "latin-1" ...
bool text_errors_lookup(std::string_view name, TextErrors* out);
const char* text_codec_name(TextCodec c);                          // "utf-8", "ascii", "latin-1"
// Decodes n bytes, appending the str's internal UTF-8 to *out. Returns the bytes consumed: with
// final=false an incomplete multi-byte sequence at the end is left for the next call. -1 after
// raising UnicodeDecodeError.
int64_t text_decode(TextCodec c, TextErrors e, const char* p, size_t n, bool final, std::string* out);
// Encodes internal UTF-8 text (s, nbytes) appending to *out; false after raising UnicodeEncodeError.
bool text_encode(TextCodec c, TextErrors e, std::string_view s, std::string* out);
// How many encoded bytes the internal UTF-8 text `s` came from when decoded with (c, e) (exact
// for every handler except replace, which maps several inputs to U+FFFD).
size_t text_encoded_length(TextCodec c, TextErrors e, std::string_view s);

}  // namespace chaipy
