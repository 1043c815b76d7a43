package dev.logship.cli;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.Manifests;
import dev.logship.render.IamPolicies;
import dev.logship.render.IamStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints, per forwarder, the least-privilege policies its task role and execution role need. */
@Command(name = "iam", mixinStandardHelpOptions = true,
        description = {"Print the least-privilege IAM policies of each forwarder's task and execution roles.",
                "The task role's for CloudWatch Logs, S3 and Firehose routes (exactly the log groups, prefixes and",
                "streams the routes can write), the execution role's for the SSM parameters and secrets ECS reads",
                "into the container. Nothing secret is printed."},
        footer = {"", "Exit status: 0 printed, 1 problems in the manifests (on stderr), 2 usage error.",
                "", "Example:", "  logship iam examples/desired-state",
                "  logship iam examples/desired-state \\",
                "      | jq '.forwarders[0].taskRole.policy' > task-policy.json",
                "  aws iam put-role-policy --role-name logship-papertrail-task \\",
                "    --policy-name logship-routes \\",
                "    --policy-document file://task-policy.json"})
final class IamCommand implements Callable<Integer> {
    @Mixin
    ManifestDirectory directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        Manifests manifests = Manifests.parse(directory.read(cli));
        if (!manifests.problems().isEmpty()) {
            manifests.problems().forEach(cli.getErr()::println);
            cli.getErr().printf("iam: %d problems; nothing printed (see logship validate)%n", manifests.problems().size());
            return 1;
        }
        List<Map<String, Object>> forwarders = manifests.forwarders().stream().map(IamCommand::forwarder).toList();
        cli.getOut().println(JsonOutput.pretty(Map.of("forwarders", forwarders)));
        return 0;
    }

    private static Map<String, Object> forwarder(ForwarderManifest manifest) {
        IamPolicies.ForwarderIam iam = IamPolicies.of(manifest);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("forwarder", iam.forwarder());
        out.put("taskRole", role(iam.taskRoleArn(), iam.taskRole()));
        out.put("executionRole", role(iam.executionRoleArn(), iam.executionRole()));
        return out;
    }

    /** The role and its policy document; null when the forwarder needs no such permissions. */
    private static Map<String, Object> role(String arn, List<IamStatement> statements) {
        if (statements.isEmpty()) {
            return null;
        }
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("roleArn", arn);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", statements.stream().map(s -> {
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("Sid", s.sid());
            statement.put("Effect", "Allow");
            statement.put("Action", s.actions());
            statement.put("Resource", s.resources());
            return statement;
        }).toList());
        role.put("policy", policy);
        return role;
    }
}
