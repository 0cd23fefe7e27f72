package io.github.netblock.loader.setup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files setup installs: {@code elasticsearch/component-template-NAME.json},
 * {@code index-template-NAME.json}, {@code pipeline-NAME.json} and {@code kibana/*.ndjson}, from a
 * folder ({@code --dashboards}) or from the copy inside the loader jar.
 */
public final class DashboardFiles {
    static final String RESOURCE = "/io/github/netblock/loader/setup/dashboards/";
    static final List<String> BUNDLED = List.of(
            "elasticsearch/component-template-netblock-source.json",
            "elasticsearch/component-template-web-access.json",
            "elasticsearch/index-template-netblock-attacks.json",
            "elasticsearch/pipeline-netblock-source-ip.json",
            "elasticsearch/pipeline-nginx-access-raw.json",
            "kibana/netblock-dashboards.ndjson");

    /** A named JSON body. */
    public record Item(String name, String json) {}

    private final Path folder;

    /** @param folder the dashboards folder, or null for the bundled copy */
    public DashboardFiles(Path folder) {
        this.folder = folder;
    }

    public List<Item> componentTemplates() throws IOException {
        return items("elasticsearch/", "component-template-", ".json");
    }

    public List<Item> indexTemplates() throws IOException {
        return items("elasticsearch/", "index-template-", ".json");
    }

    public List<Item> pipelines() throws IOException {
        return items("elasticsearch/", "pipeline-", ".json");
    }

    /** The JSON of one pipeline file. */
    public String pipeline(String name) throws IOException {
        return named(pipelines(), "pipeline-", name);
    }

    /** The JSON of one component template file. */
    public String componentTemplate(String name) throws IOException {
        return named(componentTemplates(), "component-template-", name);
    }

    private static String named(List<Item> items, String prefix, String name) throws IOException {
        for (Item i : items) {
            if (i.name().equals(name)) {
                return i.json();
            }
        }
        throw new IOException("the dashboards lack elasticsearch/" + prefix + name + ".json");
    }

    public List<Item> kibanaObjects() throws IOException {
        return items("kibana/", "", ".ndjson");
    }

    private List<Item> items(String dir, String prefix, String suffix) throws IOException {
        List<Item> out = new ArrayList<>();
        if (folder != null) {
            Path d = folder.resolve(dir);
            if (!Files.isDirectory(d)) {
                return out;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path p : files.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(prefix) && n.endsWith(suffix)) {
                        out.add(new Item(n.substring(prefix.length(), n.length() - suffix.length()), Files.readString(p)));
                    }
                }
            }
            return out;
        }
        for (String path : BUNDLED) {
            String n = path.substring(path.lastIndexOf('/') + 1);
            if (path.startsWith(dir) && n.startsWith(prefix) && n.endsWith(suffix)) {
                try (InputStream in = DashboardFiles.class.getResourceAsStream(RESOURCE + path)) {
                    if (in == null) {
                        throw new IOException("the loader jar lacks " + path);
                    }
                    out.add(new Item(n.substring(prefix.length(), n.length() - suffix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }
}
