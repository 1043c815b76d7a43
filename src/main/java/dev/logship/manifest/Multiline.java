package dev.logship.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code spec.multiline}: which language's stack traces are joined into one message. Each maps
 * to Fluent Bit's built-in multiline parser of the same name.
 */
public enum Multiline {
    NONE, JAVA, PYTHON, GO;

    public String yaml() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Multiline fromYaml(String value) {
        return Arrays.stream(values()).filter(m -> m.yaml().equals(value)).findFirst().orElse(null);
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(Multiline::yaml).toList();
    }
}
