// interp/modules/_imp.cpp — the _imp module, the part of CPython's import machinery that
// importlib and test.support.import_helper reach directly: which modules are built in or frozen
// (none are frozen) and creating them for importlib's BuiltinImporter, extension suffixes (chaipy loads no extension modules), the import lock
// (one thread, so it is never contended) and the hash-based-pyc setting.
#include <algorithm>
#include <string_view>

#include "interp/modules/modules.h"
#include "interp/runtime.h"

namespace chaipy {
namespace {

bool name_arg(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 1, 1)) return false;
  if (is_str(args[0])) return true;
  raise_fmt(exc::TypeError, "{}() argument must be str, not {}", fname, type_name(args[0]));
  return false;
}

Value imp_is_builtin(Value* args, size_t nargs, TupleObject* kw) {
  if (!name_arg("is_builtin", args, nargs, kw)) return Value::exc();
  std::string_view n = as_str(args[0])->view();
  bool found = n == "builtins" || n == "sys";
#define MODULE(pyname, cname) found = found || n == pyname;
#include "interp/modules/modules.def"
#undef MODULE
  return Value::from_small_int(found ? 1 : 0);  // CPython: -1 for modules that cannot be re-initialised
}

Value imp_is_frozen(Value* args, size_t nargs, TupleObject* kw) {
  if (!name_arg("is_frozen", args, nargs, kw)) return Value::exc();
  return Value::false_();
}

Value imp_extension_suffixes(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("extension_suffixes", kw) || !check_nargs("extension_suffixes", nargs, 0, 0)) return Value::exc();
  return obj(list_new(0));
}

Value imp_lock_held(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("lock_held", kw) || !check_nargs("lock_held", nargs, 0, 0)) return Value::exc();
  return Value::false_();
}

template <const char* kName>
Value imp_lock_noop(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs(kName, kw) || !check_nargs(kName, nargs, 0, 0)) return Value::exc();
  return Value::none();
}
constexpr char kAcquire[] = "acquire_lock", kRelease[] = "release_lock";

// create_builtin(spec): a new native module for spec.name (None if there is none); one that is
// already imported is returned as it is (CPython re-uses a single-phase module's state likewise).
Value imp_create_builtin(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("create_builtin", kw) || !check_nargs("create_builtin", nargs, 1, 1)) return Value::exc();
  Value name = getattr(args[0], str_intern("name"));
  if (name.is_exc()) return name;
  if (!is_str(name)) return raise_fmt(exc::TypeError, "name must be string, not {}", type_name(name));
  Value existing = dict_get_str(g_sys_modules, as_str(name));
  std::string_view n = as_str(name)->view();
  if (!existing.is_null() && (n == "sys" || n == "builtins" || builtin_module_factory(n))) return existing;
  Value m = import_create_builtin(n);
  return m.is_null() ? Value::none() : m;
}

// exec_builtin(mod): native modules are complete when created (single-phase init).
Value imp_exec_builtin(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("exec_builtin", kw) || !check_nargs("exec_builtin", nargs, 1, 1)) return Value::exc();
  return Value::from_small_int(0);
}

// _override_frozen_modules_for_tests(override): nothing is frozen, so there is nothing to override.
Value imp_override_frozen(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_override_frozen_modules_for_tests", kw) ||
      !check_nargs("_override_frozen_modules_for_tests", nargs, 1, 1))
    return Value::exc();
  if (!is_int(args[0]))
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[0]));
  return Value::none();
}

}  // namespace

Value make__imp_module() {
  Value m = module_new("_imp");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"is_builtin", imp_is_builtin},
                           {"is_frozen", imp_is_frozen},
                           {"create_builtin", imp_create_builtin},
                           {"exec_builtin", imp_exec_builtin},
                           {"extension_suffixes", imp_extension_suffixes},
                           {"lock_held", imp_lock_held},
                           {"acquire_lock", imp_lock_noop<kAcquire>},
                           {"release_lock", imp_lock_noop<kRelease>},
                           {"_override_frozen_modules_for_tests", imp_override_frozen}});
  dict_set_str(d, str_intern("check_hash_based_pycs"), str_value("default"));
  return m;
}

}  // namespace chaipy
