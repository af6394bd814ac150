// interp/codecs_text.cpp — the native codecs: UTF-8/16/32/7, Latin-1, ASCII, the unicode_escape
// family, bytes escapes and charmap (with EncodingMap), each with CPython's error ranges, messages
// and stateful (final=False) behaviour. Error handlers are dispatched by codecs_registry.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "interp/codecs_internal.h"
#include "unicode/unicode.h"

namespace chaipy {

using namespace codecs;

namespace {

// -- Encoding framework ---------------------------------------------------------------------------------
// Encodes s code point by code point: `ok(cp)` says whether the codec can encode cp (1 yes, 0 no,
// -1 error raised), `emit(cp, out)` appends its bytes. Runs of unencodable characters go to the
// error handler as one range, as CPython collects them — except in UTF-16/32 (`unit` 2 or 4), which
// report one character at a time and take only whole code units of bytes or ASCII text back.
template <class Ok, class Emit>
Value encode_with(StrObject* s, std::string_view encoding, std::string_view reason, std::string_view errors,
                  bool utf, Ok ok, Emit emit, size_t unit = 0) {
  std::vector<uint32_t> cps = code_points(s);
  std::string out;
  out.reserve(cps.size());
  EncodeReplacement rep;
  for (size_t i = 0; i < cps.size();) {
    int r = ok(cps[i]);
    if (r < 0) return Value::exc();
    if (r) {
      emit(cps[i], out);
      i++;
      continue;
    }
    size_t end = i + 1;
    for (; unit == 0 && end < cps.size(); end++) {
      int r2 = ok(cps[end]);
      if (r2 < 0) return Value::exc();
      if (r2) break;
    }
    bool pass;
    if (!encode_error(encoding, s, cps, errors, i, end, reason, utf, &pass, &rep)) return Value::exc();
    bool unusable = unit && (rep.is_bytes ? rep.bytes.size() % unit != 0
                                          : std::any_of(rep.text.begin(), rep.text.end(), [](uint32_t c) { return c >= 0x80; }));
    if (unusable) {
      Value e = unicode_encode_error_new(encoding, obj(s), int64_t(i), int64_t(end), reason);
      return e.is_exc() ? e : raise_value(e);
    }
    if (pass) {
      for (size_t k = i; k < end; k++) emit(cps[k], out);
    } else if (rep.is_bytes) {
      out += rep.bytes;
    } else {
      for (uint32_t c : rep.text) {
        int r3 = ok(c);
        if (r3 < 0) return Value::exc();
        if (!r3) {
          Value e = unicode_encode_error_new(encoding, obj(s), int64_t(i), int64_t(end), reason);
          return e.is_exc() ? e : raise_value(e);
        }
        emit(c, out);
      }
    }
    i = rep.resume;
  }
  return bytes_new(out);
}

void put16(std::string& out, uint32_t u, bool big) {
  if (big) { out += char(u >> 8); out += char(u & 0xFF); }
  else { out += char(u & 0xFF); out += char(u >> 8); }
}
void put32(std::string& out, uint32_t u, bool big) {
  for (int i = 0; i < 4; i++) out += char((u >> (big ? 24 - 8 * i : 8 * i)) & 0xFF);
}

bool has_surrogates(StrObject* s) { return !s->ascii && utf8_has_surrogate(s->data, s->nbytes); }

}  // namespace

Value encode_utf8(StrObject* s, std::string_view errors) {
  if (!has_surrogates(s)) return bytes_new(s->view());
  return encode_with(s, "utf-8", "surrogates not allowed", errors, true,
                     [](uint32_t c) { return int(!is_surrogate(c)); },
                     [](uint32_t c, std::string& out) { utf8_append(out, c); });
}

Value encode_latin1(StrObject* s, std::string_view errors) {
  if (s->ascii) return bytes_new(s->view());
  return encode_with(s, "latin-1", "ordinal not in range(256)", errors, false, [](uint32_t c) { return int(c < 0x100); },
                     [](uint32_t c, std::string& out) { out += char(c); });
}

Value encode_ascii(StrObject* s, std::string_view errors) {
  if (s->ascii) return bytes_new(s->view());
  return encode_with(s, "ascii", "ordinal not in range(128)", errors, false, [](uint32_t c) { return int(c < 0x80); },
                     [](uint32_t c, std::string& out) { out += char(c); });
}

Value encode_utf16(StrObject* s, std::string_view errors, int byteorder) {
  bool big = byteorder > 0;
  const char* name = byteorder == 0 ? "utf-16" : big ? "utf-16-be" : "utf-16-le";
  Value r = encode_with(s, name, "surrogates not allowed", errors, true, [](uint32_t c) { return int(!is_surrogate(c)); },
                        [big](uint32_t c, std::string& out) {
                          if (c < 0x10000) {
                            put16(out, c, big);
                          } else {
                            put16(out, 0xD800 | ((c - 0x10000) >> 10), big);
                            put16(out, 0xDC00 | ((c - 0x10000) & 0x3FF), big);
                          }
                        }, 2);
  if (r.is_exc() || byteorder != 0) return r;
  auto* b = r.as<BytesObject>();
  return bytes_new(std::string("\xFF\xFE", 2) + std::string(b->data, b->size));
}

Value encode_utf32(StrObject* s, std::string_view errors, int byteorder) {
  bool big = byteorder > 0;
  const char* name = byteorder == 0 ? "utf-32" : big ? "utf-32-be" : "utf-32-le";
  Value r = encode_with(s, name, "surrogates not allowed", errors, true, [](uint32_t c) { return int(!is_surrogate(c)); },
                        [big](uint32_t c, std::string& out) { put32(out, c, big); }, 4);
  if (r.is_exc() || byteorder != 0) return r;
  auto* b = r.as<BytesObject>();
  return bytes_new(std::string("\xFF\xFE\0\0", 4) + std::string(b->data, b->size));
}

// -- UTF-8 decoding ------------------------------------------------------------------------------------------
Value decode_utf8(std::string_view data, Value source, std::string_view errors, bool final, size_t* consumed) {
  Decoder d{"utf-8", data, source, errors, {}};
  const auto* p = (const unsigned char*)data.data();
  size_t n = data.size(), i = 0, run = 0;  // data[run, i) is valid and not yet copied
  d.out.reserve(n);
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) { i++; continue; }
    // Sequence length and the range of the second byte (no overlongs, surrogates, > U+10FFFF).
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    int good = 0;  // valid continuation bytes after the lead
    if (len) {
      while (good < len - 1 && i + 1 + size_t(good) < n) {
        unsigned char b = p[i + 1 + size_t(good)];
        bool in = good == 0 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
        if (!in) break;
        good++;
      }
      if (good == len - 1) { i += size_t(len); continue; }
    }
    d.out.append(data.substr(run, i - run));
    const char* reason = len == 0 ? "invalid start byte" : "invalid continuation byte";
    if (len && i + 1 + size_t(good) >= n) {  // the input ends inside the sequence
      if (!final) {
        *consumed = i;
        return str_value(d.out);
      }
      reason = "unexpected end of data";
    }
    size_t resume;
    auto pass = [&](size_t at, uint32_t* cp) -> size_t {
      if (at + 3 > n || p[at] != 0xED || (p[at + 1] & 0xE0) != 0xA0 || (p[at + 2] & 0xC0) != 0x80) return 0;
      *cp = 0xD000 | (p[at + 1] & 0x3F) << 6 | (p[at + 2] & 0x3F);
      return 3;
    };
    if (!decode_error(d, i, i + 1 + size_t(good), reason, &resume, pass)) return Value::exc();
    i = run = resume;
  }
  *consumed = n;
  if (run == 0) return str_value(data);
  d.out.append(data.substr(run));
  return str_value(d.out);
}

// -- Latin-1 / ASCII decoding -----------------------------------------------------------------------------
Value decode_latin1(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (char c : data) utf8_append(out, (unsigned char)c);
  return str_value(out);
}

Value decode_ascii(std::string_view data, Value source, std::string_view errors) {
  size_t i = 0;
  while (i < data.size() && (unsigned char)data[i] < 0x80) i++;
  if (i == data.size()) return str_value(data);
  Decoder d{"ascii", data, source, errors, std::string(data.substr(0, i))};
  while (i < data.size()) {
    auto c = (unsigned char)data[i];
    if (c < 0x80) { d.out += char(c); i++; continue; }
    if (!decode_error(d, i, i + 1, "ordinal not in range(128)", &i)) return Value::exc();
  }
  return str_value(d.out);
}

// -- UTF-16 / UTF-32 decoding -----------------------------------------------------------------------------
Value decode_utf16(std::string_view data, Value source, std::string_view errors, int* byteorder, bool final,
                   size_t* consumed) {
  const auto* p = (const unsigned char*)data.data();
  size_t n = data.size(), i = 0;
  int order = *byteorder;
  if (order == 0 && n >= 2) {
    if (p[0] == 0xFF && p[1] == 0xFE) { order = -1; i = 2; }
    else if (p[0] == 0xFE && p[1] == 0xFF) { order = 1; i = 2; }
    *byteorder = order;
  }
  bool big = order > 0;  // no BOM: native order (little endian here)
  Decoder d{big ? "utf-16-be" : "utf-16-le", data, source, errors, {}};
  auto unit = [&](size_t at) { return big ? uint32_t(p[at]) << 8 | p[at + 1] : uint32_t(p[at + 1]) << 8 | p[at]; };
  auto pass = [&](size_t at, uint32_t* cp) -> size_t {
    if (at + 2 > n || !is_surrogate(unit(at))) return 0;
    *cp = unit(at);
    return 2;
  };
  while (i + 1 < n) {
    uint32_t u = unit(i);
    if (!is_surrogate(u)) {
      utf8_append(d.out, u);
      i += 2;
      continue;
    }
    size_t resume;
    if (u >= 0xDC00) {
      if (!decode_error(d, i, i + 2, "illegal encoding", &resume, pass)) return Value::exc();
    } else if (i + 3 >= n) {
      if (!final) break;
      if (!decode_error(d, i, n, "unexpected end of data", &resume, pass)) return Value::exc();
    } else {
      uint32_t u2 = unit(i + 2);
      if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
        utf8_append(d.out, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
        i += 4;
        continue;
      }
      if (!decode_error(d, i, i + 2, "illegal UTF-16 surrogate", &resume, pass)) return Value::exc();
    }
    i = resume;
  }
  if (i < n && i + 1 >= n && final) {
    size_t resume;
    if (!decode_error(d, i, n, "truncated data", &resume)) return Value::exc();
    i = resume;
  }
  *consumed = std::min(i, n);
  return str_value(d.out);
}

Value decode_utf32(std::string_view data, Value source, std::string_view errors, int* byteorder, bool final,
                   size_t* consumed) {
  const auto* p = (const unsigned char*)data.data();
  size_t n = data.size(), i = 0;
  int order = *byteorder;
  if (order == 0 && n >= 4) {
    if (p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) { order = -1; i = 4; }
    else if (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) { order = 1; i = 4; }
    *byteorder = order;
  }
  bool big = order > 0;
  Decoder d{big ? "utf-32-be" : "utf-32-le", data, source, errors, {}};
  auto unit = [&](size_t at) {
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) v |= uint32_t(p[at + size_t(k)]) << (big ? 24 - 8 * k : 8 * k);
    return v;
  };
  auto pass = [&](size_t at, uint32_t* cp) -> size_t {
    if (at + 4 > n || !is_surrogate(unit(at))) return 0;
    *cp = unit(at);
    return 4;
  };
  while (i + 3 < n) {
    uint32_t u = unit(i);
    if (u <= 0x10FFFF && !is_surrogate(u)) {
      utf8_append(d.out, u);
      i += 4;
      continue;
    }
    size_t resume;
    const char* reason = u > 0x10FFFF ? "code point not in range(0x110000)"
                                      : "code point in surrogate code point range(0xd800, 0xe000)";
    if (!decode_error(d, i, i + 4, reason, &resume, pass)) return Value::exc();
    i = resume;
  }
  if (i < n && i + 3 >= n && final) {
    size_t resume;
    if (!decode_error(d, i, n, "truncated data", &resume)) return Value::exc();
    i = resume;
  }
  *consumed = std::min(i, n);
  return str_value(d.out);
}

// -- UTF-7 (RFC 2152, CPython's choices: Set O and whitespace direct) ---------------------------------------
namespace {

// 0: Set D, 1: Set O, 2: whitespace, 3: special (encoded in base64).
int utf7_category(uint32_t c) {
  if (c >= 128) return 3;
  if (std::isalnum(int(c)) || std::strchr("'(),-./:?", int(c))) return c ? 0 : 3;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 2;
  if (std::strchr("!\"#$%&*;<=>@[]^_`{|}", int(c))) return 1;
  return 3;
}
bool utf7_direct(uint32_t c) { return c > 0 && c < 128 && utf7_category(c) != 3; }
bool is_base64(uint32_t c) { return c < 128 && (std::isalnum(int(c)) || c == '+' || c == '/'); }
const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
uint32_t from_base64(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '+' ? 62 : 63;
}

}  // namespace

Value encode_utf7(StrObject* s, std::string_view errors) {
  std::string out;
  bool in_shift = false;
  int bits = 0;
  uint64_t buf = 0;
  auto push_bits = [&](uint32_t unit) {
    bits += 16;
    buf = (buf << 16) | unit;
    while (bits >= 6) {
      out += kBase64[(buf >> (bits - 6)) & 0x3F];
      bits -= 6;
    }
  };
  for (uint32_t ch : code_points(s)) {
    if (in_shift) {
      if (utf7_direct(ch)) {
        if (bits) {
          out += kBase64[(buf << (6 - bits)) & 0x3F];
          buf = 0;
          bits = 0;
        }
        in_shift = false;
        if (is_base64(ch) || ch == '-') out += '-';
        out += char(ch);
        continue;
      }
    } else if (ch == '+') {
      out += "+-";
      continue;
    } else if (utf7_direct(ch)) {
      out += char(ch);
      continue;
    } else {
      out += '+';
      in_shift = true;
    }
    if (ch >= 0x10000) {
      push_bits(0xD800 | ((ch - 0x10000) >> 10));
      ch = 0xDC00 | ((ch - 0x10000) & 0x3FF);
    }
    push_bits(ch);
  }
  if (bits) out += kBase64[(buf << (6 - bits)) & 0x3F];
  if (in_shift) out += '-';
  return bytes_new(out);
}

Value decode_utf7(std::string_view data, Value source, std::string_view errors, bool final, size_t* consumed) {
  Decoder d{"utf7", data, source, errors, {}};
  const auto* p = (const unsigned char*)data.data();
  size_t n = data.size(), i = 0, start = 0, shift_out_start = 0;
  bool in_shift = false;
  int bits = 0;
  uint64_t buf = 0;
  uint32_t surrogate = 0;
  while (i < n) {
    uint32_t ch = p[i];
    const char* err = nullptr;
    if (in_shift) {
      if (is_base64(ch)) {
        buf = (buf << 6) | from_base64(ch);
        bits += 6;
        i++;
        if (bits >= 16) {
          uint32_t u = uint32_t(buf >> (bits - 16)) & 0xFFFF;
          bits -= 16;
          buf &= (uint64_t(1) << bits) - 1;
          if (surrogate) {
            if (u >= 0xDC00 && u <= 0xDFFF) {
              utf8_append(d.out, 0x10000 + ((surrogate - 0xD800) << 10) + (u - 0xDC00));
              surrogate = 0;
              continue;
            }
            utf8_append(d.out, surrogate);
            surrogate = 0;
          }
          if (u >= 0xD800 && u <= 0xDBFF) surrogate = u;
          else utf8_append(d.out, u);
        }
        continue;
      }
      in_shift = false;
      if (bits > 6) {
        i++;
        err = "partial character in shift sequence";
      } else if (bits > 0 && buf != 0) {
        i++;
        err = "non-zero padding bits in shift sequence";
      } else {
        if (surrogate && ch <= 127 && ch != '+') utf8_append(d.out, surrogate);
        surrogate = 0;
        if (ch == '-') i++;
        continue;
      }
    } else if (ch == '+') {
      start = i++;
      if (i < n && p[i] == '-') {
        i++;
        d.out += '+';
        continue;
      }
      if (i < n && !is_base64(p[i])) {
        i++;
        err = "ill-formed sequence";
      } else {
        in_shift = true;
        surrogate = 0;
        shift_out_start = d.out.size();
        bits = 0;
        buf = 0;
        continue;
      }
    } else if (ch <= 127) {
      i++;
      d.out += char(ch);
      continue;
    } else {
      start = i++;
      err = "unexpected special character";
    }
    size_t resume;
    if (!decode_error(d, start, i, err, &resume)) return Value::exc();
    i = resume;
  }
  if (in_shift && final) {
    if (surrogate || bits >= 6 || (bits > 0 && buf != 0)) {
      size_t resume;
      if (!decode_error(d, start, n, "unterminated shift sequence", &resume)) return Value::exc();
    }
    in_shift = false;
  }
  if (in_shift) {
    *consumed = start;
    d.out.resize(shift_out_start);
  } else {
    *consumed = n;
  }
  return str_value(d.out);
}

// -- unicode_escape / raw_unicode_escape ------------------------------------------------------------------
Value encode_unicode_escape(StrObject* s, bool raw) {
  std::string out;
  out.reserve(s->nbytes);
  for (uint32_t ch : code_points(s)) {
    if (raw) {
      if (ch < 0x100) out += char(ch);
      else if (ch < 0x10000) out += fmt::format("\\u{:04x}", ch);
      else out += fmt::format("\\U{:08x}", ch);
      continue;
    }
    if (ch < 0x100) {
      if (ch == '\\') out += "\\\\";
      else if (ch >= ' ' && ch < 0x7F) out += char(ch);
      else if (ch == '\t') out += "\\t";
      else if (ch == '\n') out += "\\n";
      else if (ch == '\r') out += "\\r";
      else out += fmt::format("\\x{:02x}", ch);
    } else if (ch < 0x10000) {
      out += fmt::format("\\u{:04x}", ch);
    } else {
      out += fmt::format("\\U{:08x}", ch);
    }
  }
  return bytes_new(out);
}

Value decode_unicode_escape(std::string_view data, Value source, std::string_view errors, bool raw, bool final,
                            size_t* consumed) {
  Decoder d{raw ? "rawunicodeescape" : "unicodeescape", data, source, errors, {}};
  const auto* p = (const unsigned char*)data.data();
  size_t n = data.size(), i = 0;
  auto hex = [](unsigned char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  while (i < n) {
    unsigned char c = p[i];
    if (c != '\\') {
      utf8_append(d.out, c);
      i++;
      continue;
    }
    size_t start = i++;
    if (i >= n) {
      if (!final) { *consumed = start; return str_value(d.out); }
      if (raw) { d.out += '\\'; break; }
      size_t resume;
      if (!decode_error(d, start, n, "\\ at end of string", &resume)) return Value::exc();
      i = resume;
      continue;
    }
    c = p[i++];
    int count = 0;
    const char* msg = nullptr;
    if (raw) {
      if (c == 'u') { count = 4; msg = "truncated \\uXXXX escape"; }
      else if (c == 'U') { count = 8; msg = "truncated \\UXXXXXXXX escape"; }
      else { d.out += '\\'; utf8_append(d.out, c); continue; }
    } else {
      switch (c) {
        case '\n': continue;
        case '\\': d.out += '\\'; continue;
        case '\'': d.out += '\''; continue;
        case '"': d.out += '"'; continue;
        case 'b': d.out += '\b'; continue;
        case 'f': d.out += '\f'; continue;
        case 't': d.out += '\t'; continue;
        case 'n': d.out += '\n'; continue;
        case 'r': d.out += '\r'; continue;
        case 'v': d.out += '\v'; continue;
        case 'a': d.out += '\a'; continue;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          uint32_t v = c - '0';
          for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++) v = v * 8 + (p[i++] - '0');
          utf8_append(d.out, v);
          continue;
        }
        case 'x': count = 2; msg = "truncated \\xXX escape"; break;
        case 'u': count = 4; msg = "truncated \\uXXXX escape"; break;
        case 'U': count = 8; msg = "truncated \\UXXXXXXXX escape"; break;
        case 'N': {
          msg = "malformed \\N character escape";
          if (i < n && p[i] == '{') {
            size_t close = i + 1;
            while (close < n && p[close] != '}') close++;
            if (close < n && close > i + 1) {
              if (unicode::lookup(data.substr(i + 1, close - i - 1), false, &d.out)) {
                i = close + 1;
                continue;
              }
              msg = "unknown Unicode character name";
              i = close + 1;
            } else if (close >= n) {
              if (!final) { *consumed = start; return str_value(d.out); }
              i = n;
            } else {
              i = close;
            }
          } else if (i >= n && !final) {
            *consumed = start;
            return str_value(d.out);
          }
          size_t resume;
          if (!decode_error(d, start, i, msg, &resume)) return Value::exc();
          i = resume;
          continue;
        }
        default:
          d.out += '\\';
          utf8_append(d.out, c);
          continue;
      }
    }
    uint32_t v = 0;
    int k = 0;
    for (; k < count && i < n && hex(p[i]) >= 0; k++) v = v * 16 + uint32_t(hex(p[i++]));
    if (k < count) {
      if (i >= n && !final) { *consumed = start; return str_value(d.out); }
      size_t resume;
      if (!decode_error(d, start, i, msg, &resume)) return Value::exc();
      i = resume;
      continue;
    }
    if (v > 0x10FFFF) {
      size_t resume;
      if (!decode_error(d, start, i, raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character", &resume))
        return Value::exc();
      i = resume;
      continue;
    }
    utf8_append(d.out, v);
  }
  *consumed = n;
  return str_value(d.out);
}

// -- bytes escapes (escape_encode / escape_decode) ---------------------------------------------------------------
Value escape_encode_bytes(std::string_view data) {
  std::string out;
  for (char ch : data) {
    auto c = (unsigned char)ch;
    if (c == '\'' || c == '\\') { out += '\\'; out += char(c); }
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < ' ' || c >= 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += char(c);
  }
  return bytes_new(out);
}

Value escape_decode_bytes(std::string_view data, std::string_view errors) {
  std::string out;
  const auto* p = (const unsigned char*)data.data();
  size_t n = data.size(), i = 0;
  auto hex = [](unsigned char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  while (i < n) {
    unsigned char c = p[i];
    if (c != '\\') { out += char(c); i++; continue; }
    size_t start = i++;
    if (i >= n) return raise(exc::ValueError, "Trailing \\ in string");
    c = p[i++];
    switch (c) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'v': out += '\v'; break;
      case 'a': out += '\a'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = c - '0';
        for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++) v = v * 8 + (p[i++] - '0');
        out += char(v & 0xFF);
        break;
      }
      case 'x':
        if (i + 1 < n && hex(p[i]) >= 0 && hex(p[i + 1]) >= 0) {
          out += char(hex(p[i]) * 16 + hex(p[i + 1]));
          i += 2;
          break;
        }
        if (errors.empty() || errors == "strict")
          return raise_fmt(exc::ValueError, "invalid \\x escape at position {}", start);
        if (errors == "replace") out += '?';
        else if (errors != "ignore")
          return raise_fmt(exc::ValueError, "decoding error; unknown error handling code: {}", errors);
        while (i < n && i < start + 4 && hex(p[i]) >= 0) i++;
        break;
      default:
        out += '\\';
        out += char(c);
    }
  }
  return bytes_new(out);
}

// -- charmap ---------------------------------------------------------------------------------------------------
// EncodingMap: the inverse of a decoding table, as charmap_build makes it (at most 256 entries,
// sorted by code point).
namespace {

struct EncodingMapObject : Object {
  uint32_t count;
  uint32_t keys[256];
  uint8_t values[256];
};
TypeObject* encoding_map_type;

int encoding_map_find(EncodingMapObject* m, uint32_t cp) {
  const uint32_t* begin = m->keys;
  const uint32_t* end = begin + m->count;
  const uint32_t* it = std::lower_bound(begin, end, cp);
  return it != end && *it == cp ? m->values[it - m->keys] : -1;
}

Value encoding_map_size(Value* args, size_t nargs, TupleObject* kw) {
  return int_from_i64(args[0].as<EncodingMapObject>()->count);
}

}  // namespace

Value charmap_build(StrObject* table) {
  if (!encoding_map_type) {
    encoding_map_type = make_builtin_type("EncodingMap", types::object, sizeof(EncodingMapObject), 0);
    type_add_methods(encoding_map_type, {{"size", encoding_map_size, kNativeNoArgs}});
  }
  auto* m = gc::make<EncodingMapObject>(encoding_map_type);
  std::vector<std::pair<uint32_t, uint8_t>> pairs;
  uint32_t byte = 0;
  for (uint32_t cp : code_points(table)) {
    if (byte < 256 && cp != 0xFFFE) pairs.emplace_back(cp, uint8_t(byte));
    byte++;
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](auto& a, auto& b) { return a.first < b.first; });
  m->count = 0;
  for (size_t k = 0; k < pairs.size(); k++) {
    if (m->count && m->keys[m->count - 1] == pairs[k].first) continue;  // first byte wins
    m->keys[m->count] = pairs[k].first;
    m->values[m->count] = pairs[k].second;
    m->count++;
  }
  return obj(m);
}

Value encode_charmap(StrObject* s, std::string_view errors, Value mapping) {
  if (mapping.is_null() || mapping.is_none()) return encode_latin1(s, errors);
  if (isinstance_exact(mapping, encoding_map_type)) {
    auto* m = mapping.as<EncodingMapObject>();
    return encode_with(s, "charmap", "character maps to <undefined>", errors, false,
                       [m](uint32_t c) { return int(encoding_map_find(m, c) >= 0); },
                       [m](uint32_t c, std::string& out) { out += char(encoding_map_find(m, c)); });
  }
  // A general mapping: mapping[ord] is an int in range(256), bytes, or None/missing (undefined).
  std::string last;  // the bytes for the code point `ok` looked up last
  uint32_t last_cp = 0xFFFFFFFF;
  auto look = [&](uint32_t c) -> int {
    if (c == last_cp) return 1;
    Value r = getitem(mapping, int_from_i64(c));
    if (r.is_exc()) {
      if (!exc_matches(exc::LookupError)) return -1;
      exc_fetch();
      return 0;
    }
    if (r.is_none()) return 0;
    if (is_int(r)) {
      int64_t v;
      if (!int_to_i64(r, &v) || v < 0 || v > 255) {
        raise(exc::TypeError, "character mapping must be in range(256)");
        return -1;
      }
      last = std::string(1, char(v));
    } else if (is_bytes(r)) {
      last.assign(r.as<BytesObject>()->data, r.as<BytesObject>()->size);
    } else {
      raise_fmt(exc::TypeError, "character mapping must return integer, bytes or None, not {}", type_name(r));
      return -1;
    }
    last_cp = c;
    return 1;
  };
  return encode_with(s, "charmap", "character maps to <undefined>", errors, false, look,
                     [&](uint32_t c, std::string& out) {
                       if (c != last_cp) look(c);
                       out += last;
                     });
}

Value decode_charmap(std::string_view data, Value source, std::string_view errors, Value mapping) {
  if (mapping.is_null() || mapping.is_none()) return decode_latin1(data);
  Decoder d{"charmap", data, source, errors, {}};
  size_t n = data.size();
  if (is_str(mapping)) {
    // A decoding table: byte b maps to table[b]; U+FFFE and bytes past its end are undefined.
    std::vector<uint32_t> table = code_points(as_str(mapping));
    for (size_t i = 0; i < n;) {
      auto b = (unsigned char)data[i];
      if (b < table.size() && table[b] != 0xFFFE) {
        utf8_append(d.out, table[b]);
        i++;
        continue;
      }
      if (!decode_error(d, i, i + 1, "character maps to <undefined>", &i)) return Value::exc();
    }
    return str_value(d.out);
  }
  for (size_t i = 0; i < n;) {
    auto b = (unsigned char)data[i];
    Value r = getitem(mapping, int_from_i64(b));
    bool undefined = false;
    if (r.is_exc()) {
      if (!exc_matches(exc::LookupError)) return r;
      exc_fetch();
      undefined = true;
    } else if (r.is_none()) {
      undefined = true;
    } else if (is_int(r)) {
      int64_t v;
      if (!int_to_i64(r, &v) || v < 0 || v > 0x10FFFF)
        return raise(exc::TypeError, "character mapping must be in range(0x110000)");
      if (v == 0xFFFE) undefined = true;
      else utf8_append(d.out, uint32_t(v));
    } else if (is_str(r)) {
      StrObject* rs = as_str(r);
      if (rs->length == 1 && str_codepoint_at(rs, 0) == 0xFFFE) undefined = true;
      else d.out.append(rs->view());
    } else {
      return raise(exc::TypeError, "character mapping must return integer, None or str");
    }
    if (!undefined) {
      i++;
      continue;
    }
    if (!decode_error(d, i, i + 1, "character maps to <undefined>", &i)) return Value::exc();
  }
  return str_value(d.out);
}

}  // namespace chaipy
