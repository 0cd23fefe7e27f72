package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** backfill's command line is checked before any connection; an unreachable cluster is named. */
class BackfillOptionsTest {
    // nothing listens on port 9 of the loopback; a check that passed would fail there with exit 1
    private static final String NOWHERE = "http://127.0.0.1:9";

    @Test
    void anIndexPatternIsRequiredUnlessATaskIsResumed() {
        CliRun r = CliRun.of("backfill", "--es", NOWHERE);
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--index PATTERN is required (or --resume TASK_ID)");
    }

    @Test
    void resumeTakesATaskIdAndNothingThatShapesANewTask() {
        CliRun withIndex = CliRun.of("backfill", "--es", NOWHERE, "--resume", "n1:5", "--index", "x");
        assertThat(withIndex.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(withIndex.err()).contains("--resume follows a task already started: --index does not apply to it");
        CliRun throttled = CliRun.of("backfill", "--es", NOWHERE, "--resume", "n1:5", "--requests-per-second", "10");
        assertThat(throttled.err()).contains("--requests-per-second does not apply to it");
        CliRun badId = CliRun.of("backfill", "--es", NOWHERE, "--resume", "12345");
        assertThat(badId.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(badId.err()).contains("--resume 12345: a task id is NODE:NUMBER");
    }

    @Test
    void allAndMissingExcludeEachOtherAndMissingNamesAnOutputField() {
        CliRun both = CliRun.of("backfill", "--es", NOWHERE, "--index", "x", "--all", "--missing", "source.domain");
        assertThat(both.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(both.err()).contains("--all and --missing: give one");
        CliRun typo = CliRun.of("backfill", "--es", NOWHERE, "--index", "x", "--missing", "source.domian");
        assertThat(typo.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(typo.err()).contains("--missing source.domian: not a field the netblock processor writes");
    }

    @Test
    void theThrottleSlicesAndFailureLimitMustMakeSense() {
        assertThat(CliRun.of("backfill", "--es", NOWHERE, "--index", "x", "--requests-per-second", "0").err())
                .contains("--requests-per-second 0.0: give a number of documents per second above 0");
        assertThat(CliRun.of("backfill", "--es", NOWHERE, "--index", "x", "--slices", "0").err())
                .contains("--slices 0: give auto or a number from 1 to 9999");
        assertThat(CliRun.of("backfill", "--es", NOWHERE, "--index", "x", "--max-failures", "0").err())
                .contains("--max-failures 0: give 1 or more");
    }

    @Test
    void anUnreachableClusterIsNamed() {
        CliRun r = CliRun.of("backfill", "--es", NOWHERE, "--index", "netblock-attacks-*");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("netblock-loader backfill: cannot reach Elasticsearch at " + NOWHERE);
    }
}
