// interp/vm.h — code objects, the frame layout, and the interpreter entry points.
//
// The frame layout is the contract the JIT's deopt restores into (docs/frames.md):
// frames live on one contiguous per-thread stack of Values; a Frame header is followed by
// `localsplus` (arguments, locals, cells, free variables: code->nlocalsplus Values) and then
// the value stack (code->stacksize Values). Python-to-Python calls push a frame right after
// the caller's stack area and continue in the same C++ loop; a native function that calls back
// into Python starts a nested loop whose first frame is marked kFrameEntry.
#pragma once
#include <memory>

#include "frontend/code_unit.h"
#include "frontend/compile.h"
#include "interp/runtime.h"

namespace chaipy {

// -- Inline caches -------------------------------------------------------------------------------
// One per OPF_CACHE instruction (index in the CACHE word). Meaning by opcode:
//   LOAD_GLOBAL   dict = globals, ver = globals version, ver2 = builtins version, value
//   LOAD_ATTR / LOAD_METHOD / STORE_ATTR
//                 type, ver = type version, shape, index (slot) or value (class attribute),
//                 kind (kAttr*)
//   JUMP_BACKWARD counter = back-edge count (the JIT's hotness counter), trace (JIT-owned)
struct InlineCache {
  uint8_t kind;
  int32_t index;
  uint64_t ver, ver2;
  void* ptr;       // dict / type / trace
  Shape* shape;
  Value value;
  uint32_t counter;
};
enum AttrCacheKind : uint8_t { kAttrNone, kAttrSlot, kAttrClassValue, kAttrMethod, kAttrModule, kAttrSlotAdd };

struct CodeObject : Object {
  std::shared_ptr<const CodeUnit>* unit;  // owned
  const uint32_t* code;
  uint32_t ncode;
  Value* consts;
  StrObject** names;
  StrObject** localsplus_names;
  const uint8_t* localsplus_kinds;
  uint32_t nconsts, nnames, nlocalsplus, ncells, nfree, stacksize;
  uint32_t argcount, posonlyargcount, kwonlyargcount, flags;
  InlineCache* caches;
  uint32_t ncaches;
  StrObject *name, *qualname, *filename;
  int32_t firstlineno;
  uint32_t jit_calls;       // calls from the interpreter, toward the JIT's threshold (kJitNever: never trace)
  void* jit_func;           // the JIT's function trace (entered at call time), if any
  const CodeUnit& u() const { return **unit; }
  int line_at(uint32_t pc) const;
};

CodeObject* code_from_unit(std::shared_ptr<const CodeUnit> unit);

// -- Frames ----------------------------------------------------------------------------------------
enum FrameFlags : uint32_t { kFrameEntry = 1, kFrameClassBody = 2, kFrameModule = 4, kFrameInit = 8 };

struct Frame {
  CodeObject* code;
  FunctionObject* func;     // nullptr for module code run directly
  Frame* prev;
  DictObject* globals;
  DictObject* builtins;
  DictObject* locals;       // LOAD_NAME namespace (module / class bodies), else nullptr
  const uint32_t* pc;       // next instruction while suspended; current while running
  Value* sp;                // top of the value stack while suspended
  uint32_t flags;
  int32_t lasti;            // index of the instruction being executed (for tracebacks)
  Value localsplus[];       // nlocalsplus slots, then the value stack
  Value* stack_base() { return localsplus + code->nlocalsplus; }
};

// -- Generators, coroutines, async generators -----------------------------------------------------
// A generator owns a heap copy of its suspended frame; resuming copies it onto the frame stack
// and runs it as an entry frame, YIELD_VALUE copies it back (sp kept as an offset). Coroutines
// (types::coroutine) and async generators (types::async_generator) are the same object with
// another type, chosen by RETURN_GENERATOR from the code flags.
struct GeneratorObject : Object {
  Frame* frame;             // malloc'd copy while suspended
  size_t frame_bytes;
  uint32_t sp_offset;       // sp - localsplus while suspended
  bool running, finished;
  bool ag_running_async;    // async generator: an asend()/athrow() awaitable is running it
  bool ag_closed;           // async generator: aclose()d or exhausted
  Value exc_state;          // the generator's handled exception while suspended
  StrObject *name, *qualname;
  CodeObject* code;         // gi_code / cr_code / ag_code (the frame goes when it finishes)
};
// Resumes `gen` sending `v` (or throwing the pending exception when `throwing`). Returns the
// yielded value with *yielded = true, the return value with *yielded = false (null: the
// generator had already finished), or Value::exc(). A finished coroutine raises RuntimeError
// unless `closing`.
Value gen_resume(GeneratorObject* gen, Value v, bool throwing, bool* yielded, bool closing = false);

// -- Support of the async, match and except* opcodes ---------------------------------------------
// generator.cpp
Value awaitable_iter(Value o, uint32_t where);  // GET_AWAITABLE (where: 1 __aenter__, 2 __aexit__)
Value get_aiter(Value o);                       // GET_AITER
Value get_anext_awaitable(Value aiter);         // GET_ANEXT
Value async_gen_wrap(Value v);                  // ASYNC_GEN_WRAP
Value builtin_aiter(Value* args, size_t nargs, TupleObject* kwnames);
Value builtin_anext(Value* args, size_t nargs, TupleObject* kwnames);
// vm_match.cpp
bool match_is_mapping(Value v);
bool match_is_sequence(Value v);
Value match_keys(Value subject, Value keys);    // values tuple, None, or exc
Value match_class(Value subject, Value cls, uint32_t nargs, Value names);  // attrs tuple, None, or exc
// class_exception_groups.cpp
int exception_group_match(Value exc, Value type, Value* match, Value* rest);  // CHECK_EG_MATCH; -1 on error
Value prep_reraise_star(Value orig, Value excs);  // PREP_RERAISE_STAR

// -- Entry points ----------------------------------------------------------------------------------
Value vm_run_module(CodeObject* code, DictObject* globals);     // exec module-level code
// exec()/eval(): run module-style code with separate globals and locals namespaces; the
// builtins come from globals['__builtins__'] (a module or dict) or the builtins module.
Value vm_run_code(CodeObject* code, DictObject* globals, DictObject* locals);
// Raises the SyntaxError (or subclass) described by `info` (import.cpp).
Value raise_syntax_error(const SyntaxErrorInfo& info, std::string_view source);
Value vm_call_function(FunctionObject* f, Value* args, size_t nargs, TupleObject* kwnames);
// MAKE_FUNCTION without defaults or closure (the caller sets those).
FunctionObject* function_new(CodeObject* code, DictObject* globals, DictObject* builtins);
Value vm_handled_exception();                                    // sys.exc_info()[1] or null
Frame* vm_current_frame();
// compile()'s recursion budget, as CPython's compiler computes it: 3 x (recursion limit - the
// current Python depth).
int vm_compile_depth_budget();
void vm_init();
// Prints `Traceback (most recent call last): ...` and `Type: message` for exception e to stderr.
void print_exception(Value e);
// Handles an uncaught exception at top level: SystemExit → exit code, else print; returns the
// process exit status.
int handle_uncaught(Value e);

// JIT hooks (jit/). The interpreter counts back-edges in the JUMP_BACKWARD inline cache
// (counter; kind = kLoopBlacklisted stops counting; ptr = the loop's compiled trace) and:
//   loop_hot   when a counter reaches the threshold (may start recording or install a trace);
//   record     before every instruction while `recording` is set (the recorder follows along);
//   enter      runs a compiled trace from frame f (f->pc is the loop header, f->sp set) and
//              returns the frame to continue in, with its pc and sp restored by the exit.
enum : uint8_t { kLoopBlacklisted = 1 };
constexpr uint32_t kJitNever = UINT32_MAX;  // CodeObject::jit_calls of a blacklisted function
struct JitHooks {
  bool enabled = true;
  bool recording = false;
  uint32_t threshold = 100;
  void (*loop_hot)(Frame* f, uint32_t header_pc, uint32_t backedge_pc, InlineCache* c) = nullptr;
  // A function called `threshold` times from the interpreter: `f` is its new frame, at pc 0.
  void (*func_hot)(Frame* f) = nullptr;
  void (*record)(Frame* f, const uint32_t* pc) = nullptr;
  // Runs a trace on frame f. Returns the frame to continue in, or nullptr when a function trace
  // returned from f: f is still pushed and its return value is in `ret`.
  Frame* (*enter)(Frame* f, void* trace) = nullptr;
  Value ret;
  // Set by an exit that leaves an exception pending (a call made by the trace raised): the
  // interpreter unwinds from the returned frame's instruction instead of running it.
  bool raising = false;
};
// Runs the interpreter from `innermost` (suspended, possibly below other frames) until the
// nearest kFrameEntry frame returns; `throwing` unwinds the pending exception first, at the
// instruction before innermost->pc. Returns that frame's return value or Value::exc().
Value vm_run_frames(Frame* innermost, bool throwing);
// Pushes a frame for a call of `fn` with every local unbound (the JIT's exits rebuild inlined
// calls with it); the caller fills localsplus, pc and sp.
Frame* vm_push_frame_for(FunctionObject* fn);
// The same for a call a trace makes: nullptr (nothing raised) at the recursion limit.
Frame* vm_push_call_frame(FunctionObject* fn);
// Pops frame f (the JIT's RETF: a trace returns from its base frame) and returns its caller.
extern "C" Frame* vm_jit_pop_frame(Frame* f);
extern JitHooks g_jit;

}  // namespace chaipy
