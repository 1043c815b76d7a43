package dev.logship.manifest;

import dev.logship.model.MaxConcurrent;
import dev.logship.model.RolloutPolicy;
import dev.logship.model.SyncWindow;
import dev.logship.model.Wave;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the spec of a {@code kind: RolloutPolicy}: ordered waves, bake time (and whether a bake
 * also needs delivery, see {@link #delivery}), what to do on failure, sync windows.
 */
final class RolloutPolicyReader {
    static final List<String> FIELDS = List.of("waves", "bakeTime", "requireDelivery", "deliveryWindow", "onFailure", "windows");
    private static final List<String> WAVE_FIELDS = List.of("name", "selector", "maxConcurrent");
    static final List<String> ON_FAILURE = List.of("halt", "rollback");

    private RolloutPolicyReader() {}

    static Optional<RolloutPolicyManifest> read(Context context, String name, Position position, Node spec) {
        Optional<Fields> maybe = Fields.of(context, spec, "spec", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        List<Wave> waves = new ArrayList<>();
        List<Position> wavePositions = new ArrayList<>();
        fields.required("waves", "a list of waves, each {name, selector, maxConcurrent}")
                .flatMap(node -> Values.list(context, node, "spec.waves", "waves"))
                .ifPresent(items -> {
                    if (items.isEmpty()) {
                        context.report(fields.positionOf("waves"), "spec.waves", "expected at least one wave");
                    }
                    for (int i = 0; i < items.size(); i++) {
                        int index = i;
                        wave(context, items.get(i), i).ifPresent(w -> {
                            waves.add(w);
                            wavePositions.add(context.at(items.get(index)));
                        });
                    }
                });
        Duration bake = fields.get("bakeTime").flatMap(n -> Durations.read(context, n, "spec.bakeTime")).orElse(Duration.ZERO);
        RolloutPolicy.OnFailure onFailure = fields.string("onFailure").flatMap(value -> {
            if (!ON_FAILURE.contains(value)) {
                context.report(fields.positionOf("onFailure"), "spec.onFailure", "expected halt or rollback, got \"" + value + "\"");
                return Optional.empty();
            }
            return Optional.of(RolloutPolicy.OnFailure.valueOf(value.toUpperCase(Locale.ROOT)));
        }).orElse(RolloutPolicy.OnFailure.HALT);
        List<SyncWindow> windows = fields.get("windows").map(n -> WindowsReader.read(context, n, "spec.windows")).orElse(List.of());
        Optional<Duration> deliveryWindow = delivery(context, fields, bake);
        if (name == null || waves.isEmpty()) {
            return Optional.empty();
        }
        RolloutPolicy policy = new RolloutPolicy(name, waves, bake, onFailure, windows);
        return Optional.of(new RolloutPolicyManifest(deliveryWindow.map(policy::requiringDelivery).orElse(policy), position, wavePositions));
    }

    /**
     * {@code requireDelivery: true} and its optional {@code deliveryWindow}: the window when bakes are
     * gated on delivery, else empty. Delivery is judged during the bake, so a policy without a bake
     * time cannot gate on it; a window without the gate would silently do nothing. Both are problems.
     */
    private static Optional<Duration> delivery(Context context, Fields fields, Duration bake) {
        boolean required = fields.bool("requireDelivery").orElse(false);
        Optional<Duration> window = fields.get("deliveryWindow").flatMap(n -> Durations.read(context, n, "spec.deliveryWindow"));
        if (window.isPresent() && !required) {
            context.report(fields.positionOf("deliveryWindow"), "spec.deliveryWindow",
                    "deliveryWindow has no effect without requireDelivery: true");
        }
        if (required && bake.isZero()) {
            context.report(fields.positionOf("requireDelivery"), "spec.requireDelivery", "requireDelivery judges delivery "
                    + "during the bake: set bakeTime too (longer than serve's --delivery-window, so a failing route is judged within it)");
        }
        return required ? Optional.of(window.orElse(RolloutPolicy.DEFAULT_DELIVERY_WINDOW)) : Optional.empty();
    }

    private static Optional<Wave> wave(Context context, Node node, int index) {
        String path = "spec.waves[" + index + "]";
        Optional<Fields> maybe = Fields.of(context, node, path, WAVE_FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        String name = fields.string("name").filter(v -> fields.check("name", EcsRules.name(v, 63))).orElse("wave-" + (index + 1));
        Map<String, String> selector = fields.get("selector")
                .map(n -> LabelsReader.read(context, n, path + ".selector")).orElse(Map.of());
        MaxConcurrent max = fields.get("maxConcurrent").flatMap(n -> maxConcurrent(context, n, path + ".maxConcurrent"))
                .orElse(MaxConcurrent.UNLIMITED);
        return Optional.of(new Wave(name, selector, max));
    }

    /** A count ({@code 2}) or a percentage of the wave ({@code "25%"}). */
    private static Optional<MaxConcurrent> maxConcurrent(Context context, Node node, String field) {
        String expected = "a number of clusters (at least 1) or a percentage such as \"25%\" (1% to 100%)";
        if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar) {
            String text = scalar.getValue().trim();
            boolean percent = text.endsWith("%");
            String digits = percent ? text.substring(0, text.length() - 1) : text;
            if (digits.matches("\\d{1,9}")) {
                int value = Integer.parseInt(digits);
                if (value >= 1 && (!percent || value <= 100)) {
                    return Optional.of(new MaxConcurrent(value, percent));
                }
            }
            context.report(node, field, "expected " + expected + ", got \"" + scalar.getValue() + "\"");
            return Optional.empty();
        }
        context.report(node, field, "expected " + expected + ", got " + Tags.describe(node));
        return Optional.empty();
    }
}
