package io.github.netblock.index.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The string compression of format 3.0: a static table of up to 255 symbols of 1 to 8 bytes, learnt
 * from the strings of the file, each string stored as one code byte per symbol (the idea of FSST, Boncz,
 * Neumann and Leis, "FSST: Fast Random Access String Compression", VLDB 2020). Code {@link #ESCAPE}
 * is followed by one literal byte. A string is decoded on its own, with a table lookup per code, so any
 * string of millions is read without touching its neighbours; netnames, owner names, e-mail
 * addresses and host names share many substrings and shrink to about half.
 *
 * <p>Written as {u8 symbol count N, u8 length of each symbol (1..8), the symbols' bytes one after the
 * other}. A table of no symbols ({@link #PLAIN}) means the strings are not compressed: each code byte is
 * the string's own byte (a builder writes that when coding would not make the strings smaller).
 */
public final class SymbolTable {
    public static final int ESCAPE = 255;
    public static final int MAX_SYMBOLS = 255;
    public static final int MAX_SYMBOL_LENGTH = 8;
    private static final int GENERATIONS = 5;

    /** No symbols: the strings are stored as they are. */
    public static final SymbolTable PLAIN = new SymbolTable(new byte[0][]);

    private final byte[][] symbols;
    /** For each first byte, the codes of the symbols that start with it, longest first. */
    private final int[][] byFirstByte = new int[256][];

    public SymbolTable(byte[][] symbols) {
        if (symbols.length > MAX_SYMBOLS) {
            throw new IllegalArgumentException(symbols.length + " symbols, at most " + MAX_SYMBOLS);
        }
        this.symbols = symbols;
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            lists.add(new ArrayList<>());
        }
        for (int code = 0; code < symbols.length; code++) {
            byte[] s = symbols[code];
            if (s.length < 1 || s.length > MAX_SYMBOL_LENGTH) {
                throw new IllegalArgumentException("symbol " + code + " has " + s.length + " bytes, not 1 to " + MAX_SYMBOL_LENGTH);
            }
            lists.get(s[0] & 0xFF).add(code);
        }
        for (int b = 0; b < 256; b++) {
            List<Integer> l = lists.get(b);
            l.sort(Comparator.comparingInt((Integer c) -> -symbols[c].length).thenComparingInt(c -> c));
            byFirstByte[b] = l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public int size() {
        return symbols.length;
    }

    /** The bytes this table takes in the file. */
    public int serializedLength() {
        int n = 1 + symbols.length;
        for (byte[] s : symbols) {
            n += s.length;
        }
        return n;
    }

    public byte[] serialize() {
        byte[] out = new byte[serializedLength()];
        out[0] = (byte) symbols.length;
        int at = 1 + symbols.length;
        for (int i = 0; i < symbols.length; i++) {
            out[1 + i] = (byte) symbols[i].length;
            System.arraycopy(symbols[i], 0, out, at, symbols[i].length);
            at += symbols[i].length;
        }
        return out;
    }

    /** A table read back from its bytes; the caller names the file in the error. */
    public static SymbolTable deserialize(byte[] in) {
        if (in.length < 1) {
            throw new IllegalArgumentException("symbol table is empty");
        }
        int n = in[0] & 0xFF;
        if (n > MAX_SYMBOLS || in.length < 1 + n) {
            throw new IllegalArgumentException("symbol table of " + n + " symbols does not fit its " + in.length + " bytes");
        }
        byte[][] symbols = new byte[n][];
        int at = 1 + n;
        for (int i = 0; i < n; i++) {
            int len = in[1 + i] & 0xFF;
            if (len < 1 || len > MAX_SYMBOL_LENGTH || at + len > in.length) {
                throw new IllegalArgumentException("symbol " + i + " of length " + len + " does not fit the table");
            }
            symbols[i] = Arrays.copyOfRange(in, at, at + len);
            at += len;
        }
        if (at != in.length) {
            throw new IllegalArgumentException("symbol table has " + (in.length - at) + " bytes too many");
        }
        return new SymbolTable(symbols);
    }

    /** The length of a table's serialized form from its first bytes (count, lengths), or -1 when they are cut short. */
    public static int serializedLength(byte[] head, int available) {
        if (available < 1) {
            return -1;
        }
        int n = head[0] & 0xFF;
        if (available < 1 + n) {
            return -1;
        }
        int len = 1 + n;
        for (int i = 0; i < n; i++) {
            len += head[1 + i] & 0xFF;
        }
        return len;
    }

    /** Encodes {@code in} into {@code out} (at least 2 x in.length bytes), greedily taking the longest symbol; returns the code count. */
    public int encode(byte[] in, int inLength, byte[] out) {
        if (symbols.length == 0) {
            System.arraycopy(in, 0, out, 0, inLength);
            return inLength;
        }
        int o = 0;
        int i = 0;
        while (i < inLength) {
            int code = longestMatch(in, i, inLength);
            if (code < 0) {
                out[o++] = (byte) ESCAPE;
                out[o++] = in[i++];
            } else {
                out[o++] = (byte) code;
                i += symbols[code].length;
            }
        }
        return o;
    }

    private int longestMatch(byte[] in, int at, int end) {
        for (int code : byFirstByte[in[at] & 0xFF]) {
            byte[] s = symbols[code];
            if (at + s.length <= end && Arrays.equals(in, at, at + s.length, s, 0, s.length)) {
                return code;
            }
        }
        return -1;
    }

    /**
     * Decodes {@code n} codes; returns null when they are not a valid encoding (a code past the table,
     * an escape without its byte) or decode to more than {@code maxLength} bytes: the caller reports the
     * file as corrupt. Allocates only the decoded length.
     */
    public byte[] decode(byte[] codes, int n, int maxLength) {
        if (symbols.length == 0) {
            return n <= maxLength ? Arrays.copyOf(codes, n) : null;
        }
        long length = 0;
        for (int i = 0; i < n; i++) {
            int code = codes[i] & 0xFF;
            if (code == ESCAPE) {
                if (++i == n) {
                    return null; // an escape without its byte
                }
                length++;
            } else if (code < symbols.length) {
                length += symbols[code].length;
            } else {
                return null;
            }
        }
        if (length > maxLength) {
            return null;
        }
        byte[] out = new byte[(int) length];
        int o = 0;
        for (int i = 0; i < n; i++) {
            int code = codes[i] & 0xFF;
            if (code == ESCAPE) {
                out[o++] = codes[++i];
            } else {
                byte[] s = symbols[code];
                System.arraycopy(s, 0, out, o, s.length);
                o += s.length;
            }
        }
        return out;
    }

    /** {@link #decode(byte[], int, int)} with no limit but the format's. */
    public byte[] decode(byte[] codes, int n) {
        return decode(codes, n, NbdbFormat.MAX_STRING_BYTES);
    }

    /**
     * Learns a table from a sample of the strings (FSST's bottom-up construction): each generation
     * encodes the sample with the current table, counts how often each symbol and each pair of adjacent
     * symbols occurs, and keeps the 255 candidates (symbols, literal bytes, pairs joined up to 8 bytes)
     * that save the most bytes.
     */
    public static SymbolTable train(List<byte[]> sample) {
        SymbolTable table = new SymbolTable(new byte[0][]);
        byte[] codes = new byte[16];
        for (int g = 0; g < GENERATIONS; g++) {
            Map<Key, long[]> gain = new HashMap<>();
            for (byte[] s : sample) {
                if (codes.length < 2 * s.length) {
                    codes = new byte[2 * s.length];
                }
                int n = table.encode(s, s.length, codes);
                byte[] prev = null;
                for (int i = 0; i < n; i++) {
                    byte[] cur;
                    if (table.symbols.length == 0) {
                        cur = new byte[] {codes[i]}; // the first generation: every byte on its own
                    } else if ((codes[i] & 0xFF) == ESCAPE) {
                        cur = new byte[] {codes[++i]};
                    } else {
                        cur = table.symbols[codes[i] & 0xFF];
                    }
                    gain.computeIfAbsent(new Key(cur), k -> new long[1])[0] += cur.length;
                    if (prev != null && prev.length + cur.length <= MAX_SYMBOL_LENGTH) {
                        byte[] joined = Arrays.copyOf(prev, prev.length + cur.length);
                        System.arraycopy(cur, 0, joined, prev.length, cur.length);
                        gain.computeIfAbsent(new Key(joined), k -> new long[1])[0] += joined.length;
                    }
                    prev = cur;
                }
            }
            List<Map.Entry<Key, long[]>> ranked = new ArrayList<>(gain.entrySet());
            // the gain of a candidate is the bytes it covers (FSST's measure): a 1-byte symbol saves its escape byte
            // at each use, a longer one 2 x length - 1 against escaping every byte
            ranked.sort(Comparator.comparingLong((Map.Entry<Key, long[]> e) -> -e.getValue()[0])
                    .thenComparing(e -> e.getKey(), Key::compareTo));
            byte[][] next = ranked.stream().limit(MAX_SYMBOLS).map(e -> e.getKey().bytes).toArray(byte[][]::new);
            table = new SymbolTable(next);
        }
        return table;
    }

    private record Key(byte[] bytes) implements Comparable<Key> {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public int compareTo(Key o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
    }
}
