// interp/modules/posixsubprocess.cpp — _posixsubprocess.fork_exec, the fork + exec subprocess.Popen
// runs: the child rewires its standard descriptors, changes directory / umask / session / ids,
// closes inherited descriptors, runs preexec_fn, and execs; a failure before or at exec is
// reported on errpipe_write in CPython's format ("OSError:<hex errno>:[noexec]").
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"

extern char** environ;

namespace chaipy {

namespace {

bool bytes_list(const char* what, Value seq, std::vector<std::string>* out) {
  if (seq.is_none()) return true;
  Value t = to_tuple(seq);
  if (t.is_exc()) return false;
  for (uint64_t i = 0; i < t.as<TupleObject>()->size; i++) {
    PathArg p;
    if (!path_convert("fork_exec", what, t.as<TupleObject>()->items[i], &p)) return false;
    out->push_back(p.path);
  }
  return true;
}

std::vector<char*> c_array(std::vector<std::string>& v) {
  std::vector<char*> r;
  for (auto& s : v) r.push_back(s.data());
  r.push_back(nullptr);
  return r;
}

void write_noraise(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= size_t(w);
  }
}

[[noreturn]] void child_fail(int errpipe_write, int err, bool reached_exec, const char* msg = nullptr) {
  char buf[128];  // one write, so that the parent never reads half a report
  size_t n = 0;
  auto put = [&](const char* s) {
    while (*s && n < sizeof buf) buf[n++] = *s++;
  };
  if (err) {
    char hex[2 * sizeof(int) + 1];
    int k = int(sizeof hex);
    hex[--k] = 0;
    for (unsigned e = unsigned(err); e && k > 0; e /= 16) hex[--k] = "0123456789abcdef"[e % 16];
    put("OSError:");
    put(hex + k);
    put(":");
    if (!reached_exec) put("noexec");
  } else {
    put("SubprocessError:0:");
    if (msg) put(msg);
  }
  write_noraise(errpipe_write, buf, n);
  ::_exit(255);
}

void close_open_fds(int keep_from, const std::vector<int>& keep) {
  auto kept = [&](int fd) {
    for (int k : keep)
      if (k == fd) return true;
    return false;
  };
  std::vector<int> fds;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    int dfd = ::dirfd(d);
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      int fd = std::atoi(e->d_name);
      if (fd >= keep_from && fd != dfd && !kept(fd)) fds.push_back(fd);
    }
    ::closedir(d);
    for (int fd : fds) ::close(fd);
    return;
  }
  long max = ::sysconf(_SC_OPEN_MAX);
  for (int fd = keep_from; fd < max; fd++)
    if (!kept(fd)) ::close(fd);
}

Value fork_exec(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("fork_exec", kw) || !check_nargs("fork_exec", nargs, 23, 23)) return Value::exc();
  std::vector<std::string> argv, exes, envv;
  if (!bytes_list("args", args[0], &argv) || !bytes_list("executable_list", args[1], &exes)) return Value::exc();
  int close_fds = truthy(args[2]);
  if (close_fds < 0) return Value::exc();
  std::vector<int> keep;
  {
    Value t = to_tuple(args[3]);
    if (t.is_exc()) return t;
    for (uint64_t i = 0; i < t.as<TupleObject>()->size; i++) {
      int fd;
      if (!int_arg(t.as<TupleObject>()->items[i], &fd)) return Value::exc();
      keep.push_back(fd);
    }
  }
  PathArg cwd;
  bool have_cwd = !args[4].is_none();
  if (have_cwd && !path_convert("fork_exec", "cwd", args[4], &cwd)) return Value::exc();
  bool have_env = !args[5].is_none();
  if (have_env && !bytes_list("env", args[5], &envv)) return Value::exc();
  int fds[8];
  for (int i = 0; i < 8; i++)
    if (!int_arg(args[6 + i], &fds[i])) return Value::exc();
  int p2cread = fds[0], p2cwrite = fds[1], c2pread = fds[2], c2pwrite = fds[3], errread = fds[4], errwrite = fds[5],
      errpipe_read = fds[6], errpipe_write = fds[7];
  int restore_signals = truthy(args[14]), call_setsid = truthy(args[15]);
  if (restore_signals < 0 || call_setsid < 0) return Value::exc();
  int pgid = -1, child_umask = -1;
  if (!args[16].is_none() && !int_arg(args[16], &pgid)) return Value::exc();
  int64_t gid = -1, uid = -1;
  if (!args[17].is_none() && index_of(args[17], &gid).is_exc()) return Value::exc();
  std::vector<gid_t> groups;
  bool have_groups = !args[18].is_none();
  if (have_groups) {
    Value t = to_tuple(args[18]);
    if (t.is_exc()) return t;
    for (uint64_t i = 0; i < t.as<TupleObject>()->size; i++) {
      int64_t g;
      if (index_of(t.as<TupleObject>()->items[i], &g).is_exc()) return Value::exc();
      groups.push_back(gid_t(g));
    }
  }
  if (!args[19].is_none() && index_of(args[19], &uid).is_exc()) return Value::exc();
  if (!int_arg(args[20], &child_umask)) return Value::exc();
  Value preexec = args[21];
  std::vector<char*> av = c_array(argv), ev = c_array(envv);

  pid_t pid = ::fork();
  if (pid < 0) return raise_os_error(errno);
  if (pid > 0) return int_from_i64(pid);

  // -- Child -------------------------------------------------------------------------------------------
  if (p2cwrite != -1) ::close(p2cwrite);
  if (c2pread != -1) ::close(c2pread);
  if (errread != -1) ::close(errread);
  ::close(errpipe_read);
  // Descriptors about to be dup2'ed over must not be clobbered first.
  if (c2pwrite == 0 && (c2pwrite = ::dup(c2pwrite)) < 0) child_fail(errpipe_write, errno, false);
  while (errwrite == 0 || errwrite == 1)
    if ((errwrite = ::dup(errwrite)) < 0) child_fail(errpipe_write, errno, false);
  int targets[3] = {p2cread, c2pwrite, errwrite};
  for (int std = 0; std < 3; std++) {
    int fd = targets[std];
    if (fd == std) {
      if (set_inheritable(fd, true) < 0) child_fail(errpipe_write, errno, false);
    } else if (fd != -1 && ::dup2(fd, std) < 0) {
      child_fail(errpipe_write, errno, false);
    }
  }
  if (have_cwd && ::chdir(cwd.c_str()) < 0) child_fail(errpipe_write, errno, false);
  if (child_umask >= 0) ::umask(mode_t(child_umask));
  if (restore_signals) {
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGXFSZ, SIG_DFL);
  }
  if (call_setsid && ::setsid() < 0) child_fail(errpipe_write, errno, false);
  if (pgid >= 0 && ::setpgid(0, pgid) < 0) child_fail(errpipe_write, errno, false);
  if (have_groups && ::setgroups(groups.size(), groups.data()) < 0) child_fail(errpipe_write, errno, false);
  if (gid != -1 && ::setregid(gid_t(gid), gid_t(gid)) < 0) child_fail(errpipe_write, errno, false);
  if (uid != -1 && ::setreuid(uid_t(uid), uid_t(uid)) < 0) child_fail(errpipe_write, errno, false);
  if (!preexec.is_none()) {
    Value r = call0(preexec);
    if (r.is_exc()) child_fail(errpipe_write, 0, true, "Exception occurred in preexec_fn.");
  }
  for (int fd : keep)
    if (fd != errpipe_write) set_inheritable(fd, true);
  if (close_fds) {
    std::vector<int> k = keep;
    k.push_back(errpipe_write);
    close_open_fds(3, k);
  }
  int saved = 0;
  for (auto& exe : exes) {
    if (have_env) ::execve(exe.c_str(), av.data(), ev.data());
    else ::execv(exe.c_str(), av.data());
    if (errno != ENOENT && errno != ENOTDIR && saved == 0) saved = errno;
  }
  child_fail(errpipe_write, saved ? saved : errno, true);
}

}  // namespace

Value make_posixsubprocess_module() {
  Value m = module_new("_posixsubprocess");
  module_add_functions(m.as<ModuleObject>()->dict, {{"fork_exec", fork_exec}});
  return m;
}

}  // namespace chaipy
