// jit/backend/a64/disasm.cpp — Capstone listing of an AArch64 trace's machine code (--dump-traces,
// tests), laid out like x64/disasm.cpp (Zydis):
//
//   ->entry:
//     0x0034  ldr x9, [x19, #0x48]
//   ->LOOP:
//     0x0070  cmp x9, x10
//     0x0074  b.ge ->exit 1
//   ->exit 1:
//     0x00a8  b +0xac                            ; exit 1   (the B instruction patch_exit rewrites)
//
// Branches (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ) inside the trace print their target's label (or
// +offset); branches out of it (the common exit, a LINK target, a patched-in side trace) print
// the absolute address.
#include <capstone/capstone.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "jit/backend/a64/codegen.h"

namespace chaipy::jit::a64 {

namespace {

const char* const kCond[16] = {"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc",
                               "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

int64_t sext(uint32_t v, int bits) { return int64_t(uint64_t(v) << (64 - bits)) >> (64 - bits); }

// The mnemonic and byte displacement of a PC-relative branch; false for anything else.
bool branch(uint32_t w, std::string* name, int64_t* rel) {
  if ((w & 0x7C000000u) == 0x14000000u) {
    *name = (w & 0x80000000u) ? "bl" : "b";
    *rel = sext(w & 0x03FFFFFFu, 26) * 4;
  } else if ((w & 0xFF000010u) == 0x54000000u) {
    *name = std::string("b.") + kCond[w & 15];
    *rel = sext((w >> 5) & 0x7FFFFu, 19) * 4;
  } else if ((w & 0x7E000000u) == 0x34000000u) {
    *name = (w & 0x01000000u) ? "cbnz" : "cbz";
    *rel = sext((w >> 5) & 0x7FFFFu, 19) * 4;
  } else if ((w & 0x7E000000u) == 0x36000000u) {
    *name = (w & 0x01000000u) ? "tbnz" : "tbz";
    *rel = sext((w >> 5) & 0x3FFFu, 14) * 4;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string disassemble(const Trace& t, const uint8_t* code) {
  std::map<uint32_t, std::string> names;
  std::map<uint32_t, uint32_t> site;  // patchable branch offset -> snapshot
  for (uint32_t s = 0; s < t.exit_stub.size(); s++) {
    names[t.guard_jump[s]] = "exit " + std::to_string(s);
    site[t.guard_jump[s]] = s;
  }
  if (t.entry_offset) names[t.entry_offset] = "entry";
  const uint32_t cold = t.exit_stub.empty() ? t.msize : t.guard_jump[0];
  // The loop header is the target of the one backward branch in the body.
  for (uint32_t off = 0; off + 4 <= cold; off += 4) {
    uint32_t w;
    std::memcpy(&w, code + off, 4);
    std::string name;
    int64_t rel;
    if (branch(w, &name, &rel) && name == "b" && rel < 0 && int64_t(off) + rel >= 0)
      names[uint32_t(int64_t(off) + rel)] = "LOOP";
  }
  csh cs;
  if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK) return "(no AArch64 disassembler)\n";
  std::string out;
  char line[256];
  for (uint32_t off = 0; off + 4 <= t.msize; off += 4) {
    if (auto n = names.find(off); n != names.end()) out += "->" + n->second + ":\n";
    uint32_t w;
    std::memcpy(&w, code + off, 4);
    std::string text;
    cs_insn* insn = nullptr;
    if (cs_disasm(cs, code + off, 4, uint64_t(code + off), 1, &insn) == 1) {
      text = std::string(insn->mnemonic) + " " + insn->op_str;
      cs_free(insn, 1);
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, ".inst 0x%08" PRIx32, w);
      text = buf;
    }
    std::string name;
    int64_t rel;
    if (branch(w, &name, &rel)) {  // the target operand (last) as a label
      const int64_t to = int64_t(off) + rel;
      char buf[32];
      std::string target;
      if (to >= 0 && to < int64_t(t.msize)) {
        auto n = names.find(uint32_t(to));
        std::snprintf(buf, sizeof buf, "+0x%" PRIx64, uint64_t(to));
        target = n != names.end() ? "->" + n->second : buf;
      } else {
        std::snprintf(buf, sizeof buf, "0x%" PRIx64, uint64_t(code + off) + uint64_t(rel));
        target = buf;
      }
      const size_t hash = text.rfind('#');
      text = (hash == std::string::npos ? text + " " : text.substr(0, hash)) + target;
    }
    int len = std::snprintf(line, sizeof line, "  0x%04" PRIx32 "  %s", off, text.c_str());
    if (auto s = site.find(off); s != site.end())
      std::snprintf(line + len, sizeof line - size_t(len), "%*s; exit %u", len < 44 ? 44 - len : 1, "", s->second);
    out += line;
    out += '\n';
  }
  cs_close(&cs);
  return out;
}

}  // namespace chaipy::jit::a64
