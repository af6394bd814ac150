// interp/modules/pwd.cpp — the pwd module: the password database (getpwuid, getpwnam, getpwall)
// as pwd.struct_passwd, with CPython's KeyError messages.
#include <pwd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

TypeObject* g_struct_passwd;

Value passwd_value(const passwd& p) {
  return struct_seq_new(g_struct_passwd, {fs_decode(p.pw_name), fs_decode(p.pw_passwd ? p.pw_passwd : ""),
                                          int_from_i64(p.pw_uid), int_from_i64(p.pw_gid),
                                          fs_decode(p.pw_gecos ? p.pw_gecos : ""), fs_decode(p.pw_dir),
                                          fs_decode(p.pw_shell)});
}

Value pwd_getpwuid(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getpwuid", kw) || !check_nargs("getpwuid", nargs, 1, 1)) return Value::exc();
  int64_t uid;
  if (!is_int(args[0]))
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[0]));
  if (!int_get_i64(args[0], &uid) || uid < -1 || uid > int64_t(UINT32_MAX))
    return raise_fmt(exc::KeyError, "getpwuid(): uid not found");
  std::vector<char> buf(16384);
  passwd p, *res = nullptr;
  int r = ::getpwuid_r(uid_t(uid), &p, buf.data(), buf.size(), &res);
  if (r != 0 || !res) {
    TupleObject* a = tuple_new(1);
    a->items[0] = str_value(fmt::format("getpwuid(): uid not found: {}", uid));
    return raise_value(exception_new(exc::KeyError, a));
  }
  return passwd_value(p);
}

Value pwd_getpwnam(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getpwnam", kw) || !check_nargs("getpwnam", nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "getpwnam() argument must be str, not {}", type_name(args[0]));
  std::string name;
  if (!fs_encode(as_str(args[0]), &name)) return Value::exc();
  if (name.find('\0') != std::string::npos) return raise(exc::ValueError, "embedded null character");
  std::vector<char> buf(16384);
  passwd p, *res = nullptr;
  int r = ::getpwnam_r(name.c_str(), &p, buf.data(), buf.size(), &res);
  if (r != 0 || !res) {
    TupleObject* a = tuple_new(1);
    a->items[0] = str_value(fmt::format("getpwnam(): name not found: {}", repr_utf8(args[0])));
    return raise_value(exception_new(exc::KeyError, a));
  }
  return passwd_value(p);
}

Value pwd_getpwall(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getpwall", kw) || !check_nargs("getpwall", nargs, 0, 0)) return Value::exc();
  ListObject* l = list_new(0);
  ::setpwent();
  while (passwd* p = ::getpwent()) list_append(l, passwd_value(*p));
  ::endpwent();
  return obj(l);
}

}  // namespace

Value make_pwd_module() {
  if (!g_struct_passwd) {
    g_struct_passwd = make_struct_seq_type("pwd", "struct_passwd",
                                           {"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"});
    gc::add_root(&g_struct_passwd);
  }
  Value m = module_new("pwd");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"getpwuid", pwd_getpwuid}, {"getpwnam", pwd_getpwnam}, {"getpwall", pwd_getpwall}});
  dict_set_str(d, str_intern("struct_passwd"), obj(g_struct_passwd));
  return m;
}

}  // namespace chaipy
