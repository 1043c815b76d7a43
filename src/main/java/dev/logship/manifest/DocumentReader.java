package dev.logship.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one YAML document: apiVersion, kind, metadata, then hands spec to the kind's reader. */
final class DocumentReader {
    static final String API_VERSION = "logship.dev/v1";
    static final List<String> KINDS = List.of("Cluster", "LogForwarder");
    private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA = List.of("name");
    private static final List<String> CLUSTER_METADATA = List.of("name", "labels");

    private DocumentReader() {}

    /** What one document defined: at most one of the two is present. */
    record Read(Optional<ClusterManifest> cluster, Optional<ForwarderManifest> forwarder) {
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
        Optional<Fields> metadata = top.required("metadata", "a mapping with name")
                .flatMap(node -> Fields.of(context, node, "metadata", "Cluster".equals(kind) ? CLUSTER_METADATA : METADATA));
        String name = metadata.flatMap(m -> m.requiredString("name", "a name")
                        .filter(value -> m.check("name", "LogForwarder".equals(kind)
                                ? EcsRules.forwarderName(value) : EcsRules.name(value, EcsRules.MAX_NAME))))
                .orElse(null);
        Map<String, String> labels = metadata.map(m -> LabelsReader.read(context, m)).orElse(Map.of());
        Optional<Node> spec = top.required("spec", "the " + (kind == null ? "" : kind + " ") + "spec");
        if (kind == null || spec.isEmpty()) {
            return Read.nothing();
        }
        Position position = top.positionOf("metadata");
        if (kind.equals("Cluster")) {
            return new Read(ClusterReader.read(context, name, labels, position, directory, spec.get()), Optional.empty());
        }
        return new Read(Optional.empty(), ForwarderReader.read(context, name, position, directory, spec.get()));
    }
}
