// pycache/compileall.h — `chaipy -m py_compile` and `chaipy -m compileall`: precompile sources
// into their cache files, with CPython's command-line behaviour and output.
#pragma once
#include <string>
#include <vector>

#include "pycache/pyc.h"

namespace chaipy::pyc {

// Compiles `source_path` and writes `cfile` (cache_from_source(source_path) when empty).
// On failure returns false with the message CPython's PyCompileError carries in *err
// (the formatted SyntaxError, or the OS error).
bool compile_file(const std::string& source_path, const std::string& cfile, Invalidation mode, std::string* err);

// `-m py_compile FILE...` (args after the module name). Returns the exit status.
int py_compile_main(const std::vector<std::string>& args);
// `-m compileall [-q] [-f] [-b] [-l] [--invalidation-mode M] DIR|FILE...`. Returns the exit status.
int compileall_main(const std::vector<std::string>& args);

}  // namespace chaipy::pyc
