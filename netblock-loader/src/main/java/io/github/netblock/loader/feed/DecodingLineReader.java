package io.github.netblock.loader.feed;

import io.github.netblock.ingest.core.text.Printable;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lines of a (possibly gzipped) feed file, each decoded on its own so that a byte that is not valid
 * in the charset is reported on its own line (a buffered Reader fails wherever its buffer happens to end).
 */
public final class DecodingLineReader implements Closeable {
    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] buf = new byte[256];
    private long line;

    public DecodingLineReader(Path file, Charset charset) throws IOException {
        this.file = file;
        this.in = FeedFiles.open(file);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The next line without its line break, or null at the end. */
    public String readLine() throws IOException {
        int n = 0;
        int b;
        while ((b = nextByte()) >= 0 && b != '\n') {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) b;
        }
        if (b < 0 && n == 0) {
            return null;
        }
        line++;
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(buf, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new FeedFormatException(file, line, "bytes that are not valid " + decoder.charset() + " (a Latin-1 dump read as UTF-8?)");
        }
    }

    private int nextByte() throws IOException {
        if (chunkPos == chunkEnd) {
            try {
                chunkEnd = in.read(chunk, 0, chunk.length);
            } catch (FeedFormatException e) {
                throw e;
            } catch (IOException e) {
                // e.g. "Unexpected end of ZLIB input stream": a truncated .gz names its file and line
                throw new FeedFormatException(file, line + 1, "cannot read on (" + Printable.value(e.getMessage()) + "); a truncated or corrupt file?");
            }
            chunkPos = 0;
            if (chunkEnd <= 0) {
                chunkEnd = 0;
                return -1;
            }
        }
        return chunk[chunkPos++] & 0xFF;
    }

    /** The number of the line last read (1-based). */
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
