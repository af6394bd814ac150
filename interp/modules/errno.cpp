// interp/modules/errno.cpp — the errno module: every error code name of the C library's
// <errno.h> (values from the headers, not typed here) and errorcode, the reverse mapping.
#include <cerrno>

#include "interp/runtime.h"

namespace chaipy {

namespace {

// The names CPython's errno module defines on Linux; errorcode maps each value to the first name
// listed for it, as CPython (EDEADLOCK / EDEADLK, ENOTSUP / EOPNOTSUPP, EAGAIN / EWOULDBLOCK).
#define ERRNO_NAMES(E) \
    E(E2BIG) E(EACCES) E(EADDRINUSE) E(EADDRNOTAVAIL) E(EADV) E(EAFNOSUPPORT) E(EAGAIN) E(EALREADY) E(EBADE) \
    E(EBADF) E(EBADFD) E(EBADMSG) E(EBADR) E(EBADRQC) E(EBADSLT) E(EBFONT) E(EBUSY) E(ECANCELED) E(ECHILD) \
    E(ECHRNG) E(ECOMM) E(ECONNABORTED) E(ECONNREFUSED) E(ECONNRESET) E(EDEADLOCK) E(EDESTADDRREQ) E(EDOM) \
    E(EDOTDOT) E(EDQUOT) E(EEXIST) E(EFAULT) E(EFBIG) E(EHOSTDOWN) E(EHOSTUNREACH) E(EIDRM) E(EILSEQ) \
    E(EINPROGRESS) E(EINTR) E(EINVAL) E(EIO) E(EISCONN) E(EISDIR) E(EISNAM) E(EKEYEXPIRED) E(EKEYREJECTED) \
    E(EKEYREVOKED) E(EL2HLT) E(EL2NSYNC) E(EL3HLT) E(EL3RST) E(ELIBACC) E(ELIBBAD) E(ELIBEXEC) E(ELIBMAX) \
    E(ELIBSCN) E(ELNRNG) E(ELOOP) E(EMEDIUMTYPE) E(EMFILE) E(EMLINK) E(EMSGSIZE) E(EMULTIHOP) E(ENAMETOOLONG) \
    E(ENAVAIL) E(ENETDOWN) E(ENETRESET) E(ENETUNREACH) E(ENFILE) E(ENOANO) E(ENOBUFS) E(ENOCSI) E(ENODATA) \
    E(ENODEV) E(ENOENT) E(ENOEXEC) E(ENOKEY) E(ENOLCK) E(ENOLINK) E(ENOMEDIUM) E(ENOMEM) E(ENOMSG) E(ENONET) \
    E(ENOPKG) E(ENOPROTOOPT) E(ENOSPC) E(ENOSR) E(ENOSTR) E(ENOSYS) E(ENOTBLK) E(ENOTCONN) E(ENOTDIR) \
    E(ENOTEMPTY) E(ENOTNAM) E(ENOTRECOVERABLE) E(ENOTSOCK) E(ENOTSUP) E(ENOTTY) E(ENOTUNIQ) E(ENXIO) \
    E(EOVERFLOW) E(EOWNERDEAD) E(EPERM) E(EPFNOSUPPORT) E(EPIPE) E(EPROTO) E(EPROTONOSUPPORT) E(EPROTOTYPE) \
    E(ERANGE) E(EREMCHG) E(EREMOTE) E(EREMOTEIO) E(ERESTART) E(ERFKILL) E(EROFS) E(ESHUTDOWN) \
    E(ESOCKTNOSUPPORT) E(ESPIPE) E(ESRCH) E(ESRMNT) E(ESTALE) E(ESTRPIPE) E(ETIME) E(ETIMEDOUT) \
    E(ETOOMANYREFS) E(ETXTBSY) E(EUCLEAN) E(EUNATCH) E(EUSERS) E(EXDEV) E(EXFULL)
#define ERRNO_ALIASES(E) E(EDEADLK) E(EOPNOTSUPP) E(EWOULDBLOCK)

}  // namespace

Value make_errno_module() {
  Value m = module_new("errno");
  DictObject* d = m.as<ModuleObject>()->dict;
  DictObject* codes = dict_new();
#define E(n)                                                                                  \
  {                                                                                           \
    Value name = obj(str_intern(#n)), value = Value::from_small_int(n);                       \
    dict_set(d, name, value);                                                                 \
    if (dict_get(codes, value).is_null()) dict_set(codes, value, name);                       \
  }
  ERRNO_NAMES(E)
#undef E
#define E(n) dict_set_str(d, str_intern(#n), Value::from_small_int(n));
  ERRNO_ALIASES(E)
#undef E
  dict_set_str(d, str_intern("errorcode"), obj(codes));
  return m;
}

}  // namespace chaipy
