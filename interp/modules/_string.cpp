// interp/modules/_string.cpp — the _string module: the str.format parser exposed for
// string.Formatter (formatter_parser, formatter_field_name_split), with CPython's chunking
// (Objects/stringlib/unicode_format.h) and error messages.
#include <cctype>
#include <string>

#include "interp/runtime.h"

namespace chaipy {
namespace {

Value sub(std::string_view s) { return str_value(s); }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Value int_or_str(std::string_view s) { return all_digits(s) ? int_from_string(s, 10) : sub(s); }

// formatter_parser(s): a list iterator of (literal, field_name, format_spec, conversion).
Value formatter_parser(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("formatter_parser", kw) || !check_nargs("formatter_parser", nargs, 1, 1)) return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "expected str, got {}", type_name(args[0]));
  std::string_view s = as_str(args[0])->view();
  ListObject* out = list_new(0);
  size_t pos = 0, end = s.size();
  while (pos < end) {
    size_t start = pos;
    char c = 0;
    bool markup = false;
    while (pos < end) {
      c = s[pos++];
      if (c == '{' || c == '}') {
        markup = true;
        break;
      }
    }
    bool at_end = pos >= end;
    size_t len = pos - start;
    if (c == '}' && markup && (at_end || s[pos] != '}'))
      return raise(exc::ValueError, "Single '}' encountered in format string");
    if (at_end && c == '{' && markup) return raise(exc::ValueError, "Single '{' encountered in format string");
    if (!at_end && markup) {
      if (s[pos] == c) {
        pos++;  // an escaped brace: part of this literal, no field follows
        markup = false;
      } else {
        len--;
      }
    }
    Value literal = sub(s.substr(start, len));
    if (!markup) {
      list_append(out, tuple_pack({literal, Value::none(), Value::none(), Value::none()}));
      continue;
    }
    // The field (CPython 3.11's parse_field): name up to '!', ':' or '}', then the conversion,
    // then the spec up to the '}' that balances its nested braces.
    size_t fstart = pos;
    char e = 0;
    while (pos < end) {
      e = s[pos++];
      if (e == '{') return raise(exc::ValueError, "unexpected '{' in field name");
      if (e == '[') {
        while (pos < end && s[pos] != ']') pos++;
        continue;
      }
      if (e == '}' || e == ':' || e == '!') break;
    }
    std::string_view name = s.substr(fstart, pos - 1 - fstart), spec;
    Value conversion = Value::none();
    if (e == '!' || e == ':') {
      bool done = false;
      if (e == '!') {
        if (pos >= end) return raise(exc::ValueError, "end of string while looking for conversion specifier");
        conversion = sub(s.substr(pos++, 1));
        if (pos < end) {
          char d = s[pos++];
          if (d == '}') done = true;
          else if (d != ':') return raise(exc::ValueError, "expected ':' after conversion specifier");
        }
      }
      if (!done) {
        size_t spec_start = pos;
        int count = 1;
        while (pos < end) {
          char d = s[pos++];
          if (d == '{') count++;
          else if (d == '}' && --count == 0) break;
        }
        if (count != 0) return raise(exc::ValueError, "unmatched '{' in format spec");
        spec = s.substr(spec_start, pos - 1 - spec_start);
      }
    } else if (e != '}') {
      return raise(exc::ValueError, "expected '}' before end of string");
    }
    list_append(out, tuple_pack({literal, sub(name), sub(spec), conversion}));
  }
  return get_iter(obj(out));
}

// formatter_field_name_split("a.b[0]") -> ('a', iterator of (True, 'b'), (False, 0)).
Value formatter_field_name_split(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("formatter_field_name_split", kw) || !check_nargs("formatter_field_name_split", nargs, 1, 1))
    return Value::exc();
  if (!is_str(args[0])) return raise_fmt(exc::TypeError, "expected str, got {}", type_name(args[0]));
  std::string_view f = as_str(args[0])->view();
  size_t i = 0;
  while (i < f.size() && f[i] != '.' && f[i] != '[') i++;
  Value first = int_or_str(f.substr(0, i));
  if (first.is_exc()) return first;
  ListObject* rest = list_new(0);
  while (i < f.size()) {
    char c = f[i++];
    if (c == '.') {
      size_t k = i;
      while (k < f.size() && f[k] != '.' && f[k] != '[') k++;
      if (k == i) return raise(exc::ValueError, "Empty attribute in format string");
      list_append(rest, tuple_pack({Value::true_(), sub(f.substr(i, k - i))}));
      i = k;
    } else if (c == '[') {
      size_t k = i;
      while (k < f.size() && f[k] != ']') k++;
      if (k >= f.size()) return raise(exc::ValueError, "Missing ']' in format string");
      if (k == i) return raise(exc::ValueError, "Empty attribute in format string");
      Value key = int_or_str(f.substr(i, k - i));
      if (key.is_exc()) return key;
      list_append(rest, tuple_pack({Value::false_(), key}));
      i = k + 1;
      if (i < f.size() && f[i] != '.' && f[i] != '[')
        return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    } else {
      return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  Value it = get_iter(obj(rest));
  if (it.is_exc()) return it;
  return tuple_pack({first, it});
}

}  // namespace

Value make__string_module() {
  Value m = module_new("_string");
  module_add_functions(m.as<ModuleObject>()->dict, {{"formatter_parser", formatter_parser},
                                                    {"formatter_field_name_split", formatter_field_name_split}});
  return m;
}

}  // namespace chaipy
