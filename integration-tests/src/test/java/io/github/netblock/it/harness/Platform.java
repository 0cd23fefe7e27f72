package io.github.netblock.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The platforms the plugin is built for: each a distribution zip, the plugin zip built for it, its exact
 * version and the JDK its node runs on, all given by Maven (integration-tests/pom.xml) as system
 * properties {@code netblock.<key>.*}. A test class runs on one platform, or on each through
 * {@code @ParameterizedClass @EnumSource(Platform.class)}.
 */
public enum Platform {
    /** Elasticsearch 8.19 ({@code netblock.es.*}, the node on the JDK that runs the tests). */
    ELASTICSEARCH_8_19("es", "netblock.plugin.zip"),
    /** Elasticsearch 9.3 ({@code netblock.es9.*}, the node on a JDK 21+: {@code netblock.es9.java.home}). */
    ELASTICSEARCH_9_3("es9", "netblock.es9.plugin.zip"),
    /**
     * OpenSearch 3.3 ({@code netblock.os.*}, the node on a JDK 21+: {@code netblock.os.java.home}): {@code bin/opensearch},
     * {@code opensearch.yml}, {@code OPENSEARCH_*} variables; its integ-test zip has no security plugin.
     */
    OPENSEARCH_3_3("os", "netblock.os.plugin.zip", "opensearch", "OPENSEARCH");

    private final String key;
    private final String pluginProperty;
    private final String product;
    private final String envPrefix;

    Platform(String key, String pluginProperty) {
        this(key, pluginProperty, "elasticsearch", "ES");
    }

    Platform(String key, String pluginProperty, String product, String envPrefix) {
        this.key = key;
        this.pluginProperty = pluginProperty;
        this.product = product;
        this.envPrefix = envPrefix;
    }

    /** Whether the node is OpenSearch (else Elasticsearch). */
    public boolean isOpenSearch() {
        return product.equals("opensearch");
    }

    /**
     * The name of the node's launcher ({@code bin/NAME}), plugin tool ({@code bin/NAME-plugin}) and settings file
     * ({@code config/NAME.yml}): {@code elasticsearch} or {@code opensearch}.
     */
    public String product() {
        return product;
    }

    /** The prefix of the launcher's environment variables: {@code ES} ({@code ES_JAVA_HOME}, ...) or {@code OPENSEARCH}. */
    public String envPrefix() {
        return envPrefix;
    }

    /**
     * The setting that names the nodes bootstrapping a new cluster: {@code cluster.initial_master_nodes}, on OpenSearch
     * {@code cluster.initial_cluster_manager_nodes} (the old name is deprecated there).
     */
    public String initialMasterNodesSetting() {
        return isOpenSearch() ? "cluster.initial_cluster_manager_nodes" : "cluster.initial_master_nodes";
    }

    /** The field of {@code _nodes/plugins} that names the version a plugin was built for. */
    public String pluginVersionField() {
        return product + "_version";
    }

    /** Whether the platform's integ-test distribution ships a security plugin the harness can turn on. */
    public boolean shipsSecurity() {
        return !isOpenSearch();
    }

    /** The distribution zip (the integ-test zip from Maven Central). */
    public Path distribution() {
        return Path.of(required("netblock." + key + ".zip"));
    }

    /** The exact version of the node, which the plugin's descriptor must name. */
    public String version() {
        return required("netblock." + key + ".version");
    }

    /** The plugin zip built for this platform. */
    public Path plugin() {
        Path plugin = Path.of(required(pluginProperty));
        if (!Files.isRegularFile(plugin)) {
            throw new IllegalStateException("plugin zip " + plugin + " for " + this + " is missing: build the ingest-plugin modules first");
        }
        return plugin;
    }

    /** The JDK the node runs on ({@code ES_JAVA_HOME}): the platform's own, else the tests' JDK. */
    public String javaHome() {
        String home = System.getProperty("netblock." + key + ".java.home");
        if (home == null || home.isBlank()) {
            return System.getProperty("java.home");
        }
        if (!Files.isExecutable(Path.of(home, "bin", "java"))) {
            throw new IllegalStateException(this + " needs a JDK at " + home + " (netblock." + key + ".java.home); .ci/tools installs one");
        }
        return home;
    }

    static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests through Maven)");
        }
        return v;
    }
}
