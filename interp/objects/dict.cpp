// interp/objects/dict.cpp — the dict type: CPython's compact layout (sparse index table over a
// dense insertion-ordered entry array), the string-key fast path, views and methods.
//
// Contract: every mutation bumps d->version to a fresh global value, so inline caches keyed on
// (dict, version) never see a stale hit, even across different dicts. Mutations that add or
// remove keys or move entries also set d->layout; replacing the value of an existing key does
// not, so while `layout` is unchanged every key keeps its entry (the JIT's global stores rely
// on it and bump `version` themselves through dict_version_counter()).
#include <cstdlib>
#include <cstring>

#include "interp/safepoint.h"
#include "interp/objects/objects.h"

namespace chaipy {

static uint64_t g_dict_version = 1;
static inline void bump_value(DictObject* d) { d->version = ++g_dict_version; }
static inline void bump(DictObject* d) { d->layout = d->version = ++g_dict_version; }
uint64_t* dict_version_counter() { return &g_dict_version; }

static constexpr int64_t kEmpty = -1, kDummy = -2;

// -- Storage -----------------------------------------------------------------------------------------
static void dict_trace(Object* o, Tracer& t) {
  auto* d = static_cast<DictObject*>(o);
  for (uint64_t i = 0; i < d->nentries; i++) {
    if (d->entries[i].key.is_null()) continue;
    t.visit(d->entries[i].key);
    t.visit(d->entries[i].value);
  }
}

static void dict_free_tables(DictObject* d) {
  if (d->entries) {
    gc::note_external(-int64_t(d->capacity * sizeof(DictEntry) + (d->mask + 1) * sizeof(int64_t)));
    std::free(d->entries);
    std::free(d->indices);
  }
  d->entries = nullptr;
  d->indices = nullptr;
}

static void dict_finalize(Object* o) { dict_free_tables(static_cast<DictObject*>(o)); }

// Allocates tables with an index size of `size` (power of two), usable 2/3 of it.
// Both tables are allocated before d changes: a big request that fails throws std::bad_alloc
// (MemoryError) and leaves the dict as it was.
static void dict_alloc_tables(DictObject* d, uint64_t size) {
  const uint64_t capacity = size * 2 / 3;
  auto* indices = static_cast<int64_t*>(sys_malloc(size * sizeof(int64_t)));
  DictEntry* entries;
  try {
    entries = static_cast<DictEntry*>(sys_malloc(capacity * sizeof(DictEntry)));
  } catch (...) {
    std::free(indices);
    throw;
  }
  std::memset(indices, 0xFF, size * sizeof(int64_t));  // all kEmpty
  d->mask = size - 1;
  d->capacity = capacity;
  d->indices = indices;
  d->entries = entries;
  gc::note_external(int64_t(capacity * sizeof(DictEntry) + size * sizeof(int64_t)));
  d->nentries = 0;
}

DictObject* dict_new() {
  auto* d = gc::make<DictObject>(types::dict);
  bump(d);
  return d;  // tables allocated lazily on first insert
}

static void insert_index(DictObject* d, int64_t hash, int64_t entry) {
  uint64_t mask = d->mask, perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  while (d->indices[i] != kEmpty) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  d->indices[i] = entry;
}

static void dict_resize(DictObject* d, uint64_t min_used) {
  uint64_t size = 8;
  while (size * 2 / 3 < min_used + 1) size <<= 1;
  DictEntry* old = d->entries;
  int64_t* old_idx = d->indices;
  uint64_t old_n = d->nentries, old_cap = d->capacity, old_mask = d->mask;
  dict_alloc_tables(d, size);
  uint64_t w = 0;
  for (uint64_t i = 0; i < old_n; i++) {
    if (old[i].key.is_null()) continue;
    d->entries[w] = old[i];
    insert_index(d, old[i].hash, int64_t(w));
    w++;
  }
  d->nentries = w;
  if (old) {
    gc::note_external(-int64_t(old_cap * sizeof(DictEntry) + (old_mask + 1) * sizeof(int64_t)));
    std::free(old);
    std::free(old_idx);
  }
}

// -- Lookup ----------------------------------------------------------------------------------------------
// Returns the index-table slot for key (its entry >= 0, or an empty slot); *err on comparison error.
static uint64_t lookup_slot(DictObject* d, Value key, int64_t hash, int* err) {
  *err = 0;
restart:
  if (!d->entries) dict_alloc_tables(d, 8);  // cleared by an __eq__: an empty table answers
  uint64_t mask = d->mask, perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  DictEntry* entries = d->entries;
  auto* indices = d->indices;
  bool key_str = isinstance_exact(key, types::str);
  for (;;) {
    int64_t ix = indices[i];
    if (ix == kEmpty) return i;
    if (ix >= 0) {
      DictEntry& e = entries[ix];
      if (e.key == key) return i;
      if (e.hash == hash) {
        if (key_str && isinstance_exact(e.key, types::str)) {
          if (str_eq(as_str(e.key), as_str(key))) return i;
        } else {
          Value ek = e.key;
          int c = eq(ek, key);
          if (c < 0) { *err = 1; return i; }
          // Mutated by __eq__ (the tables may have been replaced or freed): look again.
          if (d->entries != entries || d->indices != indices || d->mask != mask || indices[i] != ix) goto restart;
          if (c) return i;
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// The JIT's dict access: lookup_slot's probe, but never running Python code. Keys that are
// ints, bools, None or str compare without __eq__; meeting another key of the same hash that
// is not one of them answers kLookupGeneral (the interpreter then does the lookup).
bool dict_simple_key(Value k) { return k.is_small_int() || k.is_bool() || k.is_none() || isinstance_exact(k, types::str); }

int64_t dict_lookup_simple(DictObject* d, Value key, int64_t hash) {
  if (!d->entries || d->used == 0) return -1;
  uint64_t mask = d->mask, perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  bool key_str = isinstance_exact(key, types::str);
  for (;;) {
    int64_t ix = d->indices[i];
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      const DictEntry& e = d->entries[ix];
      if (e.key == key) return ix;
      if (e.hash == hash) {
        if (!dict_simple_key(e.key)) return kLookupGeneral;
        if (key_str || isinstance_exact(e.key, types::str)) {
          if (key_str && isinstance_exact(e.key, types::str) && str_eq(as_str(e.key), as_str(key))) return ix;
        } else if (!key.is_none() && !e.key.is_none()) {  // ints and bools compare by value
          int64_t a = key.is_bool() ? key.as_bool() : key.as_small_int();
          int64_t b = e.key.is_bool() ? e.key.as_bool() : e.key.as_small_int();
          if (a == b) return ix;
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

int64_t dict_lookup_index(DictObject* d, Value key, int64_t hash, int* err) {
  *err = 0;
  if (d->used == 0) return -1;
  uint64_t slot = lookup_slot(d, key, hash, err);
  if (*err) return -1;
  return d->indices[slot] >= 0 ? d->indices[slot] : -1;
}

Value dict_get(DictObject* d, Value key) {
  int64_t h = hash(key);
  if (h == -1) return Value::exc();
  int err;
  int64_t ix = dict_lookup_index(d, key, h, &err);
  if (err) return Value::exc();
  return ix >= 0 ? d->entries[ix].value : Value::null();
}

Value dict_get_str(DictObject* d, StrObject* key) {
  if (d->used == 0) return Value::null();
  int64_t hash = str_hash(key);
  uint64_t mask = d->mask, perturb = uint64_t(hash), i = uint64_t(hash) & mask;
  Value kv = obj(key);
  for (;;) {
    int64_t ix = d->indices[i];
    if (ix == kEmpty) return Value::null();
    if (ix >= 0) {
      DictEntry& e = d->entries[ix];
      if (e.key == kv) return e.value;
      if (e.hash == hash && is_str(e.key) && (!key->interned || !as_str(e.key)->interned) && str_eq(as_str(e.key), key))
        return e.value;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

static int dict_insert(DictObject* d, Value key, int64_t hash, Value v) {
  if (!d->entries) dict_alloc_tables(d, 8);
  int err;
  uint64_t slot = lookup_slot(d, key, hash, &err);
  if (err) return -1;
  int64_t ix = d->indices[slot];
  if (ix >= 0) {
    d->entries[ix].value = v;
    bump_value(d);
    return 0;
  }
  if (d->nentries >= d->capacity) {
    dict_resize(d, d->used * 3 > d->used + 1 ? d->used * 3 / 2 + 1 : d->used + 1);
    slot = lookup_slot(d, key, hash, &err);  // cannot fail: key absent, all entries fresh
  }
  // The slot may be a dummy reached earlier; lookup_slot returns the first empty slot, fine.
  d->entries[d->nentries] = DictEntry{hash, key, v};
  d->indices[slot] = int64_t(d->nentries);
  d->nentries++;
  d->used++;
  bump(d);
  return 0;
}

int dict_set(DictObject* d, Value key, Value v) {
  int64_t h = hash(key);
  if (h == -1) return -1;
  return dict_insert(d, key, h, v);
}

int dict_set_str(DictObject* d, StrObject* key, Value v) { return dict_insert(d, obj(key), str_hash(key), v); }

static void dict_del_at(DictObject* d, uint64_t slot) {
  int64_t ix = d->indices[slot];
  d->indices[slot] = kDummy;
  d->entries[ix].key = Value::null();
  d->entries[ix].value = Value::null();
  d->used--;
  bump(d);
}

int dict_del(DictObject* d, Value key) {
  int64_t h = hash(key);
  if (h == -1) return -1;
  if (d->used == 0) { raise_key_error(key); return -1; }
  int err;
  uint64_t slot = lookup_slot(d, key, h, &err);
  if (err) return -1;
  if (d->indices[slot] < 0) { raise_key_error(key); return -1; }
  dict_del_at(d, slot);
  return 0;
}

static void dict_clear(DictObject* d) {
  dict_free_tables(d);
  d->used = d->nentries = d->capacity = d->mask = 0;
  bump(d);
}

DictObject* dict_copy(DictObject* src) {
  DictObject* d = dict_new();
  dict_merge(d, src, true);
  return d;
}

int dict_merge(DictObject* d, DictObject* other, bool override_existing) {
  if (d == other || other->used == 0) return 0;
  for (uint64_t i = 0; i < other->nentries; i++) {
    DictEntry e = other->entries[i];
    if (e.key.is_null()) continue;
    if (!override_existing) {
      int err;
      if (d->used && dict_lookup_index(d, e.key, e.hash, &err) >= 0) continue;
    }
    if (dict_insert(d, e.key, e.hash, e.value) < 0) return -1;
    if (i >= other->nentries) break;
  }
  return 0;
}

int dict_update(DictObject* d, Value other) {
  if (is_dict(other)) return dict_merge(d, other.as<DictObject>(), true);
  static StrObject* s_keys = str_intern("keys");
  Value keys = getattr_opt(other, s_keys);
  if (keys.is_exc()) return -1;
  if (!keys.is_null()) {
    Value ks = call0(keys);
    if (ks.is_exc()) return -1;
    Value it = get_iter(ks);
    if (it.is_exc()) return -1;
    for (;;) {
      Value k = iter_next(it);
      if (k.is_null()) break;
      if (k.is_exc()) return -1;
      Value v = getitem(other, k);
      if (v.is_exc() || dict_set(d, k, v) < 0) return -1;
    }
    return exc_pending() ? -1 : 0;
  }
  Value it = get_iter(other);
  if (it.is_exc()) return -1;
  for (int64_t n = 0;; n++) {
    Value item = iter_next(it);
    if (item.is_null()) break;
    if (item.is_exc()) return -1;
    Value seq = (is_tuple(item) || is_list(item)) ? item : to_tuple(item);
    if (seq.is_exc()) {
      if (exc_matches(exc::TypeError)) {
        exc_fetch();
        raise_fmt(exc::TypeError, "cannot convert dictionary update sequence element #{} to a sequence", n);
      }
      return -1;
    }
    const Value* items = is_list(seq) ? seq.as<ListObject>()->items : seq.as<TupleObject>()->items;
    uint64_t sz = is_list(seq) ? seq.as<ListObject>()->size : seq.as<TupleObject>()->size;
    if (sz != 2) {
      raise_fmt(exc::ValueError, "dictionary update sequence element #{} has length {}; 2 is required", n, sz);
      return -1;
    }
    if (dict_set(d, items[0], items[1]) < 0) return -1;
  }
  return exc_pending() ? -1 : 0;
}

// -- Slots ---------------------------------------------------------------------------------------------------
static Value dict_repr(Value v) {
  auto* d = v.as<DictObject>();
  if (d->used == 0) return str_value("{}");
  if (!repr_enter(d)) return str_value("{...}");
  std::string out = "{";
  bool first = true;
  for (uint64_t i = 0; i < d->nentries; i++) {
    DictEntry e = d->entries[i];
    if (e.key.is_null()) continue;
    if (!first) out += ", ";
    first = false;
    Value r = repr(e.key);
    if (r.is_exc()) { repr_leave(d); return r; }
    out += as_str(r)->view();
    out += ": ";
    r = repr(e.value);
    if (r.is_exc()) { repr_leave(d); return r; }
    out += as_str(r)->view();
    if (i >= d->nentries) break;
  }
  out += '}';
  repr_leave(d);
  return str_value(out);
}

static int dict_equal(DictObject* a, DictObject* b) {
  if (a->used != b->used) return 0;
  for (uint64_t i = 0; i < a->nentries; i++) {
    DictEntry e = a->entries[i];
    if (e.key.is_null()) continue;
    int err;
    int64_t ix = dict_lookup_index(b, e.key, e.hash, &err);
    if (err) return -1;
    if (ix < 0) return 0;
    int c = eq(e.value, b->entries[ix].value);
    if (c <= 0) return c;
  }
  return 1;
}

static Value dict_richcompare(Value a, Value b, CmpOp op) {
  if (!is_dict(a) || !is_dict(b) || (op != CmpOp::EQ && op != CmpOp::NE)) return g_not_implemented;
  int c = dict_equal(a.as<DictObject>(), b.as<DictObject>());
  if (c < 0) return Value::exc();
  return Value::from_bool(op == CmpOp::EQ ? c : !c);
}

static Value dict_binop(int op, Value a, Value b) {
  bool inplace = op >= kNumBinOps;
  int plain = inplace ? op - kNumBinOps : op;
  if (plain != int(BinOp::OR)) return g_not_implemented;
  if (inplace && is_dict(a)) {
    if (dict_update(a.as<DictObject>(), b) < 0) return Value::exc();
    return a;
  }
  if (!is_dict(a) || !is_dict(b)) return g_not_implemented;
  DictObject* d = dict_copy(a.as<DictObject>());
  if (dict_merge(d, b.as<DictObject>(), true) < 0) return Value::exc();
  return obj(d);
}

static int64_t dict_len(Value v) { return int64_t(v.as<DictObject>()->used); }
static int dict_bool(Value v) { return v.as<DictObject>()->used != 0; }

static int dict_contains(Value self, Value key) {
  Value v = dict_get(self.as<DictObject>(), key);
  if (v.is_exc()) return -1;
  return !v.is_null();
}

static Value dict_getitem(Value self, Value key) {
  auto* d = self.as<DictObject>();
  Value v = dict_get(d, key);
  if (v.is_exc()) return v;
  if (v.is_null()) {
    if (d->type != types::dict) {
      static StrObject* s_missing = str_intern("__missing__");
      Value m = lookup_special(self, s_missing);
      if (m.is_exc()) return m;
      if (!m.is_null()) return call1(m, key);
    }
    return raise_key_error(key);
  }
  return v;
}

static int dict_setitem(Value self, Value key, Value v) {
  if (v.is_null()) return dict_del(self.as<DictObject>(), key);
  return dict_set(self.as<DictObject>(), key, v);
}

static Value dict_iter(Value self) {
  auto* d = self.as<DictObject>();
  return seq_iter_new(self, kIterDictKeys, 0, int64_t(d->used), 1);
}

static Value dict_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  nargs = npos_args(nargs, kwnames);
  if (nargs > 1) return raise_fmt(exc::TypeError, "dict expected at most 1 argument, got {}", nargs);
  DictObject* d = dict_new();
  if (type != types::dict) d->type = type;
  if (nargs == 1 && dict_update(d, args[0]) < 0) return Value::exc();
  if (kwnames)
    for (uint64_t k = 0; k < kwnames->size; k++)
      if (dict_set(d, kwnames->items[k], args[nargs + k]) < 0) return Value::exc();
  return obj(d);
}

// -- Views -----------------------------------------------------------------------------------------------------
static Value view_new(TypeObject* t, Value d) {
  auto* v = gc::make<DictViewObject>(t);
  v->dict = d.as<DictObject>();
  return obj(v);
}
static void view_trace(Object* o, Tracer& t) { t.visit(static_cast<DictViewObject*>(o)->dict); }
static int64_t view_len(Value v) { return int64_t(v.as<DictViewObject>()->dict->used); }

static Value view_iter(Value v) {
  auto* dv = v.as<DictViewObject>();
  IterKind k = dv->type == types::dict_keys ? kIterDictKeys : dv->type == types::dict_values ? kIterDictValues : kIterDictItems;
  return seq_iter_new(obj(dv->dict), k, 0, int64_t(dv->dict->used), 1);
}

static Value view_repr(Value v) {
  auto* dv = v.as<DictViewObject>();
  const char* name = dv->type == types::dict_keys ? "dict_keys" : dv->type == types::dict_values ? "dict_values" : "dict_items";
  if (!repr_enter(dv)) return str_value("...");
  Value l = to_list(v);
  if (l.is_exc()) { repr_leave(dv); return l; }
  Value r = repr(l);
  repr_leave(dv);
  if (r.is_exc()) return r;
  return str_value(fmt::format("{}({})", name, as_str(r)->view()));
}

static int keys_contains(Value v, Value key) { return dict_contains(obj(v.as<DictViewObject>()->dict), key); }

static int items_contains(Value v, Value item) {
  if (!is_tuple(item) || item.as<TupleObject>()->size != 2) return 0;
  Value found = dict_get(v.as<DictViewObject>()->dict, item.as<TupleObject>()->items[0]);
  if (found.is_exc()) return -1;
  if (found.is_null()) return 0;
  return eq(found, item.as<TupleObject>()->items[1]);
}

// Set operations on keys/items views build sets (CPython returns set objects).
static Value view_binop(int op, Value a, Value b) {
  int plain = op >= kNumBinOps ? op - kNumBinOps : op;
  if (plain != int(BinOp::AND) && plain != int(BinOp::OR) && plain != int(BinOp::SUBTRACT) && plain != int(BinOp::XOR))
    return g_not_implemented;
  SetObject* s = set_new(types::set);
  if (set_update(s, a) < 0) return Value::exc();
  SetObject* o = set_new(types::set);
  if (set_update(o, b) < 0) return Value::exc();
  return binary_op(plain, obj(s), obj(o));
}

static Value view_richcompare(Value a, Value b, CmpOp op) {
  if (type_of(a) == types::dict_values) return g_not_implemented;
  if (!(is_set_like(b) || type_of(b) == types::dict_keys || type_of(b) == types::dict_items)) return g_not_implemented;
  SetObject* s = set_new(types::set);
  if (set_update(s, a) < 0) return Value::exc();
  SetObject* o = set_new(types::set);
  if (set_update(o, b) < 0) return Value::exc();
  return richcompare(obj(s), obj(o), op);
}

// -- Methods -----------------------------------------------------------------------------------------------------
static DictObject* self_dict(Value* args) { return args[0].as<DictObject>(); }

static Value dict_keys_m(Value* args, size_t n, TupleObject* kw) { return view_new(types::dict_keys, args[0]); }
static Value dict_values_m(Value* args, size_t n, TupleObject* kw) { return view_new(types::dict_values, args[0]); }
static Value dict_items_m(Value* args, size_t n, TupleObject* kw) { return view_new(types::dict_items, args[0]); }

static Value dict_get_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("get", nargs - 1, 1, 2)) return Value::exc();
  Value v = dict_get(self_dict(args), args[1]);
  if (v.is_exc()) return v;
  return v.is_null() ? (nargs > 2 ? args[2] : Value::none()) : v;
}

static Value dict_setdefault_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("setdefault", nargs - 1, 1, 2)) return Value::exc();
  Value v = dict_get(self_dict(args), args[1]);
  if (v.is_exc()) return v;
  if (!v.is_null()) return v;
  Value dflt = nargs > 2 ? args[2] : Value::none();
  if (dict_set(self_dict(args), args[1], dflt) < 0) return Value::exc();
  return dflt;
}

static Value dict_pop_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("pop", nargs - 1, 1, 2)) return Value::exc();
  DictObject* d = self_dict(args);
  int64_t h = hash(args[1]);
  if (h == -1) return Value::exc();
  if (d->used) {
    int err;
    uint64_t slot = lookup_slot(d, args[1], h, &err);
    if (err) return Value::exc();
    if (d->indices[slot] >= 0) {
      Value v = d->entries[d->indices[slot]].value;
      dict_del_at(d, slot);
      return v;
    }
  }
  if (nargs > 2) return args[2];
  return raise_key_error(args[1]);
}

static Value dict_popitem_m(Value* args, size_t nargs, TupleObject* kw) {
  DictObject* d = self_dict(args);
  if (d->used == 0) return raise_key_error(str_value("popitem(): dictionary is empty"));
  int64_t i = int64_t(d->nentries) - 1;
  while (d->entries[i].key.is_null()) i--;
  DictEntry e = d->entries[i];
  int err;
  uint64_t slot = lookup_slot(d, e.key, e.hash, &err);
  dict_del_at(d, slot);
  d->nentries = uint64_t(i);  // LIFO: trailing entries are gone for good
  return tuple_pack({e.key, e.value});
}

static Value dict_update_m(Value* args, size_t nargs, TupleObject* kwnames) {
  nargs = npos_args(nargs, kwnames);
  if (nargs > 2) return raise_fmt(exc::TypeError, "update expected at most 1 argument, got {}", nargs - 1);
  DictObject* d = self_dict(args);
  if (nargs == 2 && dict_update(d, args[1]) < 0) return Value::exc();
  if (kwnames)
    for (uint64_t k = 0; k < kwnames->size; k++)
      if (dict_set(d, kwnames->items[k], args[nargs + k]) < 0) return Value::exc();
  return Value::none();
}

static Value dict_copy_m(Value* args, size_t nargs, TupleObject* kw) { return obj(dict_copy(self_dict(args))); }
static Value dict_clear_m(Value* args, size_t nargs, TupleObject* kw) { dict_clear(self_dict(args)); return Value::none(); }

static Value dict_fromkeys_m(Value* args, size_t nargs, TupleObject* kw) {
  // Classmethod: args[0] is the class.
  if (!check_nargs("fromkeys", nargs - 1, 1, 2)) return Value::exc();
  Value v = nargs == 3 ? args[2] : Value::none();
  // Subclasses (and other mapping classes) get an instance of cls filled via __setitem__.
  bool plain = args[0] == obj(types::dict);
  Value d = plain ? obj(dict_new()) : call0(args[0]);
  if (d.is_exc()) return d;
  Value it = get_iter(args[1]);
  if (it.is_exc()) return it;
  for (;;) {
    Value k = iter_next(it);
    if (k.is_null()) break;
    if (k.is_exc()) return k;
    if ((plain ? dict_set(d.as<DictObject>(), k, v) : setitem(d, k, v)) < 0) return Value::exc();
  }
  if (exc_pending()) return Value::exc();
  return d;
}

static Value dict_reversed_m(Value* args, size_t nargs, TupleObject* kw) {
  DictObject* d = self_dict(args);
  std::vector<Value> keys;
  for (uint64_t i = d->nentries; i-- > 0;)
    if (!d->entries[i].key.is_null()) keys.push_back(d->entries[i].key);
  return seq_iter_new(list_from_array(keys.data(), keys.size()), kIterList, 0, 0, 1);
}

// reversed(d.keys()), reversed(d.values()), reversed(d.items()): the entries newest first.
static Value view_reversed_m(Value* args, size_t nargs, TupleObject* kw) {
  auto* dv = args[0].as<DictViewObject>();
  DictObject* d = dv->dict;
  std::vector<Value> items;
  for (uint64_t i = d->nentries; i-- > 0;) {
    const DictEntry& e = d->entries[i];
    if (e.key.is_null()) continue;
    if (dv->type == types::dict_keys) items.push_back(e.key);
    else if (dv->type == types::dict_values) items.push_back(e.value);
    else items.push_back(tuple_pack({e.key, e.value}));
  }
  return seq_iter_new(list_from_array(items.data(), items.size()), kIterList, 0, 0, 1);
}

static Value dict_init_m(Value* args, size_t nargs, TupleObject* kwnames) { return dict_update_m(args, nargs, kwnames); }

void init_dict_type() {
  TypeObject* t = types::dict;
  t->trace = dict_trace;
  t->finalize = dict_finalize;
  t->repr = dict_repr;
  t->richcompare = dict_richcompare;
  t->binop = dict_binop;
  t->len = dict_len;
  t->boolean = dict_bool;
  t->contains = dict_contains;
  t->getitem = dict_getitem;
  t->setitem = dict_setitem;
  t->iter = dict_iter;
  t->tp_new = dict_tp_new;
  type_add_methods(t, {{"keys", dict_keys_m, kNativeNoArgs},
                       {"values", dict_values_m, kNativeNoArgs},
                       {"items", dict_items_m, kNativeNoArgs},
                       {"get", dict_get_m},
                       {"setdefault", dict_setdefault_m},
                       {"pop", dict_pop_m},
                       {"popitem", dict_popitem_m, kNativeNoArgs},
                       {"update", dict_update_m},
                       {"copy", dict_copy_m, kNativeNoArgs},
                       {"clear", dict_clear_m, kNativeNoArgs},
                       {"__reversed__", dict_reversed_m},
                       {"__init__", dict_init_m}});
  type_add_classmethod(t, "fromkeys", dict_fromkeys_m);
  for (TypeObject* vt : {types::dict_keys, types::dict_values, types::dict_items}) {
    vt->trace = view_trace;
    vt->len = view_len;
    vt->iter = view_iter;
    vt->repr = view_repr;
    type_add_methods(vt, {{"__reversed__", view_reversed_m, kNativeNoArgs}});
    if (vt != types::dict_values) {
      vt->binop = view_binop;
      vt->richcompare = view_richcompare;
    }
  }
  types::dict_keys->contains = keys_contains;
  types::dict_items->contains = items_contains;
}

}  // namespace chaipy
