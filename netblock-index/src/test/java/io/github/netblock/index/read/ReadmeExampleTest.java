package io.github.netblock.index.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.model.SourceInfo;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's netblock-index example, line for line, with the answers it promises. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleWorksAsDocumented() throws Exception {
        Path file = dir.resolve("netblocks.nbdb");
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder()
                .description("RIPE and delegated stats")
                .dataDate(Instant.parse("2026-11-25T00:00:00Z"))
                .addSource(new SourceInfo("ripe-inetnum", "rpsl", "41234567", null, 0))
                .addSource(new SourceInfo("delegated-ripencc", "delegated-extended", "20261125", null, 0));
        builder.add(Netblock.builder("87.237.224.0 - 87.237.239.255").name("SA-ALLOC").status("ALLOCATED PA")
                .country("SA").ownerName("Example Telecom").abuseEmail("abuse@example.net").source("ripe-inetnum").build());
        builder.add(Netblock.builder("87.237.226.64/27").name("ICCSAT871").source("ripe-inetnum").build());
        builder.addReverseDns(new ReverseDnsEntry(IpAddress.parse("87.237.226.70"), "scanner.example.com",
                null, null, "example.com", "com"));
        builder.addRegistrar(new RegistrarEntry("example.com", "MarkMonitor Inc.", 292L));
        builder.build(file);

        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            LookupResult r = db.lookup(IpAddress.parse("87.237.226.70"), true);
            assertThat(r.netblocks()).extracting(Netblock::name).containsExactly("ICCSAT871", "SA-ALLOC");
            assertThat(r.netblocks()).extracting(n -> n.range().toString()).containsExactly("87.237.226.64/27", "87.237.224.0/20");
            assertThat(r.reverseDns().name()).isEqualTo("scanner.example.com");
            assertThat(r.reverseDns().registeredDomain()).isEqualTo("example.com");
            assertThat(r.registrar().name()).isEqualTo("MarkMonitor Inc.");
            assertThat(r.registrar().ianaId()).isEqualTo(292L);
        }
    }
}
