// interp/safepoint.h — work the interpreter does at its safe points (loop back-edges, calls,
// trace exits), requested from places that cannot raise a Python exception themselves: an
// allocation that failed deep inside the runtime, a signal handler. A request raises the GC
// debt, so the next safe point's should_collect() check — which the JIT's traces make at their
// loop edges as well — fires; safepoint_run() then collects and handles the events.
//
// Out of memory: a reserve of memory is held from start-up. When a small allocation fails, the
// reserve is released, the allocation retried, and MemoryError raised at the next safe point
// (after a collection, so that `except MemoryError:` can recover); only when the reserve is
// already spent does chaipy stop, with a message and exit status 1 — never a signal. A big
// allocation that fails (more than the reserve could cover: a 10**12-character string) throws
// std::bad_alloc instead, which the interpreter loop (vm.cpp run()) turns into a MemoryError
// raised where the program asked for it. operator new follows the same rule.
#pragma once
#include <cstddef>
#include <cstdint>

namespace chaipy {

enum SafePointEvent : uint32_t { kEventMemoryError = 1u << 0, kEventSignal = 1u << 1 };

void safepoint_init();                  // reserves the memory reserve, installs operator new's handler
void safepoint_request(uint32_t event); // async-signal-safe
// At a safe point whose should_collect() fired: collects, then handles pending events. Returns
// false with an exception pending (MemoryError, or whatever a signal handler raised).
bool safepoint_run();
// The signal machinery's Python-level handlers (run for kEventSignal); false if one raised.
using SafePointHook = bool (*)();
void safepoint_set_signal_hook(SafePointHook hook);

// malloc / realloc / aligned_alloc for the runtime's own memory: never null. On failure a small
// request releases the reserve, requests MemoryError and retries; a big one throws bad_alloc.
void* sys_malloc(size_t bytes);
void* sys_realloc(void* p, size_t bytes);
void* sys_aligned_alloc(size_t align, size_t bytes);
// Growing a big buffer (list items): a failed request larger than a fraction of the reserve —
// which the reserve could not cover anyway — returns nullptr with MemoryError raised and `p`
// untouched; smaller ones behave like sys_realloc.
void* sys_realloc_or_raise(void* p, size_t bytes);

}  // namespace chaipy
