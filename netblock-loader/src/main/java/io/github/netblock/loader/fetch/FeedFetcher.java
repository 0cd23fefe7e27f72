package io.github.netblock.loader.fetch;

import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.config.LoaderConfig.FeedConfig;
import io.github.netblock.loader.download.Downloader;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<Fetched> out = new ArrayList<>();
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
            Downloader d = new Downloader(o, progress);
            for (String url : f.urls()) {
                Path target = config.cachedFile(f, url, baseDir);
                Downloader.Result r = d.fetch(url, target, f.checkMd5() ? url + ".md5" : null);
                out.add(new Fetched(f.name(), url, target, r.changed(), r.bytes()));
                log.printf("%-28s %s %s (%,d bytes)%n", f.name(), r.changed() ? "downloaded" : "unchanged ", target.getFileName(), r.bytes());
                log.flush();
            }
        }
        return out;
    }
}
