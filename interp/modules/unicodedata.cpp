// interp/modules/unicodedata.cpp — the unicodedata module over unicode/unicode.h: character
// properties, names, decompositions and normalization, and the UCD type whose one instance,
// ucd_3_2_0, answers as Unicode 3.2 for IDNA (stringprep) — approximated by treating the code
// points assigned after 3.2 (DerivedAge) as unassigned (see docs/compatibility.md).
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "unicode/unicode.h"

namespace chaipy {

namespace {

TypeObject* ucd_type;

// The code point of a one-character str argument; false after CPython's TypeError.
bool char_arg(const char* fname, Value v, bool numbered, uint32_t* cp) {
  if (is_str(v) && as_str(v)->length == 1) {
    int len;
    *cp = utf8_decode(as_str(v)->data, &len);
    return true;
  }
  raise_fmt(exc::TypeError, "{}() argument {}must be a unicode character, not {}", fname, numbered ? "1 " : "",
            type_name(v));
  return false;
}

// Functions exist twice: module-level (the current version) and as UCD methods (self first;
// ucd_3_2_0 is the only instance). Each implementation takes the "3.2" flag and the arguments.
using Impl = Value (*)(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames);
template <Impl F>
Value module_fn(Value* args, size_t nargs, TupleObject* kwnames) { return F(false, args, nargs, kwnames); }
template <Impl F>
Value ucd_method(Value* args, size_t nargs, TupleObject* kwnames) { return F(true, args + 1, nargs - 1, kwnames); }

// One character argument, no keywords; `unassigned` is true when the 3.2 view hides it.
bool one_char(const char* fname, bool v3_2, Value* args, size_t nargs, TupleObject* kwnames, uint32_t* cp,
              bool* unassigned) {
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 1, 1) || !char_arg(fname, args[0], false, cp))
    return false;
  *unassigned = v3_2 && !unicode::assigned_in_3_2(*cp);
  return true;
}

#define CHAR_PROPERTY(fname, expr_unassigned, expr)                                      \
  Value ud_##fname(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {        \
    uint32_t cp;                                                                         \
    bool unassigned;                                                                     \
    if (!one_char(#fname, v3_2, args, nargs, kwnames, &cp, &unassigned)) return Value::exc(); \
    return unassigned ? (expr_unassigned) : (expr);                                      \
  }
CHAR_PROPERTY(category, obj(str_intern("Cn")), obj(str_intern(unicode::category(cp))))
CHAR_PROPERTY(bidirectional, obj(str_intern("")), obj(str_intern(unicode::bidirectional(cp))))
CHAR_PROPERTY(combining, int_from_i64(0), int_from_i64(unicode::combining(cp)))
CHAR_PROPERTY(mirrored, int_from_i64(0), int_from_i64(unicode::mirrored(cp)))
CHAR_PROPERTY(east_asian_width, obj(str_intern("F")), obj(str_intern(unicode::east_asian_width(cp))))
CHAR_PROPERTY(decomposition, obj(str_intern("")), str_value(unicode::decomposition(cp)))
#undef CHAR_PROPERTY

// decimal / digit / numeric / name: (chr, default=<none>, /); ValueError without a default.
bool char_and_default(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, uint32_t* cp) {
  return check_no_kwargs(fname, kwnames) && check_nargs(fname, nargs, 1, 2) && char_arg(fname, args[0], true, cp);
}
Value missing(Value* args, size_t nargs, const char* msg) {
  if (nargs > 1) return args[1];
  return raise(exc::ValueError, msg);
}

Value ud_decimal(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  uint32_t cp;
  if (!char_and_default("decimal", args, nargs, kwnames, &cp)) return Value::exc();
  int d = v3_2 && !unicode::assigned_in_3_2(cp) ? -1 : unicode::decimal_value(cp);
  return d < 0 ? missing(args, nargs, "not a decimal") : int_from_i64(d);
}
Value ud_digit(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  uint32_t cp;
  if (!char_and_default("digit", args, nargs, kwnames, &cp)) return Value::exc();
  int d = v3_2 && !unicode::assigned_in_3_2(cp) ? -1 : unicode::digit_value(cp);
  return d < 0 ? missing(args, nargs, "not a digit") : int_from_i64(d);
}
Value ud_numeric(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  uint32_t cp;
  if (!char_and_default("numeric", args, nargs, kwnames, &cp)) return Value::exc();
  double v;
  if ((v3_2 && !unicode::assigned_in_3_2(cp)) || !unicode::numeric_value(cp, &v))
    return missing(args, nargs, "not a numeric character");
  return Value::from_double(v);
}
Value ud_name(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  uint32_t cp;
  if (!char_and_default("name", args, nargs, kwnames, &cp)) return Value::exc();
  std::string n;
  if ((v3_2 && !unicode::assigned_in_3_2(cp)) || !unicode::name(cp, &n)) return missing(args, nargs, "no such name");
  return str_value(n);
}

Value ud_lookup(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("lookup", kwnames) || !check_nargs("lookup", nargs, 1, 1)) return Value::exc();
  std::string_view name;
  if (is_str(args[0])) name = as_str(args[0])->view();
  else if (is_bytes(args[0])) name = {args[0].as<BytesObject>()->data, args[0].as<BytesObject>()->size};
  else return raise_fmt(exc::TypeError, "lookup() argument must be str, not {}", type_name(args[0]));
  if (name.size() > 256) return raise_key_error(str_value("name too long"));
  std::string out;
  bool found = unicode::lookup(name, !v3_2, &out);
  if (found && v3_2) {
    int len;
    found = unicode::assigned_in_3_2(utf8_decode(out.data(), &len));
  }
  if (!found) return raise_key_error(str_value(fmt::format("undefined character name '{}'", name)));
  return str_value(out);
}

bool form_arg(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, unicode::NormalForm* form) {
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 2, 2)) return false;
  for (int i = 0; i < 2; i++)
    if (!is_str(args[i])) {
      raise_fmt(exc::TypeError, "{}() argument {} must be str, not {}", fname, i + 1, type_name(args[i]));
      return false;
    }
  std::string_view f = as_str(args[0])->view();
  if (f == "NFC") *form = unicode::NormalForm::kNFC;
  else if (f == "NFD") *form = unicode::NormalForm::kNFD;
  else if (f == "NFKC") *form = unicode::NormalForm::kNFKC;
  else if (f == "NFKD") *form = unicode::NormalForm::kNFKD;
  else {
    raise(exc::ValueError, "invalid normalization form");
    return false;
  }
  return true;
}

Value ud_normalize(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  unicode::NormalForm form;
  if (!form_arg("normalize", args, nargs, kwnames, &form)) return Value::exc();
  StrObject* s = as_str(args[1]);
  if (s->ascii) return args[1];
  std::string r = unicode::normalize(form, s->view(), v3_2);
  if (r == s->view() && s->type == types::str) return args[1];
  return str_value(r);
}

Value ud_is_normalized(bool v3_2, Value* args, size_t nargs, TupleObject* kwnames) {
  unicode::NormalForm form;
  if (!form_arg("is_normalized", args, nargs, kwnames, &form)) return Value::exc();
  return Value::from_bool(unicode::is_normalized(form, as_str(args[1])->view(), v3_2));
}

// ORDER: the same list for the module and for UCD.
#define UD_FUNCTIONS(X)                                                                         \
  X(bidirectional) X(category) X(combining) X(decimal) X(decomposition) X(digit)                \
  X(east_asian_width) X(is_normalized) X(lookup) X(mirrored) X(name) X(normalize) X(numeric)

Value ucd_getattr(Value self, StrObject* name) {
  if (name->view() == "unidata_version") return obj(str_intern("3.2.0"));
  return generic_getattr(self, name);
}

}  // namespace

Value make_unicodedata_module() {
  Value m = module_new("unicodedata");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
#define X(name) {#name, module_fn<ud_##name>},
      UD_FUNCTIONS(X)
#undef X
  });
  dict_set_str(d, str_intern("unidata_version"), obj(str_intern(unicode::unidata_version())));
  if (!ucd_type) {
    ucd_type = make_builtin_type("UCD", types::object, sizeof(Object), 0);
    ucd_type->module = str_intern("unicodedata");
    ucd_type->getattr = ucd_getattr;
    type_add_methods(ucd_type, {
#define X(name) {#name, ucd_method<ud_##name>},
        UD_FUNCTIONS(X)
#undef X
    });
  }
  dict_set_str(d, str_intern("UCD"), obj(ucd_type));
  dict_set_str(d, str_intern("ucd_3_2_0"), obj(gc::make<Object>(ucd_type)));
  return m;
}

}  // namespace chaipy
