// interp/objects/range.cpp — range and slice objects, slice index normalisation, and the one
// iterator type (types::seq_iter) used by every built-in container.
//
// Range iterators keep their state as plain int64 fields (index = next value, end = stop,
// step) so the JIT can specialise them; ranges beyond int64 fall back to a generic int walk.
#include <cstring>

#include "interp/objects/objects.h"

namespace chaipy {

// -- slice ---------------------------------------------------------------------------------------------
static void slice_trace(Object* o, Tracer& t) {
  auto* s = static_cast<SliceObject*>(o);
  t.visit(s->start); t.visit(s->stop); t.visit(s->step);
}

Value slice_new(Value start, Value stop, Value step) {
  auto* s = gc::make<SliceObject>(types::slice);
  s->start = start.is_null() ? Value::none() : start;
  s->stop = stop.is_null() ? Value::none() : stop;
  s->step = step.is_null() ? Value::none() : step;
  return obj(s);
}

// Clamps an index to [lo, hi] with Python's rules; big ints saturate.
static bool slice_index(Value v, int64_t* out) {
  if (v.is_small_int()) { *out = v.as_small_int(); return true; }
  if (is_int(v)) {
    if (!int_get_i64(v, out)) *out = int_sign(v) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    return true;
  }
  if (index_of(v, out).is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      raise(exc::TypeError, "slice indices must be integers or None or have an __index__ method");
    }
    return false;
  }
  return true;
}

bool slice_indices(SliceObject* s, int64_t len, int64_t* start, int64_t* stop, int64_t* step, int64_t* slicelen) {
  int64_t st = 1;
  if (!s->step.is_none()) {
    if (!slice_index(s->step, &st)) return false;
    if (st == 0) { raise(exc::ValueError, "slice step cannot be zero"); return false; }
    if (st < -INT64_MAX / 2) st = -INT64_MAX / 2;
  }
  int64_t lo = st < 0 ? -1 : 0, hi = st < 0 ? len - 1 : len;
  int64_t a, b;
  if (s->start.is_none()) a = st < 0 ? hi : lo;
  else {
    if (!slice_index(s->start, &a)) return false;
    if (a < 0) { a += len; if (a < lo) a = lo; }
    else if (a > hi) a = hi;
  }
  if (s->stop.is_none()) b = st < 0 ? lo : hi;
  else {
    if (!slice_index(s->stop, &b)) return false;
    if (b < 0) { b += len; if (b < lo) b = lo; }
    else if (b > hi) b = hi;
  }
  int64_t n = 0;
  if (st < 0) { if (b < a) n = (a - b - 1) / (-st) + 1; }
  else if (a < b) n = (b - a - 1) / st + 1;
  *start = a; *stop = b; *step = st; *slicelen = n;
  return true;
}

static Value slice_repr(Value v) {
  auto* s = v.as<SliceObject>();
  return str_value(fmt::format("slice({}, {}, {})", repr_utf8(s->start), repr_utf8(s->stop), repr_utf8(s->step)));
}

static Value slice_richcompare(Value a, Value b, CmpOp op) {
  if (!isinstance_exact(a, types::slice) || !isinstance_exact(b, types::slice)) return g_not_implemented;
  auto *x = a.as<SliceObject>(), *y = b.as<SliceObject>();
  Value xa[3] = {x->start, x->stop, x->step}, ya[3] = {y->start, y->stop, y->step};
  return seq_richcompare(xa, 3, ya, 3, op);
}

static Value slice_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "slice() takes no keyword arguments");
  if (nargs == 0) return raise(exc::TypeError, "slice expected at least 1 argument, got 0");
  if (nargs > 3) return raise_fmt(exc::TypeError, "slice expected at most 3 arguments, got {}", nargs);
  if (nargs == 1) return slice_new(Value::none(), args[0], Value::none());
  return slice_new(args[0], args[1], nargs == 3 ? args[2] : Value::none());
}

static Value slice_indices_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("slice.indices", nargs - 1, 1, 1)) return Value::exc();
  int64_t len;
  if (index_of(args[1], &len).is_exc()) return Value::exc();
  if (len < 0) return raise(exc::ValueError, "length should not be negative");
  int64_t a, b, c, n;
  if (!slice_indices(args[0].as<SliceObject>(), len, &a, &b, &c, &n)) return Value::exc();
  return tuple_pack({int_from_i64(a), int_from_i64(b), int_from_i64(c)});
}

// -- range ---------------------------------------------------------------------------------------------
static void range_trace(Object* o, Tracer& t) {
  auto* r = static_cast<RangeObject*>(o);
  t.visit(r->start); t.visit(r->stop); t.visit(r->step);
}

// Number of elements, as an int Value (may be big).
static Value range_len_value(Value start, Value stop, Value step) {
  int64_t a, b, c;
  if (int_get_i64(start, &a) && int_get_i64(stop, &b) && int_get_i64(step, &c)) {
    __int128 n = 0;
    if (c > 0 && a < b) n = ((__int128)b - a - 1) / c + 1;
    else if (c < 0 && a > b) n = ((__int128)a - b - 1) / (-(__int128)c) + 1;
    if (n <= INT64_MAX) return int_from_i64(int64_t(n));
  }
  Mpz za(start), zb(stop), zc(step), n;
  if (mpz_sgn(zc) > 0 && mpz_cmp(za, zb) < 0) {
    mpz_sub(n, zb, za); mpz_sub_ui(n, n, 1); mpz_fdiv_q(n, n, zc); mpz_add_ui(n, n, 1);
  } else if (mpz_sgn(zc) < 0 && mpz_cmp(za, zb) > 0) {
    mpz_sub(n, za, zb); mpz_sub_ui(n, n, 1); mpz_neg(zc, zc); mpz_fdiv_q(n, n, zc); mpz_add_ui(n, n, 1);
  }
  return int_from_mpz(n);
}

static Value range_make(Value start, Value stop, Value step) {
  auto* r = gc::make<RangeObject>(types::range);
  r->start = start; r->stop = stop; r->step = step;
  int64_t n;
  r->length = int_get_i64(range_len_value(start, stop, step), &n) ? n : -1;
  return obj(r);
}

Value range_new(int64_t start, int64_t stop, int64_t step) {
  return range_make(int_from_i64(start), int_from_i64(stop), int_from_i64(step));
}

static Value range_arg(Value v) {
  if (is_int(v)) return v.is_bool() ? int_from_i64(v.as_bool()) : v;
  int64_t i;
  Value r = index_of(v, &i);
  if (r.is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    }
    return r;
  }
  return int_from_i64(i);
}

static Value range_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) return raise(exc::TypeError, "range() takes no keyword arguments");
  if (nargs == 0) return raise(exc::TypeError, "range expected at least 1 argument, got 0");
  if (nargs > 3) return raise_fmt(exc::TypeError, "range expected at most 3 arguments, got {}", nargs);
  Value a[3];
  for (size_t i = 0; i < nargs; i++) {
    a[i] = range_arg(args[i]);
    if (a[i].is_exc()) return a[i];
  }
  if (nargs == 1) return range_make(int_from_i64(0), a[0], int_from_i64(1));
  Value step = nargs == 3 ? a[2] : int_from_i64(1);
  if (int_sign(step) == 0) return raise(exc::ValueError, "range() arg 3 must not be zero");
  return range_make(a[0], a[1], step);
}

static Value range_repr(Value v) {
  auto* r = v.as<RangeObject>();
  int64_t st;
  if (int_get_i64(r->step, &st) && st == 1)
    return str_value(fmt::format("range({}, {})", int_to_decimal(r->start), int_to_decimal(r->stop)));
  return str_value(fmt::format("range({}, {}, {})", int_to_decimal(r->start), int_to_decimal(r->stop), int_to_decimal(r->step)));
}

static int64_t range_len(Value v) {
  auto* r = v.as<RangeObject>();
  if (r->length < 0) {
    raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
  }
  return r->length;
}
static int range_bool(Value v) {
  auto* r = v.as<RangeObject>();
  return r->length != 0;
}

// start + i * step as an int Value.
static Value range_item(RangeObject* r, Value i) {
  int64_t a, c, k;
  if (int_get_i64(r->start, &a) && int_get_i64(r->step, &c) && int_get_i64(i, &k)) {
    __int128 v = (__int128)a + (__int128)k * c;
    if (v >= INT64_MIN && v <= INT64_MAX) return int_from_i64(int64_t(v));
  }
  Mpz za(r->start), zc(r->step), zi(i);
  mpz_mul(zi, zi, zc);
  mpz_add(zi, zi, za);
  return int_from_mpz(zi);
}

bool range_contains_int(RangeObject* r, Value v) {
  int64_t a, b, c, x;
  if (int_get_i64(r->start, &a) && int_get_i64(r->stop, &b) && int_get_i64(r->step, &c) && int_get_i64(v, &x)) {
    if (c > 0 ? (x < a || x >= b) : (x > a || x <= b)) return false;
    return ((__int128)x - a) % c == 0;
  }
  Mpz za(r->start), zb(r->stop), zc(r->step), zx(v);
  if (mpz_sgn(zc) > 0 ? (mpz_cmp(zx, za) < 0 || mpz_cmp(zx, zb) >= 0) : (mpz_cmp(zx, za) > 0 || mpz_cmp(zx, zb) <= 0))
    return false;
  mpz_sub(zx, zx, za);
  return mpz_divisible_p(zx, zc);
}

// CPython answers by arithmetic only for exact ints and bools: a subclass may redefine __eq__.
static bool arith_int(Value v) {
  return v.is_small_int() || v.is_bool() || (v.is_obj() && v.as_obj()->type == types::int_);
}

static int range_contains(Value self, Value item) {
  auto* r = self.as<RangeObject>();
  if (arith_int(item)) return range_contains_int(r, item);
  // Generic: compare against each element (as CPython does for non-ints).
  Value it = get_iter(self);
  if (it.is_exc()) return -1;
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) return 0;
    if (v.is_exc()) return -1;
    int e = eq(v, item);
    if (e) return e;
  }
}

static Value range_getitem(Value self, Value key) {
  auto* r = self.as<RangeObject>();
  if (isinstance_exact(key, types::slice)) {
    if (r->length < 0) return raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
    int64_t a, b, c, n;
    if (!slice_indices(key.as<SliceObject>(), r->length, &a, &b, &c, &n)) return Value::exc();
    Value start = range_item(r, int_from_i64(a)), stop = range_item(r, int_from_i64(b));
    Value step = int_binop(int(BinOp::MULTIPLY), r->step, int_from_i64(c));
    return range_make(start, stop, step);
  }
  int64_t i;
  if (!is_int(key)) {
    if (index_of(key, &i).is_exc()) {
      if (exc_matches(exc::TypeError)) {
        exc_fetch();
        return raise_fmt(exc::TypeError, "range indices must be integers or slices, not {}", type_name(key));
      }
      return Value::exc();
    }
  } else if (!int_get_i64(key, &i) || r->length < 0) {
    // Huge range or index: exact arithmetic.
    Value l = range_len_value(r->start, r->stop, r->step), k = key;
    if (int_sign(k) < 0) k = int_binop(int(BinOp::ADD), k, l);
    if (int_sign(k) < 0 || int_compare(k, l) >= 0) return raise(exc::IndexError, "range object index out of range");
    return range_item(r, k);
  }
  int64_t n = r->length;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(exc::IndexError, "range object index out of range");
  return range_item(r, int_from_i64(i));
}

static Value range_richcompare(Value a, Value b, CmpOp op) {
  if (!isinstance_exact(a, types::range) || !isinstance_exact(b, types::range) || (op != CmpOp::EQ && op != CmpOp::NE))
    return g_not_implemented;
  auto *x = a.as<RangeObject>(), *y = b.as<RangeObject>();
  bool same;
  Value lx = range_len_value(x->start, x->stop, x->step), ly = range_len_value(y->start, y->stop, y->step);
  if (int_compare(lx, ly) != 0) same = false;
  else if (int_sign(lx) == 0) same = true;
  else if (int_compare(x->start, y->start) != 0) same = false;
  else if (int_compare(lx, int_from_i64(1)) == 0) same = true;
  else same = int_compare(x->step, y->step) == 0;
  return Value::from_bool(op == CmpOp::EQ ? same : !same);
}

static int64_t range_hash(Value v) {
  auto* r = v.as<RangeObject>();
  Value l = range_len_value(r->start, r->stop, r->step);
  Value t;
  if (int_sign(l) == 0) t = tuple_pack({l, Value::none(), Value::none()});
  else if (int_compare(l, int_from_i64(1)) == 0) t = tuple_pack({l, r->start, Value::none()});
  else t = tuple_pack({l, r->start, r->step});
  return tuple_hash(t);
}

static Value range_iter(Value self) {
  auto* r = self.as<RangeObject>();
  int64_t a, b, c;
  if (int_get_i64(r->start, &a) && int_get_i64(r->stop, &b) && int_get_i64(r->step, &c) && r->length >= 0) {
    // index = next value, end = number of values left is derived from stop; keep the stop.
    return seq_iter_new(self, kIterRange, a, r->length, c);
  }
  return seq_iter_new(self, kIterRangeBig, 0, 0, 1);
}

Value range_reversed(Value self) {
  auto* r = self.as<RangeObject>();
  int64_t a, c;
  if (r->length >= 0 && int_get_i64(r->start, &a) && int_get_i64(r->step, &c)) {
    __int128 last = (__int128)a + (__int128)(r->length - 1) * c;
    if (r->length == 0) last = a;
    if (last >= INT64_MIN && last <= INT64_MAX && -(__int128)c <= INT64_MAX)
      return seq_iter_new(self, kIterRange, int64_t(last), r->length, -c);
  }
  // Big ranges: build the reversed range and iterate it generically.
  Value l = range_len_value(r->start, r->stop, r->step);
  Value last = range_item(r, int_binop(int(BinOp::SUBTRACT), l, int_from_i64(1)));
  Value stop = int_binop(int(BinOp::SUBTRACT), r->start, r->step);
  Value step = int_binop(int(BinOp::SUBTRACT), int_from_i64(0), r->step);
  return seq_iter_new(range_make(last, stop, step), kIterRangeBig, 0, 0, 1);
}

static Value range_reversed_m(Value* args, size_t nargs, TupleObject* kw) { return range_reversed(args[0]); }

static Value range_count_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("range.count", nargs - 1, 1, 1)) return Value::exc();
  if (arith_int(args[1])) return int_from_i64(range_contains_int(args[0].as<RangeObject>(), args[1]));
  int64_t c = 0;
  Value it = get_iter(args[0]);
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc()) return v;
    int e = eq(v, args[1]);
    if (e < 0) return Value::exc();
    c += e;
  }
  return int_from_i64(c);
}

static Value range_index_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("range.index", nargs - 1, 1, 1)) return Value::exc();
  auto* r = args[0].as<RangeObject>();
  if (arith_int(args[1])) {
    if (!range_contains_int(r, args[1])) return raise_fmt(exc::ValueError, "{} is not in range", repr_utf8(args[1]));
    Value d = int_binop(int(BinOp::SUBTRACT), args[1], r->start);
    return int_binop(int(BinOp::FLOOR_DIVIDE), d, r->step);
  }
  // Anything else: compared with each item in turn (CPython's _PySequence_IterSearch).
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  for (int64_t i = 0;; i++) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc()) return v;
    int e = eq(v, args[1]);
    if (e < 0) return Value::exc();
    if (e) return int_from_i64(i);
  }
  if (exc_pending()) return Value::exc();
  return raise(exc::ValueError, "sequence.index(x): x not in sequence");
}

// start/stop/step are data attributes; everything else (methods) goes through the generic path.
static Value range_getattr(Value self, StrObject* name) {
  auto* r = self.as<RangeObject>();
  auto n = name->view();
  if (n == "start") return r->start;
  if (n == "stop") return r->stop;
  if (n == "step") return r->step;
  return generic_getattr(self, name);
}

static Value slice_getattr(Value self, StrObject* name) {
  auto* s = self.as<SliceObject>();
  auto n = name->view();
  if (n == "start") return s->start;
  if (n == "stop") return s->stop;
  if (n == "step") return s->step;
  return generic_getattr(self, name);
}

// -- The sequence iterator -----------------------------------------------------------------------------
static void seq_iter_trace(Object* o, Tracer& t) { t.visit(static_cast<SeqIterObject*>(o)->seq); }

TypeObject* g_iter_types[kNumIterKinds];

Value seq_iter_new(Value seq, IterKind kind, int64_t index, int64_t end, int64_t step) {
  auto* it = gc::make<SeqIterObject>(g_iter_types[kind]);
  it->aux = kind;
  it->seq = seq;
  it->index = index;
  it->end = end;
  it->step = step;
  it->extra = 0;
  return obj(it);
}

Value seq_iter_next(Value self) {
  auto* it = self.as<SeqIterObject>();
  Value seq = it->seq;
  if (seq.is_null()) return Value::null();
  switch (IterKind(it->aux)) {
    case kIterList: {
      auto* l = seq.as<ListObject>();
      if (uint64_t(it->index) < l->size) return l->items[it->index++];
      break;
    }
    case kIterListReversed: {
      auto* l = seq.as<ListObject>();
      if (it->index >= 0 && uint64_t(it->index) < l->size) return l->items[it->index--];
      break;
    }
    case kIterTuple: {
      auto* t = seq.as<TupleObject>();
      if (uint64_t(it->index) < t->size) return t->items[it->index++];
      break;
    }
    case kIterStrAscii: {
      auto* s = as_str(seq);
      if (uint64_t(it->index) < s->nbytes) return obj(str_from_ascii_char(s->data[it->index++]));
      break;
    }
    case kIterStr: {  // index is a byte offset
      auto* s = as_str(seq);
      if (uint64_t(it->index) < s->nbytes) {
        int len;
        utf8_decode(s->data + it->index, &len);
        Value r = str_value(std::string_view(s->data + it->index, size_t(len)));
        it->index += len;
        return r;
      }
      break;
    }
    case kIterBytes: {
      auto* b = seq.as<BytesObject>();
      if (uint64_t(it->index) < b->size) return int_from_i64((unsigned char)b->data[it->index++]);
      break;
    }
    case kIterRange:  // index = next value, end = values left
      if (it->end > 0) {
        int64_t v = it->index;
        it->end--;
        it->index += it->end > 0 ? it->step : 0;
        return int_from_i64(v);
      }
      break;
    case kIterRangeBig: {
      auto* r = seq.as<RangeObject>();
      Value l = range_len_value(r->start, r->stop, r->step);
      Value i = int_from_i64(int64_t(it->extra));
      if (int_compare(i, l) < 0) {
        it->extra++;
        return range_item(r, i);
      }
      break;
    }
    case kIterDictKeys:
    case kIterDictValues:
    case kIterDictItems: {
      auto* d = seq.as<DictObject>();
      if (int64_t(d->used) != it->end) {
        it->end = -1;  // stay broken, as CPython does
        return raise(exc::RuntimeError, "dictionary changed size during iteration");
      }
      while (uint64_t(it->index) < d->nentries) {
        DictEntry& e = d->entries[it->index++];
        if (e.key.is_null()) continue;
        if (it->aux == kIterDictKeys) return e.key;
        if (it->aux == kIterDictValues) return e.value;
        return tuple_pack({e.key, e.value});
      }
      break;
    }
    case kIterSet: {
      auto* s = seq.as<SetObject>();
      if (int64_t(s->used) != it->end) {
        it->end = -1;
        return raise(exc::RuntimeError, "Set changed size during iteration");
      }
      while (uint64_t(it->index) <= s->mask) {
        SetEntry& e = s->table[it->index++];
        if (!e.key.is_null() && e.key != kSetDummy) return e.key;
      }
      break;
    }
    default: break;
  }
  it->seq = Value::null();  // exhausted iterators stay exhausted
  return Value::null();
}

static Value seq_iter_self(Value self) { return self; }

static const char* const kIterNames[kNumIterKinds] = {
    "iterator", "list_iterator", "tuple_iterator", "str_ascii_iterator", "str_iterator", "range_iterator",
    "longrange_iterator", "dict_keyiterator", "dict_valueiterator", "dict_itemiterator", "set_iterator",
    "bytes_iterator", "list_reverseiterator", "iterator"};

static Value seq_iter_repr(Value self) {
  return str_value(fmt::format("<{} object at {:#x}>", self.as_obj()->type->name->view(), self.bits() & Value::kPayloadMask));
}

static Value seq_iter_length_hint_m(Value* args, size_t nargs, TupleObject* kw) {
  auto* it = args[0].as<SeqIterObject>();
  if (it->seq.is_null()) return int_from_i64(0);
  switch (IterKind(it->aux)) {
    case kIterList: return int_from_i64(std::max<int64_t>(0, int64_t(it->seq.as<ListObject>()->size) - it->index));
    case kIterTuple: return int_from_i64(std::max<int64_t>(0, int64_t(it->seq.as<TupleObject>()->size) - it->index));
    case kIterRange: return int_from_i64(it->end);
    default: return int_from_i64(0);
  }
}

void init_range_slice_types() {
  TypeObject* r = types::range;
  r->trace = range_trace;
  r->repr = range_repr;
  r->hash = range_hash;
  r->richcompare = range_richcompare;
  r->len = range_len;
  r->boolean = range_bool;
  r->contains = range_contains;
  r->getitem = range_getitem;
  r->iter = range_iter;
  r->tp_new = range_tp_new;
  type_add_methods(r, {{"count", range_count_m}, {"index", range_index_m}, {"__reversed__", range_reversed_m}});
  r->getattr = range_getattr;

  TypeObject* s = types::slice;
  s->trace = slice_trace;
  s->repr = slice_repr;
  s->richcompare = slice_richcompare;
  s->tp_new = slice_tp_new;
  s->getattr = slice_getattr;
  type_add_methods(s, {{"indices", slice_indices_m}});

  for (int k = 0; k < kNumIterKinds; k++) {
    TypeObject* it = k == 0 || k == kIterGeneric
                         ? types::seq_iter
                         : make_builtin_type(kIterNames[k], types::object, sizeof(SeqIterObject), 0);
    g_iter_types[k] = it;
    if (k == kIterGeneric) continue;
    it->trace = seq_iter_trace;
    it->iter = seq_iter_self;
    it->iternext = seq_iter_next;
    it->repr = seq_iter_repr;
    type_add_methods(it, {{"__length_hint__", seq_iter_length_hint_m}});
  }
}

}  // namespace chaipy
