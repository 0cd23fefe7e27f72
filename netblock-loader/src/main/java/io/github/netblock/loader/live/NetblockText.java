package io.github.netblock.loader.live;

import io.github.netblock.index.model.Netblock;
import io.github.netblock.ingest.core.text.Printable;
import java.io.PrintWriter;
import java.util.List;

/** One netblock as {@code lookup} prints it: the range and name, then one line an attribute, indented by depth. */
public final class NetblockText {
    private NetblockText() {}

    /** {@code depth} 1 for the narrowest block of a chain, 2 for its parent, ... */
    public static void print(PrintWriter w, Netblock b, int depth) {
        w.printf("%s%s  %s%n", "  ".repeat(depth), b.range(), b.name() == null ? "" : Printable.value(b.name()));
        String pad = "  ".repeat(depth + 1);
        line(w, pad, "owner", b.ownerName() == null ? null : b.ownerName() + (b.ownerId() == null ? "" : " (" + b.ownerId() + ")"));
        line(w, pad, "country", b.country());
        line(w, pad, "AS", b.asNumber() == null ? null : "AS" + b.asNumber() + (b.asName() == null ? "" : " " + b.asName()));
        line(w, pad, "abuse", b.abuseEmail());
        line(w, pad, "status", b.status());
        line(w, pad, "registry", b.registry());
        line(w, pad, "description", b.description());
        line(w, pad, "modified", b.lastModified() == null ? null : b.lastModified().toString());
        line(w, pad, "handle", b.handle());
        line(w, pad, "source", b.source());
    }

    private static void line(PrintWriter w, String pad, String label, String value) {
        if (value != null) {
            // a description has one line per descr: line; the later ones align under the first. Values may come
            // from a live answer: escaped, so an answer cannot send escape sequences to the terminal
            List<String> lines = value.lines().map(Printable::value).toList();
            w.printf("%s%-12s %s%n", pad, label, String.join(System.lineSeparator() + pad + " ".repeat(13), lines));
        }
    }
}
