package dev.logship.manifest;

import dev.logship.model.Destination;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.taskRoleArn}: the IAM role the forwarder's containers call AWS with. Routes to
 * CloudWatch Logs, S3 and Firehose sign with it (ECS hands it to Fluent Bit through the
 * container credentials endpoint), so keys never enter Git or the task definition.
 */
final class RoleReader {
    private RoleReader() {}

    static String taskRole(Context context, Fields fields, List<Destination> destinations) {
        String role = fields.string("taskRoleArn")
                .filter(arn -> fields.check("taskRoleArn", EcsRules.roleArn(arn)))
                .orElse(null);
        Optional<Destination> aws = destinations.stream().filter(Destination::aws).findFirst();
        if (aws.isPresent() && !fields.has("taskRoleArn")) {
            context.report(fields.positionOf("routes"), "spec.taskRoleArn", "a " + aws.get().kind() + " route needs "
                    + "spec.taskRoleArn: Fluent Bit calls AWS with the task role (logship iam prints its policy); "
                    + "keys never go in the manifest");
        }
        return role;
    }
}
