package io.github.netblock.index.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorruptDatabaseTest {
    @TempDir
    Path dir;
    Path good;
    byte[] bytes;

    @BeforeEach
    void buildGoodFile() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        for (int i = 0; i < 50; i++) {
            b.add(Netblock.builder("192.0." + i + ".0/24").name("NET-" + i).country("NL").build());
        }
        good = dir.resolve("good.nbdb");
        b.build(good);
        bytes = Files.readAllBytes(good);
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void theUntouchedFileOpens() throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(good)) {
            assertThat(db.lookup(IpAddress.parse("192.0.7.9")).orElseThrow().name()).isEqualTo("NET-7");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 31, 100, 1000, -1})
    void aTruncatedFileIsRejected(int keep) throws IOException {
        int length = keep < 0 ? bytes.length - 1 : keep;
        Path p = write("cut.nbdb", Arrays.copyOf(bytes, length));
        assertThatThrownBy(() -> NetblockDatabase.open(p))
                .isInstanceOf(InvalidDatabaseException.class)
                .hasMessageContaining("cut.nbdb")
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path p = write("long.nbdb", Arrays.copyOf(bytes, bytes.length + 3));
        assertThatThrownBy(() -> NetblockDatabase.open(p)).isInstanceOf(InvalidDatabaseException.class).hasMessageContaining("trailing");
    }

    @Test
    void everyFlippedByteAfterTheFixedHeaderFailsTheChecksum() throws IOException {
        // every byte of the header and a sample of the body
        for (int at = NbdbFormat.CHECKSUM_FROM; at < bytes.length; at += at < 600 ? 1 : 97) {
            byte[] copy = bytes.clone();
            copy[at] ^= 0x10;
            Path p = write("flip.nbdb", copy);
            int where = at;
            assertThatThrownBy(() -> NetblockDatabase.open(p))
                    .as("flip at %d", where)
                    .isInstanceOf(InvalidDatabaseException.class)
                    .hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void aFlippedChecksumIsRejectedToo() throws IOException {
        byte[] copy = bytes.clone();
        copy[NbdbFormat.OFFSET_CHECKSUM] ^= 1;
        assertThatThrownBy(() -> NetblockDatabase.open(write("sum.nbdb", copy))).hasMessageContaining("checksum mismatch");
    }

    @Test
    void anotherMajorVersionIsRejectedWithBothVersionsNamed() throws IOException {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(NbdbFormat.OFFSET_MAJOR, (short) 2);
        assertThatThrownBy(() -> NetblockDatabase.open(write("v2.nbdb", copy)))
                .isInstanceOf(InvalidDatabaseException.class)
                .hasMessageContaining("unsupported format version 2." + NbdbFormat.MINOR_VERSION)
                .hasMessageContaining("version 1.x");
    }

    @Test
    void otherFilesAreNotDatabases() throws IOException {
        byte[] copy = bytes.clone();
        copy[0] = 'X';
        assertThatThrownBy(() -> NetblockDatabase.open(write("magic.nbdb", copy))).hasMessageContaining("bad magic");
        Path text = write("text.nbdb", "inetnum: 192.0.2.0 - 192.0.2.255\nnetname: NOT-A-DB\n".repeat(10).getBytes());
        assertThatThrownBy(() -> NetblockDatabase.open(text)).isInstanceOf(InvalidDatabaseException.class).hasMessageContaining("bad magic");
        assertThat(NetblockDatabase.hasMagic(good)).isTrue();
        assertThat(NetblockDatabase.hasMagic(text)).isFalse();
    }

    @Test
    void withoutTheChecksumAStructurallyBrokenHeaderIsStillCaught() throws IOException {
        byte[] copy = bytes.clone();
        ByteBuffer buf = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int metaLength = buf.getInt(NbdbFormat.OFFSET_METADATA);
        int directory = NbdbFormat.OFFSET_METADATA + 4 + metaLength + 4;
        buf.putLong(directory + 8, bytes.length + 100L); // first section's offset beyond the end
        assertThatThrownBy(() -> NetblockDatabase.open(write("dir.nbdb", copy), OpenOptions.NO_CHECKSUM))
                .isInstanceOf(InvalidDatabaseException.class)
                .hasMessageContaining("outside the file");
        byte[] counts = bytes.clone();
        // the last 9 longs of the metadata are the counts; claim one IPv4 block more than stored
        ByteBuffer cb = ByteBuffer.wrap(counts).order(ByteOrder.LITTLE_ENDIAN);
        int v4BlocksAt = NbdbFormat.OFFSET_METADATA + 4 + metaLength - 9 * 8;
        cb.putLong(v4BlocksAt, cb.getLong(v4BlocksAt) + 1);
        assertThatThrownBy(() -> NetblockDatabase.open(write("counts.nbdb", counts), OpenOptions.NO_CHECKSUM))
                .isInstanceOf(InvalidDatabaseException.class)
                .hasMessageContaining("IPv4 blocks section");
    }

    @Test
    void aMissingFileIsAnIoErrorThatNamesIt() {
        Path missing = dir.resolve("missing.nbdb");
        assertThatThrownBy(() -> NetblockDatabase.open(missing)).isInstanceOf(IOException.class).hasMessageContaining("missing.nbdb");
    }
}
