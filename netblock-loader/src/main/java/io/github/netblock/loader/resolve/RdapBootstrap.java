package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IANA RDAP bootstrap registries (RFC 9224): which RDAP server answers for a top-level domain
 * ({@code dns.json}) and for an address ({@code ipv4.json}, {@code ipv6.json}). The copies bundled in
 * the jar are used unless the store folder holds refreshed ones ({@link #FILES} in
 * {@code bootstrap/}). Longest match wins: the most labels of a domain, the longest prefix of an address.
 */
public final class RdapBootstrap {
    static final List<String> FILES = List.of("dns.json", "ipv4.json", "ipv6.json");
    private static final String BUNDLED = "/io/github/netblock/loader/resolve/bootstrap/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<URI>> domains;
    private final List<Prefix> prefixes;
    private final String origin;
    private final boolean bundled;

    private record Prefix(IpRange range, int length, List<URI> servers) {}

    private RdapBootstrap(Map<String, List<URI>> domains, List<Prefix> prefixes, String origin, boolean bundled) {
        this.domains = domains;
        this.prefixes = prefixes;
        this.origin = origin;
        this.bundled = bundled;
    }

    /** The refreshed copies in {@code dir} where all three are there, else the bundled ones. */
    public static RdapBootstrap load(Path dir) throws IOException {
        boolean refreshed = dir != null && FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        Map<String, JsonNode> files = new HashMap<>();
        for (String f : FILES) {
            if (refreshed) {
                try {
                    files.put(f, JSON.readTree(dir.resolve(f).toFile()));
                } catch (IOException e) {
                    throw new InvalidInputException(dir.resolve(f) + ": not an RDAP bootstrap file (" + e.getMessage() + "); "
                            + "delete it or run resolve --refresh-bootstrap again", e);
                }
            } else {
                try (InputStream in = RdapBootstrap.class.getResourceAsStream(BUNDLED + f)) {
                    files.put(f, JSON.readTree(in));
                }
            }
        }
        return of(files.get("dns.json"), files.get("ipv4.json"), files.get("ipv6.json"),
                refreshed ? dir.toString() : "bundled (" + files.get("dns.json").path("publication").asText() + ")", !refreshed);
    }

    static RdapBootstrap of(JsonNode dns, JsonNode ipv4, JsonNode ipv6, String origin) {
        return of(dns, ipv4, ipv6, origin, false);
    }

    private static RdapBootstrap of(JsonNode dns, JsonNode ipv4, JsonNode ipv6, String origin, boolean bundled) {
        Map<String, List<URI>> domains = new HashMap<>();
        for (JsonNode service : dns.path("services")) {
            List<URI> servers = servers(service.path(1));
            for (JsonNode tld : service.path(0)) {
                domains.put(tld.asText().toLowerCase(Locale.ROOT), servers);
            }
        }
        List<Prefix> prefixes = new ArrayList<>();
        for (JsonNode file : List.of(ipv4, ipv6)) {
            for (JsonNode service : file.path("services")) {
                List<URI> servers = servers(service.path(1));
                for (JsonNode p : service.path(0)) {
                    String text = p.asText();
                    IpRange r = IpRange.parse(text);
                    prefixes.add(new Prefix(r, Integer.parseInt(text.substring(text.indexOf('/') + 1)), servers));
                }
            }
        }
        return new RdapBootstrap(domains, prefixes, origin, bundled);
    }

    /** https first: a registry's http URL is only a fallback for clients without TLS. */
    private static List<URI> servers(JsonNode urls) {
        List<URI> https = new ArrayList<>();
        List<URI> other = new ArrayList<>();
        for (JsonNode u : urls) {
            String s = u.asText();
            URI uri = URI.create(s.endsWith("/") ? s : s + "/");
            (s.startsWith("https:") ? https : other).add(uri);
        }
        https.addAll(other);
        return https;
    }

    /** The RDAP base URLs for a domain (ASCII, punycode for IDNs), by its longest known suffix; empty when none. */
    List<URI> forDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        while (true) {
            List<URI> s = domains.get(d);
            if (s != null) {
                return s;
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return List.of();
            }
            d = d.substring(dot + 1);
        }
    }

    /** The RDAP base URLs for an address, by its longest listed prefix; empty when none. */
    List<URI> forAddress(IpAddress address) {
        Prefix best = null;
        for (Prefix p : prefixes) {
            if (p.range().contains(address) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? List.of() : best.servers();
    }

    /** The IANA bootstrap folder. */
    public static final URI IANA = URI.create("https://data.iana.org/rdap/");

    /**
     * Downloads {@link #FILES} from {@code base} into {@code dir}, each checked to be a bootstrap file
     * before any replaces the copy there (written atomically); returns what was loaded.
     */
    public static RdapBootstrap refresh(URI base, Path dir, Duration timeout) throws IOException, InterruptedException {
        Map<String, byte[]> files = new HashMap<>();
        download(base, timeout, files);
        RdapBootstrap b = parse(base, files, dir.toString());
        Files.createDirectories(dir);
        for (String f : FILES) {
            AtomicFile.write(dir.resolve(f), ch -> {
                ch.write(ByteBuffer.wrap(files.get(f)));
                return null;
            });
        }
        return b;
    }

    /** Downloads {@link #FILES} from {@code base} for this run only (nothing is written). */
    public static RdapBootstrap download(URI base, Duration timeout) throws IOException, InterruptedException {
        Map<String, byte[]> files = new HashMap<>();
        download(base, timeout, files);
        return parse(base, files, base.toString());
    }

    private static void download(URI base, Duration timeout, Map<String, byte[]> files) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String f : FILES) {
            URI uri = base.resolve(f);
            HttpResponse<byte[]> r;
            try {
                r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new IOException("cannot download " + uri + ": " + ConnectionErrors.describe(e, uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""),
                        timeout), e);
            }
            if (r.statusCode() != 200) {
                throw new IOException("cannot download " + uri + ": HTTP " + r.statusCode());
            }
            files.put(f, r.body());
        }
    }

    private static RdapBootstrap parse(URI base, Map<String, byte[]> files, String origin) throws IOException {
        Map<String, JsonNode> parsed = new HashMap<>();
        for (String f : FILES) {
            URI uri = base.resolve(f);
            JsonNode j;
            try {
                j = JSON.readTree(files.get(f));
            } catch (IOException e) {
                throw new IOException(uri + " is not JSON: " + e.getMessage(), e);
            }
            if (j == null || !j.path("services").isArray() || j.path("services").size() == 0) {
                throw new IOException(uri + " is not an RDAP bootstrap file (no services)");
            }
            parsed.put(f, j);
        }
        try {
            return of(parsed.get("dns.json"), parsed.get("ipv4.json"), parsed.get("ipv6.json"), origin);
        } catch (RuntimeException e) {
            throw new IOException(base + ": the bootstrap files do not read as such: " + e.getMessage(), e);
        }
    }

    public int domainCount() {
        return domains.size();
    }

    public int prefixCount() {
        return prefixes.size();
    }

    /** Whether these are the copies bundled in the jar (no refreshed copy was there). */
    public boolean bundled() {
        return bundled;
    }

    /** Where the files came from, for the summary. */
    public String origin() {
        return origin;
    }
}
