package dev.logship.manifest;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one YAML document: apiVersion, kind, metadata, then hands spec to the kind's reader. */
final class DocumentReader {
    static final String API_VERSION = "logship.dev/v1";
    static final List<String> KINDS = List.of("Cluster", "LogForwarder", "RolloutPolicy", "Notifier", "ClusterSet", "Telemetry");
    private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA = List.of("name", "labels");

    private DocumentReader() {}

    /** What one document defined: at most one of these is present. */
    record Read(Optional<ClusterManifest> cluster, Optional<ForwarderManifest> forwarder,
            Optional<RolloutPolicyManifest> policy, Optional<NotifierManifest> notifier, Optional<ClusterSetManifest> set,
            Optional<TelemetryDefault> telemetry) {
        Read(Optional<ClusterManifest> cluster, Optional<ForwarderManifest> forwarder,
                Optional<RolloutPolicyManifest> policy, Optional<NotifierManifest> notifier, Optional<ClusterSetManifest> set) {
            this(cluster, forwarder, policy, notifier, set, Optional.empty());
        }

        Read(Optional<ClusterManifest> cluster, Optional<ForwarderManifest> forwarder) {
            this(cluster, forwarder, Optional.empty(), Optional.empty());
        }

        Read(Optional<ClusterManifest> cluster, Optional<ForwarderManifest> forwarder,
                Optional<RolloutPolicyManifest> policy, Optional<NotifierManifest> notifier) {
            this(cluster, forwarder, policy, notifier, Optional.empty());
        }

        static Read nothing() {
            return new Read(Optional.empty(), Optional.empty());
        }
    }

    static Read read(Context context, String directory, Node document) {
        Optional<Fields> maybe = Fields.of(context, document, "", TOP);
        if (maybe.isEmpty()) {
            return Read.nothing();
        }
        Fields top = maybe.get();
        top.requiredString("apiVersion", API_VERSION).ifPresent(version -> {
            if (!API_VERSION.equals(version)) {
                context.report(top.positionOf("apiVersion"), "apiVersion",
                        "unknown apiVersion \"" + version + "\": expected " + API_VERSION);
            }
        });
        String kind = top.requiredString("kind", "one of " + KINDS).orElse(null);
        if (kind != null && !KINDS.contains(kind)) {
            String hint = Suggestions.closest(kind, KINDS).map(s -> "; did you mean " + s + "?").orElse("");
            context.report(top.positionOf("kind"), "kind", "unknown kind \"" + kind + "\": expected one of " + KINDS + hint);
            return Read.nothing();
        }
        Optional<Fields> metadataFields = top.required("metadata", "a mapping with name")
                .flatMap(node -> Fields.of(context, node, "metadata", METADATA));
        // Labels are read on every kind (as Kubernetes does); Cluster labels are what rollout waves select.
        java.util.Map<String, String> labels = metadataFields.flatMap(m -> m.get("labels"))
                .map(node -> LabelsReader.read(context, node, "metadata.labels")).orElse(java.util.Map.of());
        String name = metadataFields
                .flatMap(metadata -> metadata.requiredString("name", "a name")
                        .filter(value -> metadata.check("name", "LogForwarder".equals(kind)
                                ? EcsRules.forwarderName(value) : EcsRules.name(value, EcsRules.MAX_NAME))))
                .orElse(null);
        Optional<Node> spec = top.required("spec", "the " + (kind == null ? "" : kind + " ") + "spec");
        if (kind == null || spec.isEmpty()) {
            return Read.nothing();
        }
        Position position = top.positionOf("metadata");
        if (kind.equals("Cluster")) {
            return new Read(ClusterReader.read(context, name, position, directory, spec.get())
                    .map(cluster -> cluster.withLabels(labels)), Optional.empty());
        }
        if (kind.equals("RolloutPolicy")) {
            return new Read(Optional.empty(), Optional.empty(),
                    RolloutPolicyReader.read(context, name, position, spec.get()), Optional.empty());
        }
        if (kind.equals("ClusterSet")) {
            return new Read(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    ClusterSetReader.read(context, name, position, spec.get()));
        }
        if (kind.equals("Telemetry")) {
            return new Read(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    TelemetryDefaultReader.read(context, name, position, spec.get()));
        }
        if (kind.equals("Notifier")) {
            return new Read(Optional.empty(), Optional.empty(), Optional.empty(),
                    NotifierReader.read(context, name, position, spec.get()));
        }
        return new Read(Optional.empty(), ForwarderReader.read(context, name, position, directory, spec.get()));
    }
}
