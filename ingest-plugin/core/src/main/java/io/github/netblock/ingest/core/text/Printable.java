package io.github.netblock.ingest.core.text;

/**
 * Text from inputs made safe to echo in messages: a feed line or a configuration value may hold any
 * bytes, and printed raw a terminal would act on its escape sequences (clear the screen, retitle the
 * window, hide the rest of the message). Control characters and other non-printables become
 * <code>\xNN</code> (up to U+00FF) or <code>&#92;uNNNN</code>; everything printable, accented letters included,
 * stays as it is. A backslash is not escaped, so escaping twice changes nothing and a message can be
 * escaped again where it is printed.
 */
public final class Printable {
    /** Longest echoed value, in characters of escaped text; a value of a binary line can be megabytes. */
    public static final int MAX_VALUE = 200;
    private static final String CUT = "...";

    private Printable() {}

    /** The value escaped and cut after {@link #MAX_VALUE} characters, with "..." where it was cut. */
    public static String value(Object value) {
        return escape(String.valueOf(value), MAX_VALUE);
    }

    /** The value escaped and cut after {@code limit} characters, with "..." where it was cut. */
    public static String value(Object value, int limit) {
        return escape(String.valueOf(value), limit);
    }

    /** The whole text escaped (for messages whose values were cut already). */
    public static String escape(String text) {
        return text == null ? null : escape(text, Integer.MAX_VALUE);
    }

    private static String escape(String text, int limit) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
        int i = 0;
        while (i < text.length()) {
            if (out.length() >= limit) {
                return out.append(CUT).toString();
            }
            int c = text.codePointAt(i);
            if (printable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02x", c));
            } else {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static boolean printable(int c) {
        if (Character.isISOControl(c)) {
            return false; // C0, DEL and C1: ESC, BEL, CR, tab, CSI ...
        }
        return switch (Character.getType(c)) {
            // FORMAT holds the bidi overrides (U+202E) that make text read backwards
            case Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
