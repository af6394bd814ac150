// tests/fuzz/fuzz_pyc.cpp — libFuzzer target for the .pyc header decoder and the marshal reader
// (pycache/pyc.h, pycache/marshal.h).
//
// Input: a marshal body (what follows the 16-byte pyc header: version byte, u64 checksum, tagged
// code object) — or a whole .pyc image, header included. The body checksum is NOT verified
// (verify_checksum = false), so mutations reach the structural reader instead of all being
// rejected by the checksum. Oracles:
//   * marshal_load never crashes, hangs, leaks or over-allocates (-rss_limit_mb / -malloc_limit_mb);
//   * an accepted code unit passes validate_code_tree, disassembles without crashing, and
//     re-marshals to bytes that load back code_equal (with the checksum verified) and re-dump
//     identically;
//   * decode_header never crashes; when the input starts with a valid header the rest is loaded
//     as a body too (the read_pyc_file path).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "frontend/compile.h"
#include "pycache/marshal.h"
#include "pycache/pyc.h"

namespace {

[[noreturn]] void die(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_pyc: %s: %s\n", what, detail.c_str());
  std::abort();
}

void load_body(std::string_view body, const std::string& filename) {
  chaipy::pyc::MarshalResult m = chaipy::pyc::marshal_load(body, filename, /*verify_checksum=*/false);
  if (!m.code) {
    if (m.error.empty()) die("marshal_load failed without a reason", "");
    return;
  }
  if (!m.error.empty()) die("marshal_load returned code and an error", m.error);
  const chaipy::CodeUnit& code = *m.code;
  std::string why = chaipy::pyc::validate_code_tree(code);
  if (!why.empty()) die("accepted code fails validate_code_tree", why);
  (void)chaipy::disassemble(code);
  std::string again = chaipy::pyc::marshal_dump(code);
  chaipy::pyc::MarshalResult m2 = chaipy::pyc::marshal_load(again);
  if (!m2.code) die("re-marshalled code is rejected", m2.error);
  if (!chaipy::pyc::code_equal(code, *m2.code)) die("re-marshalled code is not code_equal", "");
  if (chaipy::pyc::marshal_dump(*m2.code) != again) die("second dump differs from the first", "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  load_body(in, "");
  chaipy::pyc::Header h;
  std::string why = chaipy::pyc::decode_header(in, &h);
  if (why.empty()) {
    if (size < chaipy::pyc::kHeaderSize) die("decode_header accepted a short buffer", std::to_string(size));
    load_body(in.substr(chaipy::pyc::kHeaderSize), "<fuzz>.py");
  }
  return 0;
}
