// interp/modules/time.cpp — the time module: wall, monotonic, performance and process clocks
// (float seconds and integer nanoseconds), sleep, struct_time with gmtime / localtime / mktime,
// asctime / ctime / strftime (the C library's), strptime (the standard library's _strptime), the
// timezone attributes (recomputed by tzset) and get_clock_info.
#include <time.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>

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
  timespec req;
  req.tv_sec = time_t(secs);
  req.tv_nsec = long((secs - double(req.tv_sec)) * 1e9);
  if (req.tv_nsec >= 1000000000) req.tv_nsec = 999999999;
  timespec rem;
  // A signal that arrived since the last safe point is handled before blocking (CPython's eval
  // breaker runs at the call).
  if (!check_signals()) return Value::exc();
  while (nanosleep(&req, &rem) != 0 && errno == EINTR) {
    if (!check_signals()) return Value::exc();  // Ctrl-C: KeyboardInterrupt from the sleep
    req = rem;
  }
  return Value::none();
}

// -- struct_time ------------------------------------------------------------------------------------
TypeObject* g_struct_time;
DictObject* g_time_dict;

Value struct_time_from(const struct tm& t) {
  return struct_seq_new(g_struct_time, {
      Value::from_small_int(t.tm_year + 1900), Value::from_small_int(t.tm_mon + 1), Value::from_small_int(t.tm_mday),
      Value::from_small_int(t.tm_hour), Value::from_small_int(t.tm_min), Value::from_small_int(t.tm_sec),
      Value::from_small_int((t.tm_wday + 6) % 7), Value::from_small_int(t.tm_yday + 1),
      Value::from_small_int(t.tm_isdst), t.tm_zone ? str_value(t.tm_zone) : Value::none(),
      int_from_i64(t.tm_gmtoff)});
}

// A time_t from seconds (int or float, floored); None or absent: now.
bool time_t_arg(Value* args, size_t nargs, time_t* out) {
  if (nargs == 0 || args[0].is_none()) {
    *out = ::time(nullptr);
    return true;
  }
  Value v = args[0];
  if (v.is_double()) {
    double d = v.as_double();
    if (std::isnan(d)) {
      raise(exc::ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d = std::floor(d);
    if (!(d >= -9.2e18 && d <= 9.2e18)) {
      raise(exc::OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = time_t(d);
    return true;
  }
  int64_t i;
  if (!is_int(v)) {
    if (lookup_special(v, str_intern("__index__")).is_null()) {
      raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
      return false;
    }
  }
  if (index_of(v, &i).is_exc()) {
    if (exc_matches(exc::OverflowError)) {
      exc_fetch();
      raise(exc::OverflowError, "timestamp out of range for platform time_t");
    }
    return false;
  }
  *out = time_t(i);
  return true;
}

Value time_gmtime_impl(Value* args, size_t nargs, TupleObject* kw, bool local) {
  const char* fname = local ? "localtime" : "gmtime";
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 0, 1)) return Value::exc();
  time_t t;
  if (!time_t_arg(args, nargs, &t)) return Value::exc();
  struct tm buf;
  errno = 0;
  if (!(local ? localtime_r(&t, &buf) : gmtime_r(&t, &buf))) {
    if (errno == 0 || errno == EOVERFLOW) return raise(exc::OverflowError, "timestamp out of range for platform time_t");
    return raise_os_error(errno);
  }
  return struct_time_from(buf);
}
Value time_gmtime(Value* a, size_t n, TupleObject* k) { return time_gmtime_impl(a, n, k, false); }
Value time_localtime(Value* a, size_t n, TupleObject* k) { return time_gmtime_impl(a, n, k, true); }

// struct_time or a 9-tuple -> struct tm (CPython's gettmarg + checktm). `fname` for messages.
bool tm_arg(const char* fname, Value v, struct tm* out, bool check) {
  if (!is_tuple(v)) {
    raise(exc::TypeError, "Tuple or struct_time argument required");
    return false;
  }
  auto* t = v.as<TupleObject>();
  if (t->size != 9) {
    raise_fmt(exc::TypeError, "{}(): illegal time tuple argument", fname);
    return false;
  }
  int f[9];
  for (int i = 0; i < 9; i++) {
    int64_t x;
    if (!is_int(t->items[i])) {
      raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(t->items[i]));
      return false;
    }
    if (!int_get_i64(t->items[i], &x) || x > INT_MAX || x < INT_MIN) {
      raise(exc::OverflowError, "Python int too large to convert to C int");
      return false;
    }
    f[i] = int(x);
  }
  std::memset(out, 0, sizeof *out);
  out->tm_year = f[0] - 1900;
  out->tm_mon = f[1] - 1;
  out->tm_mday = f[2];
  out->tm_hour = f[3];
  out->tm_min = f[4];
  out->tm_sec = f[5];
  out->tm_wday = (f[6] + 1) % 7;
  out->tm_yday = f[7] - 1;
  out->tm_isdst = f[8];
  if (g_struct_time && type_of(v) == g_struct_time) {  // the named-only fields, when present
    Value zone = t->items[9], off = t->items[10];
    static thread_local std::string zone_buf;
    if (is_str(zone)) {
      zone_buf.assign(as_str(zone)->view());
      out->tm_zone = zone_buf.c_str();
    }
    int64_t g;
    if (is_int(off) && int_get_i64(off, &g)) out->tm_gmtoff = long(g);
  }
  if (!check) return true;
  // checktm: strftime/asctime accept 0 for month/day/yday and normalise them.
  if (out->tm_mon == -1) out->tm_mon = 0;
  else if (out->tm_mon < 0 || out->tm_mon > 11) return raise(exc::ValueError, "month out of range"), false;
  if (out->tm_mday == 0) out->tm_mday = 1;
  else if (out->tm_mday < 0 || out->tm_mday > 31) return raise(exc::ValueError, "day of month out of range"), false;
  if (out->tm_hour < 0 || out->tm_hour > 23) return raise(exc::ValueError, "hour out of range"), false;
  if (out->tm_min < 0 || out->tm_min > 59) return raise(exc::ValueError, "minute out of range"), false;
  if (out->tm_sec < 0 || out->tm_sec > 61) return raise(exc::ValueError, "seconds out of range"), false;
  if (out->tm_wday < 0) return raise(exc::ValueError, "day of week out of range"), false;
  if (out->tm_yday == -1) out->tm_yday = 0;
  else if (out->tm_yday < 0 || out->tm_yday > 365) return raise(exc::ValueError, "day of year out of range"), false;
  if (out->tm_isdst < -1) out->tm_isdst = -1;
  else if (out->tm_isdst > 1) out->tm_isdst = 1;
  return true;
}

bool tm_or_now(const char* fname, Value* args, size_t nargs, struct tm* out) {
  if (nargs == 0) {
    time_t t = ::time(nullptr);
    localtime_r(&t, out);
    return true;
  }
  return tm_arg(fname, args[0], out, true);
}

Value time_mktime(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("mktime", kw) || !check_nargs("mktime", nargs, 1, 1)) return Value::exc();
  struct tm t;
  if (!tm_arg("mktime", args[0], &t, false)) return Value::exc();
  t.tm_wday = -1;  // sentinel: mktime() leaves it alone on failure
  time_t r = ::mktime(&t);
  if (r == time_t(-1) && t.tm_wday == -1) return raise(exc::OverflowError, "mktime argument out of range");
  return Value::from_double(double(r));
}

std::string asctime_string(const struct tm& t) {
  static const char wday[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char mon[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{} {}{:3d} {:02d}:{:02d}:{:02d} {}", wday[t.tm_wday % 7], mon[t.tm_mon % 12], t.tm_mday,
                     t.tm_hour, t.tm_min, t.tm_sec, 1900 + t.tm_year);
}

Value time_asctime(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("asctime", kw) || !check_nargs("asctime", nargs, 0, 1)) return Value::exc();
  struct tm t;
  if (!tm_or_now("asctime", args, nargs, &t)) return Value::exc();
  return str_value(asctime_string(t));
}

Value time_ctime(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("ctime", kw) || !check_nargs("ctime", nargs, 0, 1)) return Value::exc();
  time_t tt;
  if (!time_t_arg(args, nargs, &tt)) return Value::exc();
  struct tm t;
  if (!localtime_r(&tt, &t)) return raise(exc::OverflowError, "timestamp out of range for platform time_t");
  return str_value(asctime_string(t));
}

Value time_strftime(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("strftime", kw) || !check_nargs("strftime", nargs, 1, 2)) return Value::exc();
  if (!is_str(args[0]))
    return raise_fmt(exc::TypeError, "strftime() argument 1 must be str, not {}", type_name(args[0]));
  struct tm t;
  if (!tm_or_now("strftime", args + 1, nargs - 1, &t)) return Value::exc();
  std::string fmt_s(as_str(args[0])->view());
  if (fmt_s.find('\0') != std::string::npos) return raise(exc::ValueError, "embedded null character");
  if (fmt_s.empty()) return str_value("");
  // A format whose expansion is empty is legal: grow the buffer a bounded number of times.
  for (size_t cap = 256 + fmt_s.size() * 4;; cap *= 2) {
    std::string buf(cap, '\0');
    size_t n = ::strftime(buf.data(), cap, fmt_s.c_str(), &t);
    if (n > 0 || cap > 256 * fmt_s.size() + 4096) return str_value(std::string_view(buf.data(), n));
  }
}

Value time_strptime(Value* args, size_t nargs, TupleObject* kw) {
  Value mod = import_name(str_intern("_strptime"), nullptr, Value::none(), 0);
  if (mod.is_exc()) return mod;
  Value f = getattr(mod, str_intern("_strptime_time"));
  if (f.is_exc()) return f;
  return call(f, args, nargs, kw);
}

// timezone / altzone / daylight / tzname from the zone's January and July offsets (CPython's
// init_timezone).
void set_timezone_attrs(DictObject* d) {
  const time_t kYear = time_t((365 * 24 + 6) * 3600);
  time_t t = (::time(nullptr) / kYear) * kYear;
  struct tm jan, jul;
  localtime_r(&t, &jan);
  t += kYear / 2;
  localtime_r(&t, &jul);
  long janzone = -jan.tm_gmtoff, julzone = -jul.tm_gmtoff;
  std::string janname = jan.tm_zone ? jan.tm_zone : "", julname = jul.tm_zone ? jul.tm_zone : "";
  bool southern = janzone < julzone;
  long tz = southern ? julzone : janzone, alt = southern ? janzone : julzone;
  dict_set_str(d, str_intern("timezone"), int_from_i64(tz));
  dict_set_str(d, str_intern("altzone"), int_from_i64(alt));
  dict_set_str(d, str_intern("daylight"), Value::from_small_int(janzone != julzone));
  dict_set_str(d, str_intern("tzname"), southern ? tuple_pack({str_value(julname), str_value(janname)})
                                                 : tuple_pack({str_value(janname), str_value(julname)}));
}

Value time_tzset(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("tzset", kw) || !check_nargs("tzset", nargs, 0, 0)) return Value::exc();
  ::tzset();
  set_timezone_attrs(g_time_dict);
  return Value::none();
}

Value time_get_clock_info(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get_clock_info", kw) || !check_nargs("get_clock_info", nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "get_clock_info() argument 1 must be str, not {}", type_name(args[0]));
  std::string_view n = as_str(args[0])->view();
  const char* impl;
  clockid_t id;
  bool mono = true, adjustable = false;
  if (n == "time") impl = "clock_gettime(CLOCK_REALTIME)", id = CLOCK_REALTIME, mono = false, adjustable = true;
  else if (n == "monotonic" || n == "perf_counter") impl = "clock_gettime(CLOCK_MONOTONIC)", id = CLOCK_MONOTONIC;
  else if (n == "process_time") impl = "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", id = CLOCK_PROCESS_CPUTIME_ID;
  else if (n == "thread_time") impl = "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", id = CLOCK_THREAD_CPUTIME_ID;
  else return raise(exc::ValueError, "unknown clock");
  timespec res;
  clock_getres(id, &res);
  double resolution = double(res.tv_sec) + double(res.tv_nsec) * 1e-9;
  Value vals[4] = {str_value(impl), Value::from_bool(mono), Value::from_bool(adjustable), Value::from_double(resolution)};
  const char* keys[4] = {"implementation", "monotonic", "adjustable", "resolution"};
  // types.SimpleNamespace(**info), as CPython; a plain namespace object until `types` imports.
  Value types_mod = import_name(str_intern("types"), nullptr, Value::none(), 0);
  Value ns = types_mod.is_exc() ? Value::exc() : getattr(types_mod, str_intern("SimpleNamespace"));
  if (ns.is_exc()) {
    exc_fetch();
    Value m = module_new("namespace");
    for (int i = 0; i < 4; i++) dict_set_str(m.as<ModuleObject>()->dict, str_intern(keys[i]), vals[i]);
    return m;
  }
  TupleObject* kwn = tuple_new(4);
  for (int i = 0; i < 4; i++) kwn->items[i] = obj(str_intern(keys[i]));
  return call(ns, vals, 4, kwn);
}

bool clock_id_arg(Value v, clockid_t* out) {
  int64_t i;
  if (index_of(v, &i).is_exc()) return false;
  *out = clockid_t(i);
  return true;
}

Value time_clock_gettime(Value* args, size_t nargs, TupleObject* kw) {
  clockid_t id;
  if (!check_no_kwargs("clock_gettime", kw) || !check_nargs("clock_gettime", nargs, 1, 1) || !clock_id_arg(args[0], &id))
    return Value::exc();
  timespec ts;
  if (clock_gettime(id, &ts) != 0) return raise_os_error(errno);
  return Value::from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9);
}

Value time_clock_gettime_ns(Value* args, size_t nargs, TupleObject* kw) {
  clockid_t id;
  if (!check_no_kwargs("clock_gettime_ns", kw) || !check_nargs("clock_gettime_ns", nargs, 1, 1) ||
      !clock_id_arg(args[0], &id))
    return Value::exc();
  timespec ts;
  if (clock_gettime(id, &ts) != 0) return raise_os_error(errno);
  return int_from_i64(int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec);
}

Value time_clock_getres(Value* args, size_t nargs, TupleObject* kw) {
  clockid_t id;
  if (!check_no_kwargs("clock_getres", kw) || !check_nargs("clock_getres", nargs, 1, 1) || !clock_id_arg(args[0], &id))
    return Value::exc();
  timespec ts;
  if (clock_getres(id, &ts) != 0) return raise_os_error(errno);
  return Value::from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9);
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
      {"gmtime", time_gmtime},
      {"localtime", time_localtime},
      {"mktime", time_mktime},
      {"asctime", time_asctime},
      {"ctime", time_ctime},
      {"strftime", time_strftime},
      {"strptime", time_strptime},
      {"tzset", time_tzset},
      {"get_clock_info", time_get_clock_info},
      {"clock_gettime", time_clock_gettime},
      {"clock_gettime_ns", time_clock_gettime_ns},
      {"clock_getres", time_clock_getres},
  });
  DictObject* d = m.as<ModuleObject>()->dict;
  g_time_dict = d;
  if (!g_struct_time) {
    g_struct_time = make_struct_seq_type("time", "struct_time",
                                         {"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday",
                                          "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff"},
                                         9);
    gc::add_root(&g_struct_time);
    gc::add_root(&g_time_dict);
  }
  dict_set_str(d, str_intern("struct_time"), obj(g_struct_time));
  struct {
    const char* name;
    clockid_t id;
  } const clocks[] = {{"CLOCK_BOOTTIME", CLOCK_BOOTTIME}, {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
                      {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW}, {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
                      {"CLOCK_REALTIME", CLOCK_REALTIME}, {"CLOCK_TAI", CLOCK_TAI},
                      {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID}};
  for (const auto& c : clocks) dict_set_str(d, str_intern(c.name), Value::from_small_int(c.id));
  ::tzset();
  set_timezone_attrs(d);
  return m;
}

}  // namespace chaipy
