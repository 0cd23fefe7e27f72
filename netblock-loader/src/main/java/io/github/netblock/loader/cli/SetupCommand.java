package io.github.netblock.loader.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.github.netblock.loader.setup.CustomHooks;
import io.github.netblock.loader.setup.DashboardFiles;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import io.github.netblock.loader.setup.ElasticsearchSetup;
import io.github.netblock.loader.setup.KibanaImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.elasticsearch.client.ResponseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Installs the component templates, index templates and ingest pipelines of elasticsearch-netblock "
                + "into Elasticsearch and, with --kibana, imports the dashboards into Kibana. Running it again changes "
                + "nothing. A pipeline whose processors the cluster lacks (grok needs ingest-common) is skipped with a message.",
                "",
                "Indices matching --index-pattern (default netblock-attacks-*) run the netblock-source-ip pipeline by default. "
                + "For data streams of Elastic Agent, Filebeat and Logstash, --attach logs@custom (every logs-*-* data stream "
                + "of the stack's logs template and of Fleet's integrations) or --attach logs-nginx.access@custom (one dataset) "
                + "adds the netblock processor to that @custom pipeline and the netblock field mappings to that @custom "
                + "component template, created when missing, merged otherwise (your processors and mappings stay); "
                + "--detach removes exactly what --attach added. Stored documents are not changed; data streams get the "
                + "mappings at their next rollover."})
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
            description = "indices the netblock-attacks template (default pipeline netblock-source-ip) applies to, "
                    + "and the Kibana data view's first pattern (default: netblock-attacks-*)")
    String indexPattern;

    @Option(names = "--attach", paramLabel = "NAME@custom",
            description = "add the netblock processor and mappings to this @custom pipeline and component template (repeatable)")
    List<String> attach = new ArrayList<>();

    @Option(names = "--detach", paramLabel = "NAME@custom",
            description = "remove what --attach added from this @custom pipeline and component template (repeatable)")
    List<String> detach = new ArrayList<>();

    @Option(names = "--dashboards", paramLabel = "DIR", description = "a dashboards folder instead of the files inside the jar")
    Path dashboards;

    @Override
    public Integer call() throws IOException {
        for (String hook : union(attach, detach)) {
            try {
                CustomHooks.checkName(hook);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (attach.contains(hook) && detach.contains(hook)) {
                throw new ParameterException(spec.commandLine(), hook + ": given to both --attach and --detach");
            }
        }
        ElasticsearchConnection elasticsearch = connection.to(es);
        ElasticsearchConnection k = kibana == null ? null : connection.to(kibana);
        if (dashboards != null) {
            NamedPaths.inputFolder("--dashboards", dashboards);
        }
        PrintWriter out = spec.commandLine().getOut();
        ElasticsearchClient client = elasticsearch.client();
        try {
            DashboardFiles files = new DashboardFiles(dashboards);
            int n = ElasticsearchSetup.install(client, files, indexPattern, out);
            CustomHooks hooks = new CustomHooks(((RestClientTransport) client._transport()).restClient(), out);
            for (String hook : attach) {
                hooks.attach(hook, ElasticsearchSetup.attachedProcessor(files), ElasticsearchSetup.attachedMappings(files));
            }
            for (String hook : detach) {
                hooks.detach(hook);
            }
            List<String> attached = hooks.attached();
            out.printf("setup done: %d objects installed in %s%s%n", n, es,
                    attached.isEmpty() ? "" : "; netblock processor attached to " + String.join(", ", attached));
            out.flush();
            if (k != null) {
                Set<String> patterns = new LinkedHashSet<>();
                patterns.add(indexPattern == null ? "netblock-attacks-*" : indexPattern);
                attached.forEach(h -> patterns.add(CustomHooks.dataStreamPattern(h)));
                String dataView = String.join(",", patterns);
                for (DashboardFiles.Item f : files.kibanaObjects()) {
                    int imported = KibanaImport.importObjects(k, f.name() + ".ndjson", KibanaImport.withDataViewTitle(f.json(), dataView));
                    out.printf("Kibana: %d saved objects of %s.ndjson imported into %s (data view %s)%n", imported, f.name(), kibana, dataView);
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

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}
