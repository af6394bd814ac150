// frontend/parser.h — tokens to AST, with CPython 3.11's SyntaxError messages.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "frontend/ast.h"
#include "frontend/syntax_error.h"

namespace chaipy {

enum class ParseMode { kExec, kEval, kSingle };

struct ParseResult {
  ast::Module module;  // for kEval: one Expr statement holding the expression
  std::optional<SyntaxErrorInfo> error;
};

ParseResult parse_source(std::string_view src, const std::string& filename, ParseMode mode);

}  // namespace chaipy
