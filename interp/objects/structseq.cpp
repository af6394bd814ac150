// interp/objects/structseq.cpp — struct sequences, the named tuples of C modules (sys.version_info,
// os.stat_result, time.struct_time, pwd.struct_passwd ...).
//
// A struct sequence type is a tuple subtype. The tuple's visible items are the first n_sequence
// fields; the remaining named-only fields (os.stat_result.st_atime_ns, time.struct_time.tm_zone)
// are stored after them in the same allocation, so len(), ==, hash and iteration see only the
// visible part, as in CPython. A field named "" is unnamed (reachable by index only).
#include <unordered_map>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

struct StructSeqDesc {
  std::string qualified;            // "os.stat_result"
  std::vector<std::string> fields;  // every field, visible ones first
  size_t n_sequence;                // visible fields
};
std::unordered_map<TypeObject*, StructSeqDesc>& descs() {
  static auto* m = new std::unordered_map<TypeObject*, StructSeqDesc>();
  return *m;
}
const StructSeqDesc* desc_of(TypeObject* t) {
  auto& m = descs();
  for (; t; t = t->base) {
    auto it = m.find(t);
    if (it != m.end()) return &it->second;
  }
  return nullptr;
}

void structseq_trace(Object* o, Tracer& t) {
  auto* tp = static_cast<TupleObject*>(o);
  const StructSeqDesc* d = desc_of(o->type);
  size_t n = d ? d->fields.size() : tp->size;
  for (size_t i = 0; i < n; i++) t.visit(tp->items[i]);
}

Value structseq_getattr(Value self, StrObject* name) {
  const StructSeqDesc* d = desc_of(type_of(self));
  std::string_view n = name->view();
  if (d && !n.empty()) {
    for (size_t i = 0; i < d->fields.size(); i++)
      if (d->fields[i] == n) return self.as<TupleObject>()->items[i];
  }
  Value r = generic_getattr(self, name);
  if (r.is_exc() && d && exc_matches(exc::AttributeError)) {
    exc_fetch();
    return raise_fmt(exc::AttributeError, "'{}' object has no attribute '{}'", d->qualified, n);
  }
  return r;
}

Value structseq_repr(Value self) {
  const StructSeqDesc* d = desc_of(type_of(self));
  auto* t = self.as<TupleObject>();
  std::string out = d->qualified + "(";
  size_t named = 0;  // the i-th visible item is shown under the i-th field that has a name
  for (size_t i = 0; i < t->size; i++) {
    while (named < d->fields.size() && d->fields[named].empty()) named++;
    if (i) out += ", ";
    Value r = repr(t->items[i]);
    if (r.is_exc()) return r;
    out += (named < d->fields.size() ? d->fields[named++] : std::string("?")) + "=" + std::string(as_str(r)->view());
  }
  return str_value(out + ")");
}

// T(sequence, dict=None): the visible fields from the sequence, named-only ones from the rest of
// it, then from dict, else None.
Value structseq_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kwnames) {
  const StructSeqDesc* d = desc_of(type);
  static const char* const names[] = {"sequence", "dict", nullptr};
  Value a[2];
  if (!parse_args(type->name->data, args, nargs, kwnames, names, 1, a)) return Value::exc();
  Value seq = to_tuple(a[0]);
  if (seq.is_exc()) return seq;
  auto* st = seq.as<TupleObject>();
  size_t len = st->size, min = d->n_sequence, max = d->fields.size();
  if (len < min) {
    if (min == max)
      return raise_fmt(exc::TypeError, "{}() takes a {}-sequence ({}-sequence given)", d->qualified, min, len);
    return raise_fmt(exc::TypeError, "{}() takes an at least {}-sequence ({}-sequence given)", d->qualified, min, len);
  }
  if (len > max) {
    if (min == max)
      return raise_fmt(exc::TypeError, "{}() takes a {}-sequence ({}-sequence given)", d->qualified, min, len);
    return raise_fmt(exc::TypeError, "{}() takes an at most {}-sequence ({}-sequence given)", d->qualified, max, len);
  }
  if (!a[1].is_null() && !a[1].is_none() && !is_dict(a[1]))
    return raise_fmt(exc::TypeError, "{}() takes a dict as second arg, if any", d->qualified);
  TupleObject* t = tuple_new(max);
  for (size_t i = 0; i < max; i++) {
    Value v = Value::none();
    if (i < len) {
      v = st->items[i];
    } else if (!a[1].is_null() && !a[1].is_none() && !d->fields[i].empty()) {
      Value g = dict_get(a[1].as<DictObject>(), str_value(d->fields[i]));
      if (g.is_exc()) return g;
      if (!g.is_null()) v = g;
    }
    t->items[i] = v;
  }
  t->size = d->n_sequence;
  t->type = type;
  return obj(t);
}

Value structseq_reduce(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("__reduce__", kwnames) || !check_nargs("__reduce__", nargs - 1, 0, 0)) return Value::exc();
  auto* t = args[0].as<TupleObject>();
  const StructSeqDesc* d = desc_of(type_of(args[0]));
  DictObject* extra = dict_new();
  for (size_t i = d->n_sequence; i < d->fields.size(); i++)
    if (!d->fields[i].empty()) dict_set(extra, str_value(d->fields[i]), t->items[i]);
  return tuple_pack({obj(type_of(args[0])), tuple_pack({tuple_from_array(t->items, t->size), obj(extra)})});
}

}  // namespace

TypeObject* make_struct_seq_type(std::string_view module, const char* name, std::vector<std::string> fields,
                                 size_t n_sequence) {
  TypeObject* t = make_builtin_type(name, types::tuple, sizeof(TupleObject), kTypeTupleSubclass);
  t->module = str_intern(module);
  TypeObject* tup = types::tuple;
  t->iter = tup->iter;
  t->len = tup->len;
  t->getitem = tup->getitem;
  t->contains = tup->contains;
  t->boolean = tup->boolean;
  t->binop = tup->binop;
  t->hash = tup->hash;
  t->richcompare = tup->richcompare;
  t->finalize = tup->finalize;
  t->trace = structseq_trace;
  t->getattr = structseq_getattr;
  t->repr = structseq_repr;
  t->str = structseq_repr;
  t->tp_new = structseq_new;
  if (n_sequence > fields.size()) n_sequence = fields.size();
  size_t unnamed = 0;
  for (const auto& f : fields) unnamed += f.empty();
  DictObject* d = t->dict;
  dict_set_str(d, str_intern("n_sequence_fields"), int_from_i64(int64_t(n_sequence)));
  dict_set_str(d, str_intern("n_fields"), int_from_i64(int64_t(fields.size())));
  dict_set_str(d, str_intern("n_unnamed_fields"), int_from_i64(int64_t(unnamed)));
  TupleObject* match_args = tuple_new(n_sequence - unnamed);
  for (size_t i = 0, k = 0; i < n_sequence; i++)
    if (!fields[i].empty()) match_args->items[k++] = str_value(fields[i]);
  dict_set_str(d, str_intern("__match_args__"), obj(match_args));
  type_add_methods(t, {{"__reduce__", structseq_reduce}});
  // A tp_name without a dot (CPython's asyncgen_hooks) means module "builtins", not shown in reprs.
  descs()[t] = {module == "builtins" ? std::string(name) : std::string(module) + "." + name, std::move(fields), n_sequence};
  return t;
}

Value struct_seq_new(TypeObject* t, std::initializer_list<Value> items) {
  return struct_seq_from(t, items.begin(), items.size());
}

Value struct_seq_from(TypeObject* t, const Value* items, size_t n) {
  const StructSeqDesc* d = desc_of(t);
  size_t max = d->fields.size();
  TupleObject* tup = tuple_new(max);
  for (size_t i = 0; i < max; i++) tup->items[i] = i < n ? items[i] : Value::none();
  tup->size = d->n_sequence;
  tup->type = t;
  return obj(tup);
}

}  // namespace chaipy
