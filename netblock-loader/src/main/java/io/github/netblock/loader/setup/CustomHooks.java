package io.github.netblock.loader.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Wires the netblock processor and its mappings into the {@code @custom} hooks of the Elastic
 * conventions, where data from Elastic Agent, Filebeat and Logstash already flows: the stack's
 * {@code logs@default-pipeline} calls the pipeline {@code logs@custom}, Fleet's integration pipelines
 * call {@code global@custom}, {@code TYPE@custom}, {@code TYPE-PACKAGE.integration@custom} and
 * {@code TYPE-DATASET@custom} (e.g. {@code logs-nginx.access@custom}), and the index templates of the
 * stack and of Fleet compose the component templates {@code logs@custom} and {@code TYPE-DATASET@custom}.
 *
 * <p>Attaching to {@code NAME@custom} adds one processor, tagged {@value #TAG}, to the pipeline
 * {@code NAME} and the fields the processor writes to the component template {@code NAME}; each is
 * created when missing and otherwise merged: the user's processors, mappings and settings stay as
 * they are (a field the user already maps keeps the user's mapping). What was added is recorded in
 * {@code _meta.}{@value #META}, so detaching removes exactly that and nothing of the user's, and
 * deletes an object only when attach created it and nothing else is left in it. Running either
 * twice changes nothing. Documents already stored are not touched (the mappings reach a data stream
 * at its next rollover).
 *
 * <p>{@code global@custom} and {@code TYPE-PACKAGE.integration@custom} are pipeline hooks only: no index
 * template of Fleet or the stack composes a component template of those names (Fleet composes
 * {@code TYPE@custom} and {@code TYPE-DATASET@custom}), so attach adds the processor there and no mappings,
 * and says so; the fields of those data streams are mapped by whatever maps them otherwise (another attached
 * hook's component template, or dynamic mapping).
 */
public final class CustomHooks {
    /** The tag of the processor attach adds; detach removes processors with this tag. */
    public static final String TAG = "netblock-loader-setup";
    /** The {@code _meta} key where attach records what it created or added. */
    public static final String META = "netblock_setup";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestJson rest;
    private final PrintWriter log;

    public CustomHooks(RestClient rest, PrintWriter log) {
        this(new RestJson(rest), log);
    }

    public CustomHooks(RestJson rest, PrintWriter log) {
        this.rest = rest;
        this.log = log;
    }

    /** Refuses a name that is not an {@code @custom} hook. */
    public static void checkName(String name) {
        if (!name.endsWith("@custom") || name.length() == "@custom".length() || name.contains("/") || name.contains("*")
                || name.contains(",")) {
            throw new IllegalArgumentException("[" + name + "] is not an @custom pipeline name such as logs@custom or logs-nginx.access@custom");
        }
    }

    /**
     * The index pattern of the data streams an {@code @custom} hook serves, for the Kibana data view:
     * {@code logs@custom} -> {@code logs-*-*}, {@code logs-nginx.access@custom} -> {@code logs-nginx.access-*},
     * {@code logs-nginx.integration@custom} -> {@code logs-nginx.*-*}, {@code global@custom} -> {@code *-*-*}.
     */
    public static String dataStreamPattern(String hook) {
        String base = base(hook);
        if (base.equals("global")) {
            return "*-*-*";
        }
        if (base.endsWith(".integration")) {
            return base.substring(0, base.length() - "integration".length()) + "*-*";
        }
        return base.contains("-") ? base + "-*" : base + "-*-*";
    }

    /**
     * Adds the processor to the pipeline {@code hook} and the mappings to the component template {@code hook}.
     *
     * @param processor the processor to add, e.g. {@code {"netblock": {"field": "source.ip", ...}}}
     * @param sourceMappings the {@code properties} of {@code source} the processor writes
     */
    public void attach(String hook, ObjectNode processor, ObjectNode sourceMappings) throws IOException {
        checkName(hook);
        attachPipeline(hook, processor);
        if (mappingsApplied(hook)) {
            attachMappings(hook, sourceMappings);
        } else {
            log.printf("component template %s: not created: no index template would use it (Fleet's and the stack's index templates "
                    + "compose only TYPE@custom and TYPE-DATASET@custom component templates)%n", hook);
            log.printf("  %s: the netblock processor is attached, but the netblock field mappings are not applied by any index template: "
                    + "the data streams of %s get the new fields with the mappings they already have or dynamic ones, and a rollover "
                    + "does not change that; %s%n", hook, dataStreamPattern(hook), mappingsAdvice(hook));
        }
    }

    /**
     * Whether the index templates of Fleet and the stack compose a component template named {@code hook}, so that
     * the mappings attach puts there reach data streams: {@code TYPE@custom} and {@code TYPE-DATASET@custom} yes;
     * {@code global@custom} and {@code TYPE-PACKAGE.integration@custom}, which only Fleet's pipelines call, no.
     */
    public static boolean mappingsApplied(String hook) {
        String base = base(hook);
        return !base.equals("global") && !base.endsWith(".integration");
    }

    /** Which hook to attach as well, so that an index template maps the fields. */
    static String mappingsAdvice(String hook) {
        String base = base(hook);
        if (base.endsWith(".integration")) {
            String pkg = base.substring(0, base.length() - ".integration".length()); // logs-nginx
            int dash = pkg.indexOf('-');
            String type = dash > 0 ? pkg.substring(0, dash) : pkg;
            return "to map them, also --attach " + type + "@custom (every " + type + "-*-* data stream) or the dataset's --attach "
                    + pkg + ".DATASET@custom (e.g. " + pkg + ".access@custom)";
        }
        return "to map them, also --attach TYPE@custom (e.g. logs@custom: every logs-*-* data stream) or a dataset's TYPE-DATASET@custom "
                + "(e.g. logs-nginx.access@custom)";
    }

    private static String base(String hook) {
        return hook.substring(0, hook.length() - "@custom".length());
    }

    /** Removes what {@link #attach} added to {@code hook}; the user's own processors and mappings stay. */
    public void detach(String hook) throws IOException {
        checkName(hook);
        detachPipeline(hook);
        detachMappings(hook);
    }

    /** The {@code @custom} pipelines that hold the tagged processor. */
    public List<String> attached() throws IOException {
        JsonNode all = get("/_ingest/pipeline/*@custom");
        List<String> out = new ArrayList<>();
        if (all == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = all.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (tagged(e.getValue().path("processors")) >= 0) {
                out.add(e.getKey());
            }
        }
        out.sort(null);
        return out;
    }

    private void attachPipeline(String hook, ObjectNode processor) throws IOException {
        JsonNode got = get("/_ingest/pipeline/" + hook);
        ObjectNode body;
        boolean created = got == null;
        if (created) {
            body = JSON.createObjectNode();
            body.put("description", "Hook for custom processing of the data streams " + dataStreamPattern(hook)
                    + "; the netblock processor was added by netblock-loader setup --attach");
            body.putArray("processors");
        } else {
            body = writable(got.path(hook));
        }
        ArrayNode processors = body.withArray("processors");
        ObjectNode ours = processor.deepCopy();
        ((ObjectNode) ours.elements().next()).put("tag", TAG);
        int at = tagged(processors);
        if (at >= 0 && processors.get(at).equals(ours)) {
            log.printf("pipeline %s: the netblock processor is already attached%n", hook);
            return;
        }
        if (at >= 0) {
            processors.set(at, ours);
        } else {
            processors.add(ours);
        }
        ObjectNode meta = obj(obj(body, "_meta"), META);
        if (!meta.has("created")) {
            meta.put("created", created);
        }
        put("/_ingest/pipeline/" + hook, body);
        log.printf("pipeline %s: netblock processor %s%n", hook, (at >= 0 ? "updated" : "attached")
                + (created ? " (pipeline created)" : " after the " + (processors.size() - 1) + " processor(s) already there"));
    }

    private void detachPipeline(String hook) throws IOException {
        JsonNode got = get("/_ingest/pipeline/" + hook);
        if (got == null) {
            log.printf("pipeline %s: does not exist, nothing to detach%n", hook);
            return;
        }
        ObjectNode body = writable(got.path(hook));
        ArrayNode processors = body.withArray("processors");
        int removed = 0;
        for (int at; (at = tagged(processors)) >= 0; removed++) {
            processors.remove(at);
        }
        boolean created = body.path("_meta").path(META).path("created").asBoolean(false);
        if (removed == 0 && !body.path("_meta").has(META)) {
            log.printf("pipeline %s: no netblock processor attached, left as it is%n", hook);
            return;
        }
        if (created && processors.isEmpty() && body.path("on_failure").isMissingNode()) {
            delete("/_ingest/pipeline/" + hook);
            log.printf("pipeline %s: deleted (setup had created it and nothing else is in it)%n", hook);
            return;
        }
        removeMeta(body);
        put("/_ingest/pipeline/" + hook, body);
        log.printf("pipeline %s: netblock processor detached, %d processors of yours kept%n", hook, processors.size());
    }

    private void attachMappings(String hook, ObjectNode sourceMappings) throws IOException {
        JsonNode got = get("/_component_template/" + hook);
        boolean created = got == null;
        ObjectNode body = created ? JSON.createObjectNode() : writable(got.path("component_templates").path(0).path("component_template"));
        JsonNode meta = body.path("_meta").path(META);
        TreeSet<String> added = new TreeSet<>();
        if (meta.isObject()) {
            meta.path("added_fields").forEach(f -> added.add(f.asText()));
        }
        ObjectNode properties = obj(obj(obj(body, "template"), "mappings"), "properties");
        List<String> kept = new ArrayList<>();
        int before = added.size();
        merge(obj(obj(properties, "source"), "properties"), sourceMappings, "source.", added, kept);
        if (!meta.isObject() || added.size() != before) {
            ObjectNode m = obj(obj(body, "_meta"), META);
            if (!m.has("created")) {
                m.put("created", created);
            }
            ArrayNode fields = m.putArray("added_fields");
            added.forEach(fields::add);
            put("/_component_template/" + hook, body);
            log.printf("component template %s: %d netblock field mappings added%s%s%n", hook, added.size() - before,
                    created ? " (component template created)" : "",
                    kept.isEmpty() ? "" : "; your own mappings of " + String.join(", ", kept) + " kept");
            log.printf("  data streams of %s get them at their next rollover (POST <data stream>/_rollover); stored documents are left alone%n",
                    dataStreamPattern(hook));
        } else {
            log.printf("component template %s: the netblock field mappings are already there%n", hook);
        }
    }

    private void detachMappings(String hook) throws IOException {
        JsonNode got = get("/_component_template/" + hook);
        if (got == null) {
            log.printf("component template %s: does not exist, nothing to detach%n", hook);
            return;
        }
        ObjectNode body = writable(got.path("component_templates").path(0).path("component_template"));
        JsonNode meta = body.path("_meta").path(META);
        if (!meta.isObject()) {
            log.printf("component template %s: no netblock mappings attached, left as it is%n", hook);
            return;
        }
        ObjectNode properties = (ObjectNode) body.path("template").path("mappings").path("properties");
        int removed = 0;
        if (properties.isObject()) {
            for (JsonNode f : meta.path("added_fields")) {
                removed += remove(properties, f.asText().split("\\."), 0) ? 1 : 0;
            }
        }
        boolean created = meta.path("created").asBoolean(false);
        removeMeta(body);
        pruneEmpty(body, "template");
        if (created && body.path("template").isMissingNode() && body.path("_meta").isMissingNode()) {
            try {
                delete("/_component_template/" + hook);
                log.printf("component template %s: deleted (setup had created it and nothing else is in it)%n", hook);
                return;
            } catch (ResponseException e) {
                // an index template composes it (Fleet's, the stack's): keep it, empty
            }
        }
        if (body.path("template").isMissingNode()) {
            body.putObject("template");
        }
        put("/_component_template/" + hook, body);
        log.printf("component template %s: %d netblock field mappings removed, your own kept%n", hook, removed);
    }

    /** Adds each leaf mapping of {@code ours} that {@code theirs} lacks; a field of theirs is never changed. */
    private static void merge(ObjectNode theirs, ObjectNode ours, String prefix, TreeSet<String> added, List<String> kept) {
        Iterator<Map.Entry<String, JsonNode>> it = ours.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            JsonNode mine = e.getValue();
            JsonNode existing = theirs.get(e.getKey());
            boolean object = mine.has("properties");
            if (existing == null) {
                if (object) {
                    merge(theirs.putObject(e.getKey()).putObject("properties"), (ObjectNode) mine.get("properties"), path + ".", added, kept);
                } else {
                    theirs.set(e.getKey(), mine.deepCopy());
                    added.add(path);
                }
            } else if (object && existing.has("properties") && existing.path("type").asText("object").equals("object")) {
                merge((ObjectNode) existing.get("properties"), (ObjectNode) mine.get("properties"), path + ".", added, kept);
            } else if (!existing.equals(mine) && !added.contains(path)) {
                kept.add(path);
            }
        }
    }

    /** Removes the leaf at {@code path} and the objects left empty above it. */
    private static boolean remove(ObjectNode properties, String[] path, int i) {
        JsonNode child = properties.get(path[i]);
        if (child == null) {
            return false;
        }
        if (i == path.length - 1) {
            properties.remove(path[i]);
            return true;
        }
        JsonNode sub = child.path("properties");
        if (!sub.isObject() || !remove((ObjectNode) sub, path, i + 1)) {
            return false;
        }
        if (sub.isEmpty() && child.size() == 1) {
            properties.remove(path[i]);
        }
        return true;
    }

    /** Removes {@code template.mappings.properties}, {@code template.mappings} and {@code template} when left empty. */
    private static void pruneEmpty(ObjectNode body, String key) {
        JsonNode t = body.path(key);
        if (!t.isObject()) {
            return;
        }
        ObjectNode template = (ObjectNode) t;
        if (template.path("mappings").isObject()) {
            ObjectNode mappings = (ObjectNode) template.get("mappings");
            if (mappings.path("properties").isObject() && mappings.get("properties").isEmpty()) {
                mappings.remove("properties");
            }
            if (mappings.isEmpty()) {
                template.remove("mappings");
            }
        }
        if (template.isEmpty()) {
            body.remove(key);
        }
    }

    private static void removeMeta(ObjectNode body) {
        if (body.path("_meta").isObject()) {
            ((ObjectNode) body.get("_meta")).remove(META);
            if (body.get("_meta").isEmpty()) {
                body.remove("_meta");
            }
        }
    }

    /** A GET answer as a PUT body: the read-only fields newer versions add are dropped. */
    private static ObjectNode writable(JsonNode got) {
        ObjectNode body = got.deepCopy();
        body.remove(List.of("created_date", "created_date_millis", "modified_date", "modified_date_millis"));
        return body;
    }

    /** The object under {@code key}, created when missing. */
    private static ObjectNode obj(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        return n instanceof ObjectNode o ? o : parent.putObject(key);
    }

    private static int tagged(JsonNode processors) {
        for (int i = 0; i < processors.size(); i++) {
            JsonNode p = processors.get(i);
            if (p.isObject() && p.size() == 1 && TAG.equals(p.elements().next().path("tag").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode get(String path) throws IOException {
        return rest.get(path);
    }

    private void put(String path, JsonNode body) throws IOException {
        rest.put(path, body);
    }

    private void delete(String path) throws IOException {
        rest.delete(path);
    }
}
