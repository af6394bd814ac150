// tests/unit/test_jit_ir.cpp — the JIT IR: op table, constants, and the text form (printer and
// parser round trip, parser errors, robustness against mangled text).
#include <catch2/catch.hpp>

#include <bit>
#include <cstring>
#include <random>
#include <sstream>
#include <string>

#include "jit/ir.h"
#include "tests/unit/jit_ir_text.h"

using namespace chaipy::jit;
using chaipy::jit::testing::parse;
using chaipy::jit::testing::squeeze;

namespace {

std::string parse_error(const std::string& text) {
  Trace t;
  std::string error;
  CHECK_FALSE(ir_parse(text, &t, &error));
  CHECK_FALSE(error.empty());
  return error;
}

const char* const kSample = R"(
%0000 Int  KINT -42
%0001 Dbl  KDBL 1.5
%0002 Dbl  KDBL -0.0
%0003 Dbl  KDBL -inf
%0004 Dbl  KDBL nan
%0005 Dbl  KDBL nan:0x7ff8000000000001
%0006 Dbl  KDBL 1e+300
%0007 Ptr  KPTR 0x7f0012345678
%0008 Val  KVAL 0xfffc000000000001
%0009 Val  SLOAD 3
%0010 Ptr  UNBOX_OBJ %0009 0x55d0c0de #0
%0011 Int  LOAD %0010 16
%0013 Void CARG %0009 -
%0014 Int  CALLG %0013 1 list_append #1
%0015 Bool KINT 1
%0016 Void STORE %0010 %0011 24
%0017 Void GUARD_GC #2
%0018 Void LINK 0x1234 #3
#0 header frame0 pc=0 n=4 {}
#1 frame0 pc=7 n=5 {3=%0009 4=%0011} | frame1 pc=2 n=3 flags=8 {0=%0000 2=-}
#2 frame0 pc=9 n=4 {0=%0002}
#3 header frame0 pc=0 n=4 {0=%0015 1=%0008}
)";

}  // namespace

TEST_CASE("ir: op table and type names come from ir.def", "[ir]") {
  CHECK(std::strcmp(ir_info(IrOp::ADDOV).name, "ADDOV") == 0);
  CHECK(ir_info(IrOp::ADDOV).mode == (IRM_G | IRM_C));
  CHECK(ir_info(IrOp::ADDOV).a == IRO_R);
  CHECK(ir_info(IrOp::SLOAD).mode == IRM_L);
  CHECK(ir_info(IrOp::SLOAD).a == IRO_L);
  CHECK(ir_info(IrOp::CALLG).mode == (IRM_G | IRM_X));
  CHECK(ir_info(IrOp::CALLG).b == IRO_L);
  CHECK(std::strcmp(ir_info(IrOp::NOP).name, "NOP") == 0);
  CHECK(ir_is_guard(IrOp::UNBOX_INT));
  CHECK_FALSE(ir_is_guard(IrOp::ADD));
  CHECK(std::strcmp(ty_name(Ty::Dbl), "Dbl") == 0);
  CHECK(std::strcmp(ty_name(Ty::Void), "Void") == 0);
}

TEST_CASE("ir: constants are interned", "[ir]") {
  Trace t;
  Ref a = t.kint(7);
  Ref x = t.emit(IrOp::SLOAD, Ty::Val, 0);
  CHECK(t.kint(7) == a);
  CHECK(t.kint(8) != a);
  CHECK(t.kdbl(0.0) != t.kdbl(-0.0));  // by bits
  CHECK(t.kdbl(-0.0) == t.kdbl(-0.0));
  CHECK(t.kptr(&t) == t.kptr(&t));
  CHECK(t.kval(7) != a);               // same bits, another kind
  Ref b = t.emit(IrOp::KINT, Ty::Bool, kNoRef, kNoRef, 1);
  CHECK(t.kint(1) != b);               // same bits, another type
  CHECK(t[t.kdbl(2.5)].k == std::bit_cast<int64_t>(2.5));
  CHECK(t[x].op == IrOp::SLOAD);
  CHECK(t.size() == 10);
}

TEST_CASE("ir: print format", "[ir]") {
  Trace t;
  Ref k = t.kint(5);
  Ref s = t.emit(IrOp::SLOAD, Ty::Val, 2);
  Ref u = t.emit(IrOp::UNBOX_INT, Ty::Int, s);
  t[u].snap = 0;
  Ref add = t.emit(IrOp::ADDOV, Ty::Int, u, k);
  t[add].snap = 0;
  Ref nop = t.emit(IrOp::NOP, Ty::Void);
  t.emit(IrOp::CALLP, Ty::Val, add, 1, 0);
  t.snaps.push_back(Snapshot{u, 0, 1});
  t.snap_frames.push_back(SnapFrame{nullptr, nullptr, 12, 5, 0, 0, 2});
  t.snap_entries = {{0, add}, {4, k}};
  CHECK(ir_print_ins(t, k) == "%0000 Int  KINT         5");
  CHECK(ir_print_ins(t, add) == "%0003 Int  ADDOV        %0002 %0000 #0");
  CHECK(ir_print_ins(t, nop) == "%0004 Void NOP");
  CHECK(ir_print_ins(t, 99) == "%0099 <bad ref>");
  CHECK(snap_print(t, 0) == "#0 frame0 pc=12 n=5 {0=%0003 4=%0000}");
  CHECK(snap_print(t, 7) == "#7 <bad snapshot>");
  CHECK(ir_print(t) ==
        "%0000 Int  KINT         5\n"
        "%0001 Val  SLOAD        2\n"
        "%0002 Int  UNBOX_INT    %0001 #0\n"
        "%0003 Int  ADDOV        %0002 %0000 #0\n"
        "%0005 Val  CALLP        %0003 1 list_append\n"
        "#0 frame0 pc=12 n=5 {0=%0003 4=%0000}\n");
}

TEST_CASE("ir: print -> parse -> print round trip", "[ir]") {
  Trace t = parse(kSample);
  std::string once = ir_print(t);
  CHECK(squeeze(once) == squeeze(kSample));
  Trace again = parse(once);
  CHECK(ir_print(again) == once);

  // The parsed trace holds exactly what the text says.
  CHECK(t.size() == 19);
  CHECK(t[12].op == IrOp::NOP);                  // the gap
  CHECK(t[0].k == -42);
  CHECK(t[2].k == std::bit_cast<int64_t>(-0.0));
  CHECK(t[5].k == int64_t(0x7ff8000000000001ull));
  CHECK(t[8].k == int64_t(0xfffc000000000001ull));
  CHECK(t[9].a == 3);
  CHECK(t[10].k == 0x55d0c0de);
  CHECK(t[13].b == kNoRef);
  CHECK(t[14].a == 13);
  CHECK(t[14].b == 1);
  CHECK(t[14].k == 0);                           // list_append
  CHECK(t[15].type == Ty::Bool);
  CHECK(t[16].k == 24);
  CHECK(t[18].snap == 3);
  REQUIRE(t.snaps.size() == 4);
  CHECK(t.snaps[0].header_exit);
  CHECK(t.snaps[0].at == 10);
  CHECK(t.snaps[1].nframes == 2);
  const SnapFrame& inl = t.snap_frames[t.snaps[1].frame_start + 1];
  CHECK(inl.pc == 2);
  CHECK(inl.nslots == 3);
  CHECK(inl.flags == 8);
  CHECK(inl.code == nullptr);
  REQUIRE(inl.nentries == 2);
  CHECK(t.snap_entries[inl.entry_start + 1].ref == kNoRef);
}

TEST_CASE("ir: parse fills gaps, skips unused snapshots, finds LOOP", "[ir]") {
  Trace t = parse(R"(
%0000 Val  SLOAD 0
%0003 Void LOOP
%0005 Void JLOOP #2
#2 frame0 pc=0 n=1 {0=%0000}
)");
  CHECK(t.size() == 6);
  CHECK(t[1].op == IrOp::NOP);
  CHECK(t.loop == 3);
  REQUIRE(t.snaps.size() == 3);
  CHECK(t.snaps[0].nframes == 0);
  CHECK(t.snaps[2].at == 5);
  // A snapshot only a removed instruction used is not printed.
  t[5].op = IrOp::NOP;
  CHECK(ir_print(t) == "%0000 Val  SLOAD        0\n%0003 Void LOOP\n");
}

TEST_CASE("ir: doubles print as the shortest text that reads back", "[ir]") {
  for (double d : {0.1, 1.0, -2.0, 1e-320, 123456789.125, 1.7976931348623157e308, -HUGE_VAL}) {
    Trace t;
    t.kdbl(d);
    Trace back = parse(ir_print(t));
    CHECK(back[0].k == std::bit_cast<int64_t>(d));
  }
  Trace t;
  t.kdbl(1.0);
  t.kdbl(0.1);
  CHECK(squeeze(ir_print(t)) == "%0000 Dbl KDBL 1.0\n%0001 Dbl KDBL 0.1\n");
}

TEST_CASE("ir: parse errors", "[ir]") {
  CHECK(parse_error("%0000 Int FROB 1") == "line 1: unknown op 'FROB'");
  CHECK(parse_error("%0000 Num KINT 1") == "line 1: unknown type 'Num'");
  CHECK(parse_error("\n%0000 Int KINT x") == "line 2: bad number 'x'");
  CHECK(parse_error("%0000 Int KINT 99999999999999999999") == "line 1: bad number '99999999999999999999'");
  CHECK(parse_error("%0001 Int KINT 1\n%0000 Int KINT 2") ==
        "line 2: ref %0000 is not after the previous one");
  CHECK(parse_error("%0000 Int KINT 1\n%0001 Int ADD %0000 %0007") == "line 2: operand %0007 is not defined");
  CHECK(parse_error("%0000 Int ADD %0001 %0001\n%0001 Int KINT 1") ==
        "line 1: operand %0001 is used before it is defined");
  CHECK(parse_error("%0000 Int KINT 1\n%0001 Int PHI %0002 %0000") ==
        "line 2: operand %0002 is not defined");
  CHECK(parse_error("%0000 Int KINT 1\n%0002 Int ADD %0000 %0001") == "line 2: operand %0001 is not defined");
  CHECK(parse_error("%0000 Int ADD %0000") == "line 1: expected a ref like %0007, got ''");
  CHECK(parse_error("%0000 Int ADD 3 %0000") == "line 1: expected a ref like %0007, got '3'");
  CHECK(parse_error("%0000 Int KINT 1 2") == "line 1: unexpected text near '2'");
  CHECK(parse_error("%0000 Val SLOAD 4294967296") == "line 1: literal out of range");
  CHECK(parse_error("%99999999 Int KINT 1") == "line 1: number too large '99999999'");
  CHECK(parse_error("%0000 Int CALL %0000 1 no_such_helper") == "line 1: unknown helper 'no_such_helper'");
  CHECK(parse_error("%0000 Void EXIT #4") == "line 1: snapshot #4 is not defined");
  CHECK(parse_error("%0000 Void EXIT #") == "line 1: bad number ''");
  CHECK(parse_error("hello") == "line 1: expected an instruction (%ref ...) or a snapshot (#n ...)");
  CHECK(parse_error("#0 frame1 pc=0 n=1 {}") == "line 1: expected 'frame0', got 'frame1'");
  CHECK(parse_error("#0 frame0 pc=0 {}") == "line 1: expected 'n=' near '{}'");
  CHECK(parse_error("#0 frame0 pc=0 n=1 {0=%0000") == "line 1: unterminated '{'");
  CHECK(parse_error("#0 frame0 pc=0 n=1 {0=%0000}") == "snapshot entry 0=%0000 is not defined");
  CHECK(parse_error("#0 frame0 pc=0 n=1 {} frame1") == "line 1: expected '|' near 'frame1'");
  CHECK(parse_error("#1 frame0 pc=0 n=1 {}\n#0 frame0 pc=0 n=1 {}") ==
        "line 2: snapshot #0 is not after the previous one");
  // A failed parse leaves the trace alone.
  Trace t;
  t.kint(3);
  std::string error;
  CHECK_FALSE(ir_parse("%0000 Int BAD", &t, &error));
  CHECK(t.size() == 1);
}

TEST_CASE("ir: the parser survives mangled text", "[ir]") {
  const std::string sample = kSample;
  const std::string alphabet = "%#0123456789abx-=|{} \nKINTADDOVframepc";
  std::mt19937 rng(12345);
  int parsed = 0;
  for (int i = 0; i < 3000; i++) {
    std::string text = sample;
    for (int edits = 1 + int(rng() % 4); edits > 0; edits--) {
      size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 6); break;
        case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: text[at] = alphabet[rng() % alphabet.size()];
      }
    }
    Trace t;
    std::string error;
    if (!ir_parse(text, &t, &error)) {
      CHECK_FALSE(error.empty());
      continue;
    }
    parsed++;
    std::string once = ir_print(t);  // whatever parsed prints and reads back the same
    Trace again;
    REQUIRE(ir_parse(once, &again, &error));
    CHECK(ir_print(again) == once);
  }
  CHECK(parsed > 0);
}
