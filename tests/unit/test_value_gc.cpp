// tests/unit/test_value_gc.cpp — value representation edge cases and garbage-collector behaviour.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "frontend/compile.h"
#include "interp/vm.h"

using namespace chaipy;

namespace {
void init_once() {
  static bool done = false;
  if (!done) {
    runtime_init(0, nullptr);
    vm_init();
    done = true;
  }
}
uint64_t bits_of(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}
}  // namespace

TEST_CASE("small ints round-trip at the 48-bit boundaries", "[value]") {
  for (int64_t i : {int64_t(0), int64_t(1), int64_t(-1), Value::kSmallIntMax, Value::kSmallIntMin, int64_t(123456789)}) {
    REQUIRE(Value::int_fits_small(i));
    Value v = Value::from_small_int(i);
    REQUIRE(v.is_small_int());
    REQUIRE_FALSE(v.is_double());
    REQUIRE_FALSE(v.is_obj());
    REQUIRE(v.as_small_int() == i);
  }
  REQUIRE_FALSE(Value::int_fits_small(Value::kSmallIntMax + 1));
  REQUIRE_FALSE(Value::int_fits_small(Value::kSmallIntMin - 1));
}

TEST_CASE("ints beyond 48 bits become heap ints and stay exact", "[value]") {
  init_once();
  Value big = int_from_i64(Value::kSmallIntMax + 1);
  REQUIRE(big.is_obj());
  int64_t out = 0;
  REQUIRE(int_to_i64(big, &out));
  REQUIRE(out == Value::kSmallIntMax + 1);
  Value small = int_from_i64(Value::kSmallIntMax);
  REQUIRE(small.is_small_int());
  Value min64 = int_from_i64(std::numeric_limits<int64_t>::min());
  REQUIRE(int_to_i64(min64, &out));
  REQUIRE(out == std::numeric_limits<int64_t>::min());
  // 2**64 does not fit int64: mpz form, decimal repr exact.
  Value two64 = binary_op(int(BinOp::POWER), Value::from_small_int(2), Value::from_small_int(64));
  REQUIRE(repr_utf8(two64) == "18446744073709551616");
  REQUIRE_FALSE(int_to_i64(two64, &out));
}

TEST_CASE("doubles are stored as themselves; NaNs are canonicalised", "[value]") {
  for (double d : {0.0, -0.0, 1.5, -2.25, 1e308, -1e-308, std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min()}) {
    Value v = Value::from_double(d);
    REQUIRE(v.is_double());
    REQUIRE(bits_of(v.as_double()) == bits_of(d));
  }
  // -0.0 keeps its sign bit.
  REQUIRE(std::signbit(Value::from_double(-0.0).as_double()));
  // Every NaN, including negative and payload-carrying ones, maps to the canonical NaN, which
  // must not collide with any tagged value.
  uint64_t weird_bits[] = {0xFFF9000000000001ull, 0xFFFFFFFFFFFFFFFFull, 0x7FF0000000000001ull, 0xFFF8000000000000ull};
  for (uint64_t b : weird_bits) {
    double d;
    std::memcpy(&d, &b, 8);
    Value v = Value::from_double(d);
    REQUIRE(v.is_double());
    REQUIRE(v.bits() == Value::kCanonNaN);
    REQUIRE(std::isnan(v.as_double()));
  }
}

TEST_CASE("immediates are distinct and typed", "[value]") {
  init_once();
  REQUIRE(Value::none().is_none());
  REQUIRE(Value::true_().is_bool());
  REQUIRE(Value::true_().as_bool());
  REQUIRE_FALSE(Value::false_().as_bool());
  REQUIRE(Value::null().is_null());
  REQUIRE(Value::exc().is_exc());
  REQUIRE(Value::none() != Value::null());
  REQUIRE(type_of(Value::none()) == types::none);
  REQUIRE(type_of(Value::true_()) == types::bool_);
  REQUIRE(type_of(Value::from_small_int(3)) == types::int_);
  REQUIRE(type_of(Value::from_double(3.0)) == types::float_);
}

// -- GC -------------------------------------------------------------------------------------------
namespace {
Value g_rooted = Value::null();
bool alive(Object* o) {
  Object* start;
  return gc::find_object(uintptr_t(o), &start) && start == o;
}
// Builds garbage in a separate frame so no stale pointer to it lingers in this test's locals.
__attribute__((noinline)) uintptr_t make_garbage() {
  ListObject* l = list_new(0);
  for (int i = 0; i < 1000; i++) list_append(l, obj(tuple_new(3)));
  uintptr_t addr = reinterpret_cast<uintptr_t>(l) ^ 0x5555;  // hidden from the conservative scan
  return addr;
}
__attribute__((noinline)) void clobber_stack() {
  volatile char buf[16384];
  for (size_t i = 0; i < sizeof buf; i++) buf[i] = 0;
}
}  // namespace

TEST_CASE("objects reachable from roots and containers survive a collection", "[gc]") {
  init_once();
  static bool registered = false;
  if (!registered) {
    gc::add_root(&g_rooted);
    registered = true;
  }
  ListObject* l = list_new(0);
  DictObject* d = dict_new();
  StrObject* s = str_new("a string kept only through a dict");
  dict_set(d, obj(str_new("k")), obj(s));
  list_append(l, obj(d));
  TupleObject* t = tuple_new(1);
  t->items[0] = obj(l);
  g_rooted = obj(t);
  uintptr_t addrs[] = {uintptr_t(t), uintptr_t(l), uintptr_t(d), uintptr_t(s)};
  t = nullptr;
  l = nullptr;
  d = nullptr;
  s = nullptr;
  clobber_stack();
  gc::collect();
  for (uintptr_t a : addrs) REQUIRE(alive(reinterpret_cast<Object*>(a)));
  REQUIRE(repr_utf8(g_rooted).find("a string kept only through a dict") != std::string::npos);
  g_rooted = Value::null();
}

TEST_CASE("unreachable objects are reclaimed", "[gc]") {
  init_once();
  uintptr_t hidden = make_garbage();
  clobber_stack();
  uint64_t freed_before = gc::stats().freed_objects;
  gc::collect();
  gc::sweep_all();
  REQUIRE(gc::stats().freed_objects >= freed_before + 1001);
  REQUIRE_FALSE(alive(reinterpret_cast<Object*>(hidden ^ 0x5555)));
}

TEST_CASE("closures and frames keep their objects alive across collections", "[gc]") {
  init_once();
  // Run Python code whose only references are in frames and closure cells while it collects.
  const char* src =
      "def make():\n"
      "    data = [str(i) for i in range(100)]\n"
      "    def inner():\n"
      "        return ''.join(data)\n"
      "    return inner\n"
      "f = make()\n"
      "junk = 0\n"
      "for i in range(200000):\n"
      "    junk += len((i, i, i))\n"
      "result = f()\n";
  auto cr = compile_source(src, "<gc-test>");
  REQUIRE_FALSE(cr.error);
  DictObject* globals = dict_new();
  dict_set_str(globals, str_intern("__name__"), str_value("__gc_test__"));
  uint64_t before = gc::stats().collections;
  gc::g_threshold = 1 << 16;  // force several collections inside the loop
  Value r = vm_run_module(code_from_unit(cr.code), globals);
  REQUIRE_FALSE(r.is_exc());
  REQUIRE(gc::stats().collections > before);
  Value res = dict_get_str(globals, str_intern("result"));
  std::string expect;
  for (int i = 0; i < 100; i++) expect += std::to_string(i);
  REQUIRE(std::string(as_str(res)->view()) == expect);
}
