// interp/modules/gc.cpp — the gc module over chaipy's mark-and-sweep collector (interp/gc.h):
// collect, enable/disable/isenabled, thresholds and counts, get_referents (through each type's
// trace), freeze (a no-op list of nothing: the collector is not generational), gc.callbacks.
//
// Differences from CPython, by design: objects die only in a collection (there is no reference
// counting), so collect() returns 0 (CPython counts unreachable cyclic objects) and
// get_referrers() / get_objects() return empty lists.
#include "interp/modules/modules.h"
#include "interp/runtime.h"

namespace chaipy {
namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

ListObject* g_callbacks = nullptr;
ListObject* g_garbage = nullptr;
int64_t g_thresholds[3] = {700, 10, 10};

bool no_args(const char* name, size_t nargs, TupleObject* kw) {
  return check_no_kwargs(name, kw) && check_nargs(name, nargs, 0, 0);
}

void run_callbacks(const char* phase, int64_t generation) {
  if (!g_callbacks || g_callbacks->size == 0) return;
  DictObject* info = dict_new();
  dict_set_str(info, NAME("generation"), int_from_i64(generation));
  dict_set_str(info, NAME("collected"), Value::from_small_int(0));
  dict_set_str(info, NAME("uncollectable"), Value::from_small_int(0));
  Value cbs = to_list(obj(g_callbacks));  // a callback may change the list
  if (cbs.is_exc()) {
    exc_fetch();
    return;
  }
  ListObject* l = cbs.as<ListObject>();
  for (uint64_t i = 0; i < l->size; i++) {
    Value r = call2(l->items[i], str_value(phase), obj(info));
    if (r.is_exc()) stderr_write_ignored(l->items[i], exc_fetch());
  }
}

Value gc_collect(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"generation", nullptr};
  Value a[1];
  if (!parse_args("collect", args, nargs, kw, names, 0, a)) return Value::exc();
  int64_t gen = 2;
  if (!a[0].is_null()) {
    if (!is_int(a[0])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(a[0]));
    if (!int_to_i64(a[0], &gen) || gen < 0 || gen > 2) return raise(exc::ValueError, "invalid generation");
  }
  run_callbacks("start", gen);
  gc::collect();
  if (exc_pending()) return Value::exc();
  run_callbacks("stop", gen);
  return Value::from_small_int(0);
}

Value gc_enable(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("enable", nargs, kw)) return Value::exc();
  gc::set_enabled(true);
  return Value::none();
}
Value gc_disable(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("disable", nargs, kw)) return Value::exc();
  gc::set_enabled(false);
  return Value::none();
}
Value gc_isenabled(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("isenabled", nargs, kw)) return Value::exc();
  return Value::from_bool(gc::enabled());
}

Value gc_get_count(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("get_count", nargs, kw)) return Value::exc();
  return tuple_pack({Value::from_small_int(0), Value::from_small_int(0), Value::from_small_int(0)});
}

Value gc_get_threshold(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("get_threshold", nargs, kw)) return Value::exc();
  return tuple_pack({int_from_i64(g_thresholds[0]), int_from_i64(g_thresholds[1]), int_from_i64(g_thresholds[2])});
}

Value gc_set_threshold(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("set_threshold", kw) || !check_nargs("set_threshold", nargs, 1, 3)) return Value::exc();
  for (size_t i = 0; i < nargs; i++) {
    if (!is_int(args[i])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[i]));
    if (!int_to_i64(args[i], &g_thresholds[i])) return raise(exc::OverflowError, "Python int too large to convert to C int");
  }
  return Value::none();
}

Value gc_get_referents(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get_referents", kw)) return Value::exc();
  // Live objects keep their mark bit until the lazy sweep reaches their page; the private
  // tracer below would skip them, so finish that sweep first.
  gc::sweep_all();
  ListObject* out = list_new(0);
  for (size_t i = 0; i < nargs; i++) {
    if (!args[i].is_obj()) continue;
    Object* o = args[i].as_obj();
    if (!o->type->trace) continue;
    // Trace into a private tracer; the visited objects get their mark bit set, so clear it again.
    Tracer t;
    o->type->trace(o, t);
    for (Object* r : t.stack) {
      r->gc &= ~1u;
      if (r->type != types::shape) list_append(out, obj(r));
    }
  }
  return obj(out);
}

Value gc_empty_list(Value*, size_t, TupleObject* kw) {
  if (!check_no_kwargs("get_referrers", kw)) return Value::exc();
  return obj(list_new(0));
}

Value gc_get_objects(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"generation", nullptr};
  Value a[1];
  if (!parse_args("get_objects", args, nargs, kw, names, 0, a)) return Value::exc();
  return obj(list_new(0));
}

Value gc_is_tracked(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("is_tracked", kw) || !check_nargs("is_tracked", nargs, 1, 1)) return Value::exc();
  // CPython tracks containers: objects that can hold references (atoms like int/str are not).
  Value v = args[0];
  if (!v.is_obj()) return Value::false_();
  TypeObject* t = v.as_obj()->type;
  bool atom = t == types::str || t == types::int_ || t == types::bytes || t == types::complex || t == types::none;
  return Value::from_bool(!atom && t->trace != nullptr);
}

Value gc_is_finalized(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("is_finalized", kw) || !check_nargs("is_finalized", nargs, 1, 1)) return Value::exc();
  return Value::false_();
}

Value gc_noop(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("freeze", kw) || !check_nargs("freeze", nargs, 0, 0)) return Value::exc();
  return Value::none();
}

Value gc_get_freeze_count(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("get_freeze_count", nargs, kw)) return Value::exc();
  return Value::from_small_int(0);
}

Value gc_get_debug(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("get_debug", nargs, kw)) return Value::exc();
  return Value::from_small_int(0);
}

Value gc_set_debug(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("set_debug", kw) || !check_nargs("set_debug", nargs, 1, 1)) return Value::exc();
  if (!is_int(args[0])) return raise_fmt(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[0]));
  return Value::none();
}

Value gc_get_stats(Value*, size_t nargs, TupleObject* kw) {
  if (!no_args("get_stats", nargs, kw)) return Value::exc();
  ListObject* l = list_new(0);
  for (int i = 0; i < 3; i++) {
    DictObject* d = dict_new();
    dict_set_str(d, NAME("collections"), int_from_i64(i == 2 ? int64_t(gc::stats().collections) : 0));
    dict_set_str(d, NAME("collected"), Value::from_small_int(0));
    dict_set_str(d, NAME("uncollectable"), Value::from_small_int(0));
    list_append(l, obj(d));
  }
  return obj(l);
}

void trace_lists(Tracer& t) {
  t.visit(g_callbacks);
  t.visit(g_garbage);
}

}  // namespace

Value make_gc_module() {
  if (!g_callbacks) {
    g_callbacks = list_new(0);
    g_garbage = list_new(0);
    gc::add_root_scanner(trace_lists);
  }
  Value m = module_new("gc");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"collect", gc_collect},
                           {"enable", gc_enable},
                           {"disable", gc_disable},
                           {"isenabled", gc_isenabled},
                           {"get_count", gc_get_count},
                           {"get_threshold", gc_get_threshold},
                           {"set_threshold", gc_set_threshold},
                           {"get_referents", gc_get_referents},
                           {"get_referrers", gc_empty_list},
                           {"get_objects", gc_get_objects},
                           {"is_tracked", gc_is_tracked},
                           {"is_finalized", gc_is_finalized},
                           {"freeze", gc_noop},
                           {"unfreeze", gc_noop},
                           {"get_freeze_count", gc_get_freeze_count},
                           {"get_debug", gc_get_debug},
                           {"set_debug", gc_set_debug},
                           {"get_stats", gc_get_stats}});
  dict_set_str(d, NAME("callbacks"), obj(g_callbacks));
  dict_set_str(d, NAME("garbage"), obj(g_garbage));
  const std::pair<const char*, int> flags[] = {{"DEBUG_STATS", 1}, {"DEBUG_COLLECTABLE", 2}, {"DEBUG_UNCOLLECTABLE", 4},
                                               {"DEBUG_SAVEALL", 32}, {"DEBUG_LEAK", 38}};
  for (auto& [n, v] : flags) dict_set_str(d, str_intern(n), Value::from_small_int(v));
  return m;
}

}  // namespace chaipy
