package io.github.netblock.loader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.loader.publish.ClusterPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.elasticsearch.client.RestClient;

/** {@code publish --es} and {@code update --es}: publishes into the cluster and prints what each node did. */
final class ClusterPublishing {
    private ClusterPublishing() {}

    /**
     * Publishes {@code database} (or rolls back when null) and prints the version and each node's status.
     *
     * @return 0 when every node serves it (or serves a file of its config folder instead), 1 when a node failed (the
     *         version is current; that node keeps its previous one and tries again when it catches up)
     */
    static int run(PublishOptions publish, ConnectionOptions connection, Path database, PrintWriter out, PrintWriter err) throws IOException {
        try (RestClient rest = connection.to("--es", publish.cluster()).restClient()) {
            ClusterPublisher publisher = new ClusterPublisher(rest, publish.name());
            ClusterPublisher.Published p = database == null ? publisher.rollback() : publisher.publish(database, publish.maxDrop());
            out.printf("published %s into the cluster as database [%s] generation %d (%,d blocks%s, sha256 %s)%n",
                    database == null ? "the previous version" : database, publish.name(), p.generation(), p.blocks(),
                    p.previousBlocks() < 0 ? "" : String.format(", replacing %,d", p.previousBlocks()), p.sha256());
            p.nodes().forEach((node, s) -> out.printf("  %-20s %s%s%n", node, s.status(), s.reason() == null ? "" : " (" + s.reason() + ")"));
            out.flush();
            if (!p.failures().isEmpty()) {
                err.println("netblock-loader: the new version is current, but " + p.failures().size() + " node(s) do not serve it: "
                        + String.join("; ", p.failures()) + " (GET _netblock/database shows each node's state)");
                err.flush();
                return 1;
            }
            return 0;
        }
    }

    /** "the cluster's [NAME] has N (+x%)", or that it has none yet (for update --dry-run). */
    static String comparedToCurrent(PublishOptions publish, ConnectionOptions connection, long blocks) throws IOException {
        try (RestClient rest = connection.to("--es", publish.cluster()).restClient()) {
            JsonNode current = new ClusterPublisher(rest, publish.name()).current();
            if (current == null) {
                return "the cluster has no database [" + publish.name() + "] yet";
            }
            long n = current.path("blocks").asLong();
            return String.format("the cluster's [%s] (generation %d) has %,d (%+.1f%%)", publish.name(), current.path("generation").asLong(), n,
                    100.0 * (blocks - n) / Math.max(n, 1));
        }
    }
}
