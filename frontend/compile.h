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

// `text`: the source is already decoded (compile() of a str): a coding cookie is not applied.
CompileResult compile_source(std::string_view source, const std::string& filename,
                             CompileMode mode = CompileMode::Exec, bool text = false);

// The text CPython prints to stderr for an uncaught SyntaxError (File line, source line, caret
// line, "Type: msg"), with trailing newline.
std::string format_syntax_error(const SyntaxErrorInfo&);

// python -m dis style listing of a code unit, then of each nested code object.
std::string disassemble(const CodeUnit&);

// Python repr() of a constant, as dis shows it.
std::string const_repr(const Const&);

}  // namespace chaipy
