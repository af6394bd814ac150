// frontend/compile.h — the frontend's public API: source text to CodeUnit, SyntaxError
// formatting, and a `python -m dis` style disassembler.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "frontend/code_unit.h"
#include "frontend/syntax_error.h"

namespace chaipy {

enum class CompileMode { Exec, Eval, Single };

struct CompileResult {
  std::shared_ptr<const CodeUnit> code;
  std::optional<SyntaxErrorInfo> error;
};

// Where the source comes from, for CPython's messages: a file (the main script, an import),
// compile() of bytes, or compile() of a str (already decoded: a coding cookie is not applied).
enum class SourceKind { kFile, kBytes, kText };

// The compiler's recursion budget when nothing else is known: CPython's symtable and AST passes
// allow 3 x the recursion limit (1000), less 3 x the Python call depth they start at, counting one
// level per statement and per expression node; deeper source is a RecursionError.
constexpr int kCompileDepthBudget = 3000;

// `future_flags`: CO_FUTURE_* features in force before the source's own future imports
// (compile()'s flags, or inherited from the code calling compile/exec/eval).
CompileResult compile_source(std::string_view source, const std::string& filename,
                             CompileMode mode = CompileMode::Exec, SourceKind kind = SourceKind::kFile,
                             int depth_budget = kCompileDepthBudget, uint32_t future_flags = 0);

// The text CPython prints to stderr for an uncaught SyntaxError (File line, source line, caret
// line, "Type: msg"), with trailing newline.
std::string format_syntax_error(const SyntaxErrorInfo&);

// python -m dis style listing of a code unit, then of each nested code object.
std::string disassemble(const CodeUnit&);

// Python repr() of a constant, as dis shows it.
std::string const_repr(const Const&);

}  // namespace chaipy
