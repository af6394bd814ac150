// interp/objects/bytes_methods.cpp — the methods bytes and bytearray share (CPython's
// bytes_methods.c + the common parts of bytesobject.c / bytearrayobject.c): searching, splitting,
// stripping, padding, case, is*, translate, hex/fromhex, join, decode. `self` is either type;
// results that are byte strings have the type of self (bytes for bytes subclasses, bytearray for
// bytearray ones). Arguments accept any buffer, as CPython's do.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

namespace {

std::string_view SELF(Value* args) { return bytes_like_view(args[0]); }
bool self_is_ba(Value* args) { return is_bytearray(args[0]); }
Value make(Value* args, std::string_view s) { return self_is_ba(args) ? bytearray_new(s) : bytes_new(s); }
// A result of n bytes may be built (bytes: "byte string is too large" past PY_SSIZE_T_MAX).
bool check_size(Value* args, uint64_t n) { return self_is_ba(args) ? check_alloc(n, 1) : check_bytes_alloc(n); }

bool b_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool b_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool b_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool b_alpha(unsigned char c) { return b_lower(c) || b_upper(c); }
bool b_digit(unsigned char c) { return c >= '0' && c <= '9'; }
char b_tolower(unsigned char c) { return b_upper(c) ? char(c + 32) : char(c); }
char b_toupper(unsigned char c) { return b_lower(c) ? char(c - 32) : char(c); }

// A buffer argument held for the duration of a method call.
struct Arg : BufferHold {
  bool take(Value v) {
    if (!is_buffer(v)) {
      raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(v));
      return false;
    }
    return get(v);
  }
};

// start/end arguments as CPython's ADJUST_INDICES (None allowed); false after raising.
bool bounds(size_t len, Value* args, size_t nargs, size_t first, int64_t* start, int64_t* end) {
  int64_t n = int64_t(len);
  *start = 0;
  *end = n;
  for (int k = 0; k < 2; k++) {
    size_t i = first + size_t(k);
    if (nargs <= i || args[i].is_none()) continue;
    int64_t* dst = k == 0 ? start : end;
    if (!is_int(args[i]) && !lookup_special(args[i], str_intern("__index__")).is_obj()) {
      raise(exc::TypeError, "slice indices must be integers or None or have an __index__ method");
      return false;
    }
    if (index_of(args[i], dst).is_exc()) {
      if (!exc_matches(exc::OverflowError)) return false;
      exc_fetch();
      *dst = int_sign(args[i]) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    }
  }
  if (*end > n) *end = n;
  else if (*end < 0) { *end += n; if (*end < 0) *end = 0; }
  if (*start < 0) { *start += n; if (*start < 0) *start = 0; }
  return true;
}

// The needle of find/count/index/in: a buffer or an int in range(256).
bool needle(Value v, std::string* out) {
  if (is_buffer(v)) {
    BufferHold h;
    if (!h.get(v)) return false;
    out->assign(h.view());
    return true;
  }
  if (is_int(v) || lookup_special(v, str_intern("__index__")).is_obj()) {
    int64_t c;
    if (!byte_from_value(v, &c)) return false;
    out->assign(1, char(c));
    return true;
  }
  raise_fmt(exc::TypeError, "argument should be integer or bytes-like object, not '{}'", type_name(v));
  return false;
}

// -- Searching --------------------------------------------------------------------------------------
// Position of sub in s[start:end] (absolute), or -1.
int64_t find_in(std::string_view s, std::string_view sub, int64_t start, int64_t end, bool reverse) {
  if (start > int64_t(s.size()) || end - start < int64_t(sub.size())) return -1;
  std::string_view hay = s.substr(size_t(start), size_t(end - start));
  size_t p = reverse ? hay.rfind(sub) : hay.find(sub);
  return p == std::string_view::npos ? -1 : start + int64_t(p);
}

Value find_impl(Value* args, size_t nargs, bool reverse, bool raise_missing, const char* name) {
  if (!check_nargs(name, nargs - 1, 1, 3)) return Value::exc();
  std::string_view s = SELF(args);
  std::string sub;
  if (!needle(args[1], &sub)) return Value::exc();
  int64_t start, end;
  if (!bounds(s.size(), args, nargs, 2, &start, &end)) return Value::exc();
  int64_t r = find_in(s, sub, start, end, reverse);
  if (r < 0 && raise_missing) return raise(exc::ValueError, "subsection not found");
  return int_from_i64(r);
}
Value find_m(Value* a, size_t n, TupleObject*) { return find_impl(a, n, false, false, "find"); }
Value rfind_m(Value* a, size_t n, TupleObject*) { return find_impl(a, n, true, false, "rfind"); }
Value index_m(Value* a, size_t n, TupleObject*) { return find_impl(a, n, false, true, "index"); }
Value rindex_m(Value* a, size_t n, TupleObject*) { return find_impl(a, n, true, true, "rindex"); }

Value count_m(Value* args, size_t nargs, TupleObject*) {
  if (!check_nargs("count", nargs - 1, 1, 3)) return Value::exc();
  std::string_view s = SELF(args);
  std::string sub;
  if (!needle(args[1], &sub)) return Value::exc();
  int64_t start, end;
  if (!bounds(s.size(), args, nargs, 2, &start, &end)) return Value::exc();
  if (start > int64_t(s.size()) || end < start) return int_from_i64(0);
  if (sub.empty()) return int_from_i64(end - start + 1);
  std::string_view hay = s.substr(size_t(start), size_t(end - start));
  int64_t c = 0;
  for (size_t p = hay.find(sub); p != std::string_view::npos; p = hay.find(sub, p + sub.size())) c++;
  return int_from_i64(c);
}

Value starts_ends(Value* args, size_t nargs, bool ends, const char* name) {
  if (!check_nargs(name, nargs - 1, 1, 3)) return Value::exc();
  std::string_view s = SELF(args);
  int64_t start, end;
  if (!bounds(s.size(), args, nargs, 2, &start, &end)) return Value::exc();
  auto test = [&](Value p, int* r) -> bool {
    if (!is_buffer(p)) return false;
    BufferHold h;
    if (!h.get(p)) { *r = -1; return true; }
    std::string_view pre = h.view();
    if (start > int64_t(s.size()) || end - start < int64_t(pre.size())) { *r = 0; return true; }
    std::string_view hay = s.substr(size_t(start), size_t(end - start));
    *r = ends ? hay.substr(hay.size() - pre.size()) == pre : hay.substr(0, pre.size()) == pre;
    return true;
  };
  int r;
  if (is_tuple(args[1])) {
    auto* t = args[1].as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++) {
      if (!test(t->items[i], &r))
        return raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(t->items[i]));
      if (r < 0) return Value::exc();
      if (r) return Value::true_();
    }
    return Value::false_();
  }
  if (!test(args[1], &r))
    return raise_fmt(exc::TypeError, "{} first arg must be bytes or a tuple of bytes, not {}", name, type_name(args[1]));
  if (r < 0) return Value::exc();
  return Value::from_bool(r);
}
Value startswith_m(Value* a, size_t n, TupleObject*) { return starts_ends(a, n, false, "startswith"); }
Value endswith_m(Value* a, size_t n, TupleObject*) { return starts_ends(a, n, true, "endswith"); }

// -- Splitting and joining ---------------------------------------------------------------------------
bool split_args(const char* name, Value* args, size_t nargs, TupleObject* kw, Value* sep, int64_t* maxsplit) {
  static const char* const names[] = {"sep", "maxsplit", nullptr};
  Value out[2];
  if (!parse_args(name, args + 1, nargs - 1, kw, names, 0, out)) return false;
  *sep = out[0].is_null() ? Value::none() : out[0];
  *maxsplit = -1;
  if (!out[1].is_null()) {
    if (!is_int(out[1]) && !lookup_special(out[1], str_intern("__index__")).is_obj()) {
      raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(out[1]));
      return false;
    }
    if (index_of(out[1], maxsplit).is_exc()) return false;
  }
  if (*maxsplit < 0) *maxsplit = INT64_MAX;
  return true;
}

Value split_impl(Value* args, size_t nargs, TupleObject* kw, bool right) {
  Value sepv;
  int64_t maxsplit;
  if (!split_args(right ? "rsplit" : "split", args, nargs, kw, &sepv, &maxsplit)) return Value::exc();
  std::string_view s = SELF(args);
  std::vector<std::string_view> parts;
  if (sepv.is_none()) {
    if (!right) {
      size_t i = 0, n = s.size();
      while (true) {
        while (i < n && b_space(s[i])) i++;
        if (i >= n) break;
        if (int64_t(parts.size()) == maxsplit) {
          parts.push_back(s.substr(i));
          break;
        }
        size_t j = i;
        while (j < n && !b_space(s[j])) j++;
        parts.push_back(s.substr(i, j - i));
        i = j;
      }
    } else {
      int64_t i = int64_t(s.size()) - 1;
      while (true) {
        while (i >= 0 && b_space(s[size_t(i)])) i--;
        if (i < 0) break;
        if (int64_t(parts.size()) == maxsplit) {
          parts.push_back(s.substr(0, size_t(i) + 1));
          break;
        }
        int64_t j = i;
        while (j >= 0 && !b_space(s[size_t(j)])) j--;
        parts.push_back(s.substr(size_t(j + 1), size_t(i - j)));
        i = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
  } else {
    Arg sep;
    if (!sep.take(sepv)) return Value::exc();
    std::string_view d = sep.view();
    if (d.empty()) return raise(exc::ValueError, "empty separator");
    if (!right) {
      size_t i = 0;
      for (int64_t k = 0; k < maxsplit; k++) {
        size_t p = s.find(d, i);
        if (p == std::string_view::npos) break;
        parts.push_back(s.substr(i, p - i));
        i = p + d.size();
      }
      parts.push_back(s.substr(i));
    } else {
      size_t e = s.size();
      for (int64_t k = 0; k < maxsplit && e >= d.size(); k++) {
        size_t p = s.substr(0, e).rfind(d);
        if (p == std::string_view::npos) break;
        parts.push_back(s.substr(p + d.size(), e - p - d.size()));
        e = p;
      }
      parts.push_back(s.substr(0, e));
      std::reverse(parts.begin(), parts.end());
    }
  }
  ListObject* l = list_new(parts.size());
  for (size_t i = 0; i < parts.size(); i++) l->items[i] = make(args, parts[i]);
  return obj(l);
}
Value split_m(Value* a, size_t n, TupleObject* k) { return split_impl(a, n, k, false); }
Value rsplit_m(Value* a, size_t n, TupleObject* k) { return split_impl(a, n, k, true); }

Value join_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("join", kw) || !check_nargs("join", nargs - 1, 1, 1)) return Value::exc();
  Value l = to_list(args[1]);
  if (l.is_exc()) return l;
  auto* lo = l.as<ListObject>();
  std::string sep(SELF(args));  // a copy: bytearray self may change while items are read
  // The separators alone may be more than fits (the items are in memory already).
  if (lo->size > 1 && !check_alloc(lo->size - 1, sep.size())) return Value::exc();
  std::string out;
  for (uint64_t i = 0; i < lo->size; i++) {
    Value item = lo->items[i];
    if (!is_buffer(item))
      return raise_fmt(exc::TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name(item));
    BufferHold h;
    if (!h.get(item)) {
      if (!exc_matches(exc::BufferError)) return Value::exc();
      exc_fetch();
      return raise_fmt(exc::TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name(item));
    }
    if (i) out += sep;
    out += h.view();
  }
  return make(args, out);
}

Value partition_impl(Value* args, size_t nargs, bool right) {
  if (!check_nargs(right ? "rpartition" : "partition", nargs - 1, 1, 1)) return Value::exc();
  std::string_view s = SELF(args);
  Arg sep;
  if (!sep.take(args[1])) return Value::exc();
  std::string_view d = sep.view();
  if (d.empty()) return raise(exc::ValueError, "empty separator");
  size_t p = right ? s.rfind(d) : s.find(d);
  if (p == std::string_view::npos) {
    if (right) return tuple_pack({make(args, ""), make(args, ""), make(args, s)});
    return tuple_pack({make(args, s), make(args, ""), make(args, "")});
  }
  return tuple_pack({make(args, s.substr(0, p)), make(args, d), make(args, s.substr(p + d.size()))});
}
Value partition_m(Value* a, size_t n, TupleObject*) { return partition_impl(a, n, false); }
Value rpartition_m(Value* a, size_t n, TupleObject*) { return partition_impl(a, n, true); }

Value splitlines_m(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"keepends", nullptr};
  Value out[1];
  if (!parse_args("splitlines", args + 1, nargs - 1, kw, names, 0, out)) return Value::exc();
  int keep = 0;
  if (!out[0].is_null() && (keep = truthy(out[0])) < 0) return Value::exc();
  std::string_view s = SELF(args);
  ListObject* l = list_new(0);
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') j++;
    size_t eol = j;
    if (j < s.size()) {
      j += (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') ? 2 : 1;
      if (keep) eol = j;
    }
    list_append(l, make(args, s.substr(i, eol - i)));
    i = j;
  }
  return obj(l);
}

// -- Stripping, replacing, padding -----------------------------------------------------------------------
Value strip_impl(Value* args, size_t nargs, bool left, bool right, const char* name) {
  if (!check_nargs(name, nargs - 1, 0, 1)) return Value::exc();
  std::string_view s = SELF(args);
  Arg chars;
  bool have = nargs > 1 && !args[1].is_none();
  if (have && !chars.take(args[1])) return Value::exc();
  auto strip_it = [&](unsigned char c) {
    return have ? chars.view().find(char(c)) != std::string_view::npos : b_space(c);
  };
  size_t b = 0, e = s.size();
  if (left) while (b < e && strip_it(s[b])) b++;
  if (right) while (e > b && strip_it(s[e - 1])) e--;
  if (b == 0 && e == s.size() && args[0].as_obj()->type == types::bytes) return args[0];
  return make(args, s.substr(b, e - b));
}
Value strip_m(Value* a, size_t n, TupleObject*) { return strip_impl(a, n, true, true, "strip"); }
Value lstrip_m(Value* a, size_t n, TupleObject*) { return strip_impl(a, n, true, false, "lstrip"); }
Value rstrip_m(Value* a, size_t n, TupleObject*) { return strip_impl(a, n, false, true, "rstrip"); }

Value replace_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("replace", kw) || !check_nargs("replace", nargs - 1, 2, 3)) return Value::exc();
  std::string_view s = SELF(args);
  Arg olda, newa;
  if (!olda.take(args[1]) || !newa.take(args[2])) return Value::exc();
  int64_t count = -1;
  if (nargs > 3) {
    if (!is_int(args[3]) && !lookup_special(args[3], str_intern("__index__")).is_obj())
      return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[3]));
    if (index_of(args[3], &count).is_exc()) return Value::exc();
  }
  if (count < 0) count = INT64_MAX;
  std::string_view o = olda.view(), n = newa.view();
  std::string out;
  if (o.empty()) {
    int64_t k = 0;
    for (size_t i = 0; i <= s.size(); i++) {
      if (k < count) { out += n; k++; }
      if (i < s.size()) out += s[i];
    }
    return make(args, out);
  }
  size_t i = 0;
  for (int64_t k = 0; k < count; k++) {
    size_t p = s.find(o, i);
    if (p == std::string_view::npos) break;
    out.append(s.substr(i, p - i));
    out += n;
    i = p + o.size();
  }
  out.append(s.substr(i));
  return make(args, out);
}

bool width_arg(Value v, int64_t* w) {
  if (!is_int(v) && !lookup_special(v, str_intern("__index__")).is_obj()) {
    raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return ssize_arg(v, w);
}

Value justify(Value* args, size_t nargs, int how, const char* name) {
  if (!check_nargs(name, nargs - 1, 1, 2)) return Value::exc();
  std::string_view s = SELF(args);
  int64_t width;
  if (!width_arg(args[1], &width)) return Value::exc();
  char fill = ' ';
  if (nargs > 2) {
    Value f = args[2];
    if (!(is_bytes(f) || is_bytearray(f)) || bytes_like_view(f).size() != 1)
      return raise_fmt(exc::TypeError, "{}() argument 2 must be a byte string of length 1, not {}", name, type_name(f));
    fill = bytes_like_view(f)[0];
  }
  if (width <= int64_t(s.size())) return make(args, s);
  if (!check_size(args, uint64_t(width))) return Value::exc();
  size_t pad = size_t(width) - s.size(), l = 0;
  if (how == 0) l = 0;
  else if (how == 1) l = pad;
  else l = pad / 2 + (pad & size_t(width) & 1);
  std::string out(l, fill);
  out += s;
  out.append(pad - l, fill);
  return make(args, out);
}
Value ljust_m(Value* a, size_t n, TupleObject*) { return justify(a, n, 0, "ljust"); }
Value rjust_m(Value* a, size_t n, TupleObject*) { return justify(a, n, 1, "rjust"); }
Value center_m(Value* a, size_t n, TupleObject*) { return justify(a, n, 2, "center"); }

Value zfill_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("zfill", kw) || !check_nargs("zfill", nargs - 1, 1, 1)) return Value::exc();
  std::string_view s = SELF(args);
  int64_t width;
  if (!width_arg(args[1], &width)) return Value::exc();
  if (width <= int64_t(s.size())) return make(args, s);
  if (!check_size(args, uint64_t(width))) return Value::exc();
  std::string out(size_t(width) - s.size(), '0');
  out += s;
  size_t fill = size_t(width) - s.size();
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) { out[0] = s[0]; out[fill] = '0'; }
  return make(args, out);
}

Value expandtabs_m(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"tabsize", nullptr};
  Value out[1];
  if (!parse_args("expandtabs", args + 1, nargs - 1, kw, names, 0, out)) return Value::exc();
  int64_t tab = 8;
  if (!out[0].is_null() && !c_int_arg(out[0], &tab)) return Value::exc();
  std::string_view s = SELF(args);
  uint64_t size = 0, col = 0;  // the result's size first: a huge tab size raises before anything is built
  for (char c : s) {
    if (c == '\t') { if (tab > 0) { size += uint64_t(tab) - col % uint64_t(tab); col = 0; } }
    else { size++; col = (c == '\n' || c == '\r') ? 0 : col + 1; }
  }
  if (!check_size(args, size)) return Value::exc();
  std::string r;
  r.reserve(size);
  col = 0;
  for (char c : s) {
    if (c == '\t') {
      if (tab > 0) { int64_t n = tab - col % tab; r.append(size_t(n), ' '); col += n; }
    } else {
      r += c;
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
  }
  return make(args, r);
}

Value removefix(Value* args, size_t nargs, bool suffix) {
  const char* name = suffix ? "removesuffix" : "removeprefix";
  if (!check_nargs(name, nargs - 1, 1, 1)) return Value::exc();
  std::string_view s = SELF(args);
  Arg a;
  if (!a.take(args[1])) return Value::exc();
  std::string_view p = a.view();
  if (!p.empty() && p.size() <= s.size()) {
    if (!suffix && s.substr(0, p.size()) == p) return make(args, s.substr(p.size()));
    if (suffix && s.substr(s.size() - p.size()) == p) return make(args, s.substr(0, s.size() - p.size()));
  }
  if (args[0].as_obj()->type == types::bytes) return args[0];
  return make(args, s);
}
Value removeprefix_m(Value* a, size_t n, TupleObject*) { return removefix(a, n, false); }
Value removesuffix_m(Value* a, size_t n, TupleObject*) { return removefix(a, n, true); }

// -- Case and classification (ASCII only, as CPython) ----------------------------------------------------
template <class F>
Value map_bytes(Value* args, F f) {
  std::string_view s = SELF(args);
  std::string out(s.size(), '\0');
  bool prev_cased = false;
  for (size_t i = 0; i < s.size(); i++) out[i] = f((unsigned char)s[i], i, prev_cased);
  return make(args, out);
}
Value lower_m(Value* a, size_t, TupleObject*) { return map_bytes(a, [](unsigned char c, size_t, bool&) { return b_tolower(c); }); }
Value upper_m(Value* a, size_t, TupleObject*) { return map_bytes(a, [](unsigned char c, size_t, bool&) { return b_toupper(c); }); }
Value swapcase_m(Value* a, size_t, TupleObject*) {
  return map_bytes(a, [](unsigned char c, size_t, bool&) { return b_lower(c) ? b_toupper(c) : b_tolower(c); });
}
Value capitalize_m(Value* a, size_t, TupleObject*) {
  return map_bytes(a, [](unsigned char c, size_t i, bool&) { return i == 0 ? b_toupper(c) : b_tolower(c); });
}
Value title_m(Value* a, size_t, TupleObject*) {
  return map_bytes(a, [](unsigned char c, size_t, bool& prev) {
    char r = prev ? b_tolower(c) : b_toupper(c);
    prev = b_alpha(c);
    return r;
  });
}

template <class F>
Value all_bytes(Value* args, F f) {
  std::string_view s = SELF(args);
  if (s.empty()) return Value::false_();
  for (unsigned char c : s) if (!f(c)) return Value::false_();
  return Value::true_();
}
Value isalnum_m(Value* a, size_t, TupleObject*) { return all_bytes(a, [](unsigned char c) { return b_alpha(c) || b_digit(c); }); }
Value isalpha_m(Value* a, size_t, TupleObject*) { return all_bytes(a, b_alpha); }
Value isdigit_m(Value* a, size_t, TupleObject*) { return all_bytes(a, b_digit); }
Value isspace_m(Value* a, size_t, TupleObject*) { return all_bytes(a, b_space); }
Value isascii_m(Value* a, size_t, TupleObject*) {
  for (unsigned char c : SELF(a)) if (c >= 0x80) return Value::false_();
  return Value::true_();
}
Value cased(Value* args, bool upper) {
  bool any = false;
  for (unsigned char c : SELF(args)) {
    if (upper ? b_lower(c) : b_upper(c)) return Value::false_();
    any |= upper ? b_upper(c) : b_lower(c);
  }
  return Value::from_bool(any);
}
Value isupper_m(Value* a, size_t, TupleObject*) { return cased(a, true); }
Value islower_m(Value* a, size_t, TupleObject*) { return cased(a, false); }
Value istitle_m(Value* a, size_t, TupleObject*) {
  bool prev = false, any = false;
  for (unsigned char c : SELF(a)) {
    if (b_upper(c)) { if (prev) return Value::false_(); prev = any = true; }
    else if (b_lower(c)) { if (!prev) return Value::false_(); prev = any = true; }
    else prev = false;
  }
  return Value::from_bool(any);
}

// -- translate / maketrans -----------------------------------------------------------------------------
Value translate_m(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"", "delete", nullptr};
  Value out[2];
  if (!parse_args("translate", args + 1, nargs - 1, kw, names, 1, out)) return Value::exc();
  std::string_view s = SELF(args);
  Arg table, del;
  bool have_table = !out[0].is_none();
  if (have_table) {
    if (!table.take(out[0])) return Value::exc();
    if (table.view().size() != 256) return raise(exc::ValueError, "translation table must be 256 characters long");
  }
  bool deleting = !out[1].is_null();
  if (deleting && !del.take(out[1])) return Value::exc();
  bool drop[256] = {};
  if (deleting) for (unsigned char c : del.view()) drop[c] = true;
  std::string r;
  r.reserve(s.size());
  for (unsigned char c : s) {
    if (drop[c]) continue;
    r += have_table ? table.view()[c] : char(c);
  }
  return make(args, r);
}

Value maketrans_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("maketrans", kw) || !check_nargs("maketrans", nargs, 2, 2)) return Value::exc();
  Arg from, to;
  if (!from.take(args[0]) || !to.take(args[1])) return Value::exc();
  if (from.view().size() != to.view().size()) return raise(exc::ValueError, "maketrans arguments must have same length");
  char t[256];
  for (int i = 0; i < 256; i++) t[i] = char(i);
  for (size_t i = 0; i < from.view().size(); i++) t[(unsigned char)from.view()[i]] = to.view()[i];
  return bytes_new(std::string_view(t, 256));
}

// -- hex / fromhex / decode ----------------------------------------------------------------------------
Value fromhex_m(Value* args, size_t nargs, TupleObject* kw) {
  // A classmethod: args[0] is the class.
  if (!check_no_kwargs("fromhex", kw) || !check_nargs("fromhex", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "fromhex() argument must be str, not {}", type_name(args[1]));
  StrObject* s = as_str(args[1]);
  std::string out;
  auto hexval = [](uint32_t c) -> int {
    if (c >= '0' && c <= '9') return int(c - '0');
    if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
    return -1;
  };
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < s->nbytes;) {
    int l;
    cps.push_back(utf8_decode(s->data + i, &l));
    i += size_t(l);
  }
  for (size_t i = 0; i < cps.size();) {
    if (cps[i] == ' ' || (cps[i] >= '\t' && cps[i] <= '\r')) { i++; continue; }
    int hi = hexval(cps[i]);
    if (hi < 0) return raise_fmt(exc::ValueError, "non-hexadecimal number found in fromhex() arg at position {}", i);
    int lo = i + 1 < cps.size() ? hexval(cps[i + 1]) : -1;
    if (lo < 0) return raise_fmt(exc::ValueError, "non-hexadecimal number found in fromhex() arg at position {}", i + 1);
    out += char(hi * 16 + lo);
    i += 2;
  }
  TypeObject* cls = args[0].as<TypeObject>();
  bool ba = cls == types::bytearray || is_subtype(cls, types::bytearray);
  Value r = ba ? bytearray_new(out) : bytes_new(out);
  if (cls == types::bytes || cls == types::bytearray) return r;
  return call1(args[0], r);
}

Value decode_m(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"encoding", "errors", nullptr};
  Value out[2];
  if (!parse_args("decode", args + 1, nargs - 1, kw, names, 0, out)) return Value::exc();
  return bytes_decode(SELF(args), out[0], out[1]);
}

}  // namespace

// bytes.hex / bytearray.hex / memoryview.hex share this (sep, bytes_per_sep as CPython's).
Value bytes_hex_impl(std::string_view s, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"sep", "bytes_per_sep", nullptr};
  Value out[2];
  if (!parse_args("hex", args, nargs, kw, names, 0, out)) return Value::exc();
  static const char digits[] = "0123456789abcdef";
  std::string sep;
  int64_t per = 1;
  if (!out[0].is_null()) {
    if (is_str(out[0])) sep = as_str(out[0])->view();
    else if (is_bytes(out[0]) || is_bytearray(out[0])) sep = bytes_like_view(out[0]);
    else return raise(exc::TypeError, "sep must be str or bytes.");
    if (is_str(out[0]) ? as_str(out[0])->length != 1 : sep.size() != 1) return raise(exc::ValueError, "sep must be length 1.");
    if ((unsigned char)sep[0] >= 0x80) return raise(exc::ValueError, "sep must be ASCII.");
    if (!out[1].is_null() && !width_arg(out[1], &per)) return Value::exc();
  }
  std::string r;
  r.reserve(s.size() * 3);
  size_t n = s.size();
  uint64_t group = per < 0 ? uint64_t(-per) : uint64_t(per);
  for (size_t i = 0; i < n; i++) {
    if (i && !sep.empty() && group) {
      // Groups count from the right for positive bytes_per_sep, from the left for negative.
      bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
      if (boundary) r += sep;
    }
    auto c = (unsigned char)s[i];
    r += digits[c >> 4];
    r += digits[c & 15];
  }
  return str_value(r);
}

static Value hex_m(Value* args, size_t nargs, TupleObject* kw) { return bytes_hex_impl(SELF(args), args + 1, nargs - 1, kw); }

int bytes_contains_impl(std::string_view s, Value item) {
  std::string sub;
  if (!needle(item, &sub)) {
    if (exc_matches(exc::TypeError) && !is_int(item) && !is_buffer(item)) {
      exc_fetch();
      raise_fmt(exc::TypeError, "a bytes-like object is required, not '{}'", type_name(item));
    }
    return -1;
  }
  return s.find(sub) != std::string_view::npos;
}

void init_bytes_methods(TypeObject* t) {
  type_add_methods(t, {{"find", find_m}, {"rfind", rfind_m}, {"index", index_m}, {"rindex", rindex_m},
                       {"count", count_m}, {"startswith", startswith_m}, {"endswith", endswith_m},
                       {"split", split_m}, {"rsplit", rsplit_m}, {"join", join_m},
                       {"partition", partition_m}, {"rpartition", rpartition_m}, {"splitlines", splitlines_m},
                       {"strip", strip_m}, {"lstrip", lstrip_m}, {"rstrip", rstrip_m}, {"replace", replace_m},
                       {"ljust", ljust_m}, {"rjust", rjust_m}, {"center", center_m}, {"zfill", zfill_m},
                       {"expandtabs", expandtabs_m}, {"removeprefix", removeprefix_m}, {"removesuffix", removesuffix_m},
                       {"lower", lower_m, kNativeNoArgs}, {"upper", upper_m, kNativeNoArgs},
                       {"swapcase", swapcase_m, kNativeNoArgs}, {"capitalize", capitalize_m, kNativeNoArgs},
                       {"title", title_m, kNativeNoArgs}, {"isalnum", isalnum_m, kNativeNoArgs},
                       {"isalpha", isalpha_m, kNativeNoArgs}, {"isdigit", isdigit_m, kNativeNoArgs},
                       {"isspace", isspace_m, kNativeNoArgs}, {"isascii", isascii_m, kNativeNoArgs},
                       {"isupper", isupper_m, kNativeNoArgs}, {"islower", islower_m, kNativeNoArgs},
                       {"istitle", istitle_m, kNativeNoArgs}, {"translate", translate_m}, {"hex", hex_m},
                       {"decode", decode_m}});
  type_add_classmethod(t, "fromhex", fromhex_m);
  // maketrans is a staticmethod: the type's dict holds the plain function.
  dict_set_str(t->dict, str_intern("maketrans"), native_function_new("maketrans", maketrans_m));
}

}  // namespace chaipy
