package io.github.netblock.loader.feed.rdap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rdap-json feed on the registries' real answers (realdata/rdap/ip-networks.json: ARIN, RIPE,
 * APNIC, JPNIC, KRNIC, AFRINIC, LACNIC). Every expected value was read off the answer's text by hand.
 */
class RdapNetworkParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> ANSWERS = new LinkedHashMap<>();

    @BeforeAll
    static void readAnswers() throws IOException {
        try (InputStream in = RdapNetworkParserTest.class.getResourceAsStream("/realdata/rdap/ip-networks.json")) {
            JsonNode all = JSON.readTree(in);
            all.fields().forEachRemaining(e -> ANSWERS.put(e.getKey(), e.getValue().get("response")));
        }
    }

    /** The answers as resolve stores them: one object a line. */
    private static Path feedFile(Path dir, String... addresses) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String a : addresses) {
            b.append(JSON.writeValueAsString(ANSWERS.get(a))).append('\n');
        }
        Path f = dir.resolve("rdap-networks.jsonl");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return f;
    }

    private static List<Netblock> parse(Path file, ParseErrors errors) throws IOException {
        List<Netblock> blocks = new ArrayList<>();
        RdapNetworkParser.parse(file, "rdap", errors, blocks::add);
        return blocks;
    }

    private static Netblock network(String address) {
        return RdapNetworkParser.network(ANSWERS.get(address), "rdap");
    }

    @Test
    void arinZeroPaddedAddressesAreDecimalAndTheAbuseContactNestedInTheRegistrantIsFound() {
        Netblock b = network("74.125.225.229");
        assertThat(b.range()).isEqualTo(IpRange.parse("74.125.0.0/16"));
        assertThat(b.name()).isEqualTo("GOOGLE");
        assertThat(b.handle()).isEqualTo("NET-74-125-0-0-1");
        assertThat(b.ownerId()).isEqualTo("GOGL");
        assertThat(b.ownerName()).isEqualTo("Google Inc.");
        assertThat(b.abuseEmail()).isEqualTo("arin-contact@google.com");
        assertThat(b.registry()).isEqualTo("ARIN");
        assertThat(b.lastModified()).isEqualTo(Instant.parse("2012-02-24T14:44:34Z")); // 09:44:34-05:00
        assertThat(b.country()).isNull();
        assertThat(b.source()).isEqualTo("rdap");
    }

    @Test
    void arinIpv6FullyExpandedUpperCase() {
        Netblock b = network("2001:4860:4860::8888");
        assertThat(b.range()).isEqualTo(IpRange.parse("2001:4860::/32"));
        assertThat(b.name()).isEqualTo("GOOGLE-IPV6");
        assertThat(b.ownerName()).isEqualTo("Google Inc.");
        assertThat(b.abuseEmail()).isEqualTo("arin-contact@google.com");
    }

    @Test
    void ripeSlashSuffixOnAddressesAndUntitledRemarksAsDescription() {
        Netblock b = network("62.239.237.1");
        assertThat(b.range()).isEqualTo(IpRange.parse("62.239.237.0 - 62.239.237.255"));
        assertThat(b.name()).isEqualTo("BT-CORPORATE");
        assertThat(b.status()).isEqualTo("ASSIGNED PA");
        assertThat(b.country()).isEqualTo("GB");
        assertThat(b.registry()).isEqualTo("RIPE");
        assertThat(b.abuseEmail()).isEqualTo("zzdnsr@bt.com"); // the abuse role's first address (no pref given)
        assertThat(b.description()).isEqualTo("UDC");
        assertThat(b.ownerName()).isEqualTo("UDC"); // no registrant organisation: the first descr line, as for RPSL
        assertThat(b.lastModified()).isEqualTo(Instant.parse("2008-08-14T16:54:30Z"));

        Netblock v6 = network("2a00:2381:ffff::1");
        assertThat(v6.range()).isEqualTo(IpRange.parse("2a00:2381:ffff::/64"));
        assertThat(v6.name()).isEqualTo("BT-WORLD-IPVSIX-LAUNCH");
    }

    @Test
    void apnicKrnicAbusePreferredAddressDescriptionLinesAndRangeParent(@TempDir Path dir) throws IOException {
        List<Netblock> blocks = parse(feedFile(dir, "210.107.73.73"), new ParseErrors("rdap", 0));
        assertThat(blocks).hasSize(2);
        Netblock b = blocks.get(0);
        assertThat(b.range()).isEqualTo(IpRange.parse("210.107.0.0 - 210.107.127.255"));
        assertThat(b.name()).isEqualTo("BORANET-NET-210-107");
        assertThat(b.status()).isEqualTo("ALLOCATED PORTABLE");
        assertThat(b.country()).isEqualTo("KR");
        assertThat(b.registry()).isEqualTo("APNIC");
        assertThat(b.abuseEmail()).isEqualTo("hostmaster@nic.or.kr"); // IRT-KRNIC-KR, pref 1
        assertThat(b.description()).isEqualTo("DACOM Corp.\nFacility-based Telecommunication Service Provider\n"
                + "providing Internet leased-ine, on-line service, BLL etc.");
        assertThat(b.ownerName()).isEqualTo("DACOM Corp.");
        Netblock parent = blocks.get(1);
        assertThat(parent.range()).isEqualTo(IpRange.parse("210.0.0.0/8"));
        assertThat(parent.handle()).isEqualTo("210.0.0.0 - 210.255.255.255");
        assertThat(parent.name()).isNull();
        assertThat(parent.registry()).as("a parent must not hide the delegated records inside it").isNull();
    }

    @Test
    void jpnicPrefixParentWithLeadingZeroGroups() {
        List<Netblock> blocks = RdapNetworkParser.blocks(ANSWERS.get("2001:240:10c:1::ca20:9d1d"), "rdap");
        assertThat(blocks.get(0).range()).isEqualTo(IpRange.parse("2001:240::/32"));
        assertThat(blocks.get(0).name()).isEqualTo("IIJ-JPNIC-JP-20000308");
        assertThat(blocks.get(0).ownerName()).isEqualTo("Japan Network Information Center");
        assertThat(blocks.get(1).range()).isEqualTo(IpRange.parse("2001:200::/23"));
    }

    @Test
    void arinParentHandleThatIsNoRangeGivesNoParent() {
        // NET-74-0-0-0-0 says where the parent starts, not where it ends; ARIN's answers carry no up link (self and alternate only)
        assertThat(RdapNetworkParser.blocks(ANSWERS.get("74.125.225.229"), "rdap")).hasSize(1);
        assertThat(RdapNetworkParser.blocks(ANSWERS.get("2001:4860:4860::8888"), "rdap")).hasSize(1);
    }

    @Test
    void anUpLinkToAPrefixGivesTheParentWhereTheParentHandleDoesNot() {
        // APNIC's real answer without its parentHandle: the up link (http://rdap.apnic.net/ip/210.0.0.0/8) still gives the parent
        ObjectNode krnic = ANSWERS.get("210.107.73.73").deepCopy();
        krnic.remove("parentHandle");
        List<Netblock> blocks = RdapNetworkParser.blocks(krnic, "rdap");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(1).range()).isEqualTo(IpRange.parse("210.0.0.0/8"));
        assertThat(blocks.get(1).handle()).isNull();
        assertThat(blocks.get(1).registry()).isNull();

        // JPNIC's: parentHandle 2001:0200::/23 and the up link agree
        assertThat(RdapNetworkParser.blocks(ANSWERS.get("2001:240:10c:1::ca20:9d1d"), "rdap").get(1).range()).isEqualTo(IpRange.parse("2001:200::/23"));

        // ARIN's real answer with an up link added in the shape APNIC writes: the parent keeps ARIN's handle
        ObjectNode arin = ANSWERS.get("74.125.225.229").deepCopy();
        arin.withArray("links").addObject().put("rel", "up").put("href", "https://rdap.arin.net/registry/ip/74.0.0.0/8");
        List<Netblock> withUp = RdapNetworkParser.blocks(arin, "rdap");
        assertThat(withUp).hasSize(2);
        assertThat(withUp.get(1).range()).isEqualTo(IpRange.parse("74.0.0.0/8"));
        assertThat(withUp.get(1).handle()).isEqualTo("NET-74-0-0-0-0");

        // an up link to an address (no prefix) or to a range that does not hold the network gives none
        ObjectNode toAddress = ANSWERS.get("74.125.225.229").deepCopy();
        toAddress.withArray("links").addObject().put("rel", "up").put("href", "https://rdap.arin.net/registry/ip/74.0.0.0");
        assertThat(RdapNetworkParser.blocks(toAddress, "rdap")).hasSize(1);
        ObjectNode elsewhere = ANSWERS.get("74.125.225.229").deepCopy();
        elsewhere.withArray("links").addObject().put("rel", "up").put("href", "https://rdap.arin.net/registry/ip/75.0.0.0/8");
        assertThat(RdapNetworkParser.blocks(elsewhere, "rdap")).hasSize(1);
    }

    @Test
    void lacnicRegistrantOrganisationAndSingleAddressAnswer() {
        Netblock b = network("200.57.141.161");
        assertThat(b.range()).isEqualTo(IpRange.parse("200.57.141.161/32"));
        assertThat(b.ownerId()).isEqualTo("MX-TSCV6-LACNIC");
        assertThat(b.ownerName()).isEqualTo("Triara.com, S.A. de C.V.");
        assertThat(b.abuseEmail()).isEqualTo("operacion.redes@TRIARA.COM");
        assertThat(b.registry()).isEqualTo("LACNIC");
        assertThat(b.country()).isEqualTo("MX");
        assertThat(b.lastModified()).isEqualTo(Instant.parse("2014-07-16T15:43:45Z"));

        assertThat(network("2801:10:c000::").range()).isEqualTo(IpRange.parse("2801:10:c000::/128"));
    }

    @Test
    void afrinicEntitiesWithoutRolesGiveTheOrganisationHandleButNoAbuse() {
        List<Netblock> blocks = RdapNetworkParser.blocks(ANSWERS.get("196.11.240.215"), "rdap");
        Netblock b = blocks.get(0);
        assertThat(b.range()).isEqualTo(IpRange.parse("196.11.239.0 - 196.11.246.255"));
        assertThat(b.ownerId()).isEqualTo("ORG-VSA1-AFRINIC");
        assertThat(b.ownerName()).as("AFRINIC's fn is the handle again").isNull();
        assertThat(b.abuseEmail()).isNull();
        assertThat(b.status()).isEqualTo("ASSIGNED PI");
        assertThat(b.registry()).isEqualTo("AFRINIC");
        assertThat(blocks.get(1).range()).isEqualTo(IpRange.parse("196.0.0.0/8"));
    }

    @Test
    void everyRealAnswerParses(@TempDir Path dir) throws IOException {
        ParseErrors errors = new ParseErrors("rdap", 0);
        List<Netblock> blocks = parse(feedFile(dir, ANSWERS.keySet().toArray(String[]::new)), errors);
        assertThat(errors.count()).isZero();
        for (String address : ANSWERS.keySet()) {
            assertThat(blocks).as(address).anyMatch(b -> b.range().contains(io.github.netblock.index.ip.IpAddress.parse(address)) && b.name() != null);
        }
    }

    @Test
    void aLineThatIsNoNetworkIsABadRecordNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, JSON.writeValueAsString(ANSWERS.get("62.239.237.1")) + "\n"
                + "{\"objectClassName\":\"domain\",\"ldhName\":\"example.com\"}\n"
                + "{\"objectClassName\":\"ip network\",\"startAddress\":\"192.0.2.9\",\"endAddress\":\"192.0.2.1\"}\n"
                + "not json\n");
        ParseErrors errors = new ParseErrors("rdap", 10);
        List<Netblock> blocks = parse(f, errors);
        assertThat(blocks).hasSize(1);
        assertThat(errors.count()).isEqualTo(3);
        assertThat(errors.examples()).extracting(FeedFormatException::getMessage)
                .anySatisfy(m -> assertThat(m).contains("bad.jsonl:2").contains("domain"))
                .anySatisfy(m -> assertThat(m).contains("bad.jsonl:3").contains("192.0.2.9"))
                .anySatisfy(m -> assertThat(m).contains("bad.jsonl:4"));
        assertThatThrownBy(() -> parse(f, new ParseErrors("rdap", 0))).isInstanceOf(FeedFormatException.class);
    }

    @Test
    void theStoredFetchTimeIsRead() throws IOException {
        JsonNode j = JSON.readTree("{\"objectClassName\":\"ip network\",\"startAddress\":\"192.0.2.0\",\"endAddress\":\"192.0.2.255\","
                + "\"netblock_fetched\":\"2026-11-20T10:00:00Z\"}");
        assertThat(RdapNetworkParser.fetched(j)).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(RdapNetworkParser.network(j, "rdap").range()).isEqualTo(IpRange.parse("192.0.2.0/24"));
    }

    @Test
    void aTimeNoRegistryWroteIsNoLastChangeAndNeverStopsTheBuild() {
        assertThat(RdapObjects.time("2012-02-24T09:44:34-05:00")).isEqualTo(java.time.Instant.parse("2012-02-24T14:44:34Z"));
        assertThat(RdapObjects.time("1969-12-31T23:59:59Z")).isNull();
        assertThat(RdapObjects.time("2106-01-01T00:00:00Z")).isNull();
        assertThat(RdapObjects.time("yesterday")).isNull();
    }
}
