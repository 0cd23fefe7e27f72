package io.github.netblock.loader.cli;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.loader.backfill.BackfillApi;
import io.github.netblock.loader.backfill.BackfillRequest;
import io.github.netblock.loader.backfill.BackfillRun;
import io.github.netblock.loader.backfill.BackfillSummary;
import io.github.netblock.loader.backfill.PipelineTarget;
import io.github.netblock.loader.backfill.SearchAndBulk;
import io.github.netblock.loader.backfill.Selection;
import io.github.netblock.loader.setup.ElasticsearchSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-annotates documents indexed before the data existed (before setup, or before the database knew their "
                + "addresses): an update_by_query through the netblock pipeline over --index, run by Elasticsearch as a task "
                + "(conflicts=proceed, throttled with --requests-per-second), whose progress is shown. Documents are updated in "
                + "place: nothing is deleted, nothing is copied to another index.",
                "",
                "Selected by default: documents with the pipeline's address field (source.ip) and none of source.as.number, "
                + "source.netblock and source.domain, i.e. never annotated; so running backfill again picks only the documents still "
                + "lacking them. --missing FIELD selects the documents lacking that field (e.g. source.domain after resolve found "
                + "PTR names), --all every document with the address field. The processor fills what a document lacks and keeps "
                + "what it has (unless the pipeline's processor sets override: true).",
                "",
                "The task runs in Elasticsearch: when the command is interrupted (Ctrl-C) the task goes on, and the command prints how "
                + "to re-attach (--resume TASK_ID) or cancel it. A document the pipeline fails on (a source.ip that is not an address) "
                + "is left as it was and reported; update_by_query stops at such a batch, so backfill starts another round without "
                + "the failed documents, up to --max-failures. The exit code is 1 when any document failed."})
final class BackfillCommand implements Callable<Integer> {
    private static final Pattern TASK_ID = Pattern.compile("[^\\s:/]+:\\d+");
    private static final Pattern SLICES = Pattern.compile("auto|[1-9]\\d{0,3}");

    @Spec
    CommandSpec spec;

    @Option(names = "--es", required = true, paramLabel = "URL", description = "Elasticsearch, e.g. https://127.0.0.1:9200")
    String es;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--index", paramLabel = "PATTERN", description = "indices, aliases or data streams to backfill, e.g. netblock-attacks-* (commas allowed)")
    String index;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "the pipeline that runs the netblock processor (default: "
            + ElasticsearchSetup.SOURCE_IP_PIPELINE + ")")
    String pipeline;

    @Option(names = "--all", description = "every document with the address field, annotated or not")
    boolean all;

    @Option(names = "--missing", paramLabel = "FIELD", description = "documents lacking this output field (repeatable: lacking any), "
            + "e.g. source.domain, source.registrar.name, source.netblock")
    List<String> missing = new ArrayList<>();

    @Option(names = "--requests-per-second", paramLabel = "N", description = "throttle: documents per second (default: unthrottled)")
    Float requestsPerSecond;

    @Option(names = "--slices", paramLabel = "auto|N", description = "parallel slices of the task (default: auto, one per shard)")
    String slices;

    @Option(names = "--max-failures", paramLabel = "N", description = "stop after this many failed documents (default: 100)")
    Integer maxFailures;

    @Option(names = "--resume", paramLabel = "TASK_ID", description = "re-attach to a running or finished backfill task (node:id) and report it")
    String resume;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "follow the task to its end (default); --no-wait prints the task id and returns")
    boolean waitForTask;

    @Mixin
    QuietOption quiet;

    /** How often the task is polled. */
    Duration pollInterval = Duration.ofSeconds(1);

    @Override
    public Integer call() throws IOException {
        check();
        BackfillApi api = new BackfillApi(((RestClientTransport) connection.to("--es", es).client()._transport()).restClient(), es);
        PrintWriter log = quiet.log();
        PrintWriter err = spec.commandLine().getErr();
        Interruption interruption = new Interruption(api, err);
        try {
            BackfillRun run = new BackfillRun(api, quiet.progress(), log, pollInterval, interruption::following);
            BackfillSummary summary;
            if (resume != null) {
                interruption.install();
                summary = run.attach(resume);
            } else {
                BackfillRequest request = request(api, log);
                if (request == null) {
                    return 0;
                }
                if (!waitForTask) {
                    String task;
                    try {
                        task = run.start(request, List.of());
                    } catch (BackfillApi.NoUpdateByQueryException e) {
                        throw new IOException(e.getMessage() + "; --no-wait needs it: without --no-wait backfill runs from this machine", e);
                    }
                    log.printf("backfill task %s started; follow it with: netblock-loader backfill --es %s --resume %s%n", task, es, task);
                    log.printf("cancel it with: %s%n", api.cancelCommand(task));
                    log.flush();
                    return 0;
                }
                interruption.install();
                try {
                    summary = run.run(request);
                } catch (BackfillApi.NoUpdateByQueryException e) {
                    log.printf("%s%nbackfilling from this machine instead: a search of the selected documents, written back through "
                            + "pipeline %s by _bulk, as long as this command runs%n", e.getMessage(), request.target().pipeline());
                    log.flush();
                    interruption.local();
                    summary = new SearchAndBulk(api, quiet.progress(), SearchAndBulk.PAGE).run(request);
                }
            }
            interruption.remove();
            summary.print(log, err);
            return summary.complete() ? 0 : 1;
        } finally {
            interruption.remove();
            api.close();
        }
    }

    /** Reads the pipeline, checks the index pattern, counts: null when nothing is selected. */
    private BackfillRequest request(BackfillApi api, PrintWriter log) throws IOException {
        String name = pipeline == null ? ElasticsearchSetup.SOURCE_IP_PIPELINE : pipeline;
        PipelineTarget target = PipelineTarget.of(name, api.pipeline(name));
        Selection selection = all ? Selection.all() : missing.isEmpty() ? Selection.unannotated() : Selection.missing(missing);
        long documents = api.count(index, matchAll());
        long selected = api.count(index, selection.query(target, List.of()));
        log.printf("%,d of %,d documents of %s selected: %s; pipeline %s%n", selected, documents, index, selection.describe(target), name);
        log.flush();
        if (selected == 0) {
            log.printf("backfill: nothing to do%n");
            log.flush();
            return null;
        }
        return new BackfillRequest(index, target, selection, requestsPerSecond, slices == null ? "auto" : slices,
                maxFailures == null ? 100 : maxFailures);
    }

    private static ObjectNode matchAll() {
        ObjectNode q = JsonNodeFactory.instance.objectNode();
        q.putObject("match_all");
        return q;
    }

    /** Usage errors (exit 2), before any connection. */
    private void check() {
        connection.check();
        var parsed = spec.commandLine().getParseResult();
        if (resume != null) {
            for (String option : List.of("--index", "--pipeline", "--all", "--missing", "--requests-per-second", "--slices", "--max-failures",
                    "--wait", "--no-wait")) {
                if (parsed.hasMatchedOption(option)) {
                    throw usage("--resume follows a task already started: " + option + " does not apply to it");
                }
            }
            if (!TASK_ID.matcher(resume).matches()) {
                throw usage("--resume " + resume + ": a task id is NODE:NUMBER, as backfill printed it (e.g. oTUltX4IQMOUUVeiohTt8A:12345)");
            }
            return;
        }
        if (index == null || index.isBlank()) {
            throw usage("--index PATTERN is required (or --resume TASK_ID)");
        }
        if (all && !missing.isEmpty()) {
            throw usage("--all and --missing: give one (--all selects every document with the address field)");
        }
        if (!missing.isEmpty()) {
            try {
                Selection.missing(missing);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (requestsPerSecond != null && !(requestsPerSecond > 0 && Float.isFinite(requestsPerSecond))) {
            throw usage("--requests-per-second " + requestsPerSecond + ": give a number of documents per second above 0");
        }
        if (slices != null && !SLICES.matcher(slices).matches()) {
            throw usage("--slices " + slices + ": give auto or a number from 1 to 9999");
        }
        if (maxFailures != null && maxFailures < 1) {
            throw usage("--max-failures " + maxFailures + ": give 1 or more");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Ctrl-C while a task is followed: the task goes on in Elasticsearch, and the operator learns how to
     * re-attach or cancel it.
     */
    private final class Interruption {
        private final BackfillApi api;
        private final PrintWriter err;
        private final Thread hook = new Thread(this::tell, "backfill-interrupted");
        private volatile String task;
        private volatile boolean local;
        private boolean installed;

        Interruption(BackfillApi api, PrintWriter err) {
            this.api = api;
            this.err = err;
        }

        void following(String taskId) {
            task = taskId;
        }

        /** No task: the backfill runs in this process. */
        void local() {
            local = true;
        }

        void install() {
            Runtime.getRuntime().addShutdownHook(hook);
            installed = true;
        }

        void remove() {
            if (installed) {
                installed = false;
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs
                }
            }
        }

        private void tell() {
            if (local) {
                err.println();
                err.println("interrupted: the documents backfilled so far are annotated; run backfill again to go on "
                        + "(it picks only the documents still lacking the fields)");
                err.flush();
                return;
            }
            String t = task;
            if (t != null) {
                err.println();
                err.println("interrupted: backfill task " + t + " keeps running in Elasticsearch.");
                err.println("re-attach: netblock-loader backfill --es " + es + " --resume " + t + " (with the same credentials options)");
                err.println("cancel:    " + api.cancelCommand(t));
                err.flush();
            }
        }
    }
}
