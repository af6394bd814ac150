// jit/dump.cpp — --dump-traces: where each trace starts, the recorded bytecode with source
// lines, the IR before and after optimisation, snapshots, and the machine code. Format in
// docs/jit.md ("Reading --dump-traces").
#include <cstring>

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

bool set_dump(const std::string& path, std::string* error) {
  if (path.empty() || path == "-") {
    g_dump = stderr;
    return true;
  }
  g_dump = fopen(path.c_str(), "w");
  if (!g_dump) {
    *error = "--dump-traces: cannot open '" + path + "': " + strerror(errno);
    return false;
  }
  return true;
}

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
  fprintf(o, "-- IR optimised\n%s", ir_print(t).c_str());
  fprintf(o, "-- machine code (%u bytes, compiled in %.3f ms)\n%s", t.msize, compile_ms, disassemble(t).c_str());
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
