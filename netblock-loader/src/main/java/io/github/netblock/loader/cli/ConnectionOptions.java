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
    ElasticsearchConnection to(String url) throws IOException {
        check();
        checkUrl(url);
        if (caCert != null) {
            NamedPaths.inputFile("--ca-cert", caCert);
        }
        return new ElasticsearchConnection(url, user, env(passwordEnv), env(apiKeyEnv), caCert);
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
     * An http or https URL with a host, e.g. {@code https://127.0.0.1:9200} (invalid input, exit 3, naming it): a
     * mistyped one would otherwise fail later as a connection error that does not say the URL is wrong.
     */
    static void checkUrl(String url) throws InvalidInputException {
        if (!url.contains("://")) {
            throw new InvalidInputException("[" + Printable.value(url) + "] has no scheme: give http://" + Printable.value(url.strip())
                    + " or https://" + Printable.value(url.strip()));
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("[" + Printable.value(url) + "] is not a URL: " + e.getReason() + "; give e.g. https://127.0.0.1:9200");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidInputException("[" + Printable.value(url) + "] is not an http or https URL with a host; give e.g. https://127.0.0.1:9200");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidInputException("[" + Printable.value(url) + "]: port " + uri.getPort() + " is not a TCP port");
        }
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
