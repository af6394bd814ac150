// jit/dump.cpp — --dump-traces: where each trace starts, the recorded bytecode with source
// lines, the IR before and after optimisation and the machine code (both with source-line
// markers), snapshots. Format in
// docs/jit.md ("Reading --dump-traces").
#include <cstring>
#include <string_view>
#include <vector>

#include "interp/opcodes.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/backend/backend.h"
#include "jit/jit.h"
#include "jit/jit_internal.h"

namespace chaipy::jit {

namespace {
FILE* g_dump = nullptr;
}

bool open_output(const std::string& path, const char* option, FILE** out, std::string* error) {
  if (path.empty() || path == "-") {
    *out = stderr;
    return true;
  }
  *out = fopen(path.c_str(), "w");
  if (!*out) {
    *error = std::string(option) + ": cannot open '" + path + "': " + strerror(errno);
    return false;
  }
  return true;
}

bool set_dump(const std::string& path, std::string* error) { return open_output(path, "--dump-traces", &g_dump, error); }

bool want_dump() { return g_dump != nullptr; }
FILE* dump_file() { return g_dump; }

std::string where(CodeObject* code, uint32_t pc) {
  char buf[512];
  int line = code->line_at(pc);  // -1 for prologue instructions (MAKE_CELL...): use the def's line
  snprintf(buf, sizeof buf, "%s:%d (%s)", std::string(code->filename->view()).c_str(), line < 0 ? code->firstlineno : line,
           std::string(code->qualname->view()).c_str());
  return buf;
}

std::string record_line(CodeObject* code, uint32_t pc, int depth) {
  uint32_t w = code->code[pc];
  Op op = insn_op(w);
  char buf[256];
  snprintf(buf, sizeof buf, "  %*s%4u %-22s %-6u ; line %d\n", depth * 2, "", pc, kOpInfo[int(op)].name, insn_arg(w),
           code->line_at(pc));
  return buf;
}

namespace {
// The source position an instruction was recorded at, as the marker line printed before the
// first instruction of each new line: ";; file:line (function)". Instructions the optimizer made
// (PHIs, the pre-header's loads) have none and stay under the previous marker.
struct LineMarks {
  const Trace& t;
  std::pair<CodeObject*, int> last{nullptr, 0};
  // The marker to print before ref r, or "" when its line is the last one printed.
  std::string before(Ref r) {
    uint16_t o = t[r].origin;
    if (o == 0 || o > t.origins.size()) return "";
    auto [code, pc] = t.origins[o - 1];
    std::pair<CodeObject*, int> at{code, code->line_at(pc)};
    if (at == last) return "";
    last = at;
    return ";; " + where(code, pc) + "\n";
  }
};

// Splits text into lines (each keeping its newline).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    size_t n = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(0, n));
    text.remove_prefix(n);
  }
  return out;
}
}  // namespace

std::string ir_listing(const Trace& t) {
  // ir_print prints one line per instruction that is not a NOP, in order, then the snapshots.
  std::string text = ir_print(t), out;
  std::vector<std::string_view> lines = lines_of(text);
  LineMarks marks{t};
  size_t k = 0;
  for (Ref r = 0; r < t.size() && k < lines.size(); r++) {
    if (t[r].op == IrOp::NOP) continue;
    out += marks.before(r);
    out += lines[k++];
  }
  for (; k < lines.size(); k++) out += lines[k];
  return out;
}

namespace {
// The machine-code listing with the same markers: an instruction at code offset o belongs to
// the last IR instruction whose code starts at or before o; the cold exit stubs (from the first
// "->exit" label on) get none.
std::string code_listing(const Trace& t) {
  std::string text = disassemble(t), out;
  std::vector<std::pair<uint32_t, Ref>> starts;  // (code offset, ref), by offset
  for (Ref r = 0; r < Ref(t.ins_offset.size()) && r < t.size(); r++)
    if (t.ins_offset[size_t(r)] != UINT32_MAX) starts.emplace_back(t.ins_offset[size_t(r)], r);
  LineMarks marks{t};
  size_t next = 0;
  bool cold = false;
  for (std::string_view l : lines_of(text)) {
    if (l.starts_with("->exit")) cold = true;
    unsigned off;
    if (!cold && sscanf(std::string(l).c_str(), " 0x%x ", &off) == 1) {
      Ref owner = kNoRef;
      while (next < starts.size() && starts[next].first <= off) owner = starts[next++].second;
      if (owner != kNoRef) out += marks.before(owner);
    }
    out += l;
  }
  return out;
}
}  // namespace

void dump_trace(const Trace& t, double compile_ms) {
  FILE* o = g_dump;
  if (t.parent)
    fprintf(o, "---- TRACE %d: side trace of trace %d exit #%u, %s\n", t.id, t.parent->id, t.parent_snap,
            where(t.parent->snap_frames[t.parent->snaps[t.parent_snap].frame_start].code,
                  t.parent->snap_frames[t.parent->snaps[t.parent_snap].frame_start].pc).c_str());
  else
    fprintf(o, "---- TRACE %d: %s at %s, pc %u\n", t.id, t.function ? "function" : "loop", where(t.code, t.header_pc).c_str(),
            t.header_pc);
  fprintf(o, "-- recorded bytecode\n%s", t.recorded.c_str());
  fprintf(o, "-- IR as recorded\n%s", t.ir_before.c_str());
  fprintf(o, "-- IR optimised\n%s", ir_listing(t).c_str());
  fprintf(o, "-- machine code (%u bytes, compiled in %.3f ms)\n%s", t.msize, compile_ms, code_listing(t).c_str());
  if (t.link) fprintf(o, "-- links to trace %d\n", t.link->id);
  fprintf(o, "---- END TRACE %d\n\n", t.id);
  fflush(o);
}

void dump_abort(CodeObject* code, uint32_t pc, const Trace* parent, uint32_t snap, bool function, const char* why,
                const std::string& detail, const std::string& recorded) {
  FILE* o = g_dump;
  fprintf(o, "-- recorded before the abort\n%s", recorded.c_str());
  if (parent)
    fprintf(o, "---- ABORT side trace of trace %d exit #%u: %s%s%s\n\n", parent->id, snap, why, detail.empty() ? "" : ": ",
            detail.c_str());
  else
    fprintf(o, "---- ABORT %s at %s: %s%s%s\n\n", function ? "function" : "loop", code ? where(code, pc).c_str() : "?", why,
            detail.empty() ? "" : ": ", detail.c_str());
  fflush(o);
}

}  // namespace chaipy::jit
