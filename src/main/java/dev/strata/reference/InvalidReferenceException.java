package dev.strata.reference;

import dev.strata.error.InvalidInputException;

/**
 * A string that is not an image reference. The message is Docker's own wording (the text docker
 * prints after {@code Error parsing reference: "…" is not a valid repository/tag: }), so the CLI can
 * show it unchanged.
 */
public final class InvalidReferenceException extends InvalidInputException {
    public InvalidReferenceException(String message) {
        super(message);
    }
}
