package io.github.netblock.loader.feed.rdap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.JsonLines;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The {@code rdap-json} feed: RDAP IP network objects (RFC 9083), one a line, as the registries answer
 * them ({@code netblock-loader resolve} writes them so, adding the member {@value #FETCHED}, the time of
 * the answer). Each object gives the blocks the detailed dumps give:
 * <ul>
 * <li>range from {@code startAddress}/{@code endAddress}, else the {@code cidr0_cidrs} extension;</li>
 * <li>netname {@code name}, handle {@code handle}, status the registry's {@code type} (ASSIGNED PA,
 * ALLOCATED PORTABLE ...; else the RDAP {@code status} values), country;</li>
 * <li>owner: the registrant entity (its handle and its {@code fn}, when that is more than the handle;
 * AFRINIC lists entities without roles: then the one of kind {@code org}), else the first description
 * line, as for an RPSL object without {@code org:};</li>
 * <li>abuse: the e-mail of the entity with the role {@code abuse}, wherever it is nested (ARIN nests it
 * in the registrant), its preferred address first;</li>
 * <li>description: the remarks titled "description" (APNIC) or untitled (RIPE's {@code descr:});</li>
 * <li>registry from {@code port43} ({@code whois.ripe.net}: RIPE), else the host of the self link;</li>
 * <li>last change from the {@code last changed} event;</li>
 * <li>a parent block when {@code parentHandle} is itself a range (RIPE, APNIC, AFRINIC write
 * {@code 210.0.0.0 - 210.255.255.255} or a prefix), else when the {@code links} have an {@code up} link
 * to a prefix ({@code https://rdap.apnic.net/ip/210.0.0.0/8}, as RFC 9083 and APNIC write it): range and
 * handle only, and no registry, so it never hides the delegated records inside it. ARIN names its parent
 * by a handle ({@code NET-74-0-0-0-0}) and gives no {@code up} link: no parent block, since the handle
 * says where the parent starts but not where it ends (the parent's own answer, when the feed has it, is a
 * block of its own and nests the network by its range).</li>
 * </ul>
 * Real answers a parser must survive: ARIN's zero-padded IPv4 ({@code 074.125.000.000}, decimal), RIPE's
 * {@code /32} after an address, fully expanded upper-case IPv6, LACNIC's start = end = the queried address.
 */
public final class RdapNetworkParser {
    /** The member {@code resolve} adds to each stored object: when the registry answered (ISO-8601). */
    public static final String FETCHED = "netblock_fetched";

    private static final List<String> RIRS = List.of("AFRINIC", "APNIC", "ARIN", "LACNIC", "RIPE");

    private RdapNetworkParser() {}

    /** @return the blocks given (networks and their parents) */
    public static long parse(Path file, String source, ParseErrors errors, Consumer<Netblock> sink) throws IOException {
        long[] n = {0};
        JsonLines.read(file, "an RDAP ip network object", errors, j -> {
            List<Netblock> blocks = blocks(j, source);
            blocks.forEach(sink);
            n[0] += blocks.size();
        });
        return n[0];
    }

    /** The network of one object, then its parent where the parent handle is a range or an {@code up} link names a prefix. */
    public static List<Netblock> blocks(JsonNode network, String source) {
        String objectClass = RdapObjects.text(network, "objectClassName");
        if (objectClass != null && !objectClass.equalsIgnoreCase("ip network")) {
            throw new IllegalArgumentException("objectClassName is [" + objectClass + "], not [ip network]");
        }
        List<Netblock> blocks = new ArrayList<>(2);
        blocks.add(network(network, source));
        IpRange parent = parentRange(RdapObjects.text(network, "parentHandle"));
        if (parent == null) {
            parent = upRange(network);
        }
        if (parent != null && parent.contains(blocks.get(0).range()) && !parent.equals(blocks.get(0).range())) {
            blocks.add(Netblock.builder(parent).handle(RdapObjects.text(network, "parentHandle")).source(source).build());
        }
        return blocks;
    }

    /** The network object as a block. */
    public static Netblock network(JsonNode j, String source) {
        List<String> description = description(j);
        Owner owner = owner(j);
        String abuse = null;
        for (JsonNode e : RdapObjects.entitiesWithRole(j, "abuse")) {
            abuse = RdapObjects.email(e);
            if (abuse != null) {
                break;
            }
        }
        Long as = null;
        JsonNode origins = j.path("arin_originas0_originautnums");
        if (origins.isArray() && origins.size() == 1 && origins.get(0).canConvertToLong()) {
            as = origins.get(0).asLong();
        }
        return Netblock.builder(range(j))
                .name(RdapObjects.text(j, "name"))
                .handle(RdapObjects.text(j, "handle"))
                .description(description.isEmpty() ? null : String.join("\n", description))
                .status(status(j))
                .country(upper(RdapObjects.text(j, "country")))
                .ownerId(owner == null ? null : owner.id())
                .ownerName(owner != null && owner.name() != null ? owner.name() : description.isEmpty() ? null : description.get(0))
                .abuseEmail(abuse)
                .registry(registry(j))
                .lastModified(RdapObjects.event(j, "last changed"))
                .asNumber(as)
                .source(source)
                .build();
    }

    /** The range an object covers. */
    public static IpRange range(JsonNode j) {
        String start = RdapObjects.text(j, "startAddress");
        String end = RdapObjects.text(j, "endAddress");
        if (start != null && end != null) {
            IpAddress first = address(start);
            IpAddress last = address(end);
            if (first.family() != last.family() || first.compareTo(last) > 0) {
                throw new IllegalArgumentException("startAddress [" + start + "] and endAddress [" + end + "] are no range");
            }
            return new IpRange(first, last);
        }
        JsonNode cidrs = j.path("cidr0_cidrs");
        if (cidrs.isArray() && cidrs.size() > 0) {
            IpRange all = null;
            for (JsonNode c : cidrs) {
                String prefix = c.hasNonNull("v4prefix") ? c.get("v4prefix").asText() : c.path("v6prefix").asText(null);
                if (prefix == null || !c.path("length").canConvertToInt()) {
                    throw new IllegalArgumentException("cidr0_cidrs entry without prefix and length: " + c);
                }
                IpRange r = IpRange.cidr(address(prefix), c.get("length").asInt());
                all = all == null ? r : new IpRange(min(all.first(), r.first()), max(all.last(), r.last()));
            }
            return all;
        }
        throw new IllegalArgumentException("no startAddress/endAddress and no cidr0_cidrs");
    }

    /** The fetch time {@code resolve} stored with the object, or null. */
    public static Instant fetched(JsonNode j) {
        return RdapObjects.time(RdapObjects.text(j, FETCHED));
    }

    /**
     * An address as registries write it: RIPE once added {@code /32}, ARIN pads IPv4 octets with zeros
     * ({@code 074.125.000.000}, decimal: the loader's own parser refuses leading zeros as possibly octal,
     * an RDAP server's are not).
     */
    static IpAddress address(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            t = t.substring(0, slash);
        }
        if (t.indexOf(':') < 0 && t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] octets = t.split("\\.");
            StringBuilder b = new StringBuilder();
            for (String o : octets) {
                b.append(b.length() == 0 ? "" : ".").append(Integer.parseInt(o));
            }
            t = b.toString();
        }
        try {
            return IpAddress.parse(t);
        } catch (InvalidIpException e) {
            throw new IllegalArgumentException("[" + text + "] is not an IP address");
        }
    }

    private static IpRange parentRange(String handle) {
        if (handle == null) {
            return null;
        }
        try {
            String h = handle.strip();
            int dash = h.indexOf(" - ");
            if (dash > 0) {
                return new IpRange(address(h.substring(0, dash)), address(h.substring(dash + 3)));
            }
            int slash = h.indexOf('/');
            if (slash > 0) {
                return IpRange.cidr(address(h.substring(0, slash)), Integer.parseInt(h.substring(slash + 1).strip()));
            }
        } catch (RuntimeException e) {
            // a handle (NET-74-0-0-0-0), not a range: no parent block
        }
        return null;
    }

    /** The prefix of the {@code up} link ({@code .../ip/210.0.0.0/8}), or null: none, or an address or something else. */
    private static IpRange upRange(JsonNode j) {
        for (JsonNode l : j.path("links")) {
            if (!"up".equalsIgnoreCase(l.path("rel").asText())) {
                continue;
            }
            try {
                String path = URI.create(l.path("href").asText().strip()).getPath();
                int ip = path == null ? -1 : path.lastIndexOf("/ip/");
                if (ip >= 0 && path.indexOf('/', ip + 4) > 0) { // a prefix: ADDRESS/LENGTH
                    return parentRange(path.substring(ip + 4));
                }
            } catch (IllegalArgumentException e) {
                // not a URL
            }
        }
        return null;
    }

    private record Owner(String id, String name) {}

    private static Owner owner(JsonNode j) {
        JsonNode registrant = null;
        for (JsonNode e : j.path("entities")) { // the network's own registrant, not one nested in a contact
            if (RdapObjects.hasRole(e, "registrant")) {
                registrant = e;
                break;
            }
        }
        if (registrant == null) {
            for (JsonNode e : j.path("entities")) { // AFRINIC: entities without roles, the organisation of kind org
                if (e.path("roles").isMissingNode() && "org".equalsIgnoreCase(RdapObjects.vcard(e, "kind"))) {
                    registrant = e;
                    break;
                }
            }
        }
        if (registrant == null) {
            return null;
        }
        String handle = RdapObjects.text(registrant, "handle");
        String name = RdapObjects.vcard(registrant, "fn");
        if (name == null) {
            name = RdapObjects.vcard(registrant, "org");
        }
        if (name != null && name.equals(handle)) {
            name = null; // AFRINIC's fn is the handle again: no name
        }
        return new Owner(handle, name);
    }

    private static List<String> description(JsonNode j) {
        List<String> lines = new ArrayList<>();
        for (JsonNode r : j.path("remarks")) {
            String title = RdapObjects.text(r, "title");
            if (title == null || title.equalsIgnoreCase("description")) {
                for (JsonNode l : r.path("description")) {
                    if (!l.asText().isBlank()) {
                        lines.add(l.asText().strip());
                    }
                }
            }
        }
        return lines;
    }

    private static String status(JsonNode j) {
        String type = RdapObjects.text(j, "type");
        if (type != null) {
            return type;
        }
        List<String> values = new ArrayList<>();
        j.path("status").forEach(s -> values.add(s.asText()));
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static String registry(JsonNode j) {
        String port43 = RdapObjects.lower(RdapObjects.text(j, "port43"));
        String fromPort43 = rir(port43);
        if (fromPort43 != null) {
            return fromPort43;
        }
        for (JsonNode l : j.path("links")) {
            if ("self".equalsIgnoreCase(l.path("rel").asText())) {
                try {
                    String r = rir(URI.create(l.path("href").asText()).getHost());
                    if (r != null) {
                        return r;
                    }
                } catch (IllegalArgumentException e) {
                    // not a URL
                }
            }
        }
        return null;
    }

    /** whois.ripe.net, rdap.db.ripe.net: RIPE. */
    private static String rir(String host) {
        if (host == null) {
            return null;
        }
        String[] labels = host.toUpperCase(Locale.ROOT).split("\\.");
        for (String l : labels) {
            if (RIRS.contains(l)) {
                return l;
            }
        }
        return null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static IpAddress min(IpAddress a, IpAddress b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static IpAddress max(IpAddress a, IpAddress b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
