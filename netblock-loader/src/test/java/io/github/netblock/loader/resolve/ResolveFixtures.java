package io.github.netblock.loader.resolve;

import io.github.netblock.loader.testing.DnsFixture;
import io.github.netblock.loader.testing.RdapAnswers;
import io.github.netblock.loader.testing.RdapFixture;
import io.github.netblock.loader.testing.WhoisFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loopback world the resolve tests (and lookup --live's, and the integration test ResolveIT) run in: one DNS server, RDAP registries, an IANA-like WHOIS
 * server and two registry WHOIS servers (thin .org, Nominet-style .uk), with these facts:
 * <pre>
 * 192.0.2.10  PTR scanner-10.example.com   A 192.0.2.10 (confirmed)
 * 192.0.2.11  PTR mail.example.net         A 192.0.2.99 (not confirmed)
 * 192.0.2.12  NXDOMAIN
 * 192.0.2.13  SERVFAIL
 * 192.0.2.14  PTR host.example.org, truncated over UDP (TCP gives it)
 * 192.0.2.15  no answer (timeout)
 * 198.51.100.7 PTR vps7.example.co.uk
 * 2001:db8::7 PTR v6.example.com           AAAA 2001:db8::7 (confirmed)
 * RDAP: .com and .net at "verisign" (example.com and example.net: RESERVED-Internet Assigned Numbers
 *   Authority, IANA id 376, the real registrar of the example domains); .org and .uk have no RDAP server
 * WHOIS: IANA refers .org to the thin registry (Registrar ... IANA ID 376) and .uk to the Nominet-style one
 *   (Example Registrar Ltd, tag EXAMPLE)
 * networks: 192.0.2.0/24 at "arin" (ARIN-style, EXAMPLE-NET-1, Example Hosting Inc., abuse@hosting.example);
 *   198.51.100.0/24 asked at "lacnic", which redirects to "ripe" (RIPE-style, EXAMPLE-DOC-NET, NL, abuse@doc.example);
 *   2001:db8::/32 at "apnic", which holds nothing (404)
 * </pre>
 */
public final class ResolveFixtures implements AutoCloseable {
    public final DnsFixture dns;
    public final RdapFixture rdap;
    public final WhoisFixture iana;
    public final WhoisFixture orgRegistry;
    public final WhoisFixture ukRegistry;

    public ResolveFixtures() throws IOException {
        dns = new DnsFixture()
                .ptr("192.0.2.10", "scanner-10.example.com").address("scanner-10.example.com", "192.0.2.10")
                .ptr("192.0.2.11", "mail.example.net").address("mail.example.net", "192.0.2.99")
                .servfail("192.0.2.13")
                .ptr("192.0.2.14", "host.example.org").truncated("192.0.2.14")
                .silent("192.0.2.15")
                .ptr("198.51.100.7", "vps7.example.co.uk")
                .ptr("2001:db8::7", "v6.example.com").address("v6.example.com", "2001:db8::7");
        rdap = new RdapFixture();
        rdap.domain("verisign", "example.com", RdapAnswers.domain("example.com", "RESERVED-Internet Assigned Numbers Authority", 376))
                .domain("verisign", "example.net", RdapAnswers.domain("example.net", "RESERVED-Internet Assigned Numbers Authority", 376))
                .network("arin", "192.0.2.0/24", RdapAnswers.arinNetwork("192.000.002.000", "192.000.002.255", "EXAMPLE-NET-1", "NET-192-0-2-0-1",
                        "Example Hosting Inc.", "EXHO", "abuse@hosting.example"))
                .redirect("lacnic", "ripe")
                .network("ripe", "198.51.100.0/24", RdapAnswers.ripeNetwork("198.51.100.0", "198.51.100.255", "EXAMPLE-DOC-NET", "NL",
                        "Example documentation network", "abuse@doc.example", "198.51.0.0 - 198.51.255.255"))
                .bootstrapFile("dns.json", RdapAnswers.bootstrap("RDAP bootstrap file for Domain Name System registrations",
                        new String[][] {{"com", "net"}}, new String[] {rdap.base("verisign")}))
                .bootstrapFile("ipv4.json", RdapAnswers.bootstrap("RDAP bootstrap file for IPv4 address allocations",
                        new String[][] {{"192.0.2.0/24"}, {"198.51.100.0/24"}}, new String[] {rdap.base("arin"), rdap.base("lacnic")}))
                .bootstrapFile("ipv6.json", RdapAnswers.bootstrap("RDAP bootstrap file for IPv6 address allocations",
                        new String[][] {{"2001:db8::/32"}}, new String[] {rdap.base("apnic")}));
        orgRegistry = new WhoisFixture().answer("example.org",
                WhoisFixture.verisignStyle("example.org", "RESERVED-Internet Assigned Numbers Authority", 376L, "whois.iana.org"));
        ukRegistry = new WhoisFixture().answer("example.co.uk", WhoisFixture.nominetStyle("example.co.uk", "Example Registrar Ltd", "EXAMPLE"));
        // a registry's server as IANA names it; the fixtures listen on loopback ports, so the referral carries the port
        iana = new WhoisFixture()
                .answer("org", WhoisFixture.iana("org", "127.0.0.1:" + orgRegistry.address().getPort()))
                .answer("uk", WhoisFixture.iana("uk", "127.0.0.1:" + ukRegistry.address().getPort()));
    }

    /** The store's bootstrap files, as --refresh-bootstrap would write them. */
    public void writeBootstrap(Path store) throws IOException {
        Path dir = Files.createDirectories(store.resolve("bootstrap"));
        for (String f : RdapBootstrap.FILES) {
            Files.writeString(dir.resolve(f), new String(java.net.URI.create(rdap.bootstrapUrl() + f).toURL().openStream().readAllBytes()));
        }
    }

    /** "127.0.0.1:PORT" of the IANA-like server, for --whois-server. */
    public String ianaWhois() {
        return "127.0.0.1:" + iana.address().getPort();
    }

    @Override
    public void close() throws InterruptedException {
        dns.close();
        rdap.close();
        iana.close();
        orgRegistry.close();
        ukRegistry.close();
    }
}
