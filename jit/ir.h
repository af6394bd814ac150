// jit/ir.h — the trace IR: instructions (jit/ir.def), snapshots, and the Trace that owns them.
//
// A trace is one linear SSA sequence. Refs are indices into Trace::ins; constants are ordinary
// instructions (KINT/KDBL/KPTR/KVAL). After the loop pass a root trace has the shape
//
//     [pre-header: SLOADs, their unboxing guards, invariant work]  LOOP  PHI*  [body]  JLOOP
//
// and a trace that cannot loop on itself (or a side trace) ends in LINK or EXIT instead.
// Every guard (mode G) carries a snapshot (Ins::snap): the interpreter state to restore when
// the guard fails — for each frame, from the root (the frame the trace was entered with) to the
// innermost inlined call, the code, the pc to resume at, the stack depth and slot values.
//
// Snapshot 0 of a root trace is its ENTRY snapshot: the loop header with no entries (the frame
// in memory is exactly the header state until the first loop iteration changes something). A
// guard that the loop pass hoists into the pre-header must take snapshot 0, because its own
// snapshot resumes at the instruction where it was recorded, which is not where the
// pre-header runs.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace chaipy {
struct CodeObject;
struct DictObject;
struct FunctionObject;
struct Object;
}  // namespace chaipy

namespace chaipy::jit {

enum class IrOp : uint8_t {
#define IRDEF(name, mode, a, b, doc) name,
#include "jit/ir.def"
#undef IRDEF
  kCount
};

enum IrMode : uint8_t { IRM_G = 1, IRM_P = 2, IRM_L = 4, IRM_S = 8, IRM_C = 16, IRM_X = 32, IRM_N = 0 };
enum IrOperand : uint8_t { IRO_N, IRO_R, IRO_L };

struct IrOpInfo {
  const char* name;
  uint8_t mode;
  IrOperand a, b;
  const char* doc;
};
extern const IrOpInfo kIrOps[int(IrOp::kCount)];
inline const IrOpInfo& ir_info(IrOp op) { return kIrOps[int(op)]; }
inline bool ir_is_guard(IrOp op) { return ir_info(op).mode & IRM_G; }

// Value types. Int = raw int64 (a Python int known to fit), Dbl = raw double, Bool = 0/1,
// Ptr = raw pointer (an Object* or an address), Val = a boxed 64-bit Value (interp/value.h).
enum class Ty : uint8_t { Void, Int, Dbl, Bool, Ptr, Val };
const char* ty_name(Ty t);

using Ref = int32_t;
constexpr Ref kNoRef = -1;
constexpr uint32_t kNoSnap = 0xFFFFFFFFu;

struct Ins {
  IrOp op;
  Ty type;
  uint16_t origin = 0;      // where it was recorded: Trace::origins[origin - 1], 0 = unknown
  uint32_t snap = kNoSnap;  // guards: index into Trace::snaps
  Ref a = kNoRef, b = kNoRef;
  int64_t k = 0;            // immediate (constant bits, offset, helper id, type pointer, ...)
};

// One frame of a snapshot. `pc` is the instruction index the interpreter resumes at, `nslots`
// the depth (sp - localsplus). Root frame (index 0 of a snapshot): entries list only the slots
// whose memory value is stale; every other slot already holds the right value. Inlined frames:
// entries list every live slot; a slot without an entry is Null (unbound / empty).
struct SnapFrame {
  CodeObject* code;
  FunctionObject* func;     // nullptr for the root frame (it already exists)
  uint32_t pc;
  uint32_t nslots;
  uint32_t flags;           // interp FrameFlags for inlined frames (kFrameInit)
  uint32_t entry_start, nentries;  // into Trace::snap_entries
};
struct SnapEntry {
  uint32_t slot;
  Ref ref;                  // any typed ref; the exit boxes it by its type
};
struct Snapshot {
  Ref at = kNoRef;          // the guard it belongs to
  uint32_t frame_start = 0, nframes = 0;  // into Trace::snap_frames
  uint32_t exits = 0;       // times taken toward the next side-trace attempt (runtime)
  uint32_t taken = 0;       // times taken through the exit handler in all (--jit-stats)
  uint32_t retry = 0;       // exits needed before the next side-trace attempt (0: hotexit)
  void* bridge = nullptr;   // side trace patched in, if any
  bool header_exit = false; // resumes at a loop header (the exit may enter that loop's trace)
  bool raising = false;     // a call the trace made raised: the interpreter unwinds from here
  int32_t fdepth = -1;      // function traces: the base frame's depth above the function's own
                            // frame (0: it is that frame, whose return is RET); -1 otherwise
};

// Where the backend keeps an instruction's value for its whole live range (the exit handler
// reads exit values from here). reg: 0..15 GPR, 16..31 XMM (16 + n), kNoReg none; spill: byte
// offset from the trace's native frame base, or -1.
struct Loc {
  static constexpr uint8_t kNoReg = 0xFF;
  uint8_t reg = kNoReg;
  int32_t spill = -1;
};

struct Trace {
  int id = 0;
  // Origin: a root trace starts at loop header `header_pc` of `code`; a side trace starts at
  // exit `parent_snap` of `parent`.
  CodeObject* code = nullptr;
  uint32_t header_pc = 0;
  Trace* parent = nullptr;
  uint32_t parent_snap = kNoSnap;
  std::vector<Ins> ins;
  std::vector<Snapshot> snaps;
  std::vector<SnapFrame> snap_frames;
  std::vector<SnapEntry> snap_entries;
  Ref loop = kNoRef;        // the LOOP instruction, if any
  bool function = false;    // a function trace: starts at the function's entry, ends in RET
  Trace* link = nullptr;    // LINK target
  // Filled by the backend.
  void* mcode = nullptr;    // start of the trace's machine code
  uint32_t msize = 0;
  uint32_t entry_offset = 0;  // LINK jumps to mcode + entry_offset (skips the native prologue)
  std::vector<Loc> locs;    // by ref
  std::vector<uint32_t> exit_stub;    // by snapshot: offset of its exit stub from mcode
  std::vector<uint32_t> guard_jump;   // by snapshot: offset of the guard's rel32 jump field (patching)
  // Dump text (filled when --dump-traces is on).
  std::string recorded;     // bytecode listing of the recording
  std::string ir_before;    // IR as recorded
  std::vector<std::string> aborts;
  // Source positions (code, pc) of the recorded bytecodes, for the line markers of the dumps
  // and the --jit-log lines: Ins::origin indexes it (1-based), Trace::cur_origin is the
  // position emit() gives new instructions (the recorder sets it per bytecode). Copies of an
  // instruction made by the optimizer keep its origin; ins_offset (by ref, from the backend)
  // is where its machine code starts (UINT32_MAX: no code).
  std::vector<std::pair<CodeObject*, uint32_t>> origins;
  uint16_t cur_origin = 0;
  std::vector<uint32_t> ins_offset;
  // Objects the trace's constants, guards and snapshots name: GC roots for as long as the trace
  // exists (a collected object's address could be reused by another and pass a guard).
  std::vector<Object*> gcrefs;
  // Snapshots of the guards on a module namespace's version (LOAD_GLOBAL read as a constant):
  // when one keeps failing, the namespace is being written to and is read in place from then on.
  std::vector<std::pair<uint32_t, DictObject*>> globals_guards;
  // The trace tree (driver, jit.cpp): `root` is the root trace (itself for a root); the root
  // counts the tree's side traces and how often the interpreter entered it.
  Trace* root = this;
  uint32_t nside = 0;
  uint64_t entries = 0;
  uint64_t idle_exits = 0;  // roots: entries that left early with nowhere to go (jit.cpp, is_idle_exit)
  bool retired = false;     // roots: no longer entered from the interpreter (jit.cpp, retire)
  size_t bytes = 0;         // machine code and trace data (the maxmem budget)

  // -- Building ---------------------------------------------------------------------------
  Ref emit(IrOp op, Ty t, Ref a = kNoRef, Ref b = kNoRef, int64_t k = 0) {
    ins.push_back(Ins{op, t, cur_origin, kNoSnap, a, b, k});
    return Ref(ins.size() - 1);
  }
  void set_origin(CodeObject* code, uint32_t pc) {
    if (!origins.empty() && origins.back() == std::pair{code, pc}) return;
    if (origins.size() >= UINT16_MAX) return;  // past maxrecord's range: keep the last one
    origins.emplace_back(code, pc);
    cur_origin = uint16_t(origins.size());
  }
  Ref kint(int64_t v);
  Ref kdbl(double v);
  Ref kptr(const void* p);             // a raw pointer (not kept alive)
  Ref kobj(const Object* o);           // a heap object, kept alive (gcrefs)
  void keep(const Object* o);
  Ref kval(uint64_t bits);
  const Ins& operator[](Ref r) const { return ins[size_t(r)]; }
  Ins& operator[](Ref r) { return ins[size_t(r)]; }
  Ref size() const { return Ref(ins.size()); }
};

// Text form: one instruction per line, "%0007 Int  ADDOV   %0003 %0005" with constants as
// "%0002 Int  KINT 7"; guards end with "#snap"; snapshots print after the instructions.
// print() and parse() round-trip (parse builds a Trace with the same instructions and
// snapshots, CodeObjects printed as names are left null).
std::string ir_print(const Trace& t);
std::string ir_print_ins(const Trace& t, Ref r);
std::string snap_print(const Trace& t, uint32_t s);
bool ir_parse(const std::string& text, Trace* out, std::string* error);

}  // namespace chaipy::jit
