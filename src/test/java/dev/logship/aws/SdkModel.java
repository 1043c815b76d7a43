package dev.logship.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Test helper driven by the SDK's own field metadata: every leaf field of a shape (recursively
 * through objects, lists of objects and maps), a non-default value for each, and plain data
 * turned back into SDK objects. Nothing here names an ECS field, so a field added by a newer
 * SDK is walked as well.
 */
final class SdkModel {
    /** One settable leaf: its path in a plain document (field names; 0 for "first element") and its metadata. */
    record Leaf(List<Object> path, SdkField<?> field) {
        String name() {
            return field.locationName();
        }

        @Override
        public String toString() {
            return path.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElse("");
        }
    }

    private SdkModel() {}

    static List<Leaf> leaves(SdkPojo shape) {
        List<Leaf> out = new ArrayList<>();
        leaves(shape.sdkFields(), List.of(), out, 0);
        return out;
    }

    private static void leaves(List<SdkField<?>> fields, List<Object> prefix, List<Leaf> out, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("the SDK model nests deeper than expected at " + prefix);
        }
        for (SdkField<?> field : fields) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(field.locationName());
            SdkField<?> element = element(field);
            if (element.marshallingType() == MarshallingType.SDK_POJO) {
                if (field.marshallingType() != MarshallingType.SDK_POJO) {
                    path.add(field.marshallingType() == MarshallingType.LIST ? 0 : "k");
                }
                leaves(element.constructor().get().sdkFields(), path, out, depth + 1);
            } else {
                out.add(new Leaf(List.copyOf(path), field));
            }
        }
    }

    /** For a list or map field, the field describing its elements; else the field itself. */
    private static SdkField<?> element(SdkField<?> field) {
        if (field.marshallingType() == MarshallingType.LIST) {
            return field.getTrait(ListTrait.class).memberFieldInfo();
        }
        if (field.marshallingType() == MarshallingType.MAP) {
            return field.getTrait(MapTrait.class).valueFieldInfo();
        }
        return field;
    }

    /** A value ECS would not fill in by itself for this leaf. */
    static Object nonDefault(SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        String name = field.locationName();
        if (type == MarshallingType.LIST) {
            return List.of(nonDefault(element(field)));
        }
        if (type == MarshallingType.MAP) {
            return Map.of("k" + name, nonDefault(element(field)));
        }
        if (type == MarshallingType.BOOLEAN) {
            return !name.equals("essential"); // the one boolean ECS defaults to true
        }
        if (type == MarshallingType.INTEGER) {
            return 7;
        }
        if (type == MarshallingType.LONG) {
            return 7L;
        }
        if (type == MarshallingType.DOUBLE) {
            return 7.5;
        }
        if (type == MarshallingType.FLOAT) {
            return 7.5f;
        }
        if (type == MarshallingType.STRING) {
            return "x" + (name == null ? "value" : name);
        }
        throw new IllegalStateException("no test value for " + name + " of type " + type);
    }

    /** A mutable deep copy of a plain document, with the leaf set (creating objects and first elements on the way). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> document, Leaf leaf, Object value) {
        Map<String, Object> copy = (Map<String, Object>) mutable(document);
        Object node = copy;
        List<Object> path = leaf.path();
        for (int i = 0; i < path.size(); i++) {
            Object segment = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? value : (path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>());
            if (segment instanceof Integer index) {
                List<Object> list = (List<Object>) node;
                if (list.size() <= index) {
                    list.add(next);
                } else if (last) {
                    list.set(index, next);
                }
                node = list.get(index);
            } else {
                Map<String, Object> map = (Map<String, Object>) node;
                if (last || !map.containsKey(segment)) {
                    map.put((String) segment, next);
                }
                node = map.get(segment);
            }
        }
        return copy;
    }

    static Object mutable(Object plain) {
        if (plain instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), mutable(v)));
            return out;
        }
        if (plain instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(mutable(v)));
            return out;
        }
        return plain;
    }

    /** Plain data back into an SDK object, through the same metadata (fields the shape lacks are ignored). */
    @SuppressWarnings("unchecked")
    static <T> T build(Supplier<? extends SdkPojo> builder, Map<String, Object> document) {
        SdkPojo b = builder.get();
        for (SdkField<?> field : b.sdkFields()) {
            if (document.containsKey(field.locationName())) {
                field.set(b, fromPlain(field, document.get(field.locationName())));
            }
        }
        return (T) ((SdkBuilder<?, ?>) b).build();
    }

    @SuppressWarnings("unchecked")
    private static Object fromPlain(SdkField<?> field, Object plain) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return build(field.constructor(), (Map<String, Object>) plain);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = element(field);
            return ((List<Object>) plain).stream().map(v -> fromPlain(member, v)).toList();
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = element(field);
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) plain).forEach((k, v) -> out.put(k, fromPlain(member, v)));
            return out;
        }
        return plain;
    }
}
