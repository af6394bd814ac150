// interp/modules/modules.h — private glue between the builtins (interp/builtins*.cpp) and the
// built-in modules (sys's standard streams, which print shares).
#pragma once
#include <string>
#include <string_view>

#include "interp/runtime.h"

namespace chaipy {

// -- Standard streams (modules/io_stdio.cpp) ----------------------------------------------------
// sys.stdin/stdout/stderr are _io.TextIOWrapper objects; these write to / read from them without
// Python-level calls while they are the original objects (std_stream_fd). stdout is flushed
// before anything is written to stderr or read from stdin, and at exit.
void init_std_streams(DictObject* sys_dict);  // creates them (and the _io module) into sys
// PYTHONIOENCODING (RuntimeConfig::io_encoding / io_errors): rebuilds the streams with the codec's
// own name and the errors asked for (stderr keeps backslashreplace). Called once the import path
// is set (a codec other than the native ones comes from the stdlib's encodings package). False
// after printing CPython's fatal error for an unknown encoding.
bool apply_io_encoding();
bool stdout_write(std::string_view s);  // false with the exception raised (BrokenPipeError)
void stdout_flush();
void stderr_write(std::string_view s);  // flushes stdout first; unbuffered
// Reads one line from stdin including its '\n' (flushes stdout first). 1, or 0 at EOF with no
// data, or -1 with the exception raised (KeyboardInterrupt while waiting, a decoding error).
int stdin_readline(std::string* out);
// Which of sys's own stream objects v is: 1 stdout, 2 stderr, 0 stdin, -1 none of them.
int std_stream_fd(Value v);
// The current sys.stdout / sys.stderr (whatever the program assigned); null if sys is missing.
Value sys_stdout();
Value sys_stderr();
Value sys_stdin();
// Invalid UTF-8 sequences replaced by U+FFFD (input from the outside world made str-safe).
std::string utf8_sanitize(std::string_view in);

// "Exception ignored in: <repr(where)>" and e's traceback on stderr (weakref callbacks, atexit
// handlers, gc callbacks: errors where nobody can catch them). modules/_weakref.cpp.
void stderr_write_ignored(Value where, Value e);

// -- Signals (modules/signal.cpp) ---------------------------------------------------------------
// Start-up: CPython's dispositions (SIGINT raises KeyboardInterrupt, SIGPIPE/SIGXFSZ ignored) and
// the safe-point hook that runs Python-level handlers. Cheap: _signal itself stays unimported.
void signal_init();
// PyErr_CheckSignals: runs the handlers of signals that arrived (a blocking call that saw EINTR
// calls it before retrying). false with the handler's exception (KeyboardInterrupt) raised.
bool check_signals();
// After an uncaught KeyboardInterrupt: die of SIGINT as CPython does (the shell sees 130).
void exit_by_sigint();

// -- Builtins split across files ----------------------------------------------------------------
void init_builtin_iterators(DictObject* builtins);  // builtins_iter.cpp

}  // namespace chaipy
