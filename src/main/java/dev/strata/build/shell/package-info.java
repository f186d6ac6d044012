/**
 * Word expansion as Docker's builder does it for the instructions that expand variables (ADD, COPY,
 * ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, ARG and the trigger of ONBUILD). This
 * is not a shell: there is no command substitution, arithmetic, field splitting on IFS or globbing of
 * file names, only {@code $name}, {@code ${name}} and the {@code ${name<op>word}} forms, quotes and
 * the escape character. RUN, CMD and ENTRYPOINT are never expanded here; their shell does it.
 *
 * <p>{@link dev.strata.build.shell.ShellLexer} is the entry point; it depends on nothing else in
 * Strata, and both the Dockerfile parser (to find heredoc words) and the instruction model use it.
 */
package dev.strata.build.shell;
