// interp/modules/posix_proc.cpp — the process part of posix: ids, fork (with register_at_fork
// hooks), exec, wait and the wait-status macros, kill, times, uname, system.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "interp/modules/os_support.h"
#include "interp/modules/posix.h"
#include "interp/objects/objects.h"

namespace chaipy {

int set_inheritable(int fd, bool inheritable) {
  int fl = ::fcntl(fd, F_GETFD);
  if (fl < 0) return -1;
  int nfl = inheritable ? fl & ~FD_CLOEXEC : fl | FD_CLOEXEC;
  if (nfl != fl && ::fcntl(fd, F_SETFD, nfl) < 0) return -1;
  return 0;
}

namespace {

Value os_error(int err) { return raise_os_error(err); }

#define ID_FUNC(pyname, expr)                                                                   \
  Value posix_##pyname(Value*, size_t nargs, TupleObject* kw) {                                 \
    if (!check_no_kwargs(#pyname, kw) || !check_nargs(#pyname, nargs, 0, 0)) return Value::exc(); \
    return int_from_i64(int64_t(expr));                                                         \
  }
ID_FUNC(getpid, ::getpid())
ID_FUNC(getppid, ::getppid())
ID_FUNC(getuid, ::getuid())
ID_FUNC(geteuid, ::geteuid())
ID_FUNC(getgid, ::getgid())
ID_FUNC(getegid, ::getegid())
ID_FUNC(getpgrp, ::getpgrp())
#undef ID_FUNC

Value posix_getgroups(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getgroups", kw) || !check_nargs("getgroups", nargs, 0, 0)) return Value::exc();
  int n = ::getgroups(0, nullptr);
  if (n < 0) return os_error(errno);
  std::vector<gid_t> g(size_t(n) + 1);
  n = ::getgroups(n, g.data());
  if (n < 0) return os_error(errno);
  ListObject* l = list_new(0);
  for (int i = 0; i < n; i++) list_append(l, int_from_i64(g[size_t(i)]));
  return obj(l);
}

Value posix_getlogin(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getlogin", kw) || !check_nargs("getlogin", nargs, 0, 0)) return Value::exc();
  errno = 0;
  const char* n = ::getlogin();
  if (!n) return os_error(errno ? errno : ENOTTY);
  return fs_decode(n);
}

Value pid_call(const char* fname, Value* args, size_t nargs, TupleObject* kw, pid_t (*f)(pid_t)) {
  int pid;
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 1, 1) || !int_arg(args[0], &pid)) return Value::exc();
  pid_t r = f(pid);
  if (r < 0) return os_error(errno);
  return int_from_i64(r);
}
Value posix_getpgid(Value* a, size_t n, TupleObject* k) { return pid_call("getpgid", a, n, k, ::getpgid); }
Value posix_getsid(Value* a, size_t n, TupleObject* k) { return pid_call("getsid", a, n, k, ::getsid); }

Value posix_setsid(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("setsid", kw) || !check_nargs("setsid", nargs, 0, 0)) return Value::exc();
  if (::setsid() < 0) return os_error(errno);
  return Value::none();
}

Value posix_setpgid(Value* args, size_t nargs, TupleObject* kw) {
  int pid, pg;
  if (!check_no_kwargs("setpgid", kw) || !check_nargs("setpgid", nargs, 2, 2) || !int_arg(args[0], &pid) ||
      !int_arg(args[1], &pg))
    return Value::exc();
  if (::setpgid(pid, pg) < 0) return os_error(errno);
  return Value::none();
}

Value kill_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw, int (*f)(pid_t, int)) {
  int pid, sig;
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 2, 2) || !int_arg(args[0], &pid) ||
      !int_arg(args[1], &sig))
    return Value::exc();
  if (f(pid, sig) != 0) return os_error(errno);
  return Value::none();
}
Value posix_kill(Value* a, size_t n, TupleObject* k) { return kill_impl("kill", a, n, k, ::kill); }
Value posix_killpg(Value* a, size_t n, TupleObject* k) { return kill_impl("killpg", a, n, k, ::killpg); }

// -- fork and its hooks ---------------------------------------------------------------------------
ListObject *g_before_fork, *g_after_in_child, *g_after_in_parent;

void run_hooks(ListObject* l, bool reverse) {
  if (!l) return;
  for (size_t k = 0; k < l->size; k++) {
    Value f = l->items[reverse ? l->size - 1 - k : k];
    if (call0(f).is_exc()) exc_fetch();  // CPython reports them as unraisable and goes on
  }
}

Value posix_register_at_fork(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"$before", "after_in_child", "after_in_parent", nullptr};
  Value a[3];
  if (!parse_args("register_at_fork", args, nargs, kw, names, 0, a)) return Value::exc();
  if (a[0].is_null() && a[1].is_null() && a[2].is_null())
    return raise(exc::TypeError, "At least one argument is required.");
  const char* what[] = {"before", "after_in_child", "after_in_parent"};
  ListObject** lists[] = {&g_before_fork, &g_after_in_child, &g_after_in_parent};
  for (int i = 0; i < 3; i++) {
    if (a[i].is_null() || a[i].is_none()) continue;
    if (!type_of(a[i])->call && !lookup_special(a[i], str_intern("__call__")).is_obj())
      return raise_fmt(exc::TypeError, "'{}' must be callable, not {}", what[i], type_name(a[i]));
    if (!*lists[i]) {
      *lists[i] = list_new(0);
      gc::add_root(lists[i]);
    }
    list_append(*lists[i], a[i]);
  }
  return Value::none();
}

Value posix_fork(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("fork", kw) || !check_nargs("fork", nargs, 0, 0)) return Value::exc();
  run_hooks(g_before_fork, true);
  pid_t pid = ::fork();
  int err = errno;
  if (pid == 0) {
    run_hooks(g_after_in_child, false);
  } else {
    run_hooks(g_after_in_parent, false);
  }
  if (pid < 0) return os_error(err);
  return int_from_i64(pid);
}

// -- exec ---------------------------------------------------------------------------------------------
bool string_list(const char* fname, Value seq, std::vector<std::string>* out) {
  Value t = to_tuple(seq);
  if (t.is_exc()) return false;
  for (uint64_t i = 0; i < t.as<TupleObject>()->size; i++) {
    PathArg p;
    if (!path_convert(fname, "args", t.as<TupleObject>()->items[i], &p)) return false;
    out->push_back(p.path);
  }
  return true;
}

bool env_list(Value env, std::vector<std::string>* out) {
  Value keys = call_method(env, str_intern("keys"), nullptr, 0);
  if (keys.is_exc()) return false;
  Value it = get_iter(keys);
  if (it.is_exc()) return false;
  while (true) {
    Value k = iter_next(it);
    if (k.is_exc()) return false;
    if (k.is_null()) break;
    Value v = getitem(env, k);
    if (v.is_exc()) return false;
    PathArg pk, pv;
    if (!path_convert("execve", "environment", k, &pk) || !path_convert("execve", "environment", v, &pv)) return false;
    if (pk.path.empty() || pk.path.find('=') != std::string::npos) {
      raise(exc::ValueError, "illegal environment variable name");
      return false;
    }
    out->push_back(pk.path + "=" + pv.path);
  }
  return true;
}

std::vector<char*> c_array(std::vector<std::string>& v) {
  std::vector<char*> r;
  for (auto& s : v) r.push_back(s.data());
  r.push_back(nullptr);
  return r;
}

Value exec_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw, bool with_env) {
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, with_env ? 3 : 2, with_env ? 3 : 2)) return Value::exc();
  PathArg p;
  if (!path_convert(fname, "path", args[0], &p)) return Value::exc();
  if (!is_tuple(args[1]) && !is_list(args[1]))
    return raise_fmt(exc::TypeError, "{}: argv must be a tuple or list", fname);
  std::vector<std::string> argv, envv;
  if (!string_list(fname, args[1], &argv)) return Value::exc();
  if (argv.empty()) return raise_fmt(exc::ValueError, "{}: argv must not be empty", fname);
  if (argv[0].empty()) return raise_fmt(exc::ValueError, "{}: argv first element cannot be empty", fname);
  if (with_env && !env_list(args[2], &envv)) return Value::exc();
  std::vector<char*> av = c_array(argv), ev = c_array(envv);
  if (with_env) ::execve(p.c_str(), av.data(), ev.data());
  else ::execv(p.c_str(), av.data());
  return raise_os_error(errno, p.object);
}
Value posix_execv(Value* a, size_t n, TupleObject* k) { return exec_impl("execv", a, n, k, false); }
Value posix_execve(Value* a, size_t n, TupleObject* k) { return exec_impl("execve", a, n, k, true); }

Value posix__exit(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"status", nullptr};
  Value a[1];
  int st;
  if (!parse_args("_exit", args, nargs, kw, names, 1, a) || !int_arg(a[0], &st)) return Value::exc();
  ::_exit(st);
}

Value posix_abort(Value*, size_t, TupleObject*) { ::abort(); }

Value posix_system(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"command", nullptr};
  Value a[1];
  PathArg p;
  if (!parse_args("system", args, nargs, kw, names, 1, a) || !path_convert("system", "command", a[0], &p))
    return Value::exc();
  int r = ::system(p.c_str());
  return int_from_i64(r);
}

// -- wait ------------------------------------------------------------------------------------------------
Value posix_waitpid(Value* args, size_t nargs, TupleObject* kw) {
  int pid, options, status = 0;
  if (!check_no_kwargs("waitpid", kw) || !check_nargs("waitpid", nargs, 2, 2) || !int_arg(args[0], &pid) ||
      !int_arg(args[1], &options))
    return Value::exc();
  pid_t r;
  do r = ::waitpid(pid, &status, options);
  while (r < 0 && errno == EINTR);
  if (r < 0) return os_error(errno);
  return tuple_pack({int_from_i64(r), int_from_i64(status)});
}

Value posix_wait(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("wait", kw) || !check_nargs("wait", nargs, 0, 0)) return Value::exc();
  int status = 0;
  pid_t r;
  do r = ::wait(&status);
  while (r < 0 && errno == EINTR);
  if (r < 0) return os_error(errno);
  return tuple_pack({int_from_i64(r), int_from_i64(status)});
}

Value posix_waitstatus_to_exitcode(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"status", nullptr};
  Value a[1];
  int st;
  if (!parse_args("waitstatus_to_exitcode", args, nargs, kw, names, 1, a) || !int_arg(a[0], &st)) return Value::exc();
  if (WIFEXITED(st)) return Value::from_small_int(WEXITSTATUS(st));
  if (WIFSIGNALED(st)) return Value::from_small_int(-WTERMSIG(st));
  return raise_fmt(exc::ValueError, "invalid wait status: {}", st);
}

#define WMACRO(pyname, expr, as_bool)                                                                 \
  Value posix_##pyname(Value* args, size_t nargs, TupleObject* kw) {                                  \
    static const char* const names[] = {"status", nullptr};                                           \
    Value a[1];                                                                                       \
    int status;                                                                                       \
    if (!parse_args(#pyname, args, nargs, kw, names, 1, a) || !int_arg(a[0], &status)) return Value::exc(); \
    return as_bool ? Value::from_bool(expr) : Value::from_small_int(expr);                          \
  }
WMACRO(WIFEXITED, WIFEXITED(status), true)
WMACRO(WEXITSTATUS, WEXITSTATUS(status), false)
WMACRO(WIFSIGNALED, WIFSIGNALED(status), true)
WMACRO(WTERMSIG, WTERMSIG(status), false)
WMACRO(WIFSTOPPED, WIFSTOPPED(status), true)
WMACRO(WSTOPSIG, WSTOPSIG(status), false)
WMACRO(WCOREDUMP, WCOREDUMP(status), true)
WMACRO(WIFCONTINUED, WIFCONTINUED(status), true)
#undef WMACRO

// -- times / uname / load -------------------------------------------------------------------------------
TypeObject *g_times_result, *g_uname_result;

Value posix_times(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("times", kw) || !check_nargs("times", nargs, 0, 0)) return Value::exc();
  struct tms t;
  clock_t c = ::times(&t);
  if (c == clock_t(-1)) return os_error(errno);
  double tick = double(::sysconf(_SC_CLK_TCK));
  return struct_seq_new(g_times_result,
                        {Value::from_double(double(t.tms_utime) / tick), Value::from_double(double(t.tms_stime) / tick),
                         Value::from_double(double(t.tms_cutime) / tick), Value::from_double(double(t.tms_cstime) / tick),
                         Value::from_double(double(c) / tick)});
}

Value posix_uname(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("uname", kw) || !check_nargs("uname", nargs, 0, 0)) return Value::exc();
  struct utsname u;
  if (::uname(&u) != 0) return os_error(errno);
  return struct_seq_new(g_uname_result, {fs_decode(u.sysname), fs_decode(u.nodename), fs_decode(u.release),
                                         fs_decode(u.version), fs_decode(u.machine)});
}

Value posix_getloadavg(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getloadavg", kw) || !check_nargs("getloadavg", nargs, 0, 0)) return Value::exc();
  double l[3];
  if (::getloadavg(l, 3) != 3) return raise(exc::OSError, "Load averages are unobtainable");
  return tuple_pack({Value::from_double(l[0]), Value::from_double(l[1]), Value::from_double(l[2])});
}

Value posix_nice(Value* args, size_t nargs, TupleObject* kw) {
  int inc;
  if (!check_no_kwargs("nice", kw) || !check_nargs("nice", nargs, 1, 1) || !int_arg(args[0], &inc)) return Value::exc();
  errno = 0;
  int r = ::nice(inc);
  if (r == -1 && errno) return os_error(errno);
  return Value::from_small_int(r);
}

Value posix_sched_getaffinity(Value* args, size_t nargs, TupleObject* kw) {
  int pid;
  if (!check_no_kwargs("sched_getaffinity", kw) || !check_nargs("sched_getaffinity", nargs, 1, 1) ||
      !int_arg(args[0], &pid))
    return Value::exc();
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(pid, sizeof set, &set) != 0) return os_error(errno);
  SetObject* s = set_new(types::set);
  for (int i = 0; i < CPU_SETSIZE; i++)
    if (CPU_ISSET(i, &set)) set_add(s, Value::from_small_int(i));
  return obj(s);
}

Value posix_sched_yield(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("sched_yield", kw) || !check_nargs("sched_yield", nargs, 0, 0)) return Value::exc();
  ::sched_yield();
  return Value::none();
}

}  // namespace

void posix_add_process_functions(DictObject* d) {
  g_times_result = make_struct_seq_type("posix", "times_result",
                                        {"user", "system", "children_user", "children_system", "elapsed"});
  g_uname_result = make_struct_seq_type("posix", "uname_result", {"sysname", "nodename", "release", "version", "machine"});
  module_add_functions(d, {
      {"getpid", posix_getpid}, {"getppid", posix_getppid}, {"getuid", posix_getuid}, {"geteuid", posix_geteuid},
      {"getgid", posix_getgid}, {"getegid", posix_getegid}, {"getpgrp", posix_getpgrp},
      {"getgroups", posix_getgroups}, {"getlogin", posix_getlogin}, {"getpgid", posix_getpgid},
      {"getsid", posix_getsid}, {"setsid", posix_setsid}, {"setpgid", posix_setpgid}, {"kill", posix_kill},
      {"killpg", posix_killpg}, {"register_at_fork", posix_register_at_fork}, {"fork", posix_fork},
      {"execv", posix_execv}, {"execve", posix_execve}, {"_exit", posix__exit}, {"abort", posix_abort},
      {"system", posix_system}, {"waitpid", posix_waitpid}, {"wait", posix_wait},
      {"waitstatus_to_exitcode", posix_waitstatus_to_exitcode}, {"WIFEXITED", posix_WIFEXITED},
      {"WEXITSTATUS", posix_WEXITSTATUS}, {"WIFSIGNALED", posix_WIFSIGNALED}, {"WTERMSIG", posix_WTERMSIG},
      {"WIFSTOPPED", posix_WIFSTOPPED}, {"WSTOPSIG", posix_WSTOPSIG}, {"WCOREDUMP", posix_WCOREDUMP},
      {"WIFCONTINUED", posix_WIFCONTINUED}, {"times", posix_times}, {"uname", posix_uname},
      {"getloadavg", posix_getloadavg}, {"nice", posix_nice}, {"sched_getaffinity", posix_sched_getaffinity},
      {"sched_yield", posix_sched_yield},
  });
  dict_set_str(d, str_intern("times_result"), obj(g_times_result));
  dict_set_str(d, str_intern("uname_result"), obj(g_uname_result));
}

}  // namespace chaipy
