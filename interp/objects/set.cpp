// interp/objects/set.cpp — set and frozenset with CPython's table algorithm (linear probes of 9,
// perturbation, fill/resize policy and merge strategy), so iteration order of ints matches
// CPython exactly; operators, methods and CPython's frozenset hash.
#include <cstdlib>
#include <cstring>

#include "interp/safepoint.h"
#include "interp/objects/objects.h"

namespace chaipy {

static constexpr uint64_t kMinSize = 8;
static constexpr int kLinearProbes = 9;
static constexpr int kPerturbShift = 5;

static bool is_live(const SetEntry& e) { return !e.key.is_null() && e.key != kSetDummy; }

static void set_trace(Object* o, Tracer& t) {
  auto* s = static_cast<SetObject*>(o);
  if (!s->table) return;
  for (uint64_t i = 0; i <= s->mask; i++)
    if (is_live(s->table[i])) t.visit(s->table[i].key);
}

static SetEntry* alloc_table(uint64_t n) {
  auto* t = static_cast<SetEntry*>(sys_malloc(n * sizeof(SetEntry)));
  std::memset(t, 0, n * sizeof(SetEntry));
  for (uint64_t i = 0; i < n; i++) t[i].key = Value::null();
  gc::note_external(int64_t(n * sizeof(SetEntry)));
  return t;
}
static void free_table(SetEntry* t, uint64_t n) {
  if (!t) return;
  gc::note_external(-int64_t(n * sizeof(SetEntry)));
  std::free(t);
}

static void set_finalize(Object* o) {
  auto* s = static_cast<SetObject*>(o);
  free_table(s->table, s->mask + 1);
  s->table = nullptr;
}

SetObject* set_new(TypeObject* type) {
  auto* s = gc::make<SetObject>(type);
  s->mask = kMinSize - 1;
  s->table = alloc_table(kMinSize);
  s->hash = -1;
  return s;
}

static void insert_clean(SetEntry* table, uint64_t mask, Value key, int64_t hash) {
  uint64_t perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  for (;;) {
    SetEntry* e = &table[i];
    if (e->key.is_null()) { e->key = key; e->hash = hash; return; }
    if (i + kLinearProbes <= mask) {
      for (int j = 0; j < kLinearProbes; j++) {
        e++;
        if (e->key.is_null()) { e->key = key; e->hash = hash; return; }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

static void set_resize(SetObject* s, uint64_t minused) {
  uint64_t newsize = kMinSize;
  while (newsize <= minused) newsize <<= 1;
  SetEntry* old = s->table;
  uint64_t oldmask = s->mask;
  SetEntry* nt = alloc_table(newsize);
  s->mask = newsize - 1;
  s->table = nt;
  s->fill = s->used;
  for (uint64_t i = 0; i <= oldmask; i++)
    if (is_live(old[i])) insert_clean(nt, s->mask, old[i].key, old[i].hash);
  free_table(old, oldmask + 1);
}

// Finds key: returns its entry, or nullptr if absent; *err set on comparison error.
static SetEntry* set_lookkey(SetObject* s, Value key, int64_t hash, int* err) {
  *err = 0;
restart:
  SetEntry* table = s->table;
  uint64_t mask = s->mask, perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  for (;;) {
    SetEntry* e = &table[i];
    int probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (e->hash == 0 && e->key.is_null()) return nullptr;
      if (e->hash == hash && e->key != kSetDummy) {
        Value k = e->key;
        if (k == key) return e;
        if (isinstance_exact(k, types::str) && isinstance_exact(key, types::str)) {
          if (str_eq(as_str(k), as_str(key))) return e;
        } else {
          int c = eq(k, key);
          if (c < 0) { *err = 1; return nullptr; }
          if (s->table != table || e->key != k) goto restart;
          if (c) return e;
        }
      }
      e++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

static int set_add_entry(SetObject* s, Value key, int64_t hash) {
restart:
  SetEntry* table = s->table;
  uint64_t mask = s->mask, perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  SetEntry* freeslot = nullptr;
  SetEntry* e;
  for (;;) {
    e = &table[i];
    int probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (e->hash == 0 && e->key.is_null()) goto found_unused_or_dummy;
      if (e->hash == hash && e->key != kSetDummy) {
        Value k = e->key;
        if (k == key) return 0;
        if (isinstance_exact(k, types::str) && isinstance_exact(key, types::str)) {
          if (str_eq(as_str(k), as_str(key))) return 0;
        } else {
          int c = eq(k, key);
          if (c < 0) return -1;
          if (c > 0) return 0;
          if (s->table != table || e->key != k) goto restart;
        }
      } else if (e->hash == -1 && e->key == kSetDummy && !freeslot) {
        freeslot = e;
      }
      e++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused_or_dummy:
  if (freeslot) {
    s->used++;
    freeslot->key = key;
    freeslot->hash = hash;
    return 0;
  }
  s->fill++;
  s->used++;
  e->key = key;
  e->hash = hash;
  if (s->fill * 5 < mask * 3) return 0;
  set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
  return 0;
}

int set_add(SetObject* s, Value key) {
  int64_t h = hash(key);
  if (h == -1) return -1;
  s->hash = -1;
  return set_add_entry(s, key, h);
}

int set_contains_key(SetObject* s, Value key) {
  int64_t h = hash(key);
  if (h == -1) {
    // CPython: a set key is looked up as a frozenset.
    if (is_set_like(key) && exc_matches(exc::TypeError)) {
      exc_fetch();
      SetObject* f = set_copy(key.as<SetObject>(), types::frozenset);
      return set_contains_key(s, obj(f));
    }
    return -1;
  }
  int err;
  SetEntry* e = set_lookkey(s, key, h, &err);
  if (err) return -1;
  return e != nullptr;
}

static int set_discard_entry(SetObject* s, Value key, int64_t hash) {
  int err;
  SetEntry* e = set_lookkey(s, key, hash, &err);
  if (err) return -1;
  if (!e) return 0;
  e->key = kSetDummy;
  e->hash = -1;
  s->used--;
  return 1;
}

int set_discard_key(SetObject* s, Value key) {
  int64_t h = hash(key);
  if (h == -1) {
    if (is_set_like(key) && exc_matches(exc::TypeError)) {
      exc_fetch();
      return set_discard_key(s, obj(set_copy(key.as<SetObject>(), types::frozenset)));
    }
    return -1;
  }
  return set_discard_entry(s, key, h);
}

static void set_clear(SetObject* s) {
  free_table(s->table, s->mask + 1);
  s->mask = kMinSize - 1;
  s->table = alloc_table(kMinSize);
  s->fill = s->used = 0;
}

static int set_merge(SetObject* s, SetObject* o) {
  if (s == o || o->used == 0) return 0;
  if ((s->fill + o->used) * 5 >= s->mask * 3) set_resize(s, (s->used + o->used) * 2);
  if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
    for (uint64_t i = 0; i <= o->mask; i++) s->table[i] = o->table[i];
    s->fill = o->fill;
    s->used = o->used;
    return 0;
  }
  if (s->fill == 0) {
    s->fill = s->used = o->used;
    for (uint64_t i = 0; i <= o->mask; i++)
      if (is_live(o->table[i])) insert_clean(s->table, s->mask, o->table[i].key, o->table[i].hash);
    return 0;
  }
  for (uint64_t i = 0; i <= o->mask; i++) {
    SetEntry e = o->table[i];
    if (is_live(e) && set_add_entry(s, e.key, e.hash) < 0) return -1;
  }
  return 0;
}

int set_update(SetObject* s, Value iterable) {
  s->hash = -1;
  if (is_set_like(iterable)) return set_merge(s, iterable.as<SetObject>());
  if (is_dict(iterable)) {
    auto* d = iterable.as<DictObject>();
    if ((s->fill + d->used) * 5 >= s->mask * 3) set_resize(s, (s->used + d->used) * 2);
    for (uint64_t i = 0; i < d->nentries; i++) {
      DictEntry e = d->entries[i];
      if (!e.key.is_null() && set_add_entry(s, e.key, e.hash) < 0) return -1;
    }
    return 0;
  }
  Value it = get_iter(iterable);
  if (it.is_exc()) return -1;
  for (;;) {
    Value v = iter_next(it);
    if (v.is_null()) break;
    if (v.is_exc() || set_add(s, v) < 0) return -1;
  }
  return exc_pending() ? -1 : 0;
}

SetObject* set_copy(SetObject* src, TypeObject* type) {
  SetObject* s = set_new(type);
  set_merge(s, src);
  return s;
}

// -- Algebra (CPython's strategies, which determine result iteration order) ------------------------------
static TypeObject* base_type(Value v) {
  TypeObject* t = type_of(v);
  return (t == types::frozenset || is_subtype(t, types::frozenset)) ? types::frozenset : types::set;
}

static Value set_intersection(SetObject* s, Value other, TypeObject* rtype) {
  if (obj(s) == other) return obj(set_copy(s, rtype));
  SetObject* r = set_new(rtype);
  if (is_set_like(other)) {
    SetObject* o = other.as<SetObject>();
    SetObject* a = s;
    if (o->used > a->used) std::swap(a, o);
    for (uint64_t i = 0; i <= o->mask; i++) {
      SetEntry e = o->table[i];
      if (!is_live(e)) continue;
      int err;
      SetEntry* f = set_lookkey(a, e.key, e.hash, &err);
      if (err) return Value::exc();
      if (f && set_add_entry(r, e.key, e.hash) < 0) return Value::exc();
    }
    return obj(r);
  }
  Value it = get_iter(other);
  if (it.is_exc()) return it;
  for (;;) {
    Value k = iter_next(it);
    if (k.is_null()) break;
    if (k.is_exc()) return k;
    int64_t h = hash(k);
    if (h == -1) return Value::exc();
    int err;
    SetEntry* f = set_lookkey(s, k, h, &err);
    if (err) return Value::exc();
    if (f && set_add_entry(r, k, h) < 0) return Value::exc();
  }
  if (exc_pending()) return Value::exc();
  return obj(r);
}

static int set_difference_update_internal(SetObject* s, Value other) {
  if (obj(s) == other) { set_clear(s); return 0; }
  if (is_set_like(other)) {
    SetObject* o = other.as<SetObject>();
    for (uint64_t i = 0; i <= o->mask; i++) {
      SetEntry e = o->table[i];
      if (is_live(e) && set_discard_entry(s, e.key, e.hash) < 0) return -1;
    }
  } else {
    Value it = get_iter(other);
    if (it.is_exc()) return -1;
    for (;;) {
      Value k = iter_next(it);
      if (k.is_null()) break;
      if (k.is_exc() || set_discard_key(s, k) < 0) return -1;
    }
    if (exc_pending()) return -1;
  }
  if (s->fill - s->used <= s->mask / 4) return 0;
  set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
  return 0;
}

static Value set_difference(SetObject* s, Value other, TypeObject* rtype) {
  uint64_t other_size;
  if (is_set_like(other)) other_size = other.as<SetObject>()->used;
  else if (is_dict(other)) other_size = other.as<DictObject>()->used;
  else other_size = UINT64_MAX;
  if (other_size == UINT64_MAX || (s->used >> 2) > other_size) {
    SetObject* r = set_copy(s, rtype);
    if (set_difference_update_internal(r, other) < 0) return Value::exc();
    return obj(r);
  }
  SetObject* r = set_new(rtype);
  for (uint64_t i = 0; i <= s->mask; i++) {
    SetEntry e = s->table[i];
    if (!is_live(e)) continue;
    int found;
    if (is_set_like(other)) {
      int err;
      found = set_lookkey(other.as<SetObject>(), e.key, e.hash, &err) != nullptr;
      if (err) return Value::exc();
    } else {
      int err;
      found = dict_lookup_index(other.as<DictObject>(), e.key, e.hash, &err) >= 0;
      if (err) return Value::exc();
    }
    if (!found && set_add_entry(r, e.key, e.hash) < 0) return Value::exc();
  }
  return obj(r);
}

static int set_symmetric_difference_update(SetObject* s, Value other) {
  if (obj(s) == other) { set_clear(s); return 0; }
  SetObject* o;
  if (is_set_like(other)) {
    o = other.as<SetObject>();
  } else {
    o = set_new(types::set);
    if (set_update(o, other) < 0) return -1;
  }
  for (uint64_t i = 0; i <= o->mask; i++) {
    SetEntry e = o->table[i];
    if (!is_live(e)) continue;
    int r = set_discard_entry(s, e.key, e.hash);
    if (r < 0) return -1;
    if (r == 0 && set_add_entry(s, e.key, e.hash) < 0) return -1;
  }
  return 0;
}

static Value set_symmetric_difference(SetObject* s, Value other, TypeObject* rtype) {
  SetObject* r = set_new(rtype);
  if (set_update(r, other) < 0) return Value::exc();
  if (set_symmetric_difference_update(r, obj(s)) < 0) return Value::exc();
  return obj(r);
}

static Value set_union(SetObject* s, Value other, TypeObject* rtype) {
  SetObject* r = set_copy(s, rtype);
  if (set_update(r, other) < 0) return Value::exc();
  return obj(r);
}

static int set_issubset(SetObject* a, SetObject* b) {
  if (a->used > b->used) return 0;
  for (uint64_t i = 0; i <= a->mask; i++) {
    SetEntry e = a->table[i];
    if (!is_live(e)) continue;
    int err;
    SetEntry* f = set_lookkey(b, e.key, e.hash, &err);
    if (err) return -1;
    if (!f) return 0;
  }
  return 1;
}

// -- Slots --------------------------------------------------------------------------------------------------------
static Value set_repr(Value v) {
  auto* s = v.as<SetObject>();
  // Exact sets print as {...}; frozenset and subclasses as Name({...}).
  bool named = s->type != types::set;
  std::string name(s->type->name->view());
  if (s->used == 0) return str_value(name + "()");
  if (!repr_enter(s)) return str_value(name + "(...)");
  std::string out = named ? name + "({" : "{";
  bool first = true;
  for (uint64_t i = 0; i <= s->mask; i++) {
    SetEntry e = s->table[i];
    if (!is_live(e)) continue;
    if (!first) out += ", ";
    first = false;
    Value r = repr(e.key);
    if (r.is_exc()) { repr_leave(s); return r; }
    out += as_str(r)->view();
  }
  out += named ? "})" : "}";
  repr_leave(s);
  return str_value(out);
}

static int64_t frozenset_hash(Value v) {
  auto* s = v.as<SetObject>();
  if (s->hash != -1) return s->hash;
  auto shuffle = [](uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; };
  uint64_t h = 0;
  for (uint64_t i = 0; i <= s->mask; i++)
    if (is_live(s->table[i])) h ^= shuffle(uint64_t(s->table[i].hash));
  h ^= (s->used + 1) * 1927868237ull;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069u + 907133923ull;
  if (h == uint64_t(-1)) h = 590923713ull;
  s->hash = int64_t(h);
  return s->hash;
}

static Value set_richcompare(Value a, Value b, CmpOp op) {
  if (!is_set_like(a) || !is_set_like(b)) return g_not_implemented;
  auto *x = a.as<SetObject>(), *y = b.as<SetObject>();
  int r;
  switch (op) {
    case CmpOp::EQ:
    case CmpOp::NE:
      if (x->used != y->used) r = 0;
      else r = set_issubset(x, y);
      if (r < 0) return Value::exc();
      return Value::from_bool(op == CmpOp::EQ ? r : !r);
    case CmpOp::LE: r = set_issubset(x, y); break;
    case CmpOp::GE: r = set_issubset(y, x); break;
    case CmpOp::LT: r = x->used < y->used ? set_issubset(x, y) : 0; break;
    case CmpOp::GT: r = y->used < x->used ? set_issubset(y, x) : 0; break;
  }
  if (r < 0) return Value::exc();
  return Value::from_bool(r);
}

static Value set_binop(int op, Value a, Value b) {
  bool inplace = op >= kNumBinOps;
  int plain = inplace ? op - kNumBinOps : op;
  if (!is_set_like(a) || !is_set_like(b)) return g_not_implemented;
  SetObject* s = a.as<SetObject>();
  TypeObject* rt = base_type(a);
  bool mutate = inplace && rt == types::set;
  switch (BinOp(plain)) {
    case BinOp::OR:
      if (mutate) { if (set_update(s, b) < 0) return Value::exc(); return a; }
      return set_union(s, b, rt);
    case BinOp::AND: {
      Value r = set_intersection(s, b, rt);
      if (!mutate || r.is_exc()) return r;
      SetObject* t = r.as<SetObject>();
      std::swap(s->table, t->table); std::swap(s->mask, t->mask);
      std::swap(s->fill, t->fill); std::swap(s->used, t->used);
      return a;
    }
    case BinOp::SUBTRACT:
      if (mutate) { if (set_difference_update_internal(s, b) < 0) return Value::exc(); return a; }
      return set_difference(s, b, rt);
    case BinOp::XOR:
      if (mutate) { if (set_symmetric_difference_update(s, b) < 0) return Value::exc(); return a; }
      return set_symmetric_difference(s, b, rt);
    default: return g_not_implemented;
  }
}

static int64_t set_len(Value v) { return int64_t(v.as<SetObject>()->used); }
static int set_bool(Value v) { return v.as<SetObject>()->used != 0; }
static int set_contains_slot(Value self, Value key) { return set_contains_key(self.as<SetObject>(), key); }
static Value set_iter(Value self) { return seq_iter_new(self, kIterSet, 0, int64_t(self.as<SetObject>()->used), 1); }

static Value set_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  const char* name = type == types::frozenset ? "frozenset" : "set";
  if (kwnames && kwnames->size) return raise_fmt(exc::TypeError, "{}() takes no keyword arguments", name);
  if (nargs > 1) return raise_fmt(exc::TypeError, "{} expected at most 1 argument, got {}", name, nargs);
  if (type == types::frozenset && nargs == 1 && isinstance_exact(args[0], types::frozenset)) return args[0];
  SetObject* s = set_new(type);
  if (nargs == 1 && set_update(s, args[0]) < 0) return Value::exc();
  return obj(s);
}

// -- Methods ------------------------------------------------------------------------------------------------------
static SetObject* S(Value* args) { return args[0].as<SetObject>(); }

static Value set_add_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.add", nargs - 1, 1, 1)) return Value::exc();
  if (set_add(S(args), args[1]) < 0) return Value::exc();
  return Value::none();
}
static Value set_remove_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.remove", nargs - 1, 1, 1)) return Value::exc();
  int r = set_discard_key(S(args), args[1]);
  if (r < 0) return Value::exc();
  if (r == 0) return raise_key_error(args[1]);
  return Value::none();
}
static Value set_discard_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.discard", nargs - 1, 1, 1)) return Value::exc();
  if (set_discard_key(S(args), args[1]) < 0) return Value::exc();
  return Value::none();
}
static Value set_pop_m(Value* args, size_t nargs, TupleObject* kw) {
  SetObject* s = S(args);
  if (s->used == 0) return raise_key_error(str_value("pop from an empty set"));
  uint64_t i = s->finger & s->mask;
  while (!is_live(s->table[i])) i = (i + 1) & s->mask;
  Value k = s->table[i].key;
  s->table[i].key = kSetDummy;
  s->table[i].hash = -1;
  s->used--;
  s->finger = i + 1;
  return k;
}
static Value set_clear_m(Value* args, size_t nargs, TupleObject* kw) { set_clear(S(args)); return Value::none(); }
static Value set_copy_m(Value* args, size_t nargs, TupleObject* kw) {
  if (args[0].as_obj()->type == types::frozenset) return args[0];
  return obj(set_copy(S(args), base_type(args[0])));
}

static Value set_union_m(Value* args, size_t nargs, TupleObject* kw) {
  SetObject* r = set_copy(S(args), base_type(args[0]));
  for (size_t i = 1; i < nargs; i++)
    if (set_update(r, args[i]) < 0) return Value::exc();
  return obj(r);
}
static Value set_intersection_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 1) return obj(set_copy(S(args), base_type(args[0])));
  Value r = args[0];
  for (size_t i = 1; i < nargs; i++) {
    r = set_intersection(r.as<SetObject>(), args[i], base_type(args[0]));
    if (r.is_exc()) return r;
  }
  return r;
}
static Value set_difference_m(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 1) return obj(set_copy(S(args), base_type(args[0])));
  Value r = set_difference(S(args), args[1], base_type(args[0]));
  for (size_t i = 2; i < nargs && !r.is_exc(); i++)
    if (set_difference_update_internal(r.as<SetObject>(), args[i]) < 0) return Value::exc();
  return r;
}
static Value set_symdiff_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.symmetric_difference", nargs - 1, 1, 1)) return Value::exc();
  return set_symmetric_difference(S(args), args[1], base_type(args[0]));
}
static Value set_update_m(Value* args, size_t nargs, TupleObject* kw) {
  for (size_t i = 1; i < nargs; i++)
    if (set_update(S(args), args[i]) < 0) return Value::exc();
  return Value::none();
}
static Value set_intersection_update_m(Value* args, size_t nargs, TupleObject* kw) {
  Value r = set_intersection_m(args, nargs, kw);
  if (r.is_exc()) return r;
  SetObject *s = S(args), *t = r.as<SetObject>();
  if (s != t) {
    std::swap(s->table, t->table); std::swap(s->mask, t->mask);
    std::swap(s->fill, t->fill); std::swap(s->used, t->used);
  }
  return Value::none();
}
static Value set_difference_update_m(Value* args, size_t nargs, TupleObject* kw) {
  for (size_t i = 1; i < nargs; i++)
    if (set_difference_update_internal(S(args), args[i]) < 0) return Value::exc();
  return Value::none();
}
static Value set_symdiff_update_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.symmetric_difference_update", nargs - 1, 1, 1)) return Value::exc();
  if (set_symmetric_difference_update(S(args), args[1]) < 0) return Value::exc();
  return Value::none();
}

static SetObject* as_set_arg(Value v) {
  if (is_set_like(v)) return v.as<SetObject>();
  SetObject* s = set_new(types::set);
  if (set_update(s, v) < 0) return nullptr;
  return s;
}
static Value set_issubset_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.issubset", nargs - 1, 1, 1)) return Value::exc();
  SetObject* o = as_set_arg(args[1]);
  if (!o) return Value::exc();
  int r = set_issubset(S(args), o);
  return r < 0 ? Value::exc() : Value::from_bool(r);
}
static Value set_issuperset_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.issuperset", nargs - 1, 1, 1)) return Value::exc();
  SetObject* o = as_set_arg(args[1]);
  if (!o) return Value::exc();
  int r = set_issubset(o, S(args));
  return r < 0 ? Value::exc() : Value::from_bool(r);
}
static Value set_isdisjoint_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set.isdisjoint", nargs - 1, 1, 1)) return Value::exc();
  Value r = set_intersection(S(args), args[1], types::set);
  if (r.is_exc()) return r;
  return Value::from_bool(r.as<SetObject>()->used == 0);
}

void init_set_type() {
  for (TypeObject* t : {types::set, types::frozenset}) {
    t->trace = set_trace;
    t->finalize = set_finalize;
    t->repr = set_repr;
    t->richcompare = set_richcompare;
    t->binop = set_binop;
    t->len = set_len;
    t->boolean = set_bool;
    t->contains = set_contains_slot;
    t->iter = set_iter;
    t->tp_new = set_tp_new;
    type_add_methods(t, {{"copy", set_copy_m, kNativeNoArgs},
                         {"union", set_union_m},
                         {"intersection", set_intersection_m},
                         {"difference", set_difference_m},
                         {"symmetric_difference", set_symdiff_m},
                         {"issubset", set_issubset_m},
                         {"issuperset", set_issuperset_m},
                         {"isdisjoint", set_isdisjoint_m}});
  }
  types::frozenset->hash = frozenset_hash;
  type_add_methods(types::set, {{"add", set_add_m},
                                {"remove", set_remove_m},
                                {"discard", set_discard_m},
                                {"pop", set_pop_m, kNativeNoArgs},
                                {"clear", set_clear_m, kNativeNoArgs},
                                {"update", set_update_m},
                                {"intersection_update", set_intersection_update_m},
                                {"difference_update", set_difference_update_m},
                                {"symmetric_difference_update", set_symdiff_update_m}});
}

}  // namespace chaipy
