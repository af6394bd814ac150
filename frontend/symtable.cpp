// frontend/symtable.cpp — builds the scope tree from the AST and classifies every name, the way
// CPython's symtable.c does (analyze_block / analyze_name / analyze_cells / update_symbols).
#include "frontend/symtable.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace chaipy {
using namespace ast;

NameScope SymScope::lookup(const std::string& n) const {
  auto it = scopes.find(n);
  return it == scopes.end() ? NameScope::kGlobalImplicit : it->second;
}

std::vector<std::string> SymScope::cellvars() const {
  std::vector<std::string> out;
  for (auto& [n, s] : scopes)
    if (s == NameScope::kCell) out.push_back(n);
  if (needs_class_closure) out.push_back("__class__");
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> SymScope::freevars() const {
  std::vector<std::string> out;
  for (auto& [n, s] : scopes) {
    auto f = flags.find(n);
    if (s == NameScope::kFree || (f != flags.end() && (f->second & kDefFreeClass))) out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string mangle(const std::string& priv, const std::string& name) {
  if (priv.empty() || name.size() < 3 || name[0] != '_' || name[1] != '_') return name;
  if (name.size() >= 4 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_') return name;
  if (name.find('.') != std::string::npos) return name;
  size_t i = priv.find_first_not_of('_');
  if (i == std::string::npos) return name;
  return "_" + priv.substr(i) + name;
}

namespace {

struct SymError {
  std::string msg;
  Pos pos;
};

constexpr uint32_t kDefBound = kDefLocal | kDefParam | kDefImport;

class Builder {
 public:
  Builder(SymbolTable& t, bool future_annotations) : _t(t), _future_annotations(future_annotations) {}
  SymbolTable& _t;
  SymScope* _cur = nullptr;
  bool _future_annotations;  // annotations are strings: their names are not uses

  SymScope* enter(ScopeKind kind, const std::string& name, const void* node, int lineno) {
    auto s = std::make_unique<SymScope>();
    s->kind = kind;
    s->name = name;
    s->node = node;
    s->lineno = lineno;
    s->parent = _cur;
    if (_cur) {
      s->private_name = _cur->private_name;
      s->nested = _cur->function_like() || _cur->nested;
      _cur->children.push_back(s.get());
    }
    SymScope* p = s.get();
    _t.by_node[node] = p;
    _t.scopes.push_back(std::move(s));
    _cur = p;
    return p;
  }
  void leave() { _cur = _cur->parent; }

  void add_def(const std::string& raw, uint32_t flag, const Pos& pos, SymScope* scope = nullptr) {
    SymScope* s = scope ? scope : _cur;
    std::string name = mangle(s->private_name, raw);
    auto it = s->flags.find(name);
    if (it == s->flags.end()) {
      s->symbol_order.push_back(name);
      it = s->flags.emplace(name, 0).first;
    }
    if ((flag & kDefParam) && (it->second & kDefParam))
      throw SymError{fmt::format("duplicate argument '{}' in function definition", name), pos};
    it->second |= flag;
    if (flag & kDefParam) s->params.push_back(name);
  }

  // -- Statements -------------------------------------------------------------------------------
  void stmts(const StmtList& l) {
    for (auto& s : l) stmt(*s);
  }

  void params(const Arguments& a) {
    for (auto& x : a.posonly) add_def(x.name, kDefParam, x.pos);
    for (auto& x : a.args) add_def(x.name, kDefParam, x.pos);
    for (auto& x : a.kwonly) add_def(x.name, kDefParam, x.pos);
    if (a.has_vararg) add_def(a.vararg.name, kDefParam, a.vararg.pos), _cur->has_varargs = true;
    if (a.has_kwarg) add_def(a.kwarg.name, kDefParam, a.kwarg.pos), _cur->has_varkw = true;
  }
  void defaults(const Arguments& a) {
    for (auto& d : a.defaults) expr(*d);
    for (auto& d : a.kw_defaults)
      if (d) expr(*d);
  }
  // An annotation is evaluated in the scope that holds the definition, unless it is a string:
  // then it may still not hold what only makes sense evaluated (CPython's annotation block).
  void annotation(const ExprP& e) {
    if (!e) return;
    if (!_future_annotations) return expr(*e);
    std::vector<const Expr*> work{e.get()};
    while (!work.empty()) {
      const Expr* x = work.back();
      work.pop_back();
      if (!x) continue;
      const char* what = x->kind == ExprKind::kNamedExpr ? "'named expression'"
                         : x->kind == ExprKind::kYield || x->kind == ExprKind::kYieldFrom ? "'yield expression'"
                         : x->kind == ExprKind::kAwait ? "'await expression'" : nullptr;
      if (what) throw SymError{fmt::format("{} can not be used within an annotation", what), x->pos};
      if (x->kind == ExprKind::kLambda) continue;  // its own scope
      if (!x->generators.empty()) {  // a comprehension: only the first iterable is evaluated here
        work.push_back(x->generators[0].iter.get());
        continue;
      }
      for (const Expr* c : {x->a.get(), x->b.get(), x->c.get()}) work.push_back(c);
      for (auto* v : {&x->elts, &x->values})
        for (auto& c : *v) work.push_back(c.get());
      for (auto& k : x->keywords) work.push_back(k.value.get());
    }
  }
  void annotations(const Arguments& a, const ExprP& returns) {
    for (auto* v : {&a.posonly, &a.args, &a.kwonly})
      for (auto& x : *v) annotation(x.annotation);
    annotation(a.vararg.annotation);
    annotation(a.kwarg.annotation);
    annotation(returns);
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::kFunctionDef:
        add_def(s.name, kDefLocal, s.pos);
        defaults(*s.args);
        annotations(*s.args, s.test);
        for (auto& d : s.decorators) expr(*d);
        enter(ScopeKind::kFunction, s.name, &s, s.pos.line);
        if (s.is_async) _cur->is_coroutine = _cur->is_async_def = true;
        params(*s.args);
        stmts(s.body);
        leave();
        break;
      case StmtKind::kClassDef: {
        add_def(s.name, kDefLocal, s.pos);
        for (auto& b : s.targets) expr(*b);
        for (auto& k : s.keywords) expr(*k.value);
        for (auto& d : s.decorators) expr(*d);
        std::string saved = _cur->private_name;
        SymScope* c = enter(ScopeKind::kClass, s.name, &s, s.pos.line);
        c->private_name = s.name;
        stmts(s.body);
        leave();
        break;
      }
      case StmtKind::kReturn:
        if (s.value) expr(*s.value);
        break;
      case StmtKind::kDelete:
        for (auto& t : s.targets) expr(*t);
        break;
      case StmtKind::kAssign:
        for (auto& t : s.targets) expr(*t);
        expr(*s.value);
        break;
      case StmtKind::kAugAssign:
        expr(*s.target);
        expr(*s.value);
        break;
      case StmtKind::kAnnAssign:
        if (s.target->kind == ExprKind::kName) {
          std::string n = mangle(_cur->private_name, s.target->id);
          auto it = _cur->flags.find(n);
          if (it != _cur->flags.end() && (it->second & (kDefGlobal | kDefNonlocal)) && s.op)
            throw SymError{fmt::format("annotated name '{}' can't be {}", n,
                                       (it->second & kDefGlobal) ? "global" : "nonlocal"), s.pos};
          add_def(s.target->id, kDefLocal, s.target->pos);
        } else {
          expr(*s.target);
        }
        if (s.value) expr(*s.value);
        annotation(s.test);
        break;
      case StmtKind::kFor:
        expr(*s.target);
        expr(*s.value);
        stmts(s.body);
        stmts(s.orelse);
        break;
      case StmtKind::kWhile:
      case StmtKind::kIf:
        expr(*s.test);
        stmts(s.body);
        stmts(s.orelse);
        break;
      case StmtKind::kWith:
        for (auto& it : s.items) {
          expr(*it.context_expr);
          if (it.optional_vars) expr(*it.optional_vars);
        }
        stmts(s.body);
        break;
      case StmtKind::kRaise:
        if (s.value) expr(*s.value);
        if (s.test) expr(*s.test);
        break;
      case StmtKind::kTry:
        stmts(s.body);
        for (auto& h : s.handlers) {
          if (h.type) expr(*h.type);
          if (!h.name.empty()) add_def(h.name, kDefLocal, h.pos);
          stmts(h.body);
        }
        stmts(s.orelse);
        stmts(s.finalbody);
        break;
      case StmtKind::kMatch:
        expr(*s.value);
        for (auto& c : s.cases) {
          pattern(*c.pattern);
          if (c.guard) expr(*c.guard);
          stmts(c.body);
        }
        break;
      case StmtKind::kAssert:
        expr(*s.test);
        if (s.value) expr(*s.value);
        break;
      case StmtKind::kImport:
      case StmtKind::kImportFrom:
        for (auto& a : s.names) {
          if (a.name == "*") {
            if (_cur->kind != ScopeKind::kModule) throw SymError{"import * only allowed at module level", a.pos};
            continue;
          }
          std::string store = a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname;
          add_def(store, kDefImport, a.pos);
        }
        break;
      case StmtKind::kGlobal:
      case StmtKind::kNonlocal: {
        bool global = s.kind == StmtKind::kGlobal;
        if (!global && _cur->kind == ScopeKind::kModule)
          throw SymError{"nonlocal declaration not allowed at module level", s.pos};
        for (auto& raw : s.idents) {
          std::string n = mangle(_cur->private_name, raw);
          auto it = _cur->flags.find(n);
          uint32_t f = it == _cur->flags.end() ? 0 : it->second;
          const char* what = global ? "global" : "nonlocal";
          if (f & (kDefParam | kDefLocal | kUse | kDefImport)) {
            std::string msg;
            if (f & kDefParam) msg = fmt::format("name '{}' is parameter and {}", n, what);
            else if (f & kUse) msg = fmt::format("name '{}' is used prior to {} declaration", n, what);
            else msg = fmt::format("name '{}' is assigned to before {} declaration", n, what);
            throw SymError{msg, s.pos};
          }
          if (global && (f & kDefNonlocal)) throw SymError{fmt::format("name '{}' is nonlocal and global", n), s.pos};
          if (!global && (f & kDefGlobal)) throw SymError{fmt::format("name '{}' is nonlocal and global", n), s.pos};
          add_def(raw, global ? kDefGlobal : kDefNonlocal, s.pos);
          // CPython records every `global` in the module's own symbols too (st_global)
          if (global && _cur != _t.top) add_def(raw, kDefGlobal, s.pos, _t.top);
        }
        break;
      }
      case StmtKind::kExpr:
        expr(*s.value);
        break;
      case StmtKind::kPass:
      case StmtKind::kBreak:
      case StmtKind::kContinue:
        break;
    }
  }

  void pattern(const Pattern& p) {
    if (!p.name.empty()) add_def(p.name, kDefLocal, p.pos);
    if (p.value) expr(*p.value);
    for (auto& k : p.keys) expr(*k);
    if (p.pattern) pattern(*p.pattern);
    for (auto& x : p.patterns) pattern(*x);
    for (auto& x : p.kwd_patterns) pattern(*x);
  }

  // -- Expressions ------------------------------------------------------------------------------
  void expr(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kName:
        if (e.ctx == Ctx::kLoad) {
          add_def(e.id, kUse, e.pos);
          if (e.id == "super" && _cur->function_like()) add_def("__class__", kUse, e.pos);
        } else {
          add_def(e.id, kDefLocal, e.pos);
        }
        return;
      case ExprKind::kNamedExpr:
        expr(*e.b);
        named_target(*e.a);
        return;
      case ExprKind::kLambda:
        defaults(*e.args);
        enter(ScopeKind::kLambda, "lambda", &e, e.pos.line);
        params(*e.args);
        expr(*e.a);
        leave();
        return;
      case ExprKind::kListComp: comprehension(e, "listcomp"); return;
      case ExprKind::kSetComp: comprehension(e, "setcomp"); return;
      case ExprKind::kDictComp: comprehension(e, "dictcomp"); return;
      case ExprKind::kGeneratorExp: comprehension(e, "genexpr"); return;
      case ExprKind::kYield:
      case ExprKind::kYieldFrom:
        if (!_cur->function_like()) throw SymError{"'yield' outside function", e.pos};
        if (_cur->kind == ScopeKind::kComprehension && !_cur->is_generator)
          throw SymError{"'yield' inside list comprehension", e.pos};
        _cur->is_generator = true;
        break;
      case ExprKind::kAwait:
        _cur->is_coroutine = true;  // the compiler reports an `await` outside an async function
        break;
      default:
        break;
    }
    if (e.a) expr(*e.a);
    if (e.b) expr(*e.b);
    if (e.c) expr(*e.c);
    for (auto& x : e.elts)
      if (x) expr(*x);
    for (auto& x : e.values)
      if (x) expr(*x);
    for (auto& k : e.keywords) expr(*k.value);
  }

  void named_target(const Expr& t) {
    if (_cur->kind != ScopeKind::kComprehension) {
      add_def(t.id, kDefLocal, t.pos);
      return;
    }
    for (SymScope* s = _cur; s; s = s->parent) {
      if (s->kind == ScopeKind::kComprehension) {
        auto it = s->flags.find(t.id);
        if (it != s->flags.end() && (it->second & kDefLocal) && s->params.size() && it->first != ".0")
          throw SymError{fmt::format("assignment expression cannot rebind comprehension iteration variable '{}'", t.id), t.pos};
        continue;
      }
      if (s->kind == ScopeKind::kClass)
        throw SymError{"assignment expression within a comprehension cannot be used in a class body", t.pos};
      if (s->kind == ScopeKind::kModule) {
        add_def(t.id, kDefGlobal, t.pos);
        add_def(t.id, kDefGlobal, t.pos, s);
      } else {
        auto it = s->flags.find(mangle(s->private_name, t.id));
        bool global = it != s->flags.end() && (it->second & kDefGlobal);
        add_def(t.id, global ? kDefGlobal : kDefNonlocal, t.pos);
        add_def(t.id, kDefLocal, t.pos, s);
      }
      return;
    }
  }

  void comprehension(const Expr& e, const char* name) {
    expr(*e.generators[0].iter);
    SymScope* s = enter(ScopeKind::kComprehension, name, &e, e.pos.line);
    bool genexp = e.kind == ExprKind::kGeneratorExp;
    if (genexp) s->is_generator = true;
    add_def(".0", kDefParam, e.pos);
    for (size_t i = 0; i < e.generators.size(); i++) {
      auto& g = e.generators[i];
      if (g.is_async) s->is_coroutine = true;
      if (i > 0) expr(*g.iter);
      expr(*g.target);
      for (auto& c : g.ifs) expr(*c);
    }
    if (e.b) expr(*e.b);  // dict value first? CPython visits key then value
    expr(*e.a);
    leave();
    // an async list/set/dict comprehension is awaited where it is built (3.11)
    if (s->is_coroutine && !genexp) _cur->is_coroutine = true;
  }

  // -- Analysis -----------------------------------------------------------------------------------
  using NameSet = std::set<std::string>;

  void analyze(SymScope* s, const NameSet* bound, NameSet& global, NameSet& free_out) {
    NameSet local, newglobal, newfree, newbound;
    if (s->kind == ScopeKind::kClass) {
      newglobal = global;
      if (bound) newbound = *bound;
    }
    for (auto& name : s->symbol_order) {
      uint32_t f = s->flags[name];
      NameScope sc;
      if (f & kDefGlobal) {
        sc = NameScope::kGlobalExplicit;
        global.insert(name);
        if (bound) newbound.erase(name);
      } else if (f & kDefNonlocal) {
        if (!bound || !bound->count(name)) throw SymError{fmt::format("no binding for nonlocal '{}' found", name), nonlocal_pos(s, name)};
        sc = NameScope::kFree;
        free_out.insert(name);
      } else if (f & kDefBound) {
        sc = NameScope::kLocal;
        local.insert(name);
        global.erase(name);
      } else if (bound && bound->count(name)) {
        sc = NameScope::kFree;
        free_out.insert(name);
      } else {
        sc = NameScope::kGlobalImplicit;
      }
      s->scopes[name] = sc;
    }
    if (s->kind != ScopeKind::kClass) {
      if (s->function_like()) newbound.insert(local.begin(), local.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
      newglobal.insert(global.begin(), global.end());
    } else {
      newbound.insert("__class__");
    }
    for (SymScope* c : s->children) {
      NameSet child_global = newglobal, child_free;
      analyze(c, &newbound, child_global, child_free);
      newfree.insert(child_free.begin(), child_free.end());
    }
    if (s->function_like()) {
      for (auto& [n, sc] : s->scopes)
        if (sc == NameScope::kLocal && newfree.count(n)) {
          sc = NameScope::kCell;
          newfree.erase(n);
        }
    } else if (s->kind == ScopeKind::kClass && newfree.count("__class__")) {
      newfree.erase("__class__");
      s->needs_class_closure = true;
    }
    for (auto& n : newfree) {
      auto it = s->flags.find(n);
      if (it != s->flags.end()) {
        if (s->kind == ScopeKind::kClass && (it->second & (kDefBound | kDefGlobal))) it->second |= kDefFreeClass;
        continue;
      }
      if (bound && !bound->count(n)) continue;
      s->flags[n] = 0;
      s->symbol_order.push_back(n);
      s->scopes[n] = NameScope::kFree;
    }
    free_out.insert(newfree.begin(), newfree.end());
  }

  Pos nonlocal_pos(SymScope* s, const std::string& name) {
    // find the nonlocal statement in the scope's body
    auto find = [&](const StmtList& body, auto& self) -> const Stmt* {
      for (auto& st : body) {
        if (st->kind == StmtKind::kNonlocal)
          for (auto& n : st->idents)
            if (mangle(s->private_name, n) == name) return st.get();
        for (const StmtList* sub : {&st->body, &st->orelse, &st->finalbody}) {
          if (st->kind == StmtKind::kFunctionDef || st->kind == StmtKind::kClassDef) break;
          if (const Stmt* r = self(*sub, self)) return r;
        }
        for (auto& h : st->handlers)
          if (const Stmt* r = self(h.body, self)) return r;
      }
      return nullptr;
    };
    if (s->kind == ScopeKind::kFunction) {
      const Stmt* fn = static_cast<const Stmt*>(s->node);
      if (const Stmt* r = find(fn->body, find)) return r->pos;
      return fn->pos;
    }
    return Pos{s->lineno, 0, s->lineno, 0};
  }
};

}  // namespace

std::unique_ptr<SymbolTable> build_symtable(const Module& m, std::string_view src, const std::string& filename,
                                            std::optional<SyntaxErrorInfo>& error, bool future_annotations) {
  auto t = std::make_unique<SymbolTable>();
  Builder b(*t, future_annotations);
  try {
    t->top = b.enter(ScopeKind::kModule, "top", &m, 1);
    b.stmts(m.body);
    std::set<std::string> global, free;
    b.analyze(t->top, nullptr, global, free);
  } catch (const SymError& e) {
    error = make_syntax_error(src, filename, "SyntaxError", e.msg, e.pos.line, e.pos.col, e.pos.end_line, e.pos.end_col);
    return nullptr;
  }
  return t;
}

}  // namespace chaipy
