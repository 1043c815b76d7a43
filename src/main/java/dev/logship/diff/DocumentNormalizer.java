package dev.logship.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reduces a task definition document (the RegisterTaskDefinition input as plain data, see
 * {@code TaskDefinitionSpec.document}) to one canonical form, applied to BOTH sides so that
 * equality means "ECS would run the same thing":
 * <ul>
 * <li>what ECS fills in when a field is unset counts as unset: {@link #DEFAULTS}, any boolean
 *     false except where ECS defaults to true, a port mapping's hostPort 0 (and, outside bridge
 *     mode, a hostPort equal to the containerPort), empty lists, empty maps;</li>
 * <li>lists whose order ECS neither keeps nor uses are sorted: every list of objects
 *     (containers, volumes, environment, port mappings, tags...) and the {@link #UNORDERED}
 *     lists of plain values. Other lists of plain values (command, entryPoint, dnsServers...)
 *     keep their order, because it matters.</li>
 * </ul>
 * Fields only ECS sets (ARN, revision, status, registeredAt...) never reach a document: the
 * adapter keeps only the request's own fields.
 */
public final class DocumentNormalizer {
    static final String PORT_MAPPING = "containerDefinitions[].portMappings[]";
    /** ECS's value for a field left unset, by path ({@code []} = any element of a list). */
    static final Map<String, Object> DEFAULTS = Map.of(
            "networkMode", "bridge",
            "containerDefinitions[].essential", true,
            "containerDefinitions[].cpu", 0,
            PORT_MAPPING + ".protocol", "tcp",
            "containerDefinitions[].healthCheck.interval", 30,
            "containerDefinitions[].healthCheck.timeout", 5,
            "containerDefinitions[].healthCheck.retries", 3,
            "containerDefinitions[].healthCheck.startPeriod", 0,
            "containerDefinitions[].versionConsistency", "enabled");
    /** Lists of plain values that are sets to ECS. */
    static final Set<String> UNORDERED = Set.of("requiresCompatibilities",
            "containerDefinitions[].linuxParameters.capabilities.add",
            "containerDefinitions[].linuxParameters.capabilities.drop",
            "containerDefinitions[].dockerSecurityOptions");

    private DocumentNormalizer() {}

    @SuppressWarnings("unchecked")
    public static SortedMap<String, Object> taskDefinition(Map<String, Object> document) {
        boolean bridge = isDefault("networkMode", document.getOrDefault("networkMode", "bridge"));
        Object out = normalise(document, "", bridge);
        return out == null ? Collections.emptySortedMap() : (SortedMap<String, Object>) out;
    }

    private static Object normalise(Object value, String path, boolean bridge) {
        if (value instanceof Map<?, ?> map) {
            SortedMap<String, Object> out = new TreeMap<>();
            map.forEach((key, child) -> {
                String childPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                Object normalised = normalise(child, childPath, bridge);
                if (normalised != null && !isDefault(childPath, normalised)) {
                    out.put(String.valueOf(key), normalised);
                }
            });
            if (path.equals(PORT_MAPPING)) {
                dropDefaultHostPort(out, bridge);
            }
            return out.isEmpty() ? null : Collections.unmodifiableSortedMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().map(v -> normalise(v, path + "[]", bridge)).filter(Objects::nonNull).forEach(out::add);
            if (out.isEmpty()) {
                return null;
            }
            if (out.get(0) instanceof Map || UNORDERED.contains(path)) {
                out.sort(Comparator.comparing(String::valueOf));
            }
            return List.copyOf(out);
        }
        if (Boolean.FALSE.equals(value) && !Boolean.TRUE.equals(DEFAULTS.get(path))) {
            return null;
        }
        return value;
    }

    /** Bridge mode: hostPort 0 means "any free port". Other modes: 0 or the container port mean the container port. */
    private static void dropDefaultHostPort(SortedMap<String, Object> mapping, boolean bridge) {
        if (mapping.get("hostPort") instanceof Number host) {
            long containerPort = mapping.get("containerPort") instanceof Number c ? c.longValue() : -1;
            if (host.longValue() == 0 || (!bridge && host.longValue() == containerPort)) {
                mapping.remove("hostPort");
            }
        }
    }

    private static boolean isDefault(String path, Object value) {
        Object ecsDefault = DEFAULTS.get(path);
        if (ecsDefault instanceof Number d && value instanceof Number v) {
            return d.longValue() == v.longValue();
        }
        if (ecsDefault instanceof String d && value instanceof String v) {
            return d.equalsIgnoreCase(v);
        }
        return ecsDefault != null && ecsDefault.equals(value);
    }
}
