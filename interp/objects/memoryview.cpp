// interp/objects/memoryview.cpp — the buffer protocol (get_buffer / release_buffer, runtime.h)
// and memoryview: a typed window (format, shape, strides) on an exporter's memory with item access
// through the native single-character struct formats, slicing, cast, tolist/tobytes/hex, release
// and the context-manager protocol.
//
// A memoryview holds one BufferView on its exporter for its whole life; slices and memoryview(m)
// take their own view on the same exporter (CPython's shared managed buffer), so releasing one view
// never invalidates another. The view is released by release(), __exit__, or when the memoryview
// is collected.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "interp/class_internal.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace types {
TypeObject* memoryview;
}

// -- The buffer protocol ---------------------------------------------------------------------------
static GetBufferFn getbuffer_of(Value v) {
  if (!v.is_obj()) return nullptr;
  TypeObject* t = v.as_obj()->type;
  if (t->getbuffer) return t->getbuffer;
  return (t->flags & kTypeHeap) ? cls::solid_base(t)->getbuffer : nullptr;
}

bool is_buffer(Value v) { return getbuffer_of(v) != nullptr; }

static bool g_copy_ok;  // get_buffer_contiguous in progress: non-contiguous exporters may copy

bool get_buffer(Value v, BufferView* view) {
  GetBufferFn f = getbuffer_of(v);
  if (!f) {
    raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(v));
    return false;
  }
  *view = BufferView();
  view->obj = v;
  if (f(v, view) < 0) {
    view->obj = Value::null();
    return false;
  }
  return true;
}

bool get_buffer_contiguous(Value v, BufferView* view) {
  g_copy_ok = true;
  bool ok = get_buffer(v, view);
  g_copy_ok = false;
  return ok;
}

namespace {
struct HeldView {
  BufferView* view;
  Object* owner;
};
std::vector<HeldView> g_held;  // each view's slot + 1 is in view->held

void unhold(BufferView* view) {
  uint32_t i = view->held - 1;
  view->held = 0;
  g_held[i] = g_held.back();
  g_held.pop_back();
  if (i < g_held.size()) g_held[i].view->held = i + 1;
}

// Runs after marking, before anything is swept: a dying owner's view forgets an exporter that
// dies with it (the finalizer then has nothing to release); a surviving exporter stays and is
// released by the finalizer.
void settle_held_views() {
  for (size_t i = 0; i < g_held.size();) {
    auto [view, owner] = g_held[i];
    if (gc::is_marked(owner)) {
      i++;
      continue;
    }
    if (!view->obj.is_null() && !gc::is_marked(view->obj.as_obj())) view->obj = Value::null();
    unhold(view);  // moves the last entry to i
  }
}
}  // namespace

void hold_buffer(Object* owner, BufferView* view) {
  static bool registered = false;
  if (!registered) {
    registered = true;
    gc::add_weak_scanner(settle_held_views);
  }
  g_held.push_back({view, owner});
  view->held = uint32_t(g_held.size());
}

void release_buffer(BufferView* view) {
  if (view->held) unhold(view);
  Value o = view->obj;
  if (o.is_null()) return;
  view->obj = Value::null();
  TypeObject* t = o.as_obj()->type;
  ReleaseBufferFn f = t->releasebuffer ? t->releasebuffer : (t->flags & kTypeHeap) ? cls::solid_base(t)->releasebuffer : nullptr;
  if (f) f(o, view);
}

namespace {

MemoryViewObject* MV(Value v) { return v.as<MemoryViewObject>(); }

bool check_released(MemoryViewObject* m) {
  if (!m->released) return true;
  raise(exc::ValueError, "operation forbidden on released memoryview object");
  return false;
}

// -- Items: the native single-character formats ------------------------------------------------------
// The struct code of a format ("B", "@i"), or 0 if memoryview cannot handle it.
char item_code(const char* fmt) {
  if (fmt[0] == '@') fmt++;
  if (!fmt[0] || fmt[1]) return 0;
  return std::strchr("cbB?hHiIlLqQnNfdP", fmt[0]) ? fmt[0] : 0;
}

int64_t code_size(char c) {
  switch (c) {
    case 'c': case 'b': case 'B': case '?': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    default: return 8;
  }
}

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

Value unpack_item(char code, const char* p) {
  switch (code) {
    case 'c': return bytes_new(std::string_view(p, 1));
    case 'b': return Value::from_small_int(load<int8_t>(p));
    case 'B': return Value::from_small_int(load<uint8_t>(p));
    case '?': return Value::from_bool(load<uint8_t>(p) != 0);
    case 'h': return Value::from_small_int(load<int16_t>(p));
    case 'H': return Value::from_small_int(load<uint16_t>(p));
    case 'i': return Value::from_small_int(load<int32_t>(p));
    case 'I': return Value::from_small_int(load<uint32_t>(p));
    case 'l': case 'q': case 'n': return int_from_i64(load<int64_t>(p));
    case 'L': case 'Q': case 'N': case 'P': {
      uint64_t u = load<uint64_t>(p);
      if (u <= uint64_t(INT64_MAX)) return int_from_i64(int64_t(u));
      Mpz z;
      mpz_import(z, 1, 1, sizeof u, 0, 0, &u);
      return int_from_mpz(z);
    }
    case 'f': return Value::from_double(double(load<float>(p)));
    case 'd': return Value::from_double(load<double>(p));
  }
  return raise(exc::NotImplementedError, "memoryview: format not supported");
}

bool pack_item(char code, char* p, Value v) {
  auto bad_type = [&] {
    raise_fmt(exc::TypeError, "memoryview: invalid type for format '{}'", code);
    return false;
  };
  auto bad_value = [&] {
    raise_fmt(exc::ValueError, "memoryview: invalid value for format '{}'", code);
    return false;
  };
  if (code == 'c') {
    if (!is_bytes(v)) return bad_type();
    if (bytes_view(v).size() != 1) return bad_value();
    *p = bytes_view(v)[0];
    return true;
  }
  if (code == '?') {
    int t = truthy(v);
    if (t < 0) return false;
    *p = char(t);
    return true;
  }
  if (code == 'f' || code == 'd') {
    double d;
    if (v.is_double()) d = v.as_double();
    else if (is_int(v)) { if (!to_double(v, &d)) return false; }
    else return bad_type();
    if (code == 'd') std::memcpy(p, &d, 8);
    else { float f = float(d); std::memcpy(p, &f, 4); }
    return true;
  }
  if (!is_int(v)) return bad_type();
  bool is_unsigned = std::strchr("BHILQNP", code) != nullptr;
  int64_t size = code_size(code);
  if (is_unsigned && size == 8) {
    Mpz z(v);
    if (mpz_sgn(z) < 0 || mpz_sizeinbase(z, 2) > 64) return bad_value();
    uint64_t u = 0;
    mpz_export(&u, nullptr, -1, sizeof u, 0, 0, z);
    std::memcpy(p, &u, 8);
    return true;
  }
  int64_t i;
  if (!int_get_i64(v, &i)) return bad_value();
  int64_t lo = is_unsigned ? 0 : -(int64_t(1) << (size * 8 - 1));
  int64_t hi = size == 8 ? INT64_MAX : is_unsigned ? (int64_t(1) << (size * 8)) - 1 : (int64_t(1) << (size * 8 - 1)) - 1;
  if (i < lo || i > hi) return bad_value();
  std::memcpy(p, &i, size_t(size));  // little-endian: the low bytes
  return true;
}

// -- Construction ------------------------------------------------------------------------------------------
void set_ndim(MemoryViewObject* m, int64_t ndim) {
  if (m->ndim > 1) std::free(m->shape);
  m->ndim = ndim;
  if (ndim <= 1) {
    m->shape = m->inline_dims;
    m->strides = m->inline_dims + 1;
  } else {
    m->shape = static_cast<int64_t*>(std::malloc(sizeof(int64_t) * size_t(2 * ndim)));
    m->strides = m->shape + ndim;
  }
}

bool is_c_contiguous(MemoryViewObject* m) {
  int64_t expect = m->itemsize;
  for (int64_t d = m->ndim - 1; d >= 0; d--) {
    if (m->shape[d] > 1 && m->strides[d] != expect) return false;
    if (m->shape[d] == 0) return true;
    expect *= m->shape[d];
  }
  return true;
}

bool is_f_contiguous(MemoryViewObject* m) {
  int64_t expect = m->itemsize;
  for (int64_t d = 0; d < m->ndim; d++) {
    if (m->shape[d] > 1 && m->strides[d] != expect) return false;
    if (m->shape[d] == 0) return true;
    expect *= m->shape[d];
  }
  return true;
}

// A new memoryview with its own view on `exporter` (copying nothing else).
MemoryViewObject* mv_alloc(TypeObject* type) {
  auto* m = gc::make<MemoryViewObject>(type);
  m->hash = -1;
  m->shape = m->inline_dims;
  m->strides = m->inline_dims + 1;
  return m;
}

Value mv_from_object(TypeObject* type, Value o) {
  if (isinstance_exact(o, types::memoryview) || (o.is_obj() && is_subtype(type_of(o), types::memoryview))) {
    MemoryViewObject* src = MV(o);
    if (!check_released(src)) return Value::exc();
    MemoryViewObject* m = mv_alloc(type);
    if (!get_buffer(src->view.obj, &m->view)) return Value::exc();
    hold_buffer(m, &m->view);
    m->buf = src->buf;
    m->nbytes = src->nbytes;
    m->itemsize = src->itemsize;
    m->readonly = src->readonly;
    std::memcpy(m->format, src->format, sizeof m->format);
    set_ndim(m, src->ndim);
    for (int64_t d = 0; d < src->ndim; d++) { m->shape[d] = src->shape[d]; m->strides[d] = src->strides[d]; }
    return obj(m);
  }
  if (!is_buffer(o)) return raise_fmt(exc::TypeError, "memoryview: a bytes-like object is required, not '{}'", type_name(o));
  MemoryViewObject* m = mv_alloc(type);
  if (!get_buffer(o, &m->view)) return Value::exc();
  hold_buffer(m, &m->view);
  m->buf = m->view.buf;
  m->nbytes = m->view.len;
  m->itemsize = m->view.itemsize;
  m->readonly = m->view.readonly;
  std::snprintf(m->format, sizeof m->format, "%s", m->view.format);
  set_ndim(m, 1);
  m->shape[0] = m->itemsize ? m->nbytes / m->itemsize : 0;
  m->strides[0] = m->itemsize;
  return obj(m);
}

// -- Slots -------------------------------------------------------------------------------------------------
void mv_trace(Object* o, Tracer& t) { t.visit(static_cast<MemoryViewObject*>(o)->view.obj); }

void mv_finalize(Object* o) {
  auto* m = static_cast<MemoryViewObject*>(o);
  if (!m->released) {
    m->released = true;
    release_buffer(&m->view);
  }
  if (m->ndim > 1) std::free(m->shape);
  m->ndim = 0;
}

Value mv_repr(Value v) {
  return str_value(fmt::format("<{}memory at {:#x}>", MV(v)->released ? "released " : "", v.bits() & Value::kPayloadMask));
}

// Copies the items of m (any strides) in C order into out.
void gather(MemoryViewObject* m, std::string* out) {
  out->clear();
  if (m->ndim == 0) { out->assign(m->buf, size_t(m->itemsize)); return; }
  if (is_c_contiguous(m)) { out->assign(m->buf, size_t(m->nbytes)); return; }
  std::vector<int64_t> idx(size_t(m->ndim), 0);
  for (int64_t d = 0; d < m->ndim; d++) if (m->shape[d] == 0) return;
  while (true) {
    const char* p = m->buf;
    for (int64_t d = 0; d < m->ndim; d++) p += idx[size_t(d)] * m->strides[d];
    out->append(p, size_t(m->itemsize));
    int64_t d = m->ndim - 1;
    while (d >= 0 && ++idx[size_t(d)] == m->shape[d]) idx[size_t(d--)] = 0;
    if (d < 0) break;
  }
}

int mv_getbuffer(Value self, BufferView* v) {
  MemoryViewObject* m = MV(self);
  if (!check_released(m)) return -1;
  if (!is_c_contiguous(m)) {
    if (!g_copy_ok) {
      raise(exc::BufferError, "memoryview: underlying buffer is not C-contiguous");
      return -1;
    }
    // A read-only contiguous copy; the copy (a bytes object) is the view's owner.
    std::string data;
    gather(m, &data);
    Value copy = bytes_new(data);
    v->obj = copy;
    v->buf = copy.as<BytesObject>()->data;
    v->len = int64_t(data.size());
    v->readonly = true;
    v->itemsize = m->itemsize;
    v->format = m->format;
    return 0;
  }
  v->buf = m->buf;
  v->len = m->nbytes;
  v->readonly = m->readonly;
  v->itemsize = m->itemsize;
  v->format = m->format;
  m->exports++;
  return 0;
}
void mv_releasebuffer(Value self, BufferView*) { MV(self)->exports--; }

int64_t mv_len(Value v) {
  MemoryViewObject* m = MV(v);
  if (!check_released(m)) return -1;
  if (m->ndim == 0) { raise(exc::TypeError, "0-dim memory has no length"); return -1; }
  return m->shape[0];
}

char code_of(MemoryViewObject* m) {
  char c = item_code(m->format);
  if (!c) raise_fmt(exc::NotImplementedError, "memoryview: unsupported format {}", m->format);
  return c;
}

// Address of the item at index key (an int) along dimension `dim`, given base p.
bool item_ptr(MemoryViewObject* m, char* base, int64_t dim, Value key, char** out) {
  int64_t i;
  if (index_of(key, &i).is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      raise(exc::TypeError, "memoryview: invalid slice key");
    }
    return false;
  }
  int64_t n = m->shape[dim];
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    raise_fmt(exc::IndexError, "index out of bounds on dimension {}", dim + 1);
    return false;
  }
  *out = base + i * m->strides[dim];
  return true;
}

bool is_index(Value k) { return is_int(k) || (k.is_obj() && !is_tuple(k) && !isinstance_exact(k, types::slice) && lookup_special(k, str_intern("__index__")).is_obj()); }

Value mv_getitem(Value self, Value key) {
  MemoryViewObject* m = MV(self);
  if (!check_released(m)) return Value::exc();
  char code = code_of(m);
  if (!code) return Value::exc();
  if (m->ndim == 0) {
    if (key == g_ellipsis) return self;
    if (is_tuple(key) && key.as<TupleObject>()->size == 0) return unpack_item(code, m->buf);
    return raise(exc::TypeError, "invalid indexing of 0-dim memory");
  }
  if (key == g_ellipsis) return self;
  if (is_index(key)) {
    if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
    char* p;
    if (!item_ptr(m, m->buf, 0, key, &p)) return Value::exc();
    return unpack_item(code, p);
  }
  if (isinstance_exact(key, types::slice)) {
    if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional slicing is not implemented");
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), m->shape[0], &start, &stop, &step, &n)) return Value::exc();
    Value r = mv_from_object(types::memoryview, self);
    if (r.is_exc()) return r;
    MemoryViewObject* s = MV(r);
    s->buf = m->buf + start * m->strides[0];
    s->shape[0] = n;
    s->strides[0] = m->strides[0] * step;
    s->nbytes = n * m->itemsize;
    return r;
  }
  if (is_tuple(key)) {
    auto* t = key.as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++)
      if (!is_index(t->items[i])) {
        if (isinstance_exact(t->items[i], types::slice))
          return raise(exc::NotImplementedError, "multi-dimensional slicing is not implemented");
        return raise(exc::TypeError, "memoryview: invalid slice key");
      }
    if (int64_t(t->size) < m->ndim) return raise(exc::NotImplementedError, "sub-views are not implemented");
    if (int64_t(t->size) > m->ndim)
      return raise_fmt(exc::TypeError, "cannot index {}-dimension view with {}-element tuple", m->ndim, t->size);
    char* p = m->buf;
    for (int64_t d = 0; d < m->ndim; d++)
      if (!item_ptr(m, p, d, t->items[d], &p)) return Value::exc();
    return unpack_item(code, p);
  }
  return raise(exc::TypeError, "memoryview: invalid slice key");
}

int mv_setitem(Value self, Value key, Value v) {
  MemoryViewObject* m = MV(self);
  if (!check_released(m)) return -1;
  if (m->readonly) { raise(exc::TypeError, "cannot modify read-only memory"); return -1; }
  if (v.is_null()) { raise(exc::TypeError, "cannot delete memory"); return -1; }
  char code = code_of(m);
  if (!code) return -1;
  if (m->ndim == 0) {
    if (key == g_ellipsis || (is_tuple(key) && key.as<TupleObject>()->size == 0)) return pack_item(code, m->buf, v) ? 0 : -1;
    raise(exc::TypeError, "invalid indexing of 0-dim memory");
    return -1;
  }
  if (is_index(key)) {
    if (m->ndim > 1) { raise(exc::NotImplementedError, "sub-views are not implemented"); return -1; }
    char* p;
    if (!item_ptr(m, m->buf, 0, key, &p)) return -1;
    return pack_item(code, p, v) ? 0 : -1;
  }
  if (isinstance_exact(key, types::slice)) {
    if (m->ndim > 1) { raise(exc::NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1"); return -1; }
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), m->shape[0], &start, &stop, &step, &n)) return -1;
    BufferHold src;
    if (!src.get(v)) return -1;
    if (src.v.len != n * m->itemsize || item_code(src.v.format) != code || src.v.itemsize != m->itemsize) {
      raise(exc::ValueError, "memoryview assignment: lvalue and rvalue have different structures");
      return -1;
    }
    std::string data(src.view());  // the source may overlap the destination
    for (int64_t k = 0; k < n; k++)
      std::memcpy(m->buf + (start + k * step) * m->strides[0], data.data() + k * m->itemsize, size_t(m->itemsize));
    return 0;
  }
  if (is_tuple(key)) {
    auto* t = key.as<TupleObject>();
    if (int64_t(t->size) != m->ndim) {
      if (int64_t(t->size) < m->ndim) raise(exc::NotImplementedError, "sub-views are not implemented");
      else raise_fmt(exc::TypeError, "cannot index {}-dimension view with {}-element tuple", m->ndim, t->size);
      return -1;
    }
    char* p = m->buf;
    for (int64_t d = 0; d < m->ndim; d++)
      if (!item_ptr(m, p, d, t->items[d], &p)) return -1;
    return pack_item(code, p, v) ? 0 : -1;
  }
  raise(exc::TypeError, "memoryview: invalid slice key");
  return -1;
}

// Item values of a buffer in C order (for comparisons).
bool unpack_all(char code, int64_t itemsize, std::string_view data, std::vector<Value>* out) {
  for (size_t i = 0; i + size_t(itemsize) <= data.size(); i += size_t(itemsize)) {
    Value v = unpack_item(code, data.data() + i);
    if (v.is_exc()) return false;
    out->push_back(v);
  }
  return true;
}

Value mv_richcompare(Value a, Value b, CmpOp op) {
  if (op != CmpOp::EQ && op != CmpOp::NE) return g_not_implemented;
  if (!is_buffer(a) || !is_buffer(b)) return g_not_implemented;
  bool ma = a.is_obj() && is_subtype(type_of(a), types::memoryview), mb = b.is_obj() && is_subtype(type_of(b), types::memoryview);
  if ((ma && MV(a)->released) || (mb && MV(b)->released)) return Value::from_bool((a == b) == (op == CmpOp::EQ));
  // Shapes first (a plain exporter is one-dimensional).
  auto shape_of = [](Value v, std::vector<int64_t>* s) {
    if (v.is_obj() && is_subtype(type_of(v), types::memoryview)) {
      MemoryViewObject* m = MV(v);
      for (int64_t d = 0; d < m->ndim; d++) s->push_back(m->shape[d]);
    }
  };
  BufferHold x, y;
  if (!get_buffer_contiguous(a, &x.v) || !get_buffer_contiguous(b, &y.v)) return Value::exc();
  std::vector<int64_t> sa, sb;
  shape_of(a, &sa);
  shape_of(b, &sb);
  if (!ma) sa = {x.v.len / x.v.itemsize};
  if (!mb) sb = {y.v.len / y.v.itemsize};
  bool equal;
  if (sa != sb) {
    equal = false;
  } else {
    char ca = item_code(x.v.format), cb = item_code(y.v.format);
    if (!ca || !cb) return g_not_implemented;
    if (ca == cb && ca != 'f' && ca != 'd') {
      equal = x.view() == y.view();
    } else {
      std::vector<Value> va, vb;
      if (!unpack_all(ca, x.v.itemsize, x.view(), &va) || !unpack_all(cb, y.v.itemsize, y.view(), &vb)) return Value::exc();
      equal = va.size() == vb.size();
      for (size_t i = 0; equal && i < va.size(); i++) {
        int r = eq(va[i], vb[i]);
        if (r < 0) return Value::exc();
        equal = r;
      }
    }
  }
  return Value::from_bool(equal == (op == CmpOp::EQ));
}

int64_t mv_hash(Value v) {
  MemoryViewObject* m = MV(v);
  if (m->hash != -1) return m->hash;
  if (!check_released(m)) return -1;
  if (!m->readonly) { raise(exc::ValueError, "cannot hash writable memoryview object"); return -1; }
  char c = item_code(m->format);
  if (c != 'B' && c != 'b' && c != 'c') {
    raise(exc::ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    return -1;
  }
  std::string data;
  gather(m, &data);
  return m->hash = hash_bytes(data);
}

// -- Iteration -----------------------------------------------------------------------------------------
TypeObject* g_mv_iter_type;  // memory_iterator

Value mv_iter(Value self) {
  MemoryViewObject* m = MV(self);
  if (!check_released(m)) return Value::exc();
  if (m->ndim == 0) return raise(exc::TypeError, "invalid indexing of 0-dim memory");
  if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
  if (!code_of(m)) return Value::exc();
  auto* it = gc::make<SeqIterObject>(g_mv_iter_type);
  it->seq = self;
  return obj(it);
}

Value mv_iter_next(Value self) {
  auto* it = self.as<SeqIterObject>();
  if (it->seq.is_null()) return Value::null();
  MemoryViewObject* m = MV(it->seq);
  if (!check_released(m)) return Value::exc();
  if (it->index < m->shape[0]) return unpack_item(item_code(m->format), m->buf + it->index++ * m->strides[0]);
  it->seq = Value::null();
  return Value::null();
}
void mv_iter_trace(Object* o, Tracer& t) { t.visit(static_cast<SeqIterObject*>(o)->seq); }
Value mv_iter_self(Value self) { return self; }

// -- Attributes ----------------------------------------------------------------------------------------
Value tuple_of(const int64_t* a, int64_t n) {
  TupleObject* t = tuple_new(size_t(n));
  for (int64_t i = 0; i < n; i++) t->items[i] = int_from_i64(a[i]);
  return obj(t);
}

Value mv_getattr(Value self, StrObject* name) {
  MemoryViewObject* m = MV(self);
  std::string_view n = name->view();
  static const char* const attrs[] = {"obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides",
                                      "suboffsets", "c_contiguous", "f_contiguous", "contiguous", nullptr};
  bool known = false;
  for (const char* const* a = attrs; *a; a++) known |= n == *a;
  if (!known) return generic_getattr(self, name);
  if (!check_released(m)) return Value::exc();
  if (n == "obj") return m->view.obj;
  if (n == "nbytes") return int_from_i64(m->nbytes);
  if (n == "readonly") return Value::from_bool(m->readonly);
  if (n == "itemsize") return int_from_i64(m->itemsize);
  if (n == "format") return str_value(m->format);
  if (n == "ndim") return int_from_i64(m->ndim);
  if (n == "shape") return tuple_of(m->shape, m->ndim);
  if (n == "strides") return tuple_of(m->strides, m->ndim);
  if (n == "suboffsets") return tuple_pack({});
  if (n == "c_contiguous") return Value::from_bool(is_c_contiguous(m));
  if (n == "f_contiguous") return Value::from_bool(is_f_contiguous(m));
  return Value::from_bool(is_c_contiguous(m) || is_f_contiguous(m));
}

// -- Methods -------------------------------------------------------------------------------------------
Value tobytes_m(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"order", nullptr};
  Value out[1];
  if (!parse_args("tobytes", args + 1, nargs - 1, kw, names, 0, out)) return Value::exc();
  MemoryViewObject* m = MV(args[0]);
  if (!check_released(m)) return Value::exc();
  if (!out[0].is_null() && !out[0].is_none()) {
    if (!is_str(out[0]) || (as_str(out[0])->view() != "C" && as_str(out[0])->view() != "F" && as_str(out[0])->view() != "A"))
      return raise(exc::ValueError, "order must be 'C', 'F' or 'A'");
  }
  std::string data;
  gather(m, &data);
  return bytes_new(data);
}

Value tolist_dim(MemoryViewObject* m, char code, const char* p, int64_t dim) {
  if (dim == m->ndim) return unpack_item(code, p);
  ListObject* l = list_new(size_t(m->shape[dim]));
  for (int64_t i = 0; i < m->shape[dim]; i++) {
    Value v = tolist_dim(m, code, p + i * m->strides[dim], dim + 1);
    if (v.is_exc()) return v;
    l->items[i] = v;
  }
  return obj(l);
}

Value tolist_m(Value* args, size_t nargs, TupleObject* kw) {
  MemoryViewObject* m = MV(args[0]);
  if (!check_released(m)) return Value::exc();
  char code = code_of(m);
  if (!code) return Value::exc();
  return tolist_dim(m, code, m->buf, 0);
}

Value hex_m(Value* args, size_t nargs, TupleObject* kw) {
  MemoryViewObject* m = MV(args[0]);
  if (!check_released(m)) return Value::exc();
  std::string data;
  gather(m, &data);
  return bytes_hex_impl(data, args + 1, nargs - 1, kw);
}

Value release_m(Value* args, size_t nargs, TupleObject* kw) {
  MemoryViewObject* m = MV(args[0]);
  if (m->released) return Value::none();
  if (m->exports > 0)
    return raise_fmt(exc::BufferError, "memoryview has {} exported buffer{}", m->exports, m->exports == 1 ? "" : "s");
  m->released = true;
  release_buffer(&m->view);
  return Value::none();
}

Value enter_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_released(MV(args[0]))) return Value::exc();
  return args[0];
}
Value exit_m(Value* args, size_t nargs, TupleObject* kw) { return release_m(args, 1, nullptr); }

Value toreadonly_m(Value* args, size_t nargs, TupleObject* kw) {
  Value r = mv_from_object(types::memoryview, args[0]);
  if (r.is_exc()) return r;
  MV(r)->readonly = true;
  return r;
}

Value cast_m(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"format", "shape", nullptr};
  Value out[2];
  if (!parse_args("cast", args + 1, nargs - 1, kw, names, 1, out)) return Value::exc();
  MemoryViewObject* m = MV(args[0]);
  if (!check_released(m)) return Value::exc();
  if (!is_str(out[0])) return raise_fmt(exc::TypeError, "cast() argument 'format' must be str, not {}", type_name(out[0]));
  if (!is_c_contiguous(m)) return raise(exc::TypeError, "memoryview: casts are restricted to C-contiguous views");
  std::string fmt(as_str(out[0])->view());
  char dst = item_code(fmt.c_str());
  if (!dst || fmt.size() > 2)
    return raise(exc::ValueError, "memoryview: destination format must be a native single character format prefixed with an optional '@'");
  char src = item_code(m->format);
  auto is_byte_fmt = [](char c) { return c == 'B' || c == 'b' || c == 'c'; };
  if (!is_byte_fmt(src) && !is_byte_fmt(dst)) return raise(exc::TypeError, "memoryview: cannot cast between two non-byte formats");
  std::vector<int64_t> shape;
  bool have_shape = !out[1].is_null();
  if (have_shape) {
    if (!is_tuple(out[1]) && !is_list(out[1])) return raise(exc::TypeError, "shape must be a list or a tuple");
    Value t = to_tuple(out[1]);
    if (t.is_exc()) return t;
    auto* tt = t.as<TupleObject>();
    if (tt->size > kMemoryViewMaxDim)
      return raise_fmt(exc::ValueError, "memoryview: number of dimensions must not exceed {}", kMemoryViewMaxDim);
    if (m->ndim != 1 && tt->size != 1) return raise(exc::TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
    for (uint64_t i = 0; i < tt->size; i++) {
      int64_t d;
      if (!is_int(tt->items[i])) return raise(exc::TypeError, "memoryview.cast(): elements of shape must be integers");
      if (index_of(tt->items[i], &d).is_exc()) return Value::exc();
      if (d <= 0) return raise(exc::ValueError, "memoryview.cast(): elements of shape must be integers > 0");
      shape.push_back(d);
    }
  } else if (m->ndim != 1 && m->ndim != 0) {
    if (!is_byte_fmt(dst)) return raise(exc::TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
  }
  int64_t isz = code_size(dst);
  if (!have_shape && m->nbytes % isz != 0) return raise(exc::TypeError, "memoryview: length is not a multiple of itemsize");
  if (have_shape) {
    int64_t prod = isz;
    for (int64_t d : shape) prod *= d;
    if (prod != m->nbytes) return raise(exc::TypeError, "memoryview: product(shape) * itemsize != buffer size");
  } else {
    shape = {m->nbytes / isz};
  }
  Value r = mv_from_object(types::memoryview, args[0]);
  if (r.is_exc()) return r;
  MemoryViewObject* c = MV(r);
  std::snprintf(c->format, sizeof c->format, "%s", fmt.c_str());
  c->itemsize = isz;
  set_ndim(c, int64_t(shape.size()));
  int64_t stride = isz;
  for (int64_t d = c->ndim - 1; d >= 0; d--) {
    c->shape[d] = shape[size_t(d)];
    c->strides[d] = stride;
    stride *= shape[size_t(d)];
  }
  return r;
}

Value mv_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"object", nullptr};
  Value out[1];
  if (!parse_args("memoryview", args, nargs, kw, names, 1, out)) return Value::exc();
  return mv_from_object(type, out[0]);
}

}  // namespace

void init_memoryview_type() {
  TypeObject* t = types::memoryview = make_builtin_type("memoryview", types::object, sizeof(MemoryViewObject), 0);
  t->trace = mv_trace;
  t->finalize = mv_finalize;
  t->repr = mv_repr;
  t->hash = mv_hash;
  t->richcompare = mv_richcompare;
  t->len = mv_len;
  t->getitem = mv_getitem;
  t->setitem = mv_setitem;
  t->iter = mv_iter;
  t->getattr = mv_getattr;
  t->tp_new = mv_tp_new;
  t->getbuffer = mv_getbuffer;
  t->releasebuffer = mv_releasebuffer;
  type_add_methods(t, {{"tobytes", tobytes_m}, {"tolist", tolist_m, kNativeNoArgs}, {"hex", hex_m},
                       {"release", release_m, kNativeNoArgs}, {"__enter__", enter_m, kNativeNoArgs},
                       {"__exit__", exit_m}, {"toreadonly", toreadonly_m, kNativeNoArgs}, {"cast", cast_m}});
  g_mv_iter_type = make_builtin_type("memory_iterator", types::object, sizeof(SeqIterObject), 0);
  g_mv_iter_type->trace = mv_iter_trace;
  g_mv_iter_type->iter = mv_iter_self;
  g_mv_iter_type->iternext = mv_iter_next;
}

}  // namespace chaipy
