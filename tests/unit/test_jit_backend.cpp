// tests/unit/test_jit_backend.cpp — backend conformance: the same suite for every target, run on
// the host's (x86-64 natively, AArch64 under qemu-aarch64 by scripts/test-a64.sh). Traces are
// written as IR text or built by hand, assembled, and run on a fake frame; a test exit handler
// records which snapshot a trace left through and the values exit_value_bits reads for its
// entries. (test_jit_backend_a64.cpp checks the a64 encodings on any host.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "interp/gc.h"
#include "interp/objects/objects.h"
#include "interp/value.h"
#include "interp/vm.h"
#include "jit/backend/arena.h"
#include "jit/backend/backend.h"
#include "jit/helpers.h"
#include "jit/ir.h"

using namespace chaipy;
using namespace chaipy::jit;

namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

uint64_t bits(double d) { return std::bit_cast<uint64_t>(d); }
double dbl(uint64_t b) { return std::bit_cast<double>(b); }
uint64_t small(int64_t i) { return Value::from_small_int(i).bits(); }

// -- Running traces -----------------------------------------------------------------------------

// Just a Frame header and its slots: trace code only touches localsplus.
class FakeFrame {
 public:
  explicit FakeFrame(size_t nslots) : words_((sizeof(Frame) + 7) / 8 + nslots) {
    for (size_t i = 0; i < nslots; i++) slot(i) = Value::none();
  }
  Frame* get() { return reinterpret_cast<Frame*>(words_.data()); }
  Value& slot(size_t i) { return get()->localsplus[i]; }

 private:
  std::vector<uint64_t> words_;
};

struct Exit {
  const Trace* trace = nullptr;
  uint32_t snap = kNoSnap;
  std::map<uint32_t, uint64_t> slots;  // root-frame entries: slot -> exit_value_bits
};
Exit g_exit;

Frame* record_exit(ExitState* st) {
  g_exit = Exit{st->trace, st->snap, {}};
  const Trace& t = *st->trace;
  const Snapshot& sn = t.snaps[st->snap];
  const SnapFrame& fr = t.snap_frames[sn.frame_start];
  for (uint32_t e = 0; e < fr.nentries; e++) {
    const SnapEntry& en = t.snap_entries[fr.entry_start + e];
    g_exit.slots[en.slot] = exit_value_bits(*st, t, en.ref);
  }
  return exit_frame(*st);  // the frame the trace runs on
}

// Installs record_exit for the lifetime of the object.
struct ExitRecorder {
  ExitRecorder() : prev(g_exit_handler) {
    g_exit_handler = record_exit;
    g_exit = Exit{};
  }
  ~ExitRecorder() { g_exit_handler = prev; }
  Frame* (*prev)(ExitState*);
};

void compile(Trace& t) {
  std::string error;
  bool ok = assemble(t, &error);
  INFO(error << "\n" << ir_print(t));
  REQUIRE(ok);
}

// Runs a compiled root trace on f; returns what the trace returned (the exit handler's frame).
Frame* run(const Trace& t, Frame* f) { return reinterpret_cast<jit::TraceFn>(t.mcode)(f); }

void parse(const char* text, Trace* t) {
  std::string error;
  bool ok = ir_parse(text, t, &error);
  INFO(error);
  REQUIRE(ok);
}

// Building traces by hand: snapshots with one (root) frame.
struct Builder {
  Trace& t;
  uint32_t snap(const std::vector<std::pair<uint32_t, Ref>>& entries) {
    Snapshot s;
    s.frame_start = uint32_t(t.snap_frames.size());
    s.nframes = 1;
    t.snap_frames.push_back(SnapFrame{nullptr, nullptr, 0, 64, 0, uint32_t(t.snap_entries.size()), uint32_t(entries.size())});
    for (auto [slot, ref] : entries) t.snap_entries.push_back(SnapEntry{slot, ref});
    t.snaps.push_back(s);
    return uint32_t(t.snaps.size() - 1);
  }
  Ref ins(IrOp op, Ty ty, Ref a = kNoRef, Ref b = kNoRef, int64_t k = 0) { return t.emit(op, ty, a, b, k); }
  Ref guard(IrOp op, Ty ty, Ref a, Ref b, uint32_t s, int64_t k = 0) {
    Ref r = t.emit(op, ty, a, b, k);
    t[r].snap = s;
    t.snaps[s].at = r;
    return r;
  }
  Ref konst(Ty ty, uint64_t v) {
    switch (ty) {
      case Ty::Dbl: return t.kdbl(dbl(v));
      case Ty::Ptr: return t.kptr(reinterpret_cast<void*>(v));
      case Ty::Val: return t.kval(v);
      default: return t.emit(IrOp::KINT, ty, kNoRef, kNoRef, int64_t(v));  // Int, Bool
    }
  }
  Ref loop() {
    t.loop = ins(IrOp::LOOP, Ty::Void);
    return t.loop;
  }
};

// -- One instruction in every operand situation ------------------------------------------------

// How the operands of the instruction under test are placed:
enum class Mode {
  kDie,      // a and b die at the instruction (the result may take a's register)
  kKeepA,    // a stays live and b dies (the result may take b's register)
  kConstA,   // a is a constant
  kConstB,   // b is a constant (immediates, constant shift counts and divisors)
  kSpilled,  // 30 Int and 20 Dbl values are live around it: operands and result are spilled
};
constexpr Mode kModes[] = {Mode::kDie, Mode::kKeepA, Mode::kConstA, Mode::kConstB, Mode::kSpilled};

struct Result {
  uint32_t snap;  // 1: completed; 0: the instruction's guard failed
  uint64_t bits;  // the result (when completed)
};

// Runs `op` (result type tr) on a (type ta) and b (type tb; Void for unary ops), loaded from
// memory or given as constants per `mode`, and exits with its result.
Result eval(IrOp op, Ty tr, Ty ta, uint64_t a, Ty tb, uint64_t b, Mode mode, int64_t k = 0) {
  Trace t;
  Builder B{t};
  uint64_t mem[64] = {a, b};
  Ref base = t.kptr(mem);
  std::vector<std::pair<uint32_t, Ref>> live;
  if (mode == Mode::kSpilled) {
    for (int i = 0; i < 50; i++) {
      Ty ty = i < 30 ? Ty::Int : Ty::Dbl;
      mem[2 + i] = ty == Ty::Int ? uint64_t(i * 1000 + 7) : bits(i + 0.5);
      live.emplace_back(10 + i, B.ins(IrOp::LOAD, ty, base, kNoRef, 8 * (2 + i)));
    }
  }
  const bool unary = tb == Ty::Void;
  Ref ra = mode == Mode::kConstA ? B.konst(ta, a) : B.ins(IrOp::LOAD, ta, base, kNoRef, 0);
  Ref rb = unary ? kNoRef : mode == Mode::kConstB ? B.konst(tb, b) : B.ins(IrOp::LOAD, tb, base, kNoRef, 8);
  if (mode == Mode::kKeepA || mode == Mode::kSpilled) live.emplace_back(1, ra);
  if (mode == Mode::kSpilled && !unary) live.emplace_back(2, rb);
  uint32_t s0 = B.snap(live);
  Ref r = ir_is_guard(op) ? B.guard(op, tr, ra, rb, s0, k) : B.ins(op, tr, ra, rb, k);
  if (tr != Ty::Void) live.emplace_back(0, r);
  B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap(live));
  compile(t);
  FakeFrame f(64);
  ExitRecorder rec;
  run(t, f.get());
  // Every other value must have survived, whatever happened.
  for (auto [slot, ref] : live)
    if (slot >= 10) CHECK(g_exit.slots[slot] == mem[slot - 8]);
  if (g_exit.snap == 1 && mode == Mode::kKeepA) CHECK(g_exit.slots[1] == a);
  return Result{g_exit.snap, g_exit.slots[0]};
}

struct Case {
  IrOp op;
  Ty tr, ta, tb;
  uint64_t a, b;
  bool ok;          // false: the guard fails
  uint64_t expect;  // the result bits when ok (ignored for Void results)
  int64_t k = 0;
};

void check(const Case& c) {
  for (Mode m : kModes) {
    if (m == Mode::kConstB && c.tb == Ty::Void) continue;
    INFO(ir_info(c.op).name << " a=" << std::hex << c.a << " b=" << c.b << " mode=" << int(m));
    Result r = eval(c.op, c.tr, c.ta, c.a, c.tb, c.b, m, c.k);
    CHECK(r.snap == (c.ok ? 1u : 0u));
    if (c.ok && r.snap == 1 && c.tr != Ty::Void) CHECK(r.bits == c.expect);
  }
}

Case int_op(IrOp op, int64_t a, int64_t b, bool ok, int64_t expect) {
  return Case{op, Ty::Int, Ty::Int, Ty::Int, uint64_t(a), uint64_t(b), ok, uint64_t(expect)};
}
Case int_cmp(IrOp op, int64_t a, int64_t b, bool expect) {
  return Case{op, Ty::Bool, Ty::Int, Ty::Int, uint64_t(a), uint64_t(b), true, expect};
}
Case fp_op(IrOp op, double a, double b, double expect) {
  return Case{op, Ty::Dbl, Ty::Dbl, Ty::Dbl, bits(a), bits(b), true, bits(expect)};
}
Case fp_cmp(IrOp op, double a, double b, bool expect) {
  return Case{op, Ty::Bool, Ty::Dbl, Ty::Dbl, bits(a), bits(b), true, expect};
}

int64_t py_floordiv(int64_t a, int64_t b) {
  if (b == -1) return -a;
  int64_t q = a / b, r = a % b;
  return r != 0 && ((r < 0) != (b < 0)) ? q - 1 : q;
}
int64_t py_mod(int64_t a, int64_t b) {
  if (b == -1) return 0;
  int64_t r = a % b;
  return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
}

}  // namespace

// -- Loops, PHIs, exits -------------------------------------------------------------------------

TEST_CASE("int loop: PHIs carry i and s; the loop guard exits with both", "[jit][backend]") {
  Trace t;
  parse(R"(
%0000 Int  KINT 1
%0001 Val  SLOAD 0
%0002 Val  SLOAD 1
%0003 Val  SLOAD 2
%0004 Int  UNBOX_INT %0001 #0
%0005 Int  UNBOX_INT %0002 #0
%0006 Int  UNBOX_INT %0003 #0
%0007 Void LOOP
%0008 Int  PHI %0004 %0013
%0009 Int  PHI %0006 %0012
%0010 Bool LT %0008 %0005
%0011 Void GUARD_TRUE %0010 #1
%0012 Int  ADDOV %0009 %0008 #2
%0013 Int  ADDOV %0008 %0000 #3
%0014 Void JLOOP #4
#0 frame0 pc=0 n=3 {}
#1 frame0 pc=1 n=3 {0=%0008 2=%0009}
#2 frame0 pc=2 n=3 {0=%0008 2=%0009}
#3 frame0 pc=3 n=3 {0=%0008 2=%0012}
#4 frame0 pc=0 n=3 {0=%0013 2=%0012}
)", &t);
  compile(t);
  ExitRecorder rec;
  FakeFrame f(3);
  f.slot(0) = Value::from_small_int(0);
  f.slot(1) = Value::from_small_int(1000);
  f.slot(2) = Value::from_small_int(-5);
  CHECK(run(t, f.get()) == f.get());
  CHECK(g_exit.trace == &t);
  CHECK(g_exit.snap == 1);
  CHECK(int64_t(g_exit.slots[0]) == 1000);
  CHECK(int64_t(g_exit.slots[2]) == 499500 - 5);

  SECTION("a non-int slot fails the entry guard") {
    f.slot(1) = Value::from_double(3.0);
    run(t, f.get());
    CHECK(g_exit.snap == 0);
  }
}

TEST_CASE("int loop: ADDOV overflow exits with the values before the add", "[jit][backend]") {
  Trace t;
  parse(R"(
%0000 Int  KINT 1
%0001 Int  KINT 9223372036854775800
%0002 Val  SLOAD 0
%0003 Int  UNBOX_INT %0002 #0
%0004 Void LOOP
%0005 Int  PHI %0003 %0008
%0006 Int  PHI %0001 %0007
%0007 Int  ADDOV %0006 %0005 #1
%0008 Int  ADDOV %0005 %0000 #2
%0009 Void JLOOP #3
#0 frame0 pc=0 n=3 {}
#1 frame0 pc=1 n=3 {0=%0005 2=%0006}
#2 frame0 pc=2 n=3 {0=%0005 2=%0007}
#3 frame0 pc=0 n=3 {0=%0008 2=%0007}
)", &t);
  compile(t);
  ExitRecorder rec;
  FakeFrame f(3);
  f.slot(0) = Value::from_small_int(0);
  run(t, f.get());
  // s = MAX-7, then += 0, 1, 2, 3 -> MAX-1; adding 4 overflows.
  CHECK(g_exit.snap == 1);
  CHECK(int64_t(g_exit.slots[0]) == 4);
  CHECK(int64_t(g_exit.slots[2]) == kMax - 1);
}

TEST_CASE("float loop: x = x * 1.5 + 0.25 while x < limit", "[jit][backend]") {
  Trace t;
  parse(R"(
%0000 Dbl  KDBL 1.5
%0001 Dbl  KDBL 0.25
%0002 Val  SLOAD 0
%0003 Val  SLOAD 1
%0004 Dbl  UNBOX_DBL %0002 #0
%0005 Dbl  UNBOX_DBL %0003 #0
%0006 Int  KINT 1
%0007 Int  KINT 0
%0008 Void LOOP
%0009 Dbl  PHI %0004 %0014
%0010 Int  PHI %0007 %0015
%0011 Bool FLT %0009 %0005
%0012 Void GUARD_TRUE %0011 #1
%0013 Dbl  FMUL %0009 %0000
%0014 Dbl  FADD %0013 %0001
%0015 Int  ADD %0010 %0006
%0016 Void JLOOP #2
#0 frame0 pc=0 n=3 {}
#1 frame0 pc=1 n=3 {0=%0009 2=%0010}
#2 frame0 pc=0 n=3 {0=%0014}
)", &t);
  compile(t);
  ExitRecorder rec;
  FakeFrame f(3);
  f.slot(0) = Value::from_double(1.0);
  f.slot(1) = Value::from_double(1000.0);
  run(t, f.get());
  double x = 1.0;
  int64_t n = 0;
  while (x < 1000.0) x = x * 1.5 + 0.25, n++;
  CHECK(g_exit.snap == 1);
  CHECK(dbl(g_exit.slots[0]) == x);
  CHECK(int64_t(g_exit.slots[2]) == n);

  SECTION("NaN never compares less: exits at once") {
    f.slot(1) = Value::from_double(kNaN);
    run(t, f.get());
    CHECK(g_exit.snap == 1);
    CHECK(dbl(g_exit.slots[0]) == 1.0);
    CHECK(g_exit.slots[2] == 0);
  }
}

TEST_CASE("PHI cycles: swapping values every iteration", "[jit][backend]") {
  // (x, y, u, v) = (y, x, v, u) with x, y Int and u, v Dbl; n iterations.
  for (int64_t n : {0, 1, 2, 7}) {
    Trace t;
    Builder B{t};
    uint32_t s0 = B.snap({});
    Ref one = t.kint(1), limit = t.kint(n);
    Ref x0 = t.kint(11), y0 = t.kint(22), u0 = t.kdbl(1.5), v0 = t.kdbl(-2.5), i0 = t.kint(0);
    B.loop();
    Ref x = B.ins(IrOp::PHI, Ty::Int, x0), y = B.ins(IrOp::PHI, Ty::Int, y0);
    Ref u = B.ins(IrOp::PHI, Ty::Dbl, u0), v = B.ins(IrOp::PHI, Ty::Dbl, v0);
    Ref i = B.ins(IrOp::PHI, Ty::Int, i0);
    Ref lt = B.ins(IrOp::LT, Ty::Bool, i, limit);
    B.guard(IrOp::GUARD_TRUE, Ty::Void, lt, kNoRef, B.snap({{0, x}, {1, y}, {2, u}, {3, v}, {4, i}}));
    Ref i1 = B.ins(IrOp::ADD, Ty::Int, i, one);
    t[x].b = y, t[y].b = x, t[u].b = v, t[v].b = u, t[i].b = i1;
    Ref j = B.ins(IrOp::JLOOP, Ty::Void);
    t[j].snap = s0;
    compile(t);
    ExitRecorder rec;
    FakeFrame f(8);
    run(t, f.get());
    bool swapped = n % 2;
    CHECK(int64_t(g_exit.slots[0]) == (swapped ? 22 : 11));
    CHECK(int64_t(g_exit.slots[1]) == (swapped ? 11 : 22));
    CHECK(dbl(g_exit.slots[2]) == (swapped ? -2.5 : 1.5));
    CHECK(dbl(g_exit.slots[3]) == (swapped ? 1.5 : -2.5));
    CHECK(int64_t(g_exit.slots[4]) == n);
  }
}

// -- Single instructions ------------------------------------------------------------------------

TEST_CASE("integer arithmetic and overflow guards", "[jit][backend]") {
  const Case cases[] = {
      int_op(IrOp::ADDOV, 5, 7, true, 12),
      int_op(IrOp::ADDOV, kMax, 1, false, 0),
      int_op(IrOp::ADDOV, kMin, -1, false, 0),
      int_op(IrOp::ADDOV, -3, 1ll << 40, true, (1ll << 40) - 3),
      int_op(IrOp::SUBOV, 5, 7, true, -2),
      int_op(IrOp::SUBOV, kMin, 1, false, 0),
      int_op(IrOp::SUBOV, 0, kMin, false, 0),
      int_op(IrOp::MULOV, -6, 7, true, -42),
      int_op(IrOp::MULOV, 1ll << 32, 1ll << 31, false, 0),
      int_op(IrOp::MULOV, 3, 1ll << 40, true, 3ll << 40),
      int_op(IrOp::ADD, kMax, 1, true, kMin),
      int_op(IrOp::SUB, 10, 3, true, 7),
      int_op(IrOp::SUB, 3, 10, true, -7),
      int_op(IrOp::BAND, 0xF0F0, 0xFF00, true, 0xF000),
      int_op(IrOp::BOR, 0xF0F0, 0x0F00, true, 0xFFF0),
      int_op(IrOp::BXOR, -1, 0x0F, true, ~int64_t(0x0F)),
      int_op(IrOp::SAR, -40, 3, true, -5),
      int_op(IrOp::SAR, 1ll << 62, 62, true, 1),
      int_op(IrOp::SAR, -1, 63, true, -1),
      int_op(IrOp::SHLOV, 3, 4, true, 48),
      int_op(IrOp::SHLOV, -3, 60, true, int64_t(uint64_t(-3) << 60)),
      int_op(IrOp::SHLOV, -5, 61, false, 0),
      int_op(IrOp::SHLOV, -1, 63, true, kMin),
      int_op(IrOp::SHLOV, 1, 63, false, 0),
      int_op(IrOp::SHLOV, 5, 0, true, 5),
      int_op(IrOp::SHLOV, 1, 64, false, 0),
      int_op(IrOp::SHLOV, 1, -1, false, 0),
      int_op(IrOp::SHLOV, 0, 63, true, 0),
      Case{IrOp::NEGOV, Ty::Int, Ty::Int, Ty::Void, uint64_t(-9), 0, true, 9},
      Case{IrOp::NEGOV, Ty::Int, Ty::Int, Ty::Void, uint64_t(kMin), 0, false, 0},
      Case{IrOp::CONV_B2I, Ty::Int, Ty::Bool, Ty::Void, 1, 0, true, 1},
      Case{IrOp::NOT, Ty::Bool, Ty::Bool, Ty::Void, 1, 0, true, 0},
      Case{IrOp::NOT, Ty::Bool, Ty::Bool, Ty::Void, 0, 0, true, 1},
  };
  for (const Case& c : cases) check(c);
}

TEST_CASE("FLOORDIV / FLOORMOD follow Python for every sign combination", "[jit][backend]") {
  // Spot values from CPython.
  CHECK(py_floordiv(-7, 2) == -4);
  CHECK(py_mod(-7, 2) == 1);
  CHECK(py_floordiv(7, -2) == -4);
  CHECK(py_mod(7, -2) == -1);
  CHECK(py_floordiv(-7, -2) == 3);
  CHECK(py_mod(-7, -2) == -1);
  const int64_t as[] = {0, 1, -1, 7, -7, 8, -8, 100, -100, kMax, kMin, kMin + 1, 1ll << 40, -(1ll << 40) - 3};
  const int64_t bs[] = {1, -1, 2, -2, 3, -3, 8, -8, 7, 1ll << 20, kMax, kMin, 0};
  for (int64_t a : as)
    for (int64_t b : bs) {
      bool div_ok = b != 0 && !(a == kMin && b == -1);
      check(int_op(IrOp::FLOORDIV, a, b, div_ok, div_ok ? py_floordiv(a, b) : 0));
      check(int_op(IrOp::FLOORMOD, a, b, b != 0, b != 0 ? py_mod(a, b) : 0));
    }
}

TEST_CASE("double arithmetic and conversions", "[jit][backend]") {
  const Case cases[] = {
      fp_op(IrOp::FADD, 1.5, 2.25, 3.75),
      fp_op(IrOp::FSUB, 1.5, 2.25, -0.75),
      fp_op(IrOp::FSUB, 2.25, 1.5, 0.75),
      fp_op(IrOp::FMUL, -1.5, 4.0, -6.0),
      fp_op(IrOp::FDIV, 1.0, 8.0, 0.125),
      fp_op(IrOp::FDIV, 8.0, 1.0, 8.0),
      Case{IrOp::FNEG, Ty::Dbl, Ty::Dbl, Ty::Void, bits(2.5), 0, true, bits(-2.5)},
      Case{IrOp::FNEG, Ty::Dbl, Ty::Dbl, Ty::Void, bits(0.0), 0, true, bits(-0.0)},
      Case{IrOp::FABS, Ty::Dbl, Ty::Dbl, Ty::Void, bits(-2.5), 0, true, bits(2.5)},
      Case{IrOp::FSQRT, Ty::Dbl, Ty::Dbl, Ty::Void, bits(6.25), 0, true, bits(2.5)},
      Case{IrOp::CONV_I2D, Ty::Dbl, Ty::Int, Ty::Void, uint64_t(-7), 0, true, bits(-7.0)},
      Case{IrOp::CONV_I2D, Ty::Dbl, Ty::Int, Ty::Void, uint64_t(kMax), 0, true, bits(9223372036854775807.0)},
      Case{IrOp::CONV_D2I, Ty::Int, Ty::Dbl, Ty::Void, bits(3.99), 0, true, 3},
      Case{IrOp::CONV_D2I, Ty::Int, Ty::Dbl, Ty::Void, bits(-3.99), 0, true, uint64_t(-3)},
      Case{IrOp::CONV_D2I, Ty::Int, Ty::Dbl, Ty::Void, bits(1e300), 0, false, 0},
      Case{IrOp::CONV_D2I, Ty::Int, Ty::Dbl, Ty::Void, bits(-kInf), 0, false, 0},
      Case{IrOp::CONV_D2I, Ty::Int, Ty::Dbl, Ty::Void, bits(kNaN), 0, false, 0},
  };
  for (const Case& c : cases) check(c);
}

TEST_CASE("comparisons produce 0/1 and follow IEEE for NaN", "[jit][backend]") {
  std::vector<Case> cases;
  const int64_t ints[] = {kMin, -5, 0, 5, kMax};
  for (int64_t a : ints)
    for (int64_t b : ints) {
      cases.push_back(int_cmp(IrOp::LT, a, b, a < b));
      cases.push_back(int_cmp(IrOp::LE, a, b, a <= b));
      cases.push_back(int_cmp(IrOp::GT, a, b, a > b));
      cases.push_back(int_cmp(IrOp::GE, a, b, a >= b));
      cases.push_back(int_cmp(IrOp::ULT, a, b, uint64_t(a) < uint64_t(b)));
      cases.push_back(int_cmp(IrOp::EQ, a, b, a == b));
      cases.push_back(int_cmp(IrOp::NE, a, b, a != b));
    }
  const double dbls[] = {-kInf, -1.5, -0.0, 0.0, 2.0, kNaN};
  for (double a : dbls)
    for (double b : dbls) {
      cases.push_back(fp_cmp(IrOp::FLT, a, b, a < b));
      cases.push_back(fp_cmp(IrOp::FLE, a, b, a <= b));
      cases.push_back(fp_cmp(IrOp::FGT, a, b, a > b));
      cases.push_back(fp_cmp(IrOp::FGE, a, b, a >= b));
      cases.push_back(fp_cmp(IrOp::FEQ, a, b, a == b));
      cases.push_back(fp_cmp(IrOp::FNE, a, b, a != b));
    }
  for (const Case& c : cases) {
    // As a Bool value ...
    Result r = eval(c.op, c.tr, c.ta, c.a, c.tb, c.b, Mode::kDie);
    INFO(ir_info(c.op).name << " " << std::hex << c.a << " " << c.b);
    CHECK(r.bits == c.expect);
    // ... and fused into GUARD_TRUE / GUARD_FALSE (with the Bool unused, and also used).
    for (IrOp g : {IrOp::GUARD_TRUE, IrOp::GUARD_FALSE})
      for (bool bool_used : {false, true}) {
        Trace t;
        Builder B{t};
        uint64_t mem[2] = {c.a, c.b};
        Ref base = t.kptr(mem);
        Ref a = B.ins(IrOp::LOAD, c.ta, base, kNoRef, 0), b = B.ins(IrOp::LOAD, c.tb, base, kNoRef, 8);
        Ref cmp = B.ins(c.op, Ty::Bool, a, b);
        B.guard(g, Ty::Void, cmp, kNoRef, B.snap({}));
        B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap(bool_used ? std::vector<std::pair<uint32_t, Ref>>{{0, cmp}} : std::vector<std::pair<uint32_t, Ref>>{}));
        compile(t);
        ExitRecorder rec;
        FakeFrame f(1);
        run(t, f.get());
        CHECK(g_exit.snap == ((c.expect == 1) == (g == IrOp::GUARD_TRUE) ? 1u : 0u));
        if (bool_used && g_exit.snap == 1) CHECK(g_exit.slots[0] == c.expect);
      }
  }
}

TEST_CASE("unboxing guards check the tag (and the type)", "[jit][backend]") {
  alignas(16) static uint64_t type_a[2], type_b[2];
  alignas(16) static uint64_t obj[2] = {uint64_t(&type_a), 0};
  const uint64_t vobj = Value::from_obj(reinterpret_cast<Object*>(obj)).bits();
  const uint64_t vals[] = {small(-5), Value::from_double(2.5).bits(), Value::true_().bits(), Value::none().bits(),
                           vobj, Value::from_double(-kInf).bits(), Value::from_double(kNaN).bits()};
  for (uint64_t v : vals) {
    Value x = Value::from_bits(v);
    check(Case{IrOp::UNBOX_INT, Ty::Int, Ty::Val, Ty::Void, v, 0, x.is_small_int(), uint64_t(x.as_small_int())});
    check(Case{IrOp::UNBOX_DBL, Ty::Dbl, Ty::Val, Ty::Void, v, 0, x.is_double(), v});
    check(Case{IrOp::UNBOX_BOOL, Ty::Bool, Ty::Val, Ty::Void, v, 0, x.is_bool(), uint64_t(x.as_bool())});
    check(Case{IrOp::UNBOX_OBJ, Ty::Ptr, Ty::Val, Ty::Void, v, 0, x.is_obj(), uint64_t(obj), int64_t(&type_a)});
    check(Case{IrOp::GUARD_VAL, Ty::Void, Ty::Val, Ty::Void, v, 0, v == Value::none().bits(), 0,
               int64_t(Value::none().bits())});
    check(Case{IrOp::GUARD_NOTVAL, Ty::Void, Ty::Val, Ty::Void, v, 0, v != vobj, 0, int64_t(vobj)});
  }
  check(Case{IrOp::UNBOX_OBJ, Ty::Ptr, Ty::Val, Ty::Void, vobj, 0, false, 0, int64_t(&type_b)});
  check(Case{IrOp::GUARD_TYPE, Ty::Void, Ty::Ptr, Ty::Void, uint64_t(obj), 0, true, 0, int64_t(&type_a)});
  check(Case{IrOp::GUARD_TYPE, Ty::Void, Ty::Ptr, Ty::Void, uint64_t(obj), 0, false, 0, int64_t(&type_b)});
  check(Case{IrOp::UNBOX_INT, Ty::Int, Ty::Val, Ty::Void, small(Value::kSmallIntMin), 0, true, uint64_t(Value::kSmallIntMin)});
  check(Case{IrOp::UNBOX_INT, Ty::Int, Ty::Val, Ty::Void, small(Value::kSmallIntMax), 0, true, uint64_t(Value::kSmallIntMax)});
}

TEST_CASE("boxing: BOX_INT guards 48 bits, BOX_DBL canonicalises NaN", "[jit][backend]") {
  for (int64_t i : {int64_t(0), int64_t(-1), Value::kSmallIntMax, Value::kSmallIntMin, Value::kSmallIntMax + 1,
                    Value::kSmallIntMin - 1, kMax, kMin}) {
    bool fits = Value::int_fits_small(i);
    check(Case{IrOp::BOX_INT, Ty::Val, Ty::Int, Ty::Void, uint64_t(i), 0, fits, fits ? small(i) : 0});
  }
  const uint64_t negative_nan = 0xFFF8000000000000ull;  // what x86 produces for inf - inf
  for (uint64_t d : {bits(1.5), bits(-0.0), bits(kInf), bits(kNaN), negative_nan, uint64_t(0x7FF0000000000001ull)})
    check(Case{IrOp::BOX_DBL, Ty::Val, Ty::Dbl, Ty::Void, d, 0, true, Value::from_double(dbl(d)).bits()});
  check(Case{IrOp::BOX_BOOL, Ty::Val, Ty::Bool, Ty::Void, 1, 0, true, Value::true_().bits()});
  check(Case{IrOp::BOX_BOOL, Ty::Val, Ty::Bool, Ty::Void, 0, 0, true, Value::false_().bits()});
  static uint64_t o[2];
  check(Case{IrOp::BOX_OBJ, Ty::Val, Ty::Ptr, Ty::Void, uint64_t(o), 0, true,
             Value::from_obj(reinterpret_cast<Object*>(o)).bits()});

  SECTION("a NaN computed in the trace (inf - inf) is boxed canonical") {
    // x86's inf - inf is its negative "default NaN", not the canonical one; AArch64's default
    // NaN is the canonical one already (its non-canonical NaNs are covered by the cases above).
    const uint64_t diff = eval(IrOp::FSUB, Ty::Dbl, Ty::Dbl, bits(kInf), Ty::Dbl, bits(kInf), Mode::kDie).bits;
    CHECK(std::isnan(dbl(diff)));
    if (&host_target() == &kTargetX64) CHECK(diff != Value::kCanonNaN);
    Trace t;
    Builder B{t};
    Ref inf = t.kdbl(kInf);
    Ref nan = B.ins(IrOp::FSUB, Ty::Dbl, inf, B.ins(IrOp::LOAD, Ty::Dbl, t.kptr(&kInf), kNoRef, 0));
    Ref boxed = B.ins(IrOp::BOX_DBL, Ty::Val, nan);
    B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap({{0, boxed}}));
    compile(t);
    ExitRecorder rec;
    FakeFrame f(1);
    run(t, f.get());
    CHECK(g_exit.slots[0] == Value::kCanonNaN);
  }
}

TEST_CASE("GUARD_GC exits when the collector is owed work", "[jit][backend]") {
  Trace t;
  Builder B{t};
  B.guard(IrOp::GUARD_GC, Ty::Void, kNoRef, kNoRef, B.snap({}));
  B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap({}));
  compile(t);
  ExitRecorder rec;
  FakeFrame f(1);
  const int64_t debt = gc::g_debt;
  gc::g_debt = gc::g_threshold;
  run(t, f.get());
  CHECK(g_exit.snap == 1);
  gc::g_debt = gc::g_threshold + 1;
  run(t, f.get());
  CHECK(g_exit.snap == 0);
  gc::g_debt = debt;
}

TEST_CASE("LOAD / STORE with folded AREF addresses", "[jit][backend]") {
  // items[i] = items[i] * 2 + base[3] for i in 0..n, with the index both variable and constant.
  int64_t items[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  double ds[4] = {0.5, 1.5, 2.5, 3.5};
  Trace t;
  Builder B{t};
  Ref arr = t.kptr(items), darr = t.kptr(ds), two = t.kint(2), one = t.kint(1), n = t.kint(8);
  Ref k3 = t.kint(3);
  Ref c = B.ins(IrOp::LOAD, Ty::Int, B.ins(IrOp::AREF, Ty::Ptr, arr, k3), kNoRef, 0);
  Ref d = B.ins(IrOp::LOAD, Ty::Dbl, darr, kNoRef, 16);  // ds[2]
  Ref i0 = t.kint(0);
  B.loop();
  Ref i = B.ins(IrOp::PHI, Ty::Int, i0);
  Ref lt = B.ins(IrOp::LT, Ty::Bool, i, n);
  B.guard(IrOp::GUARD_TRUE, Ty::Void, lt, kNoRef, B.snap({{0, i}}));
  Ref addr = B.ins(IrOp::AREF, Ty::Ptr, arr, i);
  Ref x = B.ins(IrOp::LOAD, Ty::Int, addr, kNoRef, 0);
  Ref y = B.ins(IrOp::ADD, Ty::Int, B.ins(IrOp::MULOV, Ty::Int, x, two), c);
  t[y - 1].snap = B.snap({{0, i}});
  B.ins(IrOp::STORE, Ty::Void, addr, y, 0);
  Ref i1 = B.ins(IrOp::ADD, Ty::Int, i, one);
  t[i].b = i1;
  B.ins(IrOp::STORE, Ty::Void, B.ins(IrOp::AREF, Ty::Ptr, darr, i0), d, 8);  // ds[1] = ds[2]
  Ref j = B.ins(IrOp::JLOOP, Ty::Void);
  t[j].snap = B.snap({});
  compile(t);
  ExitRecorder rec;
  FakeFrame f(1);
  run(t, f.get());
  CHECK(g_exit.snap == 0);
  CHECK(g_exit.slots[0] == 8);
  // items[3] is read once before the loop (4), then items[i] = 2 * items[i] + 4.
  const int64_t expect[8] = {6, 8, 10, 12, 14, 16, 18, 20};
  for (int k = 0; k < 8; k++) CHECK(items[k] == expect[k]);
  CHECK(ds[1] == 2.5);
}

// -- Calls ----------------------------------------------------------------------------------------

TEST_CASE("helper calls keep every live value, spilling beyond the registers", "[jit][backend]") {
  // 24 Int and 12 Dbl values live across CALLG float_pow(x, y); the call fails for x <= 0.
  for (double x : {2.0, -2.0}) {
    int64_t ints[24];
    double dbls[12];
    for (int k = 0; k < 24; k++) ints[k] = k * k - 100;
    for (int k = 0; k < 12; k++) dbls[k] = k * 0.25;
    Trace t;
    Builder B{t};
    Ref ip = t.kptr(ints), dp = t.kptr(dbls);
    std::vector<std::pair<uint32_t, Ref>> live;
    std::vector<Ref> iv, dv;
    for (int k = 0; k < 24; k++) iv.push_back(B.ins(IrOp::LOAD, Ty::Int, ip, kNoRef, 8 * k));
    for (int k = 0; k < 12; k++) dv.push_back(B.ins(IrOp::LOAD, Ty::Dbl, dp, kNoRef, 8 * k));
    for (int k = 0; k < 24; k++) live.emplace_back(k, iv[k]);
    for (int k = 0; k < 12; k++) live.emplace_back(24 + k, dv[k]);
    Ref args = B.ins(IrOp::CARG, Ty::Void, t.kdbl(x), B.ins(IrOp::CARG, Ty::Void, dv[11], kNoRef));
    Ref r = B.guard(IrOp::CALLG, Ty::Val, args, 2, B.snap(live), int64_t(Helper::float_pow));
    // Use everything after the call.
    Ref isum = iv[0], dsum = dv[0];
    for (int k = 1; k < 24; k++) isum = B.ins(IrOp::ADD, Ty::Int, isum, iv[k]);
    for (int k = 1; k < 12; k++) dsum = B.ins(IrOp::FADD, Ty::Dbl, dsum, dv[k]);
    B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap({{0, isum}, {1, dsum}, {2, r}}));
    compile(t);
    ExitRecorder rec;
    FakeFrame f(64);
    run(t, f.get());
    if (x > 0) {
      int64_t is = 0;
      double ds = 0;
      for (int64_t v : ints) is += v;
      for (double v : dbls) ds += v;
      CHECK(g_exit.snap == 1);
      CHECK(int64_t(g_exit.slots[0]) == is);
      CHECK(dbl(g_exit.slots[1]) == ds);
      CHECK(g_exit.slots[2] == Value::from_double(std::pow(2.0, 2.75)).bits());
    } else {
      CHECK(g_exit.snap == 0);
      for (int k = 0; k < 24; k++) CHECK(int64_t(g_exit.slots[k]) == ints[k]);
      for (int k = 0; k < 12; k++) CHECK(dbl(g_exit.slots[24 + k]) == dbls[k]);
    }
  }
}

TEST_CASE("CALL with pointer and value arguments (list.append)", "[jit][backend]") {
  runtime_init(0, nullptr);
  ListObject* l = list_new(0);
  Trace t;
  Builder B{t};
  Ref lp = t.kptr(l);
  Ref n = t.kint(5), one = t.kint(1), i0 = t.kint(0);
  B.loop();
  Ref i = B.ins(IrOp::PHI, Ty::Int, i0);
  B.guard(IrOp::GUARD_TRUE, Ty::Void, B.ins(IrOp::LT, Ty::Bool, i, n), kNoRef, B.snap({{0, i}}));
  Ref v = B.guard(IrOp::BOX_INT, Ty::Val, B.ins(IrOp::MULOV, Ty::Int, i, i), kNoRef, B.snap({}));
  t[v - 1].snap = t[v].snap;
  Ref args = B.ins(IrOp::CARG, Ty::Void, lp, B.ins(IrOp::CARG, Ty::Void, v, kNoRef));
  B.ins(IrOp::CALL, Ty::Int, args, 2, int64_t(Helper::list_append));
  Ref i1 = B.ins(IrOp::ADD, Ty::Int, i, one);
  t[i].b = i1;
  Ref j = B.ins(IrOp::JLOOP, Ty::Void);
  t[j].snap = B.snap({});
  compile(t);
  ExitRecorder rec;
  FakeFrame f(1);
  run(t, f.get());
  CHECK(g_exit.snap == 0);
  REQUIRE(l->size == 5);
  for (int64_t k = 0; k < 5; k++) CHECK(l->items[k] == Value::from_small_int(k * k));
}

// -- Leaving through the frame: LINK, side traces -------------------------------------------------

TEST_CASE("LINK writes the snapshot boxed by type, then enters the target", "[jit][backend]") {
  Trace target;
  {
    Builder B{target};
    B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap({}));
  }
  compile(target);

  static uint64_t obj[2];
  for (int64_t big : {int64_t(123), int64_t(1) << 50}) {
    int64_t in_i[1] = {big};
    double in_d[3] = {-0.0, kNaN, 2.5};
    Trace t;
    Builder B{t};
    Ref i = B.ins(IrOp::LOAD, Ty::Int, t.kptr(in_i), kNoRef, 0);
    Ref nan = B.ins(IrOp::FSUB, Ty::Dbl, t.kdbl(kInf), t.kdbl(kInf));  // x86's negative NaN
    Ref d0 = B.ins(IrOp::LOAD, Ty::Dbl, t.kptr(in_d), kNoRef, 0);
    Ref d2 = B.ins(IrOp::LOAD, Ty::Dbl, t.kptr(in_d), kNoRef, 16);
    Ref cmp = B.ins(IrOp::FLT, Ty::Bool, d0, d2);
    Ref p = t.kptr(obj);
    Ref v = t.kval(Value::none().bits());
    B.guard(IrOp::LINK, Ty::Void, kNoRef, kNoRef,
            B.snap({{0, i}, {1, nan}, {2, d0}, {3, cmp}, {4, p}, {5, v}, {6, t.kint(-7)}, {7, t.kdbl(0.5)}, {8, d2}}),
            int64_t(&target));
    t.link = &target;
    compile(t);
    ExitRecorder rec;
    FakeFrame f(10);
    f.slot(9) = Value::from_small_int(99);
    run(t, f.get());
    if (Value::int_fits_small(big)) {
      CHECK(g_exit.trace == &target);
      CHECK(f.slot(0) == Value::from_small_int(big));
      CHECK(f.slot(1).bits() == Value::kCanonNaN);
      CHECK(f.slot(2).bits() == bits(-0.0));
      CHECK(f.slot(3) == Value::true_());
      CHECK(f.slot(4) == Value::from_obj(reinterpret_cast<Object*>(obj)));
      CHECK(f.slot(5) == Value::none());
      CHECK(f.slot(6) == Value::from_small_int(-7));
      CHECK(f.slot(7) == Value::from_double(0.5));
      CHECK(f.slot(8) == Value::from_double(2.5));
    } else {  // the Int does not fit a small int: the LINK's own exit, with nothing written
      CHECK(g_exit.trace == &t);
      CHECK(g_exit.snap == 0);
      CHECK(int64_t(g_exit.slots[0]) == big);
      for (int k = 0; k < 9; k++) CHECK(f.slot(k) == Value::none());
    }
    CHECK(f.slot(9) == Value::from_small_int(99));
  }
}

TEST_CASE("a JLOOP without LOOP re-enters its trace through the frame", "[jit][backend]") {
  Trace t;
  parse(R"(
%0000 Int  KINT 1
%0001 Int  KINT 10
%0002 Val  SLOAD 0
%0003 Int  UNBOX_INT %0002 #0
%0004 Bool LT %0003 %0001
%0005 Void GUARD_TRUE %0004 #0
%0006 Int  ADDOV %0003 %0000 #0
%0007 Void JLOOP #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=0 n=1 {0=%0006}
)", &t);
  compile(t);
  ExitRecorder rec;
  FakeFrame f(1);
  f.slot(0) = Value::from_small_int(0);
  run(t, f.get());
  CHECK(g_exit.snap == 0);
  CHECK(f.slot(0) == Value::from_small_int(10));
}

TEST_CASE("patch_exit sends a guard to a side trace, which links back to the root", "[jit][backend]") {
  // Root: for i < n: if i is even s += i, else exit #2 (the side trace: s += 1000 * i).
  auto root = std::make_unique<Trace>();
  parse(R"(
%0000 Int  KINT 1
%0001 Int  KINT 0
%0002 Val  SLOAD 0
%0003 Val  SLOAD 1
%0004 Val  SLOAD 2
%0005 Int  UNBOX_INT %0002 #0
%0006 Int  UNBOX_INT %0003 #0
%0007 Int  UNBOX_INT %0004 #0
%0008 Void LOOP
%0009 Int  PHI %0005 %0016
%0010 Int  PHI %0007 %0015
%0011 Bool LT %0009 %0006
%0012 Void GUARD_TRUE %0011 #1
%0013 Int  BAND %0009 %0000
%0014 Void GUARD_VAL %0013 #2
%0015 Int  ADDOV %0010 %0009 #3
%0016 Int  ADDOV %0009 %0000 #3
%0017 Void JLOOP #4
#0 frame0 pc=0 n=3 {}
#1 frame0 pc=1 n=3 {0=%0009 2=%0010}
#2 frame0 pc=2 n=3 {0=%0009 2=%0010}
#3 frame0 pc=3 n=3 {0=%0009 2=%0010}
#4 frame0 pc=0 n=3 {}
)", root.get());
  compile(*root);
  auto side = std::make_unique<Trace>();
  parse(R"(
%0000 Int  KINT 1
%0001 Int  KINT 1000
%0002 Val  SLOAD 0
%0003 Val  SLOAD 2
%0004 Int  UNBOX_INT %0002 #0
%0005 Int  UNBOX_INT %0003 #0
%0006 Int  MULOV %0004 %0001 #0
%0007 Int  ADDOV %0005 %0006 #0
%0008 Int  ADDOV %0004 %0000 #0
%0009 Void LINK #1
#0 frame0 pc=2 n=3 {}
#1 frame0 pc=0 n=3 {0=%0008 2=%0007}
)", side.get());
  side->parent = root.get();
  side->parent_snap = 2;
  side->link = root.get();
  compile(*side);

  ExitRecorder rec;
  FakeFrame f(3);
  auto start = [&] {
    f.slot(0) = Value::from_small_int(0);
    f.slot(1) = Value::from_small_int(10);
    f.slot(2) = Value::from_small_int(0);
    run(*root, f.get());
  };
  start();
  CHECK(g_exit.trace == root.get());
  CHECK(g_exit.snap == 2);
  CHECK(int64_t(g_exit.slots[0]) == 1);

  patch_exit(*root, 2, side->mcode);
  start();
  CHECK(g_exit.trace == root.get());
  CHECK(g_exit.snap == 1);
  CHECK(int64_t(g_exit.slots[0]) == 10);
  CHECK(int64_t(g_exit.slots[2]) == (0 + 2 + 4 + 6 + 8) + 1000 * (1 + 3 + 5 + 7 + 9));
  CHECK(f.slot(0) == Value::from_small_int(10));  // written by the side trace's last LINK

  const std::string listing = disassemble(*root);
  INFO(listing);
  CHECK(listing.find("->LOOP:") != std::string::npos);
  CHECK(listing.find("->exit 2:") != std::string::npos);
  CHECK(listing.find("; exit 1") != std::string::npos);
}

TEST_CASE("a side trace leaves through its parent's exit when an Int does not fit", "[jit][backend]") {
  int64_t in[2] = {int64_t(1) << 60, 0};
  Trace root;
  Builder B{root};
  Ref big = B.ins(IrOp::LOAD, Ty::Int, root.kptr(in), kNoRef, 0);
  Ref flag = B.ins(IrOp::LOAD, Ty::Int, root.kptr(in), kNoRef, 8);
  B.guard(IrOp::GUARD_VAL, Ty::Void, flag, kNoRef, B.snap({{0, big}}), 1);
  B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap({}));
  compile(root);
  Trace side;
  Builder S{side};
  S.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, S.snap({}));
  side.parent = &root;
  side.parent_snap = 0;
  compile(side);
  patch_exit(root, 0, side.mcode);

  ExitRecorder rec;
  FakeFrame f(1);
  run(root, f.get());
  CHECK(g_exit.trace == &root);
  CHECK(g_exit.snap == 0);
  CHECK(int64_t(g_exit.slots[0]) == in[0]);
  CHECK(f.slot(0) == Value::none());
  in[0] = 77;
  run(root, f.get());
  CHECK(g_exit.trace == &side);
  CHECK(f.slot(0) == Value::from_small_int(77));
}

// -- Random traces against a reference evaluation ---------------------------------------------------

namespace {

// Random straight-line code over Int / Dbl / Bool / Val values (arithmetic, shifts, floor
// division, comparisons, fused and unfused guards, overflow checks, helper calls), with every
// guard's snapshot a random sample of the live values: register pressure, spills, calls and
// exits in every combination. The reference evaluates the same instructions in C++ and knows
// which guard fails first and what its snapshot holds.
class RandomTrace {
 public:
  explicit RandomTrace(uint64_t seed) : rng_(seed) {
    for (int k = 0; k < 8; k++) mem_[k] = uint64_t(rng_() % 8 ? int64_t(rng_() % 2001) - 1000 : int64_t(rng_()));
    for (int k = 8; k < 16; k++) mem_[k] = bits(rng_() % 8 ? double(int64_t(rng_() % 2001) - 1000) / 8 : kInf);
    Ref base = t.kptr(mem_);
    for (int k = 0; k < 8; k++) def(ints_, B.ins(IrOp::LOAD, Ty::Int, base, kNoRef, 8 * k), mem_[k]);
    for (int k = 8; k < 16; k++) def(dbls_, B.ins(IrOp::LOAD, Ty::Dbl, base, kNoRef, 8 * k), mem_[k]);
    for (int n = 0; n < 80; n++) step();
    uint32_t end = snapshot(true);
    B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, end);
    guard(false, end);
  }

  void check() {
    compile(t);
    ExitRecorder rec;
    FakeFrame f(64);
    run(t, f.get());
    INFO(ir_print(t));
    REQUIRE(g_exit.snap == expect_snap_);
    for (auto [slot, ref] : entries_[expect_snap_]) {
      uint64_t got = g_exit.slots[slot], want = value_[ref];
      INFO("slot " << slot << " = " << ir_print_ins(t, ref));
      if (t[ref].type == Ty::Dbl && std::isnan(dbl(want))) {
        CHECK(std::isnan(dbl(got)));
      } else {
        CHECK(got == want);
      }
    }
  }

  Trace t;

 private:
  uint64_t rnd(uint64_t n) { return rng_() % n; }
  // Guards that fail are generated rarely, so that most traces run a long way.
  bool rare() { return rnd(40) == 0; }
  Ref pick(const std::vector<Ref>& from) { return from[rnd(from.size())]; }
  void def(std::vector<Ref>& into, Ref r, uint64_t v) {
    into.push_back(r);
    value_[r] = v;
  }
  // A random sample of the values so far (all of them when `all`), as a snapshot.
  uint32_t snapshot(bool all) {
    std::vector<Ref> pool;
    for (auto* v : {&ints_, &dbls_, &bools_, &vals_}) pool.insert(pool.end(), v->begin(), v->end());
    std::shuffle(pool.begin(), pool.end(), rng_);
    if (!all) pool.resize(std::min<size_t>(pool.size(), rnd(24)));
    std::vector<std::pair<uint32_t, Ref>> entries;
    for (Ref r : pool) entries.emplace_back(uint32_t(entries.size()), r);
    uint32_t s = B.snap(entries);
    entries_.push_back(entries);
    return s;
  }
  // A guard with snapshot s that passes iff ok: the first failure decides the expected exit.
  void guard(bool ok, uint32_t s) {
    if (!ok && expect_snap_ == kNoSnap) expect_snap_ = s;
  }
  Ref kint(int64_t v) {
    Ref r = t.kint(v);
    value_[r] = uint64_t(v);
    return r;
  }
  Ref kdbl(double v) {
    Ref r = t.kdbl(v);
    value_[r] = bits(v);
    return r;
  }
  Ref int_operand() { return rnd(5) ? pick(ints_) : kint(int64_t(rnd(41)) - 20); }

  void step() {
    static const IrOp kIntOps[] = {IrOp::ADD, IrOp::SUB, IrOp::BAND, IrOp::BOR, IrOp::BXOR};
    static const IrOp kOvOps[] = {IrOp::ADDOV, IrOp::SUBOV, IrOp::MULOV};
    static const IrOp kFpOps[] = {IrOp::FADD, IrOp::FSUB, IrOp::FMUL, IrOp::FDIV};
    static const IrOp kIntCmps[] = {IrOp::LT, IrOp::LE, IrOp::GT, IrOp::GE, IrOp::ULT, IrOp::EQ, IrOp::NE};
    static const IrOp kFpCmps[] = {IrOp::FLT, IrOp::FLE, IrOp::FGT, IrOp::FGE, IrOp::FEQ, IrOp::FNE};
    switch (rnd(11)) {
      case 0: {
        IrOp op = kIntOps[rnd(5)];
        Ref a = pick(ints_), b = int_operand();
        uint64_t x = value_[a], y = value_[b];
        uint64_t r = op == IrOp::ADD ? x + y : op == IrOp::SUB ? x - y : op == IrOp::BAND ? x & y : op == IrOp::BOR ? x | y : x ^ y;
        return def(ints_, B.ins(op, Ty::Int, a, b), r);
      }
      case 1: {
        IrOp op = kOvOps[rnd(3)];
        Ref a = pick(ints_), b = int_operand();
        int64_t x = int64_t(value_[a]), y = int64_t(value_[b]), r;
        bool ovf = op == IrOp::ADDOV ? __builtin_add_overflow(x, y, &r)
                   : op == IrOp::SUBOV ? __builtin_sub_overflow(x, y, &r) : __builtin_mul_overflow(x, y, &r);
        if (ovf && !rare()) return;
        uint32_t s = snapshot(false);
        guard(!ovf, s);
        return def(ints_, B.guard(op, Ty::Int, a, b, s), uint64_t(r));
      }
      case 2: {
        Ref a = pick(ints_), n;
        if (rnd(2)) {
          n = kint(int64_t(rnd(64)));
        } else {
          n = B.ins(IrOp::BAND, Ty::Int, pick(ints_), kint(63));
          value_[n] = value_[t[n].a] & 63;
        }
        return def(ints_, B.ins(IrOp::SAR, Ty::Int, a, n), uint64_t(int64_t(value_[a]) >> value_[n]));
      }
      case 3: {
        IrOp op = kFpOps[rnd(4)];
        Ref a = pick(dbls_), b = rnd(5) ? pick(dbls_) : kdbl(0.75);
        double x = dbl(value_[a]), y = dbl(value_[b]);
        double r = op == IrOp::FADD ? x + y : op == IrOp::FSUB ? x - y : op == IrOp::FMUL ? x * y : x / y;
        return def(dbls_, B.ins(op, Ty::Dbl, a, b), bits(r));
      }
      case 4: {
        Ref a = pick(ints_);
        return def(dbls_, B.ins(IrOp::CONV_I2D, Ty::Dbl, a), bits(double(int64_t(value_[a]))));
      }
      case 5: case 6: {  // a comparison, used as a Bool and/or fused into a guard
        bool fp = rnd(2);
        IrOp op = fp ? kFpCmps[rnd(6)] : kIntCmps[rnd(7)];
        Ref a = fp ? pick(dbls_) : pick(ints_), b = fp ? pick(dbls_) : int_operand();
        bool c;
        if (fp) {
          double x = dbl(value_[a]), y = dbl(value_[b]);
          c = op == IrOp::FLT ? x < y : op == IrOp::FLE ? x <= y : op == IrOp::FGT ? x > y : op == IrOp::FGE ? x >= y
              : op == IrOp::FEQ ? x == y : x != y;
        } else {
          int64_t x = int64_t(value_[a]), y = int64_t(value_[b]);
          c = op == IrOp::LT ? x < y : op == IrOp::LE ? x <= y : op == IrOp::GT ? x > y : op == IrOp::GE ? x >= y
              : op == IrOp::ULT ? uint64_t(x) < uint64_t(y) : op == IrOp::EQ ? x == y : x != y;
        }
        Ref cmp = B.ins(op, Ty::Bool, a, b);
        value_[cmp] = c;
        if (rnd(2)) bools_.push_back(cmp);
        if (rnd(3)) {  // mostly guards that hold, so that traces run on
          bool want = rare() ? !c : c;
          uint32_t s = snapshot(false);
          guard(want == c, s);
          B.guard(want ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, cmp, kNoRef, s);
        }
        return;
      }
      case 7: {
        bool mod = rnd(2);
        Ref a = pick(ints_), b = int_operand();
        int64_t x = int64_t(value_[a]), y = int64_t(value_[b]);
        bool ok = y != 0 && (mod || !(x == kMin && y == -1));
        if (!ok && !rare()) return;
        uint32_t s = snapshot(false);
        guard(ok, s);
        return def(ints_, B.guard(mod ? IrOp::FLOORMOD : IrOp::FLOORDIV, Ty::Int, a, b, s),
                   ok ? uint64_t(mod ? py_mod(x, y) : py_floordiv(x, y)) : 0);
      }
      case 8: {  // float ** float: a helper call with everything else live across it
        Ref a = pick(dbls_), b = pick(dbls_);
        auto fn = reinterpret_cast<uint64_t (*)(double, double)>(kHelpers[int(Helper::float_pow)].fn);
        uint64_t r = fn(dbl(value_[a]), dbl(value_[b]));
        if (r == Value::exc().bits() && !rare()) return;
        Ref args = B.ins(IrOp::CARG, Ty::Void, a, B.ins(IrOp::CARG, Ty::Void, b, kNoRef));
        if (rnd(2)) return def(vals_, B.ins(IrOp::CALL, Ty::Val, args, 2, int64_t(Helper::float_pow)), r);
        uint32_t s = snapshot(false);
        guard(r != Value::exc().bits(), s);
        return def(vals_, B.guard(IrOp::CALLG, Ty::Val, args, 2, s, int64_t(Helper::float_pow)), r);
      }
      case 9: {
        Ref a = pick(ints_);
        int64_t x = int64_t(value_[a]);
        const bool neg = rnd(2);
        if ((neg ? x == kMin : !Value::int_fits_small(x)) && !rare()) return;
        uint32_t s = snapshot(false);
        if (neg) {
          guard(x != kMin, s);
          return def(ints_, B.guard(IrOp::NEGOV, Ty::Int, a, kNoRef, s), uint64_t(0) - uint64_t(x));
        }
        guard(Value::int_fits_small(x), s);
        return def(vals_, B.guard(IrOp::BOX_INT, Ty::Val, a, kNoRef, s), Value::from_small_int(x).bits());
      }
      default: {
        if (bools_.empty()) return;
        Ref a = pick(bools_);
        if (rnd(2)) return def(ints_, B.ins(IrOp::CONV_B2I, Ty::Int, a), value_[a]);
        return def(bools_, B.ins(IrOp::NOT, Ty::Bool, a), value_[a] ^ 1);
      }
    }
  }

  std::mt19937_64 rng_;
  Builder B{t};
  uint64_t mem_[16];
  std::vector<Ref> ints_, dbls_, bools_, vals_;
  std::map<Ref, uint64_t> value_;  // the reference value of each ref
  std::vector<std::vector<std::pair<uint32_t, Ref>>> entries_;  // by snapshot
  uint32_t expect_snap_ = kNoSnap;
};

}  // namespace

TEST_CASE("random traces agree with a reference evaluation", "[jit][backend]") {
  runtime_init(0, nullptr);  // float ** float raises through the runtime's exception types
  for (uint64_t seed = 1; seed <= 300; seed++) {
    INFO("seed " << seed);
    RandomTrace rt(seed);
    rt.check();
  }
}

// -- Errors ---------------------------------------------------------------------------------------

TEST_CASE("assemble refuses what it cannot compile, with a reason", "[jit][backend]") {
  std::string error;
  SECTION("a trace that does not end in JLOOP, LINK or EXIT") {
    Trace t;
    Builder B{t};
    B.ins(IrOp::SLOAD, Ty::Val, 0);
    CHECK_FALSE(assemble(t, &error));
    CHECK(error.find("does not end") != std::string::npos);
  }
  SECTION("a LINK whose snapshot has an inlined frame") {
    Trace target, t;
    Builder{target}.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, Builder{target}.snap({}));
    compile(target);
    Builder B{t};
    uint32_t s = B.snap({});
    t.snaps[s].nframes = 2;
    t.snap_frames.push_back(t.snap_frames.back());
    B.guard(IrOp::LINK, Ty::Void, kNoRef, kNoRef, s);
    t.link = &target;
    CHECK_FALSE(assemble(t, &error));
    CHECK(error.find("one frame") != std::string::npos);
  }
  SECTION("more live values than spill slots") {
    Trace t;
    Builder B{t};
    std::vector<std::pair<uint32_t, Ref>> live;
    for (uint32_t k = 0; k < kSpillBytes / 8 + 40; k++) live.emplace_back(k, B.ins(IrOp::SLOAD, Ty::Val, k));
    B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap(live));
    CHECK_FALSE(assemble(t, &error));
    CHECK(error.find("spill") != std::string::npos);
  }
  CHECK(!error.empty());
}

// -- Code arena ------------------------------------------------------------------------------------

TEST_CASE("traces are packed into one arena within rel32 range", "[jit][backend]") {
  std::deque<Trace> ts(3);
  for (Trace& t : ts) {
    Builder B{t};
    B.guard(IrOp::EXIT, Ty::Void, kNoRef, kNoRef, B.snap({}));
    compile(t);
  }
  CodeArena& arena = CodeArena::get();
  for (size_t k = 0; k < ts.size(); k++) {
    CHECK(arena.contains(ts[k].mcode));
    CHECK(uintptr_t(ts[k].mcode) % CodeArena::kAlign == 0);
    if (k) CHECK(static_cast<uint8_t*>(ts[k].mcode) - static_cast<uint8_t*>(ts[k - 1].mcode) < 256);
  }
}

// -- Speed ----------------------------------------------------------------------------------------

TEST_CASE("assembly speed and code size (500-instruction loop)", "[.][jit_backend_bench]") {
  Trace t;
  Builder B{t};
  std::vector<Ref> ints, dbls;
  B.snap({});
  for (int k = 0; k < 8; k++) {
    Ref s = B.ins(IrOp::SLOAD, Ty::Val, k);
    ints.push_back(B.guard(IrOp::UNBOX_INT, Ty::Int, s, kNoRef, 0));
    Ref d = B.ins(IrOp::SLOAD, Ty::Val, 8 + k);
    dbls.push_back(B.guard(IrOp::UNBOX_DBL, Ty::Dbl, d, kNoRef, 0));
  }
  B.loop();
  std::vector<Ref> phis;
  for (int k = 0; k < 8; k++) phis.push_back(B.ins(IrOp::PHI, Ty::Int, ints[k]));
  for (int k = 0; k < 8; k++) phis.push_back(B.ins(IrOp::PHI, Ty::Dbl, dbls[k]));
  std::vector<Ref> cur = phis;
  while (t.size() < 495) {
    uint32_t s = B.snap({{0, cur[0]}, {1, cur[1]}, {8, cur[8]}});
    int k = int(t.size()) % 8;
    cur[k] = B.guard(IrOp::ADDOV, Ty::Int, cur[k], cur[(k + 3) % 8], s);
    cur[8 + k] = B.ins(IrOp::FMUL, Ty::Dbl, cur[8 + k], cur[8 + (k + 5) % 8]);
    Ref c = B.ins(IrOp::LT, Ty::Bool, cur[k], cur[(k + 1) % 8]);
    B.guard(IrOp::GUARD_FALSE, Ty::Void, c, kNoRef, s);
  }
  for (size_t k = 0; k < phis.size(); k++) t[phis[k]].b = cur[k];
  Ref j = B.ins(IrOp::JLOOP, Ty::Void);
  t[j].snap = 0;
  const int reps = 1000;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; r++) {
    std::string error;
    REQUIRE(assemble(t, &error));
  }
  double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / reps;
  std::printf("backend: %d IR instructions, %d snapshots: %.1f us per trace, %.3f us per instruction, "
              "%u bytes of code (%.1f per instruction)\n",
              int(t.size()), int(t.snaps.size()), us, us / t.size(), t.msize, double(t.msize) / t.size());
}
