package dev.strata.template;

import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter: aligns tab-terminated cells into columns (elastic tabstops). Text is
 * buffered until {@link #flush()}, a line without any tab, or a form feed, because a column's width
 * depends on lines not yet written.
 *
 * <p>The rules, from Go's documentation: a cell is text terminated by a horizontal tab {@code \t}
 * or vertical tab (0x0B); text after the last tab of a line is a cell but not part of a
 * column. A column block is the run of consecutive lines that have a cell in that column; its
 * width is the widest cell's text plus {@code padding}, at least {@code minwidth}. A form feed
 * ends every block, like a flush. Not implemented: the Escape character and FilterHTML.
 *
 * <p>Go counts a cell's width in runes; Docker's fork of the package counts terminal columns (a
 * CJK character is two). {@link #DISPLAY_WIDTH} selects Docker's measure, and
 * {@link #docker(Appendable)} gives the writer Docker's CLI uses for every table.
 */
public final class TabWriter implements Appendable, Flushable {

    /** Right-align cell text; Go's AlignRight. */
    public static final int ALIGN_RIGHT = 1 << 2;
    /** Drop columns whose cells are all empty and vertical-tab terminated; Go's DiscardEmptyColumns. */
    public static final int DISCARD_EMPTY_COLUMNS = 1 << 3;
    /** Pad leading empty cells with tabs whatever the padchar; Go's TabIndent. */
    public static final int TAB_INDENT = 1 << 4;
    /** Print '|' between columns; Go's Debug. */
    public static final int DEBUG = 1 << 5;
    /** Measure cells in terminal columns, as Docker's fork of tabwriter does (not in Go's). */
    public static final int DISPLAY_WIDTH = 1 << 6;

    /** A terminated cell: {@code size} chars of buffered text, {@code width} columns wide. */
    private record Cell(int size, int width, boolean htab) {
    }

    private final Appendable target;
    /** Formatted text on its way to {@code target}, written in one piece per flush: a PrintStream costs a
     * stream flush per append, which per cell and per padding space adds up to milliseconds. */
    private final StringBuilder out = new StringBuilder();
    private final int minwidth;
    private final int tabwidth;
    private final int padding;
    private final char padchar;
    private final int flags;

    private final StringBuilder buf = new StringBuilder();
    private final List<List<Cell>> lines = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private int cellStart;

    /**
     * Same parameters as Go's {@code tabwriter.NewWriter(output, minwidth, tabwidth, padding,
     * padchar, flags)}. With padchar {@code '\t'} cells are left-aligned and padded with tabs
     * assumed {@code tabwidth} wide.
     */
    public TabWriter(Appendable out, int minwidth, int tabwidth, int padding, char padchar, int flags) {
        if (minwidth < 0 || tabwidth < 0 || padding < 0) {
            throw new IllegalArgumentException("negative minwidth, tabwidth, or padding");
        }
        this.target = out;
        this.minwidth = minwidth;
        this.tabwidth = tabwidth;
        this.padding = padding;
        this.padchar = padchar;
        this.flags = padchar == '\t' ? flags & ~ALIGN_RIGHT : flags;
        reset();
    }

    /**
     * The writer behind every Docker CLI table: {@code NewWriter(out, 10, 1, 3, ' ', 0)} from
     * docker/cli's formatter package, whose tabwriter fork measures terminal columns.
     */
    public static TabWriter docker(Appendable out) {
        return new TabWriter(out, 10, 1, 3, ' ', DISPLAY_WIDTH);
    }

    private void reset() {
        buf.setLength(0);
        cellStart = 0;
        lines.clear();
        widths.clear();
        lines.add(new ArrayList<>());
    }

    @Override
    public TabWriter append(CharSequence text) throws IOException {
        return append(text, 0, text.length());
    }

    @Override
    public TabWriter append(CharSequence text, int start, int end) throws IOException {
        for (int i = start; i < end; i++) {
            append(text.charAt(i));
        }
        return this;
    }

    @Override
    public TabWriter append(char c) throws IOException {
        switch (c) {
            case '\t', '\u000b', '\n', '\f' -> {
                int cells = terminateCell(c == '\t');
                if (c == '\n' || c == '\f') {
                    lines.add(new ArrayList<>());
                    // A line with a single cell cannot affect later lines' columns (the last cell of
                    // a line is never in a column), so everything so far can be written out.
                    if (c == '\f' || cells == 1) {
                        flushBuffered();
                        if (c == '\f' && (flags & DEBUG) != 0) {
                            out.append("---\n");
                        }
                    }
                }
            }
            default -> buf.append(c);
        }
        return this;
    }

    /** Writes {@code text}; same as {@link #append(CharSequence)}. */
    public void write(String text) throws IOException {
        append(text);
    }

    /** Formats and writes everything buffered; call once all text is written. */
    @Override
    public void flush() throws IOException {
        try {
            if (buf.length() > cellStart) {
                terminateCell(false);
            }
            flushBuffered();
        } finally {
            reset();
        }
        target.append(out);
        out.setLength(0);
        if (target instanceof Flushable flushable) {
            flushable.flush();
        }
    }

    private int terminateCell(boolean htab) {
        int size = buf.length() - cellStart;
        int width = (flags & DISPLAY_WIDTH) != 0
                ? DisplayWidth.of(buf, cellStart, buf.length())
                : Character.codePointCount(buf, cellStart, buf.length());
        List<Cell> line = lines.getLast();
        line.add(new Cell(size, width, htab));
        cellStart = buf.length();
        return line.size();
    }

    private void flushBuffered() throws IOException {
        format(0, 0, lines.size());
        target.append(out);
        out.setLength(0);
        // keep the partial cell, if any, as the start of a fresh buffer
        String pending = buf.substring(cellStart);
        reset();
        buf.append(pending);
    }

    /**
     * Go's format: finds the next column block starting in {@code line0..line1}, computes its
     * width, and recurses for the columns to its right; prints lines once all their widths are known.
     */
    private int format(int pos0, int line0, int line1) throws IOException {
        int pos = pos0;
        int column = widths.size();
        for (int current = line0; current < line1; current++) {
            List<Cell> line = lines.get(current);
            if (column >= line.size() - 1) {
                continue;
            }
            // a cell in this column: this line has more cells than the previous one
            pos = writeLines(pos, line0, current);
            line0 = current;

            int width = minwidth;
            boolean discardable = true;
            for (; current < line1; current++) {
                line = lines.get(current);
                if (column >= line.size() - 1) {
                    break;
                }
                Cell c = line.get(column);
                width = Math.max(width, c.width() + padding);
                if (c.width() > 0 || c.htab()) {
                    discardable = false;
                }
            }
            if (discardable && (flags & DISCARD_EMPTY_COLUMNS) != 0) {
                width = 0;
            }
            widths.add(width);
            pos = format(pos, line0, current);
            widths.removeLast();
            line0 = current;
        }
        return writeLines(pos, line0, line1);
    }

    private int writeLines(int pos0, int line0, int line1) throws IOException {
        int pos = pos0;
        for (int i = line0; i < line1; i++) {
            List<Cell> line = lines.get(i);
            boolean useTabs = (flags & TAB_INDENT) != 0;
            for (int j = 0; j < line.size(); j++) {
                Cell c = line.get(j);
                if (j > 0 && (flags & DEBUG) != 0) {
                    out.append('|');
                }
                if (c.size() == 0) {
                    if (j < widths.size()) {
                        writePadding(c.width(), widths.get(j), useTabs);
                    }
                } else {
                    useTabs = false;
                    if ((flags & ALIGN_RIGHT) == 0) {
                        out.append(buf, pos, pos + c.size());
                        pos += c.size();
                        if (j < widths.size()) {
                            writePadding(c.width(), widths.get(j), false);
                        }
                    } else {
                        if (j < widths.size()) {
                            writePadding(c.width(), widths.get(j), false);
                        }
                        out.append(buf, pos, pos + c.size());
                        pos += c.size();
                    }
                }
            }
            if (i + 1 == lines.size()) {
                // the last buffered line has no newline yet: nothing more to write for it
                continue;
            }
            out.append('\n');
        }
        return pos;
    }

    private void writePadding(int textWidth, int cellWidth, boolean useTabs) throws IOException {
        if (padchar == '\t' || useTabs) {
            if (tabwidth == 0) {
                return; // tabs have no width: no padding is possible
            }
            int cellw = (cellWidth + tabwidth - 1) / tabwidth * tabwidth;
            int n = cellw - textWidth;
            for (int k = (n + tabwidth - 1) / tabwidth; k > 0; k--) {
                out.append('\t');
            }
            return;
        }
        for (int k = cellWidth - textWidth; k > 0; k--) {
            out.append(padchar);
        }
    }
}
