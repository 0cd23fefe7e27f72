package io.github.netblock.loader.resolve;

import java.util.Locale;

/**
 * What DNS said about an address's PTR record.
 *
 * @param status    the kind of answer
 * @param name      the PTR name, lower case, without the final dot (ANSWERED only)
 * @param confirmed with {@code --confirm}: whether the name's A/AAAA records contain the address;
 *                  null when not checked or when the forward query failed
 * @param detail    for failures, what went wrong (for messages)
 */
public record PtrAnswer(Status status, String name, Boolean confirmed, String detail) {
    /** DNS outcomes, each with its TTL kind. */
    public enum Status {
        ANSWERED(Ttls.Kind.ANSWER),
        /** the name does not exist */
        NXDOMAIN(Ttls.Kind.NEGATIVE),
        /** the name exists but has no PTR record */
        NODATA(Ttls.Kind.NEGATIVE),
        SERVFAIL(Ttls.Kind.FAILURE),
        TIMEOUT(Ttls.Kind.FAILURE),
        /** refused, another rcode, a network error */
        ERROR(Ttls.Kind.FAILURE);

        private final Ttls.Kind kind;

        Status(Ttls.Kind kind) {
            this.kind = kind;
        }

        public Ttls.Kind kind() {
            return kind;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String id) {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        }
    }

    static PtrAnswer failed(Status status, String detail) {
        return new PtrAnswer(status, null, null, detail);
    }
}
