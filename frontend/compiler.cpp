// frontend/compiler.cpp — AST to CodeUnit: code units, emission, the exception table, and the
// statement forms. Bytecode shapes follow CPython 3.11 (see interp/opcodes.def for how our
// encoding differs: absolute jumps, one CACHE word, no PRECALL/RESUME).
#include "frontend/compiler.h"
#include "frontend/unparse.h"

#include <fmt/format.h>

#include <algorithm>

#include "frontend/fold.h"
#include "frontend/op_table.h"

namespace chaipy {
using namespace ast;

// -- Units --------------------------------------------------------------------------------------
std::string Compiler::qualname_for(const std::string& name, UnitKind kind) {
  if (!_u || _u->kind == UnitKind::kModule) return name;
  if (kind == UnitKind::kFunction || kind == UnitKind::kClass) {
    std::string mangled = mangle(_u->private_name, name);
    if (_u->scope->lookup(mangled) == NameScope::kGlobalExplicit) return name;
  }
  std::string base = _u->code->qualname;
  if (_u->kind == UnitKind::kFunction || _u->kind == UnitKind::kLambda) base += ".<locals>";
  return base + "." + name;
}

void Compiler::enter_unit(SymScope* scope, UnitKind kind, const std::string& name, int firstlineno) {
  auto u = std::make_unique<Unit>();
  u->code = std::make_shared<CodeUnit>();
  u->scope = scope;
  u->kind = kind;
  CodeUnit& c = *u->code;
  c.filename = _filename;
  c.name = name;
  c.qualname = kind == UnitKind::kModule ? name : qualname_for(name, kind);
  c.firstlineno = firstlineno;
  c.flags = _future.flags;
  u->private_name = scope->private_name;
  u->varnames = scope->params;
  std::vector<std::string> cells = scope->cellvars(), frees = scope->freevars();
  u->deref_names = cells;
  u->deref_names.insert(u->deref_names.end(), frees.begin(), frees.end());
  if (scope->function_like()) {
    c.flags |= CO_OPTIMIZED | CO_NEWLOCALS;
    if (scope->nested) c.flags |= CO_NESTED;
    if (scope->is_generator) c.flags |= scope->is_coroutine ? CO_ASYNC_GENERATOR : CO_GENERATOR;
    else if (scope->is_coroutine) c.flags |= CO_COROUTINE;
    if (scope->has_varargs) c.flags |= CO_VARARGS;
    if (scope->has_varkw) c.flags |= CO_VARKEYWORDS;
  }
  _units.push_back(std::move(u));
  _u = _units.back().get();
  // Prefix: cells (argument cells first, in argument order), free-variable copy, generator start.
  std::vector<std::string> cell_order;
  for (auto& p : _u->varnames)
    if (std::find(cells.begin(), cells.end(), p) != cells.end()) cell_order.push_back(p);
  for (auto& n : cells)
    if (std::find(cell_order.begin(), cell_order.end(), n) == cell_order.end()) cell_order.push_back(n);
  for (auto& n : cell_order) emit(Op::MAKE_CELL, deref_index(n));
  if (!frees.empty()) emit(Op::COPY_FREE_VARS, uint32_t(frees.size()));
  if (scope->generator_like()) {
    _u->depth = 1;  // a resumed generator frame starts with the sent value on the stack
    _u->max_depth = std::max(_u->max_depth, 1);
    set_loc(Pos{firstlineno, -1, firstlineno, -1});
    emit(Op::RETURN_GENERATOR);
    emit(Op::POP_TOP);
  }
}

std::shared_ptr<CodeUnit> Compiler::leave_unit() {
  Unit& u = *_u;
  if (u.reachable) {
    if (u.kind == UnitKind::kLambda || u.kind == UnitKind::kComprehension) {
      // lambdas and comprehensions always end in an explicit RETURN_VALUE
      load_none();
      emit(Op::RETURN_VALUE);
    } else {
      load_none();
      emit(Op::RETURN_VALUE);
    }
  }
  CodeUnit& c = *u.code;
  // jumps
  for (auto& l : u.labels)
    for (uint32_t ref : l.refs) c.code[ref] = make_insn(insn_op(c.code[ref]), uint32_t(std::max(l.target, 0)));
  apply_static_swaps(u);
  // localsplus: arguments and locals, then cells that are not arguments, then free variables
  std::vector<std::string> cells = u.scope->cellvars(), frees = u.scope->freevars();
  for (auto& n : u.varnames) {
    c.localsplus_names.push_back(n);
    bool cell = std::find(cells.begin(), cells.end(), n) != cells.end();
    c.localsplus_kinds.push_back(uint8_t(kLocal | (cell ? kCell : 0)));
  }
  for (auto& n : cells)
    if (std::find(u.varnames.begin(), u.varnames.end(), n) == u.varnames.end()) {
      c.localsplus_names.push_back(n);
      c.localsplus_kinds.push_back(kCell);
    }
  for (auto& n : frees) {
    c.localsplus_names.push_back(n);
    c.localsplus_kinds.push_back(kFree);
  }
  auto slot_of = [&](const std::string& n) {
    // free variables are looked up from the end so a name that is both cell and free cannot alias
    for (size_t i = 0; i < c.localsplus_names.size(); i++)
      if (c.localsplus_names[i] == n && c.localsplus_kinds[i] != kLocal) return uint32_t(i);
    return uint32_t(0);
  };
  // unused constants go (index 0 stays: it may be the docstring)
  std::vector<int> used(c.consts.size(), 0);
  if (!used.empty()) used[0] = 1;
  for (size_t i = 0; i < c.code.size(); i++) {
    Op op = insn_op(c.code[i]);
    if (op == Op::CACHE) continue;
    if (fe::op_row(op).arg == OpArg::F) c.code[i] = make_insn(op, slot_of(u.deref_names[insn_arg(c.code[i])]));
    if (fe::op_row(op).arg == OpArg::C) used[insn_arg(c.code[i])] = 1;
  }
  std::vector<int> remap(c.consts.size(), -1);
  std::vector<Const> kept;
  for (size_t i = 0; i < c.consts.size(); i++)
    if (used[i]) {
      remap[i] = int(kept.size());
      kept.push_back(std::move(c.consts[i]));
    }
  c.consts = std::move(kept);
  for (size_t i = 0; i < c.code.size(); i++) {
    Op op = insn_op(c.code[i]);
    if (op != Op::CACHE && fe::op_row(op).arg == OpArg::C) c.code[i] = make_insn(op, uint32_t(remap[insn_arg(c.code[i])]));
  }
  // exception table
  for (size_t i = 0; i < u.word_handler.size();) {
    int h = u.word_handler[i];
    if (h < 0) {
      i++;
      continue;
    }
    const Handler& hd = u.handlers[h];
    ExceptionEntry e{uint32_t(i), 0, uint32_t(u.labels[hd.label].target), uint32_t(hd.depth), hd.lasti};
    size_t j = i + 1;
    while (j < u.word_handler.size() && u.word_handler[j] >= 0) {
      const Handler& o = u.handlers[u.word_handler[j]];
      if (u.labels[o.label].target != u.labels[hd.label].target || o.depth != hd.depth || o.lasti != hd.lasti) break;
      j++;
    }
    e.end = uint32_t(j);
    c.exceptions.push_back(e);
    i = j;
  }
  c.stacksize = compute_stackdepth(c, u.scope->generator_like());
  auto result = u.code;
  _units.pop_back();
  _u = _units.empty() ? nullptr : _units.back().get();
  return result;
}

// CPython's apply_static_swaps: `SWAP k` followed (in the same basic block and line) by k
// STORE_FAST / POP_TOP instructions is dropped by exchanging the first and the k-th of them.
// Match statements rotate every capture under the others and would otherwise leave long SWAP
// runs. Runs on the final words (jumps patched); the removed SWAPs are then squeezed out.
void Compiler::apply_static_swaps(Unit& u) {
  CodeUnit& c = *u.code;
  size_t n = c.code.size();
  std::vector<bool> block_start(n + 1, false), removed(n, false);
  bool any = false;
  for (size_t i = 0; i < n; i++) {
    Op op = insn_op(c.code[i]);
    if (op == Op::SWAP) any = true;
    if (op != Op::CACHE && fe::is_jump(op)) block_start[insn_arg(c.code[i])] = true;
  }
  if (!any) return;
  for (auto& l : u.labels)
    if (l.target >= 0) block_start[size_t(l.target)] = true;
  auto swappable = [&](size_t i) {
    Op op = insn_op(c.code[i]);
    return op == Op::STORE_FAST || op == Op::POP_TOP;
  };
  // The next STORE_FAST / POP_TOP after i in the block (skipping removed SWAPs), or npos.
  auto next_swappable = [&](size_t i, int line) -> size_t {
    while (++i < n && !block_start[i]) {
      if (removed[i]) continue;
      if (line >= 0 && c.positions[i].line != line) return std::string::npos;
      return swappable(i) ? i : std::string::npos;
    }
    return std::string::npos;
  };
  for (size_t i = n; i-- > 0;) {
    if (insn_op(c.code[i]) != Op::SWAP || removed[i]) continue;
    size_t j = next_swappable(i, -1);
    if (j == std::string::npos) continue;
    size_t k = j;
    int line = c.positions[j].line;
    for (uint32_t count = insn_arg(c.code[i]) - 1; count > 0 && k != std::string::npos; count--) k = next_swappable(k, line);
    if (k == std::string::npos) continue;
    // storing one local twice in another order would change which value wins
    bool distinct = true;
    if (insn_op(c.code[j]) == Op::STORE_FAST || insn_op(c.code[k]) == Op::STORE_FAST)
      for (size_t m = j; m <= k && distinct; m++)
        if (!removed[m] && m != j && insn_op(c.code[m]) == Op::STORE_FAST &&
            (c.code[m] == c.code[j] || (m != k && c.code[m] == c.code[k])))
          distinct = false;
    if (!distinct) continue;
    removed[i] = true;
    std::swap(c.code[j], c.code[k]);
    std::swap(c.positions[j], c.positions[k]);
  }
  // squeeze the removed words out, remapping jump targets and labels
  std::vector<uint32_t> remap(n + 1);
  size_t out = 0;
  for (size_t i = 0; i < n; i++) {
    remap[i] = uint32_t(out);
    if (!removed[i]) out++;
  }
  remap[n] = uint32_t(out);
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    if (removed[i]) continue;
    c.code[w] = c.code[i];
    c.positions[w] = c.positions[i];
    u.word_handler[w] = u.word_handler[i];
    Op op = insn_op(c.code[w]);
    if (op != Op::CACHE && fe::is_jump(op)) c.code[w] = make_insn(op, remap[insn_arg(c.code[w])]);
    w++;
  }
  c.code.resize(w);
  c.positions.resize(w);
  u.word_handler.resize(w);
  for (auto& l : u.labels)
    if (l.target >= 0) l.target = int(remap[size_t(l.target)]);
}

// Maximum value-stack depth of finished code, by flow over the final instructions (after the
// peephole folds), as CPython's stackdepth() does: fall-through and jump edges, plus each
// exception handler entered at its table depth (+ lasti) + the exception.
int Compiler::compute_stackdepth(const CodeUnit& c, bool generator) {
  size_t n = c.code.size();
  std::vector<int> depth(n + 1, -1);
  std::vector<uint32_t> work;
  int maxd = 0;
  auto reach = [&](size_t i, int d) {
    if (i >= n || d < 0) return;
    maxd = std::max(maxd, d);
    if (depth[i] < 0) {
      depth[i] = d;
      work.push_back(uint32_t(i));
    }
  };
  reach(0, generator ? 1 : 0);
  for (auto& e : c.exceptions) reach(e.target, int(e.depth) + (e.lasti ? 1 : 0) + 1);
  while (!work.empty()) {
    size_t i = work.back();
    work.pop_back();
    int d = depth[i];
    Op op = insn_op(c.code[i]);
    uint32_t arg = insn_arg(c.code[i]);
    if (fe::is_jump(op)) reach(arg, d + fe::stack_effect(op, arg, true));
    if (!fe::no_fall(op)) reach(i + (fe::has_cache(op) ? 2 : 1), d + fe::stack_effect(op, arg, false));
  }
  return maxd;
}

// -- Emission -------------------------------------------------------------------------------------
void Compiler::emit(Op op, uint32_t arg) {
  Unit& u = *_u;
  if (!u.reachable) return;
  if (arg > kMaxArg) error("too many constants, names or arguments in one code object", u.loc);
  CodeUnit& c = *u.code;
  if (op == Op::BUILD_TUPLE && arg > 0 && fold_const_tuple(arg)) return;
  if (op == Op::LOAD_GLOBAL && !(arg & 1) && c.code.size() > size_t(u.last_bind) &&
      insn_op(c.code.back()) == Op::PUSH_NULL) {
    // CPython's peephole: PUSH_NULL; LOAD_GLOBAL x -> LOAD_GLOBAL (NULL + x)
    c.code.pop_back();
    c.positions.pop_back();
    u.word_handler.pop_back();
    u.depth -= 1;
    arg |= 1;
  }
  int h = u.hstack.empty() ? -1 : u.hstack.back();
  SourcePos pos{u.loc.line, u.loc.end_line, u.loc.col, u.loc.end_col};
  c.code.push_back(make_insn(op, arg));
  c.positions.push_back(pos);
  u.word_handler.push_back(h);
  if (fe::has_cache(op)) {
    c.code.push_back(make_insn(Op::CACHE, c.ncaches++));
    c.positions.push_back(pos);
    u.word_handler.push_back(h);
  }
  u.depth += fe::stack_effect(op, arg, false);
  u.max_depth = std::max(u.max_depth, u.depth);
  if (fe::no_fall(op)) u.reachable = false;
}

// CPython's peephole: LOAD_CONST x n; BUILD_TUPLE n -> LOAD_CONST (tuple), when no label
// points inside the sequence.
bool Compiler::fold_const_tuple(uint32_t n) {
  Unit& u = *_u;
  CodeUnit& c = *u.code;
  size_t sz = c.code.size();
  if (sz < n || sz - n < size_t(u.last_bind)) return false;
  for (size_t i = sz - n; i < sz; i++)
    if (insn_op(c.code[i]) != Op::LOAD_CONST) return false;
  Const t;
  t.kind = Const::Kind::Tuple;
  for (size_t i = sz - n; i < sz; i++) t.items.push_back(c.consts[insn_arg(c.code[i])]);
  c.code.resize(sz - n);
  c.positions.resize(sz - n);
  u.word_handler.resize(sz - n);
  u.depth -= int(n);
  emit(Op::LOAD_CONST, add_const(t));
  return true;
}

int Compiler::new_label() {
  _u->labels.emplace_back();
  return int(_u->labels.size() - 1);
}

void Compiler::emit_jump(Op op, int label) {
  Unit& u = *_u;
  if (!u.reachable) return;
  Label& l = u.labels[label];
  int taken = u.depth + fe::stack_effect(op, 0, true);
  u.max_depth = std::max(u.max_depth, taken);
  if (!l.jumped) {
    l.jumped = true;
    l.depth = taken;
    l.hstack = u.hstack;
  }
  if (l.target >= 0) {
    emit(op, uint32_t(l.target));
  } else {
    l.refs.push_back(uint32_t(u.code->code.size()));
    emit(op, 0);
  }
}

void Compiler::bind(int label) {
  Unit& u = *_u;
  Label& l = u.labels[label];
  l.target = int(u.code->code.size());
  u.last_bind = l.target;
  if (!u.reachable && l.jumped) {
    u.reachable = true;
    u.depth = l.depth;
    u.hstack = l.hstack;
  }
}

void Compiler::setup_handler(int label, bool lasti, int depth_adjust) {
  Unit& u = *_u;
  int depth = u.depth + depth_adjust;
  if (u.reachable) {
    Label& l = u.labels[label];
    l.jumped = true;
    l.depth = depth + (lasti ? 1 : 0) + 1;
    l.hstack = u.hstack;
  }
  u.handlers.push_back(Handler{label, depth, lasti});
  u.hstack.push_back(int(u.handlers.size() - 1));
}

void Compiler::pop_handler() {
  if (!_u->hstack.empty()) _u->hstack.pop_back();
}

int Compiler::add_const(const Const& k) {
  auto& consts = _u->code->consts;
  if (k.kind != Const::Kind::Code)
    for (size_t i = 0; i < consts.size(); i++)
      if (consts[i] == k) return int(i);
  consts.push_back(k);
  return int(consts.size() - 1);
}

int Compiler::add_name(const std::string& n) {
  auto& names = _u->code->names;
  for (size_t i = 0; i < names.size(); i++)
    if (names[i] == n) return int(i);
  names.push_back(n);
  return int(names.size() - 1);
}

int Compiler::deref_index(const std::string& name) {
  auto& d = _u->deref_names;
  for (size_t i = 0; i < d.size(); i++)
    if (d[i] == name) return int(i);
  error(fmt::format("internal compiler error: no cell or free variable '{}'", name), _u->loc);
}

bool Compiler::is_global_name(const std::string& raw) {
  std::string name = mangle(_u->private_name, raw);
  NameScope sc = _u->scope->lookup(name);
  return sc == NameScope::kGlobalExplicit || (sc == NameScope::kGlobalImplicit && _u->scope->function_like());
}

void Compiler::name_op(const std::string& raw, Ctx ctx) {
  std::string name = mangle(_u->private_name, raw);
  NameScope sc = _u->scope->lookup(name);
  bool fn = _u->scope->function_like();
  enum { kName, kFast, kDeref, kGlobal } kind = kName;
  switch (sc) {
    case NameScope::kFree: case NameScope::kCell: kind = kDeref; break;
    case NameScope::kLocal: if (fn) kind = kFast; break;
    case NameScope::kGlobalImplicit: if (fn) kind = kGlobal; break;
    case NameScope::kGlobalExplicit: kind = kGlobal; break;
  }
  switch (kind) {
    case kFast: {
      auto& v = _u->varnames;
      size_t i = std::find(v.begin(), v.end(), name) - v.begin();
      if (i == v.size()) v.push_back(name);
      emit(ctx == Ctx::kLoad ? Op::LOAD_FAST : ctx == Ctx::kStore ? Op::STORE_FAST : Op::DELETE_FAST, uint32_t(i));
      return;
    }
    case kDeref: {
      int i = deref_index(name);
      Op op = ctx == Ctx::kStore ? Op::STORE_DEREF : ctx == Ctx::kDel ? Op::DELETE_DEREF
              : _u->kind == UnitKind::kClass ? Op::LOAD_CLASSDEREF : Op::LOAD_DEREF;
      emit(op, uint32_t(i));
      return;
    }
    case kGlobal: {
      int i = add_name(name);
      if (ctx == Ctx::kLoad) emit(Op::LOAD_GLOBAL, uint32_t(i) << 1);
      else emit(ctx == Ctx::kStore ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, uint32_t(i));
      return;
    }
    case kName: {
      int i = add_name(name);
      emit(ctx == Ctx::kLoad ? Op::LOAD_NAME : ctx == Ctx::kStore ? Op::STORE_NAME : Op::DELETE_NAME, uint32_t(i));
      return;
    }
  }
}

// -- Module ------------------------------------------------------------------------------------------
std::shared_ptr<CodeUnit> Compiler::compile_module(const Module& m, CompileMode mode) {
  enter_unit(_st.top, UnitKind::kModule, "<module>", 1);
  _interactive = mode == CompileMode::Single;
  if (!m.body.empty()) set_loc(m.body[0]->pos);
  if (mode == CompileMode::Eval) {
    const Stmt& s = *m.body.at(0);
    set_loc(s.value->pos);
    expr(*s.value);
    emit(Op::RETURN_VALUE);
  } else {
    body_with_docstring(m.body, true);
  }
  return leave_unit();
}

static bool is_docstring(const StmtList& body) {
  return !body.empty() && body[0]->kind == StmtKind::kExpr && body[0]->value->kind == ExprKind::kConstant &&
         body[0]->value->value.kind == Const::Kind::Str;
}

// Does a module or class body hold a simple annotated name (so it needs __annotations__)?
static bool find_ann(const StmtList& body) {
  for (auto& s : body) {
    switch (s->kind) {
      case StmtKind::kAnnAssign:
        if (s->op) return true;
        break;
      case StmtKind::kFunctionDef:
      case StmtKind::kClassDef:
        break;
      default:
        if (find_ann(s->body) || find_ann(s->orelse) || find_ann(s->finalbody)) return true;
        for (auto& h : s->handlers)
          if (find_ann(h.body)) return true;
    }
  }
  return false;
}

// An annotation's value: the expression, or under `from __future__ import annotations` its
// source text.
void Compiler::annotation(const Expr& e) {
  if (_future.flags & CO_FUTURE_ANNOTATIONS) {
    load_const(Const::str(unparse_expr(e)));
  } else if (e.kind == ExprKind::kStarred) {  // `*args: *Ts` is the one value of [*Ts]
    expr(*e.a);
    emit(Op::UNPACK_SEQUENCE, 1);
  } else {
    expr(e);
  }
}

// Annotated variables are evaluated (and stored in __annotations__) only in module and class
// bodies; annotations in function bodies are never evaluated.
void Compiler::ann_assign(const Stmt& s) {
  const Expr& t = *s.target;
  bool module_like = _u->kind == UnitKind::kModule || _u->kind == UnitKind::kClass;
  if (s.value) {
    expr(*s.value);
    store(t);
  }
  auto check = [&](const Expr& e) {
    expr(e);
    emit(Op::POP_TOP);
  };
  if (t.kind == ExprKind::kName) {
    if (s.op && module_like) {
      annotation(*s.test);
      emit(Op::LOAD_NAME, add_name("__annotations__"));
      load_const(Const::str(mangle(_u->private_name, t.id)));
      emit(Op::STORE_SUBSCR);
    }
  } else if (!s.value) {
    check(*t.a);
    if (t.kind == ExprKind::kSubscript) {
      if (t.b->kind == ExprKind::kSlice) {
        for (const Expr* p : {t.b->a.get(), t.b->b.get(), t.b->c.get()})
          if (p) check(*p);
      } else {
        check(*t.b);
      }
    }
  }
  if (!s.op && module_like && !(_future.flags & CO_FUTURE_ANNOTATIONS)) check(*s.test);
}

void Compiler::body_with_docstring(const StmtList& body, bool module_like) {
  size_t i = 0;
  if (module_like && find_ann(body)) emit(Op::SETUP_ANNOTATIONS);
  if (is_docstring(body) && !(_interactive && _u->kind == UnitKind::kModule)) {  // the REPL echoes it
    if (module_like) {
      set_loc(body[0]->pos);
      load_const(body[0]->value->value);
      name_op("__doc__", Ctx::kStore);
    }
    i = 1;
  }
  for (; i < body.size(); i++) stmt(*body[i]);
}

// -- Statements ----------------------------------------------------------------------------------------
void Compiler::stmts(const StmtList& l) {
  for (auto& s : l) stmt(*s);
}

void Compiler::push_fblock(FBlock f, const Pos& pos) {
  if (_u->fblocks.size() >= 20) error("too many statically nested blocks", pos);
  _u->fblocks.push_back(std::move(f));
}

void Compiler::stmt(const Stmt& s) {
  set_loc(s.pos);
  switch (s.kind) {
    case StmtKind::kFunctionDef: return function_def(s);
    case StmtKind::kClassDef: return class_def(s);
    case StmtKind::kReturn: return return_stmt(s);
    case StmtKind::kDelete:
      for (auto& t : s.targets) del(*t);
      return;
    case StmtKind::kAssign: return assign(s);
    case StmtKind::kAugAssign: return aug_assign(s);
    case StmtKind::kAnnAssign:
      return ann_assign(s);
    case StmtKind::kFor: return s.is_async ? async_for(s) : for_stmt(s);
    case StmtKind::kWhile: return while_stmt(s);
    case StmtKind::kIf: return if_stmt(s);
    case StmtKind::kWith: return s.is_async ? async_with(s, 0) : with_stmt(s, 0);
    case StmtKind::kMatch: return match_stmt(s);
    case StmtKind::kRaise: {
      int n = 0;
      if (s.value) {
        expr(*s.value);
        n = 1;
        if (s.test) {
          expr(*s.test);
          n = 2;
        }
      }
      set_loc(s.pos);
      emit(Op::RAISE_VARARGS, n);
      return;
    }
    case StmtKind::kTry: return try_stmt(s);
    case StmtKind::kAssert: {
      int end = new_label();
      jump_if(*s.test, end, true);
      // As 3.11: the raising instructions carry the asserted expression's position (so the
      // traceback underlines it).
      set_loc(s.test->pos);
      emit(Op::LOAD_ASSERTION_ERROR);
      if (s.value) {
        expr(*s.value);
        set_loc(s.test->pos);
        emit(Op::CALL, 0);
      }
      emit(Op::RAISE_VARARGS, 1);
      bind(end);
      return;
    }
    case StmtKind::kImport: return import_stmt(s);
    case StmtKind::kImportFrom: return import_from(s);
    case StmtKind::kGlobal:
    case StmtKind::kNonlocal:
    case StmtKind::kPass:
      return;
    case StmtKind::kExpr:
      if (_interactive && _u->kind == UnitKind::kModule) {
        expr(*s.value);
        set_loc(s.pos);
        emit(Op::PRINT_EXPR);
        return;
      }
      if (s.value->kind == ExprKind::kConstant) return;
      expr(*s.value);
      set_loc(s.pos);
      emit(Op::POP_TOP);
      return;
    case StmtKind::kBreak: return break_continue(s, true);
    case StmtKind::kContinue: return break_continue(s, false);
  }
}

int Compiler::default_arguments(const Arguments& a) {
  int flags = 0;
  if (!a.defaults.empty()) {
    for (auto& d : a.defaults) expr(*d);
    emit(Op::BUILD_TUPLE, uint32_t(a.defaults.size()));
    flags |= 1;
  }
  Const keys;
  keys.kind = Const::Kind::Tuple;
  for (size_t i = 0; i < a.kwonly.size(); i++) {
    if (!a.kw_defaults[i]) continue;
    expr(*a.kw_defaults[i]);
    keys.items.push_back(Const::str(mangle(_u->private_name, a.kwonly[i].name)));
  }
  if (!keys.items.empty()) {
    load_const(keys);
    emit(Op::BUILD_CONST_KEY_MAP, uint32_t(keys.items.size()));
    flags |= 2;
  }
  return flags;
}

// The (name, value, ...) tuple MAKE_FUNCTION's 0x04 flag takes, in CPython's order: positional,
// then positional-only (sic), *args, keyword-only, **kwargs, return. Returns the flag or 0.
int Compiler::annotations(const Arguments& a, const Expr* returns) {
  uint32_t n = 0;
  auto one = [&](const std::string& name, const ExprP& ann) {
    if (!ann) return;
    load_const(Const::str(mangle(_u->private_name, name)));
    annotation(*ann);
    n += 2;
  };
  for (auto* v : {&a.args, &a.posonly})
    for (auto& x : *v) one(x.name, x.annotation);
  if (a.has_vararg) one(a.vararg.name, a.vararg.annotation);
  for (auto& x : a.kwonly) one(x.name, x.annotation);
  if (a.has_kwarg) one(a.kwarg.name, a.kwarg.annotation);
  if (returns) {
    load_const(Const::str("return"));
    annotation(*returns);
    n += 2;
  }
  if (!n) return 0;
  emit(Op::BUILD_TUPLE, n);
  return 4;
}

void Compiler::make_closure(const std::shared_ptr<CodeUnit>& code, int flags) {
  int nfree = 0;
  for (size_t i = 0; i < code->localsplus_names.size(); i++) {
    if (!(code->localsplus_kinds[i] & kFree)) continue;
    emit(Op::LOAD_CLOSURE, deref_index(code->localsplus_names[i]));
    nfree++;
  }
  if (nfree) {
    emit(Op::BUILD_TUPLE, nfree);
    flags |= 8;
  }
  Const k;
  k.kind = Const::Kind::Code;
  k.code = code;
  load_const(k);
  emit(Op::MAKE_FUNCTION, flags);
}

void Compiler::function_def(const Stmt& s) {
  int firstlineno = s.decorators.empty() ? s.pos.line : s.decorators[0]->pos.line;
  for (auto& d : s.decorators) expr(*d);
  set_loc(s.pos);
  int flags = default_arguments(*s.args);
  flags |= annotations(*s.args, s.test.get());
  SymScope* scope = _st.scope_of(&s);
  enter_unit(scope, UnitKind::kFunction, s.name, firstlineno);
  CodeUnit& c = *_u->code;
  bool doc = is_docstring(s.body);
  add_const(doc ? s.body[0]->value->value : Const::none());
  c.argcount = int32_t(s.args->posonly.size() + s.args->args.size());
  c.posonlyargcount = int32_t(s.args->posonly.size());
  c.kwonlyargcount = int32_t(s.args->kwonly.size());
  set_loc(s.pos);
  for (size_t i = doc ? 1 : 0; i < s.body.size(); i++) stmt(*s.body[i]);
  auto code = leave_unit();
  set_loc(s.pos);
  make_closure(code, flags);
  for (size_t i = 0; i < s.decorators.size(); i++) emit(Op::CALL, 0);
  name_op(s.name, Ctx::kStore);
}

void Compiler::class_def(const Stmt& s) {
  int firstlineno = s.decorators.empty() ? s.pos.line : s.decorators[0]->pos.line;
  for (auto& d : s.decorators) expr(*d);
  SymScope* scope = _st.scope_of(&s);
  enter_unit(scope, UnitKind::kClass, s.name, firstlineno);
  set_loc(s.pos);
  name_op("__name__", Ctx::kLoad);
  name_op("__module__", Ctx::kStore);
  load_const(Const::str(_u->code->qualname));
  name_op("__qualname__", Ctx::kStore);
  body_with_docstring(s.body, true);
  if (scope->needs_class_closure) {
    emit(Op::LOAD_CLOSURE, deref_index("__class__"));
    emit(Op::COPY, 1);
    name_op("__classcell__", Ctx::kStore);
  } else {
    load_none();
  }
  emit(Op::RETURN_VALUE);
  auto code = leave_unit();
  set_loc(s.pos);
  emit(Op::PUSH_NULL);
  emit(Op::LOAD_BUILD_CLASS);
  make_closure(code, 0);
  load_const(Const::str(s.name));
  call_helper(2, s.targets, s.keywords);
  set_loc(s.pos);
  for (size_t i = 0; i < s.decorators.size(); i++) emit(Op::CALL, 0);
  name_op(s.name, Ctx::kStore);
}

// Truthiness of a constant test: 1 true, 0 false, -1 not a constant.
static int expr_constant(const Expr& e) {
  if (e.kind != ExprKind::kConstant) return -1;
  return const_truthy(e.value) ? 1 : 0;
}

// Compile statements that can never run (`if 0:`), for their errors only.
void Compiler::compile_dead(const StmtList& l) {
  Unit& u = *_u;
  bool reachable = u.reachable;
  int depth = u.depth;
  std::vector<int> hstack = u.hstack;
  u.reachable = false;
  stmts(l);
  u.reachable = reachable;
  u.depth = depth;
  u.hstack = std::move(hstack);
}

void Compiler::if_stmt(const Stmt& s) {
  int constant = expr_constant(*s.test);
  auto dead = [&](const StmtList& l) { compile_dead(l); };
  if (constant == 0) {
    dead(s.body);
    stmts(s.orelse);
    return;
  }
  if (constant == 1) {
    stmts(s.body);
    dead(s.orelse);
    return;
  }
  int end = new_label();
  int next = s.orelse.empty() ? end : new_label();
  jump_if(*s.test, next, false);
  stmts(s.body);
  if (!s.orelse.empty()) {
    emit_jump(Op::JUMP_FORWARD, end);
    bind(next);
    stmts(s.orelse);
  }
  bind(end);
}

void Compiler::while_stmt(const Stmt& s) {
  int constant = expr_constant(*s.test);
  if (constant == 0) {
    int dead = new_label();
    push_fblock(FBlock{FBlockKind::kWhileLoop, dead, dead}, s.pos);  // `while 0: break` is valid
    compile_dead(s.body);
    pop_fblock();
    stmts(s.orelse);
    return;
  }
  int loop = new_label(), anchor = new_label(), end = new_label();
  bind(loop);
  push_fblock(FBlock{FBlockKind::kWhileLoop, loop, end}, s.pos);
  if (constant == -1) jump_if(*s.test, anchor, false);
  stmts(s.body);
  set_loc(s.pos);
  emit_jump(Op::JUMP_BACKWARD, loop);
  pop_fblock();
  bind(anchor);
  stmts(s.orelse);
  bind(end);
}

void Compiler::for_stmt(const Stmt& s) {
  int start = new_label(), cleanup = new_label(), end = new_label();
  expr(*s.value);
  set_loc(s.pos);
  emit(Op::GET_ITER);
  bind(start);
  emit_jump(Op::FOR_ITER, cleanup);
  push_fblock(FBlock{FBlockKind::kForLoop, start, end}, s.pos);
  store(*s.target);
  stmts(s.body);
  emit_jump(Op::JUMP_BACKWARD, start);
  pop_fblock();
  bind(cleanup);
  set_loc(s.pos);
  stmts(s.orelse);
  bind(end);
}

void Compiler::return_stmt(const Stmt& s) {
  if (!_u->scope->function_like()) error("'return' outside function", s.pos);
  if (s.value && async_generator()) error("'return' with value in async generator", s.pos);
  bool preserve_tos = s.value && s.value->kind != ExprKind::kConstant;
  if (preserve_tos) expr(*s.value);
  else if (s.value) set_loc(s.value->pos);  // as CPython: a constant's location until the unwinding
  if (!s.value || s.value->pos.line != s.pos.line) set_loc(s.pos);
  unwind_fblock_stack(preserve_tos, nullptr);
  set_loc(s.pos);
  if (!s.value) load_none();
  else if (!preserve_tos) load_const(s.value->value);
  emit(Op::RETURN_VALUE);
}

void Compiler::break_continue(const Stmt& s, bool is_break) {
  FBlock loop{FBlockKind::kPopValue};
  if (!unwind_fblock_stack(false, &loop))
    error(is_break ? "'break' outside loop" : "'continue' not properly in loop", s.pos);
  set_loc(s.pos);
  if (is_break) {
    unwind_fblock(loop, false);
    emit_jump(Op::JUMP_FORWARD, loop.exit);
  } else {
    emit_jump(Op::JUMP_BACKWARD, loop.block);
  }
}

bool Compiler::unwind_fblock_stack(bool preserve_tos, FBlock* loop_out) {
  if (_u->fblocks.empty()) return false;
  FBlock top = _u->fblocks.back();
  if (top.kind == FBlockKind::kExceptionGroupHandler)
    error("'break', 'continue' and 'return' cannot appear in an except* block", _u->loc);
  if (loop_out && (top.kind == FBlockKind::kWhileLoop || top.kind == FBlockKind::kForLoop)) {
    *loop_out = top;
    return true;
  }
  _u->fblocks.pop_back();
  unwind_fblock(top, preserve_tos);
  bool r = unwind_fblock_stack(preserve_tos, loop_out);
  _u->fblocks.push_back(top);
  return r;
}

void Compiler::unwind_fblock(const FBlock& f, bool preserve_tos) {
  switch (f.kind) {
    case FBlockKind::kWhileLoop:
    case FBlockKind::kExceptionHandler:
    case FBlockKind::kExceptionGroupHandler:
      return;
    case FBlockKind::kAsyncComprehension:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      return;
    case FBlockKind::kForLoop:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      return;
    case FBlockKind::kTryExcept:
      pop_handler();
      return;
    case FBlockKind::kFinallyTry: {
      pop_handler();
      if (preserve_tos) push_fblock(FBlock{FBlockKind::kPopValue}, _u->loc);
      Pos saved = _u->loc;
      stmts(*f.finalbody);
      set_loc(saved);
      if (preserve_tos) pop_fblock();
      return;
    }
    case FBlockKind::kFinallyEnd:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      if (preserve_tos) emit(Op::SWAP, 2);
      pop_handler();
      emit(Op::POP_EXCEPT);
      return;
    case FBlockKind::kWith: {
      Pos saved = _u->loc;
      set_loc(f.with->pos);
      pop_handler();
      if (preserve_tos) emit(Op::SWAP, 2);
      call_exit_with_nones();
      if (f.with->is_async) await_value(2);
      emit(Op::POP_TOP);
      set_loc(saved);
      return;
    }
    case FBlockKind::kHandlerCleanup:
      if (!f.name.empty()) pop_handler();
      if (preserve_tos) emit(Op::SWAP, 2);
      pop_handler();
      emit(Op::POP_EXCEPT);
      if (!f.name.empty()) {
        load_none();
        name_op(f.name, Ctx::kStore);
        name_op(f.name, Ctx::kDel);
      }
      return;
    case FBlockKind::kPopValue:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      return;
  }
}

void Compiler::pop_except_and_reraise() {
  emit(Op::COPY, 3);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 1);
}

void Compiler::try_stmt(const Stmt& s) {
  if (!s.finalbody.empty()) try_finally(s);
  else if (s.is_star) try_star(s);
  else try_except(s);
}

void Compiler::try_finally(const Stmt& s) {
  int body_end = new_label(), exit = new_label(), cleanup = new_label();
  // `try` block
  setup_handler(body_end, false);
  push_fblock(FBlock{FBlockKind::kFinallyTry, -1, -1, &s.finalbody}, s.pos);
  if (s.is_star) try_star(s);
  else if (!s.handlers.empty()) try_except(s);
  else stmts(s.body);
  pop_handler();
  pop_fblock();
  stmts(s.finalbody);
  emit_jump(Op::JUMP_FORWARD, exit);
  // `finally` block, exceptional path
  bind(body_end);
  setup_handler(cleanup, true);
  emit(Op::PUSH_EXC_INFO);
  push_fblock(FBlock{FBlockKind::kFinallyEnd}, s.pos);
  stmts(s.finalbody);
  pop_fblock();
  emit(Op::RERAISE, 0);
  pop_handler();
  bind(cleanup);
  pop_except_and_reraise();
  bind(exit);
}

void Compiler::try_except(const Stmt& s) {
  int except = new_label(), end = new_label(), cleanup = new_label();
  setup_handler(except, false);
  push_fblock(FBlock{FBlockKind::kTryExcept}, s.pos);
  stmts(s.body);
  pop_fblock();
  pop_handler();
  stmts(s.orelse);
  emit_jump(Op::JUMP_FORWARD, end);
  bind(except);
  setup_handler(cleanup, true);
  emit(Op::PUSH_EXC_INFO);
  push_fblock(FBlock{FBlockKind::kExceptionHandler}, s.pos);
  for (size_t i = 0; i < s.handlers.size(); i++) {
    const ExceptHandler& h = s.handlers[i];
    set_loc(h.pos);
    if (!h.type && i + 1 < s.handlers.size()) error("default 'except:' must be last", h.pos);
    int next = new_label();
    if (h.type) {
      expr(*h.type);
      set_loc(h.pos);
      emit(Op::CHECK_EXC_MATCH);
      emit_jump(Op::POP_JUMP_IF_FALSE, next);
    }
    if (!h.name.empty()) {
      int cleanup_end = new_label();
      name_op(h.name, Ctx::kStore);
      setup_handler(cleanup_end, true);
      push_fblock(FBlock{FBlockKind::kHandlerCleanup, -1, -1, nullptr, nullptr, h.name}, h.pos);
      stmts(h.body);
      pop_fblock();
      pop_handler();
      pop_handler();
      emit(Op::POP_EXCEPT);
      load_none();
      name_op(h.name, Ctx::kStore);
      name_op(h.name, Ctx::kDel);
      emit_jump(Op::JUMP_FORWARD, end);
      bind(cleanup_end);
      load_none();
      name_op(h.name, Ctx::kStore);
      name_op(h.name, Ctx::kDel);
      emit(Op::RERAISE, 1);
    } else {
      emit(Op::POP_TOP);
      push_fblock(FBlock{FBlockKind::kHandlerCleanup}, h.pos);
      stmts(h.body);
      pop_fblock();
      pop_handler();
      emit(Op::POP_EXCEPT);
      emit_jump(Op::JUMP_FORWARD, end);
    }
    bind(next);
  }
  pop_fblock();
  emit(Op::RERAISE, 0);
  pop_handler();
  bind(cleanup);
  pop_except_and_reraise();
  bind(end);
}

void Compiler::call_exit_with_nones() {
  load_none();
  load_none();
  load_none();
  emit(Op::CALL, 2);
}

void Compiler::with_except_finish(int cleanup) {
  int exit = new_label();
  emit_jump(Op::POP_JUMP_IF_TRUE, exit);
  emit(Op::RERAISE, 2);
  bind(cleanup);
  pop_except_and_reraise();
  bind(exit);
  emit(Op::POP_TOP);
  pop_handler();
  emit(Op::POP_EXCEPT);
  emit(Op::POP_TOP);
  emit(Op::POP_TOP);
}

void Compiler::with_stmt(const Stmt& s, size_t pos) {
  int final = new_label(), exit = new_label(), cleanup = new_label();
  const WithItem& item = s.items[pos];
  expr(*item.context_expr);
  set_loc(s.pos);
  emit(Op::BEFORE_WITH);
  setup_handler(final, true, -1);
  push_fblock(FBlock{FBlockKind::kWith, -1, -1, nullptr, &s}, s.pos);
  if (item.optional_vars) store(*item.optional_vars);
  else emit(Op::POP_TOP);
  if (pos + 1 == s.items.size()) stmts(s.body);
  else with_stmt(s, pos + 1);
  pop_handler();
  pop_fblock();
  set_loc(s.pos);
  call_exit_with_nones();
  emit(Op::POP_TOP);
  emit_jump(Op::JUMP_FORWARD, exit);
  bind(final);
  setup_handler(cleanup, true);
  emit(Op::PUSH_EXC_INFO);
  emit(Op::WITH_EXCEPT_START);
  with_except_finish(cleanup);
  bind(exit);
}

// -- async for / async with ------------------------------------------------------------------------
void Compiler::async_for(const Stmt& s) {
  if (!in_async_function()) error("'async for' outside async function", s.pos);
  int start = new_label(), except = new_label(), end = new_label();
  expr(*s.value);
  set_loc(s.pos);
  emit(Op::GET_AITER);
  bind(start);
  push_fblock(FBlock{FBlockKind::kForLoop, start, end}, s.pos);
  setup_handler(except, false);
  emit(Op::GET_ANEXT);  // pushes an awaitable already
  load_none();
  yield_from_loop();
  pop_handler();
  store(*s.target);
  stmts(s.body);
  emit_jump(Op::JUMP_BACKWARD, start);
  pop_fblock();
  bind(except);
  set_loc(s.value->pos);
  emit(Op::END_ASYNC_FOR);
  stmts(s.orelse);
  bind(end);
}

void Compiler::async_with(const Stmt& s, size_t pos) {
  if (!in_async_function()) error("'async with' outside async function", s.pos);
  int final = new_label(), exit = new_label(), cleanup = new_label();
  const WithItem& item = s.items[pos];
  expr(*item.context_expr);
  set_loc(s.pos);
  emit(Op::BEFORE_ASYNC_WITH);
  await_value(1);
  setup_handler(final, true, -1);
  push_fblock(FBlock{FBlockKind::kWith, -1, -1, nullptr, &s}, s.pos);
  if (item.optional_vars) store(*item.optional_vars);
  else emit(Op::POP_TOP);
  if (pos + 1 == s.items.size()) stmts(s.body);
  else async_with(s, pos + 1);
  pop_handler();
  pop_fblock();
  set_loc(s.pos);
  call_exit_with_nones();
  await_value(2);
  emit(Op::POP_TOP);
  emit_jump(Op::JUMP_FORWARD, exit);
  bind(final);
  setup_handler(cleanup, true);
  emit(Op::PUSH_EXC_INFO);
  emit(Op::WITH_EXCEPT_START);
  await_value(2);
  with_except_finish(cleanup);
  bind(exit);
}

// -- try / except* ------------------------------------------------------------------------------------
// Stack in the handlers: [prev_exc, orig, raised-list, rest]; each clause splits `rest` with
// CHECK_EG_MATCH; what a clause raises is appended to the list, and PREP_RERAISE_STAR computes
// what propagates from the original group and the list.
void Compiler::try_star(const Stmt& s) {
  int except = new_label(), orelse = new_label(), end = new_label(), cleanup = new_label();
  int reraise_star = new_label(), reraise = new_label();
  setup_handler(except, false);
  push_fblock(FBlock{FBlockKind::kTryExcept}, s.pos);
  stmts(s.body);
  pop_fblock();
  pop_handler();
  emit_jump(Op::JUMP_FORWARD, orelse);
  bind(except);
  setup_handler(cleanup, true);
  emit(Op::PUSH_EXC_INFO);
  push_fblock(FBlock{FBlockKind::kExceptionGroupHandler}, s.pos);
  for (size_t i = 0; i < s.handlers.size(); i++) {
    const ExceptHandler& h = s.handlers[i];
    set_loc(h.pos);
    int handled = new_label(), except_with_error = new_label(), no_match = new_label();
    if (i == 0) {
      emit(Op::COPY, 1);
      emit(Op::BUILD_LIST, 0);
      emit(Op::SWAP, 2);
    }
    expr(*h.type);
    set_loc(h.pos);
    emit(Op::CHECK_EG_MATCH);
    emit(Op::COPY, 1);
    emit_jump(Op::POP_JUMP_IF_NONE, no_match);
    int cleanup_end = new_label();
    if (!h.name.empty()) name_op(h.name, Ctx::kStore);
    else emit(Op::POP_TOP);
    setup_handler(cleanup_end, true);
    push_fblock(FBlock{FBlockKind::kHandlerCleanup, -1, -1, nullptr, nullptr, h.name}, h.pos);
    stmts(h.body);
    pop_fblock();
    pop_handler();
    if (!h.name.empty()) {
      load_none();
      name_op(h.name, Ctx::kStore);
      name_op(h.name, Ctx::kDel);
    }
    emit_jump(Op::JUMP_FORWARD, handled);
    bind(cleanup_end);
    if (!h.name.empty()) {
      load_none();
      name_op(h.name, Ctx::kStore);
      name_op(h.name, Ctx::kDel);
    }
    emit(Op::LIST_APPEND, 3);  // the exception the clause raised
    emit(Op::POP_TOP);         // lasti
    emit_jump(Op::JUMP_FORWARD, except_with_error);
    bind(handled);
    emit(Op::NOP);
    emit_jump(Op::JUMP_FORWARD, except_with_error);
    bind(no_match);
    emit(Op::POP_TOP);  // the match (None)
    bind(except_with_error);
    if (i + 1 == s.handlers.size()) {
      emit(Op::LIST_APPEND, 1);  // the unhandled rest (or None)
      emit_jump(Op::JUMP_FORWARD, reraise_star);
    }
  }
  pop_fblock();
  bind(reraise_star);
  emit(Op::PREP_RERAISE_STAR);
  emit(Op::COPY, 1);
  emit_jump(Op::POP_JUMP_IF_NOT_NONE, reraise);
  emit(Op::POP_TOP);
  pop_handler();
  emit(Op::POP_EXCEPT);
  emit_jump(Op::JUMP_FORWARD, end);
  bind(reraise);
  pop_handler();
  emit(Op::SWAP, 2);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 0);
  bind(cleanup);
  pop_except_and_reraise();
  bind(orelse);
  stmts(s.orelse);
  bind(end);
}

void Compiler::import_stmt(const Stmt& s) {
  for (auto& a : s.names) {
    load_const(Const::integer(0));
    load_none();
    emit(Op::IMPORT_NAME, add_name(a.name));
    if (!a.asname.empty()) {
      size_t dot = a.name.find('.');
      if (dot != std::string::npos) {
        for (;;) {
          size_t p = dot + 1;
          dot = a.name.find('.', p);
          emit(Op::IMPORT_FROM, add_name(a.name.substr(p, dot == std::string::npos ? std::string::npos : dot - p)));
          if (dot == std::string::npos) break;
          emit(Op::SWAP, 2);
          emit(Op::POP_TOP);
        }
        name_op(a.asname, Ctx::kStore);
        emit(Op::POP_TOP);
      } else {
        name_op(a.asname, Ctx::kStore);
      }
    } else {
      name_op(a.name.substr(0, a.name.find('.')), Ctx::kStore);
    }
  }
}

void Compiler::import_from(const Stmt& s) {
  if (s.name == "__future__" && (s.pos.line > _future.last.line ||
                                 (s.pos.line == _future.last.line && s.pos.col > _future.last.col)))
    error("from __future__ imports must occur at the beginning of the file", s.pos);
  load_const(Const::integer(s.op));
  Const names;
  names.kind = Const::Kind::Tuple;
  for (auto& a : s.names) names.items.push_back(Const::str(a.name));
  load_const(names);
  emit(Op::IMPORT_NAME, add_name(s.name));
  for (auto& a : s.names) {
    if (a.name == "*") {
      emit(Op::IMPORT_STAR);
      return;
    }
    emit(Op::IMPORT_FROM, add_name(a.name));
    name_op(a.asname.empty() ? a.name : a.asname, Ctx::kStore);
  }
  emit(Op::POP_TOP);
}

void Compiler::assign(const Stmt& s) {
  const Expr& v = *s.value;
  if (s.targets.size() == 1) {
    const Expr& t = *s.targets[0];
    bool seq_target = t.kind == ExprKind::kTuple || t.kind == ExprKind::kList;
    bool starred = false;
    if (seq_target)
      for (auto& x : t.elts) starred |= x->kind == ExprKind::kStarred;
    if (seq_target && !starred && v.kind == ExprKind::kTuple && v.elts.size() == t.elts.size() && t.elts.size() <= 3) {
      bool vstar = false;
      for (auto& x : v.elts) vstar |= x->kind == ExprKind::kStarred;
      if (!vstar) {
        // BUILD_TUPLE n + UNPACK_SEQUENCE n, as CPython's peephole leaves it
        for (auto& x : v.elts) expr(*x);
        set_loc(s.pos);
        // CPython then replaces the SWAP by storing in reverse order when every target is a
        // distinct fast local (apply_static_swaps)
        bool static_swap = true;
        for (size_t i = 0; i < t.elts.size(); i++) {
          const Expr& x = *t.elts[i];
          if (x.kind != ExprKind::kName || !_u->scope->function_like() ||
              _u->scope->lookup(mangle(_u->private_name, x.id)) != NameScope::kLocal)
            static_swap = false;
          for (size_t j = 0; j < i && static_swap; j++)
            if (t.elts[j]->id == x.id) static_swap = false;
        }
        if (static_swap) {
          // the locals are numbered in source order, before CPython reorders the stores
          for (auto& x : t.elts) {
            std::string n = mangle(_u->private_name, x->id);
            if (std::find(_u->varnames.begin(), _u->varnames.end(), n) == _u->varnames.end()) _u->varnames.push_back(n);
          }
          for (size_t i = t.elts.size(); i-- > 0;) store(*t.elts[i]);
          return;
        }
        if (t.elts.size() >= 2) emit(Op::SWAP, uint32_t(t.elts.size()));
        for (auto& x : t.elts) store(*x);
        return;
      }
    }
  }
  expr(v);
  for (size_t i = 0; i < s.targets.size(); i++) {
    if (i + 1 < s.targets.size()) emit(Op::COPY, 1);
    store(*s.targets[i]);
  }
}

void Compiler::aug_assign(const Stmt& s) {
  const Expr& t = *s.target;
  uint32_t op = uint32_t(fe::kNumInplaceBase + s.op);
  switch (t.kind) {
    case ExprKind::kAttribute:
      expr(*t.a);
      emit(Op::COPY, 1);
      set_loc(t.pos);
      emit(Op::LOAD_ATTR, add_name(mangle(_u->private_name, t.id)));
      expr(*s.value);
      set_loc(s.pos);
      emit(Op::BINARY_OP, op);
      emit(Op::SWAP, 2);
      set_loc(t.pos);
      emit(Op::STORE_ATTR, add_name(mangle(_u->private_name, t.id)));
      return;
    case ExprKind::kSubscript:
      expr(*t.a);
      if (t.b->kind == ExprKind::kSlice) slice_parts(*t.b);
      else expr(*t.b);
      emit(Op::COPY, 2);
      emit(Op::COPY, 2);
      set_loc(t.pos);
      emit(Op::BINARY_SUBSCR);
      expr(*s.value);
      set_loc(s.pos);
      emit(Op::BINARY_OP, op);
      emit(Op::SWAP, 3);
      emit(Op::SWAP, 2);
      set_loc(t.pos);
      emit(Op::STORE_SUBSCR);
      return;
    default:
      set_loc(t.pos);
      name_op(t.id, Ctx::kLoad);
      expr(*s.value);
      set_loc(s.pos);
      emit(Op::BINARY_OP, op);
      set_loc(t.pos);
      name_op(t.id, Ctx::kStore);
      return;
  }
}

}  // namespace chaipy
