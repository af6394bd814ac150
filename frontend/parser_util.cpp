// frontend/parser_util.cpp — literal conversion and expression-kind names for the parser.
#include "frontend/parser_util.h"

#include <cstdlib>
#include <string>
#include <vector>

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

}  // namespace chaipy
