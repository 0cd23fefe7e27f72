package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RDAP GETs: {@code Accept: application/rdap+json}, each hop through the {@link ServerGate} of its
 * host (a redirect to another registry is that registry's query, under its limits), redirects followed
 * (at most {@value #MAX_HOPS} hops), HTTP 429 honoured (the server's {@code Retry-After}, seconds or a
 * date, pauses every query to it; the query is made again when the pause ends before the deadline),
 * 404 as "not found", answers larger than {@value #MAX_BYTES} bytes refused.
 */
final class RdapClient {
    static final int MAX_HOPS = 5;
    static final int MAX_BYTES = 4 << 20;
    private static final int MAX_429 = 3;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Politeness politeness;
    private final Duration timeout;

    RdapClient(Politeness politeness, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.politeness = politeness;
        this.timeout = timeout;
    }

    /**
     * What a query gave.
     *
     * @param deferredBy NOT_ASKED only: why, for the summary's count of what is left for the next run
     *                   ({@code deadline}, or the server that is DEAD: {@code rdap 127.0.0.1:1 DEAD})
     */
    record Result(Outcome outcome, JsonNode body, URI uri, String detail, String deferredBy) {
        Result(Outcome outcome, JsonNode body, URI uri, String detail) {
            this(outcome, body, uri, detail, null);
        }

        static Result failed(URI uri, String detail) {
            return new Result(Outcome.FAILED, null, uri, detail);
        }
    }

    enum Outcome {
        FOUND,
        NOT_FOUND,
        /** no answer: refused, timed out, 5xx, rate-limited past the deadline */
        FAILED,
        /** nothing was sent: the server is dead for the rest of the run, or the deadline came first; for the next run */
        NOT_ASKED
    }

    /** Why a server's gate gave no permit: its DEAD verdict, else the deadline. */
    static String deferredBy(ServerGate gate) {
        return gate.dead() ? gate.server() + " DEAD" : "deadline";
    }

    Result get(URI start, long deadlineNanos) throws InterruptedException {
        URI uri = start;
        int throttled = 0;
        for (int hop = 0; hop < MAX_HOPS; ) {
            ServerGate gate = politeness.rdap(hostPort(uri));
            ServerGate.Permit permit = gate.enter(deadlineNanos);
            if (permit == null) {
                return new Result(Outcome.NOT_ASKED, null, uri, gate.dead() ? "not asked: " + gate.server() + " is DEAD: " + gate.deadReason()
                        : "not asked: the run's deadline came first", deferredBy(gate));
            }
            HttpResponse<InputStream> response;
            byte[] body;
            try (permit) {
                response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/rdap+json, application/json")
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    body = in.readNBytes(MAX_BYTES + 1);
                }
            } catch (HttpTimeoutException e) {
                gate.failed("no answer within " + timeout.toSeconds() + " s");
                return Result.failed(uri, "no answer within " + timeout.toSeconds() + " s");
            } catch (IOException e) {
                String reason = ConnectionErrors.describe(e, hostPort(uri), timeout);
                gate.failed(reason);
                return Result.failed(uri, reason);
            }
            int code = response.statusCode();
            if (code == 429) {
                Duration pause = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                gate.retryAfter(pause);
                if (++throttled > MAX_429 || System.nanoTime() + pause.toNanos() - deadlineNanos >= 0) {
                    return Result.failed(uri, "rate-limited (HTTP 429, Retry-After " + pause.toSeconds() + " s)");
                }
                continue; // the gate holds the next query until the pause is over
            }
            if (code >= 300 && code < 400) {
                String location = response.headers().firstValue("Location").orElse(null);
                gate.answered();
                if (location == null) {
                    return Result.failed(uri, "HTTP " + code + " without Location");
                }
                uri = uri.resolve(location);
                hop++;
                continue;
            }
            if (code == 404) {
                gate.answered();
                return new Result(Outcome.NOT_FOUND, null, uri, "HTTP 404");
            }
            if (code >= 500) {
                gate.failed("HTTP " + code);
                return Result.failed(uri, "HTTP " + code);
            }
            gate.answered();
            if (code != 200) {
                return Result.failed(uri, "HTTP " + code);
            }
            if (body.length > MAX_BYTES) {
                return Result.failed(uri, "answer larger than " + MAX_BYTES + " bytes");
            }
            try {
                return new Result(Outcome.FOUND, JSON.readTree(body), uri, null);
            } catch (IOException e) {
                return Result.failed(uri, "answer is not JSON");
            }
        }
        return Result.failed(uri, "more than " + MAX_HOPS + " redirects");
    }

    /** Seconds or an HTTP date; a missing or unreadable value waits 10 s; at most 10 minutes. */
    static Duration retryAfter(String value) {
        Duration d = DEFAULT_RETRY_AFTER;
        if (value != null) {
            String v = value.strip();
            try {
                d = Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException e) {
                try {
                    d = Duration.between(java.time.Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    d = d.isNegative() ? Duration.ZERO : d;
                } catch (DateTimeParseException e2) {
                    // keep the default
                }
            }
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
