// interp/limits.h — one place for the size arithmetic of allocations whose size a program
// chooses ("a" * n, [0] * n, 1 << n, n.to_bytes(k)...): sizes are computed without overflow and
// checked against what the machine can hold before anything is allocated, so an impossible
// request raises MemoryError / OverflowError as CPython does instead of crashing.
#pragma once
#include <cstddef>
#include <cstdint>

namespace chaipy {

// The largest single allocation chaipy attempts, in bytes: the smaller of the address-space
// limit (RLIMIT_AS) and physical memory plus swap. Computed once.
uint64_t max_alloc_bytes();

// The size of an address-space reservation that wants `want` bytes: `want`, or a share of
// RLIMIT_AS (1/`share`) when an address-space limit is in force (`ulimit -v`), so that the frame
// stack, the JIT's code arena and the interpreter thread's stack fit under the limit together.
size_t reservation_bytes(size_t want, size_t share);

// count * item_size + extra in *out; false (nothing raised) on overflow.
inline bool size_calc(uint64_t count, uint64_t item_size, uint64_t extra, uint64_t* out) {
  uint64_t m;
  if (__builtin_mul_overflow(count, item_size, &m) || __builtin_add_overflow(m, extra, out)) return false;
  return true;
}

// True if count * item_size + extra bytes may be allocated; otherwise raises MemoryError and
// returns false.
bool check_alloc(uint64_t count, uint64_t item_size, uint64_t extra = 0);

// n * len for a length a program chose (seq * n, a padded width): false with an exception raised
// when the product passes PY_SSIZE_T_MAX — OverflowError(too_long), or MemoryError when too_long
// is null (list, tuple and bytearray repeat in CPython) — or when `item_size` bytes per unit of
// the result cannot be allocated (MemoryError). *out is the length, not the byte count.
bool ssize_mul(uint64_t len, uint64_t n, const char* too_long, uint64_t item_size, uint64_t* out);

// A bytes object of `n` bytes may be allocated: CPython's "byte string is too large"
// OverflowError past PY_SSIZE_T_MAX less the object header, MemoryError past what fits.
bool check_bytes_alloc(uint64_t n);

}  // namespace chaipy
