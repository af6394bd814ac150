// interp/modules/posix.h — private glue between the files of the posix module (posix.cpp,
// posix_proc.cpp).
#pragma once
#include <sys/stat.h>

#include "interp/runtime.h"

namespace chaipy {

Value stat_result_from(const struct stat& st);      // os.stat_result
void posix_add_process_functions(DictObject* d);     // posix_proc.cpp: getpid, fork, exec*, wait* ...
int set_inheritable(int fd, bool inheritable);       // posix_proc.cpp; -1 with errno

}  // namespace chaipy
