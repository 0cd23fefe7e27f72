package io.github.netblock.ingest.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.MapDocument;
import io.github.netblock.ingest.core.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output schema without any platform: the expected values are those of {@link TestDatabases}'
 * documented content (198.51.100.0/22 EXAMPLE-ALLOC, AS64500, NL, containing 198.51.100.0/24 with the
 * PTR of 198.51.100.7; 2001:db8::/32 V6-NET).
 */
class SchemaTest {
    @TempDir
    Path dir;
    NetblockDatabase db;

    @BeforeEach
    void open() throws IOException {
        db = NetblockDatabase.open(TestDatabases.write(dir.resolve("t.nbdb"), "SCANNER-NET"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theLookupViewListsEveryBlockWithTheProcessorsFieldNames() {
        LookupView.View v = LookupView.of(db, IpAddress.parse("::ffff:198.51.100.7"));
        assertThat(v.hit()).isTrue();
        Map<String, Object> body = v.body();
        assertThat(body.get("ip")).isEqualTo("198.51.100.7");
        List<?> blocks = (List<?>) body.get("netblocks");
        assertThat(blocks).hasSize(2);
        Map<?, ?> narrowest = (Map<?, ?>) blocks.get(0);
        assertThat(narrowest.keySet().stream().map(String::valueOf).toList()).containsExactly("key", "range", "cidr", "name", "handle", "description", "status", "registry",
                "last_modified", "owner", "abuse", "source");
        assertThat(narrowest.get("range")).isEqualTo(Map.of("gte", "198.51.100.0", "lte", "198.51.100.255"));
        assertThat(narrowest.get("cidr")).isEqualTo(List.of("198.51.100.0/24"));
        assertThat(narrowest.get("owner")).isEqualTo(Map.of("name", "Scan Corp"));
        assertThat(narrowest.get("abuse")).isEqualTo(Map.of("email", "abuse@scan.example"));
        assertThat(narrowest.get("last_modified")).isEqualTo("2025-03-01T12:00:00Z");
        Map<?, ?> alloc = (Map<?, ?>) blocks.get(1);
        assertThat(alloc.get("name")).isEqualTo("EXAMPLE-ALLOC");
        assertThat(alloc.get("country_iso_code")).isEqualTo("NL");
        assertThat(alloc.get("owner")).isEqualTo(Map.of("id", "ORG-EX1-RIPE", "name", "Example Provider"));
        assertThat(alloc.get("as")).isEqualTo(Map.of("number", 64500L, "organization", Map.of("name", "EXAMPLE-AS")));
        // the origin AS is the allocation's: the assignment has none of its own
        assertThat(body.get("as")).isEqualTo(Map.of("number", 64500L, "organization", Map.of("name", "EXAMPLE-AS")));
        assertThat(body.get("reverse_dns")).isEqualTo(Map.of("domain", "scanner7.scan.example.com",
                "registered_domain", "example.com", "top_level_domain", "com"));
        assertThat(body.get("registrar")).isEqualTo(Map.of("name", "MarkMonitor Inc.", "iana_id", 292L));

        LookupView.View none = LookupView.of(db, IpAddress.parse("192.0.2.1"));
        assertThat(none.hit()).isFalse();
        assertThat(none.body()).isEqualTo(Map.of("ip", "192.0.2.1", "netblocks", List.of()));
    }

    @Test
    void theAnnotatorWritesSharedLeavesAndOwnObjectsForTheRequestedPropertiesOnly() {
        Annotator all = new Annotator(OutputProperty.defaults());
        Annotator.Annotation a = all.annotate(db, IpAddress.parse("198.51.100.7"));
        assertThat(a.hit()).isTrue();
        // the default set: what operators act on and the dashboards show
        assertThat(a.output()).containsOnlyKeys("as.number", "as.organization.name", "geo.country_iso_code", "domain",
                "registered_domain", "netblock", "registrar");
        assertThat(a.output().get("geo.country_iso_code")).isEqualTo("NL"); // from the allocation above
        assertThat(a.output().get("netblock")).isEqualTo(Map.of("key", "198.51.100.0/24", "name", "SCANNER-NET",
                "range", Map.of("gte", "198.51.100.0", "lte", "198.51.100.255"), "owner", Map.of("name", "Scan Corp"),
                "abuse", Map.of("email", "abuse@scan.example")));
        assertThat(a.output().get("registrar")).isEqualTo(Map.of("name", "MarkMonitor Inc."));

        Annotator few = new Annotator(EnumSet.of(OutputProperty.NETBLOCK_NAME, OutputProperty.NETBLOCK_OWNER_ID,
                OutputProperty.NETBLOCK_PARENTS, OutputProperty.REGISTRAR_IANA_ID));
        Map<String, Object> out = few.annotate(db, IpAddress.parse("198.51.100.7")).output();
        assertThat(out).isEqualTo(Map.of(
                "netblock", Map.of("name", "SCANNER-NET", "parents", List.of(Map.of("name", "EXAMPLE-ALLOC", "owner", Map.of("id", "ORG-EX1-RIPE")))),
                "registrar", Map.of("iana_id", 292L)));

        Annotator.Annotation miss = all.annotate(db, IpAddress.parse("192.0.2.1"));
        assertThat(miss.output()).isNull();
        assertThat(miss.hit()).isFalse();
    }

    @Test
    void theRoutedRangesAsWinsOverTheBlocksAndNeverHidesTheWhoisObject() throws IOException {
        io.github.netblock.index.builder.NetblockDatabaseBuilder b = new io.github.netblock.index.builder.NetblockDatabaseBuilder();
        // a registry object with an AS of its own (lent from a covering range), and finer routed ranges across it
        b.add(io.github.netblock.index.model.Netblock.builder("210.106.224.0 - 210.107.127.255").name("BORANET-KR")
                .ownerName("Korea Telecom").asNumber(4766L).asName("KIXS-AS-KR").build());
        b.addOriginAs(io.github.netblock.index.ip.IpRange.parse("210.106.224.0/20"), 3786, "LG DACOM");
        Path file = dir.resolve("routed.nbdb");
        b.build(file);
        try (NetblockDatabase routed = NetblockDatabase.open(file)) {
            Annotator a = new Annotator(OutputProperty.defaults());
            Map<String, Object> inRoute = a.annotate(routed, IpAddress.parse("210.106.230.1")).output();
            assertThat(inRoute.get("as.number")).isEqualTo(3786L);
            assertThat(inRoute.get("as.organization.name")).isEqualTo("LG DACOM");
            assertThat(((Map<?, ?>) inRoute.get("netblock")).get("name")).isEqualTo("BORANET-KR");
            // outside every routed range: the block's own AS
            Map<String, Object> unrouted = a.annotate(routed, IpAddress.parse("210.107.0.1")).output();
            assertThat(unrouted.get("as.number")).isEqualTo(4766L);
            assertThat(LookupView.of(routed, IpAddress.parse("210.106.230.1")).body().get("as"))
                    .isEqualTo(Map.of("number", 3786L, "organization", Map.of("name", "LG DACOM")));
        }
    }


    @Test
    void theLocationViewsCountryIsGeoCountryTheBlockKeepsTheRegistrysAndViewsAloneAreAHit() throws IOException {
        io.github.netblock.index.builder.NetblockDatabaseBuilder b = new io.github.netblock.index.builder.NetblockDatabaseBuilder();
        // a US company's registry object whose addresses are located in Canada; and a block with no location row
        b.add(io.github.netblock.index.model.Netblock.builder("198.51.100.0/24").name("MULTI").country("US").build());
        b.add(io.github.netblock.index.model.Netblock.builder("192.0.2.0/24").name("UNLOCATED").country("NL").build());
        b.addCountry(io.github.netblock.index.ip.IpRange.parse("198.51.100.0/24"), "CA");
        b.addCountry(io.github.netblock.index.ip.IpRange.parse("203.0.113.0/24"), "JP");
        b.addOriginAs(io.github.netblock.index.ip.IpRange.parse("203.0.113.0/25"), 64500, "Example AS");
        Path file = dir.resolve("located.nbdb");
        b.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            Annotator a = new Annotator(OutputProperty.defaults());
            Map<String, Object> multi = a.annotate(db, IpAddress.parse("198.51.100.7")).output();
            assertThat(multi.get("geo.country_iso_code")).isEqualTo("CA");
            Map<String, Object> unlocated = a.annotate(db, IpAddress.parse("192.0.2.7")).output();
            assertThat(unlocated.get("geo.country_iso_code")).isEqualTo("NL");
            // no block: the views alone answer, and that is a hit; no netblock object is made up
            Annotator.Annotation viewsOnly = a.annotate(db, IpAddress.parse("203.0.113.9"));
            assertThat(viewsOnly.hit()).isTrue();
            assertThat(viewsOnly.output()).containsOnlyKeys("as.number", "as.organization.name", "geo.country_iso_code")
                    .containsEntry("geo.country_iso_code", "JP").containsEntry("as.number", 64500L);
            Annotator.Annotation countryOnly = a.annotate(db, IpAddress.parse("203.0.113.200"));
            assertThat(countryOnly.output()).containsOnlyKeys("geo.country_iso_code");
            // asked for netblock fields only, an address the views alone know gives nothing and is no hit
            Annotator names = new Annotator(java.util.EnumSet.of(OutputProperty.NETBLOCK_NAME));
            assertThat(names.annotate(db, IpAddress.parse("203.0.113.9"))).isEqualTo(new Annotator.Annotation(null, false));
            // the lookup view: the block keeps the registry's country, geo has the location's
            Map<String, Object> view = LookupView.of(db, IpAddress.parse("198.51.100.7")).body();
            assertThat(view.get("geo")).isEqualTo(Map.of("country_iso_code", "CA"));
            assertThat(((Map<?, ?>) ((java.util.List<?>) view.get("netblocks")).get(0)).get("country_iso_code")).isEqualTo("US");
            LookupView.View none = LookupView.of(db, IpAddress.parse("10.0.0.1"));
            assertThat(none.hit()).isFalse();
            assertThat(LookupView.of(db, IpAddress.parse("203.0.113.200")).hit()).isTrue();
        }
    }
    @Test
    void theKeyOfABlockIsItsPrefixOrItsRangeWhenItIsNotOne() {
        assertThat(NetblockField.key(io.github.netblock.index.ip.IpRange.parse("198.51.100.0 - 198.51.100.255"))).isEqualTo("198.51.100.0/24");
        assertThat(NetblockField.key(io.github.netblock.index.ip.IpRange.parse("203.0.113.0 - 203.0.113.99"))).isEqualTo("203.0.113.0-203.0.113.99");
        assertThat(NetblockField.key(io.github.netblock.index.ip.IpRange.parse("2001:db8::/32"))).isEqualTo("2001:db8::/32");
    }

    /** A document as nested maps, the way every platform's document behaves. */
    @Test
    void theWriterMergesLeavesKeepsExistingValuesAndReplacesOwnObjectsWholeOnlyWithOverride() {
        for (boolean override : new boolean[] {false, true}) {
            MapDocument d = new MapDocument();
            d.set("source.geo.city_name", "Amsterdam");
            d.set("source.geo.country_iso_code", "FR");
            d.set("source.netblock.name", "OLD");
            d.set("source.netblock.country_iso_code", "XX");
            new OutputWriter("source", override, OutputProperty.defaults()).write(d, Map.of("geo.country_iso_code", "NL", "as.number", 64500L,
                    "netblock", Map.of("name", "NEW")));
            assertThat(d.get("source.geo.city_name")).isEqualTo("Amsterdam");
            assertThat(d.get("source.as.number")).isEqualTo(64500L);
            assertThat(d.get("source.geo.country_iso_code")).isEqualTo(override ? "NL" : "FR");
            assertThat(d.get("source.netblock")).isEqualTo(override ? Map.of("name", "NEW") : Map.of("name", "OLD", "country_iso_code", "XX"));
        }
        MapDocument many = new MapDocument();
        new OutputWriter("", false, OutputProperty.defaults()).writeAll(many, java.util.Arrays.asList(
                Map.of("as.number", 1L, "netblock", Map.of("name", "A")), null, Map.of("domain", "x.example")));
        assertThat(many.get("as.number")).isEqualTo(java.util.Arrays.asList(1L, null, null));
        assertThat(many.get("domain")).isEqualTo(java.util.Arrays.asList(null, null, "x.example"));
        assertThat(many.get("netblock")).isEqualTo(java.util.Arrays.asList(Map.of("name", "A"), null, null));
    }

    /**
     * Writing in the target object's maps gives exactly what a set per leaf through the document gives, for documents
     * with and without the objects, with a target, with override, and for several addresses; only the calls differ.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theWriterWorksInTheTargetObjectWithTheSameResultAsASetPerLeaf() {
        Map<String, Object> routed = Map.of("as.number", 64500L, "as.organization.name", "EXAMPLE-AS", "geo.country_iso_code", "NL");
        Map<String, Object> numberOnly = Map.of("as.number", 64499L); // an AS the database knows no name of: override removes the old name
        List<Start> starts = List.of(
                new Start("empty", (d, at) -> { }),
                new Start("geo with a city", (d, at) -> d.set(at + "geo.city_name", "Amsterdam")),
                new Start("its own AS number", (d, at) -> d.set(at + "as.number", 1L)),
                new Start("an AS name only", (d, at) -> d.set(at + "as.organization.name", "OLD")),
                new Start("geo country", (d, at) -> d.set(at + "geo.country_iso_code", "FR")),
                new Start("explicit null as", (d, at) -> put(d, at + "as", null)),
                new Start("as a string", (d, at) -> put(d, at + "as", "AS64500")),
                new Start("an immutable geo", (d, at) -> put(d, at + "geo", Map.of("city_name", "Amsterdam"))));
        for (String target : List.of("", "source")) {
            String at = target.isEmpty() ? "" : target + ".";
            for (boolean override : new boolean[] {false, true}) {
                OutputWriter w = new OutputWriter(target, override, OutputProperty.defaults());
                for (Start start : starts) {
                    for (Map<String, Object> output : List.of(routed, numberOnly)) {
                        List<Map<String, Object>> several = java.util.Arrays.asList(output, null, Map.of("geo.country_iso_code", "JP"));
                        String what = "target [" + target + "], override " + override + ", " + start.name() + ", " + output;
                        assertThat(outcome(true, at, start, d -> w.write(d, output))).as(what)
                                .isEqualTo(outcome(false, at, start, d -> w.write(d, output)));
                        assertThat(outcome(true, at, start, d -> w.writeAll(d, several))).as("several, " + what)
                                .isEqualTo(outcome(false, at, start, d -> w.writeAll(d, several)));
                    }
                }
            }
        }
        // the calls: none where the target object is at hand (the writer works in its maps), one per leaf where not
        MapDocument objects = new MapDocument();
        objects.set("source.ip", "198.51.100.7");
        objects.setPaths.clear();
        new OutputWriter("source", false, OutputProperty.defaults()).write(objects, routed);
        assertThat(objects.setPaths).isEmpty();
        assertThat(objects.get("source.as")).isEqualTo(Map.of("number", 64500L, "organization", Map.of("name", "EXAMPLE-AS")));
        assertThat(objects.get("source.geo")).isEqualTo(Map.of("country_iso_code", "NL"));
        MapDocument leaves = new MapDocument();
        leaves.nestsObjects = false;
        leaves.set("source.ip", "198.51.100.7");
        leaves.setPaths.clear();
        new OutputWriter("source", false, OutputProperty.defaults()).write(leaves, routed);
        assertThat(leaves.setPaths).containsExactlyInAnyOrder("source.as.number", "source.as.organization.name", "source.geo.country_iso_code");
        assertThat(leaves.source).isEqualTo(objects.source);
        // an object the document has (a city in geo) keeps the rest
        MapDocument city = new MapDocument();
        city.set("geo.city_name", "Amsterdam");
        new OutputWriter("", false, OutputProperty.defaults()).write(city, routed);
        assertThat(city.get("geo")).isEqualTo(Map.of("city_name", "Amsterdam", "country_iso_code", "NL"));
        // a value on the way that is no object: the platform's own set decides, and fails naming the path
        MapDocument scalar = new MapDocument();
        scalar.source.put("as", "not an object");
        assertThatThrownBy(() -> new OutputWriter("", true, OutputProperty.defaults()).write(scalar, routed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as part of path [as.number]");
        assertThat(scalar.setPaths).containsExactly("as.number");
        // under _ingest and _source (resolved by their prefix by a platform) every field goes through the document's calls
        MapDocument ingest = new MapDocument();
        ingest.set("_ingest.x", 1);
        ingest.setPaths.clear();
        new OutputWriter("_ingest", false, OutputProperty.defaults()).write(ingest, routed);
        assertThat(ingest.setPaths).containsExactlyInAnyOrder("_ingest.as.number", "_ingest.as.organization.name", "_ingest.geo.country_iso_code");
        // the new objects are the document's own from then on: later processors add to them
        ((Map<String, Object>) objects.get("source.geo")).put("city_name", "Delft");
        assertThat(objects.get("source.geo.city_name")).isEqualTo("Delft");
    }

    /** How a comparison's document starts: what it has under the target before the writer runs. */
    private record Start(String name, java.util.function.BiConsumer<MapDocument, String> fill) {}

    /** The document after the writer ran on a fresh document of the start (either way of writing), or its failure. */
    private static Object outcome(boolean inTarget, String at, Start start, java.util.function.Consumer<MapDocument> write) {
        MapDocument d = new MapDocument();
        d.nestsObjects = inTarget;
        d.set(at + "ip", "198.51.100.7");
        start.fill().accept(d, at);
        try {
            write.accept(d);
            return d.source;
        } catch (RuntimeException e) {
            return "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Puts the value at the path as it is (null, a string, an immutable map), making the objects on the way. */
    @SuppressWarnings("unchecked")
    private static void put(MapDocument d, String path, Object value) {
        int dot = path.lastIndexOf('.');
        Map<String, Object> parent = d.source;
        if (dot > 0) {
            if (!(d.get(path.substring(0, dot)) instanceof Map<?, ?>)) {
                d.set(path.substring(0, dot) + ".x", 0);
                ((Map<String, Object>) d.get(path.substring(0, dot))).remove("x");
            }
            parent = (Map<String, Object>) d.get(path.substring(0, dot));
        }
        parent.put(path.substring(dot + 1), value);
    }

    @Test
    void optionsThatWouldFailEveryDocumentAreRefusedWithTheirName() {
        ProcessorOptions o = ProcessorOptions.of("source.ip", null, null, false, false, true, null, false);
        assertThat(o.targetField()).isEqualTo("source");
        assertThat(o.database()).isEqualTo("default");
        assertThat(o.properties()).isEqualTo(OutputProperty.defaults()).doesNotContain(OutputProperty.NETBLOCK_PARENTS);
        assertThat(ProcessorOptions.of("ip", null, List.of("netblock.name"), true, false, true, "x", false).properties())
                .containsExactlyInAnyOrder(OutputProperty.NETBLOCK_NAME, OutputProperty.NETBLOCK_PARENTS);
        assertThat(ProcessorOptions.of("ip", null, null, false, false, true, null, false).targetField()).isEmpty();
        record Case(String option, Runnable create) {}
        for (Case c : List.of(
                new Case("field", () -> ProcessorOptions.of(" ", null, null, false, false, true, null, false)),
                new Case("target_field", () -> ProcessorOptions.of("source.ip", "source.ip", null, false, false, true, null, false)),
                new Case("target_field", () -> ProcessorOptions.of("source.ip", "source.ip.x", null, false, false, true, null, false)),
                new Case("target_field", () -> ProcessorOptions.of("source.ip", "source.", null, false, false, true, null, false)),
                new Case("target_field", () -> ProcessorOptions.of("source.ip", ".", null, false, false, true, null, false)),
                new Case("target_field", () -> ProcessorOptions.of("source.ip", "a..b", null, false, false, true, null, false)),
                new Case("properties", () -> ProcessorOptions.of("source.ip", null, List.of(), false, false, true, null, false)),
                new Case("properties", () -> ProcessorOptions.of("source.ip", null, List.of("netblock.colour"), false, false, true, null, false)),
                new Case("properties", () -> ProcessorOptions.of("source.ip", null, List.of("netblock.parents"), false, false, true, null, false)),
                new Case("properties", () -> ProcessorOptions.of("source.ip", null, List.of("as.number"), true, false, true, null, false)),
                new Case("database", () -> ProcessorOptions.of("source.ip", null, null, false, false, true, "../x", false)))) {
            assertThatThrownBy(c.create()::run).isInstanceOf(ProcessorOptions.InvalidOptionException.class)
                    .satisfies(e -> assertThat(((ProcessorOptions.InvalidOptionException) e).option()).isEqualTo(c.option()));
        }
    }

    /** A reader over a plain map that takes each option out, as the platforms' configuration helpers do. */
    private record MapReader(Map<String, Object> config) implements ProcessorOptions.Reader {
        @Override
        public String requiredString(String option) {
            Object v = config.remove(option);
            if (v == null) {
                throw new IllegalArgumentException("[" + option + "] required property is missing");
            }
            return (String) v;
        }

        @Override
        public String optionalString(String option) {
            return (String) config.remove(option);
        }

        @Override
        public List<?> optionalList(String option) {
            return (List<?>) config.remove(option);
        }

        @Override
        public String string(String option, String defaultValue) {
            Object v = config.remove(option);
            return v == null ? defaultValue : (String) v;
        }

        @Override
        public boolean bool(String option, boolean defaultValue) {
            Object v = config.remove(option);
            return v == null ? defaultValue : (Boolean) v;
        }
    }

    @Test
    void readTakesEveryOptionOutWithItsDefaultAndValidates() {
        Map<String, Object> config = new HashMap<>(Map.of("field", "source.ip", "unknown", 1));
        ProcessorOptions defaults = ProcessorOptions.read(new MapReader(config));
        assertThat(defaults).isEqualTo(ProcessorOptions.of("source.ip", null, null, false, false, true, null, false));
        assertThat(defaults.firstOnly()).isTrue();
        assertThat(defaults.ignoreMissing()).isFalse();
        assertThat(defaults.override()).isFalse();
        assertThat(config).containsOnlyKeys("unknown"); // what is left is for the platform to refuse

        Map<String, Object> all = new HashMap<>(Map.of("field", "client.address", "target_field", "client.info",
                "properties", List.of("netblock.name"), "include_parents", true, "ignore_missing", true, "first_only", false,
                "database", "ripe", "override", true));
        ProcessorOptions o = ProcessorOptions.read(new MapReader(all));
        assertThat(o).isEqualTo(new ProcessorOptions("client.address", "client.info",
                EnumSet.of(OutputProperty.NETBLOCK_NAME, OutputProperty.NETBLOCK_PARENTS), true, false, "ripe", true));
        assertThat(all).isEmpty();

        assertThatThrownBy(() -> ProcessorOptions.read(new MapReader(new HashMap<>(Map.of("field", "ip", "database", "a/b")))))
                .isInstanceOf(ProcessorOptions.InvalidOptionException.class).hasMessageContaining("[a/b] is not a database name");
        assertThatThrownBy(() -> ProcessorOptions.read(new MapReader(new HashMap<>()))).hasMessage("[field] required property is missing");
    }
}
