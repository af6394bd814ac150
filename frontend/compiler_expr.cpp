// frontend/compiler_expr.cpp — expression forms of the compiler: operators, calls (including
// the *args/**kwargs sequences), displays, comprehensions, lambdas, f-strings, yield, and the
// assignment / deletion targets.
#include <fmt/format.h>

#include "frontend/compiler.h"
#include "frontend/fold.h"
#include "frontend/op_table.h"

namespace chaipy {
using namespace ast;

namespace {
constexpr size_t kStackUseGuideline = 30;

bool all_const(const std::vector<ExprP>& v, size_t begin, size_t end) {
  for (size_t i = begin; i < end; i++)
    if (!v[i] || v[i]->kind != ExprKind::kConstant) return false;
  return true;
}
}  // namespace

void Compiler::expr(const Expr& e) {
  Pos saved = _u->loc;
  set_loc(e.pos);
  expr_inner(e);
  set_loc(saved);
}

void Compiler::expr_inner(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBoolOp: return boolop(e);
    case ExprKind::kNamedExpr:
      expr(*e.b);
      emit(Op::COPY, 1);
      store(*e.a);
      return;
    case ExprKind::kBinOp:
      expr(*e.a);
      expr(*e.b);
      emit(Op::BINARY_OP, uint32_t(e.op));
      return;
    case ExprKind::kUnaryOp: {
      expr(*e.a);
      static const Op ops[] = {Op::UNARY_INVERT, Op::UNARY_NOT, Op::UNARY_POSITIVE, Op::UNARY_NEGATIVE};
      emit(ops[e.op]);
      return;
    }
    case ExprKind::kLambda: return lambda(e);
    case ExprKind::kIfExp: {
      int orelse = new_label(), end = new_label();
      jump_if(*e.a, orelse, false);
      expr(*e.b);
      emit_jump(Op::JUMP_FORWARD, end);
      bind(orelse);
      expr(*e.c);
      bind(end);
      return;
    }
    case ExprKind::kDict: return dict(e);
    case ExprKind::kSet: return starunpack(e.elts, 0, Op::BUILD_SET, Op::SET_ADD, Op::SET_UPDATE, false);
    case ExprKind::kListComp:
    case ExprKind::kSetComp:
    case ExprKind::kDictComp:
    case ExprKind::kGeneratorExp:
      return comprehension(e);
    case ExprKind::kAwait:
      if (!_u->scope->function_like()) error("'await' outside function", e.pos);
      if (!in_async_function() && _u->kind != UnitKind::kComprehension) error("'await' outside async function", e.pos);
      expr(*e.a);
      set_loc(e.pos);
      await_value(0);
      return;
    case ExprKind::kYield:
      if (!_u->scope->function_like()) error("'yield' outside function", e.pos);
      if (e.a) expr(*e.a);
      else load_none();
      emit_yield();
      return;
    case ExprKind::kYieldFrom:
      if (!_u->scope->function_like()) error("'yield' outside function", e.pos);
      if (in_async_function()) error("'yield from' inside async function", e.pos);
      expr(*e.a);
      emit(Op::GET_YIELD_FROM_ITER);
      load_none();
      yield_from_loop();
      return;
    case ExprKind::kCompare: return compare(e);
    case ExprKind::kCall: return call(e);
    case ExprKind::kFormattedValue: return formatted_value(e);
    case ExprKind::kJoinedStr: return joined_str(e);
    case ExprKind::kConstant: return load_const(e.value);
    case ExprKind::kAttribute:
      expr(*e.a);
      set_loc(e.pos);
      emit(Op::LOAD_ATTR, add_name(mangle(_u->private_name, e.id)));
      return;
    case ExprKind::kSubscript:
      expr(*e.a);
      expr(*e.b);
      emit(Op::BINARY_SUBSCR);
      return;
    case ExprKind::kStarred: error("can't use starred expression here", e.pos);
    case ExprKind::kName: return name_op(e.id, Ctx::kLoad);
    case ExprKind::kList: return starunpack(e.elts, 0, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, false);
    case ExprKind::kTuple: return starunpack(e.elts, 0, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, true);
    case ExprKind::kSlice: return slice_parts(e);
  }
}

void Compiler::slice_parts(const Expr& s) {
  if (s.kind != ExprKind::kSlice) return expr(s);
  int n = 2;
  if (s.a) expr(*s.a);
  else load_none();
  if (s.b) expr(*s.b);
  else load_none();
  if (s.c) {
    expr(*s.c);
    n = 3;
  }
  emit(Op::BUILD_SLICE, n);
}

// -- Targets ------------------------------------------------------------------------------------------
void Compiler::store(const Expr& e) {
  Pos saved = _u->loc;
  set_loc(e.pos);
  switch (e.kind) {
    case ExprKind::kName: name_op(e.id, Ctx::kStore); break;
    case ExprKind::kAttribute:
      expr(*e.a);
      emit(Op::STORE_ATTR, add_name(mangle(_u->private_name, e.id)));
      break;
    case ExprKind::kSubscript:
      expr(*e.a);
      expr(*e.b);
      emit(Op::STORE_SUBSCR);
      break;
    case ExprKind::kTuple:
    case ExprKind::kList: unpack_store(e); break;
    case ExprKind::kStarred: error("starred assignment target must be in a list or tuple", e.pos);
    default: error(fmt::format("cannot assign to expression"), e.pos);
  }
  set_loc(saved);
}

void Compiler::unpack_store(const Expr& e) {
  size_t n = e.elts.size();
  int star = -1;
  for (size_t i = 0; i < n; i++) {
    if (e.elts[i]->kind != ExprKind::kStarred) continue;
    if (star >= 0) error("multiple starred expressions in assignment", e.elts[i]->pos);
    star = int(i);
  }
  if (star >= 0) {
    size_t after = n - size_t(star) - 1;
    if (star >= 256 || after >= (1u << 16)) error("too many expressions in star-unpacking assignment", e.pos);
    emit(Op::UNPACK_EX, uint32_t(star) | uint32_t(after << 8));
  } else {
    emit(Op::UNPACK_SEQUENCE, uint32_t(n));
  }
  for (auto& x : e.elts) store(x->kind == ExprKind::kStarred ? *x->a : *x);
}

void Compiler::del(const Expr& e) {
  Pos saved = _u->loc;
  set_loc(e.pos);
  switch (e.kind) {
    case ExprKind::kName: name_op(e.id, Ctx::kDel); break;
    case ExprKind::kAttribute:
      expr(*e.a);
      emit(Op::DELETE_ATTR, add_name(mangle(_u->private_name, e.id)));
      break;
    case ExprKind::kSubscript:
      expr(*e.a);
      expr(*e.b);
      emit(Op::DELETE_SUBSCR);
      break;
    case ExprKind::kTuple:
    case ExprKind::kList:
      for (auto& x : e.elts) del(*x);
      break;
    default: error("cannot delete expression", e.pos);
  }
  set_loc(saved);
}

// -- Conditions ---------------------------------------------------------------------------------------
void Compiler::compare_op(CmpKind k) {
  switch (k) {
    case CmpKind::kLt: emit(Op::COMPARE_OP, 0); break;
    case CmpKind::kLtE: emit(Op::COMPARE_OP, 1); break;
    case CmpKind::kEq: emit(Op::COMPARE_OP, 2); break;
    case CmpKind::kNotEq: emit(Op::COMPARE_OP, 3); break;
    case CmpKind::kGt: emit(Op::COMPARE_OP, 4); break;
    case CmpKind::kGtE: emit(Op::COMPARE_OP, 5); break;
    case CmpKind::kIs: emit(Op::IS_OP, 0); break;
    case CmpKind::kIsNot: emit(Op::IS_OP, 1); break;
    case CmpKind::kIn: emit(Op::CONTAINS_OP, 0); break;
    case CmpKind::kNotIn: emit(Op::CONTAINS_OP, 1); break;
  }
}

void Compiler::compare(const Expr& e) {
  size_t n = e.ops.size() - 1;
  expr(*e.a);
  if (n == 0) {
    expr(*e.elts[0]);
    compare_op(e.ops[0]);
    return;
  }
  int cleanup = new_label(), end = new_label();
  for (size_t i = 0; i < n; i++) {
    expr(*e.elts[i]);
    emit(Op::SWAP, 2);
    emit(Op::COPY, 2);
    compare_op(e.ops[i]);
    emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
  }
  expr(*e.elts[n]);
  compare_op(e.ops[n]);
  emit_jump(Op::JUMP_FORWARD, end);
  bind(cleanup);
  emit(Op::SWAP, 2);
  emit(Op::POP_TOP);
  bind(end);
}

void Compiler::boolop(const Expr& e) {
  int end = new_label();
  Op op = e.op == 0 ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
  for (size_t i = 0; i + 1 < e.elts.size(); i++) {
    expr(*e.elts[i]);
    emit_jump(op, end);
  }
  expr(*e.elts.back());
  bind(end);
}

void Compiler::jump_if(const Expr& e, int label, bool cond) {
  Pos saved = _u->loc;
  set_loc(e.pos);
  switch (e.kind) {
    case ExprKind::kUnaryOp:
      if (UnaryOp(e.op) == UnaryOp::kNot) {
        jump_if(*e.a, label, !cond);
        set_loc(saved);
        return;
      }
      break;
    case ExprKind::kBoolOp: {
      bool cond2 = e.op == 1;
      int next2 = cond2 != cond ? new_label() : label;
      for (size_t i = 0; i + 1 < e.elts.size(); i++) jump_if(*e.elts[i], next2, cond2);
      jump_if(*e.elts.back(), label, cond);
      if (next2 != label) bind(next2);
      set_loc(saved);
      return;
    }
    case ExprKind::kIfExp: {
      int end = new_label(), next2 = new_label();
      jump_if(*e.a, next2, false);
      jump_if(*e.b, label, cond);
      emit_jump(Op::JUMP_FORWARD, end);
      bind(next2);
      jump_if(*e.c, label, cond);
      bind(end);
      set_loc(saved);
      return;
    }
    case ExprKind::kCompare: {
      size_t n = e.ops.size() - 1;
      if (n > 0) {
        int cleanup = new_label(), end = new_label();
        expr(*e.a);
        for (size_t i = 0; i < n; i++) {
          expr(*e.elts[i]);
          emit(Op::SWAP, 2);
          emit(Op::COPY, 2);
          compare_op(e.ops[i]);
          emit_jump(Op::POP_JUMP_IF_FALSE, cleanup);
        }
        expr(*e.elts[n]);
        compare_op(e.ops[n]);
        emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
        emit_jump(Op::JUMP_FORWARD, end);
        bind(cleanup);
        emit(Op::POP_TOP);
        if (!cond) emit_jump(Op::JUMP_FORWARD, label);
        bind(end);
        set_loc(saved);
        return;
      }
      bool is = e.ops[0] == CmpKind::kIs, is_not = e.ops[0] == CmpKind::kIsNot;
      const Expr& rhs = *e.elts[0];
      if ((is || is_not) && rhs.kind == ExprKind::kConstant && rhs.value.kind == Const::Kind::None) {
        // CPython's peephole: LOAD_CONST None; IS_OP; POP_JUMP_IF_x -> POP_JUMP_IF_[NOT_]NONE
        expr(*e.a);
        bool jump_on_none = is == cond;
        emit_jump(jump_on_none ? Op::POP_JUMP_IF_NONE : Op::POP_JUMP_IF_NOT_NONE, label);
        set_loc(saved);
        return;
      }
      break;
    }
    default:
      break;
  }
  expr(e);
  emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
  set_loc(saved);
}

// -- Calls ----------------------------------------------------------------------------------------------
void Compiler::call(const Expr& e) {
  const Expr& f = *e.a;
  bool simple = true;
  for (auto& a : e.elts) simple &= a->kind != ExprKind::kStarred;
  for (auto& k : e.keywords) simple &= !k.arg.empty();
  // CPython 3.11 does not use LOAD_METHOD on a name bound by a module-level import
  bool imported = false;
  if (f.kind == ExprKind::kAttribute && f.a->kind == ExprKind::kName) {
    auto it = _st.top->flags.find(f.a->id);
    imported = it != _st.top->flags.end() && (it->second & kDefImport);
  }
  if (f.kind == ExprKind::kAttribute && simple && !imported && e.elts.size() < kStackUseGuideline &&
      e.keywords.size() < kStackUseGuideline / 2) {
    expr(*f.a);
    set_loc(f.pos);
    emit(Op::LOAD_METHOD, add_name(mangle(_u->private_name, f.id)));
    for (auto& a : e.elts) expr(*a);
    for (auto& k : e.keywords) expr(*k.value);
    set_loc(e.pos);
    if (!e.keywords.empty()) {
      Const names;
      names.kind = Const::Kind::Tuple;
      for (auto& k : e.keywords) names.items.push_back(Const::str(k.arg));
      emit(Op::KW_NAMES, add_const(names));
    }
    emit(Op::CALL, uint32_t(e.elts.size() + e.keywords.size()));
    return;
  }
  if (f.kind == ExprKind::kName && is_global_name(f.id)) {
    set_loc(f.pos);
    emit(Op::LOAD_GLOBAL, (uint32_t(add_name(mangle(_u->private_name, f.id))) << 1) | 1);
    set_loc(e.pos);
  } else {
    emit(Op::PUSH_NULL);
    expr(f);
  }
  call_helper(0, e.elts, e.keywords);
}

void Compiler::call_helper(int n, const std::vector<ExprP>& args, const std::vector<Keyword>& kws) {
  Pos loc = _u->loc;
  size_t nelts = args.size(), nkw = kws.size();
  bool ex = nelts + nkw * 2 > kStackUseGuideline;
  for (auto& a : args) ex |= a->kind == ExprKind::kStarred;
  for (auto& k : kws) ex |= k.arg.empty();
  if (!ex) {
    for (auto& a : args) expr(*a);
    for (auto& k : kws) expr(*k.value);
    if (nkw) {
      Const names;
      names.kind = Const::Kind::Tuple;
      for (auto& k : kws) names.items.push_back(Const::str(k.arg));
      emit(Op::KW_NAMES, add_const(names));
    }
    set_loc(loc);
    emit(Op::CALL, uint32_t(n + nelts + nkw));
    return;
  }
  if (n == 0 && nelts == 1 && args[0]->kind == ExprKind::kStarred) expr(*args[0]->a);
  else starunpack(args, n, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, true);
  if (nkw) {
    bool have_dict = false;
    size_t nseen = 0;
    for (size_t i = 0; i < nkw; i++) {
      if (kws[i].arg.empty()) {
        if (nseen) {
          subkwargs(kws, i - nseen, i);
          if (have_dict) emit(Op::DICT_MERGE, 1);
          have_dict = true;
          nseen = 0;
        }
        if (!have_dict) {
          emit(Op::BUILD_MAP, 0);
          have_dict = true;
        }
        expr(*kws[i].value);
        emit(Op::DICT_MERGE, 1);
      } else {
        nseen++;
      }
    }
    if (nseen) {
      subkwargs(kws, nkw - nseen, nkw);
      if (have_dict) emit(Op::DICT_MERGE, 1);
    }
  }
  set_loc(loc);
  emit(Op::CALL_FUNCTION_EX, nkw > 0 ? 1 : 0);
}

void Compiler::subkwargs(const std::vector<Keyword>& kws, size_t begin, size_t end) {
  size_t n = end - begin;
  bool big = n * 2 > kStackUseGuideline;
  if (n > 1 && !big) {
    for (size_t i = begin; i < end; i++) expr(*kws[i].value);
    Const keys;
    keys.kind = Const::Kind::Tuple;
    for (size_t i = begin; i < end; i++) keys.items.push_back(Const::str(kws[i].arg));
    load_const(keys);
    emit(Op::BUILD_CONST_KEY_MAP, uint32_t(n));
    return;
  }
  if (big) emit(Op::BUILD_MAP, 0);
  for (size_t i = begin; i < end; i++) {
    load_const(Const::str(kws[i].arg));
    expr(*kws[i].value);
    if (big) emit(Op::MAP_ADD, 1);
  }
  if (!big) emit(Op::BUILD_MAP, uint32_t(n));
}

void Compiler::starunpack(const std::vector<ExprP>& elts, int pushed, Op build, Op add, Op extend, bool tuple) {
  size_t n = elts.size();
  if (n > 2 && all_const(elts, 0, n)) {
    Const folded;
    folded.kind = Const::Kind::Tuple;
    for (auto& x : elts) folded.items.push_back(x->value);
    if (tuple && !pushed) {
      load_const(folded);
    } else {
      if (add == Op::SET_ADD) folded.kind = Const::Kind::FrozenSet;
      emit(build, pushed);
      load_const(folded);
      emit(extend, 1);
      if (tuple) emit(Op::LIST_TO_TUPLE);
    }
    return;
  }
  bool big = n + size_t(pushed) > kStackUseGuideline;
  bool seen_star = false;
  for (auto& x : elts) seen_star |= x->kind == ExprKind::kStarred;
  if (!seen_star && !big) {
    for (auto& x : elts) expr(*x);
    emit(tuple ? Op::BUILD_TUPLE : build, uint32_t(n + pushed));
    return;
  }
  bool built = false;
  if (big) {
    emit(build, pushed);
    built = true;
  }
  for (size_t i = 0; i < n; i++) {
    const Expr& x = *elts[i];
    if (x.kind == ExprKind::kStarred) {
      if (!built) {
        emit(build, uint32_t(i + pushed));
        built = true;
      }
      expr(*x.a);
      emit(extend, 1);
    } else {
      expr(x);
      if (built) emit(add, 1);
    }
  }
  if (tuple) emit(Op::LIST_TO_TUPLE);
}

void Compiler::subdict(const Expr& e, size_t begin, size_t end) {
  size_t n = end - begin;
  bool big = n * 2 > kStackUseGuideline;
  if (n > 1 && !big && all_const(e.elts, begin, end)) {
    for (size_t i = begin; i < end; i++) expr(*e.values[i]);
    Const keys;
    keys.kind = Const::Kind::Tuple;
    for (size_t i = begin; i < end; i++) keys.items.push_back(e.elts[i]->value);
    load_const(keys);
    emit(Op::BUILD_CONST_KEY_MAP, uint32_t(n));
    return;
  }
  if (big) emit(Op::BUILD_MAP, 0);
  for (size_t i = begin; i < end; i++) {
    expr(*e.elts[i]);
    expr(*e.values[i]);
    if (big) emit(Op::MAP_ADD, 1);
  }
  if (!big) emit(Op::BUILD_MAP, uint32_t(n));
}

void Compiler::dict(const Expr& e) {
  size_t n = e.values.size(), elements = 0;
  bool have_dict = false;
  for (size_t i = 0; i < n; i++) {
    if (!e.elts[i]) {
      if (elements) {
        subdict(e, i - elements, i);
        if (have_dict) emit(Op::DICT_UPDATE, 1);
        have_dict = true;
        elements = 0;
      }
      if (!have_dict) {
        emit(Op::BUILD_MAP, 0);
        have_dict = true;
      }
      expr(*e.values[i]);
      emit(Op::DICT_UPDATE, 1);
    } else if (elements * 2 > kStackUseGuideline) {
      subdict(e, i - elements, i + 1);
      if (have_dict) emit(Op::DICT_UPDATE, 1);
      have_dict = true;
      elements = 0;
    } else {
      elements++;
    }
  }
  if (elements) {
    subdict(e, n - elements, n);
    if (have_dict) emit(Op::DICT_UPDATE, 1);
    have_dict = true;
  }
  if (!have_dict) emit(Op::BUILD_MAP, 0);
}

// -- Nested code: comprehensions and lambdas -------------------------------------------------------
void Compiler::comprehension(const Expr& e) {
  int kind = e.kind == ExprKind::kGeneratorExp ? 0 : e.kind == ExprKind::kListComp ? 1 : e.kind == ExprKind::kSetComp ? 2 : 3;
  static const char* const names[] = {"<genexpr>", "<listcomp>", "<setcomp>", "<dictcomp>"};
  SymScope* scope = _st.scope_of(&e);
  bool outer_async = in_async_function() || _u->kind == UnitKind::kComprehension;
  enter_unit(scope, UnitKind::kComprehension, names[kind], e.pos.line);
  set_loc(e.pos);
  bool is_async = scope->is_coroutine;
  if (is_async && kind != 0 && !outer_async)
    error("asynchronous comprehension outside of an asynchronous function", e.pos);
  _u->code->argcount = 1;
  if (kind == 1) emit(Op::BUILD_LIST, 0);
  if (kind == 2) emit(Op::BUILD_SET, 0);
  if (kind == 3) emit(Op::BUILD_MAP, 0);
  comprehension_generator(e, 0, 0, kind);
  if (kind != 0) emit(Op::RETURN_VALUE);
  auto code = leave_unit();
  make_closure(code, 0);
  expr(*e.generators[0].iter);
  emit(e.generators[0].is_async ? Op::GET_AITER : Op::GET_ITER);
  emit(Op::CALL, 0);
  if (is_async && kind != 0) await_value(0);
}

void Compiler::comprehension_generator(const Expr& e, size_t gi, int depth, int kind) {
  const Comprehension& g = e.generators[gi];
  int start = new_label(), if_cleanup = new_label(), anchor = new_label();
  if (gi == 0) {
    emit(Op::LOAD_FAST, 0);
  } else {
    expr(*g.iter);
    emit(g.is_async ? Op::GET_AITER : Op::GET_ITER);
  }
  depth++;
  bind(start);
  if (g.is_async) {
    push_fblock(FBlock{FBlockKind::kAsyncComprehension, start}, e.pos);
    setup_handler(anchor, false);
    emit(Op::GET_ANEXT);  // pushes an awaitable already
    load_none();
    yield_from_loop();
    pop_handler();
  } else {
    emit_jump(Op::FOR_ITER, anchor);
  }
  store(*g.target);
  for (auto& c : g.ifs) jump_if(*c, if_cleanup, false);
  if (gi + 1 < e.generators.size()) {
    comprehension_generator(e, gi + 1, depth, kind);
  } else {
    switch (kind) {
      case 0:
        expr(*e.a);
        emit_yield();
        emit(Op::POP_TOP);
        break;
      case 1:
        expr(*e.a);
        emit(Op::LIST_APPEND, uint32_t(depth + 1));
        break;
      case 2:
        expr(*e.a);
        emit(Op::SET_ADD, uint32_t(depth + 1));
        break;
      default:
        expr(*e.a);
        expr(*e.b);
        emit(Op::MAP_ADD, uint32_t(depth + 1));
        break;
    }
  }
  bind(if_cleanup);
  emit_jump(Op::JUMP_BACKWARD, start);
  bind(anchor);
  if (g.is_async) {
    pop_fblock();
    emit(Op::END_ASYNC_FOR);
  }
}

void Compiler::lambda(const Expr& e) {
  int flags = default_arguments(*e.args);
  SymScope* scope = _st.scope_of(&e);
  enter_unit(scope, UnitKind::kLambda, "<lambda>", e.pos.line);
  add_const(Const::none());
  CodeUnit& c = *_u->code;
  c.argcount = int32_t(e.args->posonly.size() + e.args->args.size());
  c.posonlyargcount = int32_t(e.args->posonly.size());
  c.kwonlyargcount = int32_t(e.args->kwonly.size());
  set_loc(e.a->pos);
  expr(*e.a);
  emit(Op::RETURN_VALUE);
  auto code = leave_unit();
  make_closure(code, flags);
}

// -- f-strings and yield from ----------------------------------------------------------------------------
void Compiler::formatted_value(const Expr& e) {
  expr(*e.a);
  uint32_t arg = e.op == 's' ? 1 : e.op == 'r' ? 2 : e.op == 'a' ? 3 : 0;
  if (e.b) {
    expr(*e.b);
    arg |= 4;
  }
  emit(Op::FORMAT_VALUE, arg);
}

void Compiler::joined_str(const Expr& e) {
  if (e.elts.size() > kStackUseGuideline) {
    load_const(Const::str(""));
    emit(Op::LOAD_METHOD, add_name("join"));
    emit(Op::BUILD_LIST, 0);
    for (auto& v : e.elts) {
      expr(*v);
      emit(Op::LIST_APPEND, 1);
    }
    emit(Op::CALL, 1);
    return;
  }
  for (auto& v : e.elts) expr(*v);
  if (e.elts.size() != 1) emit(Op::BUILD_STRING, uint32_t(e.elts.size()));
}

void Compiler::await_value(uint32_t where) {
  emit(Op::GET_AWAITABLE, where);
  load_none();
  yield_from_loop();
}

void Compiler::emit_yield() {
  if (async_generator()) emit(Op::ASYNC_GEN_WRAP);
  emit(Op::YIELD_VALUE);
}

void Compiler::yield_from_loop() {
  int start = new_label(), exit = new_label();
  bind(start);
  emit_jump(Op::SEND, exit);
  emit(Op::YIELD_VALUE);
  emit_jump(Op::JUMP_BACKWARD_NO_INTERRUPT, start);
  bind(exit);
}

}  // namespace chaipy
