package dev.logship.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionCleanupTest {
    @Test
    void revisionNumbersComeFromTheArnNotFromTheListingOrder() {
        assertThat(List.of("arn:aws:ecs:us-east-1:1:task-definition/f:9", "arn:aws:ecs:us-east-1:1:task-definition/f:10",
                "arn:aws:ecs:us-east-1:1:task-definition/f:100")).isSortedAccordingTo(Comparator.comparingLong(RevisionCleanup::revision));
    }

    @Test
    void anArnWithoutANumberSortsAsNewestSoItIsKept() {
        assertThat(RevisionCleanup.revision("arn:aws:ecs:us-east-1:1:task-definition/f")).isEqualTo(Long.MAX_VALUE);
        assertThat(RevisionCleanup.revision("arn:aws:ecs:us-east-1:1:task-definition/f:x")).isEqualTo(Long.MAX_VALUE);
    }
}
