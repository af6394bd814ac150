// interp/limits.cpp — allocation size checks (limits.h).
#include "interp/limits.h"

#include <sys/resource.h>
#include <sys/sysinfo.h>


#include "interp/runtime.h"

namespace chaipy {

uint64_t max_alloc_bytes() {
  static const uint64_t limit = [] {
    uint64_t lim = UINT64_MAX;
    struct sysinfo si;
    if (sysinfo(&si) == 0) {
      uint64_t total = (uint64_t(si.totalram) + uint64_t(si.totalswap)) * si.mem_unit;
      if (total) lim = total;
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && uint64_t(rl.rlim_cur) < lim)
      lim = uint64_t(rl.rlim_cur);
    return lim;
  }();
  return limit;
}

size_t reservation_bytes(size_t want, size_t share) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return want;
  size_t cap = (size_t(rl.rlim_cur) / share) & ~size_t(0xFFFF);
  return cap < want ? cap : want;
}

bool check_alloc(uint64_t count, uint64_t item_size, uint64_t extra) {
  uint64_t bytes;
  if (!size_calc(count, item_size, extra, &bytes) || bytes > max_alloc_bytes()) {
    raise_value(obj(exc::MemoryError));
    return false;
  }
  return true;
}

bool ssize_mul(uint64_t len, uint64_t n, const char* too_long, uint64_t item_size, uint64_t* out) {
  uint64_t r;
  if (__builtin_mul_overflow(len, n, &r) || r > uint64_t(INT64_MAX)) {
    if (too_long) raise(exc::OverflowError, too_long);
    else raise_value(obj(exc::MemoryError));
    return false;
  }
  if (!check_alloc(r, item_size)) return false;
  *out = r;
  return true;
}

bool check_bytes_alloc(uint64_t n) {
  constexpr uint64_t kHeader = 33;  // sizeof(PyBytesObject): CPython's bound, part of its message's contract
  if (n > uint64_t(INT64_MAX) - kHeader) {
    raise(exc::OverflowError, "byte string is too large");
    return false;
  }
  return check_alloc(n, 1, 1);
}

}  // namespace chaipy
