// tests/unit/test_builtins.cpp — builtins, math, time and sys called directly through the runtime
// (no compiler or VM involved). Expected values were checked against CPython 3.11.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "interp/runtime.h"

namespace chaipy {
namespace {

void init() {
  static bool done = [] {
    runtime_init(0, nullptr);
    return true;
  }();
  (void)done;
}

Value builtin(const char* name) { return dict_get_str(g_builtins, str_intern(name)); }
Value module_fn(const char* mod, const char* name) {
  Value m = import_name(str_intern(mod), g_builtins, Value::none(), 0);  // native modules load on import
  REQUIRE(m.is_obj());
  Value f = dict_get_str(m.as<ModuleObject>()->dict, str_intern(name));
  REQUIRE(!f.is_null());
  return f;
}
Value math(const char* name) { return module_fn("math", name); }

Value callv(Value f, std::vector<Value> args) { return call(f, args.data(), args.size()); }
// f(*pos, **kw) with keyword names given in order.
Value callkw(Value f, std::vector<Value> pos, std::vector<std::pair<const char*, Value>> kw) {
  TupleObject* names = tuple_new(kw.size());
  for (size_t i = 0; i < kw.size(); i++) {
    names->items[i] = obj(str_intern(kw[i].first));
    pos.push_back(kw[i].second);
  }
  return call(f, pos.data(), pos.size(), names);
}

Value I(int64_t i) { return int_from_i64(i); }
Value F(double d) { return Value::from_double(d); }
Value S(const char* s) { return str_value(s); }
Value big(const char* digits) { return int_from_string(digits, 10); }
Value list_of(std::vector<Value> items) {
  ListObject* l = list_new(0);
  for (Value v : items) list_append(l, v);
  return obj(l);
}

// The pending exception as "Type: message" (and cleared); "" if none is pending.
std::string error() {
  if (!exc_pending()) return "";
  Value e = exc_fetch();
  return std::string(type_name(e)) + ": " + str_utf8(e);
}
std::string r(Value v) {
  if (v.is_exc()) return "!" + error();
  return repr_utf8(v);
}
double d(Value v) {
  REQUIRE(v.is_double());
  return v.as_double();
}

}  // namespace

TEST_CASE("math: float functions match CPython", "[builtins][math]") {
  init();
  CHECK(d(callv(math("sqrt"), {F(2.0)})) == 1.4142135623730951);
  CHECK(d(callv(math("exp"), {I(1)})) == 2.718281828459045);
  CHECK(d(callv(math("log"), {I(10)})) == 2.302585092994046);
  CHECK(d(callv(math("log"), {I(8), I(2)})) == 3.0);
  CHECK(d(callv(math("log2"), {I(1024)})) == 10.0);
  CHECK(d(callv(math("sin"), {F(1.0)})) == 0.8414709848078965);
  CHECK(d(callv(math("atan2"), {F(0.0), F(-0.0)})) == 3.141592653589793);
  CHECK(d(callv(math("gamma"), {F(0.5)})) == 1.7724538509055159);
  CHECK(d(callv(math("gamma"), {F(-1.5)})) == 2.3632718012073544);
  CHECK(d(callv(math("gamma"), {F(171.5)})) == 9.483367566824801e+307);
  CHECK(d(callv(math("lgamma"), {F(-2.5)})) == -0.05624371649767457);
  CHECK(d(callv(math("erf"), {I(1)})) == 0.8427007929497149);
  CHECK(d(callv(math("hypot"), {I(3), F(4.0), Value::true_()})) == 5.0990195135927845);
  CHECK(d(callv(math("hypot"), {})) == 0.0);
  CHECK(d(callv(math("dist"), {tuple_pack({I(1), I(2)}), tuple_pack({I(4), I(6)})})) == 5.0);
  CHECK(d(callv(math("fmod"), {I(-5), I(3)})) == -2.0);
  CHECK(d(callv(math("remainder"), {I(5), I(2)})) == 1.0);
  CHECK(d(callv(math("cbrt"), {I(-8)})) == -2.0);
  CHECK(d(callv(math("ulp"), {F(0.0)})) == 5e-324);
  CHECK(d(callv(math("nextafter"), {I(1), I(2)})) == 1.0000000000000002);
  CHECK(d(callv(math("degrees"), {F(3.141592653589793)})) == 180.0);
  CHECK(d(callv(math("ldexp"), {I(1), I(2)})) == 4.0);
  CHECK(r(callv(math("modf"), {F(INFINITY)})) == "(0.0, inf)");
  CHECK(r(callv(math("frexp"), {F(8.0)})) == "(0.5, 4)");
  CHECK(r(callv(math("isclose"), {I(1), F(1.0000000001)})) == "True");
  CHECK(r(callkw(math("isclose"), {I(1), F(1.1)}, {{"rel_tol", F(0.2)}})) == "True");
}

TEST_CASE("math: logs of huge ints and exact integer functions", "[builtins][math]") {
  init();
  Value two_1000 = binary_op(int(BinOp::POWER), I(2), I(1000));
  CHECK(d(callv(math("log"), {two_1000})) == 693.1471805599453);
  CHECK(d(callv(math("log2"), {two_1000})) == 1000.0);
  Value ten_400 = binary_op(int(BinOp::POWER), I(10), I(400));
  CHECK(d(callv(math("log10"), {ten_400})) == 400.0);
  CHECK(d(callv(math("log"), {ten_400})) == 921.0340371976182);
  CHECK(r(callv(math("factorial"), {I(30)})) == "265252859812191058636308480000000");
  CHECK(r(callv(math("comb"), {binary_op(int(BinOp::POWER), I(10), I(20)), I(3)})) ==
        "166666666666666666661666666666666666666700000000000000000000");
  CHECK(r(callv(math("perm"), {I(10), I(3)})) == "720");
  CHECK(r(callv(math("perm"), {I(5)})) == "120");
  CHECK(r(callv(math("comb"), {I(3), I(5)})) == "0");
  CHECK(r(callv(math("gcd"), {I(-4), I(6)})) == "2");
  CHECK(r(callv(math("gcd"), {})) == "0");
  CHECK(r(callv(math("lcm"), {I(-4), I(6)})) == "12");
  CHECK(r(callv(math("isqrt"), {big("1000000000000000000000000000000")})) == "1000000000000000");
  CHECK(r(callv(math("floor"), {F(-0.5)})) == "-1");
  CHECK(r(callv(math("ceil"), {F(-0.5)})) == "0");
  CHECK(r(callv(math("trunc"), {F(2.5)})) == "2");
  CHECK(r(callv(math("floor"), {Value::true_()})) == "1");
  CHECK(r(callv(math("floor"), {F(1e22)})) == "10000000000000000000000");
  CHECK(r(callv(math("prod"), {list_of({I(1), I(2), I(3), I(4)})})) == "24");
  CHECK(r(callkw(math("prod"), {list_of({})}, {{"start", F(2.0)}})) == "2.0");
}

TEST_CASE("math: fsum is exact", "[builtins][math]") {
  init();
  std::vector<Value> tenth(10, F(0.1));
  CHECK(d(callv(math("fsum"), {list_of(tenth)})) == 1.0);
  CHECK(d(callv(math("fsum"), {list_of({F(1e100), F(1.0), F(-1e100), F(1e-100), F(1e50), F(-1.0), F(-1e50)})})) ==
        1e-100);
  CHECK(r(callv(math("fsum"), {list_of({F(INFINITY), F(-INFINITY)})})) == "!ValueError: -inf + inf in fsum");
  CHECK(r(callv(math("fsum"), {list_of({F(1e308), F(1e308)})})) == "!OverflowError: intermediate overflow in fsum");
}

TEST_CASE("math: domain and range errors", "[builtins][math]") {
  init();
  CHECK(r(callv(math("sqrt"), {I(-1)})) == "!ValueError: math domain error");
  CHECK(r(callv(math("log"), {I(0)})) == "!ValueError: math domain error");
  CHECK(r(callv(math("log"), {I(1), I(1)})) == "!ZeroDivisionError: float division by zero");
  CHECK(r(callv(math("exp"), {I(1000)})) == "!OverflowError: math range error");
  CHECK(r(callv(math("atanh"), {I(1)})) == "!ValueError: math domain error");
  CHECK(r(callv(math("sin"), {F(INFINITY)})) == "!ValueError: math domain error");
  CHECK(r(callv(math("gamma"), {I(0)})) == "!ValueError: math domain error");
  CHECK(r(callv(math("gamma"), {I(200)})) == "!OverflowError: math range error");
  CHECK(r(callv(math("pow"), {I(0), I(-1)})) == "!ValueError: math domain error");
  CHECK(r(callv(math("pow"), {I(2), I(1024)})) == "!OverflowError: math range error");
  CHECK(r(callv(math("factorial"), {I(-1)})) == "!ValueError: factorial() not defined for negative values");
  CHECK(r(callv(math("factorial"), {F(5.0)})) == "!TypeError: 'float' object cannot be interpreted as an integer");
  CHECK(r(callv(math("sqrt"), {S("a")})) == "!TypeError: must be real number, not str");
  CHECK(r(callv(math("floor"), {F(NAN)})) == "!ValueError: cannot convert float NaN to integer");
  CHECK(r(callv(math("ceil"), {F(INFINITY)})) == "!OverflowError: cannot convert float infinity to integer");
  CHECK(r(callv(math("isqrt"), {I(-1)})) == "!ValueError: isqrt() argument must be nonnegative");
  CHECK(r(callv(math("comb"), {I(-1), I(2)})) == "!ValueError: n must be a non-negative integer");
  CHECK(r(callv(math("dist"), {tuple_pack({I(1)}), tuple_pack({I(1), I(2)})})) ==
        "!ValueError: both points must have the same number of dimensions");
}

TEST_CASE("builtins: round", "[builtins]") {
  init();
  Value round = builtin("round");
  CHECK(r(callv(round, {F(2.675), I(2)})) == "2.67");
  CHECK(r(callv(round, {F(0.5)})) == "0");
  CHECK(r(callv(round, {F(1.5)})) == "2");
  CHECK(r(callv(round, {F(-2.5)})) == "-2");
  CHECK(r(callv(round, {F(2.5), Value::none()})) == "2");
  CHECK(r(callv(round, {I(123), I(-1)})) == "120");
  CHECK(r(callv(round, {I(125), I(-1)})) == "120");
  CHECK(r(callv(round, {I(135), I(-1)})) == "140");
  CHECK(r(callv(round, {F(-0.4), I(0)})) == "-0.0");
  CHECK(r(callv(round, {F(NAN)})) == "!ValueError: cannot convert float NaN to integer");
  CHECK(r(callv(round, {S("a")})) == "!TypeError: type str doesn't define __round__ method");
}

TEST_CASE("builtins: min, max, sum", "[builtins]") {
  init();
  Value l = list_of({I(3), I(1), I(2)});
  CHECK(r(callv(builtin("max"), {l})) == "3");
  CHECK(r(callv(builtin("min"), {l})) == "1");
  CHECK(r(callv(builtin("max"), {I(3), F(7.5), I(2)})) == "7.5");
  CHECK(r(callv(builtin("max"), {list_of({})})) == "!ValueError: max() arg is an empty sequence");
  CHECK(r(callv(builtin("min"), {list_of({})})) == "!ValueError: min() arg is an empty sequence");
  CHECK(r(callkw(builtin("max"), {list_of({})}, {{"default", I(7)}})) == "7");
  CHECK(r(callkw(builtin("min"), {list_of({S("bb"), S("a"), S("ccc")})}, {{"key", builtin("len")}})) == "'a'");
  CHECK(r(callv(builtin("max"), {})) == "!TypeError: max expected at least 1 argument, got 0");
  CHECK(r(callkw(builtin("max"), {I(1), I(2)}, {{"default", I(3)}})) ==
        "!TypeError: Cannot specify a default for max() with multiple positional arguments");
  std::vector<Value> tenth(10, F(0.1));
  CHECK(r(callv(builtin("sum"), {list_of(tenth)})) == "0.9999999999999999");
  CHECK(r(callv(builtin("sum"), {list_of({I(1), I(2), F(0.5)})})) == "3.5");
  CHECK(r(callkw(builtin("sum"), {list_of({I(1), I(2)})}, {{"start", I(10)}})) == "13");
  CHECK(r(callv(builtin("sum"), {list_of({int_from_i64(INT64_MAX), int_from_i64(INT64_MAX)})})) ==
        "18446744073709551614");
  CHECK(r(callv(builtin("sum"), {list_of({S("a")}), S("")})) ==
        "!TypeError: sum() can't sum strings [use ''.join(seq) instead]");
}

TEST_CASE("builtins: numbers and conversions", "[builtins]") {
  init();
  CHECK(r(callv(builtin("abs"), {I(-5)})) == "5");
  CHECK(r(callv(builtin("abs"), {F(-0.0)})) == "0.0");
  CHECK(r(callv(builtin("abs"), {S("x")})) == "!TypeError: bad operand type for abs(): 'str'");
  CHECK(r(callv(builtin("divmod"), {I(-7), I(2)})) == "(-4, 1)");
  CHECK(r(callv(builtin("divmod"), {F(7.5), I(-2)})) == "(-4.0, -0.5)");
  CHECK(r(callv(builtin("divmod"), {I(1), I(0)})) == "!ZeroDivisionError: integer division or modulo by zero");
  CHECK(r(callv(builtin("divmod"), {F(1.0), I(0)})) == "!ZeroDivisionError: float divmod()");
  CHECK(r(callv(builtin("pow"), {I(2), I(10)})) == "1024");
  CHECK(r(callv(builtin("pow"), {I(3), I(-1), I(7)})) == "5");
  CHECK(r(callv(builtin("pow"), {I(2), I(3), I(0)})) == "!ValueError: pow() 3rd argument cannot be 0");
  CHECK(r(callv(builtin("pow"), {F(2.0), I(3), I(5)})) ==
        "!TypeError: pow() 3rd argument not allowed unless all arguments are integers");
  CHECK(r(callv(builtin("hex"), {I(-1)})) == "'-0x1'");
  CHECK(r(callv(builtin("hex"), {I(255)})) == "'0xff'");
  CHECK(r(callv(builtin("oct"), {I(8)})) == "'0o10'");
  CHECK(r(callv(builtin("bin"), {I(-5)})) == "'-0b101'");
  CHECK(r(callv(builtin("hex"), {F(1.0)})) == "!TypeError: 'float' object cannot be interpreted as an integer");
  CHECK(r(callv(builtin("chr"), {I(65)})) == "'A'");
  CHECK(r(callv(builtin("chr"), {I(0x110000)})) == "!ValueError: chr() arg not in range(0x110000)");
  CHECK(r(callv(builtin("ord"), {S("\xc3\xa9")})) == "233");
  CHECK(r(callv(builtin("ord"), {S("ab")})) == "!TypeError: ord() expected a character, but string of length 2 found");
  CHECK(r(callv(builtin("ascii"), {S("\xc3\xa9")})) == "\"'\\\\xe9'\"");
  CHECK(r(callv(builtin("len"), {list_of({I(1), I(2)})})) == "2");
  CHECK(r(callv(builtin("len"), {I(1)})) == "!TypeError: object of type 'int' has no len()");
}

TEST_CASE("builtins: isinstance, callable, attributes", "[builtins]") {
  init();
  Value int_t = builtin("int"), str_t = builtin("str");
  CHECK(r(callv(builtin("isinstance"), {Value::true_(), int_t})) == "True");
  CHECK(r(callv(builtin("isinstance"), {I(1), tuple_pack({str_t, tuple_pack({int_t})})})) == "True");
  CHECK(r(callv(builtin("isinstance"), {I(1), str_t})) == "False");
  CHECK(r(callv(builtin("isinstance"), {I(1), I(2)})) ==
        "!TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
  CHECK(r(callv(builtin("issubclass"), {builtin("bool"), int_t})) == "True");
  CHECK(r(callv(builtin("issubclass"), {builtin("ValueError"), builtin("Exception")})) == "True");
  CHECK(r(callv(builtin("issubclass"), {I(1), int_t})) == "!TypeError: issubclass() arg 1 must be a class");
  CHECK(r(callv(builtin("callable"), {builtin("len")})) == "True");
  CHECK(r(callv(builtin("callable"), {I(1)})) == "False");
  CHECK(r(callv(builtin("getattr"), {I(1), S("nope"), I(5)})) == "5");
  CHECK(r(callv(builtin("hasattr"), {I(1), S("nope")})) == "False");
  CHECK(r(callv(builtin("getattr"), {I(1), I(2)})) == "!TypeError: attribute name must be string, not 'int'");
  CHECK(builtin("None") == Value::none());
  CHECK(builtin("NotImplemented") == g_not_implemented);
  CHECK(builtin("ZeroDivisionError") == obj(exc::ZeroDivisionError));
}

TEST_CASE("builtins: iterators", "[builtins]") {
  init();
  auto collect = [](Value it) {
    Value l = to_list(it);
    return r(l);
  };
  Value l = list_of({S("a"), S("b")});
  CHECK(collect(callkw(builtin("enumerate"), {l}, {{"start", I(1)}})) == "[(1, 'a'), (2, 'b')]");
  CHECK(collect(callv(builtin("zip"), {l, list_of({I(1), I(2), I(3)})})) == "[('a', 1), ('b', 2)]");
  CHECK(r(to_list(callkw(builtin("zip"), {l, list_of({I(1)})}, {{"strict", Value::true_()}}))) ==
        "!ValueError: zip() argument 2 is shorter than argument 1");
  CHECK(collect(callv(builtin("map"), {builtin("abs"), list_of({I(-1), I(2)})})) == "[1, 2]");
  CHECK(collect(callv(builtin("map"), {builtin("pow"), list_of({I(2), I(3)}), list_of({I(3), I(2)})})) == "[8, 9]");
  CHECK(collect(callv(builtin("filter"), {Value::none(), list_of({I(0), I(1), S(""), S("x")})})) == "[1, 'x']");
  CHECK(collect(callv(builtin("reversed"), {list_of({I(1), I(2), I(3)})})) == "[3, 2, 1]");
  CHECK(collect(callv(builtin("reversed"), {range_new(0, 10, 3)})) == "[9, 6, 3, 0]");
  CHECK(collect(callv(builtin("reversed"), {tuple_pack({I(1), I(2)})})) == "[2, 1]");
  CHECK(r(callv(builtin("reversed"), {I(1)})) == "!TypeError: 'int' object is not reversible");
  CHECK(r(callv(builtin("sorted"), {list_of({I(3), I(1), I(2)})})) == "[1, 2, 3]");
  CHECK(r(callkw(builtin("sorted"), {list_of({I(3), I(1), I(2)})}, {{"reverse", Value::true_()}})) == "[3, 2, 1]");
  CHECK(r(callv(builtin("any"), {list_of({I(0), I(2)})})) == "True");
  CHECK(r(callv(builtin("all"), {list_of({I(0), I(2)})})) == "False");
  CHECK(r(callv(builtin("all"), {list_of({})})) == "True");
  Value it = callv(builtin("iter"), {list_of({I(1)})});
  CHECK(r(callv(builtin("next"), {it})) == "1");
  CHECK(r(callv(builtin("next"), {it, S("done")})) == "'done'");
  CHECK(r(callv(builtin("next"), {it})).rfind("!StopIteration", 0) == 0);
  CHECK(r(callv(builtin("next"), {I(1)})) == "!TypeError: 'int' object is not an iterator");
}

TEST_CASE("sys and time", "[builtins][sys]") {
  init();
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  REQUIRE(!sys.is_null());
  CHECK(r(getattr(sys, str_intern("maxsize"))) == "9223372036854775807");
  CHECK(r(getattr(sys, str_intern("platform"))) == "'linux'");
  CHECK(r(getattr(getattr(sys, str_intern("implementation")), str_intern("name"))) == "'chaipy'");
  CHECK(r(getattr(getattr(sys, str_intern("version_info")), str_intern("major"))) == "3");
  CHECK(r(callv(module_fn("sys", "getrecursionlimit"), {})) == "1000");
  CHECK(r(callv(module_fn("sys", "setrecursionlimit"), {I(0)})) ==
        "!ValueError: recursion limit must be greater or equal than 1");
  CHECK(r(callv(module_fn("sys", "setrecursionlimit"), {I(2000)})) == "None");
  CHECK(g_recursion_limit == 2000);
  callv(module_fn("sys", "setrecursionlimit"), {I(1000)});
  Value t1 = callv(module_fn("time", "perf_counter"), {});
  Value t2 = callv(module_fn("time", "perf_counter"), {});
  CHECK(d(t2) >= d(t1));
  CHECK(r(callv(module_fn("time", "sleep"), {I(-1)})) == "!ValueError: sleep length must be non-negative");
  CHECK(r(callv(module_fn("time", "sleep"), {F(0.001)})) == "None");
}

}  // namespace chaipy
