// frontend/unparse.h — an expression back to source text, as CPython's ast_unparse.c writes it:
// the string an annotation becomes under `from __future__ import annotations` (PEP 563).
#pragma once
#include <string>

#include "frontend/ast.h"

namespace chaipy {

std::string unparse_expr(const ast::Expr& e);

}  // namespace chaipy
