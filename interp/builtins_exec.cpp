// interp/builtins_exec.cpp — compile(), exec() and eval(): source or code objects run in given or
// the caller's namespaces.
#include "interp/vm.h"

namespace chaipy {

Value builtins_current_locals();  // builtins.cpp: the calling frame's locals (a snapshot in functions)

namespace {

// Source text of a compile/exec/eval argument (str or bytes, as UTF-8).
bool source_text(Value v, const char* fname, std::string* out) {
  if (is_str(v)) {
    *out = std::string(as_str(v)->view());
    return true;
  }
  if (isinstance_exact(v, types::bytes)) {
    auto* b = v.as<BytesObject>();
    *out = std::string(b->data, b->size);
    return true;
  }
  raise_fmt(exc::TypeError, "{}() arg 1 must be a string, bytes or code object", fname);
  return false;
}

// The `from __future__` features of the code calling compile/exec/eval, which its source inherits.
uint32_t caller_future_flags() {
  Frame* f = vm_current_frame();
  return f ? f->code->flags & (CO_FUTURE_ANNOTATIONS | CO_FUTURE_BARRY_AS_BDFL) : 0;
}

// Compiles `src` (with the given future features) or passes a code object through. Returns a
// CodeObject value or exc.
Value to_code(Value src, const std::string& filename, CompileMode mode, const char* fname, uint32_t future_flags) {
  if (isinstance_exact(src, types::code)) return src;
  std::string text;
  if (!source_text(src, fname, &text)) return Value::exc();
  if (mode == CompileMode::Eval) {
    // eval() ignores leading spaces and tabs, as CPython does.
    size_t i = text.find_first_not_of(" \t");
    text = i == std::string::npos ? std::string() : text.substr(i);
  }
  CompileResult cr = compile_source(text, filename, mode, is_str(src) ? SourceKind::kText : SourceKind::kBytes,
                                  vm_compile_depth_budget(), future_flags);
  if (cr.error) return raise_syntax_error(*cr.error, text);
  return obj(code_from_unit(cr.code));
}

// Resolves the (globals, locals) pair of exec/eval: defaults are the caller's namespaces.
bool namespaces(Value g, Value l, const char* fname, DictObject** globals, DictObject** locals) {
  if (!g.is_null() && !g.is_none() && !is_dict(g)) {
    raise_fmt(exc::TypeError, "{}() globals must be a dict, not {}", fname, type_name(g));
    return false;
  }
  if (g.is_null() || g.is_none()) {
    Frame* f = vm_current_frame();
    if (!f) {
      raise_fmt(exc::SystemError, "{}(): no current frame", fname);
      return false;
    }
    *globals = f->globals;
    if (l.is_null() || l.is_none()) {
      Value cl = builtins_current_locals();
      if (cl.is_exc()) return false;
      *locals = cl.as<DictObject>();
      return true;
    }
  } else {
    *globals = g.as<DictObject>();
  }
  if (l.is_null() || l.is_none()) {
    *locals = *globals;
  } else if (is_dict(l)) {
    *locals = l.as<DictObject>();
  } else {
    raise_fmt(exc::TypeError, "locals must be a mapping");
    return false;
  }
  StrObject* b = str_intern("__builtins__");
  if (dict_get_str(*globals, b).is_null()) dict_set_str(*globals, b, dict_get_str(g_sys_modules, str_intern("builtins")));
  return true;
}

Value run_in(const char* fname, CompileMode mode, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"source", "globals", "locals", nullptr};
  Value a[3];
  if (!parse_args(fname, args, nargs, kw, names, 1, a)) return Value::exc();
  Value code = to_code(a[0], "<string>", mode, fname, caller_future_flags());
  if (code.is_exc()) return code;
  DictObject *globals, *locals;
  if (!namespaces(a[1], a[2], fname, &globals, &locals)) return Value::exc();
  if (uint32_t nfree = code.as<CodeObject>()->nfree) {  // a closure's code: its cells cannot be supplied
    if (mode == CompileMode::Eval) return raise(exc::TypeError, "code object passed to eval() may not contain free variables");
    return raise_fmt(exc::TypeError, "code object requires a closure of exactly length {}", nfree);
  }
  Value r = vm_run_code(code.as<CodeObject>(), globals, locals);
  if (r.is_exc()) return r;
  return mode == CompileMode::Eval ? r : Value::none();
}

Value builtin_eval(Value* args, size_t nargs, TupleObject* kw) { return run_in("eval", CompileMode::Eval, args, nargs, kw); }
Value builtin_exec(Value* args, size_t nargs, TupleObject* kw) { return run_in("exec", CompileMode::Exec, args, nargs, kw); }

Value builtin_compile(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize", nullptr};
  Value a[6];
  if (!parse_args("compile", args, nargs, kw, names, 3, a)) return Value::exc();
  if (!is_str(a[2])) return raise(exc::TypeError, "compile() argument 'mode' must be str");
  std::string_view m = as_str(a[2])->view();
  CompileMode mode;
  if (m == "exec")
    mode = CompileMode::Exec;
  else if (m == "eval")
    mode = CompileMode::Eval;
  else if (m == "single")
    mode = CompileMode::Single;
  else
    return raise(exc::ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
  std::string filename = is_str(a[1]) ? std::string(as_str(a[1])->view()) : str_utf8(a[1]);
  uint32_t future = 0;
  if (!a[3].is_null()) {
    int64_t flags;
    if (index_of(a[3], &flags).is_exc()) return Value::exc();
    future = uint32_t(flags) & (CO_FUTURE_ANNOTATIONS | CO_FUTURE_BARRY_AS_BDFL);
  }
  int dont_inherit = a[4].is_null() ? 0 : truthy(a[4]);
  if (dont_inherit < 0) return Value::exc();
  if (!dont_inherit) future |= caller_future_flags();
  return to_code(a[0], filename, mode, "compile", future);
}

}  // namespace

void init_exec_builtins() {
  module_add_functions(g_builtins, {{"eval", builtin_eval}, {"exec", builtin_exec}, {"compile", builtin_compile}});
}

}  // namespace chaipy
