// interp/objects/str_methods.cpp — the methods of str (split/join/strip/find/replace/case/is*/
// padding/partition/splitlines/encode/translate ...). Byte-level work on UTF-8 wherever the
// result does not depend on code-point positions; positions are converted only at the edges.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "interp/codecs.h"
#include "interp/limits.h"
#include "interp/objects/objects.h"
#include "unicode/unicode.h"

namespace chaipy {

bool str_is_space_cp(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1c && cp <= 0x1f);
  return unicode::is_space(cp);
}

static StrObject* SELF(Value* args) { return as_str(args[0]); }
static Value empty_str() { return obj(str_intern("")); }

// Code-point index of byte offset `off`.
static int64_t cp_index(StrObject* s, size_t off) {
  if (s->ascii) return int64_t(off);
  int64_t n = 0;
  for (size_t i = 0; i < off; i++) n += (s->data[i] & 0xC0) != 0x80;
  return n;
}

static bool need_str(Value v, const char* what) {
  if (is_str(v)) return true;
  raise_fmt(exc::TypeError, "must be str, not {}", type_name(v));
  return false;
}

// start/end arguments (None allowed), adjusted like CPython's ADJUST_INDICES; byte offsets out.
static bool str_bounds(StrObject* s, Value* args, size_t nargs, size_t first, size_t* b0, size_t* b1, bool* empty_range) {
  int64_t len = int64_t(s->length), start = 0, end = len;
  if (nargs > first && !args[first].is_none()) {
    if (index_of(args[first], &start).is_exc()) return false;
  }
  if (nargs > first + 1 && !args[first + 1].is_none()) {
    if (index_of(args[first + 1], &end).is_exc()) return false;
  }
  if (end > len) end = len;
  else if (end < 0) { end += len; if (end < 0) end = 0; }
  if (start < 0) { start += len; if (start < 0) start = 0; }
  *empty_range = start > len;
  if (start > end) { *b0 = *b1 = 0; if (start > len) return true; *b0 = *b1 = utf8_offset(s, std::min(start, len)); *empty_range = true; return true; }
  *b0 = utf8_offset(s, start);
  *b1 = s->ascii ? size_t(end) : *b0 + (utf8_offset(s, end) - utf8_offset(s, start));
  return true;
}

// -- Searching --------------------------------------------------------------------------------------------
static Value find_impl(Value* args, size_t nargs, bool reverse, bool raise_missing, const char* name) {
  if (!check_nargs(name, nargs - 1, 1, 3)) return Value::exc();
  StrObject* s = SELF(args);
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "must be str, not {}", type_name(args[1]));
  std::string_view sub = as_str(args[1])->view();
  size_t b0, b1;
  bool bad;
  if (!str_bounds(s, args, nargs, 2, &b0, &b1, &bad)) return Value::exc();
  size_t pos = std::string_view::npos;
  if (!bad && b1 >= b0) {
    std::string_view hay(s->data + b0, b1 - b0);
    pos = reverse ? hay.rfind(sub) : hay.find(sub);
  }
  if (pos == std::string_view::npos) {
    if (raise_missing) return raise(exc::ValueError, "substring not found");
    return int_from_i64(-1);
  }
  return int_from_i64(cp_index(s, b0 + pos));
}

static Value str_find_m(Value* a, size_t n, TupleObject* k) { return find_impl(a, n, false, false, "find"); }
static Value str_rfind_m(Value* a, size_t n, TupleObject* k) { return find_impl(a, n, true, false, "rfind"); }
static Value str_index_m(Value* a, size_t n, TupleObject* k) { return find_impl(a, n, false, true, "index"); }
static Value str_rindex_m(Value* a, size_t n, TupleObject* k) { return find_impl(a, n, true, true, "rindex"); }

static Value str_count_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("count", nargs - 1, 1, 3)) return Value::exc();
  StrObject* s = SELF(args);
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "must be str, not {}", type_name(args[1]));
  std::string_view sub = as_str(args[1])->view();
  size_t b0, b1;
  bool bad;
  if (!str_bounds(s, args, nargs, 2, &b0, &b1, &bad)) return Value::exc();
  if (bad) return int_from_i64(0);
  std::string_view hay(s->data + b0, b1 - b0);
  if (sub.empty()) return int_from_i64(cp_index(s, b1) - cp_index(s, b0) + 1);
  int64_t c = 0;
  for (size_t p = hay.find(sub); p != std::string_view::npos; p = hay.find(sub, p + sub.size())) c++;
  return int_from_i64(c);
}

static Value starts_ends(Value* args, size_t nargs, bool ends, const char* name) {
  if (!check_nargs(name, nargs - 1, 1, 3)) return Value::exc();
  StrObject* s = SELF(args);
  size_t b0, b1;
  bool bad;
  if (!str_bounds(s, args, nargs, 2, &b0, &b1, &bad)) return Value::exc();
  auto test = [&](Value p) -> int {
    if (!is_str(p)) return -1;
    if (bad) return 0;
    std::string_view hay(s->data + b0, b1 - b0), pre = as_str(p)->view();
    if (pre.size() > hay.size()) return 0;
    return ends ? hay.substr(hay.size() - pre.size()) == pre : hay.substr(0, pre.size()) == pre;
  };
  if (is_tuple(args[1])) {
    auto* t = args[1].as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++) {
      int r = test(t->items[i]);
      if (r < 0)
        return raise_fmt(exc::TypeError, "tuple for {} must only contain str, not {}", name, type_name(t->items[i]));
      if (r) return Value::true_();
    }
    return Value::false_();
  }
  int r = test(args[1]);
  if (r < 0) return raise_fmt(exc::TypeError, "{} first arg must be str or a tuple of str, not {}", name, type_name(args[1]));
  return Value::from_bool(r);
}
static Value str_startswith_m(Value* a, size_t n, TupleObject* k) { return starts_ends(a, n, false, "startswith"); }
static Value str_endswith_m(Value* a, size_t n, TupleObject* k) { return starts_ends(a, n, true, "endswith"); }

// -- Splitting and joining -----------------------------------------------------------------------------------
static bool space_at(std::string_view s, size_t i, int* len) {
  auto c = (unsigned char)s[i];
  if (c < 0x80) { *len = 1; return str_is_space_cp(c); }
  uint32_t cp = utf8_decode(s.data() + i, len);
  return str_is_space_cp(cp);
}

// Byte length of the whitespace char ending at i (exclusive), 0 if none.
static int space_before(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  while (j > 0 && (s[j] & 0xC0) == 0x80) j--;
  int len;
  return space_at(s, j, &len) ? int(i - j) : 0;
}

Value str_split_impl(StrObject* self, Value sep, int64_t maxsplit, bool right) {
  std::string_view s = self->view();
  ListObject* out = list_new(0);
  if (maxsplit < 0) maxsplit = INT64_MAX;
  if (sep.is_null() || sep.is_none()) {
    if (!right) {
      size_t i = 0, n = s.size();
      int len;
      while (true) {
        while (i < n && space_at(s, i, &len)) i += size_t(len);
        if (i >= n) break;
        if (maxsplit-- == 0) {  // the remainder keeps its trailing whitespace
          list_append(out, str_value(s.substr(i)));
          break;
        }
        size_t j = i;
        while (j < n && !space_at(s, j, &len)) j += size_t(len);
        list_append(out, str_value(s.substr(i, j - i)));
        i = j;
      }
    } else {
      size_t e = s.size();
      while (true) {
        int l;
        while (e > 0 && (l = space_before(s, e))) e -= size_t(l);
        if (e == 0) break;
        if (maxsplit-- == 0) {  // the remainder keeps its leading whitespace
          list_append(out, str_value(s.substr(0, e)));
          break;
        }
        size_t b = e;
        while (b > 0 && !space_before(s, b)) {
          b--;
          while (b > 0 && (s[b] & 0xC0) == 0x80) b--;
        }
        list_append(out, str_value(s.substr(b, e - b)));
        e = b;
      }
      std::reverse(out->items, out->items + out->size);
    }
    return obj(out);
  }
  if (!is_str(sep)) return raise_fmt(exc::TypeError, "must be str or None, not {}", type_name(sep));
  std::string_view d = as_str(sep)->view();
  if (d.empty()) return raise(exc::ValueError, "empty separator");
  if (!right) {
    size_t i = 0;
    for (size_t p; maxsplit-- > 0 && (p = s.find(d, i)) != std::string_view::npos; i = p + d.size())
      list_append(out, str_value(s.substr(i, p - i)));
    list_append(out, str_value(s.substr(i)));
  } else {
    size_t e = s.size();
    for (size_t p; maxsplit-- > 0 && e >= d.size() && (p = s.rfind(d, e - d.size())) != std::string_view::npos; e = p)
      list_append(out, str_value(s.substr(p + d.size(), e - p - d.size())));
    list_append(out, str_value(s.substr(0, e)));
    std::reverse(out->items, out->items + out->size);
  }
  return obj(out);
}

static Value split_m(Value* args, size_t nargs, TupleObject* kwnames, bool right) {
  static const char* const names[] = {"sep", "maxsplit", nullptr};
  Value out[2];
  if (!parse_args(right ? "rsplit" : "split", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  int64_t maxsplit = -1;
  if (!out[1].is_null() && index_of(out[1], &maxsplit).is_exc()) return Value::exc();
  return str_split_impl(SELF(args), out[0], maxsplit, right);
}
static Value str_split_m(Value* a, size_t n, TupleObject* k) { return split_m(a, n, k, false); }
static Value str_rsplit_m(Value* a, size_t n, TupleObject* k) { return split_m(a, n, k, true); }

static Value str_join_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("str.join", nargs - 1, 1, 1)) return Value::exc();
  StrObject* sep = SELF(args);
  Value seq = args[1];
  if (!is_list(seq) && !is_tuple(seq)) {
    seq = to_list(seq);
    if (seq.is_exc()) return seq;
  }
  const Value* items = is_list(seq) ? seq.as<ListObject>()->items : seq.as<TupleObject>()->items;
  uint64_t n = is_list(seq) ? seq.as<ListObject>()->size : seq.as<TupleObject>()->size;
  if (n == 0) return empty_str();
  if (n == 1 && isinstance_exact(items[0], types::str)) return items[0];
  size_t total = sep->nbytes * (n - 1);
  uint64_t length = sep->length * (n - 1);
  bool ascii = sep->ascii;
  for (uint64_t i = 0; i < n; i++) {
    if (!is_str(items[i]))
      return raise_fmt(exc::TypeError, "sequence item {}: expected str instance, {} found", i, type_name(items[i]));
    total += as_str(items[i])->nbytes;
    length += as_str(items[i])->length;
    ascii &= as_str(items[i])->ascii;
  }
  if (!check_alloc(total, 1)) return Value::exc();
  StrObject* r = str_alloc(total);
  char* p = r->data;
  for (uint64_t i = 0; i < n; i++) {
    if (i) { std::memcpy(p, sep->data, sep->nbytes); p += sep->nbytes; }
    StrObject* it = as_str(items[i]);
    std::memcpy(p, it->data, it->nbytes);
    p += it->nbytes;
  }
  r->length = length;
  r->ascii = ascii;
  return obj(r);
}

// -- Stripping ---------------------------------------------------------------------------------------------------
static Value strip_impl(Value* args, size_t nargs, bool left, bool right, const char* name) {
  if (!check_nargs(name, nargs - 1, 0, 1)) return Value::exc();
  StrObject* s = SELF(args);
  std::string_view v = s->view();
  size_t b = 0, e = v.size();
  if (nargs < 2 || args[1].is_none()) {
    int len;
    if (left) while (b < e && space_at(v, b, &len)) b += size_t(len);
    if (right) { int l; while (e > b && (l = space_before(v, e))) e -= size_t(l); }
  } else {
    if (!is_str(args[1])) return raise_fmt(exc::TypeError, "{} arg must be None or str", name);
    StrObject* cs = as_str(args[1]);
    std::vector<uint32_t> chars;
    for (size_t i = 0; i < cs->nbytes;) { int l; chars.push_back(utf8_decode(cs->data + i, &l)); i += size_t(l); }
    auto in = [&](uint32_t cp) { for (uint32_t c : chars) if (c == cp) return true; return false; };
    if (left) while (b < e) { int l; uint32_t cp = utf8_decode(v.data() + b, &l); if (!in(cp)) break; b += size_t(l); }
    if (right) while (e > b) {
      size_t j = e - 1;
      while (j > b && (v[j] & 0xC0) == 0x80) j--;
      int l;
      if (!in(utf8_decode(v.data() + j, &l))) break;
      e = j;
    }
  }
  if (b == 0 && e == v.size() && s->type == types::str) return args[0];
  return str_value(v.substr(b, e - b));
}
static Value str_strip_m(Value* a, size_t n, TupleObject* k) { return strip_impl(a, n, true, true, "strip"); }
static Value str_lstrip_m(Value* a, size_t n, TupleObject* k) { return strip_impl(a, n, true, false, "lstrip"); }
static Value str_rstrip_m(Value* a, size_t n, TupleObject* k) { return strip_impl(a, n, false, true, "rstrip"); }

static Value str_replace_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("replace", nargs - 1, 2, 3)) return Value::exc();
  if (!is_str(args[1]) || !is_str(args[2]))
    return raise_fmt(exc::TypeError, "replace() argument {} must be str, not {}", is_str(args[1]) ? 2 : 1,
                     type_name(is_str(args[1]) ? args[2] : args[1]));
  int64_t count = -1;
  if (nargs > 3 && index_of(args[3], &count).is_exc()) return Value::exc();
  std::string_view s = SELF(args)->view(), a = as_str(args[1])->view(), b = as_str(args[2])->view();
  if (count < 0) count = INT64_MAX;
  std::string out;
  if (a.empty()) {
    // Insert b before every code point and at the end.
    size_t i = 0;
    while (count > 0 && i <= s.size()) {
      out += b;
      count--;
      if (i == s.size()) { i++; break; }
      int l;
      utf8_decode(s.data() + i, &l);
      out.append(s.substr(i, size_t(l)));
      i += size_t(l);
    }
    if (i <= s.size()) out.append(s.substr(i));
    return str_value(out);
  }
  size_t i = 0;
  for (size_t p; count > 0 && (p = s.find(a, i)) != std::string_view::npos; i = p + a.size(), count--) {
    out.append(s.substr(i, p - i));
    out += b;
  }
  if (i == 0 && SELF(args)->type == types::str) return args[0];
  out.append(s.substr(i));
  return str_value(out);
}

// -- Case --------------------------------------------------------------------------------------------------------
// The full mappings of unicode/unicode.h (SpecialCasing: 'ß'.upper() == 'SS'), with CPython's one
// contextual rule: capital sigma lowers to final sigma after a cased letter (case-ignorables
// skipped) when no cased letter follows.
static bool final_sigma(std::string_view s, size_t at, size_t next) {
  uint32_t c = 0;
  bool found = false;
  for (size_t j = at; j > 0 && !found;) {
    do j--; while (j > 0 && (s[j] & 0xC0) == 0x80);
    int l;
    c = utf8_decode(s.data() + j, &l);
    found = !unicode::is_case_ignorable(c);
  }
  if (!found || !unicode::is_cased(c)) return false;
  for (size_t j = next; j < s.size();) {
    int l;
    c = utf8_decode(s.data() + j, &l);
    j += size_t(l);
    if (!unicode::is_case_ignorable(c)) return !unicode::is_cased(c);
  }
  return true;
}

static int lower_in_context(std::string_view s, size_t at, size_t next, uint32_t c, uint32_t m[3]) {
  if (c == 0x3A3) {
    m[0] = final_sigma(s, at, next) ? 0x3C2 : 0x3C3;
    return 1;
  }
  return unicode::to_lower_full(c, m);
}

// Builds the case-mapped copy: f(view, byte offset, next offset, code point, out[3]) returns the
// number of code points the character maps to.
template <class F>
static Value case_map(StrObject* s, F f) {
  std::string_view v = s->view();
  std::string out;
  out.reserve(v.size() + 8);
  uint32_t m[3];
  for (size_t i = 0; i < v.size();) {
    int l;
    uint32_t c = utf8_decode(v.data() + i, &l);
    int n = f(v, i, i + size_t(l), c, m);
    for (int k = 0; k < n; k++) utf8_append(out, m[k]);
    i += size_t(l);
  }
  return str_value(out);
}

// ASCII strings change case byte-wise without decoding.
static Value ascii_case(StrObject* s, bool upper) {
  StrObject* r = str_alloc(s->nbytes);
  for (size_t i = 0; i < s->nbytes; i++) {
    char c = s->data[i];
    if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) c ^= 0x20;
    r->data[i] = c;
  }
  r->length = s->length;
  r->ascii = true;
  return obj(r);
}
static Value str_lower_m(Value* a, size_t n, TupleObject* k) {
  if (SELF(a)->ascii) return ascii_case(SELF(a), false);
  return case_map(SELF(a), lower_in_context);
}
static Value str_upper_m(Value* a, size_t n, TupleObject* k) {
  if (SELF(a)->ascii) return ascii_case(SELF(a), true);
  return case_map(SELF(a), [](std::string_view, size_t, size_t, uint32_t c, uint32_t m[3]) {
    return unicode::to_upper_full(c, m);
  });
}
static Value str_casefold_m(Value* a, size_t n, TupleObject* k) {
  if (SELF(a)->ascii) return ascii_case(SELF(a), false);
  return case_map(SELF(a), [](std::string_view, size_t, size_t, uint32_t c, uint32_t m[3]) {
    return unicode::to_fold_full(c, m);
  });
}
static Value str_swapcase_m(Value* a, size_t n, TupleObject* k) {
  return case_map(SELF(a), [](std::string_view s, size_t at, size_t next, uint32_t c, uint32_t m[3]) {
    if (unicode::is_upper(c)) return lower_in_context(s, at, next, c, m);
    if (unicode::is_lower(c)) return unicode::to_upper_full(c, m);
    m[0] = c;
    return 1;
  });
}
static Value str_capitalize_m(Value* a, size_t n, TupleObject* k) {
  return case_map(SELF(a), [](std::string_view s, size_t at, size_t next, uint32_t c, uint32_t m[3]) {
    return at == 0 ? unicode::to_title_full(c, m) : lower_in_context(s, at, next, c, m);
  });
}
static Value str_title_m(Value* a, size_t n, TupleObject* k) {
  bool prev_cased = false;
  return case_map(SELF(a), [&](std::string_view s, size_t at, size_t next, uint32_t c, uint32_t m[3]) {
    int r = prev_cased ? lower_in_context(s, at, next, c, m) : unicode::to_title_full(c, m);
    prev_cased = unicode::is_cased(c);
    return r;
  });
}

// -- Predicates ----------------------------------------------------------------------------------------------------
template <class F>
static Value all_cps(StrObject* s, bool empty_result, F f) {
  if (s->nbytes == 0) return Value::from_bool(empty_result);
  if (s->ascii) {
    for (size_t i = 0; i < s->nbytes; i++)
      if (!f(uint32_t((unsigned char)s->data[i]))) return Value::false_();
    return Value::true_();
  }
  for (size_t i = 0; i < s->nbytes;) {
    int l;
    uint32_t cp = utf8_decode(s->data + i, &l);
    i += size_t(l);
    if (!f(cp)) return Value::false_();
  }
  return Value::true_();
}
static Value str_isdigit_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), false, unicode::is_digit); }
static Value str_isdecimal_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), false, unicode::is_decimal); }
static Value str_isnumeric_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), false, unicode::is_numeric); }
static Value str_isalpha_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), false, unicode::is_alpha); }
static Value str_isalnum_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), false, unicode::is_alnum); }
static Value str_isspace_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), false, str_is_space_cp); }
static Value str_isascii_m(Value* a, size_t n, TupleObject* k) { return Value::from_bool(SELF(a)->ascii); }
static Value str_isprintable_m(Value* a, size_t n, TupleObject* k) { return all_cps(SELF(a), true, unicode::is_printable); }

// islower / isupper: no character of the opposite case (or titlecase), and at least one cased.
static Value cased_check(StrObject* s, bool want_upper) {
  bool any = false;
  for (size_t i = 0; i < s->nbytes;) {
    int l;
    uint32_t c = utf8_decode(s->data + i, &l);
    i += size_t(l);
    if ((want_upper ? unicode::is_lower(c) : unicode::is_upper(c)) || unicode::is_title(c)) return Value::false_();
    if (!any && (want_upper ? unicode::is_upper(c) : unicode::is_lower(c))) any = true;
  }
  return Value::from_bool(any);
}
static Value str_isupper_m(Value* a, size_t n, TupleObject* k) { return cased_check(SELF(a), true); }
static Value str_islower_m(Value* a, size_t n, TupleObject* k) { return cased_check(SELF(a), false); }

static Value str_istitle_m(Value* a, size_t n, TupleObject* k) {
  StrObject* s = SELF(a);
  bool prev_cased = false, any = false;
  for (size_t i = 0; i < s->nbytes;) {
    int l;
    uint32_t c = utf8_decode(s->data + i, &l);
    i += size_t(l);
    if (unicode::is_upper(c) || unicode::is_title(c)) {
      if (prev_cased) return Value::false_();
      prev_cased = any = true;
    } else if (unicode::is_lower(c)) {
      if (!prev_cased) return Value::false_();
      prev_cased = any = true;
    } else {
      prev_cased = false;
    }
  }
  return Value::from_bool(any);
}

static bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();) {
    int l;
    uint32_t c = utf8_decode(s.data() + i, &l);
    if (i == 0 ? !(c == '_' || unicode::is_xid_start(c)) : !unicode::is_xid_continue(c)) return false;
    i += size_t(l);
  }
  return true;
}
static Value str_isidentifier_m(Value* a, size_t n, TupleObject* k) {
  return Value::from_bool(is_identifier(SELF(a)->view()));
}

// -- Padding -----------------------------------------------------------------------------------------------------
static bool fill_arg(Value* args, size_t nargs, size_t i, std::string* fill) {
  *fill = " ";
  if (nargs <= i) return true;
  if (!is_str(args[i])) {
    raise_fmt(exc::TypeError, "The fill character must be a unicode character, not {}", type_name(args[i]));
    return false;
  }
  if (as_str(args[i])->length != 1) {
    raise(exc::TypeError, "The fill character must be exactly one character long");
    return false;
  }
  *fill = std::string(as_str(args[i])->view());
  return true;
}

// self with `left` and `right` copies of the one-character `fill` around it; the size is checked
// before anything is built (MemoryError, as CPython's PyUnicode_New).
static Value pad(Value self, int64_t left, int64_t right, const std::string& fill) {
  StrObject* s = as_str(self);
  if (left <= 0 && right <= 0) return s->type == types::str ? self : str_value(s->view());
  if (!check_alloc(uint64_t(left) + uint64_t(right), fill.size(), s->nbytes)) return Value::exc();
  StrObject* r = str_alloc(s->nbytes + (uint64_t(left) + uint64_t(right)) * fill.size());
  fill_repeat(r->data, fill.data(), fill.size(), uint64_t(left));
  char* p = r->data + uint64_t(left) * fill.size();
  std::memcpy(p, s->data, s->nbytes);
  fill_repeat(p + s->nbytes, fill.data(), fill.size(), uint64_t(right));
  r->length = s->length + uint64_t(left) + uint64_t(right);
  r->ascii = s->ascii && fill.size() == 1;
  return obj(r);
}

static Value justify(Value* args, size_t nargs, int kind, const char* name) {
  if (!check_nargs(name, nargs - 1, 1, 2)) return Value::exc();
  int64_t width;
  if (!ssize_arg(args[1], &width)) return Value::exc();
  std::string fill;
  if (!fill_arg(args, nargs, 2, &fill)) return Value::exc();
  int64_t marg = width - int64_t(SELF(args)->length);
  if (marg <= 0) return pad(args[0], 0, 0, fill);
  if (kind == 0) return pad(args[0], 0, marg, fill);
  if (kind == 1) return pad(args[0], marg, 0, fill);
  int64_t left = marg / 2 + (marg & width & 1);
  return pad(args[0], left, marg - left, fill);
}
static Value str_ljust_m(Value* a, size_t n, TupleObject* k) { return justify(a, n, 0, "ljust"); }
static Value str_rjust_m(Value* a, size_t n, TupleObject* k) { return justify(a, n, 1, "rjust"); }
static Value str_center_m(Value* a, size_t n, TupleObject* k) { return justify(a, n, 2, "center"); }

static Value str_zfill_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("str.zfill", nargs - 1, 1, 1)) return Value::exc();
  int64_t width;
  if (!ssize_arg(args[1], &width)) return Value::exc();
  StrObject* s = SELF(args);
  int64_t fill = width - int64_t(s->length);
  Value r = pad(args[0], fill, 0, "0");
  if (r.is_exc() || fill <= 0) return r;
  char* d = as_str(r)->data;
  if (d[fill] == '+' || d[fill] == '-') { d[0] = d[fill]; d[fill] = '0'; }
  return r;
}

static Value str_expandtabs_m(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"tabsize", nullptr};
  Value out[1];
  if (!parse_args("expandtabs", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  int64_t ts = 8;
  if (!out[0].is_null() && !c_int_arg(out[0], &ts)) return Value::exc();
  std::string_view s = SELF(args)->view();
  // The result's size first, so that a huge tab size raises before anything is built.
  uint64_t size = 0, col = 0;
  for (char c : s) {
    if (c == '\t') { if (ts > 0) { size += uint64_t(ts) - col % uint64_t(ts); col = 0; } }
    else if (c == '\n' || c == '\r') { size++; col = 0; }
    else { size++; col += (c & 0xC0) != 0x80; }  // columns count characters, not UTF-8 bytes
  }
  if (!check_alloc(size, 1)) return Value::exc();
  std::string r;
  r.reserve(size);
  col = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\t') {
      if (ts > 0) { int64_t n = ts - col % ts; r.append(size_t(n), ' '); col += n; }
      i++;
    } else if (c == '\n' || c == '\r') {
      r += c; col = 0; i++;
    } else {
      int l;
      utf8_decode(s.data() + i, &l);
      r.append(s.substr(i, size_t(l)));
      i += size_t(l);
      col++;
    }
  }
  return str_value(r);
}

// -- Partition / lines -------------------------------------------------------------------------------------------
static Value partition_impl(Value* args, size_t nargs, bool right) {
  if (!check_nargs(right ? "rpartition" : "partition", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "must be str, not {}", type_name(args[1]));
  std::string_view s = SELF(args)->view(), sep = as_str(args[1])->view();
  if (sep.empty()) return raise(exc::ValueError, "empty separator");
  size_t p = right ? s.rfind(sep) : s.find(sep);
  if (p == std::string_view::npos) {
    if (right) return tuple_pack({empty_str(), empty_str(), args[0]});
    return tuple_pack({args[0], empty_str(), empty_str()});
  }
  return tuple_pack({str_value(s.substr(0, p)), args[1], str_value(s.substr(p + sep.size()))});
}
static Value str_partition_m(Value* a, size_t n, TupleObject* k) { return partition_impl(a, n, false); }
static Value str_rpartition_m(Value* a, size_t n, TupleObject* k) { return partition_impl(a, n, true); }

static Value str_splitlines_m(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"keepends", nullptr};
  Value out[1];
  if (!parse_args("splitlines", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  bool keep = false;
  if (!out[0].is_null()) { int t = truthy(out[0]); if (t < 0) return Value::exc(); keep = t; }
  std::string_view s = SELF(args)->view();
  ListObject* l = list_new(0);
  size_t i = 0, start = 0;
  while (i < s.size()) {
    int len;
    uint32_t c = utf8_decode(s.data() + i, &len);
    if (!unicode::is_linebreak(c)) { i += size_t(len); continue; }
    size_t eol = i;
    i += size_t(len);
    if (c == '\r' && i < s.size() && s[i] == '\n') i++;
    list_append(l, str_value(s.substr(start, (keep ? i : eol) - start)));
    start = i;
  }
  if (start < s.size()) list_append(l, str_value(s.substr(start)));
  return obj(l);
}

static Value str_removeprefix_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("str.removeprefix", nargs - 1, 1, 1) || !need_str(args[1], "removeprefix")) return Value::exc();
  std::string_view s = SELF(args)->view(), p = as_str(args[1])->view();
  if (!p.empty() && s.substr(0, p.size()) == p) return str_value(s.substr(p.size()));
  return args[0];
}
static Value str_removesuffix_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("str.removesuffix", nargs - 1, 1, 1) || !need_str(args[1], "removesuffix")) return Value::exc();
  std::string_view s = SELF(args)->view(), p = as_str(args[1])->view();
  if (!p.empty() && s.size() >= p.size() && s.substr(s.size() - p.size()) == p) return str_value(s.substr(0, s.size() - p.size()));
  return args[0];
}

// -- Encoding / translation --------------------------------------------------------------------------------------
static Value str_encode_m(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"encoding", "errors", nullptr};
  Value out[2];
  if (!parse_args("encode", args + 1, nargs - 1, kwnames, names, 0, out)) return Value::exc();
  return codec_encode_str(args[0], out[0], out[1]);
}

static Value str_maketrans_m(Value* args, size_t nargs, TupleObject* k) {
  // Called as str.maketrans(...) (args[0] is the first argument) or "".maketrans(...).
  size_t base = (nargs >= 1 && is_str(args[0]) && nargs >= 3) || (nargs == 2 && is_str(args[0]) && is_dict(args[1])) ? 1 : 0;
  if (nargs == 2 && is_str(args[0]) && is_str(args[1])) base = 0;
  if (nargs == 4) base = 1;
  Value* a = args + base;
  size_t n = nargs - base;
  DictObject* d = dict_new();
  if (n == 1) {
    if (!is_dict(a[0])) return raise(exc::TypeError, "if you give only one argument to maketrans it must be a dict");
    DictObject* src = a[0].as<DictObject>();
    for (uint64_t i = 0; i < src->nentries; i++) {
      DictEntry e = src->entries[i];
      if (e.key.is_null()) continue;
      Value key = e.key;
      if (is_str(key)) {
        if (as_str(key)->length != 1) return raise(exc::ValueError, "string keys in translate table must be of length 1");
        key = int_from_i64(str_codepoint_at(as_str(key), 0));
      }
      if (dict_set(d, key, e.value) < 0) return Value::exc();
    }
    return obj(d);
  }
  if (n < 2 || !is_str(a[0]) || !is_str(a[1])) return raise(exc::TypeError, "maketrans() arguments must be strings");
  StrObject *x = as_str(a[0]), *y = as_str(a[1]);
  if (x->length != y->length) return raise(exc::ValueError, "the first two maketrans arguments must have equal length");
  for (uint64_t i = 0; i < x->length; i++)
    dict_set(d, int_from_i64(str_codepoint_at(x, int64_t(i))), int_from_i64(str_codepoint_at(y, int64_t(i))));
  if (n >= 3 && is_str(a[2])) {
    StrObject* z = as_str(a[2]);
    for (uint64_t i = 0; i < z->length; i++) dict_set(d, int_from_i64(str_codepoint_at(z, int64_t(i))), Value::none());
  }
  return obj(d);
}

static Value str_translate_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("str.translate", nargs - 1, 1, 1)) return Value::exc();
  StrObject* s = SELF(args);
  std::string out;
  for (size_t i = 0; i < s->nbytes;) {
    int l;
    uint32_t cp = utf8_decode(s->data + i, &l);
    Value r = getitem(args[1], int_from_i64(cp));
    if (r.is_exc()) {
      if (!exc_matches(exc::LookupError)) return r;
      exc_fetch();
      out.append(s->data + i, size_t(l));
    } else if (r.is_none()) {
    } else if (is_int(r)) {
      int64_t c;
      int_get_i64(r, &c);
      utf8_append(out, uint32_t(c));
    } else if (is_str(r)) {
      out.append(as_str(r)->view());
    } else {
      return raise(exc::TypeError, "character mapping must return integer, None or str");
    }
    i += size_t(l);
  }
  return str_value(out);
}

static Value str_format_m(Value* a, size_t n, TupleObject* k) { return str_format_method(a, n, k); }
static Value str_format_map_m(Value* a, size_t n, TupleObject* k) { return str_format_map_method(a, n, k); }
static Value str_dunder_format_m(Value* args, size_t nargs, TupleObject* k) {
  if (!check_nargs("str.__format__", nargs - 1, 1, 1)) return Value::exc();
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "__format__() argument must be str, not {}", type_name(args[1]));
  return format_str(SELF(args), as_str(args[1])->view());
}
static Value str_getnewargs_m(Value* a, size_t n, TupleObject* k) { return tuple_pack({str_value(SELF(a)->view())}); }

void init_str_methods(TypeObject* t) {
  type_add_methods(t, {{"find", str_find_m}, {"rfind", str_rfind_m}, {"index", str_index_m}, {"rindex", str_rindex_m},
                       {"count", str_count_m}, {"startswith", str_startswith_m}, {"endswith", str_endswith_m},
                       {"split", str_split_m}, {"rsplit", str_rsplit_m}, {"join", str_join_m},
                       {"strip", str_strip_m}, {"lstrip", str_lstrip_m}, {"rstrip", str_rstrip_m},
                       {"replace", str_replace_m}, {"lower", str_lower_m, kNativeNoArgs}, {"upper", str_upper_m, kNativeNoArgs},
                       {"swapcase", str_swapcase_m, kNativeNoArgs}, {"capitalize", str_capitalize_m, kNativeNoArgs}, {"title", str_title_m, kNativeNoArgs},
                       {"casefold", str_casefold_m, kNativeNoArgs}, {"isdigit", str_isdigit_m, kNativeNoArgs}, {"isdecimal", str_isdecimal_m, kNativeNoArgs},
                       {"isnumeric", str_isnumeric_m, kNativeNoArgs}, {"isalpha", str_isalpha_m, kNativeNoArgs}, {"isalnum", str_isalnum_m, kNativeNoArgs},
                       {"isspace", str_isspace_m, kNativeNoArgs}, {"isascii", str_isascii_m, kNativeNoArgs}, {"isprintable", str_isprintable_m, kNativeNoArgs},
                       {"isupper", str_isupper_m, kNativeNoArgs}, {"islower", str_islower_m, kNativeNoArgs}, {"istitle", str_istitle_m, kNativeNoArgs},
                       {"isidentifier", str_isidentifier_m, kNativeNoArgs}, {"ljust", str_ljust_m}, {"rjust", str_rjust_m},
                       {"center", str_center_m}, {"zfill", str_zfill_m}, {"expandtabs", str_expandtabs_m},
                       {"partition", str_partition_m}, {"rpartition", str_rpartition_m},
                       {"splitlines", str_splitlines_m}, {"removeprefix", str_removeprefix_m},
                       {"removesuffix", str_removesuffix_m}, {"encode", str_encode_m},
                       {"maketrans", str_maketrans_m}, {"translate", str_translate_m}, {"format", str_format_m},
                       {"format_map", str_format_map_m}, {"__format__", str_dunder_format_m},
                       {"__getnewargs__", str_getnewargs_m, kNativeNoArgs}});
}

}  // namespace chaipy
