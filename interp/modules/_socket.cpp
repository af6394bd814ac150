// interp/modules/_socket.cpp — the _socket module under socket.py: the socket type over POSIX
// sockets (AF_INET, AF_INET6, AF_UNIX; stream and datagram), blocking, non-blocking and timeout
// modes (poll before each call), the address conversions, name resolution through getaddrinfo,
// the byte-order and inet_* helpers, and the constants socket.py turns into enums. Not here yet:
// sendmsg/recvmsg (socket.py then omits send_fds/recv_fds), getnameinfo, gethostbyaddr,
// if_nameindex, other address families (AF_PACKET, AF_NETLINK, ...).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>

#include "interp/modules/modules.h"
#include "interp/modules/os_support.h"
#include "interp/runtime.h"

namespace chaipy {
namespace {

struct SocketObject : InstanceObject {
  int fd;
  int family, type, proto;
  double timeout;  // < 0: blocking (None)
};

TypeObject* g_socket_type;
Value g_herror, g_gaierror;
double g_default_timeout = -1.0;

SocketObject* S(Value v) { return v.as<SocketObject>(); }
StrObject* I(const char* s) { return str_intern(s); }

void socket_trace(Object* o, Tracer& t) { instance_trace_part(o, t); }
void socket_finalize(Object* o) {
  auto* s = static_cast<SocketObject*>(o);
  if (s->fd >= 0) ::close(s->fd);
  s->fd = -1;
  instance_finalize_part(o);
}

// A timeout argument: None (-1), or a non-negative number of seconds.
bool timeout_arg(Value v, double* out) {
  if (v.is_none()) {
    *out = -1.0;
    return true;
  }
  double d;
  if (v.is_double()) {
    d = v.as_double();
  } else if (is_int(v) && !v.is_bool()) {
    bool overflow = false;
    d = int_to_double(v, &overflow);
  } else {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer or float", type_name(v));
    return false;
  }
  if (std::isnan(d)) {
    raise(exc::ValueError, "Invalid value NaN (not a number)");
    return false;
  }
  if (d < 0) {
    raise(exc::ValueError, "Timeout value out of range");
    return false;
  }
  *out = d;
  return true;
}

int set_nonblocking(int fd, bool on) {
  int fl = ::fcntl(fd, F_GETFL);
  if (fl < 0) return -1;
  return ::fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

Value gai_error(int code) {
  if (code == EAI_SYSTEM) return raise_os_error(errno);
  Value e = call(g_gaierror, std::array<Value, 2>{int_from_i64(code), str_value(gai_strerror(code))}.data(), 2);
  return e.is_exc() ? e : raise_value(e);
}

// Waits until fd is ready for `events` within the socket's timeout: 1 ready, 0 timed out (TimeoutError
// raised), -1 error raised.
int wait_ready(SocketObject* s, short events) {
  if (s->timeout <= 0) return 1;
  struct pollfd p = {s->fd, events, 0};
  int ms = int(std::ceil(s->timeout * 1000.0));
  for (;;) {
    int r = ::poll(&p, 1, ms);
    if (r > 0) return 1;
    if (r == 0) {
      raise(exc::TimeoutError, "timed out");
      return 0;
    }
    if (errno != EINTR) {
      raise_os_error(errno);
      return -1;
    }
    if (!check_signals()) return -1;
  }
}

// -- Addresses -------------------------------------------------------------------------------------
bool resolve_host(std::string_view host, int family, sockaddr_storage* ss) {
  std::string h(host);
  if (family == AF_INET) {
    auto* a = reinterpret_cast<sockaddr_in*>(ss);
    if (h.empty()) { a->sin_addr.s_addr = htonl(INADDR_ANY); return true; }
    if (h == "<broadcast>") { a->sin_addr.s_addr = htonl(INADDR_BROADCAST); return true; }
    if (::inet_pton(AF_INET, h.c_str(), &a->sin_addr) == 1) return true;
  } else {
    auto* a = reinterpret_cast<sockaddr_in6*>(ss);
    if (h.empty()) { a->sin6_addr = in6addr_any; return true; }
    if (::inet_pton(AF_INET6, h.c_str(), &a->sin6_addr) == 1) return true;
  }
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = family;
  int rc = ::getaddrinfo(h.c_str(), nullptr, &hints, &res);
  if (rc != 0) {
    gai_error(rc);
    return false;
  }
  if (family == AF_INET)
    reinterpret_cast<sockaddr_in*>(ss)->sin_addr = reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr;
  else
    reinterpret_cast<sockaddr_in6*>(ss)->sin6_addr = reinterpret_cast<sockaddr_in6*>(res->ai_addr)->sin6_addr;
  ::freeaddrinfo(res);
  return true;
}

// CPython's getsockaddrarg: the Python address for `family` into *ss / *len; false after raising.
bool sockaddr_from(const char* caller, int family, Value addr, sockaddr_storage* ss, socklen_t* len) {
  std::memset(ss, 0, sizeof *ss);
  if (family == AF_UNIX) {
    std::string_view path;
    Value p = addr;
    if (is_str(p)) {
      p = fspath(addr);
      if (p.is_exc()) return false;
      path = as_str(addr)->view();
    } else if (!buffer_view(addr, &path)) {
      return false;
    }
    auto* un = reinterpret_cast<sockaddr_un*>(ss);
    if (path.size() >= sizeof un->sun_path) {
      raise(exc::OSError, "AF_UNIX path too long");
      return false;
    }
    un->sun_family = AF_UNIX;
    std::memcpy(un->sun_path, path.data(), path.size());
    *len = socklen_t(offsetof(sockaddr_un, sun_path) + path.size() + (path.empty() || path[0] ? 1 : 0));
    return true;
  }
  if (family != AF_INET && family != AF_INET6) {
    raise_fmt(exc::OSError, "{}(): bad family", caller);
    return false;
  }
  if (!is_tuple(addr)) {
    raise_fmt(exc::TypeError, "{}(): AF_INET{} address must be tuple, not {}", caller, family == AF_INET6 ? "6" : "",
              type_name(addr));
    return false;
  }
  TupleObject* t = addr.as<TupleObject>();
  size_t want_max = family == AF_INET ? 2 : 4;
  if (t->size < 2 || t->size > want_max || !is_str(t->items[0])) {
    if (t->size >= 1 && t->size <= want_max && !is_str(t->items[0]))
      raise_fmt(exc::TypeError, "str, bytes or bytearray expected, not {}", type_name(t->items[0]));
    else
      raise_fmt(exc::TypeError, "AF_INET{} address must be a pair (host, port)", family == AF_INET6 ? "6" : "");
    return false;
  }
  int port;
  if (!int_arg(t->items[1], &port)) return false;
  if (port < 0 || port > 0xffff) {
    raise_fmt(exc::OverflowError, "{}(): port must be 0-65535.", caller);
    return false;
  }
  if (!resolve_host(as_str(t->items[0])->view(), family, ss)) return false;
  if (family == AF_INET) {
    auto* a = reinterpret_cast<sockaddr_in*>(ss);
    a->sin_family = AF_INET;
    a->sin_port = htons(uint16_t(port));
    *len = sizeof(sockaddr_in);
  } else {
    auto* a = reinterpret_cast<sockaddr_in6*>(ss);
    int flow = 0, scope = 0;
    if (t->size > 2 && !int_arg(t->items[2], &flow)) return false;
    if (t->size > 3 && !int_arg(t->items[3], &scope)) return false;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(uint16_t(port));
    a->sin6_flowinfo = htonl(uint32_t(flow));
    a->sin6_scope_id = uint32_t(scope);
    *len = sizeof(sockaddr_in6);
  }
  return true;
}

// CPython's makesockaddr.
Value sockaddr_to(const sockaddr* sa, socklen_t len) {
  if (len == 0) return Value::none();
  char buf[INET6_ADDRSTRLEN];
  switch (sa->sa_family) {
    case AF_INET: {
      auto* a = reinterpret_cast<const sockaddr_in*>(sa);
      ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
      return tuple_pack({str_value(buf), int_from_i64(ntohs(a->sin_port))});
    }
    case AF_INET6: {
      auto* a = reinterpret_cast<const sockaddr_in6*>(sa);
      ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
      return tuple_pack({str_value(buf), int_from_i64(ntohs(a->sin6_port)), int_from_i64(ntohl(a->sin6_flowinfo)),
                         int_from_i64(a->sin6_scope_id)});
    }
    case AF_UNIX: {
      auto* un = reinterpret_cast<const sockaddr_un*>(sa);
      size_t n = len > offsetof(sockaddr_un, sun_path) ? len - offsetof(sockaddr_un, sun_path) : 0;
      if (n > 0 && un->sun_path[0] == 0) return bytes_new(std::string_view(un->sun_path, n));  // abstract
      return str_value(utf8_sanitize(std::string_view(un->sun_path, strnlen(un->sun_path, n))));
    }
    default:
      return tuple_pack({int_from_i64(sa->sa_family), bytes_new(std::string_view(sa->sa_data, sizeof sa->sa_data))});
  }
}

// -- The socket type ---------------------------------------------------------------------------------
Value socket_tp_new(TypeObject* t, Value*, size_t, TupleObject*) {
  Value v = instance_new(t);
  if (v.is_exc()) return v;
  SocketObject* s = S(v);
  s->fd = -1;
  s->family = AF_INET;
  s->type = SOCK_STREAM;
  s->proto = 0;
  s->timeout = -1.0;
  return v;
}

int socket_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"family", "type", "proto", "fileno", nullptr};
  Value a[4];
  if (!parse_args("socket", args, nargs, kw, names, 0, a)) return -1;
  int family = -1, type = -1, proto = -1;
  if (!a[0].is_null() && !a[0].is_none() && !int_arg(a[0], &family)) return -1;
  if (!a[1].is_null() && !a[1].is_none() && !int_arg(a[1], &type)) return -1;
  if (!a[2].is_null() && !a[2].is_none() && !int_arg(a[2], &proto)) return -1;
  SocketObject* s = S(self);
  int fd = -1;
  if (!a[3].is_null() && !a[3].is_none()) {
    if (a[3].is_double()) {
      raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
      return -1;
    }
    if (!int_arg(a[3], &fd)) return -1;
    if (fd < 0) {
      raise(exc::ValueError, "negative file descriptor");
      return -1;
    }
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) < 0) {
      raise_os_error(errno);
      return -1;
    }
    if (family == -1) family = ss.ss_family;
    socklen_t il = sizeof(int);
    if (type == -1) ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &il);
    il = sizeof(int);
    if (proto == -1) ::getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &il);
  } else {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    fd = ::socket(family, type | SOCK_CLOEXEC, proto);
    if (fd < 0) {
      raise_os_error(errno);
      return -1;
    }
  }
  if (s->fd >= 0) ::close(s->fd);
  s->fd = fd;
  s->family = family;
  s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  s->proto = proto;
  s->timeout = (type & SOCK_NONBLOCK) ? 0.0 : g_default_timeout;
  if (s->timeout >= 0 && set_nonblocking(fd, true) < 0) {
    raise_os_error(errno);
    return -1;
  }
  return 0;
}

Value sock_init_method(Value* args, size_t nargs, TupleObject* kw) {  // socket.py calls it explicitly
  return socket_init(args[0], args + 1, nargs - 1, kw) < 0 ? Value::exc() : Value::none();
}

// The socket of args[0] with an open fd, else OSError EBADF (CPython: "[Errno 9] Bad file descriptor").
SocketObject* open_sock(Value* args) {
  SocketObject* s = S(args[0]);
  if (s->fd < 0) {
    raise_os_error(EBADF);
    return nullptr;
  }
  return s;
}

Value sock_fileno(Value* args, size_t, TupleObject*) { return int_from_i64(S(args[0])->fd); }

Value sock_close(Value* args, size_t, TupleObject*) {
  SocketObject* s = S(args[0]);
  int fd = s->fd;
  s->fd = -1;
  if (fd >= 0 && ::close(fd) < 0 && errno != ECONNRESET) return raise_os_error(errno);
  return Value::none();
}

Value sock_detach(Value* args, size_t, TupleObject*) {
  SocketObject* s = S(args[0]);
  int fd = s->fd;
  s->fd = -1;
  return int_from_i64(fd);
}

Value sock_bind(Value* args, size_t, TupleObject*) {
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  sockaddr_storage ss;
  socklen_t len;
  if (!sockaddr_from("bind", s->family, args[1], &ss, &len)) return Value::exc();
  if (::bind(s->fd, reinterpret_cast<sockaddr*>(&ss), len) < 0) return raise_os_error(errno);
  return Value::none();
}

Value sock_listen(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("listen", kw) || !check_positional("listen", nargs - 1, 0, 1)) return Value::exc();
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
  if (nargs > 1 && !int_arg(args[1], &backlog)) return Value::exc();
  if (::listen(s->fd, backlog < 0 ? 0 : backlog) < 0) return raise_os_error(errno);
  return Value::none();
}

// _accept() -> (fd, address), as socket.py's accept() expects.
Value sock_accept(Value* args, size_t, TupleObject*) {
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  for (;;) {
    int w = wait_ready(s, POLLIN);
    if (w <= 0) return Value::exc();
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = ::accept4(s->fd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_CLOEXEC);
    if (fd >= 0) return tuple_pack({int_from_i64(fd), sockaddr_to(reinterpret_cast<sockaddr*>(&ss), len)});
    if (errno == EINTR) {
      if (!check_signals()) return Value::exc();
      continue;
    }
    return raise_os_error(errno);
  }
}

// connect / connect_ex: the errno (0 on success), or -1 after raising a non-OSError.
int do_connect(SocketObject* s, Value addr) {
  sockaddr_storage ss;
  socklen_t len;
  if (!sockaddr_from("connect", s->family, addr, &ss, &len)) return -1;
  int r = ::connect(s->fd, reinterpret_cast<sockaddr*>(&ss), len);
  if (r == 0) return 0;
  int err = errno;
  if (err == EINTR && !check_signals()) return -1;
  if ((err == EINPROGRESS || err == EINTR) && s->timeout > 0) {
    int w = wait_ready(s, POLLOUT);
    if (w < 0) return -1;
    if (w == 0) return -2;  // TimeoutError raised
    socklen_t el = sizeof err;
    if (::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0) err = errno;
  }
  return err;
}

Value sock_connect(Value* args, size_t, TupleObject*) {
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  int err = do_connect(s, args[1]);
  if (err < 0) return Value::exc();
  return err ? raise_os_error(err) : Value::none();
}

Value sock_connect_ex(Value* args, size_t, TupleObject*) {
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  int err = do_connect(s, args[1]);
  if (err == -2) {
    exc_fetch();
    return int_from_i64(EWOULDBLOCK);
  }
  return err < 0 ? Value::exc() : int_from_i64(err);
}

// One I/O call retried on EINTR and waited for under a timeout; returns the byte count or -1 raised.
template <class F>
ssize_t sock_io(SocketObject* s, short events, F f) {
  for (;;) {
    int w = wait_ready(s, events);
    if (w <= 0) return -1;
    ssize_t n = f();
    if (n >= 0) return n;
    if (errno == EINTR) {
      if (!check_signals()) return -1;
      continue;
    }
    if ((errno == EAGAIN || errno == EWOULDBLOCK) && s->timeout > 0) continue;
    raise_os_error(errno);
    return -1;
  }
}

bool flags_arg(Value* args, size_t nargs, size_t at, int* flags) {
  *flags = 0;
  return nargs <= at || int_arg(args[at], flags);
}

Value sock_send(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("send", kw) || !check_positional("send", nargs - 1, 1, 2)) return Value::exc();
  SocketObject* s = open_sock(args);
  std::string_view data;
  int flags;
  if (!s || !buffer_view(args[1], &data) || !flags_arg(args, nargs, 2, &flags)) return Value::exc();
  ssize_t n = sock_io(s, POLLOUT, [&] { return ::send(s->fd, data.data(), data.size(), flags | MSG_NOSIGNAL); });
  return n < 0 ? Value::exc() : int_from_i64(n);
}

Value sock_sendall(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("sendall", kw) || !check_positional("sendall", nargs - 1, 1, 2)) return Value::exc();
  SocketObject* s = open_sock(args);
  std::string_view data;
  int flags;
  if (!s || !buffer_view(args[1], &data) || !flags_arg(args, nargs, 2, &flags)) return Value::exc();
  while (!data.empty()) {
    ssize_t n = sock_io(s, POLLOUT, [&] { return ::send(s->fd, data.data(), data.size(), flags | MSG_NOSIGNAL); });
    if (n < 0) return Value::exc();
    data.remove_prefix(size_t(n));
  }
  return Value::none();
}

Value sock_sendto(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("sendto", kw) || !check_positional("sendto", nargs - 1, 2, 3)) return Value::exc();
  SocketObject* s = open_sock(args);
  std::string_view data;
  int flags = 0;
  if (!s || !buffer_view(args[1], &data)) return Value::exc();
  if (nargs == 4 && !int_arg(args[2], &flags)) return Value::exc();
  sockaddr_storage ss;
  socklen_t len;
  if (!sockaddr_from("sendto", s->family, args[nargs - 1], &ss, &len)) return Value::exc();
  ssize_t n = sock_io(s, POLLOUT, [&] {
    return ::sendto(s->fd, data.data(), data.size(), flags | MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&ss), len);
  });
  return n < 0 ? Value::exc() : int_from_i64(n);
}

bool bufsize_arg(Value v, int64_t* n, const char* fname) {
  if (!ssize_arg(v, n)) return false;
  if (*n < 0) {
    raise_fmt(exc::ValueError, "negative buffersize in {}", fname);
    return false;
  }
  return true;
}

Value sock_recv(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("recv", kw) || !check_positional("recv", nargs - 1, 1, 2)) return Value::exc();
  SocketObject* s = open_sock(args);
  int64_t size;
  int flags;
  if (!s || !bufsize_arg(args[1], &size, "recv") || !flags_arg(args, nargs, 2, &flags)) return Value::exc();
  std::string buf(size_t(size), '\0');
  ssize_t n = sock_io(s, POLLIN, [&] { return ::recv(s->fd, buf.data(), buf.size(), flags); });
  if (n < 0) return Value::exc();
  buf.resize(size_t(n));
  return bytes_new(buf);
}

Value sock_recvfrom(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("recvfrom", kw) || !check_positional("recvfrom", nargs - 1, 1, 2)) return Value::exc();
  SocketObject* s = open_sock(args);
  int64_t size;
  int flags;
  if (!s || !bufsize_arg(args[1], &size, "recvfrom") || !flags_arg(args, nargs, 2, &flags)) return Value::exc();
  std::string buf(size_t(size), '\0');
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  ssize_t n = sock_io(s, POLLIN, [&] {
    len = sizeof ss;
    return ::recvfrom(s->fd, buf.data(), buf.size(), flags, reinterpret_cast<sockaddr*>(&ss), &len);
  });
  if (n < 0) return Value::exc();
  buf.resize(size_t(n));
  return tuple_pack({bytes_new(buf), sockaddr_to(reinterpret_cast<sockaddr*>(&ss), len)});
}

Value sock_recv_into(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"buffer", "nbytes", "flags", nullptr};
  Value a[3];
  if (!parse_args("recv_into", args + 1, nargs - 1, kw, names, 1, a)) return Value::exc();
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  BufferView view;
  if (!get_buffer(a[0], &view)) return Value::exc();
  struct Release {
    BufferView* v;
    ~Release() { release_buffer(v); }
  } rel{&view};
  if (view.readonly) return raise_fmt(exc::TypeError, "recv_into() argument 'buffer' must be read-write bytes-like object, not {}", type_name(a[0]));
  int64_t nbytes = 0;
  int flags = 0;
  if (!a[1].is_null() && !bufsize_arg(a[1], &nbytes, "recv_into")) return Value::exc();
  if (!a[2].is_null() && !int_arg(a[2], &flags)) return Value::exc();
  if (nbytes == 0) nbytes = view.len;
  if (nbytes > view.len) return raise(exc::ValueError, "buffer too small for requested bytes");
  ssize_t n = sock_io(s, POLLIN, [&] { return ::recv(s->fd, view.buf, size_t(nbytes), flags); });
  return n < 0 ? Value::exc() : int_from_i64(n);
}

Value sock_shutdown(Value* args, size_t, TupleObject*) {
  SocketObject* s = open_sock(args);
  int how;
  if (!s || !int_arg(args[1], &how)) return Value::exc();
  if (::shutdown(s->fd, how) < 0) return raise_os_error(errno);
  return Value::none();
}

Value set_timeout(SocketObject* s, double t) {
  s->timeout = t;
  if (s->fd >= 0 && set_nonblocking(s->fd, t >= 0) < 0) return raise_os_error(errno);
  return Value::none();
}

Value sock_setblocking(Value* args, size_t, TupleObject*) {
  int t = truthy(args[1]);
  if (t < 0) return Value::exc();
  return set_timeout(S(args[0]), t ? -1.0 : 0.0);
}

Value sock_getblocking(Value* args, size_t, TupleObject*) { return Value::from_bool(S(args[0])->timeout != 0.0); }

Value sock_settimeout(Value* args, size_t, TupleObject*) {
  double t;
  if (!timeout_arg(args[1], &t)) return Value::exc();
  return set_timeout(S(args[0]), t);
}

Value timeout_value(double t) { return t < 0 ? Value::none() : Value::from_double(t); }
Value sock_gettimeout(Value* args, size_t, TupleObject*) { return timeout_value(S(args[0])->timeout); }

Value sock_setsockopt(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("setsockopt", kw) || !check_positional("setsockopt", nargs - 1, 3, 4)) return Value::exc();
  SocketObject* s = open_sock(args);
  int level, opt;
  if (!s || !int_arg(args[1], &level) || !int_arg(args[2], &opt)) return Value::exc();
  int r;
  if (nargs == 5) {
    if (!args[3].is_none()) return raise(exc::TypeError, "setsockopt() takes an int, a buffer, or None and a length");
    int optlen;
    if (!int_arg(args[4], &optlen)) return Value::exc();
    r = ::setsockopt(s->fd, level, opt, nullptr, socklen_t(optlen));
  } else if (is_int(args[3])) {
    int v;
    if (!int_arg(args[3], &v)) return Value::exc();
    r = ::setsockopt(s->fd, level, opt, &v, sizeof v);
  } else {
    std::string_view data;
    if (!buffer_view(args[3], &data)) return Value::exc();
    r = ::setsockopt(s->fd, level, opt, data.data(), socklen_t(data.size()));
  }
  if (r < 0) return raise_os_error(errno);
  return Value::none();
}

Value sock_getsockopt(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getsockopt", kw) || !check_positional("getsockopt", nargs - 1, 2, 3)) return Value::exc();
  SocketObject* s = open_sock(args);
  int level, opt;
  if (!s || !int_arg(args[1], &level) || !int_arg(args[2], &opt)) return Value::exc();
  if (nargs == 3) {
    int v = 0;
    socklen_t len = sizeof v;
    if (::getsockopt(s->fd, level, opt, &v, &len) < 0) return raise_os_error(errno);
    return int_from_i64(v);
  }
  int buflen;
  if (!int_arg(args[3], &buflen)) return Value::exc();
  if (buflen <= 0 || buflen > 1024) return raise(exc::OSError, "getsockopt buflen out of range");
  std::string buf(size_t(buflen), '\0');
  socklen_t len = socklen_t(buflen);
  if (::getsockopt(s->fd, level, opt, buf.data(), &len) < 0) return raise_os_error(errno);
  buf.resize(len);
  return bytes_new(buf);
}

template <int (*F)(int, sockaddr*, socklen_t*)>
Value sock_name(Value* args, size_t, TupleObject*) {
  SocketObject* s = open_sock(args);
  if (!s) return Value::exc();
  sockaddr_storage ss;
  std::memset(&ss, 0, sizeof ss);
  socklen_t len = sizeof ss;
  if (F(s->fd, reinterpret_cast<sockaddr*>(&ss), &len) < 0) return raise_os_error(errno);
  return sockaddr_to(reinterpret_cast<sockaddr*>(&ss), len);
}

Value sock_family(Value* args, size_t, TupleObject*) { return int_from_i64(S(args[0])->family); }
Value sock_type(Value* args, size_t, TupleObject*) { return int_from_i64(S(args[0])->type); }
Value sock_proto(Value* args, size_t, TupleObject*) { return int_from_i64(S(args[0])->proto); }
Value sock_timeout(Value* args, size_t, TupleObject*) { return timeout_value(S(args[0])->timeout); }

// -- Module functions -------------------------------------------------------------------------------
Value m_socketpair(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("socketpair", kw) || !check_positional("socketpair", nargs, 0, 3)) return Value::exc();
  int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
  if ((nargs > 0 && !args[0].is_none() && !int_arg(args[0], &family)) ||
      (nargs > 1 && !args[1].is_none() && !int_arg(args[1], &type)) ||
      (nargs > 2 && !args[2].is_none() && !int_arg(args[2], &proto)))
    return Value::exc();
  int sv[2];
  if (::socketpair(family, type | SOCK_CLOEXEC, proto, sv) < 0) return raise_os_error(errno);
  Value pair[2];
  for (int i = 0; i < 2; i++) {
    Value fargs[4] = {int_from_i64(family), int_from_i64(type), int_from_i64(proto), int_from_i64(sv[i])};
    pair[i] = call(obj(g_socket_type), fargs, 4);
    if (pair[i].is_exc()) {
      ::close(sv[i]);
      if (i == 0) ::close(sv[1]);
      return Value::exc();
    }
  }
  return tuple_pack({pair[0], pair[1]});
}

Value m_gethostname(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("gethostname", kw) || !check_nargs("gethostname", nargs, 0, 0)) return Value::exc();
  char buf[1024];
  if (::gethostname(buf, sizeof buf - 1) < 0) return raise_os_error(errno);
  buf[sizeof buf - 1] = 0;
  return str_value(utf8_sanitize(buf));
}

Value m_gethostbyname(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("gethostbyname", kw) || !check_nargs("gethostbyname", nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "gethostbyname() argument 1 must be str, not {}", type_name(args[0]));
  sockaddr_storage ss;
  std::memset(&ss, 0, sizeof ss);
  if (!resolve_host(as_str(args[0])->view(), AF_INET, &ss)) return Value::exc();
  char buf[INET_ADDRSTRLEN];
  ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, buf, sizeof buf);
  return str_value(buf);
}

Value m_getaddrinfo(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"host", "port", "family", "type", "proto", "flags", nullptr};
  Value a[6];
  if (!parse_args("getaddrinfo", args, nargs, kw, names, 2, a)) return Value::exc();
  std::string host, port;
  bool has_host = !a[0].is_none(), has_port = !a[1].is_none();
  if (is_str(a[0])) {
    host = std::string(as_str(a[0])->view());
  } else if (has_host) {
    std::string_view b;
    if (!buffer_view(a[0], &b)) return raise(exc::TypeError, "getaddrinfo() argument 1 must be string or None");
    host = std::string(b);
  }
  if (is_int(a[1])) {
    int p;
    if (!int_arg(a[1], &p)) return Value::exc();
    port = std::to_string(p);
  } else if (is_str(a[1])) {
    port = std::string(as_str(a[1])->view());
  } else if (has_port) {
    std::string_view b;
    if (!buffer_view(a[1], &b)) { exc_fetch(); return raise(exc::OSError, "Int or String expected"); }
    port = std::string(b);
  }
  int v[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; i++)
    if (!a[2 + i].is_null() && !int_arg(a[2 + i], &v[i])) return Value::exc();
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = v[0];
  hints.ai_socktype = v[1];
  hints.ai_protocol = v[2];
  hints.ai_flags = v[3];
  int rc = ::getaddrinfo(has_host ? host.c_str() : nullptr, has_port ? port.c_str() : nullptr, &hints, &res);
  if (rc != 0) return gai_error(rc);
  ListObject* out = list_new(0);
  for (addrinfo* r = res; r; r = r->ai_next) {
    Value item = tuple_pack({int_from_i64(r->ai_family), int_from_i64(r->ai_socktype), int_from_i64(r->ai_protocol),
                             str_value(r->ai_canonname ? r->ai_canonname : ""), sockaddr_to(r->ai_addr, r->ai_addrlen)});
    list_append(out, item);
  }
  ::freeaddrinfo(res);
  return obj(out);
}

Value m_getdefaulttimeout(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getdefaulttimeout", kw) || !check_nargs("getdefaulttimeout", nargs, 0, 0)) return Value::exc();
  return timeout_value(g_default_timeout);
}

Value m_setdefaulttimeout(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("setdefaulttimeout", kw) || !check_nargs("setdefaulttimeout", nargs, 1, 1)) return Value::exc();
  double t;
  if (!timeout_arg(args[0], &t)) return Value::exc();
  g_default_timeout = t;
  return Value::none();
}

Value m_close(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("close", kw) || !check_nargs("close", nargs, 1, 1)) return Value::exc();
  int fd;
  if (!int_arg(args[0], &fd)) return Value::exc();
  if (::close(fd) < 0 && errno != ECONNRESET) return raise_os_error(errno);
  return Value::none();
}

Value m_dup(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("dup", kw) || !check_nargs("dup", nargs, 1, 1)) return Value::exc();
  int fd;
  if (!int_arg(args[0], &fd)) return Value::exc();
  int r = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  return r < 0 ? raise_os_error(errno) : int_from_i64(r);
}

// htons/ntohs (16 bits) and htonl/ntohl (32 bits): CPython's range checks and messages.
template <int kBits, const char* kName>
Value m_byteorder(Value* args, size_t nargs, TupleObject* kw) {
  const char* fname = kName;
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 1, 1)) return Value::exc();
  if (!is_int(args[0])) return raise_fmt(exc::TypeError, "expected int, {} found", type_name(args[0]));
  int64_t x;
  if (!ssize_arg(args[0], &x)) return Value::exc();
  if (x < 0) return raise(exc::OverflowError, kBits == 16 ? fmt::format("{}: can't convert negative Python int to C 16-bit unsigned integer", fname)
                                                          : "can't convert negative value to unsigned int");
  if (kBits == 16 && x > 0xffff)
    return raise_fmt(exc::OverflowError, "{}: Python int too large to convert to C 16-bit unsigned integer", fname);
  if (kBits == 32 && x > 0xffffffffLL) return raise(exc::OverflowError, "int larger than 32 bits");
  return int_from_i64(kBits == 16 ? int64_t(htons(uint16_t(x))) : int64_t(htonl(uint32_t(x))));
}

Value m_inet_aton(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("inet_aton", kw) || !check_nargs("inet_aton", nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "inet_aton() argument 1 must be str, not {}", type_name(args[0]));
  in_addr a;
  if (::inet_aton(std::string(as_str(args[0])->view()).c_str(), &a) == 0)
    return raise(exc::OSError, "illegal IP address string passed to inet_aton");
  return bytes_new(std::string_view(reinterpret_cast<char*>(&a), 4));
}

Value m_inet_ntoa(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("inet_ntoa", kw) || !check_nargs("inet_ntoa", nargs, 1, 1)) return Value::exc();
  std::string_view b;
  if (!buffer_view(args[0], &b)) return Value::exc();
  if (b.size() != 4) return raise(exc::OSError, "packed IP wrong length for inet_ntoa");
  char buf[INET_ADDRSTRLEN];
  ::inet_ntop(AF_INET, b.data(), buf, sizeof buf);
  return str_value(buf);
}

Value m_inet_pton(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("inet_pton", kw) || !check_nargs("inet_pton", nargs, 2, 2)) return Value::exc();
  int af;
  if (!int_arg(args[0], &af)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "inet_pton() argument 2 must be str, not {}", type_name(args[1]));
  unsigned char buf[sizeof(in6_addr)];
  int r = ::inet_pton(af, std::string(as_str(args[1])->view()).c_str(), buf);
  if (r < 0) return raise_os_error(errno);
  if (r == 0) return raise(exc::OSError, "illegal IP address string passed to inet_pton");
  return bytes_new(std::string_view(reinterpret_cast<char*>(buf), af == AF_INET ? 4 : 16));
}

Value m_inet_ntop(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("inet_ntop", kw) || !check_nargs("inet_ntop", nargs, 2, 2)) return Value::exc();
  int af;
  std::string_view b;
  if (!int_arg(args[0], &af) || !buffer_view(args[1], &b)) return Value::exc();
  if (af == AF_INET && b.size() != 4) return raise(exc::ValueError, "invalid length of packed IP address string");
  if (af == AF_INET6 && b.size() != 16) return raise(exc::ValueError, "invalid length of packed IP address string");
  if (af != AF_INET && af != AF_INET6) return raise(exc::ValueError, "unknown address family " + std::to_string(af));
  char buf[INET6_ADDRSTRLEN];
  if (!::inet_ntop(af, b.data(), buf, sizeof buf)) return raise_os_error(errno);
  return str_value(buf);
}

constexpr char kHtons[] = "htons", kNtohs[] = "ntohs", kHtonl[] = "htonl", kNtohl[] = "ntohl";

// The constants socket.py and asyncio use (Linux values from the C headers).
const struct { const char* name; long value; } kConstants[] = {
#define C(n) {#n, long(n)}
    C(AF_UNSPEC), C(AF_INET), C(AF_INET6), C(AF_UNIX),
    C(SOCK_STREAM), C(SOCK_DGRAM), C(SOCK_RAW), C(SOCK_SEQPACKET), C(SOCK_NONBLOCK), C(SOCK_CLOEXEC),
    C(SOL_SOCKET), C(SO_REUSEADDR), C(SO_REUSEPORT), C(SO_KEEPALIVE), C(SO_BROADCAST), C(SO_ERROR), C(SO_TYPE),
    C(SO_RCVBUF), C(SO_SNDBUF), C(SO_LINGER), C(SO_PROTOCOL), C(SO_DOMAIN), C(SOMAXCONN),
    C(IPPROTO_IP), C(IPPROTO_TCP), C(IPPROTO_UDP), C(IPPROTO_IPV6), C(IPPROTO_ICMP), C(IPV6_V6ONLY),
    C(TCP_NODELAY), C(TCP_KEEPIDLE), C(TCP_KEEPINTVL), C(TCP_KEEPCNT),
    C(MSG_PEEK), C(MSG_OOB), C(MSG_WAITALL), C(MSG_DONTWAIT), C(MSG_NOSIGNAL), C(MSG_TRUNC), C(MSG_CTRUNC),
    C(AI_PASSIVE), C(AI_CANONNAME), C(AI_NUMERICHOST), C(AI_NUMERICSERV), C(AI_ADDRCONFIG), C(AI_V4MAPPED), C(AI_ALL),
    C(NI_NUMERICHOST), C(NI_NUMERICSERV), C(NI_NAMEREQD), C(NI_DGRAM),
    C(EAI_AGAIN), C(EAI_BADFLAGS), C(EAI_FAIL), C(EAI_FAMILY), C(EAI_MEMORY), C(EAI_NONAME), C(EAI_SERVICE),
    C(EAI_SOCKTYPE), C(EAI_SYSTEM),
    C(SHUT_RD), C(SHUT_WR), C(SHUT_RDWR),
    C(INADDR_ANY), C(INADDR_BROADCAST), C(INADDR_LOOPBACK), C(INADDR_NONE),
#undef C
};

}  // namespace

Value make__socket_module() {
  Value m = module_new("_socket");
  DictObject* d = m.as<ModuleObject>()->dict;
  TypeObject* t = g_socket_type = make_builtin_type("socket", types::object, sizeof(SocketObject),
                                                    kTypeBaseType | kTypeInstanceLayout);
  t->module = I("_socket");
  t->tp_new = socket_tp_new;
  t->init = socket_init;
  t->trace = socket_trace;
  t->finalize = socket_finalize;
  type_add_methods(t, {{"__init__", sock_init_method}, {"fileno", sock_fileno, kNativeNoArgs}, {"close", sock_close, kNativeNoArgs},
                       {"detach", sock_detach, kNativeNoArgs}, {"bind", sock_bind, kNativeOneArg},
                       {"listen", sock_listen}, {"_accept", sock_accept, kNativeNoArgs},
                       {"connect", sock_connect, kNativeOneArg}, {"connect_ex", sock_connect_ex, kNativeOneArg},
                       {"send", sock_send}, {"sendall", sock_sendall}, {"sendto", sock_sendto},
                       {"recv", sock_recv}, {"recvfrom", sock_recvfrom}, {"recv_into", sock_recv_into},
                       {"shutdown", sock_shutdown, kNativeOneArg}, {"setblocking", sock_setblocking, kNativeOneArg},
                       {"getblocking", sock_getblocking, kNativeNoArgs}, {"settimeout", sock_settimeout, kNativeOneArg},
                       {"gettimeout", sock_gettimeout, kNativeNoArgs}, {"setsockopt", sock_setsockopt},
                       {"getsockopt", sock_getsockopt}, {"getsockname", sock_name<::getsockname>, kNativeNoArgs},
                       {"getpeername", sock_name<::getpeername>, kNativeNoArgs}});
  type_add_getsets(t, {{"family", sock_family}, {"type", sock_type}, {"proto", sock_proto}, {"timeout", sock_timeout}});
  dict_set_str(d, I("socket"), obj(t));
  dict_set_str(d, I("SocketType"), obj(t));
  dict_set_str(d, I("error"), obj(exc::OSError));
  dict_set_str(d, I("timeout"), obj(exc::TimeoutError));
  g_herror = exception_type_new("socket.herror", exc::OSError);
  g_gaierror = exception_type_new("socket.gaierror", exc::OSError);
  gc::add_root(&g_herror);
  gc::add_root(&g_gaierror);
  dict_set_str(d, I("herror"), g_herror);
  dict_set_str(d, I("gaierror"), g_gaierror);
  dict_set_str(d, I("has_ipv6"), Value::true_());
  module_add_functions(d, {{"socketpair", m_socketpair}, {"gethostname", m_gethostname},
                           {"gethostbyname", m_gethostbyname}, {"getaddrinfo", m_getaddrinfo},
                           {"getdefaulttimeout", m_getdefaulttimeout}, {"setdefaulttimeout", m_setdefaulttimeout},
                           {"close", m_close}, {"dup", m_dup},
                           {"htons", m_byteorder<16, kHtons>}, {"ntohs", m_byteorder<16, kNtohs>},
                           {"htonl", m_byteorder<32, kHtonl>}, {"ntohl", m_byteorder<32, kNtohl>},
                           {"inet_aton", m_inet_aton}, {"inet_ntoa", m_inet_ntoa},
                           {"inet_pton", m_inet_pton}, {"inet_ntop", m_inet_ntop}});
  for (const auto& c : kConstants) dict_set_str(d, I(c.name), int_from_i64(c.value));
  return m;
}

}  // namespace chaipy
