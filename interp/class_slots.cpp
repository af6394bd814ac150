// interp/class_slots.cpp — CPython's "slot wrappers" in reverse: the C slots of a user class are
// trampolines that look up the dunder through the MRO (cached) and call it.
//
// Contract: fill_slots(t) gives every slot of heap class t either a trampoline (some heap class
// in t's MRO defines one of the slot's dunders) or the slot of t's solid (built-in) base. A
// trampoline always re-looks-up its dunder, so it is never stale; fill_slots only decides
// whether a trampoline is needed, and is re-run when a dunder is assigned on a class.
#include <unordered_map>

#include "interp/class_internal.h"

namespace chaipy {
namespace cls {
namespace {

Value call0d(Value f, Value self) { return call_dunder(f, self, nullptr, 0); }
Value call1d(Value f, Value self, Value a) { return call_dunder(f, self, &a, 1); }
Value call2d(Value f, Value self, Value a, Value b) {
  Value args[2] = {a, b};
  return call_dunder(f, self, args, 2);
}

// -- repr / str / hash ---------------------------------------------------------------------------
Value slot_repr(Value self) {
  Value f = lookup(type_of(self), S.__repr__);
  if (f.is_null() || f == g_object_repr) return solid_repr(self);
  Value r = call0d(f, self);
  if (r.is_exc()) return r;
  if (!is_str(r)) return raise_fmt(exc::TypeError, "__repr__ returned non-string (type {})", type_name(r));
  return r;
}

Value slot_str(Value self) {
  Value f = lookup(type_of(self), S.__str__);
  if (f.is_null() || f == g_object_str) return solid_str(self);
  Value r = call0d(f, self);
  if (r.is_exc()) return r;
  if (!is_str(r)) return raise_fmt(exc::TypeError, "__str__ returned non-string (type {})", type_name(r));
  return r;
}

int64_t slot_hash(Value self) {
  TypeObject* t = type_of(self);
  Value f = lookup(t, S.__hash__);
  if (f.is_null() || f.is_none()) {
    raise_fmt(exc::TypeError, "unhashable type: '{}'", t->name->view());
    return -1;
  }
  if (f == g_object_hash) return solid_hash(self);
  Value r = call0d(f, self);
  if (r.is_exc()) return -1;
  if (!is_int(r)) {
    raise(exc::TypeError, "__hash__ method should return an integer");
    return -1;
  }
  int64_t h;
  if (r.is_small_int()) h = r.as_small_int();
  else if (r.is_bool()) h = r.as_bool();
  else h = hash(r);
  return h == -1 ? -2 : h;
}

// -- Comparison ------------------------------------------------------------------------------------
Value slot_richcompare(Value a, Value b, CmpOp op);

Value cmp_one(Value self, Value other, CmpOp op) {
  Value f = lookup(type_of(self), S.cmp[int(op)]);
  if (f.is_null() || f == g_object_cmp[int(op)]) return solid_richcompare(self, other, op);
  if (f.is_none()) return g_not_implemented;
  return call1d(f, self, other);
}

Value slot_richcompare(Value a, Value b, CmpOp op) {
  TypeObject *ta = type_of(a), *tb = type_of(b);
  // A subclass's reflected method first (abstract.cpp skips it when both slots are ours).
  if (ta != tb && tb->richcompare == slot_richcompare && is_subtype(tb, ta)) {
    Value r = cmp_one(b, a, cmp_swapped(op));
    if (r != g_not_implemented) return r;
  }
  return cmp_one(a, b, op);
}

// -- Arithmetic ------------------------------------------------------------------------------------
Value slot_binop(int op, Value a, Value b) {
  TypeObject *ta = type_of(a), *tb = type_of(b);
  if (op >= kNumBinOps) {
    if (ta->binop != slot_binop) return g_not_implemented;
    Value f = lookup(ta, S.ibinop[op - kNumBinOps]);
    if (f.is_null() || f.is_none()) return g_not_implemented;
    return call1d(f, a, b);
  }
  bool a_ours = ta->binop == slot_binop;
  Value rf = Value::null();
  bool do_other = ta != tb && tb->binop == slot_binop;
  if (do_other) {
    rf = lookup(tb, S.rbinop[op]);
    if (rf.is_null() || rf.is_none()) do_other = false;
  }
  if (a_ours) {
    Value f = lookup(ta, S.binop[op]);
    if (do_other && is_subtype(tb, ta) && rf != lookup(ta, S.rbinop[op])) {
      Value r = call1d(rf, b, a);
      if (r != g_not_implemented) return r;
      do_other = false;
    }
    if (!f.is_null() && !f.is_none()) {
      Value r = call1d(f, a, b);
      if (r != g_not_implemented || ta == tb) return r;
    }
  }
  if (do_other) return call1d(rf, b, a);
  return g_not_implemented;
}

Value slot_unaryop(Op op, Value a) {
  StrObject* n = op == Op::UNARY_NEGATIVE ? S.__neg__ : op == Op::UNARY_POSITIVE ? S.__pos__ : S.__invert__;
  Value f = lookup(type_of(a), n);
  if (f.is_null() || f.is_none()) return g_not_implemented;
  return call0d(f, a);
}

// -- Attributes --------------------------------------------------------------------------------------
Value slot_getattr(Value self, StrObject* name) {
  TypeObject* t = type_of(self);
  Value ga = lookup(t, S.__getattribute__);
  Value r;
  if (!ga.is_null() && ga != g_object_getattribute && ga != g_type_getattribute) {
    r = call1d(ga, self, obj(name));
  } else {
    GetAttrFn base = solid_base(t)->getattr;
    r = base ? base(self, name) : generic_getattr(self, name);
  }
  if (r.is_exc()) {
    Value g = lookup(t, S.__getattr__);
    if (!g.is_null() && exc_matches(exc::AttributeError)) {
      exc_fetch();
      r = call1d(g, self, obj(name));
    }
  }
  return r;
}

int slot_setattr(Value self, StrObject* name, Value v) {
  TypeObject* t = type_of(self);
  Value f = lookup(t, v.is_null() ? S.__delattr__ : S.__setattr__);
  if (f.is_null() || f == g_object_setattr || f == g_object_delattr) {
    SetAttrFn base = solid_base(t)->setattr;
    return base ? base(self, name, v) : generic_setattr(self, name, v);
  }
  Value r = v.is_null() ? call1d(f, self, obj(name)) : call2d(f, self, obj(name), v);
  return r.is_exc() ? -1 : 0;
}

// -- Calls, construction -------------------------------------------------------------------------------
Value slot_call(Value self, Value* args, size_t nargs, TupleObject* kw) {
  Value f = lookup(type_of(self), S.__call__);
  if (f.is_null()) return raise_fmt(exc::TypeError, "'{}' object is not callable", type_name(self));
  // A __call__ that is itself such an instance calls on forever without a Python frame.
  RecursionScope guard(" while calling a Python object");
  if (!guard.ok) return Value::exc();
  return call_dunder(f, self, args, nargs, kw);
}

Value slot_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  Value f = lookup(t, S.__new__);
  if (f.is_null()) return object_tp_new(t, args, nargs, kw);
  if (isinstance_exact(f, types::staticmethod)) f = f.as<WrapperObject>()->fget;
  return call_prepend(f, obj(t), args, nargs, kw);
}

int slot_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  Value f = lookup(type_of(self), S.__init__);
  if (f.is_null()) return 0;
  Value r = call_dunder(f, self, args, nargs, kw);
  if (r.is_exc()) return -1;
  if (!r.is_none()) {
    raise_fmt(exc::TypeError, "__init__() should return None, not '{}'", type_name(r));
    return -1;
  }
  return 0;
}

// -- Containers and iteration ----------------------------------------------------------------------------
bool len_result(Value r, int64_t* out) {
  if (!is_int(r)) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(r));
    return false;
  }
  int64_t n;
  if (!int_to_i64(r, &n)) {
    mpz_t z;
    mpz_init(z);
    int_to_mpz(r, z);
    bool neg = mpz_sgn(z) < 0;
    mpz_clear(z);
    if (neg)
      raise(exc::ValueError, "__len__() should return >= 0");
    else
      raise(exc::OverflowError, "cannot fit 'int' into an index-sized integer");
    return false;
  }
  if (n < 0) {
    raise(exc::ValueError, "__len__() should return >= 0");
    return false;
  }
  *out = n;
  return true;
}

int64_t slot_len(Value self) {
  Value f = lookup(type_of(self), S.__len__);
  if (f.is_null()) {
    raise_fmt(exc::TypeError, "object of type '{}' has no len()", type_name(self));
    return -1;
  }
  Value r = call0d(f, self);
  if (r.is_exc()) return -1;
  int64_t n;
  return len_result(r, &n) ? n : -1;
}

int slot_bool(Value self) {
  TypeObject* t = type_of(self);
  Value f = lookup(t, S.__bool__);
  if (!f.is_null()) {
    Value r = call0d(f, self);
    if (r.is_exc()) return -1;
    if (!r.is_bool()) {
      raise_fmt(exc::TypeError, "__bool__ should return bool, returned {}", type_name(r));
      return -1;
    }
    return r.as_bool();
  }
  f = lookup(t, S.__len__);
  if (!f.is_null()) {
    Value r = call0d(f, self);
    if (r.is_exc()) return -1;
    int64_t n;
    if (!len_result(r, &n)) return -1;
    return n != 0;
  }
  return 1;
}

Value slot_getitem(Value self, Value key) {
  Value f = lookup(type_of(self), S.__getitem__);
  if (f.is_null()) return raise_fmt(exc::TypeError, "'{}' object is not subscriptable", type_name(self));
  return call1d(f, self, key);
}

int slot_setitem(Value self, Value key, Value v) {
  if (v.is_null()) {
    Value f = lookup(type_of(self), S.__delitem__);
    if (f.is_null()) {
      raise_fmt(exc::TypeError, "'{}' object doesn't support item deletion", type_name(self));
      return -1;
    }
    return call1d(f, self, key).is_exc() ? -1 : 0;
  }
  Value f = lookup(type_of(self), S.__setitem__);
  if (f.is_null()) {
    raise_fmt(exc::TypeError, "'{}' object does not support item assignment", type_name(self));
    return -1;
  }
  return call2d(f, self, key, v).is_exc() ? -1 : 0;
}

int slot_contains(Value self, Value item) {
  Value f = lookup(type_of(self), S.__contains__);
  if (f.is_null() || f.is_none()) {
    if (f.is_none()) {
      raise_fmt(exc::TypeError, "argument of type '{}' is not iterable", type_name(self));
      return -1;
    }
    return contains_by_iteration(self, item);
  }
  Value r = call1d(f, self, item);
  if (r.is_exc()) return -1;
  return truthy(r);
}

Value slot_iter(Value self) {
  Value f = lookup(type_of(self), S.__iter__);
  if (f.is_null() || f.is_none()) return raise_fmt(exc::TypeError, "'{}' object is not iterable", type_name(self));
  return call0d(f, self);
}

Value slot_iternext(Value self) {
  Value f = lookup(type_of(self), S.__next__);
  if (f.is_null()) return raise_fmt(exc::TypeError, "'{}' object is not an iterator", type_name(self));
  Value r = call0d(f, self);
  if (r.is_exc() && exc_matches(exc::StopIteration)) {
    exc_fetch();
    return Value::null();
  }
  return r;
}

}  // namespace

// -- Filling -------------------------------------------------------------------------------------------------
namespace {
// Each slot is filled from a group of dunders; a class dict is scanned once for the groups it
// defines (a key counts when present, even bound to None: `__hash__ = None` needs slot_hash).
enum SlotGroup : uint32_t {
  kGRepr = 1u << 0, kGStr = 1u << 1, kGHash = 1u << 2, kGRich = 1u << 3, kGBinop = 1u << 4,
  kGUnary = 1u << 5, kGGetattr = 1u << 6, kGSetattr = 1u << 7, kGCall = 1u << 8, kGIter = 1u << 9,
  kGNext = 1u << 10, kGLen = 1u << 11, kGGetitem = 1u << 12, kGSetitem = 1u << 13,
  kGContains = 1u << 14, kGBool = 1u << 15, kGNew = 1u << 16, kGInit = 1u << 17,
};

uint32_t dunder_groups(DictObject* d) {
  static const std::unordered_map<std::string_view, uint32_t> table = [] {
    std::unordered_map<std::string_view, uint32_t> t;
    auto add = [&](StrObject* n, uint32_t g) { t[n->view()] |= g; };
    add(S.__repr__, kGRepr);
    add(S.__str__, kGStr);
    add(S.__hash__, kGHash);
    for (StrObject* n : {S.__eq__, S.__ne__, S.__lt__, S.__le__, S.__gt__, S.__ge__}) add(n, kGRich);
    for (int j = 0; j < kNumBinOps; j++) {
      add(S.binop[j], kGBinop);
      add(S.rbinop[j], kGBinop);
      add(S.ibinop[j], kGBinop);
    }
    for (StrObject* n : {S.__neg__, S.__pos__, S.__invert__}) add(n, kGUnary);
    add(S.__getattribute__, kGGetattr);
    add(S.__getattr__, kGGetattr);
    add(S.__setattr__, kGSetattr);
    add(S.__delattr__, kGSetattr);
    add(S.__call__, kGCall);
    add(S.__iter__, kGIter);
    add(S.__next__, kGNext);
    add(S.__len__, kGLen | kGBool);
    add(S.__bool__, kGBool);
    add(S.__getitem__, kGGetitem);
    add(S.__setitem__, kGSetitem);
    add(S.__delitem__, kGSetitem);
    add(S.__contains__, kGContains);
    add(S.__new__, kGNew);
    add(S.__init__, kGInit);
    return t;
  }();
  uint32_t groups = 0;
  for (uint64_t i = 0; i < d->nentries; i++) {
    Value k = d->entries[i].key;
    if (k.is_null() || !is_str(k)) continue;
    std::string_view s = k.as<StrObject>()->view();
    if (s.size() < 5 || s[0] != '_' || s[1] != '_') continue;
    auto it = table.find(s);
    if (it != table.end()) groups |= it->second;
  }
  return groups;
}
}  // namespace

void fill_slots(TypeObject* t) {
  TypeObject* sb = solid_base(t);
  TupleObject* mro = t->mro;
  uint32_t g = 0;
  for (uint64_t i = 0; i < mro->size; i++) {
    auto* k = mro->items[i].as<TypeObject>();
    if (k->flags & kTypeHeap) g |= dunder_groups(k->dict);
  }
  t->repr = g & kGRepr ? slot_repr : sb->repr;
  t->str = g & kGStr ? slot_str : sb->str;
  t->hash = g & kGHash ? slot_hash : sb->hash;
  t->richcompare = g & kGRich ? slot_richcompare : sb->richcompare;
  t->binop = g & kGBinop ? slot_binop : sb->binop;
  t->unaryop = g & kGUnary ? slot_unaryop : sb->unaryop;
  t->getattr = g & kGGetattr ? slot_getattr : sb->getattr;
  t->setattr = g & kGSetattr ? slot_setattr : sb->setattr;
  t->call = g & kGCall ? slot_call : sb->call;
  t->iter = g & kGIter ? slot_iter : sb->iter;
  t->iternext = g & kGNext ? slot_iternext : sb->iternext;
  t->len = g & kGLen ? slot_len : sb->len;
  t->getitem = g & kGGetitem ? slot_getitem : sb->getitem;
  t->setitem = g & kGSetitem ? slot_setitem : sb->setitem;
  t->contains = g & kGContains ? slot_contains : sb->contains;
  t->boolean = g & kGBool ? slot_bool : sb->boolean;
  t->tp_new = g & kGNew ? slot_new : is_builtin_sub(t) ? builtin_sub_new : sb->tp_new;
  t->init = g & kGInit ? slot_init : sb->init;
}

void update_slots_recursive(TypeObject* t) {
  purge_dead_subclasses();
  if (t->flags & kTypeHeap) fill_slots(t);
  if (t->subclasses)
    for (TypeObject* s : *t->subclasses) update_slots_recursive(s);
}

}  // namespace cls
}  // namespace chaipy
