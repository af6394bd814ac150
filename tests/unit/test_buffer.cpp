// tests/unit/test_buffer.cpp — the buffer protocol contract (runtime.h get_buffer / release_buffer):
// what each exporter hands out, export counting and the resize rule, pairing with release, and the
// contiguous copy of a strided memoryview.
#include <catch2/catch.hpp>

#include <string>

#include "interp/objects/objects.h"

using namespace chaipy;

namespace {

void init_once() {
  static bool done = false;
  if (!done) {
    runtime_init(0, nullptr);
    done = true;
  }
}

std::string pending_error() {
  if (!exc_pending()) return "";
  Value e = exc_fetch();
  return std::string(type_name(e)) + ": " + str_utf8(e);
}

}  // namespace

TEST_CASE("buffer: bytes is a read-only exporter, str and int are not exporters", "[buffer]") {
  init_once();
  Value b = bytes_new("abc");
  REQUIRE(is_buffer(b));
  BufferView v;
  REQUIRE(get_buffer(b, &v));
  CHECK(std::string(v.buf, size_t(v.len)) == "abc");
  CHECK(v.readonly);
  CHECK(v.itemsize == 1);
  CHECK(std::string(v.format) == "B");
  CHECK(v.obj == b);
  release_buffer(&v);
  CHECK(v.obj.is_null());
  release_buffer(&v);  // releasing twice is harmless

  CHECK_FALSE(is_buffer(str_value("abc")));
  BufferView w;
  CHECK_FALSE(get_buffer(str_value("abc"), &w));
  CHECK(pending_error() == "TypeError: a bytes-like object is required, not 'str'");
  CHECK_FALSE(get_buffer(int_from_i64(3), &w));
  CHECK(pending_error() == "TypeError: a bytes-like object is required, not 'int'");
}

TEST_CASE("buffer: bytearray is writable and cannot resize while exported", "[buffer]") {
  init_once();
  Value ba = bytearray_new("hello");
  auto* b = ba.as<ByteArrayObject>();
  {
    BufferHold h;
    REQUIRE(h.get(ba));
    CHECK_FALSE(h.v.readonly);
    CHECK(b->exports == 1);
    h.v.buf[0] = 'H';  // writes go through to the bytearray
    CHECK(bytearray_resize(b, 10) == -1);
    CHECK(pending_error() == "BufferError: Existing exports of data: object cannot be re-sized");
    CHECK(bytearray_resize(b, 5) == 0);  // the same size is not a resize
  }
  CHECK(b->exports == 0);  // BufferHold released on scope exit
  CHECK(std::string(b->data, b->size) == "Hello");
  CHECK(bytearray_resize(b, 7) == 0);
  CHECK(b->size == 7);
  CHECK(b->data[6] == 0);
}

TEST_CASE("buffer: memoryview holds one export on its exporter until released", "[buffer]") {
  init_once();
  Value ba = bytearray_new("abcdef");
  Value m = call1(obj(types::memoryview), ba);
  REQUIRE(!m.is_exc());
  CHECK(ba.as<ByteArrayObject>()->exports == 1);
  // A slice takes its own view on the same exporter.
  Value s = getitem(m, slice_new(Value::none(), Value::none(), int_from_i64(2)));
  REQUIRE(!s.is_exc());
  CHECK(ba.as<ByteArrayObject>()->exports == 2);
  // A strided view is not contiguous: get_buffer refuses, get_buffer_contiguous copies.
  BufferView v;
  CHECK_FALSE(get_buffer(s, &v));
  CHECK(pending_error() == "BufferError: memoryview: underlying buffer is not C-contiguous");
  REQUIRE(get_buffer_contiguous(s, &v));
  CHECK(std::string(v.buf, size_t(v.len)) == "ace");
  CHECK(v.readonly);
  release_buffer(&v);
  CHECK(ba.as<ByteArrayObject>()->exports == 2);  // the copy did not count as an export
  // Releasing the memoryview drops its export; the slice keeps its own.
  REQUIRE(!call_method(m, str_intern("release"), nullptr, 0).is_exc());
  CHECK(ba.as<ByteArrayObject>()->exports == 1);
  REQUIRE(!call_method(s, str_intern("release"), nullptr, 0).is_exc());
  CHECK(ba.as<ByteArrayObject>()->exports == 0);
}

TEST_CASE("buffer: a memoryview with a buffer taken from it cannot be released", "[buffer]") {
  init_once();
  Value m = call1(obj(types::memoryview), bytes_new("xyz"));
  REQUIRE(!m.is_exc());
  BufferHold h;
  REQUIRE(h.get(m));
  CHECK(h.view() == "xyz");
  CHECK(call_method(m, str_intern("release"), nullptr, 0).is_exc());
  CHECK(pending_error() == "BufferError: memoryview has 1 exported buffer");
  release_buffer(&h.v);
  CHECK(!call_method(m, str_intern("release"), nullptr, 0).is_exc());
  BufferView v;
  CHECK_FALSE(get_buffer(m, &v));
  CHECK(pending_error() == "ValueError: operation forbidden on released memoryview object");
}
