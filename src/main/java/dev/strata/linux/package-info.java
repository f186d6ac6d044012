/**
 * Linux system calls the JDK lacks (mount, mknod, xattrs in every namespace, path calls that never
 * open the file), through the FFM API. {@link dev.strata.linux.Libc} is the one place that links C
 * functions: its linker, symbol lookup and errno capture serve every downcall in Strata (this package,
 * the container's process and terminal calls, the snapshotter's mount API), and a failed call becomes
 * a {@link dev.strata.linux.LinuxException} that names the operation, its path and the kernel's reason.
 * Handles are linked on first use, one holder class per function, since every CLI command is a fresh JVM.
 */
package dev.strata.linux;
