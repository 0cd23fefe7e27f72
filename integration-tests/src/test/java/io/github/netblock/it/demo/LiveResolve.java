package io.github.netblock.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.loader.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The demo's {@code resolve} step: the addresses of the real WHOIS answers ({@link RealWhois#addresses()}) are
 * resolved for real, with a short deadline: PTR names from this machine's DNS resolver, registrars from
 * the registries' RDAP servers (WHOIS as the fallback). What was answered is built into the
 * {@value RealWhois#DATABASE} database, published, and shown as the node's lookup gives it; nothing is
 * made up. A machine that cannot reach DNS or the registries (no network, a firewall) gets one plain
 * sentence saying so, and the demo carries on. Bounded: nothing is asked after the deadline, each query
 * has its timeout. The RDAP networks are not asked: the real WHOIS objects give them.
 */
public final class LiveResolve {
    /** No query starts after it. */
    public static final String DEADLINE = "20s";
    /** One of the addresses, whose PTR record ({@code dns.google}) anyone on the internet can ask for. */
    static final String GOOGLE_DNS_V6 = "2001:4860:4860::8888";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveResolve() {}

    /**
     * Runs the step in {@code dir} (the folder {@link RealWhois#build} writes to) and returns what to print.
     *
     * @param servers the servers to ask instead of the system resolver and the real registries (tests: the
     *                loopback fixtures, e.g. {@code --dns-server 127.0.0.1:PORT}); empty for the real ones
     */
    public static String run(ElasticsearchNode node, Path dir, List<String> servers) throws IOException, InterruptedException {
        List<String> addresses = RealWhois.addresses();
        Path list = Files.write(dir.resolve("realwhois-addresses.txt"), addresses);
        Path config = dir.resolve("realwhois.yml");
        if (!Files.isRegularFile(config)) {
            RealWhois.build(dir);
        }
        List<String> args = new ArrayList<>(List.of("resolve", "-c", config.toString(), "--from", list.toString(), "--deadline", DEADLINE,
                "--dns-timeout", "2s", "--dns-retries", "1", "--http-timeout", "5s", "--no-networks"));
        args.addAll(servers);
        Path store = dir.resolve("cache/resolve");
        deleteTree(store); // "asked now": no answer of an earlier demo run is shown as this run's
        CliRun resolve = CliRun.of(args.toArray(String[]::new));
        long names = lines(store.resolve("rdns.csv"));
        long registrars = lines(store.resolve("registrars.csv"));
        StringBuilder sb = new StringBuilder("Reverse DNS and registrars of the same addresses, asked now (netblock-loader resolve --deadline "
                + DEADLINE + ")\n");
        if (names == 0) {
            // said plainly, in the resolver's own words: nothing came back
            if (resolve.exit() != 0) {
                sb.append("  This machine could not reach DNS or the registries, so no PTR names or registrars are shown ("
                        + firstLine(resolve.err()) + ").\n");
            } else {
                // a resolver that cannot reach the internet often answers NXDOMAIN for everything; among these addresses is one
                // whose PTR name the world sees (GOOGLE_DNS_V6), so no name at all is this machine's DNS, not the addresses
                String dns = resolve.out().lines().filter(l -> l.startsWith("reverse DNS:")).findFirst().orElse("no reverse DNS summary");
                sb.append("  This machine's DNS gave no PTR name for any of these addresses, not even for " + GOOGLE_DNS_V6
                        + " (Google Public DNS, named dns.google on the internet), so it does not reach the internet's reverse DNS and no "
                        + "PTR names or registrars are shown (" + dns.strip() + ").\n");
            }
            return sb.toString();
        }
        Path db = RealWhois.build(dir); // the real WHOIS objects again, with the store's feeds
        String checksum;
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            checksum = d.metadata().checksumHex();
        }
        node.publish(db, RealWhois.DATABASE);
        awaitServed(node, checksum);
        sb.append(String.format("  %-16s %-42s %-22s %s%n", "address", "PTR name (DNS)", "registered domain", "registrar (RDAP or WHOIS)"));
        for (String ip : addresses) {
            JsonNode l = JSON.readTree(EntityUtils.toString(node.restClient().performRequest(
                    new Request("GET", "/_netblock/lookup/" + ip + "?database=" + RealWhois.DATABASE)).getEntity(), StandardCharsets.UTF_8));
            JsonNode rdns = l.path("reverse_dns");
            JsonNode registrar = l.path("registrar");
            sb.append(String.format("  %-16s %-42s %-22s %s%n", ip, rdns.isMissingNode() ? "(no PTR name)" : rdns.path("domain").asText(),
                    rdns.path("registered_domain").asText("-"), registrar.isMissingNode() ? "-"
                            : registrar.path("name").asText() + (registrar.has("iana_id") ? " (IANA " + registrar.path("iana_id").asText() + ")" : "")));
        }
        sb.append("  (").append(names).append(" names, ").append(registrars).append(" registrars found by this run")
                .append(resolve.exit() == 0 ? "" : "; resolve said: " + firstLine(resolve.err())).append(")\n");
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static long lines(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return 0;
        }
        try (var l = Files.lines(csv)) {
            return Math.max(0, l.filter(s -> !s.isBlank()).count() - 1); // the header
        }
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse("").replaceFirst("^netblock-loader resolve: ", "");
    }

    /** Until the node serves the database with {@code checksum} (its watcher looks every 5 s); 60 s at most. */
    private static void awaitServed(ElasticsearchNode node, String checksum) throws IOException, InterruptedException {
        RestClient rest = node.restClient();
        for (int i = 0; i < 240; i++) {
            JsonNode stats = JSON.readTree(EntityUtils.toString(rest.performRequest(new Request("GET", "/_netblock/stats")).getEntity(),
                    StandardCharsets.UTF_8));
            for (JsonNode db : stats.get("nodes").elements().next().path("databases")) {
                if (db.path("name").asText().equals(RealWhois.DATABASE) && db.path("checksum").asText().equalsIgnoreCase(checksum)) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new IOException("the node did not load the rebuilt " + RealWhois.DATABASE + " database within 60 s:\n" + node.logTail(30));
    }
}
