// interp/abstract.cpp — the generic object protocols (CPython's abstract.c / object.c): dispatch
// through type slots, the binary-operator and rich-comparison protocols, iteration, calls.
#include <cstring>

#include "interp/class_internal.h"
#include "interp/runtime.h"
#include "interp/objects/objects.h"
#include "interp/vm.h"

namespace chaipy {

bool is_subtype(TypeObject* t, TypeObject* base) {
  if (t == base) return true;
  TupleObject* mro = t->mro;
  if (!mro) {
    for (TypeObject* b = t->base; b; b = b->base)
      if (b == base) return true;
    return false;
  }
  for (uint64_t i = 0; i < mro->size; i++)
    if (mro->items[i].as_obj() == base) return true;
  return false;
}

// -- repr / str / hash / truth ---------------------------------------------------------------------
Value repr(Value v) {
  TypeObject* t = type_of(v);
  if (t->repr) {
    RecursionScope guard(" while getting the repr of an object");
    if (!guard.ok) return Value::exc();
    return t->repr(v);
  }
  return str_value(fmt::format("<{} object at {:#x}>", t->name->view(), v.bits() & Value::kPayloadMask));
}

Value str_of(Value v) {
  TypeObject* t = type_of(v);
  if (t == types::str) return v;
  if (t->str) {
    RecursionScope guard(" while getting the str of an object");
    if (!guard.ok) return Value::exc();
    return t->str(v);
  }
  return repr(v);
}

std::string repr_utf8(Value v) {
  Value r = repr(v);
  if (r.is_exc()) {
    exc_fetch();
    return "<error>";
  }
  return std::string(as_str(r)->view());
}

std::string str_utf8(Value v) {
  Value r = str_of(v);
  if (r.is_exc()) {
    exc_fetch();
    return "<error>";
  }
  return std::string(as_str(r)->view());
}

int64_t hash(Value v) {
  // Inline the two commonest keys: a small int is its own hash (|i| < 2^47 is below the
  // modulus; -1 maps to -2 as in int_hash), an exact str uses its cached hash.
  if (v.is_small_int()) {
    int64_t i = v.as_small_int();
    return i == -1 ? -2 : i;
  }
  if (v.is_obj() && v.as_obj()->type == types::str) return str_hash(v.as<StrObject>());
  TypeObject* t = type_of(v);
  if (t->hash) {
    RecursionScope guard("");
    if (!guard.ok) return -1;
    return t->hash(v);
  }
  raise_fmt(exc::TypeError, "unhashable type: '{}'", type_name(v));
  return -1;
}

int truthy(Value v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_none()) return 0;
  if (v.is_small_int()) return v.as_small_int() != 0;
  if (v.is_double()) return v.as_double() != 0.0;
  TypeObject* t = type_of(v);
  if (t->boolean) return t->boolean(v);
  if (t->len) {
    int64_t n = t->len(v);
    return n < 0 ? -1 : n > 0;
  }
  return 1;
}

// -- Comparison ----------------------------------------------------------------------------------
Value richcompare(Value a, Value b, CmpOp op) {
  RecursionScope guard(" in comparison");
  if (!guard.ok) return Value::exc();
  TypeObject *ta = type_of(a), *tb = type_of(b);
  bool tried_b = false;
  Value r;
  if (ta != tb && tb->richcompare && is_subtype(tb, ta) && tb->richcompare != ta->richcompare) {
    tried_b = true;
    r = tb->richcompare(b, a, cmp_swapped(op));
    if (r != g_not_implemented) return r;
  }
  if (ta->richcompare) {
    r = ta->richcompare(a, b, op);
    if (r != g_not_implemented) return r;
  }
  if (!tried_b && tb->richcompare) {
    r = tb->richcompare(b, a, cmp_swapped(op));
    if (r != g_not_implemented) return r;
  }
  if (op == CmpOp::EQ) return Value::from_bool(a == b);
  if (op == CmpOp::NE) return Value::from_bool(a != b);
  return raise_fmt(exc::TypeError, "'{}' not supported between instances of '{}' and '{}'", kCmpOpNames[int(op)],
                   type_name(a), type_name(b));
}

Value compare_bool(Value a, Value b, CmpOp op) { return richcompare(a, b, op); }

int eq(Value a, Value b) {
  if (a == b && !a.is_double()) return 1;
  if (a.is_small_int() && b.is_small_int()) return 0;
  Value r = richcompare(a, b, CmpOp::EQ);
  if (r.is_exc()) return -1;
  if (r.is_bool()) return r.as_bool();
  return truthy(r);
}

// -- Arithmetic ----------------------------------------------------------------------------------
static bool is_sequence_for_concat(TypeObject* t) {
  return t == types::str || t == types::list || t == types::tuple || t == types::bytes;
}

Value binary_op(int op, Value a, Value b) {
  TypeObject *ta = type_of(a), *tb = type_of(b);
  int plain = op;
  Value r;
  if (op >= kNumBinOps) {
    plain = op - kNumBinOps;
    if (ta->binop) {
      r = ta->binop(op, a, b);
      if (r != g_not_implemented) return r;
    }
  }
  bool tried_b = false;
  if (ta != tb && tb->binop && tb->binop != ta->binop && is_subtype(tb, ta)) {
    tried_b = true;
    r = tb->binop(plain, a, b);
    if (r != g_not_implemented) return r;
  }
  if (ta->binop) {
    r = ta->binop(plain, a, b);
    if (r != g_not_implemented) return r;
  }
  if (!tried_b && ta != tb && tb->binop) {
    r = tb->binop(plain, a, b);
    if (r != g_not_implemented) return r;
  }
  BinOp bop = BinOp(plain);
  if (bop == BinOp::ADD && is_sequence_for_concat(ta) && ta != types::bytes)
    return raise_fmt(exc::TypeError, "can only concatenate {} (not \"{}\") to {}", ta->name->view(), tb->name->view(),
                     ta->name->view());
  if (bop == BinOp::MULTIPLY && (is_sequence_for_concat(ta) || is_sequence_for_concat(tb))) {
    TypeObject* other = is_sequence_for_concat(ta) ? tb : ta;
    return raise_fmt(exc::TypeError, "can't multiply sequence by non-int of type '{}'", other->name->view());
  }
  const char* sym = kBinOpInfo[plain].symbol;
  if (bop == BinOp::POWER && op < kNumBinOps)
    return raise_fmt(exc::TypeError, "unsupported operand type(s) for ** or pow(): '{}' and '{}'", type_name(a),
                     type_name(b));
  return raise_fmt(exc::TypeError, "unsupported operand type(s) for {}{}: '{}' and '{}'", sym, op >= kNumBinOps ? "=" : "",
                   type_name(a), type_name(b));
}

Value unary_op(Op op, Value a) {
  if (op == Op::UNARY_NOT) {
    int t = truthy(a);
    return t < 0 ? Value::exc() : Value::from_bool(!t);
  }
  TypeObject* t = type_of(a);
  if (t->unaryop) {
    Value r = t->unaryop(op, a);
    if (r != g_not_implemented) return r;
  }
  const char* sym = op == Op::UNARY_NEGATIVE ? "-" : op == Op::UNARY_POSITIVE ? "+" : "~";
  return raise_fmt(exc::TypeError, "bad operand type for unary {}: '{}'", sym, t->name->view());
}

// -- Attributes ------------------------------------------------------------------------------------
Value getattr(Value o, StrObject* name) {
  TypeObject* t = type_of(o);
  return t->getattr ? t->getattr(o, name) : generic_getattr(o, name);
}

Value getattr_opt(Value o, StrObject* name) {
  Value r = getattr(o, name);
  if (r.is_exc() && exc_matches(exc::AttributeError)) {
    exc_fetch();
    return Value::null();
  }
  return r;
}

int setattr(Value o, StrObject* name, Value v) {
  TypeObject* t = type_of(o);
  return t->setattr ? t->setattr(o, name, v) : generic_setattr(o, name, v);
}

Value type_lookup(TypeObject* t, StrObject* name) {
  TupleObject* mro = t->mro;
  for (uint64_t i = 0; i < mro->size; i++) {
    Value v = dict_get_str(mro->items[i].as<TypeObject>()->dict, name);
    if (!v.is_null()) return v;
  }
  return Value::null();
}

Value lookup_special(Value self, StrObject* name) {
  TypeObject* t = type_of(self);
  Value f = type_lookup(t, name);
  if (f.is_null()) return f;
  return bind_method(f, self, t);
}

// -- Items and iteration ---------------------------------------------------------------------------
Value getitem(Value o, Value key) {
  TypeObject* t = type_of(o);
  if (t->getitem) return t->getitem(o, key);
  if (t == types::type || is_subtype(t, types::type)) {
    if (o.as<TypeObject>() == types::type) return cls::generic_alias(o, key);  // type[int]; not its subclasses
    Value cg = type_lookup(o.as<TypeObject>(), str_intern("__class_getitem__"));
    if (!cg.is_null()) {
      // A class body's plain function gets the class explicitly; built-in types' classmethods
      // (list.__class_getitem__ = classmethod(GenericAlias)) are bound first.
      if (isinstance_exact(cg, types::function)) return call2(cg, o, key);
      Value b = bind_method(cg, Value::none(), o.as<TypeObject>());
      return b.is_exc() ? b : call1(b, key);
    }
    return raise_fmt(exc::TypeError, "type '{}' is not subscriptable", o.as<TypeObject>()->name->view());
  }
  return raise_fmt(exc::TypeError, "'{}' object is not subscriptable", type_name(o));
}

int setitem(Value o, Value key, Value v) {
  TypeObject* t = type_of(o);
  if (t->setitem) return t->setitem(o, key, v);
  if (v.is_null())
    raise_fmt(exc::TypeError, "'{}' object doesn't support item deletion", type_name(o));
  else
    raise_fmt(exc::TypeError, "'{}' object does not support item assignment", type_name(o));
  return -1;
}

namespace {
// Iterator over an object that only has __getitem__ (the old sequence protocol).
Value getitem_iter_next(Value it) {
  auto* s = it.as<SeqIterObject>();
  if (s->seq.is_null()) return Value::null();
  Value r = getitem(s->seq, Value::from_small_int(s->index));
  if (r.is_exc()) {
    if (exc_matches(exc::IndexError) || exc_matches(exc::StopIteration)) {
      exc_fetch();
      s->seq = Value::null();
      return Value::null();
    }
    return r;
  }
  s->index++;
  return r;
}
Value self_iter(Value v) { return v; }
void trace_seq_iter(Object* o, Tracer& t) { t.visit(static_cast<SeqIterObject*>(o)->seq); }
TypeObject* getitem_iter_type() {
  static TypeObject* t = nullptr;
  if (!t) {
    t = make_builtin_type("iterator", types::object, sizeof(SeqIterObject), 0);
    t->iter = self_iter;
    t->iternext = getitem_iter_next;
    t->trace = trace_seq_iter;
  }
  return t;
}
}  // namespace

Value get_iter(Value o) {
  TypeObject* t = type_of(o);
  if (t->iter) {
    Value it = t->iter(o);
    if (it.is_exc()) return it;
    if (!type_of(it)->iternext)
      return raise_fmt(exc::TypeError, "iter() returned non-iterator of type '{}'", type_name(it));
    return it;
  }
  if (t->getitem && t != types::dict && t != types::type) {
    auto* s = gc::make<SeqIterObject>(getitem_iter_type());
    s->seq = o;
    return obj(s);
  }
  return raise_fmt(exc::TypeError, "'{}' object is not iterable", type_name(o));
}

Value iter_next(Value it) {
  TypeObject* t = type_of(it);
  if (!t->iternext) return raise_fmt(exc::TypeError, "'{}' object is not an iterator", type_name(it));
  return t->iternext(it);
}

int64_t length(Value o) {
  TypeObject* t = type_of(o);
  if (t->len) return t->len(o);
  raise_fmt(exc::TypeError, "object of type '{}' has no len()", type_name(o));
  return -1;
}

int contains(Value container, Value item) {
  TypeObject* t = type_of(container);
  if (t->contains) return t->contains(container, item);
  if (!t->iter && !t->getitem) {
    raise_fmt(exc::TypeError, "argument of type '{}' is not iterable", type_name(container));
    return -1;
  }
  return contains_by_iteration(container, item);
}

int contains_by_iteration(Value container, Value item) {
  Value it = get_iter(container);
  if (it.is_exc()) return -1;
  for (;;) {
    Value x = iter_next(it);
    if (x.is_exc()) return -1;
    if (x.is_null()) return 0;
    int e = eq(x, item);
    if (e != 0) return e;
  }
}

Value index_of(Value v, int64_t* out) {
  if (v.is_small_int()) {
    *out = v.as_small_int();
    return Value::none();
  }
  if (v.is_bool()) {
    *out = v.as_bool();
    return Value::none();
  }
  if (is_int(v)) {
    if (int_to_i64(v, out)) return Value::none();
    return raise_fmt(exc::IndexError, "cannot fit 'int' into an index-sized integer");
  }
  Value f = lookup_special(v, str_intern("__index__"));
  if (!f.is_null()) {
    Value r = call0(f);
    if (r.is_exc()) return r;
    if (!is_int(r)) return raise_fmt(exc::TypeError, "__index__ returned non-int (type {})", type_name(r));
    return index_of(r, out);
  }
  return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
}

Value to_index(Value v) {
  if (is_int(v)) return v;
  Value m = lookup_special(v, str_intern("__index__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
  Value r = call0(m);
  if (r.is_exc()) return r;
  if (!is_int(r)) return raise_fmt(exc::TypeError, "__index__ returned non-int (type {})", type_name(r));
  return r;
}

Value to_list(Value iterable) {
  ListObject* l = list_new(0);
  Value it = get_iter(iterable);
  if (it.is_exc()) return it;
  for (;;) {
    Value x = iter_next(it);
    if (x.is_exc()) return x;
    if (x.is_null()) break;
    if (list_append(l, x) < 0) return Value::exc();
  }
  return obj(l);
}

Value to_tuple(Value iterable) {
  if (isinstance_exact(iterable, types::tuple)) return iterable;
  Value l = iterable;
  if (!isinstance_exact(iterable, types::list)) {
    l = to_list(iterable);
    if (l.is_exc()) return l;
  }
  auto* lo = l.as<ListObject>();
  TupleObject* t = tuple_new(lo->size);
  for (uint64_t i = 0; i < lo->size; i++) t->items[i] = lo->items[i];
  return obj(t);
}

// -- Calls -----------------------------------------------------------------------------------------
Value call(Value callable, Value* args, size_t nargs, TupleObject* kwnames) {
  TypeObject* t = type_of(callable);
  if (t->call) return t->call(callable, args, nargs, kwnames);
  return raise_fmt(exc::TypeError, "'{}' object is not callable", type_name(callable));
}

Value call0(Value f) { return call(f, nullptr, 0); }
Value call1(Value f, Value a) { return call(f, &a, 1); }
Value call2(Value f, Value a, Value b) {
  Value args[2] = {a, b};
  return call(f, args, 2);
}

Value call_method(Value self, StrObject* name, Value* args, size_t nargs) {
  TypeObject* t = type_of(self);
  Value f = type_lookup(t, name);
  if (!f.is_null() && (isinstance_exact(f, types::function) || isinstance_exact(f, types::builtin_function))) {
    Value buf[8];
    if (nargs < 8) {
      buf[0] = self;
      for (size_t i = 0; i < nargs; i++) buf[i + 1] = args[i];
      return call(f, buf, nargs + 1);
    }
  }
  Value m = getattr(self, name);
  if (m.is_exc()) return m;
  return call(m, args, nargs);
}

}  // namespace chaipy
