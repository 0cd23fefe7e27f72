package io.github.netblock.loader.cli;

import io.github.netblock.loader.setup.CustomHooks;
import io.github.netblock.loader.setup.DashboardFiles;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import io.github.netblock.loader.setup.ElasticsearchSetup;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.setup.KibanaImport;
import io.github.netblock.loader.setup.RestJson;
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
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Installs the component templates, index templates and ingest pipelines of elasticsearch-netblock "
                + "into Elasticsearch (8.19, 9.x) or OpenSearch (3.x) and, with --kibana (Elasticsearch only), imports the dashboards into Kibana. Running it again changes "
                + "nothing. A pipeline whose processors the cluster lacks (grok needs ingest-common) is skipped with a message.",
                "",
                "Indices matching --index-pattern (default netblock-attacks-*) run the netblock-source-ip pipeline by default. "
                + "For data streams of Elastic Agent, Filebeat and Logstash, --attach logs@custom (every logs-*-* data stream "
                + "of the stack's logs template and of Fleet's integrations) or --attach logs-nginx.access@custom (one dataset) "
                + "adds the netblock processor to that @custom pipeline and the netblock field mappings to that @custom "
                + "component template, created when missing, merged otherwise (your processors and mappings stay); "
                + "--detach removes exactly what --attach added. Stored documents are not changed; data streams get the "
                + "mappings at their next rollover. global@custom and TYPE-PACKAGE.integration@custom (called by Fleet's "
                + "pipelines only) get the processor and no mappings: no index template composes a component template of "
                + "those names. OpenSearch has neither the @custom hooks nor Kibana: there --attach, "
                + "--detach and --kibana are refused (exit 3) before anything is changed."})
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
            description = "add the netblock processor and mappings to this @custom pipeline and component template "
                    + "(global@custom and *.integration@custom: the processor only) (repeatable)")
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
        ElasticsearchConnection elasticsearch = connection.to("--es", es);
        ElasticsearchConnection k = kibana == null ? null : connection.to("--kibana", kibana);
        if (dashboards != null) {
            NamedPaths.inputFolder("--dashboards", dashboards);
        }
        PrintWriter out = spec.commandLine().getOut();
        RestClient rest = elasticsearch.restClient();
        try {
            RestJson client = new RestJson(rest);
            if (client.product() == RestJson.Product.OPENSEARCH) {
                refuseOnOpenSearch();
            }
            DashboardFiles files = new DashboardFiles(dashboards);
            int n = ElasticsearchSetup.install(client, files, indexPattern, out);
            CustomHooks hooks = new CustomHooks(client, out);
            for (String hook : attach) {
                hooks.attach(hook, ElasticsearchSetup.attachedProcessor(files), ElasticsearchSetup.attachedMappings(files));
            }
            for (String hook : detach) {
                hooks.detach(hook);
            }
            List<String> attached = hooks.attached();
            out.printf("setup done: %d objects installed in %s%s%n", n, es, attachedSummary(attached));
            out.flush();
            if (k != null) {
                String dataView = dataView(indexPattern, attached);
                for (String hook : attached) {
                    if (!CustomHooks.mappingsApplied(hook)) {
                        out.printf("Kibana: the data view leaves out %s (%s): no index template maps the netblock fields there%n",
                                CustomHooks.dataStreamPattern(hook), hook);
                    }
                }
                for (DashboardFiles.Item f : files.kibanaObjects()) {
                    int imported = KibanaImport.importObjects(k, f.name() + ".ndjson", KibanaImport.withDataViewTitle(f.json(), dataView));
                    out.printf("Kibana: %d saved objects of %s.ndjson imported into %s (data view %s)%n", imported, f.name(), kibana, dataView);
                }
            }
            return 0;
        } catch (ConnectException e) {
            throw new IOException("cannot reach Elasticsearch at " + es + " (" + e.getMessage() + ")", e);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401 || status == 403) {
                throw new IOException("Elasticsearch at " + es + " refused the credentials: " + e.getMessage(), e);
            }
            throw new IOException("Elasticsearch at " + es + " refused: " + e.getMessage(), e);
        } finally {
            rest.close();
        }
    }

    /**
     * The end of setup's last line: the hooks whose pipeline holds the netblock processor, each hook that gets no
     * mappings from any index template ({@code global@custom}, {@code TYPE-PACKAGE.integration@custom}) marked so.
     */
    static String attachedSummary(List<String> attached) {
        if (attached.isEmpty()) {
            return "";
        }
        List<String> hooks = new ArrayList<>();
        for (String hook : attached) {
            hooks.add(CustomHooks.mappingsApplied(hook) ? hook : hook + " (processor only: no index template applies the netblock field mappings there)");
        }
        return "; netblock processor attached to " + String.join(", ", hooks);
    }

    /**
     * The Kibana data view's index patterns: {@code --index-pattern} (default {@code netblock-attacks-*}) and the data
     * streams of each attached hook whose mappings an index template applies; a hook without them is left out, since
     * the dashboards' fields are not mapped there as they expect.
     */
    static String dataView(String indexPattern, List<String> attached) {
        Set<String> patterns = new LinkedHashSet<>();
        patterns.add(indexPattern == null ? "netblock-attacks-*" : indexPattern);
        attached.stream().filter(CustomHooks::mappingsApplied).forEach(h -> patterns.add(CustomHooks.dataStreamPattern(h)));
        return String.join(",", patterns);
    }

    /** The Elastic stack's hooks and Kibana do not exist on OpenSearch: refused before anything is changed. */
    private void refuseOnOpenSearch() throws InvalidInputException {
        List<String> options = new ArrayList<>();
        attach.forEach(h -> options.add("--attach " + h));
        detach.forEach(h -> options.add("--detach " + h));
        if (!options.isEmpty()) {
            throw new InvalidInputException(String.join(", ", options) + ": " + es + " is OpenSearch, and OpenSearch has no logs@custom / "
                    + "Fleet hooks (the @custom pipelines and component templates of Elasticsearch's stack templates and Fleet); "
                    + "run setup without --attach/--detach: indices matching --index-pattern get the netblock-source-ip pipeline "
                    + "by default; nothing was changed");
        }
        if (kibana != null) {
            throw new InvalidInputException("--kibana " + kibana + ": " + es + " is OpenSearch, and Kibana objects are Elasticsearch-only "
                    + "(OpenSearch Dashboards cannot import them); run setup without --kibana; nothing was changed");
        }
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}
