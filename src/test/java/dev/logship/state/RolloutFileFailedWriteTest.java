package dev.logship.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 hole 10: a decision's triggers wait until rollouts.json holds it. A write that fails
 * (here: the data directory's place is taken by a file, so nothing can be created there) fires
 * nothing; once the disk takes writes again, the retry writes it and only then the triggers run.
 */
class RolloutFileFailedWriteTest {
    @TempDir
    Path temp;

    @Test
    void aFailedWriteFiresNoTriggerUntilARetrySucceeds() throws Exception {
        Path dataDir = temp.resolve("data");
        Files.writeString(dataDir, "not a directory"); // every write under it fails
        RolloutFile file = new RolloutFile(dataDir);
        CountDownLatch fired = new CountDownLatch(1);
        file.saveThen(RolloutFileTest.sample(), fired::countDown);

        assertThat(fired.await(RolloutFile.RETRY_AFTER.toMillis() * 2, TimeUnit.MILLISECONDS))
                .as("a trigger before its decision is on disk").isFalse();

        Files.delete(dataDir);
        Files.createDirectories(dataDir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        assertThat(fired.await(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(new RolloutFile(dataDir).read().rollouts()).as("on disk before its trigger ran")
                .isEqualTo(RolloutFileTest.sample().rollouts());
        file.flush();
    }
}
