// jit/jit.h — the JIT's interface to the rest of chaipy: parameters and installation.
#pragma once
#include <string>

namespace chaipy::jit {

// Parses a --jit argument ("off", "on", "help", or "key=value,..."). Returns false and sets
// *error on a malformed or unknown parameter.
bool configure(const std::string& spec, std::string* error);
std::string help_text();
// Installs the hooks into the interpreter (they stay idle when the JIT is off).
void install();
// --dump-traces[=FILE] ("" or "-" = stderr); false (with *error) if FILE cannot be opened.
bool set_dump(const std::string& path, std::string* error);
// --jit-log[=FILE] / -X jitlog[=FILE]: one line per JIT event ("" or "-" = stderr).
bool set_log(const std::string& path, std::string* error);
void set_stats(bool on);  // --jit-stats
void finish();            // at exit: prints --jit-stats, flushes the dump

}  // namespace chaipy::jit
