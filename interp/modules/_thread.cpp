// interp/modules/_thread.cpp — the _thread module for a single-threaded interpreter: locks
// (LockType, RLock) with blocking, timeouts and the context-manager protocol, get_ident,
// _local, _set_sentinel, and start_new_thread, which runs the function to completion before it
// returns (so threading.Thread(target=f).start(); join() works, in order).
//
// Each started "thread" gets its own ident while it runs (threading keys its _active table on
// it) and the sentinel locks it creates are released when it ends, as CPython releases a
// thread's tstate lock. With one thread nobody else can release a held lock: a blocking
// acquire with a timeout sleeps the timeout and fails; one without a timeout would wait forever
// and raises RuntimeError instead.
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <cmath>
#include <vector>

#include "interp/modules/modules.h"
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {
namespace {

struct LockObject : Object { bool locked; };
struct RLockObject : Object { int64_t owner; int64_t count; };

TypeObject *lock_type, *rlock_type, *local_type;
std::vector<int64_t> g_idents;           // the running fake threads, innermost last
std::vector<std::vector<LockObject*>> g_sentinels;  // per running fake thread
int64_t g_next_ident = 0;
constexpr double kTimeoutMax = 9223372036.0;

int64_t main_ident() {
  static int64_t id = int64_t(uintptr_t(pthread_self()));
  return id;
}
int64_t current_ident() { return g_idents.empty() ? main_ident() : g_idents.back(); }

void sleep_for(double secs) {
  if (secs <= 0) return;
  timespec ts;
  ts.tv_sec = time_t(secs);
  ts.tv_nsec = long((secs - double(ts.tv_sec)) * 1e9);
  while (nanosleep(&ts, &ts) != 0) {
  }
}

// (blocking=True, timeout=-1) as the acquire methods parse them. Returns false after raising.
bool parse_acquire(const char* fname, Value* args, size_t nargs, TupleObject* kw, bool* blocking, double* timeout) {
  static const char* const names[] = {"blocking", "timeout", nullptr};
  Value a[2];
  if (!parse_args(fname, args, nargs, kw, names, 0, a)) return false;
  *blocking = true;
  *timeout = -1;
  if (!a[0].is_null()) {
    int t = truthy(a[0]);
    if (t < 0) return false;
    *blocking = t;
  }
  if (!a[1].is_null()) {
    if (a[1].is_double()) *timeout = a[1].as_double();
    else if (is_int(a[1])) {
      bool ovf;
      *timeout = int_to_double(a[1], &ovf);
    } else {
      raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer or float", type_name(a[1]));
      return false;
    }
    if (!*blocking && *timeout != -1) {
      raise(exc::ValueError, "can't specify a timeout for a non-blocking call");
      return false;
    }
    if (*timeout < 0 && *timeout != -1) {
      raise(exc::ValueError, "timeout value must be a non-negative number");
      return false;
    }
    if (*timeout > kTimeoutMax) {
      raise(exc::OverflowError, "timeout value is too large");
      return false;
    }
  }
  return true;
}

// The outcome of waiting for a lock nobody can release: false after the timeout, or an error.
Value wait_forever_or_fail(bool blocking, double timeout) {
  if (!blocking) return Value::false_();
  if (timeout < 0)
    return raise(exc::RuntimeError, "chaipy: acquiring a lock held by the only thread would block forever");
  sleep_for(timeout);
  return Value::false_();
}

// -- LockType --------------------------------------------------------------------------------------
Value lock_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if (nargs) return raise(exc::TypeError, "lock() takes no arguments");
  auto* l = gc::make<LockObject>(t);
  l->locked = false;
  return obj(l);
}
LockObject* L(Value v) { return v.as<LockObject>(); }

Value lock_acquire(Value* args, size_t nargs, TupleObject* kw) {
  bool blocking;
  double timeout;
  if (!parse_acquire("acquire", args + 1, nargs - 1, kw, &blocking, &timeout)) return Value::exc();
  LockObject* l = L(args[0]);
  if (!l->locked) {
    l->locked = true;
    return Value::true_();
  }
  return wait_forever_or_fail(blocking, timeout);
}
Value lock_enter(Value* args, size_t nargs, TupleObject* kw) { return lock_acquire(args, 1, nullptr); }
Value lock_release(Value* args, size_t nargs, TupleObject* kw) {
  LockObject* l = L(args[0]);
  if (!l->locked) return raise(exc::RuntimeError, "release unlocked lock");
  l->locked = false;
  return Value::none();
}
Value lock_exit(Value* args, size_t nargs, TupleObject* kw) { return lock_release(args, 1, nullptr); }
Value lock_locked(Value* args, size_t nargs, TupleObject* kw) { return Value::from_bool(L(args[0])->locked); }
Value lock_reinit(Value* args, size_t nargs, TupleObject* kw) {
  L(args[0])->locked = false;
  return Value::none();
}
Value lock_repr(Value self) {
  return str_value(fmt::format("<{} {} object at {:#x}>", L(self)->locked ? "locked" : "unlocked",
                               type_of(self) == lock_type ? "_thread.lock" : type_name(self), uintptr_t(self.as_obj())));
}

// -- RLock -----------------------------------------------------------------------------------------
RLockObject* R(Value v) { return v.as<RLockObject>(); }
Value rlock_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  auto* r = gc::make<RLockObject>(t);
  r->owner = 0;
  r->count = 0;
  return obj(r);
}
Value rlock_acquire(Value* args, size_t nargs, TupleObject* kw) {
  bool blocking;
  double timeout;
  if (!parse_acquire("acquire", args + 1, nargs - 1, kw, &blocking, &timeout)) return Value::exc();
  RLockObject* r = R(args[0]);
  int64_t me = current_ident();
  if (r->count == 0 || r->owner == me) {
    r->owner = me;
    r->count++;
    return Value::true_();
  }
  return wait_forever_or_fail(blocking, timeout);
}
Value rlock_enter(Value* args, size_t nargs, TupleObject* kw) { return rlock_acquire(args, 1, nullptr); }
Value rlock_release(Value* args, size_t nargs, TupleObject* kw) {
  RLockObject* r = R(args[0]);
  if (r->count == 0 || r->owner != current_ident()) return raise(exc::RuntimeError, "cannot release un-acquired lock");
  if (--r->count == 0) r->owner = 0;
  return Value::none();
}
Value rlock_exit(Value* args, size_t nargs, TupleObject* kw) { return rlock_release(args, 1, nullptr); }
Value rlock_is_owned(Value* args, size_t nargs, TupleObject* kw) {
  return Value::from_bool(R(args[0])->count > 0 && R(args[0])->owner == current_ident());
}
Value rlock_recursion_count(Value* args, size_t nargs, TupleObject* kw) {
  RLockObject* r = R(args[0]);
  return int_from_i64(r->owner == current_ident() ? r->count : 0);
}
// _release_save() -> (count, owner); _acquire_restore((count, owner)) (Condition.wait uses them).
Value rlock_release_save(Value* args, size_t nargs, TupleObject* kw) {
  RLockObject* r = R(args[0]);
  if (r->count == 0) return raise(exc::RuntimeError, "cannot release un-acquired lock");
  Value st = tuple_pack({int_from_i64(r->count), int_from_i64(r->owner)});
  r->count = 0;
  r->owner = 0;
  return st;
}
Value rlock_acquire_restore(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2 || !is_tuple(args[1]) || args[1].as<TupleObject>()->size != 2)
    return raise(exc::TypeError, "_acquire_restore() argument must be a (count, owner) tuple");
  RLockObject* r = R(args[0]);
  if (r->count && r->owner != current_ident()) return wait_forever_or_fail(true, -1);
  int64_t c, o;
  int_to_i64(args[1].as<TupleObject>()->items[0], &c);
  int_to_i64(args[1].as<TupleObject>()->items[1], &o);
  r->count = c;
  r->owner = o;
  return Value::none();
}
Value rlock_reinit(Value* args, size_t nargs, TupleObject* kw) {
  R(args[0])->count = 0;
  R(args[0])->owner = 0;
  return Value::none();
}
Value rlock_repr(Value self) {
  RLockObject* r = R(self);
  return str_value(fmt::format("<{} {}.{} object owner={} count={} at {:#x}>", r->count ? "locked" : "unlocked",
                               type_of(self)->module ? type_of(self)->module->view() : "_thread",
                               type_of(self)->name->view(), r->owner, r->count, uintptr_t(self.as_obj())));
}

// -- _local -------------------------------------------------------------------------------------------
Value local_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  if (nargs && t->init == local_type->init && (t == local_type || !(t->flags & kTypeHeap)))
    return raise(exc::TypeError, "Initialization arguments are not supported");
  return instance_new(t);
}

// -- Module functions -----------------------------------------------------------------------------------
Value th_allocate_lock(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("allocate_lock", kw) || !check_nargs("allocate_lock", nargs, 0, 0)) return Value::exc();
  return lock_new(lock_type, nullptr, 0, nullptr);
}

Value th_get_ident(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get_ident", kw) || !check_nargs("get_ident", nargs, 0, 0)) return Value::exc();
  return int_from_i64(current_ident());
}

Value th_get_native_id(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get_native_id", kw) || !check_nargs("get_native_id", nargs, 0, 0)) return Value::exc();
  return int_from_i64(int64_t(::getpid()) + int64_t(g_idents.size()));
}

Value th_set_sentinel(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_set_sentinel", kw) || !check_nargs("_set_sentinel", nargs, 0, 0)) return Value::exc();
  Value l = lock_new(lock_type, nullptr, 0, nullptr);
  if (!g_sentinels.empty()) g_sentinels.back().push_back(L(l));
  return l;
}

Value th_start_new_thread(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("start_new_thread", kw) || !check_nargs("start_new_thread", nargs, 2, 3)) return Value::exc();
  if (!type_of(args[0])->call) return raise(exc::TypeError, "first arg must be callable");
  if (!is_tuple(args[1])) return raise(exc::TypeError, "2nd arg must be a tuple");
  if (nargs == 3 && !is_dict(args[2])) return raise(exc::TypeError, "optional 3rd arg must be a dictionary");
  int64_t ident = main_ident() + (++g_next_ident) * 4096;
  g_idents.push_back(ident);
  g_sentinels.emplace_back();
  TupleObject* a = args[1].as<TupleObject>();
  Value r;
  if (nargs == 3 && args[2].as<DictObject>()->used) {
    Value f = args[0];
    // f(*args, **kwargs) through a kwnames tuple.
    DictObject* d = args[2].as<DictObject>();
    std::vector<Value> all(a->items, a->items + a->size);
    TupleObject* names = tuple_new(d->used);
    size_t k = 0;
    for (uint64_t i = 0; i < d->nentries; i++)
      if (!d->entries[i].key.is_null()) {
        names->items[k++] = d->entries[i].key;
        all.push_back(d->entries[i].value);
      }
    r = call(f, all.data(), all.size(), names);
  } else {
    r = call(args[0], a->items, a->size);
  }
  if (r.is_exc()) {
    Value e = exc_fetch();
    if (!is_subtype(type_of(e), exc::SystemExit)) {
      stderr_write("Unhandled exception in thread started by " + repr_utf8(args[0]) + "\n");
      print_exception(e);
    }
  }
  for (LockObject* l : g_sentinels.back()) l->locked = false;  // the thread state is gone
  g_sentinels.pop_back();
  g_idents.pop_back();
  return int_from_i64(ident);
}

Value th_stack_size(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("stack_size", kw) || !check_nargs("stack_size", nargs, 0, 1)) return Value::exc();
  return Value::from_small_int(0);
}

Value th_count(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_count", kw) || !check_nargs("_count", nargs, 0, 0)) return Value::exc();
  return int_from_i64(int64_t(g_idents.size()));
}

Value th_interrupt_main(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("interrupt_main", nargs, 0, 1)) return Value::exc();
  return raise(exc::KeyboardInterrupt, "");
}

void trace_sentinels(Tracer& t) {
  for (auto& v : g_sentinels)
    for (LockObject* l : v) t.visit(l);
}

void init_types() {
  lock_type = make_builtin_type("lock", types::object, sizeof(LockObject), kTypeWeakrefable);
  lock_type->module = str_intern("_thread");
  lock_type->tp_new = lock_new;
  lock_type->repr = lock_repr;
  type_add_methods(lock_type, {{"acquire", lock_acquire}, {"acquire_lock", lock_acquire}, {"__enter__", lock_enter},
                               {"release", lock_release, kNativeNoArgs}, {"release_lock", lock_release, kNativeNoArgs},
                               {"__exit__", lock_exit}, {"locked", lock_locked, kNativeNoArgs},
                               {"locked_lock", lock_locked, kNativeNoArgs}, {"_at_fork_reinit", lock_reinit, kNativeNoArgs}});
  rlock_type = make_builtin_type("RLock", types::object, sizeof(RLockObject), kTypeWeakrefable);
  rlock_type->module = str_intern("_thread");
  rlock_type->tp_new = rlock_new;
  rlock_type->repr = rlock_repr;
  type_add_methods(rlock_type, {{"acquire", rlock_acquire}, {"__enter__", rlock_enter},
                                {"release", rlock_release, kNativeNoArgs}, {"__exit__", rlock_exit},
                                {"_is_owned", rlock_is_owned, kNativeNoArgs},
                                {"_recursion_count", rlock_recursion_count, kNativeNoArgs},
                                {"_release_save", rlock_release_save, kNativeNoArgs},
                                {"_acquire_restore", rlock_acquire_restore},
                                {"_at_fork_reinit", rlock_reinit, kNativeNoArgs}});
  type_enable_subclassing(rlock_type);
  local_type = make_builtin_type("_local", types::object, sizeof(InstanceObject),
                                 kTypeInstanceLayout | kTypeWeakrefable | kTypeBaseType);
  local_type->module = str_intern("_thread");
  local_type->tp_new = local_new;
  // Instances are plain attribute holders, laid out like SimpleNamespace's.
  local_type->trace = namespace_type()->trace;
  local_type->finalize = namespace_type()->finalize;
  gc::add_root_scanner(trace_sentinels);
}

}  // namespace

Value make__thread_module() {
  if (!lock_type) init_types();
  Value m = module_new("_thread");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"allocate_lock", th_allocate_lock},
                           {"allocate", th_allocate_lock},
                           {"get_ident", th_get_ident},
                           {"get_native_id", th_get_native_id},
                           {"_set_sentinel", th_set_sentinel},
                           {"start_new_thread", th_start_new_thread},
                           {"start_new", th_start_new_thread},
                           {"stack_size", th_stack_size},
                           {"_count", th_count},
                           {"interrupt_main", th_interrupt_main}});
  dict_set_str(d, str_intern("LockType"), obj(lock_type));
  dict_set_str(d, str_intern("RLock"), obj(rlock_type));
  dict_set_str(d, str_intern("_local"), obj(local_type));
  dict_set_str(d, str_intern("error"), obj(exc::RuntimeError));
  dict_set_str(d, str_intern("TIMEOUT_MAX"), Value::from_double(kTimeoutMax));
  return m;
}

}  // namespace chaipy
