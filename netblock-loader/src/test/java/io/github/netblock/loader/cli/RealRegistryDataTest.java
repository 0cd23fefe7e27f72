package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader as a new user runs it, on registry data nobody on this project wrote:
 * {@code src/test/resources/realdata} (real WHOIS objects of RIPE, APNIC with KRNIC and JPNIC,
 * AFRINIC, LACNIC and ARIN, and real delegated statistics; origin and licence in its README and
 * LICENSE-ipwhois.txt). Each expectation was checked by hand against the object text quoted beside it.
 */
class RealRegistryDataTest {
    private static final Path REAL = Path.of("src/test/resources/realdata").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** Every dump, ARIN's answers, and the delegated statistics of four RIRs. */
    private static Path database;
    private static CliRun build;

    private static String feed(String name, String format, String... files) {
        return "  - name: " + name + "\n    format: " + format + "\n    files: ["
                + List.of(files).stream().map(f -> REAL.resolve(f).toString()).collect(Collectors.joining(", ")) + "]\n";
    }

    private static final String DUMPS = feed("ripe", "rpsl", "ripe.db.inetnum", "ripe.db.inet6num", "ripe.db.role", "ripe.db.route",
            "ripe.db.route6")
            + feed("apnic", "rpsl", "apnic.db.inetnum", "apnic.db.inet6num", "apnic.db.irt", "apnic.db.role")
            + feed("afrinic", "rpsl", "afrinic.db")
            + feed("lacnic", "rpsl", "lacnic.db")
            + feed("arin", "arin", "arin.db");

    private static final String DELEGATED = feed("delegated-ripencc", "delegated", "delegated-ripencc-latest.gz")
            + feed("delegated-apnic", "delegated", "delegated-apnic-latest.gz")
            + feed("delegated-afrinic", "delegated", "delegated-afrinic-extended-latest.gz")
            + feed("delegated-lacnic", "delegated", "delegated-lacnic-extended-latest.gz");

    private static CliRun buildWith(String name, String feeds) throws IOException {
        Path config = dir.resolve(name + ".yml");
        Files.writeString(config, "description: real registry data\nfeeds:\n" + feeds);
        return CliRun.of("build", "-c", config.toString(), "-o", dir.resolve(name + ".nbdb").toString());
    }

    @BeforeAll
    static void buildTheRealData() throws IOException {
        // the delegated statistics first: where they stand in the configuration does not matter
        build = buildWith("real", DELEGATED + DUMPS);
        database = dir.resolve("real.nbdb");
    }

    private static JsonNode lookup(String ip) throws IOException {
        CliRun r = CliRun.of("lookup", ip, "--db", database.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static List<String> names(JsonNode lookup) {
        List<String> names = new ArrayList<>();
        lookup.at("/netblocks").forEach(b -> names.add(b.path("name").asText(b.at("/range/gte").asText() + " - " + b.at("/range/lte").asText())));
        return names;
    }

    @Test
    void theRealDataBuildsWithoutABadRecord() {
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.err()).doesNotContain("warning");
        assertThat(build.out()).contains("arin ").doesNotContain(" 0 records");
    }

    @Test
    void apnicAndKrnicBlocksTakeTheirAbuseMailboxFromTheirMntIrt() throws IOException {
        // inetnum 210.107.0.0 - 210.107.127.255 and 210.106.224.0 - 210.107.127.255: mnt-irt: IRT-KRNIC-KR;
        // irt: IRT-KRNIC-KR abuse-mailbox: hostmaster@nic.or.kr
        JsonNode r = lookup("210.107.73.73");
        assertThat(names(r)).containsExactly("BORANET-NET-210-107", "BORANET-KR");
        assertThat(r.at("/netblocks/0/abuse/email").asText()).isEqualTo("hostmaster@nic.or.kr");
        assertThat(r.at("/netblocks/1/abuse/email").asText()).isEqualTo("hostmaster@nic.or.kr");
        assertThat(r.at("/netblocks/0/registry").asText()).isEqualTo("APNIC");
        assertThat(r.at("/netblocks/1/registry").asText()).isEqualTo("KRNIC");
    }

    @Test
    void everyDescrLineDescribesTheBlockAndTheFirstNamesTheOwner() throws IOException {
        JsonNode b = lookup("210.107.73.73").at("/netblocks/0");
        assertThat(b.at("/description").asText()).isEqualTo("DACOM Corp.\nFacility-based Telecommunication Service Provider\n"
                + "providing Internet leased-ine, on-line service, BLL etc.");
        assertThat(b.at("/owner/name").asText()).isEqualTo("DACOM Corp.");
    }

    @Test
    void lastModifiedIsTheNewestChangedDateWhereverItStands() throws IOException {
        // 2001:0240::/32 changed: 20000308, 20020726, 20030918, 20041207, 20050617 (first line oldest);
        // 2001:0240:010c::/48 changed: 20070316, 20150113; 210.107.0.0/17 one changed: 20021025
        JsonNode r = lookup("2001:240:10c:1::ca20:9d1d");
        assertThat(names(r)).containsExactly("IIJ-PRJNET", "IIJ-JPNIC-JP-20000308");
        assertThat(r.at("/netblocks/0/last_modified").asText()).isEqualTo("2015-01-13T00:00:00Z");
        assertThat(r.at("/netblocks/1/last_modified").asText()).isEqualTo("2005-06-17T00:00:00Z");
        assertThat(lookup("210.107.73.73").at("/netblocks/0/last_modified").asText()).isEqualTo("2002-10-25T00:00:00Z");
        // "changed: hostmaster@nic.or.kr" names who, not when: no date, and none from elsewhere
        assertThat(lookup("210.107.73.73").at("/netblocks/1/last_modified").isMissingNode()).isTrue();
    }

    @Test
    void aDelegatedRangeInsideADumpObjectNeverBecomesTheNarrowestBlock() throws IOException {
        // apnic|KR|ipv4|210.106.224.0|8192|19970829|allocated lies inside KRNIC's 210.106.224.0 - 210.107.127.255
        JsonNode krnic = lookup("210.106.230.1");
        assertThat(names(krnic)).containsExactly("BORANET-KR");
        assertThat(krnic.at("/netblocks/0/owner/name").asText()).isEqualTo("LG DACOM Corporation");
        assertThat(krnic.at("/netblocks/0/abuse/email").asText()).isEqualTo("hostmaster@nic.or.kr");
        // apnic|JP|ipv6|2001:240::|35, 2001:240:2000::|35, 2001:240:4000::|34, 2001:240:8000::|33 lie inside
        // JPNIC's 2001:0240::/32 ("Upgrade from /35 to /32")
        for (String ip : List.of("2001:240::1", "2001:240:2000::1", "2001:240:4000::1", "2001:240:8000::1")) {
            JsonNode jpnic = lookup(ip);
            assertThat(names(jpnic)).as(ip).containsExactly("IIJ-JPNIC-JP-20000308");
            assertThat(jpnic.at("/netblocks/0/owner/name").asText()).isEqualTo("Japan Network Information Center");
            assertThat(jpnic.at("/netblocks/0/cidr/0").asText()).isEqualTo("2001:240::/32");
        }
        // the same range as a dump object (apnic|KR|ipv4|210.107.0.0|32768): the dump object alone
        assertThat(names(lookup("210.107.0.1"))).containsExactly("BORANET-NET-210-107", "BORANET-KR");
    }

    @Test
    void delegatedRecordsFillTheSpaceTheDumpsLeaveAndStandAroundTheirObjects() throws IOException {
        // apnic|KR|ipv4|210.106.0.0|32768|19970829|allocated: no dump object there
        JsonNode gap = lookup("210.106.0.1");
        assertThat(gap.at("/netblocks/0/cidr/0").asText()).isEqualTo("210.106.0.0/17");
        assertThat(gap.at("/netblocks/0/country_iso_code").asText()).isEqualTo("KR");
        assertThat(gap.at("/netblocks/0/registry").asText()).isEqualTo("APNIC");
        assertThat(gap.at("/netblocks/0/source").asText()).isEqualTo("delegated-apnic");
        // ripencc|GB|ipv4|62.239.0.0|65536 around inetnum 62.239.237.0 - 62.239.237.255 BT-CORPORATE
        JsonNode bt = lookup("62.239.237.1");
        assertThat(names(bt)).containsExactly("BT-CORPORATE", "62.239.0.0 - 62.239.255.255");
        assertThat(bt.at("/netblocks/0/country_iso_code").asText()).isEqualTo("GB");
        assertThat(bt.at("/netblocks/0/last_modified").asText()).isEqualTo("2008-08-14T14:54:30Z");
        assertThat(bt.at("/netblocks/0/abuse").isMissingNode()).isTrue(); // no abuse-c; BTCR1-RIPE is its admin-c
        assertThat(bt.at("/netblocks/1/source").asText()).isEqualTo("delegated-ripencc");
    }

    @Test
    void aDelegatedRegistrationDateIsNotTheLastChangeOfADumpObject() throws IOException {
        // inetnum 196.11.239.0 - 196.11.246.255 and inet6num 2001:43f8:07b0::/48 have no changed: or last-modified:;
        // afrinic|ZA|ipv4|196.11.239.0|2048|19940721|assigned and afrinic|KE|ipv6|2001:43f8:7b0::|48|20130322 are the same ranges
        JsonNode mtn = lookup("196.11.240.1");
        assertThat(names(mtn)).containsExactly("NET-196-11-239-0");
        assertThat(mtn.at("/netblocks/0/last_modified").isMissingNode()).isTrue();
        assertThat(mtn.at("/netblocks/0/owner/name").asText()).isEqualTo("MTN SA"); // org: ORG-VSA1-AFRINIC
        assertThat(mtn.at("/netblocks/0/owner/id").asText()).isEqualTo("ORG-VSA1-AFRINIC");
        assertThat(mtn.at("/netblocks/0/country_iso_code").asText()).isEqualTo("ZA");
        JsonNode tespok = lookup("2001:43f8:7b0::1");
        assertThat(names(tespok)).containsExactly("Tespok");
        assertThat(tespok.at("/netblocks/0/last_modified").isMissingNode()).isTrue();
        assertThat(tespok.at("/netblocks/0/owner/name").asText()).isEqualTo("Telecommunication Sevice  Providers Association of Kenya - TESPOK");
    }

    @Test
    void lacnicBlocksTakeTheirAbuseContactsEmailAndTheirRegistryFromTheStatistics() throws IOException {
        // inetnum 2801:10:c000::/48 abuse-c: JDM7; nic-hdl: JDM7 e-mail: sistemas.red@UCO.EDU.CO; changed: 20131029
        JsonNode uco = lookup("2801:10:c000::1").at("/netblocks/0");
        assertThat(uco.at("/owner/name").asText()).isEqualTo("Universidad Catolica de Oriente");
        assertThat(uco.at("/owner/id").asText()).isEqualTo("CO-UCOR-LACNIC");
        assertThat(uco.at("/abuse/email").asText()).isEqualTo("sistemas.red@UCO.EDU.CO");
        assertThat(uco.at("/last_modified").asText()).isEqualTo("2013-10-29T00:00:00Z");
        assertThat(uco.at("/registry").asText()).isEqualTo("LACNIC"); // the dump has no source:, lacnic|CO|ipv6|2801:10:c000::|48 does
        // inetnum 200.57.128/19 abuse-c: RYT2 (operacion.redes@TRIARA.COM), changed: 20140716
        JsonNode triara = lookup("200.57.128.1").at("/netblocks/0");
        assertThat(triara.at("/cidr/0").asText()).isEqualTo("200.57.128.0/19");
        assertThat(triara.at("/owner/name").asText()).isEqualTo("Triara.com, S.A. de C.V.");
        assertThat(triara.at("/abuse/email").asText()).isEqualTo("operacion.redes@TRIARA.COM");
        assertThat(triara.at("/last_modified").asText()).isEqualTo("2014-07-16T00:00:00Z");
    }

    @Test
    void theRangesAreViewsThatNeverShadowADumpObject() throws IOException {
        // the bundled database's ip-location-db ranges with APNIC's objects and statistics
        Path ranges = Path.of("../ingest-plugin/bundled-database/src/data/ip-location-db").toAbsolutePath();
        String csv = "  - name: asn\n    format: asn-csv\n    files: [" + ranges.resolve("asn-ipv4.csv.gz") + ", " + ranges.resolve("asn-ipv6.csv.gz") + "]\n"
                + "  - name: country\n    format: country-csv\n    files: [" + ranges.resolve("geo-whois-asn-country-ipv4.csv.gz") + ", "
                + ranges.resolve("geo-whois-asn-country-ipv6.csv.gz") + "]\n";
        CliRun r = buildWith("apnic-and-ranges", csv + feed("delegated-apnic", "delegated", "delegated-apnic-latest.gz")
                + feed("apnic", "rpsl", "apnic.db.inetnum", "apnic.db.inet6num", "apnic.db.irt", "apnic.db.role"));
        assertThat(r.exit()).as(r.err()).isZero();
        Path db = dir.resolve("apnic-and-ranges.nbdb");
        // asn-ipv4.csv: 210.106.224.0,210.107.65.255,3786,LG DACOM Corporation lies across KRNIC's BORANET-KR
        JsonNode krnic = JSON.readTree(CliRun.of("lookup", "210.106.230.1", "--db", db.toString(), "--json").out());
        assertThat(krnic.at("/netblocks/0/name").asText()).isEqualTo("BORANET-KR");
        assertThat(krnic.at("/netblocks/0/abuse/email").asText()).isEqualTo("hostmaster@nic.or.kr");
        // and the address keeps the AS of the routed range it is in, from the database's routing view
        assertThat(krnic.at("/as/number").asLong()).isEqualTo(3786);
        assertThat(krnic.at("/as/organization/name").asText()).isEqualTo("LG DACOM Corporation");
        // asn-ipv6.csv: 2001:240::,2001:240:ffff:...,2497,Internet Initiative Japan Inc.: JPNIC's /32 itself, which takes its AS
        JsonNode jpnic = JSON.readTree(CliRun.of("lookup", "2001:240::1", "--db", db.toString(), "--json").out());
        assertThat(names(jpnic)).containsExactly("IIJ-JPNIC-JP-20000308");
        assertThat(jpnic.at("/as/number").asLong()).isEqualTo(2497);
        // no dump object at 210.106.0.0/17: the delegated record is the narrowest block; the routed range
        // (210.106.0.0,210.106.63.255,17839) and the country row (210.90.0.0,210.127.255.255,KR) are the views'
        JsonNode gap = JSON.readTree(CliRun.of("lookup", "210.106.0.1", "--db", db.toString(), "--json").out());
        assertThat(gap.at("/netblocks/0/cidr/0").asText()).isEqualTo("210.106.0.0/17");
        assertThat(gap.at("/netblocks").size()).isEqualTo(1);
        assertThat(gap.at("/as/number").asLong()).isEqualTo(17839);
        assertThat(gap.at("/geo/country_iso_code").asText()).isEqualTo("KR");
    }

    @Test
    void arinsOwnFormatIsReadWithOrganisationAbuseContactAndDates() throws IOException {
        // NetRange 2001:4860:: - 2001:4860:FFFF:...; NetName GOOGLE-IPV6; NetHandle NET6-2001-4860-1; NetType Direct Allocation;
        // OriginAS AS15169; Organization Google Inc. (GOGL); Updated 2012-02-24; OrgName Google Inc., OrgId GOGL, Country US;
        // RAbuseEmail arin-contact@google.com
        JsonNode v6 = lookup("2001:4860::8888");
        JsonNode google = v6.at("/netblocks/0");
        assertThat(google.at("/name").asText()).isEqualTo("GOOGLE-IPV6");
        assertThat(google.at("/cidr/0").asText()).isEqualTo("2001:4860::/32");
        assertThat(google.at("/handle").asText()).isEqualTo("NET6-2001-4860-1");
        assertThat(google.at("/status").asText()).isEqualTo("Direct Allocation");
        assertThat(google.at("/owner/name").asText()).isEqualTo("Google Inc.");
        assertThat(google.at("/owner/id").asText()).isEqualTo("GOGL");
        assertThat(google.at("/country_iso_code").asText()).isEqualTo("US");
        assertThat(google.at("/abuse/email").asText()).isEqualTo("arin-contact@google.com");
        assertThat(google.at("/registry").asText()).isEqualTo("ARIN");
        assertThat(google.at("/last_modified").asText()).isEqualTo("2012-02-24T00:00:00Z");
        assertThat(v6.at("/as/number").asLong()).isEqualTo(15169);
        // NetRange 74.125.0.0 - 74.125.255.255, GOOGLE, NET-74-125-0-0-1, OriginAS empty: the org's OrgAbuseEmail
        JsonNode v4 = lookup("74.125.0.1");
        assertThat(v4.at("/netblocks/0/name").asText()).isEqualTo("GOOGLE");
        assertThat(v4.at("/netblocks/0/handle").asText()).isEqualTo("NET-74-125-0-0-1");
        assertThat(v4.at("/netblocks/0/owner/name").asText()).isEqualTo("Google Inc.");
        assertThat(v4.at("/netblocks/0/abuse/email").asText()).isEqualTo("arin-contact@google.com");
        assertThat(v4.at("/netblocks/0/last_modified").asText()).isEqualTo("2012-02-24T00:00:00Z");
        assertThat(v4.at("/as").isMissingNode()).isTrue();
    }

    @Test
    void arinsFormatReadAsRpslIsRefusedNamingTheFileNotPassedAsZeroRecords() throws IOException {
        CliRun alone = buildWith("arin-as-rpsl", feed("arin", "rpsl", "arin.db"));
        assertThat(alone.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(alone.err()).contains(REAL.resolve("arin.db") + " holds no RPSL object").contains("[netrange:]").contains("use format arin");
        // beside files that do give blocks, too
        CliRun mixed = buildWith("arin-in-ripe", feed("ripe", "rpsl", "ripe.db.inetnum", "arin.db"));
        assertThat(mixed.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(mixed.err()).contains("arin.db holds no RPSL object");
        assertThat(dir.resolve("arin-in-ripe.nbdb")).doesNotExist();
        // and the other way round
        CliRun rpslAsArin = buildWith("rpsl-as-arin", feed("ripe", "arin", "ripe.db.inetnum"));
        assertThat(rpslAsArin.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(rpslAsArin.err()).contains("ripe.db.inetnum holds no ARIN record").contains("use format rpsl");
    }

    @Test
    void anImpossibleDateIsACountedBadRecordWithFileAndLine() throws IOException {
        // the real APNIC object, its changed: date made impossible (there is no 30 February)
        String object = Files.readString(REAL.resolve("apnic.db.inetnum")).split("\n\n")[0]
                .replace("changed:        hm-changed@apnic.net 20021025", "changed:        hm-changed@apnic.net 20030230");
        assertThat(object).contains("20030230");
        Path dump = Files.writeString(dir.resolve("apnic.db.inetnum"), object + "\n");
        // a real delegated line, its date made impossible (1997 was no leap year)
        Path stats = Files.writeString(dir.resolve("delegated-apnic"), "2|apnic|20140701|1|19850701|20140630|+1000\n"
                + "apnic|KR|ipv4|210.106.0.0|32768|19970229|allocated\n");
        Path config = Files.writeString(dir.resolve("bad-dates.yml"), "feeds:\n"
                + "  - name: apnic\n    format: rpsl\n    files: [" + dump + "]\n"
                + "  - name: delegated-apnic\n    format: delegated\n    files: [" + stats + "]\n");
        CliRun r = CliRun.of("build", "-c", config.toString(), "-o", dir.resolve("bad-dates.nbdb").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(dump + ":14: inetnum [210.107.0.0 - 210.107.127.255]: changed [20030230] is not a date")
                .contains(stats + ":2: record [apnic|KR|ipv4|210.106.0.0|32768|19970229|allocated]: date [19970229] is not a date");
        assertThat(r.out()).containsPattern("apnic +1 records +1 errors").containsPattern("delegated-apnic +1 records +1 errors");
        // both records are kept, without the date
        CliRun kept = CliRun.of("lookup", "210.107.0.1", "--db", dir.resolve("bad-dates.nbdb").toString(), "--json");
        JsonNode b = JSON.readTree(kept.out()).at("/netblocks/0");
        assertThat(b.at("/name").asText()).isEqualTo("BORANET-NET-210-107");
        assertThat(b.at("/last_modified").isMissingNode()).isTrue();

        // within the feed's error budget like every other bad record
        Path strict = Files.writeString(dir.resolve("strict.yml"), "feeds:\n"
                + "  - name: apnic\n    format: rpsl\n    error_budget: 0\n    files: [" + dump + "]\n");
        CliRun refused = CliRun.of("build", "-c", strict.toString(), "-o", dir.resolve("strict.nbdb").toString());
        assertThat(refused.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(refused.err()).contains("feed apnic has more than 0 bad records").contains(dump + ":14");
    }

    @Test
    void aLeadingZeroOctetIsABadRecordNamedByFileAndLine() throws IOException {
        // irrd's sample "inetnum: 192.0.2.0 - 192.0.02.255": 02 could be octal; the inet6num beside it is read
        CliRun r = buildWith("irrd", feed("irrd", "rpsl", "irrd-samples.db"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(REAL.resolve("irrd-samples.db") + ":1: inetnum [192.0.2.0 - 192.0.02.255]");
        assertThat(r.out()).containsPattern("irrd +1 records +1 errors");
    }
}
