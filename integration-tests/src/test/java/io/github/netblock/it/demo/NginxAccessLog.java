package io.github.netblock.it.demo;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx "combined" access-log lines to ECS documents. The integ-test distribution has no grok
 * processor (ingest-common), so the demo parses here what Filebeat's or Agent's nginx integration
 * would send: {@code source.ip}, {@code url.original}, {@code user_agent.original}, ...
 */
public final class NginxAccessLog {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)] \"(\\S+) (\\S+) (\\S+)\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"\\s*$");

    private NginxAccessLog() {}

    /** The document for one line; throws naming the line when it is not in the combined format. */
    public static Map<String, Object> parse(String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an nginx combined log line: [" + line + "]");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", OffsetDateTime.parse(m.group(3), TIME).toInstant().toString());
        doc.put("source", new LinkedHashMap<>(Map.of("ip", m.group(1))));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", m.group(4));
        if (!m.group(9).equals("-")) {
            request.put("referrer", m.group(9));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status_code", Integer.parseInt(m.group(7)));
        response.put("body", Map.of("bytes", m.group(8).equals("-") ? 0 : Long.parseLong(m.group(8))));
        doc.put("http", Map.of("version", m.group(6).replace("HTTP/", ""), "request", request, "response", response));
        doc.put("url", Map.of("original", m.group(5)));
        doc.put("user_agent", Map.of("original", m.group(10)));
        doc.put("event", Map.of("original", line));
        return doc;
    }
}
