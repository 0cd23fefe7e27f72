package io.github.netblock.loader.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.TransportException;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.setup.DashboardFiles;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import io.github.netblock.loader.setup.ElasticsearchSetup;
import io.github.netblock.loader.setup.KibanaImport;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elasticsearch.client.ResponseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Installs the component templates, index templates and ingest pipelines of elasticsearch-netblock "
                + "into Elasticsearch and, with --kibana, imports the dashboards into Kibana. Running it again changes "
                + "nothing. A pipeline whose processors the cluster lacks (grok needs ingest-common) is skipped with a message.")
final class SetupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--es", required = true, paramLabel = "URL", description = "Elasticsearch, e.g. https://127.0.0.1:9200")
    String es;

    @Option(names = "--kibana", paramLabel = "URL", description = "Kibana, e.g. http://127.0.0.1:5601: imports the dashboards too")
    String kibana;

    @Option(names = "--user", paramLabel = "NAME", description = "basic auth user (for Elasticsearch and Kibana)")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password")
    String passwordEnv;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "environment variable holding an encoded API key")
    String apiKeyEnv;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "PEM CA certificate to trust for https")
    Path caCert;

    @Option(names = "--index-pattern", paramLabel = "PATTERN",
            description = "index pattern of the netblock-logs template (default: logs-nginx.access-*)")
    String indexPattern;

    @Option(names = "--dashboards", paramLabel = "DIR", description = "a dashboards folder instead of the files inside the jar")
    Path dashboards;

    @Override
    public Integer call() throws IOException {
        if (caCert != null) {
            NamedPaths.inputFile("--ca-cert", caCert);
        }
        if (dashboards != null) {
            NamedPaths.inputFolder("--dashboards", dashboards);
        }
        String password = env(passwordEnv);
        String apiKey = env(apiKeyEnv);
        ElasticsearchConnection connection = new ElasticsearchConnection(es, user, password, apiKey, caCert);
        ElasticsearchClient client = connection.client();
        try {
            DashboardFiles files = new DashboardFiles(dashboards);
            int n = ElasticsearchSetup.install(client, files, indexPattern, spec.commandLine().getOut());
            spec.commandLine().getOut().printf("setup done: %d objects installed in %s%n", n, es);
            if (kibana != null) {
                ElasticsearchConnection k = new ElasticsearchConnection(kibana, user, password, apiKey, caCert);
                for (DashboardFiles.Item f : files.kibanaObjects()) {
                    int imported = KibanaImport.importObjects(k, f.name() + ".ndjson", f.json());
                    spec.commandLine().getOut().printf("Kibana: %d saved objects of %s.ndjson imported into %s%n", imported, f.name(), kibana);
                }
            }
            return 0;
        } catch (ConnectException e) {
            throw new IOException("cannot reach Elasticsearch at " + es + " (" + e.getMessage() + ")", e);
        } catch (TransportException | ResponseException e) {
            String msg = e.getMessage();
            if (msg != null && (msg.contains("401") || msg.contains("403"))) {
                throw new IOException("Elasticsearch at " + es + " refused the credentials: " + msg, e);
            }
            throw e;
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            throw new IOException("Elasticsearch at " + es + " refused: " + e.getMessage(), e);
        } finally {
            client._transport().close();
        }
    }

    private String env(String var) throws IOException {
        if (var == null) {
            return null;
        }
        String v = System.getenv(var);
        if (v == null) {
            throw new InvalidInputException("environment variable " + var + " is not set");
        }
        return v;
    }
}
