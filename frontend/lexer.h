// frontend/lexer.h — source text to tokens (INDENT/DEDENT, line joining, literals) and the
// decoding of string-literal bodies.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/syntax_error.h"

namespace chaipy {

enum class Tok : uint8_t {
#define TOKEN(name, text) name,
#include "frontend/tokens.def"
#undef TOKEN
  kCount
};
extern const char* const kTokText[int(Tok::kCount)];

struct Token {
  Tok kind = Tok::ENDMARKER;
  std::string_view text;  // a view into the source buffer
  int line = 1, col = 0, end_line = 1, end_col = 0;  // 1-based lines, 0-based byte columns
};

struct LexOutput {
  std::vector<Token> tokens;  // ends with ENDMARKER, or ERRORTOKEN where `error` was found
  std::optional<SyntaxErrorInfo> error;
  bool eof_unclosed = false;  // the error is "'(' was never closed", found at end of input
};

struct LexRange {
  size_t begin = 0, end = std::string_view::npos;  // byte range of the buffer to tokenize
  int line = 1;                // line of `begin`
  size_t line_start = 0;       // byte offset where that line starts
  bool expression = false;     // an f-string replacement field: no NEWLINE/INDENT, newlines allowed
};

// Tokenize `src` (UTF-8, '\n' line ends). Never throws.
LexOutput tokenize(std::string_view src, const std::string& filename, const LexRange& range = {});

// -- String literals ------------------------------------------------------------------------
struct StringPrefix {
  bool raw = false, bytes = false, fmt = false;
  int prefix_len = 0, quote_len = 1;  // bytes of prefix, 1 or 3
};
StringPrefix string_prefix(std::string_view literal);
// Decode the escapes of a (non-raw) body; returns false with `err` set on a bad escape.
bool decode_escapes(std::string_view body, bool bytes, std::string& out, std::string& err);
bool is_keyword(std::string_view name);

}  // namespace chaipy
