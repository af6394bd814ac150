// interp/modules/sys.cpp — the sys module and the standard streams (sys.stdout / stderr / stdin)
// that print() and input() share.
//
// stdout is an in-process buffer written to fd 1: flushed when it grows large, at every newline
// when fd 1 is a terminal (CPython's line buffering), before stderr output, before stdin is read,
// and at exit. stderr writes go straight to fd 2. stdin is read through its own buffer.
#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cfloat>
#include <climits>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "pycache/pyc.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

// -- Raw fd output and the stdout buffer -----------------------------------------------------------
constexpr size_t kStdoutFlushAt = 1 << 16;
std::string g_out;
int g_out_tty = -1;  // unknown until first write
bool g_atexit_registered = false;

void write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;  // EPIPE etc.: drop, as there is nowhere to report it
    }
    p += w;
    n -= size_t(w);
  }
}

void flush_at_exit() { stdout_flush(); }

// -- stdin buffer ------------------------------------------------------------------------------------
std::string g_in;
size_t g_in_pos = 0;
bool g_in_eof = false;

bool stdin_fill() {
  if (g_in_eof) return false;
  if (g_in_pos > 0 && g_in_pos == g_in.size()) {
    g_in.clear();
    g_in_pos = 0;
  }
  stdout_flush();  // a prompt written without a newline must be visible before we block
  char buf[1 << 16];
  for (;;) {
    ssize_t r = ::read(0, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      g_in_eof = true;
      return false;
    }
    g_in.append(buf, size_t(r));
    return true;
  }
}

// -- Stream objects -----------------------------------------------------------------------------------
struct StreamObject : Object { int fd; };
TypeObject* stream_type;
Value g_stdin, g_stdout, g_stderr;
DictObject* g_sys_dict;

const char* stream_name(int fd) { return fd == 0 ? "<stdin>" : fd == 1 ? "<stdout>" : "<stderr>"; }

Value stream_repr(Value self) {
  int fd = self.as<StreamObject>()->fd;
  return str_value(fmt::format("<_io.TextIOWrapper name='{}' mode='{}' encoding='utf-8'>", stream_name(fd),
                               fd == 0 ? "r" : "w"));
}

bool check_stream(Value* args, size_t nargs, const char* fname) {
  if (nargs == 0 || !args[0].is_obj() || args[0].as_obj()->type != stream_type) {
    raise_fmt(exc::TypeError, "descriptor '{}' for '_io.TextIOWrapper' objects doesn't apply to a '{}' object", fname,
              nargs ? type_name(args[0]) : "NoneType");
    return false;
  }
  return true;
}

Value stream_write(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "write")) return Value::exc();
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs - 1, 1, 1)) return Value::exc();
  Value s = args[1];
  if (!is_str(s)) return raise_fmt(exc::TypeError, "write() argument must be str, not {}", type_name(s));
  int fd = args[0].as<StreamObject>()->fd;
  if (fd == 0) return raise(exc::OSError, "not writable");
  if (fd == 1) stdout_write(as_str(s)->view());
  else stderr_write(as_str(s)->view());
  return int_from_i64(int64_t(as_str(s)->length));
}

Value stream_flush(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "flush")) return Value::exc();
  if (!check_no_kwargs("flush", kwnames) || !check_nargs("flush", nargs - 1, 0, 0)) return Value::exc();
  if (args[0].as<StreamObject>()->fd == 1) stdout_flush();
  return Value::none();
}

Value stream_readline(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "readline")) return Value::exc();
  if (!check_no_kwargs("readline", kwnames) || !check_nargs("readline", nargs - 1, 0, 1)) return Value::exc();
  if (args[0].as<StreamObject>()->fd != 0) return raise(exc::OSError, "not readable");
  std::string line;
  stdin_readline(&line);
  return str_value(utf8_sanitize(line));
}

Value stream_read(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "read")) return Value::exc();
  if (!check_no_kwargs("read", kwnames) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  if (args[0].as<StreamObject>()->fd != 0) return raise(exc::OSError, "not readable");
  while (stdin_fill()) {
  }
  std::string all = g_in.substr(g_in_pos);
  g_in_pos = g_in.size();
  return str_value(utf8_sanitize(all));
}

Value stream_readlines(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "readlines")) return Value::exc();
  if (args[0].as<StreamObject>()->fd != 0) return raise(exc::OSError, "not readable");
  ListObject* l = list_new(0);
  std::string line;
  while (stdin_readline(&line)) list_append(l, str_value(utf8_sanitize(line)));
  return obj(l);
}

Value stream_fileno(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "fileno")) return Value::exc();
  return Value::from_small_int(args[0].as<StreamObject>()->fd);
}

Value stream_isatty(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_stream(args, nargs, "isatty")) return Value::exc();
  return Value::from_bool(::isatty(args[0].as<StreamObject>()->fd));
}

Value stream_iternext(Value self) {
  if (self.as<StreamObject>()->fd != 0) return raise(exc::OSError, "not readable");
  std::string line;
  if (!stdin_readline(&line)) return Value::null();
  return str_value(utf8_sanitize(line));
}
Value stream_iter(Value self) { return self; }

Value stream_new(int fd) {
  auto* s = gc::make<StreamObject>(stream_type);
  s->fd = fd;
  return obj(s);
}

void trace_streams(Tracer& t) {
  t.visit(g_stdin);
  t.visit(g_stdout);
  t.visit(g_stderr);
  t.visit(g_sys_dict);
}

// -- Struct sequences (sys.version_info, sys.float_info) -------------------------------------------
// A tuple subtype whose items are also readable by field name; repr "sys.name(field=value, ...)".
struct StructSeqDesc {
  TypeObject* type;
  std::string qualified;  // "sys.version_info"
  std::vector<std::string> fields;
};
std::vector<StructSeqDesc>& struct_seqs() {
  static auto* v = new std::vector<StructSeqDesc>();
  return *v;
}
const StructSeqDesc* desc_of(Value v) {
  for (const auto& d : struct_seqs())
    if (d.type == type_of(v)) return &d;
  return nullptr;
}
GetAttrFn g_tuple_getattr;

Value structseq_getattr(Value self, StrObject* name) {
  const StructSeqDesc* d = desc_of(self);
  if (d) {
    std::string_view n = name->view();
    for (size_t i = 0; i < d->fields.size(); i++)
      if (d->fields[i] == n) return self.as<TupleObject>()->items[i];
  }
  Value r = g_tuple_getattr ? g_tuple_getattr(self, name) : generic_getattr(self, name);
  if (r.is_exc() && d && exc_matches(exc::AttributeError)) {
    exc_fetch();
    return raise_fmt(exc::AttributeError, "'{}' object has no attribute '{}'", d->qualified, name->view());
  }
  return r;
}

Value structseq_repr(Value self) {
  const StructSeqDesc* d = desc_of(self);
  auto* t = self.as<TupleObject>();
  std::string out = d->qualified + "(";
  for (size_t i = 0; i < t->size; i++) {
    if (i) out += ", ";
    Value r = repr(t->items[i]);
    if (r.is_exc()) return r;
    out += d->fields[i] + "=" + std::string(as_str(r)->view());
  }
  return str_value(out + ")");
}

TypeObject* make_struct_seq_type(const char* name, std::vector<std::string> fields) {
  TypeObject* t = make_builtin_type(name, types::tuple, sizeof(TupleObject), kTypeTupleSubclass);
  t->module = str_intern("sys");
  TypeObject* tup = types::tuple;
  t->iter = tup->iter;
  t->len = tup->len;
  t->getitem = tup->getitem;
  t->contains = tup->contains;
  t->boolean = tup->boolean;
  t->binop = tup->binop;
  t->hash = tup->hash;
  t->richcompare = tup->richcompare;
  t->trace = tup->trace;
  t->finalize = tup->finalize;
  g_tuple_getattr = tup->getattr;
  t->getattr = structseq_getattr;
  t->repr = structseq_repr;
  t->str = structseq_repr;
  struct_seqs().push_back({t, std::string("sys.") + name, std::move(fields)});
  return t;
}

Value struct_seq_new(TypeObject* t, std::initializer_list<Value> items) {
  TupleObject* tup = tuple_new(items.size());
  size_t i = 0;
  for (Value v : items) tup->items[i++] = v;
  tup->type = t;
  return obj(tup);
}

// -- sys functions ------------------------------------------------------------------------------------
Value sys_exit(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("exit", kwnames) || !check_nargs("exit", nargs, 0, 1)) return Value::exc();
  Value e = call(obj(exc::SystemExit), args, nargs);
  if (e.is_exc()) return e;
  return raise_value(e);
}

Value sys_getrecursionlimit(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("sys.getrecursionlimit", kwnames) || !check_nargs("sys.getrecursionlimit", nargs, 0, 0))
    return Value::exc();
  return int_from_i64(g_recursion_limit);
}

Value sys_setrecursionlimit(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("setrecursionlimit", kwnames) || !check_nargs("setrecursionlimit", nargs, 1, 1))
    return Value::exc();
  Value v = args[0];
  if (!is_int(v)) {
    if (v.is_double() || lookup_special(v, NAME("__index__")).is_null())
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    v = call0(lookup_special(v, NAME("__index__")));
    if (v.is_exc()) return v;
  }
  int64_t n;
  if (!int_get_i64(v, &n) || n > INT_MAX || n < INT_MIN)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  if (n < 1) return raise(exc::ValueError, "recursion limit must be greater or equal than 1");
  g_recursion_limit = n;
  return Value::none();
}

Value sys_intern(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("intern", kwnames) || !check_nargs("intern", nargs, 1, 1)) return Value::exc();
  if (!args[0].is_obj() || args[0].as_obj()->type != types::str)
    return raise_fmt(exc::TypeError, "intern() argument must be str, not {}", type_name(args[0]));
  return obj(str_intern(as_str(args[0])->view()));
}

Value sys_getdefaultencoding(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("getdefaultencoding", kwnames) || !check_nargs("getdefaultencoding", nargs, 0, 0))
    return Value::exc();
  return str_value("utf-8");
}

Value sys_getsizeof(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("getsizeof", nargs, 1, 2)) return Value::exc();
  Value v = args[0];
  int64_t size = 24;
  if (v.is_obj()) {
    TypeObject* t = v.as_obj()->type;
    size = t->instance_size ? t->instance_size : 16;
    if (is_str(v)) size += int64_t(as_str(v)->nbytes) + 1;
    else if (is_tuple(v)) size += 8 * int64_t(v.as<TupleObject>()->size);
    else if (is_list(v)) size += 8 * int64_t(v.as<ListObject>()->capacity);
  }
  return int_from_i64(size);
}

Value sys_get_int_max_str_digits(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("get_int_max_str_digits", kwnames) || !check_nargs("get_int_max_str_digits", nargs, 0, 0))
    return Value::exc();
  return Value::from_small_int(g_int_max_str_digits);
}

Value sys_set_int_max_str_digits(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"maxdigits", nullptr};
  Value a[1];
  if (!parse_args("set_int_max_str_digits", args, nargs, kwnames, names, 1, a)) return Value::exc();
  Value v = a[0];
  if (!is_int(v)) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
  int64_t n;
  if (!int_get_i64(v, &n) || n > INT_MAX || n < INT_MIN)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  if (n != 0 && n < 640) return raise(exc::ValueError, "maxdigits must be 0 or larger than 640");
  g_int_max_str_digits = int(n);
  return Value::none();
}

// The exception being handled (an `except` block is running), or null.
Value handled_exception() {
  Value e = vm_handled_exception();
  return e.is_null() || e.is_none() ? Value::null() : e;
}

Value sys_exc_info(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("exc_info", kwnames) || !check_nargs("exc_info", nargs, 0, 0)) return Value::exc();
  Value e = handled_exception();
  if (e.is_null()) return tuple_pack({Value::none(), Value::none(), Value::none()});
  Value tb = Value::none();
  if (e.is_obj() && (e.as_obj()->type->flags & kTypeExceptionLayout)) tb = e.as<ExceptionObject>()->traceback;
  if (tb.is_null()) tb = Value::none();
  return tuple_pack({obj(type_of(e)), e, tb});
}

Value sys_exception(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("exception", kwnames) || !check_nargs("exception", nargs, 0, 0)) return Value::exc();
  Value e = handled_exception();
  return e.is_null() ? Value::none() : e;
}

Value sys_getrefcount(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("getrefcount", kwnames) || !check_nargs("getrefcount", nargs, 1, 1)) return Value::exc();
  return Value::from_small_int(2);  // no reference counts here; CPython's typical answer for a temporary
}

Value sys_getfilesystemencoding(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("getfilesystemencoding", kwnames) || !check_nargs("getfilesystemencoding", nargs, 0, 0))
    return Value::exc();
  return str_value("utf-8");
}

std::string script_dir(const char* script) {
  std::string s = script;
  if (s.empty() || s == "-c" || s == "-m" || s == "-") return "";
  char buf[PATH_MAX];
  if (::realpath(script, buf)) s = buf;
  size_t slash = s.rfind('/');
  if (slash == std::string::npos) {
    if (::getcwd(buf, sizeof buf)) return buf;
    return "";
  }
  return slash == 0 ? "/" : s.substr(0, slash);
}

void set(DictObject* d, const char* name, Value v) { dict_set_str(d, str_intern(name), v); }

}  // namespace

// -- Stream API shared with builtins --------------------------------------------------------------------
void stdout_write(std::string_view s) {
  if (g_out_tty < 0) g_out_tty = ::isatty(1);
  g_out.append(s);
  if (g_out.size() >= kStdoutFlushAt || (g_out_tty && s.find('\n') != std::string_view::npos)) stdout_flush();
}

void stdout_flush() {
  if (g_out.empty()) return;
  write_all(1, g_out.data(), g_out.size());
  g_out.clear();
}

void stderr_write(std::string_view s) {
  stdout_flush();
  write_all(2, s.data(), s.size());
}

bool stdin_readline(std::string* out) {
  out->clear();
  for (;;) {
    size_t nl = g_in.find('\n', g_in_pos);
    if (nl != std::string::npos) {
      out->assign(g_in, g_in_pos, nl + 1 - g_in_pos);
      g_in_pos = nl + 1;
      break;
    }
    if (!stdin_fill()) {
      out->assign(g_in, g_in_pos, std::string::npos);
      g_in_pos = g_in.size();
      if (out->empty()) return false;
      break;
    }
  }
  if (g_in_pos > (1 << 20)) {  // drop consumed input now and then
    g_in.erase(0, g_in_pos);
    g_in_pos = 0;
  }
  return true;
}

std::string utf8_sanitize(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0, n = in.size();
  while (i < n) {
    unsigned char c = in[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; k++) ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      i++;
    }
  }
  return out;
}

int std_stream_fd(Value v) {
  if (!v.is_obj() || v.as_obj()->type != stream_type) return -1;
  return v.as<StreamObject>()->fd;
}

Value sys_stdout() {
  if (!g_sys_dict) return Value::null();
  return dict_get_str(g_sys_dict, NAME("stdout"));
}

Value sys_stderr() {
  if (!g_sys_dict) return Value::null();
  return dict_get_str(g_sys_dict, NAME("stderr"));
}

Value sys_stdin() {
  if (!g_sys_dict) return Value::null();
  return dict_get_str(g_sys_dict, NAME("stdin"));
}

// -- Module ---------------------------------------------------------------------------------------------
Value make_sys_module(int argc, char** argv) {
  if (!g_atexit_registered) {
    g_atexit_registered = true;
    std::atexit(flush_at_exit);
    gc::add_root_scanner(trace_streams);
  }
  stream_type = make_builtin_type("TextIOWrapper", types::object, sizeof(StreamObject), 0);
  stream_type->module = str_intern("_io");
  stream_type->trace = [](Object*, Tracer&) {};  // holds no references
  stream_type->finalize = nullptr;
  stream_type->repr = stream_repr;
  stream_type->str = stream_repr;
  stream_type->iter = stream_iter;
  stream_type->iternext = stream_iternext;
  type_add_methods(stream_type, {
      {"write", stream_write}, {"flush", stream_flush}, {"readline", stream_readline}, {"read", stream_read},
      {"readlines", stream_readlines}, {"fileno", stream_fileno}, {"isatty", stream_isatty},
  });
  g_stdin = stream_new(0);
  g_stdout = stream_new(1);
  g_stderr = stream_new(2);

  Value m = module_new("sys");
  DictObject* d = m.as<ModuleObject>()->dict;
  g_sys_dict = d;
  module_add_functions(d, {
      {"exit", sys_exit}, {"getrecursionlimit", sys_getrecursionlimit},
      {"setrecursionlimit", sys_setrecursionlimit}, {"intern", sys_intern},
      {"getdefaultencoding", sys_getdefaultencoding}, {"getsizeof", sys_getsizeof},
      {"get_int_max_str_digits", sys_get_int_max_str_digits},
      {"exc_info", sys_exc_info}, {"exception", sys_exception}, {"getrefcount", sys_getrefcount},
      {"getfilesystemencoding", sys_getfilesystemencoding},
      {"set_int_max_str_digits", sys_set_int_max_str_digits},
  });
  set(d, "stdin", g_stdin);
  set(d, "stdout", g_stdout);
  set(d, "stderr", g_stderr);
  set(d, "__stdin__", g_stdin);
  set(d, "__stdout__", g_stdout);
  set(d, "__stderr__", g_stderr);

  ListObject* av = list_new(0);
  if (argc <= 0 || !argv) list_append(av, str_value(""));
  for (int i = 0; i < argc && argv; i++) list_append(av, str_value(utf8_sanitize(argv[i] ? argv[i] : "")));
  set(d, "argv", obj(av));
  ListObject* path = list_new(0);
  list_append(path, str_value(utf8_sanitize(script_dir(argc > 0 && argv && argv[0] ? argv[0] : ""))));
  set(d, "path", obj(path));
  if (!g_sys_modules) g_sys_modules = dict_new();
  set(d, "modules", obj(g_sys_modules));

  set(d, "version", str_value("3.11.0 (chaipy 0.1) [GCC " __VERSION__ "]"));
  set(d, "hexversion", int_from_i64(0x030B00F0));
  TypeObject* vi_type = make_struct_seq_type("version_info", {"major", "minor", "micro", "releaselevel", "serial"});
  Value vi = struct_seq_new(vi_type, {Value::from_small_int(3), Value::from_small_int(11), Value::from_small_int(0),
                                      str_value("final"), Value::from_small_int(0)});
  set(d, "version_info", vi);
  Value impl = instance_new(namespace_type());  // a types.SimpleNamespace, as CPython's
  generic_setattr(impl, str_intern("name"), str_value("chaipy"));
  generic_setattr(impl, str_intern("cache_tag"), str_value(pyc::cache_tag()));
  generic_setattr(impl, str_intern("version"), vi);
  generic_setattr(impl, str_intern("hexversion"), int_from_i64(0x030B00F0));
  generic_setattr(impl, str_intern("_multiarch"), str_value("x86_64-linux-gnu"));
  set(d, "implementation", impl);

  TypeObject* fi_type = make_struct_seq_type(
      "float_info", {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon",
                     "radix", "rounds"});
  set(d, "float_info",
      struct_seq_new(fi_type, {Value::from_double(DBL_MAX), Value::from_small_int(DBL_MAX_EXP),
                               Value::from_small_int(DBL_MAX_10_EXP), Value::from_double(DBL_MIN),
                               Value::from_small_int(DBL_MIN_EXP), Value::from_small_int(DBL_MIN_10_EXP),
                               Value::from_small_int(DBL_DIG), Value::from_small_int(DBL_MANT_DIG),
                               Value::from_double(DBL_EPSILON), Value::from_small_int(FLT_RADIX),
                               Value::from_small_int(1)}));
  TypeObject* ii_type = make_struct_seq_type(
      "int_info", {"bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"});
  set(d, "int_info", struct_seq_new(ii_type, {Value::from_small_int(30), Value::from_small_int(4),
                                              Value::from_small_int(4300), Value::from_small_int(640)}));
  set(d, "maxsize", int_from_i64(INT64_MAX));
  set(d, "maxunicode", Value::from_small_int(0x10FFFF));
  set(d, "byteorder", str_value(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? "little" : "big"));
  set(d, "platform", str_value("linux"));
  char exe[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  set(d, "executable", str_value(n > 0 ? utf8_sanitize(std::string_view(exe, size_t(n))) : std::string()));
  set(d, "dont_write_bytecode", Value::false_());
  set(d, "float_repr_style", str_value("short"));
  set(d, "warnoptions", obj(list_new(0)));
  set(d, "orig_argv", obj(list_new(0)));
  set(d, "abiflags", str_value(""));
  set(d, "api_version", Value::from_small_int(1013));
  // prefix: the directory above <platlibdir>/python3.11 (CPython's getpath); /usr for Debian's.
  {
    std::string lib = stdlib_dir(), prefix = "/usr/local";
    size_t slash = lib.rfind('/');
    if (!lib.empty() && slash != std::string::npos && lib.substr(slash + 1) == "python3.11") {
      std::string up = lib.substr(0, slash);
      size_t s2 = up.rfind('/');
      prefix = s2 == std::string::npos || s2 == 0 ? "/" : up.substr(0, s2);
    }
    for (const char* p : {"prefix", "exec_prefix", "base_prefix", "base_exec_prefix"}) set(d, p, str_value(prefix));
    set(d, "platlibdir", str_value("lib"));
  }
  {
    std::vector<std::string_view> names = {"builtins", "sys"};
#define MODULE(pyname, cname) names.push_back(pyname);
#include "interp/modules/modules.def"
#undef MODULE
    std::sort(names.begin(), names.end());
    TupleObject* t = tuple_new(names.size());
    for (size_t i = 0; i < names.size(); i++) t->items[i] = str_value(names[i]);
    set(d, "builtin_module_names", obj(t));
  }
  TypeObject* fl_type = make_struct_seq_type(
      "flags", {"debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
                "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated",
                "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits"});
  Value z = Value::from_small_int(0);
  set(d, "flags", struct_seq_new(fl_type, {z, z, z, z, z, z, z, z, z, z, z, Value::from_small_int(1), z,
                                           Value::false_(), z, z, Value::false_(), Value::from_small_int(-1)}));
  return m;
}

}  // namespace chaipy
