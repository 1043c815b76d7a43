package dev.logship.aws;

import dev.logship.model.TaskDefinitionSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task definition revisions are immutable, so their content is described once per ARN for the
 * life of the process. Their tags are not: anyone may tag or untag a revision. So tags older
 * than {@link #TAG_TTL} are re-read with one ListTagsForResource (ECS's tag-read bucket, not the
 * task-definition one), and logship's own TagResource/UntagResource on a revision mark its tags
 * stale at once. The TTL equals serve's default resync interval: tag drift is seen by the
 * second resync at the latest, at one call per revision in use per TTL however many clusters
 * share it, where re-reading on every observe would cost one per service per observe
 * (every 2 s per progressing cluster).
 */
final class TaskDefinitionCache {
    static final Duration TAG_TTL = Duration.ofMinutes(5);

    /** One revision: its content, its spec with the tags last read, and when they were read (null: stale). */
    private record Entry(TaskDefinition described, TaskDefinitionSpec spec, Instant tagsReadAt) {}

    private final Map<String, Entry> byArn = new ConcurrentHashMap<>();
    private final Duration tagTtl;
    private final Clock clock;

    TaskDefinitionCache() {
        this(TAG_TTL, Clock.systemUTC());
    }

    TaskDefinitionCache(Duration tagTtl, Clock clock) {
        this.tagTtl = tagTtl;
        this.clock = clock;
    }

    TaskDefinitionSpec get(String arn, Function<String, DescribeTaskDefinitionResponse> describe,
                           Function<String, List<Tag>> listTags) {
        Entry known = byArn.get(arn);
        if (known == null) {
            DescribeTaskDefinitionResponse r = describe.apply(arn);
            return put(arn, r.taskDefinition(), r.tags());
        }
        Instant now = clock.instant();
        if (known.tagsReadAt() == null || !now.isBefore(known.tagsReadAt().plus(tagTtl))) {
            return put(arn, known.described(), listTags.apply(arn));
        }
        return known.spec();
    }

    /** Remembers a revision just described or registered, with its tags as of now. */
    TaskDefinitionSpec put(String arn, TaskDefinition described, List<Tag> tags) {
        Entry entry = new Entry(described, TaskDefinitionMapper.toSpec(described, tags), clock.instant());
        byArn.put(arn, entry);
        return entry.spec();
    }

    /** Someone (logship itself) changed the tags of {@code arn}: read them again on the next get. */
    void tagsChanged(String arn) {
        byArn.computeIfPresent(arn, (k, e) -> new Entry(e.described(), e.spec(), null));
    }

    int size() {
        return byArn.size();
    }
}
