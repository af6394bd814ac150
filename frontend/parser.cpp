// frontend/parser.cpp — recursive-descent parser for Python 3.11 statements and expressions.
//
// The lexer runs first over the whole input; the parser walks the token vector (so it can
// backtrack by resetting an index) and throws ParseError on the first error. Errors found by
// the lexer win over a generic "invalid syntax", as CPython's full-source tokenizer check does.
#include "frontend/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "frontend/int_digits.h"
#include "frontend/lexer.h"
#include "frontend/parser_util.h"
#include "interp/opcodes.h"

namespace chaipy {
using namespace ast;

namespace {

// CPython's parser gives up past 6,000 levels of rule recursion (MemoryError, no message); its
// rules nest about one level per chaipy guard, two per lambda and per `**` (see lambdef, power).
// Brackets are limited earlier, by the lexer (200 levels).
constexpr int kMaxDepth = 6000;

class Parser {
 public:
  Parser(std::string_view src, const std::string& filename, std::vector<Token> toks)
      : _src(src), _filename(filename), _toks(std::move(toks)) {}

  std::string_view _src;
  const std::string& _filename;
  std::vector<Token> _toks;
  size_t _p = 0;
  size_t _furthest = 0;  // the furthest token the parser has looked at
  int _depth = 0;
  int _bracket = 0;  // > 0 inside (), [] or {} of an expression

  // -- Token helpers --------------------------------------------------------------------------
  const Token& cur() const { return _toks[_p]; }
  const Token& peek_tok(size_t k = 1) const { return _toks[std::min(_p + k, _toks.size() - 1)]; }
  bool at(Tok k) const { return cur().kind == k; }
  bool at_kw(const char* kw) const { return cur().kind == Tok::NAME && cur().text == kw; }
  bool at_name() const { return cur().kind == Tok::NAME && !is_keyword(cur().text); }
  const Token& next() {
    const Token& t = _toks[_p];
    if (_p + 1 < _toks.size()) _p++;
    _furthest = std::max(_furthest, _p);
    return t;
  }
  bool accept(Tok k) {
    if (!at(k)) return false;
    next();
    return true;
  }
  bool accept_kw(const char* kw) {
    if (!at_kw(kw)) return false;
    next();
    return true;
  }
  // A NEWLINE token has no width in CPython's error locations.
  static Pos tpos(const Token& t) {
    return t.kind == Tok::NEWLINE ? Pos{t.line, t.col, t.line, t.col} : Pos{t.line, t.col, t.end_line, t.end_col};
  }
  // From `start` to the end of the last token consumed; a compound statement ends where its last
  // body statement does (not at the NEWLINE / DEDENT after it).
  Pos from(const Pos& start) const {
    size_t q = _p > 0 ? _p - 1 : 0;
    while (q > 0 && (_toks[q].kind == Tok::NEWLINE || _toks[q].kind == Tok::DEDENT || _toks[q].kind == Tok::INDENT)) q--;
    const Token& last = _toks[q];
    return Pos{start.line, start.col, last.end_line, last.end_col};
  }
  static Pos span(const Pos& a, const Pos& b) { return Pos{a.line, a.col, b.end_line, b.end_col}; }

  [[noreturn]] void fail(const std::string& msg, Pos pos, const char* type = "SyntaxError", bool generic = false) {
    throw ParseError{type, msg, pos, generic, _p, std::nullopt};
  }
  [[noreturn]] void syntax_error() {
    const Token& t = cur();
    if (t.kind == Tok::INDENT) {
      Pos p = tpos(t);
      p.col = p.end_col > 0 ? p.end_col - 1 : 0;
      fail("unexpected indent", p, "IndentationError");
    }
    if (t.kind == Tok::DEDENT && t.col > 0) fail("unexpected unindent", tpos(t), "IndentationError");
    fail("invalid syntax", error_pos_of(t), "SyntaxError", true);
  }
  // CPython reports errors at the end of input on the last line's NEWLINE.
  Pos error_pos_of(const Token& t) const {
    if ((t.kind == Tok::ENDMARKER || t.kind == Tok::DEDENT) && _p > 0) {
      size_t q = _p;
      while (q > 0 && (_toks[q].kind == Tok::ENDMARKER || _toks[q].kind == Tok::DEDENT)) q--;
      if (_toks[q].kind == Tok::NEWLINE) return tpos(_toks[q]);
    }
    return tpos(t);
  }
  void expect(Tok k) {
    if (!accept(k)) syntax_error();
  }
  void expect_colon() {
    if (!accept(Tok::COLON)) {
      if (at(Tok::ERRORTOKEN)) syntax_error();
      fail("expected ':'", error_pos_of(cur()));
    }
  }
  std::string expect_name() {
    if (!at_name()) syntax_error();
    return std::string(next().text);
  }

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& pp) : p(pp) {
      if (++p._depth > kMaxDepth) p.fail("", tpos(p.cur()), "MemoryError");
    }
    ~DepthGuard() { p._depth--; }
  };

  static ExprP mk(ExprKind k, Pos p) { return std::make_unique<Expr>(k, p); }
  static StmtP mks(StmtKind k, Pos p) { return std::make_unique<Stmt>(k, p); }

  // -- Statements -----------------------------------------------------------------------------
  void file(StmtList& out) {
    while (!at(Tok::ENDMARKER)) {
      if (accept(Tok::NEWLINE)) continue;
      statement(out);
    }
  }

  void statement(StmtList& out) {
    DepthGuard g(*this);
    if (at(Tok::AT)) return out.push_back(decorated());
    if (cur().kind == Tok::NAME) {
      std::string_view t = cur().text;
      if (t == "def") return out.push_back(funcdef({}, tpos(cur())));
      if (t == "class") return out.push_back(classdef({}, tpos(cur())));
      if (t == "if") return out.push_back(if_stmt("if"));
      if (t == "while") return out.push_back(while_stmt());
      if (t == "for") return out.push_back(for_stmt());
      if (t == "try") return out.push_back(try_stmt());
      if (t == "with") return out.push_back(with_stmt());
      if (t == "async") return out.push_back(async_stmt({}));
      if (t == "match")
        if (StmtP m = match_stmt()) return out.push_back(std::move(m));
    }
    simple_stmts(out);
  }

  void simple_stmts(StmtList& out) {
    for (;;) {
      out.push_back(simple_stmt());
      if (accept(Tok::SEMI)) {
        if (at(Tok::NEWLINE)) break;
        continue;
      }
      break;
    }
    if (!accept(Tok::NEWLINE)) syntax_error();
  }

  void block(StmtList& out, const std::string& what, int line) {
    expect_colon();
    if (accept(Tok::NEWLINE)) {
      if (!accept(Tok::INDENT)) {
        if (at(Tok::ERRORTOKEN)) syntax_error();
        fail(fmt::format("expected an indented block after {} on line {}", what, line), error_pos_of(cur()),
             "IndentationError");
      }
      while (!accept(Tok::DEDENT)) {
        if (at(Tok::ENDMARKER)) break;
        statement(out);
      }
    } else {
      if (at(Tok::ERRORTOKEN)) syntax_error();
      simple_stmts(out);
    }
  }

  StmtP decorated() {
    std::vector<ExprP> decos;
    while (accept(Tok::AT)) {
      decos.push_back(named_expression());
      expect(Tok::NEWLINE);
    }
    Pos p = tpos(cur());
    if (at_kw("def")) return funcdef(std::move(decos), p);
    if (at_kw("class")) return classdef(std::move(decos), p);
    if (at_kw("async") && peek_tok().kind == Tok::NAME && peek_tok().text == "def") return async_stmt(std::move(decos));
    syntax_error();
  }

  // `async def` / `async for` / `async with`: the statement, marked async, spanning from `async`.
  StmtP async_stmt(std::vector<ExprP> decos) {
    Pos start = tpos(next());  // async
    StmtP s;
    if (at_kw("def")) s = funcdef(std::move(decos), start);
    else if (at_kw("for")) s = for_stmt();
    else if (at_kw("with")) s = with_stmt();
    else syntax_error();
    s->is_async = true;
    s->pos = Pos{start.line, start.col, s->pos.end_line, s->pos.end_col};
    return s;
  }

  StmtP funcdef(std::vector<ExprP> decos, Pos start) {
    next();  // def
    auto s = mks(StmtKind::kFunctionDef, start);
    s->name = expect_name();
    s->decorators = std::move(decos);
    expect(Tok::LPAR);
    _bracket++;
    s->args = parameters(Tok::RPAR, true);
    _bracket--;
    expect(Tok::RPAR);
    if (accept(Tok::RARROW)) s->test = expression();
    block(s->body, "function definition", start.line);
    s->pos = from(start);
    return s;
  }

  StmtP classdef(std::vector<ExprP> decos, Pos start) {
    next();  // class
    auto s = mks(StmtKind::kClassDef, start);
    s->name = expect_name();
    s->decorators = std::move(decos);
    if (accept(Tok::LPAR)) {
      _bracket++;
      call_arguments(s->targets, s->keywords, nullptr);
      _bracket--;
    }
    block(s->body, "class definition", start.line);
    s->pos = from(start);
    return s;
  }

  std::shared_ptr<Arguments> parameters(Tok close, bool annotations) {
    auto a = std::make_shared<Arguments>();
    bool star = false, slash = false;
    while (!at(close)) {
      if (accept(Tok::SLASH)) {
        if (slash || star || a->args.empty()) syntax_error();
        slash = true;
        for (auto& x : a->args) a->posonly.push_back(std::move(x));
        a->args.clear();
      } else if (at(Tok::STAR)) {
        if (star) syntax_error();
        next();
        star = true;
        if (at(Tok::COMMA) || at(close)) {
          Pos star_pos = tpos(_toks[_p - 1]);
          if (at(close)) fail("named arguments must follow bare *", star_pos);
          if (peek_tok().kind == close || peek_tok().kind == Tok::DOUBLESTAR)
            fail("named arguments must follow bare *", star_pos);
        } else {
          a->has_vararg = true;
          a->vararg.pos = tpos(cur());
          a->vararg.name = expect_name();
          if (annotations && accept(Tok::COLON)) a->vararg.annotation = star_expression();
        }
      } else if (at(Tok::DOUBLESTAR)) {
        next();
        a->has_kwarg = true;
        a->kwarg.pos = tpos(cur());
        a->kwarg.name = expect_name();
        if (annotations && accept(Tok::COLON)) a->kwarg.annotation = expression();
        accept(Tok::COMMA);
        if (!at(close)) syntax_error();
        break;
      } else {
        Arg arg;
        arg.pos = tpos(cur());
        arg.name = expect_name();
        if (annotations && accept(Tok::COLON)) arg.annotation = expression();
        ExprP def;
        if (accept(Tok::EQUAL)) def = expression();
        if (star) {
          a->kwonly.push_back(std::move(arg));
          a->kw_defaults.push_back(std::move(def));
        } else {
          if (def) a->defaults.push_back(std::move(def));
          else if (!a->defaults.empty()) fail("non-default argument follows default argument", arg.pos);
          a->args.push_back(std::move(arg));
        }
      }
      if (!accept(Tok::COMMA)) break;
    }
    if (!at(close)) {
      if (close == Tok::COLON && !at(Tok::ERRORTOKEN)) syntax_error();
      syntax_error();
    }
    return a;
  }

  // An `if` / `while` condition; `if x = 3:` gets CPython's "Maybe you meant '=='" messages.
  ExprP condition() {
    ExprP e = named_expression();
    if (at(Tok::EQUAL)) {
      size_t save = _p;
      next();
      ExprP rhs;
      try {
        rhs = bitwise_or();
      } catch (const ParseError&) {
        _p = save;
        return e;
      }
      if (at(Tok::EQUAL) || at(Tok::COLONEQUAL)) {
        _p = save;
        return e;
      }
      if (e->kind == ExprKind::kName)
        fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", span(e->pos, rhs->pos));
      fail(fmt::format("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(e.get())), e->pos);
    }
    return e;
  }

  StmtP if_stmt(const char* kw) {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kIf, start);
    s->test = condition();
    block(s->body, fmt::format("'{}' statement", kw), start.line);
    if (at_kw("elif")) {
      s->orelse.push_back(if_stmt("elif"));
    } else if (at_kw("else")) {
      int l = next().line;
      block(s->orelse, "'else' statement", l);
    }
    s->pos = from(start);
    return s;
  }

  StmtP while_stmt() {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kWhile, start);
    s->test = condition();
    block(s->body, "'while' statement", start.line);
    if (at_kw("else")) {
      int l = next().line;
      block(s->orelse, "'else' statement", l);
    }
    s->pos = from(start);
    return s;
  }

  StmtP for_stmt() {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kFor, start);
    s->target = target_list(true);
    if (!accept_kw("in")) syntax_error();
    s->value = star_expressions();
    block(s->body, "'for' statement", start.line);
    if (at_kw("else")) {
      int l = next().line;
      block(s->orelse, "'else' statement", l);
    }
    s->pos = from(start);
    return s;
  }

  StmtP try_stmt() {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kTry, start);
    block(s->body, "'try' statement", start.line);
    while (at_kw("except")) {
      ExceptHandler h;
      Pos hp = tpos(next());
      bool star = at(Tok::STAR);
      if (!s->handlers.empty() && star != s->is_star)
        fail("cannot have both 'except' and 'except*' on the same 'try'", star ? span(hp, tpos(cur())) : hp);
      if (star) {
        s->is_star = true;
        next();
        if (at(Tok::COLON) || at(Tok::NEWLINE)) fail("expected one or more exception types", tpos(cur()));
      }
      if (!at(Tok::COLON)) {
        h.type = expression();
        if (at(Tok::COMMA)) {
          Pos p0 = h.type->pos;
          next();
          ExprP more = expression();
          fail("multiple exception types must be parenthesized", span(p0, more->pos));
        }
        if (accept_kw("as")) h.name = expect_name();
      }
      block(h.body, star ? "'except*' statement" : "'except' statement", hp.line);
      h.pos = from(hp);
      s->handlers.push_back(std::move(h));
    }
    if (at_kw("else")) {
      if (s->handlers.empty()) syntax_error();
      int l = next().line;
      block(s->orelse, "'else' statement", l);
    }
    if (at_kw("finally")) {
      int l = next().line;
      block(s->finalbody, "'finally' statement", l);
    }
    if (s->handlers.empty() && s->finalbody.empty()) {
      if (at(Tok::ERRORTOKEN)) syntax_error();
      fail("expected 'except' or 'finally' block", error_pos_of(cur()));
    }
    s->pos = from(start);
    return s;
  }

  StmtP with_stmt() {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kWith, start);
    bool done = false;
    if (at(Tok::LPAR)) {  // parenthesized with-items, else an ordinary expression
      size_t save = _p;
      try {
        next();
        _bracket++;
        std::vector<WithItem> items;
        for (;;) {
          WithItem it;
          it.context_expr = expression();
          if (accept_kw("as")) it.optional_vars = single_target();
          items.push_back(std::move(it));
          if (!accept(Tok::COMMA)) break;
          if (at(Tok::RPAR)) break;
        }
        _bracket--;
        expect(Tok::RPAR);
        if (!at(Tok::COLON)) throw ParseError{};
        s->items = std::move(items);
        done = true;
      } catch (const ParseError&) {
        _p = save;
        _bracket = 0;
      }
    }
    if (!done) {
      for (;;) {
        WithItem it;
        it.context_expr = expression();
        if (accept_kw("as")) it.optional_vars = single_target();
        s->items.push_back(std::move(it));
        if (!accept(Tok::COMMA)) break;
      }
    }
    block(s->body, "'with' statement", start.line);
    s->pos = from(start);
    return s;
  }

  // -- match statements (PEP 634) -------------------------------------------------------------
  // `match` is a soft keyword: the statement is tried first and, when what follows `match` is not
  // a subject and ':', parsing restarts at `match` as an ordinary expression statement.
  StmtP match_stmt() {
    size_t save = _p;
    Pos start = tpos(next());
    ExprP subject;
    try {
      subject = match_subject();
    } catch (const ParseError&) {
      _p = save;
      return nullptr;
    }
    if (!at(Tok::COLON)) {
      _p = save;
      return nullptr;
    }
    auto s = mks(StmtKind::kMatch, start);
    s->value = std::move(subject);
    next();  // ':'
    if (!accept(Tok::NEWLINE)) syntax_error();
    if (!accept(Tok::INDENT)) {
      if (at(Tok::ERRORTOKEN)) syntax_error();
      fail(fmt::format("expected an indented block after 'match' statement on line {}", start.line), error_pos_of(cur()),
           "IndentationError");
    }
    while (!accept(Tok::DEDENT)) {
      if (at(Tok::ENDMARKER)) break;
      if (!at_kw("case")) syntax_error();
      Pos cp = tpos(next());
      MatchCase c;
      c.pattern = case_patterns();
      if (accept_kw("if")) c.guard = named_expression();
      block(c.body, "'case' statement", cp.line);
      s->cases.push_back(std::move(c));
    }
    s->pos = from(start);
    return s;
  }

  ExprP match_subject() {
    Pos start = tpos(cur());
    ExprP first = star_named_expression();
    if (!at(Tok::COMMA)) {
      if (first->kind == ExprKind::kStarred) syntax_error();
      return first;
    }
    auto t = mk(ExprKind::kTuple, start);
    t->elts.push_back(std::move(first));
    while (accept(Tok::COMMA)) {
      if (at(Tok::COLON)) break;
      t->elts.push_back(star_named_expression());
    }
    t->pos = from(start);
    return t;
  }

  static PatternP mkp(PatternKind k, Pos p) { return std::make_unique<Pattern>(k, p); }

  // patterns: an open sequence `a, *b` or one pattern
  PatternP case_patterns() {
    Pos start = tpos(cur());
    PatternP first = maybe_star_pattern();
    if (!at(Tok::COMMA)) {
      if (first->kind == PatternKind::kStar) syntax_error();
      return first;
    }
    auto seq = mkp(PatternKind::kSequence, start);
    seq->patterns.push_back(std::move(first));
    while (accept(Tok::COMMA)) {
      if (at(Tok::COLON) || at_kw("if")) break;
      seq->patterns.push_back(maybe_star_pattern());
    }
    seq->pos = from(start);
    return seq;
  }

  PatternP maybe_star_pattern() {
    if (!at(Tok::STAR)) return pattern();
    Pos start = tpos(next());
    auto p = mkp(PatternKind::kStar, start);
    if (!at_name()) syntax_error();
    std::string n(next().text);
    if (n != "_") p->name = n;
    p->pos = from(start);
    return p;
  }

  // as_pattern | or_pattern
  PatternP pattern() {
    DepthGuard g(*this);
    Pos start = tpos(cur());
    PatternP p = or_pattern();
    if (!at_kw("as")) return p;
    next();
    if (at_kw("_")) fail("cannot use '_' as a target", tpos(cur()));
    if (!at_name() || peek_tok().kind == Tok::DOT || peek_tok().kind == Tok::LPAR || peek_tok().kind == Tok::EQUAL) {
      if (starts_expression(cur())) {
        ExprP e = expression();
        fail("invalid pattern target", e->pos);
      }
      syntax_error();
    }
    auto as = mkp(PatternKind::kAs, start);
    as->name = std::string(next().text);
    as->pattern = std::move(p);
    as->pos = from(start);
    return as;
  }

  PatternP or_pattern() {
    Pos start = tpos(cur());
    PatternP first = closed_pattern();
    if (!at(Tok::VBAR)) return first;
    auto o = mkp(PatternKind::kOr, start);
    o->patterns.push_back(std::move(first));
    while (accept(Tok::VBAR)) o->patterns.push_back(closed_pattern());
    o->pos = from(start);
    return o;
  }

  PatternP closed_pattern() {
    DepthGuard g(*this);
    Pos start = tpos(cur());
    switch (cur().kind) {
      case Tok::NAME: {
        std::string_view t = cur().text;
        if (t == "None" || t == "True" || t == "False") {
          auto p = mkp(PatternKind::kSingleton, start);
          p->value = atom();
          return p;
        }
        if (is_keyword(t)) syntax_error();
        ExprP e = mk(ExprKind::kName, start);
        e->id = std::string(next().text);
        bool dotted = false;
        while (accept(Tok::DOT)) {
          auto a = mk(ExprKind::kAttribute, start);
          a->a = std::move(e);
          a->id = expect_name();
          a->pos = from(start);
          e = std::move(a);
          dotted = true;
        }
        if (at(Tok::LPAR)) return class_pattern(std::move(e), start);
        if (dotted) {
          auto p = mkp(PatternKind::kValue, start);
          p->value = std::move(e);
          p->pos = from(start);
          return p;
        }
        auto p = mkp(PatternKind::kAs, start);
        if (e->id != "_") p->name = e->id;
        return p;
      }
      case Tok::NUMBER:
      case Tok::MINUS:
      case Tok::STRING: {
        auto p = mkp(PatternKind::kValue, start);
        p->value = literal_pattern_expr();
        p->pos = p->value->pos;
        return p;
      }
      case Tok::LPAR: {
        next();
        if (accept(Tok::RPAR)) return mkp(PatternKind::kSequence, from(start));
        PatternP first = maybe_star_pattern();
        if (accept(Tok::RPAR)) {
          if (first->kind == PatternKind::kStar) syntax_error();
          return first;  // a group pattern
        }
        if (!at(Tok::COMMA)) syntax_error();
        auto seq = mkp(PatternKind::kSequence, start);
        seq->patterns.push_back(std::move(first));
        while (accept(Tok::COMMA)) {
          if (at(Tok::RPAR)) break;
          seq->patterns.push_back(maybe_star_pattern());
        }
        expect(Tok::RPAR);
        seq->pos = from(start);
        return seq;
      }
      case Tok::LSQB: {
        next();
        auto seq = mkp(PatternKind::kSequence, start);
        while (!at(Tok::RSQB)) {
          seq->patterns.push_back(maybe_star_pattern());
          if (!accept(Tok::COMMA)) break;
        }
        expect(Tok::RSQB);
        seq->pos = from(start);
        return seq;
      }
      case Tok::LBRACE: return mapping_pattern();
      default: syntax_error();
    }
  }

  // signed numbers, complex literals `-1+2j`, strings (not f-strings); `None`/`True`/`False` are
  // singletons. Mapping keys use the same literals.
  ExprP literal_pattern_expr() {
    Pos start = tpos(cur());
    if (at(Tok::STRING)) {
      ExprP e = strings();
      if (e->kind == ExprKind::kJoinedStr) fail("patterns may only match literals and attribute lookups", e->pos);
      return e;
    }
    if (at(Tok::NAME) && (at_kw("None") || at_kw("True") || at_kw("False"))) return atom();
    ExprP num = signed_number();
    if (!at(Tok::PLUS) && !at(Tok::MINUS)) return num;
    int op = at(Tok::PLUS) ? int(BinOp::ADD) : int(BinOp::SUBTRACT);
    next();
    if (!at(Tok::NUMBER)) syntax_error();
    ExprP imag = atom();
    const Expr* real = num->kind == ExprKind::kUnaryOp ? num->a.get() : num.get();
    if (real->value.kind == Const::Kind::Complex) fail("real number required in complex literal", num->pos);
    if (imag->value.kind != Const::Kind::Complex) fail("imaginary number required in complex literal", imag->pos);
    return binop(std::move(num), op, std::move(imag), start);
  }
  ExprP signed_number() {
    Pos start = tpos(cur());
    if (!accept(Tok::MINUS)) {
      if (!at(Tok::NUMBER)) syntax_error();
      return atom();
    }
    if (!at(Tok::NUMBER)) syntax_error();
    auto e = mk(ExprKind::kUnaryOp, start);
    e->op = int(UnaryOp::kUSub);
    e->a = atom();
    e->pos = from(start);
    return e;
  }

  PatternP mapping_pattern() {
    Pos start = tpos(next());  // '{'
    auto m = mkp(PatternKind::kMapping, start);
    while (!at(Tok::RBRACE)) {
      if (accept(Tok::DOUBLESTAR)) {
        if (!at_name() || at_kw("_")) syntax_error();
        m->name = std::string(next().text);
        accept(Tok::COMMA);
        if (!at(Tok::RBRACE)) syntax_error();
        break;
      }
      ExprP key;
      if (at(Tok::NAME) && !at_kw("None") && !at_kw("True") && !at_kw("False")) {
        Pos kp = tpos(cur());
        key = mk(ExprKind::kName, kp);
        key->id = expect_name();
        if (!at(Tok::DOT)) syntax_error();
        while (accept(Tok::DOT)) {
          auto a = mk(ExprKind::kAttribute, kp);
          a->a = std::move(key);
          a->id = expect_name();
          a->pos = from(kp);
          key = std::move(a);
        }
      } else {
        key = literal_pattern_expr();
      }
      if (!accept(Tok::COLON)) syntax_error();
      m->keys.push_back(std::move(key));
      m->patterns.push_back(pattern());
      if (!accept(Tok::COMMA)) break;
    }
    expect(Tok::RBRACE);
    m->pos = from(start);
    return m;
  }

  PatternP class_pattern(ExprP cls, Pos start) {
    next();  // '('
    auto c = mkp(PatternKind::kClass, start);
    c->value = std::move(cls);
    Pos first_kw{-1, 0, 0, 0};
    while (!at(Tok::RPAR)) {
      if (at_name() && peek_tok().kind == Tok::EQUAL) {
        Pos kp = tpos(cur());
        if (first_kw.line < 0) first_kw = kp;
        c->kwd_attrs.push_back(std::string(next().text));
        next();  // '='
        c->kwd_patterns.push_back(pattern());
      } else {
        PatternP p = pattern();
        if (first_kw.line >= 0) {
          Pos pp = p->pos;
          while (accept(Tok::COMMA) && !at(Tok::RPAR)) {
            if (at_name() && peek_tok().kind == Tok::EQUAL) break;
            pp = span(pp, pattern()->pos);
          }
          fail("positional patterns follow keyword patterns", pp);
        }
        c->patterns.push_back(std::move(p));
      }
      if (!accept(Tok::COMMA)) break;
    }
    expect(Tok::RPAR);
    c->pos = from(start);
    return c;
  }

  ExprP single_target() {
    ExprP t = target_element();
    set_context(t.get(), Ctx::kStore, false);
    return t;
  }

  // star_targets: ('*'? bitwise_or) (',' ...)* — stops before 'in' / '=' / ':'.
  ExprP target_list(bool store) {
    Pos start = tpos(cur());
    std::vector<ExprP> elts;
    bool comma = false;
    for (;;) {
      elts.push_back(target_element());
      if (!at(Tok::COMMA)) break;
      next();
      comma = true;
      if (at_kw("in") || at(Tok::EQUAL) || at(Tok::COLON)) break;
    }
    ExprP t;
    if (!comma) {
      t = std::move(elts[0]);
    } else {
      t = mk(ExprKind::kTuple, from(start));
      t->elts = std::move(elts);
    }
    if (store) set_context(t.get(), Ctx::kStore, false);
    return t;
  }
  ExprP target_element() {
    if (at(Tok::STAR)) {
      Pos p = tpos(next());
      auto e = mk(ExprKind::kStarred, p);
      e->a = bitwise_or();
      e->pos = from(p);
      return e;
    }
    return bitwise_or();
  }

  StmtP simple_stmt() {
    Pos start = tpos(cur());
    if (cur().kind == Tok::NAME) {
      std::string_view t = cur().text;
      if (t == "pass" || t == "break" || t == "continue") {
        next();
        return mks(t == "pass" ? StmtKind::kPass : t == "break" ? StmtKind::kBreak : StmtKind::kContinue, start);
      }
      if (t == "return") {
        next();
        auto s = mks(StmtKind::kReturn, start);
        if (!at(Tok::NEWLINE) && !at(Tok::SEMI)) s->value = star_expressions();
        s->pos = from(start);
        return s;
      }
      if (t == "raise") {
        next();
        auto s = mks(StmtKind::kRaise, start);
        if (!at(Tok::NEWLINE) && !at(Tok::SEMI)) {
          s->value = expression();
          if (accept_kw("from")) s->test = expression();
        }
        s->pos = from(start);
        return s;
      }
      if (t == "global" || t == "nonlocal") {
        next();
        auto s = mks(t == "global" ? StmtKind::kGlobal : StmtKind::kNonlocal, start);
        do s->idents.push_back(expect_name());
        while (accept(Tok::COMMA));
        s->pos = from(start);
        return s;
      }
      if (t == "del") {
        next();
        auto s = mks(StmtKind::kDelete, start);
        for (;;) {
          ExprP e = target_element();
          set_context(e.get(), Ctx::kDel, false);
          s->targets.push_back(std::move(e));
          if (!accept(Tok::COMMA)) break;
          if (at(Tok::NEWLINE) || at(Tok::SEMI)) break;
        }
        if (!at(Tok::NEWLINE) && !at(Tok::SEMI)) syntax_error();
        s->pos = from(start);
        return s;
      }
      if (t == "assert") {
        next();
        auto s = mks(StmtKind::kAssert, start);
        s->test = expression();
        if (accept(Tok::COMMA)) s->value = expression();
        s->pos = from(start);
        return s;
      }
      if (t == "import") return import_stmt();
      if (t == "from") return from_import();
    }
    // expression statement or assignment
    ExprP e = at_kw("yield") ? yield_expr() : star_expressions();
    if (at(Tok::EQUAL)) {
      auto s = mks(StmtKind::kAssign, start);
      set_context(e.get(), Ctx::kStore, true);
      s->targets.push_back(std::move(e));
      for (;;) {
        next();  // '='
        ExprP rhs = at_kw("yield") ? yield_expr() : star_expressions();
        if (at(Tok::EQUAL)) {
          set_context(rhs.get(), Ctx::kStore, false);
          s->targets.push_back(std::move(rhs));
          continue;
        }
        s->value = std::move(rhs);
        break;
      }
      s->pos = from(start);
      return s;
    }
    int aug = augassign_op(cur().kind);
    if (aug >= 0) {
      check_aug_target(e.get());
      next();
      auto s = mks(StmtKind::kAugAssign, start);
      s->op = aug;
      s->target = std::move(e);
      s->target->ctx = Ctx::kStore;
      s->value = at_kw("yield") ? yield_expr() : star_expressions();
      s->pos = from(start);
      return s;
    }
    if (at(Tok::COLON)) {
      ExprKind k = e->kind;
      if (k == ExprKind::kTuple && !e->parenthesized)
        fail("only single target (not tuple) can be annotated", Pos{e->pos.line, e->pos.col, e->pos.line, e->pos.col});
      if (k == ExprKind::kList) fail("only single target (not list) can be annotated", e->pos);
      if (k == ExprKind::kTuple) fail("only single target (not tuple) can be annotated", e->pos);
      if (k != ExprKind::kName && k != ExprKind::kAttribute && k != ExprKind::kSubscript)
        fail(fmt::format("illegal target for annotation"), e->pos);
      next();
      auto s = mks(StmtKind::kAnnAssign, start);
      s->op = k == ExprKind::kName && !e->parenthesized;
      s->test = expression();
      set_context(e.get(), Ctx::kStore, false);
      s->target = std::move(e);
      if (accept(Tok::EQUAL)) s->value = at_kw("yield") ? yield_expr() : star_expressions();
      s->pos = from(start);
      return s;
    }
    // Python 2 print / exec statements
    if (e->kind == ExprKind::kName && (e->id == "print" || e->id == "exec") && starts_expression(cur())) {
      size_t save = _p;
      try {
        ExprP arg = star_expressions();
        fail(fmt::format("Missing parentheses in call to '{0}'. Did you mean {0}(...)?", e->id), span(e->pos, arg->pos));
      } catch (ParseError& err) {
        if (err.msg.rfind("Missing parentheses", 0) == 0) throw;
        _p = save;
      }
    }
    auto s = mks(StmtKind::kExpr, start);
    s->pos = e->pos;
    s->value = std::move(e);
    return s;
  }

  static int augassign_op(Tok k) {
    switch (k) {
      case Tok::PLUSEQUAL: return 0;
      case Tok::AMPEREQUAL: return 1;
      case Tok::DOUBLESLASHEQUAL: return 2;
      case Tok::LEFTSHIFTEQUAL: return 3;
      case Tok::ATEQUAL: return 4;
      case Tok::STAREQUAL: return 5;
      case Tok::PERCENTEQUAL: return 6;
      case Tok::VBAREQUAL: return 7;
      case Tok::DOUBLESTAREQUAL: return 8;
      case Tok::RIGHTSHIFTEQUAL: return 9;
      case Tok::MINEQUAL: return 10;
      case Tok::SLASHEQUAL: return 11;
      case Tok::CIRCUMFLEXEQUAL: return 12;
      default: return -1;
    }
  }

  void check_aug_target(Expr* e) {
    if (e->kind == ExprKind::kName || e->kind == ExprKind::kAttribute || e->kind == ExprKind::kSubscript) return;
    fail(fmt::format("'{}' is an illegal expression for augmented assignment", expr_name(e)), e->pos);
  }

  // Validate and mark an assignment / deletion target.
  void set_context(Expr* e, Ctx ctx, bool first_target) {
    switch (e->kind) {
      case ExprKind::kName:
        if (ctx == Ctx::kStore && e->id == "__debug__") fail("cannot assign to __debug__", e->pos);
        e->ctx = ctx;
        return;
      case ExprKind::kAttribute:
      case ExprKind::kSubscript:
        e->ctx = ctx;
        return;
      case ExprKind::kStarred:
        if (ctx == Ctx::kDel) fail("cannot delete starred", e->pos);
        e->ctx = ctx;
        set_context(e->a.get(), ctx, false);
        return;
      case ExprKind::kTuple:
      case ExprKind::kList:
        e->ctx = ctx;
        for (size_t i = 0; i < e->elts.size(); i++)
          set_context(e->elts[i].get(), ctx,
                      first_target && e->kind == ExprKind::kTuple && !e->parenthesized && i + 1 == e->elts.size());
        return;
      default:
        break;
    }
    if (ctx == Ctx::kDel) fail(fmt::format("cannot delete {}", expr_name(e)), e->pos);
    if (e->kind == ExprKind::kYield || e->kind == ExprKind::kYieldFrom)
      fail("assignment to yield expression not possible", e->pos);
    if (e->kind == ExprKind::kNamedExpr) fail("cannot assign to named expression", e->pos);
    bool here = first_target && e->kind != ExprKind::kCompare;
    if (e->kind == ExprKind::kConstant && (e->value.kind == Const::Kind::True || e->value.kind == Const::Kind::False ||
                                           e->value.kind == Const::Kind::None))
      here = false;
    fail(fmt::format("cannot assign to {}{}", expr_name(e), here ? " here. Maybe you meant '==' instead of '='?" : ""),
         e->pos);
  }

  StmtP import_stmt() {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kImport, start);
    do {
      Alias a;
      a.pos = tpos(cur());
      a.name = dotted_name();
      if (accept_kw("as")) a.asname = expect_name();
      a.pos = from(a.pos);
      s->names.push_back(std::move(a));
    } while (accept(Tok::COMMA));
    s->pos = from(start);
    return s;
  }
  std::string dotted_name() {
    std::string n = expect_name();
    while (accept(Tok::DOT)) n += "." + expect_name();
    return n;
  }

  StmtP from_import() {
    Pos start = tpos(next());
    auto s = mks(StmtKind::kImportFrom, start);
    int level = 0;
    for (;;) {
      if (accept(Tok::DOT)) level++;
      else if (accept(Tok::ELLIPSIS)) level += 3;
      else break;
    }
    if (!at_kw("import")) s->name = dotted_name();
    s->op = level;
    if (!accept_kw("import")) syntax_error();
    if (at(Tok::STAR)) {
      Alias a;
      a.pos = tpos(next());
      a.name = "*";
      s->names.push_back(std::move(a));
    } else {
      bool paren = accept(Tok::LPAR);
      for (;;) {
        Alias a;
        a.pos = tpos(cur());
        a.name = expect_name();
        if (accept_kw("as")) a.asname = expect_name();
        a.pos = from(a.pos);
        s->names.push_back(std::move(a));
        if (!accept(Tok::COMMA)) break;
        if (paren && at(Tok::RPAR)) break;
        if (!paren && (at(Tok::NEWLINE) || at(Tok::SEMI)))
          fail("trailing comma not allowed without surrounding parentheses", tpos(_toks[_p - 1]));
      }
      if (paren) expect(Tok::RPAR);
    }
    s->pos = from(start);
    return s;
  }

  // -- Expressions ----------------------------------------------------------------------------
  static bool starts_expression(const Token& t) {
    switch (t.kind) {
      case Tok::NUMBER: case Tok::STRING: case Tok::LPAR: case Tok::LSQB: case Tok::LBRACE: case Tok::MINUS:
      case Tok::PLUS: case Tok::TILDE: case Tok::ELLIPSIS:
        return true;
      case Tok::NAME:
        return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False" ||
               t.text == "not" || t.text == "lambda" || t.text == "await";
      default:
        return false;
    }
  }

  // Inside brackets, two expressions in a row: "Perhaps you forgot a comma?"
  [[noreturn]] void missing_comma_or_error(const Expr* prev) {
    if (prev && _bracket > 0 && starts_expression(cur()) && !at_kw("not")) {
      size_t save = _p;
      int br = _bracket;
      ExprP b;
      try {
        b = expression();
      } catch (const ParseError&) {
        _p = save;
        _bracket = br;
      }
      if (b && at(Tok::ERRORTOKEN)) syntax_error();
      if (b) {
        Pos p = span(prev->pos, b->pos);
        _p = save;
        fail("invalid syntax. Perhaps you forgot a comma?", p);
      }
    }
    syntax_error();
  }

  ExprP star_expressions() {
    Pos start = tpos(cur());
    ExprP first = star_expression();
    if (!at(Tok::COMMA)) return first;
    auto t = mk(ExprKind::kTuple, start);
    t->elts.push_back(std::move(first));
    while (accept(Tok::COMMA)) {
      if (!starts_expression(cur()) && !at(Tok::STAR)) break;
      t->elts.push_back(star_expression());
    }
    t->pos = from(start);
    return t;
  }

  ExprP star_expression() {
    if (at(Tok::STAR)) {
      Pos p = tpos(next());
      auto e = mk(ExprKind::kStarred, p);
      e->a = bitwise_or();
      e->pos = from(p);
      return e;
    }
    return expression();
  }

  // starred_expression: '*' expression (call arguments, subscripts)
  ExprP starred_expression() {
    Pos p = tpos(next());
    auto e = mk(ExprKind::kStarred, p);
    e->a = expression();
    e->pos = from(p);
    return e;
  }

  ExprP star_named_expression() {
    if (at(Tok::STAR)) return star_expression();
    return named_expression();
  }

  ExprP named_expression() {
    if (at_name() && peek_tok().kind == Tok::COLONEQUAL) {
      Pos p = tpos(cur());
      auto e = mk(ExprKind::kNamedExpr, p);
      e->a = mk(ExprKind::kName, p);
      e->a->id = std::string(next().text);
      e->a->ctx = Ctx::kStore;
      next();
      e->b = expression();
      e->pos = from(p);
      return e;
    }
    ExprP e = expression();
    if (at(Tok::COLONEQUAL)) fail(fmt::format("cannot use assignment expressions with {}", expr_name(e.get())), e->pos);
    return e;
  }

  ExprP expression() {
    DepthGuard g(*this);
    if (at_kw("lambda")) return lambdef();
    Pos start = tpos(cur());
    ExprP body = disjunction();
    if (!at_kw("if")) return body;
    next();
    auto e = mk(ExprKind::kIfExp, start);
    e->a = disjunction();
    if (!accept_kw("else")) {
      if (at(Tok::ERRORTOKEN)) syntax_error();
      fail("expected 'else' after 'if' expression", from(start));
    }
    e->b = std::move(body);  // a test, b body, c orelse
    e->c = expression();
    e->pos = from(start);
    return e;
  }

  ExprP lambdef() {
    DepthGuard g(*this);  // a second level per lambda, as CPython's lambdef rule
    Pos start = tpos(next());
    auto e = mk(ExprKind::kLambda, start);
    e->args = parameters(Tok::COLON, false);
    expect(Tok::COLON);
    e->a = expression();
    e->pos = from(start);
    return e;
  }

  ExprP disjunction() {
    Pos start = tpos(cur());
    ExprP first = conjunction();
    if (!at_kw("or")) return first;
    auto e = mk(ExprKind::kBoolOp, start);
    e->op = 1;
    e->elts.push_back(std::move(first));
    while (accept_kw("or")) e->elts.push_back(conjunction());
    e->pos = from(start);
    return e;
  }

  ExprP conjunction() {
    Pos start = tpos(cur());
    ExprP first = inversion();
    if (!at_kw("and")) return first;
    auto e = mk(ExprKind::kBoolOp, start);
    e->op = 0;
    e->elts.push_back(std::move(first));
    while (accept_kw("and")) e->elts.push_back(inversion());
    e->pos = from(start);
    return e;
  }

  ExprP inversion() {
    DepthGuard g(*this);
    if (at_kw("not")) {
      Pos start = tpos(next());
      auto e = mk(ExprKind::kUnaryOp, start);
      e->op = int(UnaryOp::kNot);
      e->a = inversion();
      e->pos = from(start);
      return e;
    }
    return comparison();
  }

  bool compare_op(CmpKind& k) {
    switch (cur().kind) {
      case Tok::EQEQUAL: k = CmpKind::kEq; next(); return true;
      case Tok::NOTEQUAL: k = CmpKind::kNotEq; next(); return true;
      case Tok::LESS: k = CmpKind::kLt; next(); return true;
      case Tok::LESSEQUAL: k = CmpKind::kLtE; next(); return true;
      case Tok::GREATER: k = CmpKind::kGt; next(); return true;
      case Tok::GREATEREQUAL: k = CmpKind::kGtE; next(); return true;
      case Tok::NAME:
        if (at_kw("in")) { next(); k = CmpKind::kIn; return true; }
        if (at_kw("not") && peek_tok().kind == Tok::NAME && peek_tok().text == "in") { next(); next(); k = CmpKind::kNotIn; return true; }
        if (at_kw("is")) {
          next();
          if (accept_kw("not")) k = CmpKind::kIsNot; else k = CmpKind::kIs;
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  ExprP comparison() {
    Pos start = tpos(cur());
    ExprP first = bitwise_or();
    CmpKind k;
    if (!compare_op(k)) return first;
    auto e = mk(ExprKind::kCompare, start);
    e->a = std::move(first);
    do {
      e->ops.push_back(k);
      e->elts.push_back(bitwise_or());
    } while (compare_op(k));
    e->pos = from(start);
    return e;
  }

  ExprP binop(ExprP l, int op, ExprP r, Pos start) {
    auto e = mk(ExprKind::kBinOp, start);
    e->op = op;
    e->a = std::move(l);
    e->b = std::move(r);
    e->pos = from(start);
    return e;
  }

  ExprP bitwise_or() {
    Pos s = tpos(cur());
    ExprP e = bitwise_xor();
    while (accept(Tok::VBAR)) e = binop(std::move(e), int(BinOp::OR), bitwise_xor(), s);
    return e;
  }
  ExprP bitwise_xor() {
    Pos s = tpos(cur());
    ExprP e = bitwise_and();
    while (accept(Tok::CIRCUMFLEX)) e = binop(std::move(e), int(BinOp::XOR), bitwise_and(), s);
    return e;
  }
  ExprP bitwise_and() {
    Pos s = tpos(cur());
    ExprP e = shift_expr();
    while (accept(Tok::AMPER)) e = binop(std::move(e), int(BinOp::AND), shift_expr(), s);
    return e;
  }
  ExprP shift_expr() {
    Pos s = tpos(cur());
    ExprP e = sum();
    for (;;) {
      if (accept(Tok::LEFTSHIFT)) e = binop(std::move(e), int(BinOp::LSHIFT), sum(), s);
      else if (accept(Tok::RIGHTSHIFT)) e = binop(std::move(e), int(BinOp::RSHIFT), sum(), s);
      else return e;
    }
  }
  ExprP sum() {
    Pos s = tpos(cur());
    ExprP e = term();
    for (;;) {
      if (accept(Tok::PLUS)) e = binop(std::move(e), int(BinOp::ADD), term(), s);
      else if (accept(Tok::MINUS)) e = binop(std::move(e), int(BinOp::SUBTRACT), term(), s);
      else return e;
    }
  }
  ExprP term() {
    Pos s = tpos(cur());
    ExprP e = factor();
    for (;;) {
      int op;
      switch (cur().kind) {
        case Tok::STAR: op = int(BinOp::MULTIPLY); break;
        case Tok::SLASH: op = int(BinOp::TRUE_DIVIDE); break;
        case Tok::DOUBLESLASH: op = int(BinOp::FLOOR_DIVIDE); break;
        case Tok::PERCENT: op = int(BinOp::REMAINDER); break;
        case Tok::AT: op = int(BinOp::MATRIX_MULTIPLY); break;
        default: return e;
      }
      next();
      e = binop(std::move(e), op, factor(), s);
    }
  }
  ExprP factor() {
    DepthGuard g(*this);
    int op = -1;
    if (at(Tok::PLUS)) op = int(UnaryOp::kUAdd);
    else if (at(Tok::MINUS)) op = int(UnaryOp::kUSub);
    else if (at(Tok::TILDE)) op = int(UnaryOp::kInvert);
    if (op < 0) return power();
    Pos s = tpos(next());
    auto e = mk(ExprKind::kUnaryOp, s);
    e->op = op;
    e->a = factor();
    e->pos = from(s);
    return e;
  }
  ExprP power() {
    Pos s = tpos(cur());
    ExprP e;
    if (at_kw("await")) {
      next();
      e = mk(ExprKind::kAwait, s);
      e->a = primary();
      e->pos = from(s);
    } else {
      e = primary();
    }
    if (!accept(Tok::DOUBLESTAR)) return e;
    DepthGuard g(*this);  // CPython's power rule recurses through two levels per `**`
    return binop(std::move(e), int(BinOp::POWER), factor(), s);
  }

  ExprP primary() {
    Pos s = tpos(cur());
    ExprP e = atom();
    for (;;) {
      if (at(Tok::DOT)) {
        next();
        auto a = mk(ExprKind::kAttribute, s);
        a->a = std::move(e);
        a->id = expect_name();
        a->pos = from(s);
        e = std::move(a);
      } else if (at(Tok::LPAR)) {
        next();
        auto c = mk(ExprKind::kCall, s);
        c->a = std::move(e);
        _bracket++;
        call_arguments(c->elts, c->keywords, c.get());
        _bracket--;
        c->pos = from(s);
        e = std::move(c);
      } else if (at(Tok::LSQB)) {
        next();
        auto sub = mk(ExprKind::kSubscript, s);
        sub->a = std::move(e);
        _bracket++;
        sub->b = slices();
        _bracket--;
        if (!accept(Tok::RSQB)) missing_comma_or_error(nullptr);
        sub->pos = from(s);
        e = std::move(sub);
      } else {
        return e;
      }
    }
  }

  ExprP slices() {
    Pos s = tpos(cur());
    ExprP first = slice();
    if (!at(Tok::COMMA) && first->kind != ExprKind::kStarred) return first;
    auto t = mk(ExprKind::kTuple, s);
    t->elts.push_back(std::move(first));
    while (accept(Tok::COMMA)) {
      if (at(Tok::RSQB)) break;
      t->elts.push_back(slice());
    }
    t->pos = from(s);
    return t;
  }
  ExprP slice() {
    Pos s = tpos(cur());
    ExprP lower;
    if (!at(Tok::COLON)) {
      lower = at(Tok::STAR) ? starred_expression() : named_expression();
      if (lower->kind == ExprKind::kStarred) return lower;
      if (!at(Tok::COLON)) return lower;
    }
    next();  // ':'
    auto e = mk(ExprKind::kSlice, s);
    e->a = std::move(lower);
    if (!at(Tok::COLON) && !at(Tok::RSQB) && !at(Tok::COMMA)) e->b = expression();
    if (accept(Tok::COLON)) {
      if (!at(Tok::RSQB) && !at(Tok::COMMA)) e->c = expression();
    }
    e->pos = from(s);
    return e;
  }

  // Arguments of a call (after '('), through ')'. `call` is the Call node (for genexp args).
  void call_arguments(std::vector<ExprP>& args, std::vector<Keyword>& kws, Expr* call) {
    bool seen_kw = false, seen_dstar = false;
    const char* late_error = nullptr;
    while (!at(Tok::RPAR)) {
      if (at(Tok::STAR)) {
        Pos star_pos = tpos(cur());
        ExprP e = starred_expression();
        if (seen_dstar) fail("iterable argument unpacking follows keyword argument unpacking", star_pos);
        args.push_back(std::move(e));
      } else if (at(Tok::DOUBLESTAR)) {
        Pos p = tpos(next());
        Keyword k;
        k.value = expression();
        k.pos = from(p);
        kws.push_back(std::move(k));
        seen_dstar = true;
      } else if (at_name() && peek_tok().kind == Tok::EQUAL) {
        Pos p = tpos(cur());
        Keyword k;
        k.arg = std::string(next().text);
        next();
        k.value = expression();
        k.pos = from(p);
        for (auto& other : kws)
          if (other.arg == k.arg) fail(fmt::format("keyword argument repeated: {}", k.arg), k.pos);
        kws.push_back(std::move(k));
        seen_kw = true;
      } else {
        Pos p = tpos(cur());
        ExprP e = named_expression();
        if (at(Tok::EQUAL)) {
          if (e->kind == ExprKind::kConstant && (e->value.kind == Const::Kind::True || e->value.kind == Const::Kind::False || e->value.kind == Const::Kind::None))
            fail(fmt::format("cannot assign to {}", expr_name(e.get())), e->pos);
          fail("expression cannot contain assignment, perhaps you meant \"==\"?", from(p));
        }
        if (at_comp_for()) {
          auto g = mk(ExprKind::kGeneratorExp, p);
          g->a = std::move(e);
          comprehension_clauses(g->generators);
          g->pos = from(p);
          bool sole = args.empty() && kws.empty() && at(Tok::RPAR) && call;
          if (!sole) {
            if (at(Tok::COMMA) || !args.empty() || !kws.empty())
              fail("Generator expression must be parenthesized", g->pos);
          }
          g->pos = from(p);
          if (sole) {
            g->pos.col = p.col - 1;
            g->pos.line = p.line;
          }
          e = std::move(g);
        }
        if ((seen_dstar || seen_kw) && !late_error)
          late_error = seen_dstar ? "positional argument follows keyword argument unpacking"
                                  : "positional argument follows keyword argument";
        args.push_back(std::move(e));
      }
      if (!accept(Tok::COMMA)) break;
    }
    // CPython reports this one where the argument list ends
    if (late_error && at(Tok::RPAR)) fail(late_error, tpos(cur()));
    if (!accept(Tok::RPAR)) {
      const Expr* prev = !args.empty() ? args.back().get() : (!kws.empty() ? kws.back().value.get() : nullptr);
      missing_comma_or_error(prev);
    }
  }

  bool at_comp_for() const {
    return at_kw("for") || (at_kw("async") && peek_tok().kind == Tok::NAME && peek_tok().text == "for");
  }

  void comprehension_clauses(std::vector<Comprehension>& gens) {
    while (at_kw("for") || (at_kw("async") && peek_tok().kind == Tok::NAME && peek_tok().text == "for")) {
      Comprehension c;
      if (accept_kw("async")) c.is_async = true;
      next();
      c.target = target_list(true);
      if (!accept_kw("in")) syntax_error();
      c.iter = disjunction();
      while (at_kw("if")) {
        next();
        c.ifs.push_back(disjunction());
      }
      gens.push_back(std::move(c));
    }
  }

  ExprP yield_expr() {
    Pos s = tpos(next());  // yield
    if (accept_kw("from")) {
      auto e = mk(ExprKind::kYieldFrom, s);
      e->a = expression();
      e->pos = from(s);
      return e;
    }
    auto e = mk(ExprKind::kYield, s);
    if (starts_expression(cur()) || at(Tok::STAR)) e->a = star_expressions();
    e->pos = from(s);
    return e;
  }

  ExprP atom() {
    DepthGuard g(*this);
    const Token& t = cur();
    Pos p = tpos(t);
    switch (t.kind) {
      case Tok::NAME: {
        if (t.text == "None" || t.text == "True" || t.text == "False") {
          next();
          auto e = mk(ExprKind::kConstant, p);
          e->value = t.text == "None" ? Const::none() : Const::boolean(t.text == "True");
          return e;
        }
        if (is_keyword(t.text)) syntax_error();
        next();
        auto e = mk(ExprKind::kName, p);
        e->id = std::string(t.text);
        return e;
      }
      case Tok::NUMBER: {
        next();
        auto e = mk(ExprKind::kConstant, p);
        e->value = parse_number(t.text);
        check_digit_limit(t);
        return e;
      }
      case Tok::STRING:
        return strings();
      case Tok::ELLIPSIS: {
        next();
        auto e = mk(ExprKind::kConstant, p);
        e->value.kind = Const::Kind::Ellipsis;
        return e;
      }
      case Tok::LPAR:
        return paren_atom();
      case Tok::LSQB:
        return list_atom();
      case Tok::LBRACE:
        return brace_atom();
      default:
        syntax_error();
    }
  }

  ExprP paren_atom() {
    Pos s = tpos(next());
    _bracket++;
    if (accept(Tok::RPAR)) {
      _bracket--;
      auto t = mk(ExprKind::kTuple, from(s));
      t->parenthesized = true;
      return t;
    }
    if (at_kw("yield")) {
      ExprP y = yield_expr();
      _bracket--;
      if (!accept(Tok::RPAR)) syntax_error();
      return y;
    }
    ExprP first = star_named_expression();
    if (at_comp_for()) {
      auto g = mk(ExprKind::kGeneratorExp, s);
      g->a = std::move(first);
      comprehension_clauses(g->generators);
      _bracket--;
      if (!accept(Tok::RPAR)) missing_comma_or_error(nullptr);
      g->pos = from(s);
      return g;
    }
    if (at(Tok::RPAR)) {
      next();
      _bracket--;
      if (first->kind == ExprKind::kStarred) fail("cannot use starred expression here", first->pos);
      first->parenthesized = true;
      return first;
    }
    if (!at(Tok::COMMA)) missing_comma_or_error(first.get());
    auto t = mk(ExprKind::kTuple, s);
    t->elts.push_back(std::move(first));
    while (accept(Tok::COMMA)) {
      if (at(Tok::RPAR)) break;
      t->elts.push_back(star_named_expression());
    }
    if (!at(Tok::RPAR)) missing_comma_or_error(t->elts.back().get());
    next();
    _bracket--;
    t->parenthesized = true;
    t->pos = from(s);
    return t;
  }

  ExprP list_atom() {
    Pos s = tpos(next());
    _bracket++;
    auto l = mk(ExprKind::kList, s);
    if (!at(Tok::RSQB)) {
      ExprP first = star_named_expression();
      if (at_comp_for()) {
        auto c = mk(ExprKind::kListComp, s);
        c->a = std::move(first);
        comprehension_clauses(c->generators);
        if (!accept(Tok::RSQB)) missing_comma_or_error(nullptr);
        _bracket--;
        c->pos = from(s);
        return c;
      }
      l->elts.push_back(std::move(first));
      while (accept(Tok::COMMA)) {
        if (at(Tok::RSQB)) break;
        l->elts.push_back(star_named_expression());
      }
    }
    if (!accept(Tok::RSQB)) missing_comma_or_error(l->elts.empty() ? nullptr : l->elts.back().get());
    _bracket--;
    l->pos = from(s);
    return l;
  }

  ExprP brace_atom() {
    Pos s = tpos(next());
    _bracket++;
    if (accept(Tok::RBRACE)) {
      _bracket--;
      return mk(ExprKind::kDict, from(s));
    }
    // first element decides dict vs set
    if (at(Tok::DOUBLESTAR) || !at(Tok::STAR)) {
      ExprP key, value;
      bool is_dict = false;
      if (accept(Tok::DOUBLESTAR)) {
        value = bitwise_or();
        is_dict = true;
      } else {
        key = named_expression();
        if (accept(Tok::COLON)) {
          value = expression();
          is_dict = true;
        }
      }
      if (is_dict) {
        if (key && at_comp_for()) {
          auto c = mk(ExprKind::kDictComp, s);
          c->a = std::move(key);
          c->b = std::move(value);
          comprehension_clauses(c->generators);
          if (!accept(Tok::RBRACE)) missing_comma_or_error(nullptr);
          _bracket--;
          c->pos = from(s);
          return c;
        }
        auto d = mk(ExprKind::kDict, s);
        d->elts.push_back(std::move(key));
        d->values.push_back(std::move(value));
        while (accept(Tok::COMMA)) {
          if (at(Tok::RBRACE)) break;
          if (accept(Tok::DOUBLESTAR)) {
            d->elts.push_back(nullptr);
            d->values.push_back(bitwise_or());
          } else {
            ExprP k = expression();
            if (!accept(Tok::COLON)) {
              if (at(Tok::COMMA) || at(Tok::RBRACE)) fail("':' expected after dictionary key", k->pos);
              syntax_error();
            }
            d->elts.push_back(std::move(k));
            d->values.push_back(expression());
          }
        }
        if (!accept(Tok::RBRACE)) missing_comma_or_error(d->values.back().get());
        _bracket--;
        d->pos = from(s);
        return d;
      }
      // a set whose first element is `key`
      if (at_comp_for()) {
        auto c = mk(ExprKind::kSetComp, s);
        c->a = std::move(key);
        comprehension_clauses(c->generators);
        if (!accept(Tok::RBRACE)) missing_comma_or_error(nullptr);
        _bracket--;
        c->pos = from(s);
        return c;
      }
      auto st = mk(ExprKind::kSet, s);
      st->elts.push_back(std::move(key));
      return set_rest(std::move(st), s);
    }
    auto st = mk(ExprKind::kSet, s);
    st->elts.push_back(star_named_expression());
    return set_rest(std::move(st), s);
  }
  ExprP set_rest(ExprP st, Pos s) {
    while (accept(Tok::COMMA)) {
      if (at(Tok::RBRACE)) break;
      st->elts.push_back(star_named_expression());
    }
    if (!accept(Tok::RBRACE)) missing_comma_or_error(st->elts.back().get());
    _bracket--;
    st->pos = from(s);
    return st;
  }

  // -- Literals ---------------------------------------------------------------------------------
  Const parse_number(std::string_view text) { return number_const(text); }
  // A decimal int literal longer than sys.get_int_max_str_digits(): CPython's parser reports
  // the conversion's ValueError as a SyntaxError on the token's line, with no column.
  void check_digit_limit(const Token& t) {
    std::string_view s = t.text;
    if (g_int_max_str_digits <= 0 || s.size() <= size_t(g_int_max_str_digits)) return;
    if (s.size() > 1 && s[0] == '0' && std::string_view("xXoObB").find(s[1]) != std::string_view::npos) return;
    if (s.find_first_of(".eEjJ") != std::string_view::npos) return;
    size_t digits = s.size() - size_t(std::count(s.begin(), s.end(), '_'));
    if (digits <= size_t(g_int_max_str_digits)) return;
    fail(fmt::format("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                     "sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer "
                     "literals to avoid decimal conversion limits.",
                     g_int_max_str_digits, digits),
         Pos{t.line, -1, t.line, -1});
  }

  // Adjacent string literals, concatenated; f-strings become a JoinedStr.
  ExprP strings() {
    Pos s = tpos(cur());
    FStringBuilder b;
    bool any_bytes = false, any_str = false;
    while (at(Tok::STRING)) {
      const Token& t = next();
      StringPrefix pre = string_prefix(t.text);
      (pre.bytes ? any_bytes : any_str) = true;
      if (any_bytes && any_str) fail("cannot mix bytes and nonbytes literals", from(s));
      std::string_view body = t.text.substr(pre.prefix_len + pre.quote_len,
                                            t.text.size() - pre.prefix_len - 2 * pre.quote_len);
      if (pre.fmt) {
        fstring_body(b, body, t, 0);
        b.is_f = true;
      } else {
        b.add_literal(decode_literal(body, pre, t));
      }
    }
    Pos p = from(s);
    if (any_bytes) {
      auto e = mk(ExprKind::kConstant, p);
      e->value.kind = Const::Kind::Bytes;
      e->value.s = b.lit;
      return e;
    }
    return b.finish(p);
  }

  std::string decode_literal(std::string_view body, const StringPrefix& pre, const Token& t) {
    if (pre.raw) return std::string(body);
    std::string out, err;
    if (!decode_escapes(body, pre.bytes, out, err)) fail(err, tpos(t));
    if (pre.bytes)
      for (unsigned char ch : body)
        if (ch >= 0x80) fail("bytes can only contain ASCII literal characters", tpos(t));
    return out;
  }

  struct FStringBuilder {
    std::string lit;
    bool is_f = false;
    std::vector<ExprP> parts;
    Pos lit_pos;
    void add_literal(const std::string& s) { lit += s; }
    void flush(Pos p) {
      if (lit.empty()) return;
      auto c = std::make_unique<Expr>(ExprKind::kConstant, p);
      c->value = Const::str(lit);
      parts.push_back(std::move(c));
      lit.clear();
    }
    void add_value(ExprP v, Pos p) {
      flush(p);
      parts.push_back(std::move(v));
    }
    ExprP finish(Pos p) {
      if (!is_f) {
        auto c = std::make_unique<Expr>(ExprKind::kConstant, p);
        c->value = Const::str(lit);
        return c;
      }
      flush(p);
      auto j = std::make_unique<Expr>(ExprKind::kJoinedStr, p);
      for (auto& x : parts) x->pos = p;
      j->elts = std::move(parts);
      return j;
    }
  };

  // Source offset -> (line, line_start) by counting from the token start.
  void locate(const Token& t, size_t off, int& line, size_t& line_start) {
    size_t tok_off = size_t(t.text.data() - _src.data());
    line = t.line;
    line_start = tok_off - size_t(t.col);
    for (size_t i = tok_off; i < off; i++)
      if (_src[i] == '\n') {
        line++;
        line_start = i + 1;
      }
  }

  static Pos fpos(const Token& t) { return Pos{t.end_line, t.end_col, t.end_line, t.end_col}; }

  void fstring_body(FStringBuilder& b, std::string_view body, const Token& t, int nesting) {
    if (nesting > 2) fail("f-string: expressions nested too deeply", fpos(t));
    StringPrefix pre = string_prefix(t.text);
    size_t i = 0;
    std::string chunk;
    auto flush_chunk = [&] {
      if (!chunk.empty()) b.add_literal(decode_literal(chunk, pre, t));
      chunk.clear();
    };
    while (i < body.size()) {
      char c = body[i];
      if (c == '{' && i + 1 < body.size() && body[i + 1] == '{') { chunk += '{'; i += 2; continue; }
      if (c == '}' && i + 1 < body.size() && body[i + 1] == '}') { chunk += '}'; i += 2; continue; }
      if (c == '}') fail("f-string: single '}' is not allowed", fpos(t));
      if (c != '{') {
        if (c == '\\' && !pre.raw && i + 2 < body.size() && body[i + 1] == 'N' && body[i + 2] == '{') {
          // "\N{name}": its braces are not a replacement field.
          size_t close = body.find('}', i + 3);
          size_t end = close == std::string_view::npos ? body.size() : close + 1;
          chunk.append(body.substr(i, end - i));
          i = end;
          continue;
        }
        if (c == '\\' && !pre.raw && i + 1 < body.size()) { chunk += c; chunk += body[i + 1]; i += 2; continue; }
        chunk += c;
        i++;
        continue;
      }
      flush_chunk();
      i = fstring_field(b, body, i + 1, t, nesting);
    }
    flush_chunk();
  }

  // Parse one replacement field starting after '{'; returns the index after its '}'.
  size_t fstring_field(FStringBuilder& b, std::string_view body, size_t i, const Token& t, int nesting) {
    size_t start = i;
    int depth = 0;
    char quote = 0;
    size_t expr_end = std::string_view::npos;
    bool debug = false;
    bool triple = false;
    for (; i < body.size(); i++) {
      char c = body[i];
      if (quote) {
        if (c == quote && (!triple || (i + 2 < body.size() && body[i + 1] == c && body[i + 2] == c))) {
          if (triple) i += 2;
          quote = 0;
        }
        continue;
      }
      if (c == '\\') fail("f-string expression part cannot include a backslash", fpos(t));
      if (c == '\'' || c == '"') {
        quote = c;
        triple = i + 2 < body.size() && body[i + 1] == c && body[i + 2] == c;
        if (triple) i += 2;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') { depth++; continue; }
      if ((c == ')' || c == ']' || c == '}') && depth > 0) { depth--; continue; }
      if (depth > 0) continue;
      if (c == '#') fail("f-string expression part cannot include '#'", fpos(t));
      if (c == '}' || c == ':') { expr_end = i; break; }
      if (c == '!' && i + 1 < body.size() && body[i + 1] != '=') { expr_end = i; break; }
      if (c == '=' && i + 1 < body.size() && body[i + 1] != '=' && i > start &&
          !std::strchr("=!<>", body[i - 1])) {
        expr_end = i;
        debug = true;
        break;
      }
      if (c == '=' && i + 1 < body.size() && body[i + 1] == '=') { i++; continue; }
    }
    if (quote) fail("f-string: unterminated string", fpos(t));
    if (expr_end == std::string_view::npos) fail("f-string: expecting '}'", fpos(t));
    std::string_view expr_text = body.substr(start, expr_end - start);
    bool blank = true;
    for (char ch : expr_text) if (!std::isspace(uint8_t(ch))) blank = false;
    if (blank) fail("f-string: empty expression not allowed", fpos(t));
    // parse the expression from its place in the source
    size_t abs_begin = size_t(expr_text.data() - _src.data());
    LexRange r;
    r.begin = abs_begin;
    r.end = abs_begin + expr_text.size();
    r.expression = true;
    locate(t, abs_begin, r.line, r.line_start);
    LexOutput lo = tokenize(_src, _filename, r);
    if (lo.error) throw ParseError{lo.error->type, lo.error->msg, tpos(t), false, _p, lo.error};
    Parser sub(_src, _filename, std::move(lo.tokens));
    sub._bracket = 1;
    sub._depth = _depth;
    ExprP value = sub.at_kw("yield") ? sub.yield_expr() : sub.star_expressions();
    if (!sub.at(Tok::ENDMARKER)) {
      if (sub.at(Tok::EQUAL)) fail("f-string: expecting '}'", fpos(t));
      fail("f-string: invalid syntax", fpos(t));
    }
    i = expr_end;
    int conversion = -1;
    if (debug) {
      i++;
      while (i < body.size() && std::isspace(uint8_t(body[i]))) i++;
      b.add_literal(std::string(body.substr(start, i - start)));
    }
    if (i < body.size() && body[i] == '!') {
      i++;
      if (i >= body.size()) fail("f-string: expecting '}'", fpos(t));
      char cv = body[i];
      if (cv != 's' && cv != 'r' && cv != 'a')
        fail("f-string: invalid conversion character: expected 's', 'r', or 'a'", fpos(t));
      conversion = cv;
      i++;
    }
    ExprP spec;
    if (i < body.size() && body[i] == ':') {
      i++;
      // the spec runs to the matching '}' and may hold nested fields
      size_t s0 = i;
      int d = 0;
      for (; i < body.size(); i++) {
        if (body[i] == '{') d++;
        else if (body[i] == '}') {
          if (d == 0) break;
          d--;
        }
      }
      FStringBuilder sb;
      sb.is_f = true;
      fstring_body(sb, body.substr(s0, i - s0), t, nesting + 1);
      spec = sb.finish(tpos(t));
    }
    if (i >= body.size() || body[i] != '}') fail("f-string: expecting '}'", fpos(t));
    if (debug && conversion < 0 && !spec) conversion = 'r';
    auto fv = mk(ExprKind::kFormattedValue, fpos(t));
    fv->a = std::move(value);
    fv->op = conversion;
    fv->b = std::move(spec);
    b.add_value(std::move(fv), fpos(t));
    return i + 1;
  }
};

}  // namespace

ParseResult parse_source(std::string_view src, const std::string& filename, ParseMode mode) {
  ParseResult res;
  LexOutput lo = tokenize(src, filename);
  Parser p(src, filename, std::move(lo.tokens));
  try {
    if (mode == ParseMode::kEval) {
      while (p.accept(Tok::NEWLINE)) {}
      Pos s = Parser::tpos(p.cur());
      ExprP e = p.star_expressions();
      while (p.accept(Tok::NEWLINE)) {}
      if (!p.at(Tok::ENDMARKER)) p.syntax_error();
      auto st = std::make_unique<Stmt>(StmtKind::kExpr, p.from(s));
      st->value = std::move(e);
      res.module.body.push_back(std::move(st));
    } else {
      p.file(res.module.body);
    }
  } catch (const ParseError& err) {
    if (err.lexer_error) {
      res.error = *err.lexer_error;
    } else if (lo.error && !(err.type == "IndentationError" && err.msg.rfind("unexpected", 0) == 0) &&
               (p.at(Tok::ERRORTOKEN) || !lo.eof_unclosed ||
                            p._toks[std::min(p._furthest, p._toks.size() - 1)].line > lo.error->lineno)) {
      // CPython tokenizes the rest of the source after a parser error: a tokenizer error wins,
      // and so does a bracket left open on a line before the one where parsing stopped.
      res.error = lo.error;
    } else {
      res.error = make_syntax_error(src, filename, err.type, err.msg, err.pos.line, err.pos.col, err.pos.end_line,
                                    err.pos.end_col);
      if (err.type == "IndentationError" && err.msg == "unexpected indent") res.error->end_offset = -1;
    }
  }
  return res;
}

}  // namespace chaipy
