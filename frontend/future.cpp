// frontend/future.cpp — the leading `from __future__ import` statements of a module.
#include "frontend/future.h"

#include <fmt/format.h>

#include <algorithm>

#include "frontend/compiler.h"

namespace chaipy {

using namespace ast;

FutureFeatures future_features(const Module& m, uint32_t inherited) {
  FutureFeatures ff;
  ff.flags = inherited & (CO_FUTURE_ANNOTATIONS | CO_FUTURE_BARRY_AS_BDFL);
  ff.last.line = 0;
  const StmtList& body = m.body;
  size_t i = 0;
  if (!body.empty() && body[0]->kind == StmtKind::kExpr && body[0]->value->kind == ExprKind::kConstant &&
      body[0]->value->value.kind == Const::Kind::Str)
    i = 1;  // the docstring
  for (; i < body.size(); i++) {
    const Stmt& s = *body[i];
    if (s.kind != StmtKind::kImportFrom || s.name != "__future__") break;
    for (const Alias& a : s.names) {
      // Features that are mandatory by now are accepted and change nothing.
      static const char* const done[] = {"nested_scopes", "generators", "division", "absolute_import",
                                         "with_statement", "print_function", "unicode_literals", "generator_stop"};
      if (std::find(std::begin(done), std::end(done), a.name) != std::end(done)) continue;
      if (a.name == "annotations") ff.flags |= CO_FUTURE_ANNOTATIONS;
      else if (a.name == "barry_as_FLUFL") ff.flags |= CO_FUTURE_BARRY_AS_BDFL;
      else if (a.name == "braces") throw CompileError{"not a chance", s.pos};
      else throw CompileError{fmt::format("future feature {} is not defined", a.name), s.pos};
    }
    ff.last = s.pos;
  }
  return ff;
}

}  // namespace chaipy
