package io.github.netblock.loader.cli;

import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How to reach Elasticsearch and Kibana: the same credentials and CA certificate for both. Secrets
 * are named by environment variable, never given on the command line (where {@code ps} shows them).
 */
final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--user", paramLabel = "NAME", description = "basic auth user (for Elasticsearch, and for Kibana where the command talks to it)")
    private String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password")
    private String passwordEnv;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "environment variable holding an encoded API key")
    private String apiKeyEnv;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "PEM CA certificate to trust for https")
    private Path caCert;

    /**
     * The connection to {@code url}. The certificate file and the environment variables are checked
     * here, before any connection: a missing one is invalid input (exit 3).
     */
    ElasticsearchConnection to(String option, String url) throws IOException {
        check();
        String checked = checkUrl(option, url);
        if (caCert != null) {
            NamedPaths.inputFile("--ca-cert", caCert);
        }
        return new ElasticsearchConnection(checked, user, env(passwordEnv), env(apiKeyEnv), caCert);
    }

    /**
     * One way to authenticate, complete: {@code --user} with {@code --password-env}, or {@code --api-key-env}
     * (a usage error, exit 2, before any connection; a user without a password would only fail later as
     * "unable to authenticate").
     */
    void check() {
        if (user != null && apiKeyEnv != null) {
            throw new ParameterException(mixee.commandLine(), "--user and --api-key-env: give one way to authenticate, not both");
        }
        if (user != null && passwordEnv == null) {
            throw new ParameterException(mixee.commandLine(), "--user " + user + " needs --password-env VAR, the environment variable holding the password");
        }
        if (passwordEnv != null && user == null) {
            throw new ParameterException(mixee.commandLine(), "--password-env needs --user NAME");
        }
    }

    /**
     * An http or https URL with a host and at most a port, e.g. {@code https://127.0.0.1:9200} (a trailing {@code /}
     * is dropped): checked by the parser that connects, before any connection, and refused as invalid input (exit 3)
     * naming the option and the value. A mistyped one would otherwise fail later as a connection error that does
     * not say the URL is wrong.
     *
     * @return the URL without surrounding spaces and trailing slashes
     */
    static String checkUrl(String option, String url) throws InvalidInputException {
        String value = url.strip().replaceAll("/+$", "");
        String shown = option + " [" + Printable.value(url) + "]";
        int scheme = value.indexOf("://");
        if (scheme < 0) {
            throw new InvalidInputException(shown + " has no scheme: give http://" + Printable.value(value) + " or https://" + Printable.value(value));
        }
        String name = value.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("http") && !name.equals("https")) {
            throw new InvalidInputException(shown + " is not an http or https URL; give e.g. https://127.0.0.1:9200");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(shown + " has a space in it");
        }
        String authority = value.substring(scheme + 3);
        if (authority.contains("/") || authority.contains("?") || authority.contains("#")) {
            throw new InvalidInputException(shown + ": give the node's address only (scheme, host, port), no path or query");
        }
        org.apache.http.HttpHost host;
        try {
            host = org.apache.http.HttpHost.create(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(shown + " is not a URL: " + e.getMessage());
        }
        if (authority.isEmpty() || authority.startsWith(":") || authority.startsWith("@") || host.getHostName().isBlank()) {
            throw new InvalidInputException(shown + " has no host; give e.g. https://127.0.0.1:9200");
        }
        if (host.getPort() == 0 || host.getPort() > 65535 || host.getPort() < -1) {
            throw new InvalidInputException(shown + ": port " + host.getPort() + " is not a TCP port");
        }
        return value;
    }

    private static String env(String variable) throws InvalidInputException {
        if (variable == null) {
            return null;
        }
        String value = System.getenv(variable);
        if (value == null) {
            throw new InvalidInputException("environment variable " + variable + " is not set");
        }
        return value;
    }
}
