// interp/objects/format.cpp — string formatting: the format-spec mini-language for int/float/str
// (format(), f-strings, str.format), printf-style `str % args`, and str.format/format_map.
#include <cmath>
#include <cstring>
#include <string>

#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

// -- Format spec -------------------------------------------------------------------------------------
struct Spec {
  std::string fill = " ";
  char align = 0;      // < > = ^ or 0 (default)
  char sign = 0;       // + - space or 0
  bool z = false, alt = false, zero = false;
  int64_t width = -1;
  char grouping = 0;   // , _ or 0
  int64_t precision = -1;
  char type = 0;
};

static Value invalid_spec(std::string_view spec, Value v) {
  return raise_fmt(exc::ValueError, "Invalid format specifier '{}' for object of type '{}'", spec, type_name(v));
}

static bool parse_spec(std::string_view s, Value v, Spec* sp) {
  size_t i = 0, n = s.size();
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  // fill may be any code point followed by an align char.
  if (n > 0) {
    int len = 1;
    if ((unsigned char)s[0] >= 0x80) utf8_decode(s.data(), &len);
    if (size_t(len) < n && is_align(s[size_t(len)])) {
      sp->fill = std::string(s.substr(0, size_t(len)));
      sp->align = s[size_t(len)];
      i = size_t(len) + 1;
    } else if (is_align(s[0])) {
      sp->align = s[0];
      i = 1;
    }
  }
  if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp->sign = s[i++];
  if (i < n && s[i] == 'z') { sp->z = true; i++; }
  if (i < n && s[i] == '#') { sp->alt = true; i++; }
  if (i < n && s[i] == '0') {
    sp->zero = true;
    if (!sp->align) { sp->fill = "0"; sp->align = '='; }
    i++;
  }
  if (i < n && std::isdigit((unsigned char)s[i])) {
    sp->width = 0;
    while (i < n && std::isdigit((unsigned char)s[i])) {
      if (sp->width > (INT64_MAX - (s[i] - '0')) / 10) { raise(exc::ValueError, "Too many decimal digits in format string"); return false; }
      sp->width = sp->width * 10 + (s[i++] - '0');
    }
  }
  if (i < n && (s[i] == ',' || s[i] == '_')) {
    sp->grouping = s[i++];
    if (i < n && (s[i] == ',' || s[i] == '_')) {
      if (s[i] != sp->grouping || true) {
        raise_fmt(exc::ValueError, "Cannot specify both ',' and '_'.");
        return false;
      }
    }
  }
  if (i < n && s[i] == '.') {
    i++;
    if (i >= n || !std::isdigit((unsigned char)s[i])) { raise(exc::ValueError, "Format specifier missing precision"); return false; }
    sp->precision = 0;
    while (i < n && std::isdigit((unsigned char)s[i])) {
      if (sp->precision > (INT64_MAX - (s[i] - '0')) / 10) { raise(exc::ValueError, "Too many decimal digits in format string"); return false; }
      sp->precision = sp->precision * 10 + (s[i++] - '0');
    }
  }
  if (n - i > 1) { invalid_spec(s, v); return false; }
  if (i < n) sp->type = s[i];
  if (sp->grouping) {
    char t = sp->type;
    bool ok = t == 0 || t == 'd' || t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%' ||
              (sp->grouping == '_' && (t == 'b' || t == 'o' || t == 'x' || t == 'X'));
    if (!ok) {
      raise_fmt(exc::ValueError, "Cannot specify '{}' with '{}'.", sp->grouping, t);
      return false;
    }
  }
  return true;
}

static size_t cp_len(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Inserts `sep` every `every` digits from the right of an ASCII digit string.
static std::string group_digits(std::string_view digits, char sep, int every) {
  std::string out;
  size_t n = digits.size();
  for (size_t i = 0; i < n; i++) {
    if (i && (n - i) % size_t(every) == 0) out += sep;
    out += digits[i];
  }
  return out;
}

// Lays out sign + prefix + body with fill/align/width. `body` holds the digits (already grouped)
// and any fraction/exponent; zero-padding with grouping extends the grouped digits.
static std::string layout_number(const Spec& sp, std::string sign, std::string prefix, std::string intdigits,
                                 std::string rest, int group_every, bool numeric_zero_pad_ok = true) {
  std::string body;
  if (sp.grouping) body = group_digits(intdigits, sp.grouping, group_every);
  else body = intdigits;
  char align = sp.align ? sp.align : '>';
  int64_t total = int64_t(cp_len(sign) + prefix.size() + body.size() + cp_len(rest));
  if (align == '=' && sp.fill == "0" && sp.grouping && numeric_zero_pad_ok && sp.width > total) {
    int64_t need = sp.width - int64_t(sign.size() + prefix.size() + cp_len(rest));
    std::string d = intdigits;
    while (int64_t(body.size()) < need) {
      d.insert(d.begin(), '0');
      body = group_digits(d, sp.grouping, group_every);
    }
    return sign + prefix + body + rest;
  }
  if (sp.width <= total) return sign + prefix + body + rest;
  int64_t pad = sp.width - total;
  auto fill = [&](int64_t k) {
    std::string f;
    for (int64_t i = 0; i < k; i++) f += sp.fill;
    return f;
  };
  switch (align) {
    case '<': return sign + prefix + body + rest + fill(pad);
    case '^': return fill(pad / 2) + sign + prefix + body + rest + fill(pad - pad / 2);
    case '=': return sign + prefix + fill(pad) + body + rest;
    default: return fill(pad) + sign + prefix + body + rest;
  }
}

// The padded result (at least `width` fill characters' worth) can be allocated: MemoryError, as
// CPython's, for a width no machine holds — checked before any padding is built.
static bool width_fits(const Spec& sp) { return sp.width <= 0 || check_alloc(uint64_t(sp.width), sp.fill.size()); }

static std::string sign_str(const Spec& sp, bool neg) {
  if (neg) return "-";
  if (sp.sign == '+') return "+";
  if (sp.sign == ' ') return " ";
  return "";
}

// -- int -----------------------------------------------------------------------------------------------
Value format_int(Value v, std::string_view spec) {
  if (spec.empty()) return v.is_bool() ? str_of(v) : int_to_str_checked(v);
  Spec sp;
  if (!parse_spec(spec, v, &sp)) return Value::exc();
  char t = sp.type ? sp.type : 'd';
  switch (t) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d;
      if (!to_double(v, &d)) return Value::exc();
      return format_float(d, spec, Value::from_double(d));
    }
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    default:
      return raise_fmt(exc::ValueError, "Unknown format code '{}' for object of type '{}'", t, type_name(v));
  }
  if (sp.precision >= 0) return raise(exc::ValueError, "Precision not allowed in integer format specifier");
  if (sp.z) return raise(exc::ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
  if (!width_fits(sp)) return Value::exc();
  if (t == 'c') {
    if (sp.sign) return raise(exc::ValueError, "Sign not allowed with integer format specifier 'c'");
    if (sp.alt) return raise(exc::ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
    int64_t cp;
    if (!int_get_i64(v, &cp) || cp < 0 || cp > 0x10FFFF) return raise(exc::OverflowError, "%c arg not in range(0x110000)");
    std::string ch;
    utf8_append(ch, uint32_t(cp));
    Spec s2 = sp;
    if (!s2.align) s2.align = '<';
    return str_value(layout_number(s2, "", "", "", ch, 3));
  }
  bool neg = int_sign(v) < 0;
  int base = t == 'b' ? 2 : t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
  std::string digits;
  if (base == 10) {
    Value s = int_to_str_checked(v);
    if (s.is_exc()) return s;
    digits = std::string(as_str(s)->view());
    if (neg) digits.erase(0, 1);
  } else {
    Value s = int_to_base_str(v, base, false);
    digits = std::string(as_str(s)->view());
    if (neg) digits.erase(0, 1);
    if (t == 'X') for (auto& c : digits) c = char(std::toupper((unsigned char)c));
  }
  std::string prefix;
  if (sp.alt && base != 10) prefix = base == 2 ? "0b" : base == 8 ? "0o" : (t == 'X' ? "0X" : "0x");
  return str_value(layout_number(sp, sign_str(sp, neg), prefix, digits, "", base == 10 ? 3 : 4));
}

// -- float ---------------------------------------------------------------------------------------------
Value format_float(double d, std::string_view spec, Value orig) {
  if (spec.empty()) return str_value(float_repr_str(d));
  Spec sp;
  if (!parse_spec(spec, orig, &sp)) return Value::exc();
  char t = sp.type;
  switch (t) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': case 'n': break;
    default:
      return raise_fmt(exc::ValueError, "Unknown format code '{}' for object of type '{}'", t, type_name(orig));
  }
  if (sp.precision > INT32_MAX) return raise(exc::ValueError, "precision too big");
  if (!width_fits(sp)) return Value::exc();
  std::string s;
  double x = d;
  if (t == '%') x *= 100;
  bool neg = std::signbit(x) && !std::isnan(x);
  double ax = std::fabs(x);
  int64_t prec = sp.precision;
  std::string suffix;
  if (t == 0) {
    if (prec < 0) s = float_repr_str(ax);
    else s = double_to_string(ax, 'g', int(prec == 0 ? 1 : prec), sp.alt, true);
  } else {
    char ct = t == '%' ? 'f' : t == 'n' ? 'g' : t;
    if (prec < 0) prec = 6;
    s = double_to_string(ax, ct, int(prec), sp.alt, false);
    if (t == '%') suffix = "%";
  }
  // -0.0 rounding to zero under 'z' loses its sign.
  if (sp.z && neg) {
    bool all_zero = true;
    for (char c : s) if (c >= '1' && c <= '9') { all_zero = false; break; }
    if (all_zero) neg = false;
  }
  // Split integer digits from the rest for grouping.
  size_t k = 0;
  while (k < s.size() && std::isdigit((unsigned char)s[k])) k++;
  std::string intpart = s.substr(0, k), rest = s.substr(k) + suffix;
  if (!std::isfinite(x)) { intpart = ""; rest = s + suffix; }
  Spec s2 = sp;
  if (!std::isfinite(x) && s2.fill == "0" && s2.align == '=' && s2.zero) {
    // CPython zero-pads nan/inf too.
  }
  return str_value(layout_number(s2, sign_str(sp, neg), "", intpart, rest, 3));
}

// -- str -----------------------------------------------------------------------------------------------
Value format_str(StrObject* s, std::string_view spec) {
  if (spec.empty()) return obj(s);
  Spec sp;
  if (!parse_spec(spec, obj(s), &sp)) return Value::exc();
  if (sp.type && sp.type != 's')
    return raise_fmt(exc::ValueError, "Unknown format code '{}' for object of type 'str'", sp.type);
  if (sp.sign) return raise(exc::ValueError, "Sign not allowed in string format specifier");
  if (sp.alt) return raise(exc::ValueError, "Alternate form (#) not allowed in string format specifier");
  if (sp.z) return raise(exc::ValueError, "Negative zero coercion (z) not allowed in string format specifier");
  if (sp.align == '=') return raise(exc::ValueError, "'=' alignment not allowed in string format specifier");
  if (sp.grouping) return raise_fmt(exc::ValueError, "Cannot specify '{}' with 's'.", sp.grouping);
  if (!width_fits(sp)) return Value::exc();
  std::string_view body = s->view();
  if (sp.precision >= 0 && uint64_t(sp.precision) < s->length) body = body.substr(0, utf8_offset(s, sp.precision));
  int64_t len = int64_t(cp_len(body));
  if (sp.width <= len) return str_value(body);
  int64_t pad = sp.width - len;
  auto fill = [&](int64_t k) { std::string f; for (int64_t i = 0; i < k; i++) f += sp.fill; return f; };
  char align = sp.align ? sp.align : '<';
  if (align == '<') return str_value(std::string(body) + fill(pad));
  if (align == '>') return str_value(fill(pad) + std::string(body));
  return str_value(fill(pad / 2) + std::string(body) + fill(pad - pad / 2));
}

Value format_value(Value v, StrObject* spec) {
  std::string_view sv = spec->view();
  if (v.is_double()) return format_float(v.as_double(), sv, v);
  if (v.is_small_int() || (v.is_obj() && v.as_obj()->type == types::int_)) return format_int(v, sv);
  if (v.is_bool()) return sv.empty() ? str_of(v) : format_int(v, sv);
  if (isinstance_exact(v, types::str)) return format_str(as_str(v), sv);
  static StrObject* s_format = str_intern("__format__");
  Value m = lookup_special(v, s_format);
  if (m.is_exc()) return m;
  if (m.is_null()) {
    if (sv.empty()) return str_of(v);
    return raise_fmt(exc::TypeError, "unsupported format string passed to {}.__format__", type_name(v));
  }
  Value r = call1(m, obj(spec));
  if (r.is_exc()) return r;
  if (!is_str(r)) return raise_fmt(exc::TypeError, "__format__ must return a str, not {}", type_name(r));
  return r;
}

// -- printf-style: str % args --------------------------------------------------------------------------
static std::string ascii_escape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto c = (unsigned char)s[i];
    if (c < 0x80) { out += char(c); i++; continue; }
    int len;
    uint32_t cp = utf8_decode(s.data() + i, &len);
    i += size_t(len);
    if (cp < 0x100) out += fmt::format("\\x{:02x}", cp);
    else if (cp < 0x10000) out += fmt::format("\\u{:04x}", cp);
    else out += fmt::format("\\U{:08x}", cp);
  }
  return out;
}

Value str_percent_format(StrObject* fmtobj, Value args) {
  std::string_view f = fmtobj->view();
  std::string out;
  const Value* argv;
  size_t argc, argi = 0;
  Value single = args;
  bool is_tup = is_tuple(args);
  if (is_tup) { argv = args.as<TupleObject>()->items; argc = args.as<TupleObject>()->size; }
  else { argv = &single; argc = 1; }
  bool mapping = !is_tup && !is_str(args) && (is_dict(args) || type_of(args)->getitem);
  bool used_mapping = false;
  auto next_arg = [&](Value* out_v) -> bool {
    if (argi >= argc) { raise(exc::TypeError, "not enough arguments for format string"); return false; }
    *out_v = argv[argi++];
    return true;
  };
  for (size_t i = 0; i < f.size();) {
    size_t p = f.find('%', i);
    if (p == std::string_view::npos) { out.append(f.substr(i)); break; }
    out.append(f.substr(i, p - i));
    size_t j = p + 1;
    if (j >= f.size()) return raise(exc::ValueError, "incomplete format");
    Value arg = Value::null();
    if (f[j] == '(') {
      if (!mapping) return raise(exc::TypeError, "format requires a mapping");
      int depth = 1;
      size_t k = j + 1;
      while (k < f.size() && depth) { if (f[k] == '(') depth++; else if (f[k] == ')') depth--; k++; }
      if (depth) return raise(exc::ValueError, "incomplete format key");
      Value key = str_value(f.substr(j + 1, k - j - 2));
      arg = getitem(args, key);
      if (arg.is_exc()) return arg;
      used_mapping = true;
      j = k;
    }
    Spec sp;
    bool left = false;
    for (; j < f.size(); j++) {
      char c = f[j];
      if (c == '-') left = true;
      else if (c == '+') sp.sign = '+';
      else if (c == ' ') { if (sp.sign != '+') sp.sign = ' '; }
      else if (c == '#') sp.alt = true;
      else if (c == '0') sp.zero = true;
      else break;
    }
    if (j < f.size() && f[j] == '*') {
      Value w;
      if (!next_arg(&w)) return Value::exc();
      if (!is_int(w)) return raise(exc::TypeError, "* wants int");
      int_get_i64(w, &sp.width);
      if (sp.width < 0) { left = true; sp.width = -sp.width; }
      j++;
    } else {
      while (j < f.size() && std::isdigit((unsigned char)f[j])) sp.width = std::max<int64_t>(sp.width, 0) * 10 + (f[j++] - '0');
    }
    if (j < f.size() && f[j] == '.') {
      j++;
      sp.precision = 0;
      if (j < f.size() && f[j] == '*') {
        Value w;
        if (!next_arg(&w)) return Value::exc();
        if (!is_int(w)) return raise(exc::TypeError, "* wants int");
        int_get_i64(w, &sp.precision);
        if (sp.precision < 0) sp.precision = 0;
        j++;
      } else {
        while (j < f.size() && std::isdigit((unsigned char)f[j])) sp.precision = sp.precision * 10 + (f[j++] - '0');
      }
    }
    while (j < f.size() && (f[j] == 'h' || f[j] == 'l' || f[j] == 'L')) j++;
    if (j >= f.size()) return raise(exc::ValueError, "incomplete format");
    char t = f[j++];
    if (t == '%' && j - 1 == p + 1) { out += '%'; i = j; continue; }  // '%5%' is a conversion (3.11)
    if (arg.is_null() && !next_arg(&arg)) return Value::exc();
    if (!width_fits(sp)) return Value::exc();
    if (left) { sp.align = '<'; sp.zero = false; }
    else sp.align = '>';
    std::string piece;
    switch (t) {
      case 's': case 'r': case 'a': {
        Value s = t == 's' ? str_of(arg) : repr(arg);
        if (s.is_exc()) return s;
        std::string_view sv = as_str(s)->view();
        std::string tmp = t == 'a' ? ascii_escape(sv) : std::string(sv);
        if (sp.precision >= 0) {
          StrObject* so = str_new(tmp);
          if (uint64_t(sp.precision) < so->length) tmp = tmp.substr(0, utf8_offset(so, sp.precision));
        }
        piece = tmp;
        int64_t pad = sp.width - int64_t(cp_len(piece));
        if (pad > 0) piece = left ? piece + std::string(size_t(pad), ' ') : std::string(size_t(pad), ' ') + piece;
        out += piece;
        break;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        Value iv = arg;
        if (!is_int(arg)) {
          if (arg.is_double() && (t == 'd' || t == 'i' || t == 'u')) {
            iv = int_new_from(arg);
            if (iv.is_exc()) return iv;
          } else if (type_of(arg)->flags & kTypeHeap) {
            int64_t x;
            Value r = index_of(arg, &x);
            if (r.is_exc()) {
              exc_fetch();
              if (t == 'd' || t == 'i' || t == 'u')
                return raise_fmt(exc::TypeError, "%{} format: a real number is required, not {}", t, type_name(arg));
              return raise_fmt(exc::TypeError, "%{} format: an integer is required, not {}", t, type_name(arg));
            }
            iv = int_from_i64(x);
          } else if (t == 'd' || t == 'i' || t == 'u') {
            return raise_fmt(exc::TypeError, "%{} format: a real number is required, not {}", t, type_name(arg));
          } else {
            return raise_fmt(exc::TypeError, "%{} format: an integer is required, not {}", t, type_name(arg));
          }
        }
        bool neg = int_sign(iv) < 0;
        int base = t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
        std::string digits;
        if (base == 10) digits = int_to_decimal(iv);
        else digits = std::string(as_str(int_to_base_str(iv, base, false))->view());
        if (neg) digits.erase(0, 1);
        if (t == 'X') for (auto& c : digits) c = char(std::toupper((unsigned char)c));
        if (sp.precision > int64_t(digits.size())) digits.insert(0, size_t(sp.precision - int64_t(digits.size())), '0');
        std::string prefix = sp.alt && base != 10 ? (base == 8 ? "0o" : t == 'X' ? "0X" : "0x") : "";
        std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
        int64_t len = int64_t(sign.size() + prefix.size() + digits.size());
        if (sp.width > len) {
          size_t pad = size_t(sp.width - len);
          if (left) piece = sign + prefix + digits + std::string(pad, ' ');
          else if (sp.zero) piece = sign + prefix + std::string(pad, '0') + digits;
          else piece = std::string(pad, ' ') + sign + prefix + digits;
        } else {
          piece = sign + prefix + digits;
        }
        out += piece;
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double d;
        if (arg.is_double()) d = arg.as_double();
        else if (is_int(arg)) { if (!to_double(arg, &d)) return Value::exc(); }
        else {
          static StrObject* s_float = str_intern("__float__");
          Value m = lookup_special(arg, s_float);
          if (m.is_exc()) return m;
          if (m.is_null()) return raise_fmt(exc::TypeError, "must be real number, not {}", type_name(arg));
          Value r = call0(m);
          if (r.is_exc()) return r;
          d = r.as_double();
        }
        bool neg = std::signbit(d) && !std::isnan(d);
        std::string body = double_to_string(std::fabs(d), t, int(sp.precision < 0 ? 6 : sp.precision), sp.alt, false);
        std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
        int64_t len = int64_t(sign.size() + body.size());
        if (sp.width > len) {
          size_t pad = size_t(sp.width - len);
          if (left) piece = sign + body + std::string(pad, ' ');
          else if (sp.zero && std::isfinite(d)) piece = sign + std::string(pad, '0') + body;
          else piece = std::string(pad, ' ') + sign + body;
        } else {
          piece = sign + body;
        }
        out += piece;
        break;
      }
      case 'c': {
        std::string ch;
        if (is_str(arg)) {
          if (as_str(arg)->length != 1) return raise(exc::TypeError, "%c requires int or char");
          ch = std::string(as_str(arg)->view());
        } else if (is_int(arg)) {
          int64_t cp;
          if (!int_get_i64(arg, &cp) || cp < 0 || cp > 0x10FFFF) return raise(exc::OverflowError, "%c arg not in range(0x110000)");
          utf8_append(ch, uint32_t(cp));
        } else {
          return raise(exc::TypeError, "%c requires int or char");
        }
        int64_t pad = sp.width - 1;
        if (pad > 0) ch = left ? ch + std::string(size_t(pad), ' ') : std::string(size_t(pad), ' ') + ch;
        out += ch;
        break;
      }
      default:
        return raise_fmt(exc::ValueError, "unsupported format character '{}' (0x{:x}) at index {}", t, (unsigned)(unsigned char)t,
                         cp_len(f.substr(0, j - 1)));
    }
    i = j;
  }
  if (argi < argc && !used_mapping && !(mapping && !is_tup))
    return raise(exc::TypeError, "not all arguments converted during string formatting");
  return str_value(out);
}

// -- str.format ----------------------------------------------------------------------------------------
struct FormatState {
  Value* pos;
  size_t npos;
  TupleObject* kwnames;   // with kw values at pos[npos + k]
  Value mapping;          // format_map: the mapping (null otherwise)
  int auto_idx = 0;       // -1: manual numbering in use
  bool manual = false;
};

static Value lookup_kw(FormatState& st, std::string_view name) {
  if (!st.mapping.is_null()) return getitem(st.mapping, str_value(name));
  if (st.kwnames)
    for (uint64_t k = 0; k < st.kwnames->size; k++)
      if (as_str(st.kwnames->items[k])->view() == name) return st.pos[st.npos + k];
  return raise_key_error(str_value(name));
}

static Value resolve_field(FormatState& st, std::string_view field) {
  size_t i = 0;
  while (i < field.size() && field[i] != '.' && field[i] != '[') i++;
  std::string_view first = field.substr(0, i);
  Value v;
  bool numeric = !first.empty();
  for (char c : first) if (!std::isdigit((unsigned char)c)) numeric = false;
  if (first.empty() || numeric) {
    size_t idx;
    if (first.empty()) {
      if (st.manual) return raise(exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
      idx = size_t(st.auto_idx++);
    } else {
      if (st.auto_idx > 0) return raise(exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
      st.manual = true;
      idx = size_t(std::stoull(std::string(first)));
    }
    if (!st.mapping.is_null()) return raise(exc::ValueError, "Format string contains positional fields");
    if (idx >= st.npos) return raise_fmt(exc::IndexError, "Replacement index {} out of range for positional args tuple", idx);
    v = st.pos[idx];
  } else {
    v = lookup_kw(st, first);
    if (v.is_exc()) return v;
  }
  while (i < field.size()) {
    if (field[i] == '.') {
      size_t k = i + 1;
      while (k < field.size() && field[k] != '.' && field[k] != '[') k++;
      if (k == i + 1) return raise(exc::ValueError, "Empty attribute in format string");
      v = getattr(v, str_intern(field.substr(i + 1, k - i - 1)));
      if (v.is_exc()) return v;
      i = k;
    } else if (field[i] == '[') {
      size_t k = field.find(']', i);
      if (k == std::string_view::npos) return raise(exc::ValueError, "Missing ']' in format string");
      std::string_view key = field.substr(i + 1, k - i - 1);
      if (key.empty()) return raise(exc::ValueError, "Empty attribute in format string");
      bool num = true;
      for (char c : key) if (!std::isdigit((unsigned char)c)) num = false;
      Value kv = num ? int_from_i64(int64_t(std::stoll(std::string(key)))) : str_value(key);
      v = getitem(v, kv);
      if (v.is_exc()) return v;
      i = k + 1;
      if (i < field.size() && field[i] != '.' && field[i] != '[')
        return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    } else {
      return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return v;
}

static Value vformat(FormatState& st, std::string_view f, int depth, std::string& out) {
  if (depth > 2) return raise(exc::ValueError, "Max string recursion exceeded");
  for (size_t i = 0; i < f.size();) {
    char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') { out += '}'; i += 2; continue; }
      return raise(exc::ValueError, "Single '}' encountered in format string");
    }
    if (c != '{') {
      size_t k = i;
      while (k < f.size() && f[k] != '{' && f[k] != '}') k++;
      out.append(f.substr(i, k - i));
      i = k;
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '{') { out += '{'; i += 2; continue; }
    // Find the matching '}' (nested braces allowed in the spec), and the field/conv/spec split.
    size_t k = i + 1;
    int nest = 1;
    size_t bang = std::string_view::npos, colon = std::string_view::npos;
    bool in_bracket = false;
    while (k < f.size()) {
      char d = f[k];
      if (d == '[' && colon == std::string_view::npos) in_bracket = true;
      else if (d == ']' && in_bracket) in_bracket = false;
      else if (!in_bracket) {
        if (d == '{') nest++;
        else if (d == '}') { if (--nest == 0) break; }
        else if (d == '!' && nest == 1 && bang == std::string_view::npos && colon == std::string_view::npos) bang = k;
        else if (d == ':' && nest == 1 && colon == std::string_view::npos) colon = k;
      }
      k++;
    }
    if (k >= f.size()) {
      if (i + 1 == f.size()) return raise(exc::ValueError, "Single '{' encountered in format string");
      return raise(exc::ValueError, "expected '}' before end of string");
    }
    size_t field_end = bang != std::string_view::npos ? bang : colon != std::string_view::npos ? colon : k;
    std::string_view field = f.substr(i + 1, field_end - i - 1);
    char conv = 0;
    if (bang != std::string_view::npos) {
      size_t conv_end = colon != std::string_view::npos ? colon : k;
      if (conv_end != bang + 2) {
        if (conv_end == bang + 1) return raise(exc::ValueError, "end of string while looking for conversion specifier");
        return raise(exc::ValueError, "expected ':' after conversion specifier");
      }
      conv = f[bang + 1];
    }
    // The field is resolved before the nested spec fields (auto-numbering order).
    Value v = resolve_field(st, field);
    if (v.is_exc()) return v;
    std::string spec;
    if (colon != std::string_view::npos) {
      std::string_view raw = f.substr(colon + 1, k - colon - 1);
      if (raw.find('{') != std::string_view::npos) {
        Value r = vformat(st, raw, depth + 1, spec);
        if (r.is_exc()) return r;
      } else {
        spec = std::string(raw);
      }
    }
    if (conv) {
      if (conv == 'r') v = repr(v);
      else if (conv == 's') v = str_of(v);
      else if (conv == 'a') {
        v = repr(v);
        if (!v.is_exc()) v = str_value(ascii_escape(as_str(v)->view()));
      } else {
        return raise_fmt(exc::ValueError, "Unknown conversion specifier {}", conv);
      }
      if (v.is_exc()) return v;
    }
    Value r = format_value(v, str_new(spec));
    if (r.is_exc()) return r;
    out.append(as_str(r)->view());
    i = k + 1;
  }
  return Value::none();
}

Value str_format_method(Value* args, size_t nargs, TupleObject* kwnames) {
  FormatState st{args + 1, npos_args(nargs, kwnames) - 1, kwnames, Value::null()};
  std::string out;
  Value r = vformat(st, as_str(args[0])->view(), 0, out);
  if (r.is_exc()) return r;
  return str_value(out);
}

Value str_format_map_method(Value* args, size_t nargs, TupleObject* kwnames) {
  if (nargs != 2) return raise_fmt(exc::TypeError, "format_map() takes exactly one argument ({} given)", nargs - 1);
  FormatState st{nullptr, 0, nullptr, args[1]};
  std::string out;
  Value r = vformat(st, as_str(args[0])->view(), 0, out);
  if (r.is_exc()) return r;
  return str_value(out);
}

}  // namespace chaipy
