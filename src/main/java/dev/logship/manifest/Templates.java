package dev.logship.manifest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route templates: {@code {cluster}}, {@code {container}}, {@code {taskFamily}},
 * {@code {instance}} are resolved per record by Fluent Bit (from the ecs filter's fields);
 * {@code {forwarder}} is the forwarder's name, filled in by render. Checks the braces and the
 * names, and what Fluent Bit's record accessors cannot parse.
 */
final class Templates {
    static final List<String> NAMES = List.of("cluster", "container", "taskFamily", "forwarder", "instance");
    static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");

    private Templates() {}

    /** Unknown names and stray braces. */
    static Optional<String> check(String value) {
        Matcher m = VARIABLE.matcher(value);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                return Optional.of("unknown template {" + m.group(1) + "}: expected one of "
                        + NAMES.stream().map(n -> "{" + n + "}").toList());
            }
        }
        if (m.replaceAll("").matches(".*[{}].*")) {
            return Optional.of("a '{' or '}' that is not part of a template " + NAMES.stream().map(n -> "{" + n + "}").toList());
        }
        return Optional.empty();
    }

    /** No template at all (bucket names, delivery streams: Fluent Bit takes them as they are). */
    static Optional<String> none(String value) {
        return VARIABLE.matcher(value).find() || value.contains("{")
                ? Optional.of("templates are not supported here: Fluent Bit sends to one fixed name") : Optional.empty();
    }

    /** True when a template other than {forwarder} (filled in by render) is used: Fluent Bit must resolve it per record. */
    static boolean perRecord(String value) {
        Matcher m = VARIABLE.matcher(value);
        while (m.find()) {
            if (!m.group(1).equals("forwarder")) {
                return true;
            }
        }
        return false;
    }

    /** The value with every template replaced by {@code with}: for naming rules and IAM resources. */
    static String fill(String value, String with) {
        return VARIABLE.matcher(value).replaceAll(Matcher.quoteReplacement(with));
    }
}
