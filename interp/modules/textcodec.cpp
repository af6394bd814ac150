// interp/modules/textcodec.cpp — the text codecs _io and posix run natively: UTF-8, ASCII and
// Latin-1 with the strict / ignore / replace / surrogateescape / backslashreplace / surrogatepass
// error handlers, incremental decoding (a split multi-byte sequence waits for the next chunk), and
// the filesystem encoding (UTF-8 + surrogateescape). Other encodings go through `codecs` (io_text).
//
// A str's internal form is UTF-8 in which lone surrogates (U+D800..U+DFFF) are 3-byte sequences
// ED A0..BF xx; surrogateescape maps an undecodable byte b to U+DC00+b and back.
#include <fmt/format.h>

#include <langinfo.h>

#include <algorithm>
#include <clocale>
#include <cctype>
#include <cstring>

#include "interp/modules/os_support.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

std::string normalize(std::string_view name) {
  std::string n;
  for (char c : name) n += c == '_' || c == ' ' ? '-' : char(std::tolower((unsigned char)c));
  return n;
}

// Length of the longest prefix of a UTF-8 sequence starting at p[0] that can still be valid
// (CPython's "maximal subpart"), and the full length the lead byte asks for (0: invalid lead).
void utf8_prefix(const unsigned char* p, size_t n, size_t* valid, size_t* need) {
  unsigned char c = p[0];
  *need = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
  if (*need <= 1) {
    *valid = *need;
    return;
  }
  size_t k = 1;
  while (k < *need && k < n) {
    unsigned char b = p[k];
    unsigned char lo = 0x80, hi = 0xBF;
    if (k == 1) {
      if (c == 0xE0) lo = 0xA0;
      else if (c == 0xED) hi = 0x9F;
      else if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;
    }
    if (b < lo || b > hi) break;
    k++;
  }
  *valid = k;
}

// The error handler's output for undecodable bytes p[start, end). Returns false for strict.
bool decode_error(TextCodec c, TextErrors e, const unsigned char* p, size_t start, size_t end, const char* reason,
                  std::string* out) {
  switch (e) {
    case TextErrors::kIgnore: return true;
    case TextErrors::kReplace: out->append("\xEF\xBF\xBD"); return true;
    case TextErrors::kSurrogateEscape: {
      for (size_t i = start; i < end; i++) {
        if (p[i] < 0x80) {  // only bytes >= 128 can be escaped
          raise_fmt(exc::UnicodeDecodeError, "'{}' codec can't decode byte 0x{:02x} in position {}: {}", text_codec_name(c),
                    p[start], start, reason);
          return false;
        }
        utf8_append(*out, 0xDC00 + p[i]);
      }
      return true;
    }
    case TextErrors::kBackslashReplace:
      for (size_t i = start; i < end; i++) out->append(fmt::format("\\x{:02x}", p[i]));
      return true;
    default:
      if (end - start == 1)
        raise_fmt(exc::UnicodeDecodeError, "'{}' codec can't decode byte 0x{:02x} in position {}: {}", text_codec_name(c),
                  p[start], start, reason);
      else
        raise_fmt(exc::UnicodeDecodeError, "'{}' codec can't decode bytes in position {}-{}: {}", text_codec_name(c), start,
                  end - 1, reason);
      return false;
  }
}

bool encode_error(TextCodec c, TextErrors e, uint32_t cp, size_t index, const char* reason, std::string* out) {
  switch (e) {
    case TextErrors::kIgnore: return true;
    case TextErrors::kReplace: *out += '?'; return true;
    case TextErrors::kSurrogateEscape:
      if (cp >= 0xDC80 && cp <= 0xDCFF) {
        *out += char(cp - 0xDC00);
        return true;
      }
      break;
    case TextErrors::kBackslashReplace:
      if (cp < 0x100) *out += fmt::format("\\x{:02x}", cp);
      else if (cp < 0x10000) *out += fmt::format("\\u{:04x}", cp);
      else *out += fmt::format("\\U{:08x}", cp);
      return true;
    case TextErrors::kSurrogatePass:
      if (c == TextCodec::kUtf8 && cp >= 0xD800 && cp <= 0xDFFF) {
        utf8_append(*out, cp);
        return true;
      }
      break;
    default: break;
  }
  std::string ch = cp < 0x100 ? fmt::format("\\x{:02x}", cp) : cp < 0x10000 ? fmt::format("\\u{:04x}", cp)
                                                                               : fmt::format("\\U{:08x}", cp);
  raise_fmt(exc::UnicodeEncodeError, "'{}' codec can't encode character '{}' in position {}: {}", text_codec_name(c), ch,
            index, reason);
  return false;
}

}  // namespace

bool text_codec_lookup(std::string_view name, TextCodec* out) {
  std::string n = normalize(name);
  if (n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001") *out = TextCodec::kUtf8;
  else if (n == "ascii" || n == "us-ascii" || n == "646" || n == "ansi-x3.4-1968") *out = TextCodec::kAscii;
  else if (n == "latin-1" || n == "latin1" || n == "iso-8859-1" || n == "iso8859-1" || n == "8859" || n == "cp819" ||
           n == "latin" || n == "l1")
    *out = TextCodec::kLatin1;
  else
    return false;
  return true;
}

bool text_errors_lookup(std::string_view name, TextErrors* out) {
  if (name == "strict") *out = TextErrors::kStrict;
  else if (name == "ignore") *out = TextErrors::kIgnore;
  else if (name == "replace") *out = TextErrors::kReplace;
  else if (name == "surrogateescape") *out = TextErrors::kSurrogateEscape;
  else if (name == "backslashreplace") *out = TextErrors::kBackslashReplace;
  else if (name == "surrogatepass") *out = TextErrors::kSurrogatePass;
  else return false;
  return true;
}

const char* text_codec_name(TextCodec c) {
  return c == TextCodec::kUtf8 ? "utf-8" : c == TextCodec::kAscii ? "ascii" : "latin-1";
}

int64_t text_decode(TextCodec c, TextErrors e, const char* data, size_t n, bool final, std::string* out) {
  auto* p = reinterpret_cast<const unsigned char*>(data);
  if (c == TextCodec::kLatin1) {
    for (size_t i = 0; i < n; i++) utf8_append(*out, p[i]);
    return int64_t(n);
  }
  if (c == TextCodec::kAscii) {
    for (size_t i = 0; i < n; i++) {
      if (p[i] < 0x80) *out += char(p[i]);
      else if (!decode_error(c, e, p, i, i + 1, "ordinal not in range(128)", out)) return -1;
    }
    return int64_t(n);
  }
  size_t i = 0;
  while (i < n) {
    size_t run = i;  // ASCII run
    while (run < n && p[run] < 0x80) run++;
    out->append(data + i, run - i);
    i = run;
    if (i >= n) break;
    size_t valid, need;
    utf8_prefix(p + i, n - i, &valid, &need);
    if (need > 1 && valid == need) {
      out->append(data + i, need);
      i += need;
      continue;
    }
    if (need == 0) {
      if (!decode_error(c, e, p, i, i + 1, "invalid start byte", out)) return -1;
      i++;
      continue;
    }
    if (i + valid >= n) {  // ran out of input inside a sequence
      if (!final) return int64_t(i);
      if (!decode_error(c, e, p, i, n, "unexpected end of data", out)) return -1;
      i = n;
      continue;
    }
    if (!decode_error(c, e, p, i, i + valid, "invalid continuation byte", out)) return -1;
    i += valid;
  }
  return int64_t(n);
}

bool text_encode(TextCodec c, TextErrors e, std::string_view s, std::string* out) {
  auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  if (c == TextCodec::kUtf8) {
    // Fast path: no lone surrogates (ED A0..BF) means the internal form is the encoding.
    size_t i = 0, index = 0;
    while (i < n) {
      const void* ed = std::memchr(p + i, 0xED, n - i);
      size_t stop = ed ? size_t(static_cast<const unsigned char*>(ed) - p) : n;
      for (size_t k = i; k < stop; k++) index += (p[k] & 0xC0) != 0x80;  // code points, for messages
      out->append(s.data() + i, stop - i);
      i = stop;
      if (i >= n) break;
      if (i + 1 < n && p[i + 1] >= 0xA0) {  // ED A0..BF xx: a lone surrogate
        int len;
        uint32_t cp = utf8_decode(s.data() + i, &len);
        if (!encode_error(c, e, cp, index, "surrogates not allowed", out)) return false;
        i += size_t(len);
      } else {
        out->append(s.data() + i, std::min<size_t>(3, n - i));
        i += 3;
      }
      index++;
    }
    return true;
  }
  uint32_t limit = c == TextCodec::kAscii ? 0x80 : 0x100;
  size_t index = 0;
  for (size_t i = 0; i < n; index++) {
    if (p[i] < 0x80) {
      *out += char(p[i++]);
      continue;
    }
    int len;
    uint32_t cp = utf8_decode(s.data() + i, &len);
    i += size_t(len);
    if (cp < limit) {
      *out += char(cp);
      continue;
    }
    const char* reason = limit == 0x80 ? "ordinal not in range(128)" : "ordinal not in range(256)";
    if (e == TextErrors::kStrict) {
      // CPython's error covers the whole run of characters the codec cannot encode.
      size_t end = index + 1;
      for (size_t k = i; k < n; end++) {
        uint32_t next = utf8_decode(s.data() + k, &len);
        if (next < limit) break;
        k += size_t(len);
      }
      if (end > index + 1) {
        raise_fmt(exc::UnicodeEncodeError, "'{}' codec can't encode characters in position {}-{}: {}", text_codec_name(c),
                  index, end - 1, reason);
        return false;
      }
    }
    if (!encode_error(c, e, cp, index, reason, out)) return false;
  }
  return true;
}

size_t text_encoded_length(TextCodec c, TextErrors e, std::string_view s) {
  auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), len = 0;
  if (c == TextCodec::kUtf8) {
    len = n;
    if (e == TextErrors::kSurrogateEscape)  // an escaped byte is one input byte, three internal ones
      for (size_t i = 0; i + 2 < n; i++)
        if (p[i] == 0xED && p[i + 1] >= 0xB2 && p[i + 1] <= 0xB3) len -= 2, i += 2;
    return len;
  }
  for (size_t i = 0; i < n; i++) len += (p[i] & 0xC0) != 0x80;  // one byte per code point
  return len;
}

std::string locale_encoding() {
  static std::string enc = [] {
    // CPython sets LC_CTYPE from the environment at start-up and asks nl_langinfo(CODESET); the
    // C/POSIX locale turns on UTF-8 mode (PEP 540), which reports 'utf-8'.
    const char* saved = std::setlocale(LC_CTYPE, nullptr);
    std::string keep = saved ? saved : "C";
    const char* now = std::setlocale(LC_CTYPE, "");
    std::string codeset = now ? nl_langinfo(CODESET) : "";
    std::string name = now ? now : "C";
    std::setlocale(LC_CTYPE, keep.c_str());
    if (!now || name == "C" || name == "POSIX" || codeset.empty() || codeset == "ANSI_X3.4-1968") return std::string("utf-8");
    return codeset;
  }();
  return enc;
}

Value fs_decode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  if (text_decode(TextCodec::kUtf8, TextErrors::kSurrogateEscape, bytes.data(), bytes.size(), true, &out) < 0) {
    // Bytes below 128 are always valid: surrogateescape never fails on UTF-8 input.
    return Value::exc();
  }
  return str_value(out);
}

bool fs_encode(StrObject* s, std::string* out) {
  if (s->ascii) {
    out->assign(s->data, s->nbytes);
    return true;
  }
  out->clear();
  return text_encode(TextCodec::kUtf8, TextErrors::kSurrogateEscape, s->view(), out);
}

}  // namespace chaipy
