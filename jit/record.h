// jit/record.h — the trace recorder: turns the bytecodes the interpreter executes into IR.
//
// The interpreter calls step() before each instruction while recording (vm.cpp's record_hook),
// with the frame and pc it is about to execute; the recorder reads the concrete operand values
// from that frame, emits IR specialised on them (every assumption a guard with a snapshot of
// the state before the instruction), and predicts where the interpreter goes next. Anything it
// does not understand, or any surprise (an exception, a native function calling back into
// Python), aborts the recording with a reason from jit/aborts.def.
#pragma once
#include <memory>
#include <string>

#include "jit/ir.h"

namespace chaipy {
struct Frame;
}

namespace chaipy::jit {

enum class Abort : uint8_t {
#define ABORT(name, text) name,
#include "jit/aborts.def"
#undef ABORT
  kCount
};
extern const char* const kAbortText[int(Abort::kCount)];

enum class StepResult { Continue, Done, Aborted };

class Recorder {
 public:
  // A root trace for the loop whose header is `header_pc` in frame f (the interpreter is about
  // to execute the header), or a side trace from exit `snap` of `parent` (the interpreter is
  // about to resume at that exit's pc in frame f, the innermost frame).
  // `backedge_pc` is the JUMP_BACKWARD that got hot: the loop body is [header_pc, backedge_pc].
  static std::unique_ptr<Recorder> root(Frame* f, uint32_t header_pc, uint32_t backedge_pc, int maxrecord, int maxinline);
  static std::unique_ptr<Recorder> side(Frame* f, Trace* parent, uint32_t snap, int maxrecord, int maxinline);
  // A function trace for the function whose new frame f (at pc 0) the interpreter just pushed.
  static std::unique_ptr<Recorder> function(Frame* f, int maxrecord, int maxinline);
  virtual ~Recorder() = default;
  virtual StepResult step(Frame* f, const uint32_t* pc) = 0;
  // Aborts from outside (e.g. the interpreter unwinds an exception while recording).
  virtual void abort(Abort why, const std::string& detail) = 0;
  virtual std::unique_ptr<Trace> take_trace() = 0;  // after Done
  virtual const Trace* trace() const = 0;           // the trace being recorded (GC roots)
  virtual Abort abort_reason() const = 0;           // after Aborted
  virtual const std::string& abort_detail() const = 0;
  virtual const std::string& recorded() const = 0;
  virtual int nrecorded() const = 0;                // bytecodes recorded so far  // bytecode listing so far (--dump-traces)
};

}  // namespace chaipy::jit
