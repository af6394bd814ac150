// interp/modules/marshal.cpp — the marshal module over chaipy's code-object format (pycache/marshal):
// dumps/loads/dump/load of code objects, which is what importlib._bootstrap_external and
// py_compile use it for (their pyc files are then chaipy's, loadable by chaipy's import). CPython's
// marshal also serialises plain data (int, str, tuple, dict, ...) in its own byte format; chaipy's
// does not yet: those values raise ValueError("unmarshallable object").
#include "interp/runtime.h"
#include "interp/vm.h"
#include "pycache/marshal.h"

namespace chaipy {
namespace {

constexpr int kVersion = 4;  // CPython 3.11's marshal.version

Value marshal_dumps_value(Value v) {
  if (!isinstance_exact(v, types::code)) return raise(exc::ValueError, "unmarshallable object");
  return bytes_new(pyc::marshal_dump(v.as<CodeObject>()->u()));
}

Value marshal_loads_bytes(Value data) {
  BufferView view;
  if (!get_buffer_contiguous(data, &view)) return Value::exc();
  if (view.len == 0) {
    release_buffer(&view);
    return raise(exc::EOFError, "EOF read where object expected");
  }
  pyc::MarshalResult r = pyc::marshal_load(std::string_view(view.buf, size_t(view.len)));
  release_buffer(&view);
  if (!r.code) return raise_fmt(exc::ValueError, "bad marshal data ({})", r.error);
  return obj(code_from_unit(r.code));
}

bool version_arg(Value v) {
  if (v.is_null() || is_int(v)) return true;
  raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
  return false;
}

Value marshal_dumps(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("dumps", kw) || !check_nargs("dumps", nargs, 1, 2)) return Value::exc();
  if (!version_arg(nargs > 1 ? args[1] : Value::null())) return Value::exc();
  return marshal_dumps_value(args[0]);
}

Value marshal_loads(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("loads", kw) || !check_nargs("loads", nargs, 1, 1)) return Value::exc();
  return marshal_loads_bytes(args[0]);
}

Value marshal_dump_fn(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("dump", kw) || !check_nargs("dump", nargs, 2, 3)) return Value::exc();
  if (!version_arg(nargs > 2 ? args[2] : Value::null())) return Value::exc();
  Value data = marshal_dumps_value(args[0]);
  if (data.is_exc()) return data;
  Value r = call_method(args[1], str_intern("write"), &data, 1);
  return r.is_exc() ? r : Value::none();
}

Value marshal_load_fn(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("load", kw) || !check_nargs("load", nargs, 1, 1)) return Value::exc();
  Value data = call_method(args[0], str_intern("read"), nullptr, 0);
  if (data.is_exc()) return data;
  return marshal_loads_bytes(data);
}

}  // namespace

Value make_marshal_module() {
  Value m = module_new("marshal");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"dumps", marshal_dumps}, {"loads", marshal_loads},
                           {"dump", marshal_dump_fn}, {"load", marshal_load_fn}});
  dict_set_str(d, str_intern("version"), Value::from_small_int(kVersion));
  return m;
}

}  // namespace chaipy
