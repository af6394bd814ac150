// tests/unit/test_hostile_bytecode.cpp — code objects the validator accepts (the stack depths
// are consistent) but whose operands are of kinds only a crafted .pyc produces: a BUILD_STRING
// over ints, a comprehension appending to a non-list, RERAISE of a non-exception... The VM must
// raise SystemError instead of trusting the layout (issue 14: a cache file is never trusted).
#include <catch2/catch.hpp>

#include "frontend/compile.h"
#include "interp/opcodes.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "pycache/marshal.h"

using namespace chaipy;

namespace {

void init_runtime() {
  static bool done = false;
  if (!done) {
    runtime_init(0, nullptr);
    vm_init();
    done = true;
  }
}

struct Insn {
  Op op;
  uint32_t arg;
};

// A module whose body is `body` followed by `return None`: consts are [1, None], no names.
CodeUnit module_with(const std::vector<Insn>& body) {
  CompileResult r = compile_source("x = 1\n", "<hostile>");
  REQUIRE_FALSE(r.error);
  CodeUnit c = *r.code;
  REQUIRE(c.consts.size() == 2);
  REQUIRE(c.consts[0].kind == Const::Kind::Int);
  REQUIRE(c.consts[1].kind == Const::Kind::None);
  c.code.clear();
  for (const Insn& i : body) c.code.push_back(make_insn(i.op, i.arg));
  c.code.push_back(make_insn(Op::LOAD_CONST, 1));
  c.code.push_back(make_insn(Op::RETURN_VALUE, 0));
  c.positions.assign(c.code.size(), c.positions.front());
  c.exceptions.clear();
  c.names.clear();
  c.stacksize = 8;
  return c;
}

// Runs a code object the validator accepted; returns the type name of the exception raised
// ("" if it returned normally).
std::string run_accepted(const CodeUnit& c) {
  init_runtime();
  INFO(pyc::validate_code(c));
  REQUIRE(pyc::validate_code(c) == "");
  DictObject* globals = dict_new();
  dict_set_str(globals, str_intern("__name__"), str_value("__hostile__"));
  Value r = vm_run_module(code_from_unit(std::make_shared<CodeUnit>(c)), globals);
  if (!r.is_exc()) return "";
  Value e = exc_fetch();
  return std::string(type_of(e)->name->view());
}

const Insn kInt{Op::LOAD_CONST, 0};

}  // namespace

TEST_CASE("operands of the wrong kind raise SystemError, never crash", "[pycache][vm]") {
  SECTION("BUILD_STRING over ints") {
    CHECK(run_accepted(module_with({kInt, kInt, {Op::BUILD_STRING, 2}})) == "SystemError");
  }
  SECTION("comprehension appends to a non-container") {
    CHECK(run_accepted(module_with({kInt, kInt, {Op::LIST_APPEND, 1}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, kInt, {Op::SET_ADD, 1}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, kInt, kInt, {Op::MAP_ADD, 1}})) == "SystemError");
  }
  SECTION("extend/update/merge into a non-container") {
    // the source is a real iterable / mapping, the target is an int
    for (Op op : {Op::LIST_EXTEND, Op::SET_UPDATE}) {
      CHECK(run_accepted(module_with({kInt, {Op::BUILD_LIST, 0}, {op, 1}})) == "SystemError");
    }
    for (Op op : {Op::DICT_UPDATE, Op::DICT_MERGE}) {
      CHECK(run_accepted(module_with({kInt, kInt, kInt, {Op::BUILD_MAP, 0}, {op, 1}})) == "SystemError");
    }
  }
  SECTION("BUILD_CONST_KEY_MAP whose keys are not a tuple") {
    CHECK(run_accepted(module_with({kInt, kInt, {Op::BUILD_CONST_KEY_MAP, 1}})) == "SystemError");
  }
  SECTION("FORMAT_VALUE with a non-string spec") {
    CHECK(run_accepted(module_with({kInt, kInt, {Op::FORMAT_VALUE, 4}})) == "SystemError");
  }
  SECTION("MAKE_FUNCTION defaults that are not a tuple") {
    CompileResult r = compile_source("def f(a=1):\n    return a\n", "<hostile>");
    REQUIRE_FALSE(r.error);
    CodeUnit c = *r.code;
    // LOAD_CONST (1,) ; LOAD_CONST <code> ; MAKE_FUNCTION 1: make the defaults an int
    for (size_t i = 0; i + 2 < c.code.size(); i++) {
      if (insn_op(c.code[i + 2]) == Op::MAKE_FUNCTION && insn_op(c.code[i]) == Op::LOAD_CONST) {
        const uint32_t k = insn_arg(c.code[i]);
        REQUIRE(c.consts[k].kind == Const::Kind::Tuple);
        c.consts[k] = Const::integer(5);
      }
    }
    CHECK(run_accepted(c) == "SystemError");
  }
  SECTION("a closure tuple holding something other than cells") {
    CompileResult r = compile_source("def f(a):\n    def g():\n        return a\n    return g\nf(1)()\n", "<hostile>");
    REQUIRE_FALSE(r.error);
    CodeUnit m = *r.code;
    for (Const& k : m.consts) {
      if (k.kind != Const::Kind::Code) continue;
      auto f = std::make_shared<CodeUnit>(*k.code);
      for (uint32_t& w : f->code)  // the cell pushed for the closure becomes an int
        if (insn_op(w) == Op::LOAD_CLOSURE) w = make_insn(Op::LOAD_CONST, 0);
      REQUIRE(f->consts.size() > 0);
      k.code = f;
    }
    CHECK(run_accepted(m) == "SystemError");
  }
  SECTION("exception handling over non-exceptions") {
    CHECK(run_accepted(module_with({kInt, kInt, {Op::RERAISE, 1}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, kInt, {Op::RERAISE, 0}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, {Op::PUSH_EXC_INFO, 0}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, {Op::POP_EXCEPT, 0}, {Op::RAISE_VARARGS, 0}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, kInt, {Op::CHECK_EG_MATCH, 0}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, kInt, {Op::PREP_RERAISE_STAR, 0}})) == "SystemError");
    CHECK(run_accepted(module_with({kInt, kInt, {Op::END_ASYNC_FOR, 0}})) == "SystemError");
  }
}
