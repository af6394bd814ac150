// jit/jit.cpp — the JIT driver: parameters, hot-loop decisions, recording sessions, compiling
// (optimizer → backend), installing traces, penalties and blacklisting, and --jit-stats.
#include "jit/jit.h"

#include <chrono>
#include <cstdlib>
#include <algorithm>
#include <map>
#include <unordered_set>
#include <sstream>

#include "interp/gc.h"
#include "interp/objects/objects.h"
#include "interp/opcodes.h"
#include "interp/vm.h"
#include "jit/backend/arena.h"
#include "jit/backend/backend.h"
#include "jit/jit_internal.h"
#include "jit/opt/passes.h"
#include "jit/record.h"

namespace chaipy::jit {

Params g_params;
Stats g_stats;

namespace {

bool g_show_stats = false;
std::string g_noopt;  // --jit noopt=pass+pass: optimizer passes switched off

struct Session {
  std::unique_ptr<Recorder> rec;
  CodeObject* code = nullptr;
  uint32_t header_pc = 0;
  InlineCache* cache = nullptr;  // root recordings: the back-edge that got hot
  Trace* parent = nullptr;       // side recordings
  uint32_t snap = 0;
  bool function = false;         // a function trace's recording
};
Session g_session;
constexpr uint32_t kNoPc = UINT32_MAX;  // g_penalty key of a function's entry

std::vector<std::unique_ptr<Trace>> g_traces;
std::map<std::pair<CodeObject*, uint32_t>, Trace*> g_roots;
std::map<std::pair<CodeObject*, uint32_t>, int> g_penalty;  // aborted root recordings per loop
std::map<std::pair<Trace*, uint32_t>, int> g_side_penalty;   // aborted side recordings per exit
// Loops whose recordings left the loop: how many times, and how many more times the loop must
// get hot before it is recorded again (exponential backoff).
struct LeftLoop {
  int quick = 0;   // immediate retries so far (the loop was exhausted as it got hot)
  int times = 0;   // backed-off retries so far
  uint32_t skip = 0;
};
std::map<std::pair<CodeObject*, uint32_t>, LeftLoop> g_left_loop;
// Where the interpreter finds traces: back-edge caches (ptr) and codes with a function trace
// (jit_func). A flush clears them.
std::vector<InlineCache*> g_entry_caches;
std::vector<CodeObject*> g_func_codes;
int g_native_depth = 0;      // traces running on the native stack (entered from the interpreter)
bool g_flush_pending = false;  // the traces reached maxmem: flush at the next entry at depth 0

size_t trace_bytes(const Trace& t);
void flush();

void stop_recording() {
  g_session = Session{};
  g_jit.recording = false;
}

void on_abort(Abort why, const std::string& detail) {
  Session& s = g_session;
  g_stats.aborts[int(why)]++;
  if (want_dump()) dump_abort(s.code, s.header_pc, s.parent, s.snap, s.function, kAbortText[int(why)], detail, s.rec->recorded());
  if (want_log()) log_abort(s.parent, s.snap, s.code, s.header_pc, s.rec->trace(), kAbortText[int(why)], detail);
  if (s.parent) {
    // Back off: the exit must be taken hotexit * 2^tries more times before the next attempt;
    // after tryside attempts it is left to the interpreter.
    int tries = ++g_side_penalty[{s.parent, s.snap}];
    Snapshot& sn = s.parent->snaps[s.snap];
    sn.exits = 0;
    if (tries >= g_params.tryside) {
      sn.exits = UINT32_MAX;
      g_stats.exits_given_up++;
      if (want_log()) log_given_up(s.parent, s.snap, nullptr, 0, "exit left to the interpreter", tries);
    }
    sn.retry = uint32_t(g_params.hotexit) << std::min(tries, 16);
  } else if (s.cache && why == Abort::GLOBAL_STORE) {
    s.cache->counter = g_jit.threshold - 1;  // the namespace is now read in place: record again
  } else if (s.cache && why == Abort::LEFT_LOOP) {
    // The recorded iteration left the loop: no penalty. If it left at the header itself (the
    // loop was exhausted as it got hot), the next back-edge starts a fresh iteration: record
    // there (twice at most). Otherwise (a break or return taken, or loops that keep ending as
    // they get hot) back off: the loop must get hot 2^n - 1 more times before the next
    // attempt, n the number of such aborts so far.
    LeftLoop& l = g_left_loop[{s.code, s.header_pc}];
    if (s.rec->nrecorded() <= 1 && l.quick < 2) {
      l.quick++;
      s.cache->counter = g_jit.threshold - 1;
    } else {
      l.times = std::min(l.times + 1, 16);
      l.skip = (1u << l.times) - 1;
      s.cache->counter = 0;
    }
  } else if (s.cache) {
    s.cache->counter = 0;
    if (int n = ++g_penalty[{s.code, s.header_pc}]; n >= g_params.penalty) {
      s.cache->kind = kLoopBlacklisted;
      g_stats.blacklisted++;
      if (want_log()) log_given_up(nullptr, 0, s.code, s.header_pc, "loop blacklisted", n);
    }
  } else if (s.function && ++g_penalty[{s.code, kNoPc}] >= g_params.penalty) {
    s.code->jit_calls = kJitNever;  // counted from 0 again otherwise (vm.cpp)
    g_stats.blacklisted++;
    if (want_log()) log_given_up(nullptr, 0, s.code, s.header_pc, "function blacklisted", int(g_params.penalty));
  }
  stop_recording();
}

// Optimises and assembles a finished recording; installs it. False if the backend refused.
bool compile(std::unique_ptr<Trace> t, std::string* error) {
  auto t0 = std::chrono::steady_clock::now();
  if (want_dump()) t->ir_before = ir_listing(*t);
  optimize(*t, g_noopt);
  bool ok = assemble(*t, error);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  g_stats.compile_ms += ms;
  if (!ok) return false;
  t->id = int(g_traces.size()) + 1;
  if (want_dump()) dump_trace(*t, ms);
  Trace* tp = t.get();
  tp->bytes = trace_bytes(*tp);
  g_stats.bytes += tp->bytes;
  g_stats.peak_bytes = std::max(g_stats.peak_bytes, g_stats.bytes);
  if (g_stats.bytes > size_t(g_params.maxmem) * 1024) g_flush_pending = true;
  g_traces.push_back(std::move(t));
  if (tp->parent) {
    tp->root = tp->parent->root;
    tp->root->nside++;
    g_stats.side_traces++;
    Snapshot& sn = tp->parent->snaps[tp->parent_snap];
    if (sn.nframes > 1) {
      // Entered by the exit handler once it has rebuilt the inlined frames (exit.cpp).
      sn.bridge = static_cast<char*>(tp->mcode) + tp->entry_offset;
    } else {
      sn.bridge = tp->mcode;
      patch_exit(*tp->parent, tp->parent_snap, tp->mcode);
    }
  } else if (tp->function) {
    g_stats.traces++;
    tp->code->jit_func = tp;
    g_func_codes.push_back(tp->code);
  } else {
    g_stats.traces++;
    g_roots[{tp->code, tp->header_pc}] = tp;
  }
  if (want_log()) log_trace(*tp);
  return true;
}

void finish_recording() {
  Session& s = g_session;
  std::unique_ptr<Trace> t = s.rec->take_trace();
  InlineCache* cache = s.cache;
  std::string error;
  if (!compile(std::move(t), &error)) {
    on_abort(Abort::ASSEMBLE, error);
    return;
  }
  if (cache) {
    cache->ptr = g_roots[{s.code, s.header_pc}];
    g_entry_caches.push_back(cache);
  }
  stop_recording();
}

// Memory a compiled trace holds: its machine code and the IR, snapshots and tables kept for exits.
size_t trace_bytes(const Trace& t) {
  return sizeof(Trace) + t.msize + t.ins.capacity() * sizeof(Ins) + t.snaps.capacity() * sizeof(Snapshot) +
         t.snap_frames.capacity() * sizeof(SnapFrame) + t.snap_entries.capacity() * sizeof(SnapEntry) +
         t.locs.capacity() * sizeof(Loc) + (t.exit_stub.capacity() + t.guard_jump.capacity()) * sizeof(uint32_t) +
         t.gcrefs.capacity() * sizeof(Object*) + t.recorded.capacity() + t.ir_before.capacity() +
         t.origins.capacity() * sizeof(t.origins[0]) + t.ins_offset.capacity() * sizeof(uint32_t);
}

// Drops every trace (LuaJIT's flush): the interpreter's entries into them are cleared, their
// machine code is released, and loops and functions are counted towards the threshold again.
// Only while no trace runs (the flush waits for the next entry at native depth 0); a recording
// in progress is dropped. Blacklisted loops stay blacklisted.
void flush() {
  if (g_jit.recording) stop_recording();
  for (InlineCache* c : g_entry_caches) {
    c->ptr = nullptr;
    c->counter = 0;
  }
  for (CodeObject* co : g_func_codes) {
    co->jit_func = nullptr;
    if (co->jit_calls != kJitNever) co->jit_calls = 0;
  }
  uint8_t* floor = nullptr;
  for (const auto& t : g_traces)
    if (t->mcode && (!floor || static_cast<uint8_t*>(t->mcode) < floor)) floor = static_cast<uint8_t*>(t->mcode);
  g_entry_caches.clear();
  g_func_codes.clear();
  g_roots.clear();
  g_side_penalty.clear();
  g_traces.clear();
  if (floor) CodeArena::get().release_from(floor);
  if (want_log()) log_flush(g_stats.bytes / 1024);
  g_stats.bytes = 0;
  g_stats.flushes++;
  g_flush_pending = false;
  // A program that fills the budget again and again would spend its time recompiling: each
  // flush doubles the threshold, so that only the loops and functions that stay hot come back.
  g_jit.threshold = std::min<uint32_t>(g_jit.threshold * 2, 1u << 20);
}

// An exit of a root trace that leaves with nowhere else to go (no side trace, and none will be
// tried) after doing little: in the state the loop trace was entered in (the loop header,
// nothing changed), or within the first kShortPrefix IR instructions of a function trace (whose
// call then goes on in the interpreter: it left the recorded path). When most entries end at
// such exits, the trace only costs an entry and an exit. (A loop trace's early exits are
// usually the loop ending after a few iterations, compiled: go's union-find `find`.)
bool is_idle_exit(const Trace& t, const Snapshot& sn) {
  if (t.parent || sn.bridge) return false;
  if (t.function) return sn.at != kNoRef && sn.at < kShortPrefix;
  const SnapFrame& sf = t.snap_frames[sn.frame_start];
  return sn.nframes == 1 && sf.pc == t.header_pc && sf.nentries == 0;
}

// Drops a root trace that does no work (is_idle_exit): the interpreter no longer enters it and
// its loop (or function) gets hot again, to be recorded with the types and paths it has now;
// after `penalty` such retirements (counted with the recording aborts) the loop or function is
// blacklisted. Its code stays (other traces may link to it or call it) until the next flush.
void retire(Trace* t) {
  t->retired = true;
  g_stats.retired++;
  bool blacklist = ++g_penalty[{t->code, t->function ? kNoPc : t->header_pc}] >= g_params.penalty;
  if (blacklist) g_stats.blacklisted++;
  if (want_log()) log_retired(*t, blacklist);
  if (t->function) {
    t->code->jit_func = nullptr;
    t->code->jit_calls = blacklist ? kJitNever : 0;
    return;
  }
  g_roots.erase({t->code, t->header_pc});
  for (InlineCache* c : g_entry_caches) {
    if (c->ptr != t) continue;
    c->ptr = nullptr;
    c->counter = 0;
    if (blacklist) c->kind = kLoopBlacklisted;
  }
}

// Idle exits are looked for on every kIdleSample-th exit of a snapshot, which counts for all of
// them: exits are hot (go takes millions), and a map lookup on each cost it 1.5%.
constexpr uint32_t kIdleSample = 16;

// Counts idle exits of root r; retires r once there are 64 and they are more than half of its
// entries, or nine tenths where the entries that end there did some work first (the others may
// save more than these cost: go's union-find `find` leaves its function trace at its loop on
// half of its calls).
void note_idle(Trace* r, bool did_work) {
  if (r->retired) return;
  uint64_t n = r->idle_exits += kIdleSample;
  if (n >= 64 && (did_work ? n * 10 > r->entries * 9 : n * 2 > r->entries)) retire(r);
}

// -- Interpreter hooks ----------------------------------------------------------------------------
void loop_hot(Frame* f, uint32_t header_pc, uint32_t backedge_pc, InlineCache* c) {
  c->counter = 0;
  if (g_jit.recording || g_flush_pending) return;
  if (Trace* t = find_root_trace(f->code, header_pc)) {
    c->ptr = t;  // another back-edge of the same loop already has a trace
    g_entry_caches.push_back(c);
    return;
  }
  if (!g_left_loop.empty()) {
    auto it = g_left_loop.find({f->code, header_pc});
    if (it != g_left_loop.end() && it->second.skip) {
      it->second.skip--;
      g_stats.left_loop_backoff++;
      return;
    }
  }
  g_stats.loops_traced++;
  g_session.rec = Recorder::root(f, header_pc, backedge_pc, int(g_params.maxrecord), int(g_params.maxinline));
  g_session.code = f->code;
  g_session.header_pc = header_pc;
  g_session.cache = c;
  g_jit.recording = true;
}

void record(Frame* f, const uint32_t* pc) {
  if (!g_session.rec) {
    g_jit.recording = false;
    return;
  }
  switch (g_session.rec->step(f, pc)) {
    case StepResult::Continue: return;
    case StepResult::Done: finish_recording(); return;
    case StepResult::Aborted: on_abort(g_session.rec->abort_reason(), g_session.rec->abort_detail()); return;
  }
}

void func_hot(Frame* f) {
  if (g_jit.recording || g_flush_pending) return;
  g_stats.functions_traced++;
  g_session.rec = Recorder::function(f, int(g_params.maxrecord), int(g_params.maxinline));
  g_session.code = f->code;
  g_session.function = true;
  g_jit.recording = true;
}

Frame* enter(Frame* f, void* trace) {
  if (g_flush_pending && g_native_depth == 0) {
    // No trace is running: drop them all. The interpreter carries on where it is (a loop
    // header, or the first instruction of a called function) and the JIT starts afresh.
    flush();
    return f;
  }
  g_stats.entries++;
  auto* t = static_cast<Trace*>(trace);
  t->entries++;
  g_native_depth++;
  Frame* r = reinterpret_cast<TraceFn>(t->mcode)(f);
  g_native_depth--;
  return r;
}

}  // namespace

namespace {
std::unordered_set<DictObject*> g_mutable_globals;
}
bool globals_mutable(DictObject* d) { return g_mutable_globals.count(d) != 0; }
void mark_globals_mutable(DictObject* d) {
  g_mutable_globals.insert(d);
  d->aux |= kDictReadInPlace;  // the dict helpers must not add keys to it inside a trace
}

Trace* find_root_trace(CodeObject* code, uint32_t pc) {
  auto it = g_roots.find({code, pc});
  return it == g_roots.end() ? nullptr : it->second;
}

bool loop_blacklisted(CodeObject* code, uint32_t pc) {
  auto it = g_penalty.find({code, pc});
  return it != g_penalty.end() && it->second >= g_params.penalty;
}

void note_exit(Trace* t, uint32_t snap, Frame* f) {
  Snapshot& sn = t->snaps[snap];
  g_stats.exits++;
  if (sn.taken != UINT32_MAX) sn.taken++;
  if (sn.exits != UINT32_MAX) sn.exits++;
  // A GUARD_GC exit only lets the interpreter collect: the trace is right as it is; a raising
  // exit hands over an exception (nothing to record from there).
  if (sn.raising || (sn.at != kNoRef && (*t)[sn.at].op == IrOp::GUARD_GC)) return;
  bool sample = sn.taken % kIdleSample == 0;  // look for idle exits now (note_idle)
  // An EXIT hands over to the interpreter at the back-edge of a loop that had no trace; once
  // that loop has one, a bridge from here links straight into it. An EXIT at the header of a
  // loop inside inlined calls needs no bridge: the exit handler enters that loop's trace.
  if (sn.at != kNoRef && (*t)[sn.at].op == IrOp::EXIT) {
    if (sn.nframes > 1) {
      // A hand-over to a loop in an inlined call that was blacklisted: entries that end here
      // pay an entry and an exit that rebuilds frames, every iteration. Counted as idle, on
      // the root, when the trace did little before it and the root itself ends in such a
      // hand-over (each entry of the tree runs at most one iteration; a side trace of a
      // looping root may end here after many compiled iterations). A new recording aborts at
      // a blacklisted loop (record.cpp). Not counted: a long prefix (chaos' main loop does
      // much before handing over to `get_random_trafo`'s loop), and loops that never get a
      // trace without being blacklisted (go's union-find `find` runs 0-2 times per call and
      // leaves the loop whenever it is recorded: retiring go's `recount`, which hands over to
      // it, only recorded the same trace again, 2% slower in all).
      const SnapFrame& in = t->snap_frames[sn.frame_start + sn.nframes - 1];
      Trace* r = t->root;
      if (sample && !r->retired && !r->function && r->ins.back().op == IrOp::EXIT && sn.at < kShortPrefix &&
          loop_blacklisted(in.code, in.pc))
        note_idle(r, true);
      return;
    }
    const SnapFrame& sf = t->snap_frames[sn.frame_start];
    if (!find_root_trace(sf.code, insn_arg(sf.code->code[sf.pc]))) return;
  }
  if (sn.exits == UINT32_MAX && sample && is_idle_exit(*t, sn)) {
    note_idle(t, t->function);
    return;
  }
  uint32_t need = sn.retry ? sn.retry : uint32_t(g_params.hotexit);
  if (g_jit.recording || g_flush_pending || sn.bridge || sn.exits == UINT32_MAX || sn.exits < need) return;
  // A module namespace whose version keeps changing is being written to: from now on traces
  // read it in place (a side trace recorded with its new version would fail the same way).
  for (const auto& [s, d] : t->globals_guards)
    if (s == snap && !globals_mutable(d)) mark_globals_mutable(d);
  if (t->root->nside >= uint32_t(g_params.maxside)) {  // the tree is full: this exit stays an exit
    sn.exits = UINT32_MAX;
    g_stats.tree_full++;
    return;
  }
  g_session.rec = Recorder::side(f, t, snap, int(g_params.maxrecord), int(g_params.maxinline));
  g_session.code = f->code;
  g_session.header_pc = t->snap_frames[sn.frame_start].pc;
  g_session.parent = t;
  g_session.snap = snap;
  g_jit.recording = true;
}

bool configure(const std::string& spec, std::string* error) {
  if (spec == "off") {
    g_jit.enabled = false;
    return true;
  }
  if (spec == "on") {
    g_jit.enabled = true;
    return true;
  }
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t eq = item.find('=');
    std::string key = item.substr(0, eq);
    if (eq == std::string::npos) {
      *error = "--jit: expected key=value, got '" + item + "'";
      return false;
    }
    if (key == "noopt") {  // the only non-numeric parameter: pass names joined by '+'
      g_noopt = item.substr(eq + 1);
      for (char& c : g_noopt)
        if (c == '+') c = ',';
      if (!opt_check_names(g_noopt, error)) {
        *error = "--jit: " + *error;
        return false;
      }
      continue;
    }
    char* end = nullptr;
    long v = std::strtol(item.c_str() + eq + 1, &end, 10);
    if (!end || *end || eq + 1 == item.size() || v < 0) {
      *error = "--jit: bad value for '" + key + "'";
      return false;
    }
    bool known = false;
#define JIT_PARAM(name, def, doc) \
  if (key == #name) {             \
    g_params.name = v;            \
    known = true;                 \
  }
#include "jit/params.def"
#undef JIT_PARAM
    if (!known) {
      *error = "--jit: unknown parameter '" + key + "' (see --jit help)";
      return false;
    }
  }
  g_jit.enabled = true;
  return true;
}

std::string help_text() {
  std::string s = "JIT parameters (--jit key=value,...; --jit off / --jit on):\n";
  char buf[256];
#define JIT_PARAM(name, def, doc)                                        \
  snprintf(buf, sizeof buf, "  %-10s default %-6ld %s\n", #name, long(def), doc); \
  s += buf;
#include "jit/params.def"
#undef JIT_PARAM
  std::string names;
  for (const Pass& p : opt_pipeline())
    if (names.find(p.name) == std::string::npos) names += (names.empty() ? "" : " ") + std::string(p.name);
  s += "  noopt      default none   optimizer passes to skip, joined by '+' (" + names + ")\n";
  return s;
}

void set_stats(bool on) { g_show_stats = on; }

// Objects named by compiled traces and by the one being recorded stay alive (Trace::gcrefs).
static void scan_trace_roots(Tracer& tr) {
  auto visit = [&](const Trace* t) {
    if (t)
      for (Object* o : t->gcrefs) tr.visit(o);
  };
  for (const auto& t : g_traces) visit(t.get());
  if (g_session.rec) visit(g_session.rec->trace());
}

void install() {
  static bool scanning = false;
  if (!scanning) gc::add_root_scanner(scan_trace_roots);
  scanning = true;
  if (!kHostBackend) g_jit.enabled = false;  // no machine code for this architecture
  g_jit.threshold = uint32_t(g_params.threshold ? g_params.threshold : 1);
  if (g_params.hotexit == 0) g_params.hotexit = 1;
  g_jit.loop_hot = loop_hot;
  g_jit.func_hot = func_hot;
  g_jit.record = record;
  g_jit.enter = enter;
}

void finish() {
  if (!g_show_stats) return;
  FILE* o = stderr;
  if (!kHostBackend) {
    fprintf(o, "JIT statistics: unavailable (no backend for this architecture)\n");
    return;
  }
  fprintf(o, "JIT statistics:\n");
  fprintf(o, "  loops traced      %llu\n", (unsigned long long)g_stats.loops_traced);
  fprintf(o, "  functions traced  %llu\n", (unsigned long long)g_stats.functions_traced);
  fprintf(o, "  traces compiled   %llu\n", (unsigned long long)g_stats.traces);
  fprintf(o, "  side traces       %llu\n", (unsigned long long)g_stats.side_traces);
  fprintf(o, "  blacklisted loops %llu\n", (unsigned long long)g_stats.blacklisted);
  fprintf(o, "  trace entries     %llu\n", (unsigned long long)g_stats.entries);
  fprintf(o, "  exits taken       %llu\n", (unsigned long long)g_stats.exits);
  fprintf(o, "  compile time      %.3f ms\n", g_stats.compile_ms);
  fprintf(o, "  trace memory      %zu KiB (peak %zu KiB)\n", g_stats.bytes / 1024, g_stats.peak_bytes / 1024);
  fprintf(o, "  trees full        %llu\n", (unsigned long long)g_stats.tree_full);
  fprintf(o, "  exits given up    %llu\n", (unsigned long long)g_stats.exits_given_up);
  fprintf(o, "  left-loop backoff %llu\n", (unsigned long long)g_stats.left_loop_backoff);
  fprintf(o, "  flushes           %llu\n", (unsigned long long)g_stats.flushes);
  fprintf(o, "  retired traces    %llu\n", (unsigned long long)g_stats.retired);
  // The exits the handler took most often (of the traces that exist now).
  std::vector<std::pair<uint32_t, std::pair<const Trace*, uint32_t>>> hot;
  for (const auto& t : g_traces)
    for (uint32_t i = 0; i < t->snaps.size(); i++)
      if (t->snaps[i].taken) hot.push_back({t->snaps[i].taken, {t.get(), i}});
  std::sort(hot.begin(), hot.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (!hot.empty()) fprintf(o, "  hottest exits\n");
  for (size_t i = 0; i < hot.size() && i < 5; i++) {
    const Trace* t = hot[i].second.first;
    const Snapshot& sn = t->snaps[hot[i].second.second];
    const SnapFrame& sf = t->snap_frames[sn.frame_start + sn.nframes - 1];
    const char* fate = sn.bridge ? "side trace" : sn.exits == UINT32_MAX ? "left to the interpreter" : "interpreter";
    fprintf(o, "    %10u  trace %d exit #%u at %s (%s, %s)\n", hot[i].first, t->id, hot[i].second.second,
            where(sf.code, sf.pc).c_str(), sn.at == kNoRef ? "entry" : ir_info((*t)[sn.at].op).name, fate);
  }
  uint64_t total = 0;
  for (int i = 0; i < int(Abort::kCount); i++) total += g_stats.aborts[i];
  fprintf(o, "  aborts            %llu\n", (unsigned long long)total);
  for (int i = 0; i < int(Abort::kCount); i++)
    if (g_stats.aborts[i]) fprintf(o, "    %-40s %llu\n", kAbortText[i], (unsigned long long)g_stats.aborts[i]);
}

}  // namespace chaipy::jit
