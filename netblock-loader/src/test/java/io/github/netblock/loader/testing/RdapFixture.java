package io.github.netblock.loader.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RDAP servers on 127.0.0.1 (JDK HttpServer), shaped like the registries': under {@code /REGISTRY/}
 * each registry answers {@code domain/NAME} and {@code ip/ADDRESS} from what it is given (RFC 9083
 * objects, see {@link RdapObjects}), 404 for what it does not hold; a registry can instead redirect
 * every ip query to another (as the RIRs do for space they do not manage), answer 429 with a
 * {@code Retry-After} a given number of times, or be slow. {@code /bootstrap/} serves IANA-style
 * bootstrap files naming these registries. Every request is logged.
 */
public final class RdapFixture implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "rdap-fixture");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Map<String, String>> domains = new ConcurrentHashMap<>();
    private final Map<String, List<Map.Entry<IpRange, String>>> networks = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttle = new ConcurrentHashMap<>();
    private final Map<String, Integer> retryAfter = new ConcurrentHashMap<>();
    private final Map<String, String> bootstrap = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    public RdapFixture() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    /** http://127.0.0.1:PORT/REGISTRY/ */
    public String base(String registry) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + registry + "/";
    }

    public String bootstrapUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/bootstrap/";
    }

    public RdapFixture domain(String registry, String name, String json) {
        domains.computeIfAbsent(registry, k -> new ConcurrentHashMap<>()).put(name.toLowerCase(), json);
        return this;
    }

    public RdapFixture network(String registry, String range, String json) {
        networks.computeIfAbsent(registry, k -> new CopyOnWriteArrayList<>()).add(Map.entry(IpRange.parse(range), json));
        return this;
    }

    /** Every ip query to {@code registry} is answered 301 to the same query at {@code to}. */
    public RdapFixture redirect(String registry, String to) {
        redirects.put(registry, to);
        return this;
    }

    /** The next {@code times} requests to {@code registry} get 429 with {@code Retry-After: seconds}. */
    public RdapFixture throttle(String registry, int times, int seconds) {
        throttle.put(registry, new AtomicInteger(times));
        retryAfter.put(registry, seconds);
        return this;
    }

    /** Every answer of {@code registry} comes after {@code millis}. */
    public RdapFixture slow(String registry, long millis) {
        delays.put(registry, millis);
        return this;
    }

    /** Bootstrap files: dns.json, ipv4.json, ipv6.json as IANA writes them. */
    public RdapFixture bootstrapFile(String name, String json) {
        bootstrap.put(name, json);
        return this;
    }

    /** "GET /REGISTRY/ip/192.0.2.7" lines, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path);
            String[] parts = path.substring(1).split("/", 3);
            if (parts.length >= 2 && parts[0].equals("bootstrap")) {
                String body = bootstrap.get(parts[1]);
                send(ex, body == null ? 404 : 200, body == null ? "{\"errorCode\":404}" : body);
                return;
            }
            if (parts.length < 3) {
                send(ex, 404, "{\"errorCode\":404,\"title\":\"not found\"}");
                return;
            }
            String registry = parts[0];
            Long delay = delays.get(registry);
            if (delay != null) {
                Thread.sleep(delay);
            }
            AtomicInteger t = throttle.get(registry);
            if (t != null && t.getAndDecrement() > 0) {
                ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter.get(registry)));
                send(ex, 429, "{\"errorCode\":429,\"title\":\"Too Many Requests\"}");
                return;
            }
            String kind = parts[1];
            String key = java.net.URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            if (kind.equals("ip") && redirects.containsKey(registry)) {
                ex.getResponseHeaders().add("Location", base(redirects.get(registry)) + "ip/" + key);
                send(ex, 301, "");
                return;
            }
            String body = null;
            if (kind.equals("domain")) {
                body = domains.getOrDefault(registry, Map.of()).get(key.toLowerCase());
            } else if (kind.equals("ip")) {
                IpAddress a = IpAddress.parse(key);
                IpRange best = null;
                for (Map.Entry<IpRange, String> e : networks.getOrDefault(registry, List.of())) {
                    if (e.getKey().contains(a) && (best == null || best.contains(e.getKey()))) {
                        best = e.getKey();
                        body = e.getValue();
                    }
                }
            }
            if (body == null) {
                send(ex, 404, "{\"errorCode\":404,\"title\":\"Not Found\",\"description\":[\"" + kind + " " + key + " not found\"]}");
            } else {
                send(ex, 200, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 400, "{\"errorCode\":400}");
        }
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/rdap+json");
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
