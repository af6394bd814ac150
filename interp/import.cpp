// interp/import.cpp — the import system: __import__ semantics, the sys.path finder, the source /
// bytecode loader with the __pycache__ cache, importlib's small built-in part, and `-m module`.
//
// Flow (CPython's importlib._bootstrap, simplified): import_name resolves a relative name against
// the importer's __package__, then find_and_load imports each parent package first, searches
// sys.path (or the parent's __path__) for a package directory, a .py file, or a sourceless .pyc,
// creates the module, puts it in sys.modules BEFORE running its code (so circular imports see the
// partially initialised module), and removes it again if the code raises.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "frontend/compile.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "pycache/marshal.h"
#include "pycache/pyc.h"

namespace chaipy {
namespace {

// Modules whose code is running (for "partially initialized module" messages).
std::vector<Object*> g_initializing;
bool g_import_ready = false;

StrObject* S(const char* s) { return str_intern(s); }

Value sys_module() { return dict_get_str(g_sys_modules, S("sys")); }

Value sys_attr(const char* name) {
  Value sys = sys_module();
  if (sys.is_null()) return Value::null();
  Value v = getattr_opt(sys, S(name));
  if (v.is_exc()) {
    exc_fetch();
    return Value::null();
  }
  return v;
}

std::string cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string(".");
}

bool is_file(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
bool is_dir(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
std::string join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}
std::string absolute(const std::string& p) {
  if (!p.empty() && p[0] == '/') return p;
  return join(cwd(), p == "." ? "" : p);
}

// -- Errors ------------------------------------------------------------------------------------
// ImportError / ModuleNotFoundError with .name (and .path) set, as importlib does.
Value raise_import_error(TypeObject* type, const std::string& msg, Value name, Value path = Value::none()) {
  Value e = new_exception(type, msg);
  if (e.is_exc()) return e;
  if (setattr(e, S("name"), name) < 0 || setattr(e, S("path"), path) < 0) return Value::exc();
  return raise_value(e);
}

Value raise_not_found(const std::string& msg, const std::string& name) {
  return raise_import_error(exc::ModuleNotFoundError, msg, str_value(name));
}


// -- Module specs and the finder ------------------------------------------------------------------
struct Spec {
  enum class Kind { kNone, kSource, kSourceless, kNamespace } kind = Kind::kNone;
  std::string origin;                 // the .py / .pyc file
  std::vector<std::string> search;    // __path__ for packages
  bool is_package = false;
};

// One sys.path entry (FileFinder.find_spec): package dir with __init__, then <tail>.py, then
// <tail>.pyc; a bare directory is remembered as a namespace portion.
Spec find_in_entry(const std::string& entry, const std::string& tail, std::vector<std::string>* ns_portions) {
  Spec spec;
  std::string base = absolute(entry.empty() ? "." : entry);
  std::string pkg_dir = join(base, tail);
  bool namespace_portion = false;
  if (is_dir(pkg_dir)) {
    for (const char* init : {"__init__.py", "__init__.pyc"}) {
      std::string p = join(pkg_dir, init);
      if (is_file(p)) {
        spec.kind = std::string_view(init) == "__init__.py" ? Spec::Kind::kSource : Spec::Kind::kSourceless;
        spec.origin = p;
        spec.search = {pkg_dir};
        spec.is_package = true;
        return spec;
      }
    }
    namespace_portion = true;
  }
  std::string py = join(base, tail + ".py");
  if (is_file(py)) {
    spec.kind = Spec::Kind::kSource;
    spec.origin = py;
    return spec;
  }
  std::string pyc = join(base, tail + ".pyc");
  if (is_file(pyc)) {
    spec.kind = Spec::Kind::kSourceless;
    spec.origin = pyc;
    return spec;
  }
  if (namespace_portion) ns_portions->push_back(pkg_dir);
  return spec;
}

// PathFinder.find_spec over `path` (a list: sys.path or a package's __path__).
Spec find_spec(const std::string& tail, Value path) {
  std::vector<std::string> entries;
  if (is_list(path)) {
    ListObject* l = path.as<ListObject>();
    for (uint64_t i = 0; i < l->size; i++)
      if (is_str(l->items[i])) entries.emplace_back(as_str(l->items[i])->view());
  } else if (!path.is_null() && !path.is_none()) {
    Value lst = to_list(path);
    if (lst.is_exc()) {
      exc_fetch();
    } else {
      ListObject* l = lst.as<ListObject>();
      for (uint64_t i = 0; i < l->size; i++)
        if (is_str(l->items[i])) entries.emplace_back(as_str(l->items[i])->view());
    }
  }
  std::vector<std::string> portions;
  for (const auto& e : entries) {
    Spec s = find_in_entry(e, tail, &portions);
    if (s.kind != Spec::Kind::kNone) return s;
  }
  Spec s;
  if (!portions.empty()) {
    s.kind = Spec::Kind::kNamespace;
    s.search = std::move(portions);
    s.is_package = true;
  }
  return s;
}

// -- The loader ----------------------------------------------------------------------------------
bool dont_write_bytecode() {
  if (pyc::config().dont_write_bytecode) return true;
  Value v = sys_attr("dont_write_bytecode");
  if (v.is_null()) return false;
  int t = truthy(v);
  if (t < 0) exc_fetch();
  return t == 1;
}

// The code for a source file: from a fresh cache, else compiled (and the cache written).
// Returns null after raising.
std::shared_ptr<const CodeUnit> get_source_code(const std::string& path, std::string* cached_path) {
  // Like CPython's SourceFileLoader: a fresh timestamp cache needs only the source's stat; the
  // text is read for a checked-hash cache or to compile.
  std::string source;
  enum { kUnread, kRead, kUnreadable } state = kUnread;
  auto text = [&]() -> std::optional<std::string_view> {
    if (state == kUnread) state = pyc::read_whole_file(path, &source) ? kRead : kUnreadable;
    return state == kRead ? std::optional<std::string_view>(source) : std::nullopt;
  };
  pyc::SourceStamp st;
  pyc::stat_source(path, &st);
  *cached_path = pyc::cache_from_source(path);
  pyc::CacheRead cr = pyc::read_cache(*cached_path, path, st, text);
  if (cr.code) {
    spdlog::debug("import: {} loaded from {}", path, *cached_path);
    return cr.code;
  }
  if (!text()) {
    raise_import_error(exc::ImportError, "source not available", Value::none(), str_value(path));
    return nullptr;
  }
  spdlog::debug("import: compiling {} ({}: {})", path, *cached_path, cr.why);
  CompileResult comp = compile_source(source, path);
  if (comp.error) {
    raise_syntax_error(*comp.error, source);
    return nullptr;
  }
  // Code the pyc reader would reject is not worth writing (and points at a compiler bug).
  std::string invalid = pyc::validate_code_tree(*comp.code);
  if (!invalid.empty()) spdlog::warn("import: compiled code of {} fails pyc validation: {}", path, invalid);
  if (!dont_write_bytecode() && invalid.empty()) {
    pyc::Invalidation mode = pyc::Invalidation::kTimestamp;
    if (cr.existed && cr.hash_based)
      mode = cr.check_source ? pyc::Invalidation::kCheckedHash : pyc::Invalidation::kUncheckedHash;
    std::string why;
    if (!pyc::write_atomic(*cached_path, pyc::build_pyc(*comp.code, mode, source, st), &why))
      spdlog::debug("import: not caching {}: {}", path, why);  // run uncached, silently
  }
  return comp.code;
}

// The code a spec's module runs, or null after raising; sets *file / *cached.
std::shared_ptr<const CodeUnit> spec_code(const Spec& spec, const std::string& name, std::string* cached) {
  if (spec.kind == Spec::Kind::kSource) return get_source_code(spec.origin, cached);
  *cached = spec.origin;
  std::string err;
  auto code = pyc::read_pyc_file(spec.origin, &err);
  if (!code) {
    std::string msg = err == "bad magic number" ? "bad magic number in '" + name + "'"
                                                : "invalid bytecode in '" + name + "': " + err;
    raise_import_error(exc::ImportError, msg, str_value(name), str_value(spec.origin));
  }
  return code;
}

Value list_of_strings(const std::vector<std::string>& v) {
  ListObject* l = list_new(0);
  for (const auto& s : v) list_append(l, str_value(s));
  return obj(l);
}

// Sets the attributes _init_module_attrs sets (minus __loader__/__spec__ objects, both None).
void init_module_attrs(DictObject* d, const std::string& name, const Spec& spec, const std::string& cached) {
  std::string parent = spec.is_package ? name : name.substr(0, name.rfind('.') == std::string::npos ? 0 : name.rfind('.'));
  dict_set_str(d, S("__doc__"), Value::none());
  dict_set_str(d, S("__loader__"), Value::none());
  dict_set_str(d, S("__package__"), str_value(parent));
  dict_set_str(d, S("__spec__"), Value::none());
  if (spec.is_package) dict_set_str(d, S("__path__"), list_of_strings(spec.search));
  if (spec.kind == Spec::Kind::kNamespace) {
    dict_set_str(d, S("__file__"), Value::none());
    return;
  }
  dict_set_str(d, S("__file__"), str_value(spec.origin));
  dict_set_str(d, S("__cached__"), str_value(cached));
  dict_set_str(d, S("__builtins__"), obj(g_builtins));
}

// Runs `code` in module `m` with m marked as initialising.
Value exec_module(Value m, std::shared_ptr<const CodeUnit> code) {
  CodeObject* co = code_from_unit(std::move(code));
  g_initializing.push_back(m.as_obj());
  Value r = vm_run_module(co, m.as<ModuleObject>()->dict);
  g_initializing.pop_back();
  return r;
}

// _load_unlocked: create the module, publish it in sys.modules, run it; unpublish on failure.
Value load_spec(const Spec& spec, const std::string& name) {
  std::string cached;
  std::shared_ptr<const CodeUnit> code;
  if (spec.kind != Spec::Kind::kNamespace) {
    code = spec_code(spec, name, &cached);
    if (!code) return Value::exc();
  }
  Value m = module_new(name);
  DictObject* d = m.as<ModuleObject>()->dict;
  init_module_attrs(d, name, spec, cached);
  StrObject* key = str_intern(name);
  if (dict_set_str(g_sys_modules, key, m) < 0) return Value::exc();
  if (code) {
    Value r = exec_module(m, code);
    if (r.is_exc()) {
      Value e = exc_fetch();
      if (!dict_get_str(g_sys_modules, key).is_null()) {
        if (dict_del(g_sys_modules, obj(key)) < 0) exc_fetch();
      }
      exc_restore(e);
      return Value::exc();
    }
  }
  // The module may have replaced itself in sys.modules; move it to the end as importlib does.
  Value final_m = dict_get_str(g_sys_modules, key);
  if (final_m.is_null()) return raise_fmt(exc::ImportError, "Loaded module {} not found in sys.modules", name);
  if (dict_del(g_sys_modules, obj(key)) < 0 || dict_set_str(g_sys_modules, key, final_m) < 0) return Value::exc();
  return final_m;
}

bool is_initializing(Value m) {
  return m.is_obj() && std::find(g_initializing.begin(), g_initializing.end(), m.as_obj()) != g_initializing.end();
}

Value find_and_load(const std::string& name);

// The native importlib package (install_importlib) takes its submodules from CPython's Lib/importlib.
// What CPython's importlib/__init__.py does after importing them is done here when they load:
// _bootstrap._setup(sys, _imp) gives the built-in modules their specs and loads _thread, _warnings
// and _weakref into _bootstrap; _bootstrap_external is linked to _bootstrap, and its MAGIC_NUMBER
// is chaipy's (as importlib.util.MAGIC_NUMBER), so that py_compile and SourceFileLoader write and
// read caches that chaipy's own loader accepts. Returns -1 with the exception raised.
int finish_importlib_submodule(const std::string& tail, Value m) {
  if (tail == "_bootstrap") {
    Value setup = getattr(m, S("_setup"));
    Value imp = setup.is_exc() ? setup : find_and_load("_imp");
    if (imp.is_exc()) return -1;
    return call2(setup, sys_module(), imp).is_exc() ? -1 : 0;
  }
  if (tail != "_bootstrap_external") return 0;
  Value bootstrap = find_and_load("importlib._bootstrap");
  if (bootstrap.is_exc()) return -1;
  Value link = getattr(m, S("_set_bootstrap_module"));
  if (link.is_exc() || call1(link, bootstrap).is_exc()) return -1;
  if (setattr(bootstrap, S("_bootstrap_external"), m) < 0) return -1;
  std::string magic = pyc::magic_bytes();
  if (setattr(m, S("MAGIC_NUMBER"), bytes_new(magic)) < 0) return -1;
  uint32_t raw = uint32_t(uint8_t(magic[0])) | uint32_t(uint8_t(magic[1])) << 8 | uint32_t(uint8_t(magic[2])) << 16 |
                 uint32_t(uint8_t(magic[3])) << 24;
  return setattr(m, S("_RAW_MAGIC_NUMBER"), Value::from_small_int(raw));
}

// _find_and_load: the module `name` (absolute), importing parents first.
Value find_and_load(const std::string& name) {
  StrObject* key = str_intern(name);
  Value m = dict_get_str(g_sys_modules, key);
  if (!m.is_null()) {
    if (m.is_none()) return raise_not_found(fmt::format("import of {} halted; None in sys.modules", name), name);
    return m;
  }
  Value path = Value::null();
  Value parent_module = Value::null();
  size_t dot = name.rfind('.');
  std::string parent = dot == std::string::npos ? "" : name.substr(0, dot);
  std::string tail = dot == std::string::npos ? name : name.substr(dot + 1);
  if (!parent.empty()) {
    StrObject* pkey = str_intern(parent);
    if (dict_get_str(g_sys_modules, pkey).is_null()) {
      if (find_and_load(parent).is_exc()) return Value::exc();
    }
    m = dict_get_str(g_sys_modules, key);  // importing the parent may have imported us
    if (!m.is_null()) return m;
    parent_module = dict_get_str(g_sys_modules, pkey);
    if (parent_module.is_null() || parent_module.is_none())
      return raise_not_found(fmt::format("No module named '{}'", name), name);
    path = getattr_opt(parent_module, S("__path__"));
    if (path.is_exc()) return path;
    if (path.is_null())
      return raise_not_found(fmt::format("No module named '{}'; '{}' is not a package", name, parent), name);
  } else {
    // Native modules come first, as CPython's BuiltinImporter precedes the path finder.
    m = import_create_builtin(name);
    if (m.is_exc()) return m;
    if (!m.is_null()) {
      dict_set_str(g_sys_modules, key, m);
      return m;
    }
    path = sys_attr("path");
    if (path.is_null()) return raise(exc::ImportError, "sys.path is not set");
  }
  Spec spec = find_spec(tail, path);
  if (spec.kind == Spec::Kind::kNone) return raise_not_found(fmt::format("No module named '{}'", name), name);
  m = load_spec(spec, name);
  if (m.is_exc()) return m;
  if (parent == "importlib" && finish_importlib_submodule(tail, m) < 0) return Value::exc();
  if (!parent_module.is_null()) {
    // setattr(parent, tail, module); CPython warns instead of failing here.
    if (setattr(parent_module, str_intern(tail), m) < 0) exc_fetch();
  }
  return m;
}

// _calc___package__
Value calc_package(DictObject* globals) {
  Value package = globals ? dict_get_str(globals, S("__package__")) : Value::null();
  if (!package.is_null() && !package.is_none()) {
    if (!is_str(package)) return raise(exc::TypeError, "package must be a string");
    return package;
  }
  Value spec = globals ? dict_get_str(globals, S("__spec__")) : Value::null();
  if (!spec.is_null() && !spec.is_none()) {
    Value parent = getattr_opt(spec, S("parent"));
    if (!parent.is_null()) return parent;
  }
  Value name = globals ? dict_get_str(globals, S("__name__")) : Value::null();
  if (name.is_null()) return raise(exc::KeyError, "'__name__' not in globals");
  if (!is_str(name)) return raise(exc::TypeError, "__name__ must be a string");
  if (dict_get_str(globals, S("__path__")).is_null()) {
    std::string_view n = as_str(name)->view();
    size_t dot = n.rfind('.');
    return str_value(dot == std::string_view::npos ? std::string_view() : n.substr(0, dot));
  }
  return name;
}

// _resolve_name + _sanity_check: the absolute module name, or exc.
Value resolve(std::string_view name, Value package, int64_t level, std::string* out) {
  if (level < 0) return raise(exc::ValueError, "level must be >= 0");
  if (level == 0) {
    if (name.empty()) return raise(exc::ValueError, "Empty module name");
    *out = std::string(name);
    return Value::none();
  }
  if (package.is_null() || package.is_none() || !is_str(package) || as_str(package)->view().empty())
    return raise_import_error(exc::ImportError, "attempted relative import with no known parent package",
                              Value::none());
  std::string pkg(as_str(package)->view());
  // rsplit('.', level - 1) → the base is what remains after dropping level-1 trailing parts.
  std::string base = pkg;
  for (int64_t i = 1; i < level; i++) {
    size_t dot = base.rfind('.');
    if (dot == std::string::npos)
      return raise_import_error(exc::ImportError, "attempted relative import beyond top-level package",
                                Value::none());
    base = base.substr(0, dot);
  }
  *out = name.empty() ? base : base + "." + std::string(name);
  return Value::none();
}

// _gcd_import(name, package, level)
Value gcd_import(std::string_view name, Value package, int64_t level) {
  std::string abs;
  if (resolve(name, package, level, &abs).is_exc()) return Value::exc();
  Value m = dict_get_str(g_sys_modules, str_intern(abs));
  if (!m.is_null() && !m.is_none()) return m;
  return find_and_load(abs);
}

// _handle_fromlist
Value handle_fromlist(Value module, Value fromlist, bool recursive) {
  Value it = get_iter(fromlist);
  if (it.is_exc()) return it;
  for (;;) {
    Value x = iter_next(it);
    if (x.is_exc()) return x;
    if (x.is_null()) break;
    if (!is_str(x)) {
      std::string where;
      if (recursive) {
        Value mn = getattr(module, S("__name__"));
        if (mn.is_exc()) return mn;
        where = str_utf8(mn) + ".__all__";
      } else {
        where = "``from list''";
      }
      return raise_fmt(exc::TypeError, "Item in {} must be str, not {}", where, type_name(x));
    }
    std::string_view xs = as_str(x)->view();
    if (xs == "*") {
      if (!recursive) {
        Value all = getattr_opt(module, S("__all__"));
        if (all.is_exc()) return all;
        if (!all.is_null() && handle_fromlist(module, all, true).is_exc()) return Value::exc();
      }
      continue;
    }
    Value has = getattr_opt(module, as_str(x));
    if (has.is_exc()) return has;
    if (!has.is_null()) continue;
    Value mn = getattr(module, S("__name__"));
    if (mn.is_exc()) return mn;
    std::string from_name = str_utf8(mn) + "." + std::string(xs);
    if (find_and_load(from_name).is_exc()) {
      if (!exc_matches(exc::ModuleNotFoundError)) return Value::exc();
      Value e = exc_fetch();
      Value en = getattr_opt(e, S("name"));
      if (en.is_exc()) exc_fetch();
      bool same = !en.is_null() && !en.is_exc() && is_str(en) && as_str(en)->view() == from_name;
      Value cur = dict_get_str(g_sys_modules, str_intern(from_name));
      if (same && (cur.is_null() || !cur.is_none())) continue;
      exc_restore(e);
      return Value::exc();
    }
  }
  return module;
}

bool fromlist_empty(Value fromlist) {
  if (fromlist.is_null() || fromlist.is_none()) return true;
  if (is_tuple(fromlist)) return fromlist.as<TupleObject>()->size == 0;
  if (is_list(fromlist)) return fromlist.as<ListObject>()->size == 0;
  int t = truthy(fromlist);
  if (t < 0) exc_fetch();
  return t == 0;
}

// -- Built-in functions: __import__, importlib ------------------------------------------------------
Value builtin_import(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"name", "globals", "locals", "fromlist", "level", nullptr};
  Value a[5];
  if (!parse_args("__import__", args, nargs, kwnames, names, 1, a)) return Value::exc();
  if (!is_str(a[0])) return raise_fmt(exc::TypeError, "__import__() argument 1 must be str, not {}", type_name(a[0]));
  DictObject* globals = (!a[1].is_null() && is_dict(a[1])) ? a[1].as<DictObject>() : nullptr;
  int64_t level = 0;
  if (!a[4].is_null() && !int_to_i64(a[4], &level)) return raise(exc::TypeError, "level must be an integer");
  Value fromlist = a[3].is_null() ? Value::none() : a[3];
  return import_name(as_str(a[0]), globals, fromlist, level);
}

Value importlib_import_module(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"name", "package", nullptr};
  Value a[2];
  if (!parse_args("import_module", args, nargs, kwnames, names, 1, a)) return Value::exc();
  if (!is_str(a[0])) return raise_fmt(exc::TypeError, "import_module() argument 'name' must be str, not {}", type_name(a[0]));
  std::string_view name = as_str(a[0])->view();
  Value package = a[1].is_null() ? Value::none() : a[1];
  int64_t level = 0;
  if (!name.empty() && name[0] == '.') {
    if (package.is_none())
      return raise_fmt(exc::TypeError,
                       "the 'package' argument is required to perform a relative import for {}", repr_utf8(a[0]));
    while (size_t(level) < name.size() && name[size_t(level)] == '.') level++;
  }
  return gcd_import(name.substr(size_t(level)), package, level);
}

Value importlib_invalidate_caches(Value*, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("invalidate_caches", kwnames) || !check_nargs("invalidate_caches", nargs, 0, 0))
    return Value::exc();
  return Value::none();
}

Value importlib_reload(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("reload", kwnames) || !check_nargs("reload", nargs, 1, 1)) return Value::exc();
  Value m = args[0];
  if (!isinstance_exact(m, types::module)) return raise(exc::TypeError, "reload() argument must be a module");
  Value nm = getattr(m, S("__name__"));
  if (nm.is_exc()) return nm;
  std::string name = str_utf8(nm);
  if (dict_get_str(g_sys_modules, str_intern(name)) != m)
    return raise_import_error(exc::ImportError, fmt::format("module {} not in sys.modules", name), nm);
  size_t dot = name.rfind('.');
  Value path = Value::null();
  if (dot != std::string::npos) {
    Value parent = dict_get_str(g_sys_modules, str_intern(name.substr(0, dot)));
    if (parent.is_null())
      return raise_import_error(exc::ImportError, fmt::format("parent '{}' not in sys.modules", name.substr(0, dot)),
                                str_value(name.substr(0, dot)));
    path = getattr(parent, S("__path__"));
    if (path.is_exc()) return path;
  } else {
    path = sys_attr("path");
  }
  Spec spec = find_spec(dot == std::string::npos ? name : name.substr(dot + 1), path);
  if (spec.kind == Spec::Kind::kNone) return raise_not_found(fmt::format("spec not found for the module '{}'", name), name);
  std::string cached;
  if (spec.kind == Spec::Kind::kNamespace) return m;
  auto code = spec_code(spec, name, &cached);
  if (!code) return Value::exc();
  DictObject* d = m.as<ModuleObject>()->dict;
  init_module_attrs(d, name, spec, cached);
  if (exec_module(m, code).is_exc()) return Value::exc();
  Value r = dict_get_str(g_sys_modules, str_intern(name));
  return r.is_null() ? m : r;
}

Value util_cache_from_source(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"path", "debug_override", "optimization", nullptr};
  Value a[3];
  if (!parse_args("cache_from_source", args, nargs, kwnames, names, 1, a)) return Value::exc();
  if (!is_str(a[0]))
    return raise_fmt(exc::TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(a[0]));
  std::string out = pyc::cache_from_source(std::string(as_str(a[0])->view()));
  if (!a[2].is_null() && !a[2].is_none()) {
    std::string opt = str_utf8(a[2]);
    if (!opt.empty()) out = out.substr(0, out.size() - 4) + ".opt-" + opt + ".pyc";
  }
  return str_value(out);
}

Value util_source_from_cache(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("source_from_cache", kwnames) || !check_nargs("source_from_cache", nargs, 1, 1))
    return Value::exc();
  if (!is_str(args[0]))
    return raise_fmt(exc::TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(args[0]));
  std::string err;
  auto r = pyc::source_from_cache(std::string(as_str(args[0])->view()), &err);
  if (!r) return raise(exc::ValueError, err);
  return str_value(*r);
}

Value util_find_spec_stub(Value* args, size_t nargs, TupleObject* kwnames) {
  // importlib.util.find_spec(name): None when the module cannot be found, else the module's
  // __spec__-less stand-in (True); enough for "is X importable" checks.
  if (!check_nargs("find_spec", nargs, 1, 2)) return Value::exc();
  if (!is_str(args[0])) return raise(exc::TypeError, "find_spec() argument must be str");
  std::string name(as_str(args[0])->view());
  if (!dict_get_str(g_sys_modules, str_intern(name)).is_null()) return Value::true_();
  size_t dot = name.rfind('.');
  Value path = Value::null();
  if (dot != std::string::npos) {
    Value parent = gcd_import(name.substr(0, dot), Value::none(), 0);
    if (parent.is_exc()) return parent;
    path = getattr_opt(parent, S("__path__"));
    if (path.is_exc()) return path;
    if (path.is_null()) return Value::none();
  } else {
    path = sys_attr("path");
  }
  Spec s = find_spec(dot == std::string::npos ? name : name.substr(dot + 1), path);
  return s.kind == Spec::Kind::kNone ? Value::none() : Value::true_();
}

// importlib.machinery.all_suffixes(): the suffixes chaipy imports from (no extension modules).
Value machinery_all_suffixes(Value*, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("all_suffixes", kwnames) || !check_nargs("all_suffixes", nargs, 0, 0)) return Value::exc();
  ListObject* l = list_new(0);
  list_append(l, str_value(".py"));
  list_append(l, str_value(".pyc"));
  return obj(l);
}

// PEP 562 __getattr__ of the native importlib.machinery / importlib.util: the classes and functions
// they re-export from CPython's importlib._bootstrap / _bootstrap_external, imported on first use so
// that start-up runs no Python.
struct Reexport {
  const char* name;
  const char* from;  // the importlib submodule that defines it
};
constexpr Reexport kMachineryNames[] = {
    {"ModuleSpec", "importlib._bootstrap"},          {"BuiltinImporter", "importlib._bootstrap"},
    {"FrozenImporter", "importlib._bootstrap"},      {"WindowsRegistryFinder", "importlib._bootstrap_external"},
    {"PathFinder", "importlib._bootstrap_external"}, {"FileFinder", "importlib._bootstrap_external"},
    {"SourceLoader", "importlib._bootstrap_external"}, {"SourceFileLoader", "importlib._bootstrap_external"},
    {"SourcelessFileLoader", "importlib._bootstrap_external"}, {"ExtensionFileLoader", "importlib._bootstrap_external"},
    {"NamespaceLoader", "importlib._bootstrap_external"},
};
constexpr Reexport kUtilNames[] = {
    {"module_from_spec", "importlib._bootstrap"},    {"spec_from_loader", "importlib._bootstrap"},
    {"_resolve_name", "importlib._bootstrap"},       {"_find_spec", "importlib._bootstrap"},
    {"decode_source", "importlib._bootstrap_external"}, {"spec_from_file_location", "importlib._bootstrap_external"},
    {"_RAW_MAGIC_NUMBER", "importlib._bootstrap_external"},
};

template <const Reexport* kTable, size_t kCount, const char* kModule>
Value reexport_getattr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("__getattr__", kwnames) || !check_nargs("__getattr__", nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(args[0]));
  std::string_view n = as_str(args[0])->view();
  for (size_t i = 0; i < kCount; i++) {
    if (n != kTable[i].name) continue;
    Value from = find_and_load(kTable[i].from);
    return from.is_exc() ? from : getattr(from, as_str(args[0]));
  }
  return raise_fmt(exc::AttributeError, "module '{}' has no attribute '{}'", kModule, n);
}
constexpr char kMachineryName[] = "importlib.machinery", kUtilName[] = "importlib.util";

void install_importlib() {
  Value importlib = module_new("importlib");
  DictObject* d = importlib.as<ModuleObject>()->dict;
  dict_set_str(d, S("__package__"), str_value("importlib"));
  ListObject* path = list_new(0);  // its submodules (_bootstrap, abc, resources, ...) are CPython's
  if (!stdlib_dir().empty()) list_append(path, str_value(stdlib_dir() + "/importlib"));
  dict_set_str(d, S("__path__"), obj(path));
  dict_set_str(d, S("__doc__"), Value::none());
  dict_set_str(d, S("__spec__"), Value::none());
  module_add_functions(d, {{"import_module", importlib_import_module},
                           {"invalidate_caches", importlib_invalidate_caches},
                           {"reload", importlib_reload}});
  Value util = module_new("importlib.util");
  DictObject* ud = util.as<ModuleObject>()->dict;
  dict_set_str(ud, S("__package__"), str_value("importlib"));
  dict_set_str(ud, S("__doc__"), Value::none());
  dict_set_str(ud, S("__spec__"), Value::none());
  module_add_functions(ud, {{"cache_from_source", util_cache_from_source},
                            {"source_from_cache", util_source_from_cache},
                            {"find_spec", util_find_spec_stub},
                            {"__getattr__", reexport_getattr<kUtilNames, std::size(kUtilNames), kUtilName>}});
  dict_set_str(ud, S("MAGIC_NUMBER"), bytes_new(pyc::magic_bytes()));
  dict_set_str(d, S("util"), util);
  // importlib.machinery: the suffix tables inspect and pkgutil read (chaipy loads no extension modules).
  Value mach = module_new("importlib.machinery");
  DictObject* md = mach.as<ModuleObject>()->dict;
  dict_set_str(md, S("__package__"), str_value("importlib"));
  dict_set_str(md, S("__doc__"), Value::none());
  dict_set_str(md, S("__spec__"), Value::none());
  auto one = [](const char* s) {
    ListObject* l = list_new(0);
    if (s) list_append(l, str_value(s));
    return obj(l);
  };
  dict_set_str(md, S("SOURCE_SUFFIXES"), one(".py"));
  dict_set_str(md, S("BYTECODE_SUFFIXES"), one(".pyc"));
  dict_set_str(md, S("DEBUG_BYTECODE_SUFFIXES"), one(".pyc"));
  dict_set_str(md, S("OPTIMIZED_BYTECODE_SUFFIXES"), one(".pyc"));
  dict_set_str(md, S("EXTENSION_SUFFIXES"), one(nullptr));
  module_add_functions(md, {{"all_suffixes", machinery_all_suffixes},
                            {"__getattr__", reexport_getattr<kMachineryNames, std::size(kMachineryNames), kMachineryName>}});
  dict_set_str(d, S("machinery"), mach);
  dict_set_str(g_sys_modules, S("importlib.machinery"), mach);
  dict_set_str(g_sys_modules, S("importlib"), importlib);
  dict_set_str(g_sys_modules, S("importlib.util"), util);
}

void ensure_ready() {
  if (g_import_ready) return;
  g_import_ready = true;
  install_importlib();
  if (dict_get_str(g_builtins, S("__import__")).is_null())
    module_add_functions(g_builtins, {{"__import__", builtin_import}});
  Value sys = sys_module();
  if (!sys.is_null()) {
    DictObject* sd = sys.as<ModuleObject>()->dict;
    dict_set_str(sd, S("dont_write_bytecode"), Value::from_bool(pyc::config().dont_write_bytecode));
    dict_set_str(sd, S("pycache_prefix"), pyc::config().prefix.empty() ? Value::none() : str_value(pyc::config().prefix));
  }
}

}  // namespace

// -- Entry points -------------------------------------------------------------------------------------
Value import_name(StrObject* name, DictObject* globals, Value fromlist, int64_t level) {
  ensure_ready();
  Value package = Value::none();
  if (level > 0) {
    package = calc_package(globals);
    if (package.is_exc()) return package;
  }
  std::string_view n = name->view();
  Value module = gcd_import(n, package, level);
  if (module.is_exc()) return module;
  if (fromlist_empty(fromlist)) {
    if (level == 0) {
      size_t dot = n.find('.');
      if (dot == std::string_view::npos) return module;
      return gcd_import(n.substr(0, dot), Value::none(), 0);
    }
    if (n.empty()) return module;
    // The package at the top of the relative name: cut the rest of `name` off module.__name__.
    size_t dot = n.find('.');
    size_t cut = dot == std::string_view::npos ? 0 : n.size() - dot;
    Value mn = getattr(module, S("__name__"));
    if (mn.is_exc()) return mn;
    std::string full = str_utf8(mn);
    std::string top = full.substr(0, full.size() - cut);
    Value m = dict_get_str(g_sys_modules, str_intern(top));
    if (m.is_null()) return raise_key_error(str_value(top));
    return m;
  }
  Value path = getattr_opt(module, S("__path__"));
  if (path.is_exc()) return path;
  if (path.is_null()) return module;
  return handle_fromlist(module, fromlist, false);
}

Value import_from(Value module, StrObject* name) {
  Value v = getattr_opt(module, name);
  if (!v.is_null()) return v;
  Value pkgname = getattr_opt(module, S("__name__"));
  if (pkgname.is_exc()) {
    exc_fetch();
    pkgname = Value::null();
  }
  if (!pkgname.is_null() && is_str(pkgname)) {
    std::string full = std::string(as_str(pkgname)->view()) + "." + std::string(name->view());
    Value m = dict_get_str(g_sys_modules, str_intern(full));
    if (!m.is_null()) return m;
  } else {
    pkgname = Value::null();
  }
  std::string pkg = pkgname.is_null() ? "<unknown module name>" : std::string(as_str(pkgname)->view());
  Value path = Value::null();
  if (isinstance_exact(module, types::module)) {
    path = dict_get_str(module.as<ModuleObject>()->dict, S("__file__"));
    if (!path.is_null() && !is_str(path)) path = Value::null();
  }
  std::string quoted_name = repr_utf8(obj(name)), quoted_pkg = repr_utf8(str_value(pkg));
  Value name_attr = pkgname.is_null() ? str_value(pkg) : pkgname;
  if (path.is_null())
    return raise_import_error(exc::ImportError,
                              fmt::format("cannot import name {} from {} (unknown location)", quoted_name, quoted_pkg),
                              name_attr);
  std::string p(as_str(path)->view());
  if (is_initializing(module))
    return raise_import_error(
        exc::ImportError,
        fmt::format("cannot import name {} from partially initialized module {} (most likely due to a circular import) ({})",
                    quoted_name, quoted_pkg, p),
        name_attr, path);
  return raise_import_error(exc::ImportError, fmt::format("cannot import name {} from {} ({})", quoted_name, quoted_pkg, p),
                            name_attr, path);
}

Value import_create_builtin(std::string_view name) {
  ModuleFactory make = builtin_module_factory(name);
  if (!make) return Value::null();
  Value m = make();
  if (m.is_exc()) return m;
  DictObject* d = m.as<ModuleObject>()->dict;
  if (dict_get_str(d, S("__doc__")).is_null()) dict_set_str(d, S("__doc__"), Value::none());
  dict_set_str(d, S("__package__"), str_value(""));
  dict_set_str(d, S("__loader__"), Value::none());
  dict_set_str(d, S("__spec__"), Value::none());
  return m;
}

bool import_is_initializing(Value module) { return is_initializing(module); }

const std::string& stdlib_dir() {
  static const std::string dir = [] {
    std::string d;
    if (const char* e = std::getenv("CHAIPY_STDLIB_DIR"); e && *e) d = e;
#ifdef CHAIPY_STDLIB_DIR
    else d = CHAIPY_STDLIB_DIR;
#endif
    if (!d.empty()) d = absolute(d);
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    return d;
  }();
  return dir;
}

void import_init_path(std::string_view script_dir) {
  ensure_ready();
  Value sys = sys_module();
  if (sys.is_null()) return;
  // sys.path = [script dir, *PYTHONPATH, stdlib dir] (CPython's order; lib-dynload's C
  // extensions are never loaded, so it is not listed).
  ListObject* l = list_new(0);
  list_append(l, str_value(script_dir));
  if (const char* pp = std::getenv("PYTHONPATH"); pp && *pp) {
    std::string_view s(pp);
    while (true) {
      size_t colon = s.find(':');
      std::string_view part = s.substr(0, colon);
      if (!part.empty()) list_append(l, str_value(part));
      if (colon == std::string_view::npos) break;
      s = s.substr(colon + 1);
    }
  }
  const std::string& lib = stdlib_dir();
  if (!lib.empty()) list_append(l, str_value(lib));
  dict_set_str(sys.as<ModuleObject>()->dict, S("path"), obj(l));
  // Caches of sources the package manager owns go under the per-user cache root.
  pyc::Config& c = pyc::config();
  if (!lib.empty()) c.system_dirs.push_back(lib);
  c.system_dirs.push_back("/usr/lib/python3");  // Debian's dist-packages
}

Value import_run_main(std::string_view modname) {
  ensure_ready();
  std::string name(modname);
  // runpy._get_module_details: import the parent package, find the module; a package runs its
  // __main__ submodule.
  for (int depth = 0; depth < 2; depth++) {
    size_t dot = name.rfind('.');
    Value path = Value::null();
    if (dot != std::string::npos) {
      Value parent = gcd_import(name.substr(0, dot), Value::none(), 0);
      if (parent.is_exc()) return parent;
      path = getattr_opt(parent, S("__path__"));
      if (path.is_exc()) return path;
      if (path.is_null())
        return raise_not_found(fmt::format("No module named '{}'; '{}' is not a package", name, name.substr(0, dot)), name);
    } else {
      path = sys_attr("path");
    }
    Spec spec = find_spec(dot == std::string::npos ? name : name.substr(dot + 1), path);
    if (spec.kind == Spec::Kind::kNone) {
      if (depth == 1)
        return raise_not_found(fmt::format("No module named {}; '{}' is a package and cannot be directly executed",
                                           name, std::string(modname)), name);
      return raise_not_found(fmt::format("No module named {}", name), name);
    }
    if (spec.is_package) {
      if (depth == 1) return raise(exc::ImportError, fmt::format("Cannot use package as __main__ module"));
      // Import the package itself first (runpy does), then run pkg.__main__.
      if (gcd_import(name, Value::none(), 0).is_exc()) return Value::exc();
      name += ".__main__";
      continue;
    }
    std::string cached;
    auto code = spec_code(spec, name, &cached);
    if (!code) return Value::exc();
    Value m = module_new("__main__");
    DictObject* d = m.as<ModuleObject>()->dict;
    init_module_attrs(d, name, spec, cached);
    dict_set_str(d, S("__builtins__"), dict_get_str(g_sys_modules, S("builtins")));
    dict_set_str(g_sys_modules, S("__main__"), m);
    Value argv = sys_attr("argv");
    if (!argv.is_null() && is_list(argv) && argv.as<ListObject>()->size > 0)
      argv.as<ListObject>()->items[0] = str_value(spec.origin);
    return vm_run_module(code_from_unit(code), d);
  }
  return raise(exc::ImportError, "Cannot use package as __main__ module");
}

// SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)) of the right subclass.
Value raise_syntax_error(const SyntaxErrorInfo& info, std::string_view source) {
  Value type = dict_get_str(g_builtins, S(info.type.c_str()));
  TypeObject* t = (!type.is_null() && type_of(type) == types::type) ? type.as<TypeObject>() : exc::SyntaxError;
  // The compiler's RecursionError and the parser's MemoryError carry no location.
  if (!is_subtype(t, exc::SyntaxError)) return info.msg.empty() ? raise_value(obj(t)) : raise(t, info.msg);
  if (info.lineno < 0) return raise(t, info.msg);
  std::string text = info.text;
  // CPython keeps the line's newline in .text when the source has one.
  if (!text.empty() && info.lineno > 0) {
    size_t pos = 0;
    for (int l = 1; l < info.lineno && pos != std::string_view::npos; l++) {
      pos = source.find('\n', pos);
      if (pos != std::string_view::npos) pos++;
    }
    if (pos != std::string_view::npos && source.find('\n', pos) != std::string_view::npos) text += "\n";
  }
  Value loc = tuple_pack({str_value(info.filename), int_from_i64(info.lineno), int_from_i64(info.offset),
                          text.empty() ? Value::none() : str_value(text), int_from_i64(info.end_lineno),
                          int_from_i64(info.end_offset)});
  TupleObject* args = tuple_new(2);
  args->items[0] = str_value(info.msg);
  args->items[1] = loc;
  Value e = exception_new(t, args);
  if (e.is_exc()) return e;
  return raise_value(e);
}

}  // namespace chaipy
