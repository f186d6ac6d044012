package dev.strata.snapshot;

import dev.strata.layer.WhiteoutMode;
import java.nio.file.Path;

/**
 * Where a layer tar is unpacked for an active snapshot, without mounting anything: overlay2 gives its
 * empty upper directory (whiteouts written as overlay's own markers), vfs its full copy of the parent
 * (whiteouts applied by deleting). Pass both to {@code LayerExtractor.extract(tar, dir, mode)}.
 */
public record ExtractTarget(Path dir, WhiteoutMode mode) {
}
