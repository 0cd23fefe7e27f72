package io.github.netblock.loader.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.read.NetblockDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher on its own, on a watched folder in a temporary directory. */
class PublisherTest {
    @TempDir
    Path dir;

    /** A database of {@code blocks} /24 blocks under 10.0.0.0/8. */
    private Path database(String name, int blocks) throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        for (int i = 0; i < blocks; i++) {
            b.add(Netblock.builder("10.0." + i + ".0/24").name("NET-" + i).build());
        }
        return b.build(dir.resolve(name)).file();
    }

    private Path folder() throws IOException {
        return Files.createDirectories(dir.resolve("ingest-netblock"));
    }

    private static long blocksOf(Path db) throws IOException {
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            return d.blockCount();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void publishesIntoAnEmptyFolderUnderTheDatabaseName() throws IOException {
        Path db = database("new.nbdb", 3);
        Path folder = folder();
        Publisher.Published p = new Publisher(folder, "mydb", 3).publish(db, 0.2);
        assertThat(p.file()).isEqualTo(folder.resolve("mydb.nbdb"));
        assertThat(p.blocks()).isEqualTo(3);
        assertThat(p.previous()).isNull();
        assertThat(p.previousBlocks()).isEqualTo(-1);
        assertThat(Files.readAllBytes(p.file())).isEqualTo(Files.readAllBytes(db));
        assertThat(names(folder)).containsExactly("mydb.nbdb"); // no staging file left, no history
    }

    @Test
    void refusesADatabaseThatLostMoreThanTheAllowedShareAndChangesNothing() throws IOException {
        Path folder = folder();
        Publisher publisher = new Publisher(folder, "default", 3);
        publisher.publish(database("ten.nbdb", 10), 0.2);
        byte[] published = Files.readAllBytes(folder.resolve("default.nbdb"));
        Path seven = database("seven.nbdb", 7);

        assertThatThrownBy(() -> publisher.publish(seven, 0.2))
                .isInstanceOf(Publisher.RefusedException.class)
                .hasMessageContaining("7 blocks, 30% fewer than the 10").hasMessageContaining("limit 20%").hasMessageContaining("nothing was published");
        assertThat(Files.readAllBytes(folder.resolve("default.nbdb"))).isEqualTo(published);
        assertThat(names(folder)).containsExactly("default.nbdb");

        // 30% lost is within a limit of 50%, and any loss is within ANY_DROP (--force)
        assertThat(publisher.publish(seven, 0.5).previousBlocks()).isEqualTo(10);
        assertThat(publisher.publish(database("one.nbdb", 1), Publisher.ANY_DROP).blocks()).isEqualTo(1);
    }

    /**
     * format-1.1-with-range-pieces.nbdb was written by the 1.1 builder (commit 8ee8ee6): 10 blocks of an
     * rpsl feed and 90 pieces of an asn-csv feed, which since 1.2 are the routing view, not blocks.
     */
    @Test
    void afterTheUpgradeTheRangePiecesOfAnOldDatabaseDoNotCountAsLostBlocks() throws IOException {
        Path folder = folder();
        Files.copy(Path.of("src/test/resources/publish/format-1.1-with-range-pieces.nbdb"), folder.resolve("default.nbdb"));
        Publisher publisher = new Publisher(folder, "default", 3);
        // 10 RPSL blocks again: nothing lost, though the old file had 100 blocks
        Publisher.Published p = publisher.publish(database("ten.nbdb", 10), 0.2);
        assertThat(p.previousBlocks()).isEqualTo(10);
        // the real losses are still caught: 10 -> 7 against a 1.x file's comparable blocks
        Files.copy(Path.of("src/test/resources/publish/format-1.1-with-range-pieces.nbdb"), folder.resolve("default.nbdb"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> publisher.publish(database("seven.nbdb", 7), 0.2)).isInstanceOf(Publisher.RefusedException.class)
                .hasMessageContaining("7 blocks, 30% fewer than the 10");
        try (NetblockDatabase old = NetblockDatabase.open(Path.of("src/test/resources/publish/format-1.1-with-range-pieces.nbdb"))) {
            assertThat(old.blockCount()).isEqualTo(100);
            assertThat(Publisher.comparableBlocks(old)).isEqualTo(10);
        }
    }

    @Test
    void keepsTheNewestReplacedVersionsUpToKeep() throws IOException {
        Path folder = folder();
        Publisher publisher = new Publisher(folder, "default", 2);
        Path target = folder.resolve("default.nbdb");
        // each replaced version is kept under the time it was published: 1, 2 and 3 blocks at 01:00, 02:00, 03:00
        for (int blocks = 1; blocks <= 4; blocks++) {
            publisher.publish(database("v" + blocks + ".nbdb", blocks), Publisher.ANY_DROP);
            Files.setLastModifiedTime(target, FileTime.from(Instant.parse("2026-11-25T0" + blocks + ":00:00Z")));
        }
        Path history = folder.resolve(Publisher.HISTORY);
        assertThat(names(history)).containsExactly("default.20261125T020000Z.nbdb.previous", "default.20261125T030000Z.nbdb.previous");
        assertThat(blocksOf(history.resolve("default.20261125T030000Z.nbdb.previous"))).isEqualTo(3);
        assertThat(blocksOf(target)).isEqualTo(4);
    }

    @Test
    void rollbackPutsTheNewestKeptVersionBackAndKeepsTheOneItReplaces() throws IOException {
        Path folder = folder();
        Publisher publisher = new Publisher(folder, "default", 3);
        Path target = folder.resolve("default.nbdb");
        publisher.publish(database("ten.nbdb", 10), 0.2);
        Files.setLastModifiedTime(target, FileTime.from(Instant.parse("2026-11-24T00:00:00Z")));
        publisher.publish(database("twelve.nbdb", 12), 0.2);
        Files.setLastModifiedTime(target, FileTime.from(Instant.parse("2026-11-25T00:00:00Z")));

        Publisher.Published back = publisher.rollback();
        assertThat(back.blocks()).isEqualTo(10);
        assertThat(back.previousBlocks()).isEqualTo(12);
        assertThat(blocksOf(target)).isEqualTo(10);
        // the version rolled back to left the history; the one it replaced is kept, so the rollback can be undone
        assertThat(names(folder.resolve(Publisher.HISTORY))).containsExactly("default.20261125T000000Z.nbdb.previous");
        assertThat(names(folder)).containsExactly(".history", "default.nbdb");
    }

    @Test
    void rollbackWithoutAKeptVersionIsRefused() throws IOException {
        Path folder = folder();
        new Publisher(folder, "other", 3).publish(database("db.nbdb", 1), 0.2);
        assertThatThrownBy(() -> new Publisher(folder, "default", 3).rollback())
                .isInstanceOf(Publisher.RefusedException.class).hasMessageContaining("no previous version of default");
        assertThat(names(folder)).containsExactly("other.nbdb");
    }

    @Test
    void aCorruptDatabaseIsRefusedBeforeTheFolderIsTouched() throws IOException {
        Path folder = folder();
        Path corrupt = Files.writeString(dir.resolve("corrupt.nbdb"), "not a database");
        assertThatThrownBy(() -> new Publisher(folder, "default", 3).publish(corrupt, Publisher.ANY_DROP))
                .isInstanceOf(InvalidDatabaseException.class).hasMessageContaining("corrupt.nbdb");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void aBrokenPublishedFileIsReplacedWithoutTheDropCheckAndKept() throws IOException {
        Path folder = folder();
        Files.writeString(folder.resolve("default.nbdb"), "half a database");
        Publisher.Published p = new Publisher(folder, "default", 3).publish(database("db.nbdb", 2), 0);
        assertThat(p.previousBlocks()).isEqualTo(-1);
        assertThat(p.previous()).isNotNull();
        assertThat(Files.readString(p.previous())).isEqualTo("half a database");
        assertThat(blocksOf(folder.resolve("default.nbdb"))).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingChanges() throws IOException {
        Path folder = folder();
        assertThatThrownBy(() -> new Publisher(folder, "../etc", 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../etc");
        assertThatThrownBy(() -> new Publisher(folder, "default", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep 0");
        Path db = database("db.nbdb", 1);
        for (double share : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new Publisher(folder, "default", 3).publish(db, share)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(names(folder)).isEmpty();
    }
}
