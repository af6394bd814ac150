// interp/codecs_internal.h — what the codec files share: error-handler dispatch for encoders and
// decoders (CPython's unicode_encode_call_errorhandler / unicode_decode_call_errorhandler with the
// standard handlers done inline), and the code-point view of a str.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "interp/codecs.h"
#include "interp/objects/objects.h"

namespace chaipy::codecs {

enum class Handler { kStrict, kIgnore, kReplace, kBackslashReplace, kXmlCharRefReplace, kNameReplace,
                     kSurrogateEscape, kSurrogatePass, kOther };
Handler handler_kind(std::string_view errors);

inline bool is_surrogate(uint32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

std::vector<uint32_t> code_points(StrObject* s);

// The replacement a handler gives for an encode error over [start, end): either text to encode
// with the codec (`text`) or raw bytes (`bytes`), and where to resume.
struct EncodeReplacement {
  std::vector<uint32_t> text;
  std::string bytes;
  bool is_bytes = false;
  size_t resume = 0;
};

// Calls the handler for an encode error (strict raises; ignore/replace/backslashreplace/
// xmlcharrefreplace/namereplace/surrogateescape/surrogatepass natively, others through the
// registry). `surrogate_pass` says whether the codec is a UTF (surrogatepass applies; the caller
// then encodes the surrogates itself when told by `pass_surrogates`). False with an exception set.
bool encode_error(std::string_view encoding, StrObject* s, const std::vector<uint32_t>& cps, std::string_view errors,
                  size_t start, size_t end, std::string_view reason, bool surrogate_pass, bool* pass_surrogates,
                  EncodeReplacement* rep);

// Decoding state for error handling: the output so far (generalised UTF-8) and the input.
struct Decoder {
  std::string_view encoding;
  std::string_view data;
  Value source;          // the bytes object for exceptions (made lazily from data when null)
  std::string_view errors;
  std::string out;
};

// Handles a decode error over data[start, end): appends the replacement to d.out and sets *resume.
// `surrogate_pass(start, &cp)` returns the byte length of an encoded surrogate at start (0: none).
template <class F>
bool decode_error(Decoder& d, size_t start, size_t end, std::string_view reason, size_t* resume, F surrogate_pass);
bool decode_error_generic(Decoder& d, size_t start, size_t end, std::string_view reason, size_t* resume,
                          uint32_t pass_cp, size_t pass_len);

template <class F>
bool decode_error(Decoder& d, size_t start, size_t end, std::string_view reason, size_t* resume, F surrogate_pass) {
  uint32_t cp = 0;
  size_t len = handler_kind(d.errors) == Handler::kSurrogatePass ? surrogate_pass(start, &cp) : 0;
  return decode_error_generic(d, start, end, reason, resume, cp, len);
}
inline bool decode_error(Decoder& d, size_t start, size_t end, std::string_view reason, size_t* resume) {
  return decode_error_generic(d, start, end, reason, resume, 0, 0);
}

}  // namespace chaipy::codecs
