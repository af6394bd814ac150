// frontend/future.h — `from __future__ import ...` (CPython's future.c): which features a module
// turns on, and where its leading future imports end.
#pragma once
#include <cstdint>

#include "frontend/ast.h"

namespace chaipy {

struct FutureFeatures {
  uint32_t flags = 0;  // CO_FUTURE_* bits (code_unit.h)
  ast::Pos last;       // the last of the leading future imports (line 0: none)
};

// The features of the leading `from __future__ import` statements (after a docstring), merged
// with `inherited` (compile()'s flags). Throws CompileError for an unknown feature.
FutureFeatures future_features(const ast::Module& m, uint32_t inherited);

}  // namespace chaipy
