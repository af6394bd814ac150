// tests/unit/test_jit_opt.cpp — the trace optimizer, pass by pass: IR text in -> one pass -> IR
// text out (compared with blanks collapsed), then the pipeline as a whole.
#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "jit/ir.h"
#include "tests/unit/jit_ir_text.h"
#include "jit/opt/passes.h"

using namespace chaipy::jit;
using chaipy::jit::testing::parse;
using chaipy::jit::testing::squeeze;

namespace {

// Runs one pass over `t`; returns the printed result.
std::string run(const char* pass, Trace& t) {
  const Pass* p = opt_find(pass);
  REQUIRE(p);
  p->run(t);
  return squeeze(ir_print(t));
}
std::string run(const char* pass, const std::string& text) {
  Trace t = parse(text);
  return run(pass, t);
}

}  // namespace

// -- fold -------------------------------------------------------------------------------------------
TEST_CASE("fold: integer constants fold in place; always-passing guards go", "[opt][fold]") {
  CHECK(run("fold", R"(
%0000 Int  KINT 2
%0001 Int  KINT 3
%0002 Int  ADD %0000 %0001
%0003 Int  SUBOV %0000 %0001 #0
%0004 Bool LT %0002 %0003
%0005 Void GUARD_FALSE %0004 #0
%0006 Int  KINT 5
%0007 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=9 n=2 {0=%0006 1=%0003}
)") == squeeze(R"(
%0000 Int  KINT 2
%0001 Int  KINT 3
%0002 Int  KINT 5
%0003 Int  KINT -1
%0004 Bool KINT 0
%0007 Void EXIT #1
#1 frame0 pc=9 n=2 {0=%0002 1=%0003}
)"));
}

TEST_CASE("fold: checked arithmetic folds only where its guard would pass", "[opt][fold]") {
  CHECK(run("fold", R"(
%0000 Int  KINT 9223372036854775807
%0001 Int  KINT 1
%0002 Int  ADDOV %0000 %0001 #0
%0003 Int  KINT 0
%0004 Int  FLOORDIV %0001 %0003 #0
%0005 Int  KINT -7
%0006 Int  KINT 2
%0007 Int  FLOORDIV %0005 %0006 #0
%0008 Int  FLOORMOD %0005 %0006 #0
%0009 Int  KINT 7
%0010 Int  KINT -2
%0011 Int  FLOORMOD %0009 %0010 #0
%0012 Int  KINT -9223372036854775808
%0013 Int  NEGOV %0012 #0
%0014 Int  SHLOV %0001 %0009 #0
%0015 Int  SHLOV %0000 %0001 #0
%0016 Int  MULOV %0000 %0006 #0
%0017 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=9 n=9 {0=%0002 1=%0004 2=%0007 3=%0008 4=%0011 5=%0013 6=%0014 7=%0015 8=%0016}
)") == squeeze(R"(
%0000 Int  KINT 9223372036854775807
%0001 Int  KINT 1
%0002 Int  ADDOV %0000 %0001 #0
%0003 Int  KINT 0
%0004 Int  FLOORDIV %0001 %0003 #0
%0005 Int  KINT -7
%0006 Int  KINT 2
%0007 Int  KINT -4
%0009 Int  KINT 7
%0010 Int  KINT -2
%0011 Int  KINT -1
%0012 Int  KINT -9223372036854775808
%0013 Int  NEGOV %0012 #0
%0014 Int  KINT 128
%0015 Int  SHLOV %0000 %0001 #0
%0016 Int  MULOV %0000 %0006 #0
%0017 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=9 n=9 {0=%0002 1=%0004 2=%0007 3=%0001 4=%0011 5=%0013 6=%0014 7=%0015 8=%0016}
)"));
}

TEST_CASE("fold: integer identities, boxing round trips, NOT NOT", "[opt][fold]") {
  CHECK(run("fold", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 0
%0003 Int  ADD %0002 %0001
%0004 Int  ADDOV %0001 %0002 #0
%0005 Int  KINT 1
%0006 Int  MULOV %0005 %0001 #0
%0007 Int  SUB %0001 %0001
%0008 Val  BOX_INT %0004 #0
%0009 Int  SUBOV %0001 %0005 #0
%0010 Val  BOX_INT %0009 #0
%0011 Int  UNBOX_INT %0010 #0
%0012 Bool LT %0001 %0009
%0013 Bool NOT %0012
%0014 Bool NOT %0013
%0015 Bool LE %0009 %0009
%0016 Void EXIT #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=20 n=9 {0=%0003 1=%0004 2=%0006 3=%0007 4=%0008 5=%0011 6=%0014 7=%0010 8=%0015}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 0
%0005 Int  KINT 1
%0009 Int  SUBOV %0001 %0005 #0
%0010 Val  BOX_INT %0009 #0
%0012 Bool LT %0001 %0009
%0013 Bool NOT %0012
%0015 Bool KINT 1
%0016 Void EXIT #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=20 n=9 {0=%0001 1=%0001 2=%0001 3=%0002 4=%0000 5=%0009 6=%0012 7=%0010 8=%0015}
)"));
}

TEST_CASE("fold: only exact double identities (x + 0.0 stays: -0.0 + 0.0 is +0.0)", "[opt][fold]") {
  CHECK(run("fold", R"(
%0000 Val  SLOAD 0
%0001 Dbl  UNBOX_DBL %0000 #0
%0002 Dbl  KDBL 1.0
%0003 Dbl  FMUL %0002 %0001
%0004 Dbl  KDBL 0.0
%0005 Dbl  FADD %0001 %0004
%0006 Dbl  FSUB %0001 %0004
%0007 Dbl  KDBL -0.0
%0008 Dbl  FADD %0001 %0007
%0009 Dbl  FDIV %0001 %0002
%0010 Dbl  FNEG %0001
%0011 Dbl  FNEG %0010
%0012 Bool FEQ %0001 %0001
%0013 Int  KINT 3
%0014 Dbl  CONV_I2D %0013
%0015 Dbl  FADD %0014 %0002
%0016 Dbl  FDIV %0002 %0004
%0017 Dbl  FSUB %0004 %0001
%0018 Void EXIT #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=9 n=11 {0=%0003 1=%0005 2=%0006 3=%0008 4=%0009 5=%0011 6=%0012 7=%0014 8=%0015 9=%0016 10=%0017}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Dbl  UNBOX_DBL %0000 #0
%0002 Dbl  KDBL 1.0
%0004 Dbl  KDBL 0.0
%0005 Dbl  FADD %0001 %0004
%0007 Dbl  KDBL -0.0
%0010 Dbl  FNEG %0001
%0012 Bool FEQ %0001 %0001
%0013 Int  KINT 3
%0014 Dbl  KDBL 3.0
%0015 Dbl  KDBL 4.0
%0016 Dbl  FDIV %0002 %0004
%0017 Dbl  FSUB %0004 %0001
%0018 Void EXIT #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=9 n=11 {0=%0001 1=%0005 2=%0001 3=%0001 4=%0001 5=%0001 6=%0012 7=%0014 8=%0015 9=%0016 10=%0017}
)"));
}

TEST_CASE("fold: CSE of pure ops and loads; not across aliasing stores or calls; not guards", "[opt][fold]") {
  CHECK(run("fold", R"(
%0000 Val  SLOAD 0
%0001 Val  SLOAD 1
%0002 Val  SLOAD 0
%0003 Ptr  UNBOX_OBJ %0000 0x10 #0
%0004 Ptr  UNBOX_OBJ %0002 0x10 #0
%0005 Int  LOAD %0003 8
%0006 Int  LOAD %0003 8
%0007 Int  ADD %0005 %0006
%0008 Void STORE %0004 %0007 8
%0009 Int  LOAD %0003 8
%0010 Int  ADD %0009 %0005
%0011 Int  ADD %0005 %0009
%0012 Int  SUB %0009 %0005
%0013 Int  SUB %0005 %0009
%0014 Int  LOAD %0004 8
%0015 Void CARG %0001 -
%0016 Val  CALL %0015 1 list_append
%0017 Int  LOAD %0003 8
%0018 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=9 n=5 {0=%0011 1=%0013 2=%0012 3=%0014 4=%0017}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Val  SLOAD 1
%0003 Ptr  UNBOX_OBJ %0000 0x10 #0
%0004 Ptr  UNBOX_OBJ %0000 0x10 #0
%0005 Int  LOAD %0003 8
%0007 Int  ADD %0005 %0005
%0008 Void STORE %0004 %0007 8
%0009 Int  LOAD %0003 8
%0010 Int  ADD %0009 %0005
%0012 Int  SUB %0009 %0005
%0013 Int  SUB %0005 %0009
%0015 Void CARG %0001 -
%0016 Val  CALL %0015 1 list_append
%0017 Int  LOAD %0003 8
%0018 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=9 n=5 {0=%0010 1=%0013 2=%0012 3=%0007 4=%0017}
)"));
}

TEST_CASE("fold: a rule whose result has another type does not apply", "[opt][fold]") {
  // BAND Ptr x, 0 would be the Int constant 0: left alone. BAND with -1 keeps x's type: folds.
  CHECK(run("fold", R"(
%0000 Val  SLOAD 0
%0001 Int  KINT 0
%0002 Ptr  BAND %0000 %0001
%0003 Int  KINT -1
%0004 Val  BAND %0000 %0003
%0005 Void EXIT #0
#0 frame0 pc=0 n=2 {0=%0002 1=%0004}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  KINT 0
%0002 Ptr  BAND %0000 %0001
%0003 Int  KINT -1
%0005 Void EXIT #0
#0 frame0 pc=0 n=2 {0=%0002 1=%0000}
)"));
}

TEST_CASE("fold: the loop body reuses the pre-header; PHI forward refs follow", "[opt][fold]") {
  CHECK(run("fold", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 3
%0003 Int  ADD %0001 %0002
%0004 Void LOOP
%0005 Int  PHI %0001 %0008
%0006 Int  ADD %0001 %0002
%0007 Int  KINT 0
%0008 Int  ADD %0005 %0007
%0009 Void JLOOP #1
#0 header frame0 pc=0 n=1 {}
#1 header frame0 pc=0 n=2 {0=%0008 1=%0006}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 3
%0003 Int  ADD %0001 %0002
%0004 Void LOOP
%0005 Int  PHI %0001 %0005
%0007 Int  KINT 0
%0009 Void JLOOP #1
#0 header frame0 pc=0 n=1 {}
#1 header frame0 pc=0 n=2 {0=%0005 1=%0003}
)"));
}

// -- guards -----------------------------------------------------------------------------------------
TEST_CASE("guards: an identical guard is dropped and its result reused", "[opt][guards]") {
  CHECK(run("guards", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Int  UNBOX_INT %0000 #1
%0005 Int  ADDOV %0004 %0003 #1
%0006 Int  ADDOV %0003 %0001 #2
%0007 Int  UNBOX_DBL %0000 #2
%0008 Void EXIT #3
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=2 n=2 {}
#2 frame0 pc=4 n=2 {0=%0004}
#3 frame0 pc=6 n=2 {0=%0005 1=%0006}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0005 Int  ADDOV %0001 %0003 #1
%0007 Int  UNBOX_DBL %0000 #2
%0008 Void EXIT #3
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=2 n=2 {}
#2 frame0 pc=4 n=2 {0=%0001}
#3 frame0 pc=6 n=2 {0=%0005 1=%0005}
)"));
}

TEST_CASE("guards: known types and values imply type and value guards", "[opt][guards]") {
  CHECK(run("guards", R"(
%0000 Val  SLOAD 0
%0001 Ptr  UNBOX_OBJ %0000 0x100 #0
%0002 Void GUARD_TYPE %0001 0x100 #0
%0003 Val  BOX_OBJ %0001
%0004 Ptr  UNBOX_OBJ %0003 0x100 #0
%0005 Ptr  LOAD %0004 8
%0006 Void GUARD_TYPE %0005 0x200 #0
%0007 Void GUARD_TYPE %0005 0x200 #0
%0008 Void GUARD_TYPE %0001 0x300 #0
%0009 Val  SLOAD 1
%0010 Void GUARD_VAL %0009 0x7 #0
%0011 Void GUARD_NOTVAL %0009 0x9 #0
%0012 Void GUARD_NOTVAL %0009 0x7 #0
%0013 Void GUARD_GC #0
%0014 Void GUARD_GC #0
%0015 Void CARG %0009 -
%0016 Val  CALLG %0015 1 list_append #0
%0017 Val  CALLG %0015 1 list_append #0
%0018 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=5 n=2 {0=%0004 1=%0017}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Ptr  UNBOX_OBJ %0000 0x100 #0
%0003 Val  BOX_OBJ %0001
%0005 Ptr  LOAD %0001 8
%0006 Void GUARD_TYPE %0005 0x200 #0
%0008 Void GUARD_TYPE %0001 0x300 #0
%0009 Val  SLOAD 1
%0010 Void GUARD_VAL %0009 0x7 #0
%0012 Void GUARD_NOTVAL %0009 0x7 #0
%0013 Void GUARD_GC #0
%0014 Void GUARD_GC #0
%0015 Void CARG %0009 -
%0016 Val  CALLG %0015 1 list_append #0
%0017 Val  CALLG %0015 1 list_append #0
%0018 Void EXIT #1
#0 frame0 pc=0 n=2 {}
#1 frame0 pc=5 n=2 {0=%0001 1=%0017}
)"));
}

TEST_CASE("guards: repeated conditions and implied ranges", "[opt][guards]") {
  CHECK(run("guards", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Bool ULT %0001 %0003
%0005 Void GUARD_TRUE %0004 #0
%0006 Bool ULT %0001 %0003
%0007 Void GUARD_TRUE %0006 #0
%0008 Void GUARD_FALSE %0006 #0
%0009 Int  KINT 10
%0010 Bool LT %0001 %0009
%0011 Void GUARD_TRUE %0010 #0
%0012 Int  KINT 20
%0013 Bool LT %0001 %0012
%0014 Void GUARD_TRUE %0013 #0
%0015 Int  KINT 5
%0016 Bool LE %0001 %0015
%0017 Void GUARD_TRUE %0016 #0
%0018 Int  KINT 0
%0019 Bool LT %0001 %0018
%0020 Void GUARD_FALSE %0019 #0
%0021 Bool GE %0001 %0018
%0022 Void GUARD_TRUE %0021 #0
%0023 Bool ULT %0001 %0009
%0024 Void GUARD_TRUE %0023 #0
%0025 Bool GT %0003 %0015
%0026 Void GUARD_TRUE %0025 #0
%0027 Void EXIT #0
#0 frame0 pc=0 n=2 {}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Bool ULT %0001 %0003
%0005 Void GUARD_TRUE %0004 #0
%0006 Bool ULT %0001 %0003
%0008 Void GUARD_FALSE %0006 #0
%0009 Int  KINT 10
%0010 Bool LT %0001 %0009
%0011 Void GUARD_TRUE %0010 #0
%0012 Int  KINT 20
%0013 Bool LT %0001 %0012
%0015 Int  KINT 5
%0016 Bool LE %0001 %0015
%0017 Void GUARD_TRUE %0016 #0
%0018 Int  KINT 0
%0019 Bool LT %0001 %0018
%0020 Void GUARD_FALSE %0019 #0
%0021 Bool GE %0001 %0018
%0023 Bool ULT %0001 %0009
%0025 Bool GT %0003 %0015
%0026 Void GUARD_TRUE %0025 #0
%0027 Void EXIT #0
#0 frame0 pc=0 n=2 {}
)"));
}

// -- dce --------------------------------------------------------------------------------------------
TEST_CASE("dce: unused pure ops, loads and calls go; guards, stores, snapshot values stay", "[opt][dce]") {
  CHECK(run("dce", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Int  ADD %0001 %0002
%0004 Int  ADD %0003 %0003
%0005 Int  SUB %0001 %0002
%0006 Val  SLOAD 1
%0007 Int  KINT 7
%0008 Void CARG %0000 -
%0009 Val  CALLP %0008 1 list_append
%0010 Void CARG %0000 -
%0011 Int  CALL %0010 1 list_append
%0012 Int  MULOV %0002 %0002 #1
%0013 Void EXIT #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=3 n=1 {0=%0005}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0005 Int  SUB %0001 %0002
%0010 Void CARG %0000 -
%0011 Int  CALL %0010 1 list_append
%0012 Int  MULOV %0002 %0002 #1
%0013 Void EXIT #1
#0 frame0 pc=0 n=1 {}
#1 frame0 pc=3 n=1 {0=%0005}
)"));
}

TEST_CASE("dce: a PHI cycle nothing else uses goes", "[opt][dce]") {
  CHECK(run("dce", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Void LOOP
%0004 Int  PHI %0001 %0006
%0005 Int  PHI %0001 %0007
%0006 Int  ADDOV %0004 %0002 #1
%0007 Int  ADD %0005 %0002
%0008 Void JLOOP #2
#0 header frame0 pc=0 n=1 {}
#1 frame0 pc=2 n=1 {0=%0004}
#2 header frame0 pc=0 n=1 {0=%0006}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Void LOOP
%0004 Int  PHI %0001 %0006
%0006 Int  ADDOV %0004 %0002 #1
%0008 Void JLOOP #2
#0 header frame0 pc=0 n=1 {}
#1 frame0 pc=2 n=1 {0=%0004}
#2 header frame0 pc=0 n=1 {0=%0006}
)"));
}

// -- loop -------------------------------------------------------------------------------------------
TEST_CASE("loop: an int counter gets an unboxed PHI; snapshots read it", "[opt][loop]") {
  Trace t = parse(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Bool LT %0001 %0003
%0005 Void GUARD_TRUE %0004 #1
%0006 Int  KINT 1
%0007 Int  ADDOV %0001 %0006 #2
%0008 Void JLOOP #3
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=2 {}
#2 frame0 pc=8 n=2 {}
#3 header frame0 pc=0 n=2 {0=%0007}
)");
  CHECK(run("loop", t) == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Int  KINT 1
%0005 Void LOOP
%0006 Int  PHI %0001 %0009
%0007 Bool LT %0006 %0003
%0008 Void GUARD_TRUE %0007 #1
%0009 Int  ADDOV %0006 %0004 #2
%0010 Void JLOOP #3
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=2 {0=%0006}
#2 frame0 pc=8 n=2 {0=%0006}
#3 header frame0 pc=0 n=2 {0=%0009}
)"));
  CHECK(t.loop == 5);
  CHECK(t.snaps[1].at == 8);
  CHECK(t.snaps[0].at == 3);
  CHECK(t.link == nullptr);
  // Closed already: a second run changes nothing.
  CHECK_FALSE(opt_loop(t));
}

TEST_CASE("loop: a float accumulator; invariant arithmetic is hoisted", "[opt][loop]") {
  CHECK(run("loop", R"(
%0000 Val  SLOAD 0
%0001 Dbl  UNBOX_DBL %0000 #0
%0002 Val  SLOAD 1
%0003 Dbl  UNBOX_DBL %0002 #0
%0004 Dbl  KDBL 2.0
%0005 Dbl  FMUL %0003 %0004
%0006 Dbl  FADD %0001 %0005
%0007 Void JLOOP #1
#0 header frame0 pc=0 n=2 {}
#1 header frame0 pc=0 n=2 {0=%0006}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Dbl  UNBOX_DBL %0000 #0
%0002 Val  SLOAD 1
%0003 Dbl  UNBOX_DBL %0002 #0
%0004 Dbl  KDBL 2.0
%0005 Dbl  FMUL %0003 %0004
%0006 Void LOOP
%0007 Dbl  PHI %0001 %0008
%0008 Dbl  FADD %0007 %0005
%0009 Void JLOOP #1
#0 header frame0 pc=0 n=2 {}
#1 header frame0 pc=0 n=2 {0=%0008}
)"));
}

TEST_CASE("loop: a slot only written gets a typed PHI, its type checked on entry", "[opt][loop]") {
  CHECK(run("loop", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 2
%0003 Int  MULOV %0001 %0002 #1
%0004 Int  KINT 1
%0005 Int  ADDOV %0001 %0004 #2
%0006 Void JLOOP #3
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=2 n=2 {}
#2 frame0 pc=6 n=2 {1=%0003}
#3 header frame0 pc=0 n=2 {0=%0005 1=%0003}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 2
%0003 Int  KINT 1
%0004 Val  SLOAD 1
%0005 Int  UNBOX_INT %0004 #4
%0006 Void LOOP
%0007 Int  PHI %0001 %0010
%0008 Int  PHI %0005 %0009
%0009 Int  MULOV %0007 %0002 #1
%0010 Int  ADDOV %0007 %0003 #2
%0011 Void JLOOP #3
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=2 n=2 {0=%0007 1=%0008}
#2 frame0 pc=6 n=2 {0=%0007 1=%0009}
#3 header frame0 pc=0 n=2 {0=%0010 1=%0009}
#4 frame0 pc=0 n=2 {}
)"));
}

TEST_CASE("loop: a type-unstable slot links the trace to itself", "[opt][loop]") {
  const char* in = R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Dbl  CONV_I2D %0001
%0003 Dbl  KDBL 2.0
%0004 Dbl  FDIV %0002 %0003
%0005 Void JLOOP #1
#0 header frame0 pc=0 n=1 {}
#1 header frame0 pc=0 n=1 {0=%0004}
)";
  Trace t = parse(in);
  std::string out = run("loop", t);
  char link[64];
  std::snprintf(link, sizeof link, "%%0005 Void LINK 0x%llx #1", (unsigned long long)(uintptr_t)&t);
  std::string expected = squeeze(in);
  expected.replace(expected.find("%0005 Void JLOOP #1"), 19, link);
  CHECK(out == expected);
  CHECK(t.link == &t);
  CHECK(t.loop == kNoRef);
}

TEST_CASE("loop: an object slot loops unboxed only when its class is proven", "[opt][loop]") {
  const char* walk = R"(
%0000 Val  SLOAD 0
%0001 Ptr  UNBOX_OBJ %0000 0x3000 #0
%0002 Val  LOAD %0001 16
%0003 Ptr  UNBOX_OBJ %0002 CLASS #1
%0004 Void JLOOP #2
#0 header frame0 pc=0 n=1 {}
#1 frame0 pc=4 n=1 {}
#2 header frame0 pc=0 n=1 {0=%0003}
)";
  auto with_class = [&](const char* cls) {
    std::string text = walk;
    text.replace(text.find("CLASS"), 5, cls);
    return text;
  };
  CHECK(run("loop", with_class("0x3000")) == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Ptr  UNBOX_OBJ %0000 0x3000 #0
%0002 Void LOOP
%0003 Ptr  PHI %0001 %0005
%0004 Val  LOAD %0003 16
%0005 Ptr  UNBOX_OBJ %0004 0x3000 #1
%0006 Void JLOOP #2
#0 header frame0 pc=0 n=1 {}
#1 frame0 pc=4 n=1 {0=%0003}
#2 header frame0 pc=0 n=1 {0=%0005}
)"));
  Trace other = parse(with_class("0x4000"));
  run("loop", other);
  CHECK(other[4].op == IrOp::LINK);
}

TEST_CASE("loop: an invariant guard after a loop-variant one is hoisted with a header snapshot",
          "[opt][loop]") {
  const char* in = R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 100
%0003 Bool LT %0001 %0002
%0004 Void GUARD_TRUE %0003 #1
%0005 Val  SLOAD 1
%0006 Ptr  UNBOX_OBJ %0005 0x1000 #2
%0007 Int  LOAD %0006 16
%0008 Int  ADDOV %0001 %0007 #3
%0009 Void JLOOP #4
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=2 {}
#2 frame0 pc=8 n=2 {}
#3 frame0 pc=10 n=2 {}
#4 header frame0 pc=0 n=2 {0=%0008}
)";
  CHECK(run("loop", in) == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 100
%0003 Val  SLOAD 1
%0004 Ptr  UNBOX_OBJ %0003 0x1000 #2
%0005 Int  LOAD %0004 16
%0006 Void LOOP
%0007 Int  PHI %0001 %0010
%0008 Bool LT %0007 %0002
%0009 Void GUARD_TRUE %0008 #1
%0010 Int  ADDOV %0007 %0005 #3
%0011 Void JLOOP #4
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=2 {0=%0007}
#2 frame0 pc=0 n=2 {}
#3 frame0 pc=10 n=2 {0=%0007}
#4 header frame0 pc=0 n=2 {0=%0010}
)"));

  // A store to another offset cannot write the loaded field: the load is still hoisted.
  std::string stores = in;
  stores.replace(stores.find("%0009 Void JLOOP #4"), 19,
                 "%0009 Void STORE %0006 %0008 24\n%0010 Void JLOOP #4");
  CHECK(run("loop", stores) == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 100
%0003 Val  SLOAD 1
%0004 Ptr  UNBOX_OBJ %0003 0x1000 #2
%0005 Int  LOAD %0004 16
%0006 Void LOOP
%0007 Int  PHI %0001 %0010
%0008 Bool LT %0007 %0002
%0009 Void GUARD_TRUE %0008 #1
%0010 Int  ADDOV %0007 %0005 #3
%0011 Void STORE %0004 %0010 24
%0012 Void JLOOP #4
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=2 {0=%0007}
#2 frame0 pc=0 n=2 {}
#3 frame0 pc=10 n=2 {0=%0007}
#4 header frame0 pc=0 n=2 {0=%0010}
)"));

  // A store to the same offset of another object keeps the load in the body (the two bases
  // may be the same object).
  std::string out_same = run("loop", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Ptr  UNBOX_OBJ %0002 0x1000 #1
%0004 Val  SLOAD 2
%0005 Ptr  UNBOX_OBJ %0004 0x1000 #1
%0006 Int  LOAD %0003 16
%0007 Int  ADDOV %0001 %0006 #2
%0008 Void STORE %0005 %0007 16
%0009 Void JLOOP #3
#0 header frame0 pc=0 n=3 {}
#1 frame0 pc=0 n=3 {}
#2 frame0 pc=6 n=3 {}
#3 header frame0 pc=0 n=3 {0=%0007}
)");
  CHECK(out_same.find("LOOP") < out_same.find("LOAD %"));
  CHECK(out_same.find("PHI %0003") == std::string::npos);

  // The only store to the loaded field, to the same base, after the load: a memory PHI.
  std::string counter = in;
  counter.replace(counter.find("%0009 Void JLOOP #4"), 19, "%0009 Void STORE %0006 %0008 16\n%0010 Void JLOOP #4");
  std::string out_counter = run("loop", counter);
  CHECK(out_counter.find("Int PHI %0005 %") != std::string::npos);
  CHECK(out_counter.find("LOAD %0004 16") < out_counter.find("LOOP"));
}

TEST_CASE("loop: a Val end value, a boxed read, a shared snapshot split", "[opt][loop]") {
  // Slot 0 ends as a loaded Val: Val PHI, its UNBOX_INT re-checks in the body. Slot 2 is only
  // written. #0 is shared by a body guard and a hoisted one (the recorder shares per bytecode).
  CHECK(run("loop", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Int  ADDOV %0001 %0002 #1
%0004 Val  SLOAD 1
%0005 Ptr  UNBOX_OBJ %0004 0x2000 #0
%0006 Val  LOAD %0005 8
%0007 Void JLOOP #2
#0 header frame0 pc=0 n=3 {}
#1 frame0 pc=2 n=3 {}
#2 header frame0 pc=0 n=3 {0=%0006 2=%0003}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  KINT 1
%0002 Val  SLOAD 1
%0003 Ptr  UNBOX_OBJ %0002 0x2000 #3
%0004 Val  LOAD %0003 8
%0005 Val  SLOAD 2
%0006 Int  UNBOX_INT %0005 #4
%0007 Void LOOP
%0008 Val  PHI %0000 %0004
%0009 Int  PHI %0006 %0011
%0010 Int  UNBOX_INT %0008 #0
%0011 Int  ADDOV %0010 %0001 #1
%0012 Void JLOOP #2
#0 header frame0 pc=0 n=3 {0=%0008 2=%0009}
#1 frame0 pc=2 n=3 {0=%0008 2=%0009}
#2 header frame0 pc=0 n=3 {0=%0004 2=%0011}
#3 frame0 pc=0 n=3 {}
#4 frame0 pc=0 n=3 {}
)"));

  // Slot 0 is passed boxed to a call as well as unboxed: the PHI carries the Val.
  CHECK(run("loop", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Ptr  UNBOX_OBJ %0002 0x4000 #0
%0004 Void CARG %0000 -
%0005 Void CARG %0003 %0004
%0006 Int  CALLG %0005 2 list_append #1
%0007 Int  KINT 1
%0008 Int  ADDOV %0001 %0007 #2
%0009 Void JLOOP #3
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=2 {}
#2 frame0 pc=8 n=2 {}
#3 header frame0 pc=0 n=2 {0=%0008}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Val  SLOAD 1
%0002 Ptr  UNBOX_OBJ %0001 0x4000 #4
%0003 Int  KINT 1
%0004 Void LOOP
%0005 Val  PHI %0000 %0011
%0006 Int  UNBOX_INT %0005 #0
%0007 Void CARG %0005 -
%0008 Void CARG %0002 %0007
%0009 Int  CALLG %0008 2 list_append #1
%0010 Int  ADDOV %0006 %0003 #2
%0011 Val  BOX_INT %0010 #5
%0012 Void JLOOP #3
#0 header frame0 pc=0 n=2 {0=%0005}
#1 frame0 pc=4 n=2 {0=%0005}
#2 frame0 pc=8 n=2 {0=%0005}
#3 header frame0 pc=0 n=2 {0=%0010}
#4 frame0 pc=0 n=2 {}
#5 header frame0 pc=0 n=2 {0=%0010}
)"));
}

TEST_CASE("loop: snapshots and other slots that name a PHI'd slot's SLOAD read the PHI", "[opt][loop]") {
  // `print(x); x += 1`: a snapshot holds x's SLOAD on the stack (slot 2). Exits box the Int PHI.
  CHECK(run("loop", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Int  ADDOV %0001 %0002 #1
%0004 Void JLOOP #2
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=3 {2=%0000}
#2 header frame0 pc=0 n=2 {0=%0003}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Void LOOP
%0004 Int  PHI %0001 %0005
%0005 Int  ADDOV %0004 %0002 #1
%0006 Void JLOOP #2
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=3 {0=%0004 2=%0004}
#2 header frame0 pc=0 n=2 {0=%0005}
)"));

  // `y = x; x += 1`: y's end value is x's SLOAD, a boxed read, so x's PHI carries the Val and
  // y's PHI takes x's value from the top of the iteration.
  CHECK(run("loop", R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Int  KINT 1
%0003 Int  ADDOV %0001 %0002 #1
%0004 Void JLOOP #2
#0 header frame0 pc=0 n=2 {}
#1 frame0 pc=4 n=3 {1=%0000 2=%0000}
#2 header frame0 pc=0 n=2 {0=%0003 1=%0000}
)") == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  KINT 1
%0002 Val  SLOAD 1
%0003 Void LOOP
%0004 Val  PHI %0000 %0008
%0005 Val  PHI %0002 %0004
%0006 Int  UNBOX_INT %0004 #0
%0007 Int  ADDOV %0006 %0001 #1
%0008 Val  BOX_INT %0007 #3
%0009 Void JLOOP #2
#0 header frame0 pc=0 n=2 {0=%0004 1=%0005}
#1 frame0 pc=4 n=3 {0=%0004 1=%0004 2=%0004}
#2 header frame0 pc=0 n=2 {0=%0007 1=%0004}
#3 header frame0 pc=0 n=2 {0=%0007 1=%0004}
)"));
}

TEST_CASE("loop: side traces and traces ending in LINK or EXIT are left alone", "[opt][loop]") {
  const char* looping = R"(
%0000 Val  SLOAD 0
%0001 Void JLOOP #0
#0 header frame0 pc=0 n=1 {0=%0000}
)";
  Trace parent;
  Trace side = parse(looping);
  side.parent = &parent;
  CHECK_FALSE(opt_loop(side));
  CHECK(squeeze(ir_print(side)) == squeeze(looping));
  for (const char* end : {"%0001 Void LINK 0x10 #0", "%0001 Void EXIT #0"}) {
    std::string text = looping;
    text.replace(text.find("%0001 Void JLOOP #0"), 19, end);
    Trace t = parse(text);
    CHECK_FALSE(opt_loop(t));
    CHECK(squeeze(ir_print(t)) == squeeze(text));
  }
  // A slot written back unchanged needs no PHI.
  Trace same = parse(looping);
  CHECK(run("loop", same) == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Void LOOP
%0002 Void JLOOP #0
#0 header frame0 pc=0 n=1 {0=%0000}
)"));
}

// -- The pipeline -----------------------------------------------------------------------------------
namespace {
const char* const kSumLoop = R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Bool LT %0001 %0003
%0005 Void GUARD_TRUE %0004 #1
%0006 Val  SLOAD 2
%0007 Int  UNBOX_INT %0006 #2
%0008 Int  UNBOX_INT %0000 #2
%0009 Int  ADDOV %0007 %0008 #2
%0010 Int  KINT 1
%0011 Int  ADDOV %0001 %0010 #3
%0012 Int  KINT 0
%0013 Int  ADD %0011 %0012
%0014 Void JLOOP #4
#0 header frame0 pc=0 n=3 {}
#1 frame0 pc=4 n=3 {}
#2 frame0 pc=6 n=3 {}
#3 frame0 pc=10 n=3 {2=%0009}
#4 header frame0 pc=0 n=3 {0=%0013 2=%0009}
)";
}  // namespace

TEST_CASE("optimize: the whole pipeline over `while i < n: total += i; i += 1`", "[opt]") {
  Trace t = parse(kSumLoop);
  optimize(t);
  CHECK(squeeze(ir_print(t)) == squeeze(R"(
%0000 Val  SLOAD 0
%0001 Int  UNBOX_INT %0000 #0
%0002 Val  SLOAD 1
%0003 Int  UNBOX_INT %0002 #0
%0004 Val  SLOAD 2
%0005 Int  UNBOX_INT %0004 #2
%0006 Int  KINT 1
%0008 Void LOOP
%0009 Int  PHI %0001 %0014
%0010 Int  PHI %0005 %0013
%0011 Bool LT %0009 %0003
%0012 Void GUARD_TRUE %0011 #1
%0013 Int  ADDOV %0010 %0009 #5
%0014 Int  ADDOV %0009 %0006 #3
%0015 Void JLOOP #4
#0 header frame0 pc=0 n=3 {}
#1 frame0 pc=4 n=3 {0=%0009 2=%0010}
#2 frame0 pc=0 n=3 {}
#3 frame0 pc=10 n=3 {0=%0009 2=%0013}
#4 header frame0 pc=0 n=3 {0=%0014 2=%0013}
#5 frame0 pc=6 n=3 {0=%0009 2=%0010}
)"));
  CHECK(t.loop == 8);
}

TEST_CASE("optimize: passes switch off by name", "[opt]") {
  CHECK(opt_pipeline().size() == 5);
  CHECK(std::string(opt_pipeline()[2].name) == "loop");
  CHECK(opt_find("guards") != nullptr);
  CHECK(opt_find("peel") == nullptr);
  std::string error;
  CHECK(opt_check_names("fold,dce", &error));
  CHECK(opt_check_names("", &error));
  CHECK_FALSE(opt_check_names("fold,peel", &error));
  CHECK(error == "unknown optimizer pass 'peel'");

  Trace t = parse(kSumLoop);
  optimize(t, "loop,dce");
  CHECK(t.loop == kNoRef);
  CHECK(t[14].op == IrOp::JLOOP);
  CHECK(t[8].op == IrOp::NOP);   // guards ran: the repeated UNBOX_INT went
  CHECK(t[13].op == IrOp::NOP);  // fold ran: + 0 went
  CHECK(t[12].op == IrOp::KINT); // dce did not

  Trace all_off = parse(kSumLoop);
  optimize(all_off, "fold,guards,loop,dce");
  CHECK(ir_print(all_off) == ir_print(parse(kSumLoop)));
}

// -- Differential: random recorded loops, run before and after the optimizer ---------------------
// A generator records random iterations the way the recorder does (lazy SLOADs, guards that hold
// for the concrete values, one snapshot per step with the dirty slots). A small IR evaluator runs
// the recording (re-entered after each JLOOP, as the interpreter would) and the optimized trace
// for a few iterations from the same state; both must end in the same frame and heap, and when
// both exit in the same iteration at the same pc, with the same state.
namespace {

enum class Tag : uint8_t { Int, Big, Bool };  // a boxed Value: small int, int too big to be one, bool
struct Val {
  Tag tag;
  int64_t v;
  bool operator==(const Val&) const = default;
};
constexpr int kSlots = 4, kCells = 4;
bool fits48(int64_t v) { return v >= -(int64_t(1) << 47) && v < (int64_t(1) << 47); }

struct State {
  std::vector<Val> slot;
  std::vector<int64_t> heap;
  bool operator==(const State&) const = default;
};
struct Outcome {
  int iterations = 0;  // JLOOP/LINK passed
  bool exited = false;
  uint32_t pc = 0;     // of the exit
  bool big = false;    // an int outgrew 48 bits: runs are not comparable
  State state;
};

Outcome execute(const Trace& t, State st, int max_iterations) {
  Outcome out;
  std::vector<int64_t> raw(size_t(t.size()));  // Int / Bool / Ptr values
  std::vector<Val> boxed(size_t(t.size()));    // Val values
  auto write_back = [&](uint32_t s) {          // an exit or a LINK: the snapshot into the frame
    const Snapshot& sn = t.snaps[s];
    const SnapFrame& fr = t.snap_frames[sn.frame_start];
    for (uint32_t e = 0; e < fr.nentries; e++) {
      const SnapEntry& en = t.snap_entries[fr.entry_start + e];
      Ty ty = t[en.ref].type;
      int64_t v = raw[size_t(en.ref)];
      out.big |= ty == Ty::Int && !fits48(v);
      Tag tag = ty == Ty::Bool ? Tag::Bool : fits48(v) ? Tag::Int : Tag::Big;
      st.slot[en.slot] = ty == Ty::Val ? boxed[size_t(en.ref)] : Val{tag, v};
    }
    return fr.pc;
  };
  Ref body = kNoRef;  // first instruction after LOOP's PHIs
  bool back_edge = false;
  for (Ref r = 0; r < t.size();) {
    const Ins& in = t[r];
    int64_t a = in.a >= 0 && in.a < t.size() ? raw[size_t(in.a)] : 0;
    int64_t b = in.b >= 0 && in.b < t.size() ? raw[size_t(in.b)] : 0;
    bool pass = true;
    int64_t& res = raw[size_t(r)];
    switch (in.op) {
      case IrOp::NOP: case IrOp::LOOP: break;
      case IrOp::KINT: case IrOp::KPTR: res = in.k; break;
      case IrOp::SLOAD: boxed[size_t(r)] = st.slot[size_t(in.a)]; break;
      case IrOp::UNBOX_INT: pass = boxed[size_t(in.a)].tag == Tag::Int; res = boxed[size_t(in.a)].v; break;
      case IrOp::UNBOX_BOOL: pass = boxed[size_t(in.a)].tag == Tag::Bool; res = boxed[size_t(in.a)].v; break;
      case IrOp::BOX_INT: pass = fits48(a); out.big |= !pass; boxed[size_t(r)] = {Tag::Int, a}; break;
      case IrOp::BOX_BOOL: boxed[size_t(r)] = {Tag::Bool, a}; break;
      case IrOp::ADD: res = int64_t(uint64_t(a) + uint64_t(b)); break;
      case IrOp::SUB: res = int64_t(uint64_t(a) - uint64_t(b)); break;
      case IrOp::ADDOV: pass = !__builtin_add_overflow(a, b, &res); break;
      case IrOp::SUBOV: pass = !__builtin_sub_overflow(a, b, &res); break;
      case IrOp::MULOV: pass = !__builtin_mul_overflow(a, b, &res); break;
      case IrOp::BAND: res = a & b; break;
      case IrOp::BXOR: res = a ^ b; break;
      case IrOp::LT: res = a < b; break;
      case IrOp::EQ: res = a == b; break;
      case IrOp::NOT: res = !a; break;
      case IrOp::GUARD_TRUE: pass = a != 0; break;
      case IrOp::GUARD_FALSE: pass = a == 0; break;
      case IrOp::LOAD: res = st.heap[size_t((a + in.k) / 8)]; break;
      case IrOp::STORE: st.heap[size_t((a + in.k) / 8)] = b; break;
      case IrOp::PHI:
        if (!back_edge) {
          res = a;
          boxed[size_t(r)] = boxed[size_t(in.a)];
        }
        break;
      case IrOp::JLOOP: case IrOp::LINK:
        if (++out.iterations == max_iterations || t.loop == kNoRef) {
          write_back(in.snap);
          if (out.iterations == max_iterations) {
            out.state = st;
            return out;
          }
          r = 0;  // the interpreter runs to the header and enters the trace again
          continue;
        }
        {  // PHIs move all at once
          std::vector<std::tuple<Ref, int64_t, Val>> next;
          for (body = t.loop + 1; t[body].op == IrOp::PHI || t[body].op == IrOp::NOP; body++)
            if (t[body].op == IrOp::PHI)
              next.push_back({body, raw[size_t(t[body].b)], boxed[size_t(t[body].b)]});
          for (auto& [p, v, bv] : next) {
            raw[size_t(p)] = v;
            boxed[size_t(p)] = bv;
          }
          back_edge = true;
          r = body;
        }
        continue;
      default: FAIL("evaluator: unexpected " << ir_info(in.op).name);
    }
    if (!pass) {
      out.exited = true;
      out.pc = write_back(in.snap);
      out.state = st;
      return out;
    }
    r++;
  }
  FAIL("evaluator: fell off the trace");
  return out;
}

// Records one random iteration over kSlots slots and kCells heap cells starting from `st`.
class Recorder {
 public:
  Recorder(std::mt19937& rng, const State& st) : _rng(rng), _cur(st.slot), _heap(st.heap) {
    _ref.assign(kSlots, kNoRef);
    _dirty.assign(kSlots, false);
    _base = _t.kptr(nullptr);
  }

  Trace record(int steps) {
    for (_pc = 1; _pc <= uint32_t(steps); _pc++) {
      _snap = kNoSnap;
      switch (pick(7)) {
        case 0: case 1: binop(); break;
        case 2: compare(); break;
        case 3: write_slot(); break;
        case 4: load_store(); break;
        case 5: box_int(); break;
        default: slot_int(pick(kSlots)); break;
      }
    }
    _pc = 0;
    Ref j = _t.emit(IrOp::JLOOP, Ty::Void);
    _t[j].snap = snapshot();
    _t.snaps[_t[j].snap].at = j;
    return std::move(_t);
  }

 private:
  size_t pick(size_t n) { return _rng() % n; }
  uint32_t snapshot() {
    Snapshot sn;
    sn.frame_start = uint32_t(_t.snap_frames.size());
    sn.nframes = 1;
    sn.header_exit = _pc == 0;
    SnapFrame fr{nullptr, nullptr, _pc, kSlots, 0, uint32_t(_t.snap_entries.size()), 0};
    for (int s = 0; s < kSlots; s++)
      if (_dirty[size_t(s)]) _t.snap_entries.push_back({uint32_t(s), _ref[size_t(s)]}), fr.nentries++;
    _t.snap_frames.push_back(fr);
    _t.snaps.push_back(sn);
    return uint32_t(_t.snaps.size() - 1);
  }
  Ref guard(IrOp op, Ty ty, Ref a, Ref b = kNoRef) {
    if (_snap == kNoSnap) _snap = snapshot();
    Ref r = _t.emit(op, ty, a, b);
    _t[r].snap = _snap;
    _t.snaps[_snap].at = r;
    return r;
  }
  Ref slot(int s) {
    if (_ref[size_t(s)] == kNoRef) {
      _ref[size_t(s)] = _t.emit(IrOp::SLOAD, Ty::Val, s);
      _val[_ref[size_t(s)]] = _cur[size_t(s)].v;
    }
    return _ref[size_t(s)];
  }
  // Slot s as an Int, or kNoRef if it does not hold one.
  Ref slot_int(int s) {
    Ref r = slot(s);
    Ty ty = _t[r].type;
    if (ty == Ty::Int) return r;
    if (ty != Ty::Val || _cur[size_t(s)].tag != Tag::Int) return kNoRef;
    auto it = _unboxed.find(r);
    if (it != _unboxed.end()) return it->second;
    Ref u = guard(IrOp::UNBOX_INT, Ty::Int, r);
    _val[u] = _cur[size_t(s)].v;
    return _unboxed[r] = u;
  }
  Ref some_int() {
    if (pick(3) == 0) {
      Ref k = _t.kint(int64_t(pick(7)) - 2);
      _val[k] = _t[k].k;
      return k;
    }
    for (int tries = 0; tries < 4; tries++)
      if (Ref r = slot_int(int(pick(kSlots))); r != kNoRef) return r;
    return _t.kint(1);
  }
  void binop() {
    static const IrOp ops[] = {IrOp::ADD,   IrOp::SUB,  IrOp::ADDOV, IrOp::SUBOV,
                               IrOp::MULOV, IrOp::BAND, IrOp::BXOR};
    IrOp op = ops[pick(std::size(ops))];
    Ref a = some_int(), b = some_int();
    if (op == IrOp::MULOV) b = _t.kint(int64_t(pick(3)) + 1), _val[b] = _t[b].k;  // keep values small
    int64_t x = _val[a], y = _val[b], r;
    switch (op) {
      case IrOp::ADD: case IrOp::ADDOV: r = x + y; break;
      case IrOp::SUB: case IrOp::SUBOV: r = x - y; break;
      case IrOp::MULOV: r = x * y; break;
      case IrOp::BAND: r = x & y; break;
      default: r = x ^ y;
    }
    Ref res = ir_is_guard(op) ? guard(op, Ty::Int, a, b) : _t.emit(op, Ty::Int, a, b);
    _val[res] = r;
    set_slot(int(pick(kSlots)), res, {Tag::Int, r});
  }
  void compare() {
    Ref a = some_int(), b = some_int();
    IrOp op = pick(2) ? IrOp::LT : IrOp::EQ;
    bool v = op == IrOp::LT ? _val[a] < _val[b] : _val[a] == _val[b];
    Ref c = _t.emit(op, Ty::Bool, a, b);
    if (pick(3) == 0) {
      c = _t.emit(IrOp::NOT, Ty::Bool, c);
      v = !v;
    }
    guard(v ? IrOp::GUARD_TRUE : IrOp::GUARD_FALSE, Ty::Void, c);
    _val[c] = v;
    if (pick(4) == 0) set_slot(int(pick(kSlots)), c, {Tag::Bool, v});  // a type change
  }
  void write_slot() {  // x = y
    int from = int(pick(kSlots));
    Ref r = slot(from);
    set_slot(int(pick(kSlots)), r, _cur[size_t(from)]);
  }
  void load_store() {
    int64_t cell = int64_t(pick(kCells));
    if (pick(2)) {
      Ref l = _t.emit(IrOp::LOAD, Ty::Int, _base, kNoRef, cell * 8);
      _val[l] = _heap[size_t(cell)];
      set_slot(int(pick(kSlots)), l, {Tag::Int, _val[l]});
    } else {
      Ref v = some_int();
      _t.emit(IrOp::STORE, Ty::Void, _base, v, cell * 8);
      _heap[size_t(cell)] = _val[v];
    }
  }
  void box_int() {  // a boxed copy, unboxed again later
    Ref v = some_int();
    Ref b = guard(IrOp::BOX_INT, Ty::Val, v);
    set_slot(int(pick(kSlots)), b, {Tag::Int, _val[v]});
  }
  void set_slot(int s, Ref r, Val v) {
    _ref[size_t(s)] = r;
    _dirty[size_t(s)] = true;
    _cur[size_t(s)] = v;
  }

  std::mt19937& _rng;
  Trace _t;
  std::vector<Val> _cur;
  std::vector<int64_t> _heap;
  std::vector<Ref> _ref;
  std::vector<bool> _dirty;
  std::unordered_map<Ref, int64_t> _val;  // concrete Int / Bool values
  std::unordered_map<Ref, Ref> _unboxed;
  Ref _base;
  uint32_t _pc = 0, _snap = kNoSnap;
};

// The shape the loop pass promises: pre-header without side effects, LOOP, PHIs, body, JLOOP.
void check_shape(const Trace& t) {
  std::string error;
  Trace copy;
  INFO(ir_print(t));
  REQUIRE(ir_parse(ir_print(t), &copy, &error));  // operands and snapshots are defined before use
  for (Ref r = 0; r < t.size(); r++) {
    const Ins& in = t[r];
    if (ir_is_guard(in.op)) CHECK(in.snap != kNoSnap);
    if (in.snap != kNoSnap) CHECK(t[t.snaps[in.snap].at].snap == in.snap);
    if (t.loop == kNoRef || in.op == IrOp::NOP) continue;
    if (r < t.loop) CHECK_FALSE(((ir_info(in.op).mode & IRM_S) || in.op == IrOp::PHI));
    if (r > t.loop && in.op == IrOp::PHI) {  // PHIs follow LOOP (DCE may leave NOPs between)
      Ref prev = r - 1;
      while (t[prev].op == IrOp::NOP) prev--;
      CHECK((t[prev].op == IrOp::PHI || prev == t.loop));
    }
  }
}

}  // namespace

TEST_CASE("optimize: random recorded loops behave the same before and after", "[opt]") {
  std::mt19937 rng(2024);
  int compared = 0, exits_compared = 0, header_exits = 0, linked = 0;
  auto random_state = [&](int spread, bool bools) {
    State st;
    for (int s = 0; s < kSlots; s++)
      st.slot.push_back(bools && rng() % 4 == 0 ? Val{Tag::Bool, int64_t(rng() % 2)}
                                                : Val{Tag::Int, int64_t(rng() % spread) - 3});
    for (int c = 0; c < kCells; c++) st.heap.push_back(int64_t(rng() % 5));
    return st;
  };
  for (int i = 0; i < 1500; i++) {
    State recorded_from = random_state(9, false);
    Recorder rec(rng, recorded_from);
    Trace recorded = rec.record(3 + int(rng() % 20));
    Trace t = recorded;
    static const char* const kDisable[] = {"", "", "", "fold", "guards", "dce", "fold,guards,dce"};
    optimize(t, kDisable[rng() % std::size(kDisable)]);
    check_shape(t);
    linked += t.link == &t;
    INFO("recorded:\n" << ir_print(recorded) << "optimized:\n" << ir_print(t));
    // From the recorded state (guards fail only in later iterations) and from others.
    for (const State& start : {recorded_from, random_state(9, true), random_state(5, true)}) {
      Outcome want = execute(recorded, start, 4), got = execute(t, start, 4);
      if (want.big || got.big) continue;
      compared++;
      if (got.exited && got.pc == 0 && !(want.exited && want.pc == 0 && got.iterations == want.iterations)) {
        // Leaving at the loop header is always allowed (e.g. a pre-header type check): the state
        // must be the one that iteration began with.
        REQUIRE(got.iterations <= want.iterations);
        CHECK(got.state == (got.iterations ? execute(recorded, start, got.iterations).state : start));
        header_exits++;
        continue;
      }
      if (!want.exited) {
        CHECK_FALSE(got.exited);
        CHECK(got.iterations == want.iterations);
        CHECK(got.state == want.state);
        continue;
      }
      REQUIRE(got.exited);
      REQUIRE(got.iterations <= want.iterations);
      if (got.iterations == want.iterations && got.pc == want.pc) {
        CHECK(got.state == want.state);  // the same point of the same iteration
        exits_compared++;
      } else if (got.pc == 0) {          // back at the header: the state the iteration began with
        CHECK(got.state == (got.iterations ? execute(recorded, start, got.iterations).state : start));
        header_exits++;
      }
    }
  }
  CHECK(compared > 4000);
  CHECK(exits_compared > 1000);
  CHECK(header_exits > 100);
  CHECK(linked > 10);
}
