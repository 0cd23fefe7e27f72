package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.publish.Publisher;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void fileErrorsNameThePathAndTheReason() {
        // the JDK's AccessDeniedException says the path alone, "Is a directory" the reason alone
        assertThat(Failures.message(new AccessDeniedException("/es/config/ingest-netblock/.default.nbdb.1.tmp")))
                .isEqualTo("/es/config/ingest-netblock/.default.nbdb.1.tmp: permission denied");
        assertThat(Failures.message(new NoSuchFileException("/x/y"))).isEqualTo("/x/y: no such file or folder");
        assertThat(Failures.message(new FileSystemException("/mnt/ro", null, "Read-only file system"))).isEqualTo("/mnt/ro: Read-only file system");
        assertThat(Failures.message(new IOException("bad \u001b[2J value"))).isEqualTo("bad \\x1b[2J value");
    }

    @Test
    void exitCodesFollowTheTable() {
        assertThat(Failures.exitCode(new InvalidInputException("x"))).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(Failures.exitCode(new FeedFormatException(Path.of("f"), 1, "x"))).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(Failures.exitCode(new Publisher.RefusedException("x"))).isEqualTo(NetblockLoader.REFUSED);
        assertThat(Failures.exitCode(new AccessDeniedException("/x"))).isEqualTo(1);
        assertThat(Failures.exitCode(new IOException("disk full"))).isEqualTo(1);
    }
}
