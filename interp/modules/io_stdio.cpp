// interp/modules/io_stdio.cpp — sys.stdin / sys.stdout / sys.stderr as CPython builds them: a
// TextIOWrapper over a BufferedWriter (BufferedReader for stdin) over a FileIO on fd 0/1/2, with
// CPython's encoding, errors, line buffering (stdout on a terminal, stderr always) and
// PYTHONUNBUFFERED (the text layer writes straight through to the FileIO), and the fast paths
// print() and input() use while the streams are the original objects (modules.h).
//
// Ordering: stdout is flushed before anything is written to stderr or read from stdin, and at
// exit, together with every other open buffered file.
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/codecs.h"
#include "interp/config.h"
#include "interp/modules/io.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

Value g_stdin, g_stdout, g_stderr;
DictObject* g_sys_dict;

void trace_streams(Tracer& t) {
  t.visit(g_stdin);
  t.visit(g_stdout);
  t.visit(g_stderr);
  t.visit(g_sys_dict);
}

void flush_at_exit() {
  stdout_flush();
  io::flush_all_buffers();
}

io::TextIOObject* text_of(Value v) { return v.as<io::TextIOObject>(); }

// The error handler CPython gives stdin/stdout: surrogateescape under the C / POSIX locale and
// the UTF-8 locales it coerces to (PEP 538), strict otherwise.
const char* stdio_errors() {
  // The LC_CTYPE locale setlocale(LC_CTYPE, "") would pick, read from the environment directly
  // (calling setlocale at every start-up costs more than the rest of this file).
  const char* name = nullptr;
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) {
      name = v;
      break;
    }
  }
  std::string_view n = name ? name : "C";
  if (n == "C" || n == "POSIX" || n == "C.UTF-8" || n == "C.utf8" || n == "UTF-8") return "surrogateescape";
  return "strict";
}

Value make_stream(int fd, bool unbuffered, const char* errors, const char* encoding = "utf-8") {
  const char* names[] = {"<stdin>", "<stdout>", "<stderr>"};
  Value raw = io::fileio_new(Value::from_small_int(fd), fd == 0 ? "rb" : "wb", false, Value::none());
  if (raw.is_exc()) {  // a closed standard descriptor: sys.stdX is None, as in CPython
    exc_fetch();
    return Value::none();
  }
  if (setattr(raw, NAME("name"), str_value(names[fd])) < 0) return Value::exc();
  bool tty = ::isatty(fd);
  Value buffer = raw;
  if (fd == 0 || !unbuffered) {
    int64_t bs = raw.as<io::FileIOObject>()->blksize;
    buffer = io::buffered_new(fd == 0 ? io::buffered_reader : io::buffered_writer, raw,
                              bs > 1 ? bs : io::kDefaultBufferSize);
    if (buffer.is_exc()) return buffer;
  }
  bool line_buffering = !unbuffered && fd != 0 && (tty || fd == 2);
  Value t = io::textio_new(buffer, str_value(encoding), str_value(errors), str_value("\n"), line_buffering,
                           unbuffered && fd != 0);
  if (t.is_exc()) return t;
  if (setattr(t, NAME("mode"), str_value(fd == 0 ? "r" : "w")) < 0) return Value::exc();
  return t;
}

// The original stream object, still in its start-up configuration (utf-8, no newline
// translation): print() may write to it without Python-level calls.
bool fast_stream(Value v) {
  if (!v.is_obj() || v.as_obj()->type != io::textiowrapper) return false;
  io::TextIOObject* t = text_of(v);
  return t->ok && t->native_codec && t->codec == TextCodec::kUtf8 && t->writenl->empty() && (t->nbuf || t->nraw);
}

// sys.stdin / stdout / stderr and their __std*__ twins (None for a stream that failed).
void publish_streams() {
  for (Value* v : {&g_stdin, &g_stdout, &g_stderr})
    if (v->is_exc()) {
      exc_fetch();
      *v = Value::none();
    }
  const char* names[3][2] = {{"stdin", "__stdin__"}, {"stdout", "__stdout__"}, {"stderr", "__stderr__"}};
  Value vals[3] = {g_stdin, g_stdout, g_stderr};
  for (int i = 0; i < 3; i++) {
    dict_set_str(g_sys_dict, str_intern(names[i][0]), vals[i]);
    dict_set_str(g_sys_dict, str_intern(names[i][1]), vals[i]);
  }
}

}  // namespace

void init_std_streams(DictObject* sys_dict) {
  static bool registered = false;
  if (!registered) {
    registered = true;
    std::atexit(flush_at_exit);
    gc::add_root_scanner(trace_streams);
  }
  g_sys_dict = sys_dict;
  Value io = make_io_module();
  if (!io.is_exc()) {
    dict_set_str(g_sys_modules, str_intern("_io"), io);
    // The open() builtin is _io.open, as in CPython.
    dict_set_str(g_builtins, str_intern("open"), dict_get_str(io.as<ModuleObject>()->dict, str_intern("open")));
  }
  bool unbuffered = runtime_config().unbuffered;  // -u or PYTHONUNBUFFERED (main/)
  const char* errors = stdio_errors();
  g_stdin = make_stream(0, unbuffered, errors);
  g_stdout = make_stream(1, unbuffered, errors);
  g_stderr = make_stream(2, unbuffered, "backslashreplace");
  publish_streams();
}

bool apply_io_encoding() {
  const RuntimeConfig& c = runtime_config();
  if (c.io_encoding.empty() && c.io_errors.empty()) return true;
  std::string encoding = "utf-8";
  if (!c.io_encoding.empty()) {
    // The codec's own name, as CPython's config_get_codec_name ("LATIN1" -> "iso8859-1").
    Value info = codec_lookup(c.io_encoding);
    Value name = info.is_exc() ? info : getattr(info, NAME("name"));
    if (name.is_exc() || !is_str(name)) {
      std::string what = "LookupError: unknown encoding: " + c.io_encoding;
      if (name.is_exc()) {
        Value e = exc_fetch();
        Value text = str_of(e);
        if (!text.is_exc()) what = std::string(type_of(e)->name->view()) + ": " + std::string(as_str(text)->view());
        else exc_fetch();
      }
      std::fprintf(stderr,
                   "Fatal Python error: init_stdio_encoding: failed to get the Python codec name of the stdio "
                   "encoding\nPython runtime state: core initialized\n%s\n\nCurrent thread 0x%016llx (most recent "
                   "call first):\n  <no Python frame>\n",
                   what.c_str(), (unsigned long long)pthread_self());
      return false;
    }
    encoding = as_str(name)->view();
  }
  bool unbuffered = runtime_config().unbuffered;
  const char* errors = c.io_errors.empty() ? stdio_errors() : c.io_errors.c_str();
  g_stdin = make_stream(0, unbuffered, errors, encoding.c_str());
  g_stdout = make_stream(1, unbuffered, errors, encoding.c_str());
  g_stderr = make_stream(2, unbuffered, "backslashreplace", encoding.c_str());
  publish_streams();
  return true;
}

// -- The API print() and input() use (modules.h) -------------------------------------------------------
bool stdout_write(std::string_view s) {
  if (!fast_stream(g_stdout)) return true;
  return io::textio_write_utf8(text_of(g_stdout), s) >= 0;  // a closed pipe: BrokenPipeError
}

void stdout_flush() {
  if (!fast_stream(g_stdout)) return;
  if (io::textio_flush(text_of(g_stdout)) < 0) exc_fetch();
}

void stderr_write(std::string_view s) {
  stdout_flush();
  if (!fast_stream(g_stderr)) return;
  io::TextIOObject* t = text_of(g_stderr);
  std::string escaped;
  if (s.find('\xED') != std::string_view::npos) {  // lone surrogates: backslashreplace, as stderr's errors
    if (!text_encode(TextCodec::kUtf8, TextErrors::kBackslashReplace, s, &escaped)) {
      exc_fetch();
      return;
    }
    s = escaped;
  }
  if (io::textio_write_utf8(t, s) < 0 || io::textio_flush(t) < 0) exc_fetch();
}

int stdin_readline(std::string* out) {
  stdout_flush();
  out->clear();
  if (!g_stdin.is_obj()) return 0;
  Value line = call_method(g_stdin, NAME("readline"), nullptr, 0);
  if (line.is_exc()) return -1;
  if (!is_str(line)) return 0;
  out->assign(as_str(line)->view());
  return out->empty() ? 0 : 1;
}

int std_stream_fd(Value v) {
  if (v.is_null() || !v.is_obj()) return -1;
  if (v == g_stdout) return fast_stream(v) ? 1 : -1;
  if (v == g_stderr) return fast_stream(v) ? 2 : -1;
  if (v == g_stdin) return fast_stream(v) ? 0 : -1;
  return -1;
}

Value sys_stdout() {
  if (!g_sys_dict) return Value::null();
  return dict_get_str(g_sys_dict, NAME("stdout"));
}

Value sys_stderr() {
  if (!g_sys_dict) return Value::null();
  return dict_get_str(g_sys_dict, NAME("stderr"));
}

Value sys_stdin() {
  if (!g_sys_dict) return Value::null();
  return dict_get_str(g_sys_dict, NAME("stdin"));
}

std::string utf8_sanitize(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0, n = in.size();
  while (i < n) {
    unsigned char c = in[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; k++) ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      i++;
    }
  }
  return out;
}

}  // namespace chaipy
