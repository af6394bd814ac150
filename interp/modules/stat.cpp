// interp/modules/stat.cpp — the _stat module stat.py imports over its pure-Python definitions:
// the S_IF* / S_I* / UF_* / SF_* constants, the S_IS*() tests, S_IMODE, S_IFMT and filemode().
#include <sys/stat.h>

#include "interp/runtime.h"

namespace chaipy {

namespace {

// CPython's _stat has no S_IFDOOR / S_IFPORT / S_IFWHT on Linux: they are 0, so S_ISDOOR() etc.
// are always false.
constexpr unsigned kDoor = 0, kPort = 0, kWht = 0;

bool mode_arg(Value v, unsigned* out) {
  if (!is_int(v)) {
    raise(exc::TypeError, "an integer is required");
    return false;
  }
  int64_t m;
  if (index_of(v, &m).is_exc()) return false;
  if (m < 0) {
    raise(exc::OverflowError, "can't convert negative value to unsigned int");
    return false;
  }
  if (m > 0xFFFFFFFFLL) {
    raise(exc::OverflowError, "Python int too large to convert to C unsigned long");
    return false;
  }
  *out = unsigned(m);
  return true;
}

template <unsigned kFmt>
Value s_is(Value* args, size_t nargs, TupleObject* kw) {
  unsigned m;
  if (!check_no_kwargs("S_IS", kw) || !check_nargs("S_IS", nargs, 1, 1) || !mode_arg(args[0], &m)) return Value::exc();
  return Value::from_bool(kFmt != 0 && (m & S_IFMT) == kFmt);
}

Value s_imode(Value* args, size_t nargs, TupleObject* kw) {
  unsigned m;
  if (!check_no_kwargs("S_IMODE", kw) || !check_nargs("S_IMODE", nargs, 1, 1) || !mode_arg(args[0], &m))
    return Value::exc();
  return int_from_i64(m & 07777);
}

Value s_ifmt(Value* args, size_t nargs, TupleObject* kw) {
  unsigned m;
  if (!check_no_kwargs("S_IFMT", kw) || !check_nargs("S_IFMT", nargs, 1, 1) || !mode_arg(args[0], &m))
    return Value::exc();
  return int_from_i64(m & S_IFMT);
}

Value filemode(Value* args, size_t nargs, TupleObject* kw) {
  unsigned m;
  if (!check_no_kwargs("filemode", kw) || !check_nargs("filemode", nargs, 1, 1) || !mode_arg(args[0], &m))
    return Value::exc();
  char s[11];
  switch (m & S_IFMT) {
    case S_IFREG: s[0] = '-'; break;
    case S_IFDIR: s[0] = 'd'; break;
    case S_IFLNK: s[0] = 'l'; break;
    case S_IFBLK: s[0] = 'b'; break;
    case S_IFCHR: s[0] = 'c'; break;
    case S_IFIFO: s[0] = 'p'; break;
    case S_IFSOCK: s[0] = 's'; break;
    default: s[0] = '?'; break;
  }
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) s[1 + i] = (m & (0400u >> i)) ? rwx[i] : '-';
  if (m & S_ISUID) s[3] = (m & S_IXUSR) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & S_IXGRP) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
  s[10] = 0;
  return str_value(s);
}

}  // namespace

Value make_stat_module() {
  Value m = module_new("_stat");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"S_ISDIR", s_is<S_IFDIR>}, {"S_ISCHR", s_is<S_IFCHR>}, {"S_ISBLK", s_is<S_IFBLK>},
      {"S_ISREG", s_is<S_IFREG>}, {"S_ISFIFO", s_is<S_IFIFO>}, {"S_ISLNK", s_is<S_IFLNK>},
      {"S_ISSOCK", s_is<S_IFSOCK>}, {"S_ISDOOR", s_is<kDoor>}, {"S_ISPORT", s_is<kPort>}, {"S_ISWHT", s_is<kWht>},
      {"S_IMODE", s_imode}, {"S_IFMT", s_ifmt}, {"filemode", filemode},
  });
  struct { const char* name; long value; } const consts[] = {
      {"S_IFDIR", S_IFDIR}, {"S_IFCHR", S_IFCHR}, {"S_IFBLK", S_IFBLK}, {"S_IFREG", S_IFREG}, {"S_IFIFO", S_IFIFO},
      {"S_IFLNK", S_IFLNK}, {"S_IFSOCK", S_IFSOCK}, {"S_IFDOOR", kDoor}, {"S_IFPORT", kPort}, {"S_IFWHT", kWht},
      {"S_ISUID", S_ISUID}, {"S_ISGID", S_ISGID}, {"S_ISVTX", S_ISVTX}, {"S_ENFMT", S_ISGID}, {"S_IREAD", S_IRUSR},
      {"S_IWRITE", S_IWUSR}, {"S_IEXEC", S_IXUSR}, {"S_IRWXU", S_IRWXU}, {"S_IRUSR", S_IRUSR}, {"S_IWUSR", S_IWUSR},
      {"S_IXUSR", S_IXUSR}, {"S_IRWXG", S_IRWXG}, {"S_IRGRP", S_IRGRP}, {"S_IWGRP", S_IWGRP}, {"S_IXGRP", S_IXGRP},
      {"S_IRWXO", S_IRWXO}, {"S_IROTH", S_IROTH}, {"S_IWOTH", S_IWOTH}, {"S_IXOTH", S_IXOTH},
      {"UF_NODUMP", 0x1}, {"UF_IMMUTABLE", 0x2}, {"UF_APPEND", 0x4}, {"UF_OPAQUE", 0x8}, {"UF_NOUNLINK", 0x10},
      {"UF_COMPRESSED", 0x20}, {"UF_HIDDEN", 0x8000}, {"SF_ARCHIVED", 0x10000}, {"SF_IMMUTABLE", 0x20000},
      {"SF_APPEND", 0x40000}, {"SF_NOUNLINK", 0x100000}, {"SF_SNAPSHOT", 0x200000},
      {"ST_MODE", 0}, {"ST_INO", 1}, {"ST_DEV", 2}, {"ST_NLINK", 3}, {"ST_UID", 4}, {"ST_GID", 5}, {"ST_SIZE", 6},
      {"ST_ATIME", 7}, {"ST_MTIME", 8}, {"ST_CTIME", 9},
  };
  for (const auto& c : consts) dict_set_str(d, str_intern(c.name), int_from_i64(c.value));
  return m;
}

}  // namespace chaipy
