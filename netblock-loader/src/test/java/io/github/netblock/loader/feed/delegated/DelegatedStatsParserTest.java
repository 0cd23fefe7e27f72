package io.github.netblock.loader.feed.delegated;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegatedStatsParserTest {
    @Test
    void allocatedAndAssignedRecordsBecomeBlocksWithCountryAndRegistry() throws IOException {
        List<Netblock> blocks = new ArrayList<>();
        ParseErrors errors = new ParseErrors("delegated-ripencc", 5);
        long n = DelegatedStatsParser.parse(Path.of("src/test/resources/feeds/delegated/delegated-ripencc-extended-latest"),
                "delegated-ripencc", errors, blocks::add);
        assertThat(n).isEqualTo(3);
        Netblock fr = blocks.get(0);
        assertThat(fr.range()).isEqualTo(IpRange.parse("2.0.0.0/12")); // 1048576 addresses
        assertThat(fr.country()).isEqualTo("FR");
        assertThat(fr.registry()).isEqualTo("RIPE");
        assertThat(fr.status()).isEqualTo("ALLOCATED");
        assertThat(fr.handle()).isEqualTo("6076bc11-d19a-4df7-b811-b0f4240d050c");
        assertThat(fr.lastModified()).isEqualTo(Instant.parse("2010-07-12T00:00:00Z"));
        assertThat(blocks.get(1).range()).isEqualTo(IpRange.parse("2001:610::/29"));
        // 1536 addresses: not a prefix
        assertThat(blocks.get(2).range().toRangeString()).isEqualTo("2.16.0.0 - 2.16.5.255");
        assertThat(blocks.get(2).status()).isEqualTo("ASSIGNED");
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).getMessage()).contains("delegated-ripencc-extended-latest:12").contains("value [nonsense] is not a number");
    }
}
