// main/main.cpp — the `chaipy` command line: option parsing in CPython's style, then compile the
// script in memory and run it on the VM (in a thread with a large native stack).
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/compile.h"
#include "frontend/int_digits.h"
#include "interp/config.h"
#include "interp/limits.h"
#include "interp/modules/modules.h"
#include "interp/vm.h"
#include "jit/jit.h"
#include "main/repl.h"
#include "pycache/compileall.h"
#include "pycache/pyc.h"

namespace chaipy {
namespace {

const char* g_program = "chaipy";  // argv[0], as CPython names itself in usage messages

std::string usage_line() { return std::string("usage: ") + g_program + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"; }

// -h: CPython 3.11's option list; each line says what chaipy does with the option.
void print_help() {
  std::cout << usage_line()
            << "Options (and corresponding environment variables):\n"
               "-b     : issue warnings about str(bytes_instance), str(bytearray_instance)\n"
               "         and comparing bytes/bytearray with str. (-bb: issue errors)\n"
               "         (chaipy: sets sys.flags.bytes_warning only)\n"
               "-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x\n"
               "-c cmd : program passed in as string (terminates option list)\n"
               "-d     : turn on parser debugging output (for experts only, only works on\n"
               "         debug builds); also PYTHONDEBUG=x\n"
               "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
               "-h     : print this help message and exit (also -? or --help)\n"
               "-i     : inspect interactively after running script; forces a prompt even\n"
               "         if stdin does not appear to be a terminal; also PYTHONINSPECT=x\n"
               "-I     : isolate Python from the user's environment (implies -E, -s and -P)\n"
               "-m mod : run library module as a script (terminates option list);\n"
               "         built in: dis (also on a .pyc), py_compile, compileall\n"
               "-O     : remove assert and __debug__-dependent statements; add .opt-1 before\n"
               "         .pyc extension; also PYTHONOPTIMIZE=x (chaipy: sys.flags.optimize only)\n"
               "-OO    : do -O changes and also discard docstrings; add .opt-2 before\n"
               "         .pyc extension (chaipy: sys.flags.optimize only)\n"
               "-P     : don't prepend a potentially unsafe path to sys.path; also PYTHONSAFEPATH\n"
               "-q     : don't print version and copyright messages on interactive startup\n"
               "-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE\n"
               "-S     : don't imply 'import site' on initialization\n"
               "-u     : force the stdout and stderr streams to be unbuffered;\n"
               "         this option has no effect on stdin; also PYTHONUNBUFFERED=x\n"
               "-v     : verbose (trace import statements); also PYTHONVERBOSE=x\n"
               "         can be supplied multiple times to increase verbosity\n"
               "         (chaipy: sets sys.flags.verbose only)\n"
               "-V     : print the Python version number and exit (also --version)\n"
               "         when given twice, print more information about the build\n"
               "-W arg : warning control; arg is action:message:category:module:lineno\n"
               "         also PYTHONWARNINGS=arg\n"
               "-x     : skip first line of source, allowing use of non-Unix forms of #!cmd\n"
               "-X opt : set implementation-specific option\n"
               "--check-hash-based-pycs always|default|never:\n"
               "         control how Python invalidates hash-based .pyc files\n"
               "--help-env      : print help about Python environment variables and exit\n"
               "--help-xoptions : print help about implementation-specific -X options and exit\n"
               "--help-all      : print complete help information and exit\n"
               "Arguments:\n"
               "file   : program read from script file (or a directory with __main__.py)\n"
               "-      : program read from stdin (default; interactive mode if a tty)\n"
               "arg ...: arguments passed to program in sys.argv[1:]\n"
               "\nchaipy options:\n"
               "--jit off|on|key=value,... : control the tracing JIT (CHAIPY_JIT=off); --jit help lists parameters\n"
               "--dump-traces[=FILE]       : print recorded and compiled traces\n"
               "--jit-stats                : print JIT statistics at exit\n"
               "--log-level LEVEL          : trace, debug, info, warn, error, off (CHAIPY_LOG)\n";
}

void print_help_xoptions() {
  std::cout << "The following implementation-specific options are available:\n"
               "-X dev : enable development mode (sys.flags.dev_mode; adds 'default' to sys.warnoptions)\n"
               "-X utf8 : enable UTF-8 mode (sys.flags.utf8_mode; chaipy's streams are UTF-8 already)\n"
               "-X pycache_prefix=PATH : write .pyc files to a parallel tree at PATH instead of __pycache__\n"
               "-X int_max_str_digits=N : sys.flags.int_max_str_digits (0 = no limit, else >= 640)\n"
               "Every -X option, known or not, is recorded in sys._xoptions, as CPython does.\n";
}

void print_help_env() {
  std::cout << "Environment variables that change behavior (ignored with -E and -I):\n"
               "PYTHONPATH        : ':'-separated list of directories prefixed to the module search path\n"
               "PYTHONDONTWRITEBYTECODE : don't write .pyc files (-B)\n"
               "PYTHONPYCACHEPREFIX : root directory for bytecode cache files (-X pycache_prefix)\n"
               "PYTHONUNBUFFERED  : unbuffered stdout and stderr (-u)\n"
               "PYTHONINSPECT     : enter the interactive prompt after the program (-i)\n"
               "PYTHONSAFEPATH    : don't prepend a potentially unsafe path to sys.path (-P)\n"
               "PYTHONWARNINGS    : ','-separated warning filters, before those of -W\n"
               "PYTHONOPTIMIZE, PYTHONVERBOSE, PYTHONDEBUG, PYTHONNOUSERSITE, PYTHONDEVMODE :\n"
               "                    as -O, -v, -d, -s, -X dev (the flags in sys.flags)\n"
               "chaipy's own: CHAIPY_JIT (as --jit), CHAIPY_LOG (as --log-level)\n";
}

int usage_error(const std::string& msg) {
  std::cerr << msg << "\n" << usage_line() << "Try `python -h' for more information.\n";
  return 2;
}

struct Options {
  enum class Mode { kScript, kCommand, kModule, kStdin } mode = Mode::kStdin;
  std::string target;              // script path, command text or module name
  std::vector<std::string> args;   // sys.argv[1:]
  bool dont_write_bytecode = false;
  bool stdin_dash = false;         // `chaipy - args`: sys.argv[0] is "-"
  bool inspect = false;            // -i / PYTHONINSPECT: the prompt after the program
  bool skip_first_line = false;    // -x

};

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

struct RunArgs {
  Options opts;
  int status = 0;
  bool interrupted = false;  // ended by an uncaught KeyboardInterrupt: exit by SIGINT
  std::string main_dir;      // running a directory's __main__.py: the directory (sys.path[0])
};

int report_uncaught(Value r);
RunArgs* g_run;

// The __main__ module's namespace (created once; the prompt after -i shares it).
DictObject* main_globals(const Options& opts, const std::string& filename) {
  Value main_mod = dict_get_str(g_sys_modules, str_intern("__main__"));
  if (!main_mod.is_null()) return main_mod.as<ModuleObject>()->dict;
  main_mod = module_new("__main__");
  DictObject* globals = main_mod.as<ModuleObject>()->dict;
  dict_set_str(globals, str_intern("__builtins__"), dict_get_str(g_sys_modules, str_intern("builtins")));
  dict_set_str(globals, str_intern("__doc__"), Value::none());
  for (const char* k : {"__package__", "__spec__", "__loader__"}) dict_set_str(globals, str_intern(k), Value::none());
  if (opts.mode == Options::Mode::kScript) dict_set_str(globals, str_intern("__file__"), str_value(filename));
  dict_set_str(g_sys_modules, str_intern("__main__"), main_mod);
  return globals;
}

// Compiles `source` and runs it as __main__. Returns the process exit status.
int run_source(const std::string& source, const std::string& filename, const Options& opts) {
  CompileResult cr = compile_source(source, filename);
  if (cr.error) {
    std::cerr << format_syntax_error(*cr.error);
    return 1;
  }
  DictObject* globals = main_globals(opts, filename);
  CodeObject* code = code_from_unit(cr.code);
  return report_uncaught(vm_run_module(code, globals));
}

// Interactive when stdin is a terminal and no program was named (CPython's stdin_is_interactive),
// or with -i; after a program when -i or PYTHONINSPECT asks for it.
bool stdin_interactive(const Options& opts) {
  return opts.mode == Options::Mode::kStdin && (opts.inspect || ::isatty(0));
}
bool inspect_after(const Options& opts) {
  if (opts.inspect) return true;  // -i: even when stdin is not a terminal
  const char* e = runtime_config().ignore_environment ? nullptr : std::getenv("PYTHONINSPECT");
  return (runtime_config().inspect || (e && *e)) && ::isatty(0);  // read again: the program may set it
}

// The exit status of a __main__ run: its uncaught exception printed (SystemExit: its code).
int report_uncaught(Value r) {
  if (!r.is_exc()) return 0;
  Value e = exc_fetch();
  g_run->interrupted = is_subtype(type_of(e), exc::KeyboardInterrupt);
  return handle_uncaught(e);
}

// Finalisation: atexit handlers, then the flush of the standard streams.
int finalize(int status) {
  run_exit_handlers();
  // Flush sys.stdout and sys.stderr as CPython's finalisation does: a failure (the reader of a
  // pipe went away) is reported as ignored and the exit status becomes 120.
  for (Value f : {sys_stdout(), sys_stderr()}) {
    if (f.is_null() || f.is_none()) continue;
    if (call_method(f, str_intern("flush"), nullptr, 0).is_exc()) {
      Value e = exc_fetch();
      stderr_write_ignored(f, e);
      status = 120;
    }
  }
  return status;
}

int finish_run(Value r) { return finalize(report_uncaught(r)); }

void* interpreter_thread(void* p) {
  auto* ra = static_cast<RunArgs*>(p);
  const Options& opts = ra->opts;
  int stack_marker;
  gc::set_stack_base(&stack_marker);

  std::vector<std::string> argv_strs;
  std::string source, filename;
  switch (opts.mode) {
    case Options::Mode::kScript: {
      if (std::filesystem::is_directory(opts.target)) {
        // A directory with __main__.py runs it, with the directory as sys.path[0] (CPython's
        // zip/dir "application"; zip files are not supported yet).
        std::string abs = std::filesystem::absolute(opts.target).string();
        filename = (std::filesystem::absolute(opts.target) / "__main__.py").lexically_normal().string();
        if (!read_file(filename, &source)) {
          if (!abs.empty() && abs.back() == '/') abs.pop_back();
          std::cerr << g_program << ": can't find '__main__' module in '" << abs << "'\n";
          ra->status = 1;
          return nullptr;
        }
        ra->main_dir = abs;
      } else if (!read_file(opts.target, &source)) {
        std::string abs = std::filesystem::absolute(opts.target).lexically_normal().string();
        std::cerr << g_program << ": can't open file '" << abs << "': [Errno " << ENOENT << "] " << std::strerror(ENOENT) << "\n";
        ra->status = 2;
        return nullptr;
      } else {
        // CPython 3.9+ runs the main script under cwd + "/" + path (not normalised): that is the
        // name in tracebacks and __file__; sys.argv[0] stays as given.
        filename = opts.target;
        if (!filename.empty() && filename[0] != '/') filename = std::filesystem::current_path().string() + "/" + filename;
      }
      if (opts.skip_first_line) {  // -x: the first line is blanked, so line numbers stay the file's
        size_t nl = source.find('\n');
        source.erase(0, nl == std::string::npos ? source.size() : nl);
      }
      argv_strs.push_back(opts.target);
      break;
    }
    case Options::Mode::kCommand:
      source = opts.target;
      filename = "<string>";
      argv_strs.push_back("-c");
      break;
    case Options::Mode::kModule:
      argv_strs.push_back(opts.target);
      break;
    case Options::Mode::kStdin: {
      if (!stdin_interactive(opts)) {
        std::stringstream ss;
        ss << std::cin.rdbuf();
        source = ss.str();
      }
      filename = "<stdin>";
      argv_strs.push_back(opts.stdin_dash ? "-" : "");
      break;
    }
  }
  for (auto& a : opts.args) argv_strs.push_back(a);
  std::vector<char*> argv;
  for (auto& s : argv_strs) argv.push_back(s.data());
  argv.push_back(nullptr);

  runtime_init(int(argv_strs.size()), argv.data());
  signal_init();
  vm_init();
  jit::install();
  {
    // sys.path[0]: the script's (real) directory, the cwd for -m, '' for -c / stdin.
    std::string dir;
    if (!ra->main_dir.empty()) {
      dir = ra->main_dir;
    } else if (opts.mode == Options::Mode::kScript) {
      std::error_code ec;
      auto real = std::filesystem::canonical(opts.target, ec);
      dir = (ec ? std::filesystem::absolute(opts.target) : real).parent_path().string();
    } else if (opts.mode == Options::Mode::kModule) {
      dir = std::filesystem::current_path().string();
    }
    import_init_path(dir);
    if (runtime_config().safe_path) {  // -P / PYTHONSAFEPATH: no script, cwd or '' entry
      Value path = dict_get_str(dict_get_str(g_sys_modules, str_intern("sys")).as<ModuleObject>()->dict, str_intern("path"));
      if (!path.is_null() && path.as<ListObject>()->size > 0) {
        Value zero = Value::from_small_int(0);
        if (call_method(path, str_intern("pop"), &zero, 1).is_exc()) exc_fetch();
      }
    }
  }

  if (opts.mode == Options::Mode::kModule) {
    if (opts.target == "py_compile") {
      ra->status = pyc::py_compile_main(opts.args);
      return nullptr;
    }
    if (opts.target == "compileall") {
      ra->status = pyc::compileall_main(opts.args);
      return nullptr;
    }
    if (opts.target == "dis" && !opts.args.empty() && opts.args[0].size() > 4 &&
        opts.args[0].compare(opts.args[0].size() - 4, 4, ".pyc") == 0) {
      std::string err;
      auto unit = pyc::read_pyc_file(opts.args[0], &err);
      if (!unit) {
        std::cerr << "chaipy -m dis: " << opts.args[0] << ": " << err << "\n";
        ra->status = 1;
        return nullptr;
      }
      std::cout << disassemble(*unit);
      ra->status = 0;
      return nullptr;
    }
    if (opts.target == "dis") {
      if (opts.args.empty()) {
        std::cerr << "usage: chaipy -m dis FILE\n";
        ra->status = 2;
        return nullptr;
      }
      std::string src;
      if (!read_file(opts.args[0], &src)) {
        std::cerr << "chaipy -m dis: can't open file '" << opts.args[0] << "'\n";
        ra->status = 1;
        return nullptr;
      }
      CompileResult cr = compile_source(src, opts.args[0]);
      if (cr.error) {
        std::cerr << format_syntax_error(*cr.error);
        ra->status = 1;
        return nullptr;
      }
      std::cout << disassemble(*cr.code);
      ra->status = 0;
      return nullptr;
    }
    Value r = import_run_main(opts.target);
    if (r.is_exc() && exc_matches(exc::ImportError) && dict_get_str(g_sys_modules, str_intern("__main__")).is_null()) {
      // Finding the module failed (not an error inside it): CPython's one-line report.
      Value e = exc_fetch();
      // runpy's wording: a parent package that cannot be imported is reported as such.
      Value name = getattr_opt(e, str_intern("name"));
      std::string n = name.is_null() || name.is_exc() || !is_str(name) ? "" : std::string(as_str(name)->view());
      if (name.is_exc()) exc_fetch();
      if (!n.empty() && n != opts.target && opts.target.rfind(n + ".", 0) == 0)
        std::cerr << g_program << ": Error while finding module specification for '" << opts.target << "' ("
                  << type_name(e) << ": " << str_utf8(e) << ")\n";
      else
        std::cerr << g_program << ": " << str_utf8(e) << "\n";
      ra->status = 1;
      return nullptr;
    }
    ra->status = finish_run(r);
    return nullptr;
  }
  if (stdin_interactive(opts)) {
    ra->status = finalize(run_repl(main_globals(opts, filename), !runtime_config().quiet && ::isatty(0)));
    return nullptr;
  }
  ra->status = run_source(source, filename, opts);
  if (inspect_after(opts)) {
    ra->interrupted = false;
    ra->status = run_repl(main_globals(opts, filename), false);
  }
  ra->status = finalize(ra->status);
  return nullptr;
}

// -- Options ---------------------------------------------------------------------------------------
// CPython's grammar (Python/getopt.c): short options may be combined (`-Bc CODE`, `-uc`), an
// option's argument may be attached (`-cCODE`, `-Wignore`) or the next word; `--` ends the
// options; -c and -m end them too. kShortOpts is CPython 3.11's option string: a letter followed
// by ':' takes an argument.
constexpr const char* kShortOpts = "bBc:dEhiIm:OPqsStuvVW:xX:?";

// Long options: CPython's, then chaipy's own. `arg`: takes a value (`--opt V` or `--opt=V`);
// `optional`: the value may only be attached (`--dump-traces[=FILE]`).
enum class LongOpt { kCheckHashPycs, kHelp, kVersion, kHelpEnv, kHelpXoptions, kHelpAll, kJit, kJitStats, kDumpTraces, kLogLevel };
struct LongOptDef {
  const char* name;
  bool arg, optional;
  LongOpt id;
};
constexpr LongOptDef kLongOpts[] = {
    {"check-hash-based-pycs", true, false, LongOpt::kCheckHashPycs},
    {"help", false, false, LongOpt::kHelp},
    {"version", false, false, LongOpt::kVersion},
    {"help-env", false, false, LongOpt::kHelpEnv},
    {"help-xoptions", false, false, LongOpt::kHelpXoptions},
    {"help-all", false, false, LongOpt::kHelpAll},
    {"jit", true, false, LongOpt::kJit},
    {"jit-stats", false, false, LongOpt::kJitStats},
    {"dump-traces", true, true, LongOpt::kDumpTraces},
    {"log-level", true, false, LongOpt::kLogLevel},
};

// -X int_max_str_digits=N / PYTHONINTMAXSTRDIGITS=N: 0 (no limit) or at least 640; anything
// else is CPython's fatal start-up error (false).
bool set_digit_limit(std::string_view text, const char* source, RuntimeConfig& c) {
  std::string v(text);
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end || n < 0 || (n != 0 && n < 640) || n > INT32_MAX) {
    std::cerr << "Fatal Python error: config_init_int_max_str_digits: " << source
              << ": invalid limit; must be >= 640 or 0 for unlimited.\nPython runtime state: preinitialized\n\n";
    return false;
  }
  c.int_max_str_digits = int(n);
  g_int_max_str_digits = int(n);
  return true;
}

// Environment variables CPython reads at start-up (unless -E / -I); false on a fatal error.
bool read_environment(Options& opts, RuntimeConfig& c) {
  auto env = [](const char* name) -> const char* {
    const char* e = std::getenv(name);
    return e && *e ? e : nullptr;
  };
  // A PYTHON* level variable: a number sets the level, anything else counts as 1.
  auto level = [&](const char* name, int* out) {
    if (const char* e = env(name)) {
      char* end;
      long n = std::strtol(e, &end, 10);
      *out = std::max(*out, *end == 0 && n > 0 ? int(n) : 1);
    }
  };
  if (env("PYTHONDONTWRITEBYTECODE")) opts.dont_write_bytecode = true;
  if (const char* e = env("PYTHONPYCACHEPREFIX"); e && pyc::config().prefix.empty()) pyc::config().prefix = e;  // -X wins
  if (env("PYTHONUNBUFFERED")) c.unbuffered = true;
  if (env("PYTHONINSPECT")) c.inspect = 1;  // the prompt after the program, on a terminal only
  if (env("PYTHONSAFEPATH")) c.safe_path = true;
  if (env("PYTHONNOUSERSITE")) c.no_user_site = 1;
  if (env("PYTHONDEVMODE")) c.dev_mode = true;
  level("PYTHONOPTIMIZE", &c.optimize);
  level("PYTHONVERBOSE", &c.verbose);
  level("PYTHONDEBUG", &c.debug);
  if (const char* e = env("PYTHONWARNINGS")) {
    std::string_view s(e);
    while (!s.empty()) {
      size_t comma = s.find(',');
      std::string_view w = s.substr(0, comma);
      if (!w.empty()) c.warnoptions.emplace_back(w);
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  }
  // -X int_max_str_digits wins over the variable.
  if (const char* e = env("PYTHONINTMAXSTRDIGITS"); e && c.int_max_str_digits < 0)
    return set_digit_limit(e, "PYTHONINTMAXSTRDIGITS", c);
  return true;
}

// Returns -1 to go on running, else the exit status (help, version, a usage error).
int parse_command_line(int argc, char** argv, Options& opts, std::string& log_level) {
  RuntimeConfig& c = runtime_config();
  int version = 0;
  bool ignore_env = false;
  std::vector<std::string> w_opts;
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a.size() < 2 || a[0] != '-') break;
    if (a == "--") {
      i++;
      break;
    }
    if (a[1] == '-') {  // --name, --name=value, --name value
      std::string name = a.substr(2), value;
      size_t eq = name.find('=');
      bool attached = eq != std::string::npos;
      if (attached) value = name.substr(eq + 1), name = name.substr(0, eq);
      const LongOptDef* d = nullptr;
      for (const auto& l : kLongOpts)
        if (name == l.name) d = &l;
      if (!d || (attached && !d->arg)) return usage_error("unknown option " + a);
      if (d->arg && !d->optional && !attached) {
        if (i + 1 >= argc) return usage_error("Argument expected for the --" + name + " option");
        value = argv[++i];
      }
      switch (d->id) {
        case LongOpt::kCheckHashPycs:
          if (value != "default" && value != "always" && value != "never")
            return usage_error("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
          pyc::config().check_hash_based_pycs = value;
          break;
        case LongOpt::kHelp: print_help(); return 0;
        case LongOpt::kHelpEnv: print_help_env(); return 0;
        case LongOpt::kHelpXoptions: print_help_xoptions(); return 0;
        case LongOpt::kHelpAll: print_help(); print_help_xoptions(); print_help_env(); return 0;
        case LongOpt::kVersion: version++; break;
        case LongOpt::kJit: {
          if (value == "help") {
            std::cout << jit::help_text();
            return 0;
          }
          std::string err;
          if (!jit::configure(value, &err)) return usage_error("chaipy: " + err);
          break;
        }
        case LongOpt::kJitStats: jit::set_stats(true); break;
        case LongOpt::kDumpTraces: {
          std::string err;
          if (!jit::set_dump(value, &err)) return usage_error("chaipy: " + err);
          break;
        }
        case LongOpt::kLogLevel: log_level = value; break;
      }
      continue;
    }
    // A group of short options.
    for (size_t k = 1; k < a.size(); k++) {
      char ch = a[k];
      const char* spec = std::strchr(kShortOpts, ch);
      if (!spec || ch == ':') return usage_error(std::string("Unknown option: -") + ch);
      std::string value;
      if (spec[1] == ':') {
        if (k + 1 < a.size()) {
          value = a.substr(k + 1);
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          return usage_error(std::string("Argument expected for the -") + ch + " option");
        }
        k = a.size();
      }
      switch (ch) {
        case 'b': c.bytes_warning++; break;
        case 'B': opts.dont_write_bytecode = true; break;
        case 'c':
          opts.mode = Options::Mode::kCommand;
          opts.target = value + "\n";
          break;
        case 'd': c.debug++; break;
        case 'E': ignore_env = true; break;
        case 'h':
        case '?': print_help(); return 0;
        case 'i': opts.inspect = true; c.inspect = c.interactive = 1; break;
        case 'I': c.isolated = 1; ignore_env = true; c.no_user_site = 1; c.safe_path = true; break;
        case 'm':
          opts.mode = Options::Mode::kModule;
          opts.target = value;
          break;
        case 'O': c.optimize++; break;
        case 'P': c.safe_path = true; break;
        case 'q': c.quiet = 1; break;
        case 's': c.no_user_site = 1; break;
        case 'S': c.no_site = 1; break;
        case 'u': c.unbuffered = true; break;
        case 'v': c.verbose++; break;
        case 'V': version++; break;
        case 'W': w_opts.push_back(value); break;
        case 'x': opts.skip_first_line = true; break;
        case 'X': {
          c.xoptions.push_back(value);
          std::string_view x = value, key = x.substr(0, x.find('='));
          if (key == "pycache_prefix" && x.size() > key.size()) pyc::config().prefix = std::string(x.substr(15));
          if (x == "dev") c.dev_mode = true;
          if (key == "utf8") c.utf8_mode = x == "utf8=0" ? 0 : 1;
          if (key == "int_max_str_digits" &&
              !set_digit_limit(x.size() > key.size() ? x.substr(key.size() + 1) : "", "-X int_max_str_digits", c))
            return 1;
          break;
        }
      }
      if (opts.mode != Options::Mode::kStdin) break;
    }
    if (opts.mode != Options::Mode::kStdin) {
      i++;
      break;
    }
  }
  if (version) {
    // -V: the language version, as CPython's; -VV adds the build (chaipy's identity).
    std::cout << "Python " << (version > 1 ? sys_version() : std::string(kPythonVersion)) << "\n";
    return 0;
  }
  c.ignore_environment = ignore_env;
  if (!ignore_env && !read_environment(opts, c)) return 1;
  if (c.dev_mode) c.warnoptions.insert(c.warnoptions.begin(), "default");
  c.warnoptions.insert(c.warnoptions.end(), w_opts.begin(), w_opts.end());
  if (opts.inspect) c.inspect = 1;
  c.dont_write_bytecode = opts.dont_write_bytecode;
  if (opts.mode == Options::Mode::kStdin && i < argc && std::string(argv[i]) == "-") {
    i++;  // `-`: the program comes from stdin, the rest are its arguments
    opts.stdin_dash = true;
  } else if (opts.mode == Options::Mode::kStdin && i < argc) {
    opts.mode = Options::Mode::kScript;
    opts.target = argv[i++];
  }
  for (; i < argc; i++) opts.args.push_back(argv[i]);
  return -1;
}

}  // namespace
}  // namespace chaipy

int main(int argc, char** argv) {
  using namespace chaipy;
  Options opts;
  std::string log_level;
  g_program = argv[0];
  if (const char* e = std::getenv("CHAIPY_JIT"); e && *e) {
    std::string err;
    if (!jit::configure(e, &err)) return usage_error("chaipy: CHAIPY_JIT: " + err);
  }
  if (const char* e = std::getenv("CHAIPY_LOG")) log_level = e;
  if (int status = parse_command_line(argc, argv, opts, log_level); status >= 0) return status;

  spdlog::set_level(spdlog::level::off);
  if (!log_level.empty()) {
    auto lvl = spdlog::level::from_str(log_level);
    if (lvl == spdlog::level::off && log_level != "off")
      return usage_error("chaipy: unknown log level '" + log_level + "'");
    spdlog::set_level(lvl);
  }

  pyc::config().dont_write_bytecode = opts.dont_write_bytecode;
  if (!pyc::config().prefix.empty()) pyc::config().prefix = std::filesystem::absolute(pyc::config().prefix).string();
  pyc::config().cache_root = pyc::default_cache_root();
  // The interpreter runs on its own thread; keep it on glibc's main (brk) arena with a generous
  // top pad instead of a per-thread arena that grows by many small mprotect calls (that was a
  // third of a warm import's time).
  // Setting any of these turns off glibc's adaptive mmap threshold, so set it too: large
  // buffers (list storage, big strings) come from the heap and are reused, instead of being
  // mmap'd and unmapped each time (which cost 150k page faults in string_build).
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, 4 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  RunArgs ra;
  ra.opts = opts;
  g_run = &ra;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, reservation_bytes(size_t(512) << 20, 8));
  pthread_t th;
  static pid_t main_pid = getpid();
  auto thread_main = [](void* p) -> void* {
    interpreter_thread(p);
    // A fork()ed child has no main thread to return to: it exits here with the program's status.
    if (getpid() != main_pid) exit(static_cast<RunArgs*>(p)->status);
    return nullptr;
  };
  if (pthread_create(&th, &attr, thread_main, &ra) != 0) {
    interpreter_thread(&ra);
  } else {
    // Signals go to the interpreter's thread (its blocking calls see EINTR, as CPython's do).
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    pthread_join(th, nullptr);
  }
  std::cout.flush();
  fflush(stdout);
  jit::finish();
  if (ra.interrupted) exit_by_sigint();
  return ra.status;
}
