// jit/backend/x64/disasm.cpp — Zydis listing of a trace's machine code (--dump-traces, tests):
//
//   ->entry:                                 (past the root prologue / the side-trace flush)
//     0x0014  mov rsi, [rbx+0x48]
//   ->LOOP:                                  (the target of JLOOP's backward jump)
//     0x006e  cmp rsi, rdi
//     0x0071  jnl ->exit 1                   ; exit 1   (this rel32 is snapshot 1's patch site)
//   ->exit 1:
//     0x00b3  mov eax, 0x01
//
// Jumps inside the trace print their target's label (or +offset); jumps out of it (the common
// exit, a LINK target, a patched-in side trace) print the absolute address.
#include <Zydis/Zydis.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "jit/backend/x64/codegen.h"

namespace chaipy::jit::x64 {

namespace {

struct Listing {
  uint64_t base;
  uint32_t size;
  std::map<uint32_t, std::string> names;  // code offset -> label
  ZydisFormatterFunc print_address_abs;   // Zydis's own, for targets outside the trace
};

ZyanStatus print_address(const ZydisFormatter* formatter, ZydisFormatterBuffer* buffer, ZydisFormatterContext* ctx) {
  const Listing& l = *static_cast<const Listing*>(ctx->user_data);
  ZyanU64 target;
  if (!ZYAN_SUCCESS(ZydisCalcAbsoluteAddress(ctx->instruction, ctx->operand, ctx->runtime_address, &target)) ||
      target < l.base || target >= l.base + l.size)
    return l.print_address_abs(formatter, buffer, ctx);
  const uint32_t offset = uint32_t(target - l.base);
  auto name = l.names.find(offset);
  char text[64];
  if (name != l.names.end()) {
    std::snprintf(text, sizeof text, "->%s", name->second.c_str());
  } else {
    std::snprintf(text, sizeof text, "+0x%" PRIx32, offset);
  }
  ZYAN_CHECK(ZydisFormatterBufferAppend(buffer, ZYDIS_TOKEN_SYMBOL));
  ZyanString* string;
  ZYAN_CHECK(ZydisFormatterBufferGetString(buffer, &string));
  ZyanStringView view;
  ZYAN_CHECK(ZyanStringViewInsideBuffer(&view, text));
  return ZyanStringAppend(string, &view);
}

struct Decoded {
  uint32_t offset;
  ZydisDecodedInstruction ins;
  ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
};

}  // namespace

std::string disassemble(const Trace& t, const uint8_t* code) {
  Listing l{uint64_t(code), t.msize, {}, nullptr};
  ZydisDecoder decoder;
  ZydisDecoderInit(&decoder, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  ZydisFormatter formatter;
  ZydisFormatterInit(&formatter, ZYDIS_FORMATTER_STYLE_INTEL);
  ZydisFormatterSetProperty(&formatter, ZYDIS_FORMATTER_PROP_ADDR_PADDING_ABSOLUTE, ZYDIS_PADDING_DISABLED);
  const void* hook = reinterpret_cast<const void*>(&print_address);  // swapped with Zydis's own
  ZydisFormatterSetHook(&formatter, ZYDIS_FORMATTER_FUNC_PRINT_ADDRESS_ABS, &hook);
  l.print_address_abs = reinterpret_cast<ZydisFormatterFunc>(const_cast<void*>(hook));

  // Labels. A snapshot reached through a shared patchable jmp (just before its stub) is
  // labelled at that jmp, so that every guard jumping there reads "->exit n".
  uint32_t cold = t.msize;
  std::map<uint32_t, uint32_t> patch_site;  // rel32 field offset -> snapshot
  for (uint32_t s = 0; s < t.exit_stub.size(); s++) {
    const bool shared = t.guard_jump[s] + 4 == t.exit_stub[s];
    const uint32_t at = shared ? t.guard_jump[s] - 1 : t.exit_stub[s];
    l.names[at] = "exit " + std::to_string(s);
    cold = std::min(cold, at);
    patch_site[t.guard_jump[s]] = s;
  }
  if (t.entry_offset) l.names[t.entry_offset] = "entry";

  std::vector<Decoded> insns;
  for (uint32_t off = 0; off < t.msize;) {
    Decoded d{off, {}, {}};
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&decoder, code + off, t.msize - off, &d.ins, d.ops))) break;
    // The loop header is the target of the one backward jump in the body.
    ZyanU64 target;
    if (off < cold && d.ins.meta.category == ZYDIS_CATEGORY_UNCOND_BR && (d.ins.attributes & ZYDIS_ATTRIB_IS_RELATIVE) &&
        ZYAN_SUCCESS(ZydisCalcAbsoluteAddress(&d.ins, &d.ops[0], l.base + off, &target)) && target >= l.base &&
        target < l.base + off)
      l.names[uint32_t(target - l.base)] = "LOOP";
    off += d.ins.length;
    insns.push_back(d);
  }

  std::string out;
  char text[256], line[320];
  for (const Decoded& d : insns) {
    if (auto name = l.names.find(d.offset); name != l.names.end()) out += "->" + name->second + ":\n";
    ZydisFormatterFormatInstruction(&formatter, &d.ins, d.ops, d.ins.operand_count_visible, text, sizeof text,
                                    l.base + d.offset, &l);
    int n = std::snprintf(line, sizeof line, "  0x%04" PRIx32 "  %s", d.offset, text);
    if (auto p = patch_site.find(d.offset + d.ins.length - 4); p != patch_site.end() && d.ins.length >= 5)
      std::snprintf(line + n, sizeof line - size_t(n), "%*s; exit %u", n < 44 ? 44 - n : 1, "", p->second);
    out += line;
    out += '\n';
  }
  if (insns.empty() || insns.back().offset + insns.back().ins.length != t.msize) out += "  (undecodable)\n";
  return out;
}

}  // namespace chaipy::jit::x64
