// frontend/fold.h — AST-level constant folding (CPython's ast_opt): unary minus and friends on
// numbers, arithmetic on constants, tuples of constants, list/set literals used as `in` / `for`
// iterables, and `__debug__`.
#pragma once
#include "frontend/ast.h"

namespace chaipy {

// `annotations` false: annotations are left as written (they become strings, PEP 563).
void fold_constants(ast::Module& m, bool annotations = true);
// Python truthiness of a constant.
bool const_truthy(const Const& c);

}  // namespace chaipy
