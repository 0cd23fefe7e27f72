package io.github.netblock.loader.feed.rdap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.netblock.loader.feed.RegistryDates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading RFC 9083 objects: entities and their roles, jCard ({@code vcardArray}) properties, public
 * ids, events. Shared by the {@code rdap-json} feed (IP networks) and {@code resolve} (the registrar
 * of a domain). Registries differ: ARIN nests the abuse contact inside the registrant entity, AFRINIC
 * gives entities without roles, RIPE puts several e-mail addresses on one contact.
 */
public final class RdapObjects {
    private RdapObjects() {}

    /** The entities of {@code object} that have {@code role}, its own first, then those nested in them, breadth first. */
    public static List<JsonNode> entitiesWithRole(JsonNode object, String role) {
        List<JsonNode> found = new ArrayList<>();
        List<JsonNode> level = new ArrayList<>();
        object.path("entities").forEach(level::add);
        for (int depth = 0; depth < 4 && !level.isEmpty(); depth++) { // real answers nest 2 deep; bounded anyway
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode e : level) {
                if (hasRole(e, role)) {
                    found.add(e);
                }
                e.path("entities").forEach(next::add);
            }
            level = next;
        }
        return found;
    }

    public static boolean hasRole(JsonNode entity, String role) {
        for (JsonNode r : entity.path("roles")) {
            if (r.asText().equalsIgnoreCase(role)) {
                return true;
            }
        }
        return false;
    }

    /** The first text value of a jCard property ({@code fn}, {@code org}, {@code kind}), or null. */
    public static String vcard(JsonNode entity, String property) {
        for (JsonNode p : properties(entity)) {
            if (p.isArray() && p.size() >= 4 && p.get(0).asText().equalsIgnoreCase(property)) {
                JsonNode v = p.get(3);
                String s = v.isArray() ? (v.size() > 0 ? v.get(0).asText() : "") : v.asText();
                if (!s.isBlank()) {
                    return s.strip();
                }
            }
        }
        return null;
    }

    /** The e-mail address an entity prefers ({@code pref} parameter 1, the lowest), else its first; null when none. */
    public static String email(JsonNode entity) {
        String first = null;
        String preferred = null;
        int best = Integer.MAX_VALUE;
        for (JsonNode p : properties(entity)) {
            if (p.isArray() && p.size() >= 4 && p.get(0).asText().equalsIgnoreCase("email") && !p.get(3).asText().isBlank()) {
                String address = p.get(3).asText().strip();
                first = first == null ? address : first;
                JsonNode pref = p.get(1).path("pref");
                if (!pref.isMissingNode()) {
                    try {
                        int n = Integer.parseInt(pref.asText().strip());
                        if (n < best) {
                            best = n;
                            preferred = address;
                        }
                    } catch (NumberFormatException e) {
                        // not a preference: ignore the parameter
                    }
                }
            }
        }
        return preferred != null ? preferred : first;
    }

    /** The identifier of the entity's public id of {@code type} (case-insensitive), e.g. "IANA Registrar ID"; null when none. */
    public static String publicId(JsonNode entity, String type) {
        for (JsonNode id : entity.path("publicIds")) {
            if (id.path("type").asText().equalsIgnoreCase(type) && !id.path("identifier").asText().isBlank()) {
                return id.path("identifier").asText().strip();
            }
        }
        return null;
    }

    /** The date of the object's event of {@code action} ("last changed", "registration"), or null. */
    public static Instant event(JsonNode object, String action) {
        for (JsonNode e : object.path("events")) {
            if (e.path("eventAction").asText().equalsIgnoreCase(action)) {
                Instant t = time(e.path("eventDate").asText(null));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * RFC 3339 with any offset ({@code 2012-02-24T09:44:34-05:00}, {@code ...Z}); null when absent, not a
     * time, or a time no registry wrote (before 1970 or after 2105, which a database cannot keep either).
     */
    public static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                t = Instant.parse(text.strip());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        return t.isBefore(Instant.EPOCH) || !t.isBefore(RegistryDates.END) ? null : t;
    }

    /** Text of a member, stripped; null when absent, null or blank. */
    public static String text(JsonNode object, String member) {
        JsonNode v = object.get(member);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static JsonNode properties(JsonNode entity) {
        JsonNode card = entity.path("vcardArray");
        return card.isArray() && card.size() >= 2 ? card.get(1) : MissingNode.getInstance();
    }
}
