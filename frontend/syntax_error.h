// frontend/syntax_error.h — the description of a SyntaxError / IndentationError / TabError.
#pragma once
#include <string>

namespace chaipy {

struct SyntaxErrorInfo {
  std::string type;  // "SyntaxError", "IndentationError", "TabError"
  std::string msg, filename;
  std::string text;  // the offending source line, without newline
  int lineno = 0, offset = 0;  // offset: 1-based column in characters, as SyntaxError.offset; lineno -1: no location
  int end_lineno = 0, end_offset = 0;
};

// Source line `lineno` (1-based) of `src`, without its newline ("" if out of range).
std::string source_line(std::string_view src, int lineno);
// Number of UTF-8 code points in the first `byte_col` bytes of `line`.
int utf8_char_count(std::string_view line, int byte_col);

// Build an error at a byte position (1-based line, 0-based byte columns) of `src`.
SyntaxErrorInfo make_syntax_error(std::string_view src, const std::string& filename, const std::string& type,
                                  const std::string& msg, int line, int col, int end_line, int end_col);

}  // namespace chaipy
