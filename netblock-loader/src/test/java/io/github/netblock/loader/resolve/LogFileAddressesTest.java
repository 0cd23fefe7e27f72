package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --from}: address lists and access logs, from a file (gzipped or not) or standard input. */
class LogFileAddressesTest {
    @TempDir
    Path dir;

    private final List<String> addresses = new ArrayList<>();
    private final List<String> bad = new ArrayList<>();
    private final AddressSource.Sink sink = new AddressSource.Sink() {
        @Override
        public void address(IpAddress address) {
            addresses.add(address.toString());
        }

        @Override
        public void bad(String message) {
            bad.add(message);
        }
    };

    private static final String LOG = """
            # a comment, then nginx combined, Apache common, IPv6, bracketed with a port, address:port, a mapped address
            192.0.2.7 - - [25/Nov/2026:10:00:00 +0000] "GET /wp-login.php HTTP/1.1" 404 153 "-" "Mozilla/5.0"
            198.51.100.23 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
            2001:db8::42 - - [25/Nov/2026:10:00:02 +0000] "GET /.env HTTP/1.1" 404 153 "-" "curl/8.0"
            [2001:db8::43]:51234 - - [25/Nov/2026:10:00:03 +0000] "GET / HTTP/1.1" 200 612 "-" "-"
            203.0.113.9:4431 - - [25/Nov/2026:10:00:04 +0000] "GET / HTTP/1.1" 200 612 "-" "-"
            ::ffff:192.0.2.8 - - [25/Nov/2026:10:00:05 +0000] "GET / HTTP/1.1" 200 612 "-" "-"

            scanner.example.com - - [25/Nov/2026:10:00:06 +0000] "GET / HTTP/1.1" 200 612 "-" "-"
            192.0.2.010
            """;

    @Test
    void accessLogLinesGiveTheirClientAddressAndBadLinesAreNamedByFileAndLine() throws IOException {
        Path f = Files.writeString(dir.resolve("access.log"), LOG);
        new LogFileAddresses(f, null).read(sink);
        assertThat(addresses).containsExactly("192.0.2.7", "198.51.100.23", "2001:db8::42", "2001:db8::43", "203.0.113.9", "192.0.2.8");
        assertThat(bad).containsExactly(f + ":9: not an address, nor a log line starting with one: scanner.example.com",
                f + ":10: not an address, nor a log line starting with one: 192.0.2.010"); // leading zeros: octal or decimal? refused
    }

    @Test
    void gzippedFilesAndStandardInput() throws IOException {
        Path gz = dir.resolve("access.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("192.0.2.7 - - [25/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n".getBytes(StandardCharsets.UTF_8));
        }
        new LogFileAddresses(gz, null).read(sink);
        new LogFileAddresses(null, new ByteArrayInputStream("2001:db8::1\nnope\n".getBytes(StandardCharsets.UTF_8))).read(sink);
        assertThat(addresses).containsExactly("192.0.2.7", "2001:db8::1");
        assertThat(bad).containsExactly("-:2: not an address, nor a log line starting with one: nope");
    }
}
