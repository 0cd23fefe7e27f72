package io.github.netblock.index.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    private static List<String> cidrs(String range) {
        return IpRange.parse(range).toCidrs().stream().map(IpRange::toString).toList();
    }

    @Test
    void parsesTheRpslRangeFormWithOrWithoutSpaces() {
        IpRange r = IpRange.parse("87.237.226.64 - 87.237.226.95");
        assertThat(r.first()).isEqualTo(IpAddress.parse("87.237.226.64"));
        assertThat(r.last()).isEqualTo(IpAddress.parse("87.237.226.95"));
        assertThat(IpRange.parse("87.237.226.64-87.237.226.95")).isEqualTo(r);
        assertThat(r.toString()).isEqualTo("87.237.226.64/27");
        assertThat(r.toRangeString()).isEqualTo("87.237.226.64 - 87.237.226.95");
    }

    @Test
    void parsesCidrAtTheEdges() {
        assertThat(IpRange.parse("0.0.0.0/0").last()).isEqualTo(IpAddress.parse("255.255.255.255"));
        assertThat(IpRange.parse("255.255.255.255/32").first()).isEqualTo(IpAddress.parse("255.255.255.255"));
        assertThat(IpRange.parse("::/0").last()).isEqualTo(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertThat(IpRange.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").size()).isEqualTo(BigInteger.ONE);
        assertThat(IpRange.parse("2001:db8::/32").last()).isEqualTo(IpAddress.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertThat(IpRange.parse("2001:db8::/64").last()).isEqualTo(IpAddress.parse("2001:db8::ffff:ffff:ffff:ffff"));
        assertThat(IpRange.parse("2001:db8::/65").last()).isEqualTo(IpAddress.parse("2001:db8::7fff:ffff:ffff:ffff"));
        assertThat(IpRange.parse("::/0").size()).isEqualTo(BigInteger.TWO.pow(128));
        assertThat(IpRange.parse("0.0.0.0/0").prefixLength()).isZero();
        assertThat(IpRange.parse("::/0").prefixLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/24", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "2001:db8::/129", "2001:db8::1/64",
        "10.0.0.9 - 10.0.0.1", "10.0.0.1 - ::1", "10.0.0.0/+8", "10.0.0.0 -", "- 10.0.0.0"})
    void rejectsBadRangesAndNamesThem(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(InvalidIpException.class).hasMessageContaining(text);
    }

    @Test
    void splitsRangesIntoMinimalCidrs() {
        assertThat(cidrs("0.0.0.0 - 255.255.255.255")).containsExactly("0.0.0.0/0");
        assertThat(cidrs("10.0.0.1 - 10.0.0.6")).containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32");
        assertThat(cidrs("0.0.0.1 - 255.255.255.254")).hasSize(62);
        assertThat(cidrs("255.255.255.254 - 255.255.255.255")).containsExactly("255.255.255.254/31");
        // delegated stats: 2.16.0.0 with 1536 addresses is not one prefix
        assertThat(cidrs("2.16.0.0 - 2.16.5.255")).containsExactly("2.16.0.0/22", "2.16.4.0/23");
        assertThat(cidrs(":: - ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).containsExactly("::/0");
        assertThat(cidrs("::1 - ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")).hasSize(254);
        assertThat(cidrs("2001:db8::ffff:ffff:ffff:ffff - 2001:db8:0:1::")).containsExactly("2001:db8::ffff:ffff:ffff:ffff/128", "2001:db8:0:1::/128");
        assertThat(IpRange.parse("10.0.0.1 - 10.0.0.6").isCidr()).isFalse();
        assertThat(IpRange.parse("10.0.0.1 - 10.0.0.6").toString()).isEqualTo("10.0.0.1 - 10.0.0.6");
    }

    @Test
    void containmentAndOverlapAtTheEdges() {
        IpRange all = IpRange.parse("0.0.0.0/0");
        IpRange top = IpRange.parse("255.255.255.255/32");
        IpRange a = IpRange.parse("10.0.0.0 - 10.0.0.10");
        IpRange b = IpRange.parse("10.0.0.10 - 10.0.0.20");
        IpRange c = IpRange.parse("10.0.0.11 - 10.0.0.20");
        assertThat(all.contains(top)).isTrue();
        assertThat(top.contains(all)).isFalse();
        assertThat(all.contains(IpAddress.parse("0.0.0.0"))).isTrue();
        assertThat(all.contains(IpAddress.parse("::"))).isFalse();
        assertThat(a.overlaps(b)).isTrue();
        assertThat(a.partiallyOverlaps(b)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
        assertThat(a.contains(a)).isTrue();
        assertThat(a.partiallyOverlaps(a)).isFalse();
        assertThat(all.partiallyOverlaps(a)).isFalse();
        assertThat(IpRange.parse("::/0").overlaps(all)).isFalse();
    }

    /** Prefixes cover the range exactly, in order, are aligned, and no two neighbours could merge. */
    @Property(tries = 2000)
    void cidrSplitIsExactAndMinimal(@ForAll long aHi, @ForAll long aLo, @ForAll long span, @ForAll boolean v4) {
        IpAddress first = v4 ? IpAddress.ofV4((int) aLo) : IpAddress.ofV6(aHi, aLo);
        BigInteger max = BigInteger.TWO.pow(v4 ? 32 : 128).subtract(BigInteger.ONE);
        BigInteger f = new BigInteger(1, first.toBytes());
        BigInteger l = f.add(BigInteger.valueOf(span & 0xFFFF_FFFFFL)).min(max);
        byte[] lb = l.toByteArray();
        byte[] fixed = new byte[v4 ? 4 : 16];
        for (int i = 0; i < fixed.length && i < lb.length; i++) {
            fixed[fixed.length - 1 - i] = lb[lb.length - 1 - i];
        }
        IpRange r = new IpRange(first, IpAddress.ofBytes(fixed));
        List<IpRange> parts = r.toCidrs();
        assertThat(parts.get(0).first()).isEqualTo(r.first());
        assertThat(parts.get(parts.size() - 1).last()).isEqualTo(r.last());
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < parts.size(); i++) {
            IpRange p = parts.get(i);
            assertThat(p.isCidr()).isTrue();
            assertThat(IpRange.cidr(p.first(), p.prefixLength())).isEqualTo(p);
            total = total.add(p.size());
            if (i > 0) {
                assertThat(parts.get(i - 1).last().next()).isEqualTo(p.first());
                IpRange prev = parts.get(i - 1);
                if (prev.prefixLength() == p.prefixLength() && p.prefixLength() > 0) {
                    assertThat(IpRange.cidr(prev.first(), p.prefixLength() - 1).first()).isNotEqualTo(prev.first());
                }
            }
        }
        assertThat(total).isEqualTo(r.size());
    }
}
