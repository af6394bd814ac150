// interp/modules/io.h — private glue between the files of the _io module: the object layouts,
// the type objects, and the native entry points one class calls on another (TextIOWrapper over
// BufferedWriter over FileIO runs without Python-level calls when the objects are exactly those
// types; any other object is driven through its Python methods, as CPython does).
//
// Files: io_module.cpp (module, open(), the _IOBase family of abstract bases), io_fileio.cpp,
// io_buffered.cpp, io_memory.cpp (BytesIO, StringIO), io_text.cpp (TextIOWrapper,
// IncrementalNewlineDecoder).
//
// Lifetime: every object is an InstanceObject (attributes such as FileIO.name and
// TextIOWrapper.mode live in its __dict__) followed by native fields. Finalizers run during the
// collector's lazy sweep, in no particular order, so a BufferedWriter never touches its raw
// object when it dies: it shares the FileIO's descriptor through a malloc'd FdShared instead,
// flushes into that, and whichever of the two dies last closes the descriptor.
#pragma once
#include <string>

#include "interp/modules/os_support.h"
#include "interp/runtime.h"

namespace chaipy::io {

constexpr int64_t kDefaultBufferSize = 8192;

extern TypeObject *iobase, *rawiobase, *bufferediobase, *textiobase, *fileio, *buffered_reader, *buffered_writer,
    *buffered_random, *buffered_rwpair, *bytesio, *stringio, *textiowrapper, *newline_decoder, *unsupported_operation;

// _IOBase's own state (CPython's __IOBase_closed attribute).
struct IOBaseObject : InstanceObject {
  bool iobase_closed;
};

struct FdShared {
  int fd;        // -1 once closed
  int refs;
  bool closefd;
};
void fd_shared_release(FdShared* s);

struct FileIOObject : IOBaseObject {
  FdShared* sh;
  int64_t blksize;
  bool readable, writable, appending, created, closefd;
  int8_t seekable;  // -1 unknown
};

enum BufferedKind : uint8_t { kReader, kWriter, kRandom };
struct BufferedObject : IOBaseObject {
  Value raw;
  FdShared* sh;         // raw is exactly a FileIO: its descriptor, for direct system calls
  std::string* rbuf;    // read-ahead; unread bytes are rbuf[rpos..]
  size_t rpos;
  std::string* wbuf;    // pending writes
  int64_t buffer_size;
  BufferedKind kind;
  bool detached, ok;    // ok: __init__ ran
};

struct BytesIOObject : IOBaseObject {
  std::string* buf;
  size_t pos;
  int64_t exports;
  bool closed;
};

struct StringIOObject : IOBaseObject {
  std::u32string* buf;
  size_t pos;
  bool closed, ok;
  bool readuniversal, readtranslate;
  std::string* writenl;  // "" = no translation
  uint8_t seennl;        // for .newlines
  Value decoder;         // the newline decoder CPython exposes through .newlines (unused: seennl)
};

struct TextIOObject : IOBaseObject {
  Value buffer, encoding, errors;
  Value decoder, encoder;  // codecs' incremental objects for encodings run through `codecs`; null when native
  BufferedObject* nbuf;    // buffer is exactly a Buffered* object
  FileIOObject* nraw;      // buffer is exactly a FileIO (unbuffered standard streams)
  // Reading works a chunk at a time (CPython's snapshot scheme): `snap` holds the bytes of the
  // current chunk, which start at stream position snap_pos; `dec` is their decoded (and, for
  // newline=None, translated) text, consumed up to dec_pos. Bytes the decoder could not use yet
  // (a split multi-byte sequence, a '\r' that may start "\r\n") stay at the end of snap and
  // begin the next chunk, so a tell() cookie is always a plain byte position.
  std::string* snap;
  std::string* dec;
  size_t dec_pos;
  size_t snap_used;        // bytes of snap that produced dec
  int64_t snap_pos;        // -1: no chunk read since the last seek/write
  std::string* writenl;    // "" = write '\n' as is
  std::string* readnl;     // newline given as '\n', '\r' or '\r\n' (readline splits on it)
  int64_t chunk_size;
  TextCodec codec;
  TextErrors errs;
  bool native_codec, ok, detached, eof, pendingcr;
  bool readuniversal, readtranslate, line_buffering, write_through, seekable, telling, has_read1;
  uint8_t seennl;
};

// -- Shared helpers (io_module.cpp) ----------------------------------------------------------------
Value unsupported(const char* msg);                // raises io.UnsupportedOperation(msg)
Value closed_error(bool dot = true);               // ValueError "I/O operation on closed file[.]"
bool check_self(Value* args, size_t nargs, TypeObject* t, const char* method);
bool is_exact(Value v, TypeObject* t);
Value call_name(Value self, const char* name, Value* args = nullptr, size_t nargs = 0);
int iobase_closed(Value self);                     // self.closed as a C bool, -1 on error
bool size_arg(Value v, int64_t* out);              // None or -1 = everything (-1); __index__ otherwise
// A type of the _io module (instance layout of `size` bytes, subclassable), stored in `module`.
TypeObject* io_type(const char* name, TypeObject* base, size_t size, DictObject* module);
void init_iobase_types(DictObject* module);
void init_fileio_type(DictObject* module);
void init_buffered_types(DictObject* module);
void init_memory_types(DictObject* module);
void init_text_types(DictObject* module);

// -- Native entry points -----------------------------------------------------------------------------
Value fileio_new(Value file, const char* mode, bool closefd, Value opener);  // FileIO(file, mode, closefd, opener)
Value fileio_from_fd(int fd, const char* mode, bool closefd, Value name);
int64_t fileio_write_all(FileIOObject* f, const char* p, size_t n);  // -1 after raising
Value buffered_new(TypeObject* t, Value raw, int64_t buffer_size);
// Appends bytes to a writer's buffer (flushing as CPython would); -1 after raising.
int buffered_write_bytes(BufferedObject* b, const char* p, size_t n);
int buffered_flush(BufferedObject* b);
Value textio_new(Value buffer, Value encoding, Value errors, Value newline, bool line_buffering, bool write_through);
// Writes internal UTF-8 text as TextIOWrapper.write does (translation, encoding, line buffering).
int textio_write_utf8(TextIOObject* t, std::string_view s);
int textio_flush(TextIOObject* t);
// At exit: flush every live native buffered writer (CPython's finalisation closes them).
void flush_all_buffers();

}  // namespace chaipy::io
