// jit/jit_internal.h — state shared by the JIT's own files (driver, recorder, exits, dumps).
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "jit/ir.h"

namespace chaipy {
struct CodeObject;
struct DictObject;
struct Frame;
}  // namespace chaipy

namespace chaipy::jit {

struct Params {
#define JIT_PARAM(name, def, doc) long name = def;
#include "jit/params.def"
#undef JIT_PARAM
};
extern Params g_params;

// Module namespaces that traces store into: read and written in place rather than as
// version-guarded constants (record.cpp's rec_load_global).
bool globals_mutable(DictObject* d);
void mark_globals_mutable(DictObject* d);

// The compiled root trace of the loop whose header is `pc` in `code`, if any.
Trace* find_root_trace(CodeObject* code, uint32_t pc);
// IR instructions before an exit below which an entry that ends there saves less than the exit
// costs (the exit handler boxes the snapshot and rebuilds frames: a few hundred instructions).
constexpr Ref kShortPrefix = 100;

// The loop whose header is `pc` in `code` was blacklisted (`penalty` aborts or retirements): it
// will never have a trace.
bool loop_blacklisted(CodeObject* code, uint32_t pc);

// --dump-traces: the output stream (nullptr when off) and the text helpers (dump.cpp).
// --dump-traces=FILE / --jit-log=FILE: FILE opened for writing ("" or "-": stderr); false with
// "OPTION: cannot open ..." in *error.
bool open_output(const std::string& path, const char* option, FILE** out, std::string* error);
bool want_dump();
FILE* dump_file();
std::string record_line(CodeObject* code, uint32_t pc, int depth);  // "  [d] file:line  pc OPNAME arg"
std::string where(CodeObject* code, uint32_t pc);                   // "file:line (function)"
// IR text (ir_print) with ";; file:line (function)" marker lines where the source line changes.
std::string ir_listing(const Trace& t);
void dump_trace(const Trace& t, double compile_ms);
void dump_abort(CodeObject* code, uint32_t pc, const Trace* parent, uint32_t snap, bool function, const char* why,
                const std::string& detail, const std::string& recorded);

// --jit-log: one line per event (log.cpp); the driver calls these only when want_log().
bool want_log();
void log_trace(const Trace& t);  // compiled (after its id, link and parent are set)
void log_abort(const Trace* parent, uint32_t snap, CodeObject* code, uint32_t pc, const Trace* partial, const char* why,
               const std::string& detail);
// A loop or function blacklisted (`what` = "loop blacklisted" ...), or an exit left to the interpreter.
void log_given_up(const Trace* parent, uint32_t snap, CodeObject* code, uint32_t pc, const char* what, int aborts);
void log_retired(const Trace& t, bool blacklisted);
void log_flush(size_t kib);

// --jit-stats counters (jit.cpp).
struct Stats {
  uint64_t loops_traced = 0, functions_traced = 0, traces = 0, side_traces = 0, blacklisted = 0, exits = 0, entries = 0;
  uint64_t aborts[32] = {};
  double compile_ms = 0;
  // Trace-tree health (docs/jit.md "Keeping trace trees healthy"): how often each limit acted.
  uint64_t tree_full = 0;        // exits refused a side trace: their tree has maxside side traces
  uint64_t exits_given_up = 0;   // exits whose side-trace recording aborted tryside times
  uint64_t left_loop_backoff = 0;  // hot loops not recorded yet: backing off after leaving the loop
  uint64_t flushes = 0;          // every trace dropped: compiled traces reached maxmem
  uint64_t retired = 0;          // root traces dropped: most entries left at once, for good
  size_t bytes = 0, peak_bytes = 0;  // memory of the compiled traces now / at most
};
extern Stats g_stats;

// Exit path (exit.cpp): the side-trace decision for a taken exit.
void note_exit(Trace* t, uint32_t snap, Frame* f);

}  // namespace chaipy::jit
