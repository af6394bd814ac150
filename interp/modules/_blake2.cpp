// interp/modules/_blake2.cpp — the _blake2 module (hashlib.blake2b / blake2s come from here, as in
// CPython) over libb2, the BLAKE2 reference library: every parameter of the BLAKE2 parameter block
// (digest_size, key, salt, person, fanout, depth, leaf_size, node_offset, node_depth, inner_size,
// last_node) with CPython's checks and messages.
#include <blake2.h>

#include <cstring>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

// One object layout for both variants; `big` selects BLAKE2b.
struct Blake2Object : Object {
  bool big;
  union {
    blake2b_state b;
    blake2s_state s;
  };
};

TypeObject *g_b_type, *g_s_type;

struct Variant {
  bool big;
  const char* name;
  int64_t max_digest, max_key, salt, person, block;
};
constexpr Variant kB = {true, "blake2b", BLAKE2B_OUTBYTES, BLAKE2B_KEYBYTES, BLAKE2B_SALTBYTES, BLAKE2B_PERSONALBYTES, BLAKE2B_BLOCKBYTES};
constexpr Variant kS = {false, "blake2s", BLAKE2S_OUTBYTES, BLAKE2S_KEYBYTES, BLAKE2S_SALTBYTES, BLAKE2S_PERSONALBYTES, BLAKE2S_BLOCKBYTES};

const Variant& variant(Value v) { return v.as<Blake2Object>()->big ? kB : kS; }

bool int_param(Value v, int64_t* out) {
  if (!is_int(v)) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  if (!int_get_i64(v, out)) *out = INT64_MAX;
  return true;
}

Value update_with(Blake2Object* o, Value data) {
  if (is_str(data)) return raise(exc::TypeError, "Strings must be encoded before hashing");
  if (!is_buffer(data)) return raise(exc::TypeError, "object supporting the buffer API required");
  BufferHold h;
  if (!h.get(data)) return Value::exc();
  auto* p = reinterpret_cast<const uint8_t*>(h.v.buf);
  if (o->big) blake2b_update(&o->b, p, size_t(h.v.len));
  else blake2s_update(&o->s, p, size_t(h.v.len));
  return Value::none();
}

Value blake2_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  const Variant& V = is_subtype(type, g_b_type) ? kB : kS;
  static const char* const names[] = {"", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size", "node_offset",
                                      "node_depth", "inner_size", "last_node", "usedforsecurity", nullptr};
  Value a[13];
  if (!parse_args(V.name, args, nargs, kw, names, 0, a)) return Value::exc();
  int64_t digest_size = V.max_digest, fanout = 1, depth = 1, leaf = 0, node_offset = 0, node_depth = 0, inner = 0;
  if (!a[1].is_null()) {
    if (!int_param(a[1], &digest_size)) return Value::exc();
    if (digest_size <= 0 || digest_size > V.max_digest)
      return raise_fmt(exc::ValueError, "digest_size must be between 1 and {} bytes", V.max_digest);
  }
  BufferHold key, salt, person;
  if (!a[2].is_null() && !key.get(a[2])) return Value::exc();
  if (key.v.len > V.max_key) return raise_fmt(exc::ValueError, "maximum key length is {} bytes", V.max_key);
  if (!a[3].is_null() && !salt.get(a[3])) return Value::exc();
  if (salt.v.len > V.salt) return raise_fmt(exc::ValueError, "maximum salt length is {} bytes", V.salt);
  if (!a[4].is_null() && !person.get(a[4])) return Value::exc();
  if (person.v.len > V.person) return raise_fmt(exc::ValueError, "maximum person length is {} bytes", V.person);
  if (!a[5].is_null()) {
    if (!int_param(a[5], &fanout)) return Value::exc();
    if (fanout < 0 || fanout > 255) return raise(exc::ValueError, "fanout must be between 0 and 255");
  }
  if (!a[6].is_null()) {
    if (!int_param(a[6], &depth)) return Value::exc();
    if (depth <= 0 || depth > 255) return raise(exc::ValueError, "depth must be between 1 and 255");
  }
  if (!a[7].is_null()) {
    if (!int_param(a[7], &leaf)) return Value::exc();
    if (leaf < 0 || leaf > int64_t(UINT32_MAX)) return raise(exc::OverflowError, "leaf_size is too large");
  }
  if (!a[8].is_null()) {
    if (!int_param(a[8], &node_offset)) return Value::exc();
    if (node_offset < 0 || (!V.big && node_offset >= (int64_t(1) << 48))) return raise(exc::OverflowError, "node_offset is too large");
  }
  if (!a[9].is_null()) {
    if (!int_param(a[9], &node_depth)) return Value::exc();
    if (node_depth < 0 || node_depth > 255) return raise(exc::ValueError, "node_depth must be between 0 and 255");
  }
  if (!a[10].is_null()) {
    if (!int_param(a[10], &inner)) return Value::exc();
    if (inner < 0 || inner > V.max_digest)
      return raise_fmt(exc::ValueError, "inner_size must be between 0 and is {}", V.max_digest);
  }
  int last = 0;
  if (!a[11].is_null() && (last = truthy(a[11])) < 0) return Value::exc();

  auto* o = gc::make<Blake2Object>(type);
  o->big = V.big;
  if (V.big) {
    blake2b_param P;
    std::memset(&P, 0, sizeof P);
    P.digest_length = uint8_t(digest_size);
    P.key_length = uint8_t(key.v.len);
    P.fanout = uint8_t(fanout);
    P.depth = uint8_t(depth);
    P.leaf_length = uint32_t(leaf);  // libb2 stores the parameter block little-endian on LE hosts
    P.node_offset = uint64_t(node_offset);
    P.node_depth = uint8_t(node_depth);
    P.inner_length = uint8_t(inner);
    if (salt.v.len) std::memcpy(P.salt, salt.v.buf, size_t(salt.v.len));
    if (person.v.len) std::memcpy(P.personal, person.v.buf, size_t(person.v.len));
    blake2b_init_param(&o->b, &P);
    if (last) o->b.last_node = 1;
    if (key.v.len) {
      uint8_t block[BLAKE2B_BLOCKBYTES] = {};
      std::memcpy(block, key.v.buf, size_t(key.v.len));
      blake2b_update(&o->b, block, sizeof block);
    }
  } else {
    blake2s_param P;
    std::memset(&P, 0, sizeof P);
    P.digest_length = uint8_t(digest_size);
    P.key_length = uint8_t(key.v.len);
    P.fanout = uint8_t(fanout);
    P.depth = uint8_t(depth);
    P.leaf_length = uint32_t(leaf);
    for (int k = 0; k < 6; k++) P.node_offset[k] = uint8_t(uint64_t(node_offset) >> (8 * k));
    P.node_depth = uint8_t(node_depth);
    P.inner_length = uint8_t(inner);
    if (salt.v.len) std::memcpy(P.salt, salt.v.buf, size_t(salt.v.len));
    if (person.v.len) std::memcpy(P.personal, person.v.buf, size_t(person.v.len));
    blake2s_init_param(&o->s, &P);
    if (last) o->s.last_node = 1;
    if (key.v.len) {
      uint8_t block[BLAKE2S_BLOCKBYTES] = {};
      std::memcpy(block, key.v.buf, size_t(key.v.len));
      blake2s_update(&o->s, block, sizeof block);
    }
  }
  if (!a[0].is_null() && update_with(o, a[0]).is_exc()) return Value::exc();
  return obj(o);
}

std::string final_digest(Blake2Object* o) {
  uint8_t out[BLAKE2B_OUTBYTES];
  size_t n;
  if (o->big) {
    blake2b_state copy = o->b;
    n = copy.outlen;
    blake2b_final(&copy, out, n);
  } else {
    blake2s_state copy = o->s;
    n = copy.outlen;
    blake2s_final(&copy, out, n);
  }
  return std::string(reinterpret_cast<char*>(out), n);
}

Value update_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("update", kw) || !check_nargs("update", nargs - 1, 1, 1)) return Value::exc();
  return update_with(args[0].as<Blake2Object>(), args[1]);
}
Value digest_m(Value* args, size_t, TupleObject*) { return bytes_new(final_digest(args[0].as<Blake2Object>())); }
Value hexdigest_m(Value* args, size_t, TupleObject*) {
  std::string d = final_digest(args[0].as<Blake2Object>());
  static const char digits[] = "0123456789abcdef";
  std::string r;
  for (unsigned char c : d) { r += digits[c >> 4]; r += digits[c & 15]; }
  return str_value(r);
}
Value copy_m(Value* args, size_t, TupleObject*) {
  auto* src = args[0].as<Blake2Object>();
  auto* o = gc::make<Blake2Object>(type_of(args[0]));
  o->big = src->big;
  if (src->big) o->b = src->b;
  else o->s = src->s;
  return obj(o);
}

Value blake2_getattr(Value self, StrObject* name) {
  std::string_view n = name->view();
  auto* o = self.as<Blake2Object>();
  if (n == "name") return str_value(variant(self).name);
  if (n == "digest_size") return int_from_i64(o->big ? o->b.outlen : o->s.outlen);
  if (n == "block_size") return int_from_i64(variant(self).block);
  return generic_getattr(self, name);
}

TypeObject* make_variant_type(const Variant& V) {
  TypeObject* t = make_builtin_type(V.name, types::object, sizeof(Blake2Object), kTypeBaseType);
  t->module = str_intern("_blake2");
  t->tp_new = blake2_new;
  t->getattr = blake2_getattr;
  type_add_methods(t, {{"update", update_m}, {"digest", digest_m, kNativeNoArgs}, {"hexdigest", hexdigest_m, kNativeNoArgs},
                       {"copy", copy_m, kNativeNoArgs}});
  dict_set_str(t->dict, str_intern("SALT_SIZE"), int_from_i64(V.salt));
  dict_set_str(t->dict, str_intern("PERSON_SIZE"), int_from_i64(V.person));
  dict_set_str(t->dict, str_intern("MAX_KEY_SIZE"), int_from_i64(V.max_key));
  dict_set_str(t->dict, str_intern("MAX_DIGEST_SIZE"), int_from_i64(V.max_digest));
  return t;
}

}  // namespace

Value make__blake2_module() {
  Value m = module_new("_blake2");
  DictObject* d = m.as<ModuleObject>()->dict;
  g_b_type = make_variant_type(kB);
  g_s_type = make_variant_type(kS);
  dict_set_str(d, str_intern("blake2b"), obj(g_b_type));
  dict_set_str(d, str_intern("blake2s"), obj(g_s_type));
  const std::pair<const char*, int64_t> consts[] = {
      {"BLAKE2B_SALT_SIZE", kB.salt},       {"BLAKE2B_PERSON_SIZE", kB.person}, {"BLAKE2B_MAX_KEY_SIZE", kB.max_key},
      {"BLAKE2B_MAX_DIGEST_SIZE", kB.max_digest}, {"BLAKE2S_SALT_SIZE", kS.salt}, {"BLAKE2S_PERSON_SIZE", kS.person},
      {"BLAKE2S_MAX_KEY_SIZE", kS.max_key}, {"BLAKE2S_MAX_DIGEST_SIZE", kS.max_digest}};
  for (auto& [k, v] : consts) dict_set_str(d, str_intern(k), int_from_i64(v));
  return m;
}

}  // namespace chaipy
