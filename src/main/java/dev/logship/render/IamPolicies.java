package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.RouteSecret;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The least-privilege IAM a forwarder needs: its task role's statements (what its AWS routes
 * write to, on exactly the log groups, prefixes and streams their templates can produce) and its
 * execution role's (the SSM parameters and secrets ECS reads into {@code secrets}).
 */
public final class IamPolicies {
    private static final Pattern FULL_SECRET_ARN = Pattern.compile(".*:secret:.+-[A-Za-z0-9]{6}$");

    /** {@code taskRoleArn}/{@code executionRoleArn} as written (nullable); statements empty when none is needed. */
    public record ForwarderIam(String forwarder, String taskRoleArn, List<IamStatement> taskRole,
                               String executionRoleArn, List<IamStatement> executionRole) {}

    private IamPolicies() {}

    public static ForwarderIam of(ForwarderManifest forwarder) {
        List<IamStatement> task = new ArrayList<>();
        Set<String> valueFroms = new LinkedHashSet<>();
        if (forwarder.agent().fluentBit()) {
            String account = AwsEndpoint.account(forwarder.taskRoleArn());
            for (RouteOutput route : RouteOutputs.of(forwarder)) {
                task.addAll(route.taskRole(account));
                valueFroms.addAll(route.secrets().values());
            }
        } else if (forwarder.routeSecret() != null) {
            valueFroms.add(forwarder.routeSecret().valueFrom());
        }
        RouteSecret secret = forwarder.routeSecret();
        if (secret != null && secret.split()) {
            valueFroms.add(secret.hostFrom());
            valueFroms.add(secret.portFrom());
        }
        return new ForwarderIam(forwarder.name(), forwarder.taskRoleArn(), numbered(task), forwarder.executionRoleArn(),
                execution(valueFroms, AwsEndpoint.account(forwarder.executionRoleArn())));
    }

    private static List<IamStatement> execution(Set<String> valueFroms, String account) {
        Set<String> parameters = new LinkedHashSet<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (String valueFrom : valueFroms) {
            if (valueFrom.contains(":secretsmanager:")) {
                // ARN:KEY:: names one JSON key of the secret; the permission is on the secret.
                String arn = valueFrom.replaceFirst("^(arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:[^:]+).*$", "$1");
                secrets.add(FULL_SECRET_ARN.matcher(arn).matches() ? arn : arn + "-??????");
            } else if (valueFrom.startsWith("arn:")) {
                parameters.add(valueFrom);
            } else {
                parameters.add("arn:aws:ssm:*:" + account + ":parameter/" + (valueFrom.startsWith("/") ? valueFrom.substring(1) : valueFrom));
            }
        }
        List<IamStatement> statements = new ArrayList<>();
        if (!parameters.isEmpty()) {
            statements.add(new IamStatement("ReadRouteParameters", List.of("ssm:GetParameters"), List.copyOf(parameters)));
        }
        if (!secrets.isEmpty()) {
            statements.add(new IamStatement("ReadRouteSecrets", List.of("secretsmanager:GetSecretValue"), List.copyOf(secrets)));
        }
        return statements;
    }

    /** Sids must be unique within a policy: two routes of one kind get WriteLogEvents and WriteLogEvents2. */
    private static List<IamStatement> numbered(List<IamStatement> statements) {
        List<IamStatement> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (IamStatement s : statements) {
            String sid = s.sid();
            for (int n = 2; !seen.add(sid); n++) {
                sid = s.sid() + n;
            }
            out.add(new IamStatement(sid, s.actions(), s.resources()));
        }
        return out;
    }
}
