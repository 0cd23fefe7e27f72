package io.github.netblock.index.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @Test
    void parsesIpv4AtTheEdges() {
        assertThat(IpAddress.parse("0.0.0.0")).isEqualTo(IpAddress.ofV4(0));
        assertThat(IpAddress.parse("255.255.255.255").low()).isEqualTo(0xFFFF_FFFFL);
        assertThat(IpAddress.parse("192.0.2.1").low()).isEqualTo((192L << 24) | (2 << 8) | 1);
        assertThat(IpAddress.parse("10.0.0.1").family()).isEqualTo(IpFamily.IPV4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "01.2.3.4", "1.2.3.04", "1..2.3",
        "1.2.3.4 ", " 1.2.3.4", "example.com", "localhost", "1.2.3.4/24", "0x7f.0.0.1", "１.2.3.4"})
    void rejectsInvalidIpv4AndNamesTheText(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text))
                .isInstanceOf(InvalidIpException.class)
                .hasMessageContaining("[" + text + "]");
    }

    @ParameterizedTest
    @CsvSource({
        "::, ::",
        "::1, ::1",
        "2001:DB8::1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8::1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1::, 1::",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "FE80::1%eth0, fe80::1",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::FFFF:c000:201, ::ffff:192.0.2.1",
        "::192.0.2.1, ::c000:201",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void parsesEveryIpv6TextFormAndPrintsRfc5952(String text, String canonical) {
        IpAddress a = IpAddress.parse(text);
        assertThat(a.family()).isEqualTo(IpFamily.IPV6);
        assertThat(a.toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::", "1::2::3", ":1::",
        "1:", "::ffff:1.2.3.256", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%", "[::1]", "1:2:3:4:5:6:7:8::"})
    void rejectsInvalidIpv6(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(InvalidIpException.class).hasMessageContaining(text);
    }

    @Test
    void ipv4MappedLooksUpAsIpv4ButCompatibleStaysIpv6() {
        IpAddress mapped = IpAddress.parse("::ffff:198.51.100.7");
        assertThat(mapped.isV4Mapped()).isTrue();
        assertThat(mapped.unmapped()).isEqualTo(IpAddress.parse("198.51.100.7"));
        IpAddress compatible = IpAddress.parse("::198.51.100.7");
        assertThat(compatible.isV4Mapped()).isFalse();
        assertThat(compatible.unmapped()).isSameAs(compatible);
        assertThat(IpAddress.parse("1.2.3.4").unmapped().isV4()).isTrue();
    }

    @Test
    void nextAndPreviousCarryAcrossTheHalves() {
        IpAddress a = IpAddress.ofV6(0, -1L);
        assertThat(a.next()).isEqualTo(IpAddress.ofV6(1, 0));
        assertThat(a.next().previous()).isEqualTo(a);
        assertThat(IpAddress.parse("0.0.0.255").next()).isEqualTo(IpAddress.parse("0.0.1.0"));
        assertThatThrownBy(() -> IpAddress.parse("255.255.255.255").next()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> IpAddress.parse("::").previous()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void ordersUnsigned() {
        assertThat(IpAddress.parse("128.0.0.0")).isGreaterThan(IpAddress.parse("127.255.255.255"));
        assertThat(IpAddress.parse("8000::")).isGreaterThan(IpAddress.parse("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    /** The JDK parses literal addresses without DNS when given bytes; its text must parse back to the same value. */
    @Property(tries = 3000)
    void agreesWithTheJdkOnRandomIpv6(@ForAll long high, @ForAll long low) throws Exception {
        IpAddress a = IpAddress.ofV6(high, low);
        String jdkText = InetAddress.getByAddress(a.toBytes()).getHostAddress();
        if (jdkText.indexOf(':') < 0) {
            return; // the JDK prints IPv4-mapped addresses as IPv4
        }
        assertThat(IpAddress.parse(jdkText)).isEqualTo(a);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
        assertThat(IpAddress.parse(a.toString().toUpperCase())).isEqualTo(a);
        assertThat(InetAddress.getByName(a.toString()).getAddress()).isEqualTo(a.toBytes());
    }

    @Property(tries = 3000)
    void roundTripsRandomIpv4(@ForAll int value) throws Exception {
        IpAddress a = IpAddress.ofV4(value);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
        assertThat(InetAddress.getByAddress(a.toBytes()).getHostAddress()).isEqualTo(a.toString());
        assertThat(IpAddress.ofBytes(a.toBytes())).isEqualTo(a);
    }
}
