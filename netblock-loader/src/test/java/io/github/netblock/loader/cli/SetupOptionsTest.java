package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** setup's command line is checked before any connection: one complete way to authenticate, @custom names only. */
class SetupOptionsTest {
    // nothing listens on port 9 of the loopback; a check that passed would fail there with exit 1
    private static final String NOWHERE = "http://127.0.0.1:9";

    @Test
    void userTogetherWithAnApiKeyIsRefusedAsAUsageError() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--user", "elastic", "--password-env", "PATH", "--api-key-env", "PATH");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--user and --api-key-env: give one way to authenticate, not both");
    }

    @Test
    void userWithoutAPasswordIsRefusedBeforeConnecting() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--user", "elastic");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--user elastic needs --password-env VAR").doesNotContain("cannot reach");
    }

    @Test
    void aPasswordWithoutAUserIsRefused() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--password-env", "PATH");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--password-env needs --user NAME");
    }

    @Test
    void attachTakesOnlyCustomHookNames() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--attach", "logs-nginx.access-1.2.0");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("[logs-nginx.access-1.2.0] is not an @custom pipeline name");
        CliRun both = CliRun.of("setup", "--es", NOWHERE, "--attach", "logs@custom", "--detach", "logs@custom");
        assertThat(both.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(both.err()).contains("logs@custom: given to both --attach and --detach");
    }
}
