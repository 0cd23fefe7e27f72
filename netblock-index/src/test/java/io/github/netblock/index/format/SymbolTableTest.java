package io.github.netblock.index.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] roundTrip(SymbolTable t, byte[] in) {
        byte[] codes = new byte[2 * in.length];
        int n = t.encode(in, in.length, codes);
        return t.decode(codes, n);
    }

    @Test
    void learntTableShrinksRegistryStringsAndGivesThemBackByteForByte() {
        List<byte[]> strings = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            strings.add(utf8("NET-" + (1_000_000 + i * 37)));
            strings.add(utf8("abuse@provider" + i % 50 + ".example.net"));
            strings.add(utf8("Customer " + i));
        }
        SymbolTable t = SymbolTable.train(strings);
        assertThat(t.size()).isBetween(1, SymbolTable.MAX_SYMBOLS);
        long plain = 0;
        long coded = 0;
        byte[] codes = new byte[256];
        for (byte[] s : strings) {
            int n = t.encode(s, s.length, codes);
            assertThat(t.decode(codes, n)).isEqualTo(s);
            plain += s.length;
            coded += n;
        }
        assertThat(coded).isLessThan(plain / 2);
        // strings the table never saw, bytes it has no symbol for (the escape's own value, multi-byte UTF-8, empty)
        for (String s : new String[] {"", "Zürich Straße 5 — 東京", "ZZZZ", "\u00ff\u00fe"}) {
            assertThat(new String(roundTrip(t, utf8(s)), StandardCharsets.UTF_8)).isEqualTo(s);
        }
        byte[] raw = {(byte) 0xFF, (byte) 0xFF, 0, 1, (byte) 0x80};
        assertThat(roundTrip(t, raw)).isEqualTo(raw);
    }

    @Test
    void randomBytesRoundTripThroughAnyTable() {
        Random r = new Random(7);
        List<byte[]> sample = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[r.nextInt(20)];
            r.nextBytes(b);
            sample.add(b);
        }
        SymbolTable t = SymbolTable.deserialize(SymbolTable.train(sample).serialize());
        for (byte[] b : sample) {
            assertThat(roundTrip(t, b)).isEqualTo(b);
        }
    }

    @Test
    void anEmptyTableStoresStringsAsTheyAre() {
        SymbolTable plain = SymbolTable.deserialize(new byte[] {0});
        byte[] in = utf8("NET-1 Zürich");
        byte[] codes = new byte[2 * in.length];
        assertThat(plain.encode(in, in.length, codes)).isEqualTo(in.length);
        assertThat(Arrays.copyOf(codes, in.length)).isEqualTo(in);
        assertThat(plain.decode(codes, in.length)).isEqualTo(in);
        assertThat(SymbolTable.PLAIN.serialize()).isEqualTo(new byte[] {0});
        assertThat(plain.decode(codes, in.length, in.length - 1)).as("longer than allowed").isNull();
    }

    @Test
    void aDecodeLongerThanAllowedIsRefusedBeforeItsBytesAreAllocated() {
        SymbolTable t = new SymbolTable(new byte[][] {utf8("12345678")});
        byte[] codes = new byte[1000]; // 1,000 codes of 8 bytes each
        assertThat(t.decode(codes, 1000, 8000)).hasSize(8000);
        assertThat(t.decode(codes, 1000, 7999)).isNull();
    }

    @Test
    void invalidCodesAndTablesAreRefused() {
        SymbolTable t = new SymbolTable(new byte[][] {utf8("NET-"), utf8("x")});
        assertThat(t.decode(new byte[] {0, 1}, 2)).isEqualTo(utf8("NET-x"));
        assertThat(t.decode(new byte[] {2}, 1)).as("a code past the table").isNull();
        assertThat(t.decode(new byte[] {0, (byte) SymbolTable.ESCAPE}, 2)).as("an escape without its byte").isNull();
        byte[] table = t.serialize();
        assertThat(table).isEqualTo(new byte[] {2, 4, 1, 'N', 'E', 'T', '-', 'x'});
        assertThatThrownBy(() -> SymbolTable.deserialize(Arrays.copyOf(table, 7))).hasMessageContaining("does not fit");
        byte[] zeroLength = table.clone();
        zeroLength[2] = 0;
        assertThatThrownBy(() -> SymbolTable.deserialize(zeroLength)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SymbolTable(new byte[][] {new byte[9]})).hasMessageContaining("not 1 to 8");
    }
}
