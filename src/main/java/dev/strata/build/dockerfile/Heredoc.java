package dev.strata.build.dockerfile;

import java.util.regex.Pattern;

/**
 * A here-document of RUN, COPY or ADD: {@code <<EOF}, {@code <<-EOF} (leading tabs removed from
 * every line and from the terminator), {@code <<"EOF"} or {@code <<'EOF'} (body not expanded), and
 * {@code 3<<EOF} (a file descriptor other than standard input).
 *
 * @param name the delimiter with its quotes removed
 * @param expand whether variables in the body are expanded: false when any part of the delimiter
 *     was quoted
 * @param chomp whether it was written {@code <<-}
 * @param fileDescriptor the number written before {@code <<}, 0 when none
 * @param rawContent the body exactly as in the file, each line with its line ending, without the
 *     terminator line
 */
public record Heredoc(String name, boolean expand, boolean chomp, int fileDescriptor, String rawContent) {
    private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\t+");

    /** The body with leading tabs removed from each line when chomped. */
    public String content() {
        return chomp ? LEADING_TABS.matcher(rawContent).replaceAll("") : rawContent;
    }
}
