// interp/objects/bytearray.cpp — the mutable bytearray: construction, repr, comparison, + * % and
// their in-place forms, item and slice assignment / deletion, the list-like mutators, pickling
// support and its writable buffer export. Resizing is refused (BufferError) while a buffer view
// (a memoryview, or a native call holding one) is exported. Shared methods: bytes_methods.cpp.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace types {
TypeObject* bytearray;
}

namespace {

TypeObject* g_iter_type;  // bytearray_iterator

ByteArrayObject* BA(Value v) { return v.as<ByteArrayObject>(); }
std::string_view view_of(ByteArrayObject* b) { return {b->data, b->size}; }

void ba_finalize(Object* o) {
  auto* b = static_cast<ByteArrayObject*>(o);
  if (b->data) {
    gc::note_external(-int64_t(b->capacity + 1));
    std::free(b->data);
    b->data = nullptr;
  }
}

bool reserve(ByteArrayObject* b, uint64_t cap) {
  if (cap <= b->capacity && b->data) return true;
  uint64_t ncap = std::max<uint64_t>(cap, b->capacity + b->capacity / 8 + 8);
  char* p = static_cast<char*>(std::realloc(b->data, ncap + 1));
  if (!p) { raise(exc::MemoryError, ""); return false; }
  gc::note_external(int64_t(ncap) - int64_t(b->data ? b->capacity : 0) + (b->data ? 0 : 1));
  b->data = p;
  b->capacity = ncap;
  return true;
}

bool check_resizable(ByteArrayObject* b) {
  if (b->exports > 0) {
    raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
    return false;
  }
  return true;
}

bool assign(ByteArrayObject* b, std::string_view s) {
  if (s.size() != b->size && bytearray_resize(b, s.size()) < 0) return false;
  if (!s.empty()) std::memmove(b->data, s.data(), s.size());
  return true;
}

// Replace b[lo:hi] by s (contiguous slice).
bool splice(ByteArrayObject* b, uint64_t lo, uint64_t hi, std::string_view s) {
  std::string keep(s);  // s may point into b
  uint64_t old = b->size, n = old - (hi - lo) + keep.size();
  if (n != old && !check_resizable(b)) return false;
  if ((n > old || !b->data) && !reserve(b, n)) return false;  // an empty bytearray may have no buffer yet
  std::memmove(b->data + lo + keep.size(), b->data + hi, old - hi);
  if (!keep.empty()) std::memcpy(b->data + lo, keep.data(), keep.size());
  b->size = n;
  b->data[n] = 0;
  return true;
}

// -- Type slots --------------------------------------------------------------------------------------
Value ba_repr(Value v) {
  std::string body = bytes_repr_body(view_of(BA(v)));
  return str_value(fmt::format("{}({})", type_of(v)->name->view(), body));
}

Value ba_richcompare(Value a, Value b, CmpOp op) {
  if (!is_buffer(a) || !is_buffer(b)) return g_not_implemented;
  BufferHold x, y;
  if (!x.get(a) || !y.get(b)) return Value::exc();
  return cmp_result(x.view().compare(y.view()), op);
}

Value ba_binop(int op, Value a, Value b) {
  bool inplace = op >= kNumBinOps;
  int plain = inplace ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (!is_bytearray(a)) return g_not_implemented;
    if (!is_buffer(b)) return raise_fmt(exc::TypeError, "can't concat {} to {}", type_name(b), type_name(a));
    BufferHold h;
    if (!h.get(b)) return Value::exc();
    if (inplace) {
      ByteArrayObject* ba = BA(a);
      if (!splice(ba, ba->size, ba->size, h.view())) return Value::exc();
      return a;
    }
    std::string out(view_of(BA(a)));
    out += h.view();
    return bytearray_new(out);
  }
  if (plain == int(BinOp::MULTIPLY)) {
    Value seq = is_bytearray(a) ? a : is_bytearray(b) ? b : Value::null();
    if (seq.is_null()) return g_not_implemented;
    int64_t k;
    Value r = seq_repeat_count(seq == a ? b : a, &k);
    if (r.is_exc() || r == g_not_implemented) return r;
    std::string_view s = view_of(BA(seq));
    std::string out;
    if (k > 0 && !s.empty()) {
      uint64_t n;
      if (!ssize_mul(s.size(), uint64_t(k), nullptr, 1, &n)) return Value::exc();
      out.resize(n);
      fill_repeat(out.data(), s.data(), s.size(), uint64_t(k));
    }
    if (inplace && seq == a) {
      if (!assign(BA(a), out)) return Value::exc();
      return a;
    }
    return bytearray_new(out);
  }
  if (plain == int(BinOp::REMAINDER)) {
    if (!is_bytearray(a)) return g_not_implemented;
    std::string out;
    if (!bytes_percent_format(view_of(BA(a)), b, &out)) return Value::exc();
    return bytearray_new(out);
  }
  return g_not_implemented;
}

int64_t ba_len(Value v) { return int64_t(BA(v)->size); }
int ba_bool(Value v) { return BA(v)->size != 0; }
int ba_contains(Value self, Value item) { return bytes_contains_impl(view_of(BA(self)), item); }
Value ba_getitem(Value self, Value key) { return bytes_like_getitem(view_of(BA(self)), key, true); }

// The bytes a slice assignment stores: a buffer or an iterable of ints (not an int, not a str).
bool assigned_bytes(Value v, std::string* out) {
  if (is_buffer(v)) {
    BufferHold h;
    if (!h.get(v)) return false;
    out->assign(h.view());
    return true;
  }
  if (is_int(v) || is_str(v) || !type_of(v)->iter) {
    Value it = is_int(v) || is_str(v) ? Value::null() : get_iter(v);
    if (it.is_null() || it.is_exc()) {
      if (it.is_exc()) exc_fetch();
      raise(exc::TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
      return false;
    }
  }
  return bytes_from_object(v, out, "bytearray");
}

int ba_setitem(Value self, Value key, Value v) {
  ByteArrayObject* b = BA(self);
  if (isinstance_exact(key, types::slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(b->size), &start, &stop, &step, &n)) return -1;
    std::string data;
    if (!v.is_null() && !assigned_bytes(v, &data)) return -1;
    if (step == 1) {
      if (stop < start) stop = start;
      return splice(b, uint64_t(start), uint64_t(stop), data) ? 0 : -1;
    }
    if (v.is_null()) {  // del b[a:b:c]
      if (n == 0) return 0;
      if (!check_resizable(b)) return -1;
      std::vector<bool> gone(b->size, false);
      for (int64_t k = 0, j = start; k < n; k++, j += step) gone[size_t(j)] = true;
      uint64_t w = 0;
      for (uint64_t r = 0; r < b->size; r++) if (!gone[r]) b->data[w++] = b->data[r];
      b->size = w;
      b->data[w] = 0;
      return 0;
    }
    if (int64_t(data.size()) != n) {
      raise_fmt(exc::ValueError, "attempt to assign bytes of size {} to extended slice of size {}", data.size(), n);
      return -1;
    }
    for (int64_t k = 0, j = start; k < n; k++, j += step) b->data[j] = data[size_t(k)];
    return 0;
  }
  if (!is_int(key) && !lookup_special(key, str_intern("__index__")).is_obj()) {
    raise_fmt(exc::TypeError, "bytearray indices must be integers or slices, not {}", type_name(key));
    return -1;
  }
  int64_t i;
  if (index_of(key, &i).is_exc()) return -1;
  if (i < 0) i += int64_t(b->size);
  if (i < 0 || i >= int64_t(b->size)) {
    raise(exc::IndexError, "bytearray index out of range");
    return -1;
  }
  if (v.is_null()) return splice(b, uint64_t(i), uint64_t(i) + 1, "") ? 0 : -1;
  int64_t c;
  if (!byte_from_value(v, &c)) return -1;
  b->data[i] = char(c);
  return 0;
}

int ba_getbuffer(Value self, BufferView* v) {
  ByteArrayObject* b = BA(self);
  if (!b->data && !reserve(b, 0)) return -1;
  v->buf = b->data;
  v->len = int64_t(b->size);
  v->readonly = false;
  b->exports++;
  return 0;
}
void ba_releasebuffer(Value self, BufferView*) { BA(self)->exports--; }

Value ba_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  auto* b = gc::make<ByteArrayObject>(type);
  return obj(b);
}

int ba_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"source", "encoding", "errors", nullptr};
  Value a[3];
  if (!parse_args("bytearray", args, nargs, kw, names, 0, a)) return -1;
  std::string data;
  if (a[0].is_null()) {
    if (!a[1].is_null() || !a[2].is_null()) {
      raise(exc::TypeError, a[1].is_null() ? "errors without a string argument" : "encoding without a string argument");
      return -1;
    }
  } else if (is_str(a[0])) {
    if (a[1].is_null()) { raise(exc::TypeError, "string argument without an encoding"); return -1; }
    Value m[2] = {a[1], a[2]};
    static StrObject* s_encode = str_intern("encode");
    Value r = call_method(a[0], s_encode, m, a[2].is_null() ? 1 : 2);
    if (r.is_exc()) return -1;
    data = bytes_view(r);
  } else {
    if (!a[1].is_null()) { raise(exc::TypeError, "encoding without a string argument"); return -1; }
    if (!a[2].is_null()) { raise(exc::TypeError, "errors without a string argument"); return -1; }
    if (!bytes_from_object(a[0], &data, "bytearray")) return -1;
  }
  return assign(BA(self), data) ? 0 : -1;
}

// bytearray.__init__ (what super().__init__(...) in a subclass calls).
Value init_m(Value* args, size_t nargs, TupleObject* kw) {
  if (ba_init(args[0], args + 1, nargs - 1, kw) < 0) return Value::exc();
  return Value::none();
}

// -- Mutators ---------------------------------------------------------------------------------------------
Value append_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("append", kw) || !check_nargs("append", nargs - 1, 1, 1)) return Value::exc();
  int64_t c;
  if (!byte_from_value(args[1], &c)) return Value::exc();
  ByteArrayObject* b = BA(args[0]);
  char ch = char(c);
  if (!splice(b, b->size, b->size, std::string_view(&ch, 1))) return Value::exc();
  return Value::none();
}

Value extend_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("extend", kw) || !check_nargs("extend", nargs - 1, 1, 1)) return Value::exc();
  Value v = args[1];
  std::string data;
  if (is_buffer(v)) {
    BufferHold h;
    if (!h.get(v)) return Value::exc();
    data = h.view();
  } else {
    Value it = get_iter(v);
    if (it.is_exc()) {
      if (!exc_matches(exc::TypeError)) return it;
      exc_fetch();
      return raise_fmt(exc::TypeError, "can't extend bytearray with {}", type_name(v));
    }
    if (!bytes_from_object(it, &data, "bytearray")) return Value::exc();
  }
  ByteArrayObject* b = BA(args[0]);
  if (!splice(b, b->size, b->size, data)) return Value::exc();
  return Value::none();
}

Value insert_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("insert", kw) || !check_nargs("insert", nargs - 1, 2, 2)) return Value::exc();
  ByteArrayObject* b = BA(args[0]);
  int64_t i, c;
  if (!is_int(args[1]) && !lookup_special(args[1], str_intern("__index__")).is_obj())
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
  if (index_of(args[1], &i).is_exc()) return Value::exc();
  if (!byte_from_value(args[2], &c)) return Value::exc();
  int64_t n = int64_t(b->size);
  if (i < 0) { i += n; if (i < 0) i = 0; }
  if (i > n) i = n;
  char ch = char(c);
  if (!splice(b, uint64_t(i), uint64_t(i), std::string_view(&ch, 1))) return Value::exc();
  return Value::none();
}

Value pop_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pop", kw) || !check_nargs("pop", nargs - 1, 0, 1)) return Value::exc();
  ByteArrayObject* b = BA(args[0]);
  int64_t i = -1;
  if (nargs > 1) {
    if (!is_int(args[1]) && !lookup_special(args[1], str_intern("__index__")).is_obj())
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
    if (index_of(args[1], &i).is_exc()) return Value::exc();
  }
  if (b->size == 0) return raise(exc::IndexError, "pop from empty bytearray");
  if (i < 0) i += int64_t(b->size);
  if (i < 0 || i >= int64_t(b->size)) return raise(exc::IndexError, "pop index out of range");
  int c = (unsigned char)b->data[i];
  if (!splice(b, uint64_t(i), uint64_t(i) + 1, "")) return Value::exc();
  return Value::from_small_int(c);
}

Value remove_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("remove", kw) || !check_nargs("remove", nargs - 1, 1, 1)) return Value::exc();
  int64_t c;
  if (!byte_from_value(args[1], &c)) return Value::exc();
  ByteArrayObject* b = BA(args[0]);
  size_t p = view_of(b).find(char(c));
  if (p == std::string_view::npos) return raise(exc::ValueError, "value not found in bytearray");
  if (!splice(b, p, p + 1, "")) return Value::exc();
  return Value::none();
}

Value reverse_m(Value* args, size_t, TupleObject*) {
  ByteArrayObject* b = BA(args[0]);
  std::reverse(b->data, b->data + b->size);
  return Value::none();
}

Value clear_m(Value* args, size_t, TupleObject*) {
  if (bytearray_resize(BA(args[0]), 0) < 0) return Value::exc();
  return Value::none();
}

Value copy_m(Value* args, size_t, TupleObject*) { return bytearray_new(view_of(BA(args[0]))); }
Value alloc_m(Value* args, size_t, TupleObject*) {
  ByteArrayObject* b = BA(args[0]);
  return int_from_i64(b->data ? int64_t(b->capacity + 1) : 0);
}

Value reduce_impl(Value self, int64_t proto) {
  static StrObject* s_dict = str_intern("__dict__");
  Value state = getattr_opt(self, s_dict);
  if (state.is_exc()) return state;
  if (state.is_null() || (is_dict(state) && state.as<DictObject>()->used == 0)) state = Value::none();
  std::string_view s = view_of(BA(self));
  Value args;
  if (proto < 3) {
    std::string latin;
    for (unsigned char c : s) utf8_append(latin, c);
    args = tuple_pack({str_value(latin), str_value("latin-1")});
  } else {
    args = s.empty() ? tuple_pack({}) : tuple_pack({bytes_new(s)});
  }
  return tuple_pack({obj(type_of(self)), args, state});
}
Value reduce_m(Value* args, size_t nargs, TupleObject* kw) { return reduce_impl(args[0], 0); }
Value reduce_ex_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__reduce_ex__", kw) || !check_nargs("__reduce_ex__", nargs - 1, 0, 1)) return Value::exc();
  int64_t proto = 0;
  if (nargs > 1 && index_of(args[1], &proto).is_exc()) return Value::exc();
  return reduce_impl(args[0], proto);
}

// -- The iterator ------------------------------------------------------------------------------------------
Value ba_iter_next(Value self) {
  auto* it = self.as<SeqIterObject>();
  if (it->seq.is_null()) return Value::null();
  ByteArrayObject* b = BA(it->seq);
  if (uint64_t(it->index) < b->size) return Value::from_small_int((unsigned char)b->data[it->index++]);
  it->seq = Value::null();
  return Value::null();
}
void ba_iter_trace(Object* o, Tracer& t) { t.visit(static_cast<SeqIterObject*>(o)->seq); }
Value ba_iter_self(Value self) { return self; }
Value ba_iter_length_hint(Value* args, size_t, TupleObject*) {
  auto* it = args[0].as<SeqIterObject>();
  if (it->seq.is_null()) return int_from_i64(0);
  return int_from_i64(std::max<int64_t>(0, int64_t(BA(it->seq)->size) - it->index));
}
Value ba_iter_of(Value self) {
  auto* it = gc::make<SeqIterObject>(g_iter_type);
  it->seq = self;
  return obj(it);
}

}  // namespace

int bytearray_resize(ByteArrayObject* b, uint64_t size) {
  if (size != b->size && !check_resizable(b)) return -1;
  if (size > b->capacity || !b->data) {
    if (!reserve(b, size)) return -1;
  }
  if (size > b->size) std::memset(b->data + b->size, 0, size - b->size);
  b->size = size;
  b->data[size] = 0;
  return 0;
}

Value bytearray_new(std::string_view data) {
  auto* b = gc::make<ByteArrayObject>(types::bytearray);
  if (!data.empty()) {
    if (!reserve(b, data.size())) return Value::exc();
    std::memcpy(b->data, data.data(), data.size());
    b->size = data.size();
    b->data[b->size] = 0;
  }
  return obj(b);
}

void init_bytearray_type() {
  TypeObject* t = types::bytearray = make_builtin_type("bytearray", types::object, sizeof(ByteArrayObject), kTypeBaseType);
  t->finalize = ba_finalize;
  t->repr = ba_repr;
  t->richcompare = ba_richcompare;
  t->binop = ba_binop;
  t->len = ba_len;
  t->boolean = ba_bool;
  t->contains = ba_contains;
  t->getitem = ba_getitem;
  t->setitem = ba_setitem;
  t->iter = ba_iter_of;
  t->tp_new = ba_tp_new;
  t->init = ba_init;
  t->getbuffer = ba_getbuffer;
  t->releasebuffer = ba_releasebuffer;
  t->hash = nullptr;  // unhashable
  dict_set_str(t->dict, str_intern("__hash__"), Value::none());
  init_bytes_methods(t);
  type_add_methods(t, {{"__init__", init_m}, {"append", append_m}, {"extend", extend_m}, {"insert", insert_m}, {"pop", pop_m},
                       {"remove", remove_m}, {"reverse", reverse_m, kNativeNoArgs}, {"clear", clear_m, kNativeNoArgs},
                       {"copy", copy_m, kNativeNoArgs}, {"__alloc__", alloc_m, kNativeNoArgs},
                       {"__reduce__", reduce_m, kNativeNoArgs}, {"__reduce_ex__", reduce_ex_m}});

  g_iter_type = make_builtin_type("bytearray_iterator", types::object, sizeof(SeqIterObject), 0);
  g_iter_type->trace = ba_iter_trace;
  g_iter_type->iter = ba_iter_self;
  g_iter_type->iternext = ba_iter_next;
  type_add_methods(g_iter_type, {{"__length_hint__", ba_iter_length_hint, kNativeNoArgs}});
}

}  // namespace chaipy
