// interp/value.h — the 64-bit NaN-boxed Value every slot, register and stack entry holds.
//
// Encoding (bits >> 48 is the tag):
//   < 0xFFF9            a double, stored as its own bits (every NaN canonicalised to kCanonNaN)
//   0xFFF9              heap Object* (48-bit pointer)
//   0xFFFA              small int, signed 48-bit payload
//   0xFFFB              bool (payload 0 / 1)
//   0xFFFC              None
//   0xFFFD              VM-internal immediates: Null (empty slot / unbound local / NULL on the
//                       call stack) and Exc (the "an exception is pending" return sentinel)
// ORDER TAG: the JIT emits these constants directly.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

namespace chaipy {

struct Object;

class Value {
 public:
  static constexpr uint64_t kTagShift = 48;
  static constexpr uint64_t kTagObj = 0xFFF9, kTagInt = 0xFFFA, kTagBool = 0xFFFB, kTagNone = 0xFFFC,
                            kTagSpecial = 0xFFFD;
  static constexpr uint64_t kPayloadMask = (uint64_t(1) << 48) - 1;
  static constexpr uint64_t kCanonNaN = 0x7FF8000000000000ull;
  static constexpr int64_t kSmallIntMax = (int64_t(1) << 47) - 1;
  static constexpr int64_t kSmallIntMin = -(int64_t(1) << 47);

  constexpr Value() : _bits(kTagSpecial << kTagShift) {}  // Null
  static constexpr Value from_bits(uint64_t b) { Value v; v._bits = b; return v; }
  constexpr uint64_t bits() const { return _bits; }
  constexpr uint64_t tag() const { return _bits >> kTagShift; }

  // -- Constructors ------------------------------------------------------------------------
  static Value from_double(double d) {
    uint64_t b;
    if (d != d) return from_bits(kCanonNaN);
    std::memcpy(&b, &d, 8);
    return from_bits(b);
  }
  // Caller guarantees kSmallIntMin <= i <= kSmallIntMax (see int_fits_small).
  static constexpr Value from_small_int(int64_t i) { return from_bits((kTagInt << kTagShift) | (uint64_t(i) & kPayloadMask)); }
  static constexpr bool int_fits_small(int64_t i) { return i >= kSmallIntMin && i <= kSmallIntMax; }
  static Value from_obj(const Object* o) { return from_bits((kTagObj << kTagShift) | reinterpret_cast<uint64_t>(o)); }
  static constexpr Value from_bool(bool b) { return from_bits((kTagBool << kTagShift) | uint64_t(b)); }
  static constexpr Value none() { return from_bits(kTagNone << kTagShift); }
  static constexpr Value null() { return from_bits(kTagSpecial << kTagShift); }
  static constexpr Value exc() { return from_bits((kTagSpecial << kTagShift) | 1); }
  static constexpr Value true_() { return from_bool(true); }
  static constexpr Value false_() { return from_bool(false); }

  // -- Tests -------------------------------------------------------------------------------
  constexpr bool is_double() const { return _bits < (kTagObj << kTagShift); }
  constexpr bool is_obj() const { return tag() == kTagObj; }
  constexpr bool is_small_int() const { return tag() == kTagInt; }
  constexpr bool is_bool() const { return tag() == kTagBool; }
  constexpr bool is_none() const { return _bits == (kTagNone << kTagShift); }
  constexpr bool is_null() const { return _bits == (kTagSpecial << kTagShift); }
  constexpr bool is_exc() const { return _bits == ((kTagSpecial << kTagShift) | 1); }
  constexpr bool is_true() const { return _bits == ((kTagBool << kTagShift) | 1); }
  constexpr bool is_false() const { return _bits == (kTagBool << kTagShift); }

  // -- Accessors ---------------------------------------------------------------------------
  double as_double() const { double d; std::memcpy(&d, &_bits, 8); return d; }
  constexpr int64_t as_small_int() const { return int64_t(_bits << 16) >> 16; }
  constexpr bool as_bool() const { return _bits & 1; }
  Object* as_obj() const { return reinterpret_cast<Object*>(_bits & kPayloadMask); }
  template <class T> T* as() const { return static_cast<T*>(as_obj()); }

  constexpr bool operator==(const Value& o) const { return _bits == o._bits; }  // identity (`is`)
  constexpr bool operator!=(const Value& o) const { return _bits != o._bits; }

 private:
  uint64_t _bits;
};
static_assert(sizeof(Value) == 8);

}  // namespace chaipy
