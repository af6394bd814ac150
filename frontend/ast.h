// frontend/ast.h — the abstract syntax tree (CPython's `ast` node kinds, one struct per family).
//
// Nodes are deliberately generic: one Expr struct and one Stmt struct carry the union of the
// fields their kinds need; the comments on each field say which kinds use it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "frontend/code_unit.h"

namespace chaipy::ast {

struct Pos {
  int line = 1, col = 0, end_line = 1, end_col = 0;  // 1-based lines, 0-based byte columns
};

enum class ExprKind : uint8_t {
  kBoolOp, kNamedExpr, kBinOp, kUnaryOp, kLambda, kIfExp, kDict, kSet, kListComp, kSetComp, kDictComp,
  kGeneratorExp, kAwait, kYield, kYieldFrom, kCompare, kCall, kFormattedValue, kJoinedStr, kConstant,
  kAttribute, kSubscript, kStarred, kName, kList, kTuple, kSlice,
};
enum class Ctx : uint8_t { kLoad, kStore, kDel };
enum class UnaryOp : uint8_t { kInvert, kNot, kUAdd, kUSub };
enum class CmpKind : uint8_t { kEq, kNotEq, kLt, kLtE, kGt, kGtE, kIs, kIsNot, kIn, kNotIn };

struct Expr;
struct Stmt;
using ExprP = std::unique_ptr<Expr>;
using StmtP = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtP>;

struct Arg {
  std::string name;
  Pos pos;
  ExprP annotation;  // null when none (always for lambda parameters)
};
struct Arguments {
  std::vector<Arg> posonly, args, kwonly;
  bool has_vararg = false, has_kwarg = false;
  Arg vararg, kwarg;
  std::vector<ExprP> defaults;     // for the last len(defaults) of posonly+args
  std::vector<ExprP> kw_defaults;  // one per kwonly, null when none
};
struct Keyword {
  std::string arg;  // empty for **value
  ExprP value;
  Pos pos;
};
struct Comprehension {
  ExprP target, iter;
  std::vector<ExprP> ifs;
  bool is_async = false;  // `async for`
};

struct Expr {
  ExprKind kind;
  Pos pos;
  Ctx ctx = Ctx::kLoad;        // Name, Attribute, Subscript, Starred, List, Tuple
  int op = 0;                  // BoolOp (0 and, 1 or), BinOp (BinOp index), UnaryOp, FormattedValue conversion (-1 none, 's', 'r', 'a')
  bool parenthesized = false;  // Tuple written with parentheses; GeneratorExp etc.
  std::string id;              // Name id, Attribute attr
  Const value;                 // Constant
  ExprP a, b, c;  // BinOp l,r; UnaryOp/Starred/Await/Yield/YieldFrom a; IfExp test a, body b, orelse c;
                  // Attribute/Subscript value a, slice b; Slice lower a, upper b, step c; Call func a;
                  // Lambda body a; NamedExpr target a, value b; FormattedValue value a, format_spec b;
                  // Compare left a; ListComp/SetComp/GeneratorExp elt a; DictComp key a, value b
  std::vector<ExprP> elts;    // Tuple/List/Set elts; Dict keys (null for **); Call args; Compare
                              // comparators; BoolOp values; JoinedStr values
  std::vector<ExprP> values;  // Dict values
  std::vector<CmpKind> ops;   // Compare
  std::vector<Keyword> keywords;            // Call
  std::vector<Comprehension> generators;    // comprehensions
  std::shared_ptr<Arguments> args;          // Lambda

  Expr(ExprKind k, Pos p) : kind(k), pos(p) {}
  ~Expr();  // iterative: expression chains can be far deeper than the C++ stack
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
};

enum class StmtKind : uint8_t {
  kFunctionDef, kClassDef, kReturn, kDelete, kAssign, kAugAssign, kAnnAssign, kFor, kWhile, kIf, kWith,
  kRaise, kTry, kAssert, kImport, kImportFrom, kGlobal, kNonlocal, kExpr, kPass, kBreak, kContinue, kMatch,
};

struct Alias {
  std::string name, asname;
  Pos pos;
};
struct WithItem {
  ExprP context_expr, optional_vars;
};
// match-statement patterns (CPython's pattern_ty kinds).
enum class PatternKind : uint8_t { kValue, kSingleton, kSequence, kMapping, kClass, kStar, kAs, kOr };
struct Pattern;
using PatternP = std::unique_ptr<Pattern>;
struct Pattern {
  PatternKind kind;
  Pos pos;
  ExprP value;                      // Value: the expression; Singleton: a None/True/False Constant;
                                    // Class: the class expression
  std::string name;                 // As/Star: capture name ("" for `_`); Mapping: **rest ("" if none)
  PatternP pattern;                 // As: the sub-pattern (null for a bare capture or `_`)
  std::vector<PatternP> patterns;   // Sequence/Or/Class positional/Mapping values
  std::vector<ExprP> keys;          // Mapping keys
  std::vector<std::string> kwd_attrs;
  std::vector<PatternP> kwd_patterns;  // Class keyword sub-patterns
  Pattern(PatternKind k, Pos p) : kind(k), pos(p) {}
};
struct MatchCase {
  PatternP pattern;
  ExprP guard;
  StmtList body;
};

struct ExceptHandler {
  ExprP type;
  std::string name;
  StmtList body;
  Pos pos;
};

struct Stmt {
  StmtKind kind;
  Pos pos;
  std::string name;  // FunctionDef/ClassDef name; ImportFrom module
  int op = 0;        // AugAssign BinOp index; ImportFrom level; AnnAssign simple
  ExprP target;      // AugAssign/AnnAssign/For target
  ExprP value;       // Assign/AugAssign/AnnAssign/Return/Expr value; For iter; Raise exc; Assert msg
  ExprP test;        // If/While/Assert test; Raise cause; AnnAssign annotation; FunctionDef returns
  std::vector<ExprP> targets;     // Assign/Delete targets; ClassDef bases
  std::vector<ExprP> decorators;  // FunctionDef/ClassDef
  std::vector<Keyword> keywords;  // ClassDef
  std::shared_ptr<Arguments> args;  // FunctionDef
  StmtList body, orelse, finalbody;
  std::vector<ExceptHandler> handlers;
  std::vector<WithItem> items;
  std::vector<Alias> names;          // Import/ImportFrom
  std::vector<std::string> idents;   // Global/Nonlocal
  std::vector<MatchCase> cases;      // Match (subject in `value`)
  bool is_async = false;             // FunctionDef/For/With: `async def` / `async for` / `async with`
  bool is_star = false;              // Try: `except*` handlers

  Stmt(StmtKind k, Pos p) : kind(k), pos(p) {}
};

struct Module {
  StmtList body;
};

}  // namespace chaipy::ast
