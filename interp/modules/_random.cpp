// interp/modules/_random.cpp — the _random module: Random, the Mersenne Twister (MT19937) that
// Lib/random.py builds on, bit-identical to CPython's _randommodule.c for every seed (ints via
// init_by_array over their 32-bit words, other hashables via hash(), None via the OS entropy
// source), random(), getrandbits(k), getstate()/setstate() in CPython's 625-tuple format.
#include <sys/random.h>

#include <cstring>
#include <ctime>
#include <vector>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

constexpr int N = 624, M = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU, kUpperMask = 0x80000000U, kLowerMask = 0x7fffffffU;

struct RandomObject : Object {
  int index;
  uint32_t state[N];
};

TypeObject* g_random_type;

RandomObject* R(Value v) { return v.as<RandomObject>(); }

// -- MT19937 (Matsumoto & Nishimura's reference algorithm) ------------------------------------------
uint32_t genrand_uint32(RandomObject* self) {
  static const uint32_t mag01[2] = {0x0U, kMatrixA};
  uint32_t y;
  uint32_t* mt = self->state;
  if (self->index >= N) {
    int kk;
    for (kk = 0; kk < N - M; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    y = (mt[N - 1] & kUpperMask) | (mt[0] & kLowerMask);
    mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
    self->index = 0;
  }
  y = mt[self->index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

void init_genrand(RandomObject* self, uint32_t s) {
  uint32_t* mt = self->state;
  mt[0] = s;
  for (int mti = 1; mti < N; mti++) mt[mti] = 1812433253U * (mt[mti - 1] ^ (mt[mti - 1] >> 30)) + uint32_t(mti);
  self->index = N;
}

void init_by_array(RandomObject* self, const uint32_t* key, size_t key_length) {
  uint32_t* mt = self->state;
  init_genrand(self, 19650218U);
  size_t i = 1, j = 0;
  size_t k = N > key_length ? N : key_length;
  for (; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + uint32_t(j);
    i++;
    j++;
    if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
    if (j >= key_length) j = 0;
  }
  for (k = N - 1; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - uint32_t(i);
    i++;
    if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
  }
  mt[0] = 0x80000000U;  // MSB is 1, assuring a non-zero initial array
}

// -- Seeding -------------------------------------------------------------------------------------------
void seed_urandom(RandomObject* self) {
  uint32_t key[N];
  size_t got = 0;
  while (got < sizeof key) {
    ssize_t r = getrandom(reinterpret_cast<char*>(key) + got, sizeof key - got, 0);
    if (r <= 0) break;
    got += size_t(r);
  }
  if (got < sizeof key) {  // no entropy source: time and pid, as CPython's fallback
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = uint32_t(ts.tv_sec);
    key[1] = uint32_t(ts.tv_nsec);
    key[2] = uint32_t(getpid());
    init_by_array(self, key, 3);
    return;
  }
  init_by_array(self, key, N);
}

int random_seed(RandomObject* self, Value arg) {
  if (arg.is_null() || arg.is_none()) {
    seed_urandom(self);
    return 0;
  }
  Mpz n;
  if (is_int(arg)) {
    int_to_mpz(arg, n);
    mpz_abs(n, n);
  } else {
    int64_t h = hash(arg);
    if (h == -1 && exc_pending()) return -1;
    uint64_t u = uint64_t(h);  // (size_t)hash: negative hashes wrap, no abs
    mpz_import(n, 1, 1, sizeof u, 0, 0, &u);
  }
  // The key: n's 32-bit words, least significant first (at least one).
  size_t bits = mpz_sgn(n) == 0 ? 0 : mpz_sizeinbase(n, 2);
  size_t keyused = bits == 0 ? 1 : (bits - 1) / 32 + 1;
  std::vector<uint32_t> key(keyused, 0);
  size_t count = 0;
  if (bits) mpz_export(key.data(), &count, -1, 4, 0, 0, n);
  init_by_array(self, key.data(), keyused);
  return 0;
}

// -- Methods -----------------------------------------------------------------------------------------------
Value random_m(Value* args, size_t nargs, TupleObject* kw) {
  RandomObject* self = R(args[0]);
  uint32_t a = genrand_uint32(self) >> 5, b = genrand_uint32(self) >> 6;
  return Value::from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Value seed_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("seed", kw) || !check_nargs("seed", nargs - 1, 0, 1)) return Value::exc();
  if (random_seed(R(args[0]), nargs > 1 ? args[1] : Value::none()) < 0) return Value::exc();
  return Value::none();
}

Value getstate_m(Value* args, size_t nargs, TupleObject* kw) {
  RandomObject* self = R(args[0]);
  TupleObject* t = tuple_new(N + 1);
  for (int i = 0; i < N; i++) t->items[i] = int_from_i64(self->state[i]);
  t->items[N] = int_from_i64(self->index);
  return obj(t);
}

Value setstate_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("setstate", kw) || !check_nargs("setstate", nargs - 1, 1, 1)) return Value::exc();
  RandomObject* self = R(args[0]);
  Value st = args[1];
  if (!is_tuple(st)) return raise(exc::TypeError, "state vector must be a tuple");
  auto* t = st.as<TupleObject>();
  if (t->size != N + 1) return raise(exc::ValueError, "state vector is the wrong size");
  uint32_t next[N];
  for (int i = 0; i < N; i++) {
    Value v = t->items[i];
    if (!is_int(v)) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    Mpz z(v);
    if (mpz_sgn(z) < 0) return raise(exc::OverflowError, "can't convert negative int to unsigned");
    if (mpz_sizeinbase(z, 2) > 64) return raise(exc::OverflowError, "Python int too large to convert to C unsigned long");
    uint64_t u = 0;
    mpz_export(&u, nullptr, -1, 8, 0, 0, z);
    next[i] = uint32_t(u);
  }
  Value iv = t->items[N];
  if (!is_int(iv)) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(iv));
  int64_t index;
  if (!int_get_i64(iv, &index)) return raise(exc::OverflowError, "Python int too large to convert to C long");
  if (index < 0 || index > N) return raise(exc::ValueError, "invalid state");
  std::memcpy(self->state, next, sizeof next);
  self->index = int(index);
  return Value::none();
}

Value getrandbits_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("getrandbits", kw) || !check_nargs("getrandbits", nargs - 1, 1, 1)) return Value::exc();
  RandomObject* self = R(args[0]);
  int64_t k;
  if (!is_int(args[1]) && !lookup_special(args[1], str_intern("__index__")).is_obj())
    return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
  if (index_of(args[1], &k).is_exc()) return Value::exc();
  if (k < 0) return raise(exc::ValueError, "number of bits must be non-negative");
  if (k == 0) return Value::from_small_int(0);
  if (k <= 32) return int_from_i64(genrand_uint32(self) >> (32 - k));
  size_t words = size_t((k - 1) / 32 + 1);
  std::vector<uint32_t> w(words);
  for (size_t i = 0; i < words; i++, k -= 32) {
    uint32_t r = genrand_uint32(self);
    if (k < 32) r >>= (32 - k);
    w[i] = r;
  }
  Mpz z;
  mpz_import(z, words, -1, 4, 0, 0, w.data());
  return int_from_mpz(z);
}

Value random_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  return obj(gc::make<RandomObject>(type));
}

int random_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  if (type_of(self) == g_random_type && kw && kw->size) {
    raise(exc::TypeError, "Random() takes no keyword arguments");
    return -1;
  }
  size_t npos = npos_args(nargs, kw);
  if (npos > 1) {
    raise(exc::TypeError, "Random() requires 0 or 1 argument");
    return -1;
  }
  return random_seed(R(self), npos ? args[0] : Value::none());
}

}  // namespace

Value make__random_module() {
  Value m = module_new("_random");
  DictObject* d = m.as<ModuleObject>()->dict;
  TypeObject* t = g_random_type = make_builtin_type("Random", types::object, sizeof(RandomObject), kTypeBaseType);
  t->module = str_intern("_random");
  t->tp_new = random_tp_new;
  t->init = random_init;
  type_add_methods(t, {{"random", random_m, kNativeNoArgs}, {"seed", seed_m}, {"getstate", getstate_m, kNativeNoArgs},
                       {"setstate", setstate_m}, {"getrandbits", getrandbits_m}});
  dict_set_str(d, str_intern("Random"), obj(t));
  return m;
}

}  // namespace chaipy
