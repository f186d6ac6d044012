package dev.strata.layer;

/** One line of {@code docker diff}: a path (absolute, as seen inside the container) and what happened to it. */
public record Change(Kind kind, String path) {
    public enum Kind {
        ADDED('A'), CHANGED('C'), DELETED('D');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    @Override
    public String toString() {
        return kind.letter() + " " + path;
    }
}
