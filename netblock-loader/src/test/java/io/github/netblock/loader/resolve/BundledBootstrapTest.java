package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RDAP bootstrap bundled in the jar picks the registry that really answered for each address of
 * realdata/rdap/ip-networks.json (its port43 says which), and Verisign for .com as IANA's file does.
 */
class BundledBootstrapTest {
    @TempDir
    Path dir;

    private static String host(RdapBootstrap b, String ip) {
        return b.forAddress(IpAddress.parse(ip)).stream().findFirst().map(URI::getHost).orElse(null);
    }

    @Test
    void theRealAnswersRegistriesAreTheFirstServers() throws IOException {
        RdapBootstrap b = RdapBootstrap.load(dir.resolve("bootstrap")); // nothing refreshed there: the bundled files
        assertThat(b.origin()).startsWith("bundled");
        assertThat(host(b, "74.125.225.229")).isEqualTo("rdap.arin.net");
        assertThat(host(b, "2001:4860:4860::8888")).isEqualTo("rdap.arin.net");
        assertThat(host(b, "62.239.237.1")).isEqualTo("rdap.db.ripe.net");
        assertThat(host(b, "2a00:2381:ffff::1")).isEqualTo("rdap.db.ripe.net");
        assertThat(host(b, "210.107.73.73")).isEqualTo("rdap.apnic.net");
        assertThat(host(b, "2001:240:10c:1::ca20:9d1d")).isEqualTo("rdap.apnic.net");
        assertThat(host(b, "200.57.141.161")).isEqualTo("rdap.lacnic.net");
        assertThat(host(b, "2801:10:c000::")).isEqualTo("rdap.lacnic.net");
        assertThat(host(b, "196.11.240.215")).isEqualTo("rdap.afrinic.net");
        assertThat(host(b, "2001:43f8:7b0::")).isEqualTo("rdap.afrinic.net");
        assertThat(b.forAddress(IpAddress.parse("10.0.0.1"))).as("private space: no registry").isEmpty();
        assertThat(b.forAddress(IpAddress.parse("127.0.0.1"))).isEmpty();
    }

    @Test
    void domainsByTheirLongestKnownSuffixHttpsFirst() throws IOException {
        RdapBootstrap b = RdapBootstrap.load(null);
        assertThat(b.forDomain("example.com")).first().hasToString("https://rdap.verisign.com/com/v1/");
        assertThat(b.forDomain("scanner.example.co.uk")).first().hasToString("https://rdap.nominet.uk/uk/");
        assertThat(b.forDomain("example.de")).as(".de has no RDAP server in IANA's file: WHOIS then").isEmpty();
        assertThat(b.domainCount()).isGreaterThan(1000);
        assertThat(b.forDomain("example.invalid")).isEmpty();
    }
}
