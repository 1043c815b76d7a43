package dev.logship.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Any SDK model object as plain data, found by walking the SDK's own field metadata
 * ({@link SdkPojo#sdkFields()}, recursively): maps keyed by the field's JSON name, lists,
 * strings, numbers and booleans. Nothing here names an ECS field, so a field a newer SDK
 * adds is carried (and therefore compared) without anyone editing a list. Unset fields are
 * left out; an enum is its string as ECS sent it, an instant its ISO text.
 */
final class SdkDocuments {
    private SdkDocuments() {}

    static Map<String, Object> of(SdkPojo pojo) {
        Map<String, Object> out = new TreeMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = plain(field.getValueOrDefault(pojo));
            if (value != null) {
                out.put(field.locationName(), value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The plain form of one field value; null when unset (including the SDK's auto-constructed empty collections). */
    static Object plain(Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return of(pojo);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().map(SdkDocuments::plain).filter(v -> v != null).forEach(out::add);
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> {
                Object plain = plain(v);
                if (plain != null) {
                    out.put(String.valueOf(k), plain);
                }
            });
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof SdkBytes bytes) {
            return bytes.asUtf8String();
        }
        return value.toString();
    }

    /**
     * What a described resource holds of a request's input: {@code described} walked, keeping only
     * the fields {@code requestShape} has. What the server alone sets (ARN, revision, status,
     * timestamps...) is thereby dropped by the SDK's metadata, with no list of names. Works for
     * any pair, e.g. TaskDefinition / RegisterTaskDefinitionRequest or a daemon task definition
     * and its register request.
     */
    static Map<String, Object> inputOf(SdkPojo described, SdkPojo requestShape) {
        Map<String, Object> out = new TreeMap<>(of(described));
        out.keySet().retainAll(fieldNames(requestShape));
        return out;
    }

    /** The JSON names of a shape's fields: for a request, everything a caller can set. */
    static Set<String> fieldNames(SdkPojo shape) {
        Set<String> names = new LinkedHashSet<>();
        shape.sdkFields().forEach(f -> names.add(f.locationName()));
        return Collections.unmodifiableSet(names);
    }
}
