/** Linux system calls the JDK lacks (mount, mknod, xattrs in every namespace), through the FFM API. */
package dev.strata.linux;
