// frontend/parser_util.h — helpers shared by the parser files: the error exception, literal
// conversion and CPython's names for expression kinds in error messages.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "frontend/ast.h"
#include "frontend/syntax_error.h"

namespace chaipy {

// Thrown inside the parser on the first error; never escapes parse_source.
struct ParseError {
  std::string type = "SyntaxError", msg = "invalid syntax";
  ast::Pos pos;
  bool generic = true;     // plain "invalid syntax" (a tokenizer error found later wins)
  size_t token_index = 0;  // where the parser stood
  std::optional<SyntaxErrorInfo> lexer_error;  // an error from a nested tokenizer run (f-strings)
};

// "function call", "literal", ... as CPython's _PyPegen_get_expr_name.
const char* expr_name(const ast::Expr* e);
// An int / float / imaginary NUMBER token as a constant.
Const number_const(std::string_view text);
// The first expression nested deeper than the later (recursive) passes can take, or null.
// True if statements nested `level` deep plus their expressions' depth pass `budget` (the
// compiler's RecursionError; see compile.h kCompileDepthBudget).
bool too_deep(const ast::StmtList& body, int budget, int level = 0);

}  // namespace chaipy
