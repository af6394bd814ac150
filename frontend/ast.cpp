// frontend/ast.cpp — AST node destruction without recursion.
#include "frontend/ast.h"

namespace chaipy::ast {

static void take_children(Expr& e, std::vector<ExprP>& out) {
  for (ExprP* p : {&e.a, &e.b, &e.c})
    if (*p) out.push_back(std::move(*p));
  for (auto& x : e.elts)
    if (x) out.push_back(std::move(x));
  for (auto& x : e.values)
    if (x) out.push_back(std::move(x));
  for (auto& k : e.keywords)
    if (k.value) out.push_back(std::move(k.value));
  for (auto& g : e.generators) {
    if (g.target) out.push_back(std::move(g.target));
    if (g.iter) out.push_back(std::move(g.iter));
    for (auto& x : g.ifs)
      if (x) out.push_back(std::move(x));
  }
  if (e.args && e.args.use_count() == 1) {
    for (auto& x : e.args->defaults)
      if (x) out.push_back(std::move(x));
    for (auto& x : e.args->kw_defaults)
      if (x) out.push_back(std::move(x));
  }
}

Expr::~Expr() {
  std::vector<ExprP> work;
  take_children(*this, work);
  while (!work.empty()) {
    ExprP e = std::move(work.back());
    work.pop_back();
    take_children(*e, work);
  }
}

}  // namespace chaipy::ast
