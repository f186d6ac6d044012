package dev.strata.build.executor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The build contexts the parity tests build with both Strata and Docker's classic builder: made here
 * rather than kept as files, because their modes, owners, links and archives are the point.
 */
final class ParityContexts {
    private ParityContexts() {
    }

    /** Everything the classic builder knows, in one multi-stage Dockerfile. */
    static final String MAIN = """
            # syntax is the classic builder's: every instruction, ARG and ENV expansion, three stages
            ARG BASE
            ARG GREETING=hello
            FROM $BASE AS builder
            ARG GREETING
            ENV APP=/opt/app GREETING_COPY="$GREETING world"
            WORKDIR $APP/src
            COPY src/ ./
            COPY *.txt notes/
            RUN echo "$GREETING from $APP" > built.txt \\
                && echo "$GREETING_COPY" >> built.txt

            FROM $BASE AS unused
            RUN echo never needed > /unused

            FROM $BASE
            MAINTAINER Strata Tests <tests@strata.invalid>
            LABEL org.example.title="parity test" version=1
            ENV PATH=/opt/bin:$PATH HOME=/home/app
            ARG UID=1000
            RUN echo "app:x:$UID:$UID::/home/app:/bin/sh" >> /etc/passwd && echo "app:x:$UID:" >> /etc/group \
                && mkdir -p /home/app && chown app:app /home/app
            COPY --from=builder /opt/app/src/built.txt /opt/built.txt
            COPY --from=0 /opt/app/src/notes /opt/notes
            COPY --chown=app:app src /home/app/src
            COPY --chown=1234:5678 data/one.txt data/two.txt /srv/data/
            COPY --chown=app data/one.txt /srv/owned/deep/
            ADD archive.tar.gz /opt/unpacked/
            ADD plain.tar /opt/plain/
            ADD keep.log /opt/keep.log
            COPY link-to-a.txt /opt/link-copy.txt
            COPY tree /opt/tree
            COPY tree/ /opt/tree2/
            RUN chmod 4755 /opt/tree/bin/tool && rm -rf /opt/tree2/private && mkdir -p /opt/tree2/private \\
                && echo again > /opt/tree2/private/new && ln -s /opt/built.txt /opt/built-link && rm /opt/notes/b.txt
            WORKDIR /var/lib/app/data
            WORKDIR ../logs
            USER app
            EXPOSE 8080 9090/udp 7000-7002
            VOLUME ["/var/lib/app/data", "/logs"]
            STOPSIGNAL SIGQUIT
            HEALTHCHECK --interval=30s --timeout=5s --retries=2 CMD wget -q -O- localhost:8080 || exit 1
            SHELL ["/bin/sh", "-ec"]
            RUN ["/bin/sh", "-c", "echo exec-form > /tmp/exec-form"]
            RUN echo "shell form as $(id -u)" > /tmp/shell-form
            ONBUILD RUN echo onbuild-ran > /tmp/onbuild
            ONBUILD COPY a.txt /tmp/onbuild-a.txt
            ENTRYPOINT ["/bin/sh", "-c"]
            CMD ["echo hi"]
            """;

    static final String IGNORE = """
            # left out: logs but one, the secret directory, temporary files at any depth
            *.log
            !keep.log
            secret
            src/**/*.tmp
            """;

    /** The context of {@link #MAIN}. */
    static Path main(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, "Dockerfile", MAIN, 0644);
        write(dir, ".dockerignore", IGNORE, 0644);
        write(dir, "a.txt", "alpha\n", 0644);
        write(dir, "b.txt", "bravo\n", 0600);
        Files.createSymbolicLink(dir.resolve("link-to-a.txt"), Path.of("a.txt"));
        write(dir, "keep.log", "kept although *.log is ignored\n", 0644);
        write(dir, "debug.log", "ignored\n", 0644);
        write(dir, "secret/key", "never in an image\n", 0600);
        write(dir, "data/one.txt", "one\n", 0644);
        write(dir, "data/two.txt", "two\n", 0664);
        write(dir, "src/main.sh", "#!/bin/sh\necho main\n", 0755);
        write(dir, "src/lib/util.sh", "util() { :; }\n", 0644);
        write(dir, "src/lib/junk.tmp", "ignored\n", 0644);
        Files.createDirectories(dir.resolve("src/empty"));
        write(dir, "tree/bin/tool", "#!/bin/sh\necho tool\n", 0755);
        write(dir, "tree/private/secret.txt", "private\n", 0600);
        Files.setAttribute(dir.resolve("tree/private"), "unix:mode", 0700);
        Files.createDirectories(dir.resolve("tree/empty"));
        Files.setAttribute(dir.resolve("tree/empty"), "unix:mode", 0711);
        Files.createSymbolicLink(dir.resolve("tree/link"), Path.of("bin/tool"));
        Files.createSymbolicLink(dir.resolve("tree/abs-link"), Path.of("/etc/passwd"));
        write(dir, "tree/hard1", "linked twice\n", 0644);
        Files.createLink(dir.resolve("tree/hard2"), dir.resolve("tree/hard1"));
        write(dir, "tree/with space.txt", "spaced\n", 0640);
        // owners in the context do not matter: the CLI sends every file as root's, Strata copies them as root's
        Files.setAttribute(dir.resolve("data/two.txt"), "unix:uid", 4321);
        Files.setAttribute(dir.resolve("tree/bin/tool"), "unix:gid", 4321);
        archive(dir.resolve("archive.tar.gz"), true);
        archive(dir.resolve("plain.tar"), false);
        return dir;
    }

    /** A child of {@link #MAIN}'s image, whose triggers run. */
    static Path child(Path dir, String parent) throws IOException {
        Files.createDirectories(dir);
        write(dir, "Dockerfile", "FROM " + parent + "\nRUN cat /tmp/onbuild /tmp/onbuild-a.txt > /tmp/both\n", 0644);
        write(dir, "a.txt", "the child's alpha\n", 0644);
        return dir;
    }

    static void write(Path dir, String name, String content, int mode) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setAttribute(file, "unix:mode", mode);
    }

    /** A tar of owners, modes, a link and a long name, as ADD unpacks it. */
    private static void archive(Path file, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(tar, "pkg/", TarArchiveEntry.LF_DIR, 0750, 1001, 1002, null, null);
            put(tar, "pkg/run.sh", TarArchiveEntry.LF_NORMAL, 0755, 1001, 1002, "#!/bin/sh\necho run\n", null);
            put(tar, "pkg/current", TarArchiveEntry.LF_SYMLINK, 0777, 0, 0, null, "run.sh");
            put(tar, "pkg/" + "long-name-".repeat(12) + "end.txt", TarArchiveEntry.LF_NORMAL, 0600, 7, 8, "long\n", null);
            put(tar, "top.txt", TarArchiveEntry.LF_NORMAL, 0644, 0, 0, "top\n", null);
        }
    }

    private static void put(TarArchiveOutputStream tar, String name, byte type, int mode, int uid, int gid,
                            String content, String link) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        entry.setMode(mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setLastModifiedTime(FileTime.fromMillis(1_600_000_000_000L));
        if (link != null) {
            entry.setLinkName(link);
        }
        if (type == TarArchiveEntry.LF_NORMAL) {
            entry.setSize(bytes.length);
        }
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
