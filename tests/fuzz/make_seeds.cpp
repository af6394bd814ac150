// tests/fuzz/make_seeds.cpp — builds the fuzzers' seed corpora from the Python test programs
// (no interpreter needed: frontend + pycache only).
//
//   make_seeds SRC_DIR COMPILE_OUT PYC_OUT
// Copies every SRC_DIR/**/*.py (≤ 64 KiB) to COMPILE_OUT, and writes the marshal body of each one
// that compiles to PYC_OUT (bodies, not whole .pyc files: the header is fuzzed separately and would
// only dilute mutations; one whole .pyc image is added so the header path is seeded too).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "frontend/compile.h"
#include "pycache/marshal.h"
#include "pycache/pyc.h"

namespace fs = std::filesystem;

static void write_file(const fs::path& p, const std::string& data) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(data.data(), std::streamsize(data.size()));
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_seeds SRC_DIR COMPILE_OUT PYC_OUT\n");
    return 2;
  }
  fs::path src_dir = argv[1], out_c = argv[2], out_p = argv[3];
  fs::create_directories(out_c);
  fs::create_directories(out_p);
  int n_src = 0, n_pyc = 0;
  bool whole = false;
  for (const auto& e : fs::recursive_directory_iterator(src_dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".py" || e.file_size() > 65536) continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    std::string src = ss.str();
    std::string name = fs::relative(e.path(), src_dir).string();
    for (char& c : name)
      if (c == '/') c = '_';
    write_file(out_c / name, src);
    n_src++;
    chaipy::CompileResult r = chaipy::compile_source(src, e.path().filename().string());
    if (!r.code) continue;
    std::string body = chaipy::pyc::marshal_dump(*r.code);
    if (body.size() > 65536) continue;
    write_file(out_p / (name + "c"), body);
    n_pyc++;
    if (!whole) {
      chaipy::pyc::SourceStamp st{0, src.size()};
      write_file(out_p / ("whole_" + name + "c"),
                 chaipy::pyc::build_pyc(*r.code, chaipy::pyc::Invalidation::kTimestamp, src, st));
      whole = true;
    }
  }
  std::printf("make_seeds: %d source seeds in %s, %d pyc seeds in %s\n", n_src, out_c.c_str(), n_pyc, out_p.c_str());
  return 0;
}
