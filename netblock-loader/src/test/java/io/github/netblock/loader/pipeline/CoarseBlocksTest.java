package io.github.netblock.loader.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.delegated.DelegatedStatsParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The precedence of coarse blocks under detailed ones, on the real delegated statistics of src/test/resources/realdata. */
class CoarseBlocksTest {
    private static final Path REAL = Path.of("src/test/resources/realdata");

    private static List<Netblock> delegated(String file, String... ranges) throws IOException {
        List<Netblock> all = new ArrayList<>();
        DelegatedStatsParser.parse(REAL.resolve(file), "delegated", new ParseErrors("delegated", 0), all::add);
        List<IpRange> wanted = List.of(ranges).stream().map(IpRange::parse).toList();
        return all.stream().filter(b -> wanted.contains(b.range())).toList();
    }

    private static List<String> ranges(List<Netblock> blocks) {
        return blocks.stream().map(b -> b.range().toRangeString()).toList();
    }

    @Test
    void aRegistrysObjectForSpaceItDoesNotManageShadowsOnlyItsOwnDelegatedRecords() throws IOException {
        // RIPE keeps a root object 0.0.0.0 - 255.255.255.255 "for data management reasons" (RIPE Database
        // documentation, 4.2.4.1); the AFRINIC and APNIC allocations inside it stay, RIPE's own does not
        List<Netblock> records = new ArrayList<>();
        records.addAll(delegated("delegated-ripencc-latest.gz", "62.239.0.0/16"));
        records.addAll(delegated("delegated-afrinic-extended-latest.gz", "196.11.239.0 - 196.11.246.255"));
        records.addAll(delegated("delegated-apnic-latest.gz", "210.106.0.0/17"));
        assertThat(records).hasSize(3);
        CoarseBlocks coarse = new CoarseBlocks(records);
        Netblock root = Netblock.builder("0.0.0.0 - 255.255.255.255").name("IANA-BLK").country("EU").registry("RIPE")
                .status("ALLOCATED UNSPECIFIED").source("ripe").build();
        coarse.place(coarse.lend(root));
        assertThat(ranges(coarse.remainingDelegated())).containsExactly("196.11.239.0 - 196.11.246.255", "210.106.0.0 - 210.106.127.255");
    }

    @Test
    void nirsCountAsTheirRirAndAnEqualRangeGoesWhateverItsRegistry() throws IOException {
        List<Netblock> records = delegated("delegated-apnic-latest.gz", "210.106.224.0/19", "210.107.0.0/17", "210.107.128.0/17");
        CoarseBlocks coarse = new CoarseBlocks(records);
        // KRNIC's 210.106.224.0 - 210.107.127.255 (source: KRNIC) holds the first two
        Netblock krnic = Netblock.builder("210.106.224.0 - 210.107.127.255").name("BORANET-KR").country("KR").registry("KRNIC").build();
        coarse.place(coarse.lend(krnic));
        assertThat(ranges(coarse.remainingDelegated())).containsExactly("210.107.128.0 - 210.107.255.255");
        assertThat(CoarseBlocks.rir("KRNIC")).isEqualTo("APNIC");
        assertThat(CoarseBlocks.rir("JPNIC")).isEqualTo("APNIC");
        assertThat(CoarseBlocks.rir("ripe")).isEqualTo("RIPE");
        assertThat(CoarseBlocks.rir("IANA")).isNull();
    }

    @Test
    void aDetailedBlockBorrowsCountryAndRegistryButNotTheDate() throws IOException {
        // afrinic|ZA|ipv4|196.11.239.0|2048|19940721|assigned and inetnum 196.11.239.0 - 196.11.246.255 without a date
        CoarseBlocks coarse = new CoarseBlocks(delegated("delegated-afrinic-extended-latest.gz", "196.11.239.0 - 196.11.246.255"));
        Netblock lent = coarse.lend(Netblock.builder("196.11.239.0 - 196.11.246.255").name("NET-196-11-239-0").build());
        assertThat(lent.country()).isEqualTo("ZA");
        assertThat(lent.registry()).isEqualTo("AFRINIC");
        assertThat(lent.lastModified()).isNull();
        assertThat(lent.status()).isNull();
        assertThat(lent.handle()).isNull();
    }
}
