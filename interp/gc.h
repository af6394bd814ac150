// interp/gc.h — the garbage collector: precise, non-moving mark-and-sweep over size-class pages.
//
// Contract:
//  * alloc() only allocates (and adds to the debt); it never collects. Collection happens only
//    when the interpreter reaches a safe point and should_collect() says the debt is over the
//    threshold, so a C++ function never sees objects move or vanish in the middle of its work.
//  * Roots are precise for VM structures (frame stack, registered root slots and scanners) and
//    conservative for the native C++ stack: any word there that points into an allocated slot
//    (raw or NaN-boxed) keeps that object alive. Non-moving objects make this safe, and it
//    frees native code (built-ins that call back into Python) from handle bookkeeping.
//  * Each type's `trace` slot visits every Value/Object* the object holds; `finalize` releases
//    malloc'd memory (list items, dict tables, mpz) when the object dies.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "interp/object.h"

namespace chaipy {

// Marking. When memory is too short to grow the mark stack, a newly marked object is flagged
// grey (gc bit 1) instead of pushed, and the collector later rescans the heap for grey objects:
// marking itself never fails.
struct Tracer {
  std::vector<Object*> stack;
  bool overflowed = false;
  void visit(Value v) {
    if (v.is_obj()) visit(v.as_obj());
  }
  void visit(Object* o) {
    if (o && !(o->gc & 1)) {
      o->gc |= 1;
      if (stack.size() == stack.capacity() && !grow()) {
        o->gc |= 2;
        overflowed = true;
        return;
      }
      stack.push_back(o);
    }
  }
  bool grow();  // gc.cpp: doubles the stack's capacity; false when there is no memory for it
};

namespace gc {

void* alloc(size_t bytes);  // zeroed, 16-byte aligned, never collects
template <class T>
T* make(TypeObject* type, size_t extra = 0) {
  T* o = static_cast<T*>(alloc(sizeof(T) + extra));
  o->type = type;
  return o;
}
void note_external(int64_t bytes);  // malloc'd bytes owned by heap objects (+ alloc, - free)

extern int64_t g_debt, g_threshold;
inline bool should_collect() { return g_debt > g_threshold; }
void collect();    // call only from a safe point; dead objects are then swept lazily
void sweep_all();  // finish the lazy sweep now (tests, statistics)

void add_root(Value* slot);
void add_root(Object** slot);
template <class T>
void add_root(T** slot) { add_root(reinterpret_cast<Object**>(slot)); }
using RootScanner = void (*)(Tracer&);
void add_root_scanner(RootScanner fn);
void set_stack_base(void* base);  // the outermost native frame to scan (set in main)

// Weak references (interp/modules/_weakref.cpp). A weak scanner runs after marking, before
// anything is swept: is_marked() tells which objects survive, so it can clear references to the
// others. After-collect hooks run at the very end of collect(), with the heap consistent again:
// they may allocate and run Python code (weakref callbacks).
bool is_marked(const Object* o);
using WeakScanner = void (*)();
void add_weak_scanner(WeakScanner fn);
using AfterCollect = void (*)();
void add_after_collect(AfterCollect fn);

// gc.disable()/enable(): automatic collections off/on (explicit collect() still works).
void set_enabled(bool on);
bool enabled();

// True if p points into a live allocated object; *start receives its address.
bool find_object(uintptr_t p, Object** start);

struct Stats {
  uint64_t collections = 0, live_bytes = 0, heap_bytes = 0, freed_objects = 0;
};
Stats stats();

}  // namespace gc
}  // namespace chaipy
