package io.github.netblock.loader.feed.rpsl;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.Printable;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Netblocks from RPSL dumps: {@code inetnum} and {@code inet6num} objects (and the names of
 * {@code aut-num} objects, for naming origin ASes), their owner from the
 * {@code org:} organisation's {@code org-name} (else the first {@code descr:}), their abuse mailbox
 * from {@code abuse-c:} (of the block, else of its organisation) through the role's
 * {@code abuse-mailbox:}. LACNIC's names are understood too ({@code owner:}, {@code ownerid:},
 * abbreviated prefixes such as {@code 200.3.12/22}).
 *
 * <p>Two passes: the first collects organisations and roles from every file (split dumps keep them
 * in their own files, AFRINIC mixes everything in one), the second streams the blocks.
 */
public final class RpslFeed {
    private final String source;
    private final Charset charset;
    private final Map<String, String> orgNames = new HashMap<>();
    private final Map<String, String> orgAbuseC = new HashMap<>();
    private final Map<String, String> abuseMailboxes = new HashMap<>();
    private final Map<Long, String> asNames;

    /** @param source the feed name blocks are attributed to */
    public RpslFeed(String source, Charset charset) {
        this(source, charset, new HashMap<>());
    }

    /** @param asNames where the {@code aut-num} objects' AS names are collected (shared between feeds) */
    public RpslFeed(String source, Charset charset, Map<Long, String> asNames) {
        this.source = source;
        this.charset = charset;
        this.asNames = asNames;
    }

    /** AS number to name, from the aut-num objects read so far. */
    public Map<Long, String> asNames() {
        return asNames;
    }

    /** Reads the files and hands each block to the sink; bad objects are counted in {@code errors}. */
    public long parse(List<Path> files, ParseErrors errors, Consumer<Netblock> sink) throws IOException {
        for (Path f : files) {
            if (!holdsOnlyBlocks(f)) {
                collectDirectory(f);
            }
        }
        long blocks = 0;
        for (Path f : files) {
            try (RpslReader reader = new RpslReader(f, charset)) {
                RpslObject o;
                while ((o = reader.next()) != null) {
                    String type = o.type();
                    if (!type.equals("inetnum") && !type.equals("inet6num")) {
                        continue;
                    }
                    try {
                        sink.accept(block(o));
                        blocks++;
                    } catch (IllegalArgumentException e) { // InvalidIpException included
                        errors.add(new FeedFormatException(f, o.line(), type + " [" + Printable.value(o.key()) + "]: " + Printable.value(e.getMessage())));
                    }
                }
            }
        }
        return blocks;
    }

    /** Split dump files named after inetnum/inet6num hold nothing else; skip them in the first pass. */
    private static boolean holdsOnlyBlocks(Path f) {
        String n = f.getFileName().toString();
        return n.contains(".inetnum") || n.contains(".inet6num");
    }

    private void collectDirectory(Path f) throws IOException {
        try (RpslReader reader = new RpslReader(f, charset)) {
            RpslObject o;
            while ((o = reader.next()) != null) {
                switch (o.type()) {
                    case "organisation", "organization" -> {
                        String name = o.first("org-name");
                        if (name != null) {
                            orgNames.put(upper(o.key()), name);
                        }
                        String abuse = o.first("abuse-c");
                        if (abuse != null) {
                            orgAbuseC.put(upper(o.key()), upper(abuse));
                        }
                    }
                    case "aut-num" -> {
                        String key = upper(o.key());
                        String name = o.first("as-name");
                        if (key.startsWith("AS") && key.substring(2).matches("\\d{1,10}") && name != null) {
                            asNames.putIfAbsent(Long.parseLong(key.substring(2)), name);
                        }
                    }
                    case "role", "person", "irt" -> {
                        String mailbox = o.first("abuse-mailbox");
                        String handle = o.type().equals("irt") ? o.key() : o.first("nic-hdl");
                        if (mailbox != null && handle != null) {
                            abuseMailboxes.put(upper(handle), mailbox);
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    Netblock block(RpslObject o) {
        IpRange range = range(o.key());
        String orgId = o.first("org");
        if (orgId == null) {
            orgId = o.first("ownerid"); // LACNIC
        }
        String owner = orgId == null ? null : orgNames.get(upper(orgId));
        if (owner == null) {
            owner = o.first("owner"); // LACNIC
        }
        String descr = o.first("descr");
        if (owner == null) {
            owner = descr;
        }
        String abuse = o.first("abuse-mailbox");
        if (abuse == null) {
            String abuseC = o.first("abuse-c");
            if (abuseC == null && orgId != null) {
                abuseC = orgAbuseC.get(upper(orgId));
            }
            if (abuseC != null) {
                abuse = abuseMailboxes.get(upper(abuseC));
            }
        }
        String country = o.first("country");
        if (country != null) {
            country = upper(country);
            if (country.equals("ZZ")) {
                country = null; // APNIC stub records: country unknown
            }
        }
        String registry = o.first("source");
        if (registry != null) {
            registry = upper(registry).replace("-GRS", "").replace("-NONAUTH", "");
        }
        return Netblock.builder(range)
                .name(o.first("netname"))
                .handle(o.key())
                .description(descr)
                .status(o.first("status"))
                .country(country)
                .ownerId(orgId)
                .ownerName(owner)
                .abuseEmail(abuse)
                .registry(registry)
                .lastModified(time(o.first("last-modified"), o.first("changed")))
                .source(source)
                .build();
    }

    /** An inetnum or inet6num key: {@code a - b}, a prefix, or LACNIC's abbreviated {@code 200.3.12/22}. */
    static IpRange range(String key) {
        String k = key.strip();
        int slash = k.indexOf('/');
        if (slash > 0 && k.indexOf(':') < 0) {
            String addr = k.substring(0, slash);
            int dots = (int) addr.chars().filter(c -> c == '.').count();
            if (dots < 3) {
                k = addr + ".0".repeat(3 - dots) + k.substring(slash);
            }
        }
        return IpRange.parse(k);
    }

    private static Instant time(String lastModified, String changed) {
        try {
            if (lastModified != null) {
                return Instant.parse(lastModified);
            }
        } catch (DateTimeParseException e) {
            // an odd timestamp is not worth losing the block for
        }
        if (changed != null) {
            // LACNIC "changed: 20191023" (sometimes preceded by an e-mail address)
            String[] parts = changed.split("\\s+");
            String date = parts[parts.length - 1];
            if (date.matches("\\d{8}")) {
                return Instant.parse(date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6) + "T00:00:00Z");
            }
        }
        return null;
    }
}
