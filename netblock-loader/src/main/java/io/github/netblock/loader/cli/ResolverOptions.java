package io.github.netblock.loader.cli;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.loader.resolve.ResolveOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The servers {@code resolve} and {@code lookup --live} ask: DNS resolvers, IANA's WHOIS server, where the RDAP bootstrap comes from. */
final class ResolverOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]", description = "DNS resolver to ask (repeatable; default: the system's configuration)")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--whois-server", paramLabel = "HOST[:PORT]", defaultValue = ResolveOptions.IANA_WHOIS,
            description = "the WHOIS server that refers to each TLD's registry (default: ${DEFAULT-VALUE})")
    String whoisServer;

    @Option(names = "--bootstrap-url", paramLabel = "URL", description = "where IANA's RDAP bootstrap files dns.json, ipv4.json and ipv6.json "
            + "are downloaded from (default: https://data.iana.org/rdap/; resolve downloads them with --refresh-bootstrap; lookup --live "
            + "for the lookup, and when that fails uses --store's copy, else the bundled one)")
    String bootstrapUrl;

    /** Whether any of these options was given (lookup reads them with --live only). */
    boolean given() {
        return !dnsServers.isEmpty() || bootstrapUrl != null || !ResolveOptions.IANA_WHOIS.equals(whoisServer);
    }

    /** The bootstrap folder URL, with its final slash; null when not given. */
    URI bootstrapBase() {
        if (bootstrapUrl == null) {
            return null;
        }
        try {
            URI u = URI.create(bootstrapUrl.endsWith("/") ? bootstrapUrl : bootstrapUrl + "/");
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw usage("--bootstrap-url " + bootstrapUrl + ": not an http(s) URL");
        }
    }

    /** The --dns-server values as socket addresses (port 53 by default); empty for the system's configuration. */
    List<InetSocketAddress> dnsServers() {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String s : dnsServers) {
            servers.add(dnsServer(s));
        }
        return servers;
    }

    /** HOST, HOST:PORT, an IPv6 address, [IPv6]:PORT; port 53 by default. */
    private InetSocketAddress dnsServer(String text) {
        String host = text.strip();
        int port = 53;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw usage("--dns-server " + text + ": missing ]");
            }
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (rest.startsWith(":")) {
                port = port(text, rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw usage("--dns-server " + text + ": expected [ADDRESS]:PORT");
            }
        } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = port(text, host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(IpAddress.parse(host).toBytes()), port);
        } catch (InvalidIpException | UnknownHostException e) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException u) {
                throw usage("--dns-server " + text + ": unknown host " + host);
            }
        }
    }

    private int port(String text, String p) {
        try {
            int n = Integer.parseInt(p);
            if (n > 0 && n < 65536) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw usage("--dns-server " + text + ": port [" + p + "] is not 1..65535");
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
