package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.NO_STRING;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.format.SymbolTable;
import io.github.netblock.index.format.Varint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The STRINGS section: a string id is the offset of a varint length followed by UTF-8 bytes, or
 * since 3.0 of a varint code count followed by the codes of the section's {@link SymbolTable}.
 * Owners, countries, statuses and AS names repeat across many blocks, so a small direct-mapped
 * cache of decoded strings saves most decoding. Entries are immutable, so racing threads at worst
 * decode the same string twice.
 */
final class StringPool {
    private static final int CACHE_BITS = 14;

    private final Path file;
    private final MappedRegion region;
    private final CachedString[] cache = new CachedString[1 << CACHE_BITS];

    private record CachedString(int id, String value) {}

    /** The symbol table of a 3.0 pool, null before. */
    private final SymbolTable symbols;
    /** Where the strings begin (after the symbol table). */
    private final long firstString;

    StringPool(Path file, MappedRegion region, boolean compressed) {
        this.file = file;
        this.region = region;
        if (!compressed) {
            this.symbols = null;
            this.firstString = 0;
            return;
        }
        byte[] head = new byte[(int) Math.min(region.length(), 1 + SymbolTable.MAX_SYMBOLS)];
        region.get(0, head, head.length);
        int length = SymbolTable.serializedLength(head, head.length);
        if (length < 0 || length > region.length()) {
            throw new InvalidDatabaseException(file, "the string pool's symbol table is cut short (corrupt file)");
        }
        byte[] table = new byte[length];
        region.get(0, table, length);
        try {
            this.symbols = SymbolTable.deserialize(table);
        } catch (IllegalArgumentException e) {
            throw new InvalidDatabaseException(file, "the string pool's symbol table is invalid: " + e.getMessage() + " (corrupt file)");
        }
        this.firstString = length;
    }

    /** The string with that id; null for {@code NO_STRING}. */
    String get(int id) {
        if (id == NO_STRING) {
            return null;
        }
        int slot = id * 0x9E3779B9 >>> (32 - CACHE_BITS);
        CachedString cached = cache[slot];
        if (cached != null && cached.id == id) {
            return cached.value;
        }
        String value = decode(id);
        cache[slot] = new CachedString(id, value);
        return value;
    }

    private String decode(int id) {
        if (id < firstString || id >= region.length()) {
            throw new InvalidDatabaseException(file, "string id " + id + " lies outside the string pool (corrupt file)");
        }
        long read = Varint.read(region::getByte, id);
        long pos = id + Varint.length(read);
        int len = Varint.value(read);
        if (read < 0 || pos + len > region.length() || len > NbdbFormat.MAX_STRING_BYTES) {
            throw new InvalidDatabaseException(file, "string " + id + " runs past the string pool or is longer than a database keeps (corrupt file)");
        }
        byte[] bytes = new byte[len];
        region.get(pos, bytes, len);
        if (symbols != null) {
            bytes = symbols.decode(bytes, len, NbdbFormat.MAX_STRING_BYTES);
            if (bytes == null) {
                throw new InvalidDatabaseException(file, "string " + id + " has codes its symbol table does not have, or decodes to more than "
                        + NbdbFormat.MAX_STRING_BYTES + " bytes (corrupt file)");
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Compares the UTF-8 bytes of string {@code id} with {@code key}, unsigned, as the registrars are sorted. */
    int compare(int id, byte[] key) {
        String s = get(id);
        return Arrays.compareUnsigned(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8), key);
    }
}
