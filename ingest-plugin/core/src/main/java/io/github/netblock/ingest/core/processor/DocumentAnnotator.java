package io.github.netblock.ingest.core.processor;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.database.DatabaseLease;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.Annotator;
import io.github.netblock.ingest.core.schema.OutputWriter;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import io.github.netblock.ingest.core.schema.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@code netblock} processor does to one document, on every platform: read the addresses of
 * {@code field}, take a lease on the database, tag the document when the database is missing or stale,
 * look each address up and write the result by the {@link OutputWriter} rule. A platform's processor
 * only wraps its document class in a {@link Document}.
 */
public final class DocumentAnnotator {
    public static final String TYPE = "netblock";
    public static final String TAG_UNAVAILABLE = "_netblock_database_unavailable";
    public static final String TAG_STALE = "_netblock_database_stale";

    /** A platform's ingest document, as the processor sees it. */
    public interface Document extends OutputWriter.Document {
        /**
         * The value at the path; null when it is absent or null and {@code ignoreMissing}. Without
         * {@code ignoreMissing} an absent field fails the document with the platform's own message.
         */
        Object value(String path, boolean ignoreMissing);

        /** Appends the tag to the document's {@code tags}, unless it is there already. */
        void appendTag(String tag);

        /** A warning for the client that sent the document (a response header), not a failure. */
        void warn(String message);
    }

    private final ProcessorOptions options;
    private final Annotator annotator;
    private final OutputWriter writer;
    private final DatabaseRegistry registry;

    public DocumentAnnotator(ProcessorOptions options, DatabaseRegistry registry) {
        this.options = options;
        this.annotator = new Annotator(options.properties());
        this.writer = new OutputWriter(options.targetField(), options.override(), options.properties());
        this.registry = registry;
    }

    public ProcessorOptions options() {
        return options;
    }

    /**
     * Annotates the document in place.
     *
     * @throws IllegalArgumentException the field is missing or null (without {@code ignore_missing}) or
     *                                  holds something that is not an IP address
     * @throws IllegalStateException    the database could not be read for this document
     */
    public void annotate(Document document) {
        Object value = document.value(options.field(), options.ignoreMissing());
        if (value == null) {
            if (options.ignoreMissing()) {
                return;
            }
            throw new IllegalArgumentException("field [" + options.field() + "] is null, cannot look up its netblock");
        }
        List<IpAddress> ips = Values.addresses(options.field(), value, options.firstOnly());
        try (DatabaseLease lease = registry.acquire(options.database())) {
            if (lease == null) {
                document.appendTag(TAG_UNAVAILABLE);
                return;
            }
            if (lease.isStale()) {
                document.appendTag(TAG_STALE);
                document.warn("netblock database [" + options.database()
                        + "] is older than the configured maximum age; update it with netblock-loader");
            }
            if (options.firstOnly() || !(value instanceof List<?>)) {
                Map<String, Object> output = annotate(lease, ips.get(0));
                if (output != null) {
                    writer.write(document, output);
                }
            } else {
                // one entry per address of the field, in order, so that positions line up with it
                List<Map<String, Object>> outputs = new ArrayList<>(ips.size());
                boolean any = false;
                for (IpAddress ip : ips) {
                    Map<String, Object> output = annotate(lease, ip);
                    outputs.add(output);
                    any |= output != null;
                }
                if (any) {
                    writer.writeAll(document, outputs);
                }
            }
        }
    }

    /**
     * A database that fails a read (a bug in the reader or the writer that validation did not catch,
     * or an I/O fault of the disk under the temp folder, which the JVM reports as an InternalError)
     * fails this document with the database named, and never escapes as an error that stops the node.
     */
    private Map<String, Object> annotate(DatabaseLease lease, IpAddress ip) {
        NetblockDatabase db = lease.database();
        try {
            Annotator.Annotation a = annotator.annotate(db, ip);
            lease.counters().lookup(a.hit());
            return a.output();
        } catch (RuntimeException | InternalError e) {
            throw new IllegalStateException("netblock database [" + options.database() + "] could not be read for [" + ip
                    + "]: " + e.getMessage(), e);
        }
    }
}
