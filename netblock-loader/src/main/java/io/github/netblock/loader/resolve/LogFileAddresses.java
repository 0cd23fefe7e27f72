package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.FeedFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code --from FILE} (or {@code -} for standard input): one address a line, or an access log whose
 * lines start with the client address (nginx and Apache {@code combined} and {@code common}, also
 * {@code [::1]} and {@code 192.0.2.7:51234}). Blank lines and {@code #} comments are skipped; a line
 * whose first field is no address is reported with file, line and value and counted. Gzipped files
 * are read as they are. Bytes that are not UTF-8 are replaced: a log line is not a feed.
 */
public final class LogFileAddresses implements AddressSource {
    private final Path file;
    private final InputStream stdin;

    /** @param file the file, or null for {@code stdin} */
    public LogFileAddresses(Path file, InputStream stdin) {
        this.file = file;
        this.stdin = stdin;
    }

    @Override
    public String describe() {
        return file == null ? "standard input" : file.toString();
    }

    @Override
    public void read(Sink sink) throws IOException {
        InputStream in = file == null ? stdin : FeedFiles.open(file);
        String name = file == null ? "-" : file.toString();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                IpAddress a = firstField(t);
                if (a == null) {
                    sink.bad(name + ":" + n + ": not an address, nor a log line starting with one: " + Printable.value(first(t)));
                } else {
                    sink.address(a.unmapped());
                }
            }
        }
    }

    /** The client address of a log line, or null. */
    static IpAddress firstField(String line) {
        String f = first(line);
        if (f.startsWith("[")) { // [2001:db8::1] or [2001:db8::1]:443
            int close = f.indexOf(']');
            if (close < 0) {
                return null;
            }
            f = f.substring(1, close);
        } else if (f.indexOf(':') > 0 && f.indexOf(':') == f.lastIndexOf(':') && f.indexOf('.') > 0) {
            f = f.substring(0, f.indexOf(':')); // 192.0.2.7:51234
        }
        if (f.endsWith(",")) {
            f = f.substring(0, f.length() - 1); // X-Forwarded-For style lists: the first
        }
        try {
            return IpAddress.parse(f);
        } catch (InvalidIpException e) {
            return null;
        }
    }

    private static String first(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }
}
