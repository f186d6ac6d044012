package dev.strata.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory tree as a tar, the way {@code docker export} and {@code docker cp CONTAINER:PATH -} give
 * one, written by the one tar policy layers use ({@link LayerTarWriter}): entries in name order, each
 * directory before what it holds; symbolic links as links, never followed, so nothing outside the tree
 * is read; a file's later names as hard links; devices and fifos as such; modes, numeric owners,
 * whole-second times, and xattrs (binary ones too) in PAX records, as in a layer. Sockets are left out.
 */
public final class TreeTar {
    private TreeTar() {
    }

    /** The contents of {@code root} (not {@code root} itself), names relative to it. */
    public static TarSummary writeContents(Path root, OutputStream out) throws IOException {
        LayerTarWriter writer = new LayerTarWriter(out);
        for (Path child : sortedChildren(root)) {
            add(writer, child, child.getFileName().toString());
        }
        return writer.finish();
    }

    /** {@code source} itself under the name {@code name} (and its contents, for a directory). */
    public static TarSummary writeTree(Path source, String name, OutputStream out) throws IOException {
        LayerTarWriter writer = new LayerTarWriter(out);
        add(writer, source, name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        return writer.finish();
    }

    private static void add(LayerTarWriter writer, Path path, String name) throws IOException {
        FileStat stat = FileStat.of(path);
        writer.write(name, path, stat, LayerXattrs.forLayer(LayerXattrs.readAll(path)));
        if (stat.isDirectory()) {
            for (Path child : sortedChildren(path)) {
                add(writer, child, name + "/" + child.getFileName());
            }
        }
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }
}
