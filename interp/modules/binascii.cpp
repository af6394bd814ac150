// interp/modules/binascii.cpp — the binascii module: hex (hexlify/unhexlify), base64 (with strict
// mode), quoted-printable, uuencode, crc32 (zlib's) and crc_hqx, binascii.Error / Incomplete — the
// same algorithms as CPython's binascii.c, so edge cases (padding, garbage, line lengths) match.
#include <zlib.h>

#include <cstring>
#include <string>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

Value g_error, g_incomplete;

Value error(std::string_view msg) {
  Value e = call1(g_error, str_value(msg));
  return e.is_exc() ? e : raise_value(e);
}

// a2b_* arguments: a buffer or an ASCII-only str.
bool ascii_data(Value v, BufferHold* h, std::string* tmp, std::string_view* out) {
  if (is_str(v)) {
    if (!as_str(v)->ascii) {
      raise(exc::ValueError, "string argument should contain only ASCII characters");
      return false;
    }
    *tmp = as_str(v)->view();
    *out = *tmp;
    return true;
  }
  if (!is_buffer(v)) {
    raise_fmt(exc::TypeError, "argument should be bytes, buffer or ASCII string, not '{}'", type_name(v));
    return false;
  }
  if (!h->get(v)) return false;
  *out = h->view();
  return true;
}

bool bin_data(Value v, BufferHold* h) {
  if (!is_buffer(v)) {
    raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(v));
    return false;
  }
  return h->get(v);
}

bool flag(Value v, bool dflt, bool* out) {
  if (v.is_null()) { *out = dflt; return true; }
  int t = truthy(v);
  if (t < 0) return false;
  *out = t;
  return true;
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
int b64_value(unsigned char c) {
  const char* p = c ? std::strchr(kB64, c) : nullptr;
  return p ? int(p - kB64) : -1;
}
int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// -- hex ---------------------------------------------------------------------------------------------
Value hexlify_impl(const char* name, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "sep", "bytes_per_sep", nullptr};
  Value a[3];
  if (!parse_args(name, args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  if (!bin_data(a[0], &h)) return Value::exc();
  Value rest[2];
  size_t n = 0;
  TupleObject* kwn = nullptr;
  if (!a[1].is_null()) rest[n++] = a[1];
  if (!a[2].is_null()) {
    if (a[1].is_null()) return raise(exc::TypeError, "bytes_per_sep given without sep");
    rest[n++] = a[2];
  }
  Value s = bytes_hex_impl(h.view(), rest, n, kwn);
  if (s.is_exc()) return s;
  return bytes_new(as_str(s)->view());
}
Value m_hexlify(Value* a, size_t n, TupleObject* k) { return hexlify_impl("hexlify", a, n, k); }
Value m_b2a_hex(Value* a, size_t n, TupleObject* k) { return hexlify_impl("b2a_hex", a, n, k); }

Value unhexlify_impl(const char* name, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"hexstr", nullptr};
  Value a[1];
  if (!parse_args(name, args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  std::string tmp;
  std::string_view s;
  if (!ascii_data(a[0], &h, &tmp, &s)) return Value::exc();
  if (s.size() % 2) return error("Odd-length string");
  std::string out(s.size() / 2, '\0');
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
    if (hi < 0 || lo < 0) return error("Non-hexadecimal digit found");
    out[i / 2] = char(hi * 16 + lo);
  }
  return bytes_new(out);
}
Value m_unhexlify(Value* a, size_t n, TupleObject* k) { return unhexlify_impl("unhexlify", a, n, k); }
Value m_a2b_hex(Value* a, size_t n, TupleObject* k) { return unhexlify_impl("a2b_hex", a, n, k); }

// -- base64 ------------------------------------------------------------------------------------------
Value m_a2b_base64(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "strict_mode", nullptr};
  Value a[2];
  if (!parse_args("a2b_base64", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  std::string tmp;
  std::string_view s;
  bool strict;
  if (!ascii_data(a[0], &h, &tmp, &s) || !flag(a[1], false, &strict)) return Value::exc();
  if (strict && !s.empty() && s[0] == '=') return error("Leading padding not allowed");
  std::string out;
  int quad = 0, pads = 0;
  unsigned char left = 0;
  bool padding_started = false;
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = s[i];
    if (c == '=') {
      padding_started = true;
      if (strict && quad == 0) return error("Excess padding not allowed");
      if (quad >= 2 && quad + ++pads >= 4) {
        if (strict && i + 1 < s.size()) return error("Excess data after padding");
        return bytes_new(out);
      }
      continue;
    }
    int v = b64_value(c);
    if (v < 0) {
      if (strict) return error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding_started) return error("Discontinuous padding not allowed");
    pads = 0;
    switch (quad) {
      case 0: quad = 1; left = uint8_t(v); break;
      case 1: quad = 2; out += char((left << 2) | (v >> 4)); left = v & 0x0f; break;
      case 2: quad = 3; out += char((left << 4) | (v >> 2)); left = v & 0x03; break;
      case 3: quad = 0; out += char((left << 6) | v); left = 0; break;
    }
  }
  if (quad == 1)
    return error(fmt::format("Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                             out.size() / 3 * 4 + 1));
  if (quad != 0) return error("Incorrect padding");
  return bytes_new(out);
}

Value m_b2a_base64(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "newline", nullptr};
  Value a[2];
  if (!parse_args("b2a_base64", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  bool newline;
  if (!bin_data(a[0], &h) || !flag(a[1], true, &newline)) return Value::exc();
  std::string_view s = h.view();
  std::string out;
  out.reserve((s.size() + 2) / 3 * 4 + 1);
  size_t i = 0;
  for (; i + 3 <= s.size(); i += 3) {
    uint32_t v = uint32_t((unsigned char)s[i]) << 16 | uint32_t((unsigned char)s[i + 1]) << 8 | (unsigned char)s[i + 2];
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (s.size() - i == 1) {
    uint32_t v = uint32_t((unsigned char)s[i]) << 16;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += "==";
  } else if (s.size() - i == 2) {
    uint32_t v = uint32_t((unsigned char)s[i]) << 16 | uint32_t((unsigned char)s[i + 1]) << 8;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += '=';
  }
  if (newline) out += '\n';
  return bytes_new(out);
}

// -- uuencode ------------------------------------------------------------------------------------------
Value m_a2b_uu(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", nullptr};
  Value a[1];
  if (!parse_args("a2b_uu", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  std::string tmp;
  std::string_view s;
  if (!ascii_data(a[0], &h, &tmp, &s)) return Value::exc();
  size_t pos = 0;
  int64_t len = int64_t(s.size());
  // The first byte is the data length (an empty argument reads as NUL, as CPython does).
  int64_t bin_len = ((s.empty() ? 0 : (unsigned char)s[pos++]) - ' ') & 077;
  len--;
  std::string out;
  uint32_t left = 0;
  int bits = 0;
  for (; bin_len > 0; len--, pos++) {
    unsigned char c = len > 0 ? (unsigned char)s[pos] : 0;
    if (c == '\n' || c == '\r' || len <= 0) {
      c = 0;
    } else {
      if (c < ' ' || c > ' ' + 64) return error("Illegal char");
      c = (c - ' ') & 077;
    }
    left = (left << 6) | c;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((left >> bits) & 0xff);
      left &= (1u << bits) - 1;
      bin_len--;
    }
  }
  for (; len > 0; len--, pos++) {
    unsigned char c = s[pos];
    if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r') return error("Trailing garbage");
  }
  return bytes_new(out);
}

Value m_b2a_uu(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "backtick", nullptr};
  Value a[2];
  if (!parse_args("b2a_uu", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  bool backtick;
  if (!bin_data(a[0], &h) || !flag(a[1], false, &backtick)) return Value::exc();
  std::string_view s = h.view();
  if (s.size() > 45) return error("At most 45 bytes at once");
  std::string out;
  out += (backtick && s.empty()) ? '`' : char(' ' + s.size());
  auto enc = [&](unsigned v) { out += (backtick && v == 0) ? '`' : char(' ' + v); };
  for (size_t i = 0; i < s.size(); i += 3) {
    uint32_t v = uint32_t((unsigned char)s[i]) << 16;
    if (i + 1 < s.size()) v |= uint32_t((unsigned char)s[i + 1]) << 8;
    if (i + 2 < s.size()) v |= (unsigned char)s[i + 2];
    enc(v >> 18);
    enc((v >> 12) & 63);
    enc((v >> 6) & 63);
    enc(v & 63);
  }
  out += '\n';
  return bytes_new(out);
}

// -- quoted-printable ---------------------------------------------------------------------------------
Value m_a2b_qp(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "header", nullptr};
  Value a[2];
  if (!parse_args("a2b_qp", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  std::string tmp;
  std::string_view s;
  bool header;
  if (!ascii_data(a[0], &h, &tmp, &s) || !flag(a[1], false, &header)) return Value::exc();
  std::string out;
  size_t in = 0, n = s.size();
  while (in < n) {
    if (s[in] == '=') {
      in++;
      if (in >= n) break;
      if (s[in] == '\n' || s[in] == '\r') {  // soft line break
        if (s[in] != '\n') while (in < n && s[in] != '\n') in++;
        if (in < n) in++;
      } else if (s[in] == '=') {
        out += '=';
        in++;
      } else if (in + 1 < n && hex_value(s[in]) >= 0 && hex_value(s[in + 1]) >= 0) {
        out += char(hex_value(s[in]) << 4 | hex_value(s[in + 1]));
        in += 2;
      } else {
        out += '=';
      }
    } else if (header && s[in] == '_') {
      out += ' ';
      in++;
    } else {
      out += s[in++];
    }
  }
  return bytes_new(out);
}

Value m_b2a_qp(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"data", "quotetabs", "istext", "header", nullptr};
  Value a[4];
  if (!parse_args("b2a_qp", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold h;
  bool quotetabs, istext, header;
  if (!bin_data(a[0], &h) || !flag(a[1], false, &quotetabs) || !flag(a[2], true, &istext) || !flag(a[3], false, &header))
    return Value::exc();
  constexpr size_t kMaxLine = 76;
  std::string_view d = h.view();
  const auto* p = static_cast<const char*>(std::memchr(d.data(), '\n', d.size()));
  bool crlf = p && p > d.data() && p[-1] == '\r';
  static const char hexd[] = "0123456789ABCDEF";
  std::string out;
  size_t in = 0, n = d.size(), linelen = 0;
  auto soft_break = [&] {
    out += '=';
    if (crlf) out += '\r';
    out += '\n';
    linelen = 0;
  };
  while (in < n) {
    auto c = (unsigned char)d[in];
    bool quote = c > 126 || c == '=' || (header && c == '_') ||
                 (c == '.' && linelen == 0 && (in + 1 == n || d[in + 1] == '\n' || d[in + 1] == '\r' || d[in + 1] == 0)) ||
                 (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && in + 1 == n) ||
                 (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (quote) {
      if (linelen + 3 >= kMaxLine) soft_break();
      out += '=';
      out += hexd[c >> 4];
      out += hexd[c & 15];
      in++;
      linelen += 3;
    } else if (istext && (c == '\n' || (in + 1 < n && c == '\r' && d[in + 1] == '\n'))) {
      linelen = 0;
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {  // protect trailing whitespace
        auto ch = (unsigned char)out.back();
        out.back() = '=';
        out += hexd[ch >> 4];
        out += hexd[ch & 15];
      }
      if (crlf) out += '\r';
      out += '\n';
      in += c == '\r' ? 2 : 1;
    } else {
      if (in + 1 != n && d[in + 1] != '\n' && linelen + 1 >= kMaxLine) soft_break();
      linelen++;
      if (header && c == ' ') {
        out += '_';
        in++;
      } else {
        out += d[in++];
      }
    }
  }
  return bytes_new(out);
}

// -- Checksums -----------------------------------------------------------------------------------------
uint32_t crc_arg(Value v, bool* ok) {
  *ok = true;
  if (v.is_null()) return 0;
  if (!is_int(v)) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    *ok = false;
    return 0;
  }
  Mpz z(v);
  mpz_fdiv_r_2exp(z, z, 32);
  return uint32_t(mpz_get_ui(z));
}

Value m_crc32(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("crc32", kw) || !check_nargs("crc32", nargs, 1, 2)) return Value::exc();
  BufferHold h;
  if (!bin_data(args[0], &h)) return Value::exc();
  bool ok;
  uLong crc = crc_arg(nargs > 1 ? args[1] : Value::null(), &ok);
  if (!ok) return Value::exc();
  crc = crc32(crc, reinterpret_cast<const Bytef*>(h.v.buf), uInt(h.v.len));
  return int_from_i64(int64_t(crc & 0xFFFFFFFFu));
}

Value m_crc_hqx(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("crc_hqx", kw) || !check_nargs("crc_hqx", nargs, 2, 2)) return Value::exc();
  BufferHold h;
  if (!bin_data(args[0], &h)) return Value::exc();
  bool ok;
  uint32_t crc = crc_arg(args[1], &ok) & 0xffff;
  if (!ok) return Value::exc();
  // CRC-CCITT (polynomial 0x1021, MSB first), bit by bit.
  for (unsigned char c : h.view()) {
    crc ^= uint32_t(c) << 8;
    for (int k = 0; k < 8; k++) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return int_from_i64(crc);
}

}  // namespace

Value make_binascii_module() {
  Value m = module_new("binascii");
  DictObject* d = m.as<ModuleObject>()->dict;
  g_error = exception_type_new("binascii.Error", exc::ValueError);
  if (g_error.is_exc()) return g_error;
  gc::add_root(&g_error);
  g_incomplete = exception_type_new("binascii.Incomplete", exc::Exception);
  if (g_incomplete.is_exc()) return g_incomplete;
  gc::add_root(&g_incomplete);
  module_add_functions(d, {{"hexlify", m_hexlify}, {"b2a_hex", m_b2a_hex}, {"unhexlify", m_unhexlify},
                           {"a2b_hex", m_a2b_hex}, {"a2b_base64", m_a2b_base64}, {"b2a_base64", m_b2a_base64},
                           {"a2b_uu", m_a2b_uu}, {"b2a_uu", m_b2a_uu}, {"a2b_qp", m_a2b_qp}, {"b2a_qp", m_b2a_qp},
                           {"crc32", m_crc32}, {"crc_hqx", m_crc_hqx}});
  dict_set_str(d, str_intern("Error"), g_error);
  dict_set_str(d, str_intern("Incomplete"), g_incomplete);
  return m;
}

}  // namespace chaipy
