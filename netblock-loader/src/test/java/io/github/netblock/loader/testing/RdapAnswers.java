package io.github.netblock.loader.testing;

/**
 * RFC 9083 answers in the shapes the registries give, for the fixture servers: a domain with its
 * registrar entity (ICANN's gTLD RDAP profile: {@code publicIds} "IANA Registrar ID", the name in the
 * jCard {@code fn}, the abuse contact nested), and IP networks as ARIN answers them (registrant
 * organisation with the abuse contact nested in it, {@code parentHandle} a handle) and as RIPE does
 * (abuse role at the top, remarks as descr lines, {@code parentHandle} a range).
 */
public final class RdapAnswers {
    private RdapAnswers() {}

    public static String domain(String name, String registrar, long ianaId) {
        return """
                {"objectClassName":"domain","handle":"2336799_DOMAIN_COM-VRSN","ldhName":"%1$s",
                 "links":[{"value":"https://rdap.example/domain/%1$s","rel":"self","href":"https://rdap.example/domain/%1$s","type":"application/rdap+json"}],
                 "status":["client delete prohibited","client transfer prohibited"],
                 "entities":[{"objectClassName":"entity","handle":"%3$d","roles":["registrar"],
                   "publicIds":[{"type":"IANA Registrar ID","identifier":"%3$d"}],
                   "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","%2$s"]]],
                   "entities":[{"objectClassName":"entity","roles":["abuse"],
                     "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text",""],["tel",{"type":"voice"},"uri","tel:+1.2083895740"],["email",{},"text","abuse@registrar.example"]]]}]}],
                 "events":[{"eventAction":"registration","eventDate":"1995-08-14T04:00:00Z"},{"eventAction":"last changed","eventDate":"2024-08-14T07:01:34Z"}],
                 "secureDNS":{"delegationSigned":true},
                 "nameservers":[{"objectClassName":"nameserver","ldhName":"A.IANA-SERVERS.NET"}],
                 "rdapConformance":["rdap_level_0","icann_rdap_technical_implementation_guide_0","icann_rdap_response_profile_0"],
                 "notices":[{"title":"Terms of Use","description":["Service subject to Terms of Use."]}]}
                """.formatted(name.toUpperCase(), registrar, ianaId);
    }

    /** An ARIN-style network: registrant organisation, abuse contact nested in it, zero-padded addresses. */
    public static String arinNetwork(String start, String end, String name, String handle, String org, String orgHandle, String abuse) {
        return """
                {"rdapConformance":["nro_rdap_profile_0","rdap_level_0","cidr0","arin_originas0"],
                 "objectClassName":"ip network","handle":"%3$s","startAddress":"%1$s","endAddress":"%2$s","ipVersion":"v4","name":"%4$s",
                 "type":"DIRECT ALLOCATION","parentHandle":"NET-198-0-0-0-0","status":["active"],"port43":"whois.arin.net",
                 "events":[{"eventAction":"last changed","eventDate":"2024-03-01T10:11:12-05:00"},{"eventAction":"registration","eventDate":"2010-05-04T00:00:00-04:00"}],
                 "entities":[{"objectClassName":"entity","handle":"%6$s","roles":["registrant"],"port43":"whois.arin.net",
                   "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","%5$s"],["adr",{"label":"1 Example Way\\nExampletown\\nUNITED STATES"},"text",["","","","","","",""]],["kind",{},"text","org"]]],
                   "entities":[{"objectClassName":"entity","handle":"ABUSE-EXAMPLE-ARIN","roles":["abuse"],
                     "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Abuse"],["kind",{},"text","group"],["email",{},"text","%7$s"]]]}]}],
                 "links":[{"value":"https://rdap.arin.net/registry/ip/%1$s","rel":"self","type":"application/rdap+json","href":"https://rdap.arin.net/registry/ip/%1$s"}]}
                """.formatted(start, end, handle, name, org, orgHandle, abuse);
    }

    /** A RIPE-style network: range handle, abuse role at the top, the descr line as an untitled remark, a range parent. */
    public static String ripeNetwork(String start, String end, String name, String country, String descr, String abuse, String parent) {
        return """
                {"objectClassName":"ip network","handle":"%1$s - %2$s","startAddress":"%1$s","endAddress":"%2$s","ipVersion":"v4","name":"%3$s",
                 "type":"ASSIGNED PA","country":"%4$s","parentHandle":"%7$s","port43":"whois.ripe.net",
                 "remarks":[{"description":["%5$s"]}],
                 "entities":[{"objectClassName":"entity","handle":"AR1-RIPE","roles":["abuse"],
                   "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Abuse contact"],["kind",{},"text","group"],["email",{"type":"email"},"text","%6$s"]]]},
                  {"objectClassName":"entity","handle":"EXAMPLE-MNT","roles":["registrant"]}],
                 "events":[{"eventAction":"last changed","eventDate":"2023-06-01T12:00:00Z"}],
                 "links":[{"value":"https://rdap.db.ripe.net/ip/%1$s","rel":"self","href":"https://rdap.db.ripe.net/ip/%1$s"}],
                 "rdapConformance":["cidr0","rdap_level_0","nro_rdap_profile_0","redacted"]}
                """.formatted(start, end, name, country, descr, abuse, parent);
    }

    /** IANA-style bootstrap: each service a list of entries and one base URL. */
    public static String bootstrap(String description, String[][] entries, String[] urls) {
        StringBuilder b = new StringBuilder("{\"description\":\"" + description + "\",\"publication\":\"2026-11-25T10:00:00Z\",\"services\":[");
        for (int i = 0; i < entries.length; i++) {
            b.append(i == 0 ? "" : ",").append("[[");
            for (int j = 0; j < entries[i].length; j++) {
                b.append(j == 0 ? "" : ",").append('"').append(entries[i][j]).append('"');
            }
            b.append("],[\"").append(urls[i]).append("\"]]");
        }
        return b.append("],\"version\":\"1.0\"}").toString();
    }
}
