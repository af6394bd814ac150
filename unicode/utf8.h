// unicode/utf8.h — decoding and encoding one code point of chaipy's string representation:
// UTF-8 generalised to lone surrogates (U+D800..U+DFFF encoded as their own 3-byte sequences,
// never paired), so every Python str, including those surrogateescape produces, is representable
// and byte order equals code-point order. Strict UTF-8 output refuses the surrogates (codecs).
#pragma once
#include <cstdint>
#include <string>

namespace chaipy {

// Decodes the code point at p (well-formed generalised UTF-8); *len gets its byte length.
inline uint32_t utf8_decode(const char* p, int* len) {
  auto c = (unsigned char)p[0];
  if (c < 0x80) { *len = 1; return c; }
  if (c < 0xE0) { *len = 2; return ((c & 0x1F) << 6) | (p[1] & 0x3F); }
  if (c < 0xF0) { *len = 3; return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); }
  *len = 4;
  return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

// Byte length of the sequence that starts with byte c.
inline int utf8_seq_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

inline void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// True if the (generalised) UTF-8 text holds a lone surrogate: a 0xED lead byte followed by
// 0xA0..0xBF.
inline bool utf8_has_surrogate(const char* p, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((unsigned char)p[i] == 0xED && (unsigned char)p[i + 1] >= 0xA0) return true;
  return false;
}

}  // namespace chaipy
