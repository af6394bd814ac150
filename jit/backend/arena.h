// jit/backend/arena.h — the executable memory every compiled trace lives in.
//
// One large region is reserved up front (PROT_NONE) and committed in chunks as code is added,
// so any two traces can reach each other (and the shared exit code) with direct branches:
// x86-64 rel32 (±2 GiB), AArch64 B imm26 (±128 MiB, hence the smaller reservation there).
// Traces are packed one after another, 16-byte aligned.
// W^X: committed pages are read+execute; install() and patch() make only the pages they touch
// writable for the duration of the copy, then flush the instruction cache over exactly those
// bytes (a no-op on x86-64, required on AArch64). Single-threaded, like the interpreter.
#pragma once
#include <cstddef>
#include <cstdint>

namespace chaipy::jit {

class CodeArena {
 public:
#if defined(__aarch64__)
  static constexpr size_t kReserveBytes = size_t(128) << 20;  // B imm26 reach; less under an RLIMIT_AS
#else
  static constexpr size_t kReserveBytes = size_t(256) << 20;  // less under an RLIMIT_AS
#endif
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

  // Called with every range install() and patch() wrote, after its instruction-cache flush
  // (tests check that patched code is flushed, which qemu-user would not notice).
  void (*flush_hook)(const void* at, size_t n) = nullptr;

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
