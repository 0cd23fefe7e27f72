package io.github.netblock.loader.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Durations on the command line: 7d, 24h, 30m, 10s, 500ms; a bad one is a usage error naming the option. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {}

    /** 0 only where {@code zero} is allowed. */
    static Duration parse(CommandSpec spec, String option, String text, boolean zero) {
        String t = text.strip();
        if (zero && t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), option + " [" + text + "]: must be a number followed by ms, s, m, h or d, e.g. 24h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() && !zero) {
            throw new ParameterException(spec.commandLine(), option + " [" + text + "]: must be more than 0");
        }
        return d;
    }
}
