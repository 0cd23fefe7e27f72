package io.github.netblock.ingest.action.lookup;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.read.LookupResult;
import io.github.netblock.ingest.database.DatabaseLease;
import io.github.netblock.ingest.database.DatabaseRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;

/** Answers a lookup from this node's copy of the database: every block containing the IP, narrowest first. */
public final class TransportLookupAction extends HandledTransportAction<LookupRequest, LookupResponse> {
    private final DatabaseRegistry registry;

    @Inject
    public TransportLookupAction(TransportService transportService, ActionFilters actionFilters, DatabaseRegistry registry) {
        super(LookupAction.NAME, transportService, actionFilters, LookupRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
        this.registry = registry;
    }

    @Override
    protected void doExecute(Task task, LookupRequest request, ActionListener<LookupResponse> listener) {
        IpAddress ip;
        try {
            ip = IpAddress.parse(request.ip());
        } catch (InvalidIpException e) {
            listener.onFailure(new IllegalArgumentException("[" + request.ip() + "] is not an IP address", e));
            return;
        }
        try (DatabaseLease lease = registry.acquire(request.database())) {
            if (lease == null) {
                listener.onFailure(new ResourceNotFoundException("netblock database [" + request.database() + "] is not loaded on this node"));
                return;
            }
            LookupResult r = lease.database().lookup(ip, true);
            lease.counters().lookup(!r.netblocks().isEmpty());
            listener.onResponse(new LookupResponse(body(request, lease, r)));
        } catch (RuntimeException e) {
            listener.onFailure(e);
        }
    }

    static Map<String, Object> body(LookupRequest request, DatabaseLease lease, LookupResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", r.address().toString());
        out.put("database", request.database());
        out.put("database_stale", lease.isStale());
        Map<String, Object> as = null;
        List<Object> blocks = new ArrayList<>();
        for (Netblock b : r.netblocks()) {
            blocks.add(block(b));
            if (as == null && b.asNumber() != null) {
                as = new LinkedHashMap<>();
                as.put("number", b.asNumber());
                putIfSet(as, "organization", b.asName() == null ? null : Map.of("name", b.asName()));
            }
        }
        out.put("netblocks", blocks);
        if (as != null) {
            out.put("as", as);
        }
        if (r.reverseDns() != null) {
            Map<String, Object> rdns = new LinkedHashMap<>();
            rdns.put("domain", r.reverseDns().name());
            putIfSet(rdns, "registered_domain", r.reverseDns().registeredDomain());
            putIfSet(rdns, "top_level_domain", r.reverseDns().topLevelDomain());
            putIfSet(rdns, "first_seen", r.reverseDns().firstSeen() == null ? null : r.reverseDns().firstSeen().toString());
            putIfSet(rdns, "last_seen", r.reverseDns().lastSeen() == null ? null : r.reverseDns().lastSeen().toString());
            out.put("reverse_dns", rdns);
        }
        if (r.registrar() != null) {
            Map<String, Object> registrar = new LinkedHashMap<>();
            registrar.put("name", r.registrar().name());
            putIfSet(registrar, "iana_id", r.registrar().ianaId());
            out.put("registrar", registrar);
        }
        return out;
    }

    private static Map<String, Object> block(Netblock b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("range", Map.of("gte", b.range().first().toString(), "lte", b.range().last().toString()));
        m.put("cidr", b.range().toCidrs().stream().map(Object::toString).toList());
        putIfSet(m, "name", b.name());
        putIfSet(m, "handle", b.handle());
        putIfSet(m, "description", b.description());
        putIfSet(m, "status", b.status());
        putIfSet(m, "country_iso_code", b.country());
        putIfSet(m, "registry", b.registry());
        putIfSet(m, "last_modified", b.lastModified() == null ? null : b.lastModified().toString());
        Map<String, Object> owner = new LinkedHashMap<>();
        putIfSet(owner, "id", b.ownerId());
        putIfSet(owner, "name", b.ownerName());
        if (!owner.isEmpty()) {
            m.put("owner", owner);
        }
        putIfSet(m, "abuse", b.abuseEmail() == null ? null : Map.of("email", b.abuseEmail()));
        if (b.asNumber() != null) {
            Map<String, Object> as = new LinkedHashMap<>();
            as.put("number", b.asNumber());
            putIfSet(as, "organization", b.asName() == null ? null : Map.of("name", b.asName()));
            m.put("as", as);
        }
        putIfSet(m, "source", b.source());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
