// interp/modules/_warnings.cpp — the _warnings module: warn and warn_explicit, the entry points
// importlib._bootstrap and native code reach directly. Both run warnings.py's pure-Python
// implementation (imported on first use); _warnings exports no `filters`, so warnings.py keeps its
// own Python filter list, as it does when CPython is built without the C accelerator. A native
// call pushes no Python frame, so warn's stacklevel counts the same frames as warnings.warn.
#include "interp/runtime.h"

namespace chaipy {
namespace {

// warnings.<name>(*args) with the arguments parse_args collected (null = left at its default).
Value forward(const char* name, const Value* a, size_t n) {
  Value warnings = import_name(str_intern("warnings"), nullptr, Value::none(), 0);
  if (warnings.is_exc()) return warnings;
  Value f = getattr(warnings, str_intern(name));
  if (f.is_exc()) return f;
  static const char* const kNames[2][8] = {
      {"message", "category", "stacklevel", "source"},
      {"message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"}};
  const char* const* names = kNames[std::string_view(name) == "warn" ? 0 : 1];
  Value args[8];
  size_t nargs = 0;
  for (size_t i = 0; i < n; i++)
    if (!a[i].is_null()) nargs++;
  TupleObject* kwnames = tuple_new(nargs);  // every argument by keyword: both signatures accept it
  nargs = 0;
  for (size_t i = 0; i < n; i++) {
    if (a[i].is_null()) continue;
    kwnames->items[nargs] = str_value(names[i]);
    args[nargs++] = a[i];
  }
  return call(f, args, nargs, kwnames);  // nargs counts the keyword values
}

Value warnings_warn(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"message", "category", "stacklevel", "source", nullptr};
  Value a[4];
  if (!parse_args("warn", args, nargs, kwnames, names, 1, a)) return Value::exc();
  return forward("warn", a, 4);
}

Value warnings_warn_explicit(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"message", "category", "filename", "lineno", "module",
                                      "registry", "module_globals", "source", nullptr};
  Value a[8];
  if (!parse_args("warn_explicit", args, nargs, kwnames, names, 4, a)) return Value::exc();
  return forward("warn_explicit", a, 8);
}

}  // namespace

Value make__warnings_module() {
  Value m = module_new("_warnings");
  module_add_functions(m.as<ModuleObject>()->dict,
                       {{"warn", warnings_warn}, {"warn_explicit", warnings_warn_explicit}});
  return m;
}

}  // namespace chaipy
