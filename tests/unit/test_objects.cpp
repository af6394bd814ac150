// tests/unit/test_objects.cpp — unit tests for the built-in object types (interp/objects/), with
// expected values taken from CPython 3.11.
#include <catch2/catch.hpp>

#include <string>

#include "interp/objects/objects.h"

using namespace chaipy;

namespace {

void init_once() {
  static bool done = false;
  if (!done) {
    runtime_init(0, nullptr);
    done = true;
  }
}

std::string R(Value v) {
  if (v.is_exc()) {
    Value e = exc_fetch();
    return "EXC " + std::string(type_name(e)) + ": " + str_utf8(e);
  }
  return repr_utf8(v);
}

Value I(const char* s) { return int_from_string(s, 10); }
Value F(double d) { return Value::from_double(d); }
Value S(const char* s) { return str_value(s); }
Value bin(BinOp op, Value a, Value b) { return binary_op(int(op), a, b); }
std::string fmt_(Value v, const char* spec) { return R(format_value(v, str_new(spec))); }

Value set_of(std::initializer_list<int64_t> xs) {
  SetObject* s = set_new(types::set);
  for (int64_t x : xs) set_add(s, int_from_i64(x));
  return obj(s);
}

Value call_method0(Value self, const char* name, std::initializer_list<Value> args = {}) {
  std::vector<Value> a(args);
  return call_method(self, str_intern(name), a.data(), a.size());
}

}  // namespace

TEST_CASE("int: immediates, int64 and mpz boundaries", "[objects][int]") {
  init_once();
  Value max48 = int_from_i64(Value::kSmallIntMax);
  CHECK(max48.is_small_int());
  Value over = bin(BinOp::ADD, max48, int_from_i64(1));
  CHECK(over.is_obj());
  CHECK(R(over) == "140737488355328");
  CHECK(bin(BinOp::SUBTRACT, over, int_from_i64(1)).is_small_int());
  Value i63 = I("9223372036854775807");
  CHECK_FALSE(i63.as<IntObject>()->is_big);
  Value big = bin(BinOp::ADD, i63, int_from_i64(1));
  CHECK(big.as<IntObject>()->is_big);
  CHECK(R(big) == "9223372036854775808");
  CHECK(R(bin(BinOp::MULTIPLY, I("9223372036854775808"), I("9223372036854775808"))) ==
        "85070591730234615865843651857942052864");
  CHECK(R(bin(BinOp::FLOOR_DIVIDE, I("-9223372036854775808"), int_from_i64(-1))) == "9223372036854775808");
  CHECK(R(bin(BinOp::POWER, int_from_i64(2), int_from_i64(100))) == "1267650600228229401496703205376");
  CHECK(R(bin(BinOp::POWER, int_from_i64(2), int_from_i64(-1))) == "0.5");
  CHECK(R(bin(BinOp::LSHIFT, int_from_i64(1), int_from_i64(70))) == "1180591620717411303424");
  CHECK(R(bin(BinOp::RSHIFT, int_from_i64(-5), int_from_i64(1))) == "-3");
  CHECK(R(bin(BinOp::LSHIFT, int_from_i64(1), int_from_i64(-1))) == "EXC ValueError: negative shift count");
}

TEST_CASE("int: floor division, modulo and bit ops follow Python", "[objects][int]") {
  init_once();
  CHECK(R(bin(BinOp::FLOOR_DIVIDE, int_from_i64(7), int_from_i64(-2))) == "-4");
  CHECK(R(bin(BinOp::REMAINDER, int_from_i64(-7), int_from_i64(3))) == "2");
  CHECK(R(bin(BinOp::FLOOR_DIVIDE, I("-100000000000000000000"), int_from_i64(7))) == "-14285714285714285715");
  CHECK(R(bin(BinOp::REMAINDER, I("-100000000000000000000"), int_from_i64(7))) == "5");
  CHECK(R(bin(BinOp::REMAINDER, I("100000000000000000000"), int_from_i64(-7))) == "-5");
  CHECK(R(bin(BinOp::FLOOR_DIVIDE, int_from_i64(1), int_from_i64(0))) == "EXC ZeroDivisionError: integer division or modulo by zero");
  CHECK(R(bin(BinOp::REMAINDER, int_from_i64(1), int_from_i64(0))) == "EXC ZeroDivisionError: integer modulo by zero");
  CHECK(R(bin(BinOp::TRUE_DIVIDE, int_from_i64(1), int_from_i64(0))) == "EXC ZeroDivisionError: division by zero");
  CHECK(R(bin(BinOp::AND, int_from_i64(-5), int_from_i64(3))) == "3");
  CHECK(R(bin(BinOp::OR, int_from_i64(-5), int_from_i64(3))) == "-5");
  CHECK(R(bin(BinOp::XOR, int_from_i64(-5), int_from_i64(3))) == "-8");
  CHECK(R(unary_op(Op::UNARY_INVERT, int_from_i64(5))) == "-6");
  CHECK(R(bin(BinOp::TRUE_DIVIDE, I("100000000000000000000"), int_from_i64(3))) == "3.333333333333333e+19");
  CHECK(R(bin(BinOp::TRUE_DIVIDE, bin(BinOp::POWER, int_from_i64(10), int_from_i64(400)), int_from_i64(1))) ==
        "EXC OverflowError: integer division result too large for a float");
}

TEST_CASE("int: hash, comparisons with floats, parsing", "[objects][int]") {
  init_once();
  CHECK(hash(int_from_i64(-1)) == -2);
  CHECK(hash(bin(BinOp::POWER, int_from_i64(2), int_from_i64(61))) == 1);
  CHECK(hash(I("2305843009213693951")) == 0);
  CHECK(hash(I("-9223372036854775808")) == -4);
  CHECK(R(richcompare(int_from_i64(1), F(1.0), CmpOp::EQ)) == "True");
  Value p53 = bin(BinOp::ADD, bin(BinOp::POWER, int_from_i64(2), int_from_i64(53)), int_from_i64(1));
  CHECK(R(richcompare(p53, F(9007199254740992.0), CmpOp::EQ)) == "False");
  CHECK(R(richcompare(p53, F(9007199254740992.0), CmpOp::GT)) == "True");
  CHECK(R(int_from_string("  -0b101  ", 0)) == "-5");
  CHECK(R(int_from_string("0x_1f", 0)) == "31");
  CHECK(R(int_from_string("1_000", 10)) == "1000");
  CHECK(R(int_from_string("010", 0)) == "EXC ValueError: invalid literal for int() with base 0: '010'");
  CHECK(R(int_from_string("1__0", 10)) == "EXC ValueError: invalid literal for int() with base 10: '1__0'");
  CHECK(R(int_from_string("z", 36)) == "35");
  CHECK(R(int_round(int_from_i64(1250), int_from_i64(-2))) == "1200");
  CHECK(R(int_round(int_from_i64(1350), int_from_i64(-2))) == "1400");
  std::string nines(5000, '9');
  CHECK(R(int_from_string(nines, 10)).find("EXC ValueError: Exceeds the limit (4300 digits)") == 0);
  Value huge = bin(BinOp::POWER, int_from_i64(10), int_from_i64(5000));
  CHECK(R(repr(huge)).find("EXC ValueError: Exceeds the limit (4300 digits) for integer string conversion; use") == 0);
}

TEST_CASE("bool is an int subclass", "[objects][int]") {
  init_once();
  CHECK(R(bin(BinOp::ADD, Value::true_(), Value::true_())) == "2");
  CHECK(R(bin(BinOp::AND, Value::true_(), Value::false_())) == "False");
  CHECK(R(bin(BinOp::OR, Value::true_(), int_from_i64(1))) == "1");
  CHECK(R(bin(BinOp::XOR, Value::true_(), Value::true_())) == "False");
}

TEST_CASE("float: repr table", "[objects][float]") {
  init_once();
  struct { double d; const char* r; } table[] = {
      {1e16, "1e+16"}, {1e-5, "1e-05"}, {0.0001, "0.0001"}, {1.5, "1.5"}, {-0.0, "-0.0"}, {0.1 + 0.2, "0.30000000000000004"},
      {123456789012345678.0, "1.2345678901234568e+17"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
      {1e22, "1e+22"}, {123456789.123, "123456789.123"}, {2.5e-5, "2.5e-05"}, {9.223372036854776e18, "9.223372036854776e+18"},
      {100.0, "100.0"}, {1e15, "1000000000000000.0"}};
  for (auto& t : table) CHECK(R(F(t.d)) == t.r);
  CHECK(R(F(INFINITY)) == "inf");
  CHECK(R(F(-INFINITY)) == "-inf");
  CHECK(R(F(NAN)) == "nan");
}

TEST_CASE("float: arithmetic, hash, round, parse", "[objects][float]") {
  init_once();
  CHECK(R(bin(BinOp::TRUE_DIVIDE, F(1), int_from_i64(0))) == "EXC ZeroDivisionError: float division by zero");
  CHECK(R(bin(BinOp::FLOOR_DIVIDE, F(1), int_from_i64(0))) == "EXC ZeroDivisionError: float floor division by zero");
  CHECK(R(bin(BinOp::REMAINDER, F(1), int_from_i64(0))) == "EXC ZeroDivisionError: float modulo");
  CHECK(R(bin(BinOp::FLOOR_DIVIDE, F(-7.5), int_from_i64(2))) == "-4.0");
  CHECK(R(bin(BinOp::REMAINDER, F(-7.5), int_from_i64(2))) == "0.5");
  CHECK(R(bin(BinOp::REMAINDER, F(7.5), int_from_i64(-2))) == "-0.5");
  CHECK(R(bin(BinOp::REMAINDER, F(0.0), int_from_i64(-5))) == "-0.0");
  CHECK(R(bin(BinOp::POWER, F(0.0), int_from_i64(-1))) == "EXC ZeroDivisionError: 0.0 cannot be raised to a negative power");
  CHECK(R(bin(BinOp::POWER, F(-8.0), F(1.0 / 3))) == "(1.0000000000000002+1.7320508075688772j)");
  CHECK(R(bin(BinOp::ADD, bin(BinOp::POWER, int_from_i64(2), int_from_i64(53)), F(1.0))) == "9007199254740992.0");
  CHECK(hash(F(1.5)) == 1152921504606846977LL);
  CHECK(hash(F(0.1)) == 230584300921369408LL);
  CHECK(hash(F(1e300)) == 1224995262755759164LL);
  CHECK(hash(F(INFINITY)) == 314159);
  CHECK(hash(F(3.0)) == 3);
  CHECK(R(float_round(2.675, int_from_i64(2))) == "2.67");
  CHECK(R(float_round(0.5, Value::null())) == "0");
  CHECK(R(float_round(1.5, Value::null())) == "2");
  CHECK(R(float_round(-2.5, Value::null())) == "-2");
  CHECK(R(float_round(123.456, int_from_i64(-1))) == "120.0");
  CHECK(R(float_round(-0.4, int_from_i64(0))) == "-0.0");
  CHECK(R(float_round(1.5e308, int_from_i64(-308))) == "EXC OverflowError: rounded value too large to represent");
  CHECK(R(float_from_string(" 1_0.5 ", Value::null())) == "10.5");
  CHECK(R(float_from_string("-iNfInItY", Value::null())) == "-inf");
  CHECK(R(float_from_string("abc", S("abc"))) == "EXC ValueError: could not convert string to float: 'abc'");
  CHECK(R(float_from_string("0x10", S("0x10"))) == "EXC ValueError: could not convert string to float: '0x10'");
}

TEST_CASE("format spec mini-language", "[objects][format]") {
  init_once();
  CHECK(fmt_(F(1234567.891), ",.2f") == "'1,234,567.89'");
  CHECK(fmt_(S("a"), ">10") == "'         a'");
  CHECK(fmt_(F(3.14159), "08.3f") == "'0003.142'");
  CHECK(fmt_(F(12345.678), "e") == "'1.234568e+04'");
  CHECK(fmt_(int_from_i64(1234), "08,") == "'0,001,234'");
  CHECK(fmt_(int_from_i64(1234567), "_x") == "'12_d687'");
  CHECK(fmt_(int_from_i64(255), "#010_b") == "'0b1111_1111'");
  CHECK(fmt_(F(-1234.5), "012,.2f") == "'-0,001,234.50'");
  CHECK(fmt_(int_from_i64(65), "c") == "'A'");
  CHECK(fmt_(int_from_i64(5), "+c") == "EXC ValueError: Sign not allowed with integer format specifier 'c'");
  CHECK(fmt_(int_from_i64(5), ".2d") == "EXC ValueError: Precision not allowed in integer format specifier");
  CHECK(fmt_(F(1.5), "d") == "EXC ValueError: Unknown format code 'd' for object of type 'float'");
  CHECK(fmt_(S("abc"), ".2") == "'ab'");
  CHECK(fmt_(int_from_i64(3), "%") == "'300.000000%'");
  CHECK(fmt_(F(1.0), ".3") == "'1.0'");
  CHECK(fmt_(F(1234.5), ".3") == "'1.23e+03'");
  CHECK(fmt_(F(1.0), "10") == "'       1.0'");
  CHECK(fmt_(F(-0.0), "z.1f") == "'0.0'");
  CHECK(fmt_(F(123.456), "#.0f") == "'123.'");
  CHECK(fmt_(F(1.5), "#g") == "'1.50000'");
  CHECK(fmt_(F(NAN), "+08.2f") == "'+0000nan'");
  CHECK(fmt_(Value::true_(), "") == "'True'");
  CHECK(fmt_(Value::true_(), ">5") == "'    1'");
  CHECK(fmt_(int_from_i64(1), ",_") == "EXC ValueError: Cannot specify both ',' and '_'.");
  CHECK(fmt_(int_from_i64(1), "abc") == "EXC ValueError: Invalid format specifier 'abc' for object of type 'int'");
  CHECK(fmt_(F(2.5), ".0f") == "'2'");
  CHECK(fmt_(int_from_i64(-5), "#x") == "'-0x5'");
  CHECK(fmt_(S("x"), "*^8") == "'***x****'");
  CHECK(fmt_(int_from_i64(-1), "=+5") == "'-   1'");
  CHECK(fmt_(F(1e16), "G") == "'1E+16'");
}

TEST_CASE("printf-style and str.format", "[objects][format]") {
  init_once();
  Value args = tuple_pack({F(3.14159), S("a"), S("b"), int_from_i64(42), int_from_i64(255), int_from_i64(8), F(12345.678),
                           F(0.0001), int_from_i64(65)});
  CHECK(R(str_percent_format(str_new("%5.2f|%s|%r|%d|%x|%o|%e|%g|%c|%%"), args)) ==
        "\" 3.14|a|'b'|42|ff|10|1.234568e+04|0.0001|A|%\"");
  CHECK(R(str_percent_format(str_new("%s %s"), tuple_pack({int_from_i64(1)}))) == "EXC TypeError: not enough arguments for format string");
  CHECK(R(str_percent_format(str_new("%s"), tuple_pack({int_from_i64(1), int_from_i64(2)}))) ==
        "EXC TypeError: not all arguments converted during string formatting");
  CHECK(R(str_percent_format(str_new("%05d|%-5d|%+d|%#x|%#o|%.3d"), tuple_pack({int_from_i64(-3), int_from_i64(3), int_from_i64(3),
                                                                              int_from_i64(255), int_from_i64(8), int_from_i64(5)}))) ==
        "'-0003|3    |+3|0xff|0o10|005'");
  CHECK(R(str_percent_format(str_new("%z"), int_from_i64(1))) == "EXC ValueError: unsupported format character 'z' (0x7a) at index 1");
  DictObject* d = dict_new();
  dict_set(d, S("a"), int_from_i64(1));
  dict_set(d, S("b"), int_from_i64(2));
  CHECK(R(str_percent_format(str_new("%(a)s-%(b)d"), obj(d))) == "'1-2'");
  Value fa[] = {S("{} {}"), int_from_i64(1), int_from_i64(2)};
  CHECK(R(str_format_method(fa, 3, nullptr)) == "'1 2'");
  Value fb[] = {S("{0}{1}{0}"), S("a"), S("b")};
  CHECK(R(str_format_method(fb, 3, nullptr)) == "'aba'");
  Value fc[] = {S("{0:{1}}|{{}}|{!r:>5}"), F(3.14159), S(".2f")};
  CHECK(R(str_format_method(fc, 3, nullptr)) == "EXC ValueError: cannot switch from manual field specification to automatic field numbering");
  Value fd[] = {S("{0:{1}}|{{}}|{2!r:>5}"), F(3.14159), S(".2f"), S("a")};
  CHECK(R(str_format_method(fd, 4, nullptr)) == "\"3.14|{}|  'a'\"");
  Value fe[] = {S("{2}"), int_from_i64(1)};
  CHECK(R(str_format_method(fe, 2, nullptr)) == "EXC IndexError: Replacement index 2 out of range for positional args tuple");
  Value ff[] = {S("{0[1]}"), tuple_pack({int_from_i64(5), int_from_i64(6)})};
  CHECK(R(str_format_method(ff, 2, nullptr)) == "'6'");
  Value fg[] = {S("}")};
  CHECK(R(str_format_method(fg, 1, nullptr)) == "EXC ValueError: Single '}' encountered in format string");
}

TEST_CASE("str: repr, slicing, methods", "[objects][str]") {
  init_once();
  CHECK(R(S("a'b")) == "\"a'b\"");
  CHECK(R(S("a\"b'")) == "'a\"b\\''");
  CHECK(R(S("\t\n\r\x01")) == "'\\t\\n\\r\\x01'");
  CHECK(R(S("h\xc3\xa9llo")) == "'h\xc3\xa9llo'");
  Value s = S("h\xc3\xa9llo w\xc3\xb6rld");
  CHECK(length(s) == 11);
  CHECK(R(getitem(s, int_from_i64(1))) == "'\xc3\xa9'");
  CHECK(R(getitem(s, slice_new(int_from_i64(1), int_from_i64(8), int_from_i64(2)))) == "'\xc3\xa9l \xc3\xb6'");
  CHECK(R(getitem(S("abcdef"), slice_new(Value::none(), Value::none(), int_from_i64(-2)))) == "'fdb'");
  CHECK(R(call_method0(S(" a  b  c "), "rsplit", {Value::none(), int_from_i64(1)})) == "[' a  b', 'c']");
  CHECK(R(call_method0(S("a,b,,c"), "split", {S(",")})) == "['a', 'b', '', 'c']");
  CHECK(R(call_method0(S("ab"), "center", {int_from_i64(7), S("*")})) == "'***ab**'");
  CHECK(R(call_method0(S("they're bill's"), "title")) == "\"They'Re Bill'S\"");
  CHECK(R(call_method0(S("-12"), "zfill", {int_from_i64(6)})) == "'-00012'");
  CHECK(R(call_method0(S("a\tbc\td"), "expandtabs")) == "'a       bc      d'");
  CHECK(R(call_method0(S("a\r\nb\nc"), "splitlines", {Value::true_()})) == "['a\\r\\n', 'b\\n', 'c']");
  CHECK(R(call_method0(S("x"), "join", {tuple_pack({S("a"), int_from_i64(1)})})) ==
        "EXC TypeError: sequence item 1: expected str instance, int found");
  CHECK(R(call_method0(S("h\xc3\xa9llo"), "find", {S("l")})) == "2");
  CHECK(R(call_method0(S("abc"), "find", {S(""), int_from_i64(4)})) == "-1");
  CHECK(R(call_method0(S("aaa"), "replace", {S("a"), S("bb"), int_from_i64(2)})) == "'bbbba'");
  CHECK(R(call_method0(S("xxhixx"), "strip", {S("x")})) == "'hi'");
  CHECK(R(call_method0(S("a.b.c"), "rpartition", {S(".")})) == "('a.b', '.', 'c')");
  CHECK(R(bin(BinOp::ADD, S("a"), int_from_i64(1))) == "EXC TypeError: can only concatenate str (not \"int\") to str");
  CHECK(R(bin(BinOp::MULTIPLY, S("ab"), int_from_i64(3))) == "'ababab'");
}

TEST_CASE("tuple: repr and hash", "[objects][tuple]") {
  init_once();
  CHECK(R(tuple_pack({int_from_i64(1)})) == "(1,)");
  CHECK(R(tuple_pack({})) == "()");
  CHECK(hash(tuple_pack({int_from_i64(1), int_from_i64(2)})) == -3550055125485641917LL);
  CHECK(hash(tuple_pack({})) == 5740354900026072187LL);
  CHECK(R(richcompare(tuple_pack({int_from_i64(1), int_from_i64(2)}), tuple_pack({int_from_i64(1), F(2.5)}), CmpOp::LT)) == "True");
}

TEST_CASE("list: slicing, sort stability, errors", "[objects][list]") {
  init_once();
  Value l = to_list(range_new(0, 10, 1));
  CHECK(setitem(l, slice_new(int_from_i64(0), int_from_i64(6), int_from_i64(2)), tuple_pack({int_from_i64(1), int_from_i64(2)})) == -1);
  CHECK(R(Value::exc()) == "EXC ValueError: attempt to assign sequence of size 2 to extended slice of size 3");
  CHECK(setitem(l, slice_new(int_from_i64(2), int_from_i64(5), Value::none()), tuple_pack({S("x")})) == 0);
  CHECK(R(l) == "[0, 1, 'x', 5, 6, 7, 8, 9]");
  CHECK(setitem(l, slice_new(Value::none(), Value::none(), int_from_i64(3)), Value::null()) == 0);
  CHECK(R(l) == "[1, 'x', 6, 7, 9]");
  // Stability: sort pairs by first element only.
  Value pairs = obj(list_new(0));
  int keys[] = {3, 1, 3, 2, 1, 3};
  for (int i = 0; i < 6; i++) list_append(pairs.as<ListObject>(), tuple_pack({int_from_i64(keys[i]), int_from_i64(i)}));
  Value itemgetter0 = native_function_new("k", [](Value* a, size_t, TupleObject*) { return a[0].as<TupleObject>()->items[0]; });
  CHECK(list_sort_impl(pairs.as<ListObject>(), itemgetter0, false).is_none());
  CHECK(R(pairs) == "[(1, 1), (1, 4), (2, 3), (3, 0), (3, 2), (3, 5)]");
  CHECK(list_sort_impl(pairs.as<ListObject>(), itemgetter0, true).is_none());
  CHECK(R(pairs) == "[(3, 0), (3, 2), (3, 5), (2, 3), (1, 1), (1, 4)]");
  Value mixed = obj(list_new(0));
  list_append(mixed.as<ListObject>(), S("a"));
  list_append(mixed.as<ListObject>(), int_from_i64(1));
  CHECK(R(list_sort_impl(mixed.as<ListObject>(), Value::null(), false)) ==
        "EXC TypeError: '<' not supported between instances of 'int' and 'str'");
  Value e = obj(list_new(0));
  CHECK(R(call_method0(e, "pop")) == "EXC IndexError: pop from empty list");
  CHECK(R(getitem(e, int_from_i64(0))) == "EXC IndexError: list index out of range");
  CHECK(R(call_method0(e, "remove", {int_from_i64(3)})) == "EXC ValueError: list.remove(x): x not in list");
  CHECK(R(call_method0(e, "index", {int_from_i64(3)})) == "EXC ValueError: 3 is not in list");
  list_append(e.as<ListObject>(), e);
  CHECK(R(e) == "[[...]]");
}

TEST_CASE("dict: order, deletion, resize, errors", "[objects][dict]") {
  init_once();
  DictObject* d = dict_new();
  for (int i = 0; i < 100; i++) dict_set(d, int_from_i64(i * 7 % 100), int_from_i64(i));
  for (int i = 0; i < 100; i += 2) CHECK(dict_del(d, int_from_i64(i)) == 0);
  CHECK(d->used == 50);
  CHECK(R(dict_get(d, int_from_i64(7))) == "1");
  CHECK(dict_get(d, int_from_i64(8)).is_null());
  DictObject* e = dict_new();
  dict_set(e, S("b"), int_from_i64(1));
  dict_set(e, S("a"), int_from_i64(2));
  dict_set(e, S("c"), int_from_i64(3));
  dict_del(e, S("a"));
  dict_set(e, S("a"), int_from_i64(4));
  CHECK(R(obj(e)) == "{'b': 1, 'c': 3, 'a': 4}");
  CHECK(R(call_method0(obj(e), "keys")) == "dict_keys(['b', 'c', 'a'])");
  CHECK(R(call_method0(obj(e), "popitem")) == "('a', 4)");
  uint64_t v0 = e->version;
  dict_set_str(e, str_intern("zz"), Value::none());
  CHECK(e->version != v0);
  CHECK(R(dict_get_str(e, str_new("zz"))) == "None");
  CHECK(R(getitem(obj(e), S("nope"))) == "EXC KeyError: 'nope'");
  DictObject* empty = dict_new();
  CHECK(R(call_method0(obj(empty), "popitem")) == "EXC KeyError: 'popitem(): dictionary is empty'");
  // Mutation during iteration.
  Value it = get_iter(obj(e));
  CHECK(!iter_next(it).is_null());
  dict_set(e, S("new"), int_from_i64(1));
  CHECK(R(iter_next(it)) == "EXC RuntimeError: dictionary changed size during iteration");
}

TEST_CASE("set: iteration order matches CPython", "[objects][set]") {
  init_once();
  CHECK(R(set_of({5, 3, 10, 1})) == "{1, 10, 3, 5}");
  CHECK(R(to_list(set_of({100, 7, 33, 64, 1000, -1, 9}))) == "[64, 33, 100, 7, 1000, 9, -1]");
  SetObject* s = set_new(types::set);
  set_update(s, range_new(0, 10, 1));
  set_discard_key(s, int_from_i64(3));
  set_add(s, int_from_i64(77));
  set_add(s, int_from_i64(72));
  CHECK(R(obj(s)) == "{0, 1, 2, 4, 5, 6, 7, 8, 9, 72, 77}");
  SetObject* r = set_new(types::set);
  set_update(r, range_new(0, 20, 1));
  CHECK(R(obj(r)) == "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}");
  CHECK(R(bin(BinOp::OR, set_of({1, 2, 3}), set_of({100, 200}))) == "{1, 2, 3, 100, 200}");
  CHECK(R(bin(BinOp::AND, set_of({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), set_of({10, 2, 99, 5}))) == "{10, 2, 5}");  // {10, 2, 99, 5} built by add() in this order
  CHECK(R(bin(BinOp::XOR, set_of({1, 2, 3}), set_of({3, 4, 1000}))) == "{1, 2, 4, 1000}");
  CHECK(R(obj(set_new(types::set))) == "set()");
  SetObject* f = set_new(types::frozenset);
  for (int i = 1; i <= 3; i++) set_add(f, int_from_i64(i));
  CHECK(R(obj(f)) == "frozenset({1, 2, 3})");
  CHECK(hash(obj(f)) == -272375401224217160LL);
  CHECK(hash(obj(set_new(types::frozenset))) == 133146708735736LL);
  Value p = set_of({1, 2, 3});
  CHECK(R(call_method0(p, "pop")) == "1");
  CHECK(R(call_method0(p, "pop")) == "2");
  CHECK(R(p) == "{3}");
}

TEST_CASE("range and slice", "[objects][range]") {
  init_once();
  CHECK(R(range_new(0, 10, 1)) == "range(0, 10)");
  CHECK(R(range_new(0, 10, 2)) == "range(0, 10, 2)");
  CHECK(length(range_new(10, 0, -3)) == 4);
  CHECK(R(to_list(range_new(10, 0, -3))) == "[10, 7, 4, 1]");
  CHECK(R(getitem(range_new(0, 100, 3), slice_new(int_from_i64(2), int_from_i64(10), int_from_i64(2)))) == "range(6, 30, 6)");
  CHECK(contains(range_new(0, 100, 3), int_from_i64(99)) == 1);
  CHECK(contains(range_new(0, 100, 3), int_from_i64(98)) == 0);
  CHECK(R(to_list(range_reversed(range_new(0, 10, 3)))) == "[9, 6, 3, 0]");
  CHECK(R(slice_new(int_from_i64(1), Value::none(), Value::none())) == "slice(1, None, None)");
  int64_t a, b, c, n;
  CHECK(slice_indices(slice_new(Value::none(), Value::none(), int_from_i64(-1)).as<SliceObject>(), 5, &a, &b, &c, &n));
  CHECK((a == 4 && b == -1 && c == -1 && n == 5));
  CHECK_FALSE(slice_indices(slice_new(Value::none(), Value::none(), int_from_i64(0)).as<SliceObject>(), 5, &a, &b, &c, &n));
  CHECK(R(Value::exc()) == "EXC ValueError: slice step cannot be zero");
}

TEST_CASE("complex and bytes basics", "[objects][complex]") {
  init_once();
  CHECK(R(complex_new(1, 2)) == "(1+2j)");
  CHECK(R(complex_new(0, 0)) == "0j");
  CHECK(R(complex_new(-0.0, 0)) == "(-0+0j)");
  CHECK(R(complex_new(1.5, -2)) == "(1.5-2j)");
  CHECK(R(bin(BinOp::TRUE_DIVIDE, complex_new(1, 2), complex_new(3, 4))) == "(0.44+0.08j)");
  CHECK(R(bin(BinOp::MULTIPLY, complex_new(0, 1), complex_new(0, 1))) == "(-1+0j)");
  CHECK(hash(complex_new(1, 2)) == 2000007);
  CHECK(R(bytes_new(std::string_view("a'\x00\xff", 4))) == "b\"a'\\x00\\xff\"");
  CHECK(R(getitem(bytes_new("AB"), int_from_i64(1))) == "66");
}

TEST_CASE("classmethods, keyword arguments, iterator types", "[objects][misc]") {
  init_once();
  Value from_bytes = getattr(obj(types::int_), str_intern("from_bytes"));
  Value fb_args[] = {bytes_new(std::string_view("\xff\xff", 2)), S("little"), Value::true_()};
  TupleObject* kw = tuple_new(1);
  kw->items[0] = S("signed");
  CHECK(R(call(from_bytes, fb_args, 3, kw)) == "-1");
  Value fromhex = getattr(obj(types::float_), str_intern("fromhex"));
  CHECK(R(call1(fromhex, S("0x1.8p1"))) == "3.0");
  Value dict_args[] = {S("x"), int_from_i64(1)};
  TupleObject* kw2 = tuple_new(2);
  kw2->items[0] = S("a");
  kw2->items[1] = S("b");
  CHECK(R(call(obj(types::dict), dict_args, 2, kw2)) == "{'a': 'x', 'b': 1}");
  CHECK(std::string(type_name(get_iter(to_list(range_new(0, 1, 1))))) == "list_iterator");
  CHECK(std::string(type_name(get_iter(range_new(0, 1, 1)))) == "range_iterator");
  CHECK(std::string(type_name(get_iter(obj(dict_new())))) == "dict_keyiterator");
  CHECK(std::string(type_name(get_iter(S("ab")))) == "str_ascii_iterator");
  Value nan_list = list_from_array(std::initializer_list<Value>{F(NAN)}.begin(), 1);
  CHECK(contains(nan_list, F(NAN)) == 1);  // identity: every NaN immediate is the same object
  CHECK(R(richcompare(nan_list, nan_list, CmpOp::EQ)) == "True");
}
