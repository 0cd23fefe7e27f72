package io.github.netblock.loader.resolve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run left for the next one, counted by cause: {@code deadline}, a server found DEAD
 * ({@code rdap 127.0.0.1:1 DEAD}), a full queue. Causes are few (one per dead server at most), so the
 * count stays small however many addresses there are. Thread-safe.
 */
final class Deferrals {
    static final String DEADLINE = "deadline";

    private final Map<String, Long> byCause = new LinkedHashMap<>();

    synchronized void add(String cause, long n) {
        if (n > 0) {
            byCause.merge(cause, n, Long::sum);
        }
    }

    void add(String cause) {
        add(cause, 1);
    }

    synchronized long total() {
        return byCause.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts by cause, the largest first. */
    synchronized Map<String, Long> byCause() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        byCause.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * "{@code 12 left for the next run (deadline)}", or with several causes
     * "{@code 12 left for the next run (10: rdap 127.0.0.1:1 DEAD; 2: deadline)}"; null when nothing was left.
     */
    static String text(Map<String, Long> byCause) {
        long total = byCause.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        for (Map.Entry<String, Long> e : byCause.entrySet()) {
            why.append(why.length() == 0 ? "" : "; ").append(byCause.size() == 1 ? "" : String.format("%,d: ", e.getValue())).append(e.getKey());
        }
        return String.format("%,d left for the next run (%s)", total, why);
    }
}
