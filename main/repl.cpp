// main/repl.cpp — the interactive prompt: CPython's `>>> ` / `... ` loop over 'single'-mode
// compilation (expression statements echo through sys.displayhook, which sets `_`).
//
// When a statement is complete: a simple statement runs as soon as it compiles; a compound one
// (its first line opens a block) runs at the first empty line, as CPython's interactive
// tokenizer decides. Input that fails to compile only because it stopped early (an open
// bracket, an unterminated triple-quoted string, a block header without its body, a trailing
// backslash) asks for more lines; any other SyntaxError is reported and the input dropped.
//
// Line input: on a terminal, libedit's readline emulation through its callback interface, fed
// from a select() loop so that Ctrl-C (SIGINT, whose handler only sets a flag — see
// interp/modules/signal.cpp) interrupts the wait: the line is dropped and "KeyboardInterrupt"
// printed. Elsewhere (a pipe with -i) lines come from sys.stdin and prompts go to stderr.
#include "main/repl.h"

#include <sys/select.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

// libedit's GNU readline emulation (Debian's libedit-dev).
#include <editline/readline.h>

#include "frontend/compile.h"
#include "interp/config.h"
#include "interp/modules/modules.h"
#include "interp/vm.h"

namespace chaipy {

namespace {

// -- Line input ---------------------------------------------------------------------------------
enum class Read { kLine, kEof, kInterrupt, kError };

std::string g_line;
bool g_line_done = false, g_line_eof = false;

void on_line(char* l) {
  if (l) {
    g_line = l;
    if (*l) add_history(l);
    std::free(l);
  } else {
    g_line_eof = true;
  }
  g_line_done = true;
  rl_callback_handler_remove();
}

// Ctrl-D: end of input on an empty line, else delete the character under the cursor (GNU
// readline's delete-char, as python3 has it). libedit's own binding for it writes "^D" at the
// prompt before the end of input, which python3 does not; rl_done makes libedit end the read
// with its end-of-file result (rl_callback_read_char then passes NULL to on_line). The
// deletion rebuilds the line (libedit's rl_delete_text does not delete at the cursor).
int ctrl_d(int, int) {
  if (rl_end == 0) {
    rl_done = 1;
  } else if (rl_point < rl_end) {
    std::string line(rl_line_buffer, size_t(rl_end));
    int point = rl_point;
    line.erase(size_t(point), 1);
    rl_replace_line(line.c_str(), 0);
    rl_point = point;
    rl_forced_update_display();
  }
  return 0;
}

Read read_tty(const std::string& prompt, std::string* out) {
  g_line_done = g_line_eof = false;
  g_line.clear();
  rl_done = 0;
  rl_callback_handler_install(prompt.c_str(), on_line);
  while (!g_line_done) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(0, &fds);
    int r = ::select(1, &fds, nullptr, nullptr, nullptr);
    if (r < 0) {
      if (errno != EINTR) {
        rl_callback_handler_remove();
        return Read::kEof;
      }
      if (!check_signals()) {  // Ctrl-C: drop the line being edited
        rl_free_line_state();
        rl_callback_handler_remove();
        return Read::kInterrupt;
      }
      continue;
    }
    rl_callback_read_char();
  }
  if (g_line_eof) {
    std::fputs("\n", stdout);  // CPython ends the prompt's line at Ctrl-D
    std::fflush(stdout);
    return Read::kEof;
  }
  *out = g_line;
  return Read::kLine;
}

Read read_plain(const std::string& prompt, std::string* out) {
  stderr_write(prompt);
  int r = stdin_readline(out);
  if (r < 0) return exc_matches(exc::KeyboardInterrupt) ? Read::kInterrupt : Read::kError;
  if (r == 0) return Read::kEof;
  if (!out->empty() && out->back() == '\n') out->pop_back();
  return Read::kLine;
}

// str(sys.ps1) / str(sys.ps2), or the default when unset.
std::string prompt_of(const char* name, const char* dflt) {
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  Value p = sys.is_null() ? Value::null() : dict_get_str(sys.as<ModuleObject>()->dict, str_intern(name));
  if (p.is_null()) return dflt;
  Value s = str_of(p);
  if (s.is_exc()) {
    exc_fetch();
    return dflt;
  }
  return std::string(as_str(s)->view());
}

// -- Completeness -------------------------------------------------------------------------------
// The first line opens a block: the statement ends at an empty line.
bool opens_block(const std::string& first) {
  size_t i = first.find_first_not_of(" \t");
  if (i == std::string::npos) return false;
  std::string_view s(first);
  s.remove_prefix(i);
  if (s[0] == '@') return true;
  for (std::string_view kw : {"if", "for", "while", "def", "class", "with", "try", "async"})
    if (s.substr(0, kw.size()) == kw && (s.size() == kw.size() || !(std::isalnum((unsigned char)s[kw.size()]) || s[kw.size()] == '_')))
      return true;
  size_t end = s.find_last_not_of(" \t");
  return end != std::string_view::npos && s[end] == ':';
}

// A SyntaxError that only says the input stopped too early.
bool incomplete(const SyntaxErrorInfo& e) {
  for (const char* m : {"was never closed", "unterminated triple-quoted string", "expected an indented block",
                        "unexpected EOF"})
    if (e.msg.find(m) != std::string::npos) return true;
  return false;
}

void print_banner() {
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  Value v = sys.is_null() ? Value::null() : dict_get_str(sys.as<ModuleObject>()->dict, str_intern("version"));
  std::string version = v.is_null() || !is_str(v) ? "" : std::string(as_str(v)->view());
  std::string banner = "Python " + version + " on linux\n";
  if (!runtime_config().no_site)  // CPython prints it unless -S (site would define those names)
    banner += "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n";
  stderr_write(banner);
}

}  // namespace

int run_repl(DictObject* globals, bool banner) {
  bool tty = ::isatty(0) && ::isatty(1);
  if (tty) {
    rl_readline_name = "python";
    rl_instream = stdin;
    rl_outstream = stdout;
    using_history();
    rl_initialize();
    rl_add_defun("chaipy-delete-or-eof", ctrl_d, 4);  // Ctrl-D
  }
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  if (!sys.is_null()) {
    DictObject* sd = sys.as<ModuleObject>()->dict;
    if (dict_get_str(sd, str_intern("ps1")).is_null()) dict_set_str(sd, str_intern("ps1"), str_value(">>> "));
    if (dict_get_str(sd, str_intern("ps2")).is_null()) dict_set_str(sd, str_intern("ps2"), str_value("... "));
  }
  if (banner) print_banner();
  std::vector<std::string> lines;
  while (true) {
    std::string prompt = lines.empty() ? prompt_of("ps1", ">>> ") : prompt_of("ps2", "... ");
    stdout_flush();
    std::string line;
    Read r = tty ? read_tty(prompt, &line) : read_plain(prompt, &line);
    if (r == Read::kInterrupt) {
      exc_fetch();
      stderr_write("\nKeyboardInterrupt\n");
      lines.clear();
      continue;
    }
    if (r == Read::kError) {
      print_exception(exc_fetch());
      return 1;
    }
    if (r == Read::kEof) {
      if (!tty) stderr_write("\n");
      if (lines.empty()) return 0;
      line.clear();  // EOF ends a pending statement like an empty line
    }
    bool blank = line.find_first_not_of(" \t\f") == std::string::npos;
    if (lines.empty() && blank) {
      if (r == Read::kEof) return 0;
      continue;
    }
    lines.push_back(line);
    if (r != Read::kEof && !line.empty() && line.back() == '\\') continue;  // explicit continuation
    std::string source;
    for (const auto& l : lines) source += l + "\n";
    bool block = opens_block(lines[0]);
    if (block && !blank && r != Read::kEof) {
      // A compound statement ends at an empty line; keep reading unless it is already broken.
      CompileResult cr = compile_source(source, "<stdin>", CompileMode::Single, SourceKind::kText);
      if (!cr.error || incomplete(*cr.error)) continue;
    }
    CompileResult cr = compile_source(source, "<stdin>", CompileMode::Single, SourceKind::kText);
    if (cr.error && incomplete(*cr.error) && r != Read::kEof && !blank) continue;
    lines.clear();
    if (cr.error) {
      stderr_write(format_syntax_error(*cr.error));
    } else {
      Value res = vm_run_module(code_from_unit(cr.code), globals);
      if (res.is_exc()) {
        Value e = exc_fetch();
        if (is_subtype(type_of(e), exc::SystemExit)) return handle_uncaught(e);
        print_exception(e);
      }
    }
    if (r == Read::kEof) return 0;
  }
}

}  // namespace chaipy
