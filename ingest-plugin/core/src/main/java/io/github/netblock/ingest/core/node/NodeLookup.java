package io.github.netblock.ingest.core.node;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.database.DatabaseLease;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.LookupView;
import io.github.netblock.ingest.core.schema.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET _netblock/lookup/{ip}} on one node: every block containing the address, narrowest first,
 * from this node's copy of the database. Each failure has its own type, so that each platform's
 * adapter maps it to its own status (400, 404, 500).
 */
public final class NodeLookup {
    private NodeLookup() {}

    /** The named database is not loaded on this node (it may be published later). */
    public static final class DatabaseNotLoadedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseNotLoadedException(String database) {
            super("netblock database [" + database + "] is not loaded on this node");
        }
    }

    /**
     * What is wrong with a lookup request before it is sent to a node, one message each (empty when nothing is):
     * every platform's request validation reports these as its 400.
     */
    public static List<String> requestErrors(String ip, String database) {
        List<String> errors = new ArrayList<>();
        if (ip == null || ip.isBlank()) {
            errors.add("an IP address is required: GET _netblock/lookup/{ip}");
        }
        if (database == null || database.isBlank()) {
            errors.add("a database name is required");
        }
        return errors;
    }

    /**
     * The answer's body: {@code ip}, {@code database}, {@code database_stale}, then what the database knows.
     *
     * @throws IllegalArgumentException   the text is not an IP address (it is quoted, shortened)
     * @throws DatabaseNotLoadedException the database is not loaded here
     * @throws IllegalStateException      the database could not be read (the request fails, not the node)
     */
    public static Map<String, Object> answer(DatabaseRegistry registry, String ipText, String database) {
        IpAddress ip;
        try {
            ip = IpAddress.parse(Values.trimSpaces(ipText));
        } catch (InvalidIpException e) {
            throw new IllegalArgumentException("[" + Values.shorten(ipText) + "] is not an IP address");
        }
        try (DatabaseLease lease = registry.acquire(database)) {
            if (lease == null) {
                throw new DatabaseNotLoadedException(database);
            }
            LookupView.View view;
            try {
                view = LookupView.of(lease.database(), ip);
            } catch (RuntimeException | InternalError e) {
                // an InternalError is how the JVM reports a fault while reading a mapping: it fails this request, not the node
                throw new IllegalStateException("netblock database [" + database + "] could not be read: " + e.getMessage(), e);
            }
            lease.counters().lookup(view.hit());
            Map<String, Object> body = new LinkedHashMap<>(view.body());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ip", body.remove("ip"));
            out.put("database", database);
            out.put("database_stale", lease.isStale());
            out.putAll(body);
            return out;
        }
    }
}
