// frontend/code_unit.h — compiled code as plain C++ data: what the compiler produces, what the
// pyc marshaller writes/reads, and what the interpreter turns into a heap CodeObject.
//
// It deliberately knows nothing about the interpreter's Value representation, so the frontend
// and pycache libraries stay below interp/ in the dependency order.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace chaipy {

struct CodeUnit;

// A compile-time constant (the things CPython's marshal can put in co_consts).
struct Const {
  enum class Kind : uint8_t { None, True, False, Ellipsis, Int, BigInt, Float, Complex, Str, Bytes, Tuple, FrozenSet, Code };
  Kind kind = Kind::None;
  int64_t i = 0;                       // Int
  double f = 0, imag = 0;              // Float; Complex = (f, imag)
  std::string s;                       // Str (UTF-8), Bytes (raw), BigInt (decimal digits, optional '-')
  std::vector<Const> items;            // Tuple, FrozenSet
  std::shared_ptr<const CodeUnit> code;  // Code

  static Const none() { return Const{}; }
  static Const boolean(bool b) { Const c; c.kind = b ? Kind::True : Kind::False; return c; }
  static Const integer(int64_t v) { Const c; c.kind = Kind::Int; c.i = v; return c; }
  static Const real(double v) { Const c; c.kind = Kind::Float; c.f = v; return c; }
  static Const str(std::string v) { Const c; c.kind = Kind::Str; c.s = std::move(v); return c; }
};
bool operator==(const Const& a, const Const& b);  // structural; floats compare by bit pattern

// Source position of one instruction (1-based lines, 0-based UTF-8 byte columns; -1 unknown).
struct SourcePos {
  int32_t line = -1, end_line = -1;
  int32_t col = -1, end_col = -1;
};

// One zero-cost exception-table entry: an exception raised at an instruction index in
// [start, end) pops the value stack to `depth`, pushes the instruction index if `lasti`,
// pushes the exception, and continues at `target`. Entries are sorted by start, non-overlapping
// (the compiler splits nested regions, innermost wins).
struct ExceptionEntry {
  uint32_t start, end, target, depth;
  bool lasti;
};

// Code flags (CPython's CO_* values).
enum CodeFlags : uint32_t {
  CO_OPTIMIZED = 0x1, CO_NEWLOCALS = 0x2, CO_VARARGS = 0x4, CO_VARKEYWORDS = 0x8,
  CO_NESTED = 0x10, CO_GENERATOR = 0x20, CO_NOFREE = 0x40, CO_COROUTINE = 0x80, CO_ITERABLE_COROUTINE = 0x100,
  CO_ASYNC_GENERATOR = 0x200,
  // `from __future__ import` features (also compile()'s flags; every code object of the module has them)
  CO_FUTURE_BARRY_AS_BDFL = 0x400000, CO_FUTURE_ANNOTATIONS = 0x1000000,
};

// Kind of each localsplus slot (CPython 3.11's co_localspluskinds).
enum LocalKind : uint8_t { kLocal = 0x20, kCell = 0x40, kFree = 0x80 };  // an argument captured by a closure is kLocal | kCell

struct CodeUnit {
  std::vector<uint32_t> code;          // instruction words, see interp/opcodes.def
  std::vector<SourcePos> positions;    // one per instruction word (CACHE words copy their owner's)
  std::vector<Const> consts;
  std::vector<std::string> names;      // global / attribute / imported names
  // localsplus = arguments and locals, then cells that are not arguments, then free variables.
  std::vector<std::string> localsplus_names;
  std::vector<uint8_t> localsplus_kinds;  // LocalKind bits per localsplus slot
  std::vector<ExceptionEntry> exceptions;
  std::string filename, name, qualname;
  int32_t firstlineno = 1;
  int32_t argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int32_t stacksize = 0;
  uint32_t flags = 0;
  uint32_t ncaches = 0;                // number of inline-cache entries (CACHE args are < ncaches)

  int nlocalsplus() const { return int(localsplus_names.size()); }
  int nfree() const { int n = 0; for (auto k : localsplus_kinds) n += (k & kFree) != 0; return n; }
};

}  // namespace chaipy
