package dev.logship.manifest;

import java.util.List;

/** Reads {@code spec.resources} within what ECS accepts for one EC2 container. */
final class ResourcesReader {
    private static final List<String> FIELDS = List.of("cpu", "memory", "memoryReservation");

    private ResourcesReader() {}

    record Resources(int cpu, Integer memory, Integer memoryReservation) {}

    static Resources read(Context context, Fields spec) {
        Fields fields = spec.get("resources").flatMap(node -> Fields.of(context, node, "spec.resources", FIELDS)).orElse(null);
        if (fields == null) {
            return new Resources(Defaults.CPU, Defaults.MEMORY, null);
        }
        int cpu = fields.integer("cpu", 0, EcsRules.CPU_MAX).orElse(Defaults.CPU);
        Integer memory = fields.integer("memory", EcsRules.MEMORY_MIN, Integer.MAX_VALUE).orElse(null);
        Integer reservation = fields.integer("memoryReservation", EcsRules.MEMORY_MIN, Integer.MAX_VALUE).orElse(null);
        if (memory != null && reservation != null && reservation > memory) {
            context.report(fields.positionOf("memoryReservation"), "spec.resources.memoryReservation",
                    "memoryReservation (" + reservation + ") must not exceed memory (" + memory + ")");
        }
        // ECS needs memory or memoryReservation on EC2; the seed's 128 MiB hard limit when neither is set.
        if (memory == null && reservation == null && !fields.has("memory") && !fields.has("memoryReservation")) {
            memory = Defaults.MEMORY;
        }
        return new Resources(cpu, memory, reservation);
    }
}
