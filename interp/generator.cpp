// interp/generator.cpp — the generator type: iteration, send, throw, close (frames are resumed
// by gen_resume in vm.cpp).
#include <cstdlib>

#include "interp/vm.h"

namespace chaipy {

namespace {

void gen_trace(Object* o, Tracer& t) {
  auto* g = static_cast<GeneratorObject*>(o);
  t.visit(g->exc_state);
  t.visit(g->name);
  t.visit(g->qualname);
  Frame* f = g->frame;
  if (!f) return;
  t.visit(f->code);
  t.visit(f->func);
  t.visit(f->globals);
  t.visit(f->builtins);
  t.visit(f->locals);
  for (uint32_t i = 0; i < g->sp_offset; i++) t.visit(f->localsplus[i]);
}

void gen_finalize(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  if (g->frame) {
    std::free(g->frame);
    gc::note_external(-int64_t(g->frame_bytes));
    g->frame = nullptr;
  }
}

GeneratorObject* self_gen(Value* args) { return args[0].as<GeneratorObject>(); }

Value gen_iter(Value self) { return self; }

Value gen_iternext(Value self) {
  bool yielded;
  Value r = gen_resume(self.as<GeneratorObject>(), Value::none(), false, &yielded);
  if (r.is_exc() || yielded) return r;
  return Value::null();  // returned: exhausted
}

// Raises StopIteration(value) for a generator that returned through send().
Value stop_iteration(Value v) {
  if (v.is_null() || v.is_none()) return raise_value(obj(exc::StopIteration));
  TupleObject* args = tuple_new(1);
  args->items[0] = v;
  Value e = exception_new(exc::StopIteration, args);
  if (e.is_exc()) return e;
  return raise_value(e);
}

Value gen_send(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("send", kw) || !check_nargs("send", nargs - 1, 1, 1)) return Value::exc();
  GeneratorObject* g = self_gen(args);
  if (!g->finished && g->frame && g->frame->pc == g->frame->code->code + 1 && !args[1].is_none())
    return raise(exc::TypeError, "can't send non-None value to a just-started generator");
  bool yielded;
  Value r = gen_resume(g, args[1], false, &yielded);
  if (r.is_exc() || yielded) return r;
  return stop_iteration(r);
}

Value gen_next_m(Value* args, size_t nargs, TupleObject* kw) {
  bool yielded;
  Value r = gen_resume(self_gen(args), Value::none(), false, &yielded);
  if (r.is_exc() || yielded) return r;
  return stop_iteration(r);
}

Value gen_throw(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("throw", kw) || !check_nargs("throw", nargs - 1, 1, 3)) return Value::exc();
  GeneratorObject* g = self_gen(args);
  Value e = args[1];
  if (nargs > 2 && !args[2].is_none() && e.is_obj() && e.as_obj()->type == types::type) e = call1(e, args[2]);
  if (e.is_exc()) return e;
  raise_value(e);
  if (g->finished || !g->frame) return Value::exc();
  bool yielded;
  Value r = gen_resume(g, Value::none(), true, &yielded);
  if (r.is_exc() || yielded) return r;
  return stop_iteration(r);
}

Value gen_close(Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = self_gen(args);
  if (g->finished || !g->frame) return Value::none();
  // A generator that never started just finishes.
  raise_value(obj(exc::GeneratorExit));
  bool yielded;
  Value r = gen_resume(g, Value::none(), true, &yielded);
  if (yielded) return raise(exc::RuntimeError, "generator ignored GeneratorExit");
  if (r.is_exc()) {
    if (exc_matches(exc::GeneratorExit) || exc_matches(exc::StopIteration)) {
      exc_fetch();
      return Value::none();
    }
    return r;
  }
  return Value::none();
}

Value gen_repr(Value self) {
  auto* g = self.as<GeneratorObject>();
  return str_value(fmt::format("<generator object {} at {:#x}>", g->qualname->view(), self.bits() & Value::kPayloadMask));
}

}  // namespace

void init_generator_type() {
  TypeObject* t = types::generator;
  t->instance_size = sizeof(GeneratorObject);
  t->trace = gen_trace;
  t->finalize = gen_finalize;
  t->iter = gen_iter;
  t->iternext = gen_iternext;
  t->repr = gen_repr;
  type_add_methods(t, {{"send", gen_send}, {"throw", gen_throw}, {"close", gen_close}, {"__next__", gen_next_m}});
}

}  // namespace chaipy
