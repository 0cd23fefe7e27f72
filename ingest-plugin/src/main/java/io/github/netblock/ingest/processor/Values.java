package io.github.netblock.ingest.processor;

/** How the processor reads and echoes the values of documents. */
public final class Values {
    /** The longest part of a value that an error message repeats. */
    static final int ECHO_LIMIT = 100;

    private Values() {}

    /**
     * The text without leading and trailing spaces of any kind: ASCII whitespace, and every Unicode
     * space (no-break space U+00A0, em space U+2003, ideographic space U+3000 ...), which copy and
     * paste from web pages and spreadsheets leaves around addresses. One rule for both ends.
     */
    public static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    /**
     * The value as an error message may repeat it: control characters escaped, and cut after
     * {@value #ECHO_LIMIT} characters with the full length given, so a megabyte of junk in one field
     * does not become a megabyte of error in every bulk response.
     */
    public static String shorten(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), ECHO_LIMIT) + 32);
        int n = Math.min(value.length(), ECHO_LIMIT);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > ECHO_LIMIT) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }
}
