package io.github.netblock.ingest.core;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.model.SourceInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Small hand-made databases whose every answer the tests can state from this page. */
public final class TestDatabases {
    private TestDatabases() {}

    public static final Instant DATA_DATE = Instant.parse("2026-11-20T00:00:00Z");

    /**
     * 198.51.100.0/22 "EXAMPLE-ALLOC" (AS64500, NL) containing 198.51.100.0/24 "SCANNER-NET" (owner
     * Scan Corp, abuse abuse@scan.example, no AS, no country), whose 198.51.100.7 has the PTR
     * scanner7.scan.example.com (registrar MarkMonitor Inc., 292); 2001:db8::/32 "V6-NET" (DE, AS64501).
     * {@code netname} replaces SCANNER-NET to tell two versions apart.
     */
    public static Path write(Path file, String netname) throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder()
                .dataDate(DATA_DATE)
                .addSource(new SourceInfo("ripe", "rpsl", "1", DATA_DATE, 0));
        b.add(Netblock.builder("198.51.100.0/22").name("EXAMPLE-ALLOC").status("ALLOCATED PA").country("NL")
                .ownerId("ORG-EX1-RIPE").ownerName("Example Provider").abuseEmail("abuse@provider.example")
                .registry("RIPE").asNumber(64500L).asName("EXAMPLE-AS").source("ripe").build());
        b.add(Netblock.builder("198.51.100.0/24").name(netname).handle("SCAN-1").description("Scanning customer")
                .status("ASSIGNED PA").ownerName("Scan Corp").abuseEmail("abuse@scan.example").registry("RIPE")
                .lastModified(Instant.parse("2025-03-01T12:00:00Z")).source("ripe").build());
        b.add(Netblock.builder("2001:db8::/32").name("V6-NET").country("DE").asNumber(64501L).asName("V6-AS").source("ripe").build());
        b.addReverseDns(new ReverseDnsEntry(IpAddress.parse("198.51.100.7"), "scanner7.scan.example.com", null, null, "example.com", "com"));
        b.addRegistrar(new RegistrarEntry("example.com", "MarkMonitor Inc.", 292L));
        b.build(file);
        return file;
    }
}
