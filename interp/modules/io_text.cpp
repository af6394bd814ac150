// interp/modules/io_text.cpp — TextIOWrapper (text over a binary buffer: encodings, universal
// newlines, line buffering, seek/tell cookies) and IncrementalNewlineDecoder.
//
// UTF-8, ASCII and Latin-1 are decoded and encoded natively (textcodec.cpp); other encodings go
// through `codecs` incremental objects. Reading follows CPython's chunk/snapshot scheme (see
// TextIOObject in io.h): for the native codecs every tell() cookie is a plain byte offset.
#include <algorithm>

#include "interp/modules/io.h"
#include "interp/modules/io_newlines.h"
#include "interp/objects/objects.h"

namespace chaipy::io {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

namespace {

TextIOObject* tself(Value v) { return v.as<TextIOObject>(); }

bool check_t(Value* args, size_t nargs, const char* m) {
  if (!check_self(args, nargs, textiowrapper, m)) return false;
  TextIOObject* t = tself(args[0]);
  if (!t->ok) {
    raise(exc::ValueError, t->detached ? "underlying buffer has been detached" : "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

bool buffer_closed(TextIOObject* t) {
  if (t->nraw) return !t->nraw->sh || t->nraw->sh->fd < 0;
  if (t->nbuf) {
    if (t->nbuf->sh) return t->nbuf->sh->fd < 0;
  }
  int c = iobase_closed(t->buffer);
  if (c < 0) {
    exc_fetch();
    return false;
  }
  return c;
}

bool check_open(TextIOObject* t) {
  if (buffer_closed(t)) {
    closed_error();
    return false;
  }
  return true;
}

void text_trace(Object* o, Tracer& tr) {
  instance_trace_part(o, tr);
  auto* t = static_cast<TextIOObject*>(o);
  tr.visit(t->buffer);
  tr.visit(t->encoding);
  tr.visit(t->errors);
  tr.visit(t->decoder);
  tr.visit(t->encoder);
  tr.visit(t->nbuf);
  tr.visit(t->nraw);
}

void text_finalize(Object* o) {
  auto* t = static_cast<TextIOObject*>(o);
  delete t->snap;
  delete t->dec;
  delete t->writenl;
  delete t->readnl;
  t->snap = t->dec = t->writenl = t->readnl = nullptr;
  instance_finalize_part(o);
}

void reset_read_state(TextIOObject* t) {
  t->snap->clear();
  t->dec->clear();
  t->dec_pos = 0;
  t->snap_used = 0;
  t->snap_pos = -1;
  t->eof = false;
  t->pendingcr = false;
  if (!t->decoder.is_null() && !t->decoder.is_none()) {
    Value r = call_name(t->decoder, "reset");
    if (r.is_exc()) exc_fetch();
  }
}

// -- Decoding and reading ---------------------------------------------------------------------------
// Reads one chunk from the buffer into snap/dec. Returns false at EOF with nothing new (or on
// error, with the exception pending: check exc_pending()).
bool read_chunk(TextIOObject* t, bool* err) {
  *err = false;
  // The bytes of the previous chunk the decoder did not use start the new one.
  std::string carry = t->snap->substr(std::min(t->snap_used, t->snap->size()));
  int64_t carry_pos = t->snap_pos < 0 ? -1 : t->snap_pos + int64_t(t->snap_used);
  if (carry_pos < 0) {  // first read since a seek: where does the buffer stand?
    if (t->seekable && t->telling) {
      Value p = call_name(t->buffer, "tell");
      if (p.is_exc() || index_of(p, &carry_pos).is_exc()) {
        exc_fetch();
        carry_pos = 0;
      }
    } else {
      carry_pos = 0;
    }
  }
  std::string raw;
  if (t->nbuf && t->nbuf->kind != kWriter) {
    Value a[2] = {obj(t->nbuf), int_from_i64(t->chunk_size)};
    Value b = call_name(obj(t->nbuf), t->has_read1 ? "read1" : "read", a + 1, 1);
    if (b.is_exc()) {
      *err = true;
      return false;
    }
    if (is_bytes(b)) raw.assign(b.as<BytesObject>()->data, b.as<BytesObject>()->size);
  } else {
    Value n = int_from_i64(t->chunk_size);
    Value b = call_name(t->buffer, t->has_read1 ? "read1" : "read", &n, 1);
    if (b.is_exc()) {
      *err = true;
      return false;
    }
    if (!b.is_none()) {
      if (!is_bytes(b)) {
        raise_fmt(exc::TypeError, "underlying {}() should have returned a bytes-like object, not '{}'",
                  t->has_read1 ? "read1" : "read", type_name(b));
        *err = true;
        return false;
      }
      raw.assign(b.as<BytesObject>()->data, b.as<BytesObject>()->size);
    }
  }
  bool eof = raw.empty();
  t->eof = eof;
  t->snap->assign(carry);
  t->snap->append(raw);
  t->snap_pos = carry_pos;
  std::string text;
  size_t used;
  if (t->native_codec) {
    int64_t u = text_decode(t->codec, t->errs, t->snap->data(), t->snap->size(), eof, &text);
    if (u < 0) {
      *err = true;
      return false;
    }
    used = size_t(u);
  } else {
    Value in = bytes_new(raw);
    Value args[2] = {in, Value::from_bool(eof)};
    Value s = call_name(t->decoder, "decode", args, 2);
    if (s.is_exc()) {
      *err = true;
      return false;
    }
    if (!is_str(s)) {
      raise_fmt(exc::TypeError, "decoder should return a string result, not '{}'", type_name(s));
      *err = true;
      return false;
    }
    text.assign(as_str(s)->view());
    if (t->pendingcr) text.insert(0, "\r");
    t->pendingcr = false;
    used = t->snap->size();
  }
  // A final '\r' may be the start of "\r\n": keep it for the next chunk (universal newlines).
  if (t->readuniversal && !eof && !text.empty() && text.back() == '\r') {
    text.pop_back();
    if (t->native_codec) used -= 1;
    else t->pendingcr = true;
  }
  t->snap_used = used;
  if (t->readuniversal) text = newlines_translate(text, t->readtranslate, &t->seennl);
  t->dec->swap(text);
  t->dec_pos = 0;
  return !(eof && t->dec->empty());
}

size_t utf8_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset in s after `n` code points.
size_t utf8_advance(std::string_view s, size_t n) {
  size_t i = 0;
  while (i < s.size() && n > 0) {
    i++;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) i++;
    n--;
  }
  return i;
}

bool check_readable(TextIOObject* t) {
  if (t->nbuf) {
    if (t->nbuf->kind == kWriter) {
      unsupported("not readable");
      return false;
    }
    return true;
  }
  if (t->nraw) {
    if (!t->nraw->readable) {
      unsupported("not readable");
      return false;
    }
    return true;
  }
  Value r = call_name(t->buffer, "readable");
  if (r.is_exc()) return false;
  int k = truthy(r);
  if (k < 0) return false;
  if (!k) {
    unsupported("not readable");
    return false;
  }
  return true;
}

bool flush_for_read(TextIOObject* t);

Value text_read_impl(TextIOObject* t, int64_t n) {
  if (!check_open(t) || !check_readable(t) || !flush_for_read(t)) return Value::exc();
  std::string out;
  bool err;
  if (n < 0) {
    out.assign(*t->dec, t->dec_pos);
    t->dec_pos = t->dec->size();
    while (read_chunk(t, &err)) {
      out += *t->dec;
      t->dec_pos = t->dec->size();
    }
    if (err) return Value::exc();
    return str_value(out);
  }
  size_t want = size_t(n);
  while (want > 0) {
    if (t->dec_pos >= t->dec->size()) {
      if (!read_chunk(t, &err)) {
        if (err) return Value::exc();
        break;
      }
      continue;
    }
    std::string_view rest(t->dec->data() + t->dec_pos, t->dec->size() - t->dec_pos);
    size_t k = utf8_advance(rest, want);
    want -= utf8_chars(rest.substr(0, k));
    out.append(rest.substr(0, k));
    t->dec_pos += k;
  }
  return str_value(out);
}

// End of the first line in `rest` (bytes, including the terminator) or npos.
size_t find_line_end(TextIOObject* t, std::string_view rest) {
  if (t->readtranslate) {
    size_t p = rest.find('\n');
    return p == std::string_view::npos ? p : p + 1;
  }
  if (t->readuniversal) {
    size_t p = rest.find_first_of("\r\n");
    if (p == std::string_view::npos) return p;
    if (rest[p] == '\r' && p + 1 < rest.size() && rest[p + 1] == '\n') return p + 2;
    return p + 1;
  }
  size_t p = rest.find(*t->readnl);
  return p == std::string_view::npos ? p : p + t->readnl->size();
}

Value text_readline_impl(TextIOObject* t, int64_t limit) {
  if (!check_open(t) || !check_readable(t) || !flush_for_read(t)) return Value::exc();
  std::string line;
  size_t chars = 0;
  bool err;
  while (true) {
    if (t->dec_pos >= t->dec->size()) {
      if (!read_chunk(t, &err)) {
        if (err) return Value::exc();
        break;
      }
      continue;
    }
    std::string_view rest(t->dec->data() + t->dec_pos, t->dec->size() - t->dec_pos);
    // "\r\n" split between two pieces of a '\r\n'-terminated file
    if (!t->readuniversal && *t->readnl == "\r\n" && !line.empty() && line.back() == '\r' && rest[0] == '\n') {
      line += '\n';
      t->dec_pos++;
      break;
    }
    size_t e = find_line_end(t, rest);
    size_t take = e == std::string_view::npos ? rest.size() : e;
    if (limit >= 0) {
      size_t k = utf8_advance(rest.substr(0, take), size_t(limit) - chars);
      if (k < take) {
        take = k;
        e = take;  // the limit ends the line
      }
    }
    line.append(rest.substr(0, take));
    chars += utf8_chars(rest.substr(0, take));
    t->dec_pos += take;
    if (e != std::string_view::npos || (limit >= 0 && chars >= size_t(limit))) break;
  }
  return str_value(line);
}

// -- Writing --------------------------------------------------------------------------------------------
bool flush_for_read(TextIOObject* t) {
  if (t->nbuf && t->nbuf->kind == kRandom) return buffered_flush(t->nbuf) >= 0;
  return true;
}

bool write_bytes(TextIOObject* t, std::string_view b) {
  if (t->nbuf) return buffered_write_bytes(t->nbuf, b.data(), b.size()) >= 0;
  if (t->nraw) return fileio_write_all(t->nraw, b.data(), b.size()) >= 0;
  Value v = bytes_new(b);
  return !call_name(t->buffer, "write", &v, 1).is_exc();
}

bool flush_buffer(TextIOObject* t) {
  if (t->nbuf) return buffered_flush(t->nbuf) >= 0;
  if (t->nraw) return true;
  return !call_name(t->buffer, "flush").is_exc();
}

}  // namespace

int textio_write_utf8(TextIOObject* t, std::string_view s) {
  if (t->dec->size() > 0 || t->snap_pos >= 0) reset_read_state(t);  // CPython drops read-ahead on write
  std::string translated;
  if (!t->writenl->empty() && s.find('\n') != std::string_view::npos) {
    for (char c : s) {
      if (c == '\n') translated += *t->writenl;
      else translated += c;
    }
    s = translated;
  }
  bool lf = t->line_buffering && s.find_first_of("\r\n") != std::string_view::npos;
  if (t->native_codec) {
    if (t->codec == TextCodec::kUtf8 && s.find('\xED') == std::string_view::npos) {
      if (!write_bytes(t, s)) return -1;  // the internal form is the encoding
    } else {
      std::string out;
      if (!text_encode(t->codec, t->errs, s, &out) || !write_bytes(t, out)) return -1;
    }
  } else {
    Value str = str_value(s);
    Value b = call_name(t->encoder, "encode", &str, 1);
    if (b.is_exc()) return -1;
    if (!is_bytes(b))
      return raise_fmt(exc::TypeError, "encoder should return a bytes object, not '{}'", type_name(b)), -1;
    if (!write_bytes(t, std::string_view(b.as<BytesObject>()->data, b.as<BytesObject>()->size))) return -1;
  }
  if (lf && !flush_buffer(t)) return -1;
  return 0;
}

int textio_flush(TextIOObject* t) {
  t->telling = t->seekable;
  return flush_buffer(t) ? 0 : -1;
}

namespace {

Value text_write(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_t(args, nargs, "write")) return Value::exc();
  if (!check_no_kwargs("write", kw) || !check_nargs("write", nargs - 1, 1, 1)) return Value::exc();
  TextIOObject* t = tself(args[0]);
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "write() argument must be str, not {}", type_name(args[1]));
  if (!check_open(t)) return Value::exc();
  bool writable = t->nbuf ? t->nbuf->kind != kReader : t->nraw ? t->nraw->writable : true;
  if (!writable) return unsupported("not writable");
  StrObject* s = as_str(args[1]);
  if (textio_write_utf8(t, s->view()) < 0) return Value::exc();
  return int_from_i64(int64_t(s->length));
}

Value text_read(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_t(args, nargs, "read")) return Value::exc();
  if (!check_no_kwargs("read", kw) || !check_nargs("read", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2 && !size_arg(args[1], &n)) return Value::exc();
  return text_read_impl(tself(args[0]), n);
}

Value text_readline(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_t(args, nargs, "readline")) return Value::exc();
  if (!check_no_kwargs("readline", kw) || !check_nargs("readline", nargs - 1, 0, 1)) return Value::exc();
  int64_t n = -1;
  if (nargs == 2) {
    if (!is_int(args[1]) && !args[1].is_none())
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
    if (!size_arg(args[1], &n)) return Value::exc();
  }
  return text_readline_impl(tself(args[0]), n);
}

Value text_next(Value self) {
  if (!is_exact(self, textiowrapper)) {
    Value line = call_name(self, "readline");
    if (line.is_exc()) return line;
    if (!is_str(line)) return raise_fmt(exc::OSError, "readline() should have returned a str object, not '{}'", type_name(line));
    return as_str(line)->nbytes == 0 ? Value::null() : line;
  }
  if (!check_t(&self, 1, "__next__")) return Value::exc();
  TextIOObject* t = tself(self);
  t->telling = false;
  Value line = text_readline_impl(t, -1);
  if (line.is_exc()) return line;
  if (as_str(line)->nbytes == 0) {
    t->telling = t->seekable;
    return Value::null();
  }
  return line;
}

Value text_flush(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, "flush")) return Value::exc();
  if (!check_open(tself(args[0]))) return Value::exc();
  if (textio_flush(tself(args[0])) < 0) return Value::exc();
  return Value::none();
}

Value text_close(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, "close")) return Value::exc();
  TextIOObject* t = tself(args[0]);
  if (buffer_closed(t)) return Value::none();
  Value r = call_name(args[0], "flush");
  Value err = r.is_exc() ? exc_fetch() : Value::null();
  Value c = call_name(t->buffer, "close");
  if (c.is_exc()) {
    if (!err.is_null()) {
      Value e2 = exc_fetch();
      if (e2.is_obj()) e2.as<ExceptionObject>()->context = err;
      exc_restore(e2);
    }
    return c;
  }
  if (!err.is_null()) {
    exc_restore(err);
    return Value::exc();
  }
  return Value::none();
}

// -- Positioning ------------------------------------------------------------------------------------------
bool check_seekable(TextIOObject* t) {
  if (!t->seekable) {
    unsupported("underlying stream is not seekable");
    return false;
  }
  return true;
}

// Bytes of snap that produced the first `chars` code points of dec (re-decoding, as CPython).
size_t bytes_for_chars(TextIOObject* t, size_t chars_bytes) {
  std::string_view consumed(t->dec->data(), chars_bytes);
  if (!t->readuniversal || !t->readtranslate) return text_encoded_length(t->codec, t->errs, consumed);
  // Translated text: walk the untranslated decoding, counting "\r\n" as one '\n'.
  std::string raw_text;
  if (text_decode(t->codec, t->errs, t->snap->data(), t->snap_used, true, &raw_text) < 0) {
    exc_fetch();
    return text_encoded_length(t->codec, t->errs, consumed);
  }
  size_t want = utf8_chars(consumed), i = 0;
  while (i < raw_text.size() && want > 0) {
    size_t j = i + 1;
    if (raw_text[i] == '\r' && j < raw_text.size() && raw_text[j] == '\n') j++;
    while (j < raw_text.size() && (static_cast<unsigned char>(raw_text[j]) & 0xC0) == 0x80) j++;
    i = j;
    want--;
  }
  return text_encoded_length(t->codec, t->errs, std::string_view(raw_text.data(), i));
}

Value text_tell(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, "tell")) return Value::exc();
  TextIOObject* t = tself(args[0]);
  if (!check_open(t) || !check_seekable(t)) return Value::exc();
  if (!t->telling) return raise(exc::OSError, "telling position disabled by next() call");
  if (textio_flush(t) < 0) return Value::exc();
  if (t->snap_pos < 0 || (!t->native_codec && t->dec_pos >= t->dec->size() && !t->pendingcr)) {
    if (t->snap_pos >= 0 && !t->native_codec) {  // codecs path: the buffer stands after the chunk
      Value p = call_name(t->buffer, "tell");
      return p;
    }
    return call_name(t->buffer, "tell");
  }
  if (!t->native_codec) {
    // Approximation for codecs run through Python: re-encode what is still unread.
    Value p = call_name(t->buffer, "tell");
    int64_t pos;
    if (p.is_exc() || index_of(p, &pos).is_exc()) return Value::exc();
    Value rest = str_value(std::string_view(t->dec->data() + t->dec_pos, t->dec->size() - t->dec_pos));
    Value b = call_name(t->encoder, "encode", &rest, 1);
    if (b.is_exc()) return b;
    return int_from_i64(pos - int64_t(b.as<BytesObject>()->size) - (t->pendingcr ? 1 : 0));
  }
  return int_from_i64(t->snap_pos + int64_t(bytes_for_chars(t, t->dec_pos)));
}

Value text_seek(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_t(args, nargs, "seek")) return Value::exc();
  if (!check_no_kwargs("seek", kw) || !check_nargs("seek", nargs - 1, 1, 2)) return Value::exc();
  TextIOObject* t = tself(args[0]);
  int whence = 0;
  if (nargs == 3 && !int_arg(args[2], &whence)) return Value::exc();
  if (!check_open(t) || !check_seekable(t)) return Value::exc();
  Value cookie = args[1];
  if (whence == 1) {
    int z = eq(cookie, Value::from_small_int(0));
    if (z < 0) return Value::exc();
    if (!z) return unsupported("can't do nonzero cur-relative seeks");
    Value a[1] = {args[0]};
    cookie = text_tell(a, 1, nullptr);
    if (cookie.is_exc()) return cookie;
  } else if (whence == 2) {
    int z = eq(cookie, Value::from_small_int(0));
    if (z < 0) return Value::exc();
    if (!z) return unsupported("can't do nonzero end-relative seeks");
    if (textio_flush(t) < 0) return Value::exc();
    reset_read_state(t);
    Value a[2] = {Value::from_small_int(0), Value::from_small_int(2)};
    return call_name(t->buffer, "seek", a, 2);
  } else if (whence != 0) {
    return raise_fmt(exc::ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  if (!is_int(cookie))
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(cookie));
  int64_t pos;
  if (index_of(cookie, &pos).is_exc()) return Value::exc();
  if (pos < 0) return raise_fmt(exc::ValueError, "negative seek position {}", pos);
  if (textio_flush(t) < 0) return Value::exc();
  reset_read_state(t);
  Value p = int_from_i64(pos);
  Value r = call_name(t->buffer, "seek", &p, 1);
  if (r.is_exc()) return r;
  t->snap_pos = pos;
  t->snap_used = 0;
  return cookie;
}

Value text_truncate(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_t(args, nargs, "truncate")) return Value::exc();
  if (!check_no_kwargs("truncate", kw) || !check_nargs("truncate", nargs - 1, 0, 1)) return Value::exc();
  TextIOObject* t = tself(args[0]);
  if (textio_flush(t) < 0) return Value::exc();
  Value pos = nargs == 2 ? args[1] : Value::none();
  return call_name(t->buffer, "truncate", &pos, 1);
}

Value text_detach(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, "detach")) return Value::exc();
  TextIOObject* t = tself(args[0]);
  if (textio_flush(t) < 0) return Value::exc();
  Value b = t->buffer;
  t->buffer = Value::none();
  t->nbuf = nullptr;
  t->nraw = nullptr;
  t->ok = false;
  t->detached = true;
  return b;
}

template <const char* kMethod>
Value delegate(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, kMethod)) return Value::exc();
  return call_name(tself(args[0])->buffer, kMethod);
}
constexpr char kFileno[] = "fileno", kIsatty[] = "isatty", kSeekable[] = "seekable", kReadable[] = "readable",
               kWritable[] = "writable";

template <const char* kAttr>
Value delegate_attr(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, kAttr)) return Value::exc();
  return getattr(tself(args[0])->buffer, str_intern(kAttr));
}
constexpr char kName[] = "name";

Value text_closed(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, "closed")) return Value::exc();
  TextIOObject* t = tself(args[0]);
  if (t->nbuf || t->nraw) return Value::from_bool(buffer_closed(t));
  return getattr(t->buffer, NAME("closed"));
}

#define TEXT_GETTER(pyname, expr)                                   \
  Value text_get_##pyname(Value* args, size_t nargs, TupleObject*) { \
    if (!check_t(args, nargs, #pyname)) return Value::exc();         \
    TextIOObject* t = tself(args[0]);                                \
    return expr;                                                     \
  }
TEXT_GETTER(encoding, t->encoding)
TEXT_GETTER(errors, t->errors)
TEXT_GETTER(buffer, t->buffer)
TEXT_GETTER(line_buffering, Value::from_bool(t->line_buffering))
TEXT_GETTER(write_through, Value::from_bool(t->write_through))
TEXT_GETTER(newlines, t->readuniversal ? newlines_value(t->seennl) : Value::none())
TEXT_GETTER(chunk_size, int_from_i64(t->chunk_size))
#undef TEXT_GETTER

Value text_set_chunk_size(Value* args, size_t nargs, TupleObject*) {
  if (!check_t(args, nargs, "_CHUNK_SIZE")) return Value::exc();
  int64_t n;
  if (index_of(args[1], &n).is_exc()) return Value::exc();
  if (n <= 0) return raise(exc::ValueError, "a strictly positive integer is required");
  tself(args[0])->chunk_size = n;
  return Value::none();
}

Value text_repr(Value self) {
  std::string out = type_of(self)->flags & kTypeHeap ? std::string("<") + std::string(type_of(self)->name->view())
                                                     : std::string("<_io.TextIOWrapper");
  TextIOObject* t = tself(self);
  if (!t->ok) return str_value(out + ">");
  for (const char* attr : {"name", "mode"}) {
    Value v = getattr_opt(self, str_intern(attr));
    if (v.is_exc()) {
      if (!exc_matches(exc::ValueError)) return v;
      exc_fetch();
      continue;
    }
    if (v.is_null()) continue;
    Value r = repr(v);
    if (r.is_exc()) return r;
    out += fmt::format(" {}={}", attr, as_str(r)->view());
  }
  Value r = repr(t->encoding);
  if (r.is_exc()) return r;
  return str_value(out + fmt::format(" encoding={}>", as_str(r)->view()));
}

// -- Construction ----------------------------------------------------------------------------------------
bool set_newline(TextIOObject* t, Value nl) {
  if (!nl.is_none() && !is_str(nl)) {
    raise_fmt(exc::TypeError, "TextIOWrapper() argument 'newline' must be str or None, not {}", type_name(nl));
    return false;
  }
  std::string_view v = nl.is_none() ? std::string_view() : as_str(nl)->view();
  if (!nl.is_none() && v != "" && v != "\n" && v != "\r" && v != "\r\n") {
    raise_fmt(exc::ValueError, "illegal newline value: {}", v);
    return false;
  }
  t->readuniversal = nl.is_none() || v.empty();
  t->readtranslate = nl.is_none();
  t->readnl->assign(nl.is_none() ? "\n" : v);
  t->writenl->assign(v == "\r" || v == "\r\n" ? v : "");
  return true;
}

bool set_codec(TextIOObject* t, Value encoding, Value errors) {
  if (encoding.is_none() || (is_str(encoding) && as_str(encoding)->view() == "locale"))
    encoding = str_value(locale_encoding());
  if (!is_str(encoding)) {
    raise_fmt(exc::TypeError, "TextIOWrapper() argument 'encoding' must be str or None, not {}", type_name(encoding));
    return false;
  }
  if (errors.is_none()) errors = str_value("strict");
  if (!is_str(errors)) {
    raise_fmt(exc::TypeError, "TextIOWrapper() argument 'errors' must be str or None, not {}", type_name(errors));
    return false;
  }
  t->encoding = encoding;
  t->errors = errors;
  t->decoder = t->encoder = Value::null();
  t->native_codec = text_codec_lookup(as_str(encoding)->view(), &t->codec) &&
                    text_errors_lookup(as_str(errors)->view(), &t->errs);
  if (t->native_codec) return true;
  Value codecs = import_name(str_intern("codecs"), nullptr, Value::none(), 0);
  if (codecs.is_exc()) {
    exc_fetch();
    raise_fmt(exc::LookupError, "unknown encoding: {}", as_str(encoding)->view());
    return false;
  }
  Value info = call_name(codecs, "lookup", &encoding, 1);
  if (info.is_exc()) return false;
  Value is_text = getattr_opt(info, NAME("_is_text_encoding"));
  if (is_text.is_exc()) return false;
  if (!is_text.is_null() && is_text.is_bool() && !is_text.as_bool()) {
    raise_fmt(exc::LookupError, "'{}' is not a text encoding; use codecs.open() to handle arbitrary codecs",
              as_str(encoding)->view());
    return false;
  }
  Value dec = call_name(codecs, "getincrementaldecoder", &encoding, 1);
  if (dec.is_exc()) return false;
  t->decoder = call1(dec, errors);
  if (t->decoder.is_exc()) return false;
  Value enc = call_name(codecs, "getincrementalencoder", &encoding, 1);
  if (enc.is_exc()) return false;
  t->encoder = call1(enc, errors);
  return !t->encoder.is_exc();
}

bool textio_init_impl(TextIOObject* t, Value buffer, Value encoding, Value errors, Value newline, bool line_buffering,
                      bool write_through) {
  t->ok = false;
  if (!t->snap) {
    t->snap = new std::string();
    t->dec = new std::string();
    t->writenl = new std::string();
    t->readnl = new std::string();
  }
  t->buffer = buffer;
  t->nbuf = nullptr;
  t->nraw = nullptr;
  if (is_exact(buffer, buffered_reader) || is_exact(buffer, buffered_writer) || is_exact(buffer, buffered_random))
    t->nbuf = buffer.as<BufferedObject>();
  else if (is_exact(buffer, fileio))
    t->nraw = buffer.as<FileIOObject>();
  if (!set_codec(t, encoding, errors) || !set_newline(t, newline)) return false;
  t->line_buffering = line_buffering;
  t->write_through = write_through;
  t->chunk_size = kDefaultBufferSize;
  t->seennl = 0;
  reset_read_state(t);
  Value s = call_name(buffer, "seekable");
  if (s.is_exc()) return false;
  int k = truthy(s);
  if (k < 0) return false;
  t->seekable = t->telling = k;
  Value r1 = getattr_opt(buffer, NAME("read1"));
  if (r1.is_exc()) return false;
  t->has_read1 = !r1.is_null();
  t->detached = false;
  t->ok = true;
  return true;
}

Value text_tp_new(TypeObject* t, Value*, size_t, TupleObject*) {
  Value v = instance_new(t);
  if (v.is_exc()) return v;
  TextIOObject* o = tself(v);
  o->buffer = o->encoding = o->errors = Value::none();
  o->decoder = o->encoder = Value::null();
  return v;
}

bool bool_opt(Value v, bool* out) {
  if (v.is_null() || v.is_none()) return true;
  int k = truthy(v);
  if (k < 0) return false;
  *out = k;
  return true;
}

int text_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"buffer", "encoding", "errors", "newline", "line_buffering", "write_through",
                                      nullptr};
  Value a[6];
  if (!parse_args("TextIOWrapper", args, nargs, kw, names, 1, a)) return -1;
  bool lb = false, wt = false;
  if (!bool_opt(a[4], &lb) || !bool_opt(a[5], &wt)) return -1;
  for (int i = 1; i <= 3; i++)
    if (a[i].is_null()) a[i] = Value::none();
  return textio_init_impl(tself(self), a[0], a[1], a[2], a[3], lb, wt) ? 0 : -1;
}

Value text_init_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_self(args, nargs, textiowrapper, "__init__")) return Value::exc();
  return text_init(args[0], args + 1, nargs - 1, kw) < 0 ? Value::exc() : Value::none();
}

Value text_reconfigure(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_t(args, nargs, "reconfigure")) return Value::exc();
  static const char* const names[] = {"$encoding", "errors", "newline", "line_buffering", "write_through", nullptr};
  Value a[5];
  if (!parse_args("reconfigure", args + 1, nargs - 1, kw, names, 0, a)) return Value::exc();
  TextIOObject* t = tself(args[0]);
  bool enc_given = !a[0].is_null() && !a[0].is_none();
  bool nl_given = !a[2].is_null() && !(a[2].is_obj() && a[2].as_obj()->type == type_of(g_ellipsis));
  if ((enc_given || nl_given) && t->snap_pos >= 0 && t->dec->size() > 0)
    return unsupported("It is not possible to set the encoding or newline of stream after the first read");
  if (textio_flush(t) < 0) return Value::exc();
  if (enc_given || (!a[1].is_null() && !a[1].is_none())) {
    Value enc = enc_given ? a[0] : t->encoding;
    Value err = !a[1].is_null() && !a[1].is_none() ? a[1] : enc_given ? Value::none() : t->errors;
    if (!set_codec(t, enc, err)) return Value::exc();
  }
  if (nl_given && !set_newline(t, a[2].is_null() ? Value::none() : a[2])) return Value::exc();
  if (!bool_opt(a[3], &t->line_buffering) || !bool_opt(a[4], &t->write_through)) return Value::exc();
  return Value::none();
}

// -- IncrementalNewlineDecoder -------------------------------------------------------------------------------
struct NLDecoderObject : Object {
  Value decoder, errors;
  bool translate, pendingcr, ok;
  uint8_t seennl;
};

NLDecoderObject* nself(Value v) { return v.as<NLDecoderObject>(); }

bool check_nl(Value* args, size_t nargs, const char* m) {
  if (!check_self(args, nargs, newline_decoder, m)) return false;
  if (!nself(args[0])->ok) {
    raise(exc::ValueError, "IncrementalNewlineDecoder.__init__() not called");
    return false;
  }
  return true;
}

Value nl_tp_new(TypeObject* t, Value*, size_t, TupleObject*) {
  auto* d = static_cast<NLDecoderObject*>(gc::alloc(std::max<size_t>(t->instance_size, sizeof(NLDecoderObject))));
  d->type = t;
  d->decoder = d->errors = Value::none();
  return obj(d);
}

int nl_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"decoder", "translate", "errors", nullptr};
  Value a[3];
  if (!parse_args("IncrementalNewlineDecoder", args, nargs, kw, names, 2, a)) return -1;
  NLDecoderObject* d = nself(self);
  int tr = truthy(a[1]);
  if (tr < 0) return -1;
  d->decoder = a[0];
  d->errors = a[2].is_null() ? str_value("strict") : a[2];
  d->translate = tr;
  d->pendingcr = false;
  d->seennl = 0;
  d->ok = true;
  return 0;
}

Value nl_decode(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nl(args, nargs, "decode")) return Value::exc();
  static const char* const names[] = {"input", "final", nullptr};
  Value a[2];
  if (!parse_args("decode", args + 1, nargs - 1, kw, names, 1, a)) return Value::exc();
  NLDecoderObject* d = nself(args[0]);
  bool final = false;
  if (!bool_opt(a[1], &final)) return Value::exc();
  Value out = a[0];
  if (!d->decoder.is_none()) {
    Value da[2] = {a[0], Value::from_bool(final)};
    out = call_name(d->decoder, "decode", da, 2);
    if (out.is_exc()) return out;
  }
  if (!is_str(out)) return raise_fmt(exc::TypeError, "decoder should return a string result, not '{}'", type_name(out));
  std::string s(as_str(out)->view());
  if (d->pendingcr && (!s.empty() || final)) {
    s.insert(0, "\r");
    d->pendingcr = false;
  }
  if (!final && !s.empty() && s.back() == '\r') {
    s.pop_back();
    d->pendingcr = true;
  }
  return str_value(newlines_translate(s, d->translate, &d->seennl));
}

Value nl_getstate(Value* args, size_t nargs, TupleObject*) {
  if (!check_nl(args, nargs, "getstate")) return Value::exc();
  NLDecoderObject* d = nself(args[0]);
  Value buf = bytes_new("");
  int64_t flag = 0;
  if (!d->decoder.is_none()) {
    Value st = call_name(d->decoder, "getstate");
    if (st.is_exc()) return st;
    if (!is_tuple(st) || st.as<TupleObject>()->size != 2) return raise(exc::TypeError, "illegal decoder state");
    buf = st.as<TupleObject>()->items[0];
    if (index_of(st.as<TupleObject>()->items[1], &flag).is_exc()) return Value::exc();
  }
  flag = (flag << 1) | (d->pendingcr ? 1 : 0);
  return tuple_pack({buf, int_from_i64(flag)});
}

Value nl_setstate(Value* args, size_t nargs, TupleObject*) {
  if (!check_nl(args, nargs, "setstate")) return Value::exc();
  if (nargs != 2 || !is_tuple(args[1]) || args[1].as<TupleObject>()->size != 2)
    return raise(exc::TypeError, "state argument must be a tuple");
  NLDecoderObject* d = nself(args[0]);
  int64_t flag;
  if (index_of(args[1].as<TupleObject>()->items[1], &flag).is_exc()) return Value::exc();
  d->pendingcr = flag & 1;
  if (!d->decoder.is_none()) {
    Value st = tuple_pack({args[1].as<TupleObject>()->items[0], int_from_i64(flag >> 1)});
    return call_name(d->decoder, "setstate", &st, 1);
  }
  return Value::none();
}

Value nl_reset(Value* args, size_t nargs, TupleObject*) {
  if (!check_nl(args, nargs, "reset")) return Value::exc();
  NLDecoderObject* d = nself(args[0]);
  d->seennl = 0;
  d->pendingcr = false;
  if (!d->decoder.is_none()) return call_name(d->decoder, "reset");
  return Value::none();
}

Value nl_newlines(Value* args, size_t nargs, TupleObject*) {
  if (!check_nl(args, nargs, "newlines")) return Value::exc();
  return newlines_value(nself(args[0])->seennl);
}

}  // namespace

Value textio_new(Value buffer, Value encoding, Value errors, Value newline, bool line_buffering, bool write_through) {
  Value v = text_tp_new(textiowrapper, nullptr, 0, nullptr);
  if (v.is_exc()) return v;
  if (!textio_init_impl(tself(v), buffer, encoding, errors, newline, line_buffering, write_through)) return Value::exc();
  return v;
}

void init_text_types(DictObject* m) {
  textiowrapper = io_type("TextIOWrapper", textiobase, sizeof(TextIOObject), m);
  textiowrapper->trace = text_trace;
  textiowrapper->finalize = text_finalize;
  textiowrapper->tp_new = text_tp_new;
  textiowrapper->init = text_init;
  textiowrapper->repr = text_repr;
  textiowrapper->iternext = text_next;
  type_add_methods(textiowrapper, {
      {"__init__", text_init_m}, {"write", text_write}, {"read", text_read}, {"readline", text_readline},
      {"flush", text_flush, kNativeNoArgs}, {"close", text_close, kNativeNoArgs}, {"tell", text_tell, kNativeNoArgs},
      {"seek", text_seek}, {"truncate", text_truncate}, {"detach", text_detach, kNativeNoArgs},
      {"reconfigure", text_reconfigure}, {"fileno", delegate<kFileno>, kNativeNoArgs},
      {"isatty", delegate<kIsatty>, kNativeNoArgs}, {"seekable", delegate<kSeekable>, kNativeNoArgs},
      {"readable", delegate<kReadable>, kNativeNoArgs}, {"writable", delegate<kWritable>, kNativeNoArgs},
  });
  type_add_getsets(textiowrapper, {
      {"encoding", text_get_encoding}, {"errors", text_get_errors}, {"buffer", text_get_buffer},
      {"line_buffering", text_get_line_buffering}, {"write_through", text_get_write_through},
      {"newlines", text_get_newlines}, {"closed", text_closed}, {"name", delegate_attr<kName>},
      {"_CHUNK_SIZE", text_get_chunk_size, text_set_chunk_size},
  });

  newline_decoder = make_builtin_type("IncrementalNewlineDecoder", types::object, sizeof(NLDecoderObject), kTypeBaseType);
  newline_decoder->module = str_intern("_io");
  newline_decoder->trace = [](Object* o, Tracer& t) {
    t.visit(static_cast<NLDecoderObject*>(o)->decoder);
    t.visit(static_cast<NLDecoderObject*>(o)->errors);
  };
  newline_decoder->tp_new = nl_tp_new;
  newline_decoder->init = nl_init;
  type_add_methods(newline_decoder, {{"decode", nl_decode}, {"getstate", nl_getstate, kNativeNoArgs},
                                     {"setstate", nl_setstate}, {"reset", nl_reset, kNativeNoArgs}});
  type_add_getsets(newline_decoder, {{"newlines", nl_newlines}});
  dict_set_str(m, str_intern("IncrementalNewlineDecoder"), obj(newline_decoder));
}

}  // namespace chaipy::io
