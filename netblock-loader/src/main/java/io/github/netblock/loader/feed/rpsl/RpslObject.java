package io.github.netblock.loader.feed.rpsl;

import java.util.ArrayList;
import java.util.List;

/**
 * One RPSL object of a WHOIS dump: its attributes in order (names lower case, continuation lines
 * joined with one space), and the line it starts on.
 */
public record RpslObject(List<Attribute> attributes, long line) {

    /** One attribute, with the line it starts on. */
    public record Attribute(String name, String value, long line) {}

    /** The class of the object: the name of its first attribute (inetnum, organisation, role, ...). */
    public String type() {
        return attributes.get(0).name();
    }

    /** The value of the first attribute, the object's primary key. */
    public String key() {
        return attributes.get(0).value();
    }

    /** The first value of an attribute, or null. */
    public String first(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name) && !a.value().isEmpty()) {
                return a.value();
            }
        }
        return null;
    }

    /** Every value of a (possibly repeated) attribute. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name) && !a.value().isEmpty()) {
                out.add(a.value());
            }
        }
        return out;
    }

    /** Every non-empty occurrence of an attribute, with its line. */
    public List<Attribute> every(String name) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name) && !a.value().isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether the object has the attribute (with a value or without). */
    public boolean has(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
