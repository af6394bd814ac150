// interp/modules/select.cpp — the select module: select() and poll objects (what selectors'
// PollSelector and subprocess.communicate use), the POLL* constants and PIPE_BUF.
#include <limits.h>
#include <poll.h>
#include <sys/select.h>

#include <cerrno>
#include <cmath>
#include <vector>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

// Timeout in seconds (None: block) -> milliseconds for poll(2), -1 for none; false after raising.
bool timeout_ms(Value v, double scale, int* out) {
  if (v.is_null() || v.is_none()) {
    *out = -1;
    return true;
  }
  double d;
  if (v.is_double()) {
    d = v.as_double();
  } else if (is_int(v)) {
    int64_t i;
    if (!int_get_i64(v, &i)) return raise(exc::OverflowError, "timeout is too large"), false;
    d = double(i);
  } else {
    raise(exc::TypeError, "timeout must be an integer or None");
    return false;
  }
  if (std::isnan(d)) return raise(exc::ValueError, "Invalid value NaN (not a number)"), false;
  d *= scale;
  if (d > double(INT_MAX)) return raise(exc::OverflowError, "timeout is too large"), false;
  *out = d < 0 ? -1 : int(std::ceil(d));
  return true;
}

// -- select() -------------------------------------------------------------------------------------------
bool fd_list(Value seq, std::vector<std::pair<int, Value>>* out) {
  Value it = get_iter(seq);
  if (it.is_exc()) return false;
  while (true) {
    Value o = iter_next(it);
    if (o.is_exc()) return false;
    if (o.is_null()) break;
    int fd;
    if (!fd_from_object(o, &fd)) return false;
    if (fd >= FD_SETSIZE) return raise(exc::ValueError, "filedescriptor out of range in select()"), false;
    out->push_back({fd, o});
  }
  return true;
}

Value select_select(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("select", kw) || !check_nargs("select", nargs, 3, 4)) return Value::exc();
  std::vector<std::pair<int, Value>> lists[3];
  for (int i = 0; i < 3; i++)
    if (!fd_list(args[i], &lists[i])) return Value::exc();
  timeval tv, *tvp = nullptr;
  if (nargs == 4 && !args[3].is_none()) {
    double d;
    if (args[3].is_double()) d = args[3].as_double();
    else if (is_int(args[3])) {
      int64_t i;
      int_get_i64(args[3], &i);
      d = double(i);
    } else {
      return raise(exc::TypeError, "timeout must be a float or None");
    }
    if (d < 0) return raise(exc::ValueError, "timeout must be non-negative");
    tv.tv_sec = time_t(d);
    tv.tv_usec = long((d - double(tv.tv_sec)) * 1e6);
    tvp = &tv;
  }
  fd_set sets[3];
  int maxfd = -1;
  for (int i = 0; i < 3; i++) {
    FD_ZERO(&sets[i]);
    for (auto& [fd, o] : lists[i]) {
      FD_SET(fd, &sets[i]);
      maxfd = std::max(maxfd, fd);
    }
  }
  int r;
  do r = ::select(maxfd + 1, &sets[0], &sets[1], &sets[2], tvp);
  while (r < 0 && errno == EINTR);
  if (r < 0) return raise_os_error(errno);
  Value out[3];
  for (int i = 0; i < 3; i++) {
    ListObject* l = list_new(0);
    for (auto& [fd, o] : lists[i])
      if (FD_ISSET(fd, &sets[i])) list_append(l, o);
    out[i] = obj(l);
  }
  return tuple_pack({out[0], out[1], out[2]});
}

// -- poll objects -----------------------------------------------------------------------------------------
struct PollObject : Object {
  std::vector<pollfd>* fds;
};
TypeObject* g_poll_type;

PollObject* pself(Value* args, size_t nargs, const char* m) {
  if (nargs >= 1 && type_of(args[0]) == g_poll_type) return args[0].as<PollObject>();
  raise_fmt(exc::TypeError, "descriptor '{}' for 'select.poll' objects doesn't apply to a '{}' object", m,
            nargs ? type_name(args[0]) : "NoneType");
  return nullptr;
}

pollfd* find(PollObject* p, int fd) {
  for (auto& e : *p->fds)
    if (e.fd == fd) return &e;
  return nullptr;
}

bool event_mask(Value v, short* out) {
  int64_t m;
  if (index_of(v, &m).is_exc()) return false;
  if (m < 0 || m > 0xFFFF) return raise(exc::OverflowError, "Python int too large for C unsigned short"), false;
  *out = short(m);
  return true;
}

Value poll_register(Value* args, size_t nargs, TupleObject* kw) {
  PollObject* p = pself(args, nargs, "register");
  if (!p || !check_no_kwargs("register", kw) || !check_nargs("register", nargs - 1, 1, 2)) return Value::exc();
  int fd;
  short ev = POLLIN | POLLPRI | POLLOUT;
  if (!fd_from_object(args[1], &fd) || (nargs == 3 && !event_mask(args[2], &ev))) return Value::exc();
  if (pollfd* e = find(p, fd)) e->events = ev;
  else p->fds->push_back({fd, ev, 0});
  return Value::none();
}

Value poll_modify(Value* args, size_t nargs, TupleObject* kw) {
  PollObject* p = pself(args, nargs, "modify");
  if (!p || !check_no_kwargs("modify", kw) || !check_nargs("modify", nargs - 1, 2, 2)) return Value::exc();
  int fd;
  short ev;
  if (!fd_from_object(args[1], &fd) || !event_mask(args[2], &ev)) return Value::exc();
  pollfd* e = find(p, fd);
  if (!e) return raise_os_error(ENOENT);
  e->events = ev;
  return Value::none();
}

Value poll_unregister(Value* args, size_t nargs, TupleObject* kw) {
  PollObject* p = pself(args, nargs, "unregister");
  if (!p || !check_no_kwargs("unregister", kw) || !check_nargs("unregister", nargs - 1, 1, 1)) return Value::exc();
  int fd;
  if (!fd_from_object(args[1], &fd)) return Value::exc();
  for (size_t i = 0; i < p->fds->size(); i++)
    if ((*p->fds)[i].fd == fd) {
      p->fds->erase(p->fds->begin() + int64_t(i));
      return Value::none();
    }
  return raise_key_error(Value::from_small_int(fd));
}

Value poll_poll(Value* args, size_t nargs, TupleObject* kw) {
  PollObject* p = pself(args, nargs, "poll");
  if (!p || !check_no_kwargs("poll", kw) || !check_nargs("poll", nargs - 1, 0, 1)) return Value::exc();
  int ms;
  if (!timeout_ms(nargs == 2 ? args[1] : Value::none(), 1.0, &ms)) return Value::exc();
  int r;
  do r = ::poll(p->fds->data(), p->fds->size(), ms);
  while (r < 0 && errno == EINTR);
  if (r < 0) return raise_os_error(errno);
  ListObject* l = list_new(0);
  for (auto& e : *p->fds)
    if (e.revents) {
      list_append(l, tuple_pack({Value::from_small_int(e.fd), Value::from_small_int(e.revents & 0xFFFF)}));
      e.revents = 0;
    }
  return obj(l);
}

Value select_poll(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("poll", kw) || !check_nargs("poll", nargs, 0, 0)) return Value::exc();
  auto* p = gc::make<PollObject>(g_poll_type);
  p->fds = new std::vector<pollfd>();
  return obj(p);
}

}  // namespace

Value make_select_module() {
  if (!g_poll_type) {
    g_poll_type = make_builtin_type("poll", types::object, sizeof(PollObject), 0);
    g_poll_type->module = str_intern("select");
    g_poll_type->trace = [](Object*, Tracer&) {};
    g_poll_type->finalize = [](Object* o) { delete static_cast<PollObject*>(o)->fds; };
    type_add_methods(g_poll_type, {{"register", poll_register}, {"modify", poll_modify},
                                   {"unregister", poll_unregister}, {"poll", poll_poll}});
  }
  Value m = module_new("select");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"select", select_select}, {"poll", select_poll}});
  dict_set_str(d, str_intern("error"), obj(exc::OSError));
  struct { const char* name; int value; } const consts[] = {
      {"POLLIN", POLLIN}, {"POLLPRI", POLLPRI}, {"POLLOUT", POLLOUT}, {"POLLERR", POLLERR}, {"POLLHUP", POLLHUP},
      {"POLLNVAL", POLLNVAL}, {"POLLRDNORM", POLLRDNORM}, {"POLLRDBAND", POLLRDBAND}, {"POLLWRNORM", POLLWRNORM},
      {"POLLWRBAND", POLLWRBAND}, {"POLLMSG", POLLMSG}, {"POLLRDHUP", POLLRDHUP}, {"PIPE_BUF", PIPE_BUF}};
  for (const auto& c : consts) dict_set_str(d, str_intern(c.name), Value::from_small_int(c.value));
  return m;
}

}  // namespace chaipy
