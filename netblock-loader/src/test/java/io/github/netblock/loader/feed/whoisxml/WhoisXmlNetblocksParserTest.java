package io.github.netblock.loader.feed.whoisxml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WhoisXmlNetblocksParserTest {
    private static final Path DIR = Path.of("src/test/resources/feeds/whoisxml");

    @Test
    void aFullFileWithItsDailyDeltaGivesTheCurrentBlocks() throws IOException {
        List<Netblock> out = new ArrayList<>();
        ParseErrors errors = new ParseErrors("whoisxml", 5);
        // the delta is listed first on purpose: deltas apply to the full file whatever the order given
        long n = WhoisXmlNetblocksParser.parse(List.of(DIR.resolve("ip_netblocks.2026-11-25.daily.jsonl"),
                DIR.resolve("ip_netblocks.2026-11-24.full.jsonl")), "whoisxml", errors, out::add);
        assertThat(n).isEqualTo(4);
        Map<String, Netblock> byName = out.stream().collect(Collectors.toMap(Netblock::name, Function.identity()));
        assertThat(byName).containsOnlyKeys("SA-ICCSAT-20071009", "NEW-NAME", "NUMERIC-ONLY", "V6-ADDED");

        Netblock sa = byName.get("SA-ICCSAT-20071009");
        assertThat(sa.range()).isEqualTo(IpRange.parse("87.237.224.0/20"));
        assertThat(sa.ownerId()).isEqualTo("ORG-ICCS1-RIPE");
        assertThat(sa.ownerName()).isEqualTo("International Communication Co. (ICCS)");
        assertThat(sa.abuseEmail()).isEqualTo("abuse@iccs.example");
        assertThat(sa.asNumber()).isEqualTo(39386L);
        assertThat(sa.asName()).isEqualTo("STC-AS");
        assertThat(sa.description()).isEqualTo("International Communication Co.");
        assertThat(sa.registry()).isEqualTo("RIPE");
        assertThat(sa.lastModified()).isEqualTo(Instant.parse("2016-04-14T10:03:28Z"));
        assertThat(sa.handle()).isNull(); // empty strings are absent values

        assertThat(byName.get("NEW-NAME").range()).isEqualTo(IpRange.parse("198.51.100.0/24"));
        assertThat(byName.get("NEW-NAME").registry()).isEqualTo("ARIN");
        // 3405803776 .. 3405804031 = 203.0.113.0 .. 203.0.113.255
        assertThat(byName.get("NUMERIC-ONLY").range()).isEqualTo(IpRange.parse("203.0.113.0/24"));
        assertThat(byName.get("V6-ADDED").range()).isEqualTo(IpRange.parse("2001:db8::/32"));
        assertThat(byName.get("V6-ADDED").ownerName()).isNull();

        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).getMessage()).contains("ip_netblocks.2026-11-24.full.jsonl:5");
    }

    @Test
    void theCsvVariantReadsColumnsByName() throws IOException {
        List<Netblock> out = new ArrayList<>();
        ParseErrors errors = new ParseErrors("whoisxml-csv", 5);
        WhoisXmlNetblocksParser.parse(List.of(DIR.resolve("ip_netblocks.2026-11-24.full.contacts.csv")), "whoisxml-csv", errors, out::add);
        assertThat(out).hasSize(2);
        Netblock sa = out.get(0);
        assertThat(sa.range()).isEqualTo(IpRange.parse("87.237.224.0/20"));
        assertThat(sa.asNumber()).isEqualTo(39386L);
        assertThat(sa.asName()).isEqualTo("STC-AS");
        assertThat(sa.ownerId()).isEqualTo("ORG-ICCS1-RIPE");
        assertThat(sa.abuseEmail()).isEqualTo("abuse@iccs.example");
        assertThat(sa.country()).isEqualTo("SA");
        assertThat(out.get(1).range()).isEqualTo(IpRange.parse("203.0.113.0/24"));
        assertThat(out.get(1).lastModified()).isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).getMessage()).contains("full.contacts.csv:4").contains("not-a-range");
    }
}
