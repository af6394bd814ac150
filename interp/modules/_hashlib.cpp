// interp/modules/_hashlib.cpp — the _hashlib module over OpenSSL's libcrypto (what Lib/hashlib.py
// and Lib/hmac.py use): new(), the openssl_<name> constructors, HASH / HASHXOF objects (update,
// digest, hexdigest, copy), HMAC (hmac_new, hmac_digest), pbkdf2_hmac, scrypt, compare_digest.
// Names follow CPython: Python names ("sha3_256", "shake_128", "blake2b") map to OpenSSL's.
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

// -- Algorithms: Python name, OpenSSL name, constructor (openssl_<name>) or not ----------------------
#define HASHLIB_ALGORITHMS(X)                                                                          \
  X(md5, "md5", "MD5", true) X(sha1, "sha1", "SHA1", true) X(sha224, "sha224", "SHA224", true)        \
  X(sha256, "sha256", "SHA256", true) X(sha384, "sha384", "SHA384", true)                             \
  X(sha512, "sha512", "SHA512", true) X(sha3_224, "sha3_224", "SHA3-224", true)                        \
  X(sha3_256, "sha3_256", "SHA3-256", true) X(sha3_384, "sha3_384", "SHA3-384", true)                  \
  X(sha3_512, "sha3_512", "SHA3-512", true) X(shake_128, "shake_128", "SHAKE128", true)                \
  X(shake_256, "shake_256", "SHAKE256", true) X(sha512_224, "sha512_224", "SHA512-224", false)         \
  X(sha512_256, "sha512_256", "SHA512-256", false) X(blake2b, "blake2b", "BLAKE2B-512", false)         \
  X(blake2s, "blake2s", "BLAKE2S-256", false) X(md5_sha1, "md5-sha1", "MD5-SHA1", false)               \
  X(sm3, "sm3", "SM3", false) X(ripemd160, "ripemd160", "RIPEMD160", false)

struct Algo { const char* py; const char* ossl; bool ctor; };
constexpr Algo kAlgos[] = {
#define X(id, py, ossl, ctor) {py, ossl, ctor},
    HASHLIB_ALGORITHMS(X)
#undef X
};

struct HashObject : Object {
  EVP_MD_CTX* ctx;
  const EVP_MD* md;   // fetched, owned
  bool xof;
};

struct HmacObject : Object {
  EVP_MAC_CTX* ctx;
  const EVP_MD* md;   // owned
};

TypeObject *g_hash_type, *g_hashxof_type, *g_hmac_type;
Value g_unsupported;  // UnsupportedDigestmodError
DictObject* g_constructors;  // openssl_<name> function -> name

Value raise_openssl(TypeObject* type) {
  unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  std::string msg = "unknown reasons";
  if (e) {
    const char* lib = ERR_lib_error_string(e);
    const char* reason = ERR_reason_error_string(e);
    msg = reason ? std::string(reason) : msg;
    if (lib) msg = fmt::format("[{}] {}", lib, msg);
  }
  return raise(type, msg);
}

Value raise_unsupported() {
  Value e = g_unsupported;
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  std::string msg = "unsupported hash type";
  if (code) {
    const char* lib = ERR_lib_error_string(code);
    const char* reason = ERR_reason_error_string(code);
    if (reason) msg = lib ? fmt::format("[{}] {}", lib, reason) : reason;
  }
  Value inst = call1(e, str_value(msg));
  if (inst.is_exc()) return inst;
  return raise_value(inst);
}

// The OpenSSL digest for a Python name (or an OpenSSL name); nullptr with nothing raised if unknown.
const EVP_MD* fetch_md(std::string_view name) {
  std::string ossl(name);
  for (const Algo& a : kAlgos)
    if (name == a.py) { ossl = a.ossl; break; }
  if (name == "blake2b512") ossl = "BLAKE2B-512";
  if (name == "blake2s256") ossl = "BLAKE2S-256";
  EVP_MD* md = EVP_MD_fetch(nullptr, ossl.c_str(), nullptr);
  return md;
}

// The Python name of a digest: CPython's table name when it is one of them, else OpenSSL's.
std::string py_name(const EVP_MD* md) {
  int nid = EVP_MD_get_type(md);
  for (const Algo& a : kAlgos) {
    EVP_MD* other = EVP_MD_fetch(nullptr, a.ossl, nullptr);
    if (!other) continue;
    bool same = EVP_MD_get_type(other) == nid;
    EVP_MD_free(other);
    if (same) return a.py;
  }
  ERR_clear_error();
  const char* sn = OBJ_nid2ln(nid);
  std::string r = sn ? sn : EVP_MD_get0_name(md);
  for (auto& c : r) c = char(std::tolower((unsigned char)c));
  return r;
}

bool data_arg(Value v, BufferHold* h) {
  if (is_str(v)) {
    raise(exc::TypeError, "Strings must be encoded before hashing");
    return false;
  }
  if (!is_buffer(v)) {
    raise(exc::TypeError, "object supporting the buffer API required");
    return false;
  }
  return h->get(v);
}

// -- HASH / HASHXOF ---------------------------------------------------------------------------------
HashObject* H(Value v) { return v.as<HashObject>(); }

void hash_finalize(Object* o) {
  auto* h = static_cast<HashObject*>(o);
  if (h->ctx) EVP_MD_CTX_free(h->ctx);
  if (h->md) EVP_MD_free(const_cast<EVP_MD*>(h->md));
  h->ctx = nullptr;
  h->md = nullptr;
}

Value hash_new_object(const EVP_MD* md) {
  bool xof = (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
  auto* h = gc::make<HashObject>(xof ? g_hashxof_type : g_hash_type);
  h->md = md;
  h->xof = xof;
  h->ctx = EVP_MD_CTX_new();
  if (!h->ctx || !EVP_DigestInit_ex(h->ctx, md, nullptr)) return raise_openssl(exc::ValueError);
  return obj(h);
}

Value hash_update_with(HashObject* h, Value data) {
  BufferHold b;
  if (!data_arg(data, &b)) return Value::exc();
  if (b.v.len && !EVP_DigestUpdate(h->ctx, b.v.buf, size_t(b.v.len))) return raise_openssl(exc::ValueError);
  return Value::none();
}

Value hash_update(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("update", kw) || !check_nargs("update", nargs - 1, 1, 1)) return Value::exc();
  return hash_update_with(H(args[0]), args[1]);
}

bool final_bytes(HashObject* h, int64_t length, std::string* out) {
  EVP_MD_CTX* tmp = EVP_MD_CTX_new();
  if (!tmp || !EVP_MD_CTX_copy_ex(tmp, h->ctx)) {
    if (tmp) EVP_MD_CTX_free(tmp);
    raise_openssl(exc::ValueError);
    return false;
  }
  bool ok;
  if (h->xof) {
    out->assign(size_t(length), '\0');
    ok = length == 0 || EVP_DigestFinalXOF(tmp, reinterpret_cast<unsigned char*>(out->data()), size_t(length));
  } else {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    ok = EVP_DigestFinal_ex(tmp, buf, &n);
    out->assign(reinterpret_cast<char*>(buf), n);
  }
  EVP_MD_CTX_free(tmp);
  if (!ok) raise_openssl(exc::ValueError);
  return ok;
}

Value to_hex(std::string_view s) {
  static const char digits[] = "0123456789abcdef";
  std::string r;
  r.reserve(s.size() * 2);
  for (unsigned char c : s) { r += digits[c >> 4]; r += digits[c & 15]; }
  return str_value(r);
}

bool xof_length(const char* name, Value* args, size_t nargs, TupleObject* kw, int64_t* len) {
  static const char* const names[] = {"length", nullptr};
  Value out[1];
  if (!parse_args(name, args + 1, nargs - 1, kw, names, 1, out)) return false;
  if (!is_int(out[0])) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(out[0]));
    return false;
  }
  if (!int_get_i64(out[0], len)) {
    raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  if (*len < 0) {
    raise(exc::MemoryError, "");
    return false;
  }
  return true;
}

Value hash_digest(Value* args, size_t nargs, TupleObject* kw) {
  std::string d;
  if (!final_bytes(H(args[0]), 0, &d)) return Value::exc();
  return bytes_new(d);
}
Value hash_hexdigest(Value* args, size_t nargs, TupleObject* kw) {
  std::string d;
  if (!final_bytes(H(args[0]), 0, &d)) return Value::exc();
  return to_hex(d);
}
Value xof_digest(Value* args, size_t nargs, TupleObject* kw) {
  int64_t n;
  if (!xof_length("digest", args, nargs, kw, &n)) return Value::exc();
  std::string d;
  if (!final_bytes(H(args[0]), n, &d)) return Value::exc();
  return bytes_new(d);
}
Value xof_hexdigest(Value* args, size_t nargs, TupleObject* kw) {
  int64_t n;
  if (!xof_length("hexdigest", args, nargs, kw, &n)) return Value::exc();
  std::string d;
  if (!final_bytes(H(args[0]), n, &d)) return Value::exc();
  return to_hex(d);
}

Value hash_copy(Value* args, size_t nargs, TupleObject* kw) {
  HashObject* h = H(args[0]);
  EVP_MD_up_ref(const_cast<EVP_MD*>(h->md));
  auto* c = gc::make<HashObject>(type_of(args[0]));
  c->md = h->md;
  c->xof = h->xof;
  c->ctx = EVP_MD_CTX_new();
  if (!c->ctx || !EVP_MD_CTX_copy_ex(c->ctx, h->ctx)) return raise_openssl(exc::ValueError);
  return obj(c);
}

Value hash_getattr(Value self, StrObject* name) {
  HashObject* h = H(self);
  std::string_view n = name->view();
  if (n == "name") return str_value(py_name(h->md));
  if (n == "digest_size") return int_from_i64(h->xof ? 0 : EVP_MD_get_size(h->md));
  if (n == "block_size") return int_from_i64(EVP_MD_get_block_size(h->md));
  return generic_getattr(self, name);
}

Value hash_repr(Value self) {
  return str_value(fmt::format("<{} {} object @ {:#x}>", py_name(H(self)->md), type_of(self)->name->view() == std::string_view("HASHXOF") ? "_hashlib.HASHXOF" : "_hashlib.HASH",
                               self.bits() & Value::kPayloadMask));
}

// A new hash object over `data` (null or None: nothing yet).
Value hash_with(std::string_view name, Value data) {
  const EVP_MD* md = fetch_md(name);
  if (!md) return raise_unsupported();
  Value h = hash_new_object(md);
  if (h.is_exc()) return h;
  if (!data.is_null() && !data.is_none() && hash_update_with(H(h), data).is_exc()) return Value::exc();
  return h;
}

Value m_new(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"name", "string", "usedforsecurity", nullptr};
  Value out[3];
  if (!parse_args("new", args, nargs, kw, names, 1, out)) return Value::exc();
  if (!is_str(out[0])) return raise_fmt(exc::TypeError, "new() argument 'name' must be str, not {}", type_name(out[0]));
  return hash_with(as_str(out[0])->view(), out[1]);
}

template <size_t I>
Value m_ctor(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"string", "usedforsecurity", nullptr};
  Value out[2];
  std::string fname = std::string("openssl_") + kAlgos[I].py;
  if (!parse_args(fname.c_str(), args, nargs, kw, names, 0, out)) return Value::exc();
  return hash_with(kAlgos[I].py, out[0]);
}
template <size_t... I>
constexpr std::array<NativeFn, sizeof...(I)> make_ctors(std::index_sequence<I...>) { return {m_ctor<I>...}; }

// -- HMAC ---------------------------------------------------------------------------------------------------
HmacObject* HM(Value v) { return v.as<HmacObject>(); }

void hmac_finalize(Object* o) {
  auto* h = static_cast<HmacObject*>(o);
  if (h->ctx) EVP_MAC_CTX_free(h->ctx);
  if (h->md) EVP_MD_free(const_cast<EVP_MD*>(h->md));
  h->ctx = nullptr;
  h->md = nullptr;
}

// digestmod: a name or one of the openssl_<name> constructors.
const EVP_MD* digestmod_md(Value digestmod) {
  std::string name;
  if (is_str(digestmod)) {
    name = as_str(digestmod)->view();
  } else {
    Value n = dict_get(g_constructors, digestmod);
    if (n.is_exc()) exc_fetch();
    if (n.is_null() || n.is_exc()) {
      Value inst = call1(g_unsupported, str_value(fmt::format("Unsupported digestmod {}", repr_utf8(digestmod))));
      if (!inst.is_exc()) raise_value(inst);
      return nullptr;
    }
    name = as_str(n)->view();
  }
  const EVP_MD* md = fetch_md(name);
  if (!md) raise_unsupported();
  return md;
}

EVP_MAC_CTX* hmac_ctx(const EVP_MD* md, std::string_view key) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (!mac) return nullptr;
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac);
  if (!ctx) return nullptr;
  OSSL_PARAM params[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
                          OSSL_PARAM_construct_end()};
  static const unsigned char empty = 0;
  if (!EVP_MAC_init(ctx, key.empty() ? &empty : reinterpret_cast<const unsigned char*>(key.data()), key.size(), params)) {
    EVP_MAC_CTX_free(ctx);
    return nullptr;
  }
  return ctx;
}

Value hmac_update_with(HmacObject* h, Value data) {
  BufferHold b;
  if (!data_arg(data, &b)) return Value::exc();
  if (b.v.len && !EVP_MAC_update(h->ctx, reinterpret_cast<unsigned char*>(b.v.buf), size_t(b.v.len)))
    return raise_openssl(exc::ValueError);
  return Value::none();
}

Value m_hmac_new(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"key", "msg", "digestmod", nullptr};
  Value out[3];
  if (!parse_args("hmac_new", args, nargs, kw, names, 1, out)) return Value::exc();
  BufferHold key;
  if (!key.get(out[0])) return Value::exc();
  if (out[2].is_null() || out[2].is_none()) return raise(exc::TypeError, "Missing required parameter 'digestmod'.");
  const EVP_MD* md = digestmod_md(out[2]);
  if (!md) return Value::exc();
  auto* h = gc::make<HmacObject>(g_hmac_type);
  h->md = md;
  h->ctx = hmac_ctx(md, key.view());
  if (!h->ctx) return raise_openssl(exc::ValueError);
  if (!out[1].is_null() && !out[1].is_none() && hmac_update_with(h, out[1]).is_exc()) return Value::exc();
  return obj(h);
}

bool hmac_final(HmacObject* h, std::string* out) {
  EVP_MAC_CTX* tmp = EVP_MAC_CTX_dup(h->ctx);
  if (!tmp) { raise_openssl(exc::ValueError); return false; }
  unsigned char buf[EVP_MAX_MD_SIZE];
  size_t n = 0;
  bool ok = EVP_MAC_final(tmp, buf, &n, sizeof buf);
  EVP_MAC_CTX_free(tmp);
  if (!ok) { raise_openssl(exc::ValueError); return false; }
  out->assign(reinterpret_cast<char*>(buf), n);
  return true;
}

Value hmac_update(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"msg", nullptr};
  Value out[1];
  if (!parse_args("update", args + 1, nargs - 1, kw, names, 1, out)) return Value::exc();
  return hmac_update_with(HM(args[0]), out[0]);
}
Value hmac_digest_m(Value* args, size_t nargs, TupleObject* kw) {
  std::string d;
  if (!hmac_final(HM(args[0]), &d)) return Value::exc();
  return bytes_new(d);
}
Value hmac_hexdigest_m(Value* args, size_t nargs, TupleObject* kw) {
  std::string d;
  if (!hmac_final(HM(args[0]), &d)) return Value::exc();
  return to_hex(d);
}
Value hmac_copy(Value* args, size_t nargs, TupleObject* kw) {
  HmacObject* h = HM(args[0]);
  auto* c = gc::make<HmacObject>(g_hmac_type);
  EVP_MD_up_ref(const_cast<EVP_MD*>(h->md));
  c->md = h->md;
  c->ctx = EVP_MAC_CTX_dup(h->ctx);
  if (!c->ctx) return raise_openssl(exc::ValueError);
  return obj(c);
}
Value hmac_getattr(Value self, StrObject* name) {
  HmacObject* h = HM(self);
  std::string_view n = name->view();
  if (n == "name") return str_value("hmac-" + py_name(h->md));
  if (n == "digest_size") return int_from_i64(EVP_MD_get_size(h->md));
  if (n == "block_size") return int_from_i64(EVP_MD_get_block_size(h->md));
  return generic_getattr(self, name);
}
Value hmac_repr(Value self) {
  return str_value(fmt::format("<{} HMAC object @ {:#x}>", py_name(HM(self)->md), self.bits() & Value::kPayloadMask));
}

Value m_hmac_digest(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"key", "msg", "digest", nullptr};
  Value out[3];
  if (!parse_args("hmac_digest", args, nargs, kw, names, 3, out)) return Value::exc();
  BufferHold key, msg;
  if (!key.get(out[0]) || !msg.get(out[1])) return Value::exc();
  const EVP_MD* md = digestmod_md(out[2]);
  if (!md) return Value::exc();
  EVP_MAC_CTX* ctx = hmac_ctx(md, key.view());
  EVP_MD_free(const_cast<EVP_MD*>(md));
  if (!ctx) return raise_openssl(exc::ValueError);
  unsigned char buf[EVP_MAX_MD_SIZE];
  size_t n = 0;
  bool ok = EVP_MAC_update(ctx, reinterpret_cast<unsigned char*>(msg.v.buf), size_t(msg.v.len)) &&
            EVP_MAC_final(ctx, buf, &n, sizeof buf);
  EVP_MAC_CTX_free(ctx);
  if (!ok) return raise_openssl(exc::ValueError);
  return bytes_new(std::string_view(reinterpret_cast<char*>(buf), n));
}

// -- Key derivation -------------------------------------------------------------------------------------
Value m_pbkdf2_hmac(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"hash_name", "password", "salt", "iterations", "dklen", nullptr};
  Value out[5];
  if (!parse_args("pbkdf2_hmac", args, nargs, kw, names, 4, out)) return Value::exc();
  if (!is_str(out[0])) return raise_fmt(exc::TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not {}", type_name(out[0]));
  BufferHold pw, salt;
  if (!pw.get(out[1]) || !salt.get(out[2])) return Value::exc();
  if (!is_int(out[3])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(out[3]));
  int64_t iters;
  if (!int_get_i64(out[3], &iters)) return raise(exc::OverflowError, "Python int too large to convert to C long");
  const EVP_MD* md = fetch_md(as_str(out[0])->view());
  if (!md) return raise_unsupported();
  if (iters < 1) {
    EVP_MD_free(const_cast<EVP_MD*>(md));
    return raise(exc::ValueError, "iteration value must be greater than 0.");
  }
  if (iters > INT32_MAX) {
    EVP_MD_free(const_cast<EVP_MD*>(md));
    return raise(exc::OverflowError, "iteration value is too great.");
  }
  int64_t dklen = EVP_MD_get_size(md);
  if (!out[4].is_null() && !out[4].is_none()) {
    if (!is_int(out[4])) {
      EVP_MD_free(const_cast<EVP_MD*>(md));
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(out[4]));
    }
    int_get_i64(out[4], &dklen);
    if (dklen < 1) {
      EVP_MD_free(const_cast<EVP_MD*>(md));
      return raise(exc::ValueError, "key length must be greater than 0.");
    }
    if (dklen > INT32_MAX) {
      EVP_MD_free(const_cast<EVP_MD*>(md));
      return raise(exc::OverflowError, "key length is too great.");
    }
  }
  std::string key(size_t(dklen), '\0');
  int ok = PKCS5_PBKDF2_HMAC(pw.v.buf, int(pw.v.len), reinterpret_cast<unsigned char*>(salt.v.buf), int(salt.v.len),
                             int(iters), md, int(dklen), reinterpret_cast<unsigned char*>(key.data()));
  EVP_MD_free(const_cast<EVP_MD*>(md));
  if (!ok) return raise_openssl(exc::ValueError);
  return bytes_new(key);
}

Value m_scrypt(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"password", "salt", "n", "r", "p", "maxmem", "dklen", nullptr};
  Value out[7];
  if (!parse_args("scrypt", args, nargs, kw, names, 1, out)) return Value::exc();
  BufferHold pw, salt;
  if (!pw.get(out[0])) return Value::exc();
  if (out[1].is_null()) return raise(exc::TypeError, "salt is required");
  if (!salt.get(out[1])) return Value::exc();
  int64_t n = 0, r = 0, p = 0, maxmem = 0, dklen = 64;
  if (out[2].is_null() || !is_int(out[2]) || !int_get_i64(out[2], &n) || n < 2 || (n & (n - 1)))
    return raise(exc::ValueError, "n must be a power of 2.");
  if (out[3].is_null() || !is_int(out[3]) || !int_get_i64(out[3], &r)) return raise(exc::TypeError, "r is required and must be an unsigned int");
  if (out[4].is_null() || !is_int(out[4]) || !int_get_i64(out[4], &p)) return raise(exc::TypeError, "p is required and must be an unsigned int");
  if (!out[5].is_null() && (!is_int(out[5]) || !int_get_i64(out[5], &maxmem) || maxmem < 0 || maxmem > INT32_MAX))
    return raise(exc::ValueError, "maxmem must be positive and smaller than 2147483647");
  if (!out[6].is_null() && (!is_int(out[6]) || !int_get_i64(out[6], &dklen) || dklen < 1 || dklen > INT32_MAX))
    return raise(exc::ValueError, "dklen must be greater than 0 and smaller than 2147483647");
  std::string key(size_t(dklen), '\0');
  if (!EVP_PBE_scrypt(pw.v.buf, size_t(pw.v.len), reinterpret_cast<unsigned char*>(salt.v.buf), size_t(salt.v.len), uint64_t(n),
                      uint64_t(r), uint64_t(p), uint64_t(maxmem), reinterpret_cast<unsigned char*>(key.data()), size_t(dklen)))
    return raise(exc::ValueError, "Invalid parameter combination for n, r, p, maxmem.");
  return bytes_new(key);
}

// -- compare_digest (constant time in the length of b) ------------------------------------------------------
Value m_compare_digest(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("compare_digest", kw) || !check_nargs("compare_digest", nargs, 2, 2)) return Value::exc();
  Value a = args[0], b = args[1];
  std::string_view x, y;
  BufferHold ha, hb;
  if (is_str(a) && is_str(b)) {
    if (!as_str(a)->ascii || !as_str(b)->ascii)
      return raise(exc::TypeError, "comparing strings with non-ASCII characters is not supported");
    x = as_str(a)->view();
    y = as_str(b)->view();
  } else if (is_str(a) || is_str(b) || !is_buffer(a) || !is_buffer(b)) {
    if (is_str(a) || is_str(b) || !is_buffer(a) || !is_buffer(b)) {
      if ((is_str(a) && is_buffer(b)) || (is_buffer(a) && is_str(b)) || (is_str(a) || is_str(b)))
        return raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(is_str(a) ? a : b));
      return raise_fmt(exc::TypeError, "unsupported operand types(s) or combination of types: '{}' and '{}'", type_name(a), type_name(b));
    }
  } else {
    if (!ha.get(a) || !hb.get(b)) return Value::exc();
    x = ha.view();
    y = hb.view();
  }
  return Value::from_bool(x.size() == y.size() && CRYPTO_memcmp(x.data(), y.data(), x.size()) == 0);
}

Value m_get_fips_mode(Value* args, size_t nargs, TupleObject* kw) { return Value::from_small_int(0); }

}  // namespace

Value make__hashlib_module() {
  Value m = module_new("_hashlib");
  DictObject* d = m.as<ModuleObject>()->dict;
  g_unsupported = exception_type_new("_hashlib.UnsupportedDigestmodError", exc::ValueError);
  if (g_unsupported.is_exc()) return g_unsupported;
  gc::add_root(&g_unsupported);

  auto make_type = [](const char* name, ReprFn repr, GetAttrFn ga, FinalizeFn fin) {
    TypeObject* t = make_builtin_type(name, types::object, sizeof(HashObject) > sizeof(HmacObject) ? sizeof(HashObject) : sizeof(HmacObject), 0);
    t->module = str_intern("_hashlib");
    t->repr = repr;
    t->getattr = ga;
    t->finalize = fin;
    return t;
  };
  g_hash_type = make_type("HASH", hash_repr, hash_getattr, hash_finalize);
  type_add_methods(g_hash_type, {{"update", hash_update}, {"digest", hash_digest, kNativeNoArgs},
                                 {"hexdigest", hash_hexdigest, kNativeNoArgs}, {"copy", hash_copy, kNativeNoArgs}});
  g_hashxof_type = make_builtin_type("HASHXOF", g_hash_type, sizeof(HashObject), 0);
  g_hashxof_type->module = str_intern("_hashlib");
  type_add_methods(g_hashxof_type, {{"digest", xof_digest}, {"hexdigest", xof_hexdigest}});
  g_hmac_type = make_type("HMAC", hmac_repr, hmac_getattr, hmac_finalize);
  type_add_methods(g_hmac_type, {{"update", hmac_update}, {"digest", hmac_digest_m, kNativeNoArgs},
                                 {"hexdigest", hmac_hexdigest_m, kNativeNoArgs}, {"copy", hmac_copy, kNativeNoArgs}});

  module_add_functions(d, {{"new", m_new}, {"hmac_new", m_hmac_new}, {"hmac_digest", m_hmac_digest},
                           {"pbkdf2_hmac", m_pbkdf2_hmac}, {"scrypt", m_scrypt}, {"compare_digest", m_compare_digest},
                           {"get_fips_mode", m_get_fips_mode, kNativeNoArgs}});
  g_constructors = dict_new();
  gc::add_root(&g_constructors);
  constexpr auto ctors = make_ctors(std::make_index_sequence<std::size(kAlgos)>{});
  for (size_t i = 0; i < std::size(kAlgos); i++) {
    if (!kAlgos[i].ctor) continue;
    std::string fname = std::string("openssl_") + kAlgos[i].py;
    Value f = native_function_new(str_intern(fname)->data, ctors[i]);
    f.as<NativeFunctionObject>()->module = str_intern("_hashlib");
    dict_set_str(d, str_intern(fname), f);
    dict_set(g_constructors, f, str_value(kAlgos[i].py));
  }
  SetObject* names = set_new(types::frozenset);
  for (const Algo& a : kAlgos) {
    EVP_MD* md = EVP_MD_fetch(nullptr, a.ossl, nullptr);
    if (!md) continue;
    EVP_MD_free(md);
    set_add(names, str_value(a.py));
  }
  ERR_clear_error();
  dict_set_str(d, str_intern("openssl_md_meth_names"), obj(names));
  dict_set_str(d, str_intern("_constructors"), obj(g_constructors));
  dict_set_str(d, str_intern("HASH"), obj(g_hash_type));
  dict_set_str(d, str_intern("HASHXOF"), obj(g_hashxof_type));
  dict_set_str(d, str_intern("HMAC"), obj(g_hmac_type));
  dict_set_str(d, str_intern("UnsupportedDigestmodError"), g_unsupported);
  return m;
}

}  // namespace chaipy
