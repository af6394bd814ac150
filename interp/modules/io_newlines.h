// interp/modules/io_newlines.h — newline handling shared by StringIO, TextIOWrapper and
// IncrementalNewlineDecoder: universal-newline line ends, translation, and the `newlines` record.
#pragma once
#include <string>
#include <string_view>

#include "interp/runtime.h"

namespace chaipy::io {

enum SeenNewline : uint8_t { kSeenCR = 1, kSeenLF = 2, kSeenCRLF = 4 };

// Records which newline kinds `text` holds and, if translate, returns it with "\r\n" and '\r'
// turned into '\n' (CPython's IncrementalNewlineDecoder, final=True).
inline std::string newlines_translate(std::string_view text, bool translate, uint8_t* seen) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        *seen |= kSeenCRLF;
        i++;
        out += translate ? "\n" : "\r\n";
      } else {
        *seen |= kSeenCR;
        out += translate ? '\n' : '\r';
      }
    } else {
      if (c == '\n') *seen |= kSeenLF;
      out += c;
    }
  }
  return out;
}

// Length of the first line of `s` (through its '\r', '\n' or "\r\n"), or s.size() if none.
template <class View>
size_t line_end_universal(View s, bool) {
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '\n') return i + 1;
    if (s[i] == '\r') return i + 1 < s.size() && s[i + 1] == '\n' ? i + 2 : i + 1;
  }
  return s.size();
}

// The `newlines` attribute for a record of seen kinds: None, one string, or a tuple of them.
inline Value newlines_value(uint8_t seen) {
  const char* names[3] = {"\r", "\n", "\r\n"};
  Value items[3];
  size_t n = 0;
  for (int k = 0; k < 3; k++)
    if (seen & (1 << k)) items[n++] = str_value(names[k]);
  if (n == 0) return Value::none();
  if (n == 1) return items[0];
  TupleObject* t = tuple_new(n);
  for (size_t i = 0; i < n; i++) t->items[i] = items[i];
  return obj(t);
}

}  // namespace chaipy::io
