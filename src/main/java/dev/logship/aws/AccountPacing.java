package dev.logship.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side pacing per account and region, as ECS limits: every client whose calls count
 * against one account in one region shares one {@link EcsRateLimiter}, and accounts add budget
 * in parallel. The account of an assumed role is the one in its ARN (AssumeRole's credentials
 * belong to the role's account). The account of the base credentials is asked of STS
 * (GetCallerIdentity, once) only when a role is assumed as well, so a role in the base
 * credentials' own account shares their buckets; until then, or when STS cannot say, the base
 * credentials pace as an account of their own.
 */
final class AccountPacing {
    static final String BASE = "base credentials";
    private static final Logger LOG = LoggerFactory.getLogger(AccountPacing.class);
    private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    /** Whose budget a limiter paces: an account id (or {@link #BASE}, or a role ARN ECS will map) and a region. */
    record Key(String account, String region) {}

    private final RateLimits limits;
    private final Supplier<String> callerAccount;
    private final Map<Key, EcsRateLimiter> limiters = new HashMap<>();
    private boolean rolesAssumed;
    private String baseAccount;

    /** {@code callerAccount}: the base credentials' account from GetCallerIdentity, or null when STS cannot say. */
    AccountPacing(RateLimits limits, Supplier<String> callerAccount) {
        this.limits = limits;
        this.callerAccount = callerAccount;
    }

    /** The account a role's credentials count against: the 12 digits of its ARN, else the ARN itself. */
    static String accountOfRole(String roleArn) {
        Matcher m = ROLE_ACCOUNT.matcher(roleArn);
        return m.matches() ? m.group(1) : roleArn;
    }

    /** The limiter for a client: {@code assumedRole} is the role it assumes, null when it uses the base credentials. */
    synchronized EcsRateLimiter limiter(String assumedRole, String region) {
        return limiters.computeIfAbsent(key(assumedRole, region), k -> new EcsRateLimiter(limits));
    }

    synchronized Key key(String assumedRole, String region) {
        if (assumedRole == null) {
            return new Key(baseAccount == null ? BASE : baseAccount, region);
        }
        if (!rolesAssumed) {
            rolesAssumed = true;
            learnBaseAccount();
        }
        return new Key(accountOfRole(assumedRole), region);
    }

    /** Once: the base credentials' limiters become their account's, shared with roles in that account. */
    private void learnBaseAccount() {
        String account = callerAccount.get();
        if (account == null) {
            LOG.warn("STS GetCallerIdentity gave no account for the base credentials: they are paced as an account of their own");
            return;
        }
        baseAccount = account;
        Map<Key, EcsRateLimiter> renamed = new HashMap<>();
        limiters.forEach((k, limiter) -> renamed.put(k.account().equals(BASE) ? new Key(account, k.region()) : k, limiter));
        limiters.clear();
        limiters.putAll(renamed);
    }
}
