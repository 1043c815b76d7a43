package dev.logship.manifest;

import dev.logship.model.ClusterTarget;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the spec of a {@code kind: Cluster}. */
final class ClusterReader {
    static final List<String> FIELDS = List.of("clusterName", "region", "roleArn", "prune", "allowEmpty", "suspend");

    private ClusterReader() {}

    static Optional<ClusterManifest> read(Context context, String name, Position position, String directory, Node spec) {
        Optional<Fields> maybe = Fields.of(context, spec, "spec", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        int before = context.problems().size();
        String clusterName = fields.string("clusterName")
                .filter(value -> check(context, fields, "clusterName", EcsRules.clusterName(value)))
                .orElse(name);
        String region = fields.requiredString("region", "an AWS region such as us-east-1")
                .filter(value -> check(context, fields, "region", EcsRules.region(value)))
                .orElse(null);
        String roleArn = fields.string("roleArn")
                .filter(value -> check(context, fields, "roleArn", EcsRules.roleArn(value)))
                .orElse(null);
        boolean prune = fields.bool("prune").orElse(true);
        boolean allowEmpty = fields.bool("allowEmpty").orElse(false);
        boolean suspend = fields.bool("suspend").orElse(false);
        if (context.problems().size() > before || region == null || name == null) {
            return Optional.empty();
        }
        return Optional.of(new ClusterManifest(
                new ClusterTarget(name, clusterName, region, roleArn, prune, allowEmpty, suspend), directory, position));
    }

    /** Reports a rule's complaint at the field; true when there is none. */
    static boolean check(Context context, Fields fields, String key, Optional<String> complaint) {
        complaint.ifPresent(message -> context.report(fields.positionOf(key), fields.child(key), message));
        return complaint.isEmpty();
    }
}
