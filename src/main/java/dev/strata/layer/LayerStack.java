package dev.strata.layer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A directory tree seen through a stack of layer directories, top first, merged as overlayfs merges
 * them: the topmost layer holding a name wins; a 0/0 character device hides the name below it; a
 * directory marked {@code trusted.overlay.opaque=y}, or any non-directory, hides everything of that
 * name below. A plain tree is a stack of one with no markers interpreted (there a 0/0 device is just a
 * device). Used to compare trees without mounting anything, and so without root.
 */
final class LayerStack {
    private final List<Path> layers;
    private final boolean overlayMarkers;

    /** A path in the merged tree and the layer (index in the stack) whose file it is. */
    record Node(String name, Path path, FileStat stat, int layer) {
    }

    /** A directory of the merged tree: the layer directories that make it up, top first. */
    record Dir(List<Path> paths, List<Integer> layers) {
        boolean includesLayer(int layer) {
            return layers.contains(layer);
        }
    }

    private LayerStack(List<Path> layers, boolean overlayMarkers) {
        this.layers = List.copyOf(layers);
        this.overlayMarkers = overlayMarkers;
    }

    static LayerStack plain(Path root) {
        return new LayerStack(List.of(root), false);
    }

    static LayerStack overlay(List<Path> layersTopFirst) {
        return new LayerStack(layersTopFirst, true);
    }

    Dir root() throws IOException {
        List<Path> paths = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            paths.add(layers.get(i));
            indexes.add(i);
            if (overlayMarkers && LayerXattrs.isOpaque(layers.get(i))) {
                break;
            }
        }
        return new Dir(paths, indexes);
    }

    /** The merged directory's children by name, sorted. */
    SortedMap<String, Node> children(Dir dir) throws IOException {
        SortedMap<String, Node> out = new TreeMap<>(LayerOrder::compareNames);
        Set<String> hidden = new HashSet<>();
        for (int i = 0; i < dir.paths().size(); i++) {
            Path layerDir = dir.paths().get(i);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(layerDir)) {
                for (Path child : entries) {
                    String name = child.getFileName().toString();
                    if (out.containsKey(name) || hidden.contains(name)) {
                        continue; // a higher layer decided this name
                    }
                    FileStat stat = FileStat.of(child);
                    if (overlayMarkers && stat.isWhiteout()) {
                        hidden.add(name);
                    } else {
                        out.put(name, new Node(name, child, stat, dir.layers().get(i)));
                    }
                }
            }
        }
        return out;
    }

    /** The merged directory a directory node stands for: its own layer and the same-named ones below. */
    Dir open(Dir parent, Node node) throws IOException {
        List<Path> paths = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        paths.add(node.path());
        indexes.add(node.layer());
        if (overlayMarkers && !LayerXattrs.isOpaque(node.path())) {
            int start = parent.layers().indexOf(node.layer()) + 1;
            for (int i = start; i < parent.paths().size(); i++) {
                Path below = parent.paths().get(i).resolve(node.name());
                FileStat stat = FileStat.ofOrNull(below);
                if (stat == null) {
                    continue;
                }
                if (!stat.isDirectory()) {
                    break; // a whiteout or a non-directory ends the merge
                }
                paths.add(below);
                indexes.add(parent.layers().get(i));
                if (LayerXattrs.isOpaque(below)) {
                    break;
                }
            }
        }
        return new Dir(paths, indexes);
    }
}
