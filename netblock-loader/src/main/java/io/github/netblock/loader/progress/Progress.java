package io.github.netblock.loader.progress;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long downloads and parses: a progress bar on a terminal, a plain line every
 * {@code interval} otherwise (logs, cron mails), nothing with {@code --quiet}.
 */
public abstract class Progress {
    /** Reports nothing. */
    public static final Progress NONE = new Progress() {
        @Override
        public Task start(String label, long total, String unit) {
            return new Task() {
                @Override
                public void advance(long n) {
                }

                @Override
                public void close() {
                }
            };
        }
    };

    /** One thing in progress. */
    public interface Task extends AutoCloseable {
        void advance(long n);

        /** Counters beside the amount, e.g. "updated 900, version conflicts 3": shown with the next line or bar update. */
        default void detail(String text) {
        }

        @Override
        void close();
    }

    /**
     * @param total the expected amount, or -1 when unknown
     * @param unit  "bytes" or a noun such as "blocks"
     */
    public abstract Task start(String label, long total, String unit);

    /** The right reporter for this process: a bar on a terminal, lines to {@code log} otherwise. */
    public static Progress choose(boolean quiet, PrintWriter log) {
        if (quiet) {
            return NONE;
        }
        if (System.console() != null) {
            return new Bars();
        }
        return new Lines(log, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    /** Plain lines at most every {@code interval}, and one when a task that reported ends. */
    public static final class Lines extends Progress {
        private final PrintWriter log;
        private final Clock clock;
        private final Duration interval;

        public Lines(PrintWriter log, Clock clock, Duration interval) {
            this.log = log;
            this.clock = clock;
            this.interval = interval;
        }

        @Override
        public Task start(String label, long total, String unit) {
            return new Task() {
                long done;
                boolean reported;
                String detail = "";
                long nextReport = clock.millis() + interval.toMillis();

                @Override
                public void detail(String text) {
                    detail = text == null || text.isEmpty() ? "" : " (" + text + ")";
                }

                @Override
                public void advance(long n) {
                    done += n;
                    long now = clock.millis();
                    if (now >= nextReport) {
                        nextReport = now + interval.toMillis();
                        reported = true;
                        report("");
                    }
                }

                private void report(String suffix) {
                    String amount = unit.equals("bytes") ? String.format("%,d MB", done >> 20) : String.format("%,d %s", done, unit);
                    String of = total > 0 ? (unit.equals("bytes") ? String.format(" of %,d MB (%d%%)", total >> 20, 100 * done / total)
                            : String.format(" of %,d", total)) : "";
                    log.printf("%s: %s%s%s%s%n", label, amount, of, detail, suffix);
                    log.flush();
                }

                /** A final line only for tasks long enough to have reported on the way (the caller sums up short ones). */
                @Override
                public void close() {
                    if (reported) {
                        report(", done");
                    }
                }
            };
        }
    }

    private static final class Bars extends Progress {
        @Override
        public Task start(String label, long total, String unit) {
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500);
            if (unit.equals("bytes")) {
                b.setUnit(" MB", 1 << 20);
            }
            ProgressBar bar = b.build();
            return new Task() {
                @Override
                public void advance(long n) {
                    bar.stepBy(n);
                }

                @Override
                public void detail(String text) {
                    bar.setExtraMessage(text == null ? "" : text);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
    }
}
