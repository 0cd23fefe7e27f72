package io.github.netblock.loader.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The loader's configuration file (YAML). Feeds are listed strongest first: when two feeds describe
 * the same range, the earlier one wins (see the README).
 *
 * @param description text stored in the database header
 * @param output      default database file of {@code build}
 * @param cache       where {@code fetch} keeps downloads (relative to the config file; default {@code cache})
 * @param feeds       the feeds, strongest first
 */
public record LoaderConfig(String description, String output, String cache, List<FeedConfig> feeds) {

    public LoaderConfig {
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
    }

    /** Reads and validates a configuration file; errors name the file and what is wrong. */
    public static LoaderConfig read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        LoaderConfig c;
        try {
            c = yaml.readValue(file.toFile(), LoaderConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IOException(file + ": unknown setting [" + e.getPropertyName() + "] at line "
                    + e.getLocation().getLineNr() + "; known: " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new IOException(file + ": " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
        if (c == null) {
            throw new IOException(file + ": the configuration is empty");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            FeedConfig f = c.feeds().get(i);
            String where = file + ": feeds[" + i + "]";
            if (f.name() == null || f.name().isBlank()) {
                throw new IOException(where + " has no name");
            }
            if (!names.add(f.name())) {
                throw new IOException(where + ": feed name [" + f.name() + "] is used twice");
            }
            if (f.format() == null) {
                throw new IOException(where + " (" + f.name() + ") has no format; formats: " + List.of(FeedFormat.values()));
            }
            if (f.active() && f.files().isEmpty() && f.urls().isEmpty()) {
                throw new IOException(where + " (" + f.name() + ") names neither files nor urls");
            }
        }
        return c;
    }

    /** The cache folder. */
    public Path cacheDir(Path baseDir) {
        return baseDir.resolve(cache == null ? "cache" : cache);
    }

    /**
     * The files a feed's build reads: its {@code files}, else where {@code fetch} puts its
     * {@code urls}: {@code CACHE/FEED/LAST-PATH-SEGMENT}.
     */
    public List<Path> filesOf(FeedConfig f, Path baseDir) {
        if (!f.files().isEmpty()) {
            return f.files().stream().map(baseDir::resolve).toList();
        }
        return f.urls().stream().map(u -> cachedFile(f, u, baseDir)).toList();
    }

    public Path cachedFile(FeedConfig f, String url, Path baseDir) {
        String path = java.net.URI.create(url).getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return cacheDir(baseDir).resolve(f.name()).resolve(name.isEmpty() ? "index" : name);
    }

    /** One feed. */
    public record FeedConfig(
            String name,
            FeedFormat format,
            @JsonProperty("files") List<String> files,
            @JsonProperty("urls") List<String> urls,
            String charset,
            Boolean enabled,
            @JsonProperty("error_budget") Long errorBudget,
            @JsonProperty("username_env") String usernameEnv,
            @JsonProperty("password_env") String passwordEnv,
            Boolean md5) {

        public FeedConfig {
            files = files == null ? List.of() : List.copyOf(files);
            urls = urls == null ? List.of() : List.copyOf(urls);
        }

        /** Feeds are enabled unless {@code enabled: false}. */
        public boolean active() {
            return enabled == null || enabled;
        }

        /** Whether each URL has a published {@code URL.md5} to check the download against. */
        public boolean checkMd5() {
            return md5 != null && md5;
        }

        /** How many bad records are tolerated before the feed is refused (default 100). */
        public long budget() {
            return errorBudget == null ? 100 : errorBudget;
        }
    }
}
