package io.github.netblock.loader.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
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
import picocli.CommandLine.Mixin;
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

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--index-pattern", paramLabel = "PATTERN",
            description = "index pattern of the netblock-logs template (default: logs-nginx.access-*)")
    String indexPattern;

    @Option(names = "--dashboards", paramLabel = "DIR", description = "a dashboards folder instead of the files inside the jar")
    Path dashboards;

    @Override
    public Integer call() throws IOException {
        ElasticsearchConnection elasticsearch = connection.to(es);
        if (dashboards != null) {
            NamedPaths.inputFolder("--dashboards", dashboards);
        }
        ElasticsearchClient client = elasticsearch.client();
        try {
            DashboardFiles files = new DashboardFiles(dashboards);
            int n = ElasticsearchSetup.install(client, files, indexPattern, spec.commandLine().getOut());
            spec.commandLine().getOut().printf("setup done: %d objects installed in %s%n", n, es);
            if (kibana != null) {
                ElasticsearchConnection k = connection.to(kibana);
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
        } catch (ElasticsearchException e) {
            throw new IOException("Elasticsearch at " + es + " refused: " + e.getMessage(), e);
        } finally {
            client._transport().close();
        }
    }
}
