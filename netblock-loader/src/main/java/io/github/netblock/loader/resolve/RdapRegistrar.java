package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.loader.feed.rdap.RdapObjects;

/**
 * The registrar in an RDAP domain object (RFC 9083, ICANN's RDAP profile): the entity with the role
 * {@code registrar}, its name the jCard {@code fn} (else {@code org}), its IANA id the public id of type
 * "IANA Registrar ID" (else a numeric handle, as some registries give it).
 */
final class RdapRegistrar {
    private RdapRegistrar() {}

    static RegistrarAnswer parse(JsonNode domain) {
        for (JsonNode e : RdapObjects.entitiesWithRole(domain, "registrar")) {
            String name = RdapObjects.vcard(e, "fn");
            if (name == null) {
                name = RdapObjects.vcard(e, "org");
            }
            String id = RdapObjects.publicId(e, "IANA Registrar ID");
            if (id == null) {
                String handle = RdapObjects.text(e, "handle");
                id = handle != null && handle.matches("\\d{1,9}") ? handle : null;
            }
            if (name != null) {
                return RegistrarAnswer.found(name, number(id), "rdap");
            }
        }
        return RegistrarAnswer.notFound("rdap", "no registrar entity in the answer");
    }

    static Long number(String id) {
        if (id == null) {
            return null;
        }
        try {
            long n = Long.parseLong(id.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
