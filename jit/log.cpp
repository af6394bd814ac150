// jit/log.cpp — --jit-log / -X jitlog: one line per JIT event, in the spirit of `luajit -jv`.
// Format in docs/jit.md ("Reading --jit-log"):
//
//   [TRACE   1 t.py:4 (f) loop]                      a root trace that loops to itself
//   [TRACE   2 (1/3) t.py:7 (f) -> 1]                a side trace from trace 1's exit #3, linked to 1
//   [TRACE --- t.py:9 (g) -- unsupported bytecode: WITH_EXCEPT_START at t.py:11 (g)]
//   [TRACE --- t.py:9 (g) -- blacklisted after 4 aborts]

#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/jit.h"
#include "jit/jit_internal.h"

namespace chaipy::jit {

namespace {
FILE* g_log = nullptr;

// "file:line (function)" of a snapshot's innermost frame: where that exit resumes.
std::string exit_where(const Trace& t, uint32_t snap) {
  const Snapshot& sn = t.snaps[snap];
  const SnapFrame& sf = t.snap_frames[sn.frame_start + sn.nframes - 1];
  return where(sf.code ? sf.code : t.code, sf.pc);
}

// "(parent/exit) " of a side trace, else "".
std::string side_of(const Trace* parent, uint32_t snap) {
  return parent ? "(" + std::to_string(parent->id) + "/" + std::to_string(snap) + ") " : "";
}

void line(const std::string& text) {
  fprintf(g_log, "[TRACE %s]\n", text.c_str());
  fflush(g_log);
}
}  // namespace

bool set_log(const std::string& path, std::string* error) { return open_output(path, "--jit-log", &g_log, error); }

bool want_log() { return g_log != nullptr; }

void log_trace(const Trace& t) {
  char id[16];
  snprintf(id, sizeof id, "%3d ", t.id);
  std::string s = id;
  if (t.parent) {
    s += side_of(t.parent, t.parent_snap) + exit_where(*t.parent, t.parent_snap);
  } else {
    s += where(t.code, t.header_pc);
  }
  switch (t.ins.empty() ? IrOp::NOP : t.ins.back().op) {
    case IrOp::JLOOP: s += " loop"; break;
    case IrOp::LINK: s += " -> " + std::to_string(t.link ? t.link->id : 0); break;
    case IrOp::RET: s += " return"; break;
    default: s += " interpreter"; break;  // EXIT: hands over to the interpreter
  }
  line(s);
}

void log_abort(const Trace* parent, uint32_t snap, CodeObject* code, uint32_t pc, const Trace* partial, const char* why,
               const std::string& detail) {
  std::string s = "--- " + side_of(parent, snap) + (parent ? exit_where(*parent, snap) : where(code, pc)) + " -- " + why;
  if (!detail.empty()) s += ": " + detail;
  if (partial && !partial->origins.empty()) {
    auto [at_code, at_pc] = partial->origins.back();
    s += " at " + where(at_code, at_pc);
  }
  line(s);
}

void log_given_up(const Trace* parent, uint32_t snap, CodeObject* code, uint32_t pc, const char* what, int aborts) {
  std::string s = "--- " + side_of(parent, snap) + (parent ? exit_where(*parent, snap) : where(code, pc)) + " -- " + what +
                  " after " + std::to_string(aborts) + (aborts == 1 ? " abort" : " aborts");
  line(s);
}

void log_retired(const Trace& t, bool blacklisted) {
  line(std::to_string(t.id) + " " + where(t.code, t.function ? 0 : t.header_pc) +
       " -- retired: its entries leave early with nowhere to go" +
       (blacklisted ? (t.function ? "; function blacklisted" : "; loop blacklisted") : ""));
}

void log_flush(size_t kib) { line("flush: " + std::to_string(kib) + " KiB of traces (maxmem)"); }

}  // namespace chaipy::jit
