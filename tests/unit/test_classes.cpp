// tests/unit/test_classes.cpp — classes and instances: C3 MRO, shapes, versions, slot trampolines.
#include <catch2/catch.hpp>

#include "interp/class_internal.h"

using namespace chaipy;

namespace {

void init() {
  static bool done = [] {
    runtime_init(0, nullptr);
    return true;
  }();
  (void)done;
}

TypeObject* make_class(const char* name, std::initializer_list<TypeObject*> bases, DictObject* ns = nullptr) {
  TupleObject* b = tuple_new(bases.size());
  size_t i = 0;
  for (TypeObject* t : bases) b->items[i++] = obj(t);
  Value args[3] = {str_value(name), obj(b), obj(ns ? ns : dict_new())};
  Value r = call(obj(types::type), args, 3);
  REQUIRE(!r.is_exc());
  return r.as<TypeObject>();
}

std::string mro_names(TypeObject* t) {
  std::string s;
  for (uint64_t i = 0; i < t->mro->size; i++) {
    if (i) s += " ";
    s += t->mro->items[i].as<TypeObject>()->name->view();
  }
  return s;
}

std::string pending_message() {
  Value e = exc_fetch();
  return str_utf8(e);
}

}  // namespace

TEST_CASE("C3 MRO: single and diamond inheritance", "[classes]") {
  init();
  TypeObject* A = make_class("A", {});
  TypeObject* B = make_class("B", {A});
  TypeObject* C = make_class("C", {A});
  TypeObject* D = make_class("D", {B, C});
  CHECK(mro_names(A) == "A object");
  CHECK(mro_names(D) == "D B C A object");
  CHECK(D->base == B);
  CHECK(is_subtype(D, A));
  CHECK(!is_subtype(A, D));
  // The classic Wikipedia example: K1(A, B, C), K2(D, B, E), K3(D, A), Z(K1, K2, K3).
  TypeObject *a = make_class("a", {}), *b = make_class("b", {}), *c = make_class("c", {}), *d = make_class("d", {}),
             *e = make_class("e", {});
  TypeObject* k1 = make_class("K1", {a, b, c});
  TypeObject* k2 = make_class("K2", {d, b, e});
  TypeObject* k3 = make_class("K3", {d, a});
  TypeObject* z = make_class("Z", {k1, k2, k3});
  CHECK(mro_names(z) == "Z K1 K2 K3 d a b c e object");
}

TEST_CASE("C3 MRO: inconsistent hierarchy and duplicate bases raise TypeError", "[classes]") {
  init();
  TypeObject* X = make_class("X", {});
  TypeObject* Y = make_class("Y", {X});
  TupleObject* b = tuple_new(2);
  b->items[0] = obj(X);
  b->items[1] = obj(Y);
  Value args[3] = {str_value("Z"), obj(b), obj(dict_new())};
  CHECK(call(obj(types::type), args, 3).is_exc());
  CHECK(exc_matches(exc::TypeError));
  CHECK(pending_message() == "Cannot create a consistent method resolution\norder (MRO) for bases X, Y");
  b->items[1] = obj(X);
  CHECK(call(obj(types::type), args, 3).is_exc());
  CHECK(pending_message() == "duplicate base class X");
}

TEST_CASE("shapes are shared and transitions cached", "[classes][shapes]") {
  init();
  TypeObject* P = make_class("P", {});
  auto* p1 = instance_new(P).as<InstanceObject>();
  auto* p2 = instance_new(P).as<InstanceObject>();
  StrObject *x = str_intern("x"), *y = str_intern("y");
  CHECK(p1->shape == P->root_shape);
  REQUIRE(instance_set_slot(p1, x, Value::from_small_int(1)) == 0);
  REQUIRE(instance_set_slot(p1, y, Value::from_small_int(2)) == 0);
  REQUIRE(instance_set_slot(p2, x, Value::from_small_int(3)) == 0);
  REQUIRE(instance_set_slot(p2, y, Value::from_small_int(4)) == 0);
  CHECK(p1->shape == p2->shape);
  CHECK(shape_find(p1->shape, x) == 0);
  CHECK(shape_find(p1->shape, y) == 1);
  CHECK(shape_find(p1->shape, str_intern("z")) == -1);
  CHECK(shape_add(P->root_shape, x) == shape_add(P->root_shape, x));
  CHECK(instance_get_slot(p2, y) == Value::from_small_int(4));
  // Overwriting keeps the shape.
  Shape* before = p1->shape;
  REQUIRE(instance_set_slot(p1, x, Value::from_small_int(9)) == 0);
  CHECK(p1->shape == before);
  CHECK(p1->slots[0] == Value::from_small_int(9));
  // Deleting rebuilds the shape without the name.
  REQUIRE(instance_set_slot(p1, x, Value::null()) == 0);
  CHECK(shape_find(p1->shape, x) == -1);
  CHECK(instance_get_slot(p1, y) == Value::from_small_int(2));
  CHECK(instance_set_slot(p1, x, Value::null()) < 0);
  CHECK(exc_matches(exc::AttributeError));
  CHECK(pending_message() == "'P' object has no attribute 'x'");
}

TEST_CASE("instances grow past inline slots and switch to dict mode", "[classes][shapes]") {
  init();
  TypeObject* Q = make_class("Q", {});
  auto* q = instance_new(Q).as<InstanceObject>();
  for (int i = 0; i < kMaxShapeSlots; i++)
    REQUIRE(instance_set_slot(q, str_intern("a" + std::to_string(i)), Value::from_small_int(i)) == 0);
  CHECK(!q->shape->dict_mode);
  CHECK(q->slots != q->inline_slots);
  CHECK(q->shape->nslots == uint32_t(kMaxShapeSlots));
  for (int i = 0; i < kMaxShapeSlots; i++)
    CHECK(instance_get_slot(q, str_intern("a" + std::to_string(i))) == Value::from_small_int(i));
  REQUIRE(instance_set_slot(q, str_intern("extra"), Value::from_small_int(-1)) == 0);
  CHECK(q->shape->dict_mode);
  CHECK(instance_get_slot(q, str_intern("a5")) == Value::from_small_int(5));
  CHECK(instance_get_slot(q, str_intern("extra")) == Value::from_small_int(-1));
  // A second instance reaches the same dict-mode shape.
  auto* q2 = instance_new(Q).as<InstanceObject>();
  cls::instance_to_dict_mode(q2);
  CHECK(q2->shape == q->shape);
}

TEST_CASE("type versions change for the class and its subclasses", "[classes]") {
  init();
  TypeObject* A = make_class("VA", {});
  TypeObject* B = make_class("VB", {A});
  uint64_t va = A->version, vb = B->version;
  CHECK(va != vb);
  REQUIRE(setattr(obj(A), str_intern("k"), Value::from_small_int(1)) == 0);
  CHECK(A->version != va);
  CHECK(B->version != vb);
  CHECK(getattr(obj(B), str_intern("k")) == Value::from_small_int(1));
  Value inst = call(obj(B), nullptr, 0);
  REQUIRE(!inst.is_exc());
  CHECK(getattr(inst, str_intern("k")) == Value::from_small_int(1));
  CHECK(getattr(inst, str_intern("nope")).is_exc());
  CHECK(pending_message() == "'VB' object has no attribute 'nope'");
}

TEST_CASE("exceptions: args, str, repr", "[classes][exceptions]") {
  init();
  Value e = call1(obj(exc::ValueError), str_value("bad"));
  REQUIRE(!e.is_exc());
  CHECK(str_utf8(e) == "bad");
  CHECK(repr_utf8(e) == "ValueError('bad')");
  Value k = call1(obj(exc::KeyError), str_value("k"));
  CHECK(str_utf8(k) == "'k'");
  Value none = call0(obj(exc::RuntimeError));
  CHECK(str_utf8(none) == "");
  CHECK(repr_utf8(none) == "RuntimeError()");
  Value s = call1(obj(exc::StopIteration), Value::from_small_int(7));
  CHECK(getattr(s, str_intern("value")) == Value::from_small_int(7));
}

namespace {
Value native_ret_true(Value* args, size_t nargs, TupleObject* kw) { return Value::true_(); }
Value native_ret_seven(Value* args, size_t nargs, TupleObject* kw) { return Value::from_small_int(7); }
}  // namespace

TEST_CASE("slot filling: dunders become trampolines, __eq__ alone makes a class unhashable", "[classes][slots]") {
  init();
  DictObject* ns = dict_new();
  dict_set_str(ns, str_intern("__eq__"), native_function_new("__eq__", native_ret_true, types::object));
  TypeObject* E = make_class("E", {}, ns);
  CHECK(dict_get_str(E->dict, str_intern("__hash__")).is_none());
  Value e = call0(obj(E));
  REQUIRE(!e.is_exc());
  CHECK(hash(e) == -1);
  CHECK(pending_message() == "unhashable type: 'E'");
  // A plain class keeps object's slots (null getattr: the VM's attribute caches rely on it).
  TypeObject* Plain = make_class("Plain", {});
  CHECK(Plain->getattr == nullptr);
  CHECK(Plain->setattr == nullptr);
  CHECK(Plain->hash == types::object->hash);
  // Assigning a dunder later installs the trampoline for the class and its subclasses.
  TypeObject* Sub = make_class("PlainSub", {Plain});
  CHECK(Sub->len == nullptr);
  REQUIRE(setattr(obj(Plain), str_intern("__len__"), native_function_new("__len__", native_ret_seven, types::object)) == 0);
  Value s = call0(obj(Sub));
  REQUIRE(!s.is_exc());
  CHECK(Sub->len != nullptr);
  CHECK(length(s) == 7);
}

TEST_CASE("object() takes no arguments; repr of classes", "[classes]") {
  init();
  TypeObject* A = make_class("NoArgs", {});
  Value one = Value::from_small_int(1);
  CHECK(call(obj(A), &one, 1).is_exc());
  CHECK(pending_message() == "NoArgs() takes no arguments");
  CHECK(repr_utf8(obj(A)) == "<class '__main__.NoArgs'>");
  CHECK(repr_utf8(obj(types::int_)) == "<class 'int'>");
  CHECK(repr_utf8(obj(exc::ValueError)) == "<class 'ValueError'>");
}
