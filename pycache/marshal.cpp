// pycache/marshal.cpp — the CodeUnit marshaller: a type-tagged writer and a distrustful reader.
//
// Contract: marshal_load(marshal_dump(c)) is code_equal to c, and dumping the result again gives
// the same bytes. marshal_load never reads past the buffer; every count is checked against the
// bytes that remain, and vectors that can nest are grown as items parse (never sized from a
// count), so memory stays linear in the bytes consumed. It returns a CodeUnit only if
// validate_code accepts it and every nested code object.
#include "pycache/marshal.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <vector>

#include "frontend/op_table.h"

namespace chaipy::pyc {
namespace {

// -- Type tags (docs/pyc-format.md) ---------------------------------------------------------
enum Tag : uint8_t {
  kTagNone = 'N', kTagTrue = 'T', kTagFalse = 'F', kTagEllipsis = '.',
  kTagInt = 'i', kTagBigInt = 'l', kTagFloat = 'g', kTagComplex = 'y',
  kTagStr = 'u', kTagBytes = 's', kTagTuple = '(', kTagFrozenSet = '>', kTagCode = 'c',
};

// Limits the reader applies before trusting a count (besides "fits in the remaining bytes").
constexpr uint32_t kMaxStackSize = 1u << 20;
constexpr uint32_t kMaxLocals = 1u << 20;

// -- Writer ---------------------------------------------------------------------------------
struct Writer {
  std::string out;
  void u8(uint8_t v) { out.push_back(char(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; i++) out.push_back(char((v >> (8 * i)) & 0xFF));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; i++) out.push_back(char((v >> (8 * i)) & 0xFF));
  }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      out.push_back(char((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out.push_back(char(v));
  }
  void svarint(int64_t v) { varint((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
  void bytes(std::string_view s) {
    u32(uint32_t(s.size()));
    out.append(s);
  }
  void f64(double d) {
    uint64_t b;
    std::memcpy(&b, &d, 8);
    u64(b);
  }

  void constant(const Const& c) {
    switch (c.kind) {
      case Const::Kind::None: u8(kTagNone); break;
      case Const::Kind::True: u8(kTagTrue); break;
      case Const::Kind::False: u8(kTagFalse); break;
      case Const::Kind::Ellipsis: u8(kTagEllipsis); break;
      case Const::Kind::Int: u8(kTagInt); u64(uint64_t(c.i)); break;
      case Const::Kind::BigInt: u8(kTagBigInt); bytes(c.s); break;
      case Const::Kind::Float: u8(kTagFloat); f64(c.f); break;
      case Const::Kind::Complex: u8(kTagComplex); f64(c.f); f64(c.imag); break;
      case Const::Kind::Str: u8(kTagStr); bytes(c.s); break;
      case Const::Kind::Bytes: u8(kTagBytes); bytes(c.s); break;
      case Const::Kind::Tuple:
      case Const::Kind::FrozenSet:
        u8(c.kind == Const::Kind::Tuple ? kTagTuple : kTagFrozenSet);
        u32(uint32_t(c.items.size()));
        for (const Const& it : c.items) constant(it);
        break;
      case Const::Kind::Code: code(*c.code); break;
    }
  }

  void code(const CodeUnit& c) {
    u8(kTagCode);
    u32(uint32_t(c.argcount));
    u32(uint32_t(c.posonlyargcount));
    u32(uint32_t(c.kwonlyargcount));
    u32(uint32_t(c.stacksize));
    u32(c.flags);
    u32(c.ncaches);
    u32(uint32_t(c.firstlineno));
    bytes(c.filename);
    bytes(c.name);
    bytes(c.qualname);
    u32(uint32_t(c.code.size()));
    for (uint32_t w : c.code) u32(w);
    // Positions: per word, line as a delta from the previous word's line, the rest relative.
    u32(uint32_t(c.positions.size()));
    // Each entry: varint 0 = same as the previous word (CACHE words, repeated positions), else
    // zigzag(line delta) + 1, then end_line - line, col, end_col (zigzag varints).
    SourcePos prev{c.firstlineno, c.firstlineno, -1, -1};
    for (const SourcePos& p : c.positions) {
      if (p.line == prev.line && p.end_line == prev.end_line && p.col == prev.col && p.end_col == prev.end_col) {
        u8(0);
        continue;
      }
      int64_t dl = int64_t(p.line) - prev.line;
      varint(((uint64_t(dl) << 1) ^ uint64_t(dl >> 63)) + 1);
      svarint(int64_t(p.end_line) - p.line);
      svarint(int64_t(p.col));
      svarint(int64_t(p.end_col));
      prev = p;
    }
    u32(uint32_t(c.consts.size()));
    for (const Const& k : c.consts) constant(k);
    u32(uint32_t(c.names.size()));
    for (const auto& n : c.names) bytes(n);
    u32(uint32_t(c.localsplus_names.size()));
    for (size_t i = 0; i < c.localsplus_names.size(); i++) {
      bytes(c.localsplus_names[i]);
      u8(i < c.localsplus_kinds.size() ? c.localsplus_kinds[i] : 0);
    }
    u32(uint32_t(c.exceptions.size()));
    for (const ExceptionEntry& e : c.exceptions) {
      u32(e.start);
      u32(e.end);
      u32(e.target);
      u32(e.depth);
      u8(e.lasti ? 1 : 0);
    }
  }
};

// -- Reader ---------------------------------------------------------------------------------
struct Reader {
  const uint8_t* p;
  const uint8_t* end;
  std::string error;
  const std::string& filename;

  Reader(std::string_view d, const std::string& fn)
      : p(reinterpret_cast<const uint8_t*>(d.data())), end(p + d.size()), filename(fn) {}

  bool fail(std::string msg) {
    if (error.empty()) error = std::move(msg);
    return false;
  }
  size_t left() const { return size_t(end - p); }
  bool need(size_t n) { return n <= left() ? true : fail("truncated data"); }
  bool u8(uint8_t* v) {
    if (!need(1)) return false;
    *v = *p++;
    return true;
  }
  bool u32(uint32_t* v) {
    if (!need(4)) return false;
    *v = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    p += 4;
    return true;
  }
  bool i32(int32_t* v) {
    uint32_t u;
    if (!u32(&u)) return false;
    *v = int32_t(u);
    return true;
  }
  bool u64(uint64_t* v) {
    if (!need(8)) return false;
    uint64_t r = 0;
    if constexpr (std::endian::native == std::endian::little) std::memcpy(&r, p, 8);
    else
      for (int i = 0; i < 8; i++) r |= uint64_t(p[i]) << (8 * i);
    p += 8;
    *v = r;
    return true;
  }
  bool f64(double* d) {
    uint64_t b;
    if (!u64(&b)) return false;
    std::memcpy(d, &b, 8);
    return true;
  }
  // One-byte varints (almost every position field) stay inline; longer ones take varint_slow.
  [[gnu::always_inline]] bool varint(uint64_t* v) {
    if (p < end && *p < 0x80) {
      *v = *p++;
      return true;
    }
    return varint_slow(v);
  }
  [[gnu::noinline]] bool varint_slow(uint64_t* v) {
    if (left() >= 10 || (left() > 0 && !(p[left() - 1] & 0x80))) {
      // Fast path: the terminating byte is within the buffer (checked per byte below anyway
      // when the buffer is short).
      uint64_t r = 0;
      const uint8_t* q = p;
      for (int shift = 0; shift < 64 && q < end; shift += 7) {
        uint8_t b = *q++;
        r |= uint64_t(b & 0x7F) << shift;
        if (!(b & 0x80)) {
          p = q;
          *v = r;
          return true;
        }
      }
    }
    uint64_t r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b;
      if (!u8(&b)) return false;
      r |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) {
        *v = r;
        return true;
      }
    }
    return fail("overlong varint");
  }
  [[gnu::always_inline]] bool svarint32(int32_t* v) {
    uint64_t u;
    if (!varint(&u)) return false;
    int64_t s = int64_t(u >> 1) ^ -int64_t(u & 1);
    if (s < INT32_MIN || s > INT32_MAX) return fail("position out of range");
    *v = int32_t(s);
    return true;
  }
  bool bytes(std::string* s) {
    uint32_t n;
    if (!u32(&n) || !need(n)) return false;
    s->assign(reinterpret_cast<const char*>(p), n);
    p += n;
    return true;
  }
  // A count of items each taking at least `min_size` bytes.
  bool count(uint32_t* n, size_t min_size) {
    if (!u32(n)) return false;
    if (size_t(*n) * min_size > left()) return fail("count exceeds remaining data");
    return true;
  }

  bool constant(Const* c, int depth) {
    if (depth > kMaxNesting) return fail("nesting too deep");
    uint8_t tag;
    if (!u8(&tag)) return false;
    switch (tag) {
      case kTagNone: c->kind = Const::Kind::None; return true;
      case kTagTrue: c->kind = Const::Kind::True; return true;
      case kTagFalse: c->kind = Const::Kind::False; return true;
      case kTagEllipsis: c->kind = Const::Kind::Ellipsis; return true;
      case kTagInt: {
        uint64_t v;
        if (!u64(&v)) return false;
        c->kind = Const::Kind::Int;
        c->i = int64_t(v);
        return true;
      }
      case kTagBigInt: {
        c->kind = Const::Kind::BigInt;
        if (!bytes(&c->s)) return false;
        size_t i = (!c->s.empty() && c->s[0] == '-') ? 1 : 0;
        if (i == c->s.size()) return fail("bad big integer");
        for (; i < c->s.size(); i++)
          if (c->s[i] < '0' || c->s[i] > '9') return fail("bad big integer");
        return true;
      }
      case kTagFloat: c->kind = Const::Kind::Float; return f64(&c->f);
      case kTagComplex: c->kind = Const::Kind::Complex; return f64(&c->f) && f64(&c->imag);
      case kTagStr:
        c->kind = Const::Kind::Str;
        if (!bytes(&c->s)) return false;
        return valid_utf8(c->s) ? true : fail("invalid UTF-8 in string constant");
      case kTagBytes: c->kind = Const::Kind::Bytes; return bytes(&c->s);
      case kTagTuple:
      case kTagFrozenSet: {
        c->kind = tag == kTagTuple ? Const::Kind::Tuple : Const::Kind::FrozenSet;
        uint32_t n;
        if (!count(&n, 1)) return false;
        return constants(&c->items, n, depth + 1);
      }
      case kTagCode: {
        auto u = std::make_shared<CodeUnit>();
        if (!code_body(u.get(), depth + 1)) return false;
        c->kind = Const::Kind::Code;
        c->code = std::move(u);
        return true;
      }
      default: return fail("unknown type tag");
    }
  }

  // n tagged objects. Grown as they are parsed, never sized from the (untrusted) count: nested
  // containers each claiming "all remaining bytes" must not multiply into a huge allocation.
  bool constants(std::vector<Const>* out, uint32_t n, int depth) {
    out->reserve(std::min<uint32_t>(n, 64));
    for (uint32_t i = 0; i < n; i++) {
      out->emplace_back();
      if (!constant(&out->back(), depth)) return false;
    }
    return true;
  }

  // A name, validated in place: the caller copies it only where it is kept.
  bool name(std::string_view* s) {
    uint32_t n;
    if (!u32(&n) || !need(n)) return false;
    *s = {reinterpret_cast<const char*>(p), n};
    p += n;
    return valid_utf8(*s) ? true : fail("invalid UTF-8 in name");
  }
  bool name_string(std::string* s) {
    std::string_view v;
    if (!name(&v)) return false;
    s->assign(v);
    return true;
  }

  // The position table: n entries (docs/pyc-format.md), each relative to the one before, the
  // first to `prev`. Most entries are a single 0 byte (every CACHE word) or four one-byte
  // varints; those take the inline path.
  bool positions(SourcePos* out, uint32_t n, SourcePos prev) {
    auto unzig = [](uint32_t b) { return int32_t(b >> 1) ^ -int32_t(b & 1); };
    const uint8_t* q = p;  // the cursor, in a register (position_slow works on p)
    for (uint32_t k = 0; k < n; k++) {
      if (q < end && *q == 0) {
        q++;
      } else if (end - q >= 4 && (q[0] | q[1] | q[2] | q[3]) < 0x80) {
        // Deltas of at most 64: the sums cannot overflow 64 bits, only the result be out of range.
        const int64_t line = int64_t(prev.line) + unzig(q[0] - 1u), end_line = line + unzig(q[1]);
        if (line != int32_t(line) || end_line != int32_t(end_line)) return fail("position out of range");
        prev = {int32_t(line), int32_t(end_line), unzig(q[2]), unzig(q[3])};
        q += 4;
      } else {
        p = q;
        if (!position_slow(&out[k], prev)) return false;
        q = p;
        prev = out[k];
      }
      out[k] = prev;
    }
    p = q;
    return true;
  }
  // Any other entry: general varints, each checked.
  [[gnu::noinline]] bool position_slow(SourcePos* out, const SourcePos& prev) {
    uint64_t head;
    if (!varint(&head)) return false;
    if (head == 0) {  // an overlong encoding of "same as the previous word"
      *out = prev;
      return true;
    }
    head -= 1;
    const int64_t dl = int64_t(head >> 1) ^ -int64_t(head & 1);
    SourcePos pos;
    int32_t del;
    if (!svarint32(&del) || !svarint32(&pos.col) || !svarint32(&pos.end_col)) return false;
    // The delta is untrusted: reject it before the additions can overflow.
    if (dl < -(int64_t(1) << 33) || dl > (int64_t(1) << 33)) return fail("position out of range");
    const int64_t line = int64_t(prev.line) + dl, end_line = line + del;
    if (line < INT32_MIN || line > INT32_MAX || end_line < INT32_MIN || end_line > INT32_MAX)
      return fail("position out of range");
    pos.line = int32_t(line);
    pos.end_line = int32_t(end_line);
    *out = pos;
    return true;
  }

  // The fields after the 'c' tag.
  bool code_body(CodeUnit* c, int depth) {
    if (depth > kMaxNesting) return fail("nesting too deep");
    uint32_t argc, posonly, kwonly, stacksize, ncaches;
    if (!u32(&argc) || !u32(&posonly) || !u32(&kwonly) || !u32(&stacksize) || !u32(&c->flags) ||
        !u32(&ncaches) || !i32(&c->firstlineno))
      return false;
    if (argc > kMaxLocals || posonly > kMaxLocals || kwonly > kMaxLocals || stacksize > kMaxStackSize)
      return fail("code header out of range");
    c->argcount = int32_t(argc);
    c->posonlyargcount = int32_t(posonly);
    c->kwonlyargcount = int32_t(kwonly);
    c->stacksize = int32_t(stacksize);
    c->ncaches = ncaches;
    std::string_view recorded_filename;
    if (!name(&recorded_filename) || !name_string(&c->name) || !name_string(&c->qualname)) return false;
    if (filename.empty()) c->filename.assign(recorded_filename);
    else c->filename = filename;
    uint32_t n;
    if (!count(&n, 4)) return false;
    c->code.resize(n);
    if constexpr (std::endian::native == std::endian::little) {
      if (n) std::memcpy(c->code.data(), p, size_t(n) * 4);
      p += size_t(n) * 4;
    } else {
      for (uint32_t i = 0; i < n; i++) u32(&c->code[i]);
    }
    if (!count(&n, 1)) return false;  // at least one byte per entry
    c->positions.resize(n);
    if (!positions(c->positions.data(), n, {c->firstlineno, c->firstlineno, -1, -1})) return false;
    if (!count(&n, 1)) return false;
    if (!constants(&c->consts, n, depth)) return false;
    // Names are flat (no nesting), so reserving what the checked count promises is bounded by
    // the bytes left, as resizing to it would be; each is then built once from the buffer.
    std::string_view v;
    if (!count(&n, 4)) return false;
    c->names.reserve(n);
    for (uint32_t i = 0; i < n; i++) {
      if (!name(&v)) return false;
      c->names.emplace_back(v);
    }
    if (!count(&n, 5)) return false;
    if (n > kMaxLocals) return fail("too many locals");
    c->localsplus_names.reserve(n);
    c->localsplus_kinds.resize(n);
    for (uint32_t i = 0; i < n; i++) {
      if (!name(&v) || !u8(&c->localsplus_kinds[i])) return false;
      c->localsplus_names.emplace_back(v);
    }
    if (!count(&n, 17)) return false;
    c->exceptions.resize(n);
    for (ExceptionEntry& e : c->exceptions) {
      uint8_t lasti;
      if (!u32(&e.start) || !u32(&e.end) || !u32(&e.target) || !u32(&e.depth) || !u8(&lasti)) return false;
      if (lasti > 1) return fail("bad exception entry flag");
      e.lasti = lasti != 0;
    }
    std::string why = validate_code(*c);
    if (!why.empty()) return fail("invalid code object '" + c->name + "': " + why);
    return true;
  }

  // Names are nearly always short and ASCII: a few (overlapping) word loads decide that.
  static bool ascii(std::string_view s) {
    const char* d = s.data();
    const size_t n = s.size();
    uint64_t high = 0;
    if (n >= 8) {
      uint64_t w;
      for (size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&w, d + i, 8);
        high |= w;
      }
      std::memcpy(&w, d + n - 8, 8);
      high |= w;
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, d, 4);
      std::memcpy(&b, d + n - 4, 4);
      high = a | b;
    } else if (n > 0) {
      high = uint8_t(d[0]) | uint8_t(d[n / 2]) | uint8_t(d[n - 1]);
    }
    return !(high & 0x8080808080808080ull);
  }

  static bool valid_utf8(std::string_view s) {
    if (ascii(s)) return true;
    size_t i = 0, n = s.size();
    while (i < n) {
      uint8_t b = uint8_t(s[i]);
      int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
      if (len == 0 || i + len > n) return false;
      uint32_t cp = len == 1 ? b : b & (0x7F >> len);
      for (int k = 1; k < len; k++) {
        uint8_t cb = uint8_t(s[i + k]);
        if ((cb & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (cb & 0x3F);
      }
      if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return false;
      // Surrogates are allowed: the compiler may keep lone surrogates from "\udxxx" escapes.
      i += len;
    }
    return true;
  }
};

// -- Validation helpers ---------------------------------------------------------------------
// validate_code keeps one int32 per code word: kCacheWord for the CACHE word owned by the
// preceding instruction; for an instruction start kUnreached, or once the stack check reaches it
// the value-stack depth there.
constexpr int32_t kCacheWord = -2, kUnreached = -1;

// What validate_code checks per opcode, folded from the opcode table into one row so the
// per-instruction work is a table load: the bound the argument (shifted right by `shift`) must
// stay under, and whether the stack check must test the operand against the current depth.
enum ArgBound : uint8_t {
  kNoBound, kConstBound, kNameBound, kLocalBound, kBinOpBound, kCmpBound, kFreeVarsBound, kNumBounds
};
struct OpCheck {
  uint8_t flags;  // OPF_*
  ArgBound bound;
  uint8_t shift;
  bool operand;
};
constexpr std::array<OpCheck, size_t(Op::kCount)> kOpChecks = [] {
  std::array<OpCheck, size_t(Op::kCount)> t{};
  for (size_t i = 0; i < t.size(); i++) {
    const Op op = Op(i);
    OpCheck& k = t[i];
    k.flags = kOpInfo[i].flags;
    switch (kOpInfo[i].arg) {
      case OpArg::C: k.bound = kConstBound; break;
      case OpArg::M: k.bound = kNameBound; break;
      case OpArg::L:
      case OpArg::F: k.bound = kLocalBound; break;
      case OpArg::B: k.bound = kBinOpBound; break;
      case OpArg::P: k.bound = kCmpBound; break;
      default: k.bound = kNoBound; break;
    }
    if (op == Op::LOAD_GLOBAL) k.bound = kNameBound, k.shift = 1;
    if (op == Op::COPY_FREE_VARS) k.bound = kFreeVarsBound;
    k.operand = op == Op::COPY || op == Op::SWAP || op == Op::LIST_APPEND || op == Op::SET_ADD ||
                op == Op::LIST_EXTEND || op == Op::SET_UPDATE || op == Op::DICT_UPDATE || op == Op::DICT_MERGE ||
                op == Op::MAP_ADD || op == Op::CALL || op == Op::CALL_FUNCTION_EX;
  }
  return t;
}();

[[gnu::cold]] std::string bound_error(ArgBound b, uint32_t i) {
  static constexpr const char* kWhat[kNumBounds] = {"", "const index", "name index", "local index",
                                                    "binary op", "compare op", "COPY_FREE_VARS"};
  return std::string(kWhat[b]) + " out of range at " + std::to_string(i);
}

// Whether the operand of an OpCheck::operand instruction (one that addresses below its net
// effect) lies within the stack of depth d.
inline bool operand_ok(Op op, uint32_t arg, int32_t d) {
  switch (op) {
    case Op::COPY:
    case Op::SWAP: return arg >= 1 && int64_t(arg) <= d;
    case Op::MAP_ADD: return arg >= 1 && int64_t(arg) + 2 <= d;
    case Op::CALL: return int64_t(arg) + 2 <= d;
    case Op::CALL_FUNCTION_EX: return 3 + int64_t(arg & 1) <= d;
    default: return arg >= 1 && int64_t(arg) + 1 <= d;  // LIST_APPEND and the other container updates
  }
}

[[gnu::cold]] std::string operand_error(Op op, uint32_t i) {
  switch (op) {
    case Op::COPY:
    case Op::SWAP: return "bad COPY/SWAP at " + std::to_string(i);
    case Op::MAP_ADD: return "bad MAP_ADD at " + std::to_string(i);
    case Op::CALL: return "bad CALL at " + std::to_string(i);
    case Op::CALL_FUNCTION_EX: return "bad CALL_FUNCTION_EX at " + std::to_string(i);
    default: return "bad container operand at " + std::to_string(i);
  }
}

enum class Reach : uint8_t { kOk, kUnderflow, kOverflow, kInconsistent };

// A transfer of depth d to the instruction start `target`: records the depth on a first visit
// (queueing it when `work` is given) or checks it against the recorded one.
[[gnu::always_inline]] inline Reach reach(int32_t* state, std::vector<uint32_t>* work, uint32_t target, int64_t d,
                                          int64_t max_depth) {
  if (d < 0) return Reach::kUnderflow;
  if (d > max_depth) return Reach::kOverflow;
  if (state[target] == kUnreached) {
    state[target] = int32_t(d);
    if (work) work->push_back(target);
    return Reach::kOk;
  }
  return state[target] == d ? Reach::kOk : Reach::kInconsistent;
}

[[gnu::cold]] std::string reach_error(Reach r, uint32_t from, uint32_t target) {
  switch (r) {
    case Reach::kUnderflow: return "stack underflow at " + std::to_string(from);
    case Reach::kOverflow: return "stack overflow at " + std::to_string(from);
    default: return "inconsistent stack depth at " + std::to_string(target);
  }
}

// Abstract interpretation of the value-stack depth: every reachable instruction must be reached
// with one consistent depth in [0, stacksize], including exception-handler entries. Each queued
// instruction starts a run that follows fall-through edges directly (most edges), so only jump
// and handler targets go through the work list; within a run instructions ascend, so the
// covering exception entry is found by advancing a cursor rather than searching per instruction.
std::string check_stack(const CodeUnit& c, int32_t* state) {
  const uint32_t n = uint32_t(c.code.size());
  const uint32_t* const code = c.code.data();  // not reloaded after each store to state
  const int64_t max_depth = c.stacksize;
  const ExceptionEntry* const ex = c.exceptions.data();
  const size_t nex = c.exceptions.size();
  // Reused across calls (a big module has thousands of code objects).
  thread_local std::vector<uint32_t> work;
  work.clear();
  state[0] = 0;  // word 0 is always an instruction start, and stacksize >= 0
  work.push_back(0);
  Reach r;
  while (!work.empty()) {
    uint32_t i = work.back();
    work.pop_back();
    // The first entry that does not end at or before i (entries are sorted and disjoint).
    size_t h = 0;
    if (nex) h = size_t(std::partition_point(ex, ex + nex, [i](const ExceptionEntry& e) { return e.end <= i; }) - ex);
    for (;;) {
      const int32_t d = state[i];
      const Op op = insn_op(code[i]);
      const uint32_t arg = insn_arg(code[i]);
      const OpCheck& k = kOpChecks[size_t(op)];
      const uint8_t flags = k.flags;
      if (h < nex) {
        while (h < nex && ex[h].end <= i) h++;
        if (h < nex && ex[h].start <= i) {
          const ExceptionEntry& e = ex[h];
          if (int64_t(e.depth) > d) return "exception entry depth above stack at " + std::to_string(i);
          if ((r = reach(state, &work, e.target, int64_t(e.depth) + (e.lasti ? 1 : 0) + 1, max_depth)) != Reach::kOk)
            return reach_error(r, i, e.target);
        }
      }
      if (int64_t(d) < op_stack_inputs(op, arg)) return "stack underflow at " + std::to_string(i);
      if (k.operand && !operand_ok(op, arg, d)) return operand_error(op, i);
      if ((flags & OPF_JUMP) &&
          (r = reach(state, &work, arg, int64_t(d) + fe::stack_effect(op, arg, true), max_depth)) != Reach::kOk)
        return reach_error(r, i, arg);
      if (flags & OPF_NOFALL) break;
      const uint32_t nx = i + ((flags & OPF_CACHE) ? 2 : 1);
      if (nx >= n) return "falls off the end of the code";
      // Resuming a generator pushes the sent value after RETURN_GENERATOR (net 0 in the table,
      // which describes the creating call).
      const int extra = op == Op::RETURN_GENERATOR ? 1 : 0;
      const bool first_visit = state[nx] == kUnreached;
      r = reach(state, nullptr, nx, int64_t(d) + fe::stack_effect(op, arg, false) + extra, max_depth);
      if (r != Reach::kOk) return reach_error(r, i, nx);
      if (!first_visit) break;
      i = nx;
    }
  }
  return {};
}

// What an operand names must be what the VM assumes it is: MAKE_CELL a cell slot, the *_DEREF
// family a cell or free slot and the *_FAST family neither, MAKE_FUNCTION a code constant loaded just before it (with a
// closure exactly when that code has free variables); a frame without a locals mapping (a
// function, CO_OPTIMIZED) has no LOAD_CLASSDEREF, SETUP_ANNOTATIONS or *_NAME. Checked on
// the instruction at i, whose argument is already within its table.
std::string check_operand_kind(const CodeUnit& c, const uint32_t* code, uint32_t i) {
  const Op op = insn_op(code[i]);
  const uint32_t arg = insn_arg(code[i]);
  const bool optimized = (c.flags & CO_OPTIMIZED) != 0;
  switch (op) {
    case Op::MAKE_CELL:
      return (c.localsplus_kinds[arg] & kCell) ? "" : "MAKE_CELL of a slot that is not a cell";
    case Op::LOAD_FAST:
    case Op::STORE_FAST:
    case Op::DELETE_FAST:  // a cell or free slot holds its cell: only the *_DEREF family reads it
      return (c.localsplus_kinds[arg] & (kCell | kFree)) ? "fast access to a cell or free slot" : "";
    case Op::LOAD_CLOSURE:
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::DELETE_DEREF:
      return (c.localsplus_kinds[arg] & (kCell | kFree)) ? "" : "cell access to a slot that is not a cell";
    case Op::LOAD_CLASSDEREF:
      if (optimized) return "LOAD_CLASSDEREF outside a class body";
      return (c.localsplus_kinds[arg] & (kCell | kFree)) ? "" : "cell access to a slot that is not a cell";
    case Op::SETUP_ANNOTATIONS:
    case Op::LOAD_NAME:
    case Op::STORE_NAME:
    case Op::DELETE_NAME:
      return optimized ? "name access in a function body" : "";
    case Op::MAKE_FUNCTION: {
      if (i == 0 || insn_op(code[i - 1]) != Op::LOAD_CONST) return "MAKE_FUNCTION not after LOAD_CONST";
      const Const& k = c.consts[insn_arg(code[i - 1])];
      if (k.kind != Const::Kind::Code || !k.code) return "MAKE_FUNCTION of a constant that is not code";
      if (((arg & 8) != 0) != (k.code->nfree() > 0)) return "MAKE_FUNCTION closure does not match the code";
      if ((arg & 8) && (i < 2 || code[i - 2] != make_insn(Op::BUILD_TUPLE, uint32_t(k.code->nfree()))))
        return "MAKE_FUNCTION closure is not a tuple of the code's free variables";
      return "";
    }
    case Op::COPY_FREE_VARS:
      return int(arg) == c.nfree() ? "" : "COPY_FREE_VARS count does not match the free variables";
    // Counts the VM reads as CPython's only values (the stack check trusts STACK_EFFECT / INPUTS,
    // which are written for those values).
    case Op::BUILD_SLICE:
      return arg == 2 || arg == 3 ? "" : "BUILD_SLICE of neither 2 nor 3 items";
    case Op::COPY:
    case Op::SWAP:
      return arg >= 1 ? "" : "COPY or SWAP of the slot above the stack";
    case Op::RAISE_VARARGS:
      return arg <= 2 ? "" : "RAISE_VARARGS of more than 2 items";
    case Op::CALL_FUNCTION_EX:
      return arg <= 1 ? "" : "CALL_FUNCTION_EX flags other than 0 or 1";
    default:
      return "";
  }
}

// Cell and free slots hold cells before anything reads them (the VM reads them as cells without
// checking): the code opens with COPY_FREE_VARS (exactly when there are free variables) and one
// MAKE_CELL per cell slot, as the compiler emits them, and neither appears anywhere else.
// COPY_FREE_VARS fills the last nfree slots, so those must be exactly the free ones.
std::string check_prologue(const CodeUnit& c) {
  const uint32_t n = uint32_t(c.code.size());
  const size_t first_free = c.localsplus_kinds.size() - size_t(c.nfree());
  for (size_t k = 0; k < c.localsplus_kinds.size(); k++)
    if (((c.localsplus_kinds[k] & kFree) != 0) != (k >= first_free)) return "free variables are not the last slots";
  std::vector<bool> made(c.localsplus_kinds.size());
  bool copied = false;
  uint32_t i = 0;
  for (; i < n; i++) {
    const Op op = insn_op(c.code[i]);
    if (op == Op::COPY_FREE_VARS && !copied) {
      copied = true;
    } else if (op == Op::MAKE_CELL) {
      if (made[insn_arg(c.code[i])]) return "MAKE_CELL twice for one slot at " + std::to_string(i);
      made[insn_arg(c.code[i])] = true;
    } else {
      break;
    }
  }
  for (; i < n; i++)
    if (insn_op(c.code[i]) == Op::MAKE_CELL || insn_op(c.code[i]) == Op::COPY_FREE_VARS)
      return "MAKE_CELL or COPY_FREE_VARS after the prologue at " + std::to_string(i);
  if (c.nfree() > 0 && !copied) return "free variables without COPY_FREE_VARS";
  for (size_t k = 0; k < made.size(); k++)
    if ((c.localsplus_kinds[k] & kCell) && !(c.localsplus_kinds[k] & kFree) && !made[k])
      return "cell slot " + std::to_string(k) + " without MAKE_CELL";
  return "";
}

bool is_str_tuple(const Const& k) {
  if (k.kind != Const::Kind::Tuple) return false;
  for (const Const& it : k.items)
    if (it.kind != Const::Kind::Str) return false;
  return true;
}

}  // namespace

// -- Public API -----------------------------------------------------------------------------
uint64_t hash_bytes(std::string_view data, uint64_t seed) {
  // FNV-1a over 8-byte words with an xor-shift per word, tail bytes, then the murmur3 finaliser.
  uint64_t h = 0xcbf29ce484222325ull ^ seed;
  size_t i = 0, n = data.size();
#pragma GCC unroll 4
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < n; i++) h = (h ^ uint8_t(data[i])) * 0x100000001b3ull;
  h ^= n;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

uint64_t body_checksum(std::string_view data) { return hash_bytes(data, 0); }

void marshal_seal(std::string* body) {
  if (body->size() < kBodyPrefix) return;
  uint64_t h = body_checksum(std::string_view(*body).substr(kBodyPrefix));
  for (int i = 0; i < 8; i++) (*body)[1 + i] = char((h >> (8 * i)) & 0xFF);
}

std::string marshal_dump(const CodeUnit& code) {
  Writer w;
  w.u8(kMarshalVersion);
  w.u64(0);  // checksum, sealed below
  w.code(code);
  marshal_seal(&w.out);
  return std::move(w.out);
}

MarshalResult marshal_load(std::string_view data, const std::string& filename, bool verify_checksum) {
  MarshalResult r;
  Reader rd(data, filename);
  uint8_t version, tag;
  uint64_t checksum;
  if (!rd.u8(&version)) return {nullptr, "empty data"};
  if (version != kMarshalVersion) return {nullptr, "unsupported marshal version " + std::to_string(version)};
  if (!rd.u64(&checksum)) return {nullptr, rd.error};
  if (verify_checksum && checksum != body_checksum(data.substr(kBodyPrefix))) return {nullptr, "checksum mismatch"};
  if (!rd.u8(&tag)) return {nullptr, rd.error};
  if (tag != kTagCode) return {nullptr, "top-level object is not a code object"};
  auto u = std::make_shared<CodeUnit>();
  if (!rd.code_body(u.get(), 0)) return {nullptr, rd.error};
  if (rd.left() != 0) return {nullptr, "trailing data after code object"};
  r.code = std::move(u);
  return r;
}

std::string validate_code(const CodeUnit& c) {
  const uint32_t n = uint32_t(c.code.size());
  if (n == 0) return "empty code";
  if (c.positions.size() != n) return "position table size mismatch";
  if (c.localsplus_kinds.size() != c.localsplus_names.size()) return "local kinds size mismatch";
  if (c.argcount < 0 || c.posonlyargcount < 0 || c.kwonlyargcount < 0 || c.stacksize < 0) return "negative count";
  if (uint64_t(c.argcount) + c.kwonlyargcount + ((c.flags & CO_VARARGS) != 0) + ((c.flags & CO_VARKEYWORDS) != 0) >
      c.localsplus_names.size())
    return "more arguments than locals";
  if (c.posonlyargcount > c.argcount) return "posonlyargcount > argcount";
  if (c.ncaches > n) return "more caches than instructions";
  for (uint8_t k : c.localsplus_kinds)
    if (k == 0 || (k & ~uint8_t(kLocal | kCell | kFree))) return "bad local kind";
  const uint32_t nconsts = uint32_t(c.consts.size()), nnames = uint32_t(c.names.size()),
                 nlocals = uint32_t(c.localsplus_names.size());
  auto at = [](uint32_t i) { return " at " + std::to_string(i); };
  // Indexed by ArgBound (an argument is at most 24 bits, under kNoBound's limit).
  const uint32_t limits[kNumBounds] = {1u << 24, nconsts, nnames, nlocals, uint32_t(2 * kNumBinOps), 6, nlocals + 1};
  // One pass classifies the words and checks every argument; a forward jump target is not
  // classified yet when its jump is seen, so those jumps are rechecked once the pass is done.
  thread_local std::vector<int32_t> state;
  thread_local std::vector<uint32_t> forward_jumps;
  state.resize(n);  // every element is written below before it is read
  forward_jumps.clear();
  const uint32_t* const code = c.code.data();  // not reloaded after each store to state
  for (uint32_t i = 0; i < n; i++) {
    const uint32_t w = code[i];
    if ((w & 0xFF) >= uint32_t(Op::kCount)) return "bad opcode at " + std::to_string(i);
    const Op op = insn_op(w);
    const uint32_t arg = insn_arg(w);
    if (op == Op::CACHE) return "stray CACHE word at " + std::to_string(i);
    const OpCheck& k = kOpChecks[size_t(op)];
    state[i] = kUnreached;
    if ((arg >> k.shift) >= limits[k.bound]) return bound_error(k.bound, i);
    if (op == Op::KW_NAMES && !is_str_tuple(c.consts[arg])) return "KW_NAMES const is not a tuple of str" + at(i);
    if (std::string why = check_operand_kind(c, code, i); !why.empty()) return why + at(i);
    if (k.flags & OPF_JUMP) {
      // Nothing jumps past the LOAD_CONST that MAKE_FUNCTION relies on.
      if (arg >= n || (arg <= i && state[arg] == kCacheWord) || insn_op(code[arg]) == Op::MAKE_FUNCTION)
        return "bad jump target" + at(i);
      if (arg > i) forward_jumps.push_back(i);
    }
    if (k.flags & OPF_CACHE) {
      if (i + 1 >= n || insn_op(code[i + 1]) != Op::CACHE) return "missing CACHE word at " + std::to_string(i);
      if (insn_arg(code[i + 1]) >= c.ncaches) return "cache index out of range at " + std::to_string(i);
      state[++i] = kCacheWord;
    }
  }
  for (uint32_t i : forward_jumps)
    if (state[insn_arg(code[i])] == kCacheWord) return "bad jump target" + at(i);
  for (const ExceptionEntry& e : c.exceptions) {
    if (e.start >= e.end || e.end > n || e.target >= n || state[e.target] == kCacheWord ||
        insn_op(code[e.target]) == Op::MAKE_FUNCTION)
      return "exception entry out of range";
    if (e.depth > uint32_t(c.stacksize)) return "exception entry depth out of range";
  }
  for (size_t k = 1; k < c.exceptions.size(); k++)
    if (c.exceptions[k].start < c.exceptions[k - 1].end) return "exception entries overlap or unsorted";
  if (std::string why = check_prologue(c); !why.empty()) return why;
  return check_stack(c, state.data());
}

namespace {
std::string validate_consts(const std::vector<Const>& consts) {
  for (const Const& k : consts) {
    if (k.kind == Const::Kind::Code) {
      if (!k.code) return "null code constant";
      std::string why = validate_code_tree(*k.code);
      if (!why.empty()) return why;
    } else if (k.kind == Const::Kind::Tuple || k.kind == Const::Kind::FrozenSet) {
      std::string why = validate_consts(k.items);
      if (!why.empty()) return why;
    }
  }
  return {};
}
}  // namespace

std::string validate_code_tree(const CodeUnit& code) {
  std::string why = validate_code(code);
  if (!why.empty()) return "code object '" + code.qualname + "': " + why;
  return validate_consts(code.consts);
}

bool code_equal(const CodeUnit& a, const CodeUnit& b);

namespace {
bool const_equal(const Const& a, const Const& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Const::Kind::Code) return a.code && b.code && code_equal(*a.code, *b.code);
  if (a.kind == Const::Kind::Tuple || a.kind == Const::Kind::FrozenSet) {
    if (a.items.size() != b.items.size()) return false;
    for (size_t i = 0; i < a.items.size(); i++)
      if (!const_equal(a.items[i], b.items[i])) return false;
    return true;
  }
  return a == b;
}
}  // namespace

bool code_equal(const CodeUnit& a, const CodeUnit& b) {
  if (a.code != b.code || a.names != b.names || a.localsplus_names != b.localsplus_names ||
      a.localsplus_kinds != b.localsplus_kinds || a.filename != b.filename || a.name != b.name ||
      a.qualname != b.qualname || a.firstlineno != b.firstlineno || a.argcount != b.argcount ||
      a.posonlyargcount != b.posonlyargcount || a.kwonlyargcount != b.kwonlyargcount ||
      a.stacksize != b.stacksize || a.flags != b.flags || a.ncaches != b.ncaches)
    return false;
  if (a.positions.size() != b.positions.size() || a.exceptions.size() != b.exceptions.size() ||
      a.consts.size() != b.consts.size())
    return false;
  for (size_t i = 0; i < a.positions.size(); i++) {
    const SourcePos &p = a.positions[i], &q = b.positions[i];
    if (p.line != q.line || p.end_line != q.end_line || p.col != q.col || p.end_col != q.end_col) return false;
  }
  for (size_t i = 0; i < a.exceptions.size(); i++) {
    const ExceptionEntry &e = a.exceptions[i], &f = b.exceptions[i];
    if (e.start != f.start || e.end != f.end || e.target != f.target || e.depth != f.depth || e.lasti != f.lasti)
      return false;
  }
  for (size_t i = 0; i < a.consts.size(); i++)
    if (!const_equal(a.consts[i], b.consts[i])) return false;
  return true;
}

}  // namespace chaipy::pyc
