package io.github.netblock.loader.resolve;

import java.util.Locale;

/**
 * What the registries said of a registered domain's registrar.
 *
 * @param status   FOUND (name and maybe IANA id), NOT_FOUND (the registry has no such domain, or
 *                 names no registrar), FAILED (no registry answered)
 * @param name     registrar name
 * @param ianaId   IANA registrar id, null when not given
 * @param via      "rdap" or "whois"
 * @param detail   what went wrong, for the summary
 */
public record RegistrarAnswer(Status status, String name, Long ianaId, String via, String detail) {
    public enum Status {
        FOUND(Ttls.Kind.ANSWER),
        NOT_FOUND(Ttls.Kind.NEGATIVE),
        FAILED(Ttls.Kind.FAILURE);

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

    static RegistrarAnswer found(String name, Long ianaId, String via) {
        return new RegistrarAnswer(Status.FOUND, name, ianaId, via, null);
    }

    static RegistrarAnswer notFound(String via, String detail) {
        return new RegistrarAnswer(Status.NOT_FOUND, null, null, via, detail);
    }

    static RegistrarAnswer failed(String detail) {
        return new RegistrarAnswer(Status.FAILED, null, null, null, detail);
    }
}
