// interp/modules/io_buffered.cpp — BufferedReader, BufferedWriter, BufferedRandom (one layout,
// BufferedObject, with a read-ahead and a pending-write buffer) and BufferedRWPair. Over an exact
// FileIO the buffers talk to the descriptor directly; over any other raw object through its
// read / write / seek / tell methods.
//
// Position invariant: the raw stream is at (logical position + unread read-ahead - pending
// writes); only one of the two buffers is non-empty at a time (reads flush pending writes, a
// write first gives back the unread read-ahead by seeking the raw stream).
#include <unistd.h>

#include <cerrno>
#include <unordered_set>

#include "interp/modules/io.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"

namespace chaipy::io {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

namespace {

std::unordered_set<BufferedObject*>& live_writers() {
  static auto* s = new std::unordered_set<BufferedObject*>();
  return *s;
}

BufferedObject* self_of(Value v) { return v.as<BufferedObject>(); }
size_t unread(BufferedObject* b) { return b->rbuf->size() - b->rpos; }
bool is_reader(BufferedObject* b) { return b->kind != kWriter; }
bool is_writer(BufferedObject* b) { return b->kind != kReader; }

const char* class_name(BufferedObject* b) {
  return b->kind == kReader ? "BufferedReader" : b->kind == kWriter ? "BufferedWriter" : "BufferedRandom";
}

// -- Raw access ----------------------------------------------------------------------------------------
bool raw_closed(BufferedObject* b) {
  if (b->sh) return b->sh->fd < 0;
  int c = iobase_closed(b->raw);
  if (c < 0) exc_fetch();
  return c > 0;
}

// Reads up to n bytes from raw, appending to *out. Returns the count (0 at EOF), -2 if a
// non-blocking raw has nothing (None), -1 after raising.
int64_t raw_read(BufferedObject* b, size_t n, std::string* out) {
  if (b->sh) {
    size_t old = out->size();
    out->resize(old + n);
    ssize_t r;
    while ((r = ::read(b->sh->fd, out->data() + old, n)) < 0 && errno == EINTR) {
      if (!check_signals()) {
        out->resize(old);
        return -1;
      }
    }
    if (r < 0) {
      out->resize(old);
      if (errno == EAGAIN) return -2;
      raise_os_error(errno);
      return -1;
    }
    out->resize(old + size_t(r));
    return r;
  }
  Value nv = int_from_i64(int64_t(n));
  Value r = call_name(b->raw, "read", &nv, 1);
  if (r.is_exc()) return -1;
  if (r.is_none()) return -2;
  if (!is_bytes(r)) {
    raise_fmt(exc::TypeError, "read() should return bytes");
    return -1;
  }
  auto* bo = r.as<BytesObject>();
  if (bo->size > n) {
    raise_fmt(exc::OSError, "raw read() returned invalid length {} (should have been between 0 and {})", bo->size, n);
    return -1;
  }
  out->append(bo->data, bo->size);
  return int64_t(bo->size);
}

bool raw_write_all(BufferedObject* b, const char* p, size_t n) {
  if (b->sh) {
    size_t done = 0;
    while (done < n) {
      ssize_t w = ::write(b->sh->fd, p + done, n - done);
      if (w < 0) {
        if (errno == EINTR) continue;
        raise_os_error(errno);
        return false;
      }
      done += size_t(w);
    }
    return true;
  }
  size_t done = 0;
  while (done < n) {
    Value chunk = bytes_new(std::string_view(p + done, n - done));
    Value r = call_name(b->raw, "write", &chunk, 1);
    if (r.is_exc()) return false;
    if (r.is_none()) {
      raise_fmt(exc::BlockingIOError, "write could not complete without blocking");
      return false;
    }
    int64_t w;
    if (index_of(r, &w).is_exc()) return false;
    if (w < 0 || size_t(w) > n - done) {
      raise_fmt(exc::OSError, "raw write() returned invalid length {} (should have been between 0 and {})", w, n - done);
      return false;
    }
    done += size_t(w);
  }
  return true;
}

// Raw seek; returns the new position or -1 after raising.
int64_t raw_seek(BufferedObject* b, int64_t pos, int whence) {
  if (b->sh) {
    off_t r = ::lseek(b->sh->fd, off_t(pos), whence);
    if (r < 0) {
      raise_os_error(errno);
      return -1;
    }
    return r;
  }
  Value a[2] = {int_from_i64(pos), Value::from_small_int(whence)};
  Value r = call_name(b->raw, "seek", a, 2);
  if (r.is_exc()) return -1;
  int64_t p;
  if (index_of(r, &p).is_exc()) return -1;
  if (p < 0) {
    raise_fmt(exc::OSError, "Raw stream returned invalid position {}", p);
    return -1;
  }
  return p;
}

int64_t raw_tell(BufferedObject* b) {
  if (b->sh) {
    off_t r = ::lseek(b->sh->fd, 0, SEEK_CUR);
    if (r < 0) {
      raise_os_error(errno);
      return -1;
    }
    return r;
  }
  Value r = call_name(b->raw, "tell");
  if (r.is_exc()) return -1;
  int64_t p;
  if (index_of(r, &p).is_exc()) return -1;
  if (p < 0) {
    raise_fmt(exc::OSError, "Raw stream returned invalid position {}", p);
    return -1;
  }
  return p;
}

// Gives back the unread read-ahead (the raw stream moves back to the logical position).
bool drop_readahead(BufferedObject* b) {
  size_t u = unread(b);
  b->rbuf->clear();
  b->rpos = 0;
  if (u == 0) return true;
  return raw_seek(b, -int64_t(u), SEEK_CUR) >= 0;
}

// -- Checks ------------------------------------------------------------------------------------------------
bool check_buf(Value* args, size_t nargs, const char* method, TypeObject* t = nullptr) {
  if (!check_self(args, nargs, t ? t : bufferediobase, method)) return false;
  if (!is_subtype(type_of(args[0]), buffered_reader) && !is_subtype(type_of(args[0]), buffered_writer) &&
      !is_subtype(type_of(args[0]), buffered_random)) {
    raise_fmt(exc::TypeError, "descriptor '{}' requires a buffered object", method);
    return false;
  }
  BufferedObject* b = self_of(args[0]);
  if (!b->ok) {
    raise(exc::ValueError, b->detached ? "raw stream has been detached" : "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

bool check_open(BufferedObject* b, const char* msg) {
  if (raw_closed(b)) {
    raise(exc::ValueError, msg);
    return false;
  }
  return true;
}

void buffered_trace(Object* o, Tracer& t) {
  instance_trace_part(o, t);
  t.visit(static_cast<BufferedObject*>(o)->raw);
}

void buffered_finalize(Object* o) {
  auto* b = static_cast<BufferedObject*>(o);
  live_writers().erase(b);
  // Unflushed writes reach the descriptor (CPython's finalizer closes, hence flushes, the object).
  if (b->sh && b->wbuf && !b->wbuf->empty() && b->sh->fd >= 0) {
    const char* p = b->wbuf->data();
    size_t n = b->wbuf->size();
    while (n > 0) {
      ssize_t w = ::write(b->sh->fd, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      p += w;
      n -= size_t(w);
    }
  }
  fd_shared_release(b->sh);
  b->sh = nullptr;
  delete b->rbuf;
  delete b->wbuf;
  b->rbuf = b->wbuf = nullptr;
  instance_finalize_part(o);
}

bool buffered_init_impl(BufferedObject* b, TypeObject* t, Value raw, int64_t size) {
  b->ok = false;
  BufferedKind kind = is_subtype(t, buffered_random) ? kRandom : is_subtype(t, buffered_writer) ? kWriter : kReader;
  if (kind != kWriter) {
    Value r = call_name(raw, "_checkReadable");
    if (r.is_exc()) return false;
  }
  if (kind != kReader) {
    Value r = call_name(raw, "_checkWritable");
    if (r.is_exc()) return false;
  }
  if (kind == kRandom) {
    Value r = call_name(raw, "_checkSeekable");
    if (r.is_exc()) return false;
  }
  if (size <= 0) {
    raise(exc::ValueError, "buffer size must be strictly positive");
    return false;
  }
  fd_shared_release(b->sh);
  b->sh = nullptr;
  if (is_exact(raw, fileio) && raw.as<FileIOObject>()->sh) {
    b->sh = raw.as<FileIOObject>()->sh;
    b->sh->refs++;
  }
  b->raw = raw;
  b->kind = kind;
  b->buffer_size = size;
  if (!b->rbuf) b->rbuf = new std::string();
  if (!b->wbuf) b->wbuf = new std::string();
  b->rbuf->clear();
  b->wbuf->clear();
  b->rpos = 0;
  b->detached = false;
  b->ok = true;
  if (kind != kReader) live_writers().insert(b);
  return true;
}

Value buffered_tp_new(TypeObject* t, Value*, size_t, TupleObject*) { return instance_new(t); }

int buffered_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"raw", "buffer_size", nullptr};
  Value a[2];
  TypeObject* t = type_of(self);
  const char* fname = is_subtype(t, buffered_random) ? "BufferedRandom"
                      : is_subtype(t, buffered_writer) ? "BufferedWriter"
                                                        : "BufferedReader";
  if (!parse_args(fname, args, nargs, kw, names, 1, a)) return -1;
  int64_t size = kDefaultBufferSize;
  if (!a[1].is_null() && index_of(a[1], &size).is_exc()) return -1;
  return buffered_init_impl(self_of(self), t, a[0], size) ? 0 : -1;
}

Value buffered_init_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_self(args, nargs, bufferediobase, "__init__")) return Value::exc();
  return buffered_init(args[0], args + 1, nargs - 1, kw) < 0 ? Value::exc() : Value::none();
}

}  // namespace

// -- Writing -------------------------------------------------------------------------------------------------
int buffered_flush(BufferedObject* b) {
  if (b->wbuf->empty()) return 0;
  std::string data;
  data.swap(*b->wbuf);
  if (!raw_write_all(b, data.data(), data.size())) return -1;
  return 0;
}

int buffered_write_bytes(BufferedObject* b, const char* p, size_t n) {
  if (b->kind == kRandom && unread(b) > 0 && !drop_readahead(b)) return -1;
  if (b->wbuf->size() + n > size_t(b->buffer_size)) {
    if (buffered_flush(b) < 0) return -1;
    if (n >= size_t(b->buffer_size)) return raw_write_all(b, p, n) ? 0 : -1;
  }
  b->wbuf->append(p, n);
  return 0;
}

void flush_all_buffers() {
  for (BufferedObject* b : live_writers()) {
    if (!b->sh || b->sh->fd < 0 || !b->wbuf || b->wbuf->empty()) continue;
    const char* p = b->wbuf->data();
    size_t n = b->wbuf->size();
    while (n > 0) {
      ssize_t w = ::write(b->sh->fd, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      p += w;
      n -= size_t(w);
    }
    b->wbuf->clear();
  }
}

namespace {

Value buffered_write(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "write")) return Value::exc();
  if (!check_no_kwargs("write", kw) || !check_nargs("write", nargs - 1, 1, 1)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!is_writer(b)) return unsupported("write");
  std::string_view data;
  if (!buffer_view(args[1], &data)) return Value::exc();
  if (!check_open(b, "write to closed file")) return Value::exc();
  if (buffered_write_bytes(b, data.data(), data.size()) < 0) return Value::exc();
  return int_from_i64(int64_t(data.size()));
}

Value buffered_flush_m(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, "flush")) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!check_open(b, is_writer(b) ? "flush of closed file" : "flush of closed file")) return Value::exc();
  if (is_writer(b) && buffered_flush(b) < 0) return Value::exc();
  if (b->kind == kRandom && unread(b) > 0 && !drop_readahead(b)) return Value::exc();
  return Value::none();
}

// -- Reading ----------------------------------------------------------------------------------------------
// Makes sure the read side can be used: pending writes go out first (BufferedRandom).
bool prepare_read(BufferedObject* b, const char* closed_msg) {
  if (!check_open(b, closed_msg)) return false;
  if (b->kind == kRandom && buffered_flush(b) < 0) return false;
  return true;
}

// Refills the read-ahead with one raw read when it is empty; returns the raw result code.
int64_t fill(BufferedObject* b) {
  if (unread(b) > 0) return int64_t(unread(b));
  b->rbuf->clear();
  b->rpos = 0;
  return raw_read(b, size_t(b->buffer_size), b->rbuf);
}

Value take(BufferedObject* b, size_t n) {
  n = std::min(n, unread(b));
  Value r = bytes_new(std::string_view(b->rbuf->data() + b->rpos, n));
  b->rpos += n;
  return r;
}

Value read_all(BufferedObject* b) {
  std::string out(b->rbuf->data() + b->rpos, unread(b));
  b->rbuf->clear();
  b->rpos = 0;
  if (b->sh) {
    while (true) {
      int64_t r = raw_read(b, size_t(std::max<int64_t>(b->buffer_size, 65536)), &out);
      if (r < 0) {
        if (r == -2) break;
        return Value::exc();
      }
      if (r == 0) break;
    }
    return bytes_new(out);
  }
  Value readall = getattr_opt(b->raw, NAME("readall"));
  if (readall.is_exc()) return readall;
  if (!readall.is_null()) {
    Value r = call0(readall);
    if (r.is_exc()) return r;
    if (r.is_none()) return out.empty() ? r : bytes_new(out);
    if (!is_bytes(r)) return raise(exc::TypeError, "readall() should return bytes");
    out.append(r.as<BytesObject>()->data, r.as<BytesObject>()->size);
    return bytes_new(out);
  }
  while (true) {
    int64_t r = raw_read(b, size_t(b->buffer_size), &out);
    if (r == -1) return Value::exc();
    if (r <= 0) break;
  }
  return bytes_new(out);
}

Value read_n(BufferedObject* b, size_t n) {
  if (unread(b) >= n) return take(b, n);
  std::string out(b->rbuf->data() + b->rpos, unread(b));
  b->rbuf->clear();
  b->rpos = 0;
  while (out.size() < n) {
    size_t want = n - out.size();
    if (want >= size_t(b->buffer_size)) {  // large reads bypass the buffer
      int64_t r = raw_read(b, want, &out);
      if (r == -1) return Value::exc();
      if (r <= 0) {
        if (r == -2 && out.empty()) return Value::none();
        break;
      }
      continue;
    }
    int64_t r = fill(b);
    if (r == -1) return Value::exc();
    if (r <= 0) {
      if (r == -2 && out.empty()) return Value::none();
      break;
    }
    size_t k = std::min(want, unread(b));
    out.append(b->rbuf->data() + b->rpos, k);
    b->rpos += k;
  }
  return bytes_new(out);
}

Value buffered_read(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "read")) return Value::exc();
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!is_reader(b)) return unsupported("read");
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  if (n < -1) return raise(exc::ValueError, "read length must be non-negative or -1");
  if (!prepare_read(b, "read of closed file")) return Value::exc();
  if (n == -1) return read_all(b);
  return read_n(b, size_t(n));
}

Value buffered_read1(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "read1")) return Value::exc();
  if (!check_no_kwargs("read1", kw) || !check_nargs("read1", nargs - 1, 0, 1)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!is_reader(b)) return unsupported("read1");
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  if (!prepare_read(b, "read of closed file")) return Value::exc();
  if (n < 0) n = b->buffer_size;
  if (n == 0) return bytes_new("");
  if (unread(b) > 0) return take(b, size_t(n));
  if (n >= b->buffer_size) {
    std::string out;
    int64_t r = raw_read(b, size_t(n), &out);
    if (r == -1) return Value::exc();
    return bytes_new(out);
  }
  int64_t r = fill(b);
  if (r == -1) return Value::exc();
  return take(b, size_t(n));
}

Value buffered_peek(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "peek")) return Value::exc();
  if (!check_no_kwargs("peek", kw) || !check_nargs("peek", nargs - 1, 0, 1)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!is_reader(b)) return unsupported("peek");
  if (!prepare_read(b, "peek of closed file")) return Value::exc();
  if (fill(b) == -1) return Value::exc();
  return bytes_new(std::string_view(b->rbuf->data() + b->rpos, unread(b)));
}

Value buffered_readline(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "readline")) return Value::exc();
  if (!check_no_kwargs("readline", kw) || !check_nargs("readline", nargs - 1, 0, 1)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!is_reader(b)) return unsupported("readline");
  int64_t limit = -1;
  if (nargs == 2 && !size_arg(args[1], &limit)) return Value::exc();
  if (!prepare_read(b, "readline of closed file")) return Value::exc();
  std::string out;
  while (limit < 0 || int64_t(out.size()) < limit) {
    int64_t r = fill(b);
    if (r == -1) return Value::exc();
    if (r <= 0) break;
    std::string_view avail(b->rbuf->data() + b->rpos, unread(b));
    if (limit >= 0) avail = avail.substr(0, size_t(limit) - out.size());
    size_t nl = avail.find('\n');
    size_t k = nl == std::string_view::npos ? avail.size() : nl + 1;
    out.append(avail.substr(0, k));
    b->rpos += k;
    if (nl != std::string_view::npos) break;
  }
  return bytes_new(out);
}

Value buffered_next(Value self) {
  BufferedObject* b = self_of(self);
  if (!is_exact(self, buffered_reader) && !is_exact(self, buffered_random)) {
    Value line = call_name(self, "readline");
    if (line.is_exc()) return line;
    int64_t n = length(line);
    if (n < 0) return Value::exc();
    return n == 0 ? Value::null() : line;
  }
  Value a[1] = {self};
  Value line = buffered_readline(a, 1, nullptr);
  if (line.is_exc()) return line;
  (void)b;
  return line.as<BytesObject>()->size == 0 ? Value::null() : line;
}

Value buffered_readinto_impl(Value* args, size_t nargs, TupleObject* kw, bool one) {
  if (!check_no_kwargs("readinto", kw) || !check_nargs("readinto", nargs - 1, 1, 1)) return Value::exc();
  int64_t n = length(args[1]);
  if (n < 0) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!is_reader(b)) return unsupported("readinto");
  if (!prepare_read(b, "readinto of closed file")) return Value::exc();
  Value data;
  if (one) {
    Value a[2] = {args[0], int_from_i64(n)};
    data = buffered_read1(a, 2, nullptr);
  } else {
    data = read_n(b, size_t(n));
  }
  if (data.is_exc() || data.is_none()) return data;
  int64_t k = int64_t(data.as<BytesObject>()->size);
  if (setitem(args[1], slice_new(Value::none(), int_from_i64(k), Value::none()), data) < 0) return Value::exc();
  return int_from_i64(k);
}
Value buffered_readinto(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "readinto")) return Value::exc();
  return buffered_readinto_impl(args, nargs, kw, false);
}
Value buffered_readinto1(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "readinto1")) return Value::exc();
  return buffered_readinto_impl(args, nargs, kw, true);
}

// -- Positioning -----------------------------------------------------------------------------------------
Value buffered_tell(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, "tell")) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  int64_t p = raw_tell(b);
  if (p < 0) return Value::exc();
  p = p - int64_t(unread(b)) + int64_t(b->wbuf->size());
  return int_from_i64(p < 0 ? 0 : p);
}

Value buffered_seek(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "seek")) return Value::exc();
  if (!check_no_kwargs("seek", kw) || !check_nargs("seek", nargs - 1, 1, 2)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  int whence = 0;
  if (nargs == 3 && !int_arg(args[2], &whence)) return Value::exc();
  if (whence < 0 || whence > 2) return raise_fmt(exc::ValueError, "whence value {} unsupported", whence);
  if (!check_open(b, "seek of closed file")) return Value::exc();
  if (!is_int(args[1]))
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
  int64_t pos;
  if (index_of(args[1], &pos).is_exc()) return Value::exc();
  // A target inside the read-ahead only moves the read position.
  if (whence != 2 && b->wbuf->empty() && !b->rbuf->empty()) {
    int64_t cur = raw_tell(b);
    if (cur < 0) return Value::exc();
    int64_t start = cur - int64_t(b->rbuf->size());
    int64_t target = whence == 0 ? pos : cur - int64_t(unread(b)) + pos;
    if (target >= start && target <= cur) {
      b->rpos = size_t(target - start);
      return int_from_i64(target);
    }
  }
  if (is_writer(b) && buffered_flush(b) < 0) return Value::exc();
  if (whence == 1) pos -= int64_t(unread(b));
  b->rbuf->clear();
  b->rpos = 0;
  int64_t r = raw_seek(b, pos, whence);
  if (r < 0) return Value::exc();
  return int_from_i64(r);
}

Value buffered_truncate(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_buf(args, nargs, "truncate")) return Value::exc();
  if (!check_no_kwargs("truncate", kw) || !check_nargs("truncate", nargs - 1, 0, 1)) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (!check_open(b, "truncate of closed file")) return Value::exc();
  if (!is_writer(b)) return unsupported("truncate");
  if (buffered_flush(b) < 0) return Value::exc();
  Value pos = nargs == 2 ? args[1] : Value::none();
  if (pos.is_none()) {
    Value a[1] = {args[0]};
    pos = buffered_tell(a, 1, nullptr);
    if (pos.is_exc()) return pos;
  }
  if (!drop_readahead(b)) return Value::exc();
  return call_name(b->raw, "truncate", &pos, 1);
}

// -- Delegation to raw ------------------------------------------------------------------------------------
Value buffered_close(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, "close")) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (raw_closed(b)) return Value::none();
  Value err = Value::null();
  if (is_writer(b) && buffered_flush(b) < 0) err = exc_fetch();
  b->rbuf->clear();
  b->rpos = 0;
  Value r = call_name(b->raw, "close");
  if (r.is_exc()) {
    if (!err.is_null()) {  // the flush error becomes the close error's context
      Value e2 = exc_fetch();
      if (e2.is_obj() && err.is_obj()) e2.as<ExceptionObject>()->context = err;
      exc_restore(e2);
    }
    return r;
  }
  if (!err.is_null()) {
    exc_restore(err);
    return Value::exc();
  }
  return Value::none();
}

Value buffered_detach(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, "detach")) return Value::exc();
  BufferedObject* b = self_of(args[0]);
  if (is_writer(b) && buffered_flush(b) < 0) return Value::exc();
  if (b->kind == kRandom && !drop_readahead(b)) return Value::exc();
  Value raw = b->raw;
  b->raw = Value::none();
  fd_shared_release(b->sh);
  b->sh = nullptr;
  b->ok = false;
  b->detached = true;
  live_writers().erase(b);
  return raw;
}

template <const char* kMethod>
Value delegate(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, kMethod)) return Value::exc();
  return call_name(self_of(args[0])->raw, kMethod);
}
constexpr char kFileno[] = "fileno", kIsatty[] = "isatty", kSeekable[] = "seekable", kReadable[] = "readable",
               kWritable[] = "writable";

template <const char* kAttr>
Value delegate_attr(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, kAttr)) return Value::exc();
  return getattr(self_of(args[0])->raw, str_intern(kAttr));
}
constexpr char kClosed[] = "closed", kName[] = "name", kMode[] = "mode";

Value buffered_raw(Value* args, size_t nargs, TupleObject*) {
  if (!check_buf(args, nargs, "raw")) return Value::exc();
  return self_of(args[0])->raw;
}

Value buffered_repr(Value self) {
  BufferedObject* b = self_of(self);
  std::string tname = type_of(self)->flags & kTypeHeap ? std::string(type_of(self)->name->view())
                                                       : fmt::format("_io.{}", class_name(b));
  if (!b->ok) return str_value(fmt::format("<{}>", tname));
  Value name = getattr_opt(self, NAME("name"));
  if (name.is_exc()) {
    if (!exc_matches(exc::ValueError)) return name;
    exc_fetch();
    name = Value::null();
  }
  if (name.is_null()) return str_value(fmt::format("<{}>", tname));
  Value r = repr(name);
  if (r.is_exc()) return r;
  return str_value(fmt::format("<{} name={}>", tname, as_str(r)->view()));
}

Value buffered_getstate(Value* args, size_t nargs, TupleObject*) {
  return raise_fmt(exc::TypeError, "cannot pickle '{}' object", type_name(args[0]));
}

// -- BufferedRWPair -----------------------------------------------------------------------------------------
struct RWPairObject : IOBaseObject {
  Value reader, writer;
};

Value rwpair_tp_new(TypeObject* t, Value*, size_t, TupleObject*) { return instance_new(t); }

int rwpair_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"reader", "writer", "buffer_size", nullptr};
  Value a[3];
  if (!parse_args("BufferedRWPair", args, nargs, kw, names, 2, a)) return -1;
  int64_t size = kDefaultBufferSize;
  if (!a[2].is_null() && index_of(a[2], &size).is_exc()) return -1;
  Value r = buffered_new(buffered_reader, a[0], size);
  if (r.is_exc()) return -1;
  Value w = buffered_new(buffered_writer, a[1], size);
  if (w.is_exc()) return -1;
  auto* p = self.as<RWPairObject>();
  p->reader = r;
  p->writer = w;
  return 0;
}

bool check_pair(Value* args, size_t nargs, const char* m) {
  if (!check_self(args, nargs, buffered_rwpair, m)) return false;
  if (args[0].as<RWPairObject>()->reader.is_null()) {
    raise(exc::ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

template <const char* kMethod, bool kWriterSide>
Value pair_forward(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_pair(args, nargs, kMethod)) return Value::exc();
  auto* p = args[0].as<RWPairObject>();
  Value target = kWriterSide ? p->writer : p->reader;
  Value m = getattr(target, str_intern(kMethod));
  if (m.is_exc()) return m;
  return call(m, args + 1, nargs - 1, kw);
}
constexpr char kRead[] = "read", kPeek[] = "peek", kRead1[] = "read1", kReadinto[] = "readinto",
               kReadinto1[] = "readinto1", kWrite[] = "write", kFlush[] = "flush", kReadline[] = "readline";

Value pair_close(Value* args, size_t nargs, TupleObject*) {
  if (!check_pair(args, nargs, "close")) return Value::exc();
  auto* p = args[0].as<RWPairObject>();
  Value r1 = call_name(p->writer, "close");
  Value e1 = r1.is_exc() ? exc_fetch() : Value::null();
  Value r2 = call_name(p->reader, "close");
  if (r2.is_exc()) return r2;
  if (!e1.is_null()) {
    exc_restore(e1);
    return Value::exc();
  }
  return Value::none();
}
Value pair_readable(Value* args, size_t nargs, TupleObject*) {
  if (!check_pair(args, nargs, "readable")) return Value::exc();
  return call_name(args[0].as<RWPairObject>()->reader, "readable");
}
Value pair_writable(Value* args, size_t nargs, TupleObject*) {
  if (!check_pair(args, nargs, "writable")) return Value::exc();
  return call_name(args[0].as<RWPairObject>()->writer, "writable");
}
Value pair_isatty(Value* args, size_t nargs, TupleObject*) {
  if (!check_pair(args, nargs, "isatty")) return Value::exc();
  Value r = call_name(args[0].as<RWPairObject>()->writer, "isatty");
  if (r.is_exc()) return r;
  int t = truthy(r);
  if (t < 0) return Value::exc();
  if (t) return r;
  return call_name(args[0].as<RWPairObject>()->reader, "isatty");
}
Value pair_closed(Value* args, size_t nargs, TupleObject*) {
  if (!check_pair(args, nargs, "closed")) return Value::exc();
  return getattr(args[0].as<RWPairObject>()->writer, NAME("closed"));
}

}  // namespace

Value buffered_new(TypeObject* t, Value raw, int64_t buffer_size) {
  Value b = instance_new(t);
  if (b.is_exc()) return b;
  if (!buffered_init_impl(self_of(b), t, raw, buffer_size)) return Value::exc();
  return b;
}

void init_buffered_types(DictObject* m) {
  buffered_reader = io_type("BufferedReader", bufferediobase, sizeof(BufferedObject), m);
  buffered_writer = io_type("BufferedWriter", bufferediobase, sizeof(BufferedObject), m);
  buffered_random = io_type("BufferedRandom", bufferediobase, sizeof(BufferedObject), m);
  for (TypeObject* t : {buffered_reader, buffered_writer, buffered_random}) {
    t->trace = buffered_trace;
    t->finalize = buffered_finalize;
    t->tp_new = buffered_tp_new;
    t->init = buffered_init;
    t->repr = buffered_repr;
    t->iternext = buffered_next;
    type_add_methods(t, {
        {"__init__", buffered_init_m}, {"read", buffered_read}, {"read1", buffered_read1},
        {"peek", buffered_peek}, {"readline", buffered_readline}, {"readinto", buffered_readinto},
        {"readinto1", buffered_readinto1}, {"write", buffered_write}, {"flush", buffered_flush_m, kNativeNoArgs},
        {"tell", buffered_tell, kNativeNoArgs}, {"seek", buffered_seek}, {"truncate", buffered_truncate},
        {"close", buffered_close, kNativeNoArgs}, {"detach", buffered_detach, kNativeNoArgs},
        {"fileno", delegate<kFileno>, kNativeNoArgs}, {"isatty", delegate<kIsatty>, kNativeNoArgs},
        {"seekable", delegate<kSeekable>, kNativeNoArgs}, {"readable", delegate<kReadable>, kNativeNoArgs},
        {"writable", delegate<kWritable>, kNativeNoArgs}, {"__getstate__", buffered_getstate, kNativeNoArgs},
    });
    type_add_getsets(t, {{"raw", buffered_raw}, {"closed", delegate_attr<kClosed>}, {"name", delegate_attr<kName>},
                         {"mode", delegate_attr<kMode>}});
  }
  buffered_rwpair = io_type("BufferedRWPair", bufferediobase, sizeof(RWPairObject), m);
  buffered_rwpair->trace = [](Object* o, Tracer& t) {
    instance_trace_part(o, t);
    t.visit(static_cast<RWPairObject*>(o)->reader);
    t.visit(static_cast<RWPairObject*>(o)->writer);
  };
  buffered_rwpair->finalize = instance_finalize_part;
  buffered_rwpair->tp_new = rwpair_tp_new;
  buffered_rwpair->init = rwpair_init;
  type_add_methods(buffered_rwpair, {
      {"read", pair_forward<kRead, false>}, {"peek", pair_forward<kPeek, false>},
      {"read1", pair_forward<kRead1, false>}, {"readinto", pair_forward<kReadinto, false>},
      {"readinto1", pair_forward<kReadinto1, false>}, {"readline", pair_forward<kReadline, false>},
      {"write", pair_forward<kWrite, true>}, {"flush", pair_forward<kFlush, true>},
      {"readable", pair_readable, kNativeNoArgs}, {"writable", pair_writable, kNativeNoArgs},
      {"isatty", pair_isatty, kNativeNoArgs}, {"close", pair_close, kNativeNoArgs},
  });
  type_add_getsets(buffered_rwpair, {{"closed", pair_closed}});
}

}  // namespace chaipy::io
