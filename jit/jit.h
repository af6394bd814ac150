// jit/jit.h — the JIT's interface to the rest of chaipy: parameters and installation.
#pragma once
#include <string>

namespace chaipy::jit {

// Parses a --jit argument ("off", "on", "help", or "key=value,..."). Returns false and sets
// *error on a malformed or unknown parameter.
bool configure(const std::string& spec, std::string* error);
std::string help_text();
// Installs the hot-loop hook into the interpreter (no-op when the JIT is off).
void install();

}  // namespace chaipy::jit
