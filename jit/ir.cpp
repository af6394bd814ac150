// jit/ir.cpp — the IR op table (expanded from ir.def), constants, and the IR text form.
//
// Text form (what --dump-traces shows and what the optimizer tests are written in):
//
//     %0007 Int  ADDOV        %0003 %0005 #2
//     %0008 Dbl  KDBL         1.5
//     #2 frame0 pc=12 n=5 {0=%0007 4=%0012} | frame1 code=f pc=0 n=3 flags=8 {0=%0001}
//
// An instruction line is: ref, result type, op, its operands (R: a ref or "-" for kNoRef,
// L: a decimal literal, N: nothing), the immediate k when the op uses it (or when it is
// nonzero), and "#n" when it has a snapshot. NOPs are not printed: the parser fills the gaps
// between refs with NOPs, so refs survive a round trip. A snapshot line is "#n", "header" if
// it resumes at a loop header, then its frames separated by "|"; only the snapshots some
// instruction uses are printed (the parser fills gaps with empty snapshots). Inlined frames name
// their code object (code=qualname) for reading only: the parser leaves code and func null.
#include "jit/ir.h"

#include <bit>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <tuple>

#include "interp/vm.h"  // CodeObject::qualname in snapshot lines

namespace chaipy::jit {

// -- Op table --------------------------------------------------------------------------------
// ir.def spells modes and operand kinds as bare letters; the lambdas give each its own scope.
namespace {
namespace irmode {
enum : uint8_t { G = IRM_G, P = IRM_P, L = IRM_L, S = IRM_S, C = IRM_C, X = IRM_X, N = IRM_N };
}
namespace iroperand {
constexpr IrOperand R = IRO_R, L = IRO_L, N = IRO_N;
}
}  // namespace

constinit const IrOpInfo kIrOps[int(IrOp::kCount)] = {
#define IRDEF(name, mode, a, b, doc)                                  \
  {#name, [] { using namespace irmode; return uint8_t(mode); }(),     \
   [] { using namespace iroperand; return a; }(),                     \
   [] { using namespace iroperand; return b; }(), doc},
#include "jit/ir.def"
#undef IRDEF
};

const char* ty_name(Ty t) {
  static const char* const kNames[] = {"Void", "Int", "Dbl", "Bool", "Ptr", "Val"};
  return unsigned(t) < std::size(kNames) ? kNames[unsigned(t)] : "?";
}

// -- Constants ---------------------------------------------------------------------------------
// Interned by a linear scan: traces are short (maxtrace) and constants are few.
namespace {
Ref intern(Trace& t, IrOp op, Ty ty, int64_t k) {
  for (Ref r = 0; r < t.size(); r++)
    if (t[r].op == op && t[r].type == ty && t[r].k == k) return r;
  return t.emit(op, ty, kNoRef, kNoRef, k);
}
}  // namespace

Ref Trace::kint(int64_t v) { return intern(*this, IrOp::KINT, Ty::Int, v); }
Ref Trace::kdbl(double v) { return intern(*this, IrOp::KDBL, Ty::Dbl, std::bit_cast<int64_t>(v)); }
Ref Trace::kptr(const void* p) { return intern(*this, IrOp::KPTR, Ty::Ptr, int64_t(uintptr_t(p))); }
Ref Trace::kval(uint64_t bits) {
  Ref n = size(), r = intern(*this, IrOp::KVAL, Ty::Val, int64_t(bits));
  if (r == n && Value::from_bits(bits).is_obj()) keep(Value::from_bits(bits).as_obj());
  return r;
}
Ref Trace::kobj(const Object* o) {
  Ref n = size(), r = kptr(o);
  if (r == n) keep(o);
  return r;
}
void Trace::keep(const Object* o) {
  if (o && (gcrefs.empty() || gcrefs.back() != o)) gcrefs.push_back(const_cast<Object*>(o));
}

// -- How each op's immediate k reads -----------------------------------------------------------
namespace {
enum class KForm : uint8_t {
  kIfSet,   // unused by the op: printed (decimal) only when nonzero
  kDec,     // integer, offset
  kHex,     // pointer (object, type, LINK's target trace) or Value bits
  kDbl,     // double bits
  kHelper,  // helpers.def index, printed as the helper's name
};

KForm k_form(IrOp op) {
  switch (op) {
    case IrOp::KINT: case IrOp::LOAD: case IrOp::LOADI: case IrOp::STORE: return KForm::kDec;
    case IrOp::KDBL: return KForm::kDbl;
    case IrOp::KPTR: case IrOp::KVAL: case IrOp::UNBOX_OBJ: case IrOp::GUARD_VAL:
    case IrOp::GUARD_NOTVAL: case IrOp::GUARD_TYPE: case IrOp::LINK: return KForm::kHex;
    case IrOp::CALL: case IrOp::CALLP: case IrOp::CALLG: return KForm::kHelper;
    default: return KForm::kIfSet;
  }
}

const char* const kHelperNames[] = {
#define HELPER(name, result, args, doc) #name,
#include "jit/helpers.def"
#undef HELPER
};

constexpr uint64_t kCanonicalNan = 0x7ff8000000000000ull;

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
  return buf;
}

// Shortest text that reads back to the same bits; always looks like a float ("1.0", not "1").
std::string dbl_text(int64_t bits) {
  double d = std::bit_cast<double>(bits);
  if (std::isnan(d)) return uint64_t(bits) == kCanonicalNan ? "nan" : "nan:" + hex(uint64_t(bits));
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 'n': inf
  return s;
}

std::string k_text(IrOp op, int64_t k) {
  switch (k_form(op)) {
    case KForm::kDbl: return dbl_text(k);
    case KForm::kHex: return hex(uint64_t(k));
    case KForm::kHelper:
      if (k >= 0 && size_t(k) < std::size(kHelperNames)) return kHelperNames[k];
      return std::to_string(k);
    case KForm::kIfSet:
      if (k == 0) return "";
      [[fallthrough]];
    case KForm::kDec: return std::to_string(k);
  }
  return "";
}

std::string ref_text(Ref r) {
  if (r == kNoRef) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%%%04d", int(r));
  return buf;
}

// Snapshots that some instruction uses (the others are leftovers of removed guards).
std::vector<bool> used_snaps(const Trace& t) {
  std::vector<bool> used(t.snaps.size());
  for (const Ins& in : t.ins)
    if (in.op != IrOp::NOP && in.snap < used.size()) used[in.snap] = true;
  return used;
}
}  // namespace

// -- Printer -----------------------------------------------------------------------------------
std::string ir_print_ins(const Trace& t, Ref r) {
  if (r < 0 || r >= t.size()) return ref_text(r) + " <bad ref>";
  const Ins& in = t[r];
  if (unsigned(in.op) >= unsigned(IrOp::kCount)) return ref_text(r) + " <bad op>";
  const IrOpInfo& info = ir_info(in.op);
  char head[64];
  std::snprintf(head, sizeof head, "%s %-4s %-12s", ref_text(r).c_str(), ty_name(in.type), info.name);
  std::string s = head;
  for (auto [kind, v] : {std::pair{info.a, in.a}, std::pair{info.b, in.b}}) {
    if (kind == IRO_R) s += " " + ref_text(v);
    if (kind == IRO_L) s += " " + std::to_string(v);
  }
  std::string k = k_text(in.op, in.k);
  if (!k.empty()) s += " " + k;
  if (in.snap != kNoSnap) s += " #" + std::to_string(in.snap);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string snap_print(const Trace& t, uint32_t s) {
  std::string out = "#" + std::to_string(s);
  if (s >= t.snaps.size()) return out + " <bad snapshot>";
  const Snapshot& snap = t.snaps[s];
  if (snap.header_exit) out += " header";
  if (snap.raising) out += " raising";
  if (snap.fdepth >= 0) out += " fdepth=" + std::to_string(snap.fdepth);
  if (size_t(snap.frame_start) + snap.nframes > t.snap_frames.size()) return out + " <bad frames>";
  for (uint32_t f = 0; f < snap.nframes; f++) {
    const SnapFrame& fr = t.snap_frames[snap.frame_start + f];
    out += (f ? " | frame" : " frame") + std::to_string(f);
    if (f > 0 && fr.code)  // the root frame's code is the trace's
      out += " code=" + std::string(fr.code->qualname ? fr.code->qualname->view() : "?");
    out += " pc=" + std::to_string(fr.pc) + " n=" + std::to_string(fr.nslots);
    if (fr.flags) out += " flags=" + std::to_string(fr.flags);
    if (size_t(fr.entry_start) + fr.nentries > t.snap_entries.size()) return out + " <bad entries>";
    out += " {";
    for (uint32_t e = 0; e < fr.nentries; e++) {
      const SnapEntry& en = t.snap_entries[fr.entry_start + e];
      out += (e ? " " : "") + std::to_string(en.slot) + "=" + ref_text(en.ref);
    }
    out += "}";
  }
  return out;
}

std::string ir_print(const Trace& t) {
  std::string out;
  for (Ref r = 0; r < t.size(); r++)
    if (t[r].op != IrOp::NOP) out += ir_print_ins(t, r) + "\n";
  std::vector<bool> used = used_snaps(t);
  for (uint32_t s = 0; s < used.size(); s++)
    if (used[s]) out += snap_print(t, s) + "\n";
  return out;
}

// -- Parser ------------------------------------------------------------------------------------
namespace {
constexpr int64_t kMaxParsedIndex = 1 << 20;  // refs and snapshot numbers: bounds the gap filling

// Reads one line. Every method skips blanks first; on failure it leaves an error message
// (without the line number, which ir_parse adds).
struct LineReader {
  std::string_view s;
  size_t i = 0;
  std::string error;

  void blanks() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) i++;
  }
  bool at_end() {
    blanks();
    return i == s.size();
  }
  bool peek(char c) {
    blanks();
    return i < s.size() && s[i] == c;
  }
  bool fail(std::string msg) {
    if (error.empty()) error = std::move(msg);
    return false;
  }
  bool expect(char c) {
    if (!peek(c)) return fail(std::string("expected '") + c + "'" + near());
    i++;
    return true;
  }
  // A run of characters that are not blanks or one of the separators {}|=.
  std::string_view word() {
    blanks();
    size_t j = i;
    while (i < s.size() && std::string_view(" \t\r{}|=").find(s[i]) == std::string_view::npos) i++;
    return s.substr(j, i - j);
  }
  bool next_is(std::string_view w) {
    size_t mark = i;
    bool yes = word() == w;
    i = mark;
    return yes;
  }
  std::string near() const {
    return i < s.size() ? " near '" + std::string(s.substr(i, 12)) + "'" : " at end of line";
  }
  bool int64(std::string_view w, int64_t* out) {
    std::from_chars_result res;
    if (w.starts_with("0x")) {
      uint64_t u = 0;
      res = std::from_chars(w.data() + 2, w.data() + w.size(), u, 16);
      *out = int64_t(u);
      if (w.size() == 2) res.ec = std::errc::invalid_argument;
    } else {
      res = std::from_chars(w.data(), w.data() + w.size(), *out, 10);
    }
    if (res.ec != std::errc() || res.ptr != w.data() + w.size())
      return fail("bad number '" + std::string(w) + "'");
    return true;
  }
  bool uint(std::string_view w, int64_t max, int64_t* out) {
    if (w.starts_with("-") || !int64(w, out)) return fail("bad number '" + std::string(w) + "'");
    if (*out > max) return fail("number too large '" + std::string(w) + "'");
    return true;
  }
  // "%0007" (or "-" for kNoRef when allowed).
  bool ref(Ref* out, bool allow_none) {
    std::string_view w = word();
    if (allow_none && w == "-") {
      *out = kNoRef;
      return true;
    }
    if (!w.starts_with("%")) return fail("expected a ref like %0007, got '" + std::string(w) + "'");
    int64_t v;
    if (!uint(w.substr(1), kMaxParsedIndex, &v)) return false;
    *out = Ref(v);
    return true;
  }
  // "key=<word>" with a fixed key.
  bool keyed(std::string_view key, std::string_view* value) {
    std::string_view w = word();
    if (w != key || !expect('=')) return fail("expected '" + std::string(key) + "='" + near());
    *value = word();
    return true;
  }
  bool keyed_uint(std::string_view key, uint32_t* out) {
    std::string_view w;
    int64_t v;
    if (!keyed(key, &w) || !uint(w, UINT32_MAX, &v)) return false;
    *out = uint32_t(v);
    return true;
  }
  bool k(IrOp op, int64_t* out) {
    std::string_view w = word();
    switch (k_form(op)) {
      case KForm::kDbl: {
        if (w == "nan") {
          *out = int64_t(kCanonicalNan);
          return true;
        }
        if (w.starts_with("nan:")) return int64(w.substr(4), out);
        double d;
        auto res = std::from_chars(w.data(), w.data() + w.size(), d);
        if (res.ec != std::errc() || res.ptr != w.data() + w.size())
          return fail("bad double '" + std::string(w) + "'");
        *out = std::bit_cast<int64_t>(d);
        return true;
      }
      case KForm::kHelper:
        for (size_t h = 0; h < std::size(kHelperNames); h++)
          if (w == kHelperNames[h]) {
            *out = int64_t(h);
            return true;
          }
        if (w.empty() || !(std::isdigit(uint8_t(w[0])) || w[0] == '-'))
          return fail("unknown helper '" + std::string(w) + "'");
        return int64(w, out);
      default: return int64(w, out);
    }
  }
  // "#12"
  bool snap_number(uint32_t* out) {
    int64_t v;
    if (!expect('#') || !uint(word(), kMaxParsedIndex, &v)) return false;
    *out = uint32_t(v);
    return true;
  }
};

bool parse_ins(LineReader& in, Trace& t, std::vector<int>& line_of, int line) {
  Ref r;
  if (!in.ref(&r, false)) return false;
  if (r < t.size()) return in.fail("ref " + ref_text(r) + " is not after the previous one");
  while (t.size() < r) t.emit(IrOp::NOP, Ty::Void);
  line_of.resize(size_t(r) + 1);
  line_of[r] = line;
  std::string_view ty = in.word(), op = in.word();
  Ins ins{IrOp::NOP, Ty::Void};
  int tyi = 0;
  while (tyi <= int(Ty::Val) && ty != ty_name(Ty(tyi))) tyi++;
  if (tyi > int(Ty::Val)) return in.fail("unknown type '" + std::string(ty) + "'");
  ins.type = Ty(tyi);
  int opi = 0;
  while (opi < int(IrOp::kCount) && op != kIrOps[opi].name) opi++;
  if (opi == int(IrOp::kCount)) return in.fail("unknown op '" + std::string(op) + "'");
  ins.op = IrOp(opi);
  const IrOpInfo& info = ir_info(ins.op);
  for (auto [kind, field] : {std::pair{info.a, &ins.a}, std::pair{info.b, &ins.b}}) {
    if (kind == IRO_R && !in.ref(field, true)) return false;
    int64_t v;
    if (kind == IRO_L) {
      if (!in.int64(in.word(), &v)) return false;
      if (v < INT32_MIN || v > INT32_MAX) return in.fail("literal out of range");
      *field = Ref(v);
    }
  }
  if (!in.at_end() && !in.peek('#') && !in.k(ins.op, &ins.k)) return false;
  if (in.peek('#') && !in.snap_number(&ins.snap)) return false;
  if (!in.at_end()) return in.fail("unexpected text" + in.near());
  t.ins.push_back(ins);
  return true;
}

// "#3 [header] [raising] [fdepth=N] frame0 [code=NAME] pc=12 n=5 [flags=8] {0=%0007 4=-} | frame1 ..."
bool parse_snap(LineReader& in, Trace& t, std::vector<bool>& defined) {
  uint32_t s;
  if (!in.snap_number(&s)) return false;
  if (s < t.snaps.size()) return in.fail("snapshot #" + std::to_string(s) + " is not after the previous one");
  t.snaps.resize(s + 1);
  defined.resize(s + 1);
  defined[s] = true;
  Snapshot& snap = t.snaps[s];
  snap.frame_start = uint32_t(t.snap_frames.size());
  std::string_view w = in.word();
  if (w == "header") {
    snap.header_exit = true;
    w = in.word();
  }
  if (w == "raising") {
    snap.raising = true;
    w = in.word();
  }
  if (w.starts_with("fdepth=")) {
    auto [end, ec] = std::from_chars(w.data() + 7, w.data() + w.size(), snap.fdepth);
    if (ec != std::errc() || end != w.data() + w.size()) return in.fail("bad fdepth");
    w = in.word();
  }
  while (true) {
    if (w != "frame" + std::to_string(snap.nframes))
      return in.fail("expected 'frame" + std::to_string(snap.nframes) + "', got '" + std::string(w) + "'");
    SnapFrame fr{nullptr, nullptr, 0, 0, 0, uint32_t(t.snap_entries.size()), 0};
    std::string_view name;  // read only: the code object is not recreated
    if (in.next_is("code") && !in.keyed("code", &name)) return false;
    if (!in.keyed_uint("pc", &fr.pc) || !in.keyed_uint("n", &fr.nslots)) return false;
    if (in.next_is("flags") && !in.keyed_uint("flags", &fr.flags)) return false;
    if (!in.expect('{')) return false;
    while (!in.peek('}')) {
      SnapEntry e;
      int64_t slot;
      if (in.at_end()) return in.fail("unterminated '{'");
      if (!in.uint(in.word(), UINT32_MAX, &slot) || !in.expect('=') || !in.ref(&e.ref, true)) return false;
      e.slot = uint32_t(slot);
      t.snap_entries.push_back(e);
      fr.nentries++;
    }
    in.expect('}');
    t.snap_frames.push_back(fr);
    snap.nframes++;
    if (in.at_end()) return true;
    if (!in.expect('|')) return false;
    w = in.word();
  }
}

// Operands and snapshot entries must name instructions that exist, defined earlier (but for
// a PHI's loop-carried b); guards, snapshots that exist.
bool check_refs(Trace& t, const std::vector<int>& line_of, const std::vector<bool>& defined,
                std::string* error) {
  auto live = [&](Ref r) { return r == kNoRef || (r >= 0 && r < t.size() && t[r].op != IrOp::NOP); };
  for (Ref r = 0; r < t.size(); r++) {
    Ins& in = t[r];
    if (in.op == IrOp::NOP) continue;
    std::string where = "line " + std::to_string(line_of[r]) + ": ";
    const IrOpInfo& info = ir_info(in.op);
    bool phi = in.op == IrOp::PHI;
    for (auto [kind, v, forward_ok] : {std::tuple{info.a, in.a, false}, std::tuple{info.b, in.b, phi}}) {
      if (kind != IRO_R) continue;
      if (!live(v)) {
        *error = where + "operand " + ref_text(v) + " is not defined";
        return false;
      }
      if (v >= r && !forward_ok) {
        *error = where + "operand " + ref_text(v) + " is used before it is defined";
        return false;
      }
    }
    if (in.snap == kNoSnap) continue;
    if (in.snap >= t.snaps.size() || !defined[in.snap]) {
      *error = where + "snapshot #" + std::to_string(in.snap) + " is not defined";
      return false;
    }
    if (t.snaps[in.snap].at == kNoRef) t.snaps[in.snap].at = r;
  }
  for (const SnapEntry& e : t.snap_entries)
    if (!live(e.ref)) {
      *error = "snapshot entry " + std::to_string(e.slot) + "=" + ref_text(e.ref) + " is not defined";
      return false;
    }
  return true;
}
}  // namespace

bool ir_parse(const std::string& text, Trace* out, std::string* error) {
  Trace t;
  std::vector<int> line_of;
  std::vector<bool> defined;
  std::string_view rest = text;
  for (int line = 1; !rest.empty(); line++) {
    size_t nl = rest.find('\n');
    LineReader in{rest.substr(0, nl)};
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    bool ok = in.at_end() ? true
              : in.peek('%') ? parse_ins(in, t, line_of, line)
              : in.peek('#') ? parse_snap(in, t, defined)
                             : in.fail("expected an instruction (%ref ...) or a snapshot (#n ...)");
    if (!ok) {
      *error = "line " + std::to_string(line) + ": " + in.error;
      return false;
    }
  }
  if (!check_refs(t, line_of, defined, error)) return false;
  out->ins = std::move(t.ins);
  out->snaps = std::move(t.snaps);
  out->snap_frames = std::move(t.snap_frames);
  out->snap_entries = std::move(t.snap_entries);
  out->loop = kNoRef;
  for (Ref r = 0; r < out->size(); r++)
    if ((*out)[r].op == IrOp::LOOP) out->loop = r;
  return true;
}

}  // namespace chaipy::jit
