// interp/modules/io_memory.cpp — the in-memory streams: BytesIO (a byte buffer with a position;
// writes past the end pad with zeros) and StringIO (code points, with the newline modes of
// TextIOWrapper: None translates on write, '' and '\n' keep, '\r' / '\r\n' translate '\n' on write).
#include <algorithm>

#include "interp/modules/io.h"
#include "interp/modules/io_newlines.h"
#include "interp/objects/objects.h"

namespace chaipy::io {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

namespace {

// -- BytesIO ---------------------------------------------------------------------------------------
BytesIOObject* bself(Value v) { return v.as<BytesIOObject>(); }

bool check_b(Value* args, size_t nargs, const char* m, bool need_open = true) {
  if (!check_self(args, nargs, bytesio, m)) return false;
  if (need_open && bself(args[0])->closed) {
    closed_error();
    return false;
  }
  return true;
}

Value bytesio_tp_new(TypeObject* t, Value*, size_t, TupleObject*) {
  Value v = instance_new(t);
  if (v.is_exc()) return v;
  bself(v)->buf = new std::string();
  return v;
}

int bytesio_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"initial_bytes", nullptr};
  Value a[1];
  if (!parse_args("BytesIO", args, nargs, kw, names, 0, a)) return -1;
  BytesIOObject* b = bself(self);
  if (b->exports > 0) {
    raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
    return -1;
  }
  b->buf->clear();
  b->pos = 0;
  if (!a[0].is_null() && !a[0].is_none()) {
    std::string_view v;
    if (!buffer_view(a[0], &v)) return -1;
    b->buf->assign(v);
  }
  return 0;
}

Value bytesio_init_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "__init__", false)) return Value::exc();
  return bytesio_init(args[0], args + 1, nargs - 1, kw) < 0 ? Value::exc() : Value::none();
}

Value bytesio_getvalue(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "getvalue")) return Value::exc();
  return bytes_new(*bself(args[0])->buf);
}

Value b_read(BytesIOObject* b, int64_t n) {
  size_t avail = b->pos < b->buf->size() ? b->buf->size() - b->pos : 0;
  size_t k = n < 0 ? avail : std::min(avail, size_t(n));
  Value r = bytes_new(std::string_view(b->buf->data() + std::min(b->pos, b->buf->size()), k));
  b->pos += k;
  return r;
}

Value bytesio_read(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "read")) return Value::exc();
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  return b_read(bself(args[0]), n);
}

Value b_readline(BytesIOObject* b, int64_t limit) {
  if (b->pos >= b->buf->size()) return bytes_new("");
  std::string_view rest(b->buf->data() + b->pos, b->buf->size() - b->pos);
  size_t nl = rest.find('\n');
  size_t k = nl == std::string_view::npos ? rest.size() : nl + 1;
  if (limit >= 0) k = std::min(k, size_t(limit));
  b->pos += k;
  return bytes_new(rest.substr(0, k));
}

Value bytesio_readline(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "readline")) return Value::exc();
  if (!check_no_kwargs("readline", kw) || !check_nargs("readline", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  return b_readline(bself(args[0]), n);
}

Value bytesio_readlines(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "readlines")) return Value::exc();
  if (!check_no_kwargs("readlines", kw) || !check_nargs("readlines", nargs - 1, 0, 1)) return Value::exc();
  int64_t hint = -1;
  if (nargs == 2 && !size_arg(args[1], &hint)) return Value::exc();
  ListObject* l = list_new(0);
  int64_t total = 0;
  while (true) {
    Value line = b_readline(bself(args[0]), -1);
    size_t n = line.as<BytesObject>()->size;
    if (n == 0) break;
    list_append(l, line);
    total += int64_t(n);
    if (hint > 0 && total >= hint) break;
  }
  return obj(l);
}

Value bytesio_readinto(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "readinto")) return Value::exc();
  if (!check_no_kwargs("readinto", kw) || !check_nargs("readinto", nargs - 1, 1, 1)) return Value::exc();
  int64_t n = length(args[1]);
  if (n < 0) return Value::exc();
  Value data = b_read(bself(args[0]), n);
  int64_t k = int64_t(data.as<BytesObject>()->size);
  if (setitem(args[1], slice_new(Value::none(), int_from_i64(k), Value::none()), data) < 0) return Value::exc();
  return int_from_i64(k);
}

Value bytesio_write(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "write")) return Value::exc();
  if (!check_no_kwargs("write", kw) || !check_nargs("write", nargs - 1, 1, 1)) return Value::exc();
  BytesIOObject* b = bself(args[0]);
  std::string_view v;
  if (!buffer_view(args[1], &v)) return Value::exc();
  if (b->exports > 0 && !v.empty()) return raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
  if (b->pos > b->buf->size()) b->buf->resize(b->pos, '\0');
  size_t end = b->pos + v.size();
  if (end > b->buf->size()) b->buf->resize(end);
  std::copy(v.begin(), v.end(), b->buf->begin() + int64_t(b->pos));
  b->pos = end;
  return int_from_i64(int64_t(v.size()));
}

Value bytesio_seek(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "seek")) return Value::exc();
  if (!check_no_kwargs("seek", kw) || !check_nargs("seek", nargs - 1, 1, 2)) return Value::exc();
  BytesIOObject* b = bself(args[0]);
  int64_t pos;
  int whence = 0;
  if (index_of(args[1], &pos).is_exc() || (nargs == 3 && !int_arg(args[2], &whence))) return Value::exc();
  if (whence == 0) {
    if (pos < 0) return raise_fmt(exc::ValueError, "negative seek value {}", pos);
  } else if (whence == 1) {
    pos = std::max<int64_t>(0, int64_t(b->pos) + pos);
  } else if (whence == 2) {
    pos = std::max<int64_t>(0, int64_t(b->buf->size()) + pos);
  } else {
    return raise_fmt(exc::ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  b->pos = size_t(pos);
  return int_from_i64(pos);
}

Value bytesio_tell(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "tell")) return Value::exc();
  return int_from_i64(int64_t(bself(args[0])->pos));
}

Value bytesio_truncate(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_b(args, nargs, "truncate")) return Value::exc();
  if (!check_no_kwargs("truncate", kw) || !check_nargs("truncate", nargs - 1, 0, 1)) return Value::exc();
  BytesIOObject* b = bself(args[0]);
  int64_t size = int64_t(b->pos);
  if (nargs == 2 && !args[1].is_none() && index_of(args[1], &size).is_exc()) return Value::exc();
  if (size < 0) return raise_fmt(exc::ValueError, "negative size value {}", size);
  if (size_t(size) < b->buf->size()) {
    if (b->exports > 0) return raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
    b->buf->resize(size_t(size));
  }
  return int_from_i64(size);
}

Value bytesio_close(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "close", false)) return Value::exc();
  if (bself(args[0])->exports > 0) return raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
  bself(args[0])->closed = true;
  return Value::none();
}

Value bytesio_true(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "readable")) return Value::exc();
  return Value::true_();
}
Value bytesio_false(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "isatty")) return Value::exc();
  return Value::false_();
}
Value bytesio_flush(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "flush")) return Value::exc();
  return Value::none();
}
Value bytesio_closed(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "closed", false)) return Value::exc();
  return Value::from_bool(bself(args[0])->closed);
}

Value bytesio_next(Value self) {
  if (bself(self)->closed) return closed_error();
  Value line = is_exact(self, bytesio) ? b_readline(bself(self), -1) : call_name(self, "readline");
  if (line.is_exc()) return line;
  int64_t n = length(line);
  if (n < 0) return Value::exc();
  return n == 0 ? Value::null() : line;
}

Value bytesio_getstate(Value* args, size_t nargs, TupleObject*) {
  if (!check_b(args, nargs, "__getstate__")) return Value::exc();
  Value d = generic_getattr(args[0], NAME("__dict__"));
  if (d.is_exc()) {
    exc_fetch();
    d = Value::none();
  }
  return tuple_pack({bytes_new(*bself(args[0])->buf), int_from_i64(int64_t(bself(args[0])->pos)), d});
}

// -- StringIO ---------------------------------------------------------------------------------------------
StringIOObject* sself(Value v) { return v.as<StringIOObject>(); }

bool check_s(Value* args, size_t nargs, const char* m, bool need_open = true) {
  if (!check_self(args, nargs, stringio, m)) return false;
  StringIOObject* s = sself(args[0]);
  if (!s->ok) {
    raise(exc::ValueError, "I/O operation on uninitialized object");
    return false;
  }
  if (need_open && s->closed) {
    closed_error();
    return false;
  }
  return true;
}

void u32_append_utf8(std::u32string* out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = (unsigned char)s[i];
    if (c < 0x80) {
      out->push_back(c);
      i++;
      continue;
    }
    int len;
    out->push_back(utf8_decode(s.data() + i, &len));
    i += size_t(len);
  }
}

Value u32_to_str(const char32_t* p, size_t n) {
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; i++) {
    if (p[i] < 0x80) out += char(p[i]);
    else utf8_append(out, uint32_t(p[i]));
  }
  return str_value(out);
}

void stringio_trace(Object* o, Tracer& t) {
  instance_trace_part(o, t);
  t.visit(static_cast<StringIOObject*>(o)->decoder);
}
void stringio_finalize(Object* o) {
  auto* s = static_cast<StringIOObject*>(o);
  delete s->buf;
  delete s->writenl;
  s->buf = nullptr;
  s->writenl = nullptr;
  instance_finalize_part(o);
}

Value stringio_tp_new(TypeObject* t, Value*, size_t, TupleObject*) {
  Value v = instance_new(t);
  if (v.is_exc()) return v;
  sself(v)->buf = new std::u32string();
  sself(v)->writenl = new std::string();
  sself(v)->decoder = Value::none();
  return v;
}

// Translates and stores text at the position (CPython's write_str).
void s_write(StringIOObject* s, std::string_view text) {
  std::string translated;
  if (s->readuniversal) {  // newline None or '': note the newline kinds; None also translates
    translated = newlines_translate(text, s->readtranslate, &s->seennl);
    text = translated;
  }
  std::string out;
  if (!s->writenl->empty()) {
    for (char c : text) {
      if (c == '\n') out += *s->writenl;
      else out += c;
    }
    text = out;
  }
  std::u32string u;
  u32_append_utf8(&u, text);
  if (s->pos > s->buf->size()) s->buf->resize(s->pos, U'\0');
  size_t end = s->pos + u.size();
  if (end > s->buf->size()) s->buf->resize(end);
  std::copy(u.begin(), u.end(), s->buf->begin() + int64_t(s->pos));
  s->pos = end;
}

int stringio_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"initial_value", "newline", nullptr};
  Value a[2];
  if (!parse_args("StringIO", args, nargs, kw, names, 0, a)) return -1;
  StringIOObject* s = sself(self);
  Value nl = a[1].is_null() ? str_value("\n") : a[1];
  if (!nl.is_none() && !is_str(nl)) {
    raise_fmt(exc::TypeError, "newline must be str or None, not {}", type_name(nl));
    return -1;
  }
  if (is_str(nl)) {
    std::string_view v = as_str(nl)->view();
    if (v != "" && v != "\n" && v != "\r" && v != "\r\n") {
      raise_fmt(exc::ValueError, "illegal newline value: {}", v);
      return -1;
    }
  }
  if (!a[0].is_null() && !a[0].is_none() && !is_str(a[0])) {
    raise_fmt(exc::TypeError, "initial_value must be str or None, not {}", type_name(a[0]));
    return -1;
  }
  s->readuniversal = nl.is_none() || as_str(nl)->nbytes == 0;
  s->readtranslate = nl.is_none();
  s->writenl->clear();
  if (is_str(nl) && as_str(nl)->nbytes > 0 && as_str(nl)->data[0] == '\r') s->writenl->assign(as_str(nl)->view());
  s->seennl = 0;
  s->buf->clear();
  s->pos = 0;
  s->closed = false;
  s->ok = true;
  if (!a[0].is_null() && !a[0].is_none() && as_str(a[0])->nbytes > 0) {
    s_write(s, as_str(a[0])->view());
    s->pos = 0;
  }
  return 0;
}

Value stringio_init_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_self(args, nargs, stringio, "__init__")) return Value::exc();
  return stringio_init(args[0], args + 1, nargs - 1, kw) < 0 ? Value::exc() : Value::none();
}

Value stringio_getvalue(Value* args, size_t nargs, TupleObject*) {
  if (!check_s(args, nargs, "getvalue")) return Value::exc();
  return u32_to_str(sself(args[0])->buf->data(), sself(args[0])->buf->size());
}

Value stringio_read(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_s(args, nargs, "read")) return Value::exc();
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  StringIOObject* s = sself(args[0]);
  size_t avail = s->pos < s->buf->size() ? s->buf->size() - s->pos : 0;
  size_t k = n < 0 ? avail : std::min(avail, size_t(n));
  Value r = u32_to_str(s->buf->data() + std::min(s->pos, s->buf->size()), k);
  s->pos += k;
  return r;
}

Value s_readline(Value self, int64_t limit) {
  StringIOObject* s = sself(self);
  if (s->pos >= s->buf->size()) return str_value("");
  std::u32string_view rest(s->buf->data() + s->pos, s->buf->size() - s->pos);
  if (limit >= 0 && size_t(limit) < rest.size()) rest = rest.substr(0, size_t(limit));
  size_t k;
  if (s->readuniversal && !s->readtranslate) {
    k = line_end_universal(rest, true);
  } else if (s->readtranslate || s->writenl->empty()) {
    size_t nl = rest.find(U'\n');
    k = nl == std::u32string_view::npos ? rest.size() : nl + 1;
  } else {
    std::u32string nlu;
    u32_append_utf8(&nlu, *s->writenl);
    size_t nl = rest.find(nlu);
    k = nl == std::u32string_view::npos ? rest.size() : nl + nlu.size();
  }
  s->pos += k;
  return u32_to_str(rest.data(), k);
}

Value stringio_readline(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_s(args, nargs, "readline")) return Value::exc();
  if (!check_no_kwargs("readline", kw) || !check_nargs("readline", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  return s_readline(args[0], n);
}

Value stringio_write(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_s(args, nargs, "write")) return Value::exc();
  if (!check_no_kwargs("write", kw) || !check_nargs("write", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "string argument expected, got '{}'", type_name(args[1]));
  StrObject* str = as_str(args[1]);
  if (str->length > 0) s_write(sself(args[0]), str->view());
  return int_from_i64(int64_t(str->length));
}

Value stringio_seek(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_s(args, nargs, "seek")) return Value::exc();
  if (!check_no_kwargs("seek", kw) || !check_nargs("seek", nargs - 1, 1, 2)) return Value::exc();
  StringIOObject* s = sself(args[0]);
  int64_t pos;
  int whence = 0;
  if (index_of(args[1], &pos).is_exc() || (nargs == 3 && !int_arg(args[2], &whence))) return Value::exc();
  if (whence != 0 && whence != 1 && whence != 2)
    return raise_fmt(exc::ValueError, "Invalid whence ({}, should be 0, 1 or 2)", whence);
  if (pos < 0 && whence == 0) return raise_fmt(exc::ValueError, "Negative seek position {}", pos);
  if (whence != 0 && pos != 0) return raise(exc::OSError, "Can't do nonzero cur-relative seeks");
  if (whence == 1) pos = int64_t(s->pos);
  else if (whence == 2) pos = int64_t(s->buf->size());
  s->pos = size_t(pos);
  return int_from_i64(pos);
}

Value stringio_tell(Value* args, size_t nargs, TupleObject*) {
  if (!check_s(args, nargs, "tell")) return Value::exc();
  return int_from_i64(int64_t(sself(args[0])->pos));
}

Value stringio_truncate(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_s(args, nargs, "truncate")) return Value::exc();
  if (!check_no_kwargs("truncate", kw) || !check_nargs("truncate", nargs - 1, 0, 1)) return Value::exc();
  StringIOObject* s = sself(args[0]);
  int64_t size = int64_t(s->pos);
  if (nargs == 2 && !args[1].is_none()) {
    if (!is_int(args[1]))
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
    if (index_of(args[1], &size).is_exc()) return Value::exc();
  }
  if (size < 0) return raise_fmt(exc::ValueError, "Negative size value {}", size);
  if (size_t(size) < s->buf->size()) s->buf->resize(size_t(size));
  return int_from_i64(size);
}

Value stringio_close(Value* args, size_t nargs, TupleObject*) {
  if (!check_self(args, nargs, stringio, "close")) return Value::exc();
  sself(args[0])->closed = true;
  return Value::none();
}
Value stringio_true(Value* args, size_t nargs, TupleObject*) {
  if (!check_s(args, nargs, "readable")) return Value::exc();
  return Value::true_();
}
Value stringio_closed(Value* args, size_t nargs, TupleObject*) {
  if (!check_s(args, nargs, "closed", false)) return Value::exc();
  return Value::from_bool(sself(args[0])->closed);
}
Value stringio_line_buffering(Value* args, size_t nargs, TupleObject*) {
  if (!check_s(args, nargs, "line_buffering")) return Value::exc();
  return Value::false_();
}
Value stringio_newlines(Value* args, size_t nargs, TupleObject*) {
  if (!check_s(args, nargs, "newlines")) return Value::exc();
  StringIOObject* s = sself(args[0]);
  if (!s->readuniversal) return Value::none();
  return newlines_value(s->seennl);
}

Value stringio_next(Value self) {
  if (!check_s(&self, 1, "__next__")) return Value::exc();
  Value line = is_exact(self, stringio) ? s_readline(self, -1) : call_name(self, "readline");
  if (line.is_exc()) return line;
  if (!is_str(line)) return raise_fmt(exc::OSError, "readline() should have returned a str object, not '{}'", type_name(line));
  return as_str(line)->nbytes == 0 ? Value::null() : line;
}

}  // namespace

void init_memory_types(DictObject* m) {
  bytesio = io_type("BytesIO", bufferediobase, sizeof(BytesIOObject), m);
  bytesio->trace = instance_trace_part;
  bytesio->finalize = [](Object* o) {
    delete static_cast<BytesIOObject*>(o)->buf;
    static_cast<BytesIOObject*>(o)->buf = nullptr;
    instance_finalize_part(o);
  };
  bytesio->tp_new = bytesio_tp_new;
  bytesio->init = bytesio_init;
  bytesio->iternext = bytesio_next;
  type_add_methods(bytesio, {
      {"__init__", bytesio_init_m}, {"getvalue", bytesio_getvalue, kNativeNoArgs}, {"read", bytesio_read},
      {"read1", bytesio_read}, {"readline", bytesio_readline}, {"readlines", bytesio_readlines},
      {"readinto", bytesio_readinto}, {"write", bytesio_write}, {"seek", bytesio_seek},
      {"tell", bytesio_tell, kNativeNoArgs}, {"truncate", bytesio_truncate}, {"close", bytesio_close, kNativeNoArgs},
      {"readable", bytesio_true, kNativeNoArgs}, {"writable", bytesio_true, kNativeNoArgs},
      {"seekable", bytesio_true, kNativeNoArgs}, {"isatty", bytesio_false, kNativeNoArgs},
      {"flush", bytesio_flush, kNativeNoArgs}, {"__getstate__", bytesio_getstate, kNativeNoArgs},
  });
  type_add_getsets(bytesio, {{"closed", bytesio_closed}});

  stringio = io_type("StringIO", textiobase, sizeof(StringIOObject), m);
  stringio->trace = stringio_trace;
  stringio->finalize = stringio_finalize;
  stringio->tp_new = stringio_tp_new;
  stringio->init = stringio_init;
  stringio->iternext = stringio_next;
  type_add_methods(stringio, {
      {"__init__", stringio_init_m}, {"getvalue", stringio_getvalue, kNativeNoArgs}, {"read", stringio_read},
      {"readline", stringio_readline}, {"write", stringio_write}, {"seek", stringio_seek},
      {"tell", stringio_tell, kNativeNoArgs}, {"truncate", stringio_truncate},
      {"close", stringio_close, kNativeNoArgs}, {"readable", stringio_true, kNativeNoArgs},
      {"writable", stringio_true, kNativeNoArgs}, {"seekable", stringio_true, kNativeNoArgs},
  });
  type_add_getsets(stringio, {{"closed", stringio_closed}, {"line_buffering", stringio_line_buffering},
                              {"newlines", stringio_newlines}});
}

}  // namespace chaipy::io
