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
    void anotherMajorVersionIsRejectedWithTheVersionsNamed() throws IOException {
        for (int major : new int[] {0, NbdbFormat.MAJOR_VERSION + 1}) {
            byte[] copy = bytes.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(NbdbFormat.OFFSET_MAJOR, (short) major);
            assertThatThrownBy(() -> NetblockDatabase.open(write("v" + major + ".nbdb", copy)))
                    .isInstanceOf(InvalidDatabaseException.class)
                    .hasMessageContaining("unsupported format version " + major + "." + NbdbFormat.MINOR_VERSION)
                    .hasMessageContaining("versions 1.x to 3.x");
        }
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

    /**
     * Opened without the checksum (the only way corrupt bytes reach a lookup), a file with any byte of
     * its body changed either opens and answers - rightly or wrongly, that is what the checksum is
     * for - or fails with InvalidDatabaseException; never another exception from inside the reader.
     */
    @Test
    void withoutTheChecksumAnyChangedByteGivesAnAnswerOrInvalidDatabaseExceptionNeverAnotherError() throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder();
        b.add(Netblock.builder("10.0.0.0/8").name("TEN").handle("NET-10-0-0-0-1").ownerName("Owner").build());
        b.add(Netblock.builder("10.1.0.0/16").name("TEN-ONE").build());
        b.add(Netblock.builder("2001:db8::/32").name("DOC").build());
        b.addOriginAs(io.github.netblock.index.ip.IpRange.parse("10.1.0.0/16"), 64500, "AS-NAME");
        b.addCountry(io.github.netblock.index.ip.IpRange.parse("10.1.0.0/16"), "NL");
        b.addCountry(io.github.netblock.index.ip.IpRange.parse("2001:db8::/33"), "DE");
        b.addReverseDns(new io.github.netblock.index.model.ReverseDnsEntry(IpAddress.parse("10.1.2.3"), "host.example.com",
                null, null, "example.com", "com"));
        b.addRegistrar(new io.github.netblock.index.model.RegistrarEntry("example.com", "Registrar", 1L));
        Path small = dir.resolve("small.nbdb");
        b.build(small);
        byte[] original = Files.readAllBytes(small);
        IpAddress[] probes = {IpAddress.parse("10.1.2.3"), IpAddress.parse("10.200.0.1"), IpAddress.parse("11.0.0.1"),
            IpAddress.parse("0.0.0.0"), IpAddress.parse("255.255.255.255"), IpAddress.parse("2001:db8::1"), IpAddress.parse("::1"),
            IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")};
        // every byte of every section but the radix indexes (mostly one repeated value), 3,000 drawn from those
        java.util.List<Integer> positions = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261127L);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(small)) {
            for (var e : io.github.netblock.index.format.DatabaseHeader.read(ch, small, true).sections().entrySet()) {
                long from = e.getValue().offset();
                long length = e.getValue().length();
                boolean index = e.getKey() == NbdbFormat.SECTION_INDEX_V4 || e.getKey() == NbdbFormat.SECTION_INDEX_V6;
                for (int k = 0; k < (index ? Math.min(length, 3000) : length); k++) {
                    positions.add((int) (from + (index ? random.nextLong(length) : k)));
                }
            }
        }
        for (int at : positions) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] copy = original.clone();
                copy[at] ^= (byte) flip;
                Path p = write("flip.nbdb", copy);
                String where = "byte " + at + " ^ " + flip;
                try (NetblockDatabase db = NetblockDatabase.open(p, OpenOptions.NO_CHECKSUM)) {
                    for (IpAddress ip : probes) {
                        try {
                            db.lookup(ip, true);
                            db.originAs(ip);
                            db.country(ip);
                            db.registrar("example.com");
                        } catch (InvalidDatabaseException expected) {
                            // a corrupt file, named as such
                        } catch (RuntimeException e) {
                            throw new AssertionError(where + ", lookup of " + ip + ": " + e, e);
                        }
                    }
                } catch (InvalidDatabaseException expected) {
                    // refused at open
                } catch (RuntimeException e) {
                    throw new AssertionError(where + ", open: " + e, e);
                }
            }
        }
    }
}
