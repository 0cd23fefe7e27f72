package io.github.netblock.loader.feed.rpsl;

import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.DecodingLineReader;
import io.github.netblock.loader.feed.FeedFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams the objects of an RPSL dump (RIPE, APNIC and AFRINIC split or mixed dumps, the LACNIC
 * dump), gzipped or not. What real dumps contain and this reader accepts: {@code #} and {@code %}
 * comment lines, objects separated by blank lines, attribute names in any case, values padded to
 * column 16, continuation lines starting with a space, a tab or {@code +} (a lone {@code +} is an
 * empty continuation), end-of-line {@code #} comments ({@code country: EU # Country is in fact world
 * wide}), repeated attributes, Latin-1 bytes (pass the charset; RIPE's {@code .gz} files are Latin-1).
 */
public final class RpslReader implements Closeable {
    /** Free-text attributes keep a '#' as text; everywhere else it starts a comment. */
    private static final Set<String> FREE_TEXT = Set.of("descr", "remarks", "org-name", "owner", "address");

    private final Path file;
    private final DecodingLineReader in;
    private final boolean endOfLineComments;
    private long lineNumber;

    public RpslReader(Path file, Charset charset) throws IOException {
        this(file, charset, true);
    }

    /**
     * @param endOfLineComments whether {@code #} starts a comment after a value (RPSL); ARIN's own
     *                          format has no such comments ({@code OrgName: Example #2 LLC})
     */
    public RpslReader(Path file, Charset charset, boolean endOfLineComments) throws IOException {
        this.file = file;
        this.in = new DecodingLineReader(file, charset);
        this.endOfLineComments = endOfLineComments;
    }

    public Path file() {
        return file;
    }

    /** The next object, or null at the end of the file. */
    public RpslObject next() throws IOException {
        List<RpslObject.Attribute> attrs = new ArrayList<>();
        long start = 0;
        String line;
        while ((line = read()) != null) {
            if (line.isBlank()) {
                if (!attrs.isEmpty()) {
                    return new RpslObject(attrs, start);
                }
                continue;
            }
            char c = line.charAt(0);
            if (c == '#' || c == '%') {
                continue;
            }
            if (c == ' ' || c == '\t' || c == '+') {
                if (attrs.isEmpty()) {
                    throw new FeedFormatException(file, lineNumber, "continuation line outside an object: [" + Printable.value(line.strip()) + "]");
                }
                RpslObject.Attribute last = attrs.remove(attrs.size() - 1);
                String more = clean(last.name(), line.substring(1));
                String joined = last.value().isEmpty() ? more : more.isEmpty() ? last.value() : last.value() + " " + more;
                attrs.add(new RpslObject.Attribute(last.name(), joined, last.line()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new FeedFormatException(file, lineNumber, "not an attribute line (name: value): [" + Printable.value(line) + "]");
            }
            if (attrs.isEmpty()) {
                start = lineNumber;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            attrs.add(new RpslObject.Attribute(name, clean(name, line.substring(colon + 1)), lineNumber));
        }
        return attrs.isEmpty() ? null : new RpslObject(attrs, start);
    }

    private String read() throws IOException {
        String line = in.readLine();
        lineNumber = in.line();
        return line;
    }

    private String clean(String name, String value) {
        if (endOfLineComments && !FREE_TEXT.contains(name)) {
            int hash = value.indexOf('#');
            if (hash >= 0) {
                value = value.substring(0, hash);
            }
        }
        return value.strip();
    }

    /** The line the reader stands on (for error messages). */
    public long line() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
