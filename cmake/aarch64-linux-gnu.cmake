# cmake/aarch64-linux-gnu.cmake — cross-compiling chaipy for AArch64 Linux on an x86-64 Debian host
# (scripts/test-a64.sh installs what it needs: g++-aarch64-linux-gnu, qemu-user and the
# multiarch `:arm64` -dev packages, which live under /usr beside the host's).
#
#   cmake -S . -B build-a64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
#
# Binaries run under qemu-aarch64 WITHOUT -L: with libc6:arm64 installed, qemu finds the arm64
# loader under /lib by itself, while -L /usr/aarch64-linux-gnu would pair the cross toolchain's
# glibc with the multiarch one and pthread_create hangs. binfmt_misc is not available here, so
# ctest runs test binaries through CMAKE_CROSSCOMPILING_EMULATOR and scripts through a wrapper.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(PKG_CONFIG_EXECUTABLE /usr/bin/aarch64-linux-gnu-pkg-config CACHE FILEPATH "arm64 pkg-config")
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
