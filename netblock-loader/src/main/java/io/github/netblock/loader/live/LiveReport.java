package io.github.netblock.loader.live;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.ingest.core.schema.NetblockField;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.dns.RegisteredDomains;
import io.github.netblock.loader.resolve.LiveQueries;
import io.github.netblock.loader.resolve.PtrAnswer;
import io.github.netblock.loader.resolve.RegistrarAnswer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code lookup --live} asked now, apart from the database: the PTR name and whether its A/AAAA
 * records lead back to the address, the registered domain, its registrar, and the RDAP network when
 * the database has no detailed block. Every part says what it is or why there is none.
 *
 * @param address      the address asked about
 * @param askedAt      when the live part started
 * @param elapsed      how long it took
 * @param servers      the DNS servers asked and where RDAP servers came from, for the heading
 * @param timeout      per query
 * @param ptr          the PTR answer, {@code confirmed} set when the forward query answered
 * @param domain       the PTR name's registered domain and public suffix; null without a name or a registered domain
 * @param registrar    the registrar answer; null when not asked ({@code registrarNote} says why)
 * @param registrarNote why no registrar was asked, or null
 * @param network      the RDAP network answer; null when not asked
 * @param networkNote  why the network was asked (the database lacks a detailed block), or why not
 * @param notes        other things that went wrong but did not stop the lookup (a bootstrap that did not download)
 */
public record LiveReport(String address, Instant askedAt, Duration elapsed, String servers, Duration timeout, PtrAnswer ptr,
                         RegisteredDomains.Split domain, RegistrarAnswer registrar, String registrarNote, LiveQueries.NetworkAnswer network,
                         String networkNote, List<String> notes) {

    /** Whether any live answer says something of the address: a PTR name, a registrar or a network. */
    public boolean knowsSomething() {
        return ptr.status() == PtrAnswer.Status.ANSWERED
                || (registrar != null && registrar.status() == RegistrarAnswer.Status.FOUND)
                || (network != null && network.outcome() == LiveQueries.Outcome.FOUND);
    }

    /** The text form, under a heading that says these answers are live. */
    public void print(PrintWriter w) {
        w.printf("LIVE (asked now, not from the database: %s; timeout %s per query; %.1f s)%n", servers, seconds(timeout),
                elapsed.toMillis() / 1000.0);
        for (String n : notes) {
            w.printf("  note         %s%n", Printable.value(n));
        }
        w.printf("  PTR          %s%n", switch (ptr.status()) {
            case ANSWERED -> Printable.value(ptr.name());
            case NXDOMAIN -> "none: NXDOMAIN (no reverse name for this address)";
            case NODATA -> "none: the reverse name exists but has no PTR record";
            case TIMEOUT -> "failed: " + detail(ptr.detail(), "no answer") + " (timeout)";
            case SERVFAIL -> "failed: SERVFAIL";
            case ERROR -> "failed: " + detail(ptr.detail(), "error");
        });
        if (ptr.status() == PtrAnswer.Status.ANSWERED) {
            String family = address.contains(":") ? "AAAA" : "A";
            w.printf("  forward      %s%n", ptr.confirmed() == null ? "unknown: " + detail(ptr.detail(), "the forward query failed")
                    : ptr.confirmed() ? "confirmed: the name's " + family + " records contain " + address
                    : "NOT confirmed: the name's " + family + " records do not contain " + address + " (anyone can write any PTR name)");
            w.printf("  domain       %s%n", domain == null || domain.registeredDomain() == null
                    ? "none: " + Printable.value(ptr.name()) + " is under no registry suffix of the Public Suffix List"
                    : domain.registeredDomain() + " (public suffix " + domain.topLevelDomain() + ")");
        }
        if (registrar == null) {
            w.printf("  registrar    not asked: %s%n", registrarNote);
        } else {
            w.printf("  registrar    %s%n", switch (registrar.status()) {
                case FOUND -> Printable.value(registrar.name()) + (registrar.ianaId() == null ? "" : " (IANA " + registrar.ianaId() + ")")
                        + ", by " + registrar.via().toUpperCase(Locale.ROOT);
                case NOT_FOUND -> "none: " + detail(registrar.detail(), "the registry names no registrar");
                case FAILED -> "failed: " + detail(registrar.detail(), "no registry answered");
            });
        }
        if (network == null) {
            w.printf("  network      not asked: %s%n", networkNote);
            return;
        }
        switch (network.outcome()) {
            case FOUND -> {
                w.printf("  network      by RDAP from %s, because %s%n", network.uri(), networkNote);
                for (int i = 0; i < network.blocks().size(); i++) {
                    NetblockText.print(w, network.blocks().get(i), i + 2);
                }
            }
            case NOT_FOUND, NO_REGISTRY -> w.printf("  network      none: %s%n", detail(network.detail(), "no registry holds it"));
            case FAILED -> w.printf("  network      failed: %s%s%n", network.uri() == null ? "" : "RDAP " + network.uri() + ": ",
                    detail(network.detail(), "no answer"));
        }
    }

    /** The JSON form, the value of {@code live} beside the database's view. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("asked_at", askedAt.toString());
        out.put("elapsed_ms", elapsed.toMillis());
        out.put("servers", servers);
        out.put("timeout_ms", timeout.toMillis());
        if (!notes.isEmpty()) {
            out.put("notes", notes);
        }
        Map<String, Object> rdns = new LinkedHashMap<>();
        rdns.put("status", ptr.status().id());
        put(rdns, "domain", ptr.name());
        if (domain != null) {
            put(rdns, "registered_domain", domain.registeredDomain());
            put(rdns, "top_level_domain", domain.topLevelDomain());
        }
        put(rdns, "forward_confirmed", ptr.confirmed());
        put(rdns, "detail", ptr.detail());
        out.put("reverse_dns", rdns);

        Map<String, Object> reg = new LinkedHashMap<>();
        if (registrar == null) {
            reg.put("status", "not_asked");
            reg.put("detail", registrarNote);
        } else {
            reg.put("status", registrar.status().id());
            put(reg, "name", registrar.name());
            put(reg, "iana_id", registrar.ianaId());
            put(reg, "via", registrar.via());
            put(reg, "detail", registrar.detail());
        }
        out.put("registrar", reg);

        Map<String, Object> net = new LinkedHashMap<>();
        if (network == null) {
            net.put("status", "not_asked");
            net.put("detail", networkNote);
        } else {
            net.put("status", network.outcome().name().toLowerCase(Locale.ROOT));
            net.put("asked_because", networkNote);
            put(net, "url", network.uri() == null ? null : network.uri().toString());
            put(net, "detail", network.detail());
            if (!network.blocks().isEmpty()) {
                List<Object> blocks = new ArrayList<>();
                network.blocks().forEach(b -> blocks.add(block(b)));
                net.put("netblocks", blocks);
            }
        }
        out.put("network", net);
        return out;
    }

    /** A block with the field names of the database's {@code netblocks} entries. */
    private static Map<String, Object> block(Netblock b) {
        Map<String, Object> m = new LinkedHashMap<>();
        IpRange r = b.range();
        m.put("key", NetblockField.key(r));
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("gte", r.first().toString());
        range.put("lte", r.last().toString());
        m.put("range", range);
        m.put("cidr", r.toCidrs().stream().map(IpRange::toString).toList());
        put(m, "name", b.name());
        put(m, "handle", b.handle());
        put(m, "description", b.description());
        put(m, "status", b.status());
        put(m, "country_iso_code", b.country());
        put(m, "registry", b.registry());
        put(m, "last_modified", b.lastModified() == null ? null : b.lastModified().toString());
        if (b.ownerId() != null || b.ownerName() != null) {
            Map<String, Object> owner = new LinkedHashMap<>();
            put(owner, "id", b.ownerId());
            put(owner, "name", b.ownerName());
            m.put("owner", owner);
        }
        if (b.abuseEmail() != null) {
            m.put("abuse", Map.of("email", b.abuseEmail()));
        }
        put(m, "source", b.source());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String detail(String detail, String otherwise) {
        return detail == null ? otherwise : Printable.value(detail);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
