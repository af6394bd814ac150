// main/repl.h — the interactive prompt (`chaipy` on a terminal, `-i`, PYTHONINSPECT).
#pragma once

#include "interp/runtime.h"

namespace chaipy {

// Reads statements from stdin — with libedit's line editing and history when stdin and stdout
// are terminals, else plain lines with the prompts on stderr, as CPython — compiles each in
// 'single' mode and runs it in `globals` (__main__'s), until EOF or SystemExit. Tracebacks and
// Ctrl-C do not end the session. Returns the exit status (0 at EOF, SystemExit's code).
// `banner`: print CPython's version banner first (an interactive start without -q).
int run_repl(DictObject* globals, bool banner);

}  // namespace chaipy
