// tests/fuzz/fuzz_compile.cpp — libFuzzer target for the frontend (lexer, parser, constant
// folder, symbol table, compiler, disassembler).
//
// Input: arbitrary bytes, used as Python source text. For every input, compile_source must return
// either a code unit or a SyntaxError (never crash, hang, leak or trip a sanitizer). Oracles:
//   * a SyntaxError formats (format_syntax_error) without crashing;
//   * a compiled code unit passes the pyc validator (validate_code_tree: the invariants the VM
//     relies on — jump targets, table indices, CACHE words, local kinds, ...);
//   * it disassembles without crashing;
//   * it survives a marshal round trip: marshal_load(marshal_dump(c)) is accepted and code_equal.
// Exec mode is always tried; short inputs are also compiled in eval and single (REPL) mode.
//
// FUZZ_COMPILE_SKIP_INVALID_UTF8=1 in the environment skips inputs that are not valid UTF-8: a
// workaround that lets a run get past crashes/compile/invalid_utf8_* while that bug is open.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "frontend/compile.h"
#include "pycache/marshal.h"

namespace {

[[noreturn]] void die(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_compile: %s: %s\n", what, detail.c_str());
  std::abort();
}

void check_one(std::string_view src, chaipy::CompileMode mode) {
  static const std::string kFile = "<fuzz>";
  chaipy::CompileResult r = chaipy::compile_source(src, kFile, mode);
  if (r.code && r.error) die("compile_source returned both code and an error", r.error->msg);
  if (!r.code && !r.error) die("compile_source returned neither code nor an error", "");
  if (r.error) {
    std::string text = chaipy::format_syntax_error(*r.error);
    if (text.empty() || text.back() != '\n') die("format_syntax_error: no trailing newline", text);
    return;
  }
  const chaipy::CodeUnit& code = *r.code;
  std::string why = chaipy::pyc::validate_code_tree(code);
  if (!why.empty()) die("compiled code fails the pyc validator", why);
  std::string listing = chaipy::disassemble(code);
  if (listing.empty()) die("empty disassembly", "");
  std::string body = chaipy::pyc::marshal_dump(code);
  chaipy::pyc::MarshalResult m = chaipy::pyc::marshal_load(body);
  if (!m.code) die("marshal_load rejects marshal_dump output", m.error);
  if (!chaipy::pyc::code_equal(code, *m.code)) die("marshal round trip is not code_equal", "");
  if (chaipy::pyc::marshal_dump(*m.code) != body) die("marshal round trip changes the bytes", "");
}

// Strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF), as CPython decodes source.
bool valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { i++; continue; }
    int len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + size_t(len) > n) return false;
    for (int k = 1; k < len; k++) {
      unsigned char d = static_cast<unsigned char>(s[i + size_t(k)]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += size_t(len);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  static const bool skip_invalid_utf8 = [] {
    const char* e = std::getenv("FUZZ_COMPILE_SKIP_INVALID_UTF8");
    return e && *e && *e != '0';
  }();
  if (skip_invalid_utf8 && !valid_utf8(src)) return -1;  // -1: not added to the corpus
  check_one(src, chaipy::CompileMode::Exec);
  if (size <= 512) {
    check_one(src, chaipy::CompileMode::Eval);
    check_one(src, chaipy::CompileMode::Single);
  }
  return 0;
}
