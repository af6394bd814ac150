// interp/modules/_ast.cpp — the _ast module: the AST node classes of ast_nodes.def (so `ast`,
// `inspect` and `dataclasses` import), with CPython's constructor (positional arguments fill
// _fields in order, keywords set attributes), `_fields`, `_attributes`, `__match_args__`, optional
// fields defaulting to None, and the PyCF_* compile flags. compile(..., PyCF_ONLY_AST) is not
// implemented: chaipy's parser does not produce these objects yet.
#include <sstream>

#include "interp/modules/modules.h"
#include "interp/runtime.h"

namespace chaipy {
namespace {

TupleObject* name_tuple(const char* words) {
  std::vector<Value> names;
  std::istringstream in(words);
  std::string w;
  while (in >> w) names.push_back(obj(str_intern(w)));
  TupleObject* t = tuple_new(names.size());
  for (size_t i = 0; i < names.size(); i++) t->items[i] = names[i];
  return t;
}

// AST.__init__(self, *args, **kwargs)
Value ast_init(Value* args, size_t nargs, TupleObject* kw) {
  size_t nk = kw ? kw->size : 0;
  if (nargs - nk < 1) return raise(exc::TypeError, "descriptor '__init__' of '_ast.AST' object needs an argument");
  Value self = args[0];
  size_t npos = nargs - nk - 1;
  if (npos) {
    Value fields = getattr(obj(type_of(self)), str_intern("_fields"));
    if (fields.is_exc()) return fields;
    Value ft = to_tuple(fields);
    if (ft.is_exc()) return ft;
    auto* f = ft.as<TupleObject>();
    if (npos > f->size)
      return raise_fmt(exc::TypeError, "{} constructor takes at most {} positional argument{}", type_of(self)->name->view(),
                       f->size, f->size == 1 ? "" : "s");
    for (size_t i = 0; i < npos; i++) {
      if (!is_str(f->items[i])) return raise(exc::TypeError, "_fields must contain strings");
      if (setattr(self, as_str(f->items[i]), args[1 + i]) < 0) return Value::exc();
    }
  }
  for (size_t i = 0; i < nk; i++)
    if (setattr(self, as_str(kw->items[i]), args[nargs - nk + i]) < 0) return Value::exc();
  return Value::none();
}

// AST.__reduce__: (type(self), (), self.__dict__)
Value ast_reduce(Value* args, size_t nargs, TupleObject* kw) {
  Value d = getattr_opt(args[0], str_intern("__dict__"));
  if (d.is_exc()) return d;
  if (d.is_null()) return tuple_pack({obj(type_of(args[0])), obj(tuple_new(0))});
  return tuple_pack({obj(type_of(args[0])), obj(tuple_new(0)), d});
}

Value make_class(const char* name, Value base, const char* fields, const char* attributes, const char* optional,
                 bool own_attributes) {
  DictObject* ns = dict_new();
  dict_set_str(ns, str_intern("__module__"), str_value("ast"));
  TupleObject* f = name_tuple(fields);
  dict_set_str(ns, str_intern("_fields"), obj(f));
  dict_set_str(ns, str_intern("__match_args__"), obj(f));
  if (own_attributes) dict_set_str(ns, str_intern("_attributes"), obj(name_tuple(attributes)));
  TupleObject* opt = name_tuple(optional);
  for (uint64_t i = 0; i < opt->size; i++) dict_set_str(ns, as_str(opt->items[i]), Value::none());
  Value a[3] = {str_value(name), tuple_pack({base}), obj(ns)};
  return call(obj(types::type), a, 3);
}

}  // namespace

Value make__ast_module() {
  Value m = module_new("_ast");
  DictObject* d = m.as<ModuleObject>()->dict;
  Value ast = make_class("AST", obj(types::object), "", "", "", true);
  if (ast.is_exc()) return ast;
  DictObject* ad = ast.as<TypeObject>()->dict;
  dict_set_str(ad, str_intern("__init__"), native_function_new("__init__", ast_init, ast.as<TypeObject>()));
  dict_set_str(ad, str_intern("__reduce__"), native_function_new("__reduce__", ast_reduce, ast.as<TypeObject>()));
  dict_set_str(d, str_intern("AST"), ast);
#define ASTNODE(name, base, fields, attributes, optional)                                                    \
  {                                                                                                          \
    Value c = make_class(#name, dict_get_str(d, str_intern(#base)), fields, attributes, optional,           \
                         std::string_view(#base) == "AST" || attributes[0]);                                            \
    if (c.is_exc()) return c;                                                                                \
    dict_set_str(d, str_intern(#name), c);                                                                   \
  }
#include "interp/modules/ast_nodes.def"
#undef ASTNODE
  dict_set_str(d, str_intern("PyCF_ONLY_AST"), Value::from_small_int(1024));
  dict_set_str(d, str_intern("PyCF_TYPE_COMMENTS"), Value::from_small_int(4096));
  dict_set_str(d, str_intern("PyCF_ALLOW_TOP_LEVEL_AWAIT"), Value::from_small_int(8192));
  return m;
}

}  // namespace chaipy
