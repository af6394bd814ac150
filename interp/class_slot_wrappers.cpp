// interp/class_slot_wrappers.cpp — CPython's "slot wrappers": the dunder methods of built-in
// types (`list.__len__`, `int.__add__`, `super().__getitem__(k)` in a dict subclass) as native
// methods that call the type's C slot.
//
// Contract: built-in types are initialised after init_class_types, so the wrappers are created
// lazily: slot_wrapper(t, name) returns (and stores in t->dict) a native method for a dunder
// whose slot t has, or null. Attribute lookups call it only after the ordinary MRO lookup
// missed, so it costs nothing on hits.
#include "interp/class_internal.h"

namespace chaipy {
namespace cls {
namespace {

TypeObject* slot_owner(Value self) { return solid_base(type_of(self)); }

bool want(size_t nargs, size_t n, const char* name) {
  if (nargs == n) return true;
  raise_fmt(exc::TypeError, "expected {} argument{}, got {}", n - 1, n == 2 ? "" : "s", nargs ? nargs - 1 : 0);
  return false;
}

Value w_len(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__len__")) return Value::exc();
  int64_t r = slot_owner(a[0])->len(a[0]);
  return r < 0 ? Value::exc() : int_from_i64(r);
}
Value w_getitem(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "__getitem__")) return Value::exc();
  return slot_owner(a[0])->getitem(a[0], a[1]);
}
Value w_setitem(Value* a, size_t n, TupleObject*) {
  if (!want(n, 3, "__setitem__")) return Value::exc();
  return slot_owner(a[0])->setitem(a[0], a[1], a[2]) < 0 ? Value::exc() : Value::none();
}
Value w_delitem(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "__delitem__")) return Value::exc();
  return slot_owner(a[0])->setitem(a[0], a[1], Value::null()) < 0 ? Value::exc() : Value::none();
}
Value w_contains(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "__contains__")) return Value::exc();
  int r = slot_owner(a[0])->contains(a[0], a[1]);
  return r < 0 ? Value::exc() : Value::from_bool(r);
}
Value w_iter(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__iter__")) return Value::exc();
  return slot_owner(a[0])->iter(a[0]);
}
Value w_next(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__next__")) return Value::exc();
  Value r = slot_owner(a[0])->iternext(a[0]);
  if (r.is_null()) return raise_value(obj(exc::StopIteration));
  return r;
}
Value w_repr(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__repr__")) return Value::exc();
  return slot_owner(a[0])->repr(a[0]);
}
Value w_str(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__str__")) return Value::exc();
  return slot_owner(a[0])->str(a[0]);
}
Value w_hash(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__hash__")) return Value::exc();
  int64_t h = slot_owner(a[0])->hash(a[0]);
  return h == -1 ? Value::exc() : int_from_i64(h);
}
Value w_bool(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "__bool__")) return Value::exc();
  int r = slot_owner(a[0])->boolean(a[0]);
  return r < 0 ? Value::exc() : Value::from_bool(r);
}
Value w_call(Value* a, size_t n, TupleObject* kw) {
  if (n < 1) return raise(exc::TypeError, "descriptor '__call__' needs an argument");
  return slot_owner(a[0])->call(a[0], a + 1, n - 1, kw);
}
template <CmpOp op>
Value w_cmp(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "comparison")) return Value::exc();
  return slot_owner(a[0])->richcompare(a[0], a[1], op);
}
template <int op>
Value w_binop(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "operator")) return Value::exc();
  return slot_owner(a[0])->binop(op, a[0], a[1]);
}
template <int op>
Value w_rbinop(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "operator")) return Value::exc();
  return slot_owner(a[0])->binop(op, a[1], a[0]);
}
template <int op>
Value w_ibinop(Value* a, size_t n, TupleObject*) {
  if (!want(n, 2, "operator")) return Value::exc();
  return slot_owner(a[0])->binop(kNumBinOps + op, a[0], a[1]);
}
template <Op op>
Value w_unary(Value* a, size_t n, TupleObject*) {
  if (!want(n, 1, "operator")) return Value::exc();
  return slot_owner(a[0])->unaryop(op, a[0]);
}

struct Entry {
  const char* name;
  NativeFn fn;
  bool (*has)(TypeObject*);
};

template <int... I>
struct BinTable {
  static constexpr NativeFn fwd[] = {w_binop<I>...};
  static constexpr NativeFn rev[] = {w_rbinop<I>...};
  static constexpr NativeFn inplace[] = {w_ibinop<I>...};
};
using Bins = BinTable<0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12>;
static_assert(kNumBinOps == 13, "ORDER BINOP");

// The built-in types with in-place operators of their own (CPython's nb_inplace_* slots); the
// others (int, str, tuple, frozenset ...) have no __iadd__ and `a += b` falls back to __add__.
bool has_inplace(TypeObject* t, BinOp op) {
  switch (op) {
    case BinOp::ADD:
    case BinOp::MULTIPLY: return t == types::list || t == types::bytearray;
    case BinOp::OR: return t == types::dict || t == types::set;
    case BinOp::AND:
    case BinOp::XOR:
    case BinOp::SUBTRACT: return t == types::set;
    default: return false;
  }
}

const Entry kEntries[] = {
    {"__len__", w_len, [](TypeObject* t) { return t->len != nullptr; }},
    {"__getitem__", w_getitem, [](TypeObject* t) { return t->getitem != nullptr; }},
    {"__setitem__", w_setitem, [](TypeObject* t) { return t->setitem != nullptr; }},
    {"__delitem__", w_delitem, [](TypeObject* t) { return t->setitem != nullptr; }},
    {"__contains__", w_contains, [](TypeObject* t) { return t->contains != nullptr; }},
    {"__iter__", w_iter, [](TypeObject* t) { return t->iter != nullptr; }},
    {"__next__", w_next, [](TypeObject* t) { return t->iternext != nullptr; }},
    {"__repr__", w_repr, [](TypeObject* t) { return t->repr != nullptr; }},
    {"__str__", w_str, [](TypeObject* t) { return t->str != nullptr; }},
    {"__hash__", w_hash, [](TypeObject* t) { return t->hash != nullptr; }},
    {"__bool__", w_bool, [](TypeObject* t) { return t->boolean != nullptr; }},
    {"__call__", w_call, [](TypeObject* t) { return t->call != nullptr; }},
    {"__eq__", w_cmp<CmpOp::EQ>, [](TypeObject* t) { return t->richcompare != nullptr; }},
    {"__ne__", w_cmp<CmpOp::NE>, [](TypeObject* t) { return t->richcompare != nullptr; }},
    {"__lt__", w_cmp<CmpOp::LT>, [](TypeObject* t) { return t->richcompare != nullptr; }},
    {"__le__", w_cmp<CmpOp::LE>, [](TypeObject* t) { return t->richcompare != nullptr; }},
    {"__gt__", w_cmp<CmpOp::GT>, [](TypeObject* t) { return t->richcompare != nullptr; }},
    {"__ge__", w_cmp<CmpOp::GE>, [](TypeObject* t) { return t->richcompare != nullptr; }},
    {"__neg__", w_unary<Op::UNARY_NEGATIVE>, [](TypeObject* t) { return t->unaryop != nullptr; }},
    {"__pos__", w_unary<Op::UNARY_POSITIVE>, [](TypeObject* t) { return t->unaryop != nullptr; }},
    {"__invert__", w_unary<Op::UNARY_INVERT>, [](TypeObject* t) { return t->unaryop != nullptr; }},
};

}  // namespace

Value slot_wrapper(TypeObject* t, StrObject* name) {
  if ((t->flags & kTypeHeap) || !is_dunder(name) || !t->dict) return Value::null();
  Value have = dict_get_str(t->dict, name);
  if (!have.is_null()) return have;
  std::string_view n = name->view();
  NativeFn fn = nullptr;
  for (const Entry& e : kEntries)
    if (n == e.name) {
      if (e.has(t)) fn = e.fn;
      break;
    }
  if (!fn && t->binop) {
    for (int i = 0; i < kNumBinOps && !fn; i++) {
      if (n == kBinOpInfo[i].dunder) fn = Bins::fwd[i];
      else if (n == kBinOpInfo[i].rdunder) fn = Bins::rev[i];
      else if (n == kBinOpInfo[i].idunder && has_inplace(t, BinOp(i))) fn = Bins::inplace[i];
    }
  }
  if (!fn) return Value::null();
  // object's own comparisons/hash/repr/str are real entries of its dict already.
  Value f = native_function_new(name->data, fn, t);
  dict_set_str(t->dict, name, f);
  return f;
}

// MRO walk that also consults the built-in types' slot wrappers.
Value lookup_with_wrappers(TypeObject* t, StrObject* name) {
  Value v = lookup(t, name);
  if (!v.is_null() || !is_dunder(name)) return v;
  TupleObject* mro = t->mro;
  for (uint64_t i = 0; i < mro->size; i++) {
    auto* k = mro->items[i].as<TypeObject>();
    Value w = slot_wrapper(k, name);
    if (!w.is_null()) return w;
  }
  return Value::null();
}

}  // namespace cls
}  // namespace chaipy
