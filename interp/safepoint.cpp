// interp/safepoint.cpp — deferred events and the out-of-memory reserve (safepoint.h).
#include "interp/safepoint.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "interp/gc.h"
#include "interp/modules/modules.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {
// Below malloc's mmap threshold (main.cpp sets 32 MiB), so the reserve lives in malloc's heap:
// freed, its memory serves the runtime's next allocations, and it is re-taken from whatever the
// heap has free once a collection made room.
constexpr size_t kReserveBytes = size_t(24) << 20;
std::atomic<uint32_t> g_events{0};
void* g_reserve = nullptr;
SafePointHook g_signal_hook = nullptr;

void reserve_arm() {
  if (!g_reserve) g_reserve = std::malloc(kReserveBytes);
}

// An allocation failed: give the reserve back so the retry (and the collection and the
// MemoryError that follow) can proceed. False if there was no reserve left.
bool memory_panic() {
  if (!g_reserve) return false;
  std::free(g_reserve);
  g_reserve = nullptr;
  safepoint_request(kEventMemoryError);
  return true;
}

[[noreturn]] void out_of_memory() {
  stdout_flush();
  static const char msg[] = "chaipy: out of memory (MemoryError while handling MemoryError)\n";
  if (::write(2, msg, sizeof msg - 1) < 0) {}
  _exit(1);
}

// True when an allocation of `bytes` that just failed may be retried after releasing the
// reserve; false for requests too big for the reserve to make a difference.
bool may_use_reserve(size_t bytes) { return bytes <= kReserveBytes / 4 && memory_panic(); }

[[noreturn]] void fail(size_t bytes) {
  if (bytes > kReserveBytes / 4) throw std::bad_alloc();  // the interpreter loop raises MemoryError
  out_of_memory();
}
}  // namespace

void safepoint_init() { reserve_arm(); }

void safepoint_request(uint32_t event) {
  g_events.fetch_or(event, std::memory_order_relaxed);
  gc::g_debt = INT64_MAX / 4;  // the next safe point's should_collect() fires
}

void safepoint_set_signal_hook(SafePointHook hook) { g_signal_hook = hook; }

bool safepoint_run() {
  gc::collect();
  // After a MemoryError the reserve is re-taken once the program lets go of enough memory; until
  // then collections come every MiB, so memory the program drops is found before it is needed.
  reserve_arm();
  if (!g_reserve) gc::g_threshold = std::min<int64_t>(gc::g_threshold, 1 << 20);
  uint32_t ev = g_events.exchange(0, std::memory_order_relaxed);
  if (ev & kEventMemoryError) {
    raise_value(obj(exc::MemoryError));
    return false;
  }
  if ((ev & kEventSignal) && g_signal_hook && !g_signal_hook()) return false;
  return true;
}

void* sys_malloc(size_t bytes) {
  for (;;) {
    if (void* p = std::malloc(bytes ? bytes : 1)) return p;
    if (!may_use_reserve(bytes)) fail(bytes);
  }
}

void* sys_realloc(void* p, size_t bytes) {
  for (;;) {
    if (void* q = std::realloc(p, bytes ? bytes : 1)) return q;
    if (!may_use_reserve(bytes)) fail(bytes);
  }
}

void* sys_realloc_or_raise(void* p, size_t bytes) {
  if (bytes < kReserveBytes / 4) return sys_realloc(p, bytes);
  void* q = std::realloc(p, bytes);
  if (!q) raise_value(obj(exc::MemoryError));
  return q;
}

void* sys_aligned_alloc(size_t align, size_t bytes) {
  for (;;) {
    if (void* p = std::aligned_alloc(align, bytes)) return p;
    if (!may_use_reserve(bytes)) fail(bytes);
  }
}

}  // namespace chaipy

// Every C++ allocation (std::string, std::vector in native code) follows the same rule: a small
// request that fails is retried after releasing the reserve; a big one throws std::bad_alloc,
// which the interpreter loop turns into MemoryError. operator delete is replaced too, so that
// both halves are malloc/free. Not in AddressSanitizer builds: ASan supplies its own operators
// and checks that allocation and release match, which a partial replacement breaks.
#ifndef __SANITIZE_ADDRESS__
void* operator new(size_t bytes) { return chaipy::sys_malloc(bytes); }
void* operator new[](size_t bytes) { return chaipy::sys_malloc(bytes); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
#endif
