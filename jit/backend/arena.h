// jit/backend/arena.h — the executable memory every compiled trace lives in.
//
// One large region is reserved up front (PROT_NONE) and committed in chunks as code is added,
// so any two traces are within ±2 GiB of each other and can reach each other (and the shared
// exit code) with rel32 jumps. Traces are packed one after another, 16-byte aligned.
// W^X: committed pages are read+execute; install() and patch() make only the pages they touch
// writable for the duration of the copy. Single-threaded, like the interpreter.
#pragma once
#include <cstddef>
#include <cstdint>

namespace chaipy::jit {

class CodeArena {
 public:
  static constexpr size_t kReserveBytes = size_t(256) << 20;  // less under an RLIMIT_AS
  static constexpr size_t kChunkBytes = size_t(4) << 20;
  static constexpr size_t kAlign = 16;

  // The process-wide arena (reserved on first use; empty — every install() fails — if the
  // reservation fails).
  static CodeArena& get();

  // Where the next install() places its bytes. Code that embeds rel32 displacements to other
  // arena addresses is assembled for this address before it is installed.
  uint8_t* top() const { return top_; }
  // Copies n bytes to top() (committing pages as needed) and advances top(). Returns the
  // address, or nullptr when the reservation is exhausted.
  uint8_t* install(const void* bytes, size_t n);
  // Overwrites n bytes of installed code at `at`.
  void patch(void* at, const void* bytes, size_t n);
  // Drops every byte installed from `at` (an address install() returned) on: top() goes back
  // there and the pages past it are given back to the system (they read as zeros until reused).
  void release_from(uint8_t* at);

  bool contains(const void* p) const { return p >= base_ && p < base_ + reserved_; }

 private:
  CodeArena();
  CodeArena(const CodeArena&) = delete;
  CodeArena& operator=(const CodeArena&) = delete;
  void write(uint8_t* at, const void* bytes, size_t n);

  uint8_t* base_;       // start of the reservation
  size_t reserved_;     // its size
  uint8_t* top_;        // next free byte (aligned)
  uint8_t* committed_;  // end of the committed prefix
};

}  // namespace chaipy::jit
