// interp/modules/_operator.cpp — the _operator module (CPython's Modules/_operator.c): the
// operator functions over the runtime's generic protocols, itemgetter / attrgetter /
// methodcaller with reprs and __reduce__, length_hint, _compare_digest and call.
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

size_t npos(size_t nargs, TupleObject* kw) { return nargs - (kw ? kw->size : 0); }

bool two_args(const char* name, size_t nargs, TupleObject* kw) {
  return check_no_kwargs(name, kw) && check_positional(name, nargs, 2, 2);
}

// -- Binary and in-place operators (declared once) ---------------------------------------------------
#define OPERATOR_BINOPS(X)                                                                        \
  X(add, ADD) X(and_, AND) X(floordiv, FLOOR_DIVIDE) X(lshift, LSHIFT) X(matmul, MATRIX_MULTIPLY) \
  X(mul, MULTIPLY) X(mod, REMAINDER) X(or_, OR) X(pow, POWER) X(rshift, RSHIFT) X(sub, SUBTRACT)  \
  X(truediv, TRUE_DIVIDE) X(xor, XOR)

#define X(py, op)                                                                           \
  Value op_##py(Value* a, size_t n, TupleObject* kw) {                                      \
    if (!two_args(#py, n, kw)) return Value::exc();                                         \
    return binary_op(int(BinOp::op), a[0], a[1]);                                           \
  }                                                                                         \
  Value op_i##py(Value* a, size_t n, TupleObject* kw) {                                     \
    if (!two_args("i" #py, n, kw)) return Value::exc();                                     \
    return binary_op(kNumBinOps + int(BinOp::op), a[0], a[1]);                              \
  }
OPERATOR_BINOPS(X)
#undef X

#define OPERATOR_CMPS(X) X(lt, LT) X(le, LE) X(eq, EQ) X(ne, NE) X(gt, GT) X(ge, GE)
#define X(py, op)                                                      \
  Value op_##py(Value* a, size_t n, TupleObject* kw) {                 \
    if (!two_args(#py, n, kw)) return Value::exc();                    \
    return richcompare(a[0], a[1], CmpOp::op);                         \
  }
OPERATOR_CMPS(X)
#undef X

// -- Unary (METH_O: the call machinery checks the single argument) -----------------------------------
Value op_neg(Value* a, size_t, TupleObject*) { return unary_op(Op::UNARY_NEGATIVE, a[0]); }
Value op_pos(Value* a, size_t, TupleObject*) { return unary_op(Op::UNARY_POSITIVE, a[0]); }
Value op_inv(Value* a, size_t, TupleObject*) { return unary_op(Op::UNARY_INVERT, a[0]); }
Value op_abs(Value* a, size_t, TupleObject*) {
  Value f = dict_get_str(g_builtins, NAME("abs"));
  return call1(f, a[0]);
}
Value op_not(Value* a, size_t, TupleObject*) {
  int t = truthy(a[0]);
  return t < 0 ? Value::exc() : Value::from_bool(!t);
}
Value op_truth(Value* a, size_t, TupleObject*) {
  int t = truthy(a[0]);
  return t < 0 ? Value::exc() : Value::from_bool(t);
}
Value op_index(Value* a, size_t, TupleObject*) { return to_index(a[0]); }

Value op_is(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("is_", n, kw)) return Value::exc();
  return Value::from_bool(a[0] == a[1]);
}
Value op_is_not(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("is_not", n, kw)) return Value::exc();
  return Value::from_bool(a[0] != a[1]);
}

// -- Sequences ----------------------------------------------------------------------------------------
bool is_sequence(Value v) {
  TypeObject* t = type_of(v);
  if (is_dict(v)) return false;
  if (t->getitem) return true;
  Value m = type_lookup(t, NAME("__getitem__"));
  return !m.is_null() && !m.is_exc();
}

Value concat_impl(const char* name, Value* a, size_t n, TupleObject* kw, bool inplace) {
  if (!two_args(name, n, kw)) return Value::exc();
  if (!is_sequence(a[0])) return raise_fmt(exc::TypeError, "'{}' object can't be concatenated", type_name(a[0]));
  return binary_op((inplace ? kNumBinOps : 0) + int(BinOp::ADD), a[0], a[1]);
}
Value op_concat(Value* a, size_t n, TupleObject* kw) { return concat_impl("concat", a, n, kw, false); }
Value op_iconcat(Value* a, size_t n, TupleObject* kw) { return concat_impl("iconcat", a, n, kw, true); }

Value op_contains(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("contains", n, kw)) return Value::exc();
  int c = contains(a[0], a[1]);
  return c < 0 ? Value::exc() : Value::from_bool(c);
}

// countOf / indexOf: through iteration with identity-or-equality.
Value seq_search(Value seq, Value x, bool count) {
  Value it = get_iter(seq);
  if (it.is_exc()) return it;
  int64_t i = 0, found = 0;
  for (;; i++) {
    Value v = iter_next(it);
    if (v.is_exc()) return v;
    if (v.is_null()) break;
    int c = item_eq(v, x);
    if (c < 0) return Value::exc();
    if (c) {
      if (!count) return int_from_i64(i);
      found++;
    }
  }
  if (count) return int_from_i64(found);
  return raise(exc::ValueError, "sequence.index(x): x not in sequence");
}
Value op_countOf(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("countOf", n, kw)) return Value::exc();
  return seq_search(a[0], a[1], true);
}
Value op_indexOf(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("indexOf", n, kw)) return Value::exc();
  return seq_search(a[0], a[1], false);
}

Value op_getitem(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("getitem", n, kw)) return Value::exc();
  return getitem(a[0], a[1]);
}
Value op_setitem(Value* a, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("setitem", kw) || !check_positional("setitem", n, 3, 3)) return Value::exc();
  return setitem(a[0], a[1], a[2]) < 0 ? Value::exc() : Value::none();
}
Value op_delitem(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("delitem", n, kw)) return Value::exc();
  return setitem(a[0], a[1], Value::null()) < 0 ? Value::exc() : Value::none();
}

Value op_length_hint(Value* a, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("length_hint", kw) || !check_positional("length_hint", n, 1, 2)) return Value::exc();
  int64_t dflt = 0;
  if (n == 2) {
    if (!is_int(a[1]) || a[1].is_bool() || (a[1].is_obj() && a[1].as_obj()->type != types::int_))
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(a[1]));
    if (!ssize_arg(a[1], &dflt)) return Value::exc();
  }
  Value o = a[0];
  TypeObject* t = type_of(o);
  bool has_len = t->len != nullptr;
  if (!has_len) {
    Value m = type_lookup(t, NAME("__len__"));
    has_len = !m.is_null() && !m.is_exc();
  }
  if (has_len) {
    int64_t l = length(o);
    if (l >= 0) return int_from_i64(l);
    if (!exc_matches(exc::TypeError)) return Value::exc();
    exc_fetch();
  }
  Value hint = lookup_special(o, NAME("__length_hint__"));
  if (hint.is_exc()) return hint;
  if (hint.is_null()) return int_from_i64(dflt);
  Value r = call0(hint);
  if (r.is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      return int_from_i64(dflt);
    }
    return r;
  }
  if (r == g_not_implemented) return int_from_i64(dflt);
  if (!is_int(r)) return raise_fmt(exc::TypeError, "__length_hint__ must be an integer, not {}", type_name(r));
  int64_t v;
  if (!int_to_i64(r, &v)) return raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
  if (v < 0) return raise(exc::ValueError, "__length_hint__() should return >= 0");
  return int_from_i64(v);
}

Value op_call(Value* a, size_t n, TupleObject* kw) {
  if (npos(n, kw) < 1) return raise(exc::TypeError, "call() missing 1 required positional argument: 'obj'");
  return call(a[0], a + 1, n - 1, kw);
}

Value op_compare_digest(Value* a, size_t n, TupleObject* kw) {
  if (!two_args("_compare_digest", n, kw)) return Value::exc();
  std::string_view x, y;
  if (is_str(a[0]) && is_str(a[1])) {
    if (!as_str(a[0])->ascii || !as_str(a[1])->ascii)
      return raise(exc::TypeError, "comparing strings with non-ASCII characters is not supported");
    x = as_str(a[0])->view();
    y = as_str(a[1])->view();
  } else if (is_bytes(a[0]) && is_bytes(a[1])) {
    auto* bx = a[0].as<BytesObject>();
    auto* by = a[1].as<BytesObject>();
    x = {bx->data, bx->size};
    y = {by->data, by->size};
  } else if (!is_bytes(a[0]) && !is_bytes(a[1])) {
    return raise_fmt(exc::TypeError, "unsupported operand types(s) or combination of types: '{}' and '{}'",
                     type_name(a[0]), type_name(a[1]));
  } else {
    return raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(is_bytes(a[0]) ? a[1] : a[0]));
  }
  // Constant time in the length of y, as CPython's tscmp.
  unsigned char result = x.size() != y.size();
  std::string_view left = x.size() == y.size() ? x : y;
  for (size_t i = 0; i < y.size(); i++) result |= static_cast<unsigned char>(left[i] ^ y[i]);
  return Value::from_bool(result == 0);
}

// -- itemgetter / attrgetter / methodcaller -----------------------------------------------------------
struct GetterObject : Object { TupleObject* items; };  // attrgetter: tuples of name parts
struct MethodCallerObject : Object { StrObject* name; TupleObject* args; DictObject* kwargs; };
TypeObject *itemgetter_type, *attrgetter_type, *methodcaller_type;

void getter_trace(Object* o, Tracer& t) { t.visit(static_cast<GetterObject*>(o)->items); }
void methodcaller_trace(Object* o, Tracer& t) {
  auto* m = static_cast<MethodCallerObject*>(o);
  t.visit(m->name);
  t.visit(m->args);
  t.visit(m->kwargs);
}

Value itemgetter_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("itemgetter", kw) || !check_positional("itemgetter", npos(nargs, kw), 1, npos(nargs, kw) ? SIZE_MAX : 1))
    return Value::exc();
  auto* g = gc::make<GetterObject>(type);
  g->items = tuple_from_array(args, nargs).as<TupleObject>();
  return obj(g);
}

Value one_call_arg(const char* name, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs(name, kw) || !check_positional(name, nargs, 1, 1)) return Value::exc();
  return Value::none();
}

Value itemgetter_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (one_call_arg("itemgetter", nargs, kw).is_exc()) return Value::exc();
  TupleObject* items = self.as<GetterObject>()->items;
  if (items->size == 1) return getitem(args[0], items->items[0]);
  TupleObject* r = tuple_new(items->size);
  for (uint64_t i = 0; i < items->size; i++) r->items[i] = Value::none();
  for (uint64_t i = 0; i < items->size; i++) {
    Value v = getitem(args[0], items->items[i]);
    if (v.is_exc()) return v;
    r->items[i] = v;
  }
  return obj(r);
}

std::string args_repr(TupleObject* items, bool* ok) {
  std::string out;
  for (uint64_t i = 0; i < items->size; i++) {
    Value r = repr(items->items[i]);
    if (r.is_exc()) {
      *ok = false;
      return out;
    }
    if (i) out += ", ";
    out += as_str(r)->view();
  }
  *ok = true;
  return out;
}

Value getter_repr_of(Value self, TupleObject* shown) {
  auto* g = self.as<GetterObject>();
  if (!repr_enter(g)) return str_value(fmt::format("{}(...)", type_name(self)));
  bool ok;
  std::string inner = args_repr(shown, &ok);
  repr_leave(g);
  if (!ok) return Value::exc();
  return str_value(fmt::format("{}({})", type_name(self), inner));
}

Value itemgetter_repr(Value self) { return getter_repr_of(self, self.as<GetterObject>()->items); }

Value itemgetter_reduce(Value* args, size_t, TupleObject*) {
  return tuple_pack({obj(type_of(args[0])), obj(args[0].as<GetterObject>()->items)});
}

Value attrgetter_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("attrgetter", kw) || !check_positional("attrgetter", npos(nargs, kw), 1, npos(nargs, kw) ? SIZE_MAX : 1))
    return Value::exc();
  TupleObject* items = tuple_new(nargs);
  for (size_t i = 0; i < nargs; i++) items->items[i] = Value::none();
  for (size_t i = 0; i < nargs; i++) {
    if (!is_str(args[i])) return raise(exc::TypeError, "attribute name must be a string");
    std::string_view s = as_str(args[i])->view();
    std::vector<StrObject*> parts;
    size_t start = 0;
    for (;;) {
      size_t dot = s.find('.', start);
      parts.push_back(str_intern(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    TupleObject* t = tuple_new(parts.size());
    for (size_t k = 0; k < parts.size(); k++) t->items[k] = obj(parts[k]);
    items->items[i] = obj(t);
  }
  auto* g = gc::make<GetterObject>(type);
  g->items = items;
  return obj(g);
}

Value dotted_get(Value o, TupleObject* parts) {
  for (uint64_t k = 0; k < parts->size && !o.is_exc(); k++) o = getattr(o, as_str(parts->items[k]));
  return o;
}

Value attrgetter_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (one_call_arg("attrgetter", nargs, kw).is_exc()) return Value::exc();
  TupleObject* items = self.as<GetterObject>()->items;
  if (items->size == 1) return dotted_get(args[0], items->items[0].as<TupleObject>());
  TupleObject* r = tuple_new(items->size);
  for (uint64_t i = 0; i < items->size; i++) r->items[i] = Value::none();
  for (uint64_t i = 0; i < items->size; i++) {
    Value v = dotted_get(args[0], items->items[i].as<TupleObject>());
    if (v.is_exc()) return v;
    r->items[i] = v;
  }
  return obj(r);
}

// The dotted names back as strings.
TupleObject* attrgetter_names(GetterObject* g) {
  TupleObject* names = tuple_new(g->items->size);
  for (uint64_t i = 0; i < g->items->size; i++) {
    auto* parts = g->items->items[i].as<TupleObject>();
    std::string s;
    for (uint64_t k = 0; k < parts->size; k++) {
      if (k) s += '.';
      s += as_str(parts->items[k])->view();
    }
    names->items[i] = str_value(s);
  }
  return names;
}

Value attrgetter_repr(Value self) { return getter_repr_of(self, attrgetter_names(self.as<GetterObject>())); }
Value attrgetter_reduce(Value* args, size_t, TupleObject*) {
  return tuple_pack({obj(type_of(args[0])), obj(attrgetter_names(args[0].as<GetterObject>()))});
}

Value methodcaller_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  size_t n = npos(nargs, kw);
  if (n < 1) return raise(exc::TypeError, "methodcaller needs at least one argument, the method name");
  if (!is_str(args[0])) return raise(exc::TypeError, "method name must be a string");
  auto* m = gc::make<MethodCallerObject>(type);
  m->name = str_intern(as_str(args[0])->view());
  m->args = tuple_from_array(args + 1, n - 1).as<TupleObject>();
  m->kwargs = dict_new();
  if (kw)
    for (uint64_t i = 0; i < kw->size; i++)
      if (dict_set(m->kwargs, kw->items[i], args[n + i]) < 0) return Value::exc();
  return obj(m);
}

Value methodcaller_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (one_call_arg("methodcaller", nargs, kw).is_exc()) return Value::exc();
  auto* m = self.as<MethodCallerObject>();
  Value f = getattr(args[0], m->name);
  if (f.is_exc()) return f;
  size_t na = m->args->size, nk = m->kwargs->used;
  if (nk == 0) return call(f, m->args->items, na);
  TupleObject* all = tuple_new(na + nk);
  TupleObject* names = tuple_new(nk);
  for (size_t i = 0; i < na; i++) all->items[i] = m->args->items[i];
  size_t j = 0;
  for (uint64_t e = 0; e < m->kwargs->nentries; e++) {
    DictEntry& en = m->kwargs->entries[e];
    if (en.key.is_null()) continue;
    names->items[j] = en.key;
    all->items[na + j++] = en.value;
  }
  return call(f, all->items, na + nk, names);
}

Value methodcaller_repr(Value self) {
  auto* m = self.as<MethodCallerObject>();
  if (!repr_enter(m)) return str_value(fmt::format("{}(...)", type_name(self)));
  std::string out = str_repr_utf8(m->name->view());
  bool ok = true;
  std::string rest = args_repr(m->args, &ok);
  if (ok && !rest.empty()) out += ", " + rest;
  for (uint64_t e = 0; ok && e < m->kwargs->nentries; e++) {
    DictEntry en = m->kwargs->entries[e];
    if (en.key.is_null()) continue;
    Value r = repr(en.value);
    if (r.is_exc()) ok = false;
    else out += fmt::format(", {}={}", as_str(en.key)->view(), as_str(r)->view());
  }
  repr_leave(m);
  if (!ok) return Value::exc();
  return str_value(fmt::format("{}({})", type_name(self), out));
}

Value methodcaller_reduce(Value* args, size_t, TupleObject*) {
  auto* m = args[0].as<MethodCallerObject>();
  Value t = obj(type_of(args[0]));
  if (m->kwargs->used == 0) {
    TupleObject* a = tuple_new(m->args->size + 1);
    a->items[0] = obj(m->name);
    for (uint64_t i = 0; i < m->args->size; i++) a->items[i + 1] = m->args->items[i];
    return tuple_pack({t, obj(a)});
  }
  // functools.partial is _functools.partial (CPython imports it from functools).
  Value functools = import_name(str_intern("_functools"), g_builtins, Value::none(), 0);
  if (functools.is_exc()) return functools;
  Value partial = getattr(functools, NAME("partial"));
  if (partial.is_exc()) return partial;
  size_t nk = m->kwargs->used;
  TupleObject* pa = tuple_new(2 + nk);
  TupleObject* names = tuple_new(nk);
  pa->items[0] = t;
  pa->items[1] = obj(m->name);
  size_t j = 0;
  for (uint64_t e = 0; e < m->kwargs->nentries; e++) {
    DictEntry& en = m->kwargs->entries[e];
    if (en.key.is_null()) continue;
    names->items[j] = en.key;
    pa->items[2 + j++] = en.value;
  }
  Value p = call(partial, pa->items, 2 + nk, names);
  if (p.is_exc()) return p;
  return tuple_pack({p, obj(m->args)});
}

TypeObject* new_type(const char* name, uint32_t size, TraceFn trace, NewFn tp_new, CallFn call_fn, ReprFn repr_fn) {
  TypeObject* t = make_builtin_type(name, types::object, size, kTypeBaseType);
  t->module = str_intern("operator");
  t->trace = trace;
  t->tp_new = tp_new;
  t->call = call_fn;
  t->repr = repr_fn;
  return t;
}

}  // namespace

Value make__operator_module() {
  Value m = module_new("_operator");
  DictObject* d = m.as<ModuleObject>()->dict;
#define X(py, op) {#py, op_##py}, {"i" #py, op_i##py},
#define C(py, op) {#py, op_##py},
  module_add_functions(d, {OPERATOR_BINOPS(X) OPERATOR_CMPS(C)});
#undef X
#undef C
  module_add_functions(d, {
      {"neg", op_neg, kNativeOneArg},          {"pos", op_pos, kNativeOneArg},
      {"inv", op_inv, kNativeOneArg},          {"invert", op_inv, kNativeOneArg},
      {"abs", op_abs, kNativeOneArg},          {"not_", op_not, kNativeOneArg},
      {"truth", op_truth, kNativeOneArg},      {"index", op_index, kNativeOneArg},
      {"is_", op_is},                          {"is_not", op_is_not},
      {"concat", op_concat},                   {"iconcat", op_iconcat},
      {"contains", op_contains},               {"countOf", op_countOf},
      {"indexOf", op_indexOf},                 {"getitem", op_getitem},
      {"setitem", op_setitem},                 {"delitem", op_delitem},
      {"length_hint", op_length_hint},         {"call", op_call},
      {"_compare_digest", op_compare_digest},
  });
  itemgetter_type = new_type("itemgetter", sizeof(GetterObject), getter_trace, itemgetter_new, itemgetter_call,
                             itemgetter_repr);
  type_add_methods(itemgetter_type, {{"__reduce__", itemgetter_reduce, kNativeNoArgs}});
  attrgetter_type = new_type("attrgetter", sizeof(GetterObject), getter_trace, attrgetter_new, attrgetter_call,
                             attrgetter_repr);
  type_add_methods(attrgetter_type, {{"__reduce__", attrgetter_reduce, kNativeNoArgs}});
  methodcaller_type = new_type("methodcaller", sizeof(MethodCallerObject), methodcaller_trace, methodcaller_new,
                               methodcaller_call, methodcaller_repr);
  type_add_methods(methodcaller_type, {{"__reduce__", methodcaller_reduce, kNativeNoArgs}});
  for (TypeObject* t : {itemgetter_type, attrgetter_type, methodcaller_type}) dict_set_str(d, t->name, obj(t));
  return m;
}

}  // namespace chaipy
