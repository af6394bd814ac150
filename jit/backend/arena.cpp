// jit/backend/arena.cpp — reservation, chunked commit and W^X toggling of the code arena.
#include "jit/backend/arena.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/limits.h"

namespace chaipy::jit {

namespace {
uintptr_t page_size() {
  static const uintptr_t size = uintptr_t(sysconf(_SC_PAGESIZE));
  return size;
}

void protect(uint8_t* begin, uint8_t* end, int prot) {
  uintptr_t lo = uintptr_t(begin) & ~(page_size() - 1);
  uintptr_t hi = (uintptr_t(end) + page_size() - 1) & ~(page_size() - 1);
  if (mprotect(reinterpret_cast<void*>(lo), hi - lo, prot) != 0) {
    std::perror("chaipy: jit code arena mprotect");
    std::abort();
  }
}
}  // namespace

CodeArena& CodeArena::get() {
  static CodeArena arena;
  return arena;
}

CodeArena::CodeArena() {
  reserved_ = reservation_bytes(kReserveBytes, 16);
  void* p = mmap(nullptr, reserved_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {  // no address space left (ulimit -v): an empty arena, traces stay uncompiled
    reserved_ = 0;
    p = nullptr;
  }
  base_ = top_ = committed_ = static_cast<uint8_t*>(p);
}

uint8_t* CodeArena::install(const void* bytes, size_t n) {
  uint8_t* at = top_;
  size_t avail = size_t(base_ + reserved_ - at);
  if (n > avail) return nullptr;
  while (committed_ < at + n) {
    size_t chunk = std::min(kChunkBytes, size_t(base_ + reserved_ - committed_));
    protect(committed_, committed_ + chunk, PROT_READ | PROT_EXEC);
    committed_ += chunk;
  }
  write(at, bytes, n);
  top_ = at + ((n + kAlign - 1) & ~(kAlign - 1));  // stays inside: the reservation end is aligned
  return at;
}

void CodeArena::patch(void* at, const void* bytes, size_t n) { write(static_cast<uint8_t*>(at), bytes, n); }

void CodeArena::release_from(uint8_t* at) {
  if (at < base_ || at > top_) return;
  uintptr_t lo = (uintptr_t(at) + page_size() - 1) & ~(page_size() - 1);
  if (lo < uintptr_t(committed_)) madvise(reinterpret_cast<void*>(lo), uintptr_t(committed_) - lo, MADV_DONTNEED);
  top_ = at;
}

void CodeArena::write(uint8_t* at, const void* bytes, size_t n) {
  protect(at, at + n, PROT_READ | PROT_WRITE);
  std::memcpy(at, bytes, n);
  protect(at, at + n, PROT_READ | PROT_EXEC);
  __builtin___clear_cache(reinterpret_cast<char*>(at), reinterpret_cast<char*>(at + n));
  if (flush_hook) flush_hook(at, n);
}

}  // namespace chaipy::jit
