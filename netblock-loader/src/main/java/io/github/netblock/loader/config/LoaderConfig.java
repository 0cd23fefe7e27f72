package io.github.netblock.loader.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.ingest.core.text.Printable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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

    /**
     * Reads and validates a configuration file. Content errors are {@link InvalidInputException}s that
     * name the file, the line where there is one, the setting and the value found; a file that cannot be
     * read at all is a plain {@link IOException}.
     */
    public static LoaderConfig read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // The tree first: YAML syntax errors get their own message, and mapping errors below can quote
        // the value they found (Jackson's messages name Java types, not what the user wrote).
        JsonNode tree;
        try {
            tree = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(syntaxError(file, e), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidInputException(file + ": the configuration is empty");
        }
        LoaderConfig c;
        try {
            c = yaml.readValue(file.toFile(), LoaderConfig.class);
        } catch (UnrecognizedPropertyException e) {
            List<JsonMappingException.Reference> path = e.getPath();
            String in = path.size() > 1 ? " in " + pathText(path.subList(0, path.size() - 1)) : "";
            throw new InvalidInputException(at(file, e) + "unknown setting [" + e.getPropertyName() + "]" + in
                    + "; known: " + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(mappingError(file, tree, e), e);
        }
        String where = file + ": ";
        if (c.feeds().isEmpty()) {
            throw new InvalidInputException(where + "no feeds: list the feeds to read under 'feeds:' (see the README); "
                    + "a database without any would be empty");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            FeedConfig f = c.feeds().get(i);
            String feed = where + "feeds[" + i + "]";
            if (f.name() == null || f.name().isBlank()) {
                throw new InvalidInputException(feed + " has no name");
            }
            if (!names.add(f.name())) {
                throw new InvalidInputException(feed + ": feed name [" + f.name() + "] is used twice");
            }
            if (f.format() == null) {
                throw new InvalidInputException(feed + " (" + f.name() + ") has no format; known formats: " + FeedFormat.known());
            }
            if (f.active() && f.files().isEmpty() && f.urls().isEmpty()) {
                throw new InvalidInputException(feed + " (" + f.name() + ") names neither files nor urls");
            }
        }
        if (c.feeds().stream().noneMatch(FeedConfig::active)) {
            throw new InvalidInputException(where + "every feed has enabled: false; a database without any would be empty");
        }
        return c;
    }

    /** "FILE:LINE: " where Jackson knows the line, else "FILE: ". */
    private static String at(Path file, JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return file + (l != null && l.getLineNr() > 0 ? ":" + l.getLineNr() : "") + ": ";
    }

    private static String syntaxError(Path file, JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark problem = m.getProblemMark();
                String context = m.getContext() == null ? ""
                        : " (" + m.getContext().strip() + (m.getContextMark() == null ? "" : " started on line " + (m.getContextMark().getLine() + 1)) + ")";
                return file + ":" + (problem.getLine() + 1) + ": not valid YAML at column " + (problem.getColumn() + 1) + ": "
                        + m.getProblem().strip() + context;
            }
        }
        return at(file, e) + "not valid YAML: " + Printable.value(e.getOriginalMessage());
    }

    private static String mappingError(Path file, JsonNode tree, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String setting = pathText(path);
        String feed = "";
        if (path.size() >= 2 && "feeds".equals(path.get(0).getFieldName()) && path.get(1).getIndex() >= 0) {
            JsonNode name = tree.path("feeds").path(path.get(1).getIndex()).path("name");
            feed = name.isTextual() ? "feed " + name.asText() + ": " : "";
        }
        JsonNode found = tree.at(pointer(path));
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException reason) {
            // FeedFormat.of: "unknown format 'Y', known formats: ..."
            return at(file, e) + feed + (feed.isEmpty() ? setting + ": " : "") + reason.getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return at(file, e) + feed + setting + ": expected " + expected(m.getTargetType()) + ", found " + found(found);
        }
        return at(file, e) + feed + setting + ": " + Printable.value(e.getOriginalMessage());
    }

    /** feeds[1].files */
    private static String pathText(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the configuration" : b.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer p = JsonPointer.empty();
        for (JsonMappingException.Reference r : path) {
            p = r.getFieldName() != null ? p.appendProperty(r.getFieldName()) : r.getIndex() >= 0 ? p.appendIndex(r.getIndex()) : p;
        }
        return p;
    }

    private static String expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list ([a, b] or one '- item' line each)";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "text";
        }
        return "settings (name: value lines)";
    }

    private static String found(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "'" + Printable.value(value.asText()) + "'";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "settings (name: value lines)";
        }
        return Printable.value(value.asText());
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
        String path = URI.create(url).getPath();
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
            Boolean md5,
            Boolean optional) {

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

        /**
         * Whether a missing file skips the feed with a notice instead of failing the build: for files
         * that another command writes when it has something to say ({@code resolve}'s store).
         */
        public boolean isOptional() {
            return optional != null && optional;
        }

        /** How many bad records are tolerated before the feed is refused (default 100). */
        public long budget() {
            return errorBudget == null ? 100 : errorBudget;
        }
    }
}
