// interp/modules/zlib.cpp — the zlib module over Debian's zlib (zlib1g): compress / decompress,
// compressobj / decompressobj (wbits, level, memLevel, strategy, zdict, max_length, unused_data,
// unconsumed_tail, eof, copy), crc32, adler32, zlib.error and the constants, with CPython's
// messages ("Error -3 while decompressing data: incorrect header check").
#include <zlib.h>

#include <cstring>
#include <string>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

Value g_error;
TypeObject *g_comp_type, *g_decomp_type;

struct ZObject : Object {
  z_stream zs;
  bool inited;
  bool eof;              // Decompress: the end of the stream was reached
  Value unused_data;     // Decompress: bytes after the end of the stream
  Value unconsumed_tail; // Decompress: input held back by max_length
  Value zdict;           // Decompress: for Z_NEED_DICT
};

Value zlib_error(const z_stream& zs, int err, const char* msg) {
  const char* zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zs.msg;
  if (!zmsg) {
    if (err == Z_BUF_ERROR) zmsg = "incomplete or truncated stream";
    else if (err == Z_STREAM_ERROR) zmsg = "inconsistent stream state";
    else if (err == Z_DATA_ERROR) zmsg = "invalid input data";
  }
  std::string text = zmsg ? fmt::format("Error {} {}: {}", err, msg, zmsg) : fmt::format("Error {} {}", err, msg);
  Value e = call1(g_error, str_value(text));
  if (e.is_exc()) return e;
  return raise_value(e);
}

bool int_arg(Value v, int64_t* out) {
  if (!is_int(v) && !lookup_special(v, str_intern("__index__")).is_obj()) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return !index_of(v, out).is_exc();
}

bool int_or(Value v, int64_t dflt, int64_t* out) {
  if (v.is_null()) { *out = dflt; return true; }
  return int_arg(v, out);
}

void set_input(z_stream& zs, const char* p, size_t n) {
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p));
  zs.avail_in = uInt(n);
}

// Runs fn (deflate/inflate step) appending output until it stops producing; returns the zlib code.
template <class F>
int pump(z_stream& zs, std::string* out, size_t limit, F step) {
  int err;
  char buf[16384];
  do {
    size_t room = sizeof buf;
    if (limit && limit - out->size() < room) room = limit - out->size();
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = uInt(room);
    err = step();
    out->append(buf, room - zs.avail_out);
    if (err != Z_OK && err != Z_BUF_ERROR) break;
    if (limit && out->size() >= limit) break;
  } while (zs.avail_out == 0 || (zs.avail_in > 0 && err == Z_OK));
  return err;
}

// -- One-shot functions ------------------------------------------------------------------------------
Value m_compress(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"", "level", "wbits", nullptr};
  Value a[3];
  if (!parse_args("compress", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold data;
  if (!data.get(a[0])) return Value::exc();
  int64_t level, wbits;
  if (!int_or(a[1], Z_DEFAULT_COMPRESSION, &level) || !int_or(a[2], MAX_WBITS, &wbits)) return Value::exc();
  z_stream zs{};
  int err = deflateInit2(&zs, int(level), Z_DEFLATED, int(wbits), 8, Z_DEFAULT_STRATEGY);
  if (err == Z_MEM_ERROR) return raise(exc::MemoryError, "Out of memory while compressing data");
  if (err == Z_STREAM_ERROR) {
    Value e = call1(g_error, str_value("Bad compression level"));
    return e.is_exc() ? e : raise_value(e);
  }
  if (err != Z_OK) return zlib_error(zs, err, "while compressing data");
  std::string out;
  set_input(zs, data.v.buf, size_t(data.v.len));
  err = pump(zs, &out, 0, [&] { return deflate(&zs, Z_FINISH); });
  deflateEnd(&zs);
  if (err != Z_STREAM_END) return zlib_error(zs, err, "while compressing data");
  return bytes_new(out);
}

Value m_decompress(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"", "wbits", "bufsize", nullptr};
  Value a[3];
  if (!parse_args("decompress", args, nargs, kw, names, 1, a)) return Value::exc();
  BufferHold data;
  if (!data.get(a[0])) return Value::exc();
  int64_t wbits, bufsize;
  if (!int_or(a[1], MAX_WBITS, &wbits) || !int_or(a[2], 16384, &bufsize)) return Value::exc();
  if (bufsize < 0) return raise(exc::ValueError, "bufsize must be non-negative");
  z_stream zs{};
  int err = inflateInit2(&zs, int(wbits));
  if (err == Z_MEM_ERROR) return raise(exc::MemoryError, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zs);
    return zlib_error(zs, err, "while preparing to decompress data");
  }
  std::string out;
  set_input(zs, data.v.buf, size_t(data.v.len));
  err = pump(zs, &out, 0, [&] { return inflate(&zs, Z_NO_FLUSH); });
  if (err != Z_STREAM_END) {
    // Input exhausted before the end of the stream: truncated.
    bool truncated = err == Z_OK || err == Z_BUF_ERROR;
    if (truncated || err == Z_NEED_DICT) zs.msg = nullptr;
    Value r = zlib_error(zs, truncated ? Z_BUF_ERROR : err, "while decompressing data");
    inflateEnd(&zs);
    return r;
  }
  inflateEnd(&zs);
  return bytes_new(out);
}

Value checksum(const char* name, Value* args, size_t nargs, TupleObject* kw, uLong start, bool adler) {
  if (!check_no_kwargs(name, kw) || !check_nargs(name, nargs, 1, 2)) return Value::exc();
  BufferHold data;
  if (!data.get(args[0])) return Value::exc();
  uLong v = start;
  if (nargs > 1) {
    if (!is_int(args[1])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
    Mpz z(args[1]);
    mpz_fdiv_r_2exp(z, z, 32);  // unsigned int, bitwise (CPython's 'I' converter)
    v = uLong(mpz_get_ui(z));
  }
  const auto* p = reinterpret_cast<const Bytef*>(data.v.buf);
  size_t n = size_t(data.v.len);
  while (n > 0) {  // zlib takes uInt lengths
    uInt chunk = n > (1u << 30) ? (1u << 30) : uInt(n);
    v = adler ? adler32(v, p, chunk) : crc32(v, p, chunk);
    p += chunk;
    n -= chunk;
  }
  return int_from_i64(int64_t(v & 0xFFFFFFFFu));
}
Value m_crc32(Value* args, size_t nargs, TupleObject* kw) { return checksum("crc32", args, nargs, kw, 0, false); }
Value m_adler32(Value* args, size_t nargs, TupleObject* kw) { return checksum("adler32", args, nargs, kw, 1, true); }

// -- Compress / Decompress objects ------------------------------------------------------------------------
ZObject* Z(Value v) { return v.as<ZObject>(); }

void z_trace(Object* o, Tracer& t) {
  auto* z = static_cast<ZObject*>(o);
  t.visit(z->unused_data);
  t.visit(z->unconsumed_tail);
  t.visit(z->zdict);
}
void comp_finalize(Object* o) {
  auto* z = static_cast<ZObject*>(o);
  if (z->inited) deflateEnd(&z->zs);
  z->inited = false;
}
void decomp_finalize(Object* o) {
  auto* z = static_cast<ZObject*>(o);
  if (z->inited) inflateEnd(&z->zs);
  z->inited = false;
}

Value m_compressobj(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"level", "method", "wbits", "memLevel", "strategy", "zdict", nullptr};
  Value a[6];
  if (!parse_args("compressobj", args, nargs, kw, names, 0, a)) return Value::exc();
  int64_t level, method, wbits, memlevel, strategy;
  if (!int_or(a[0], Z_DEFAULT_COMPRESSION, &level) || !int_or(a[1], Z_DEFLATED, &method) || !int_or(a[2], MAX_WBITS, &wbits) ||
      !int_or(a[3], 8, &memlevel) || !int_or(a[4], Z_DEFAULT_STRATEGY, &strategy))
    return Value::exc();
  BufferHold zdict;
  if (!a[5].is_null() && !a[5].is_none()) {
    if (!is_buffer(a[5])) return raise(exc::TypeError, "zdict argument must support the buffer protocol");
    if (!zdict.get(a[5])) return Value::exc();
  }
  auto* z = gc::make<ZObject>(g_comp_type);
  z->unused_data = z->unconsumed_tail = z->zdict = Value::none();
  int err = deflateInit2(&z->zs, int(level), int(method), int(wbits), int(memlevel), int(strategy));
  if (err == Z_MEM_ERROR) return raise(exc::MemoryError, "Can't allocate memory for compression object");
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Invalid initialization option");
  if (err != Z_OK) return zlib_error(z->zs, err, "while creating compression object");
  z->inited = true;
  if (zdict.v.obj.is_obj()) {
    err = deflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(zdict.v.buf), uInt(zdict.v.len));
    if (err != Z_OK) return raise(exc::ValueError, "Invalid dictionary");
  }
  return obj(z);
}

Value comp_compress(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("compress", kw) || !check_nargs("compress", nargs - 1, 1, 1)) return Value::exc();
  ZObject* z = Z(args[0]);
  BufferHold data;
  if (!data.get(args[1])) return Value::exc();
  if (!z->inited) return zlib_error(z->zs, Z_STREAM_ERROR, "while compressing data");
  std::string out;
  set_input(z->zs, data.v.buf, size_t(data.v.len));
  int err = pump(z->zs, &out, 0, [&] { return deflate(&z->zs, Z_NO_FLUSH); });
  if (err == Z_STREAM_ERROR) return zlib_error(z->zs, err, "while compressing data");
  return bytes_new(out);
}

Value comp_flush(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"mode", nullptr};
  Value a[1];
  if (!parse_args("flush", args + 1, nargs - 1, kw, names, 0, a)) return Value::exc();
  int64_t mode;
  if (!int_or(a[0], Z_FINISH, &mode)) return Value::exc();
  ZObject* z = Z(args[0]);
  if (mode == Z_NO_FLUSH) return bytes_new("");
  if (!z->inited) return zlib_error(z->zs, Z_STREAM_ERROR, "while flushing");
  std::string out;
  set_input(z->zs, "", 0);
  int err = pump(z->zs, &out, 0, [&] { return deflate(&z->zs, int(mode)); });
  if (err == Z_STREAM_END && mode == Z_FINISH) {
    err = deflateEnd(&z->zs);
    z->inited = false;
    if (err != Z_OK) return zlib_error(z->zs, err, "while finishing compression");
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(z->zs, err, "while flushing");
  }
  return bytes_new(out);
}

Value comp_copy(Value* args, size_t nargs, TupleObject* kw) {
  ZObject* z = Z(args[0]);
  if (!z->inited) return raise(exc::ValueError, "Inconsistent stream state");
  auto* c = gc::make<ZObject>(g_comp_type);
  c->unused_data = c->unconsumed_tail = c->zdict = Value::none();
  int err = deflateCopy(&c->zs, &z->zs);
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Inconsistent stream state");
  if (err != Z_OK) return zlib_error(z->zs, err, "while copying compression object");
  c->inited = true;
  return obj(c);
}

Value m_decompressobj(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"wbits", "zdict", nullptr};
  Value a[2];
  if (!parse_args("decompressobj", args, nargs, kw, names, 0, a)) return Value::exc();
  int64_t wbits;
  if (!int_or(a[0], MAX_WBITS, &wbits)) return Value::exc();
  if (!a[1].is_null() && !is_buffer(a[1])) return raise(exc::TypeError, "zdict argument must support the buffer protocol");
  auto* z = gc::make<ZObject>(g_decomp_type);
  z->unused_data = bytes_new("");
  z->unconsumed_tail = bytes_new("");
  z->zdict = a[1].is_null() ? Value::none() : a[1];
  int err = inflateInit2(&z->zs, int(wbits));
  if (err == Z_MEM_ERROR) return raise(exc::MemoryError, "Can't allocate memory for decompression object");
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Invalid initialization option");
  if (err != Z_OK) return zlib_error(z->zs, err, "while creating decompression object");
  z->inited = true;
  if (!a[1].is_null() && (wbits < 0)) {  // raw streams take the dictionary up front
    BufferHold d;
    if (!d.get(a[1])) return Value::exc();
    err = inflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(d.v.buf), uInt(d.v.len));
    if (err != Z_OK) return zlib_error(z->zs, err, "while setting zdict");
  }
  return obj(z);
}

// Inflate input into out (at most max_length bytes when > 0), handling Z_NEED_DICT; saves what is
// left as unconsumed_tail / unused_data.
Value decomp_run(ZObject* z, std::string_view input, int64_t max_length, int flush, std::string* out, const char* what) {
  set_input(z->zs, input.data(), input.size());
  int err;
  for (;;) {
    err = pump(z->zs, out, size_t(max_length), [&] { return inflate(&z->zs, flush); });
    if (err == Z_NEED_DICT && !z->zdict.is_none()) {
      BufferHold d;
      if (!d.get(z->zdict)) return Value::exc();
      if (inflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(d.v.buf), uInt(d.v.len)) != Z_OK)
        return zlib_error(z->zs, Z_NEED_DICT, "while setting zdict");
      continue;
    }
    break;
  }
  if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) return zlib_error(z->zs, err, what);
  std::string_view rest(reinterpret_cast<const char*>(z->zs.next_in), z->zs.avail_in);
  if (err == Z_STREAM_END) {
    z->eof = true;
    std::string ud(bytes_view(z->unused_data));
    ud += rest;
    z->unused_data = bytes_new(ud);
    z->unconsumed_tail = bytes_new("");
  } else {
    z->unconsumed_tail = bytes_new(rest);
  }
  return Value::none();
}

Value decomp_decompress(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"", "max_length", nullptr};
  Value a[2];
  if (!parse_args("decompress", args + 1, nargs - 1, kw, names, 1, a)) return Value::exc();
  ZObject* z = Z(args[0]);
  BufferHold data;
  if (!data.get(a[0])) return Value::exc();
  int64_t max_length;
  if (!int_or(a[1], 0, &max_length)) return Value::exc();
  if (max_length < 0) return raise(exc::ValueError, "max_length must be non-negative");
  std::string out;
  if (z->eof) {  // after the end: everything is unused data
    std::string ud(bytes_view(z->unused_data));
    ud += data.view();
    z->unused_data = bytes_new(ud);
    return bytes_new("");
  }
  if (decomp_run(z, data.view(), max_length, Z_SYNC_FLUSH, &out, "while decompressing data").is_exc()) return Value::exc();
  return bytes_new(out);
}

Value decomp_flush(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"length", nullptr};
  Value a[1];
  if (!parse_args("flush", args + 1, nargs - 1, kw, names, 0, a)) return Value::exc();
  int64_t length;
  if (!int_or(a[0], 16384, &length)) return Value::exc();
  if (length <= 0) return raise(exc::ValueError, "length must be greater than zero");
  ZObject* z = Z(args[0]);
  std::string out;
  if (z->eof || !z->inited) return bytes_new("");
  std::string tail(bytes_view(z->unconsumed_tail));
  if (decomp_run(z, tail, 0, Z_FINISH, &out, "while flushing").is_exc()) return Value::exc();
  return bytes_new(out);
}

Value decomp_copy(Value* args, size_t nargs, TupleObject* kw) {
  ZObject* z = Z(args[0]);
  if (!z->inited) return raise(exc::ValueError, "Inconsistent stream state");
  auto* c = gc::make<ZObject>(g_decomp_type);
  int err = inflateCopy(&c->zs, &z->zs);
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Inconsistent stream state");
  if (err != Z_OK) return zlib_error(z->zs, err, "while copying decompression object");
  c->inited = true;
  c->eof = z->eof;
  c->unused_data = z->unused_data;
  c->unconsumed_tail = z->unconsumed_tail;
  c->zdict = z->zdict;
  return obj(c);
}

Value decomp_getattr(Value self, StrObject* name) {
  ZObject* z = Z(self);
  std::string_view n = name->view();
  if (n == "unused_data") return z->unused_data;
  if (n == "unconsumed_tail") return z->unconsumed_tail;
  if (n == "eof") return Value::from_bool(z->eof);
  return generic_getattr(self, name);
}

}  // namespace

Value make_zlib_module() {
  Value m = module_new("zlib");
  DictObject* d = m.as<ModuleObject>()->dict;
  g_error = exception_type_new("zlib.error", exc::Exception);
  if (g_error.is_exc()) return g_error;
  gc::add_root(&g_error);
  g_comp_type = make_builtin_type("Compress", types::object, sizeof(ZObject), 0);
  g_comp_type->module = str_intern("zlib");
  g_comp_type->trace = z_trace;
  g_comp_type->finalize = comp_finalize;
  type_add_methods(g_comp_type, {{"compress", comp_compress}, {"flush", comp_flush}, {"copy", comp_copy, kNativeNoArgs},
                                 {"__copy__", comp_copy, kNativeNoArgs}});
  g_decomp_type = make_builtin_type("Decompress", types::object, sizeof(ZObject), 0);
  g_decomp_type->module = str_intern("zlib");
  g_decomp_type->trace = z_trace;
  g_decomp_type->finalize = decomp_finalize;
  g_decomp_type->getattr = decomp_getattr;
  type_add_methods(g_decomp_type, {{"decompress", decomp_decompress}, {"flush", decomp_flush},
                                   {"copy", decomp_copy, kNativeNoArgs}, {"__copy__", decomp_copy, kNativeNoArgs}});
  module_add_functions(d, {{"compress", m_compress}, {"decompress", m_decompress}, {"compressobj", m_compressobj},
                           {"decompressobj", m_decompressobj}, {"crc32", m_crc32}, {"adler32", m_adler32}});
  dict_set_str(d, str_intern("error"), g_error);
  const std::pair<const char*, int64_t> consts[] = {
      {"MAX_WBITS", MAX_WBITS}, {"DEFLATED", Z_DEFLATED}, {"DEF_MEM_LEVEL", 8}, {"DEF_BUF_SIZE", 16384},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION}, {"Z_BEST_SPEED", Z_BEST_SPEED}, {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION}, {"Z_FILTERED", Z_FILTERED}, {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE}, {"Z_FIXED", Z_FIXED}, {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY}, {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH}, {"Z_SYNC_FLUSH", Z_SYNC_FLUSH}, {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH}, {"Z_BLOCK", Z_BLOCK}, {"Z_TREES", Z_TREES}};
  for (auto& [k, v] : consts) dict_set_str(d, str_intern(k), int_from_i64(v));
  dict_set_str(d, str_intern("ZLIB_VERSION"), str_value(ZLIB_VERSION));
  dict_set_str(d, str_intern("ZLIB_RUNTIME_VERSION"), str_value(zlibVersion()));
  return m;
}

}  // namespace chaipy
