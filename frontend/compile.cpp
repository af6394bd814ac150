// frontend/compile.cpp — the frontend pipeline (parse, fold, symtable, compile) and the
// CPython-style SyntaxError report.
#include "frontend/compile.h"

#include <fmt/format.h>

#include "frontend/compiler.h"
#include "frontend/fold.h"
#include "frontend/parser.h"
#include "frontend/symtable.h"

namespace chaipy {

CompileResult compile_source(std::string_view source, const std::string& filename, CompileMode mode) {
  CompileResult res;
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
  if (src.size() >= 3 && src.compare(0, 3, "\xEF\xBB\xBF") == 0) src.erase(0, 3);
  ParseMode pm = mode == CompileMode::Eval ? ParseMode::kEval : mode == CompileMode::Single ? ParseMode::kSingle : ParseMode::kExec;
  ParseResult pr = parse_source(src, filename, pm);
  if (pr.error) {
    res.error = std::move(pr.error);
    return res;
  }
  fold_constants(pr.module);
  std::optional<SyntaxErrorInfo> err;
  auto st = build_symtable(pr.module, src, filename, err);
  if (!st) {
    res.error = std::move(err);
    return res;
  }
  try {
    Compiler c(src, filename, *st);
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
    return fmt::format("{}: {}\n", e.type, e.msg);
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
