package io.github.netblock.it.demo;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.NetblockDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * A deterministic scanner access log: the vulnerability probes web servers see all day, from
 * real-looking attacker addresses (routed addresses of the bundled database, spread over many
 * countries), a few of them very busy.
 */
public final class SampleAttackLog {
    static final String[] PATHS = {"/phpMyAdmin/scripts/setup.php", "/pma/scripts/setup.php", "/myadmin/scripts/setup.php",
        "/MyAdmin/scripts/setup.php", "/phpmyadmin/index.php", "/wp-login.php", "/.env", "/.git/config", "/admin/config.php",
        "/cgi-bin/luci/;stok=/locale", "/boaform/admin/formLogin", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
        "/HNAP1/", "/solr/admin/info/system", "/actuator/health", "/"};
    static final String[] AGENTS = {"ZmEu", "Mozilla/5.0 zgrab/0.x", "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "python-requests/2.31.0", "curl/8.4.0", "Go-http-client/1.1", "Mozilla/5.0 (compatible; Nmap Scripting Engine)"};

    private SampleAttackLog() {}

    /**
     * @param lines   how many log lines
     * @param end     the time of the last line; lines spread over the 24 hours before it
     */
    public static List<String> generate(NetblockDatabase db, int lines, Instant end, long seed) {
        return generate(db, lines, 400, end, seed);
    }

    /** @param attackers how many distinct attacking addresses, hit with a Zipf-like skew (a few very busy scanners) */
    public static List<String> generate(NetblockDatabase db, int lines, int attackerCount, Instant end, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> attackers = attackers(db, rnd, attackerCount);
        double[] cdf = new double[attackers.size()];
        double sum = 0;
        for (int k = 0; k < cdf.length; k++) {
            sum += 1.0 / Math.pow(k + 1, 0.9);
            cdf[k] = sum;
        }
        List<String> out = new ArrayList<>(lines);
        long span = 24L * 3600;
        for (int i = 0; i < lines; i++) {
            int k = java.util.Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
            String ip = attackers.get(k < 0 ? Math.min(-k - 1, cdf.length - 1) : k);
            Instant t = end.minusSeconds(span - span * i / lines);
            String path = PATHS[rnd.nextInt(PATHS.length)];
            String agent = path.contains("setup.php") && rnd.nextBoolean() ? "ZmEu" : AGENTS[rnd.nextInt(AGENTS.length)];
            int status = path.equals("/") ? 200 : rnd.nextInt(10) == 0 ? 403 : 404;
            int bytes = status == 200 ? 612 : status == 403 ? 153 : 143 + rnd.nextInt(20);
            out.add(ip + " - - [" + NginxAccessLog.TIME.format(t.atOffset(ZoneOffset.UTC)) + "] \"GET " + path + " HTTP/1.1\" "
                    + status + " " + bytes + " \"-\" \"" + agent + "\"");
        }
        return out;
    }

    /** Global unicast IPv6 prefixes where most routed space is (2001::/16, 2400::/12, 2600::/12, 2800::/12, 2a00::/12, 2c00::/12). */
    private static final long[] V6_PREFIXES = {0x2001L << 48, 0x2400L << 48, 0x2600L << 48, 0x2800L << 48, 0x2a00L << 48, 0x2c00L << 48};

    /**
     * Routed addresses with a country, new countries first, one in 25 of them IPv6: drawn at random and
     * kept where the database's routing and location views both know the address (the bundled database
     * describes public space by those views, not by blocks).
     */
    private static List<String> attackers(NetblockDatabase db, SplittableRandom rnd, int count) {
        if (!db.hasRoutingData() || !db.hasCountryData()) {
            return blockAttackers(db, rnd, count);
        }
        Set<String> countries = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (int tries = 0; out.size() < count && tries < 2_000_000; tries++) {
            boolean ipv6 = tries % 25 == 0;
            IpAddress a;
            if (ipv6) {
                long prefix = V6_PREFIXES[rnd.nextInt(V6_PREFIXES.length)];
                int bits = prefix == (0x2001L << 48) ? 16 : 12;
                a = IpAddress.ofV6(prefix | (rnd.nextLong() >>> bits), 1 + rnd.nextInt(200));
            } else {
                a = IpAddress.ofV4(rnd.nextInt());
            }
            String country = db.country(a).orElse(null);
            if (country == null || db.originAs(a).isEmpty()) {
                continue;
            }
            // prefer countries not seen yet until sixty of them are in
            if (countries.contains(country) && countries.size() < 60 && rnd.nextInt(4) > 0) {
                continue;
            }
            countries.add(country);
            out.add(a.toString());
        }
        return out;
    }

    /** For a database without views (WHOIS blocks only): addresses inside IPv4 blocks with an AS and a country, and a few IPv6. */
    private static List<String> blockAttackers(NetblockDatabase db, SplittableRandom rnd, int count) {
        int v4 = (int) db.metadata().counts().v4Blocks();
        int v6 = (int) db.metadata().counts().v6Blocks();
        Set<String> countries = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (int tries = 0; out.size() < count && tries < 2_000_000 && v4 > 0; tries++) {
            boolean ipv6 = v6 > 0 && tries % 25 == 0;
            int id = ipv6 ? v4 + rnd.nextInt(v6) : rnd.nextInt(v4);
            String country = db.attribute(id, io.github.netblock.index.read.BlockAttribute.COUNTRY);
            if (country == null || db.asNumber(id) < 0) {
                continue;
            }
            if (countries.contains(country) && countries.size() < 60 && rnd.nextInt(4) > 0) {
                continue;
            }
            countries.add(country);
            io.github.netblock.index.ip.IpRange r = db.range(id);
            IpAddress a = ipv6
                    ? IpAddress.ofV6(r.first().high(), r.first().low() + 1 + rnd.nextInt(200))
                    : IpAddress.ofV4((int) (r.first().low() + rnd.nextLong(r.last().low() - r.first().low() + 1)));
            if (r.contains(a)) {
                out.add(a.toString());
            }
        }
        return out;
    }
}
