// interp/generator.cpp — generators, coroutines and async generators (PEP 342, 492, 525): send,
// throw and close with delegation to the iterator a suspended `yield from` / `await` is driving,
// the awaitables async generators hand out (asend/athrow/aclose), `coro.__await__()`, the
// GET_AWAITABLE / GET_AITER / GET_ANEXT protocols and builtins aiter/anext. Frames are resumed by
// gen_resume in vm.cpp.
#include <cstdlib>

#include "interp/vm.h"

namespace chaipy {

namespace types {
TypeObject *coroutine, *async_generator;
}

namespace {

// Internal awaitable types (not reachable by name from Python, as in CPython).
TypeObject *t_coro_wrapper, *t_asend, *t_athrow, *t_wrapped, *t_anext_awaitable;

// -- Common state ------------------------------------------------------------------------------------
void gen_trace(Object* o, Tracer& t) {
  auto* g = static_cast<GeneratorObject*>(o);
  t.visit(g->exc_state);
  t.visit(g->name);
  t.visit(g->qualname);
  t.visit(g->code);
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

bool is_gen_like(Value v) {
  if (!v.is_obj()) return false;
  TypeObject* t = v.as_obj()->type;
  return t == types::generator || t == types::coroutine || t == types::async_generator;
}
GeneratorObject* as_gen(Value v) { return v.as<GeneratorObject>(); }

// A suspended frame that has not run yet stops right after RETURN_GENERATOR.
bool gen_started(GeneratorObject* g) { return !g->frame || insn_op(g->frame->pc[-1]) != Op::RETURN_GENERATOR; }

// The iterator a suspended `yield from` / `await` delegates to (CPython's _PyGen_yf), or null.
// Suspended in the SEND loop, the next instruction is its JUMP_BACKWARD_NO_INTERRUPT and the
// receiver is on top of the stack.
Value gen_yf(GeneratorObject* g) {
  if (g->finished || !g->frame || !gen_started(g)) return Value::null();
  if (insn_op(*g->frame->pc) != Op::JUMP_BACKWARD_NO_INTERRUPT || g->sp_offset == 0) return Value::null();
  return g->frame->localsplus[g->sp_offset - 1];
}

const char* kind_name(GeneratorObject* g) {
  return g->type == types::coroutine ? "coroutine" : g->type == types::async_generator ? "async generator" : "generator";
}

// Raises StopIteration(value) (a bare StopIteration for None / null).
Value stop_iteration(Value v) {
  if (v.is_null() || v.is_none()) return raise_value(obj(exc::StopIteration));
  TupleObject* args = tuple_new(1);
  args->items[0] = v;
  Value e = exception_new(exc::StopIteration, args);
  if (e.is_exc()) return e;
  return raise_value(e);
}

// The value of a pending StopIteration (clearing it), or null with the exception left pending.
Value fetch_stop_value() {
  if (!exc_matches(exc::StopIteration)) return Value::null();
  Value e = exc_fetch();
  auto* eo = e.as<ExceptionObject>();
  return eo->args && eo->args->size ? eo->args->items[0] : Value::none();
}

// gen.send(v) as the Python method sees it: the yielded value, or StopIteration(return value)
// (StopAsyncIteration for an async generator that returned).
Value gen_send_ex(GeneratorObject* g, Value v, bool throwing, bool closing = false) {
  bool yielded;
  Value r = gen_resume(g, v, throwing, &yielded, closing);
  if (r.is_exc() || yielded) return r;
  if (g->type == types::async_generator) return raise_value(obj(exc::StopAsyncIteration));
  if (r.is_null() && throwing) return Value::exc();
  return stop_iteration(r);
}

Value gen_close_impl(GeneratorObject* g);

// close() of whatever a yield-from is delegating to: 0 or -1 with the exception pending.
int close_iter(Value yf) {
  Value r;
  if (is_gen_like(yf) && as_gen(yf)->type != types::async_generator) {
    r = gen_close_impl(as_gen(yf));
  } else {
    Value m = getattr_opt(yf, str_intern("close"));
    if (m.is_exc()) return -1;
    if (m.is_null()) return 0;
    r = call0(m);
  }
  return r.is_exc() ? -1 : 0;
}

// gen.throw(e) with the exception `e` (an instance) pending-to-be: delegates to the iterator a
// yield from is driving first (CPython's _gen_throw).
Value gen_throw_impl(GeneratorObject* g, Value e, bool close_on_genexit) {
  Value yf = gen_yf(g);
  if (!yf.is_null()) {
    Value ret;
    if (close_on_genexit && is_subtype(type_of(e), exc::GeneratorExit)) {
      g->running = true;
      int err = close_iter(yf);
      g->running = false;
      if (err < 0) return gen_send_ex(g, Value::none(), true);
      raise_value(e);
      return gen_send_ex(g, Value::none(), true);
    }
    if (is_gen_like(yf) && as_gen(yf)->type != types::async_generator) {
      g->running = true;
      ret = gen_throw_impl(as_gen(yf), e, close_on_genexit);
      g->running = false;
    } else {
      Value m = getattr_opt(yf, str_intern("throw"));
      if (m.is_exc()) return m;
      if (m.is_null()) {
        raise_value(e);
        return gen_send_ex(g, Value::none(), true);
      }
      g->running = true;
      ret = call1(m, e);
      g->running = false;
    }
    if (!ret.is_exc()) return ret;
    // The delegate finished: pop it and continue after the SEND loop, with its result or its
    // exception.
    g->sp_offset--;
    const uint32_t* code = g->frame->code->code;
    uint32_t send_at = insn_arg(*g->frame->pc);
    g->frame->pc = code + insn_arg(code[send_at]);
    Value v = fetch_stop_value();
    if (!v.is_null()) return gen_send_ex(g, v, false);
    return gen_send_ex(g, Value::none(), true);
  }
  raise_value(e);
  return gen_send_ex(g, Value::none(), true);
}

Value gen_close_impl(GeneratorObject* g) {
  if (g->finished || !g->frame) return Value::none();
  Value yf = gen_yf(g);
  int err = 0;
  if (!yf.is_null()) {
    g->running = true;
    err = close_iter(yf);
    g->running = false;
  }
  if (err == 0) raise_value(obj(exc::GeneratorExit));
  bool yielded;
  Value r = gen_resume(g, Value::none(), true, &yielded, true);
  if (!r.is_exc()) {
    if (yielded || g->type == types::async_generator)
      return raise_fmt(exc::RuntimeError, "{} ignored GeneratorExit", kind_name(g));
    return Value::none();
  }
  if (exc_matches(exc::GeneratorExit) || exc_matches(exc::StopIteration)) {
    exc_fetch();
    return Value::none();
  }
  return r;
}

// The exception throw(typ[, val[, tb]]) raises, as an instance (or exc).
Value throw_args_exception(const char* fname, Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs(fname, kw) || !check_nargs(fname, nargs, 1, 3)) return Value::exc();
  Value e = args[0];
  if (e.is_obj() && is_subtype(type_of(e), types::type)) {
    if (!is_subtype(e.as<TypeObject>(), exc::BaseException))
      return raise(exc::TypeError, "exceptions must be classes or instances deriving from BaseException, not type");
    if (nargs > 1 && !args[1].is_none()) {
      Value v = args[1];
      if (type_of(v)->flags & kTypeExceptionLayout && is_subtype(type_of(v), e.as<TypeObject>())) {
        e = v;
      } else {
        e = is_tuple(v) ? call(e, v.as<TupleObject>()->items, v.as<TupleObject>()->size) : call1(e, v);
      }
    } else {
      e = call0(e);
    }
    if (e.is_exc()) return e;
  } else if (type_of(e)->flags & kTypeExceptionLayout) {
    if (nargs > 1 && !args[1].is_none())
      return raise(exc::TypeError, "instance exception may not have a separate value");
  } else {
    return raise_fmt(exc::TypeError, "exceptions must be classes or instances deriving from BaseException, not {}",
                     type_name(e));
  }
  if (nargs > 2 && !args[2].is_none()) {
    if (!isinstance_exact(args[2], types::traceback)) return raise(exc::TypeError, "throw() third argument must be a traceback object");
    e.as<ExceptionObject>()->traceback = args[2];
  }
  return e;
}

// -- generator / coroutine methods ---------------------------------------------------------------
GeneratorObject* self_gen(Value* args) { return args[0].as<GeneratorObject>(); }

Value gen_iter(Value self) { return self; }

Value gen_iternext(Value self) {
  bool yielded;
  Value r = gen_resume(self.as<GeneratorObject>(), Value::none(), false, &yielded);
  if (r.is_exc() || yielded) return r;
  return Value::null();  // returned: exhausted
}

Value gen_send(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("send", kw) || !check_nargs("send", nargs - 1, 1, 1)) return Value::exc();
  GeneratorObject* g = self_gen(args);
  if (!g->finished && !gen_started(g) && !args[1].is_none())
    return raise_fmt(exc::TypeError, "can't send non-None value to a just-started {}", kind_name(g));
  return gen_send_ex(g, args[1], false);
}

Value gen_next_m(Value* args, size_t nargs, TupleObject* kw) { return gen_send_ex(self_gen(args), Value::none(), false); }

Value gen_throw(Value* args, size_t nargs, TupleObject* kw) {
  Value e = throw_args_exception("throw", args + 1, nargs - 1, kw);
  if (e.is_exc()) return e;
  return gen_throw_impl(self_gen(args), e, true);
}

Value gen_close(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("close", kw) || !check_nargs("close", nargs - 1, 0, 0)) return Value::exc();
  return gen_close_impl(self_gen(args));
}

Value gen_repr(Value self) {
  auto* g = self.as<GeneratorObject>();
  const char* what = g->type == types::coroutine ? "coroutine" : g->type == types::async_generator ? "async_generator" : "generator";
  return str_value(fmt::format("<{} object {} at {:#x}>", what, g->qualname->view(), self.bits() & Value::kPayloadMask));
}

// gi_* / cr_* / ag_* attributes. There are no frame objects yet: *_frame is None.
Value gen_getattr(Value self, StrObject* name) {
  auto* g = self.as<GeneratorObject>();
  std::string_view n = name->view();
  std::string_view prefix = g->type == types::coroutine ? "cr_" : g->type == types::async_generator ? "ag_" : "gi_";
  if (n == "__name__") return obj(g->name);
  if (n == "__qualname__") return obj(g->qualname);
  if (n.size() > 3 && n.substr(0, 3) == prefix) {
    std::string_view a = n.substr(3);
    if (a == "code") return obj(g->code);
    if (a == "running") return Value::from_bool(g->type == types::async_generator ? g->ag_running_async : g->running);
    if (a == "frame") return Value::none();
    if (a == "suspended" && g->type == types::generator) return Value::from_bool(!g->finished && !g->running && gen_started(g));
    if ((a == "await" && g->type != types::generator) || (a == "yieldfrom" && g->type == types::generator)) {
      Value yf = gen_yf(g);
      return yf.is_null() ? Value::none() : yf;
    }
    if (a == "origin" && g->type == types::coroutine) return Value::none();
  }
  return generic_getattr(self, name);
}

// -- coroutine.__await__() -----------------------------------------------------------------------
struct CoroWrapper : Object {
  Value coro;
};
void wrapper_trace(Object* o, Tracer& t) { t.visit(static_cast<CoroWrapper*>(o)->coro); }
GeneratorObject* wrapped_coro(Value* args) { return args[0].as<CoroWrapper>()->coro.as<GeneratorObject>(); }

Value coro_await(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__await__", kw) || !check_nargs("__await__", nargs - 1, 0, 0)) return Value::exc();
  auto* w = gc::make<CoroWrapper>(t_coro_wrapper);
  w->coro = args[0];
  return obj(w);
}
Value cw_iternext(Value self) { return gen_send_ex(self.as<CoroWrapper>()->coro.as<GeneratorObject>(), Value::none(), false); }
Value cw_send(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("send", kw) || !check_nargs("send", nargs - 1, 1, 1)) return Value::exc();
  GeneratorObject* g = wrapped_coro(args);
  if (!g->finished && !gen_started(g) && !args[1].is_none())
    return raise(exc::TypeError, "can't send non-None value to a just-started coroutine");
  return gen_send_ex(g, args[1], false);
}
Value cw_throw(Value* args, size_t nargs, TupleObject* kw) {
  Value e = throw_args_exception("throw", args + 1, nargs - 1, kw);
  if (e.is_exc()) return e;
  return gen_throw_impl(wrapped_coro(args), e, true);
}
Value cw_close(Value* args, size_t nargs, TupleObject* kw) { return gen_close_impl(wrapped_coro(args)); }

// -- Async generators: the wrapped values they yield, asend() and athrow()/aclose() ------------
struct Wrapped : Object {
  Value value;
};
void wrapped_trace(Object* o, Tracer& t) { t.visit(static_cast<Wrapped*>(o)->value); }

enum AwaitableState : uint8_t { kInit, kIter, kClosed };
struct AsyncGenOp : Object {
  Value gen;
  Value arg;      // asend: the value to send; athrow: the exception (null for aclose)
  uint8_t state;
};
void agop_trace(Object* o, Tracer& t) {
  auto* a = static_cast<AsyncGenOp*>(o);
  t.visit(a->gen);
  t.visit(a->arg);
}
GeneratorObject* agop_gen(Value self) { return self.as<AsyncGenOp>()->gen.as<GeneratorObject>(); }

// An async yield (a Wrapped value) completes the awaitable: StopIteration(value). Anything else
// is an inner await's value, passed through to whoever drives the awaitable.
Value async_gen_unwrap(GeneratorObject* g, Value r) {
  if (r.is_exc()) {
    if (exc_matches(exc::StopAsyncIteration) || exc_matches(exc::GeneratorExit)) g->ag_closed = true;
    g->ag_running_async = false;
    return r;
  }
  if (isinstance_exact(r, t_wrapped)) {
    g->ag_running_async = false;
    return stop_iteration(r.as<Wrapped>()->value);
  }
  return r;
}

Value new_agop(TypeObject* t, Value gen, Value arg) {
  auto* a = gc::make<AsyncGenOp>(t);
  a->gen = gen;
  a->arg = arg;
  a->state = kInit;
  return obj(a);
}

Value asend_send_impl(Value self, Value v) {
  auto* a = self.as<AsyncGenOp>();
  GeneratorObject* g = agop_gen(self);
  if (a->state == kClosed) return raise(exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  if (a->state == kInit) {
    if (g->ag_running_async) return raise(exc::RuntimeError, "anext(): asynchronous generator is already running");
    if (v.is_null() || v.is_none()) v = a->arg;
    a->state = kIter;
  }
  g->ag_running_async = true;
  if (!g->finished && !gen_started(g) && !v.is_none()) {
    g->ag_running_async = false;
    a->state = kClosed;
    return raise(exc::TypeError, "can't send non-None value to a just-started async generator");
  }
  Value r = async_gen_unwrap(g, gen_send_ex(g, v, false));
  if (r.is_exc()) a->state = kClosed;
  return r;
}
Value asend_iternext(Value self) { return asend_send_impl(self, Value::null()); }
Value asend_send(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("send", kw) || !check_nargs("send", nargs - 1, 1, 1)) return Value::exc();
  return asend_send_impl(args[0], args[1]);
}
Value asend_throw(Value* args, size_t nargs, TupleObject* kw) {
  auto* a = args[0].as<AsyncGenOp>();
  if (a->state == kClosed) return raise(exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  Value e = throw_args_exception("throw", args + 1, nargs - 1, kw);
  if (e.is_exc()) return e;
  Value r = async_gen_unwrap(agop_gen(args[0]), gen_throw_impl(agop_gen(args[0]), e, true));
  if (r.is_exc()) a->state = kClosed;
  return r;
}
Value agop_close(Value* args, size_t nargs, TupleObject* kw) {
  args[0].as<AsyncGenOp>()->state = kClosed;
  return Value::none();
}

// athrow()/aclose() (arg null) awaitable.
Value athrow_check_error(AsyncGenOp* a, GeneratorObject* g) {
  g->ag_running_async = false;
  a->state = kClosed;
  if (a->arg.is_null() && (exc_matches(exc::StopAsyncIteration) || exc_matches(exc::GeneratorExit))) {
    exc_fetch();
    return raise_value(obj(exc::StopIteration));
  }
  return Value::exc();
}
Value athrow_yield_close(AsyncGenOp* a, GeneratorObject* g) {
  g->ag_running_async = false;
  a->state = kClosed;
  return raise(exc::RuntimeError, "async generator ignored GeneratorExit");
}

Value athrow_send_impl(Value self, Value v) {
  auto* a = self.as<AsyncGenOp>();
  GeneratorObject* g = agop_gen(self);
  bool aclose = a->arg.is_null();
  if (a->state == kClosed) return raise(exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  if (g->finished) {
    a->state = kClosed;
    return raise_value(obj(exc::StopIteration));
  }
  if (a->state == kInit) {
    if (g->ag_running_async) {
      a->state = kClosed;
      return raise(exc::RuntimeError, aclose ? "aclose(): asynchronous generator is already running"
                                             : "athrow(): asynchronous generator is already running");
    }
    if (g->ag_closed) {
      a->state = kClosed;
      return raise_value(obj(exc::StopAsyncIteration));
    }
    if (!v.is_null() && !v.is_none()) return raise(exc::RuntimeError, "can't send non-None value to a just-started coroutine");
    a->state = kIter;
    g->ag_running_async = true;
    Value r;
    if (aclose) {
      g->ag_closed = true;
      Value ge = call0(obj(exc::GeneratorExit));
      if (ge.is_exc()) return ge;
      r = gen_throw_impl(g, ge, false);
      if (!r.is_exc() && isinstance_exact(r, t_wrapped)) return athrow_yield_close(a, g);
    } else {
      r = async_gen_unwrap(g, gen_throw_impl(g, a->arg, false));
    }
    if (r.is_exc()) return athrow_check_error(a, g);
    return r;
  }
  Value r = gen_send_ex(g, v.is_null() ? Value::none() : v, false);
  if (!aclose) return async_gen_unwrap(g, r);
  if (r.is_exc()) return athrow_check_error(a, g);
  if (isinstance_exact(r, t_wrapped)) return athrow_yield_close(a, g);
  return r;
}
Value athrow_iternext(Value self) { return athrow_send_impl(self, Value::null()); }
Value athrow_send(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("send", kw) || !check_nargs("send", nargs - 1, 1, 1)) return Value::exc();
  return athrow_send_impl(args[0], args[1]);
}
Value athrow_throw(Value* args, size_t nargs, TupleObject* kw) {
  auto* a = args[0].as<AsyncGenOp>();
  GeneratorObject* g = agop_gen(args[0]);
  if (a->state == kClosed) return raise(exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  Value e = throw_args_exception("throw", args + 1, nargs - 1, kw);
  if (e.is_exc()) return e;
  Value r = gen_throw_impl(g, e, true);
  if (!a->arg.is_null()) return async_gen_unwrap(g, r);
  if (!r.is_exc() && isinstance_exact(r, t_wrapped)) return athrow_yield_close(a, g);
  if (r.is_exc() && (exc_matches(exc::StopAsyncIteration) || exc_matches(exc::GeneratorExit))) {
    exc_fetch();
    return raise_value(obj(exc::StopIteration));
  }
  return r;
}

Value agen_anext_value(Value self) { return new_agop(t_asend, self, Value::none()); }
Value agen_anext(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__anext__", kw) || !check_nargs("__anext__", nargs - 1, 0, 0)) return Value::exc();
  return agen_anext_value(args[0]);
}
Value agen_aiter(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__aiter__", kw) || !check_nargs("__aiter__", nargs - 1, 0, 0)) return Value::exc();
  return args[0];
}
Value agen_asend(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("asend", kw) || !check_nargs("asend", nargs - 1, 1, 1)) return Value::exc();
  return new_agop(t_asend, args[0], args[1]);
}
Value agen_athrow(Value* args, size_t nargs, TupleObject* kw) {
  Value e = throw_args_exception("athrow", args + 1, nargs - 1, kw);
  if (e.is_exc()) return e;
  return new_agop(t_athrow, args[0], e);
}
Value agen_aclose(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("aclose", kw) || !check_nargs("aclose", nargs - 1, 0, 0)) return Value::exc();
  return new_agop(t_athrow, args[0], Value::null());
}

Value self_await(Value* args, size_t nargs, TupleObject* kw) { return args[0]; }

// -- anext(it, default): the awaitable that turns StopAsyncIteration into the default ---------
struct AnextAwaitable : Object {
  Value wrapped, default_value;
};
void anext_trace(Object* o, Tracer& t) {
  auto* a = static_cast<AnextAwaitable*>(o);
  t.visit(a->wrapped);
  t.visit(a->default_value);
}
// The iterator of the wrapped awaitable (its __await__ unless it is a coroutine or generator).
Value anext_inner(AnextAwaitable* a) {
  Value w = a->wrapped;
  if (is_gen_like(w)) return w;
  Value m = lookup_special(w, str_intern("__await__"));
  if (m.is_null()) return raise_fmt(exc::TypeError, "'{}' object is not awaitable", type_name(w));
  Value it = call0(m);
  if (!it.is_exc()) a->wrapped = it;
  return it;
}
Value anext_result(AnextAwaitable* a, Value r) {
  if (r.is_exc() && exc_matches(exc::StopAsyncIteration)) {
    exc_fetch();
    return stop_iteration(a->default_value);
  }
  return r;
}
Value anext_proxy(Value self, const char* meth, Value* args, size_t nargs) {
  auto* a = self.as<AnextAwaitable>();
  Value it = anext_inner(a);
  if (it.is_exc()) return it;
  Value r;
  if (std::string_view(meth) == "__next__" && type_of(it)->iternext) {
    r = type_of(it)->iternext(it);
    if (r.is_null()) r = raise_value(obj(exc::StopIteration));
  } else {
    r = call_method(it, str_intern(meth), args, nargs);
  }
  return anext_result(a, r);
}
Value anext_iternext(Value self) { return anext_proxy(self, "__next__", nullptr, 0); }
Value anext_send(Value* args, size_t nargs, TupleObject* kw) { return anext_proxy(args[0], "send", args + 1, nargs - 1); }
Value anext_throw(Value* args, size_t nargs, TupleObject* kw) { return anext_proxy(args[0], "throw", args + 1, nargs - 1); }
Value anext_close(Value* args, size_t nargs, TupleObject* kw) {
  auto* a = args[0].as<AnextAwaitable>();
  Value m = getattr_opt(a->wrapped, str_intern("close"));
  if (m.is_exc() || m.is_null()) return m.is_exc() ? m : Value::none();
  return call0(m);
}

TypeObject* internal_type(const char* name, uint32_t size, TraceFn trace) {
  TypeObject* t = make_builtin_type(name, types::object, size, 0);
  t->trace = trace;
  t->iter = gen_iter;
  return t;
}

bool code_iterable_coroutine(Value v) {
  return isinstance_exact(v, types::generator) && (as_gen(v)->code->flags & CO_ITERABLE_COROUTINE);
}

}  // namespace

// -- The opcodes' protocols -------------------------------------------------------------------------
Value awaitable_iter(Value o, uint32_t where) {
  Value it;
  if (isinstance_exact(o, types::coroutine) || code_iterable_coroutine(o)) {
    it = o;
  } else {
    Value m = lookup_special(o, str_intern("__await__"));
    if (m.is_exc()) return m;
    if (m.is_null()) {
      if (where == 1)
        return raise_fmt(exc::TypeError,
                         "'async with' received an object from __aenter__ that does not implement __await__: {}",
                         type_name(o));
      if (where == 2)
        return raise_fmt(exc::TypeError,
                         "'async with' received an object from __aexit__ that does not implement __await__: {}",
                         type_name(o));
      return raise_fmt(exc::TypeError, "object {} can't be used in 'await' expression", type_name(o));
    }
    it = call0(m);
    if (it.is_exc()) return it;
    if (isinstance_exact(it, types::coroutine) || code_iterable_coroutine(it))
      return raise(exc::TypeError, "__await__() returned a coroutine");
    if (!type_of(it)->iternext) return raise_fmt(exc::TypeError, "__await__() returned non-iterator of type '{}'", type_name(it));
  }
  if (isinstance_exact(it, types::coroutine) && !gen_yf(as_gen(it)).is_null())
    return raise(exc::RuntimeError, "coroutine is being awaited already");
  return it;
}

Value get_aiter(Value o) {
  Value m = lookup_special(o, str_intern("__aiter__"));
  if (m.is_exc()) return m;
  if (m.is_null())
    return raise_fmt(exc::TypeError, "'async for' requires an object with __aiter__ method, got {}", type_name(o));
  Value it = call0(m);
  if (it.is_exc()) return it;
  if (type_lookup(type_of(it), str_intern("__anext__")).is_null())
    return raise_fmt(exc::TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                     type_name(it));
  return it;
}

Value get_anext_awaitable(Value aiter) {
  if (isinstance_exact(aiter, types::async_generator)) return agen_anext_value(aiter);
  Value m = lookup_special(aiter, str_intern("__anext__"));
  if (m.is_exc()) return m;
  if (m.is_null())
    return raise_fmt(exc::TypeError, "'async for' requires an iterator with __anext__ method, got {}", type_name(aiter));
  Value next = call0(m);
  if (next.is_exc()) return next;
  Value aw = awaitable_iter(next, 0);
  if (aw.is_exc()) {
    Value cause = exc_fetch();
    raise_fmt(exc::TypeError, "'async for' received an invalid object from __anext__: {}", type_name(next));
    Value e = exc_fetch();
    e.as<ExceptionObject>()->cause = cause;
    e.as<ExceptionObject>()->context = cause;
    e.as<ExceptionObject>()->suppress_context = true;
    exc_restore(e);
  }
  return aw;
}

Value async_gen_wrap(Value v) {
  auto* w = gc::make<Wrapped>(t_wrapped);
  w->value = v;
  return obj(w);
}

Value builtin_aiter(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("aiter", kwnames) || !check_nargs("aiter", nargs, 1, 1)) return Value::exc();
  Value m = lookup_special(args[0], str_intern("__aiter__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "'{}' object is not an async iterable", type_name(args[0]));
  Value it = call0(m);
  if (it.is_exc()) return it;
  if (type_lookup(type_of(it), str_intern("__anext__")).is_null())
    return raise_fmt(exc::TypeError, "aiter() returned not an async iterator of type '{}'", type_name(it));
  return it;
}

Value builtin_anext(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("anext", kwnames) || !check_nargs("anext", nargs, 1, 2)) return Value::exc();
  Value m = lookup_special(args[0], str_intern("__anext__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "'{}' object is not an async iterator", type_name(args[0]));
  Value aw = call0(m);
  if (aw.is_exc() || nargs == 1) return aw;
  auto* a = gc::make<AnextAwaitable>(t_anext_awaitable);
  a->wrapped = aw;
  a->default_value = args[1];
  return obj(a);
}

void init_generator_type() {
  types::coroutine = make_builtin_type("coroutine", types::object, 0, 0);
  types::async_generator = make_builtin_type("async_generator", types::object, 0, 0);
  for (TypeObject* t : {types::generator, types::coroutine, types::async_generator}) {
    t->instance_size = sizeof(GeneratorObject);
    t->trace = gen_trace;
    t->finalize = gen_finalize;
    t->repr = gen_repr;
    t->getattr = gen_getattr;
  }
  TypeObject* g = types::generator;
  g->iter = gen_iter;
  g->iternext = gen_iternext;
  type_add_methods(g, {{"send", gen_send}, {"throw", gen_throw}, {"close", gen_close}, {"__next__", gen_next_m}});
  type_add_methods(types::coroutine,
                   {{"send", gen_send}, {"throw", gen_throw}, {"close", gen_close}, {"__await__", coro_await}});

  t_coro_wrapper = internal_type("coroutine_wrapper", sizeof(CoroWrapper), wrapper_trace);
  t_coro_wrapper->iternext = cw_iternext;
  type_add_methods(t_coro_wrapper, {{"send", cw_send}, {"throw", cw_throw}, {"close", cw_close}});

  t_wrapped = internal_type("async_generator_wrapped_value", sizeof(Wrapped), wrapped_trace);
  t_asend = internal_type("async_generator_asend", sizeof(AsyncGenOp), agop_trace);
  t_asend->iternext = asend_iternext;
  type_add_methods(t_asend, {{"send", asend_send}, {"throw", asend_throw}, {"close", agop_close}, {"__await__", self_await}});
  t_athrow = internal_type("async_generator_athrow", sizeof(AsyncGenOp), agop_trace);
  t_athrow->iternext = athrow_iternext;
  type_add_methods(t_athrow, {{"send", athrow_send}, {"throw", athrow_throw}, {"close", agop_close}, {"__await__", self_await}});
  type_add_methods(types::async_generator, {{"__aiter__", agen_aiter},
                                            {"__anext__", agen_anext},
                                            {"asend", agen_asend},
                                            {"athrow", agen_athrow},
                                            {"aclose", agen_aclose}});
  t_anext_awaitable = internal_type("anext_awaitable", sizeof(AnextAwaitable), anext_trace);
  t_anext_awaitable->iternext = anext_iternext;
  type_add_methods(t_anext_awaitable,
                   {{"send", anext_send}, {"throw", anext_throw}, {"close", anext_close}, {"__await__", self_await}});
}

}  // namespace chaipy
