package io.github.netblock.ingest.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.ingest.core.TestDatabases;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.OutputProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ElasticsearchParseException;
import org.elasticsearch.common.logging.HeaderWarning;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.util.concurrent.ThreadContext;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetblockProcessorTest {
    @TempDir
    Path dir;
    DatabaseRegistry registry;
    NetblockProcessorFactory factory;

    @BeforeEach
    void setUp() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        TestDatabases.write(folder.resolve("default.nbdb"), "SCANNER-NET");
        registry = new DatabaseRegistry(folder, Files.createDirectories(dir.resolve("tmp")),
                Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(30));
        registry.loadDirectory();
        factory = new NetblockProcessorFactory(registry);
    }

    @AfterEach
    void tearDown() throws IOException {
        registry.close();
    }

    private NetblockProcessor processor(Map<String, Object> options) {
        return factory.create(Map.of(), "tag", null, new HashMap<>(options));
    }

    private static IngestDocument doc(Map<String, Object> source) {
        return new IngestDocument("logs", "1", 1, null, VersionType.INTERNAL, new HashMap<>(source));
    }

    private static Map<String, Object> sourceIp(Object ip) {
        Map<String, Object> source = new HashMap<>();
        source.put("ip", ip);
        return Map.of("source", source);
    }

    @Test
    void annotatesTheHoldingObjectWithTheDefaultFields() {
        IngestDocument d = processor(Map.of("field", "source.ip")).execute(doc(sourceIp("198.51.100.7")));
        assertThat(d.getFieldValue("source", Map.class)).isEqualTo(Map.of(
                "ip", "198.51.100.7",
                "as", Map.of("number", 64500L, "organization", Map.of("name", "EXAMPLE-AS")), // from the allocation
                "geo", Map.of("country_iso_code", "NL"),
                "domain", "scanner7.scan.example.com",
                "registered_domain", "example.com",
                "netblock", Map.of("key", "198.51.100.0/24", "range", Map.of("gte", "198.51.100.0", "lte", "198.51.100.255"),
                        "name", "SCANNER-NET", "owner", Map.of("name", "Scan Corp"), "abuse", Map.of("email", "abuse@scan.example")),
                "registrar", Map.of("name", "MarkMonitor Inc.")));
    }

    @Test
    void everyOptInFieldIsWrittenWhenListed() {
        IngestDocument d = processor(Map.of("field", "source.ip", "properties", OutputProperty.paths()))
                .execute(doc(sourceIp("198.51.100.7")));
        assertThat(d.getFieldValue("source.top_level_domain", String.class)).isEqualTo("com");
        assertThat(d.getFieldValue("source.netblock.cidr", List.class)).isEqualTo(List.of("198.51.100.0/24"));
        assertThat(d.getFieldValue("source.netblock.handle", String.class)).isEqualTo("SCAN-1");
        assertThat(d.getFieldValue("source.netblock.description", String.class)).isEqualTo("Scanning customer");
        assertThat(d.getFieldValue("source.netblock.status", String.class)).isEqualTo("ASSIGNED PA");
        assertThat(d.getFieldValue("source.netblock.registry", String.class)).isEqualTo("RIPE");
        assertThat(d.getFieldValue("source.netblock.last_modified", String.class)).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(d.getFieldValue("source.registrar.iana_id", Long.class)).isEqualTo(292L);
        assertThat(d.getFieldValue("source.netblock.parents", List.class)).hasSize(1);
        // the narrowest block has no country or owner id of its own: nothing invented
        assertThat(d.hasField("source.netblock.country_iso_code")).isFalse();
        assertThat(d.hasField("source.netblock.owner.id")).isFalse();
    }

    @Test
    void anAddressWithoutReverseDnsGetsNoDomainOrRegistrar() {
        IngestDocument d = processor(Map.of("field", "source.ip")).execute(doc(sourceIp("198.51.100.8")));
        assertThat(d.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
        assertThat(d.hasField("source.domain")).isFalse();
        assertThat(d.hasField("source.registrar")).isFalse();
    }

    @Test
    void includeParentsListsTheContainingBlocksNarrowestFirst() {
        IngestDocument d = processor(Map.of("field", "source.ip", "include_parents", true)).execute(doc(sourceIp("198.51.100.7")));
        List<?> parents = d.getFieldValue("source.netblock.parents", List.class);
        assertThat(parents).hasSize(1);
        // each parent carries the netblock fields the processor writes (the defaults here)
        assertThat(parents.get(0)).isEqualTo(Map.of("key", "198.51.100.0/22", "name", "EXAMPLE-ALLOC",
                "range", Map.of("gte", "198.51.100.0", "lte", "198.51.103.255"), "owner", Map.of("name", "Example Provider"),
                "abuse", Map.of("email", "abuse@provider.example")));
    }

    @Test
    void writesOnlyTheListedPropertiesUnderTheGivenTarget() {
        IngestDocument d = processor(Map.of("field", "client_ip", "target_field", "attacker",
                "properties", List.of("netblock.name", "as.number"))).execute(doc(Map.of("client_ip", "198.51.100.7")));
        assertThat(d.getFieldValue("attacker", Map.class)).isEqualTo(Map.of("netblock", Map.of("name", "SCANNER-NET"), "as", Map.of("number", 64500L)));
    }

    @Test
    void aTopLevelFieldIsAnnotatedAtTheRoot() {
        IngestDocument d = processor(Map.of("field", "ip", "properties", List.of("netblock.name"))).execute(doc(Map.of("ip", "2001:db8::1")));
        assertThat(d.getFieldValue("netblock.name", String.class)).isEqualTo("V6-NET");
    }

    @Test
    void ipv4MappedIpv6LooksUpAsIpv4() {
        IngestDocument d = processor(Map.of("field", "source.ip")).execute(doc(sourceIp("::ffff:198.51.100.9")));
        assertThat(d.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
    }

    @Test
    void anAddressOutsideEveryBlockGetsNoField() {
        IngestDocument d = processor(Map.of("field", "source.ip")).execute(doc(sourceIp("192.0.2.1")));
        assertThat(d.getFieldValue("source", Map.class)).isEqualTo(Map.of("ip", "192.0.2.1"));
    }

    @Test
    void anInvalidAddressIsAnErrorThatNamesTheValue() {
        NetblockProcessor p = processor(Map.of("field", "source.ip"));
        assertThatThrownBy(() -> p.execute(doc(sourceIp("scanner.example.com"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[source.ip]").hasMessageContaining("[scanner.example.com]");
        assertThatThrownBy(() -> p.execute(doc(sourceIp(42)))).hasMessageContaining("Integer");
        assertThatThrownBy(() -> p.execute(doc(sourceIp(List.of())))).hasMessageContaining("empty list");
    }

    @Test
    void aMissingFieldIsAnErrorUnlessIgnoreMissing() {
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip")).execute(doc(Map.of("message", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        Map<String, Object> nullIp = new HashMap<>();
        nullIp.put("source", new HashMap<>(Map.of()));
        ((Map<String, Object>) nullIp.get("source")).put("ip", null);
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip")).execute(doc(nullIp))).hasMessageContaining("null");
        NetblockProcessor lenient = processor(Map.of("field", "source.ip", "ignore_missing", true));
        assertThat(lenient.execute(doc(Map.of("message", "x"))).getSource()).isEqualTo(Map.of("message", "x"));
        assertThat(lenient.execute(doc(nullIp)).getFieldValue("source", Map.class)).containsOnlyKeys("ip");
    }

    @Test
    void arraysUseTheFirstAddressOrEveryAddress() {
        IngestDocument first = processor(Map.of("field", "source.ip", "properties", List.of("netblock.name")))
                .execute(doc(sourceIp(List.of("2001:db8::5", "198.51.100.7"))));
        assertThat(first.getFieldValue("source.netblock.name", String.class)).isEqualTo("V6-NET");
        IngestDocument all = processor(Map.of("field", "source.ip", "first_only", false, "properties", List.of("netblock.name", "as.number")))
                .execute(doc(sourceIp(List.of("2001:db8::5", "192.0.2.1", "198.51.100.7"))));
        // own objects become lists of objects; shared ECS leaves become lists inside their objects
        // one entry per address of the field, null for 192.0.2.1 that no block contains
        assertThat(all.getFieldValue("source.netblock", List.class)).isEqualTo(java.util.Arrays.asList(Map.of("name", "V6-NET"), null,
                Map.of("name", "SCANNER-NET")));
        assertThat(all.getFieldValue("source.as.number", List.class)).isEqualTo(java.util.Arrays.asList(64501L, null, 64500L));
        // a one-address list still gives lists when every address is asked for
        IngestDocument one = processor(Map.of("field", "source.ip", "first_only", false, "properties", List.of("netblock.name")))
                .execute(doc(sourceIp(List.of("198.51.100.7"))));
        assertThat(one.getFieldValue("source.netblock", List.class)).isEqualTo(List.of(Map.of("name", "SCANNER-NET")));
    }

    @Test
    void theDocumentsOwnCountryWinsUnlessOverride() {
        Map<String, Object> source = new HashMap<>();
        source.put("ip", "198.51.100.7");
        source.put("geo", new HashMap<>(Map.of("country_iso_code", "FR")));
        IngestDocument kept = processor(Map.of("field", "source.ip")).execute(doc(Map.of("source", source)));
        assertThat(kept.getFieldValue("source.geo.country_iso_code", String.class)).isEqualTo("FR");
        Map<String, Object> source2 = new HashMap<>();
        source2.put("ip", "198.51.100.7");
        source2.put("geo", new HashMap<>(Map.of("country_iso_code", "FR")));
        IngestDocument replaced = processor(Map.of("field", "source.ip", "override", true)).execute(doc(Map.of("source", source2)));
        assertThat(replaced.getFieldValue("source.geo.country_iso_code", String.class)).isEqualTo("NL");
    }

    @Test
    void anUnknownDatabaseTagsTheDocument() {
        IngestDocument d = processor(Map.of("field", "source.ip", "database", "not-published")).execute(doc(sourceIp("198.51.100.7")));
        assertThat(d.getFieldValue("tags", List.class)).isEqualTo(List.of("_netblock_database_unavailable"));
        assertThat(d.hasField("source.netblock")).isFalse();
    }

    @Test
    void aStaleDatabaseStillAnnotatesButTagsTheDocument() throws IOException {
        DatabaseRegistry late = new DatabaseRegistry(registry.directory(), dir.resolve("tmp"),
                Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(30));
        late.loadDirectory();
        ThreadContext warnings = new ThreadContext(Settings.EMPTY);
        HeaderWarning.setThreadContext(warnings);
        try {
            IngestDocument d = new NetblockProcessorFactory(late).create(Map.of(), null, null, new HashMap<>(Map.of("field", "source.ip")))
                    .execute(doc(sourceIp("198.51.100.7")));
            assertThat(d.getFieldValue("tags", List.class)).isEqualTo(List.of("_netblock_database_stale"));
            assertThat(d.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
            assertThat(warnings.getResponseHeaders().get("Warning")).singleElement().asString()
                    .contains("netblock database [default] is older than the configured maximum age");
        } finally {
            HeaderWarning.removeThreadContext(warnings);
            late.close();
        }
    }

    @Test
    void theFactoryRejectsBadOptionsByName() {
        assertThatThrownBy(() -> processor(Map.of())).isInstanceOf(ElasticsearchParseException.class)
                .hasMessageContaining("[field] required property is missing");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "properties", List.of("netblock.name", "netblock.colour"))))
                .isInstanceOf(ElasticsearchParseException.class).hasMessageContaining("[properties]").hasMessageContaining("netblock.colour");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "properties", List.of())))
                .hasMessageContaining("[properties]");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "ignore_missing", "maybe")))
                .hasMessageContaining("[ignore_missing]");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "database", "../etc/passwd")))
                .hasMessageContaining("[database]");
        NetblockProcessor p = processor(Map.of("field", "source.ip"));
        assertThat(p.targetField()).isEqualTo("source");
        assertThat(p.properties()).doesNotContain(OutputProperty.NETBLOCK_PARENTS, OutputProperty.NETBLOCK_CIDR).contains(OutputProperty.REGISTRAR_NAME);
    }

    @Test
    void countsLookupsHitsAndMisses() {
        NetblockProcessor p = processor(Map.of("field", "source.ip"));
        p.execute(doc(sourceIp("198.51.100.7")));
        p.execute(doc(sourceIp("192.0.2.1")));
        var info = registry.databases().get(0);
        assertThat(info.lookups()).isEqualTo(2);
        assertThat(info.hits()).isEqualTo(1);
        assertThat(info.misses()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepeatedAddressIsAnsweredAgainFromTheNewDatabaseAfterASwapAndDocumentsNeverShareObjects() throws IOException {
        NetblockProcessor p = processor(Map.of("field", "source.ip"));
        IngestDocument first = p.execute(doc(sourceIp("198.51.100.7")));
        IngestDocument second = p.execute(doc(sourceIp("198.51.100.7")));
        Map<String, Object> one = (Map<String, Object>) first.getFieldValue("source.netblock", Map.class);
        Map<String, Object> two = (Map<String, Object>) second.getFieldValue("source.netblock", Map.class);
        assertThat(two).isEqualTo(one).isNotSameAs(one);
        assertThat(two.get("range")).isNotSameAs(one.get("range"));
        one.put("name", "CHANGED BY A LATER PROCESSOR");
        ((Map<String, Object>) one.get("range")).put("gte", "0.0.0.0");
        IngestDocument third = p.execute(doc(sourceIp("198.51.100.7")));
        assertThat(third.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
        assertThat(third.getFieldValue("source.netblock.range.gte", String.class)).isEqualTo("198.51.100.0");
        var info = registry.databases().get(0);
        assertThat(info.lookups()).isEqualTo(3);
        assertThat(info.hits()).isEqualTo(3);
        // a new database under the same name: the same text is looked up in it, not answered from the old one
        TestDatabases.write(registry.directory().resolve("default.nbdb"), "RENAMED-NET");
        assertThat(registry.load(registry.directory().resolve("default.nbdb"))).isTrue();
        IngestDocument after = p.execute(doc(sourceIp("198.51.100.7")));
        assertThat(after.getFieldValue("source.netblock.name", String.class)).isEqualTo("RENAMED-NET");
        // a bad value is still an error naming it, however often it comes
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> p.execute(doc(sourceIp("999.1.1.1")))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[999.1.1.1] is not an IP address");
        }
    }

    private static Map<String, Object> mutable(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> inner ? mutable((Map<String, Object>) inner) : v));
        return out;
    }

    /** source.ip with an existing geo object (city, location) and an AS organisation from another enricher. */
    private static IngestDocument enriched(Object ip) {
        return doc(mutable(Map.of("source", Map.of("ip", ip,
                "geo", Map.of("city_name", "Amsterdam", "location", Map.of("lat", 52.37, "lon", 4.89)),
                "as", Map.of("organization", Map.of("name", "From GeoIP"))))));
    }

    @Test
    void sharedEcsObjectsAreMergedIntoNeverReplaced() {
        for (boolean override : new boolean[] {false, true}) {
            for (boolean firstOnly : new boolean[] {false, true}) {
                IngestDocument d = processor(Map.of("field", "source.ip", "override", override, "first_only", firstOnly,
                        "properties", List.of("geo.country_iso_code", "as.number")))
                        .execute(enriched(List.of("198.51.100.7", "2001:db8::1")));
                String what = "override " + override + ", first_only " + firstOnly;
                assertThat(d.getFieldValue("source.geo.city_name", String.class)).as(what).isEqualTo("Amsterdam");
                assertThat(d.getFieldValue("source.geo.location", Map.class)).as(what).isEqualTo(Map.of("lat", 52.37, "lon", 4.89));
                assertThat(d.getFieldValue("source.as.organization.name", String.class)).as(what).isEqualTo("From GeoIP");
                // the country is added whatever first_only says (it was missing)
                Object country = d.getFieldValue("source.geo.country_iso_code", Object.class);
                Object asn = d.getFieldValue("source.as.number", Object.class);
                if (firstOnly) {
                    assertThat(country).as(what).isEqualTo("NL");
                    assertThat(asn).as(what).isEqualTo(64500L);
                } else {
                    assertThat(country).as(what).isEqualTo(List.of("NL", "DE"));
                    assertThat(asn).as(what).isEqualTo(List.of(64500L, 64501L));
                }
            }
        }
    }

    @Test
    void existingValuesAreKeptUnlessOverrideAndOwnObjectsAreReplacedWhole() {
        Map<String, Object> source = mutable(Map.of("ip", "198.51.100.7", "domain", "given.example.org",
                "netblock", Map.of("name", "OLD-NAME", "abuse", Map.of("email", "old@abuse.example"), "note", "mine"),
                "registrar", Map.of("name", "Old Registrar")));
        IngestDocument kept = processor(Map.of("field", "source.ip")).execute(doc(Map.of("source", source)));
        assertThat(kept.getFieldValue("source.domain", String.class)).isEqualTo("given.example.org");
        assertThat(kept.getFieldValue("source.netblock", Map.class)).isEqualTo(Map.of("name", "OLD-NAME",
                "abuse", Map.of("email", "old@abuse.example"), "note", "mine"));
        assertThat(kept.getFieldValue("source.registrar", Map.class)).isEqualTo(Map.of("name", "Old Registrar"));
        // the document's own PTR name stands with its domains: none of ours is mixed in
        assertThat(kept.hasField("source.registered_domain")).isFalse();

        Map<String, Object> again = mutable(Map.of("ip", "198.51.100.7", "domain", "given.example.org",
                "netblock", Map.of("name", "OLD-NAME", "country_iso_code", "XX")));
        IngestDocument replaced = processor(Map.of("field", "source.ip", "override", true, "properties",
                List.of("netblock.name", "domain"))).execute(doc(Map.of("source", again)));
        assertThat(replaced.getFieldValue("source.domain", String.class)).isEqualTo("scanner7.scan.example.com");
        // the whole object describes the new block: no country of the old one is left behind
        assertThat(replaced.getFieldValue("source.netblock", Map.class)).isEqualTo(Map.of("name", "SCANNER-NET"));
    }

    @Test
    void anExplicitNullCountsAsMissing() {
        Map<String, Object> source = new HashMap<>();
        source.put("ip", "198.51.100.7");
        source.put("domain", null);
        IngestDocument d = processor(Map.of("field", "source.ip", "properties", List.of("domain"))).execute(doc(Map.of("source", source)));
        assertThat(d.getFieldValue("source.domain", String.class)).isEqualTo("scanner7.scan.example.com");
    }

    @Test
    void parentsAloneAreRefusedAndParentsNeverHoldEmptyObjects() {
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "properties", List.of("netblock.parents"))))
                .isInstanceOf(ElasticsearchParseException.class).hasMessageContaining("[properties]").hasMessageContaining("netblock.parents");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "include_parents", true, "properties", List.of("as.number"))))
                .hasMessageContaining("netblock.parents");
        // the allocation above SCANNER-NET has no handle: its entry would be empty, so it is left out
        IngestDocument d = processor(Map.of("field", "source.ip", "properties", List.of("netblock.handle", "netblock.parents")))
                .execute(doc(sourceIp("198.51.100.7")));
        assertThat(d.getFieldValue("source.netblock", Map.class)).isEqualTo(Map.of("handle", "SCAN-1"));
    }

    @Test
    void aFieldThatCannotHoldTheOutputIsRefusedWhenThePipelineIsCreated() {
        assertThatThrownBy(() -> processor(Map.of("field", ""))).isInstanceOf(ElasticsearchParseException.class)
                .hasMessageContaining("[field]");
        assertThatThrownBy(() -> processor(Map.of("field", "  "))).hasMessageContaining("[field]");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "target_field", "source.ip")))
                .isInstanceOf(ElasticsearchParseException.class).hasMessageContaining("[target_field]");
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "target_field", "source.ip.about")))
                .hasMessageContaining("[target_field]");
        assertThat(processor(Map.of("field", "source.ip", "target_field", "source.ipinfo")).targetField()).isEqualTo("source.ipinfo");
    }

    @Test
    void aHugeBadValueIsEchoedOnceAndShortened() {
        String junk = "x".repeat(1 << 20);
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> processor(Map.of("field", "source.ip")).execute(doc(sourceIp(junk))));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasNoCause();
        assertThat(e.getMessage()).hasSizeLessThan(300).contains("[source.ip]").contains("(1048576 characters)");
        Throwable control = org.assertj.core.api.Assertions.catchThrowable(() -> processor(Map.of("field", "source.ip"))
                .execute(doc(sourceIp("\u001b[31mred"))));
        assertThat(control.getMessage()).contains("\\x1b[31mred").doesNotContain("\u001b");
    }

    @Test
    void unicodeSpacesAroundAnAddressAreStrippedAtBothEnds() {
        NetblockProcessor p = processor(Map.of("field", "source.ip", "properties", List.of("netblock.name")));
        for (String ip : List.of("\u00a0198.51.100.7", "198.51.100.7\u00a0", "\u2003198.51.100.7\u2003", " \t198.51.100.7\n",
                "\u3000198.51.100.7", "\ufeff198.51.100.7")) {
            assertThat(p.execute(doc(sourceIp(ip))).getFieldValue("source.netblock.name", String.class)).as(ip).isEqualTo("SCANNER-NET");
        }
        assertThatThrownBy(() -> p.execute(doc(sourceIp("198.51.\u00a0100.7")))).hasMessageContaining("is not an IP address");
    }

    @Test
    void theAsIsDecidedAsAUnitByItsNumber() {
        // another enricher gave AS 15169 without a name: no name of another AS is added to it
        Map<String, Object> source = mutable(Map.of("ip", "198.51.100.7", "as", Map.of("number", 15169L)));
        IngestDocument kept = processor(Map.of("field", "source.ip")).execute(doc(Map.of("source", source)));
        assertThat(kept.getFieldValue("source.as", Map.class)).isEqualTo(Map.of("number", 15169L));
        // re-annotation with override: the whole AS is replaced; a name the database lacks is not left from the old AS
        Map<String, Object> stale = mutable(Map.of("ip", "2001:db8::1", "as", Map.of("number", 1L, "organization", Map.of("name", "OLD-AS"))));
        IngestDocument replaced = processor(Map.of("field", "source.ip", "override", true, "properties", List.of("as.number", "as.organization.name")))
                .execute(doc(Map.of("source", stale)));
        assertThat(replaced.getFieldValue("source.as", Map.class)).isEqualTo(Map.of("number", 64501L, "organization", Map.of("name", "V6-AS")));
        // a field this processor is not asked to write is never removed
        Map<String, Object> other = mutable(Map.of("ip", "198.51.100.7", "as", Map.of("number", 1L, "organization", Map.of("name", "KEEP"))));
        IngestDocument numberOnly = processor(Map.of("field", "source.ip", "override", true, "properties", List.of("as.number")))
                .execute(doc(Map.of("source", other)));
        assertThat(numberOnly.getFieldValue("source.as", Map.class)).isEqualTo(Map.of("number", 64500L, "organization", Map.of("name", "KEEP")));
    }
}
