// frontend/unparse.cpp — CPython's ast_unparse.c: minimal parentheses from operator precedence,
// one space around binary operators, f-strings rebuilt and quoted by repr().
#include "frontend/unparse.h"

#include "frontend/compile.h"
#include "interp/opcodes.h"

namespace chaipy {

using namespace ast;

namespace {

// Precedence levels (ast_unparse.c): a sub-expression is parenthesised when the level its
// context requires is above its own.
enum Prec : int {
  kTuple, kTest, kOr, kAnd, kNot, kCmp, kExpr, kBor = kExpr, kBxor, kBand, kShift, kArith, kTerm, kFactor,
  kPower, kAwait, kAtom,
};

int binop_prec(BinOp op) {
  switch (op) {
    case BinOp::OR: return kBor;
    case BinOp::XOR: return kBxor;
    case BinOp::AND: return kBand;
    case BinOp::LSHIFT:
    case BinOp::RSHIFT: return kShift;
    case BinOp::ADD:
    case BinOp::SUBTRACT: return kArith;
    case BinOp::POWER: return kPower;
    default: return kTerm;  // * @ / % //
  }
}

const char* const kCmpText[] = {" == ", " != ", " < ", " <= ", " > ", " >= ", " is ", " is not ", " in ", " not in "};

class Unparser {
 public:
  std::string out;

  void expr(const Expr& e, int level) {
    switch (e.kind) {
      case ExprKind::kBoolOp: {
        int pr = e.op == 0 ? kAnd : kOr;
        open(level > pr);
        for (size_t i = 0; i < e.elts.size(); i++) {
          if (i) out += e.op == 0 ? " and " : " or ";
          expr(*e.elts[i], pr + 1);
        }
        close(level > pr);
        return;
      }
      case ExprKind::kNamedExpr:
        open(level > kTuple);
        expr(*e.a, kAtom);
        out += " := ";
        expr(*e.b, kAtom);
        close(level > kTuple);
        return;
      case ExprKind::kBinOp: {
        BinOp op = BinOp(e.op);
        int pr = binop_prec(op);
        int rassoc = op == BinOp::POWER;
        open(level > pr);
        expr(*e.a, pr + rassoc);
        out += " ";
        out += kBinOpInfo[e.op].symbol;
        out += " ";
        expr(*e.b, pr + !rassoc);
        close(level > pr);
        return;
      }
      case ExprKind::kUnaryOp: {
        UnaryOp op = UnaryOp(e.op);
        int pr = op == UnaryOp::kNot ? kNot : kFactor;
        open(level > pr);
        out += op == UnaryOp::kNot ? "not " : op == UnaryOp::kInvert ? "~" : op == UnaryOp::kUAdd ? "+" : "-";
        expr(*e.a, pr);
        close(level > pr);
        return;
      }
      case ExprKind::kLambda: {
        open(level > kTest);
        const Arguments& a = *e.args;
        bool any = !a.posonly.empty() || !a.args.empty() || !a.kwonly.empty() || a.has_vararg || a.has_kwarg;
        out += any ? "lambda " : "lambda";
        arguments(a);
        out += ": ";
        expr(*e.a, kTest);
        close(level > kTest);
        return;
      }
      case ExprKind::kIfExp:
        open(level > kTest);
        expr(*e.b, kTest + 1);
        out += " if ";
        expr(*e.a, kTest + 1);
        out += " else ";
        expr(*e.c, kTest);
        close(level > kTest);
        return;
      case ExprKind::kDict:
        out += "{";
        for (size_t i = 0; i < e.values.size(); i++) {
          if (i) out += ", ";
          if (e.elts[i]) {
            expr(*e.elts[i], kTest);
            out += ": ";
            expr(*e.values[i], kTest);
          } else {
            out += "**";
            expr(*e.values[i], kExpr);
          }
        }
        out += "}";
        return;
      case ExprKind::kSet:
        sequence("{", e.elts, "}");
        return;
      case ExprKind::kList:
        sequence("[", e.elts, "]");
        return;
      case ExprKind::kTuple:
        if (e.elts.empty()) {
          out += "()";
          return;
        }
        open(level > kTuple);
        items(e.elts);
        if (e.elts.size() == 1) out += ",";
        close(level > kTuple);
        return;
      case ExprKind::kListComp:
      case ExprKind::kSetComp:
      case ExprKind::kGeneratorExp:
        out += e.kind == ExprKind::kListComp ? "[" : e.kind == ExprKind::kSetComp ? "{" : "(";
        expr(*e.a, kTest);
        comprehensions(e);
        out += e.kind == ExprKind::kListComp ? "]" : e.kind == ExprKind::kSetComp ? "}" : ")";
        return;
      case ExprKind::kDictComp:
        out += "{";
        expr(*e.a, kTest);
        out += ": ";
        expr(*e.b, kTest);
        comprehensions(e);
        out += "}";
        return;
      case ExprKind::kAwait:
        open(level > kAwait);
        out += "await ";
        expr(*e.a, kAtom);
        close(level > kAwait);
        return;
      case ExprKind::kYield:
        if (!e.a) {
          out += "(yield)";
          return;
        }
        out += "(yield ";
        expr(*e.a, kTest);
        out += ")";
        return;
      case ExprKind::kYieldFrom:
        out += "(yield from ";
        expr(*e.a, kTest);
        out += ")";
        return;
      case ExprKind::kCompare:
        open(level > kCmp);
        expr(*e.a, kCmp + 1);
        for (size_t i = 0; i < e.ops.size(); i++) {
          out += kCmpText[int(e.ops[i])];
          expr(*e.elts[i], kCmp + 1);
        }
        close(level > kCmp);
        return;
      case ExprKind::kCall: {
        expr(*e.a, kAtom);
        if (e.elts.size() == 1 && e.keywords.empty() && e.elts[0]->kind == ExprKind::kGeneratorExp) {
          expr(*e.elts[0], kTest);  // f(x for x in y): the generator's own parentheses
          return;
        }
        out += "(";
        bool first = true;
        for (auto& x : e.elts) {
          if (!first) out += ", ";
          first = false;
          expr(*x, kTest);
        }
        for (auto& k : e.keywords) {
          if (!first) out += ", ";
          first = false;
          out += k.arg.empty() ? "**" : k.arg + "=";
          expr(*k.value, kTest);
        }
        out += ")";
        return;
      }
      case ExprKind::kFormattedValue:  // only inside a JoinedStr
      case ExprKind::kJoinedStr:
        out += "f" + const_repr(Const::str(fstring_body(e)));
        return;
      case ExprKind::kConstant:
        constant(e.value);
        return;
      case ExprKind::kAttribute:
        expr(*e.a, kAtom);
        // `1 .real`: an integer literal followed by '.' would read as a float
        out += e.a->kind == ExprKind::kConstant && (e.a->value.kind == Const::Kind::Int ||
                                                   e.a->value.kind == Const::Kind::BigInt) ? " ." : ".";
        out += e.id;
        return;
      case ExprKind::kSubscript:
        expr(*e.a, kAtom);
        out += "[";
        if (e.b->kind == ExprKind::kTuple && !e.b->elts.empty()) {
          items(e.b->elts);
          if (e.b->elts.size() == 1) out += ",";
        } else {
          expr(*e.b, kTuple);
        }
        out += "]";
        return;
      case ExprKind::kStarred:
        out += "*";
        expr(*e.a, kExpr);
        return;
      case ExprKind::kName:
        out += e.id;
        return;
      case ExprKind::kSlice:
        if (e.a) expr(*e.a, kTest);
        out += ":";
        if (e.b) expr(*e.b, kTest);
        if (e.c) {
          out += ":";
          expr(*e.c, kTest);
        }
        return;
    }
  }

 private:
  void open(bool paren) {
    if (paren) out += "(";
  }
  void close(bool paren) {
    if (paren) out += ")";
  }
  void items(const std::vector<ExprP>& elts) {
    for (size_t i = 0; i < elts.size(); i++) {
      if (i) out += ", ";
      expr(*elts[i], kTest);
    }
  }
  void sequence(const char* l, const std::vector<ExprP>& elts, const char* r) {
    out += l;
    items(elts);
    out += r;
  }

  void constant(const Const& c) {
    if (c.kind == Const::Kind::Ellipsis) {
      out += "...";
      return;
    }
    std::string r = const_repr(c);
    // An infinite float is written as a literal that overflows to it.
    if (c.kind == Const::Kind::Float || c.kind == Const::Kind::Complex) {
      for (size_t at = r.find("inf"); at != std::string::npos; at = r.find("inf", at + 5)) r.replace(at, 3, "1e309");
    }
    out += r;
  }

  void arg(const Arg& a) {
    out += a.name;
    if (a.annotation) {
      out += ": ";
      expr(*a.annotation, kTest);
    }
  }
  void arguments(const Arguments& a) {
    bool first = true;
    auto sep = [&] {
      if (!first) out += ", ";
      first = false;
    };
    size_t npos = a.posonly.size() + a.args.size();
    for (size_t i = 0; i < npos; i++) {
      sep();
      arg(i < a.posonly.size() ? a.posonly[i] : a.args[i - a.posonly.size()]);
      size_t ndef = a.defaults.size();
      if (i + ndef >= npos) {
        out += "=";
        expr(*a.defaults[i + ndef - npos], kTest);
      }
      if (!a.posonly.empty() && i + 1 == a.posonly.size()) out += ", /";
    }
    if (a.has_vararg || !a.kwonly.empty()) {
      sep();
      out += "*";
      if (a.has_vararg) arg(a.vararg);
    }
    for (size_t i = 0; i < a.kwonly.size(); i++) {
      sep();
      arg(a.kwonly[i]);
      if (a.kw_defaults[i]) {
        out += "=";
        expr(*a.kw_defaults[i], kTest);
      }
    }
    if (a.has_kwarg) {
      sep();
      out += "**";
      arg(a.kwarg);
    }
  }

  void comprehensions(const Expr& e) {
    for (auto& g : e.generators) {
      out += g.is_async ? " async for " : " for ";
      expr(*g.target, kTuple);
      out += " in ";
      expr(*g.iter, kTest + 1);
      for (auto& c : g.ifs) {
        out += " if ";
        expr(*c, kTest + 1);
      }
    }
  }

  // The text between an f-string's quotes: literal parts with braces doubled, replacement fields.
  static std::string fstring_body(const Expr& e) {
    std::string body;
    if (e.kind == ExprKind::kJoinedStr) {
      for (auto& v : e.elts) fstring_element(*v, body);
    } else {
      fstring_element(e, body);
    }
    return body;
  }
  static void fstring_element(const Expr& e, std::string& body) {
    if (e.kind == ExprKind::kConstant) {
      for (char ch : e.value.s) {
        body += ch;
        if (ch == '{' || ch == '}') body += ch;
      }
      return;
    }
    if (e.kind == ExprKind::kJoinedStr) {  // a format spec
      for (auto& v : e.elts) fstring_element(*v, body);
      return;
    }
    Unparser u;
    u.expr(*e.a, kTest + 1);
    body += u.out.compare(0, 1, "{") == 0 ? "{ " : "{";  // `{ {a}}`: not an escaped brace
    body += u.out;
    if (e.op > 0) {
      body += '!';
      body += char(e.op);
    }
    if (e.b) {
      body += ':';
      fstring_element(*e.b, body);
    }
    body += '}';
  }
};

}  // namespace

std::string unparse_expr(const Expr& e) {
  Unparser u;
  u.expr(e, kTest);
  return u.out;
}

}  // namespace chaipy
