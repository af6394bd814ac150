// frontend/compiler_match.cpp — `match` statements (PEP 634), as CPython 3.11's compiler emits
// them (compiler_match / compiler_pattern_*).
//
// Contract of a pattern: it starts with the subject on top of the stack and consumes it. On
// success the values of the names it captures are on the stack, below `on_top` items the
// enclosing patterns still need, in the order of `stores` (the last capture deepest... see
// pattern_store_name: each capture is rotated under the kept items). On failure it jumps to
// fail_pop[n], which pops the n items left (on_top + captures so far) and falls into fail_pop[0].
#include <fmt/format.h>

#include <algorithm>

#include "frontend/compiler.h"
#include "frontend/op_table.h"

namespace chaipy {
using namespace ast;

namespace {
bool is_wildcard(const Pattern& p) { return p.kind == PatternKind::kAs && !p.pattern && p.name.empty(); }
bool is_star_wildcard(const Pattern& p) { return p.kind == PatternKind::kStar && p.name.empty(); }

// Equal as dict keys (1 == 1.0 == True, 0j == 0): CPython finds duplicate keys with a set.
bool same_key(const Const& a, const Const& b) {
  auto num = [](const Const& c, double& re, double& im) {
    im = 0;
    switch (c.kind) {
      case Const::Kind::True: re = 1; return true;
      case Const::Kind::False: re = 0; return true;
      case Const::Kind::Int: re = double(c.i); return true;
      case Const::Kind::Float: re = c.f; return true;
      case Const::Kind::Complex: re = c.f, im = c.imag; return true;
      default: return false;
    }
  };
  double ar, ai, br, bi;
  if (num(a, ar, ai) && num(b, br, bi)) {
    if (a.kind == Const::Kind::Int && b.kind == Const::Kind::Int) return a.i == b.i;
    return ar == br && ai == bi;
  }
  return a == b;
}
}  // namespace

void Compiler::ensure_fail_pop(PatternContext& pc, int n) {
  while (int(pc.fail_pop.size()) < n + 1) pc.fail_pop.push_back(new_label());
}

void Compiler::jump_to_fail_pop(PatternContext& pc, Op op) {
  int pops = pc.on_top + int(pc.stores.size());
  ensure_fail_pop(pc, pops);
  emit_jump(op, pc.fail_pop[size_t(pops)]);
}

void Compiler::emit_and_reset_fail_pop(PatternContext& pc) {
  if (pc.fail_pop.empty()) return;
  for (size_t i = pc.fail_pop.size() - 1; i > 0; i--) {
    bind(pc.fail_pop[i]);
    emit(Op::POP_TOP);
  }
  bind(pc.fail_pop[0]);
  pc.fail_pop.clear();
}

// 3.10's ROT_N as SWAPs.
void Compiler::pattern_rotate(int count) {
  while (count > 1) emit(Op::SWAP, uint32_t(count--));
}

void Compiler::pattern_store_name(const std::string& name, PatternContext& pc) {
  if (name.empty()) {
    emit(Op::POP_TOP);
    return;
  }
  if (name == "__debug__") error("cannot assign to __debug__", _u->loc);
  if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
    error(fmt::format("multiple assignments to name '{}' in pattern", name), _u->loc);
  pattern_rotate(pc.on_top + int(pc.stores.size()) + 1);
  pc.stores.push_back(name);
}

void Compiler::pattern_subpattern(const Pattern& p, PatternContext& pc) {
  bool allow = pc.allow_irrefutable;
  pc.allow_irrefutable = true;
  pattern(p, pc);
  pc.allow_irrefutable = allow;
}

void Compiler::pattern(const Pattern& p, PatternContext& pc) {
  set_loc(p.pos);
  switch (p.kind) {
    case PatternKind::kValue:
      expr(*p.value);
      emit(Op::COMPARE_OP, uint32_t(CmpOp::EQ));
      jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
      return;
    case PatternKind::kSingleton:
      if (p.value->value.kind == Const::Kind::None) {  // CPython's peephole: IS_OP + jump -> POP_JUMP_IF_NOT_NONE
        jump_to_fail_pop(pc, Op::POP_JUMP_IF_NOT_NONE);
        return;
      }
      load_const(p.value->value);
      emit(Op::IS_OP, 0);
      jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
      return;
    case PatternKind::kSequence: return pattern_sequence(p, pc);
    case PatternKind::kMapping: return pattern_mapping(p, pc);
    case PatternKind::kClass: return pattern_class(p, pc);
    case PatternKind::kStar: return pattern_store_name(p.name, pc);
    case PatternKind::kAs: return pattern_as(p, pc);
    case PatternKind::kOr: return pattern_or(p, pc);
  }
}

void Compiler::pattern_as(const Pattern& p, PatternContext& pc) {
  if (!p.pattern) {
    if (!pc.allow_irrefutable) {
      if (!p.name.empty()) error(fmt::format("name capture '{}' makes remaining patterns unreachable", p.name), p.pos);
      error("wildcard makes remaining patterns unreachable", p.pos);
    }
    return pattern_store_name(p.name, pc);
  }
  pc.on_top++;
  emit(Op::COPY, 1);
  pattern(*p.pattern, pc);
  pc.on_top--;
  set_loc(p.pos);
  pattern_store_name(p.name, pc);
}

void Compiler::pattern_class(const Pattern& p, PatternContext& pc) {
  size_t nargs = p.patterns.size(), nattrs = p.kwd_attrs.size();
  for (size_t i = 0; i < nattrs; i++) {
    set_loc(p.kwd_patterns[i]->pos);
    if (p.kwd_attrs[i] == "__debug__") error("cannot assign to __debug__", _u->loc);
    for (size_t j = i + 1; j < nattrs; j++)
      if (p.kwd_attrs[i] == p.kwd_attrs[j])
        error(fmt::format("attribute name repeated in class pattern: {}", p.kwd_attrs[i]), p.kwd_patterns[j]->pos);
  }
  set_loc(p.pos);
  expr(*p.value);
  Const names;
  names.kind = Const::Kind::Tuple;
  for (auto& a : p.kwd_attrs) names.items.push_back(Const::str(a));
  load_const(names);
  emit(Op::MATCH_CLASS, uint32_t(nargs));
  emit(Op::COPY, 1);
  pc.on_top++;  // the tuple of attributes (or None)
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_NONE);
  emit(Op::UNPACK_SEQUENCE, uint32_t(nargs + nattrs));
  pc.on_top += int(nargs + nattrs) - 1;
  for (size_t i = 0; i < nargs + nattrs; i++) {
    pc.on_top--;
    const Pattern& sub = i < nargs ? *p.patterns[i] : *p.kwd_patterns[i - nargs];
    if (is_wildcard(sub)) {
      emit(Op::POP_TOP);
      continue;
    }
    pattern_subpattern(sub, pc);
  }
}

void Compiler::pattern_mapping(const Pattern& p, PatternContext& pc) {
  size_t size = p.keys.size();
  pc.on_top++;  // the subject stays on top during the mapping and length checks
  emit(Op::MATCH_MAPPING);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  if (!size && p.name.empty()) {
    pc.on_top--;
    emit(Op::POP_TOP);
    return;
  }
  if (size) {
    emit(Op::GET_LEN);
    load_const(Const::integer(int64_t(size)));
    emit(Op::COMPARE_OP, uint32_t(CmpOp::GE));
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  }
  std::vector<const Const*> seen;
  for (auto& key : p.keys) {
    if (key->kind == ExprKind::kConstant) {
      for (const Const* k : seen)
        if (same_key(*k, key->value)) error(fmt::format("mapping pattern checks duplicate key ({})", const_repr(key->value)), _u->loc);
      seen.push_back(&key->value);
    } else if (key->kind != ExprKind::kAttribute) {
      error("mapping pattern keys may only match literals and attribute lookups", _u->loc);
    }
    expr(*key);
  }
  emit(Op::BUILD_TUPLE, uint32_t(size));
  emit(Op::MATCH_KEYS);
  pc.on_top += 2;  // the keys and the values tuple (or None) above the subject
  emit(Op::COPY, 1);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_NONE);
  emit(Op::UNPACK_SEQUENCE, uint32_t(size));
  pc.on_top += int(size) - 1;
  for (size_t i = 0; i < size; i++) {
    pc.on_top--;
    pattern_subpattern(*p.patterns[i], pc);
  }
  pc.on_top -= 2;
  if (!p.name.empty()) {
    // rest = dict(subject); del rest[key] for each key
    emit(Op::BUILD_MAP, 0);             // [subject, keys, empty]
    emit(Op::SWAP, 3);                  // [empty, keys, subject]
    emit(Op::DICT_UPDATE, 2);           // [copy, keys]
    emit(Op::UNPACK_SEQUENCE, uint32_t(size));  // [copy, keys...]
    while (size) {
      emit(Op::COPY, uint32_t(1 + size--));     // [copy, keys..., copy]
      emit(Op::SWAP, 2);                        // [copy, keys..., copy, key]
      emit(Op::DELETE_SUBSCR);                  // [copy, keys...]
    }
    pattern_store_name(p.name, pc);
  } else {
    emit(Op::POP_TOP);  // the keys
    emit(Op::POP_TOP);  // the subject
  }
}

void Compiler::pattern_or(const Pattern& p, PatternContext& pc) {
  int end = new_label();
  PatternContext old = pc;
  std::vector<std::string> control;
  for (size_t i = 0; i < p.patterns.size(); i++) {
    const Pattern& alt = *p.patterns[i];
    set_loc(alt.pos);
    pc.stores.clear();
    pc.allow_irrefutable = i + 1 == p.patterns.size() && old.allow_irrefutable;
    pc.fail_pop.clear();
    pc.on_top = 0;
    emit(Op::COPY, 1);
    pattern(alt, pc);
    size_t nstores = pc.stores.size();
    if (i == 0) {
      control = pc.stores;
    } else if (nstores != control.size()) {
      error("alternative patterns bind different names", _u->loc);
    } else if (nstores) {
      // Reorder the captures on the stack to the order of the first alternative.
      for (size_t icontrol = nstores; icontrol-- > 0;) {
        auto it = std::find(pc.stores.begin(), pc.stores.end(), control[icontrol]);
        if (it == pc.stores.end()) error("alternative patterns bind different names", _u->loc);
        size_t istores = size_t(it - pc.stores.begin());
        if (icontrol != istores) {
          size_t rotations = istores + 1;
          std::vector<std::string> rotated(pc.stores.begin(), pc.stores.begin() + long(rotations));
          pc.stores.erase(pc.stores.begin(), pc.stores.begin() + long(rotations));
          pc.stores.insert(pc.stores.begin() + long(icontrol - istores), rotated.begin(), rotated.end());
          while (rotations--) pattern_rotate(int(icontrol) + 1);
        }
      }
    }
    emit_jump(Op::JUMP_FORWARD, end);
    emit_and_reset_fail_pop(pc);
  }
  pc = old;
  // No alternative matched: pop the remaining copy of the subject and fail.
  emit(Op::POP_TOP);
  jump_to_fail_pop(pc, Op::JUMP_FORWARD);
  bind(end);
  int nrots = int(control.size()) + 1 + pc.on_top + int(pc.stores.size());
  for (auto& name : control) {
    pattern_rotate(nrots);
    if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
      error(fmt::format("multiple assignments to name '{}' in pattern", name), _u->loc);
    pc.stores.push_back(name);
  }
  emit(Op::POP_TOP);  // the copy of the subject
}

void Compiler::pattern_sequence(const Pattern& p, PatternContext& pc) {
  size_t size = p.patterns.size();
  long star = -1;
  bool only_wildcard = true, star_wildcard = false;
  for (size_t i = 0; i < size; i++) {
    const Pattern& sub = *p.patterns[i];
    if (sub.kind == PatternKind::kStar) {
      if (star >= 0) error("multiple starred names in sequence pattern", _u->loc);
      star_wildcard = is_star_wildcard(sub);
      only_wildcard &= star_wildcard;
      star = long(i);
      continue;
    }
    only_wildcard &= is_wildcard(sub);
  }
  pc.on_top++;
  emit(Op::MATCH_SEQUENCE);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  if (star < 0) {
    emit(Op::GET_LEN);
    load_const(Const::integer(int64_t(size)));
    emit(Op::COMPARE_OP, uint32_t(CmpOp::EQ));
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  } else if (size > 1) {
    emit(Op::GET_LEN);
    load_const(Const::integer(int64_t(size - 1)));
    emit(Op::COMPARE_OP, uint32_t(CmpOp::GE));
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  }
  pc.on_top--;
  if (only_wildcard) {
    emit(Op::POP_TOP);
    return;
  }
  if (star_wildcard) {
    // [first, *_, last]: index the subject instead of unpacking it
    pc.on_top++;
    for (size_t i = 0; i < size; i++) {
      const Pattern& sub = *p.patterns[i];
      if (is_wildcard(sub) || long(i) == star) continue;
      emit(Op::COPY, 1);
      if (long(i) < star) {
        load_const(Const::integer(int64_t(i)));
      } else {
        emit(Op::GET_LEN);
        load_const(Const::integer(int64_t(size - i)));
        emit(Op::BINARY_OP, uint32_t(BinOp::SUBTRACT));
      }
      emit(Op::BINARY_SUBSCR);
      pattern_subpattern(sub, pc);
    }
    pc.on_top--;
    emit(Op::POP_TOP);
    return;
  }
  if (star >= 0) {
    if (star >= 256 || size - size_t(star) - 1 >= (1u << 16))
      error("too many expressions in star-unpacking sequence pattern", _u->loc);
    emit(Op::UNPACK_EX, uint32_t(star) | uint32_t((size - size_t(star) - 1) << 8));
  } else {
    emit(Op::UNPACK_SEQUENCE, uint32_t(size));
  }
  pc.on_top += int(size);
  for (size_t i = 0; i < size; i++) {
    pc.on_top--;
    pattern_subpattern(*p.patterns[i], pc);
  }
}

void Compiler::match_stmt(const Stmt& s) {
  expr(*s.value);
  int end = new_label();
  size_t cases = s.cases.size();
  bool has_default = cases > 1 && is_wildcard(*s.cases.back().pattern);
  for (size_t i = 0; i < cases - (has_default ? 1 : 0); i++) {
    const MatchCase& m = s.cases[i];
    set_loc(m.pattern->pos);
    bool last = i == cases - (has_default ? 1 : 0) - 1;
    if (!last) emit(Op::COPY, 1);
    PatternContext pc;
    pc.allow_irrefutable = m.guard != nullptr || i == cases - 1;
    pattern(*m.pattern, pc);
    for (auto& n : pc.stores) name_op(n, Ctx::kStore);
    if (m.guard) {
      ensure_fail_pop(pc, 0);
      jump_if(*m.guard, pc.fail_pop[0], false);
    }
    if (!last) emit(Op::POP_TOP);
    stmts(m.body);
    emit_jump(Op::JUMP_FORWARD, end);
    set_loc(m.pattern->pos);
    emit_and_reset_fail_pop(pc);
  }
  if (has_default) {
    const MatchCase& m = s.cases.back();
    set_loc(m.pattern->pos);
    emit(Op::NOP);
    if (m.guard) jump_if(*m.guard, end, false);
    stmts(m.body);
  }
  bind(end);
}

}  // namespace chaipy
