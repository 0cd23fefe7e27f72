package io.github.netblock.it.harness;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of real nodes of one platform on 127.0.0.1, every node master-eligible, with the plugin installed and
 * 512 MB of heap each. The members know each other's transport ports in advance ({@code discovery.seed_hosts}) and
 * bootstrap the cluster together ({@code cluster.initial_master_nodes}); they are started in parallel, which a new
 * cluster needs anyway: a member's launcher returns only once a master is elected (or after
 * {@code discovery.initial_state_timeout}, 30 s). Node {@code i} (from 0) is named {@code <name>-i}. Measured on 2 cores
 * (8.19.21, 3 plain nodes): 28-29 s in parallel, 43-46 s one after the other (the first bootstrapping alone); the nodes
 * run with only the JIT's first tier unless the options say {@code c1Compiler(false)}, which halves their start CPU
 * (about 10 s instead of 19-23 s per node: 50-60 s for the cluster without it).
 *
 * <p>With security on (Elasticsearch only) the cluster makes one self-signed certificate (JDK keytool) for transport TLS
 * and gives every node the same file-realm users and roles (made once with {@code bin/elasticsearch-users}, copied to the
 * other nodes). Without TLS a secured multi-node cluster fails the bootstrap check "Transport SSL must be enabled if
 * security is enabled", which on loopback (development mode) is only a warning (the cluster forms; checked on 8.19.21)
 * but stops a node bound to a real address: the harness configures it as production needs it.
 *
 * <pre>
 * try (ElasticsearchCluster cluster = ElasticsearchCluster.start(Platform.ELASTICSEARCH_8_19, 3, new Options().name("c"))) {
 *     cluster.node(2).restClient() ...
 * }
 * </pre>
 */
public final class ElasticsearchCluster implements Closeable {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PARALLEL_TIMEOUT = Duration.ofMinutes(5);

    private final Platform platform;
    private final ElasticsearchNode.Options base;
    private final SharedFiles shared;
    private final List<ElasticsearchNode> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Stops the nodes when the test JVM is ended before {@link #close()} (surefire's shutdown on a killed build). */
    private final Thread shutdownHook;

    private ElasticsearchCluster(Platform platform, ElasticsearchNode.Options base, SharedFiles shared) {
        this.platform = platform;
        this.base = base;
        this.shared = shared;
        this.shutdownHook = new Thread(() -> {
            for (ElasticsearchNode n : nodes) {
                try {
                    n.stop();
                } catch (IOException | RuntimeException e) {
                    // the JVM is ending
                }
            }
        }, "netblock-it-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Prepares {@code size} nodes (unpack, plugin, config) and starts them, all in parallel, then waits until the
     * cluster has {@code size} nodes and is at least yellow. The options' name is the prefix of the node names; their
     * platform is replaced by {@code platform}; ports are chosen here.
     */
    public static ElasticsearchCluster start(Platform platform, int size, ElasticsearchNode.Options options)
            throws IOException, InterruptedException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least one node: " + size);
        }
        ElasticsearchNode.Options base = options.copy().platform(platform);
        if (base.c1Compiler == null) {
            base.c1Compiler(true); // half the CPU to start: what decides the wall time when several nodes start on 2 cores
        }
        SharedFiles shared = new SharedFiles(Files.createTempDirectory("netblock-it-cluster-" + base.name + "-"));
        ElasticsearchCluster cluster = new ElasticsearchCluster(platform, base, shared);
        try {
            if (base.security && platform.shipsSecurity()) {
                shared.transportKeystore = selfSignedKeystore(shared.dir);
            }
            int[] ports = ElasticsearchNode.freePorts(2 * size);
            List<String> names = new ArrayList<>();
            List<String> seeds = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                names.add(base.name + "-" + i);
                seeds.add("127.0.0.1:" + ports[2 * i + 1]);
            }
            List<ElasticsearchNode.Options> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                members.add(cluster.memberOptions(names.get(i), ports[2 * i], ports[2 * i + 1], seeds).initialMasterNodes(names));
            }
            List<Callable<ElasticsearchNode>> prepare = new ArrayList<>();
            for (ElasticsearchNode.Options o : members) {
                prepare.add(() -> ElasticsearchNode.prepare(o));
            }
            cluster.nodes.addAll(inParallel(prepare)); // on a failure the prepared nodes are closed there
            cluster.startAll();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private ElasticsearchNode.Options memberOptions(String name, int httpPort, int transportPort, List<String> seeds) {
        ElasticsearchNode.Options o = base.copy().name(name).httpPort(httpPort).transportPort(transportPort).seedHosts(seeds);
        if (shared.transportKeystore != null) {
            o.transportTls(shared.transportKeystore);
        }
        o.shared = shared;
        return o;
    }

    /** The platform of every node. */
    public Platform platform() {
        return platform;
    }

    /** Node {@code i} (from 0, in the order of start and {@link #addNode()}), running or stopped. */
    public ElasticsearchNode node(int i) {
        return nodes.get(i);
    }

    /** Every node, running or stopped. */
    public List<ElasticsearchNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The nodes whose process runs. */
    public List<ElasticsearchNode> runningNodes() {
        return nodes.stream().filter(ElasticsearchNode::isAlive).toList();
    }

    /** How many nodes the cluster has, running or stopped. */
    public int size() {
        return nodes.size();
    }

    /** Stops node {@code i} (its folders and ports stay) and waits until the others form a cluster without it. */
    public void stopNode(int i) throws IOException, InterruptedException {
        nodes.get(i).stop();
        waitForHealth(runningNodes().size());
    }

    /** Starts a stopped node {@code i} again (same folders, same ports): it rejoins; waits until the cluster has it. */
    public void startNode(int i) throws IOException, InterruptedException {
        nodes.get(i).start();
        waitForHealth(runningNodes().size());
    }

    /**
     * Adds a node that joins the formed cluster (seeded with every member's transport address, no initial master
     * nodes) and waits until the cluster has it. Returns it; it is {@code node(size() - 1)}.
     */
    public ElasticsearchNode addNode() throws IOException, InterruptedException {
        int[] ports = ElasticsearchNode.freePorts(2);
        List<String> seeds = nodes.stream().map(ElasticsearchNode::transportAddress).toList();
        ElasticsearchNode node = ElasticsearchNode.prepare(memberOptions(base.name + "-" + nodes.size(), ports[0], ports[1], seeds));
        nodes.add(node);
        node.start();
        waitForHealth(runningNodes().size());
        return node;
    }

    /** Full-cluster restart: stops every node, starts every node (in parallel), waits until all are back. */
    public void restartAll() throws IOException, InterruptedException {
        stopAll();
        startAll();
    }

    private void startAll() throws IOException, InterruptedException {
        List<Callable<Void>> start = new ArrayList<>();
        for (ElasticsearchNode n : nodes) {
            start.add(() -> {
                n.start();
                return null;
            });
        }
        inParallel(start);
        waitForHealth(nodes.size());
    }

    private void stopAll() throws IOException, InterruptedException {
        List<Callable<Void>> stop = new ArrayList<>();
        for (ElasticsearchNode n : nodes) {
            stop.add(() -> {
                n.stop();
                return null;
            });
        }
        inParallel(stop);
    }

    /**
     * Waits (bounded) until {@code _cluster/health?wait_for_nodes=N&wait_for_status=yellow} answers without timing out
     * on a running node; fails with the health and the log tails otherwise.
     */
    public void waitForHealth(int expectedNodes) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            for (ElasticsearchNode n : runningNodes()) {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(n.baseUrl()
                        + "/_cluster/health?wait_for_nodes=" + expectedNodes + "&wait_for_status=yellow&timeout=10s"))
                        .timeout(Duration.ofSeconds(20)).GET();
                if (n.security()) {
                    req.header("Authorization", ElasticsearchNode.basicAuth());
                }
                try {
                    HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                    last = n.name() + ": " + res.statusCode() + " " + res.body();
                    if (res.statusCode() == 200 && !res.body().contains("\"timed_out\":true")) {
                        return;
                    }
                } catch (IOException e) {
                    last = n.name() + ": " + e;
                }
                break; // one node's answer per round: the others report the same cluster
            }
            Thread.sleep(200);
        }
        StringBuilder logs = new StringBuilder();
        for (ElasticsearchNode n : nodes) {
            logs.append("\n--- ").append(n.name()).append(n.isAlive() ? "" : " (stopped)").append(":\n").append(n.logTail(30));
        }
        throw new IllegalStateException("cluster of " + platform + " did not reach " + expectedNodes + " nodes and yellow within "
                + HEALTH_TIMEOUT.toSeconds() + " s; last health " + last + logs);
    }

    /** Stops every node and deletes every folder. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        IOException failure = null;
        try {
            stopAll();
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException(e);
        }
        for (ElasticsearchNode n : nodes) {
            try {
                n.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        nodes.clear();
        try {
            delete(shared.dir);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Runs the tasks on threads of their own and returns their results in order; bounded. If any fails, the failure of
     * the first is thrown (the others' as suppressed) after all have ended, and results of the others that are
     * {@link Closeable} are closed.
     */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = pool.invokeAll(tasks, PARALLEL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<T> results = new ArrayList<>();
            Throwable failure = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                for (T r : results) {
                    if (r instanceof ElasticsearchNode n) {
                        try {
                            n.close();
                        } catch (IOException e) {
                            failure.addSuppressed(e);
                        }
                    }
                }
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof InterruptedException ie) {
                    throw ie;
                }
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                if (failure instanceof Error err) {
                    throw err;
                }
                throw new IOException(failure);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A PKCS12 file with an empty password holding a self-signed certificate for 127.0.0.1/localhost and its key, and
     * the same certificate as trusted entry: every node's transport keystore and truststore. Made with the JDK's
     * keytool (under a second; {@code bin/elasticsearch-certutil} takes about 10 s of CPU for a CA and a certificate),
     * which refuses passwords under 6 characters, so the store is written again with an empty one (Elasticsearch's
     * default, so nothing goes into {@code elasticsearch.keystore}).
     */
    static Path selfSignedKeystore(Path dir) throws IOException, InterruptedException {
        Path generated = dir.resolve("keytool.p12");
        String password = "netblock-keytool";
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-dname", "CN=netblock-it", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-keystore", generated.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + out);
        }
        try {
            KeyStore in = KeyStore.getInstance("PKCS12");
            try (InputStream s = Files.newInputStream(generated)) {
                in.load(s, password.toCharArray());
            }
            Key key = in.getKey("node", password.toCharArray());
            Certificate[] chain = in.getCertificateChain("node");
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            empty.setKeyEntry("node", key, new char[0], chain);
            empty.setCertificateEntry("ca", chain[0]);
            Path keystore = dir.resolve(ElasticsearchNode.TRANSPORT_KEYSTORE);
            try (OutputStream s = Files.newOutputStream(keystore)) {
                empty.store(s, new char[0]);
            }
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-r--r--"));
            return keystore;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot write the transport keystore", e);
        } finally {
            Files.deleteIfExists(generated);
        }
    }

    /** Files the members of one cluster share: the transport keystore and the file realm's users. */
    static final class SharedFiles {
        final Path dir;
        Path transportKeystore;

        SharedFiles(Path dir) {
            this.dir = dir;
        }

        interface Step {
            void run() throws IOException, InterruptedException;
        }

        /**
         * Gives a node's config folder the cluster's {@code users} and {@code users_roles}: the first node to ask makes
         * them ({@code addUsers}, a JVM per user) and keeps a copy; the others (waiting meanwhile) get the copy.
         */
        synchronized void fileRealm(Path config, Step addUsers) throws IOException, InterruptedException {
            List<String> files = List.of("users", "users_roles");
            if (Files.exists(dir.resolve("users"))) {
                for (String f : files) {
                    Files.copy(dir.resolve(f), config.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                addUsers.run();
                for (String f : files) {
                    Files.copy(config.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
