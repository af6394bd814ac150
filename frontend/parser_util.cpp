// frontend/parser_util.cpp — literal conversion and expression-kind names for the parser.
#include "frontend/int_digits.h"
#include "frontend/parser_util.h"

#include <cstdlib>
#include <string>
#include <vector>
#include <algorithm>

namespace chaipy {
using namespace ast;

const char* expr_name(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kAttribute: return "attribute";
    case ExprKind::kSubscript: return "subscript";
    case ExprKind::kStarred: return "starred";
    case ExprKind::kName: return "name";
    case ExprKind::kList: return "list";
    case ExprKind::kTuple: return "tuple";
    case ExprKind::kLambda: return "lambda";
    case ExprKind::kCall: return "function call";
    case ExprKind::kBoolOp: case ExprKind::kBinOp: case ExprKind::kUnaryOp: return "expression";
    case ExprKind::kGeneratorExp: return "generator expression";
    case ExprKind::kYield: case ExprKind::kYieldFrom: return "yield expression";
    case ExprKind::kAwait: return "await expression";
    case ExprKind::kListComp: return "list comprehension";
    case ExprKind::kSetComp: return "set comprehension";
    case ExprKind::kDictComp: return "dict comprehension";
    case ExprKind::kDict: return "dict literal";
    case ExprKind::kSet: return "set display";
    case ExprKind::kJoinedStr: case ExprKind::kFormattedValue: return "f-string expression";
    case ExprKind::kConstant:
      switch (e->value.kind) {
        case Const::Kind::None: return "None";
        case Const::Kind::True: return "True";
        case Const::Kind::False: return "False";
        case Const::Kind::Ellipsis: return "ellipsis";
        default: return "literal";
      }
    case ExprKind::kCompare: return "comparison";
    case ExprKind::kIfExp: return "conditional expression";
    case ExprKind::kNamedExpr: return "named expression";
    case ExprKind::kSlice: return "slice";
  }
  return "expression";
}

// Digits in `base` to a decimal string via base-1e9 limbs.
static std::string to_decimal(const std::string& digits, int base) {
  std::vector<uint32_t> limbs{0};  // little-endian base 1e9
  for (char ch : digits) {
    uint32_t d = ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
    uint64_t carry = d;
    for (auto& l : limbs) {
      uint64_t v = uint64_t(l) * base + carry;
      l = uint32_t(v % 1000000000u);
      carry = v / 1000000000u;
    }
    while (carry) {
      limbs.push_back(uint32_t(carry % 1000000000u));
      carry /= 1000000000u;
    }
  }
  std::string out = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    out += std::string(9 - part.size(), '0') + part;
  }
  return out;
}

int g_int_max_str_digits = 4300;

Const number_const(std::string_view text) {
  std::string t;
  for (char c : text)
    if (c != '_') t += c;
  Const c;
  char last = t.back();
  if (last == 'j' || last == 'J') {
    c.kind = Const::Kind::Complex;
    c.f = 0;
    c.imag = std::strtod(t.substr(0, t.size() - 1).c_str(), nullptr);
    return c;
  }
  int base = 10;
  std::string digits = t;
  if (t.size() > 1 && t[0] == '0' && std::string("xXoObB").find(t[1]) != std::string::npos) {
    char k = char(t[1] | 0x20);
    base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
    digits = t.substr(2);
  } else if (t.find_first_of(".eE") != std::string::npos) {
    c.kind = Const::Kind::Float;
    c.f = std::strtod(t.c_str(), nullptr);
    return c;
  }
  uint64_t v = 0;
  bool big = false;
  for (char ch : digits) {
    uint32_t d = ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
    if (v > (uint64_t(INT64_MAX) - d) / base) { big = true; break; }
    v = v * base + d;
  }
  if (!big) return Const::integer(int64_t(v));
  c.kind = Const::Kind::BigInt;
  c.s = to_decimal(digits, base);
  return c;
}

// Expression chains like 1+1+1+... are parsed by loops but make deep trees; the later passes
// recurse over them, so bound the depth here with an explicit stack.
static int expr_depth(const Expr* root) {
  int best = 0;
  std::vector<std::pair<const Expr*, int>> work{{root, 1}};
  while (!work.empty()) {
    auto [e, d] = work.back();
    work.pop_back();
    if (!e) continue;
    best = std::max(best, d);
    for (const Expr* c : {e->a.get(), e->b.get(), e->c.get()}) work.push_back({c, d + 1});
    for (auto& x : e->elts) work.push_back({x.get(), d + 1});
    for (auto& x : e->values) work.push_back({x.get(), d + 1});
    for (auto& k : e->keywords) work.push_back({k.value.get(), d + 1});
    for (auto& g : e->generators) {
      work.push_back({g.target.get(), d + 1});
      work.push_back({g.iter.get(), d + 1});
      for (auto& x : g.ifs) work.push_back({x.get(), d + 1});
    }
    if (e->args) {
      for (auto& x : e->args->defaults) work.push_back({x.get(), d + 1});
      for (auto& x : e->args->kw_defaults) work.push_back({x.get(), d + 1});
    }
  }
  return best;
}

bool too_deep(const StmtList& body, int budget, int level) {
  // `level` counts the statement itself, as CPython's symtable does on entering it.
  level++;
  if (level > budget) return true;
  auto deep = [&](const Expr* e) { return e && level + expr_depth(e) > budget; };
  for (auto& s : body) {
    for (const Expr* e : {s->target.get(), s->value.get(), s->test.get()})
      if (deep(e)) return true;
    for (auto* v : {&s->targets, &s->decorators})
      for (auto& e : *v)
        if (deep(e.get())) return true;
    for (auto& k : s->keywords)
      if (deep(k.value.get())) return true;
    for (auto& it : s->items)
      if (deep(it.context_expr.get()) || deep(it.optional_vars.get())) return true;
    if (s->args) {
      for (auto& x : s->args->defaults) if (deep(x.get())) return true;
      for (auto& x : s->args->kw_defaults) if (deep(x.get())) return true;
      for (auto* v : {&s->args->posonly, &s->args->args, &s->args->kwonly})
        for (auto& x : *v) if (deep(x.annotation.get())) return true;
      if (deep(s->args->vararg.annotation.get()) || deep(s->args->kwarg.annotation.get())) return true;
    }
    for (auto* l : {&s->body, &s->orelse, &s->finalbody})
      if (too_deep(*l, budget, level)) return true;
    for (auto& h : s->handlers)
      if (deep(h.type.get()) || too_deep(h.body, budget, level)) return true;
    for (auto& c : s->cases)
      if (deep(c.guard.get()) || too_deep(c.body, budget, level)) return true;
  }
  return false;
}

}  // namespace chaipy
