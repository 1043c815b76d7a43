package dev.logship.manifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code spec.managedDaemon} by the rules of ECS's CreateDaemon (service model of
 * botocore 1.43.11): capacityProviderArns required; drainPercent a double from 0.0 to 100.0;
 * bakeTimeInMinutes a non-negative integer (written here as a duration of whole minutes);
 * alarms a list of CloudWatch alarm names (1-255 characters each) with rollback on or off.
 */
final class ManagedDaemonReader {
    static final List<String> FIELDS = List.of("capacityProviders", "drainPercent", "bakeTime", "alarms");
    private static final String PROVIDER_NAME = "[A-Za-z0-9_-]{1,255}";
    private static final String PROVIDER_ARN = "arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:capacity-provider/" + PROVIDER_NAME;

    private ManagedDaemonReader() {}

    /** The settings when scheduling is managedDaemon (reported missing if absent); empty otherwise. */
    static Optional<ManagedDaemonSettings> read(Context context, Fields spec, Scheduling scheduling) {
        if (scheduling != Scheduling.MANAGED_DAEMON) {
            if (spec.has("managedDaemon")) {
                context.report(spec.positionOf("managedDaemon"), "spec.managedDaemon",
                        "managedDaemon only applies to scheduling: managedDaemon");
            }
            return Optional.empty();
        }
        Optional<Fields> maybe = spec.required("managedDaemon", "a mapping with capacityProviders (ECS Managed Instances "
                + "capacity providers the daemon runs on)").flatMap(node -> Fields.of(context, node, "spec.managedDaemon", FIELDS));
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        List<String> providers = fields.required("capacityProviders", "a list of capacity provider names or ARNs")
                .flatMap(node -> Values.stringList(context, node, "spec.managedDaemon.capacityProviders")).orElse(List.of());
        if (fields.has("capacityProviders") && providers.isEmpty()) {
            fields.check("capacityProviders", Optional.of("expected at least one capacity provider"));
        }
        for (String provider : providers) {
            fields.check("capacityProviders", provider.matches(PROVIDER_NAME) || provider.matches(PROVIDER_ARN)
                    ? Optional.empty()
                    : Optional.of("\"" + provider + "\" is not a capacity provider name (up to 255 letters, numbers, "
                            + "hyphens and underscores) or capacity-provider ARN"));
        }
        Double drain = fields.get("drainPercent").flatMap(node -> percent(context, node)).orElse(null);
        Integer bake = fields.get("bakeTime").flatMap(node -> Durations.read(context, node, "spec.managedDaemon.bakeTime"))
                .flatMap(d -> wholeMinutes(fields, d)).orElse(null);
        List<String> alarms = new ArrayList<>();
        boolean rollback = false;
        Optional<Fields> alarmFields = fields.get("alarms")
                .flatMap(node -> Fields.of(context, node, "spec.managedDaemon.alarms", List.of("names", "rollback")));
        if (alarmFields.isPresent()) {
            Fields a = alarmFields.get();
            alarms.addAll(a.required("names", "a list of CloudWatch alarm names")
                    .flatMap(node -> Values.stringList(context, node, "spec.managedDaemon.alarms.names")).orElse(List.of()));
            alarms.forEach(name -> a.check("names", name.isEmpty() || name.length() > 255
                    ? Optional.of("alarm names are 1 to 255 characters (CloudWatch), got \"" + name + "\"") : Optional.empty()));
            if (a.has("names") && alarms.isEmpty()) {
                a.check("names", Optional.of("expected at least one alarm name"));
            }
            rollback = a.bool("rollback").orElse(true);
        }
        return Optional.of(new ManagedDaemonSettings(providers, drain, bake, alarms, rollback));
    }

    /** ECS's DaemonDrainPercent: a double from 0.0 to 100.0. */
    private static Optional<Double> percent(Context context, Node node) {
        String field = "spec.managedDaemon.drainPercent";
        boolean number = node instanceof ScalarNode && (Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag()));
        Double value = null;
        if (number) {
            try {
                value = Double.parseDouble(((ScalarNode) node).getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null || value.isNaN() || value < 0 || value > 100) {
            context.report(node, field, "expected a percentage from 0 to 100 (ECS drainPercent), got "
                    + (node instanceof ScalarNode s ? s.getValue() : "a " + node.getNodeId()));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** ECS takes bakeTimeInMinutes, an integer: a duration must be whole minutes. */
    private static Optional<Integer> wholeMinutes(Fields fields, Duration duration) {
        boolean whole = duration.toSecondsPart() == 0 && duration.toMillisPart() == 0;
        fields.check("bakeTime", whole ? Optional.empty()
                : Optional.of("ECS bakes in whole minutes (bakeTimeInMinutes); write e.g. 5m or 1h"));
        return whole ? Optional.of((int) duration.toMinutes()) : Optional.empty();
    }
}
