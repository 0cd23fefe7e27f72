package io.github.netblock.loader.fetch;

import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.config.LoaderConfig.FeedConfig;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.download.DownloadException;
import io.github.netblock.loader.download.Downloader;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloads every URL of every enabled feed into the cache. Credentials come from the environment
 * variables the feed names ({@code username_env}, {@code password_env}) and are never printed.
 */
public final class FeedFetcher {
    private FeedFetcher() {}

    /** One URL's outcome. */
    public record Fetched(String feed, String url, Path file, boolean changed, long bytes) {}

    public static List<Fetched> fetchAll(LoaderConfig config, Path baseDir, Downloader.Options options, Map<String, String> env,
                                         PrintWriter log) throws IOException {
        return fetchAll(config, baseDir, options, env, log, Progress.NONE);
    }

    public static List<Fetched> fetchAll(LoaderConfig config, Path baseDir, Downloader.Options options, Map<String, String> env,
                                         PrintWriter log, Progress progress) throws IOException {
        // every feed's credentials are checked before the first download
        Map<FeedConfig, Downloader.Options> feeds = new LinkedHashMap<>();
        for (FeedConfig f : config.feeds()) {
            if (!f.active() || f.urls().isEmpty()) {
                continue;
            }
            Downloader.Options o = options;
            if (f.usernameEnv() != null || f.passwordEnv() != null) {
                String user = f.usernameEnv() == null ? null : env.get(f.usernameEnv());
                String pass = f.passwordEnv() == null ? null : env.get(f.passwordEnv());
                if ((f.usernameEnv() != null && user == null) || (f.passwordEnv() != null && pass == null)) {
                    throw new InvalidInputException("feed [" + f.name() + "] needs the environment variables " + f.usernameEnv() + " and "
                            + f.passwordEnv() + " to be set");
                }
                o = options.withCredentials(user, pass);
            }
            feeds.put(f, o);
        }
        // a failed download does not stop the others: every URL is tried, every failure reported
        List<Fetched> out = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<FeedConfig, Downloader.Options> e : feeds.entrySet()) {
            FeedConfig f = e.getKey();
            Downloader d = new Downloader(e.getValue(), progress);
            for (String url : f.urls()) {
                tried++;
                Path target = config.cachedFile(f, url, baseDir);
                try {
                    Downloader.Result r = d.fetch(url, target, f.checkMd5() ? url + ".md5" : null);
                    out.add(new Fetched(f.name(), url, target, r.changed(), r.bytes()));
                    log.printf("%-28s %s %s (%,d bytes)%n", f.name(), r.changed() ? "downloaded" : "unchanged ", target.getFileName(), r.bytes());
                } catch (IOException failure) {
                    String m = "feed [" + f.name() + "] " + Printable.escape(failure.getMessage() == null ? failure.toString() : failure.getMessage());
                    failures.add(m);
                    log.printf("%-28s FAILED     %s: %s%n", f.name(), target.getFileName(), m);
                }
                log.flush();
            }
        }
        if (!failures.isEmpty()) {
            throw new DownloadException(failedSummary(failures.size(), tried) + ": " + String.join(" | ", failures));
        }
        return out;
    }

    /** "2 of 5 downloads failed (the other 3 were fetched)", "all 3 downloads failed", "the download failed". */
    public static String failedSummary(int failed, int tried) {
        if (failed == tried) {
            return tried == 1 ? "the download failed" : "all " + tried + " downloads failed";
        }
        int fetched = tried - failed;
        return failed + " of " + tried + " downloads failed (the other " + (fetched == 1 ? "one was" : fetched + " were") + " fetched)";
    }
}
