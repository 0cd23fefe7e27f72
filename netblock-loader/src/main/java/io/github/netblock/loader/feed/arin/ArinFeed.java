package io.github.netblock.loader.feed.arin;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.DumpFeed;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.RegistryDates;
import io.github.netblock.loader.feed.rpsl.RpslObject;
import io.github.netblock.loader.feed.rpsl.RpslReader;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Netblocks from ARIN's own WHOIS format, which is not RPSL: {@code Name: value} lines in records
 * separated by blank lines, in either of its two shapes.
 * <ul>
 * <li>ARIN's bulk WHOIS text (the text form of the bulk XML): a Net record ({@code NetHandle:} or
 * {@code V6NetHandle:}, {@code OrgID:}, {@code Parent:}, {@code NetName:}, {@code NetRange:},
 * {@code NetType:}, {@code OriginAS:}, {@code RegDate:}, {@code Updated:}, {@code AbuseHandle:}
 * ...), an Org record ({@code OrgID:}, {@code OrgName:}, {@code Country:}, {@code OrgAbuseHandle:}
 * ...) and a POC record ({@code POCHandle:}, {@code Mailbox:} ...) each, linked by handle.</li>
 * <li>WHOIS answers ({@code whois -h whois.arin.net}): a Net record names its organisation as
 * {@code Organization: Google Inc. (GOGL)} (or {@code Customer: Name (C012345)}); the Org record
 * ({@code OrgName:}, {@code OrgId:}, {@code Country:}) follows, then its contacts, each a record of
 * its own ({@code OrgAbuseHandle:}, {@code OrgAbuseEmail:} ...), then the resource contacts of the
 * net ({@code RAbuseHandle:}, {@code RAbuseEmail:} ...). Contacts belong to the Org or Net record
 * read last before them.</li>
 * </ul>
 * A block's abuse contact is its own abuse POC's mailbox, else its organisation's; its country is
 * its organisation's; its last change is {@code Updated:} (a registration date is not a change). The
 * registry is ARIN. Zero-padded IPv4 addresses ({@code 074.125.000.000}, as ARIN writes them in
 * places) are decimal. Like {@link io.github.netblock.loader.feed.rpsl.RpslFeed} it reads every file
 * twice: organisations and contacts first, then the nets; a file with no ARIN record is refused.
 */
public final class ArinFeed extends DumpFeed {
    private static final Pattern NAME_AND_HANDLE = Pattern.compile("^(.*?)\\s*\\(([^()\\s]+)\\)\\s*$");
    private static final Pattern AS_NUMBER = Pattern.compile("(?i)^\\s*(?:AS)?(\\d{1,10})\\s*$");
    private static final Pattern PADDED_V4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    /** The first attribute names of ARIN's records (lower case), also for telling a misconfigured RPSL feed. */
    private static final Set<String> FIRST_NAMES = Set.of("netrange", "nethandle", "v6nethandle", "orgname", "orgid", "custname",
            "pochandle", "ashandle", "asnumber", "orgabusehandle", "orgtechhandle", "orgnochandle", "orgadminhandle",
            "orgroutinghandle", "rabusehandle", "rtechhandle", "rnochandle", "cidr");

    public ArinFeed(String source, Charset charset, List<Path> files, ParseErrors errors) {
        super(source, charset, files, errors);
    }

    /** Whether a record that starts with this attribute (lower case) is one of ARIN's. */
    public static boolean looksLikeArin(String firstAttribute) {
        return FIRST_NAMES.contains(firstAttribute);
    }

    /** The {@code ASName:} of every AS record with one number. */
    @Override
    public void readDirectory(FeedRecords sink) throws IOException {
        for (Path f : files) {
            eachRecord(f, r -> {
                String number = r.first("asnumber");
                String name = r.first("asname");
                Matcher m = number == null ? null : AS_NUMBER.matcher(number);
                if (m != null && m.matches() && name != null) {
                    sink.asName(Long.parseLong(m.group(1)), name);
                }
            });
        }
    }

    @Override
    public long read(FeedRecords sink) throws IOException {
        Directory directory = new Directory();
        for (Path f : files) {
            directory.read(f);
        }
        long[] blocks = {0};
        for (Path f : files) {
            eachRecord(f, r -> {
                if (!r.has("netrange")) {
                    return;
                }
                String key = netKey(r);
                List<FeedFormatException> problems = new ArrayList<>(0);
                try {
                    sink.block(block(f, r, directory.netAbuse(f, key), directory, problems));
                    blocks[0]++;
                } catch (IllegalArgumentException e) { // InvalidIpException included
                    problems.add(new FeedFormatException(f, r.line(), "NetRange [" + Printable.value(r.first("netrange")) + "]: "
                            + Printable.value(e.getMessage())));
                }
                for (FeedFormatException p : problems) {
                    errors.add(p);
                }
            });
        }
        return blocks[0];
    }

    @FunctionalInterface
    private interface RecordReader {
        void accept(RpslObject record) throws IOException;
    }

    private void eachRecord(Path file, RecordReader reader) throws IOException {
        try (RpslReader in = new RpslReader(file, charset, false)) {
            RpslObject r;
            while ((r = in.next()) != null) {
                reader.accept(r);
            }
        }
    }

    /** An organisation (or a customer) of ARIN's. */
    private record Org(String name, String country, String abuseHandle, String abuseEmail) {
        Org withAbuseEmail(String email) {
            return new Org(name, country, abuseHandle, email);
        }
    }

    /** What the nets refer to: organisations, POCs, and the contacts that follow a net or org in an answer. */
    private final class Directory {
        private final Map<String, Org> orgs = new HashMap<>();
        private final Map<String, String> pocMailboxes = new HashMap<>();
        /** "FILE NETKEY" to the abuse mailbox of the RAbuse record that followed that net in an answer */
        private final Map<String, String> netAbuse = new HashMap<>();

        void read(Path f) throws IOException {
            String[] lastOrg = {null};
            String[] lastNet = {null};
            long[] arin = {0};
            String[] firstName = {null};
            eachRecord(f, r -> {
                String first = r.type();
                firstName[0] = firstName[0] == null ? first : firstName[0];
                if (FIRST_NAMES.contains(first) || r.has("netrange") || r.has("orgname") || r.has("pochandle")) {
                    arin[0]++;
                }
                if (r.has("netrange")) {
                    lastNet[0] = netKey(r);
                } else if (r.has("pochandle")) {
                    String mailbox = r.first("mailbox");
                    if (mailbox != null) {
                        pocMailboxes.put(upper(r.first("pochandle")), mailbox);
                    }
                } else if (r.has("orgname") || r.has("custname")) {
                    String id = r.first("orgid");
                    if (id == null) {
                        id = lastSegment(r.first("ref")); // a customer's handle is in its Ref URL alone
                    }
                    if (id != null) {
                        String name = r.first("orgname") != null ? r.first("orgname") : r.first("custname");
                        orgs.put(upper(id), new Org(name, countryOf(r), r.first("orgabusehandle"), r.first("orgabuseemail")));
                        lastOrg[0] = upper(id);
                    }
                } else if (r.has("orgabuseemail") && lastOrg[0] != null) {
                    Org o = orgs.get(lastOrg[0]);
                    if (o.abuseEmail() == null) {
                        orgs.put(lastOrg[0], o.withAbuseEmail(r.first("orgabuseemail")));
                    }
                } else if (r.has("rabuseemail") && lastNet[0] != null) {
                    netAbuse.putIfAbsent(f + " " + lastNet[0], r.first("rabuseemail"));
                }
            });
            if (arin[0] == 0 && firstName[0] != null) {
                throw new InvalidInputException("feed " + source + ": " + f + " holds no ARIN record (NetRange:, OrgName:, POCHandle: ...); "
                        + "its first record starts with [" + Printable.value(firstName[0]) + ":]"
                        + (Set.of("inetnum", "inet6num", "organisation", "role", "person", "irt", "aut-num").contains(firstName[0])
                                ? ", which is RPSL: use format rpsl" : "")
                        + "; nothing was built");
            }
        }

        /** The mailbox of the abuse contact that followed the net in an answer. */
        String netAbuse(Path f, String netKey) {
            return netAbuse.get(f + " " + netKey);
        }

        Org org(String id) {
            return id == null ? null : orgs.get(upper(id));
        }

        String mailbox(String pocHandle) {
            return pocHandle == null ? null : pocMailboxes.get(upper(pocHandle));
        }
    }

    /** A net's handle, else its range text: what an answer's resource contacts are filed under. */
    private static String netKey(RpslObject r) {
        String handle = r.first("nethandle") != null ? r.first("nethandle") : r.first("v6nethandle");
        return handle != null ? handle : r.first("netrange");
    }

    private static String countryOf(RpslObject r) {
        String c = r.first("country");
        return c == null ? null : upper(c);
    }

    private static String lastSegment(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        int slash = u.lastIndexOf('/');
        String s = slash < 0 ? u : u.substring(slash + 1);
        return s.isEmpty() ? null : s;
    }

    private Netblock block(Path file, RpslObject r, String ownAbuse, Directory directory, List<FeedFormatException> problems) {
        IpRange range = range(r.first("netrange"));
        String orgId = r.first("orgid");
        String ownerName = null;
        String named = r.first("organization") != null ? r.first("organization") : r.first("customer");
        if (named != null) {
            Matcher m = NAME_AND_HANDLE.matcher(named);
            if (m.matches()) {
                ownerName = m.group(1).isEmpty() ? null : m.group(1);
                orgId = orgId == null ? m.group(2) : orgId;
            } else {
                ownerName = named;
            }
        }
        Org org = directory.org(orgId);
        if (org != null && org.name() != null) {
            ownerName = org.name();
        }
        String abuse = ownAbuse;
        if (abuse == null) {
            abuse = directory.mailbox(r.first("abusehandle"));
        }
        if (abuse == null && org != null) {
            abuse = org.abuseEmail() != null ? org.abuseEmail() : directory.mailbox(org.abuseHandle());
        }
        String country = countryOf(r);
        if (country == null && org != null) {
            country = org.country();
        }
        Netblock.Builder b = Netblock.builder(range)
                .name(r.first("netname"))
                .handle(netKey(r).equals(r.first("netrange")) ? null : netKey(r))
                .status(r.first("nettype"))
                .country(country)
                .ownerId(orgId)
                .ownerName(ownerName)
                .abuseEmail(abuse)
                .registry("ARIN")
                .lastModified(updated(file, r, problems))
                .source(source);
        String origin = r.first("originas");
        if (origin != null) {
            Matcher m = AS_NUMBER.matcher(origin);
            if (m.matches()) { // one origin AS; a list ("AS1, AS2") names no single one
                b.asNumber(Long.parseLong(m.group(1)));
            }
        }
        return b.build();
    }

    private static Instant updated(Path file, RpslObject r, List<FeedFormatException> problems) {
        for (RpslObject.Attribute a : r.every("updated")) {
            try {
                return RegistryDates.isoDate(a.value());
            } catch (RegistryDates.InvalidDateException e) {
                problems.add(new FeedFormatException(file, a.line(), "NetRange [" + Printable.value(r.first("netrange")) + "]: Updated "
                        + e.getMessage() + "; the block is kept without it"));
            }
        }
        return null;
    }

    /** {@code NetRange:} text, with ARIN's zero-padded IPv4 octets read as decimal. */
    static IpRange range(String netRange) {
        int dash = netRange.indexOf(" - ");
        if (dash < 0) {
            return IpRange.parse(unpad(netRange.strip()));
        }
        return IpRange.parse(unpad(netRange.substring(0, dash).strip()) + " - " + unpad(netRange.substring(dash + 3).strip()));
    }

    private static String unpad(String address) {
        Matcher m = PADDED_V4.matcher(address);
        if (!m.matches()) {
            return address;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            b.append(i > 1 ? "." : "").append(Integer.parseInt(m.group(i)));
        }
        return b.toString();
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
