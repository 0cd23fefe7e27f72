package io.github.netblock.index.format;

import static io.github.netblock.index.format.NbdbFormat.CHECKSUM_FROM;
import static io.github.netblock.index.format.NbdbFormat.MAGIC;
import static io.github.netblock.index.format.NbdbFormat.MAJOR_VERSION;
import static io.github.netblock.index.format.NbdbFormat.OFFSET_CHECKSUM;
import static io.github.netblock.index.format.NbdbFormat.OFFSET_FILE_LENGTH;
import static io.github.netblock.index.format.NbdbFormat.OFFSET_HEADER_LENGTH;
import static io.github.netblock.index.format.NbdbFormat.OFFSET_MAJOR;
import static io.github.netblock.index.format.NbdbFormat.OFFSET_METADATA;
import static io.github.netblock.index.format.NbdbFormat.OFFSET_MINOR;
import static io.github.netblock.index.format.NbdbFormat.ORDER;
import static io.github.netblock.index.format.NbdbFormat.SECTION_ENTRY_SIZE;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The validated header of a {@code .nbdb} file: version, metadata and the section directory (see
 * {@link NbdbFormat} for the layout). Reading it checks everything the header promises about the
 * file (magic, version, lengths, section bounds) and, when asked, the CRC32C of the whole body.
 *
 * @param sections section id -> its place in the file; unknown ids are kept (a newer minor version)
 */
public record DatabaseHeader(int major, int minor, long headerLength, DatabaseMetadata metadata, Map<Integer, Section> sections) {
    private static final int MAX_SECTIONS = 1024;
    /** Metadata (sources, description) and the section directory: kilobytes in practice. */
    private static final long MAX_HEADER_LENGTH = 16L << 20;

    /** Where a section lies in the file. */
    public record Section(long offset, long length) {}

    public DatabaseHeader {
        sections = Map.copyOf(sections);
    }

    /**
     * Reads and validates the header of an open file.
     *
     * @param verifyChecksum also read the whole body and compare its CRC32C with the header's
     * @throws InvalidDatabaseException naming the file and what is wrong
     * @throws IOException when reading fails
     */
    public static DatabaseHeader read(FileChannel ch, Path file, boolean verifyChecksum) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new InvalidDatabaseException(file, "truncated: the file is empty");
        }
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, CHECKSUM_FROM)).order(ORDER);
        readFully(ch, start, 0);
        int magicBytes = Math.min(start.capacity(), MAGIC.length);
        if (!Arrays.equals(start.array(), 0, magicBytes, MAGIC, 0, magicBytes)) {
            throw new InvalidDatabaseException(file, "not a netblock database (bad magic bytes)");
        }
        if (size < CHECKSUM_FROM + 8) {
            throw new InvalidDatabaseException(file, "truncated: " + size + " bytes is shorter than the header");
        }
        int major = Short.toUnsignedInt(start.getShort(OFFSET_MAJOR));
        int minor = Short.toUnsignedInt(start.getShort(OFFSET_MINOR));
        if (major > MAJOR_VERSION || major < NbdbFormat.OLDEST_READABLE_MAJOR) {
            throw new InvalidDatabaseException(file, "unsupported format version " + major + "." + minor
                    + "; this reader reads versions " + NbdbFormat.OLDEST_READABLE_MAJOR + ".x to " + MAJOR_VERSION + ".x");
        }
        long headerLength = Integer.toUnsignedLong(start.getInt(OFFSET_HEADER_LENGTH));
        long fileLength = start.getLong(OFFSET_FILE_LENGTH);
        int checksum = start.getInt(OFFSET_CHECKSUM);
        if (fileLength != size) {
            throw new InvalidDatabaseException(file, (size < fileLength ? "truncated" : "trailing bytes")
                    + ": the header says " + fileLength + " bytes, the file has " + size);
        }
        // the first 32 bytes are outside the checksum: everything read from them is checked for range
        if (headerLength < OFFSET_METADATA + 8 || headerLength > size || headerLength > MAX_HEADER_LENGTH) {
            throw new InvalidDatabaseException(file, "header length " + headerLength + " is out of range");
        }
        if (start.getInt(OFFSET_CHECKSUM + 4) != 0) {
            throw new InvalidDatabaseException(file, "corrupt header: the reserved bytes 28-31 are not zero");
        }
        if (verifyChecksum) {
            int actual = crc(ch, size);
            if (actual != checksum) {
                throw new InvalidDatabaseException(file, String.format(Locale.ROOT,
                        "checksum mismatch: the header says %08x, the content is %08x (corrupt file)", checksum, actual));
            }
        }
        ByteBuffer header = ByteBuffer.allocate((int) (headerLength - OFFSET_METADATA)).order(ORDER);
        readFully(ch, header, OFFSET_METADATA);
        header.flip();
        int metaLength = header.getInt();
        if (metaLength < 0 || metaLength > header.remaining() - 4) {
            throw new InvalidDatabaseException(file, "corrupt header: metadata length " + metaLength + " is out of range");
        }
        ByteBuffer meta = header.slice(header.position(), metaLength).order(ORDER);
        DatabaseMetadata metadata = MetadataCodec.decode(meta, major, minor, file).withFile(size, checksum);
        header.position(header.position() + metaLength);
        int count = header.getInt();
        if (count < 0 || count > MAX_SECTIONS || count * (long) SECTION_ENTRY_SIZE > header.remaining()) {
            throw new InvalidDatabaseException(file, "corrupt header: section count " + count + " is out of range");
        }
        Map<Integer, Section> sections = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int id = header.getInt();
            header.getInt(); // reserved
            long offset = header.getLong();
            long length = header.getLong();
            if (offset < headerLength || length < 0 || offset > size || length > size - offset) {
                throw new InvalidDatabaseException(file, "corrupt header: section " + id + " [" + offset + ", +" + length
                        + ") lies outside the file");
            }
            sections.put(id, new Section(offset, length));
        }
        return new DatabaseHeader(major, minor, headerLength, metadata, sections);
    }

    /** The section with that id, or an error naming it. */
    public Section require(int id, Path file) {
        Section s = sections.get(id);
        if (s == null) {
            throw new InvalidDatabaseException(file, "required section " + id + " is missing");
        }
        return s;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
    }

    private static int crc(FileChannel ch, long size) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long pos = CHECKSUM_FROM;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            crc.update(buf);
            pos += n;
        }
        return (int) crc.getValue();
    }
}
