// interp/modules/resource.cpp — the resource module: getrlimit / setrlimit / prlimit, getrusage
// as resource.struct_rusage, getpagesize, and the RLIMIT_* / RUSAGE_* constants.
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

TypeObject* g_struct_rusage;

Value rlim_value(rlim_t r) { return r == RLIM_INFINITY ? Value::from_small_int(-1) : int_from_i64(int64_t(r)); }

bool resource_arg(Value v, int* out) {
  int64_t r;
  if (index_of(v, &r).is_exc()) return false;
  if (r < 0 || r >= RLIM_NLIMITS) {
    raise(exc::ValueError, "invalid resource specified");
    return false;
  }
  *out = int(r);
  return true;
}

Value res_getrlimit(Value* args, size_t nargs, TupleObject* kw) {
  int r;
  if (!check_no_kwargs("getrlimit", kw) || !check_nargs("getrlimit", nargs, 1, 1) || !resource_arg(args[0], &r))
    return Value::exc();
  rlimit l;
  if (::getrlimit(__rlimit_resource(r), &l) != 0) return raise_os_error(errno);
  return tuple_pack({rlim_value(l.rlim_cur), rlim_value(l.rlim_max)});
}

bool limits_arg(Value v, rlimit* out) {
  Value t = to_tuple(v);
  if (t.is_exc()) return false;
  if (t.as<TupleObject>()->size != 2) {
    raise(exc::ValueError, "expected a tuple of 2 integers");
    return false;
  }
  int64_t a, b;
  if (index_of(t.as<TupleObject>()->items[0], &a).is_exc() || index_of(t.as<TupleObject>()->items[1], &b).is_exc())
    return false;
  out->rlim_cur = a < 0 ? RLIM_INFINITY : rlim_t(a);
  out->rlim_max = b < 0 ? RLIM_INFINITY : rlim_t(b);
  return true;
}

Value res_setrlimit(Value* args, size_t nargs, TupleObject* kw) {
  int r;
  rlimit l;
  if (!check_no_kwargs("setrlimit", kw) || !check_nargs("setrlimit", nargs, 2, 2) || !resource_arg(args[0], &r) ||
      !limits_arg(args[1], &l))
    return Value::exc();
  if (::setrlimit(__rlimit_resource(r), &l) != 0) {
    if (errno == EINVAL) return raise(exc::ValueError, "current limit exceeds maximum limit");
    if (errno == EPERM) return raise(exc::ValueError, "not allowed to raise maximum limit");
    return raise_os_error(errno);
  }
  return Value::none();
}

Value res_prlimit(Value* args, size_t nargs, TupleObject* kw) {
  int pid, r;
  if (!check_no_kwargs("prlimit", kw) || !check_nargs("prlimit", nargs, 2, 3) || !int_arg(args[0], &pid) ||
      !resource_arg(args[1], &r))
    return Value::exc();
  rlimit nl, old;
  if (nargs == 3 && !limits_arg(args[2], &nl)) return Value::exc();
  if (::prlimit(pid, __rlimit_resource(r), nargs == 3 ? &nl : nullptr, &old) != 0) return raise_os_error(errno);
  return tuple_pack({rlim_value(old.rlim_cur), rlim_value(old.rlim_max)});
}

Value res_getrusage(Value* args, size_t nargs, TupleObject* kw) {
  int64_t who;
  if (!check_no_kwargs("getrusage", kw) || !check_nargs("getrusage", nargs, 1, 1) || index_of(args[0], &who).is_exc())
    return Value::exc();
  rusage u;
  if (::getrusage(__rusage_who(who), &u) != 0) {
    if (errno == EINVAL) return raise(exc::ValueError, "invalid who parameter");
    return raise_os_error(errno);
  }
  auto tv = [](const timeval& t) { return Value::from_double(double(t.tv_sec) + double(t.tv_usec) * 1e-6); };
  auto i = [](long v) { return int_from_i64(v); };
  return struct_seq_new(g_struct_rusage, {tv(u.ru_utime), tv(u.ru_stime), i(u.ru_maxrss), i(u.ru_ixrss), i(u.ru_idrss),
                                          i(u.ru_isrss), i(u.ru_minflt), i(u.ru_majflt), i(u.ru_nswap), i(u.ru_inblock),
                                          i(u.ru_oublock), i(u.ru_msgsnd), i(u.ru_msgrcv), i(u.ru_nsignals),
                                          i(u.ru_nvcsw), i(u.ru_nivcsw)});
}

Value res_getpagesize(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getpagesize", kw) || !check_nargs("getpagesize", nargs, 0, 0)) return Value::exc();
  return int_from_i64(::sysconf(_SC_PAGESIZE));
}

}  // namespace

Value make_resource_module() {
  if (!g_struct_rusage) {
    g_struct_rusage = make_struct_seq_type(
        "resource", "struct_rusage",
        {"ru_utime", "ru_stime", "ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt", "ru_nswap",
         "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw"});
    gc::add_root(&g_struct_rusage);
  }
  Value m = module_new("resource");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"getrlimit", res_getrlimit}, {"setrlimit", res_setrlimit}, {"prlimit", res_prlimit},
                           {"getrusage", res_getrusage}, {"getpagesize", res_getpagesize}});
  dict_set_str(d, str_intern("struct_rusage"), obj(g_struct_rusage));
  dict_set_str(d, str_intern("error"), obj(exc::OSError));
  struct { const char* name; int64_t value; } const consts[] = {
#define C(n) {#n, int64_t(n)},
      C(RLIMIT_CPU) C(RLIMIT_FSIZE) C(RLIMIT_DATA) C(RLIMIT_STACK) C(RLIMIT_CORE) C(RLIMIT_RSS) C(RLIMIT_NPROC)
      C(RLIMIT_NOFILE) C(RLIMIT_OFILE) C(RLIMIT_MEMLOCK) C(RLIMIT_AS) C(RLIMIT_LOCKS) C(RLIMIT_SIGPENDING)
      C(RLIMIT_MSGQUEUE) C(RLIMIT_NICE) C(RLIMIT_RTPRIO) C(RLIMIT_RTTIME) C(RUSAGE_SELF) C(RUSAGE_CHILDREN)
      C(RUSAGE_THREAD)
#undef C
  };
  for (const auto& c : consts) dict_set_str(d, str_intern(c.name), int_from_i64(c.value));
  dict_set_str(d, str_intern("RLIM_INFINITY"), Value::from_small_int(-1));
  return m;
}

}  // namespace chaipy
