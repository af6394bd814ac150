// interp/modules/io_module.cpp — the _io module: open() / open_code(), text_encoding,
// DEFAULT_BUFFER_SIZE, UnsupportedOperation, and the abstract bases _IOBase, _RawIOBase,
// _BufferedIOBase and _TextIOBase whose generic methods (iteration, readline(s), writelines,
// the context manager, close/closed) work through the subclass's own Python-level methods.
#include <unistd.h>

#include "interp/modules/io.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"

namespace chaipy::io {

TypeObject *iobase, *rawiobase, *bufferediobase, *textiobase, *fileio, *buffered_reader, *buffered_writer,
    *buffered_random, *buffered_rwpair, *bytesio, *stringio, *textiowrapper, *newline_decoder, *unsupported_operation;

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

// -- Shared helpers ------------------------------------------------------------------------------------
Value unsupported(const char* msg) { return raise(unsupported_operation, msg); }
Value closed_error(bool dot) { return raise(exc::ValueError, dot ? "I/O operation on closed file." : "I/O operation on closed file"); }

bool is_exact(Value v, TypeObject* t) { return v.is_obj() && v.as_obj()->type == t; }

bool check_self(Value* args, size_t nargs, TypeObject* t, const char* method) {
  if (nargs >= 1 && is_subtype(type_of(args[0]), t)) return true;
  raise_fmt(exc::TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", method,
            t->module && t->module->view() == "_io" ? fmt::format("_io.{}", t->name->view()) : std::string(t->name->view()),
            nargs ? type_name(args[0]) : "NoneType");
  return false;
}

Value call_name(Value self, const char* name, Value* args, size_t nargs) {
  return call_method(self, str_intern(name), args, nargs);
}

int iobase_closed(Value self) {
  Value c = getattr(self, NAME("closed"));
  if (c.is_exc()) return -1;
  return truthy(c);
}

bool size_arg(Value v, int64_t* out) {
  if (v.is_null() || v.is_none()) {
    *out = -1;
    return true;
  }
  if (!is_int(v) && (v.is_double() || lookup_special(v, NAME("__index__")).is_null())) {
    raise_fmt(exc::TypeError, "argument should be integer or None, not '{}'", type_name(v));
    return false;
  }
  if (index_of(v, out).is_exc()) return false;
  return true;
}

namespace {

bool check_closed(Value self) {
  int c = iobase_closed(self);
  if (c < 0) return false;
  if (c) {
    closed_error();
    return false;
  }
  return true;
}

// -- _IOBase -----------------------------------------------------------------------------------------------
#define SELF_CHECK(t, name) \
  if (!check_self(args, nargs, t, name)) return Value::exc();

Value iobase_unsupported_seek(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "seek");
  return unsupported("seek");
}
Value iobase_tell(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "tell");
  Value a[2] = {Value::from_small_int(0), Value::from_small_int(1)};
  return call_name(args[0], "seek", a, 2);
}
Value iobase_truncate(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "truncate");
  return unsupported("truncate");
}
Value iobase_fileno(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "fileno");
  return unsupported("fileno");
}
Value iobase_flush(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "flush");
  if (!check_closed(args[0])) return Value::exc();
  return Value::none();
}
Value iobase_close(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "close");
  auto* self = args[0].as<IOBaseObject>();
  if (self->iobase_closed) return Value::none();
  Value r = call_name(args[0], "flush");
  self->iobase_closed = true;
  return r.is_exc() ? r : Value::none();
}
Value iobase_closed_get(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "closed");
  return Value::from_bool(args[0].as<IOBaseObject>()->iobase_closed);
}
Value iobase_false(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "seekable");
  return Value::false_();
}
Value iobase_isatty(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "isatty");
  if (!check_closed(args[0])) return Value::exc();
  return Value::false_();
}
Value iobase_check_closed(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "_checkClosed");
  if (!check_closed(args[0])) return Value::exc();
  return Value::none();
}
Value iobase_check_readable(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "_checkReadable");
  Value r = call_name(args[0], "readable");
  if (r.is_exc()) return r;
  int t = truthy(r);
  if (t < 0) return Value::exc();
  if (!t) return unsupported("File or stream is not readable.");
  return Value::true_();
}
Value iobase_check_writable(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "_checkWritable");
  Value r = call_name(args[0], "writable");
  if (r.is_exc()) return r;
  int t = truthy(r);
  if (t < 0) return Value::exc();
  if (!t) return unsupported("File or stream is not writable.");
  return Value::true_();
}
Value iobase_check_seekable(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "_checkSeekable");
  Value r = call_name(args[0], "seekable");
  if (r.is_exc()) return r;
  int t = truthy(r);
  if (t < 0) return Value::exc();
  if (!t) return unsupported("File or stream is not seekable.");
  return Value::true_();
}
Value iobase_enter(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "__enter__");
  if (!check_closed(args[0])) return Value::exc();
  return args[0];
}
Value iobase_exit(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(iobase, "__exit__");
  return call_name(args[0], "close");
}
Value iobase_iter(Value self) {
  if (!check_closed(self)) return Value::exc();
  return self;
}
Value iobase_next(Value self) {
  Value line = call_name(self, "readline");
  if (line.is_exc()) return line;
  int64_t n = length(line);
  if (n < 0) return Value::exc();
  return n == 0 ? Value::null() : line;
}

// readline through peek() when the object has it, else read(1) byte by byte (CPython's).
Value iobase_readline(Value* args, size_t nargs, TupleObject* kw) {
  SELF_CHECK(iobase, "readline");
  if (!check_no_kwargs("readline", kw) || !check_nargs("readline", nargs - 1, 0, 1)) return Value::exc();
  int64_t limit = -1;
  if (nargs == 2 && !size_arg(args[1], &limit)) return Value::exc();
  Value self = args[0];
  Value peek = getattr_opt(self, NAME("peek"));
  if (peek.is_exc()) return peek;
  std::string out;
  while (limit < 0 || int64_t(out.size()) < limit) {
    int64_t want = 1;
    if (!peek.is_null()) {
      Value p = call1(peek, Value::from_small_int(1));
      if (p.is_exc()) return p;
      if (!is_bytes(p)) return raise_fmt(exc::OSError, "peek() should have returned a bytes object, not '{}'", type_name(p));
      std::string_view pv(p.as<BytesObject>()->data, p.as<BytesObject>()->size);
      if (!pv.empty()) {
        size_t nl = pv.find('\n');
        want = nl == std::string_view::npos ? int64_t(pv.size()) : int64_t(nl + 1);
        if (limit >= 0) want = std::min<int64_t>(want, limit - int64_t(out.size()));
      }
    }
    Value want_v = int_from_i64(want);
    Value b = call_name(self, "read", &want_v, 1);
    if (b.is_exc()) return b;
    if (b.is_none()) break;
    if (!is_bytes(b)) return raise_fmt(exc::OSError, "read() should have returned a bytes object, not '{}'", type_name(b));
    std::string_view bv(b.as<BytesObject>()->data, b.as<BytesObject>()->size);
    if (bv.empty()) break;
    out.append(bv);
    if (out.back() == '\n') break;
  }
  return bytes_new(out);
}

Value iobase_readlines(Value* args, size_t nargs, TupleObject* kw) {
  SELF_CHECK(iobase, "readlines");
  if (!check_no_kwargs("readlines", kw) || !check_nargs("readlines", nargs - 1, 0, 1)) return Value::exc();
  int64_t hint = -1;
  if (nargs == 2 && !size_arg(args[1], &hint)) return Value::exc();
  ListObject* l = list_new(0);
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  int64_t total = 0;
  while (true) {
    Value line = iter_next(it);
    if (line.is_exc()) return line;
    if (line.is_null()) break;
    list_append(l, line);
    if (hint > 0) {
      int64_t n = length(line);
      if (n < 0) return Value::exc();
      total += n;
      if (total >= hint) break;
    }
  }
  return obj(l);
}

Value iobase_writelines(Value* args, size_t nargs, TupleObject* kw) {
  SELF_CHECK(iobase, "writelines");
  if (!check_no_kwargs("writelines", kw) || !check_nargs("writelines", nargs - 1, 1, 1)) return Value::exc();
  if (!check_closed(args[0])) return Value::exc();
  Value it = get_iter(args[1]);
  if (it.is_exc()) return it;
  Value w = getattr(args[0], NAME("write"));
  if (w.is_exc()) return w;
  while (true) {
    Value line = iter_next(it);
    if (line.is_exc()) return line;
    if (line.is_null()) break;
    if (call1(w, line).is_exc()) return Value::exc();
  }
  return Value::none();
}

// -- _RawIOBase ------------------------------------------------------------------------------------------
Value rawiobase_readall(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(rawiobase, "readall");
  std::string out;
  while (true) {
    Value size = Value::from_small_int(kDefaultBufferSize);
    Value b = call_name(args[0], "read", &size, 1);
    if (b.is_exc()) return b;
    if (b.is_none()) {
      if (out.empty()) return b;
      break;
    }
    if (!is_bytes(b)) return raise(exc::TypeError, "read() should return bytes");
    if (b.as<BytesObject>()->size == 0) break;
    out.append(b.as<BytesObject>()->data, b.as<BytesObject>()->size);
  }
  return bytes_new(out);
}

Value rawiobase_read(Value* args, size_t nargs, TupleObject* kw) {
  SELF_CHECK(rawiobase, "read");
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  if (n < 0) return call_name(args[0], "readall");
  // b = bytearray(n); n = self.readinto(b); return bytes(b[:n])
  Value bytearray = dict_get_str(g_builtins, NAME("bytearray"));
  if (bytearray.is_null()) return raise(exc::NotImplementedError, "_RawIOBase.read(n) needs bytearray");
  Value b = call1(bytearray, int_from_i64(n));
  if (b.is_exc()) return b;
  Value got = call_name(args[0], "readinto", &b, 1);
  if (got.is_exc() || got.is_none()) return got;
  int64_t k;
  if (index_of(got, &k).is_exc()) return Value::exc();
  Value sl = getitem(b, slice_new(Value::none(), int_from_i64(k), Value::none()));
  if (sl.is_exc()) return sl;
  return call1(obj(types::bytes), sl);
}

Value not_implemented(Value* args, size_t nargs, TupleObject*) {
  return raise(exc::NotImplementedError, "");
}

// -- _BufferedIOBase / _TextIOBase -----------------------------------------------------------------------
template <const char* kName>
Value unsupported_method(Value* args, size_t nargs, TupleObject*) {
  return unsupported(kName);
}
constexpr char kRead[] = "read", kRead1[] = "read1", kWrite[] = "write", kDetach[] = "detach", kReadline[] = "readline";

Value bufferediobase_readinto_impl(Value* args, size_t nargs, const char* reader) {
  if (!check_nargs("readinto", nargs - 1, 1, 1)) return Value::exc();
  int64_t n = length(args[1]);
  if (n < 0) return Value::exc();
  Value nv = int_from_i64(n);
  Value data = call_name(args[0], reader, &nv, 1);
  if (data.is_exc()) return data;
  if (!is_bytes(data)) return raise(exc::TypeError, "read() should return bytes");
  int64_t k = int64_t(data.as<BytesObject>()->size);
  Value target = slice_new(Value::none(), int_from_i64(k), Value::none());
  if (setitem(args[1], target, data) < 0) return Value::exc();
  return int_from_i64(k);
}
Value bufferediobase_readinto(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(bufferediobase, "readinto");
  return bufferediobase_readinto_impl(args, nargs, "read");
}
Value bufferediobase_readinto1(Value* args, size_t nargs, TupleObject*) {
  SELF_CHECK(bufferediobase, "readinto1");
  return bufferediobase_readinto_impl(args, nargs, "read1");
}

Value none_getter(Value* args, size_t nargs, TupleObject*) { return Value::none(); }

// -- open() ----------------------------------------------------------------------------------------------
Value io_open(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener",
                                      nullptr};
  Value a[8];
  if (!parse_args("open", args, nargs, kw, names, 1, a)) return Value::exc();
  Value file = a[0];
  std::string mode = "r";
  if (!a[1].is_null()) {
    if (!is_str(a[1])) return raise_fmt(exc::TypeError, "open() argument 'mode' must be str, not {}", type_name(a[1]));
    mode = std::string(as_str(a[1])->view());
  }
  int64_t buffering = -1;
  if (!a[2].is_null()) {
    if (!is_int(a[2])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(a[2]));
    if (index_of(a[2], &buffering).is_exc()) return Value::exc();
  }
  for (int i : {3, 4, 5})
    if (!a[i].is_null() && !a[i].is_none() && !is_str(a[i]))
      return raise_fmt(exc::TypeError, "open() argument '{}' must be str or None, not {}", names[i], type_name(a[i]));
  Value encoding = a[3].is_null() ? Value::none() : a[3];
  Value errors = a[4].is_null() ? Value::none() : a[4];
  Value newline = a[5].is_null() ? Value::none() : a[5];
  bool closefd = true;
  if (!a[6].is_null()) {
    int t = truthy(a[6]);
    if (t < 0) return Value::exc();
    closefd = t;
  }
  Value opener = a[7].is_null() ? Value::none() : a[7];
  if (!is_int(file) && !is_str(file) && !is_bytes(file)) {
    file = fspath(file);  // FileIO.name is the path, not the os.PathLike object
    if (file.is_exc()) return file;
  }
  bool creating = false, reading = false, writing = false, appending = false, updating = false, text = false,
       binary = false;
  std::string seen;
  for (char c : mode) {
    if (std::string_view("xrwabt+").find(c) == std::string_view::npos || seen.find(c) != std::string::npos)
      return raise_fmt(exc::ValueError, "invalid mode: '{}'", mode);
    seen += c;
    switch (c) {
      case 'x': creating = true; break;
      case 'r': reading = true; break;
      case 'w': writing = true; break;
      case 'a': appending = true; break;
      case '+': updating = true; break;
      case 't': text = true; break;
      case 'b': binary = true; break;
    }
  }
  if (text && binary) return raise(exc::ValueError, "can't have text and binary mode at once");
  if (int(creating) + int(reading) + int(writing) + int(appending) > 1)  // none: FileIO's message
    return raise(exc::ValueError, "must have exactly one of create/read/write/append mode");
  if (binary && !encoding.is_none()) return raise(exc::ValueError, "binary mode doesn't take an encoding argument");
  if (binary && !errors.is_none()) return raise(exc::ValueError, "binary mode doesn't take an errors argument");
  if (binary && !newline.is_none()) return raise(exc::ValueError, "binary mode doesn't take a newline argument");
  std::string rawmode = creating ? "x" : reading ? "r" : writing ? "w" : appending ? "a" : "";
  if (updating) rawmode += '+';
  Value raw = fileio_new(file, rawmode.c_str(), closefd, opener);
  if (raw.is_exc()) return raw;
  Value result = raw;
  bool line_buffering = false;
  if (buffering == 1 || buffering < 0) {
    Value tty = call_name(raw, "isatty");
    if (tty.is_exc()) goto fail;
    int t = truthy(tty);
    if (t < 0) goto fail;
    if (buffering == 1 || t) {
      line_buffering = true;
      buffering = -1;
    }
  }
  if (buffering < 0) {
    int64_t bs = raw.as<FileIOObject>()->blksize;
    buffering = bs > 1 ? bs : kDefaultBufferSize;
  }
  if (buffering == 0) {
    if (binary) return result;
    raise(exc::ValueError, "can't have unbuffered text I/O");
    goto fail;
  }
  {
    TypeObject* bt = updating ? buffered_random : (creating || writing || appending) ? buffered_writer : buffered_reader;
    Value buffer = buffered_new(bt, raw, buffering);
    if (buffer.is_exc()) goto fail;
    result = buffer;
    if (binary) return result;
    Value w = textio_new(buffer, encoding, errors, newline, line_buffering, false);
    if (w.is_exc()) goto fail;
    result = w;
    if (setattr(w, NAME("mode"), str_value(mode)) < 0) goto fail;
    return result;
  }
fail: {
  Value e = exc_fetch();
  Value r = call_name(result, "close");
  if (r.is_exc()) exc_fetch();
  exc_restore(e);
  return Value::exc();
}
}

Value io_open_code(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"path", nullptr};
  Value a[1];
  if (!parse_args("open_code", args, nargs, kw, names, 1, a)) return Value::exc();
  if (!is_str(a[0])) return raise_fmt(exc::TypeError, "open_code() argument 'path' must be str, not {}", type_name(a[0]));
  Value oa[2] = {a[0], str_value("rb")};
  return io_open(oa, 2, nullptr);
}

Value io_text_encoding(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"encoding", "stacklevel", nullptr};
  Value a[2];
  if (!parse_args("text_encoding", args, nargs, kw, names, 1, a)) return Value::exc();
  if (!a[0].is_none()) return a[0];
  return str_value("locale");
}

}  // namespace

TypeObject* io_type(const char* name, TypeObject* base, size_t size, DictObject* module) {
  TypeObject* t = make_builtin_type(name, base, uint32_t(size), kTypeBaseType | kTypeInstanceLayout);
  t->module = str_intern("_io");
  t->iter = base->iter;  // make_builtin_type inherits only the behaviour slots
  t->iternext = base->iternext;
  t->tp_new = base->tp_new;
  t->trace = base->trace;
  t->finalize = base->finalize;
  dict_set_str(module, str_intern(name), obj(t));
  return t;
}

void init_iobase_types(DictObject* m) {
  iobase = io_type("_IOBase", types::object, sizeof(IOBaseObject), m);
  iobase->trace = instance_trace_part;
  iobase->finalize = instance_finalize_part;
  iobase->tp_new = [](TypeObject* t, Value*, size_t, TupleObject*) { return instance_new(t); };
  iobase->iter = iobase_iter;
  iobase->iternext = iobase_next;
  type_add_methods(iobase, {
      {"seek", iobase_unsupported_seek}, {"tell", iobase_tell, kNativeNoArgs}, {"truncate", iobase_truncate},
      {"flush", iobase_flush, kNativeNoArgs}, {"close", iobase_close, kNativeNoArgs},
      {"seekable", iobase_false, kNativeNoArgs}, {"readable", iobase_false, kNativeNoArgs},
      {"writable", iobase_false, kNativeNoArgs}, {"fileno", iobase_fileno, kNativeNoArgs},
      {"isatty", iobase_isatty, kNativeNoArgs}, {"_checkClosed", iobase_check_closed},
      {"_checkReadable", iobase_check_readable}, {"_checkWritable", iobase_check_writable},
      {"_checkSeekable", iobase_check_seekable}, {"__enter__", iobase_enter, kNativeNoArgs},
      {"__exit__", iobase_exit}, {"readline", iobase_readline}, {"readlines", iobase_readlines},
      {"writelines", iobase_writelines},
  });
  type_add_getsets(iobase, {{"closed", iobase_closed_get}});
  rawiobase = io_type("_RawIOBase", iobase, sizeof(IOBaseObject), m);
  type_add_methods(rawiobase, {{"read", rawiobase_read}, {"readall", rawiobase_readall, kNativeNoArgs},
                               {"readinto", not_implemented}, {"write", not_implemented}});
  bufferediobase = io_type("_BufferedIOBase", iobase, sizeof(IOBaseObject), m);
  type_add_methods(bufferediobase, {{"read", unsupported_method<kRead>}, {"read1", unsupported_method<kRead1>},
                                    {"write", unsupported_method<kWrite>}, {"detach", unsupported_method<kDetach>},
                                    {"readinto", bufferediobase_readinto}, {"readinto1", bufferediobase_readinto1}});
  textiobase = io_type("_TextIOBase", iobase, sizeof(IOBaseObject), m);
  type_add_methods(textiobase, {{"read", unsupported_method<kRead>}, {"readline", unsupported_method<kReadline>},
                                {"write", unsupported_method<kWrite>}, {"detach", unsupported_method<kDetach>}});
  type_add_getsets(textiobase, {{"encoding", none_getter}, {"newlines", none_getter}, {"errors", none_getter}});
}

}  // namespace chaipy::io

namespace chaipy {

Value make_io_module() {
  Value m = module_new("_io");
  DictObject* d = m.as<ModuleObject>()->dict;
  // UnsupportedOperation derives from OSError and ValueError (CPython builds it the same way).
  Value bases = tuple_pack({obj(exc::OSError), obj(exc::ValueError)});
  DictObject* ns = dict_new();
  dict_set_str(ns, str_intern("__module__"), str_value("io"));
  Value targs[3] = {str_value("UnsupportedOperation"), bases, obj(ns)};
  Value uo = call(obj(types::type), targs, 3);
  if (uo.is_exc()) return uo;
  io::unsupported_operation = uo.as<TypeObject>();
  gc::add_root(&io::unsupported_operation);
  dict_set_str(d, str_intern("UnsupportedOperation"), uo);
  dict_set_str(d, str_intern("BlockingIOError"), obj(exc::BlockingIOError));
  dict_set_str(d, str_intern("DEFAULT_BUFFER_SIZE"), Value::from_small_int(io::kDefaultBufferSize));
  io::init_iobase_types(d);
  io::init_fileio_type(d);
  io::init_buffered_types(d);
  io::init_memory_types(d);
  io::init_text_types(d);
  module_add_functions(d, {{"open", io::io_open}, {"open_code", io::io_open_code},
                           {"text_encoding", io::io_text_encoding}});
  return m;
}

}  // namespace chaipy
