package dev.logship.aws;

import io.github.bucket4j.Bucket;
import java.util.EnumMap;
import java.util.Map;

/**
 * One token bucket per ECS rate-limit bucket (bucket4j), shared by every client of one
 * account and region ({@link AccountPacing}): a large rollout waits here instead of provoking
 * ThrottlingException.
 */
final class EcsRateLimiter {
    private final Map<ApiBucket, Bucket> buckets = new EnumMap<>(ApiBucket.class);
    private final Map<ApiBucket, Long> bursts = new EnumMap<>(ApiBucket.class);

    EcsRateLimiter(RateLimits limits) {
        if (limits.enabled()) {
            limits.perBucket().forEach((bucket, rate) -> {
                buckets.put(bucket, Bucket.builder()
                        .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.tokens(), rate.period()))
                        .build());
                bursts.put(bucket, rate.burst());
            });
        }
    }

    /** Tokens the action's bucket holds now (Long.MAX_VALUE when pacing is off); for tests. */
    long available(String action) {
        Bucket bucket = buckets.get(ApiBucket.forAction(action));
        return bucket == null ? Long.MAX_VALUE : bucket.getAvailableTokens();
    }

    /** The action's bucket now, for revision clean-up's spare-budget check (unlimited when pacing is off). */
    dev.logship.sync.CallBudget budget(String action) {
        ApiBucket bucket = ApiBucket.forAction(action);
        return buckets.containsKey(bucket) ? new dev.logship.sync.CallBudget(buckets.get(bucket).getAvailableTokens(), bursts.get(bucket))
                : dev.logship.sync.CallBudget.UNLIMITED;
    }

    /** Blocks until the action's bucket has a token. */
    void acquire(String action) {
        Bucket bucket = buckets.get(ApiBucket.forAction(action));
        if (bucket != null) {
            bucket.asBlocking().consumeUninterruptibly(1);
        }
    }
}
