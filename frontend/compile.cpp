// frontend/compile.cpp — the frontend pipeline (parse, fold, symtable, compile) and the
// CPython-style SyntaxError report.
#include <cctype>
#include "frontend/compile.h"

#include <fmt/format.h>

#include "frontend/compiler.h"
#include "frontend/fold.h"
#include "frontend/parser.h"
#include "frontend/parser_util.h"
#include "frontend/symtable.h"

namespace chaipy {

namespace {

// The PEP 263 declaration on line 1 or 2 (`coding[:=]\s*([-\w.]+)`), lower-cased, or "".
std::string coding_cookie(const std::string& src) {
  size_t line_start = 0;
  for (int line = 0; line < 2 && line_start < src.size(); line++) {
    size_t end = src.find('\n', line_start);
    std::string_view l(src.data() + line_start, (end == std::string::npos ? src.size() : end) - line_start);
    size_t i = l.find_first_not_of(" \t\f");
    if (i == std::string_view::npos || l[i] != '#') {
      if (i != std::string_view::npos) return "";  // code before the cookie: none
    } else {
      size_t c = l.find("coding", i);
      if (c != std::string_view::npos && c + 6 < l.size() && (l[c + 6] == ':' || l[c + 6] == '=')) {
        size_t a = c + 7;
        while (a < l.size() && (l[a] == ' ' || l[a] == '\t')) a++;
        size_t b = a;
        while (b < l.size() && (std::isalnum((unsigned char)l[b]) || l[b] == '-' || l[b] == '_' || l[b] == '.')) b++;
        std::string name(l.substr(a, b - a));
        for (char& ch : name) ch = char(std::tolower((unsigned char)ch));
        for (char& ch : name) if (ch == '_') ch = '-';
        return name;
      }
    }
    if (end == std::string::npos) break;
    line_start = end + 1;
  }
  return "";
}

// Index of the first byte that is not part of valid UTF-8, or npos.
size_t invalid_utf8_at(const std::string& s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || i + len > n || (len == 2 && c < 0xC2)) return i;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; k++) {
      unsigned char d = (unsigned char)s[i + k];
      if ((d >> 6) != 2) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string::npos;
}

// Applies the source encoding: UTF-8 (the default) must be valid; latin-1 / ascii cookies are
// decoded to UTF-8. On failure fills res.error the way CPython reports it and returns false.
bool decode_source(std::string& src, const std::string& filename, SourceKind kind, CompileResult& res) {
  std::string enc = coding_cookie(src);
  if (enc == "latin-1" || enc == "iso-8859-1" || enc == "iso8859-1" || enc == "latin1" || enc == "l1") {
    std::string out;
    out.reserve(src.size() + src.size() / 8);
    for (unsigned char c : src) {
      if (c < 0x80) {
        out += char(c);
      } else {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
      }
    }
    src = std::move(out);
    return true;
  }
  if (!enc.empty() && enc != "utf-8" && enc != "utf8" && enc != "ascii" && enc != "us-ascii") {
    SyntaxErrorInfo e;
    e.type = "SyntaxError";
    // The file tokenizer reports a cookie it cannot apply as an "encoding problem"; compile() of
    // bytes looks the codec up first.
    e.msg = (kind == SourceKind::kFile ? "encoding problem: " : "unknown encoding: ") + enc;
    e.filename = filename;
    res.error = e;
    return false;
  }
  size_t bad = invalid_utf8_at(src);
  if (bad == std::string::npos) return true;
  int line = 1;
  for (size_t i = 0; i < bad; i++) line += src[i] == '\n';
  SyntaxErrorInfo e;
  e.type = "SyntaxError";
  e.msg = fmt::format("Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding declared; "
                      "see https://peps.python.org/pep-0263/ for details",
                      (unsigned char)src[bad], filename, line);
  e.filename = filename;
  res.error = e;  // lineno 0: CPython prints no location for it
  return false;
}

}  // namespace

CompileResult compile_source(std::string_view source, const std::string& filename, CompileMode mode, SourceKind kind,
                             int depth_budget, uint32_t future_flags) {
  CompileResult res;
  if (size_t nul = source.find('\0'); nul != std::string_view::npos) {
    if (kind != SourceKind::kFile) {  // compile(): SyntaxError(msg), no location at all
      res.error = SyntaxErrorInfo{"SyntaxError", "source code string cannot contain null bytes", filename, "", -1, 0, 0, 0};
      return res;
    }
    int line = 1;
    size_t bol = 0;
    for (size_t i = 0; i < nul; i++)
      if (source[i] == '\n') { line++; bol = i + 1; }
    res.error = make_syntax_error(source.substr(0, nul), filename, "SyntaxError", "source code cannot contain null bytes",
                                  line, int(nul - bol), line, int(nul - bol));
    return res;
  }
  std::string src;
  src.reserve(source.size());
  for (size_t i = 0; i < source.size(); i++) {  // universal newlines
    if (source[i] == '\r') {
      src += '\n';
      if (i + 1 < source.size() && source[i + 1] == '\n') i++;
    } else {
      src += source[i];
    }
  }
  if (src.size() >= 3 && src.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    src.erase(0, 3);
  } else if (kind != SourceKind::kText && !decode_source(src, filename, kind, res)) {
    return res;
  }
  ParseMode pm = mode == CompileMode::Eval ? ParseMode::kEval : mode == CompileMode::Single ? ParseMode::kSingle : ParseMode::kExec;
  ParseResult pr = parse_source(src, filename, pm);
  if (pr.error) {
    res.error = std::move(pr.error);
    return res;
  }
  // The passes below recurse over the tree on the native stack: past CPython's budget (or what
  // that stack holds, whatever sys.setrecursionlimit says) the source is a RecursionError.
  constexpr int kNativeDepthCap = 20000;
  if (too_deep(pr.module.body, std::min(depth_budget, kNativeDepthCap))) {
    res.error = SyntaxErrorInfo{"RecursionError", "maximum recursion depth exceeded during compilation", filename, "", 0, 0, 0, 0};
    return res;
  }
  try {
    FutureFeatures future = future_features(pr.module, future_flags);
    bool future_annotations = future.flags & CO_FUTURE_ANNOTATIONS;
    fold_constants(pr.module, !future_annotations);
    std::optional<SyntaxErrorInfo> err;
    auto st = build_symtable(pr.module, src, filename, err, future_annotations);
    if (!st) {
      res.error = std::move(err);
      return res;
    }
    Compiler c(src, filename, *st, future);
    res.code = c.compile_module(pr.module, mode);
  } catch (const CompileError& e) {
    res.error = make_syntax_error(src, filename, "SyntaxError", e.msg, e.pos.line, e.pos.col, e.pos.end_line,
                                  e.pos.end_col);
  }
  return res;
}

std::string format_syntax_error(const SyntaxErrorInfo& e) {
  // A compile-time RecursionError is not a SyntaxError: CPython shows no location for it.
  if (e.type != "SyntaxError" && e.type != "IndentationError" && e.type != "TabError")
    return e.msg.empty() ? e.type + "\n" : fmt::format("{}: {}\n", e.type, e.msg);
  if (e.lineno <= 0) return fmt::format("{}: {}\n", e.type, e.msg);  // e.g. undecodable source
  std::string out = fmt::format("  File \"{}\", line {}\n", e.filename, e.lineno);
  if (!e.text.empty() || e.offset > 0) {
    // strip leading whitespace, shifting the caret columns with it (offsets count characters)
    std::string text = e.text;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    size_t strip = 0;
    while (strip < text.size() && (text[strip] == ' ' || text[strip] == '\t' || text[strip] == '\f')) strip++;
    std::string shown = text.substr(strip);
    if (!shown.empty() || !text.empty()) {
      out += "    " + shown + "\n";
      int len = utf8_char_count(shown, int(shown.size()));
      int offset = e.offset - 1 - int(strip);
      int end = e.end_offset - 1 - int(strip);
      if (e.end_lineno > e.lineno) end = len;
      if (offset > len) offset = len;
      if (offset >= 0) {
        bool indentation = e.type == "IndentationError" || e.type == "TabError";
        int n = (!indentation && e.end_offset > 0 && end > offset) ? end - offset : 1;
        if (offset + n > len + 1) n = std::max(1, len + 1 - offset);
        out += "    " + std::string(size_t(offset), ' ') + std::string(size_t(n), '^') + "\n";
      }
    }
  }
  out += fmt::format("{}: {}\n", e.type, e.msg);
  return out;
}

}  // namespace chaipy
