// tests/fuzz/mutate_code.cpp — a structure-aware fuzzer for cached bytecode (issue 14).
//
// Byte-level fuzzing of .pyc files (fuzz_pyc) mostly exercises the marshal reader: nearly every
// random byte flip breaks the checksum or the framing. This driver mutates *code objects*: it
// compiles the small programs (under --max-bytes, 4096) of a corpus directory — each must
// pass the validator unmutated — then per case applies one to three
// structural mutations to a code unit or one of its nested code constants — an operand moved
// within or just past its table, an opcode swapped for another with the same stack effect, a
// constant of another kind, an exception-table entry shifted, a slot's cell/free kind flipped,
// two instructions swapped, the stack size changed — seals it with a valid checksum, and loads
// it the way the importer does (marshal_load + the validator). A rejected unit is fine; an
// accepted one runs in a forked child (stdio on /dev/null, a 2 s alarm, a 1 GiB address-space
// limit) which must end by returning or raising, never by a signal other than the alarm.
//
//   mutate_code CORPUS_DIR [--iterations N] [--seed S] [--keep DIR] [--max-bytes B] [--jit SPEC]
//   mutate_code --replay DIR/crash-SEED-ITER.bin [--jit SPEC]  # disassemble, run in-process
//
// Without --jit the children run the interpreter only; `--jit threshold=1,hotexit=1` (chaipy's
// --jit syntax) installs the JIT, so mutated code that the validator accepts is also recorded,
// compiled and run as machine code.
//
// Exit status 1 if any child crashed; each crash is reported with its seed and iteration and,
// with --keep, written as a marshal body (DIR/crash-SEED-ITER.bin) that --replay runs.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/compile.h"
#include "interp/gc.h"
#include "interp/opcodes.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/jit.h"
#include "pycache/marshal.h"

using namespace chaipy;
namespace fs = std::filesystem;

namespace {

std::mt19937_64 rng;

size_t pick(size_t n) { return n ? size_t(rng() % n) : 0; }

// Every code unit of a tree (the unit itself, then nested code constants), for choosing where
// to mutate. Units are copied on the way down so a mutation never touches the originals; `owned`
// keeps the copies alive when a mutation replaces the constant that held one.
struct Tree {
  std::vector<CodeUnit*> units;
  std::vector<std::shared_ptr<CodeUnit>> owned;
};

void collect(CodeUnit* c, Tree* t) {
  t->units.push_back(c);
  for (Const& k : c->consts) {
    if (k.kind == Const::Kind::Code && k.code) {
      auto copy = std::make_shared<CodeUnit>(*k.code);
      k.code = copy;
      t->owned.push_back(copy);
      collect(copy.get(), t);
    }
  }
}

std::vector<size_t> real_instructions(const CodeUnit& c) {
  std::vector<size_t> v;
  for (size_t i = 0; i < c.code.size(); i++)
    if (insn_op(c.code[i]) != Op::CACHE) v.push_back(i);
  return v;
}

// An operand near the interesting edges: its table's size, one past it, small values, huge.
uint32_t nearby_operand(uint32_t arg, size_t table) {
  switch (pick(6)) {
    case 0: return arg + 1;
    case 1: return arg ? arg - 1 : 0;
    case 2: return uint32_t(table);
    case 3: return uint32_t(table ? table - 1 : 0);
    case 4: return uint32_t(pick(8));
    default: return uint32_t(pick(kMaxArg + 1));
  }
}

size_t table_for(const CodeUnit& c, Op op) {
  switch (kOpInfo[int(op)].arg) {
    case OpArg::C: return c.consts.size();
    case OpArg::N: return c.names.size();
    case OpArg::L: case OpArg::F: return size_t(c.nlocalsplus());
    case OpArg::J: return c.code.size();
    default: return 8;
  }
}

Const other_const(const CodeUnit& c) {
  switch (pick(6)) {
    case 0: return Const::integer(int64_t(pick(5)) - 1);
    case 1: return Const::none();
    case 2: return Const::str("x");
    case 3: { Const t; t.kind = Const::Kind::Tuple; t.items = {Const::integer(1), Const::str("a")}; return t; }
    case 4: return Const::real(0.5);
    default: return c.consts.empty() ? Const::none() : c.consts[pick(c.consts.size())];
  }
}

// One structural mutation of `c`; false when it found nothing to change.
bool mutate(CodeUnit& c) {
  std::vector<size_t> at = real_instructions(c);
  if (at.empty()) return false;
  switch (pick(9)) {
    case 0: case 1: {  // an operand moved within or just past its table
      size_t i = at[pick(at.size())];
      Op op = insn_op(c.code[i]);
      c.code[i] = make_insn(op, nearby_operand(insn_arg(c.code[i]), table_for(c, op)) & kMaxArg);
      return true;
    }
    case 2: case 3: {  // an opcode swapped for one with the same stack effect and shape
      size_t i = at[pick(at.size())];
      Op op = insn_op(c.code[i]);
      uint32_t arg = insn_arg(c.code[i]);
      std::vector<Op> same;
      for (int k = 0; k < int(Op::kCount); k++) {
        Op o = Op(k);
        if (o == op || o == Op::CACHE || op_has_cache(o) != op_has_cache(op) || op_is_jump(o) != op_is_jump(op)) continue;
        if ((kOpInfo[k].flags & OPF_NOFALL) != (kOpInfo[int(op)].flags & OPF_NOFALL)) continue;
        if (op_stack_effect(o, arg, false) == op_stack_effect(op, arg, false)) same.push_back(o);
      }
      if (same.empty()) return false;
      c.code[i] = make_insn(same[pick(same.size())], arg);
      return true;
    }
    case 4: {  // a constant of another kind
      if (c.consts.empty()) return false;
      c.consts[pick(c.consts.size())] = other_const(c);
      return true;
    }
    case 5: {  // an exception-table entry shifted
      if (c.exceptions.empty()) return false;
      ExceptionEntry& e = c.exceptions[pick(c.exceptions.size())];
      uint32_t* field[] = {&e.start, &e.end, &e.target, &e.depth};
      uint32_t* f = field[pick(4)];
      *f = pick(2) ? *f + 1 : (*f ? *f - 1 : 0);
      if (pick(4) == 0) e.lasti = !e.lasti;
      return true;
    }
    case 6: {  // a slot's cell/free kind flipped
      if (c.localsplus_kinds.empty()) return false;
      c.localsplus_kinds[pick(c.localsplus_kinds.size())] ^= uint8_t(1u << pick(4));
      return true;
    }
    case 7: {  // two instructions swapped
      size_t i = at[pick(at.size())], j = at[pick(at.size())];
      std::swap(c.code[i], c.code[j]);
      return i != j;
    }
    default: {  // the stack size changed
      c.stacksize = pick(2) ? c.stacksize + 1 : (c.stacksize ? c.stacksize - 1 : 0);
      return true;
    }
  }
}

// Runs a unit the way chaipy's main does: on a thread with a 512 MiB stack whose base the
// collector scans from (deep recursion and conservative roots behave as in chaipy itself).
void run_on_interpreter_stack(std::shared_ptr<const CodeUnit> unit) {
  struct Job {
    std::shared_ptr<const CodeUnit> unit;
    bool raised = false;
  } job{std::move(unit)};
  auto body = [](void* p) -> void* {
    auto* j = static_cast<Job*>(p);
    int stack_marker;
    gc::set_stack_base(&stack_marker);
    DictObject* globals = dict_new();
    dict_set_str(globals, str_intern("__name__"), str_value("__main__"));
    j->raised = vm_run_module(code_from_unit(j->unit), globals).is_exc();
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t(512) << 20);
  pthread_t th;
  if (pthread_create(&th, &attr, body, &job) != 0) {
    std::perror("pthread_create");
    std::exit(2);
  }
  pthread_join(th, nullptr);
  std::printf("\nmutate_code: the program %s\n", job.raised ? "raised" : "returned");
}

enum class Outcome { kRejected, kReturned, kTimeout, kCrashed };

// Runs an accepted unit in a child process; what ended it.
Outcome run_in_child(std::shared_ptr<const CodeUnit> unit, int* signo) {
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) { std::perror("fork"); std::exit(2); }
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    struct rlimit as = {1ull << 30, 1ull << 30};
    setrlimit(RLIMIT_AS, &as);
    alarm(2);
    run_on_interpreter_stack(std::move(unit));
    _exit(0);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) { std::perror("waitpid"); std::exit(2); }
  }
  if (WIFSIGNALED(status)) {
    *signo = WTERMSIG(status);
    return *signo == SIGALRM ? Outcome::kTimeout : Outcome::kCrashed;
  }
  return Outcome::kReturned;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: mutate_code CORPUS_DIR [--iterations N] [--seed S] [--keep DIR] [--max-bytes B] "
                         "[--jit SPEC]\n");
    return 2;
  }
  std::string jit_spec;
  for (int i = 2; i + 1 < argc; i++)
    if (std::string(argv[i]) == "--jit") jit_spec = argv[i + 1];
  auto start_runtime = [&] {
    runtime_init(0, nullptr);
    vm_init();
    if (jit_spec.empty()) return;
    std::string error;
    if (!jit::configure(jit_spec, &error)) {
      std::fprintf(stderr, "mutate_code: %s\n", error.c_str());
      std::exit(2);
    }
    jit::install();
  };
  if (std::string(argv[1]) == "--replay" && (argc == 3 || argc == 5)) {  // one kept case, in this process (for gdb)
    std::ifstream in(argv[2], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pyc::MarshalResult loaded = pyc::marshal_load(ss.str(), argv[2]);
    if (!loaded.code) { std::fprintf(stderr, "rejected: %s\n", loaded.error.c_str()); return 0; }
    std::printf("%s", disassemble(*loaded.code).c_str());
    std::fflush(stdout);
    start_runtime();
    jit::set_stats(!jit_spec.empty());  // what the JIT did with the case, on stderr
    run_on_interpreter_stack(loaded.code);
    jit::finish();
    return 0;
  }
  const fs::path corpus = fs::absolute(argv[1]);
  long iterations = 1000;
  uint64_t seed = 1;
  std::string keep;
  uintmax_t max_bytes = 4096;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--iterations") iterations = std::atol(argv[i + 1]);
    else if (a == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--keep") keep = argv[i + 1];
    else if (a == "--max-bytes") max_bytes = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--jit") continue;  // read above
    else { std::fprintf(stderr, "mutate_code: unknown option %s\n", a.c_str()); return 2; }
  }
  if (!keep.empty()) keep = fs::absolute(keep).string();
  start_runtime();
  // Hostile programs write files where they run: a scratch directory of their own.
  char scratch[] = "/tmp/chaipy-mutate-XXXXXX";
  if (!mkdtemp(scratch) || chdir(scratch) != 0) { std::perror("mkdtemp"); return 2; }

  // The seed units: small programs that do not read stdin (a child's stdin is /dev/null anyway).
  std::vector<std::pair<std::string, std::shared_ptr<const CodeUnit>>> units;
  std::vector<fs::path> files;
  int disagreements = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file() && e.path().extension() == ".py" && e.file_size() < max_bytes) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    CompileResult r = compile_source(ss.str(), p.string());
    if (r.error || !r.code) continue;
    // The unmutated unit must pass: the validator and the compiler agree on every opcode.
    std::string why = pyc::validate_code_tree(*r.code);
    if (!why.empty()) {
      std::fprintf(stderr, "mutate_code: the validator rejects the compiler's own code for %s: %s\n",
                   p.c_str(), why.c_str());
      disagreements++;
    }
    units.emplace_back(p.string(), r.code);
  }
  if (units.empty()) { std::fprintf(stderr, "mutate_code: no programs under %s\n", argv[1]); return 2; }

  long counts[4] = {0, 0, 0, 0};
  int crashes = 0;
  rng.seed(seed);
  for (long it = 0; it < iterations; it++) {
    const auto& [name, original] = units[pick(units.size())];
    CodeUnit root = *original;
    Tree tree;
    collect(&root, &tree);
    int n = 1 + int(pick(3));
    for (int m = 0; m < n; m++) mutate(*tree.units[pick(tree.units.size())]);
    std::string body = pyc::marshal_dump(root);
    pyc::MarshalResult loaded = pyc::marshal_load(body, name);
    if (!loaded.code) {
      counts[int(Outcome::kRejected)]++;
      continue;
    }
    int signo = 0;
    Outcome o = run_in_child(loaded.code, &signo);
    counts[int(o)]++;
    if (o == Outcome::kCrashed) {
      crashes++;
      std::fprintf(stderr, "mutate_code: CRASH (signal %d: %s) seed %llu iteration %ld, from %s\n", signo,
                   strsignal(signo), (unsigned long long)seed, it, name.c_str());
      if (!keep.empty()) {
        std::string out = keep + "/crash-" + std::to_string(seed) + "-" + std::to_string(it) + ".bin";
        std::ofstream(out, std::ios::binary) << body;
        std::fprintf(stderr, "  kept as %s\n", out.c_str());
      }
    }
  }
  fs::remove_all(scratch);
  std::printf("mutate_code: %ld cases from %zu programs: %ld rejected by the loader, %ld ran to the end or an "
              "exception, %ld timed out, %d crashed\n",
              iterations, units.size(), counts[0], counts[1], counts[2], crashes);
  return crashes || disagreements ? 1 : 0;
}
