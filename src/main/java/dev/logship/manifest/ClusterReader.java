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
        String clusterName = fields.string("clusterName")
                .filter(value -> fields.check("clusterName", EcsRules.clusterName(value)))
                .orElse(name);
        String region = fields.requiredString("region", "an AWS region such as us-east-1")
                .filter(value -> fields.check("region", EcsRules.region(value)))
                .orElse(null);
        String roleArn = fields.string("roleArn")
                .filter(value -> fields.check("roleArn", EcsRules.roleArn(value)))
                .orElse(null);
        boolean prune = fields.bool("prune").orElse(true);
        boolean allowEmpty = fields.bool("allowEmpty").orElse(false);
        boolean suspend = fields.bool("suspend").orElse(false);
        if (name == null) {
            return Optional.empty();
        }
        // Returned even with problems (region "" when unusable) so cross-document checks still
        // see the name: a broken Cluster must not also make its forwarders look orphaned.
        return Optional.of(new ClusterManifest(new ClusterTarget(name, clusterName, region == null ? "" : region,
                roleArn, prune, allowEmpty, suspend), directory, position,
                fields.has("clusterName") ? fields.positionOf("clusterName") : position));
    }
}
