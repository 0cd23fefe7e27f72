package io.github.netblock.it.harness;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * A real Elasticsearch node on 127.0.0.1: unpacked from the distribution zip that Maven resolved,
 * with the freshly built plugin installed, started as an unprivileged user when the build runs as
 * root (Elasticsearch refuses root), stopped and deleted on close.
 */
public final class ElasticsearchNode implements Closeable {
    /** The unprivileged user that runs nodes when the tests run as root; created when missing. */
    public static final String NODE_USER = "esnetblock";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private final boolean security;
    private final Map<String, String> settings;
    private RestClient restClient;
    private ElasticsearchClient client;
    private long pid = -1;

    private final Options options;

    private ElasticsearchNode(String name, Path home, int httpPort, int transportPort, boolean security, Map<String, String> settings,
                              Options options) {
        this.options = options;
        this.name = name;
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.security = security;
        this.settings = settings;
    }

    /** Builder-style options of a node. */
    public static final class Options {
        String name = "node";
        boolean security;
        final Map<String, String> settings = new LinkedHashMap<>();
        final List<String[]> users = new ArrayList<>();
        final List<String> jvmOptions = new ArrayList<>();
        String rolesYaml = "";
        boolean pipelineProcessor;
        Platform platform = Platform.ELASTICSEARCH_8_19;
        String clusterName = "netblock-it";
        int httpPort;
        int transportPort;
        final List<String> seedHosts = new ArrayList<>();
        final List<String> initialMasterNodes = new ArrayList<>();
        Path transportKeystore;
        Boolean c1Compiler; // null: not told (on: tests start many nodes on a small machine)
        ElasticsearchCluster.SharedFiles shared;

        /** A copy, for the members of a cluster built from one set of options. */
        public Options copy() {
            Options c = new Options();
            c.name = name;
            c.security = security;
            c.settings.putAll(settings);
            c.users.addAll(users);
            c.jvmOptions.addAll(jvmOptions);
            c.rolesYaml = rolesYaml;
            c.pipelineProcessor = pipelineProcessor;
            c.platform = platform;
            c.clusterName = clusterName;
            c.httpPort = httpPort;
            c.transportPort = transportPort;
            c.seedHosts.addAll(seedHosts);
            c.initialMasterNodes.addAll(initialMasterNodes);
            c.transportKeystore = transportKeystore;
            c.c1Compiler = c1Compiler;
            c.shared = shared;
            return c;
        }

        /** {@code cluster.name} ({@code netblock-it} unless told); the node's main log is {@code logs/<cluster name>.log}. */
        public Options clusterName(String n) {
            clusterName = n;
            return this;
        }

        /** The HTTP port (a free one unless told). */
        public Options httpPort(int port) {
            httpPort = port;
            return this;
        }

        /** The transport port (a free one unless told): a cluster's members know each other's in advance. */
        public Options transportPort(int port) {
            transportPort = port;
            return this;
        }

        /**
         * Makes the node a member of a multi-node cluster: {@code discovery.seed_hosts} (transport addresses such as
         * {@code 127.0.0.1:9301}) instead of {@code discovery.type: single-node}. Without it the node is single-node.
         */
        public Options seedHosts(List<String> hosts) {
            seedHosts.clear();
            seedHosts.addAll(hosts);
            return this;
        }

        /**
         * The node names that bootstrap a new cluster ({@code cluster.initial_master_nodes}, on OpenSearch
         * {@code cluster.initial_cluster_manager_nodes}); empty for a node that joins a formed cluster.
         */
        public Options initialMasterNodes(List<String> names) {
            initialMasterNodes.clear();
            initialMasterNodes.addAll(names);
            return this;
        }

        /**
         * Transport TLS (Elasticsearch with {@link #security(boolean) security} on): a PKCS12 file with
         * an empty password holding the node's key and the certificate to trust, copied to {@code config/} and set as
         * {@code xpack.security.transport.ssl} keystore and truststore.
         */
        public Options transportTls(Path pkcs12) {
            transportKeystore = pkcs12;
            return this;
        }

        /** The platform of the node (Elasticsearch 8.19 unless told). */
        public Options platform(Platform p) {
            platform = p;
            return this;
        }

        /**
         * Also install a test-only plugin that registers Elasticsearch's {@code pipeline} processor (full
         * distributions have it from ingest-common, which the integ-test distribution lacks), compiled against
         * this node's server jar.
         */
        public Options pipelineProcessor() {
            pipelineProcessor = true;
            return this;
        }

        public Options name(String n) {
            name = n;
            return this;
        }

        public Options security(boolean on) {
            security = on;
            return this;
        }

        /**
         * A file-realm user (the integ-test distribution lacks the analysis module that the
         * security index needs, so users and roles live in files).
         */
        public Options user(String user, String password, String role) {
            users.add(new String[] {user, password, role});
            return this;
        }

        /** The content of config/roles.yml. */
        public Options roles(String yaml) {
            rolesYaml = yaml;
            return this;
        }

        /**
         * Only the JIT's first tier ({@code -XX:TieredStopAtLevel=1}) for the node and its command-line tools: about half
         * the CPU to start (measured on 8.19: 9.5-11 s instead of 19-23 s per node), slower under sustained load. On
         * unless told otherwise: the suite starts some forty nodes on 2 cores; scenarios under sustained bulk load and
         * benchmarks turn it off.
         */
        public Options c1Compiler(boolean on) {
            c1Compiler = on;
            return this;
        }

        /** One more JVM option of the node (e.g. a JFR recording for a benchmark). */
        public Options jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Options setting(String key, String value) {
            settings.put(key, value);
            return this;
        }
    }

    public static ElasticsearchNode start(Options options) throws IOException, InterruptedException {
        ElasticsearchNode node = prepare(options);
        try {
            node.startProcess();
            return node;
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Unpacks, installs the plugin and configures a node without starting it ({@link #start()} does). */
    public static ElasticsearchNode prepare(Options options) throws IOException, InterruptedException {
        Path zip = options.platform.distribution();
        Path plugin = options.platform.plugin();
        // Under the temp folder: every parent must be traversable by the node's user.
        Path home = Files.createTempDirectory("netblock-it-" + options.name + "-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        int[] free = freePorts(2);
        ElasticsearchNode node = new ElasticsearchNode(options.name, home, options.httpPort > 0 ? options.httpPort : free[0],
                options.transportPort > 0 ? options.transportPort : free[1], options.security, Map.copyOf(options.settings), options.copy());
        try {
            unzip(zip, home);
            node.installPlugin(plugin);
            if (options.pipelineProcessor) {
                node.installPlugin(PipelineProcessorZip.write(home.resolve("pipeline-processor-plugin.zip"), options.platform, home));
            }
            node.configure();
            return node;
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /**
     * Starts the process of a prepared or stopped node (same folders, same ports) and waits until it answers
     * {@code _cluster/health?wait_for_status=yellow}. A member of a cluster answers once the cluster has formed: start
     * the members of a new cluster together (each waits up to 30 s, {@code discovery.initial_state_timeout}, for a master).
     */
    public void start() throws IOException, InterruptedException {
        if (isAlive()) {
            throw new IllegalStateException("node " + name + " runs already");
        }
        pid = -1;
        Files.deleteIfExists(home.resolve("es.pid"));
        startProcess();
    }

    /** Distinct free loopback ports (all held open while choosing, so no two are the same). */
    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> open = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                open.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
    }

    /** Unpacks the distribution without its top folder and marks bin/ executable. */
    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String entry = e.getName();
                int slash = entry.indexOf('/');
                if (slash < 0 || slash == entry.length() - 1) {
                    continue;
                }
                Path out = target.resolve(entry.substring(slash + 1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry " + entry + " escapes the target folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> bin = Files.list(target.resolve("bin"))) {
            for (Path p : bin.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private String javaHome() {
        return options.platform.javaHome();
    }

    /** The platform this node is of. */
    public Platform platform() {
        return options.platform;
    }

    private void installPlugin(Path plugin) throws IOException, InterruptedException {
        run(List.of(home.resolve("bin/" + options.platform.product() + "-plugin").toString(), "install", "--batch", plugin.toUri().toString()), false);
    }

    private void configure() throws IOException, InterruptedException {
        if (security && !options.platform.shipsSecurity()) {
            throw new IllegalStateException(options.platform + "'s integ-test distribution has no security plugin: a secured node cannot be started");
        }
        List<String> yml = new ArrayList<>(List.of(
                "cluster.name: " + options.clusterName,
                "node.name: " + name));
        if (isClusterMember()) {
            yml.add("discovery.seed_hosts: " + yamlList(options.seedHosts));
            if (!options.initialMasterNodes.isEmpty()) {
                yml.add(options.platform.initialMasterNodesSetting() + ": " + yamlList(options.initialMasterNodes));
            }
        } else {
            yml.add("discovery.type: single-node");
        }
        yml.addAll(List.of(
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "path.data: " + home.resolve("data"),
                "path.logs: " + home.resolve("logs"),
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.destructive_requires_name: false"));
        if (!options.platform.isOpenSearch()) {
            yml.add("xpack.security.enabled: " + security); // OpenSearch's integ-test zip has no security plugin to turn off
        }
        if (options.transportKeystore != null) {
            if (options.platform.isOpenSearch() || !security) {
                throw new IllegalStateException("transport TLS is configured through Elasticsearch's security: not on " + options.platform
                        + (security ? "" : " without security(true)"));
            }
            Path keystore = home.resolve("config/" + TRANSPORT_KEYSTORE);
            Files.copy(options.transportKeystore, keystore, StandardCopyOption.REPLACE_EXISTING);
            // the keystore's password is empty: nothing goes into elasticsearch.keystore
            yml.addAll(List.of(
                    "xpack.security.transport.ssl.enabled: true",
                    "xpack.security.transport.ssl.verification_mode: certificate",
                    "xpack.security.transport.ssl.keystore.path: " + TRANSPORT_KEYSTORE,
                    "xpack.security.transport.ssl.truststore.path: " + TRANSPORT_KEYSTORE));
        }
        if (!settings.containsKey(WATCH_INTERVAL)) {
            // the folder watcher looks every second instead of every 5 s: the scenarios that wait for it run sooner,
            // and a cp over a live file is seen mid-copy more often (what CarelessOperatorIT wants to provoke)
            yml.add(WATCH_INTERVAL + ": 1s");
        }
        settings.forEach((k, v) -> yml.add(k + ": " + v));
        Files.write(home.resolve("config/" + options.platform.product() + ".yml"), yml);
        Files.writeString(home.resolve("config/jvm.options.d/heap.options"), "-Xms512m\n-Xmx512m\n");
        List<String> jvm = new ArrayList<>(options.jvmOptions);
        if (!Boolean.FALSE.equals(options.c1Compiler)) {
            jvm.add(C1_ONLY);
        }
        if (!jvm.isEmpty()) {
            Files.write(home.resolve("config/jvm.options.d/extra.options"), jvm);
        }
        Files.createDirectories(configFolder());
        Files.createDirectories(tmpFolder());
        if (security) {
            Files.writeString(home.resolve("config/roles.yml"), options.rolesYaml);
            if (options.shared != null) {
                // the members of a cluster share one users file: made once (a JVM per user), copied to the others
                options.shared.fileRealm(home.resolve("config"), this::addUsers);
            } else {
                addUsers();
            }
        }
        if (isRoot()) {
            ensureUser();
            run(List.of("chown", "-R", NODE_USER + ":", home.toString()), false);
        }
    }

    /** The file-realm users: a superuser, so tests can create other users and roles through the API, and the options' users. */
    private void addUsers() throws IOException, InterruptedException {
        run(List.of(home.resolve("bin/elasticsearch-users").toString(), "useradd", ADMIN_USER, "-p", ADMIN_PASSWORD,
                "-r", "superuser"), false);
        for (String[] u : options.users) {
            run(List.of(home.resolve("bin/elasticsearch-users").toString(), "useradd", u[0], "-p", u[1], "-r", u[2]), false);
        }
    }

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** How often the node's resource watcher (the plugin's folder watcher) looks: the same setting on both products. */
    public static final String WATCH_INTERVAL = "resource.reload.interval.high";

    /** The name of the transport keystore in {@code config/}. */
    static final String TRANSPORT_KEYSTORE = "netblock-transport.p12";

    private static String yamlList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    /** Whether the node is configured as a member of a multi-node cluster (else {@code discovery.type: single-node}). */
    public boolean isClusterMember() {
        return !options.seedHosts.isEmpty();
    }

    /** The node's name ({@code node.name}). */
    public String name() {
        return name;
    }

    /** The transport port, which other members of a cluster name in {@code discovery.seed_hosts}. */
    public int transportPort() {
        return transportPort;
    }

    /** {@code 127.0.0.1:<transport port>}. */
    public String transportAddress() {
        return "127.0.0.1:" + transportPort;
    }

    /** Whether security is on (requests then need {@link #ADMIN_USER}'s or another user's credentials). */
    public boolean security() {
        return security;
    }

    /** The options the node was made with (a copy). */
    public Options options() {
        return options.copy();
    }

    private static void ensureUser() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", NODE_USER).redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        if (id.waitFor() != 0) {
            // parallel test classes may race to create it; a second useradd failing is fine if the user exists then
            Process add = new ProcessBuilder("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", NODE_USER).redirectErrorStream(true).start();
            String out = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (add.waitFor() != 0 && new ProcessBuilder("id", "-u", NODE_USER).start().waitFor() != 0) {
                throw new IOException("cannot create user " + NODE_USER + ": " + out);
            }
        }
    }

    /** Runs a command as the node's user when root (for commands that touch the node's files). */
    private String run(List<String> command, boolean asNodeUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asNodeUser && isRoot()) {
            full.addAll(List.of("runuser", "-u", NODE_USER, "--"));
        }
        // a temp folder of the node's own (instead of a new random one under /tmp each start), so tests can look into it
        String env = options.platform.envPrefix(); // ES_JAVA_HOME, ... or OPENSEARCH_JAVA_HOME, ...
        full.addAll(List.of("env", env + "_JAVA_HOME=" + javaHome(), env + "_PATH_CONF=" + home.resolve("config"), env + "_TMPDIR=" + tmpFolder()));
        if (!Boolean.FALSE.equals(options.c1Compiler)) {
            // the JVM options of the command-line tools (plugin, users, the launcher): CLI_JAVA_OPTS, on OpenSearch OPENSEARCH_JAVA_OPTS
            full.add((options.platform.isOpenSearch() ? "OPENSEARCH_JAVA_OPTS" : "CLI_JAVA_OPTS") + "=" + C1_ONLY);
        }
        full.addAll(command);
        // output to a file, not a pipe: OpenSearch's `bin/opensearch -d` leaves the daemon holding its stdout and
        // stderr, so reading a pipe to its end would wait for the node to stop
        Path outFile = Files.createTempFile("netblock-it-command-", ".out");
        try {
            Process p = new ProcessBuilder(full).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(outFile.toFile()).start();
            boolean exited = p.waitFor(120, TimeUnit.SECONDS);
            String out = Files.readString(outFile, StandardCharsets.UTF_8);
            if (!exited || p.exitValue() != 0) {
                throw new IOException("command " + command + " failed:\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        Path pidFile = home.resolve("es.pid");
        run(List.of(home.resolve("bin/" + options.platform.product()).toString(), "-d", "-p", pidFile.toString()), true);

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (pid < 0 && Files.exists(pidFile)) {
                String text = Files.readString(pidFile).strip();
                if (!text.isEmpty()) {
                    pid = Long.parseLong(text);
                }
            }
            if (pid > 0 && ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true)) {
                throw new IllegalStateException("node " + name + " exited during start-up; log tail:\n" + logTail(80));
            }
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", basicAuth()).GET().build();
                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200 && !res.body().contains("\"timed_out\":true")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + name + " not ready (yellow or green) within " + START_TIMEOUT.toSeconds() + " s; log tail:\n" + logTail(80));
    }

    /** Credentials of the superuser created for security-enabled nodes. */
    public static final String ADMIN_USER = "netblock_admin";
    public static final String ADMIN_PASSWORD = "netblock-admin-password";

    /** The {@code Authorization} header value of {@link #ADMIN_USER}. */
    public static String basicAuth() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path home() {
        return home;
    }

    /** {@code $ES_HOME/config/ingest-netblock}, the folder the plugin watches. */
    public Path configFolder() {
        return home.resolve("config/ingest-netblock");
    }

    /** The node's temp folder ({@code ES_TMPDIR}), where the plugin copies the databases it maps. */
    public Path tmpFolder() {
        return home.resolve("tmp");
    }

    /** Whether the node's process is still running. */
    /** The node's process id, or -1 when it is not running. */
    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Copies a database into the watched folder the way publish does: a temp name, then a rename. */
    public Path publish(Path database, String name) throws IOException {
        Path tmp = configFolder().resolve("." + name + ".nbdb.tmp");
        Files.copy(database, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        return Files.move(tmp, configFolder().resolve(name + ".nbdb"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public synchronized RestClient restClient() {
        if (restClient == null) {
            restClient = RestClient.builder(new HttpHost("127.0.0.1", httpPort, "http")).build();
        }
        return restClient;
    }

    public synchronized ElasticsearchClient client() {
        if (client == null) {
            client = new ElasticsearchClient(new RestClientTransport(restClient(), new JacksonJsonpMapper()));
        }
        return client;
    }

    /** The last lines of the node's main log, for failure messages. */
    public String logTail(int lines) {
        Path log = logFile();
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The node's main log, {@code logs/<cluster name>.log}. */
    public Path logFile() {
        return home.resolve("logs/" + options.clusterName + ".log");
    }

    /** Whether the node's log contains the text (for waiting on asynchronous reloads). */
    public boolean logContains(String text) {
        try {
            return Files.readString(logFile(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process; the files stay (see {@link #close()}). */
    public void stop() throws IOException {
        if (restClient != null) {
            restClient.close();
            restClient = null;
            client = null;
        }
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ph -> {
                ph.destroy();
                try {
                    ph.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    ph.destroyForcibly();
                }
            });
            pid = -1;
        }
    }

    /** Leaves the node running after this JVM exits (the demo); only the client is closed. */
    public void detach() throws IOException {
        if (restClient != null) {
            restClient.close();
            restClient = null;
            client = null;
        }
    }

    /** Stops and starts the same node again (same folders, same ports). */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
