package io.github.netblock.ingest.core.schema;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.text.Printable;
import java.util.ArrayList;
import java.util.List;

/** How the processor reads and echoes the values of documents. */
public final class Values {
    /** The longest part of a value that an error message repeats. */
    static final int ECHO_LIMIT = 100;

    private Values() {}

    /**
     * The addresses of a field's value: a string, or a non-empty list of strings (only the first when
     * {@code firstOnly}).
     *
     * @throws IllegalArgumentException naming the field and the value
     */
    public static List<IpAddress> addresses(String field, Object value, boolean firstOnly) {
        if (value instanceof String s) {
            return List.of(parse(field, s));
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("field [" + field + "] is an empty list, no IP to look up");
            }
            List<IpAddress> out = new ArrayList<>(firstOnly ? 1 : list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("field [" + field + "] holds [" + shorten(String.valueOf(o))
                            + "], which is not an IP address string");
                }
                out.add(parse(field, s));
                if (firstOnly) {
                    break;
                }
            }
            return out;
        }
        throw new IllegalArgumentException("field [" + field + "] of type [" + value.getClass().getSimpleName()
                + "] cannot be looked up, expected an IP address string");
    }

    private static IpAddress parse(String field, String text) {
        try {
            return IpAddress.parse(trimSpaces(text));
        } catch (InvalidIpException e) {
            // not chained: the cause repeats the value, which may be large; the message has all there is
            throw new IllegalArgumentException("field [" + field + "] value [" + shorten(text) + "] is not an IP address");
        }
    }

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
     * The value as an error message may repeat it: non-printables escaped ({@link Printable}), and
     * cut after {@value #ECHO_LIMIT} characters with the full length given, so a megabyte of junk in
     * one field does not become a megabyte of error in every bulk response.
     */
    public static String shorten(String value) {
        String shown = Printable.value(value, ECHO_LIMIT);
        return value.length() > ECHO_LIMIT ? shown + " (" + value.length() + " characters)" : shown;
    }
}
