// interp/modules/fcntl.cpp — the fcntl module: fcntl(), ioctl() with an int or bytes argument,
// flock(), lockf(), and the F_* / LOCK_* / FD_* constants.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

// fcntl/ioctl share the argument rules: an int, or a bytes-like buffer of at most 1024 bytes
// that is passed by address and returned as the call left it.
Value call_with_arg(const char* fname, int fd, unsigned long cmd, Value arg, bool ioctl_call) {
  if (!arg.is_null() && !is_int(arg)) {
    std::string_view v;
    if (!buffer_view(arg, &v)) {
      exc_fetch();
      return raise_fmt(exc::TypeError, "{}() argument 3 must be an int or a bytes-like object", fname);
    }
    if (v.size() > 1024) return raise(exc::ValueError, "fcntl argument 3 is too long");
    char buf[1024];
    std::memcpy(buf, v.data(), v.size());
    int r = ioctl_call ? ::ioctl(fd, cmd, buf) : ::fcntl(fd, int(cmd), buf);
    if (r < 0) return raise_os_error(errno);
    return bytes_new(std::string_view(buf, v.size()));
  }
  int64_t a = 0;
  if (!arg.is_null() && index_of(arg, &a).is_exc()) return Value::exc();
  int r;
  do r = ioctl_call ? ::ioctl(fd, cmd, long(a)) : ::fcntl(fd, int(cmd), long(a));
  while (r < 0 && errno == EINTR);
  if (r < 0) return raise_os_error(errno);
  return int_from_i64(r);
}

Value fcntl_fcntl(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("fcntl", kw) || !check_nargs("fcntl", nargs, 2, 3)) return Value::exc();
  int fd, cmd;
  if (!fd_from_object(args[0], &fd) || !int_arg(args[1], &cmd)) return Value::exc();
  return call_with_arg("fcntl", fd, unsigned(cmd), nargs == 3 ? args[2] : Value::null(), false);
}

Value fcntl_ioctl(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("ioctl", kw) || !check_nargs("ioctl", nargs, 2, 4)) return Value::exc();
  int fd;
  int64_t req;
  if (!fd_from_object(args[0], &fd) || index_of(args[1], &req).is_exc()) return Value::exc();
  return call_with_arg("ioctl", fd, (unsigned long)req, nargs >= 3 ? args[2] : Value::null(), true);
}

Value fcntl_flock(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("flock", kw) || !check_nargs("flock", nargs, 2, 2)) return Value::exc();
  int fd, op;
  if (!fd_from_object(args[0], &fd) || !int_arg(args[1], &op)) return Value::exc();
  int r;
  do r = ::flock(fd, op);
  while (r < 0 && errno == EINTR);
  if (r < 0) return raise_os_error(errno);
  return Value::none();
}

Value fcntl_lockf(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("lockf", kw) || !check_nargs("lockf", nargs, 2, 5)) return Value::exc();
  int fd, code, whence = 0;
  int64_t len = 0, start = 0;
  if (!fd_from_object(args[0], &fd) || !int_arg(args[1], &code) || (nargs > 2 && index_of(args[2], &len).is_exc()) ||
      (nargs > 3 && index_of(args[3], &start).is_exc()) || (nargs > 4 && !int_arg(args[4], &whence)))
    return Value::exc();
  struct flock l;
  std::memset(&l, 0, sizeof l);
  if (code == LOCK_UN) l.l_type = F_UNLCK;
  else if (code & LOCK_SH) l.l_type = F_RDLCK;
  else if (code & LOCK_EX) l.l_type = F_WRLCK;
  else return raise(exc::ValueError, "unrecognized lockf argument");
  l.l_start = off_t(start);
  l.l_len = off_t(len);
  l.l_whence = short(whence);
  int r;
  do r = ::fcntl(fd, (code & LOCK_NB) ? F_SETLK : F_SETLKW, &l);
  while (r < 0 && errno == EINTR);
  if (r < 0) return raise_os_error(errno);
  return Value::none();
}

}  // namespace

Value make_fcntl_module() {
  Value m = module_new("fcntl");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"fcntl", fcntl_fcntl}, {"ioctl", fcntl_ioctl}, {"flock", fcntl_flock},
                           {"lockf", fcntl_lockf}});
  struct { const char* name; long value; } const consts[] = {
#define C(n) {#n, n},
      C(F_DUPFD) C(F_DUPFD_CLOEXEC) C(F_GETFD) C(F_SETFD) C(F_GETFL) C(F_SETFL) C(F_GETLK) C(F_SETLK) C(F_SETLKW)
      C(F_GETOWN) C(F_SETOWN) C(F_GETSIG) C(F_SETSIG) C(F_RDLCK) C(F_WRLCK) C(F_UNLCK) C(F_GETLEASE) C(F_SETLEASE)
      C(F_NOTIFY) C(F_GETPIPE_SZ) C(F_SETPIPE_SZ) C(F_OFD_GETLK) C(F_OFD_SETLK) C(F_OFD_SETLKW) C(F_ADD_SEALS)
      C(F_GET_SEALS) C(F_SEAL_SEAL) C(F_SEAL_SHRINK) C(F_SEAL_GROW) C(F_SEAL_WRITE) C(FD_CLOEXEC) C(LOCK_SH)
      C(LOCK_EX) C(LOCK_NB) C(LOCK_UN) C(LOCK_MAND) C(LOCK_READ) C(LOCK_WRITE) C(LOCK_RW) C(DN_ACCESS)
      C(DN_MODIFY) C(DN_CREATE) C(DN_DELETE) C(DN_RENAME) C(DN_ATTRIB) C(DN_MULTISHOT) C(FASYNC)
#undef C
  };
  for (const auto& c : consts) dict_set_str(d, str_intern(c.name), int_from_i64(c.value));
  return m;
}

}  // namespace chaipy
