package io.github.netblock.loader.feed.rpsl;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.DumpFeed;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.RegistryDates;
import io.github.netblock.loader.feed.arin.ArinFeed;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Netblocks from RPSL dumps: {@code inetnum} and {@code inet6num} objects (and the names of
 * {@code aut-num} objects, for naming origin ASes), their owner from the
 * {@code org:} organisation's {@code org-name} (else the first {@code descr:}), their description
 * from all their {@code descr:} lines, their abuse mailbox through {@code abuse-c:} (of the block),
 * {@code mnt-irt:} (the {@code irt} object's {@code abuse-mailbox:}, as APNIC and its NIRs name it)
 * or the organisation's {@code abuse-c:}, their last change from the newest of
 * {@code last-modified:} and the {@code changed:} lines. LACNIC's names are understood too
 * ({@code owner:}, {@code ownerid:}, contacts that start with {@code nic-hdl:}, abbreviated prefixes
 * such as {@code 200.3.12/22}). A file that holds no RPSL object at all (ARIN's own format, an HTML
 * error page) is refused, naming the file, even when the feed's other files give blocks.
 *
 * <p>{@link #read} makes two passes: the first collects organisations and roles from every file
 * (split dumps keep them in their own files, AFRINIC mixes everything in one), the second streams
 * the blocks. {@link #readDirectory} reads the same files for the AS names alone, before any feed's
 * blocks; reading them again costs seconds, while keeping every RPSL feed's organisations and roles
 * until its blocks are read would hold them all in the heap at once.
 */
public final class RpslFeed extends DumpFeed {
    /**
     * @param source the feed name blocks are attributed to
     * @param files  split dump files (in any order) or mixed dumps
     */
    public RpslFeed(String source, Charset charset, List<Path> files, ParseErrors errors) {
        super(source, charset, files, errors);
    }

    /** The {@code as-name} of every {@code aut-num} object. */
    @Override
    public void readDirectory(FeedRecords sink) throws IOException {
        for (Path f : directoryFiles()) {
            eachObject(f, o -> {
                if (!o.type().equals("aut-num")) {
                    return;
                }
                String key = upper(o.key());
                String name = o.first("as-name");
                if (key.startsWith("AS") && key.substring(2).matches("\\d{1,10}") && name != null) {
                    sink.asName(Long.parseLong(key.substring(2)), name);
                }
            });
        }
    }

    /** Hands each block to the sink; bad objects are counted in {@link #errors()}. */
    @Override
    public long read(FeedRecords sink) throws IOException {
        Directory directory = new Directory();
        for (Path f : directoryFiles()) {
            eachObject(f, directory::add);
        }
        long[] blocks = {0};
        for (Path f : files) {
            long[] rpsl = {0};
            String[] firstType = {null};
            eachObject(f, o -> {
                String type = o.type();
                firstType[0] = firstType[0] == null ? type : firstType[0];
                if (RPSL_CLASSES.contains(type)) {
                    rpsl[0]++;
                }
                if (!type.equals("inetnum") && !type.equals("inet6num")) {
                    return;
                }
                List<FeedFormatException> problems = new ArrayList<>(0);
                try {
                    sink.block(block(f, o, directory, problems));
                    blocks[0]++;
                } catch (IllegalArgumentException e) { // InvalidIpException included
                    problems.add(new FeedFormatException(f, o.line(), type + " [" + Printable.value(o.key()) + "]: " + Printable.value(e.getMessage())));
                }
                for (FeedFormatException p : problems) {
                    errors.add(p);
                }
            });
            if (rpsl[0] == 0 && firstType[0] != null) {
                throw new InvalidInputException("feed " + source + ": " + f + " holds no RPSL object (inetnum, inet6num, organisation, role, irt, "
                        + "aut-num, ...); its first record starts with [" + Printable.value(firstType[0]) + ":]"
                        + (ArinFeed.looksLikeArin(firstType[0]) ? ", which is ARIN's own format: use format arin" : "")
                        + "; nothing was built");
            }
        }
        return blocks[0];
    }

    /** The object classes of RPSL dumps (LACNIC's contacts start with {@code nic-hdl:}): a file with none of them is not a dump. */
    private static final Set<String> RPSL_CLASSES = Set.of("inetnum", "inet6num", "organisation", "organization", "role", "person", "irt",
            "aut-num", "as-set", "as-block", "route", "route6", "route-set", "mntner", "domain", "key-cert", "peering-set", "filter-set",
            "rtr-set", "inet-rtr", "poem", "poetic-form", "nic-hdl");

    @FunctionalInterface
    private interface ObjectReader {
        void accept(RpslObject o) throws IOException;
    }

    private void eachObject(Path file, ObjectReader reader) throws IOException {
        try (RpslReader in = new RpslReader(file, charset)) {
            RpslObject o;
            while ((o = in.next()) != null) {
                reader.accept(o);
            }
        }
    }

    /** Split dump files named after inetnum/inet6num hold nothing else; the directory passes skip them. */
    private List<Path> directoryFiles() {
        return files.stream().filter(f -> {
            String n = f.getFileName().toString();
            return !n.contains(".inetnum") && !n.contains(".inet6num");
        }).toList();
    }

    /**
     * The organisations and contacts of one feed: owners and abuse mailboxes of its blocks. A contact
     * is a role or person (its {@code nic-hdl:}), LACNIC's contact objects (which start with
     * {@code nic-hdl:}) and an incident response team ({@code irt:}, named by {@code mnt-irt:}).
     */
    private static final class Directory {
        private final Map<String, String> orgNames = new HashMap<>();
        private final Map<String, String> orgAbuseC = new HashMap<>();
        private final Map<String, String> abuseMailboxes = new HashMap<>();
        private final Map<String, String> emails = new HashMap<>();

        void add(RpslObject o) {
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
                case "role", "person", "irt", "nic-hdl" -> {
                    String handle = o.type().equals("irt") || o.type().equals("nic-hdl") ? o.key() : o.first("nic-hdl");
                    if (handle == null) {
                        return;
                    }
                    String mailbox = o.first("abuse-mailbox");
                    if (mailbox != null) {
                        abuseMailboxes.put(upper(handle), mailbox);
                    }
                    String email = o.first("e-mail");
                    if (email != null && o.type().equals("nic-hdl")) { // LACNIC's contacts have no abuse-mailbox:
                        emails.put(upper(handle), email);
                    }
                }
                default -> { }
            }
        }

        String orgName(String orgId) {
            return orgNames.get(upper(orgId));
        }

        /**
         * The abuse mailbox of a block, the first found of: the {@code abuse-mailbox:} of its own
         * {@code abuse-c:} contact, of its {@code mnt-irt:} team (APNIC and its NIRs name the abuse
         * contact this way), of its organisation's {@code abuse-c:}; else, where its {@code abuse-c:}
         * is one of LACNIC's contacts (which have no {@code abuse-mailbox:}), that contact's {@code e-mail:}.
         */
        String abuseMailbox(String abuseC, List<String> irts, String orgId) {
            String orgAbuse = orgId == null ? null : orgAbuseC.get(upper(orgId));
            List<String> handles = new ArrayList<>(3);
            if (abuseC != null) {
                handles.add(abuseC);
            }
            handles.addAll(irts);
            if (orgAbuse != null) {
                handles.add(orgAbuse);
            }
            for (String h : handles) {
                String mailbox = abuseMailboxes.get(upper(h));
                if (mailbox != null) {
                    return mailbox;
                }
            }
            return abuseC == null ? null : emails.get(upper(abuseC));
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private Netblock block(Path file, RpslObject o, Directory directory, List<FeedFormatException> problems) {
        IpRange range = range(o.key());
        String orgId = o.first("org");
        if (orgId == null) {
            orgId = o.first("ownerid"); // LACNIC
        }
        String owner = orgId == null ? null : directory.orgName(orgId);
        if (owner == null) {
            owner = o.first("owner"); // LACNIC
        }
        List<String> descr = o.all("descr");
        if (owner == null && !descr.isEmpty()) {
            owner = descr.get(0); // the first line names the holder, the others describe it
        }
        String abuse = o.first("abuse-mailbox");
        if (abuse == null) {
            abuse = directory.abuseMailbox(o.first("abuse-c"), o.all("mnt-irt"), orgId);
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
                .description(descr.isEmpty() ? null : String.join("\n", descr))
                .status(o.first("status"))
                .country(country)
                .ownerId(orgId)
                .ownerName(owner)
                .abuseEmail(abuse)
                .registry(registry)
                .lastModified(lastModified(file, o, problems))
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

    /**
     * When the object was last changed: the newest of its {@code last-modified:} and its
     * {@code changed:} lines ({@code changed: hm-changed@apnic.net 20030918}, LACNIC's
     * {@code changed: 20191023}; a line with an address alone has no date). Objects list their
     * changes oldest first, but the newest date is taken wherever it stands. A date that does not
     * exist is a bad record (counted with its line); the block is kept without it.
     */
    private static Instant lastModified(Path file, RpslObject o, List<FeedFormatException> problems) {
        Instant newest = null;
        for (RpslObject.Attribute a : o.every("last-modified")) {
            try {
                newest = newer(newest, RegistryDates.instant(a.value()));
            } catch (RegistryDates.InvalidDateException e) {
                problems.add(badDate(file, o, a, e));
            }
        }
        for (RpslObject.Attribute a : o.every("changed")) {
            String[] parts = a.value().split("\\s+");
            String date = parts[parts.length - 1];
            if (!date.matches("\\d+")) {
                continue; // "changed: hostmaster@nic.or.kr": who, not when
            }
            try {
                newest = newer(newest, RegistryDates.compact(date));
            } catch (RegistryDates.InvalidDateException e) {
                problems.add(badDate(file, o, a, e));
            }
        }
        return newest;
    }

    private static FeedFormatException badDate(Path file, RpslObject o, RpslObject.Attribute a, RegistryDates.InvalidDateException e) {
        return new FeedFormatException(file, a.line(), o.type() + " [" + Printable.value(o.key()) + "]: " + a.name() + " " + e.getMessage()
                + "; the block is kept without it");
    }

    private static Instant newer(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
