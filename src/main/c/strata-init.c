/*
 * strata-init: the init `run --init` puts at a container's PID 1 (Docker's /sbin/docker-init, which is
 * tini). It starts the command given after "--" as its one child, passes every signal it can catch on to
 * that child, reaps every process the kernel hands it (orphans re-parented to PID 1 would otherwise stay
 * zombies), and exits with the child's status once the child has exited: its code, or 128 + the signal.
 *
 * Static and libc-only, so it runs in any image; built by Maven (pom.xml, profile "init") with the host's
 * C compiler and shipped in the jar, from which Strata copies it under its root.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int first = 1;
    if (first < argc && strcmp(argv[first], "--") == 0) {
        first++;
    }
    if (first >= argc) {
        fprintf(stderr, "strata-init: usage: strata-init -- COMMAND [ARG...]\n");
        return 2;
    }
    sigset_t all, old;
    sigfillset(&all);
    /* the signals the kernel raises for the init's own faults are left to their default actions */
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    sigdelset(&all, SIGFPE);
    sigdelset(&all, SIGILL);
    sigdelset(&all, SIGABRT);
    sigdelset(&all, SIGTRAP);
    sigdelset(&all, SIGSYS);
    /* blocked before the fork, so no signal is lost between it and the wait */
    if (sigprocmask(SIG_BLOCK, &all, &old) != 0) {
        perror("strata-init: sigprocmask");
        return 1;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("strata-init: fork");
        return 1;
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        execvp(argv[first], &argv[first]);
        fprintf(stderr, "strata-init: exec %s: %s\n", argv[first], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    for (;;) {
        siginfo_t info;
        int signal = sigwaitinfo(&all, &info);
        if (signal < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("strata-init: sigwaitinfo");
            return 1;
        }
        if (signal != SIGCHLD) {
            /* the child may have gone already; nothing to do then */
            kill(child, signal);
            continue;
        }
        for (;;) {
            int status;
            pid_t reaped = waitpid(-1, &status, WNOHANG);
            if (reaped <= 0) {
                break;
            }
            if (reaped == child) {
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
        }
    }
}
