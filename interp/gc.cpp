// interp/gc.cpp — size-class page allocator, mark (precise + conservative native stack), sweep.
#include "interp/gc.h"

#include <setjmp.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <map>
#include <unordered_map>

#include "interp/runtime.h"
#include "interp/safepoint.h"

namespace chaipy::gc {

// -- Size classes and pages ------------------------------------------------------------------------
namespace {

constexpr size_t kPageSize = 64 * 1024;
constexpr size_t kMaxSmall = 2048;
constexpr size_t kClassSizes[] = {16,  32,  48,  64,  80,  96,  112, 128, 160, 192, 224, 256,
                                  320, 384, 448, 512, 640, 768, 1024, 1536, 2048};
constexpr int kNumClasses = sizeof(kClassSizes) / sizeof(kClassSizes[0]);

struct FreeSlot {
  TypeObject* type;  // always nullptr: marks the slot free for sweep and conservative lookup
  FreeSlot* next;
};

struct Page {
  char* base;
  int cls;
  size_t slot_size, nslots;
};

// gc-field layout: bit 0 = mark; bits 8..15 = size class (kLargeClass for large objects), used
// to count live bytes while marking.
// Bit 1 = grey: marked, but its references not yet traced (the mark stack could not grow).
constexpr uint32_t kMarkBit = 1, kGreyBit = 2, kClassShift = 8, kLargeClass = 0xFF;

struct Heap {
  FreeSlot* free_list[kNumClasses] = {};
  std::unordered_map<uintptr_t, Page*> pages;  // by page base address
  // Pages emptied by a collection go back to a pool any size class can take from, so memory
  // freed in one class is reused by another. Pool pages stay resident: returning them to the
  // kernel (MADV_DONTNEED) and re-faulting them made string-heavy programs spend a third of
  // their time in page faults, and peak RSS — what matters — is not lowered by it.
  std::vector<char*> empty_pages;
  // Lazy sweeping: after a collection each class's pages are swept one at a time when its free
  // list runs dry, so a dead slot is visited right before it is reused.
  std::vector<Page*> class_pages[kNumClasses];
  size_t sweep_cursor[kNumClasses] = {};
  uint64_t live_marked_bytes = 0;
  std::map<uintptr_t, size_t> large;          // large objects: address -> size
  std::vector<Value*> value_roots;
  std::vector<Object**> object_roots;
  std::vector<RootScanner> scanners;
  std::vector<WeakScanner> weak_scanners;
  std::vector<AfterCollect> after_collect;
  uintptr_t stack_base = 0;
  Stats stats;
  int64_t external = 0;
};

Heap* g_heap = nullptr;
inline Heap& heap() {
  if (__builtin_expect(!g_heap, 0)) g_heap = new Heap();
  return *g_heap;
}

// Size class by size / 16 (sizes rounded up to 16).
constexpr std::array<uint8_t, kMaxSmall / 16 + 1> kClassOf = [] {
  std::array<uint8_t, kMaxSmall / 16 + 1> t{};
  int c = 0;
  for (size_t i = 0; i <= kMaxSmall / 16; i++) {
    while (kClassSizes[c] < i * 16) c++;
    t[i] = uint8_t(c);
  }
  return t;
}();

// Zeroes a slot: most objects are small, and straight-line stores beat a memset call there.
inline void zero_slot(void* p, size_t sz) {
  if (sz > 64) {
    std::memset(p, 0, sz);
    return;
  }
  auto* w = static_cast<uint64_t*>(p);
  w[0] = w[1] = 0;
  if (sz > 16) w[2] = w[3] = 0;
  if (sz > 32) w[4] = w[5] = 0;
  if (sz > 48) w[6] = w[7] = 0;
}

void new_page(int cls) {
  Heap& h = heap();
  char* base;
  if (!h.empty_pages.empty()) {
    base = h.empty_pages.back();
    h.empty_pages.pop_back();
  } else {
    base = static_cast<char*>(sys_aligned_alloc(kPageSize, kPageSize));
    h.stats.heap_bytes += kPageSize;
  }
  Page* p = new Page{base, cls, kClassSizes[cls], kPageSize / kClassSizes[cls]};
  h.pages[uintptr_t(base)] = p;
  h.class_pages[cls].push_back(p);
  h.sweep_cursor[cls] = h.class_pages[cls].size();  // a new page is born swept
  FreeSlot* head = h.free_list[cls];
  for (size_t i = p->nslots; i-- > 0;) {
    auto* s = reinterpret_cast<FreeSlot*>(base + i * p->slot_size);
    s->type = nullptr;
    s->next = head;
    head = s;
  }
  h.free_list[cls] = head;
}

bool sweep_page(Page* pg, bool release_if_empty);

}  // namespace

int64_t g_debt = 0;
int64_t g_threshold = 1 << 20;

void* alloc(size_t bytes) {
  bytes = (bytes + 15) & ~size_t(15);
  Heap& h = heap();
  if (bytes > kMaxSmall) {
    void* p = sys_aligned_alloc(16, bytes);
    std::memset(p, 0, bytes);
    static_cast<Object*>(p)->gc = kLargeClass << kClassShift;
    h.large[uintptr_t(p)] = bytes;
    g_debt += int64_t(bytes);
    return p;
  }
  int cls = kClassOf[bytes / 16];
  if (!h.free_list[cls]) {
    while (!h.free_list[cls] && h.sweep_cursor[cls] < h.class_pages[cls].size())
      sweep_page(h.class_pages[cls][h.sweep_cursor[cls]++], false);
    if (!h.free_list[cls]) new_page(cls);
  }
  FreeSlot* s = h.free_list[cls];
  h.free_list[cls] = s->next;
  size_t sz = kClassSizes[cls];
  zero_slot(s, sz);
  reinterpret_cast<Object*>(s)->gc = uint32_t(cls) << kClassShift;
  g_debt += int64_t(sz);
  return s;
}

void note_external(int64_t bytes) {
  heap().external += bytes;
  if (bytes > 0) g_debt += bytes;
}

void add_root(Value* slot) { heap().value_roots.push_back(slot); }
void add_root(Object** slot) { heap().object_roots.push_back(slot); }
void add_root_scanner(RootScanner fn) { heap().scanners.push_back(fn); }
void set_stack_base(void* base) { heap().stack_base = uintptr_t(base); }
Stats stats() { return heap().stats; }

bool find_object(uintptr_t p, Object** start) {
  Heap& h = heap();
  auto it = h.pages.find(p & ~(uintptr_t(kPageSize) - 1));
  if (it != h.pages.end()) {
    Page* pg = it->second;
    size_t idx = (p - uintptr_t(pg->base)) / pg->slot_size;
    if (idx >= pg->nslots) return false;
    auto* o = reinterpret_cast<Object*>(pg->base + idx * pg->slot_size);
    if (!o->type) return false;
    *start = o;
    return true;
  }
  auto lt = h.large.upper_bound(p);
  if (lt == h.large.begin()) return false;
  --lt;
  if (p >= lt->first + lt->second) return false;
  auto* o = reinterpret_cast<Object*>(lt->first);
  if (!o->type) return false;
  *start = o;
  return true;
}

// -- Marking ---------------------------------------------------------------------------------------
namespace {

// Stores the callee-saved registers into `regs` (which lies on the stack being scanned): an
// object pointer held only in a register by some caller is then seen. Explicit stores, not
// setjmp: glibc mangles rbp/rsp (x86-64) and x29/sp (AArch64) in a jmp_buf (PTR_MANGLE).
__attribute__((always_inline)) inline void spill_callee_saved(uintptr_t* regs) {
#if defined(__x86_64__)
  asm volatile(
      "mov %%rbx, 0(%0)\n\tmov %%rbp, 8(%0)\n\tmov %%r12, 16(%0)\n\t"
      "mov %%r13, 24(%0)\n\tmov %%r14, 32(%0)\n\tmov %%r15, 40(%0)"
      : : "r"(regs) : "memory");
#elif defined(__aarch64__)
  asm volatile(
      "stp x19, x20, [%0]\n\tstp x21, x22, [%0, #16]\n\tstp x23, x24, [%0, #32]\n\t"
      "stp x25, x26, [%0, #48]\n\tstp x27, x28, [%0, #64]\n\tstr x29, [%0, #80]"
      : : "r"(regs) : "memory");
#else
  jmp_buf buf;
  setjmp(buf);
  std::memcpy(regs, &buf, std::min(sizeof buf, 12 * sizeof(uintptr_t)));
#endif
}

__attribute__((no_sanitize_address, noinline)) void scan_native_stack(Tracer& t) {
  volatile uintptr_t regs[12] = {};
  spill_callee_saved(const_cast<uintptr_t*>(regs));
  Heap& h = heap();
  uintptr_t lo = uintptr_t(&regs[0]), hi = h.stack_base;
  if (!hi) return;
  if (lo > hi) std::swap(lo, hi);
  lo &= ~uintptr_t(7);
  for (uintptr_t a = lo; a < hi; a += 8) {
    uint64_t w = *reinterpret_cast<uint64_t*>(a);
    uintptr_t p = (w >> 48) == Value::kTagObj ? uintptr_t(w & Value::kPayloadMask) : uintptr_t(w);
    Object* o;
    if (p >= 4096 && find_object(p, &o)) t.visit(o);
  }
}

void mark_all() {
  Heap& h = heap();
  // The mark stack keeps its capacity across collections: it grows while memory is plentiful,
  // so the collection that follows a failed allocation (safepoint.h) rarely needs to grow it.
  static Tracer& t = *new Tracer;
  t.stack.clear();
  if (t.stack.capacity() < 1024) t.stack.reserve(1024);
  for (Value* v : h.value_roots) t.visit(*v);
  for (Object** o : h.object_roots) t.visit(*o);
  for (auto fn : h.scanners) fn(t);
  scan_native_stack(t);
  uint64_t live = 0;
  auto drain = [&] {
    while (!t.stack.empty()) {
      Object* o = t.stack.back();
      t.stack.pop_back();
      uint32_t cls = (o->gc >> kClassShift) & 0xFF;
      live += cls < kNumClasses ? kClassSizes[cls] : 0;
      t.visit(o->type);
      if (o->type->trace) o->type->trace(o, t);
    }
  };
  drain();
  // Objects left grey when the stack could not grow: find them in the heap and trace them.
  auto rescan = [&](Object* o) {
    if (!(o->gc & kGreyBit)) return;
    o->gc &= ~kGreyBit;
    t.stack.push_back(o);  // the stack is empty here, with at least its old capacity
    drain();
  };
  while (t.overflowed) {
    t.overflowed = false;
    for (int c = 0; c < kNumClasses; c++)
      for (Page* pg : h.class_pages[c])
        for (size_t i = 0; i < pg->nslots; i++) {
          auto* o = reinterpret_cast<Object*>(pg->base + i * pg->slot_size);
          if (o->type) rescan(o);
        }
    for (auto& [addr, size] : h.large) rescan(reinterpret_cast<Object*>(addr));
  }
  h.live_marked_bytes = live;
}

}  // namespace
}  // namespace chaipy::gc

bool chaipy::Tracer::grow() {
  try {
    stack.reserve(stack.capacity() ? stack.capacity() * 2 : 1024);
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
}

namespace chaipy::gc {
namespace {

void free_object(Object* o) {
  if (o->type->finalize) o->type->finalize(o);
}

// Sweeps one page: finalizes dead objects and threads their slots (and already-free ones) onto
// the class's free list;
// clears the mark of live ones. Freed memory is not cleared here (only on reuse), so a finalizer
// that looks at another dead object's header still reads intact data.
bool sweep_page(Page* pg, bool release_if_empty) {
  Heap& h = heap();
  char* p = pg->base;
  uint64_t freed = 0, live = 0;
  for (size_t i = 0; i < pg->nslots; i++, p += pg->slot_size) {
    auto* o = reinterpret_cast<Object*>(p);
    if (!o->type) continue;
    if (o->gc & kMarkBit) {
      o->gc &= ~kMarkBit;
      live++;
      continue;
    }
    free_object(o);
    o->type = nullptr;
    freed++;
  }
  h.stats.freed_objects += freed;
  if (live == 0 && release_if_empty) {
    h.pages.erase(uintptr_t(pg->base));
    h.empty_pages.push_back(pg->base);
    delete pg;
    return true;
  }
  FreeSlot* head = h.free_list[pg->cls];
  p = pg->base + (pg->nslots - 1) * pg->slot_size;
  for (size_t i = pg->nslots; i-- > 0; p -= pg->slot_size) {
    auto* fs = reinterpret_cast<FreeSlot*>(p);
    if (fs->type) continue;
    fs->next = head;
    head = fs;
  }
  h.free_list[pg->cls] = head;
  return false;
}

// Before marking: sweeps every page the allocator has not reached since the last collection,
// handing empty ones back to the shared pool.
void finish_sweeping() {
  Heap& h = heap();
  for (int c = 0; c < kNumClasses; c++) {
    auto& pages = h.class_pages[c];
    size_t keep = h.sweep_cursor[c];
    for (size_t i = h.sweep_cursor[c]; i < pages.size(); i++)
      if (!sweep_page(pages[i], true)) pages[keep++] = pages[i];
    pages.resize(keep);
    h.sweep_cursor[c] = keep;
  }
}

// Large objects are few: swept eagerly at the end of each collection.
void sweep_large() {
  Heap& h = heap();
  for (auto it = h.large.begin(); it != h.large.end();) {
    auto* o = reinterpret_cast<Object*>(it->first);
    if (o->gc & kMarkBit) {
      o->gc &= ~kMarkBit;
      ++it;
    } else {
      free_object(o);
      std::free(o);
      it = h.large.erase(it);
      h.stats.freed_objects++;
    }
  }
}

}  // namespace

void sweep_all() { finish_sweeping(); }

bool is_marked(const Object* o) { return o->gc & kMarkBit; }

namespace {
bool g_enabled = true;
int64_t g_saved_threshold = 0;
}  // namespace
bool enabled() { return g_enabled; }
void set_enabled(bool on) {
  if (on == g_enabled) return;
  g_enabled = on;
  if (on) {
    g_threshold = g_saved_threshold;
  } else {
    g_saved_threshold = g_threshold;
    g_threshold = INT64_MAX;
  }
}
void add_weak_scanner(WeakScanner fn) { heap().weak_scanners.push_back(fn); }
void add_after_collect(AfterCollect fn) { heap().after_collect.push_back(fn); }

// Gives back the pool pages nobody took during the last cycle (the bottom of the pool stack).
void collect() {
  Heap& h = heap();
  finish_sweeping();  // every mark bit is clear and every dead slot free before marking
  mark_all();
  for (auto fn : h.weak_scanners) fn();
  uint64_t large_live = 0;
  for (auto& [addr, size] : h.large)
    if (reinterpret_cast<Object*>(addr)->gc & kMarkBit) large_live += size;
  sweep_large();
  // Free lists are rebuilt page by page by the lazy sweep, so an object allocated after this
  // point always lives in an already-swept page and is never mistaken for garbage.
  for (int c = 0; c < kNumClasses; c++) {
    h.sweep_cursor[c] = 0;
    h.free_list[c] = nullptr;
  }
  uint64_t live = h.live_marked_bytes + large_live;
  h.stats.collections++;
  h.stats.live_bytes = live;
  g_debt = 0;
  int64_t ext = h.external > 0 ? h.external : 0;
  // Collect again after allocating half the live size (at least 1 MiB): peak memory stays near
  // 1.5x live, and the marking work per allocated byte stays constant.
  g_threshold = std::max<int64_t>(1 << 20, (int64_t(live) + ext) / 2);
  if (!g_enabled) {
    g_saved_threshold = g_threshold;
    g_threshold = INT64_MAX;
  }
  for (auto fn : h.after_collect) fn();
}

}  // namespace chaipy::gc
