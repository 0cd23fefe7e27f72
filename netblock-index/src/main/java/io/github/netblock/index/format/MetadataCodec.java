package io.github.netblock.index.format;

import io.github.netblock.index.model.SourceInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the metadata part of the header: build time, data date, description, sources, counts.
 * Strings are an i32 byte length (-1 for null) and UTF-8; times are epoch ms or {@link NbdbFormat#NO_TIME}.
 */
public final class MetadataCodec {
    private MetadataCodec() {}

    public static byte[] encode(DatabaseMetadata m) {
        Out out = new Out();
        out.time(m.buildTime());
        out.time(m.dataDate());
        out.string(m.description());
        out.i32(m.sources().size());
        for (SourceInfo s : m.sources()) {
            out.string(s.name());
            out.string(s.format());
            out.string(s.serial());
            out.time(s.date());
            out.i64(s.blockCount());
        }
        DatabaseMetadata.Counts c = m.counts();
        for (long v : new long[] {c.v4Blocks(), c.v6Blocks(), c.v4Intervals(), c.v6Intervals(), c.reverseDns(),
                c.registrars(), c.inputBlocks(), c.mergedDuplicates(), c.droppedOverlaps()}) {
            out.i64(v);
        }
        return out.toArray();
    }

    /**
     * Decodes metadata written by {@link #encode}.
     *
     * @throws InvalidDatabaseException naming the file when the bytes are not well-formed metadata
     */
    public static DatabaseMetadata decode(ByteBuffer bytes, int major, int minor, Path file) {
        In in = new In(bytes.order(NbdbFormat.ORDER), file);
        Instant buildTime = in.time();
        Instant dataDate = in.time();
        String description = in.string();
        int n = in.i32();
        if (n < 0 || n > 100_000) {
            throw in.corrupt("source count " + n + " is out of range");
        }
        List<SourceInfo> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.string();
            String format = in.string();
            String serial = in.string();
            Instant date = in.time();
            long count = in.i64();
            if (name == null || format == null) {
                throw in.corrupt("source " + i + " has no name or format");
            }
            sources.add(new SourceInfo(name, format, serial, date, count));
        }
        DatabaseMetadata.Counts counts = new DatabaseMetadata.Counts(in.i64(), in.i64(), in.i64(),
                in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.i64());
        if (buildTime == null) {
            throw in.corrupt("no build time");
        }
        return new DatabaseMetadata(major, minor, buildTime, dataDate, description, sources, counts, 0, 0);
    }

    /** Reads metadata with a bounds check before every value, so bad bytes become a named error. */
    private record In(ByteBuffer buf, Path file) {
        InvalidDatabaseException corrupt(String what) {
            return new InvalidDatabaseException(file, "corrupt metadata: " + what);
        }

        private void need(int n) {
            if (buf.remaining() < n) {
                throw corrupt("it ends early");
            }
        }

        int i32() {
            need(4);
            return buf.getInt();
        }

        long i64() {
            need(8);
            return buf.getLong();
        }

        Instant time() {
            long v = i64();
            return v == NbdbFormat.NO_TIME ? null : Instant.ofEpochMilli(v);
        }

        String string() {
            int len = i32();
            if (len == -1) {
                return null;
            }
            if (len < 0 || len > buf.remaining()) {
                throw corrupt("string length " + len + " is out of range");
            }
            byte[] b = new byte[len];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(1024).order(NbdbFormat.ORDER);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(NbdbFormat.ORDER);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void i32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void i64(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void time(Instant t) {
            i64(t == null ? NbdbFormat.NO_TIME : t.toEpochMilli());
        }

        void string(String s) {
            if (s == null) {
                i32(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            ensure(b.length);
            buf.put(b);
        }

        byte[] toArray() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
