package io.github.netblock.ingest.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersAndOtherNonPrintablesAreEscaped() {
        assertThat(Printable.escape("\u001b[2J\u0007\r\n\t\u007f")).isEqualTo("\\x1b[2J\\x07\\x0d\\x0a\\x09\\x7f");
        assertThat(Printable.escape("\u009b31m")).isEqualTo("\\x9b31m"); // C1 CSI, what a Latin-1 byte 0x9b decodes to
        assertThat(Printable.escape("abc\u202Edef\u2028\uE000")).isEqualTo("abc\\u202edef\\u2028\\ue000");
        assertThat(Printable.escape("\uD800x")).isEqualTo("\\ud800x"); // a lone surrogate
        assertThat(Printable.escape("\uDB80\uDC00")).isEqualTo("\\udb80\\udc00"); // U+F0000, private use
    }

    @Test
    void printableTextStaysAsItIs() {
        String text = "Müller GmbH, Łódź, 東京, \uD83D\uDE00 192.0.2.1 [x] \\ 100%";
        assertThat(Printable.escape(text)).isEqualTo(text);
        assertThat(Printable.value(text)).isEqualTo(text);
    }

    @Test
    void escapingTwiceChangesNothing() {
        String once = Printable.escape("\u001b]0;title\u0007 caf\u00e9");
        assertThat(Printable.escape(once)).isEqualTo(once);
    }

    @Test
    void longValuesAreCut() {
        assertThat(Printable.value("A".repeat(200))).isEqualTo("A".repeat(200));
        assertThat(Printable.value("A".repeat(5000))).isEqualTo("A".repeat(200) + "...");
        // an escape is never cut in half
        String cut = Printable.value("\u0001".repeat(100));
        assertThat(cut).endsWith("\\x01...").hasSize(Printable.MAX_VALUE + 3);
        assertThat(Printable.value(null)).isEqualTo("null");
        assertThat(Printable.escape("A".repeat(5000))).hasSize(5000);
    }
}
