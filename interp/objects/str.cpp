// interp/objects/str.cpp — the str type core: allocation, interning, UTF-8 helpers, hash, repr,
// comparison, concatenation, indexing/slicing and the str() constructor. Methods live in
// str_methods.cpp, formatting in format.cpp.
#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "interp/limits.h"
#include "interp/objects/objects.h"
#include "unicode/unicode.h"

namespace chaipy {

// Non-ASCII indexing scans UTF-8. A one-entry cache (string, code point, byte offset) makes
// sequential access (s[i] in a loop) O(1) per step, and a step back (s[start:i] after scanning
// to i) walks back from it instead of from the start; the scan skips ASCII eight bytes at a
// time. The cached string is a GC root so its address cannot be reused by another string while
// cached.
static Value g_offset_cache_str;
static int64_t g_offset_cache_cp;
static size_t g_offset_cache_off;

size_t utf8_offset(StrObject* s, int64_t cp_index) {
  if (s->ascii) return size_t(cp_index);
  const char* p = s->data;
  size_t off = 0;
  int64_t i = 0;
  if (g_offset_cache_str == obj(s)) {
    if (cp_index >= g_offset_cache_cp) {
      i = g_offset_cache_cp;
      off = g_offset_cache_off;
    } else if (g_offset_cache_cp - cp_index < cp_index) {
      i = g_offset_cache_cp;
      off = g_offset_cache_off;
      for (; i > cp_index; i--) {
        off--;
        while ((static_cast<unsigned char>(p[off]) & 0xC0) == 0x80) off--;  // continuation bytes
      }
    }
  }
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  while (i < cp_index && off < s->nbytes) {
    if (cp_index - i >= 8 && off + 8 <= s->nbytes) {
      uint64_t w;
      std::memcpy(&w, p + off, 8);
      if (!(w & kHighBits)) {
        off += 8;
        i += 8;
        continue;
      }
    }
    auto c = (unsigned char)p[off];
    off += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    i++;
  }
  if (g_offset_cache_str.is_null()) gc::add_root(&g_offset_cache_str);
  g_offset_cache_str = obj(s);
  g_offset_cache_cp = i;
  g_offset_cache_off = off;
  return off;
}

// -- The str / bytes hash ----------------------------------------------------------------------------
// CPython's: SipHash-1-3 (sys.hash_info.algorithm 'siphash13', no small-string cutoff) keyed by
// the 128-bit hash secret, over the bytes of bytes objects and over a str's PEP 393 form (one
// byte per code point when they are all below 256, else UCS-2, else UCS-4, native order), so
// that with the same PYTHONHASHSEED every str and bytes hashes as in python3. The empty string
// hashes to 0, and nothing to -1 (the "not computed" mark).
namespace {
uint64_t g_sip_k0 = 0, g_sip_k1 = 0;

[[gnu::always_inline]] inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  uint64_t v0, v1, v2, v3;
  [[gnu::always_inline]] void round() {
    v0 += v1, v1 = rotl(v1, 13), v1 ^= v0, v0 = rotl(v0, 32);
    v2 += v3, v3 = rotl(v3, 16), v3 ^= v2;
    v0 += v3, v3 = rotl(v3, 21), v3 ^= v0;
    v2 += v1, v1 = rotl(v1, 17), v1 ^= v2, v2 = rotl(v2, 32);
  }
  [[gnu::always_inline]] void word(uint64_t m) {
    v3 ^= m;
    round();
    v0 ^= m;
  }
};

int64_t siphash13(const unsigned char* p, size_t n) {
  if (n == 0) return 0;
  SipState st{g_sip_k0 ^ 0x736f6d6570736575ull, g_sip_k1 ^ 0x646f72616e646f6dull, g_sip_k0 ^ 0x6c7967656e657261ull,
              g_sip_k1 ^ 0x7465646279746573ull};
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t m;
    std::memcpy(&m, p + i, 8);
    st.word(m);
  }
  uint64_t last = uint64_t(n) << 56;
  for (size_t k = 0; i + k < n; k++) last |= uint64_t(p[i + k]) << (8 * k);
  st.word(last);
  st.v2 ^= 0xff;
  st.round(), st.round(), st.round();
  int64_t h = int64_t(st.v0 ^ st.v1 ^ st.v2 ^ st.v3);
  return h == -1 ? -2 : h;
}

// A str given as UTF-8: hashed as its PEP 393 form (ASCII is that form already).
int64_t hash_utf8(std::string_view u, bool ascii) {
  auto p = reinterpret_cast<const unsigned char*>(u.data());
  if (ascii) return siphash13(p, u.size());
  std::vector<uint32_t> cps;
  cps.reserve(u.size());
  uint32_t max = 0;
  for (size_t i = 0; i < u.size();) {
    int len;
    uint32_t c = utf8_decode(u.data() + i, &len);
    cps.push_back(c);
    max = std::max(max, c);
    i += size_t(len);
  }
  if (max > 0xFFFF) return siphash13(reinterpret_cast<const unsigned char*>(cps.data()), cps.size() * 4);
  if (max > 0xFF) {
    std::vector<uint16_t> w(cps.begin(), cps.end());
    return siphash13(reinterpret_cast<const unsigned char*>(w.data()), w.size() * 2);
  }
  std::vector<unsigned char> b(cps.begin(), cps.end());
  return siphash13(b.data(), b.size());
}

bool is_ascii(std::string_view u) {
  for (char c : u)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
}  // namespace

// CPython's _Py_HashRandomization_Init: PYTHONHASHSEED=0 leaves the secret zero, another seed N
// fills it from N with the C library's linear congruential generator (lcg_urandom), no seed takes
// it from getrandom().
void hash_secret_init(bool use_seed, uint32_t seed) {
  unsigned char secret[24] = {};  // sizeof(_Py_HashSecret_t); SipHash's key is its first 16 bytes
  if (!use_seed) {
    for (size_t got = 0; got < sizeof secret;) {
      ssize_t n = getrandom(secret + got, sizeof secret - got, 0);
      if (n > 0) got += size_t(n);
      else if (errno != EINTR) break;
    }
  } else if (seed != 0) {
    uint32_t x = seed;
    for (unsigned char& b : secret) {
      x = x * 214013u + 2531011u;
      b = (x >> 16) & 0xff;
    }
  }
  std::memcpy(&g_sip_k0, secret, 8);
  std::memcpy(&g_sip_k1, secret + 8, 8);
}

// -- Allocation --------------------------------------------------------------------------------------
StrObject* str_alloc(size_t nbytes) {
  auto* s = gc::make<StrObject>(types::str, nbytes + 1);
  s->hash = -1;
  s->nbytes = nbytes;
  return s;
}

StrObject* str_finish(StrObject* s) {
  const unsigned char* p = (const unsigned char*)s->data;
  uint64_t n = s->nbytes, i = 0, high = 0;
  // Word-at-a-time ASCII check: the common case needs no per-character counting.
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    high |= w;
  }
  for (; i < n; i++) high |= p[i];
  if (!(high & 0x8080808080808080ull)) {
    s->length = n;
    s->ascii = true;
    return s;
  }
  uint64_t len = 0;
  for (i = 0; i < n; i++) len += (p[i] & 0xC0) != 0x80;
  s->length = len;
  s->ascii = false;
  return s;
}

StrObject* str_new(std::string_view utf8) {
  if (utf8.size() == 1 && (unsigned char)utf8[0] < 0x80) return str_from_ascii_char(utf8[0]);
  StrObject* s = str_alloc(utf8.size());
  if (!utf8.empty()) std::memcpy(s->data, utf8.data(), utf8.size());
  return str_finish(s);
}

Value str_value(std::string_view utf8) { return obj(str_new(utf8)); }

static StrObject* g_ascii_chars[128];

// The intern table: open addressing with linear probing over the strings themselves, keyed by
// their str hash (which an interned string thereby has precomputed for every later dict lookup).
// Capacity is a power of two, at most half full. Imports intern tens of thousands of names, most
// of them repeats, so a hit must cost one hash and one compare.
static StrObject** g_intern_slots;
static size_t g_intern_mask, g_intern_count;

static void scan_interned(Tracer& t) {
  for (size_t i = 0; g_intern_slots && i <= g_intern_mask; i++)
    if (g_intern_slots[i]) t.visit(g_intern_slots[i]);
}

static void intern_grow() {
  size_t cap = g_intern_slots ? 2 * (g_intern_mask + 1) : 4096;
  auto* slots = new StrObject*[cap]();
  for (size_t i = 0; g_intern_slots && i <= g_intern_mask; i++) {
    StrObject* s = g_intern_slots[i];
    if (!s) continue;
    size_t j = uint64_t(s->hash) & (cap - 1);
    while (slots[j]) j = (j + 1) & (cap - 1);
    slots[j] = s;
  }
  if (!g_intern_slots) gc::add_root_scanner(scan_interned);
  delete[] g_intern_slots;
  g_intern_slots = slots;
  g_intern_mask = cap - 1;
}

StrObject* str_intern(std::string_view utf8) {
  if (2 * (g_intern_count + 1) > g_intern_mask + 1) intern_grow();
  int64_t h = hash_utf8(utf8, is_ascii(utf8));
  size_t i = uint64_t(h) & g_intern_mask;
  for (StrObject* s; (s = g_intern_slots[i]); i = (i + 1) & g_intern_mask)
    if (s->hash == h && s->nbytes == utf8.size() &&
        (utf8.empty() || std::memcmp(s->data, utf8.data(), utf8.size()) == 0))
      return s;
  StrObject* s = str_alloc(utf8.size());
  std::memcpy(s->data, utf8.data(), utf8.size());
  str_finish(s);
  s->hash = h;
  s->interned = true;
  g_intern_slots[i] = s;
  g_intern_count++;
  return s;
}

StrObject* str_from_ascii_char(char c) {
  auto i = (unsigned char)c;
  StrObject* s = g_ascii_chars[i];
  if (!s) s = g_ascii_chars[i] = str_intern(std::string_view(&c, 1));
  return s;
}

Value str_from_codepoint(uint32_t cp) {
  if (cp < 0x80) return obj(str_from_ascii_char(char(cp)));
  std::string out;
  utf8_append(out, cp);
  return str_value(out);
}

int64_t str_codepoint_at(StrObject* s, int64_t i) {
  if (s->ascii) return (unsigned char)s->data[i];
  int len;
  return utf8_decode(s->data + utf8_offset(s, i), &len);
}

// -- Hash / equality -----------------------------------------------------------------------------------
int64_t hash_bytes(std::string_view data) { return siphash13(reinterpret_cast<const unsigned char*>(data.data()), data.size()); }

int64_t str_hash(StrObject* s) {
  if (s->hash == -1) s->hash = hash_utf8(s->view(), s->ascii);
  return s->hash;
}

bool str_eq(StrObject* a, StrObject* b) {
  if (a == b) return true;
  if (a->nbytes != b->nbytes) return false;
  if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) return false;
  return std::memcmp(a->data, b->data, a->nbytes) == 0;
}

static int64_t str_hash_slot(Value v) { return str_hash(as_str(v)); }

// -- repr ---------------------------------------------------------------------------------------------
std::string str_repr_utf8(std::string_view s) {
  bool has_sq = s.find('\'') != std::string_view::npos, has_dq = s.find('"') != std::string_view::npos;
  char q = (has_sq && !has_dq) ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += q;
  for (size_t i = 0; i < s.size();) {
    auto c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      if (c == (unsigned char)q || c == '\\') { out += '\\'; out += char(c); }
      else if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c == '\r') out += "\\r";
      else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
      else out += char(c);
      continue;
    }
    int len;
    uint32_t cp = utf8_decode(s.data() + i, &len);
    if (unicode::is_printable(cp)) out.append(s.data() + i, size_t(len));
    else if (cp < 0x100) out += fmt::format("\\x{:02x}", cp);
    else if (cp < 0x10000) out += fmt::format("\\u{:04x}", cp);
    else out += fmt::format("\\U{:08x}", cp);
    i += size_t(len);
  }
  out += q;
  return out;
}

Value str_repr_value(StrObject* s) { return str_value(str_repr_utf8(s->view())); }
static Value str_repr(Value v) { return str_repr_value(as_str(v)); }
static Value str_str(Value v) {
  if (v.as_obj()->type == types::str) return v;
  return str_value(as_str(v)->view());  // str subclass: plain copy
}

// -- Operators -------------------------------------------------------------------------------------------
Value str_concat(StrObject* a, StrObject* b) {
  if (a->nbytes == 0) return obj(b);
  if (b->nbytes == 0) return obj(a);
  StrObject* s = str_alloc(a->nbytes + b->nbytes);
  std::memcpy(s->data, a->data, a->nbytes);
  std::memcpy(s->data + a->nbytes, b->data, b->nbytes);
  s->length = a->length + b->length;
  s->ascii = a->ascii && b->ascii;
  return obj(s);
}

void fill_repeat(char* dst, const char* src, size_t len, uint64_t k) {
  if (k == 0 || len == 0) return;
  std::memcpy(dst, src, len);
  size_t done = len, total = len * k;
  while (done < total) {  // doubling: log2(k) copies, not k
    size_t step = std::min(done, total - done);
    std::memcpy(dst + done, dst, step);
    done += step;
  }
}

static Value str_repeat(StrObject* a, Value n) {
  int64_t k;
  Value r = seq_repeat_count(n, &k);
  if (r.is_exc() || r == g_not_implemented) return r;
  if (k <= 0 || a->nbytes == 0) return obj(str_intern(""));
  if (k == 1 && a->type == types::str) return obj(a);
  uint64_t length;
  if (!ssize_mul(a->length, uint64_t(k), "repeated string is too long", 1, &length) ||
      !check_alloc(a->nbytes, uint64_t(k)))
    return Value::exc();
  StrObject* s = str_alloc(a->nbytes * uint64_t(k));
  fill_repeat(s->data, a->data, a->nbytes, uint64_t(k));
  s->length = length;
  s->ascii = a->ascii;
  return obj(s);
}

static Value str_binop(int op, Value a, Value b) {
  int plain = op >= kNumBinOps ? op - kNumBinOps : op;
  if (plain == int(BinOp::ADD)) {
    if (is_str(a) && is_str(b)) return str_concat(as_str(a), as_str(b));
    if (is_str(a) && !(type_of(b)->flags & kTypeHeap))
      return raise_fmt(exc::TypeError, "can only concatenate str (not \"{}\") to str", type_name(b));
    return g_not_implemented;
  }
  if (plain == int(BinOp::MULTIPLY)) {
    if (is_str(a)) return str_repeat(as_str(a), b);
    if (is_str(b)) return str_repeat(as_str(b), a);
    return g_not_implemented;
  }
  if (plain == int(BinOp::REMAINDER) && is_str(a)) return str_percent_format(as_str(a), b);
  return g_not_implemented;
}

static Value str_richcompare(Value a, Value b, CmpOp op) {
  if (!is_str(a) || !is_str(b)) return g_not_implemented;
  StrObject *x = as_str(a), *y = as_str(b);
  if (op == CmpOp::EQ) return Value::from_bool(str_eq(x, y));
  if (op == CmpOp::NE) return Value::from_bool(!str_eq(x, y));
  // UTF-8 byte order equals code-point order.
  size_t n = std::min(x->nbytes, y->nbytes);
  int c = std::memcmp(x->data, y->data, n);
  if (c == 0) c = (x->nbytes > y->nbytes) - (x->nbytes < y->nbytes);
  return cmp_result(c, op);
}

static int64_t str_len(Value v) { return int64_t(as_str(v)->length); }
static int str_bool(Value v) { return as_str(v)->nbytes != 0; }

static int str_contains(Value self, Value item) {
  if (!is_str(item)) {
    raise_fmt(exc::TypeError, "'in <string>' requires string as left operand, not {}", type_name(item));
    return -1;
  }
  return as_str(self)->view().find(as_str(item)->view()) != std::string_view::npos;
}

Value str_getitem(Value self, Value key) {
  StrObject* s = as_str(self);
  int64_t i;
  if (key.is_small_int() || is_int(key)) {
    if (!int_get_i64(key, &i)) return raise(exc::IndexError, "cannot fit 'int' into an index-sized integer");
    int64_t n = int64_t(s->length);
    if (i < 0) i += n;
    if (i < 0 || i >= n) return raise(exc::IndexError, "string index out of range");
    if (s->ascii) return obj(str_from_ascii_char(s->data[i]));
    size_t off = utf8_offset(s, i);
    int len;
    utf8_decode(s->data + off, &len);
    return str_value(std::string_view(s->data + off, size_t(len)));
  }
  if (isinstance_exact(key, types::slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(key.as<SliceObject>(), int64_t(s->length), &start, &stop, &step, &n)) return Value::exc();
    if (n <= 0) return obj(str_intern(""));
    if (step == 1) {
      if (n == int64_t(s->length)) return self.as_obj()->type == types::str ? self : str_value(s->view());
      size_t b0 = utf8_offset(s, start);
      size_t b1 = s->ascii ? size_t(stop) : b0;
      for (int64_t k = 0; !s->ascii && k < n; k++) {
        auto c = (unsigned char)s->data[b1];
        b1 += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      }
      return str_value(std::string_view(s->data + b0, b1 - b0));
    }
    if (s->ascii) {
      StrObject* r = str_alloc(size_t(n));
      for (int64_t k = 0, j = start; k < n; k++, j += step) r->data[k] = s->data[j];
      r->length = uint64_t(n);
      r->ascii = true;
      return obj(r);
    }
    // Non-ASCII: decode once into code-point byte offsets.
    std::vector<uint32_t> offs;
    offs.reserve(s->length + 1);
    for (size_t off = 0; off < s->nbytes;) {
      offs.push_back(uint32_t(off));
      auto c = (unsigned char)s->data[off];
      off += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    offs.push_back(uint32_t(s->nbytes));
    std::string out;
    for (int64_t k = 0, j = start; k < n; k++, j += step) out.append(s->data + offs[j], offs[j + 1] - offs[j]);
    return str_value(out);
  }
  Value idx = lookup_special(key, str_intern("__index__"));
  if (idx.is_exc()) return idx;
  if (!idx.is_null()) {
    Value r = call0(idx);
    if (r.is_exc()) return r;
    return str_getitem(self, r);
  }
  return raise_fmt(exc::TypeError, "string indices must be integers, not '{}'", type_name(key));
}

static Value str_iter(Value self) {
  StrObject* s = as_str(self);
  return seq_iter_new(self, s->ascii ? kIterStrAscii : kIterStr, 0, int64_t(s->nbytes), 1);
}

// -- Numbers in text ------------------------------------------------------------------------------------------
// int() and float() accept any Unicode decimal digit and whitespace: they become ASCII digits and
// spaces first (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII). False at the first other
// non-ASCII character.
bool str_decimal_space_to_ascii(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size();) {
    auto c = (unsigned char)in[i];
    if (c < 0x80) {
      *out += char(c);
      i++;
      continue;
    }
    int len;
    uint32_t cp = utf8_decode(in.data() + i, &len);
    i += size_t(len);
    if (unicode::is_space(cp)) {
      *out += ' ';
      continue;
    }
    int d = unicode::decimal_value(cp);
    if (d < 0) return false;
    *out += char('0' + d);
  }
  return true;
}

// -- Constructor -------------------------------------------------------------------------------------------

static Value str_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"object", "encoding", "errors", nullptr};
  Value out[3];
  if (!parse_args("str", args, nargs, kwnames, names, 0, out)) return Value::exc();
  if (out[0].is_null()) return obj(str_intern(""));
  if (out[1].is_null() && out[2].is_null()) return str_of(out[0]);
  if (is_buffer(out[0])) {
    BufferHold h;
    if (!h.get(out[0])) return Value::exc();
    return bytes_decode(h.view(), out[1], out[2]);
  }
  if (is_str(out[0])) return raise(exc::TypeError, "decoding str is not supported");
  return raise_fmt(exc::TypeError, "decoding to str: need a bytes-like object, {} found", type_name(out[0]));
}

void init_str_type() {
  TypeObject* t = types::str;
  t->repr = str_repr;
  t->str = str_str;
  t->hash = str_hash_slot;
  t->richcompare = str_richcompare;
  t->binop = str_binop;
  t->len = str_len;
  t->boolean = str_bool;
  t->contains = str_contains;
  t->getitem = str_getitem;
  t->iter = str_iter;
  t->tp_new = str_tp_new;
  init_str_methods(t);
}

}  // namespace chaipy
