// interp/modules/posix.cpp — the posix module under os.py: files and file descriptors, stat,
// directories (listdir, scandir / DirEntry), the environment, processes (fork, exec, wait, kill),
// and the constants os.py, shutil, tempfile, pathlib, glob and subprocess expect. CPython's
// argument conversion (str / bytes / os.PathLike paths, dir_fd, follow_symlinks) and OSError
// subclasses with errno, strerror and filenames. Process-related calls live in posix_proc.cpp.
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/random.h>
#include <sys/statvfs.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <dlfcn.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>

#include "interp/modules/os_support.h"
#include "interp/modules/posix.h"
#include "interp/objects/objects.h"

extern char** environ;

namespace chaipy {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

// -- Argument conversion ----------------------------------------------------------------------------
Value fspath(Value v) {
  if (is_str(v) || is_bytes(v)) return v;
  Value f = lookup_special(v, NAME("__fspath__"));
  if (f.is_exc()) return f;
  if (f.is_null())
    return raise_fmt(exc::TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(v));
  Value r = call0(f);
  if (r.is_exc()) return r;
  if (!is_str(r) && !is_bytes(r))
    return raise_fmt(exc::TypeError, "expected {}.__fspath__() to return str or bytes, not {}", type_name(v),
                     type_name(r));
  return r;
}

bool int_arg(Value v, int* out) {
  int64_t i;
  if (v.is_double()) {
    raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  Value r = index_of(v, &i);
  if (r.is_exc()) return false;
  if (i > INT_MAX || i < INT_MIN) {
    raise(exc::OverflowError, i > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
    return false;
  }
  *out = int(i);
  return true;
}

bool buffer_view(Value v, std::string_view* out) {
  if (v.is_obj() && v.as_obj()->type == types::bytes) {
    *out = std::string_view(v.as<BytesObject>()->data, v.as<BytesObject>()->size);
    return true;
  }
  // The exporter is an argument of the running call, so its memory outlives the view; nothing
  // the callers do in between can resize it.
  BufferView view;
  if (!get_buffer_contiguous(v, &view)) return false;
  *out = std::string_view(view.buf, size_t(view.len));
  release_buffer(&view);
  return true;
}

bool fd_from_object(Value v, int* out) {
  if (is_int(v)) {
    if (!int_arg(v, out)) return false;
  } else {
    Value m = getattr_opt(v, NAME("fileno"));
    if (m.is_exc()) return false;
    if (m.is_null()) {
      raise(exc::TypeError, "argument must be an int, or have a fileno() method.");
      return false;
    }
    Value r = call0(m);
    if (r.is_exc()) return false;
    if (!is_int(r)) {
      raise(exc::TypeError, "fileno() returned a non-integer");
      return false;
    }
    if (!int_arg(r, out)) return false;
  }
  if (*out < 0) {
    raise_fmt(exc::ValueError, "file descriptor cannot be a negative integer ({})", *out);
    return false;
  }
  return true;
}

bool path_convert(const char* fname, const char* argname, Value v, PathArg* out, bool allow_fd, bool nullable) {
  out->object = v;
  if (nullable && v.is_none()) {
    out->is_none = true;
    out->path = ".";
    return true;
  }
  if (allow_fd && is_int(v) && !v.is_bool()) {
    int fd;
    if (!int_arg(v, &fd)) return false;
    out->fd = fd;
    return true;
  }
  Value p = v;
  if (!is_str(v) && !is_bytes(v)) {
    Value f = lookup_special(v, NAME("__fspath__"));
    if (f.is_exc()) return false;
    if (f.is_null()) {
      raise_fmt(exc::TypeError, "{}: {} should be string, bytes{}, not {}", fname, argname,
                allow_fd && nullable ? ", os.PathLike, integer or None"
                : allow_fd           ? ", os.PathLike or integer"
                : nullable           ? ", os.PathLike or None"
                                     : " or os.PathLike",
                type_name(v));
      return false;
    }
    p = fspath(v);
    if (p.is_exc()) return false;
    out->object = p;  // errors name the path, not the os.PathLike object (CPython)
  }
  if (is_bytes(p)) {
    auto* b = p.as<BytesObject>();
    out->path.assign(b->data, b->size);
    out->is_bytes = true;
    if (out->path.find('\0') != std::string::npos) {
      raise_fmt(exc::ValueError, "{}: embedded null character in {}", fname, argname);
      return false;
    }
    return true;
  }
  if (!fs_encode(as_str(p), &out->path)) return false;
  if (out->path.find('\0') != std::string::npos) {
    raise(exc::ValueError, "embedded null byte");
    return false;
  }
  return true;
}

namespace {

Value os_error(int err) { return raise_os_error(err); }
Value os_error_path(int err, const PathArg& p) { return raise_os_error(err, p.object); }

// A path result in the type of the argument (bytes in, bytes out).
Value path_result(std::string_view s, bool as_bytes) { return as_bytes ? bytes_new(s) : fs_decode(s); }

bool dir_fd_arg(const char* fname, Value v, int* out) {
  *out = AT_FDCWD;
  if (v.is_null() || v.is_none()) return true;
  if (!is_int(v)) {
    raise_fmt(exc::TypeError, "argument should be integer or None, not {}", type_name(v));
    return false;
  }
  return int_arg(v, out);
}

bool bool_arg(Value v, bool dflt, bool* out) {
  if (v.is_null()) {
    *out = dflt;
    return true;
  }
  int t = truthy(v);
  if (t < 0) return false;
  *out = t;
  return true;
}

// -- stat ---------------------------------------------------------------------------------------------
TypeObject* g_stat_result;

Value ns_value(const timespec& ts) {
  Mpz z;
  mpz_set_si(z, ts.tv_sec);
  mpz_mul_ui(z, z, 1000000000);
  if (ts.tv_nsec >= 0) mpz_add_ui(z, z, uint64_t(ts.tv_nsec));
  return int_from_mpz(z);
}

}  // namespace

Value stat_result_from(const struct stat& st) {
  auto f = [](const timespec& ts) { return Value::from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9); };
  return struct_seq_new(g_stat_result, {
      int_from_i64(st.st_mode), int_from_i64(int64_t(st.st_ino)), int_from_i64(int64_t(st.st_dev)),
      int_from_i64(int64_t(st.st_nlink)), int_from_i64(st.st_uid), int_from_i64(st.st_gid), int_from_i64(st.st_size),
      int_from_i64(st.st_atim.tv_sec), int_from_i64(st.st_mtim.tv_sec), int_from_i64(st.st_ctim.tv_sec),
      f(st.st_atim), f(st.st_mtim), f(st.st_ctim), ns_value(st.st_atim), ns_value(st.st_mtim), ns_value(st.st_ctim),
      int_from_i64(st.st_blksize), int_from_i64(st.st_blocks), int_from_i64(int64_t(st.st_rdev))});
}

namespace {

// stat/lstat/fstat share this: path (or fd), dir_fd, follow_symlinks.
Value do_stat(const char* fname, const PathArg& p, int dir_fd, bool follow) {
  struct stat st;
  int r;
  if (p.fd >= 0) r = ::fstat(p.fd, &st);
  else if (dir_fd != AT_FDCWD || !follow) r = ::fstatat(dir_fd, p.c_str(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  else r = ::stat(p.c_str(), &st);
  if (r != 0) return p.fd >= 0 ? os_error(errno) : os_error_path(errno, p);
  return stat_result_from(st);
}

Value posix_stat(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "$dir_fd", "follow_symlinks", nullptr};
  Value a[3];
  if (!parse_args("stat", args, nargs, kw, names, 1, a)) return Value::exc();
  PathArg p;
  int dfd;
  bool follow;
  if (!path_convert("stat", "path", a[0], &p, true) || !dir_fd_arg("stat", a[1], &dfd) || !bool_arg(a[2], true, &follow))
    return Value::exc();
  return do_stat("stat", p, dfd, follow);
}

Value posix_lstat(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "$dir_fd", nullptr};
  Value a[2];
  if (!parse_args("lstat", args, nargs, kw, names, 1, a)) return Value::exc();
  PathArg p;
  int dfd;
  if (!path_convert("lstat", "path", a[0], &p) || !dir_fd_arg("lstat", a[1], &dfd)) return Value::exc();
  return do_stat("lstat", p, dfd, false);
}

Value posix_fstat(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"fd", nullptr};
  Value a[1];
  if (!parse_args("fstat", args, nargs, kw, names, 1, a)) return Value::exc();
  PathArg p;
  if (!int_arg(a[0], &p.fd)) return Value::exc();
  struct stat st;
  if (::fstat(p.fd, &st) != 0) return os_error(errno);
  return stat_result_from(st);
}

// -- File descriptors --------------------------------------------------------------------------------
Value posix_open(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "flags", "mode", "$dir_fd", nullptr};
  Value a[4];
  if (!parse_args("open", args, nargs, kw, names, 2, a)) return Value::exc();
  PathArg p;
  int flags, mode = 0777, dfd;
  if (!path_convert("open", "path", a[0], &p) || !int_arg(a[1], &flags) || (!a[2].is_null() && !int_arg(a[2], &mode)) ||
      !dir_fd_arg("open", a[3], &dfd))
    return Value::exc();
  int fd;
  do fd = ::openat(dfd, p.c_str(), flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return os_error_path(errno, p);
  return Value::from_small_int(fd);
}

bool fd_arg1(const char* fname, Value* args, size_t nargs, TupleObject* kw, int* fd) {
  static const char* const names[] = {"fd", nullptr};
  Value a[1];
  return parse_args(fname, args, nargs, kw, names, 1, a) && int_arg(a[0], fd);
}

Value posix_close(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!fd_arg1("close", args, nargs, kw, &fd)) return Value::exc();
  if (::close(fd) != 0 && errno != EINTR) return os_error(errno);
  return Value::none();
}

Value posix_closerange(Value* args, size_t nargs, TupleObject* kw) {
  int lo, hi;
  if (!check_no_kwargs("closerange", kw) || !check_nargs("closerange", nargs, 2, 2) || !int_arg(args[0], &lo) ||
      !int_arg(args[1], &hi))
    return Value::exc();
  for (int fd = std::max(lo, 0); fd < hi; fd++) ::close(fd);
  return Value::none();
}

Value posix_read(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  int64_t n;
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs, 2, 2) || !int_arg(args[0], &fd)) return Value::exc();
  if (index_of(args[1], &n).is_exc()) return Value::exc();
  if (n < 0) return os_error(EINVAL);
  std::string buf(size_t(n), '\0');
  ssize_t r;
  do r = ::read(fd, buf.data(), size_t(n));
  while (r < 0 && errno == EINTR);
  if (r < 0) return os_error(errno);
  return bytes_new(std::string_view(buf.data(), size_t(r)));
}

Value posix_write(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!check_no_kwargs("write", kw) || !check_nargs("write", nargs, 2, 2) || !int_arg(args[0], &fd)) return Value::exc();
  std::string_view data;
  if (!buffer_view(args[1], &data)) return Value::exc();
  ssize_t r;
  do r = ::write(fd, data.data(), data.size());
  while (r < 0 && errno == EINTR);
  if (r < 0) return os_error(errno);
  return int_from_i64(r);
}

Value posix_lseek(Value* args, size_t nargs, TupleObject* kw) {
  int fd, how;
  int64_t pos;
  if (!check_no_kwargs("lseek", kw) || !check_nargs("lseek", nargs, 3, 3) || !int_arg(args[0], &fd) ||
      index_of(args[1], &pos).is_exc() || !int_arg(args[2], &how))
    return Value::exc();
  off_t r = ::lseek(fd, off_t(pos), how);
  if (r < 0) return os_error(errno);
  return int_from_i64(r);
}

Value posix_pipe(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("pipe", kw) || !check_nargs("pipe", nargs, 0, 0)) return Value::exc();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return os_error(errno);
  return tuple_pack({Value::from_small_int(fds[0]), Value::from_small_int(fds[1])});
}

Value posix_pipe2(Value* args, size_t nargs, TupleObject* kw) {
  int flags;
  if (!check_no_kwargs("pipe2", kw) || !check_nargs("pipe2", nargs, 1, 1) || !int_arg(args[0], &flags))
    return Value::exc();
  int fds[2];
  if (::pipe2(fds, flags) != 0) return os_error(errno);
  return tuple_pack({Value::from_small_int(fds[0]), Value::from_small_int(fds[1])});
}

Value posix_dup(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!fd_arg1("dup", args, nargs, kw, &fd)) return Value::exc();
  int r = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return os_error(errno);
  return Value::from_small_int(r);
}

Value posix_dup2(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"fd", "fd2", "inheritable", nullptr};
  Value a[3];
  int fd, fd2;
  bool inh;
  if (!parse_args("dup2", args, nargs, kw, names, 2, a) || !int_arg(a[0], &fd) || !int_arg(a[1], &fd2) ||
      !bool_arg(a[2], true, &inh))
    return Value::exc();
  int r = inh ? ::dup2(fd, fd2) : ::dup3(fd, fd2, O_CLOEXEC);
  if (r < 0) return os_error(errno);
  return Value::from_small_int(r);
}

template <int (*F)(int)>
Value fd_call(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 1, 1)) return Value::exc();
  int fd;
  if (!fd_from_object(args[0], &fd)) return Value::exc();
  if (F(fd) != 0) return os_error(errno);
  return Value::none();
}
Value posix_fsync(Value* a, size_t n, TupleObject* k) { return fd_call<::fsync>("fsync", a, n, k); }
Value posix_fdatasync(Value* a, size_t n, TupleObject* k) { return fd_call<::fdatasync>("fdatasync", a, n, k); }
Value posix_fchdir(Value* a, size_t n, TupleObject* k) { return fd_call<::fchdir>("fchdir", a, n, k); }

Value posix_ftruncate(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  int64_t len;
  if (!check_no_kwargs("ftruncate", kw) || !check_nargs("ftruncate", nargs, 2, 2) || !int_arg(args[0], &fd) ||
      index_of(args[1], &len).is_exc())
    return Value::exc();
  if (::ftruncate(fd, off_t(len)) != 0) return os_error(errno);
  return Value::none();
}

Value posix_truncate(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "length", nullptr};
  Value a[2];
  PathArg p;
  int64_t len;
  if (!parse_args("truncate", args, nargs, kw, names, 2, a) || !path_convert("truncate", "path", a[0], &p, true) ||
      index_of(a[1], &len).is_exc())
    return Value::exc();
  int r = p.fd >= 0 ? ::ftruncate(p.fd, off_t(len)) : ::truncate(p.c_str(), off_t(len));
  if (r != 0) return os_error_path(errno, p);
  return Value::none();
}

Value posix_isatty(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!fd_arg1("isatty", args, nargs, kw, &fd)) return Value::exc();
  return Value::from_bool(::isatty(fd));
}

Value posix_get_inheritable(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!fd_arg1("get_inheritable", args, nargs, kw, &fd)) return Value::exc();
  int fl = ::fcntl(fd, F_GETFD);
  if (fl < 0) return os_error(errno);
  return Value::from_bool(!(fl & FD_CLOEXEC));
}

Value posix_set_inheritable(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!check_no_kwargs("set_inheritable", kw) || !check_nargs("set_inheritable", nargs, 2, 2) ||
      !int_arg(args[0], &fd))
    return Value::exc();
  int t = truthy(args[1]);
  if (t < 0) return Value::exc();
  if (set_inheritable(fd, t) < 0) return os_error(errno);
  return Value::none();
}

Value posix_get_blocking(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!fd_arg1("get_blocking", args, nargs, kw, &fd)) return Value::exc();
  int fl = ::fcntl(fd, F_GETFL);
  if (fl < 0) return os_error(errno);
  return Value::from_bool(!(fl & O_NONBLOCK));
}

Value posix_set_blocking(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!check_no_kwargs("set_blocking", kw) || !check_nargs("set_blocking", nargs, 2, 2) || !int_arg(args[0], &fd))
    return Value::exc();
  int t = truthy(args[1]);
  if (t < 0) return Value::exc();
  int fl = ::fcntl(fd, F_GETFL);
  if (fl < 0 || ::fcntl(fd, F_SETFL, t ? fl & ~O_NONBLOCK : fl | O_NONBLOCK) < 0) return os_error(errno);
  return Value::none();
}

Value posix_device_encoding(Value* args, size_t nargs, TupleObject* kw) {
  int fd;
  if (!fd_arg1("device_encoding", args, nargs, kw, &fd)) return Value::exc();
  if (!::isatty(fd)) return Value::none();
  return str_value(locale_encoding());
}

// -- Paths and directories ----------------------------------------------------------------------------
Value posix_getcwd_impl(bool as_bytes) {
  std::string buf(PATH_MAX, '\0');
  while (!::getcwd(buf.data(), buf.size())) {
    if (errno != ERANGE) return os_error(errno);
    buf.resize(buf.size() * 2);
  }
  return path_result(std::string_view(buf.c_str()), as_bytes);
}
Value posix_getcwd(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getcwd", kw) || !check_nargs("getcwd", nargs, 0, 0)) return Value::exc();
  return posix_getcwd_impl(false);
}
Value posix_getcwdb(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getcwdb", kw) || !check_nargs("getcwdb", nargs, 0, 0)) return Value::exc();
  return posix_getcwd_impl(true);
}

Value posix_chdir(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", nullptr};
  Value a[1];
  PathArg p;
  if (!parse_args("chdir", args, nargs, kw, names, 1, a) || !path_convert("chdir", "path", a[0], &p, true))
    return Value::exc();
  int r = p.fd >= 0 ? ::fchdir(p.fd) : ::chdir(p.c_str());
  if (r != 0) return os_error_path(errno, p);
  return Value::none();
}

Value posix_mkdir(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "mode", "$dir_fd", nullptr};
  Value a[3];
  PathArg p;
  int mode = 0777, dfd;
  if (!parse_args("mkdir", args, nargs, kw, names, 1, a) || !path_convert("mkdir", "path", a[0], &p) ||
      (!a[1].is_null() && !int_arg(a[1], &mode)) || !dir_fd_arg("mkdir", a[2], &dfd))
    return Value::exc();
  if (::mkdirat(dfd, p.c_str(), mode_t(mode)) != 0) return os_error_path(errno, p);
  return Value::none();
}

// unlink / remove / rmdir: path, dir_fd.
Value unlink_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw, int flag) {
  static const char* const names[] = {"path", "$dir_fd", nullptr};
  Value a[2];
  PathArg p;
  int dfd;
  if (!parse_args(fname, args, nargs, kw, names, 1, a) || !path_convert(fname, "path", a[0], &p) ||
      !dir_fd_arg(fname, a[1], &dfd))
    return Value::exc();
  if (::unlinkat(dfd, p.c_str(), flag) != 0) return os_error_path(errno, p);
  return Value::none();
}
Value posix_unlink(Value* a, size_t n, TupleObject* k) { return unlink_impl("unlink", a, n, k, 0); }
Value posix_remove(Value* a, size_t n, TupleObject* k) { return unlink_impl("remove", a, n, k, 0); }
Value posix_rmdir(Value* a, size_t n, TupleObject* k) { return unlink_impl("rmdir", a, n, k, AT_REMOVEDIR); }

Value rename_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"src", "dst", "$src_dir_fd", "dst_dir_fd", nullptr};
  Value a[4];
  PathArg s, d;
  int sfd, dfd;
  if (!parse_args(fname, args, nargs, kw, names, 2, a) || !path_convert(fname, "src", a[0], &s) ||
      !path_convert(fname, "dst", a[1], &d) || !dir_fd_arg(fname, a[2], &sfd) || !dir_fd_arg(fname, a[3], &dfd))
    return Value::exc();
  if (s.is_bytes != d.is_bytes)
    return raise_fmt(exc::TypeError, "{}: src and dst must be the same type", fname);
  if (::renameat(sfd, s.c_str(), dfd, d.c_str()) != 0) return raise_os_error(errno, s.object, d.object);
  return Value::none();
}
Value posix_rename(Value* a, size_t n, TupleObject* k) { return rename_impl("rename", a, n, k); }
Value posix_replace(Value* a, size_t n, TupleObject* k) { return rename_impl("replace", a, n, k); }

Value posix_link(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"src", "dst", "$src_dir_fd", "dst_dir_fd", "follow_symlinks", nullptr};
  Value a[5];
  PathArg s, d;
  int sfd, dfd;
  bool follow;
  if (!parse_args("link", args, nargs, kw, names, 2, a) || !path_convert("link", "src", a[0], &s) ||
      !path_convert("link", "dst", a[1], &d) || !dir_fd_arg("link", a[2], &sfd) || !dir_fd_arg("link", a[3], &dfd) ||
      !bool_arg(a[4], true, &follow))
    return Value::exc();
  if (::linkat(sfd, s.c_str(), dfd, d.c_str(), follow ? AT_SYMLINK_FOLLOW : 0) != 0)
    return raise_os_error(errno, s.object, d.object);
  return Value::none();
}

Value posix_symlink(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"src", "dst", "target_is_directory", "$dir_fd", nullptr};
  Value a[4];
  PathArg s, d;
  int dfd;
  if (!parse_args("symlink", args, nargs, kw, names, 2, a) || !path_convert("symlink", "src", a[0], &s) ||
      !path_convert("symlink", "dst", a[1], &d) || !dir_fd_arg("symlink", a[3], &dfd))
    return Value::exc();
  if (::symlinkat(s.c_str(), dfd, d.c_str()) != 0) return raise_os_error(errno, s.object, d.object);
  return Value::none();
}

Value posix_readlink(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "$dir_fd", nullptr};
  Value a[2];
  PathArg p;
  int dfd;
  if (!parse_args("readlink", args, nargs, kw, names, 1, a) || !path_convert("readlink", "path", a[0], &p) ||
      !dir_fd_arg("readlink", a[1], &dfd))
    return Value::exc();
  std::string buf(PATH_MAX, '\0');
  ssize_t n = ::readlinkat(dfd, p.c_str(), buf.data(), buf.size());
  if (n < 0) return os_error_path(errno, p);
  return path_result(std::string_view(buf.data(), size_t(n)), p.is_bytes);
}

Value posix_access(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "mode", "$dir_fd", "effective_ids", "follow_symlinks", nullptr};
  Value a[5];
  PathArg p;
  int mode, dfd;
  bool eff, follow;
  if (!parse_args("access", args, nargs, kw, names, 2, a) || !path_convert("access", "path", a[0], &p) ||
      !int_arg(a[1], &mode) || !dir_fd_arg("access", a[2], &dfd) || !bool_arg(a[3], false, &eff) ||
      !bool_arg(a[4], true, &follow))
    return Value::exc();
  int flags = (eff ? AT_EACCESS : 0) | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
  return Value::from_bool(::faccessat(dfd, p.c_str(), mode, flags) == 0);
}

Value posix_chmod(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "mode", "$dir_fd", "follow_symlinks", nullptr};
  Value a[4];
  PathArg p;
  int mode, dfd;
  bool follow;
  if (!parse_args("chmod", args, nargs, kw, names, 2, a) || !path_convert("chmod", "path", a[0], &p, true) ||
      !int_arg(a[1], &mode) || !dir_fd_arg("chmod", a[2], &dfd) || !bool_arg(a[3], true, &follow))
    return Value::exc();
  int r = p.fd >= 0 ? ::fchmod(p.fd, mode_t(mode)) : ::fchmodat(dfd, p.c_str(), mode_t(mode), follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r != 0 && !follow && (errno == ENOTSUP || errno == EOPNOTSUPP))  // a symlink's own mode (CPython)
    return raise(exc::NotImplementedError, "chmod: follow_symlinks unavailable on this platform");
  if (r != 0) return os_error_path(errno, p);
  return Value::none();
}

Value posix_fchmod(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"fd", "mode", nullptr};
  Value a[2];
  int fd, mode;
  if (!parse_args("fchmod", args, nargs, kw, names, 2, a) || !int_arg(a[0], &fd) || !int_arg(a[1], &mode))
    return Value::exc();
  if (::fchmod(fd, mode_t(mode)) != 0) return os_error(errno);
  return Value::none();
}

Value chown_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw, bool lchown) {
  static const char* const names[] = {"path", "uid", "gid", "$dir_fd", "follow_symlinks", nullptr};
  Value a[5];
  PathArg p;
  int64_t uid, gid;
  int dfd;
  bool follow;
  if (!parse_args(fname, args, nargs, kw, names, 3, a) || !path_convert(fname, "path", a[0], &p, !lchown) ||
      index_of(a[1], &uid).is_exc() || index_of(a[2], &gid).is_exc() || !dir_fd_arg(fname, a[3], &dfd) ||
      !bool_arg(a[4], !lchown, &follow))
    return Value::exc();
  int r = p.fd >= 0 ? ::fchown(p.fd, uid_t(uid), gid_t(gid))
                    : ::fchownat(dfd, p.c_str(), uid_t(uid), gid_t(gid), follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r != 0) return os_error_path(errno, p);
  return Value::none();
}
Value posix_chown(Value* a, size_t n, TupleObject* k) { return chown_impl("chown", a, n, k, false); }
Value posix_lchown(Value* a, size_t n, TupleObject* k) { return chown_impl("lchown", a, n, k, true); }

Value posix_fchown(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"fd", "uid", "gid", nullptr};
  Value a[3];
  int fd;
  int64_t uid, gid;
  if (!parse_args("fchown", args, nargs, kw, names, 3, a) || !int_arg(a[0], &fd) || index_of(a[1], &uid).is_exc() ||
      index_of(a[2], &gid).is_exc())
    return Value::exc();
  if (::fchown(fd, uid_t(uid), gid_t(gid)) != 0) return os_error(errno);
  return Value::none();
}

// utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True)
bool time_to_timespec(Value v, timespec* ts) {
  if (v.is_double()) {
    double d = v.as_double(), fl = std::floor(d);
    ts->tv_sec = time_t(fl);
    ts->tv_nsec = long(std::llround((d - fl) * 1e9));
    if (ts->tv_nsec >= 1000000000) ts->tv_sec++, ts->tv_nsec -= 1000000000;
    return true;
  }
  int64_t i;
  if (index_of(v, &i).is_exc()) return false;
  ts->tv_sec = time_t(i);
  ts->tv_nsec = 0;
  return true;
}

bool ns_to_timespec(Value v, timespec* ts) {
  if (!is_int(v)) {
    raise_fmt(exc::TypeError, "an integer is required (got type {})", type_name(v));
    return false;
  }
  Value q = int_divmod(v, int_from_i64(1000000000));
  if (q.is_exc()) return false;
  int64_t s, ns;
  if (!int_get_i64(q.as<TupleObject>()->items[0], &s) || !int_get_i64(q.as<TupleObject>()->items[1], &ns)) {
    raise(exc::OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  ts->tv_sec = time_t(s);
  ts->tv_nsec = long(ns);
  return true;
}

Value posix_utime(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "times", "$ns", "dir_fd", "follow_symlinks", nullptr};
  Value a[5];
  PathArg p;
  int dfd;
  bool follow;
  if (!parse_args("utime", args, nargs, kw, names, 1, a) || !path_convert("utime", "path", a[0], &p, true) ||
      !dir_fd_arg("utime", a[3], &dfd) || !bool_arg(a[4], true, &follow))
    return Value::exc();
  timespec ts[2];
  bool have_times = !a[1].is_null() && !a[1].is_none();
  if (have_times && !a[2].is_null())
    return raise(exc::ValueError, "utime: you may specify either 'times' or 'ns' but not both");
  if (have_times) {
    if (!is_tuple(a[1]) || a[1].as<TupleObject>()->size != 2)
      return raise(exc::TypeError, "utime: 'times' must be either a tuple of two ints or None");
    if (!time_to_timespec(a[1].as<TupleObject>()->items[0], &ts[0]) ||
        !time_to_timespec(a[1].as<TupleObject>()->items[1], &ts[1]))
      return Value::exc();
  } else if (!a[2].is_null()) {
    if (!is_tuple(a[2]) || a[2].as<TupleObject>()->size != 2)
      return raise(exc::TypeError, "utime: 'ns' must be a tuple of two ints");
    if (!ns_to_timespec(a[2].as<TupleObject>()->items[0], &ts[0]) ||
        !ns_to_timespec(a[2].as<TupleObject>()->items[1], &ts[1]))
      return Value::exc();
  } else {
    ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
    ts[0].tv_sec = ts[1].tv_sec = 0;
  }
  int r = p.fd >= 0 ? ::futimens(p.fd, ts) : ::utimensat(dfd, p.c_str(), ts, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r != 0) return os_error_path(errno, p);
  return Value::none();
}

Value posix_mkfifo(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "mode", "$dir_fd", nullptr};
  Value a[3];
  PathArg p;
  int mode = 0666, dfd;
  if (!parse_args("mkfifo", args, nargs, kw, names, 1, a) || !path_convert("mkfifo", "path", a[0], &p) ||
      (!a[1].is_null() && !int_arg(a[1], &mode)) || !dir_fd_arg("mkfifo", a[2], &dfd))
    return Value::exc();
  if (::mkfifoat(dfd, p.c_str(), mode_t(mode)) != 0) return os_error_path(errno, p);
  return Value::none();
}

Value posix_umask(Value* args, size_t nargs, TupleObject* kw) {
  int m;
  if (!check_no_kwargs("umask", kw) || !check_nargs("umask", nargs, 1, 1) || !int_arg(args[0], &m)) return Value::exc();
  return Value::from_small_int(::umask(mode_t(m)));
}

// -- listdir / scandir --------------------------------------------------------------------------------
DIR* open_dir(const PathArg& p, Value* err) {
  DIR* d;
  if (p.fd >= 0) {
    int fd = ::fcntl(p.fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
      *err = os_error(errno);
      return nullptr;
    }
    d = ::fdopendir(fd);
    if (!d) {
      int e = errno;
      ::close(fd);
      *err = os_error(e);
      return nullptr;
    }
    ::rewinddir(d);
    return d;
  }
  d = ::opendir(p.c_str());
  if (!d) *err = os_error_path(errno, p);
  return d;
}

bool dot_or_dotdot(const char* n) { return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)); }

Value posix_listdir(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", nullptr};
  Value a[1];
  PathArg p;
  if (!parse_args("listdir", args, nargs, kw, names, 0, a)) return Value::exc();
  if (a[0].is_null()) a[0] = Value::none();
  if (!path_convert("listdir", "path", a[0], &p, true, true)) return Value::exc();
  Value err;
  DIR* d = open_dir(p, &err);
  if (!d) return err;
  ListObject* l = list_new(0);
  errno = 0;
  while (dirent* e = ::readdir(d)) {
    if (dot_or_dotdot(e->d_name)) continue;
    Value n = path_result(e->d_name, p.is_bytes);
    if (n.is_exc()) {
      ::closedir(d);
      return n;
    }
    list_append(l, n);
  }
  ::closedir(d);
  return obj(l);
}

struct DirEntryObject : Object {
  Value name, path;     // str or bytes, like the scandir argument
  Value stat, lstat;    // cached stat results (null until asked)
  uint64_t ino;
  int dir_fd;           // scandir(fd): entries are relative to it (-1 otherwise)
  uint8_t d_type;
};
struct ScandirObject : Object {
  DIR* dir;
  Value path;           // the argument (for DirEntry.path)
  std::string* prefix;  // the encoded directory path with a trailing '/'
  int fd;               // scandir(fd)
  bool is_bytes;
};
TypeObject *g_direntry_type, *g_scandir_type;

void direntry_trace(Object* o, Tracer& t) {
  auto* e = static_cast<DirEntryObject*>(o);
  t.visit(e->name);
  t.visit(e->path);
  t.visit(e->stat);
  t.visit(e->lstat);
}

bool check_direntry(Value* args, size_t nargs, const char* what) {
  if (nargs >= 1 && type_of(args[0]) == g_direntry_type) return true;
  raise_fmt(exc::TypeError, "descriptor '{}' for 'posix.DirEntry' objects doesn't apply to a '{}' object", what,
            nargs ? type_name(args[0]) : "NoneType");
  return false;
}

Value direntry_fetch_stat(DirEntryObject* e, bool follow) {
  Value& slot = follow ? e->stat : e->lstat;
  if (!slot.is_null()) return slot;
  struct stat st;
  int r;
  if (e->dir_fd >= 0) {
    std::string n(is_bytes(e->name) ? std::string_view(e->name.as<BytesObject>()->data, e->name.as<BytesObject>()->size)
                                    : as_str(e->name)->view());
    if (!is_bytes(e->name) && !fs_encode(as_str(e->name), &n)) return Value::exc();
    r = ::fstatat(e->dir_fd, n.c_str(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  } else {
    PathArg p;
    if (!path_convert("stat", "path", e->path, &p)) return Value::exc();
    r = follow ? ::stat(p.c_str(), &st) : ::lstat(p.c_str(), &st);
  }
  if (r != 0) return raise_os_error(errno, e->path);
  slot = stat_result_from(st);
  return slot;
}

// is_dir / is_file: from d_type when known (and not a symlink to follow), else from stat.
Value direntry_test(Value* args, size_t nargs, TupleObject* kw, const char* what, unsigned dt, mode_t fmt_bits) {
  if (!check_direntry(args, nargs, what)) return Value::exc();
  static const char* const names[] = {"$follow_symlinks", nullptr};
  Value a[1];
  bool follow;
  if (!parse_args(what, args + 1, nargs - 1, kw, names, 0, a) || !bool_arg(a[0], true, &follow)) return Value::exc();
  auto* e = args[0].as<DirEntryObject>();
  if (e->d_type != DT_UNKNOWN && !(follow && e->d_type == DT_LNK)) return Value::from_bool(e->d_type == dt);
  Value st = direntry_fetch_stat(e, follow);
  if (st.is_exc()) {
    if (exc_matches(exc::FileNotFoundError)) {
      exc_fetch();
      return Value::false_();
    }
    return st;
  }
  int64_t mode;
  int_get_i64(st.as<TupleObject>()->items[0], &mode);
  return Value::from_bool((mode_t(mode) & S_IFMT) == fmt_bits);
}
Value direntry_is_dir(Value* a, size_t n, TupleObject* k) { return direntry_test(a, n, k, "is_dir", DT_DIR, S_IFDIR); }
Value direntry_is_file(Value* a, size_t n, TupleObject* k) { return direntry_test(a, n, k, "is_file", DT_REG, S_IFREG); }

Value direntry_is_symlink(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_direntry(args, nargs, "is_symlink")) return Value::exc();
  auto* e = args[0].as<DirEntryObject>();
  if (e->d_type != DT_UNKNOWN) return Value::from_bool(e->d_type == DT_LNK);
  Value st = direntry_fetch_stat(e, false);
  if (st.is_exc()) {
    if (exc_matches(exc::FileNotFoundError)) {
      exc_fetch();
      return Value::false_();
    }
    return st;
  }
  int64_t mode;
  int_get_i64(st.as<TupleObject>()->items[0], &mode);
  return Value::from_bool(S_ISLNK(mode_t(mode)));
}

Value direntry_stat(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_direntry(args, nargs, "stat")) return Value::exc();
  static const char* const names[] = {"$follow_symlinks", nullptr};
  Value a[1];
  bool follow;
  if (!parse_args("stat", args + 1, nargs - 1, kw, names, 0, a) || !bool_arg(a[0], true, &follow)) return Value::exc();
  auto* e = args[0].as<DirEntryObject>();
  if (follow && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN) return direntry_fetch_stat(e, false);
  return direntry_fetch_stat(e, follow);
}

Value direntry_inode(Value* args, size_t nargs, TupleObject*) {
  if (!check_direntry(args, nargs, "inode")) return Value::exc();
  return int_from_i64(int64_t(args[0].as<DirEntryObject>()->ino));
}
Value direntry_fspath(Value* args, size_t nargs, TupleObject*) {
  if (!check_direntry(args, nargs, "__fspath__")) return Value::exc();
  return args[0].as<DirEntryObject>()->path;
}
Value direntry_name(Value* args, size_t nargs, TupleObject*) {
  if (!check_direntry(args, nargs, "name")) return Value::exc();
  return args[0].as<DirEntryObject>()->name;
}
Value direntry_path(Value* args, size_t nargs, TupleObject*) {
  if (!check_direntry(args, nargs, "path")) return Value::exc();
  return args[0].as<DirEntryObject>()->path;
}
Value direntry_repr(Value self) {
  Value r = repr(self.as<DirEntryObject>()->name);
  if (r.is_exc()) return r;
  return str_value(fmt::format("<DirEntry {}>", as_str(r)->view()));
}
Value class_getitem_identity(Value* args, size_t nargs, TupleObject*) {
  // types.GenericAlias(cls, item) once `types` is importable; the class itself until then.
  Value types_mod = import_name(str_intern("types"), nullptr, Value::none(), 0);
  if (types_mod.is_exc()) {
    exc_fetch();
    return args[0];
  }
  Value ga = getattr(types_mod, NAME("GenericAlias"));
  if (ga.is_exc()) return ga;
  return call2(ga, args[0], args[1]);
}

void scandir_close(ScandirObject* s) {
  if (s->dir) {
    ::closedir(s->dir);
    s->dir = nullptr;
  }
}

Value scandir_next(Value self) {
  auto* s = self.as<ScandirObject>();
  if (!s->dir) return Value::null();
  for (;;) {
    errno = 0;
    dirent* d = ::readdir(s->dir);
    if (!d) {
      int e = errno;
      scandir_close(s);
      if (e) return os_error(e);
      return Value::null();
    }
    if (dot_or_dotdot(d->d_name)) continue;
    auto* e = gc::make<DirEntryObject>(g_direntry_type);
    e->name = path_result(d->d_name, s->is_bytes);
    if (e->name.is_exc()) return e->name;
    if (s->fd >= 0) {
      e->path = e->name;
    } else {
      e->path = path_result(*s->prefix + d->d_name, s->is_bytes);
      if (e->path.is_exc()) return e->path;
    }
    e->stat = e->lstat = Value::null();
    e->ino = d->d_ino;
    e->d_type = d->d_type;
    e->dir_fd = s->fd;
    return obj(e);
  }
}

bool check_scandir(Value* args, size_t nargs) {
  if (nargs >= 1 && type_of(args[0]) == g_scandir_type) return true;
  raise(exc::TypeError, "descriptor requires a 'posix.ScandirIterator' object");
  return false;
}
Value scandir_close_m(Value* args, size_t nargs, TupleObject*) {
  if (!check_scandir(args, nargs)) return Value::exc();
  scandir_close(args[0].as<ScandirObject>());
  return Value::none();
}
Value scandir_enter(Value* args, size_t nargs, TupleObject*) {
  if (!check_scandir(args, nargs)) return Value::exc();
  return args[0];
}
Value scandir_exit(Value* args, size_t nargs, TupleObject*) {
  if (!check_scandir(args, nargs)) return Value::exc();
  scandir_close(args[0].as<ScandirObject>());
  return Value::false_();
}

Value posix_scandir(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", nullptr};
  Value a[1];
  PathArg p;
  if (!parse_args("scandir", args, nargs, kw, names, 0, a)) return Value::exc();
  if (a[0].is_null()) a[0] = Value::none();
  if (!path_convert("scandir", "path", a[0], &p, true, true)) return Value::exc();
  Value err;
  DIR* d = open_dir(p, &err);
  if (!d) return err;
  auto* s = gc::make<ScandirObject>(g_scandir_type);
  s->dir = d;
  s->path = a[0];
  s->is_bytes = p.is_bytes;
  s->fd = p.fd >= 0 ? p.fd : -1;  // entries stat relative to the caller's fd, as CPython (the dup closes with the DIR)
  // DirEntry.path is os.path.join(scandir_path, name); scandir() / scandir(None) give "./name".
  std::string prefix = p.fd >= 0 ? std::string() : p.path;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  s->prefix = new std::string(std::move(prefix));
  return obj(s);
}

// -- Environment ------------------------------------------------------------------------------------
Value posix_putenv(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("putenv", kw) || !check_nargs("putenv", nargs, 2, 2)) return Value::exc();
  PathArg k, v;
  if (!path_convert("putenv", "name", args[0], &k) || !path_convert("putenv", "value", args[1], &v))
    return Value::exc();
  if (k.path.empty() || k.path.find('=') != std::string::npos)
    return raise(exc::ValueError, "illegal environment variable name");
  if (::setenv(k.c_str(), v.c_str(), 1) != 0) return os_error(errno);
  return Value::none();
}

Value posix_unsetenv(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("unsetenv", kw) || !check_nargs("unsetenv", nargs, 1, 1)) return Value::exc();
  PathArg k;
  if (!path_convert("unsetenv", "name", args[0], &k)) return Value::exc();
  if (k.path.empty() || k.path.find('=') != std::string::npos)
    return raise(exc::ValueError, "illegal environment variable name");
  if (::unsetenv(k.c_str()) != 0) return os_error(errno);
  return Value::none();
}

Value make_environ() {
  DictObject* d = dict_new();
  for (char** e = ::environ; e && *e; e++) {
    const char* eq = std::strchr(*e, '=');
    if (!eq) continue;
    Value k = bytes_new(std::string_view(*e, size_t(eq - *e)));
    if (!dict_get(d, k).is_null()) continue;  // the first one wins, as in CPython
    dict_set(d, k, bytes_new(eq + 1));
  }
  return obj(d);
}

// -- Misc ------------------------------------------------------------------------------------------------
Value posix_urandom(Value* args, size_t nargs, TupleObject* kw) {
  int64_t n;
  if (!check_no_kwargs("urandom", kw) || !check_nargs("urandom", nargs, 1, 1) || index_of(args[0], &n).is_exc())
    return Value::exc();
  if (n < 0) return raise(exc::ValueError, "negative argument not allowed");
  std::string buf(size_t(n), '\0');
  size_t got = 0;
  while (got < buf.size()) {
    ssize_t r = ::getrandom(buf.data() + got, buf.size() - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return os_error(errno);
    }
    got += size_t(r);
  }
  return bytes_new(buf);
}

Value posix_strerror(Value* args, size_t nargs, TupleObject* kw) {
  int code;
  if (!check_no_kwargs("strerror", kw) || !check_nargs("strerror", nargs, 1, 1) || !int_arg(args[0], &code))
    return Value::exc();
  return str_value(std::strerror(code));
}

Value posix_fspath(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", nullptr};
  Value a[1];
  if (!parse_args("fspath", args, nargs, kw, names, 1, a)) return Value::exc();
  return fspath(a[0]);
}

TypeObject* g_terminal_size;
Value posix_get_terminal_size(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get_terminal_size", kw) || !check_nargs("get_terminal_size", nargs, 0, 1)) return Value::exc();
  int fd = 1;
  if (nargs == 1 && !int_arg(args[0], &fd)) return Value::exc();
  winsize w;
  if (::ioctl(fd, TIOCGWINSZ, &w) != 0) return os_error(errno);
  return struct_seq_new(g_terminal_size, {Value::from_small_int(w.ws_col), Value::from_small_int(w.ws_row)});
}

Value posix_cpu_count(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("cpu_count", kw) || !check_nargs("cpu_count", nargs, 0, 0)) return Value::exc();
  long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? Value::none() : int_from_i64(n);
}

Value posix_sync(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("sync", kw) || !check_nargs("sync", nargs, 0, 0)) return Value::exc();
  ::sync();
  return Value::none();
}

TypeObject* g_statvfs_result;
Value statvfs_value(const struct statvfs& s) {
  return struct_seq_new(g_statvfs_result, {
      int_from_i64(int64_t(s.f_bsize)), int_from_i64(int64_t(s.f_frsize)), int_from_i64(int64_t(s.f_blocks)),
      int_from_i64(int64_t(s.f_bfree)), int_from_i64(int64_t(s.f_bavail)), int_from_i64(int64_t(s.f_files)),
      int_from_i64(int64_t(s.f_ffree)), int_from_i64(int64_t(s.f_favail)), int_from_i64(int64_t(s.f_flag)),
      int_from_i64(int64_t(s.f_namemax)), int_from_i64(int64_t(s.f_fsid))});
}
Value posix_statvfs(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", nullptr};
  Value a[1];
  PathArg p;
  if (!parse_args("statvfs", args, nargs, kw, names, 1, a) || !path_convert("statvfs", "path", a[0], &p, true))
    return Value::exc();
  struct statvfs s;
  int r = p.fd >= 0 ? ::fstatvfs(p.fd, &s) : ::statvfs(p.c_str(), &s);
  if (r != 0) return os_error_path(errno, p);
  return statvfs_value(s);
}

Value posix_major(Value* args, size_t nargs, TupleObject* kw) {
  int64_t d;
  if (!check_nargs("major", nargs, 1, 1) || index_of(args[0], &d).is_exc()) return Value::exc();
  return int_from_i64(major(dev_t(d)));
}
Value posix_minor(Value* args, size_t nargs, TupleObject* kw) {
  int64_t d;
  if (!check_nargs("minor", nargs, 1, 1) || index_of(args[0], &d).is_exc()) return Value::exc();
  return int_from_i64(minor(dev_t(d)));
}
Value posix_makedev(Value* args, size_t nargs, TupleObject* kw) {
  int64_t a, b;
  if (!check_nargs("makedev", nargs, 2, 2) || index_of(args[0], &a).is_exc() || index_of(args[1], &b).is_exc())
    return Value::exc();
  return int_from_i64(int64_t(makedev(unsigned(a), unsigned(b))));
}

// -- sysconf / confstr / pathconf name tables -------------------------------------------------------------
struct ConfName { const char* name; int value; };
const ConfName kSysconfNames[] = {
    {"SC_ARG_MAX", _SC_ARG_MAX}, {"SC_CHILD_MAX", _SC_CHILD_MAX}, {"SC_CLK_TCK", _SC_CLK_TCK},
    {"SC_NGROUPS_MAX", _SC_NGROUPS_MAX}, {"SC_OPEN_MAX", _SC_OPEN_MAX}, {"SC_PAGESIZE", _SC_PAGESIZE},
    {"SC_PAGE_SIZE", _SC_PAGE_SIZE}, {"SC_NPROCESSORS_CONF", _SC_NPROCESSORS_CONF},
    {"SC_NPROCESSORS_ONLN", _SC_NPROCESSORS_ONLN}, {"SC_PHYS_PAGES", _SC_PHYS_PAGES},
    {"SC_AVPHYS_PAGES", _SC_AVPHYS_PAGES}, {"SC_LINE_MAX", _SC_LINE_MAX}, {"SC_HOST_NAME_MAX", _SC_HOST_NAME_MAX},
    {"SC_LOGIN_NAME_MAX", _SC_LOGIN_NAME_MAX}, {"SC_IOV_MAX", _SC_IOV_MAX}, {"SC_TTY_NAME_MAX", _SC_TTY_NAME_MAX},
    {"SC_GETPW_R_SIZE_MAX", _SC_GETPW_R_SIZE_MAX}, {"SC_GETGR_R_SIZE_MAX", _SC_GETGR_R_SIZE_MAX},
    {"SC_SEM_NSEMS_MAX", _SC_SEM_NSEMS_MAX}, {"SC_VERSION", _SC_VERSION}, {"SC_MINSIGSTKSZ", _SC_MINSIGSTKSZ},
};
const ConfName kConfstrNames[] = {
    {"CS_PATH", _CS_PATH}, {"CS_GNU_LIBC_VERSION", _CS_GNU_LIBC_VERSION},
    {"CS_GNU_LIBPTHREAD_VERSION", _CS_GNU_LIBPTHREAD_VERSION},
};
const ConfName kPathconfNames[] = {
    {"PC_LINK_MAX", _PC_LINK_MAX}, {"PC_MAX_CANON", _PC_MAX_CANON}, {"PC_MAX_INPUT", _PC_MAX_INPUT},
    {"PC_NAME_MAX", _PC_NAME_MAX}, {"PC_PATH_MAX", _PC_PATH_MAX}, {"PC_PIPE_BUF", _PC_PIPE_BUF},
    {"PC_CHOWN_RESTRICTED", _PC_CHOWN_RESTRICTED}, {"PC_NO_TRUNC", _PC_NO_TRUNC}, {"PC_VDISABLE", _PC_VDISABLE},
};

template <size_t N>
bool conf_name(Value v, const ConfName (&table)[N], int* out) {
  if (is_str(v)) {
    for (const ConfName& c : table)
      if (as_str(v)->view() == c.name) {
        *out = c.value;
        return true;
      }
    raise(exc::ValueError, "unrecognized configuration name");
    return false;
  }
  if (!is_int(v)) {
    raise(exc::TypeError, "configuration names must be strings or integers");
    return false;
  }
  return int_arg(v, out);
}

template <size_t N>
Value conf_names_dict(const ConfName (&table)[N]) {
  DictObject* d = dict_new();
  for (const ConfName& c : table) dict_set(d, str_value(c.name), int_from_i64(c.value));
  return obj(d);
}

Value posix_sysconf(Value* args, size_t nargs, TupleObject* kw) {
  int name;
  if (!check_no_kwargs("sysconf", kw) || !check_nargs("sysconf", nargs, 1, 1) || !conf_name(args[0], kSysconfNames, &name))
    return Value::exc();
  errno = 0;
  long r = ::sysconf(name);
  if (r == -1 && errno) return os_error(errno);
  return int_from_i64(r);
}

Value posix_confstr(Value* args, size_t nargs, TupleObject* kw) {
  int name;
  if (!check_no_kwargs("confstr", kw) || !check_nargs("confstr", nargs, 1, 1) || !conf_name(args[0], kConfstrNames, &name))
    return Value::exc();
  errno = 0;
  size_t n = ::confstr(name, nullptr, 0);
  if (n == 0) {
    if (errno) return os_error(errno);
    return Value::none();
  }
  std::string buf(n, '\0');
  ::confstr(name, buf.data(), n);
  return str_value(std::string_view(buf.c_str()));
}

Value pathconf_impl(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", "name", nullptr};
  Value a[2];
  PathArg p;
  int name;
  if (!parse_args(fname, args, nargs, kw, names, 2, a) || !path_convert(fname, "path", a[0], &p, true) ||
      !conf_name(a[1], kPathconfNames, &name))
    return Value::exc();
  errno = 0;
  long r = p.fd >= 0 ? ::fpathconf(p.fd, name) : ::pathconf(p.c_str(), name);
  if (r == -1 && errno) return os_error_path(errno, p);
  return int_from_i64(r);
}
Value posix_pathconf(Value* a, size_t n, TupleObject* k) { return pathconf_impl("pathconf", a, n, k); }
Value posix_fpathconf(Value* a, size_t n, TupleObject* k) { return pathconf_impl("fpathconf", a, n, k); }

// -- Constants ---------------------------------------------------------------------------------------------
struct IntConst { const char* name; int64_t value; };
const IntConst kConstants[] = {
#define C(n) {#n, n},
    C(F_OK) C(R_OK) C(W_OK) C(X_OK) C(O_RDONLY) C(O_WRONLY) C(O_RDWR) C(O_APPEND) C(O_CREAT) C(O_EXCL) C(O_TRUNC)
    C(O_NONBLOCK) C(O_NDELAY) C(O_SYNC) C(O_DSYNC) C(O_RSYNC) C(O_NOCTTY) C(O_CLOEXEC) C(O_DIRECTORY) C(O_NOFOLLOW)
    C(O_ACCMODE) C(O_ASYNC) C(O_DIRECT) C(O_LARGEFILE) C(O_NOATIME) C(O_PATH) C(O_TMPFILE)
    C(SEEK_DATA) C(SEEK_HOLE) C(WNOHANG) C(WUNTRACED) C(WCONTINUED) C(WEXITED) C(WSTOPPED) C(WNOWAIT)
    C(P_PID) C(P_PGID) C(P_ALL) C(EX_OK) C(EX_USAGE) C(EX_DATAERR) C(EX_NOINPUT) C(EX_NOUSER) C(EX_NOHOST)
    C(EX_UNAVAILABLE) C(EX_SOFTWARE) C(EX_OSERR) C(EX_OSFILE) C(EX_CANTCREAT) C(EX_IOERR) C(EX_TEMPFAIL)
    C(EX_PROTOCOL) C(EX_NOPERM) C(EX_CONFIG) C(F_LOCK) C(F_TLOCK) C(F_ULOCK) C(F_TEST) C(ST_RDONLY) C(ST_NOSUID)
    C(CLD_EXITED) C(CLD_KILLED) C(CLD_DUMPED) C(CLD_TRAPPED) C(CLD_STOPPED) C(CLD_CONTINUED) C(NGROUPS_MAX)
    C(PRIO_PROCESS) C(PRIO_PGRP) C(PRIO_USER) C(RTLD_LAZY) C(RTLD_NOW) C(RTLD_GLOBAL) C(RTLD_LOCAL) C(RTLD_NODELETE)
    C(RTLD_NOLOAD) C(RTLD_DEEPBIND) C(SCHED_OTHER) C(SCHED_FIFO) C(SCHED_RR) C(SCHED_BATCH) C(SCHED_IDLE)
    C(SCHED_RESET_ON_FORK) C(GRND_NONBLOCK) C(GRND_RANDOM) C(POSIX_FADV_NORMAL) C(POSIX_FADV_SEQUENTIAL)
    C(POSIX_FADV_RANDOM) C(POSIX_FADV_NOREUSE) C(POSIX_FADV_WILLNEED) C(POSIX_FADV_DONTNEED) C(TMP_MAX)
#undef C
};

const char* const kHaveFunctions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FCHMODAT", "HAVE_FCHOWN", "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR", "HAVE_FPATHCONF", "HAVE_FSTATAT", "HAVE_FSTATVFS", "HAVE_FTRUNCATE", "HAVE_FUTIMENS",
    "HAVE_LINKAT", "HAVE_LCHOWN", "HAVE_LSTAT", "HAVE_MKDIRAT", "HAVE_MKFIFOAT", "HAVE_OPENAT", "HAVE_READLINKAT",
    "HAVE_RENAMEAT", "HAVE_SYMLINKAT", "HAVE_UNLINKAT", "HAVE_UTIMENSAT",
};

}  // namespace

Value make_posix_module() {
  g_stat_result = make_struct_seq_type(
      "os", "stat_result",
      {"st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "", "", "", "st_atime", "st_mtime",
       "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev"},
      10);
  g_terminal_size = make_struct_seq_type("os", "terminal_size", {"columns", "lines"});
  g_statvfs_result = make_struct_seq_type(
      "os", "statvfs_result",
      {"f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_favail", "f_flag",
       "f_namemax", "f_fsid"},
      10);

  g_direntry_type = make_builtin_type("DirEntry", types::object, sizeof(DirEntryObject), 0);
  g_direntry_type->module = str_intern("posix");
  g_direntry_type->trace = direntry_trace;
  g_direntry_type->repr = direntry_repr;
  type_add_methods(g_direntry_type, {{"is_dir", direntry_is_dir}, {"is_file", direntry_is_file},
                                     {"is_symlink", direntry_is_symlink, kNativeNoArgs}, {"stat", direntry_stat},
                                     {"inode", direntry_inode, kNativeNoArgs},
                                     {"__fspath__", direntry_fspath, kNativeNoArgs}});
  type_add_getsets(g_direntry_type, {{"name", direntry_name}, {"path", direntry_path}});
  type_add_classmethod(g_direntry_type, "__class_getitem__", class_getitem_identity);
  g_scandir_type = make_builtin_type("ScandirIterator", types::object, sizeof(ScandirObject), 0);
  g_scandir_type->module = str_intern("posix");
  g_scandir_type->trace = [](Object* o, Tracer& t) { t.visit(static_cast<ScandirObject*>(o)->path); };
  g_scandir_type->finalize = [](Object* o) {
    auto* s = static_cast<ScandirObject*>(o);
    scandir_close(s);
    delete s->prefix;
  };
  g_scandir_type->iter = [](Value self) { return self; };
  g_scandir_type->iternext = scandir_next;
  type_add_methods(g_scandir_type, {{"close", scandir_close_m, kNativeNoArgs},
                                    {"__enter__", scandir_enter, kNativeNoArgs},
                                    {"__exit__", scandir_exit}});

  Value m = module_new("posix");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"stat", posix_stat}, {"lstat", posix_lstat}, {"fstat", posix_fstat}, {"open", posix_open},
      {"close", posix_close}, {"closerange", posix_closerange}, {"read", posix_read}, {"write", posix_write},
      {"lseek", posix_lseek}, {"pipe", posix_pipe}, {"pipe2", posix_pipe2}, {"dup", posix_dup}, {"dup2", posix_dup2},
      {"fsync", posix_fsync}, {"fdatasync", posix_fdatasync}, {"fchdir", posix_fchdir},
      {"ftruncate", posix_ftruncate}, {"truncate", posix_truncate}, {"isatty", posix_isatty},
      {"get_inheritable", posix_get_inheritable}, {"set_inheritable", posix_set_inheritable},
      {"get_blocking", posix_get_blocking}, {"set_blocking", posix_set_blocking},
      {"device_encoding", posix_device_encoding}, {"getcwd", posix_getcwd}, {"getcwdb", posix_getcwdb},
      {"chdir", posix_chdir}, {"mkdir", posix_mkdir}, {"unlink", posix_unlink}, {"remove", posix_remove},
      {"rmdir", posix_rmdir}, {"rename", posix_rename}, {"replace", posix_replace}, {"link", posix_link},
      {"symlink", posix_symlink}, {"readlink", posix_readlink}, {"access", posix_access}, {"chmod", posix_chmod},
      {"fchmod", posix_fchmod}, {"chown", posix_chown}, {"lchown", posix_lchown}, {"fchown", posix_fchown},
      {"utime", posix_utime}, {"mkfifo", posix_mkfifo}, {"umask", posix_umask}, {"listdir", posix_listdir},
      {"scandir", posix_scandir}, {"putenv", posix_putenv}, {"unsetenv", posix_unsetenv},
      {"urandom", posix_urandom}, {"strerror", posix_strerror}, {"fspath", posix_fspath},
      {"get_terminal_size", posix_get_terminal_size}, {"cpu_count", posix_cpu_count}, {"sync", posix_sync},
      {"statvfs", posix_statvfs}, {"fstatvfs", posix_statvfs}, {"major", posix_major}, {"minor", posix_minor},
      {"makedev", posix_makedev}, {"sysconf", posix_sysconf}, {"confstr", posix_confstr},
      {"pathconf", posix_pathconf}, {"fpathconf", posix_fpathconf},
  });
  posix_add_process_functions(d);
  dict_set_str(d, str_intern("stat_result"), obj(g_stat_result));
  dict_set_str(d, str_intern("terminal_size"), obj(g_terminal_size));
  dict_set_str(d, str_intern("statvfs_result"), obj(g_statvfs_result));
  dict_set_str(d, str_intern("DirEntry"), obj(g_direntry_type));
  dict_set_str(d, str_intern("error"), obj(exc::OSError));
  dict_set_str(d, str_intern("environ"), make_environ());
  dict_set_str(d, str_intern("sysconf_names"), conf_names_dict(kSysconfNames));
  dict_set_str(d, str_intern("confstr_names"), conf_names_dict(kConfstrNames));
  dict_set_str(d, str_intern("pathconf_names"), conf_names_dict(kPathconfNames));
  for (const IntConst& c : kConstants) dict_set_str(d, str_intern(c.name), int_from_i64(c.value));
  ListObject* have = list_new(0);
  for (const char* h : kHaveFunctions) list_append(have, str_value(h));
  dict_set_str(d, str_intern("_have_functions"), obj(have));
  return m;
}

}  // namespace chaipy
