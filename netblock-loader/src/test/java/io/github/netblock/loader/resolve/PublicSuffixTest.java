package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.loader.feed.dns.RegisteredDomains;
import org.junit.jupiter.api.Test;

/**
 * The registered domain resolve looks registrars up for, and the build stores with each PTR name: the
 * Public Suffix List's ICANN section (Guava). Expected values worked out from the list's rules by hand.
 */
class PublicSuffixTest {
    private static RegisteredDomains.Split split(String name) {
        return RegisteredDomains.split(name);
    }

    @Test
    void aSecondLevelPublicSuffixKeepsOneLabelMore() {
        assertThat(split("scanner.example.co.uk").registeredDomain()).isEqualTo("example.co.uk");
        assertThat(split("scanner.example.co.uk").topLevelDomain()).isEqualTo("co.uk");
        assertThat(split("a.b.c.example.co.uk").registeredDomain()).isEqualTo("example.co.uk");
    }

    @Test
    void multiLabelSuffixesAndWildcardRulesWithTheirExceptions() {
        assertThat(split("x.example.pvt.k12.ma.us").registeredDomain()).isEqualTo("example.pvt.k12.ma.us"); // pvt.k12.ma.us is a suffix
        // *.kawasaki.jp: every label under kawasaki.jp is a suffix, except city.kawasaki.jp (!city.kawasaki.jp)
        assertThat(split("host.example.kawasaki.jp").registeredDomain()).isEqualTo("host.example.kawasaki.jp");
        assertThat(split("www.city.kawasaki.jp").registeredDomain()).isEqualTo("city.kawasaki.jp");
    }

    @Test
    void idnNamesInPunycodeAsDnsAnswersThemAndInUnicode() {
        assertThat(split("host.xn--bcher-kva.de").registeredDomain()).isEqualTo("xn--bcher-kva.de");
        assertThat(split("host.example.xn--p1ai").registeredDomain()).isEqualTo("example.xn--p1ai"); // .рф
        assertThat(split("host.example.xn--p1ai").topLevelDomain()).isEqualTo("xn--p1ai");
        assertThat(split("host.bücher.de").registeredDomain()).isEqualTo("bücher.de");
    }

    @Test
    void privateSectionSuffixesDoNotCount() {
        assertThat(split("bucket.s3.amazonaws.com").registeredDomain()).isEqualTo("amazonaws.com");
        assertThat(split("x.blogspot.com").registeredDomain()).isEqualTo("blogspot.com");
    }

    @Test
    void aPublicSuffixAloneReverseZoneNamesAndNonNamesHaveNone() {
        assertThat(split("co.uk").registeredDomain()).isNull();
        assertThat(split("7.2.0.192.in-addr.arpa")).isNull();
        assertThat(split("not a name")).isNull();
        assertThat(split("SCANNER.Example.COM.").name()).isEqualTo("scanner.example.com");
    }
}
