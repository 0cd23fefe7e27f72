package io.github.netblock.ingest.processor;

import static org.elasticsearch.ingest.ConfigurationUtils.newConfigurationException;
import static org.elasticsearch.ingest.ConfigurationUtils.readBooleanProperty;
import static org.elasticsearch.ingest.ConfigurationUtils.readOptionalList;
import static org.elasticsearch.ingest.ConfigurationUtils.readOptionalStringProperty;
import static org.elasticsearch.ingest.ConfigurationUtils.readStringProperty;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.database.DatabaseLease;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.Annotator;
import io.github.netblock.ingest.core.schema.OutputProperty;
import io.github.netblock.ingest.core.schema.OutputWriter;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import io.github.netblock.ingest.core.schema.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.common.logging.HeaderWarning;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;

/**
 * The {@code netblock} processor on Elasticsearch: reads an IP from {@code field} and writes what the
 * netblock database knows of it under {@code target_field}. One memory-mapped lookup per IP, no
 * network. What to write and how is the core's ({@link Annotator}, {@link OutputWriter}); this class
 * only connects them to Elasticsearch's document and options.
 */
public final class NetblockProcessor extends AbstractProcessor {
    public static final String TYPE = "netblock";
    public static final String TAG_UNAVAILABLE = "_netblock_database_unavailable";
    public static final String TAG_STALE = "_netblock_database_stale";

    private final ProcessorOptions options;
    private final Annotator annotator;
    private final OutputWriter writer;
    private final DatabaseRegistry registry;

    NetblockProcessor(String tag, String description, ProcessorOptions options, DatabaseRegistry registry) {
        super(tag, description);
        this.options = options;
        this.annotator = new Annotator(options.properties());
        this.writer = new OutputWriter(options.targetField(), options.override(), options.properties());
        this.registry = registry;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    String targetField() {
        return options.targetField();
    }

    Set<OutputProperty> properties() {
        return options.properties();
    }

    @Override
    public IngestDocument execute(IngestDocument document) {
        Object value = document.getFieldValue(options.field(), Object.class, options.ignoreMissing());
        if (value == null) {
            if (options.ignoreMissing()) {
                return document;
            }
            throw new IllegalArgumentException("field [" + options.field() + "] is null, cannot look up its netblock");
        }
        List<IpAddress> ips = Values.addresses(options.field(), value, options.firstOnly());
        try (DatabaseLease lease = registry.acquire(options.database())) {
            if (lease == null) {
                document.appendFieldValue("tags", TAG_UNAVAILABLE, false);
                return document;
            }
            if (lease.isStale()) {
                document.appendFieldValue("tags", TAG_STALE, false);
                HeaderWarning.addWarning("netblock database [{}] is older than the configured maximum age; update it with netblock-loader",
                        options.database());
            }
            Target target = new Target(document);
            if (options.firstOnly() || !(value instanceof List<?>)) {
                Map<String, Object> output = annotate(lease, ips.get(0));
                if (output != null) {
                    writer.write(target, output);
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
                    writer.writeAll(target, outputs);
                }
            }
        }
        return document;
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

    /** Elasticsearch's document as the core's writer sees it. */
    private record Target(IngestDocument document) implements OutputWriter.Document {
        @Override
        public boolean hasValue(String path) {
            return document.hasField(path) && document.getFieldValue(path, Object.class, true) != null;
        }

        @Override
        public void set(String path, Object value) {
            document.setFieldValue(path, value);
        }

        @Override
        public void remove(String path) {
            document.removeField(path, true);
        }
    }

    /** Creates processors from pipeline definitions; the core validates the options. */
    public static final class Factory implements Processor.Factory {
        private final DatabaseRegistry registry;

        public Factory(DatabaseRegistry registry) {
            this.registry = registry;
        }

        @Override
        public NetblockProcessor create(Map<String, Processor.Factory> factories, String tag, String description,
                                        Map<String, Object> config) {
            String field = readStringProperty(TYPE, tag, config, "field");
            String targetField = readOptionalStringProperty(TYPE, tag, config, "target_field");
            List<String> propertyNames = readOptionalList(TYPE, tag, config, "properties");
            boolean includeParents = readBooleanProperty(TYPE, tag, config, "include_parents", false);
            boolean ignoreMissing = readBooleanProperty(TYPE, tag, config, "ignore_missing", false);
            boolean firstOnly = readBooleanProperty(TYPE, tag, config, "first_only", true);
            String database = readStringProperty(TYPE, tag, config, "database", DatabaseRegistry.DEFAULT);
            boolean override = readBooleanProperty(TYPE, tag, config, "override", false);
            // An unknown database is not an error at creation: it may be published later; documents
            // are tagged _netblock_database_unavailable until it arrives.
            try {
                return new NetblockProcessor(tag, description, ProcessorOptions.of(field, targetField, propertyNames, includeParents,
                        ignoreMissing, firstOnly, database, override), registry);
            } catch (ProcessorOptions.InvalidOptionException e) {
                throw newConfigurationException(TYPE, tag, e.option(), e.getMessage());
            }
        }
    }
}
