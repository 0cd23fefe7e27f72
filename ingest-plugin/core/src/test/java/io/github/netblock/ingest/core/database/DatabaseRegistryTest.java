package io.github.netblock.ingest.core.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.ClosedDatabaseException;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.TestDatabases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseRegistryTest {
    private static final IpAddress SCANNER = IpAddress.parse("198.51.100.7");

    @TempDir
    Path dir;
    Path folder;
    DatabaseRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        registry = new DatabaseRegistry(folder, Files.createDirectories(dir.resolve("tmp")), Clock.systemUTC(), Duration.ofDays(3650));
    }

    @AfterEach
    void tearDown() throws IOException {
        registry.close();
    }

    /** Builds next to the folder and renames in, as netblock-loader publish does. */
    private Path publish(String name, String netname) throws IOException {
        Path staged = TestDatabases.write(dir.resolve("staging-" + netname + ".nbdb"), netname);
        return Files.move(staged, folder.resolve(name + ".nbdb"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private String netnameOf(String database) {
        try (DatabaseLease lease = registry.acquire(database)) {
            return lease.database().lookup(SCANNER).orElseThrow().name();
        }
    }

    @Test
    void loadsEveryDatabaseOfTheFolderByFileName() throws IOException {
        publish("ripe", "RIPE-NET");
        publish("arin", "ARIN-NET");
        Files.writeString(folder.resolve("notes.txt"), "not a database");
        registry.loadDirectory();
        assertThat(netnameOf("ripe")).isEqualTo("RIPE-NET");
        assertThat(netnameOf("arin")).isEqualTo("ARIN-NET");
        assertThat(registry.databases()).extracting(DatabaseRegistry.DatabaseInfo::name).containsExactly("arin", "ripe");
        assertThat(registry.acquire("notes")).isNull();
    }

    @Test
    void aCorruptFileIsRejectedAndThePreviousDatabaseKeepsServing() throws IOException {
        Path file = publish("ripe", "GOOD");
        registry.load(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Path corrupt = dir.resolve("corrupt.nbdb");
        Files.write(corrupt, bytes);
        Files.move(corrupt, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(registry.load(file)).isFalse();
        assertThat(netnameOf("ripe")).isEqualTo("GOOD");
        assertThat(registry.rejectedFiles()).isEqualTo(1);
        assertThat(registry.recentRejections()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(file);
            assertThat(r.reason()).contains("checksum mismatch");
        });
        Files.writeString(file, "garbage");
        assertThat(registry.load(file)).isFalse();
        assertThat(registry.rejectedFiles()).isEqualTo(2);
        assertThat(netnameOf("ripe")).isEqualTo("GOOD");
    }

    @Test
    void aLeaseKeepsItsDatabaseAcrossASwapAndTheOldMappingIsReleasedAfterwards() throws IOException {
        registry.load(publish("ripe", "OLD"));
        DatabaseLease held = registry.acquire("ripe");
        NetblockDatabase old = held.database();
        registry.load(publish("ripe", "NEW"));
        assertThat(netnameOf("ripe")).isEqualTo("NEW");
        assertThat(old.lookup(SCANNER).orElseThrow().name()).isEqualTo("OLD"); // still mapped for its lease
        held.close();
        assertThatThrownBy(() -> old.lookup(SCANNER)).isInstanceOf(ClosedDatabaseException.class);
        assertThat(registry.reloads()).isEqualTo(2);
    }

    @Test
    void swapsUnderConcurrentLookupsNeverFailALookup() throws Exception {
        registry.load(publish("ripe", "V0"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong lookups = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try (DatabaseLease lease = registry.acquire("ripe")) {
                            seen.add(lease.database().lookupChain(SCANNER).get(0).name());
                            lookups.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        List<NetblockDatabase> replaced = new ArrayList<>();
        for (int v = 1; v <= 30; v++) {
            try (DatabaseLease lease = registry.acquire("ripe")) {
                replaced.add(lease.database());
            }
            assertThat(registry.load(publish("ripe", "V" + v))).isTrue();
        }
        for (int i = 0; i < 100 && !seen.contains("V30"); i++) {
            Thread.sleep(50); // let the readers reach the last version before they stop
        }
        stop.set(true);
        for (Thread r : readers) {
            r.join(10_000);
        }
        assertThat(failures).isEmpty();
        assertThat(lookups.get()).isPositive();
        assertThat(seen).contains("V30").hasSizeGreaterThan(1).allMatch(s -> s.matches("V\\d+"));
        assertThat(netnameOf("ripe")).isEqualTo("V30");
        // every replaced database was unmapped once its last lease ended
        for (NetblockDatabase db : replaced) {
            assertThatThrownBy(() -> db.findBlock(SCANNER)).isInstanceOf(ClosedDatabaseException.class);
        }
    }

    @Test
    void aDeletedFileRemovesItsDatabaseAndADefaultFileOverridesTheBundledOne() throws IOException {
        registry.loadBundled(Files.newInputStream(TestDatabases.write(dir.resolve("bundled.nbdb"), "BUNDLED")));
        assertThat(netnameOf("default")).isEqualTo("BUNDLED");
        Path published = publish("default", "PUBLISHED");
        registry.load(published);
        assertThat(netnameOf("default")).isEqualTo("PUBLISHED");
        Path other = publish("other", "OTHER");
        registry.load(other);

        Files.delete(published);
        registry.remove(published);
        assertThat(netnameOf("default")).isEqualTo("BUNDLED");
        Files.delete(other);
        registry.remove(other);
        assertThat(registry.acquire("other")).isNull();
        assertThat(registry.databases()).singleElement().satisfies(i -> assertThat(i.bundled()).isTrue());
    }

    private Path tmp() {
        return dir.resolve("tmp");
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.toList();
        }
    }

    /** What {@code cp new.nbdb live.nbdb} does: truncate the live file, then write the new bytes into it. */
    private static void copyOver(Path from, Path live) throws IOException {
        try (FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            in.transferTo(0, in.size(), out);
        }
    }

    @Test
    void copyingOverALiveFileNeitherBreaksNorChangesWhatIsServedUntilTheNewFileIsValid() throws IOException {
        Path live = publish("ripe", "OLD");
        assertThat(registry.load(live)).isTrue();
        DatabaseLease inFlight = registry.acquire("ripe");
        Path larger = TestDatabases.write(dir.resolve("larger.nbdb"), "NEW-" + "X".repeat(5000));
        // half way through the copy the watcher looks: the partial file is refused, OLD keeps serving
        try (FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(larger), 100)));
        }
        assertThat(inFlight.database().lookup(SCANNER).orElseThrow().name()).isEqualTo("OLD"); // would be SIGBUS on the live mapping
        assertThat(registry.load(live)).isFalse();
        assertThat(registry.recentRejections().get(0).reason()).contains("truncated");
        assertThat(netnameOf("ripe")).isEqualTo("OLD");
        assertThat(registry.databases()).singleElement().satisfies(i -> {
            assertThat(i.rejection()).isNotNull();
            assertThat(i.rejection().file()).isEqualTo(live);
        });
        // the copy completes: the next look loads it
        copyOver(larger, live);
        assertThat(registry.load(live)).isTrue();
        assertThat(netnameOf("ripe")).startsWith("NEW-XXX");
        assertThat(registry.databases()).singleElement().satisfies(i -> assertThat(i.rejection()).isNull());
        assertThat(inFlight.database().lookup(SCANNER).orElseThrow().name()).isEqualTo("OLD");
        inFlight.close();
        // and back to a smaller file
        copyOver(TestDatabases.write(dir.resolve("smaller.nbdb"), "SMALL"), live);
        assertThat(registry.load(live)).isTrue();
        assertThat(netnameOf("ripe")).isEqualTo("SMALL");
    }

    @Test
    void bytesChangedInPlaceAreRejectedAndDoNotReachTheServedDatabase() throws IOException {
        Path live = publish("ripe", "GOOD");
        registry.load(live);
        String checksum = registry.databases().get(0).metadata().checksumHex();
        try (FileChannel ch = FileChannel.open(live, StandardOpenOption.WRITE)) {
            long size = ch.size();
            for (long at = 200; at < size; at += 97) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xA5}), at); // same size, garbage inside
            }
        }
        assertThat(registry.load(live)).isFalse();
        assertThat(registry.recentRejections().get(0).reason()).contains("checksum mismatch").doesNotContain(tmp().toString());
        for (int i = 0; i < 1000; i++) {
            assertThat(netnameOf("ripe")).isEqualTo("GOOD"); // the served copy is untouched
        }
        assertThat(registry.databases()).singleElement().satisfies(i -> {
            assertThat(i.metadata().checksumHex()).isEqualTo(checksum);
            assertThat(i.rejection().reason()).contains("checksum mismatch");
        });
    }

    @Test
    void theNodeMapsOnlyPrivateCopiesAndLeavesNoneBehind() throws IOException {
        registry.loadBundled(Files.newInputStream(TestDatabases.write(dir.resolve("bundled.nbdb"), "BUNDLED")));
        Path live = publish("ripe", "V1");
        registry.load(live);
        registry.load(publish("ripe", "V2"));
        // the copies were unlinked once mapped: nothing in the temp folder, nobody can change them
        assertThat(filesIn(tmp())).isEmpty();
        assertThat(registry.databases()).filteredOn(i -> i.name().equals("ripe")).singleElement()
                .satisfies(i -> assertThat(i.file()).isEqualTo(live));
        Files.delete(live);
        try (DatabaseLease lease = registry.acquire("ripe")) {
            assertThat(lease.database().lookup(SCANNER).orElseThrow().name()).isEqualTo("V2"); // deleting the file harms nothing
        }
        registry.remove(live);
        registry.close();
        assertThat(filesIn(tmp())).isEmpty();
    }

    @Test
    void startUpRemovesCopiesLeftByDeadProcessesButNotThoseOfLiveOnes() throws IOException {
        Path orphan = Files.writeString(tmp().resolve(PrivateCopies.PREFIX + Long.MAX_VALUE + "-ripe-123.nbdb"), "left by a crash");
        Path ours = Files.writeString(tmp().resolve(PrivateCopies.PREFIX + ProcessHandle.current().pid() + "-ripe-456.nbdb"), "live");
        Path foreign = Files.writeString(tmp().resolve("ingest-netblock-notes.nbdb"), "not one of ours");
        new DatabaseRegistry(folder, tmp(), Clock.systemUTC(), Duration.ofDays(1)).close();
        assertThat(orphan).doesNotExist();
        assertThat(ours).exists();
        assertThat(foreign).exists();
    }

    @Test
    void aFifoIsRejectedWithoutBeingOpenedAndDoesNotBlockLoading() throws Exception {
        Path fifo = folder.resolve("pipe.nbdb");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        publish("ripe", "AFTER-FIFO");
        Thread loader = new Thread(registry::loadDirectory);
        loader.start();
        loader.join(30_000);
        assertThat(loader.isAlive()).as("loadDirectory blocked on a FIFO").isFalse();
        assertThat(netnameOf("ripe")).isEqualTo("AFTER-FIFO");
        assertThat(registry.recentRejections()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(fifo);
            assertThat(r.reason()).contains("not a regular file");
        });
        assertThat(filesIn(tmp())).isEmpty();
    }

    @Test
    void aDirectoryNamedLikeADatabaseIsReportedNotIgnored() throws IOException {
        Path d = Files.createDirectories(folder.resolve("x.nbdb"));
        registry.loadDirectory();
        registry.directoryCreated(d);
        registry.directoryCreated(Files.createDirectories(folder.resolve(".history")));
        assertThat(registry.recentRejections()).hasSize(2).allSatisfy(r -> {
            assertThat(r.file()).isEqualTo(d);
            assertThat(r.reason()).isEqualTo("is a directory, not a database file");
        });
        assertThat(registry.acquire("x")).isNull();
    }

    @Test
    void aFileThatIsNotADatabaseIsRejectedWithItsNameAndReason() throws IOException {
        Path junk = Files.writeString(folder.resolve("junk.nbdb"), "# hosts\n127.0.0.1 localhost\n");
        assertThat(registry.load(junk)).isFalse();
        assertThat(registry.recentRejections()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(junk);
            assertThat(r.reason()).isNotBlank().doesNotContain(tmp().toString());
        });
        assertThat(filesIn(tmp())).isEmpty();
    }

    @Test
    void theWatchersFirstLookLoadsOnlyWhatChangedSinceStartUp() throws IOException {
        Path live = publish("ripe", "AT-START");
        registry.loadDirectory();
        registry.loadIfChanged(live);
        assertThat(registry.reloads()).isEqualTo(1); // unchanged: not copied and checked again
        publish("ripe", "WRITTEN-MEANWHILE");
        registry.loadIfChanged(live);
        assertThat(netnameOf("ripe")).isEqualTo("WRITTEN-MEANWHILE");
        assertThat(registry.reloads()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedBeforeItIsCopied() throws IOException {
        // a large file of zeros (sparse): refused from its first bytes, nothing written to the temp folder
        Path big = folder.resolve("big.nbdb");
        try (FileChannel ch = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0}), (4L << 30) - 1);
        }
        assertThat(registry.load(big)).isFalse();
        assertThat(registry.recentRejections().get(0).reason()).isEqualTo("not a netblock database (bad magic bytes)");
        assertThat(filesIn(tmp())).isEmpty();
    }
}
