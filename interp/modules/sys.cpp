// interp/modules/sys.cpp — the sys module. Its standard streams are _io objects made by
// init_std_streams (io_stdio.cpp).
#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cfloat>
#include <climits>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "interp/config.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "pycache/pyc.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

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

Value sys_getfilesystemencodeerrors(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("getfilesystemencodeerrors", kwnames) || !check_nargs("getfilesystemencodeerrors", nargs, 0, 0))
    return Value::exc();
  return str_value("surrogateescape");
}

Value sys__getframe(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("_getframe", kwnames) || !check_nargs("_getframe", nargs, 0, 1)) return Value::exc();
  int64_t depth = 0;
  if (nargs == 1) {
    if (!is_int(args[0]))
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[0]));
    if (!int_to_i64(args[0], &depth)) return raise(exc::OverflowError, "Python int too large to convert to C int");
  }
  return sys_getframe(depth);
}

// settrace / setprofile: the functions are stored and returned by gettrace / getprofile; chaipy
// does not call them (no line or call events).
Value g_trace_fn = Value::none(), g_profile_fn = Value::none();
Value store_hook(Value* slot, const char* name, Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs(name, kwnames) || !check_nargs(name, nargs, 1, 1)) return Value::exc();
  *slot = args[0];
  return Value::none();
}
Value sys_settrace(Value* a, size_t n, TupleObject* k) { return store_hook(&g_trace_fn, "settrace", a, n, k); }
Value sys_setprofile(Value* a, size_t n, TupleObject* k) { return store_hook(&g_profile_fn, "setprofile", a, n, k); }
Value sys_gettrace(Value*, size_t n, TupleObject* k) {
  if (!check_no_kwargs("gettrace", k) || !check_nargs("gettrace", n, 0, 0)) return Value::exc();
  return g_trace_fn;
}
Value sys_getprofile(Value*, size_t n, TupleObject* k) {
  if (!check_no_kwargs("getprofile", k) || !check_nargs("getprofile", n, 0, 0)) return Value::exc();
  return g_profile_fn;
}

// sys.excepthook / sys.__excepthook__(type, value, traceback): prints like an uncaught exception.
Value sys_excepthook(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("excepthook", kwnames) || !check_nargs("excepthook", nargs, 3, 3)) return Value::exc();
  Value e = args[1];
  if (!e.is_obj() || !(type_of(e)->flags & kTypeExceptionLayout)) {
    stderr_write("TypeError: print_exception(): Exception expected for value, " + std::string(type_name(e)) + " found\n");
    return Value::none();
  }
  if (isinstance_exact(args[2], types::traceback)) e.as<ExceptionObject>()->traceback = args[2];
  print_exception(e);
  return Value::none();
}

Value sys_audit(Value* args, size_t nargs, TupleObject* kwnames) {
  if (nargs < 1) return raise(exc::TypeError, "audit() missing 1 required positional argument: 'event'");
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "expected str for argument 'event', not {}", type_name(args[0]));
  return Value::none();
}
Value sys_addaudithook(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("addaudithook", nargs, 1, 1)) return Value::exc();
  return Value::none();
}
Value sys_is_finalizing(Value*, size_t n, TupleObject* k) {
  if (!check_no_kwargs("is_finalizing", k) || !check_nargs("is_finalizing", n, 0, 0)) return Value::exc();
  return Value::false_();
}
double g_switch_interval = 0.005;
Value sys_getswitchinterval(Value*, size_t n, TupleObject* k) {
  if (!check_no_kwargs("getswitchinterval", k) || !check_nargs("getswitchinterval", n, 0, 0)) return Value::exc();
  return Value::from_double(g_switch_interval);
}
Value sys_setswitchinterval(Value* args, size_t n, TupleObject* k) {
  if (!check_no_kwargs("setswitchinterval", k) || !check_nargs("setswitchinterval", n, 1, 1)) return Value::exc();
  double d;
  if (args[0].is_double()) d = args[0].as_double();
  else if (is_int(args[0])) d = double(args[0].is_small_int() ? args[0].as_small_int() : 1);
  else return raise_fmt(exc::TypeError, "must be real number, not {}", type_name(args[0]));
  if (d <= 0) return raise(exc::ValueError, "switch interval must be strictly positive");
  g_switch_interval = d;
  return Value::none();
}

void trace_hooks(Tracer& t) {
  t.visit(g_trace_fn);
  t.visit(g_profile_fn);
}

// sys.displayhook: how the REPL ('single' mode's PRINT_EXPR) shows a value, and sets builtins._.
Value sys_displayhook(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("displayhook", kwnames) || !check_nargs("displayhook", nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  if (v.is_none()) return Value::none();
  dict_set_str(g_builtins, str_intern("_"), Value::none());  // repr() may use _ itself
  Value text = repr(v);
  if (text.is_exc()) return text;
  Value out = sys_stdout();
  if (out.is_null() || out.is_none()) return raise(exc::RuntimeError, "lost sys.stdout");
  Value nl = str_value("\n");
  if (call_method(out, str_intern("write"), &text, 1).is_exc() || call_method(out, str_intern("write"), &nl, 1).is_exc())
    return Value::exc();
  dict_set_str(g_builtins, str_intern("_"), v);
  return Value::none();
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

// sys.set_asyncgen_hooks / get_asyncgen_hooks: the hooks are kept for event loops (asyncio saves
// and restores them) but async generators do not call them yet (docs/compatibility.md).
Value g_asyncgen_hooks[2];  // firstiter, finalizer (null: None)
TypeObject* g_asyncgen_hooks_type;

Value sys_set_asyncgen_hooks(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"firstiter", "finalizer", nullptr};
  Value a[2];
  if (!parse_args("set_asyncgen_hooks", args, nargs, kwnames, names, 0, a)) return Value::exc();
  for (int i : {1, 0}) {  // CPython checks the finalizer first
    if (!a[i].is_null() && !a[i].is_none() && !is_callable(a[i]))
      return raise_fmt(exc::TypeError, "callable {} expected, got {}", names[i], type_name(a[i]));
  }
  for (int i = 0; i < 2; i++)
    if (!a[i].is_null()) g_asyncgen_hooks[i] = a[i].is_none() ? Value::null() : a[i];
  return Value::none();
}

Value sys_get_asyncgen_hooks(Value*, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("get_asyncgen_hooks", kwnames) || !check_nargs("get_asyncgen_hooks", nargs, 0, 0))
    return Value::exc();
  auto hook = [](Value v) { return v.is_null() ? Value::none() : v; };
  return struct_seq_new(g_asyncgen_hooks_type, {hook(g_asyncgen_hooks[0]), hook(g_asyncgen_hooks[1])});
}

}  // namespace

// -- Module ---------------------------------------------------------------------------------------------
Value make_sys_module(int argc, char** argv) {
  Value m = module_new("sys");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"exit", sys_exit}, {"getrecursionlimit", sys_getrecursionlimit},
      {"set_asyncgen_hooks", sys_set_asyncgen_hooks}, {"get_asyncgen_hooks", sys_get_asyncgen_hooks},
      {"setrecursionlimit", sys_setrecursionlimit}, {"intern", sys_intern},
      {"getdefaultencoding", sys_getdefaultencoding}, {"getsizeof", sys_getsizeof},
      {"get_int_max_str_digits", sys_get_int_max_str_digits},
      {"exc_info", sys_exc_info}, {"exception", sys_exception}, {"getrefcount", sys_getrefcount},
      {"getfilesystemencoding", sys_getfilesystemencoding},
      {"set_int_max_str_digits", sys_set_int_max_str_digits},
      {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors}, {"_getframe", sys__getframe},
      {"settrace", sys_settrace}, {"setprofile", sys_setprofile}, {"gettrace", sys_gettrace},
      {"getprofile", sys_getprofile}, {"excepthook", sys_excepthook}, {"audit", sys_audit},
      {"addaudithook", sys_addaudithook}, {"is_finalizing", sys_is_finalizing},
      {"getswitchinterval", sys_getswitchinterval}, {"setswitchinterval", sys_setswitchinterval}, {"displayhook", sys_displayhook},
  });
  gc::add_root_scanner(trace_hooks);
  set(d, "__excepthook__", dict_get_str(d, str_intern("excepthook")));
  set(d, "__displayhook__", dict_get_str(d, str_intern("displayhook")));

  ListObject* av = list_new(0);
  if (argc <= 0 || !argv) list_append(av, str_value(""));
  for (int i = 0; i < argc && argv; i++) list_append(av, str_value(utf8_sanitize(argv[i] ? argv[i] : "")));
  set(d, "argv", obj(av));
  ListObject* path = list_new(0);
  list_append(path, str_value(utf8_sanitize(script_dir(argc > 0 && argv && argv[0] ? argv[0] : ""))));
  set(d, "path", obj(path));
  if (!g_sys_modules) g_sys_modules = dict_new();
  set(d, "modules", obj(g_sys_modules));
  init_std_streams(d);

  set(d, "version", str_value(sys_version()));
  set(d, "hexversion", int_from_i64(0x030B00F0));
  g_asyncgen_hooks_type = make_struct_seq_type("builtins", "asyncgen_hooks", {"firstiter", "finalizer"});
  gc::add_root(&g_asyncgen_hooks[0]);
  gc::add_root(&g_asyncgen_hooks[1]);
  TypeObject* vi_type = make_struct_seq_type("sys", "version_info", {"major", "minor", "micro", "releaselevel", "serial"});
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

  TypeObject* fi_type = make_struct_seq_type("sys", "float_info", {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon",
                     "radix", "rounds"});
  set(d, "float_info",
      struct_seq_new(fi_type, {Value::from_double(DBL_MAX), Value::from_small_int(DBL_MAX_EXP),
                               Value::from_small_int(DBL_MAX_10_EXP), Value::from_double(DBL_MIN),
                               Value::from_small_int(DBL_MIN_EXP), Value::from_small_int(DBL_MIN_10_EXP),
                               Value::from_small_int(DBL_DIG), Value::from_small_int(DBL_MANT_DIG),
                               Value::from_double(DBL_EPSILON), Value::from_small_int(FLT_RADIX),
                               Value::from_small_int(1)}));
  TypeObject* hi_type = make_struct_seq_type("sys", "hash_info", {"width", "modulus", "inf", "nan", "imag", "algorithm",
                                                                  "hash_bits", "seed_bits", "cutoff"});
  set(d, "hash_info", struct_seq_new(hi_type, {Value::from_small_int(64), int_from_i64((int64_t(1) << 61) - 1),
                                               Value::from_small_int(314159), Value::from_small_int(0),
                                               Value::from_small_int(1000003), str_value("siphash13"),
                                               Value::from_small_int(64), Value::from_small_int(128),
                                               Value::from_small_int(0)}));
  TypeObject* ii_type = make_struct_seq_type("sys", "int_info", {"bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"});
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
  TypeObject* fl_type = make_struct_seq_type("sys", "flags", {"debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
                "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated",
                "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits"});
  const RuntimeConfig& c = runtime_config();
  auto I = [](int v) { return Value::from_small_int(v); };
  set(d, "flags", struct_seq_new(fl_type, {I(c.debug), I(c.inspect), I(c.interactive), I(c.optimize),
                                           I(c.dont_write_bytecode), I(c.no_user_site), I(c.no_site),
                                           I(c.ignore_environment), I(c.verbose), I(c.bytes_warning), I(c.quiet),
                                           I(!c.use_hash_seed || c.hash_seed != 0), I(c.isolated), Value::from_bool(c.dev_mode), I(c.utf8_mode), I(0),
                                           Value::from_bool(c.safe_path), I(c.int_max_str_digits)}));
  ListObject* wo = list_new(0);
  for (const auto& w : c.warnoptions) list_append(wo, str_value(w));
  set(d, "warnoptions", obj(wo));
  DictObject* xo = dict_new();
  for (const auto& x : c.xoptions) {
    size_t eq = x.find('=');
    dict_set_str(xo, str_intern(x.substr(0, eq)), eq == std::string::npos ? Value::true_() : str_value(x.substr(eq + 1)));
  }
  set(d, "_xoptions", obj(xo));
  return m;
}

}  // namespace chaipy
