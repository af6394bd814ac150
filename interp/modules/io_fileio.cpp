// interp/modules/io_fileio.cpp — _io.FileIO: raw, unbuffered I/O on a file descriptor (open(2),
// read(2), write(2), lseek(2)), with CPython's mode strings, closefd / opener, and messages.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "interp/modules/io.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"

namespace chaipy::io {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

void fd_shared_release(FdShared* s) {
  if (!s || --s->refs > 0) return;
  if (s->fd >= 0 && s->closefd) ::close(s->fd);
  delete s;
}

namespace {

FileIOObject* self_of(Value v) { return v.as<FileIOObject>(); }
int fd_of(FileIOObject* f) { return f->sh ? f->sh->fd : -1; }

bool check_fio(Value* args, size_t nargs, const char* method, bool need_open = true) {
  if (!check_self(args, nargs, fileio, method)) return false;
  if (need_open && fd_of(self_of(args[0])) < 0) {
    closed_error(false);
    return false;
  }
  return true;
}

void fileio_trace(Object* o, Tracer& t) { instance_trace_part(o, t); }
void fileio_finalize(Object* o) {
  auto* f = static_cast<FileIOObject*>(o);
  fd_shared_release(f->sh);
  f->sh = nullptr;
  instance_finalize_part(o);
}

// Parses a FileIO mode into the object's flags and open(2) flags; false after raising.
bool parse_mode(FileIOObject* f, std::string_view mode, int* flags) {
  bool rwa = false, plus = false;
  f->readable = f->writable = f->appending = f->created = false;
  for (char c : mode) {
    switch (c) {
      case 'x': case 'r': case 'w': case 'a':
        if (rwa) goto bad;
        rwa = true;
        if (c == 'x') f->created = f->writable = true, *flags |= O_EXCL | O_CREAT;
        else if (c == 'r') f->readable = true;
        else if (c == 'w') f->writable = true, *flags |= O_CREAT | O_TRUNC;
        else f->writable = f->appending = true, *flags |= O_APPEND | O_CREAT;
        break;
      case 'b': break;
      case '+':
        if (plus) goto bad;
        f->readable = f->writable = plus = true;
        break;
      default:
        raise_fmt(exc::ValueError, "invalid mode: {}", mode);
        return false;
    }
  }
  if (!rwa) goto bad;
  *flags |= f->readable && f->writable ? O_RDWR : f->readable ? O_RDONLY : O_WRONLY;
  *flags |= O_CLOEXEC;
  return true;
bad:
  raise(exc::ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
  return false;
}

// FileIO.__init__: opens `file` (a path or an fd) with `mode`; false after raising.
bool fileio_init_impl(FileIOObject* f, Value file, std::string_view mode, bool closefd, Value opener) {
  if (f->sh) {  // re-initialising an open FileIO closes it first (CPython)
    fd_shared_release(f->sh);
    f->sh = nullptr;
  }
  if (file.is_double()) {
    raise(exc::TypeError, "integer argument expected, got float");
    return false;
  }
  int flags = 0;
  if (!parse_mode(f, mode, &flags)) return false;
  int fd = -1;
  PathArg path;
  if (is_int(file)) {
    if (!int_arg(file, &fd)) return false;
    if (fd < 0) {
      raise(exc::ValueError, "negative file descriptor");
      return false;
    }
  } else {
    if (!path_convert("open", "file", file, &path)) {
      if (exc_matches(exc::TypeError)) {
        exc_fetch();
        raise_fmt(exc::TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(file));
      }
      return false;
    }
    if (!closefd) {
      raise(exc::ValueError, "Cannot use closefd=False with file name");
      return false;
    }
    if (opener.is_null() || opener.is_none()) {
      do fd = ::open(path.c_str(), flags, 0666);
      while (fd < 0 && errno == EINTR);
      if (fd < 0) {
        raise_os_error(errno, file);
        return false;
      }
    } else {
      Value r = call2(opener, file, Value::from_small_int(flags));
      if (r.is_exc()) return false;
      if (!is_int(r)) {
        raise(exc::TypeError, "expected integer from opener");
        return false;
      }
      if (!int_arg(r, &fd)) return false;
      if (fd < 0) {
        raise_fmt(exc::ValueError, "opener returned {}", fd);
        return false;
      }
    }
  }
  f->sh = new FdShared{fd, 1, closefd};
  f->closefd = closefd;
  f->seekable = -1;
  f->blksize = kDefaultBufferSize;
  struct stat st;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      raise_os_error(EISDIR, file);
      return false;  // the finalizer closes fd
    }
    if (st.st_blksize > 1) f->blksize = st.st_blksize;
  } else if (errno == EBADF) {
    raise_os_error(errno);
    return false;
  }
  if (setattr(obj(f), NAME("name"), file) < 0) return false;
  if (f->appending) ::lseek(fd, 0, SEEK_END);
  return true;
}

Value fileio_tp_new(TypeObject* t, Value*, size_t, TupleObject*) { return instance_new(t); }

int fileio_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"file", "mode", "closefd", "opener", nullptr};
  Value a[4];
  if (!parse_args("FileIO", args, nargs, kw, names, 1, a)) return -1;
  std::string mode = "r";
  if (!a[1].is_null()) {
    if (!is_str(a[1])) {
      raise_fmt(exc::TypeError, "FileIO() argument 'mode' must be str, not {}", type_name(a[1]));
      return -1;
    }
    mode = std::string(as_str(a[1])->view());
  }
  bool closefd = true;
  if (!a[2].is_null()) {
    int t = truthy(a[2]);
    if (t < 0) return -1;
    closefd = t;
  }
  return fileio_init_impl(self_of(self), a[0], mode, closefd, a[3].is_null() ? Value::none() : a[3]) ? 0 : -1;
}

Value fileio_read_impl(FileIOObject* f, int64_t n);

Value fileio_readall_impl(FileIOObject* f) {
  int fd = fd_of(f);
  std::string out;
  struct stat st;
  size_t chunk = kDefaultBufferSize;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    if (pos >= 0 && st.st_size >= pos) chunk = size_t(st.st_size - pos) + 1;
  }
  while (true) {
    size_t old = out.size();
    out.resize(old + chunk);
    ssize_t r = ::read(fd, out.data() + old, chunk);
    if (r < 0) {
      out.resize(old);
      if (errno == EINTR) {
        if (!check_signals()) return Value::exc();
        continue;
      }
      if (errno == EAGAIN) {
        if (old == 0) return Value::none();
        break;
      }
      return raise_os_error(errno);
    }
    out.resize(old + size_t(r));
    if (r == 0) break;
    if (chunk < (1 << 20)) chunk *= 2;
  }
  return bytes_new(out);
}

Value fileio_read_impl(FileIOObject* f, int64_t n) {
  if (!f->readable) return unsupported("File not open for reading");
  if (n < 0) return fileio_readall_impl(f);
  std::string buf(size_t(n), '\0');
  ssize_t r;
  while ((r = ::read(fd_of(f), buf.data(), size_t(n))) < 0 && errno == EINTR)
    if (!check_signals()) return Value::exc();
  if (r < 0) {
    if (errno == EAGAIN) return Value::none();
    return raise_os_error(errno);
  }
  return bytes_new(std::string_view(buf.data(), size_t(r)));
}

Value fileio_read(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_fio(args, nargs, "read")) return Value::exc();
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  return fileio_read_impl(self_of(args[0]), n);
}

Value fileio_readall(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "readall")) return Value::exc();
  if (!self_of(args[0])->readable) return unsupported("File not open for reading");
  return fileio_readall_impl(self_of(args[0]));
}

Value fileio_readinto(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_fio(args, nargs, "readinto")) return Value::exc();
  if (!check_no_kwargs("readinto", kw) || !check_nargs("readinto", nargs - 1, 1, 1)) return Value::exc();
  if (!self_of(args[0])->readable) return unsupported("File not open for reading");
  // Through the target's item assignment until the buffer protocol exists for bytearray/memoryview.
  int64_t n = length(args[1]);
  if (n < 0) return Value::exc();
  Value data = fileio_read_impl(self_of(args[0]), n);
  if (data.is_exc() || data.is_none()) return data;
  int64_t k = int64_t(data.as<BytesObject>()->size);
  if (setitem(args[1], slice_new(Value::none(), int_from_i64(k), Value::none()), data) < 0) return Value::exc();
  return int_from_i64(k);
}

}  // namespace

int64_t fileio_write_all(FileIOObject* f, const char* p, size_t n) {
  int fd = fd_of(f);
  size_t done = 0;
  while (done < n) {
    ssize_t w = ::write(fd, p + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      raise_os_error(errno);
      return -1;
    }
    done += size_t(w);
  }
  return int64_t(done);
}

namespace {

Value fileio_write(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_fio(args, nargs, "write")) return Value::exc();
  if (!check_no_kwargs("write", kw) || !check_nargs("write", nargs - 1, 1, 1)) return Value::exc();
  FileIOObject* f = self_of(args[0]);
  if (!f->writable) return unsupported("File not open for writing");
  std::string_view data;
  if (!buffer_view(args[1], &data)) return Value::exc();
  ssize_t w;
  do w = ::write(fd_of(f), data.data(), data.size());
  while (w < 0 && errno == EINTR);
  if (w < 0) {
    if (errno == EAGAIN) return Value::none();
    return raise_os_error(errno);
  }
  return int_from_i64(w);
}

Value fileio_seek(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_fio(args, nargs, "seek")) return Value::exc();
  if (!check_no_kwargs("seek", kw) || !check_nargs("seek", nargs - 1, 1, 2)) return Value::exc();
  if (args[1].is_double()) return raise(exc::TypeError, "an integer is required");
  int64_t pos;
  int whence = 0;
  if (index_of(args[1], &pos).is_exc() || (nargs == 3 && !int_arg(args[2], &whence))) return Value::exc();
  off_t r = ::lseek(fd_of(self_of(args[0])), off_t(pos), whence);
  if (r < 0) return raise_os_error(errno);
  self_of(args[0])->seekable = 1;
  return int_from_i64(r);
}

Value fileio_tell(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "tell")) return Value::exc();
  off_t r = ::lseek(fd_of(self_of(args[0])), 0, SEEK_CUR);
  if (r < 0) return raise_os_error(errno);
  return int_from_i64(r);
}

Value fileio_truncate(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_fio(args, nargs, "truncate")) return Value::exc();
  if (!check_no_kwargs("truncate", kw) || !check_nargs("truncate", nargs - 1, 0, 1)) return Value::exc();
  FileIOObject* f = self_of(args[0]);
  if (!f->writable) return unsupported("File not open for writing");
  int64_t size;
  if (nargs == 1 || args[1].is_none()) {
    off_t r = ::lseek(fd_of(f), 0, SEEK_CUR);
    if (r < 0) return raise_os_error(errno);
    size = r;
  } else if (index_of(args[1], &size).is_exc()) {
    return Value::exc();
  }
  if (::ftruncate(fd_of(f), off_t(size)) != 0) return raise_os_error(errno);
  return int_from_i64(size);
}

Value fileio_close(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "close", false)) return Value::exc();
  FileIOObject* f = self_of(args[0]);
  f->iobase_closed = true;
  if (!f->sh || f->sh->fd < 0) return Value::none();
  int fd = f->sh->fd;
  f->sh->fd = -1;
  if (f->closefd && ::close(fd) != 0 && errno != EINTR) return raise_os_error(errno);
  return Value::none();
}

Value fileio_seekable(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "seekable")) return Value::exc();
  FileIOObject* f = self_of(args[0]);
  if (f->seekable < 0) f->seekable = ::lseek(fd_of(f), 0, SEEK_CUR) >= 0;
  return Value::from_bool(f->seekable);
}
Value fileio_readable(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "readable")) return Value::exc();
  return Value::from_bool(self_of(args[0])->readable);
}
Value fileio_writable(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "writable")) return Value::exc();
  return Value::from_bool(self_of(args[0])->writable);
}
Value fileio_fileno(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "fileno")) return Value::exc();
  return Value::from_small_int(fd_of(self_of(args[0])));
}
Value fileio_isatty(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "isatty")) return Value::exc();
  return Value::from_bool(::isatty(fd_of(self_of(args[0]))));
}
Value fileio_closed(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "closed", false)) return Value::exc();
  return Value::from_bool(fd_of(self_of(args[0])) < 0);
}
Value fileio_closefd(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "closefd", false)) return Value::exc();
  return Value::from_bool(self_of(args[0])->closefd);
}
const char* mode_string(FileIOObject* f) {
  if (f->created) return f->readable ? "xb+" : "xb";
  if (f->appending) return f->readable ? "ab+" : "ab";
  if (f->readable) return f->writable ? "rb+" : "rb";
  return "wb";
}
Value fileio_mode(Value* args, size_t nargs, TupleObject*) {
  if (!check_fio(args, nargs, "mode", false)) return Value::exc();
  return str_value(mode_string(self_of(args[0])));
}

Value fileio_repr(Value self) {
  FileIOObject* f = self_of(self);
  std::string tname = is_exact(self, fileio) ? "_io.FileIO" : std::string(type_of(self)->name->view());
  if (fd_of(f) < 0) return str_value(fmt::format("<{} [closed]>", tname));
  Value name = getattr_opt(self, NAME("name"));
  if (name.is_exc()) return name;
  std::string closefd = f->closefd ? "True" : "False";
  if (name.is_null())
    return str_value(fmt::format("<{} fd={} mode='{}' closefd={}>", tname, fd_of(f), mode_string(f), closefd));
  Value r = repr(name);
  if (r.is_exc()) return r;
  return str_value(fmt::format("<{} name={} mode='{}' closefd={}>", tname, as_str(r)->view(), mode_string(f), closefd));
}

Value fileio_getstate(Value* args, size_t nargs, TupleObject*) {
  return raise_fmt(exc::TypeError, "cannot pickle '{}' object", type_name(args[0]));
}

}  // namespace

Value fileio_new(Value file, const char* mode, bool closefd, Value opener) {
  Value f = instance_new(fileio);
  if (f.is_exc()) return f;
  if (!fileio_init_impl(self_of(f), file, mode, closefd, opener)) return Value::exc();
  return f;
}

void init_fileio_type(DictObject* m) {
  fileio = io_type("FileIO", rawiobase, sizeof(FileIOObject), m);
  fileio->trace = fileio_trace;
  fileio->finalize = fileio_finalize;
  fileio->tp_new = fileio_tp_new;
  fileio->init = fileio_init;
  fileio->repr = fileio_repr;
  type_add_methods(fileio, {
      {"read", fileio_read}, {"readall", fileio_readall, kNativeNoArgs}, {"readinto", fileio_readinto},
      {"write", fileio_write}, {"seek", fileio_seek}, {"tell", fileio_tell, kNativeNoArgs},
      {"truncate", fileio_truncate}, {"close", fileio_close, kNativeNoArgs},
      {"seekable", fileio_seekable, kNativeNoArgs}, {"readable", fileio_readable, kNativeNoArgs},
      {"writable", fileio_writable, kNativeNoArgs}, {"fileno", fileio_fileno, kNativeNoArgs},
      {"isatty", fileio_isatty, kNativeNoArgs}, {"__getstate__", fileio_getstate, kNativeNoArgs},
  });
  type_add_getsets(fileio, {{"closed", fileio_closed}, {"closefd", fileio_closefd}, {"mode", fileio_mode}});
}

}  // namespace chaipy::io
