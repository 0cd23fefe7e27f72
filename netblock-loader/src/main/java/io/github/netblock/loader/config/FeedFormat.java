package io.github.netblock.loader.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.netblock.ingest.core.text.Printable;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The feed formats the loader reads. */
public enum FeedFormat {
    /** RPSL WHOIS dumps: RIPE, APNIC, AFRINIC split or mixed files, the LACNIC dump. */
    RPSL("rpsl"),
    /** ARIN's own WHOIS format: bulk WHOIS text (Net, Org and POC records) or WHOIS answers. */
    ARIN("arin"),
    /** RIR delegated(-extended) statistics. */
    DELEGATED("delegated"),
    /** {@code start,end,asn,organization} ranges (ip-location-db asn). */
    ASN_CSV("asn-csv"),
    /** {@code start,end,country} ranges (ip-location-db geo-whois-asn-country). */
    COUNTRY_CSV("country-csv"),
    /** IANA's special-purpose address registry CSV. */
    IANA_SPECIAL("iana-special"),
    /** Reverse DNS as Sonar-style JSON lines. */
    RDNS_JSON("rdns-json"),
    /** Reverse DNS as {@code ip,hostname[,first_seen,last_seen]} CSV. */
    RDNS_CSV("rdns-csv"),
    /** Registrars as {@code domain,registrar[,iana_id]} CSV. */
    REGISTRAR_CSV("registrar-csv"),
    /** WhoisXML API IP Netblocks data feed, JSON lines or CSV: a full file plus daily delta files. */
    WHOISXML("whoisxml"),
    /** RDAP IP network objects (RFC 9083) as JSON lines, as {@code resolve} stores the registries' answers. */
    RDAP_JSON("rdap-json");

    private final String id;

    FeedFormat(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static FeedFormat of(String id) {
        for (FeedFormat f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + Printable.value(id) + "', known formats: " + known());
    }

    /** The format names a configuration may use, for messages. */
    public static String known() {
        return Arrays.stream(values()).map(FeedFormat::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
