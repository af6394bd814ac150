// frontend/compiler.h — the AST-to-bytecode compiler's internal interface (shared by
// compiler.cpp: code units, emission, statements; and compiler_expr.cpp: expressions).
//
// Emission is linear into the final word array: jumps name labels that are patched when the
// unit is finished. Code after an unconditional transfer is dropped until a label that some
// emitted jump targets is bound (CPython's unreachable-block elimination). The exception table
// is derived from a stack of active handlers recorded per emitted word; a label bound after dead
// code restores the handler stack and the stack depth recorded by the first jump to it.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.h"
#include "frontend/code_unit.h"
#include "frontend/compile.h"
#include "frontend/future.h"
#include "frontend/symtable.h"
#include "interp/opcodes.h"

namespace chaipy {

struct CompileError {
  std::string msg;
  ast::Pos pos;
};

class Compiler {
 public:
  Compiler(std::string_view src, const std::string& filename, SymbolTable& st, const FutureFeatures& future)
      : _src(src), _filename(filename), _st(st), _future(future) {}
  std::shared_ptr<CodeUnit> compile_module(const ast::Module& m, CompileMode mode);

 private:
  using Expr = ast::Expr;
  using Stmt = ast::Stmt;
  using Pos = ast::Pos;

  struct Label {
    int target = -1;
    int depth = -1;
    bool jumped = false;
    std::vector<int> hstack;
    std::vector<uint32_t> refs;
  };
  struct Handler {
    int label;
    int depth;
    bool lasti;
  };
  enum class FBlockKind : uint8_t {
    kWhileLoop, kForLoop, kTryExcept, kFinallyTry, kFinallyEnd, kWith, kHandlerCleanup, kPopValue, kExceptionHandler,
    kExceptionGroupHandler, kAsyncComprehension,
  };
  struct FBlock {
    FBlockKind kind;
    int block = -1, exit = -1;  // loops: continue target and break target
    const ast::StmtList* finalbody = nullptr;
    const Stmt* with = nullptr;
    std::string name;  // handler cleanup: the `as` name
  };
  enum class UnitKind : uint8_t { kModule, kFunction, kClass, kLambda, kComprehension };
  struct Unit {
    std::shared_ptr<CodeUnit> code;
    SymScope* scope = nullptr;
    UnitKind kind = UnitKind::kModule;
    std::vector<Label> labels;
    std::vector<Handler> handlers;
    std::vector<int> hstack;
    std::vector<int> word_handler;  // per emitted word
    std::vector<std::string> varnames, deref_names;
    std::vector<FBlock> fblocks;
    int depth = 0, max_depth = 0;
    bool reachable = true;
    int last_bind = 0;  // code size at the last label binding (peephole barrier)
    Pos loc{-1, -1, -1, -1};
    std::string private_name;
  };

  std::string_view _src;
  bool _interactive = false;  // 'single' mode: module-level expression statements echo (PRINT_EXPR)
  const std::string& _filename;
  SymbolTable& _st;
  FutureFeatures _future;
  std::vector<std::unique_ptr<Unit>> _units;
  Unit* _u = nullptr;

  [[noreturn]] void error(const std::string& msg, const Pos& pos) { throw CompileError{msg, pos}; }

  // -- Units (compiler.cpp) ---------------------------------------------------------------------
  void enter_unit(SymScope* scope, UnitKind kind, const std::string& name, int firstlineno);
  std::shared_ptr<CodeUnit> leave_unit();
  std::string qualname_for(const std::string& name, UnitKind kind);
  static int compute_stackdepth(const CodeUnit& c, bool generator);
  static void apply_static_swaps(Unit& u);

  // -- Emission (compiler.cpp) --------------------------------------------------------------------
  void emit(Op op, uint32_t arg = 0);
  bool fold_const_tuple(uint32_t n);
  int new_label();
  void emit_jump(Op op, int label);
  void bind(int label);
  void setup_handler(int label, bool lasti, int depth_adjust = 0);
  void pop_handler();
  int add_const(const Const& c);
  int add_name(const std::string& n);
  void load_const(const Const& c) { emit(Op::LOAD_CONST, add_const(c)); }
  void load_none() { load_const(Const::none()); }
  void name_op(const std::string& name, ast::Ctx ctx);
  int deref_index(const std::string& name);
  bool is_global_name(const std::string& name);
  void set_loc(const Pos& p) { _u->loc = p; }

  // -- Statements (compiler.cpp) --------------------------------------------------------------
  void body_with_docstring(const ast::StmtList& body, bool module_like);
  void stmts(const ast::StmtList& l);
  void stmt(const Stmt& s);
  void function_def(const Stmt& s);
  void class_def(const Stmt& s);
  int default_arguments(const ast::Arguments& a);
  void annotation(const Expr& e);
  int annotations(const ast::Arguments& a, const Expr* returns);
  void make_closure(const std::shared_ptr<CodeUnit>& code, int flags);
  void compile_dead(const ast::StmtList& l);
  void if_stmt(const Stmt& s);
  void while_stmt(const Stmt& s);
  void for_stmt(const Stmt& s);
  void try_stmt(const Stmt& s);
  void try_except(const Stmt& s);
  void try_finally(const Stmt& s);
  void with_stmt(const Stmt& s, size_t item);
  void async_for(const Stmt& s);
  void async_with(const Stmt& s, size_t item);
  void try_star(const Stmt& s);
  bool in_async_function() const { return _u->kind == UnitKind::kFunction && _u->scope->is_async_def; }
  bool async_generator() const { return _u->scope->is_generator && _u->scope->is_coroutine; }
  void return_stmt(const Stmt& s);
  void break_continue(const Stmt& s, bool is_break);
  void unwind_fblock(const FBlock& f, bool preserve_tos);
  bool unwind_fblock_stack(bool preserve_tos, FBlock* loop_out);
  void push_fblock(FBlock f, const Pos& pos);
  void pop_fblock() { _u->fblocks.pop_back(); }
  void import_stmt(const Stmt& s);
  void import_from(const Stmt& s);
  void assign(const Stmt& s);
  void ann_assign(const Stmt& s);
  void aug_assign(const Stmt& s);
  void call_exit_with_nones();
  void with_except_finish(int cleanup);
  void pop_except_and_reraise();

  // -- Expressions (compiler_expr.cpp) ----------------------------------------------------------
  void expr(const Expr& e);
  void expr_inner(const Expr& e);
  void store(const Expr& e);
  void del(const Expr& e);
  void jump_if(const Expr& e, int label, bool cond);
  void compare_op(ast::CmpKind k);
  void compare(const Expr& e);
  void boolop(const Expr& e);
  void call(const Expr& e);
  void call_helper(int n, const std::vector<ast::ExprP>& args, const std::vector<ast::Keyword>& kws);
  void subkwargs(const std::vector<ast::Keyword>& kws, size_t begin, size_t end);
  void starunpack(const std::vector<ast::ExprP>& elts, int pushed, Op build, Op add, Op extend, bool tuple);
  void dict(const Expr& e);
  void subdict(const Expr& e, size_t begin, size_t end);
  void unpack_store(const Expr& e);
  void slice_parts(const Expr& s);
  void comprehension(const Expr& e);
  void comprehension_generator(const Expr& e, size_t gen_index, int depth, int kind);
  void lambda(const Expr& e);
  void joined_str(const Expr& e);
  void formatted_value(const Expr& e);
  void yield_from_loop();
  void await_value(uint32_t where);  // GET_AWAITABLE where; LOAD_CONST None; the SEND loop
  void emit_yield();                 // ASYNC_GEN_WRAP in an async generator, YIELD_VALUE

  // -- match statements (compiler_match.cpp) -----------------------------------------------------
  struct PatternContext {
    std::vector<std::string> stores;  // names captured so far, their values on the stack
    bool allow_irrefutable = false;
    std::vector<int> fail_pop;        // fail_pop[n]: pops n items, then goes to fail_pop[0]
    int on_top = 0;                   // items above the captured values to keep
  };
  void match_stmt(const Stmt& s);
  void pattern(const ast::Pattern& p, PatternContext& pc);
  void pattern_subpattern(const ast::Pattern& p, PatternContext& pc);
  void pattern_as(const ast::Pattern& p, PatternContext& pc);
  void pattern_class(const ast::Pattern& p, PatternContext& pc);
  void pattern_mapping(const ast::Pattern& p, PatternContext& pc);
  void pattern_or(const ast::Pattern& p, PatternContext& pc);
  void pattern_sequence(const ast::Pattern& p, PatternContext& pc);
  void pattern_store_name(const std::string& name, PatternContext& pc);
  void pattern_rotate(int count);
  void ensure_fail_pop(PatternContext& pc, int n);
  void jump_to_fail_pop(PatternContext& pc, Op op);
  void emit_and_reset_fail_pop(PatternContext& pc);
};

}  // namespace chaipy
