// frontend/disasm.cpp — `python -m dis` style listings of CodeUnits, and Python repr() of
// constants. Offsets are instruction index * 4; CACHE words are hidden.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>

#include "frontend/compile.h"
#include "frontend/op_table.h"

namespace chaipy {

// -- Constant repr ----------------------------------------------------------------------------
static std::string float_repr(double v, bool add_dot_zero) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return std::signbit(v) ? (add_dot_zero ? "-0.0" : "-0") : (add_dot_zero ? "0.0" : "0");
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string s(buf, r.ptr);
  bool neg = s[0] == '-';
  if (neg) s = s.substr(1);
  size_t e = s.find('e');
  std::string mant = s.substr(0, e);
  int exp = std::stoi(s.substr(e + 1));
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out = "0." + std::string(size_t(-exp - 1), '0') + digits;
    } else if (size_t(exp) + 1 >= digits.size()) {
      out = digits + std::string(size_t(exp) + 1 - digits.size(), '0');
      if (add_dot_zero) out += ".0";
    } else {
      out = digits.substr(0, size_t(exp) + 1) + "." + digits.substr(size_t(exp) + 1);
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exp < 0 ? '-' : '+', std::abs(exp));
  }
  return neg ? "-" + out : out;
}

static std::string str_repr(const std::string& s, bool bytes) {
  bool has_single = s.find('\'') != std::string::npos, has_double = s.find('"') != std::string::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += q;
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = uint8_t(s[i]);
    if (c == uint8_t(q) || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) out += fmt::format("\\x{:02x}", c);
    else if (!bytes && c == 0xC2 && i + 1 < s.size() &&
             (uint8_t(s[i + 1]) <= 0xA0 || uint8_t(s[i + 1]) == 0xAD)) {  // U+0080..U+00A0, U+00AD
      out += fmt::format("\\x{:02x}", uint8_t(s[i + 1]) - 0x80 + 0x80);
      i++;
    } else out += char(c);
  }
  out += q;
  return out;
}

std::string const_repr(const Const& c) {
  switch (c.kind) {
    case Const::Kind::None: return "None";
    case Const::Kind::True: return "True";
    case Const::Kind::False: return "False";
    case Const::Kind::Ellipsis: return "Ellipsis";
    case Const::Kind::Int: return std::to_string(c.i);
    case Const::Kind::BigInt: return c.s;
    case Const::Kind::Float: return float_repr(c.f, true);
    case Const::Kind::Complex: {
      std::string im = float_repr(c.imag, false) + "j";
      if (c.f == 0 && !std::signbit(c.f)) return im;
      std::string re = float_repr(c.f, false);
      if (im[0] != '-') im = "+" + im;
      return "(" + re + im + ")";
    }
    case Const::Kind::Str: return str_repr(c.s, false);
    case Const::Kind::Bytes: return str_repr(c.s, true);
    case Const::Kind::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < c.items.size(); i++) out += (i ? ", " : "") + const_repr(c.items[i]);
      if (c.items.size() == 1) out += ",";
      return out + ")";
    }
    case Const::Kind::FrozenSet: {
      if (c.items.empty()) return "frozenset()";
      std::string out = "frozenset({";
      for (size_t i = 0; i < c.items.size(); i++) out += (i ? ", " : "") + const_repr(c.items[i]);
      return out + "})";
    }
    case Const::Kind::Code:
      return fmt::format("<code object {} at 0x0, file \"{}\", line {}>", c.code->name, c.code->filename,
                         c.code->firstlineno);
  }
  return "?";
}

// -- Listing ------------------------------------------------------------------------------------------
static std::string argrepr(const CodeUnit& c, Op op, uint32_t arg) {
  auto name = [&](uint32_t i) { return i < c.names.size() ? c.names[i] : std::string("?"); };
  auto local = [&](uint32_t i) { return i < c.localsplus_names.size() ? c.localsplus_names[i] : std::string("?"); };
  switch (fe::op_row(op).arg) {
    case OpArg::C: return arg < c.consts.size() ? const_repr(c.consts[arg]) : "?";
    case OpArg::M: return name(arg);
    case OpArg::L:
    case OpArg::F: return local(arg);
    case OpArg::J: return fmt::format("to {}", arg * 4);
    case OpArg::B:
      if (arg < uint32_t(kNumBinOps)) return fe::binop_symbol(int(arg));
      if (arg < uint32_t(2 * kNumBinOps)) return std::string(fe::binop_symbol(int(arg - kNumBinOps))) + "=";
      return "?";
    case OpArg::P: return arg < 6 ? kCmpOpNames[arg] : "?";
    case OpArg::X:
      if (op == Op::LOAD_GLOBAL) return (arg & 1 ? "NULL + " : "") + name(arg >> 1);
      if (op == Op::FORMAT_VALUE) {
        static const char* const conv[] = {"", "str", "repr", "ascii"};
        std::string r = conv[arg & 3];
        if (arg & 4) r += r.empty() ? "with format" : ", with format";
        return r;
      }
      if (op == Op::MAKE_FUNCTION) {
        static const char* const flags[] = {"defaults", "kwdefaults", "annotations", "closure"};
        std::string r;
        for (int i = 0; i < 4; i++)
          if (arg & (1u << i)) r += (r.empty() ? "" : ", ") + std::string(flags[i]);
        return r;
      }
      return "";
    default: return "";
  }
}

static void disassemble_one(const CodeUnit& c, std::string& out) {
  std::set<uint32_t> targets;
  for (size_t i = 0; i < c.code.size(); i++) {
    Op op = insn_op(c.code[i]);
    if (op != Op::CACHE && fe::is_jump(op)) targets.insert(insn_arg(c.code[i]));
  }
  for (auto& e : c.exceptions) targets.insert(e.target);
  int maxline = -1;
  for (auto& p : c.positions) maxline = std::max(maxline, int(p.line));
  int lineno_width = maxline < 0 ? 0 : maxline >= 1000 ? int(std::to_string(maxline).size()) : 3;
  size_t maxoffset = c.code.empty() ? 0 : (c.code.size() - 1) * 4;
  int offset_width = maxoffset >= 10000 ? int(std::to_string(maxoffset).size()) : 4;
  int lastline = -1;
  for (size_t i = 0; i < c.code.size(); i++) {
    Op op = insn_op(c.code[i]);
    if (op == Op::CACHE) continue;
    uint32_t arg = insn_arg(c.code[i]);
    int line = i < c.positions.size() ? c.positions[i].line : -1;
    bool starts = line >= 0 && line != lastline;
    if (starts) lastline = line;
    if (starts && i > 0 && lineno_width) out += "\n";
    std::string s;
    if (lineno_width) s += starts ? fmt::format("{:>{}}", line, lineno_width) : std::string(size_t(lineno_width), ' ');
    if (lineno_width) s += " ";
    s += "   ";
    s += targets.count(uint32_t(i)) ? " >>" : "   ";
    s += fmt::format(" {:>{}} {:<20}", i * 4, offset_width, fe::op_row(op).name);
    if (fe::op_row(op).arg != OpArg::N) {
      s += fmt::format(" {:>5}", arg);
      std::string r = argrepr(c, op, arg);
      if (!r.empty()) s += " (" + r + ")";
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out += s + "\n";
  }
  if (!c.exceptions.empty()) {
    out += "ExceptionTable:\n";
    for (auto& e : c.exceptions)
      out += fmt::format("  {} to {} -> {} [{}]{}\n", e.start * 4, (e.end - 1) * 4, e.target * 4, e.depth,
                         e.lasti ? " lasti" : "");
  }
}

static void disassemble_rec(const CodeUnit& c, std::string& out) {
  disassemble_one(c, out);
  for (auto& k : c.consts) {
    if (k.kind != Const::Kind::Code) continue;
    out += "\nDisassembly of " + const_repr(k) + ":\n";
    disassemble_rec(*k.code, out);
  }
}

std::string disassemble(const CodeUnit& c) {
  std::string out;
  disassemble_rec(c, out);
  return out;
}

}  // namespace chaipy
