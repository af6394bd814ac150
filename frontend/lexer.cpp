// frontend/lexer.cpp — the tokenizer: CPython 3.11's token stream and tokenizer error messages.
#include "frontend/lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "unicode/unicode.h"
#include "unicode/utf8.h"

namespace chaipy {

const char* const kTokText[int(Tok::kCount)] = {
#define TOKEN(name, text) text,
#include "frontend/tokens.def"
#undef TOKEN
};

// -- Error helpers ----------------------------------------------------------------------------
std::string source_line(std::string_view src, int lineno) {
  size_t pos = 0;
  for (int l = 1; l < lineno; l++) {
    size_t nl = src.find('\n', pos);
    if (nl == std::string_view::npos) return "";
    pos = nl + 1;
  }
  size_t nl = src.find('\n', pos);
  return std::string(src.substr(pos, nl == std::string_view::npos ? src.size() - pos : nl - pos));
}

int utf8_char_count(std::string_view line, int byte_col) {
  int n = 0;
  for (int i = 0; i < byte_col && i < int(line.size()); i++)
    if ((uint8_t(line[i]) & 0xC0) != 0x80) n++;
  if (byte_col > int(line.size())) n += byte_col - int(line.size());
  return n;
}

SyntaxErrorInfo make_syntax_error(std::string_view src, const std::string& filename, const std::string& type,
                                  const std::string& msg, int line, int col, int end_line, int end_col) {
  SyntaxErrorInfo e;
  e.type = type;
  e.msg = msg;
  e.filename = filename;
  e.lineno = line;
  e.text = source_line(src, line);
  e.offset = col < 0 ? 0 : utf8_char_count(e.text, col) + 1;  // col -1: no column (offset 0, no caret)
  e.end_lineno = end_line;
  std::string end_text = end_line == line ? e.text : source_line(src, end_line);
  e.end_offset = end_col < 0 ? 0 : utf8_char_count(end_text, end_col) + 1;
  return e;
}

static const char* const kKeywords[] = {"False", "None", "True", "and", "as", "assert", "async", "await",
                                        "break", "class", "continue", "def", "del", "elif", "else", "except",
                                        "finally", "for", "from", "global", "if", "import", "in", "is",
                                        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
                                        "while", "with", "yield"};
bool is_keyword(std::string_view name) {
  for (const char* k : kKeywords)
    if (name == k) return true;
  return false;
}

// Decode one UTF-8 code point at s[i]; sets `len`.
static uint32_t decode_utf8(std::string_view s, size_t i, int& len) {
  uint8_t c = uint8_t(s[i]);
  if (c < 0x80) { len = 1; return c; }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > s.size()) n = 1;
  uint32_t cp = n == 4 ? c & 0x07 : n == 3 ? c & 0x0F : n == 2 ? c & 0x1F : c;
  for (int k = 1; k < n; k++) cp = (cp << 6) | (uint8_t(s[i + k]) & 0x3F);
  len = n;
  return cp;
}

// Identifiers are NFKC-normalised (PEP 3131): the normalised spelling of a non-ASCII name lives
// here for the rest of the process, so tokens can keep pointing at stable text.
static std::string_view normalized_identifier(std::string_view name) {
  static std::unordered_set<std::string> names;
  std::string n = unicode::normalize(unicode::NormalForm::kNFKC, name);
  if (n == name) return name;
  return *names.insert(std::move(n)).first;
}

// -- The tokenizer ----------------------------------------------------------------------------
namespace {

struct Bracket { char ch; int line, col; };

class Lexer {
 public:
  Lexer(std::string_view src, const std::string& filename, const LexRange& r)
      : _src(src), _filename(filename), _pos(r.begin), _end(std::min(r.end, src.size())), _line(r.line),
        _line_start(r.line_start), _expr(r.expression) {}

  LexOutput run() {
    _indents.push_back(0);
    _alt_indents.push_back(0);
    _at_bol = !_expr;
    while (!_out.error) {
      if (!step()) break;
    }
    return std::move(_out);
  }

 private:
  std::string_view _src;
  const std::string& _filename;
  size_t _pos, _end;
  int _line;
  size_t _line_start;
  bool _expr;
  bool _at_bol = true;
  bool _line_has_tokens = false;
  std::vector<int> _indents, _alt_indents;
  std::vector<Bracket> _brackets;
  LexOutput _out;

  int col() const { return int(_pos - _line_start); }
  char peek(size_t k = 0) const { return _pos + k < _end ? _src[_pos + k] : '\0'; }

  void push(Tok kind, size_t start, int line, int col0) {
    Token t;
    t.kind = kind;
    t.text = _src.substr(start, _pos - start);
    t.line = line;
    t.col = col0;
    t.end_line = _line;
    t.end_col = col();
    _out.tokens.push_back(t);
  }

  // Tokenizer errors point at a single character, as CPython's do.
  void error(const std::string& msg, int line, int c, int end_line, int end_c, const char* type = "SyntaxError") {
    _out.error = make_syntax_error(_src, _filename, type, msg, line, c, line, c);
    Token t;
    t.kind = Tok::ERRORTOKEN;
    t.line = line;
    t.col = c;
    t.end_line = end_line;
    t.end_col = end_c;
    _out.tokens.push_back(t);
  }
  void error_here(const std::string& msg, int c) { error(msg, _line, c, _line, c + 1); }

  void newline_advance() {  // consume a '\n' at _pos
    _pos++;
    _line++;
    _line_start = _pos;
  }

  // Handle the indentation at the beginning of a line. Returns false at end of input.
  bool begin_line() {
    for (;;) {
      int width = 0, alt = 0;
      size_t p = _pos;
      while (p < _end && (_src[p] == ' ' || _src[p] == '\t' || _src[p] == '\f')) {
        if (_src[p] == ' ') { width++; alt++; }
        else if (_src[p] == '\t') { width = (width / 8 + 1) * 8; alt++; }
        else { width = alt = 0; }
        p++;
      }
      // blank or comment-only line: no tokens
      if (p >= _end || _src[p] == '\n' || _src[p] == '#' || (_src[p] == '\\' && p + 1 < _end && _src[p + 1] == '\n' && false)) {
        while (p < _end && _src[p] != '\n') p++;
        _pos = p;
        if (p >= _end) return false;
        newline_advance();
        continue;
      }
      _pos = p;
      _at_bol = false;
      int c = col();
      if (width > _indents.back()) {
        if (alt <= _alt_indents.back()) {
          error("inconsistent use of tabs and spaces in indentation", _line, 0, _line, 0, "TabError");
          return false;
        }
        if (_indents.size() >= 100) {
          error("too many levels of indentation", _line, c, _line, c + 1, "IndentationError");
          return false;
        }
        _indents.push_back(width);
        _alt_indents.push_back(alt);
        Token t;
        t.kind = Tok::INDENT;
        t.line = t.end_line = _line;
        t.col = 0;
        t.end_col = c;
        t.text = _src.substr(_line_start, c);
        _out.tokens.push_back(t);
      } else if (width < _indents.back()) {
        while (_indents.size() > 1 && width < _indents.back()) {
          _indents.pop_back();
          _alt_indents.pop_back();
          Token t;
          t.kind = Tok::DEDENT;
          t.line = t.end_line = _line;
          t.col = t.end_col = c;
          _out.tokens.push_back(t);
        }
        if (width != _indents.back()) {
          size_t eol = _src.find('\n', _line_start);
          int len = int((eol == std::string_view::npos ? _src.size() : eol) - _line_start);
          error("unindent does not match any outer indentation level", _line, len, _line, len, "IndentationError");
          return false;
        }
        if (alt != _alt_indents.back()) {
          error("inconsistent use of tabs and spaces in indentation", _line, 0, _line, 0, "TabError");
          return false;
        }
      } else if (alt != _alt_indents.back()) {
        error("inconsistent use of tabs and spaces in indentation", _line, 0, _line, 0, "TabError");
        return false;
      }
      return true;
    }
  }

  void finish() {
    if (!_brackets.empty() && !_expr) {
      Bracket b = _brackets.back();
      error(fmt::format("'{}' was never closed", b.ch), b.line, b.col, b.line, b.col + 1);
      _out.eof_unclosed = true;
      return;
    }
    Token t;
    t.line = t.end_line = _line;
    t.col = t.end_col = col();
    if (!_expr && _line_has_tokens) {
      t.kind = Tok::NEWLINE;
      _out.tokens.push_back(t);
    }
    if (!_expr && _line_has_tokens) {  // CPython reports the end marker on the following line
      t.line = t.end_line = _line + 1;
      t.col = t.end_col = 0;
    }
    for (size_t i = 1; i < _indents.size(); i++) {
      t.kind = Tok::DEDENT;
      _out.tokens.push_back(t);
    }
    t.kind = Tok::ENDMARKER;
    _out.tokens.push_back(t);
  }

  bool step() {
    if (_at_bol && _brackets.empty()) {
      if (!begin_line()) {
        if (!_out.error) finish();
        return false;
      }
    }
    // skip whitespace, comments, line continuations
    for (;;) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\f' || c == '\r') { _pos++; continue; }
      if (c == '#') { while (_pos < _end && _src[_pos] != '\n') _pos++; continue; }
      if (c == '\\') {
        if (peek(1) == '\n') { _pos++; newline_advance(); if (_pos >= _end && !_expr) { error("unexpected EOF while parsing", _line - 1, 0, _line - 1, 1); return false; } continue; }
        if (peek(1) == '\r' && peek(2) == '\n') { _pos += 2; newline_advance(); continue; }
        if (_pos + 1 >= _end) {  // a backslash ending the file
          error("unexpected EOF while parsing", _line, col(), _line, col() + 1);
          return false;
        }
        error_here("unexpected character after line continuation character", col() + 1);
        return false;
      }
      break;
    }
    if (_pos >= _end) {
      finish();
      return false;
    }
    char c = peek();
    int line0 = _line, col0 = col();
    size_t start = _pos;
    if (c == '\n') {
      if (_brackets.empty() && !_expr) {
        _pos++;
        push(Tok::NEWLINE, start, line0, col0);
        _line++;
        _line_start = _pos;
        _at_bol = true;
        _line_has_tokens = false;
      } else {
        newline_advance();
      }
      return true;
    }
    _line_has_tokens = true;
    uint8_t uc = uint8_t(c);
    if (std::isalpha(uc) || c == '_' || uc >= 0x80) return lex_name_or_string();
    if (std::isdigit(uc) || (c == '.' && std::isdigit(uint8_t(peek(1))))) return lex_number();
    if (c == '"' || c == '\'') return lex_string(start, 0);
    return lex_operator();
  }

  bool lex_name_or_string() {
    size_t start = _pos;
    int col0 = col();
    // string prefix?
    size_t p = _pos;
    while (p < _end && p - _pos < 3 && std::strchr("rRbBfFuU", _src[p]) && _src[p] != '\0') p++;
    if (p < _end && p > _pos && (_src[p] == '"' || _src[p] == '\'')) {
      std::string pre;
      for (size_t k = _pos; k < p; k++) pre += char(std::tolower(uint8_t(_src[k])));
      static const char* const ok[] = {"r", "b", "f", "u", "rb", "br", "fr", "rf"};
      for (const char* o : ok)
        if (pre == o) return lex_string(start, int(p - _pos));
    }
    bool ascii = true;
    while (_pos < _end) {
      uint8_t ch = uint8_t(_src[_pos]);
      if (ch < 0x80) {
        if (std::isalnum(ch) || ch == '_') { _pos++; continue; }
        break;
      }
      int len;
      uint32_t cp = decode_utf8(_src, _pos, len);
      if (_pos == start ? !unicode::is_xid_start(cp) : !unicode::is_xid_continue(cp)) {
        if (_pos == start) return invalid_character(cp, len);
        break;
      }
      _pos += len;
      ascii = false;
    }
    push(Tok::NAME, start, _line, col0);
    if (!ascii) _out.tokens.back().text = normalized_identifier(_out.tokens.back().text);
    return true;
  }

  bool invalid_character(uint32_t cp, int len) {
    int c = col();
    if (!unicode::is_printable(cp))
      error(fmt::format("invalid non-printable character U+{:04X}", cp), _line, c, _line, c + len);
    else
      error(fmt::format("invalid character '{}' (U+{:04X})", _src.substr(_pos, len), cp), _line, c, _line, c + len);
    return false;
  }

  // CPython's verify_end_of_number: a literal directly followed by a name character.
  bool check_number_end(size_t start, int col0, const char* kind) {
    char c = peek();
    uint8_t uc = uint8_t(c);
    // CPython 3.11 compares a signed char here, so non-ASCII never counts.
    if (!(std::isalnum(uc) || c == '_')) return true;
    // "1if x else y" and friends are accepted (with a warning) by CPython
    static const char* const kw[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
    for (const char* k : kw) {
      size_t n = std::strlen(k);
      if (_src.substr(_pos, n) == k) {
        char after = _pos + n < _end ? _src[_pos + n] : ' ';
        if (!(std::isalnum(uint8_t(after)) || after == '_')) return true;
      }
    }
    error(fmt::format("invalid {} literal", kind), _line, col0, _line, col() + 1);
    (void)start;
    return false;
  }

  bool digits(bool (*ok)(char), bool allow_empty, const char* kind, size_t start, int col0) {
    bool any = false;
    for (;;) {
      if (_pos < _end && ok(_src[_pos])) { _pos++; any = true; continue; }
      if (peek() == '_' && any && _pos + 1 < _end && ok(_src[_pos + 1])) { _pos++; continue; }
      break;
    }
    if (peek() == '_') {
      error(fmt::format("invalid {} literal", kind), _line, col(), _line, col());
      return false;
    }
    if (!any && !allow_empty) {
      error(fmt::format("invalid {} literal", kind), _line, col() - 1, _line, col());
      return false;
    }
    (void)start;
    return true;
  }

  bool lex_number() {
    size_t start = _pos;
    int col0 = col();
    auto dec = [](char c) { return c >= '0' && c <= '9'; };
    if (peek() == '0' && std::strchr("xXoObB", peek(1)) && peek(1) != '\0') {
      char k = char(std::tolower(uint8_t(peek(1))));
      _pos += 2;
      if (peek() == '_') _pos++;
      const char* kind = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
      bool (*ok)(char) = k == 'x' ? [](char c) { return bool(std::isxdigit(uint8_t(c))); }
                          : k == 'o' ? [](char c) { return c >= '0' && c <= '7'; }
                                     : [](char c) { return c == '0' || c == '1'; };
      if (!digits(ok, false, kind, start, col0)) return false;
      if (k != 'x' && std::isdigit(uint8_t(peek()))) {
        error(fmt::format("invalid digit '{}' in {} literal", peek(), kind), _line, col(), _line, col() + 1);
        return false;
      }
      if (!check_number_end(start, col0, kind)) return false;
      push(Tok::NUMBER, start, _line, col0);
      return true;
    }
    bool is_float = false;
    if (peek() != '.') {
      if (!digits(dec, false, "decimal", start, col0)) return false;
    }
    if (peek() == '.') {
      is_float = true;
      _pos++;
      if (std::isdigit(uint8_t(peek())) && !digits(dec, true, "decimal", start, col0)) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      size_t save = _pos;
      _pos++;
      if (peek() == '+' || peek() == '-') _pos++;
      if (!std::isdigit(uint8_t(peek()))) {
        _pos = save;
        _pos++;
        error("invalid decimal literal", _line, col0, _line, col());
        return false;
      }
      if (!digits(dec, false, "decimal", start, col0)) return false;
      is_float = true;
    }
    if (peek() == 'j' || peek() == 'J') {
      _pos++;
      is_float = true;
    }
    if (!is_float) {
      // leading zeros
      std::string_view t = _src.substr(start, _pos - start);
      if (t.size() > 1 && t[0] == '0') {
        bool nonzero = false;
        for (char ch : t) if (ch != '0' && ch != '_') nonzero = true;
        if (nonzero) {
          error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                _line, col0, _line, col() + 1);
          return false;
        }
      }
    }
    if (!check_number_end(start, col0, is_float && (_src[_pos - 1] == 'j' || _src[_pos - 1] == 'J') ? "imaginary" : "decimal")) return false;
    push(Tok::NUMBER, start, _line, col0);
    return true;
  }

  // The line CPython names in "unterminated ... (detected at line N)": the last line with text.
  int detected_line() const { return (_pos > 0 && _pos <= _src.size() && _src[_pos - 1] == '\n') ? _line - 1 : _line; }

  bool lex_string(size_t start, int prefix_len) {
    int line0 = _line, col0 = col();
    _pos = start + prefix_len;
    char q = peek();
    int qlen = (peek(1) == q && peek(2) == q) ? 3 : 1;
    _pos += qlen;
    for (;;) {
      if (_pos >= _end) {
        if (qlen == 3)
          error(fmt::format("unterminated triple-quoted string literal (detected at line {})", detected_line()), line0, col0,
                line0, col0 + 1);
        else
          error(fmt::format("unterminated string literal (detected at line {})", detected_line()), line0, col0, line0, col0 + 1);
        return false;
      }
      char c = _src[_pos];
      if (c == '\\') {
        _pos++;
        if (_pos < _end) {
          if (_src[_pos] == '\n') newline_advance(); else _pos++;
        }
        continue;
      }
      if (c == '\n') {
        if (qlen == 1) {
          error(fmt::format("unterminated string literal (detected at line {})", _line), line0, col0, line0, col0 + 1);
          return false;
        }
        newline_advance();
        continue;
      }
      if (c == q && (qlen == 1 || (peek(1) == q && peek(2) == q))) {
        _pos += qlen;
        break;
      }
      _pos++;
    }
    push(Tok::STRING, start, line0, col0);
    return true;
  }

  bool lex_operator() {
    size_t start = _pos;
    int col0 = col();
    // longest match over the operator spellings of tokens.def
    int best = -1;
    size_t best_len = 0;
    for (int k = int(Tok::LPAR); k < int(Tok::kCount); k++) {
      size_t n = std::strlen(kTokText[k]);
      if (n > best_len && _src.substr(_pos, n) == kTokText[k] && _pos + n <= _end) {
        best = k;
        best_len = n;
      }
    }
    if (best < 0) {
      uint8_t uc = uint8_t(peek());
      if (uc < 0x20 || uc == 0x7F) {
        error(fmt::format("invalid non-printable character U+{:04X}", unsigned(uc)), _line, col0, _line, col0 + 1);
        return false;
      }
      // '$', '?', '`': CPython reports a generic "invalid syntax" at the character
      error("invalid syntax", _line, col0, _line, col0 + 1);
      return false;
    }
    Tok kind = Tok(best);
    _pos += best_len;
    char c = _src[start];
    if (kind == Tok::LPAR || kind == Tok::LSQB || kind == Tok::LBRACE) {
      if (_brackets.size() >= 200) {
        error("too many nested parentheses", _line, col0, _line, col0 + 1);
        return false;
      }
      _brackets.push_back({c, _line, col0});
    } else if (kind == Tok::RPAR || kind == Tok::RSQB || kind == Tok::RBRACE) {
      if (_brackets.empty()) {
        if (!_expr) {
          error(fmt::format("unmatched '{}'", c), _line, col0, _line, col0 + 1);
          return false;
        }
      } else {
        Bracket b = _brackets.back();
        char want = b.ch == '(' ? ')' : b.ch == '[' ? ']' : '}';
        if (c != want) {
          if (b.line != _line)
            error(fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}' on line {}", c, b.ch,
                              b.line), _line, col0, _line, col0 + 1);
          else
            error(fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}'", c, b.ch), _line,
                  col0, _line, col0 + 1);
          return false;
        }
        _brackets.pop_back();
      }
    }
    push(kind, start, _line, col0);
    return true;
  }
};

}  // namespace

LexOutput tokenize(std::string_view src, const std::string& filename, const LexRange& range) {
  Lexer lx(src, filename, range);
  return lx.run();
}

// -- String literal bodies --------------------------------------------------------------------
StringPrefix string_prefix(std::string_view lit) {
  StringPrefix p;
  size_t i = 0;
  while (i < lit.size() && lit[i] != '"' && lit[i] != '\'') {
    char c = char(std::tolower(uint8_t(lit[i])));
    if (c == 'r') p.raw = true;
    if (c == 'b') p.bytes = true;
    if (c == 'f') p.fmt = true;
    i++;
  }
  p.prefix_len = int(i);
  if (i + 2 < lit.size() && lit[i + 1] == lit[i] && lit[i + 2] == lit[i] && lit.size() - i >= 6) p.quote_len = 3;
  return p;
}

// Error positions are those of CPython's unicode_escape decoder, which sees the body with each
// non-ASCII character spelled as a 10-byte \UXXXXXXXX escape.
static size_t escape_position(std::string_view s, size_t i) {
  size_t pos = 0;
  for (size_t k = 0; k < i && k < s.size(); k++) {
    auto c = (unsigned char)s[k];
    if (c < 0x80) pos++;
    else if ((c & 0xC0) != 0x80) pos += 10;
  }
  return pos;
}

bool decode_escapes(std::string_view s, bool bytes, std::string& out, std::string& err) {
  // "(unicode error) ... position START-END: msg" for the escape from s[start] to s[end - 1].
  auto unicode_error = [&](size_t start, size_t end, std::string_view msg) {
    err = fmt::format("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}",
                      escape_position(s, start), escape_position(s, end) - 1, msg);
    return false;
  };
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    size_t start = i;
    if (++i >= s.size()) { out += '\\'; break; }
    c = s[i];
    switch (c) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = 0;
        int n = 0;
        while (n < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7') { v = v * 8 + (s[i] - '0'); i++; n++; }
        i--;
        if (bytes) out += char(v & 0xFF); else utf8_append(out, v);
        break;
      }
      case 'x': case 'u': case 'U': {
        int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (bytes && c != 'x') { out += '\\'; out += c; break; }
        uint32_t v = 0;
        for (int k = 0; k < n; k++) {
          if (i + 1 >= s.size() || !std::isxdigit(uint8_t(s[i + 1]))) {
            if (bytes) {
              err = fmt::format("(value error) invalid \\x escape at position {}", start);
              return false;
            }
            return unicode_error(start, i + 1, fmt::format("truncated \\{}{} escape", c, std::string(n, 'X')));
          }
          char h = s[++i];
          v = v * 16 + (std::isdigit(uint8_t(h)) ? h - '0' : std::tolower(uint8_t(h)) - 'a' + 10);
        }
        if (bytes) out += char(v);
        else if (v > 0x10FFFF) return unicode_error(start, i + 1, "illegal Unicode character");
        else utf8_append(out, v);
        break;
      }
      case 'N': {
        if (bytes) {
          out += "\\N";
          break;
        }
        // \N{name}: names, aliases (not named sequences), case-insensitively.
        if (i + 1 >= s.size() || s[i + 1] != '{') return unicode_error(start, i + 1, "malformed \\N character escape");
        size_t close = s.find('}', i + 2);
        if (close == std::string_view::npos) return unicode_error(start, s.size(), "malformed \\N character escape");
        if (close == i + 2) return unicode_error(start, close, "malformed \\N character escape");
        if (!unicode::lookup(s.substr(i + 2, close - i - 2), false, &out))
          return unicode_error(start, close + 1, "unknown Unicode character name");
        i = close;
        break;
      }
      default:
        out += '\\';
        out += c;
    }
  }
  return true;
}

}  // namespace chaipy
