// interp/modules/atexit.cpp — the atexit module: functions registered with atexit.register run
// when the interpreter exits normally or through an uncaught exception (after its traceback), in
// last-registered-first order; run_exit_handlers() is called by main's finish_run. A handler
// that raises is reported as "Exception ignored in atexit callback: ..." and the rest still run.
#include <vector>

#include "interp/modules/modules.h"
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {
namespace {

struct Handler {
  Value func;
  TupleObject* args;
  TupleObject* kwnames;  // kw values follow args' items in `all`
  TupleObject* all;
};
std::vector<Handler>& handlers() {
  static auto* v = new std::vector<Handler>();
  return *v;
}
bool g_rooted = false;

void trace_handlers(Tracer& t) {
  for (auto& h : handlers()) {
    t.visit(h.func);
    t.visit(h.args);
    t.visit(h.kwnames);
    t.visit(h.all);
  }
}

Value ae_register(Value* args, size_t nargs, TupleObject* kw) {
  size_t nk = kw ? kw->size : 0;
  if (nargs - nk < 1) return raise(exc::TypeError, "register() takes at least 1 argument (0 given)");
  if (!type_of(args[0])->call) return raise(exc::TypeError, "the first argument must be callable");
  if (!g_rooted) {
    g_rooted = true;
    gc::add_root_scanner(trace_handlers);
  }
  TupleObject* all = tuple_new(nargs - 1);
  for (size_t i = 1; i < nargs; i++) all->items[i - 1] = args[i];
  handlers().push_back({args[0], nullptr, kw, all});
  return args[0];
}

Value ae_unregister(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("unregister", kw) || !check_nargs("unregister", nargs, 1, 1)) return Value::exc();
  auto& v = handlers();
  for (size_t i = v.size(); i-- > 0;) {
    int e = eq(v[i].func, args[0]);
    if (e < 0) return Value::exc();
    if (e) v.erase(v.begin() + long(i));
  }
  return Value::none();
}

Value ae_run(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_run_exitfuncs", kw) || !check_nargs("_run_exitfuncs", nargs, 0, 0)) return Value::exc();
  run_exit_handlers();
  return Value::none();
}

Value ae_clear(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_clear", kw) || !check_nargs("_clear", nargs, 0, 0)) return Value::exc();
  handlers().clear();
  return Value::none();
}

Value ae_ncallbacks(Value*, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("_ncallbacks", kw) || !check_nargs("_ncallbacks", nargs, 0, 0)) return Value::exc();
  return int_from_i64(int64_t(handlers().size()));
}

}  // namespace

void run_exit_handlers() {
  auto& v = handlers();
  while (!v.empty()) {
    Handler h = v.back();
    v.pop_back();
    Value r = call(h.func, h.all->items, h.all->size, h.kwnames);
    if (r.is_exc()) {
      Value e = exc_fetch();
      if (isinstance_exact(e, exc::SystemExit) || is_subtype(type_of(e), exc::SystemExit)) continue;
      stderr_write("Exception ignored in atexit callback: " + repr_utf8(h.func) + "\n");
      print_exception(e);
    }
  }
}

Value make_atexit_module() {
  Value m = module_new("atexit");
  module_add_functions(m.as<ModuleObject>()->dict, {{"register", ae_register},
                                                    {"unregister", ae_unregister},
                                                    {"_run_exitfuncs", ae_run},
                                                    {"_clear", ae_clear},
                                                    {"_ncallbacks", ae_ncallbacks}});
  return m;
}

}  // namespace chaipy
