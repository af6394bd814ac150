// interp/modules/time.cpp — the time module: wall, monotonic, performance and process clocks
// (float seconds and integer nanoseconds) and sleep.
#include <time.h>

#include <cerrno>
#include <cmath>

#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

int64_t clock_ns(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double clock_s(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

#define CLOCK_FUNCS(pyname, id)                                                                 \
  Value time_##pyname(Value*, size_t nargs, TupleObject* kwnames) {                             \
    if (!check_no_kwargs(#pyname, kwnames) || !check_nargs(#pyname, nargs, 0, 0)) return Value::exc(); \
    return Value::from_double(clock_s(id));                                                     \
  }                                                                                             \
  Value time_##pyname##_ns(Value*, size_t nargs, TupleObject* kwnames) {                        \
    if (!check_no_kwargs(#pyname "_ns", kwnames) || !check_nargs(#pyname "_ns", nargs, 0, 0))   \
      return Value::exc();                                                                      \
    return int_from_i64(clock_ns(id));                                                          \
  }
CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)
#undef CLOCK_FUNCS

Value time_sleep(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("sleep", kwnames) || !check_nargs("sleep", nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  double secs;
  if (v.is_double()) {
    secs = v.as_double();
    if (std::isnan(secs)) return raise(exc::ValueError, "Invalid value NaN (not a number)");
  } else if (is_int(v)) {
    int64_t i;
    if (!int_get_i64(v, &i) || i > INT64_MAX / 1000000000 || i < INT64_MIN / 1000000000)
      return raise(exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
    secs = double(i);
  } else {
    Value m = lookup_special(v, str_intern("__float__"));
    if (m.is_exc()) return m;
    if (m.is_null())
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    Value f = call0(m);
    if (f.is_exc()) return f;
    if (!f.is_double()) return raise_fmt(exc::TypeError, "__float__ returned non-float (type {})", type_name(f));
    secs = f.as_double();
  }
  if (secs < 0) return raise(exc::ValueError, "sleep length must be non-negative");
  if (secs > 9.2e9) return raise(exc::OverflowError, "timestamp out of range for platform time_t");
  stdout_flush();
  timespec req;
  req.tv_sec = time_t(secs);
  req.tv_nsec = long((secs - double(req.tv_sec)) * 1e9);
  if (req.tv_nsec >= 1000000000) req.tv_nsec = 999999999;
  timespec rem;
  while (nanosleep(&req, &rem) != 0 && errno == EINTR) req = rem;
  return Value::none();
}

}  // namespace

Value make_time_module() {
  Value m = module_new("time");
  module_add_functions(m.as<ModuleObject>()->dict, {
      {"time", time_time},
      {"time_ns", time_time_ns},
      {"perf_counter", time_perf_counter},
      {"perf_counter_ns", time_perf_counter_ns},
      {"monotonic", time_monotonic},
      {"monotonic_ns", time_monotonic_ns},
      {"process_time", time_process_time},
      {"process_time_ns", time_process_time_ns},
      {"thread_time", time_thread_time},
      {"thread_time_ns", time_thread_time_ns},
      {"sleep", time_sleep},
  });
  return m;
}

}  // namespace chaipy
