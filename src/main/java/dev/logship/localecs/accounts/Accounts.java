package dev.logship.localecs.accounts;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which account a call counts against, read from the access key id in its SigV4 signature.
 * local-ecs checks no signature, so the mapping is a convention, stateless so it survives a
 * restart:
 * <ul>
 *   <li>a key local-ecs issued by AssumeRole, {@code ASIA} + the role's 12-digit account + 4
 *       characters (20 in all, as AWS's keys are), counts against that account;</li>
 *   <li>a key that is exactly 12 digits counts against that account (LocalStack's convention,
 *       so {@code AWS_ACCESS_KEY_ID=111111111111} picks an account without STS);</li>
 *   <li>any other key, and an unsigned call, counts against the configured account.</li>
 * </ul>
 */
public final class Accounts {
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern ISSUED = Pattern.compile("ASIA(\\d{12})[A-Z0-9]{4}");
    private static final Pattern DIGITS = Pattern.compile("\\d{12}");
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int REMEMBERED = 10_000;

    private final String defaultAccount;
    private final SecureRandom random = new SecureRandom();
    /** Who a caller is, as GetCallerIdentity reports it. */
    record Caller(String account, String arn, String userId) {}

    /** Issued key -> the assumed-role session GetCallerIdentity reports (bounded, oldest out). */
    private final Map<String, Caller> sessions = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Accounts whose every ECS call is refused with AccessDeniedException (fault injection: a role that lost its rights). */
    private volatile java.util.Set<String> denied = java.util.Set.of();

    public void deny(java.util.Collection<String> accountIds) {
        denied = java.util.Set.copyOf(accountIds);
    }

    public java.util.Set<String> denied() {
        return denied;
    }

    public Accounts(String defaultAccount) {
        this.defaultAccount = defaultAccount;
    }

    String defaultAccount() {
        return defaultAccount;
    }

    /** The access key id of a SigV4 Authorization header, or null when unsigned. */
    public static String accessKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = ACCESS_KEY.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    /** The account a call signed with this access key id counts against. */
    public String accountOf(String accessKey) {
        if (accessKey == null) {
            return defaultAccount;
        }
        Matcher issued = ISSUED.matcher(accessKey);
        if (issued.matches()) {
            return issued.group(1);
        }
        return DIGITS.matcher(accessKey).matches() ? accessKey : defaultAccount;
    }

    /** A new access key id for an assumed-role session, remembered for GetCallerIdentity. */
    synchronized String issue(Caller session) {
        String key = "ASIA" + session.account() + randomChars(4);
        sessions.put(key, session);
        return key;
    }

    /** The caller: the assumed role's session for a key issued here, else the account's root. */
    synchronized Caller caller(String accessKey) {
        Caller session = accessKey == null ? null : sessions.get(accessKey);
        if (session != null) {
            return session;
        }
        String account = accountOf(accessKey);
        return new Caller(account, "arn:aws:iam::" + account + ":root", account);
    }

    /** Random characters of the kind AWS's key and role ids use. */
    String randomChars(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        return out.toString();
    }

    String secret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
