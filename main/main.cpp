// main/main.cpp — the `chaipy` command line: option parsing in CPython's style, then compile the
// script in memory and run it on the VM (in a thread with a large native stack).
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

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
#include "interp/limits.h"
#include "interp/vm.h"
#include "jit/jit.h"
#include "pycache/compileall.h"
#include "pycache/pyc.h"

namespace chaipy {
namespace {

constexpr const char* kVersion = "Python 3.11.0 (chaipy 0.1.0)";
constexpr const char* kUsage = "usage: chaipy [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

void print_help() {
  std::cout << kUsage
            << "Options (and corresponding environment variables):\n"
               "-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x\n"
               "-c cmd : program passed in as string (terminates option list)\n"
               "-h     : print this help message and exit (also -? or --help)\n"
               "-m mod : run library module as a script (terminates option list);\n"
               "         built in: dis (also on a .pyc), py_compile, compileall\n"
               "-V     : print the Python version number and exit (also --version)\n"
               "-X pycache_prefix=PATH : write .pyc files to a parallel tree at PATH; also PYTHONPYCACHEPREFIX\n"
               "-u, -E, -s, -S, -I, -X opt : accepted for compatibility\n"
               "file   : program read from script file\n"
               "arg ...: arguments passed to program in sys.argv[1:]\n"
               "\nchaipy options:\n"
               "--jit off|on|key=value,... : control the tracing JIT (CHAIPY_JIT=off); --jit help lists parameters\n"
               "--dump-traces[=FILE]       : print recorded and compiled traces\n"
               "--jit-stats                : print JIT statistics at exit\n"
               "--log-level LEVEL          : trace, debug, info, warn, error, off (CHAIPY_LOG)\n";
}

int usage_error(const std::string& msg) {
  std::cerr << msg << "\n" << kUsage << "Try `chaipy -h' for more information.\n";
  return 2;
}

struct Options {
  enum class Mode { kScript, kCommand, kModule, kStdin } mode = Mode::kStdin;
  std::string target;              // script path, command text or module name
  std::vector<std::string> args;   // sys.argv[1:]
  bool dont_write_bytecode = false;
  bool stdin_dash = false;         // `chaipy - args`: sys.argv[0] is "-"

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
};

int finish_run(Value r);

// Compiles `source` and runs it as __main__. Returns the process exit status.
int run_source(const std::string& source, const std::string& filename, const Options& opts) {
  CompileResult cr = compile_source(source, filename);
  if (cr.error) {
    std::cerr << format_syntax_error(*cr.error);
    return 1;
  }
  Value main_mod = module_new("__main__");
  DictObject* globals = main_mod.as<ModuleObject>()->dict;
  dict_set_str(globals, str_intern("__builtins__"), dict_get_str(g_sys_modules, str_intern("builtins")));
  dict_set_str(globals, str_intern("__doc__"), Value::none());
  for (const char* k : {"__package__", "__spec__", "__loader__"}) dict_set_str(globals, str_intern(k), Value::none());
  if (opts.mode == Options::Mode::kScript) dict_set_str(globals, str_intern("__file__"), str_value(filename));
  dict_set_str(g_sys_modules, str_intern("__main__"), main_mod);
  CodeObject* code = code_from_unit(cr.code);
  return finish_run(vm_run_module(code, globals));
}

// Exit status for a finished __main__ run: uncaught exception handling, then flush sys.stdout.
int finish_run(Value r) {
  int status = 0;
  bool interrupted = false;
  if (r.is_exc()) {
    Value e = exc_fetch();
    interrupted = is_subtype(type_of(e), exc::KeyboardInterrupt);
    status = handle_uncaught(e);
  }
  run_exit_handlers();
  // Flush sys.stdout (buffered by print); a failure here is reported like CPython does.
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  Value out = sys.is_null() ? Value::null() : getattr_opt(sys, str_intern("stdout"));
  if (!out.is_null() && !out.is_exc()) {
    Value fr = call_method(out, str_intern("flush"), nullptr, 0);
    if (fr.is_exc()) exc_fetch();
  } else if (out.is_exc()) {
    exc_fetch();
  }
  if (interrupted) {
    // As CPython: an uncaught KeyboardInterrupt ends the process by SIGINT (status -2 / 130 in
    // a shell), once the output above is delivered.
    std::fflush(nullptr);
    ::signal(SIGINT, SIG_DFL);
    ::kill(::getpid(), SIGINT);
  }
  return status;
}

void* interpreter_thread(void* p) {
  auto* ra = static_cast<RunArgs*>(p);
  const Options& opts = ra->opts;
  int stack_marker;
  gc::set_stack_base(&stack_marker);

  std::vector<std::string> argv_strs;
  std::string source, filename;
  switch (opts.mode) {
    case Options::Mode::kScript: {
      if (!read_file(opts.target, &source) || std::filesystem::is_directory(opts.target)) {
        std::string abs = std::filesystem::absolute(opts.target).lexically_normal().string();
        int err = std::filesystem::is_directory(opts.target) ? EISDIR : ENOENT;
        std::cerr << "chaipy: can't open file '" << abs << "': [Errno " << err << "] " << std::strerror(err) << "\n";
        ra->status = 2;
        return nullptr;
      }
      // CPython 3.9+ runs the main script under cwd + "/" + path (not normalised): that is the
      // name in tracebacks and __file__; sys.argv[0] stays as given.
      filename = opts.target;
      if (!filename.empty() && filename[0] != '/') filename = std::filesystem::current_path().string() + "/" + filename;
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
      std::stringstream ss;
      ss << std::cin.rdbuf();
      source = ss.str();
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
  vm_init();
  jit::install();
  {
    // sys.path[0]: the script's (real) directory, the cwd for -m, '' for -c / stdin.
    std::string dir;
    if (opts.mode == Options::Mode::kScript) {
      std::error_code ec;
      auto real = std::filesystem::canonical(opts.target, ec);
      dir = (ec ? std::filesystem::absolute(opts.target) : real).parent_path().string();
    } else if (opts.mode == Options::Mode::kModule) {
      dir = std::filesystem::current_path().string();
    }
    import_init_path(dir);
  }
  // As CPython, SIGINT raises KeyboardInterrupt from the start: _signal installs
  // default_int_handler when it is created (a small module; it is in sys.modules at start-up in
  // CPython too).
  {
    Value sig = import_name(str_intern("_signal"), nullptr, Value::none(), 0);
    if (sig.is_exc()) exc_fetch();
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
      std::cerr << "chaipy: " << str_utf8(e) << "\n";
      ra->status = 1;
      return nullptr;
    }
    ra->status = finish_run(r);
    return nullptr;
  }
  ra->status = run_source(source, filename, opts);
  return nullptr;
}

}  // namespace
}  // namespace chaipy

int main(int argc, char** argv) {
  using namespace chaipy;
  Options opts;
  std::string log_level;
  if (const char* e = std::getenv("CHAIPY_JIT"); e && *e) {
    std::string err;
    if (!jit::configure(e, &err)) return usage_error("chaipy: CHAIPY_JIT: " + err);
  }
  if (const char* e = std::getenv("CHAIPY_LOG")) log_level = e;
  if (const char* e = std::getenv("PYTHONDONTWRITEBYTECODE"); e && *e) opts.dont_write_bytecode = true;
  if (const char* e = std::getenv("PYTHONPYCACHEPREFIX"); e && *e) pyc::config().prefix = e;
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a.size() < 2 || a[0] != '-' || a == "-") break;
    if (a == "-c" || a.rfind("-c", 0) == 0) {
      std::string code = a.size() > 2 ? a.substr(2) : (i + 1 < argc ? argv[++i] : "");
      if (a.size() == 2 && i >= argc) return usage_error("Argument expected for the -c option");
      opts.mode = Options::Mode::kCommand;
      opts.target = code;
      i++;
      break;
    }
    if (a == "-m" || a.rfind("-m", 0) == 0) {
      if (a.size() == 2 && i + 1 >= argc) return usage_error("Argument expected for the -m option");
      opts.mode = Options::Mode::kModule;
      opts.target = a.size() > 2 ? a.substr(2) : argv[++i];
      i++;
      break;
    }
    if (a == "-V" || a == "--version") {
      std::cout << kVersion << "\n";
      return 0;
    }
    if (a == "-h" || a == "--help" || a == "-?") {
      print_help();
      return 0;
    }
    if (a == "-B") {
      opts.dont_write_bytecode = true;
      continue;
    }
    if (a == "-u" || a == "-E" || a == "-s" || a == "-S" || a == "-I" || a == "-O" || a == "-OO") continue;
    if (a == "-X" || a.rfind("-X", 0) == 0) {
      if (a == "-X" && i + 1 >= argc) return usage_error("Argument expected for the -X option");
      std::string xopt = a == "-X" ? argv[++i] : a.substr(2);
      if (xopt.rfind("pycache_prefix=", 0) == 0) pyc::config().prefix = xopt.substr(15);
      continue;
    }
    if (a == "--jit" || a.rfind("--jit=", 0) == 0) {
      std::string spec;
      if (a == "--jit") {
        if (i + 1 >= argc) return usage_error("Argument expected for the --jit option");
        spec = argv[++i];
      } else {
        spec = a.substr(6);
      }
      if (spec == "help") {
        std::cout << jit::help_text();
        return 0;
      }
      std::string err;
      if (!jit::configure(spec, &err)) return usage_error("chaipy: " + err);
      continue;
    }
    if (a == "--jit-stats") {
      jit::set_stats(true);
      continue;
    }
    if (a == "--dump-traces" || a.rfind("--dump-traces=", 0) == 0) {
      std::string err;
      if (!jit::set_dump(a.size() > 14 ? a.substr(14) : "", &err)) return usage_error("chaipy: " + err);
      continue;
    }
    if (a == "--log-level" || a.rfind("--log-level=", 0) == 0) {
      if (a == "--log-level") {
        if (i + 1 >= argc) return usage_error("Argument expected for the --log-level option");
        log_level = argv[++i];
      } else {
        log_level = a.substr(12);
      }
      continue;
    }
    if (a.rfind("--", 0) == 0) return usage_error("unknown option " + a);
    return usage_error("Unknown option: " + a);
  }
  if (opts.mode == Options::Mode::kStdin && i < argc && std::string(argv[i]) == "-") {
    i++;  // `-`: the program comes from stdin, the rest are its arguments
    opts.stdin_dash = true;
  } else if (opts.mode == Options::Mode::kStdin && i < argc) {
    opts.mode = Options::Mode::kScript;
    opts.target = argv[i++];
  }
  for (; i < argc; i++) opts.args.push_back(argv[i]);

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
  return ra.status;
}
