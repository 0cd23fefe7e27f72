package io.github.netblock.index.read;

/**
 * How to open a database.
 *
 * @param verifyChecksum read the whole file once and compare its CRC32C with the header; catches any
 *                       flipped byte, costs about a second a gigabyte. The plugin always verifies
 *                       before it swaps a new file in.
 * @param mapChunkBits   log2 of the largest single mapping (default 30 = 1 GiB); a larger section
 *                       is mapped in chunks. Small values exist to test the chunked path.
 */
public record OpenOptions(boolean verifyChecksum, int mapChunkBits) {
    public static final OpenOptions DEFAULT = new OpenOptions(true, 30);
    public static final OpenOptions NO_CHECKSUM = new OpenOptions(false, 30);

    public OpenOptions {
        if (mapChunkBits < 12 || mapChunkBits > 30) {
            throw new IllegalArgumentException("mapChunkBits must be 12..30: " + mapChunkBits);
        }
    }
}
