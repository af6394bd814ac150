// interp/modules/grp.cpp — the grp module: the group database (getgrgid, getgrnam, getgrall) as
// grp.struct_group, with CPython's KeyError messages.
#include <grp.h>

#include <cerrno>
#include <string>
#include <vector>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

TypeObject* g_struct_group;

Value group_value(const group& g) {
  ListObject* mem = list_new(0);
  for (char** m = g.gr_mem; m && *m; m++) list_append(mem, fs_decode(*m));
  return struct_seq_new(g_struct_group, {fs_decode(g.gr_name), fs_decode(g.gr_passwd ? g.gr_passwd : ""),
                                         int_from_i64(g.gr_gid), obj(mem)});
}

Value key_error(std::string msg) {
  TupleObject* a = tuple_new(1);
  a->items[0] = str_value(msg);
  return raise_value(exception_new(exc::KeyError, a));
}

Value grp_getgrgid(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"id", nullptr};
  Value a[1];
  if (!parse_args("getgrgid", args, nargs, kw, names, 1, a)) return Value::exc();
  if (!is_int(a[0])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(a[0]));
  int64_t gid;
  if (!int_get_i64(a[0], &gid) || gid < -1 || gid > int64_t(UINT32_MAX))
    return key_error("getgrgid(): gid not found");
  std::vector<char> buf(65536);
  group g, *res = nullptr;
  if (::getgrgid_r(gid_t(gid), &g, buf.data(), buf.size(), &res) != 0 || !res)
    return key_error(fmt::format("getgrgid(): gid not found: {}", gid));
  return group_value(g);
}

Value grp_getgrnam(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"name", nullptr};
  Value a[1];
  if (!parse_args("getgrnam", args, nargs, kw, names, 1, a)) return Value::exc();
  if (!is_str(a[0])) return raise_fmt(exc::TypeError, "getgrnam() argument 'name' must be str, not {}", type_name(a[0]));
  std::string name;
  if (!fs_encode(as_str(a[0]), &name)) return Value::exc();
  if (name.find('\0') != std::string::npos) return raise(exc::ValueError, "embedded null character");
  std::vector<char> buf(65536);
  group g, *res = nullptr;
  if (::getgrnam_r(name.c_str(), &g, buf.data(), buf.size(), &res) != 0 || !res)
    return key_error(fmt::format("getgrnam(): name not found: {}", repr_utf8(a[0])));
  return group_value(g);
}

Value grp_getgrall(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getgrall", kw) || !check_nargs("getgrall", nargs, 0, 0)) return Value::exc();
  ListObject* l = list_new(0);
  ::setgrent();
  while (group* g = ::getgrent()) list_append(l, group_value(*g));
  ::endgrent();
  return obj(l);
}

}  // namespace

Value make_grp_module() {
  if (!g_struct_group) {
    g_struct_group = make_struct_seq_type("grp", "struct_group", {"gr_name", "gr_passwd", "gr_gid", "gr_mem"});
    gc::add_root(&g_struct_group);
  }
  Value m = module_new("grp");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"getgrgid", grp_getgrgid}, {"getgrnam", grp_getgrnam}, {"getgrall", grp_getgrall}});
  dict_set_str(d, str_intern("struct_group"), obj(g_struct_group));
  return m;
}

}  // namespace chaipy
