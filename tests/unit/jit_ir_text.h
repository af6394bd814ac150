// tests/unit/jit_ir_text.h — helpers shared by the IR-text tests (test_jit_ir, test_jit_opt).
#pragma once
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "jit/ir.h"

namespace chaipy::jit::testing {

// Collapses runs of blanks and trims every line, so expected texts need not align columns.
inline std::string squeeze(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string w, joined;
    while (words >> w) joined += (joined.empty() ? "" : " ") + w;
    if (!joined.empty()) out += joined + "\n";
  }
  return out;
}

// Parses IR text that must be valid.
inline Trace parse(const std::string& text) {
  Trace t;
  std::string error;
  bool ok = ir_parse(text, &t, &error);
  INFO(error);
  REQUIRE(ok);
  return t;
}

}  // namespace chaipy::jit::testing
