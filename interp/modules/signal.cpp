// interp/modules/signal.cpp — the _signal module under signal.py: signal / getsignal with Python
// handlers, SIG_DFL / SIG_IGN, default_int_handler, alarm, pause, raise_signal, strsignal,
// valid_signals, set_wakeup_fd, siginterrupt, setitimer / getitimer, pthread_sigmask / kill.
//
// Start-up (signal_init) installs CPython's dispositions: SIGINT raises KeyboardInterrupt,
// SIGPIPE and SIGXFSZ are ignored. The C handler only records the signal (and writes to the wakeup fd) and requests a safe-point
// event (interp/safepoint.h); the Python handlers run there (run_pending_signals), where an
// exception they raise propagates from the interrupted instruction.
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "interp/modules/modules.h"
#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"
#include "interp/safepoint.h"
#include "interp/vm.h"

namespace chaipy {

namespace {

volatile sig_atomic_t g_signals_pending = 0;

volatile sig_atomic_t g_tripped[NSIG];
volatile sig_atomic_t g_wakeup_fd = -1;
Value g_handlers[NSIG];  // Python-level handler per signal (null: never set from Python)
Value g_default_int_handler, g_dfl, g_ign;
TypeObject* g_itimer_error;

void trace_handlers(Tracer& t) {
  for (Value v : g_handlers) t.visit(v);
  t.visit(g_default_int_handler);
}

void c_handler(int sig) {
  int saved = errno;
  g_tripped[sig] = 1;
  g_signals_pending = 1;
  safepoint_request(kEventSignal);
  if (g_wakeup_fd >= 0) {
    unsigned char b = (unsigned char)sig;
    ssize_t r = ::write(g_wakeup_fd, &b, 1);
    (void)r;
  }
  errno = saved;
}

int run_pending_signals();

bool signum_arg(Value v, int* out) {
  if (!int_arg(v, out)) return false;
  if (*out < 1 || *out >= NSIG) {
    raise(exc::ValueError, "signal number out of range");
    return false;
  }
  return true;
}

Value handler_of(int sig) {
  if (!g_handlers[sig].is_null()) return g_handlers[sig];
  struct sigaction sa;
  if (::sigaction(sig, nullptr, &sa) != 0) return Value::none();
  if (sa.sa_handler == SIG_DFL) return g_dfl;
  if (sa.sa_handler == SIG_IGN) return g_ign;
  return Value::none();  // installed by C code, not by Python
}

Value signal_signal(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("signal", kw) || !check_nargs("signal", nargs, 2, 2)) return Value::exc();
  int sig;
  if (!signum_arg(args[0], &sig)) return Value::exc();
  Value h = args[1];
  void (*ch)(int);
  int64_t k;
  if (is_int(h) && int_get_i64(h, &k) && (k == 0 || k == 1)) {
    ch = k == 0 ? SIG_DFL : SIG_IGN;
  } else if (type_of(h)->call || !lookup_special(h, str_intern("__call__")).is_null()) {
    ch = c_handler;
  } else {
    return raise(exc::TypeError, "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  Value old = handler_of(sig);
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = ch;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK;
  if (::sigaction(sig, &sa, nullptr) != 0) return raise_os_error(errno);
  g_handlers[sig] = ch == c_handler ? h : ch == SIG_DFL ? g_dfl : g_ign;
  return old;
}

Value signal_getsignal(Value* args, size_t nargs, TupleObject* kw) {
  int sig;
  if (!check_no_kwargs("getsignal", kw) || !check_nargs("getsignal", nargs, 1, 1) || !signum_arg(args[0], &sig))
    return Value::exc();
  return handler_of(sig);
}

Value signal_default_int_handler(Value*, size_t, TupleObject*) {
  return raise_value(obj(exc::KeyboardInterrupt));
}

Value signal_alarm(Value* args, size_t nargs, TupleObject* kw) {
  int secs;
  if (!check_no_kwargs("alarm", kw) || !check_nargs("alarm", nargs, 1, 1) || !int_arg(args[0], &secs))
    return Value::exc();
  return int_from_i64(::alarm(unsigned(secs)));
}

Value signal_pause(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pause", kw) || !check_nargs("pause", nargs, 0, 0)) return Value::exc();
  ::pause();
  if (run_pending_signals() < 0) return Value::exc();
  return Value::none();
}

Value signal_raise_signal(Value* args, size_t nargs, TupleObject* kw) {
  int sig;
  if (!check_no_kwargs("raise_signal", kw) || !check_nargs("raise_signal", nargs, 1, 1) || !signum_arg(args[0], &sig))
    return Value::exc();
  if (::raise(sig) != 0) return raise_os_error(errno);
  if (run_pending_signals() < 0) return Value::exc();
  return Value::none();
}

Value signal_strsignal(Value* args, size_t nargs, TupleObject* kw) {
  int sig;
  if (!check_no_kwargs("strsignal", kw) || !check_nargs("strsignal", nargs, 1, 1) || !signum_arg(args[0], &sig))
    return Value::exc();
  const char* s = ::strsignal(sig);
  if (!s || std::strncmp(s, "Unknown signal", 14) == 0 || std::strncmp(s, "Real-time signal", 16) == 0)
    return Value::none();
  return str_value(s);
}

Value sigset_to_set(const sigset_t& s) {
  SetObject* out = set_new(types::set);
  for (int i = 1; i < NSIG; i++)
    if (sigismember(&s, i) == 1) set_add(out, Value::from_small_int(i));
  return obj(out);
}

bool set_to_sigset(Value v, sigset_t* out) {
  sigemptyset(out);
  Value it = get_iter(v);
  if (it.is_exc()) return false;
  while (true) {
    Value x = iter_next(it);
    if (x.is_exc()) return false;
    if (x.is_null()) return true;
    int sig;
    if (!int_arg(x, &sig)) return false;
    if (sig < 1 || sig >= NSIG) {
      raise_fmt(exc::ValueError, "signal number {} out of range [1; {}]", sig, NSIG - 1);
      return false;
    }
    sigaddset(out, sig);
  }
}

Value signal_valid_signals(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("valid_signals", kw) || !check_nargs("valid_signals", nargs, 0, 0)) return Value::exc();
  sigset_t s;
  sigfillset(&s);
  return sigset_to_set(s);
}

Value signal_pthread_sigmask(Value* args, size_t nargs, TupleObject* kw) {
  int how;
  sigset_t s, old;
  if (!check_no_kwargs("pthread_sigmask", kw) || !check_nargs("pthread_sigmask", nargs, 2, 2) ||
      !int_arg(args[0], &how) || !set_to_sigset(args[1], &s))
    return Value::exc();
  int r = ::pthread_sigmask(how, &s, &old);
  if (r != 0) return raise_os_error(r);
  if (run_pending_signals() < 0) return Value::exc();
  return sigset_to_set(old);
}

Value signal_sigpending(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("sigpending", kw) || !check_nargs("sigpending", nargs, 0, 0)) return Value::exc();
  sigset_t s;
  if (::sigpending(&s) != 0) return raise_os_error(errno);
  return sigset_to_set(s);
}

Value signal_pthread_kill(Value* args, size_t nargs, TupleObject* kw) {
  int64_t tid;
  int sig;
  if (!check_no_kwargs("pthread_kill", kw) || !check_nargs("pthread_kill", nargs, 2, 2) ||
      index_of(args[0], &tid).is_exc() || !int_arg(args[1], &sig))
    return Value::exc();
  int r = ::pthread_kill(pthread_t(tid), sig);
  if (r != 0) return raise_os_error(r);
  if (run_pending_signals() < 0) return Value::exc();
  return Value::none();
}

Value signal_set_wakeup_fd(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"fd", "$warn_on_full_buffer", nullptr};
  Value a[2];
  int fd;
  if (!parse_args("set_wakeup_fd", args, nargs, kw, names, 1, a) || !int_arg(a[0], &fd)) return Value::exc();
  if (fd != -1) {
    struct stat st;
    if (::fstat(fd, &st) != 0) return raise_os_error(errno);
  }
  int old = g_wakeup_fd;
  g_wakeup_fd = fd;
  return Value::from_small_int(old);
}

Value signal_siginterrupt(Value* args, size_t nargs, TupleObject* kw) {
  int sig;
  if (!check_no_kwargs("siginterrupt", kw) || !check_nargs("siginterrupt", nargs, 2, 2) || !signum_arg(args[0], &sig))
    return Value::exc();
  int flag = truthy(args[1]);
  if (flag < 0) return Value::exc();
  struct sigaction sa;
  if (::sigaction(sig, nullptr, &sa) != 0) return raise_os_error(errno);
  if (flag) sa.sa_flags &= ~SA_RESTART;
  else sa.sa_flags |= SA_RESTART;
  if (::sigaction(sig, &sa, nullptr) != 0) return raise_os_error(errno);
  return Value::none();
}

Value itimer_tuple(const itimerval& v) {
  auto sec = [](const timeval& t) { return Value::from_double(double(t.tv_sec) + double(t.tv_usec) * 1e-6); };
  return tuple_pack({sec(v.it_value), sec(v.it_interval)});
}

bool seconds_arg(Value v, timeval* out) {
  double d;
  if (v.is_double()) d = v.as_double();
  else if (is_int(v)) {
    int64_t i;
    if (!int_get_i64(v, &i)) return raise(exc::OverflowError, "timestamp too large"), false;
    d = double(i);
  } else {
    raise_fmt(exc::TypeError, "must be real number, not {}", type_name(v));
    return false;
  }
  out->tv_sec = time_t(d);
  out->tv_usec = long(std::llround((d - double(out->tv_sec)) * 1e6));
  if (out->tv_usec >= 1000000) out->tv_sec++, out->tv_usec -= 1000000;
  if (d > 0 && out->tv_sec == 0 && out->tv_usec == 0) out->tv_usec = 1;  // CPython rounds up
  return true;
}

Value signal_setitimer(Value* args, size_t nargs, TupleObject* kw) {
  int which;
  if (!check_no_kwargs("setitimer", kw) || !check_nargs("setitimer", nargs, 2, 3) || !int_arg(args[0], &which))
    return Value::exc();
  itimerval nv{}, old{};
  if (!seconds_arg(args[1], &nv.it_value) || (nargs == 3 && !seconds_arg(args[2], &nv.it_interval)))
    return Value::exc();
  if (::setitimer(which, &nv, &old) != 0) return raise_value(new_exception(g_itimer_error, std::strerror(errno)));
  return itimer_tuple(old);
}

Value signal_getitimer(Value* args, size_t nargs, TupleObject* kw) {
  int which;
  if (!check_no_kwargs("getitimer", kw) || !check_nargs("getitimer", nargs, 1, 1) || !int_arg(args[0], &which))
    return Value::exc();
  itimerval v{};
  if (::getitimer(which, &v) != 0) return raise_value(new_exception(g_itimer_error, std::strerror(errno)));
  return itimer_tuple(v);
}

int run_pending_signals() {
  if (!g_signals_pending) return 0;
  g_signals_pending = 0;
  for (int sig = 1; sig < NSIG; sig++) {
    if (!g_tripped[sig]) continue;
    g_tripped[sig] = 0;
    Value h = g_handlers[sig];
    Value r;
    if (h.is_null() && sig == SIGINT) {
      // Start-up's handler (signal_init), before _signal was imported: default_int_handler.
      r = raise_value(obj(exc::KeyboardInterrupt));
    } else if (h.is_null() || h == g_dfl || h == g_ign || h.is_none()) {
      continue;
    } else {
      r = call2(h, Value::from_small_int(sig), Value::none());
    }
    if (r.is_exc()) {
      g_signals_pending = 1;  // the others still run at the next safe point
      for (int k = sig + 1; k < NSIG; k++)
        if (g_tripped[k]) return -1;
      g_signals_pending = 0;
      return -1;
    }
  }
  return 0;
}

}  // namespace

void signal_init() {
  gc::add_root_scanner(trace_handlers);
  gc::add_root(&g_itimer_error);
  safepoint_set_signal_hook([] { return run_pending_signals() == 0; });
  // As CPython: SIGINT raises KeyboardInterrupt unless the parent made us ignore it (a background
  // job); writing to a closed pipe or past the file-size limit fails with an OSError instead of
  // killing the process.
  struct sigaction sa;
  if (::sigaction(SIGINT, nullptr, &sa) == 0 && sa.sa_handler == SIG_DFL) {
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = c_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    ::sigaction(SIGINT, &sa, nullptr);
  }
  ::signal(SIGPIPE, SIG_IGN);
  ::signal(SIGXFSZ, SIG_IGN);
}

bool check_signals() {
  if (!g_signals_pending) return true;
  return run_pending_signals() == 0;
}

void exit_by_sigint() {
  ::signal(SIGINT, SIG_DFL);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  ::pthread_sigmask(SIG_UNBLOCK, &s, nullptr);
  ::kill(::getpid(), SIGINT);
}

Value make_signal_module() {
  Value m = module_new("_signal");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"signal", signal_signal}, {"getsignal", signal_getsignal},
      {"default_int_handler", signal_default_int_handler}, {"alarm", signal_alarm}, {"pause", signal_pause},
      {"raise_signal", signal_raise_signal}, {"strsignal", signal_strsignal},
      {"valid_signals", signal_valid_signals}, {"pthread_sigmask", signal_pthread_sigmask},
      {"sigpending", signal_sigpending}, {"pthread_kill", signal_pthread_kill},
      {"set_wakeup_fd", signal_set_wakeup_fd}, {"siginterrupt", signal_siginterrupt},
      {"setitimer", signal_setitimer}, {"getitimer", signal_getitimer},
  });
  g_default_int_handler = dict_get_str(d, str_intern("default_int_handler"));
  g_dfl = Value::from_small_int(0);
  g_ign = Value::from_small_int(1);
  dict_set_str(d, str_intern("SIG_DFL"), g_dfl);
  dict_set_str(d, str_intern("SIG_IGN"), g_ign);
  if (!g_itimer_error) {
    Value bases = tuple_pack({obj(exc::OSError)});
    DictObject* ns = dict_new();
    dict_set_str(ns, str_intern("__module__"), str_value("signal"));
    Value targs[3] = {str_value("ItimerError"), bases, obj(ns)};
    Value t = call(obj(types::type), targs, 3);
    if (t.is_exc()) return t;
    g_itimer_error = t.as<TypeObject>();
  }
  dict_set_str(d, str_intern("ItimerError"), obj(g_itimer_error));
  struct { const char* name; int value; } const consts[] = {
#define C(n) {#n, n},
      C(SIGHUP) C(SIGINT) C(SIGQUIT) C(SIGILL) C(SIGTRAP) C(SIGABRT) C(SIGIOT) C(SIGBUS) C(SIGFPE) C(SIGKILL)
      C(SIGUSR1) C(SIGSEGV) C(SIGUSR2) C(SIGPIPE) C(SIGALRM) C(SIGTERM) C(SIGCHLD) C(SIGCONT) C(SIGSTOP) C(SIGTSTP)
      C(SIGTTIN) C(SIGTTOU) C(SIGURG) C(SIGXCPU) C(SIGXFSZ) C(SIGVTALRM) C(SIGPROF) C(SIGWINCH) C(SIGIO) C(SIGPOLL)
      C(SIGPWR) C(SIGSYS) C(SIGSTKFLT) C(NSIG) C(SIG_BLOCK) C(SIG_UNBLOCK) C(SIG_SETMASK) C(ITIMER_REAL)
      C(ITIMER_VIRTUAL) C(ITIMER_PROF)
#undef C
  };
  for (const auto& c : consts) dict_set_str(d, str_intern(c.name), Value::from_small_int(c.value));
  dict_set_str(d, str_intern("SIGRTMIN"), Value::from_small_int(SIGRTMIN));
  dict_set_str(d, str_intern("SIGRTMAX"), Value::from_small_int(SIGRTMAX));
  // signal_init's SIGINT handler is default_int_handler's.
  struct sigaction sa;
  if (g_handlers[SIGINT].is_null() && ::sigaction(SIGINT, nullptr, &sa) == 0 && sa.sa_handler == c_handler)
    g_handlers[SIGINT] = g_default_int_handler;
  return m;
}

}  // namespace chaipy
