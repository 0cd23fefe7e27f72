package io.github.netblock.loader.feed.rpsl;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.Printable;
import io.github.netblock.loader.feed.Feed;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.FeedRecords;
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

/**
 * Netblocks from RPSL dumps: {@code inetnum} and {@code inet6num} objects (and the names of
 * {@code aut-num} objects, for naming origin ASes), their owner from the
 * {@code org:} organisation's {@code org-name} (else the first {@code descr:}), their abuse mailbox
 * from {@code abuse-c:} (of the block, else of its organisation) through the role's
 * {@code abuse-mailbox:}. LACNIC's names are understood too ({@code owner:}, {@code ownerid:},
 * abbreviated prefixes such as {@code 200.3.12/22}).
 *
 * <p>{@link #read} makes two passes: the first collects organisations and roles from every file
 * (split dumps keep them in their own files, AFRINIC mixes everything in one), the second streams
 * the blocks. {@link #readDirectory} reads the same files for the AS names alone, before any feed's
 * blocks; reading them again costs seconds, while keeping every RPSL feed's organisations and roles
 * until its blocks are read would hold them all in the heap at once.
 */
public final class RpslFeed implements Feed {
    private final String source;
    private final Charset charset;
    private final List<Path> files;
    private final ParseErrors errors;

    /**
     * @param source the feed name blocks are attributed to
     * @param files  split dump files (in any order) or mixed dumps
     */
    public RpslFeed(String source, Charset charset, List<Path> files, ParseErrors errors) {
        this.source = source;
        this.charset = charset;
        this.files = List.copyOf(files);
        this.errors = errors;
    }

    @Override
    public String name() {
        return source;
    }

    @Override
    public Gives gives() {
        return Gives.RECORDS;
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public ParseErrors errors() {
        return errors;
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
            eachObject(f, o -> {
                String type = o.type();
                if (!type.equals("inetnum") && !type.equals("inet6num")) {
                    return;
                }
                try {
                    sink.block(block(o, directory));
                    blocks[0]++;
                } catch (IllegalArgumentException e) { // InvalidIpException included
                    errors.add(new FeedFormatException(f, o.line(), type + " [" + Printable.value(o.key()) + "]: " + Printable.value(e.getMessage())));
                }
            });
        }
        return blocks[0];
    }

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

    /** The organisations and roles of one feed: owners and abuse mailboxes of its blocks. */
    private static final class Directory {
        private final Map<String, String> orgNames = new HashMap<>();
        private final Map<String, String> orgAbuseC = new HashMap<>();
        private final Map<String, String> abuseMailboxes = new HashMap<>();

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

        String orgName(String orgId) {
            return orgNames.get(upper(orgId));
        }

        /** The abuse mailbox of a block: its own abuse-c's, else its organisation's. */
        String abuseMailbox(String abuseC, String orgId) {
            String handle = abuseC;
            if (handle == null && orgId != null) {
                handle = orgAbuseC.get(upper(orgId));
            }
            return handle == null ? null : abuseMailboxes.get(upper(handle));
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private Netblock block(RpslObject o, Directory directory) {
        IpRange range = range(o.key());
        String orgId = o.first("org");
        if (orgId == null) {
            orgId = o.first("ownerid"); // LACNIC
        }
        String owner = orgId == null ? null : directory.orgName(orgId);
        if (owner == null) {
            owner = o.first("owner"); // LACNIC
        }
        String descr = o.first("descr");
        if (owner == null) {
            owner = descr;
        }
        String abuse = o.first("abuse-mailbox");
        if (abuse == null) {
            abuse = directory.abuseMailbox(o.first("abuse-c"), orgId);
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
