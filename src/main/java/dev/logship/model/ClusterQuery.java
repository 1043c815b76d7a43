package dev.logship.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of ECS's cluster query language logship can evaluate itself, so that a perNodePort
 * forwarder's desiredCount counts exactly the nodes ECS may place it on: one condition on a
 * container instance attribute, {@code attribute:<name>} followed by {@code ==}, {@code !=},
 * {@code =~} (a pattern where {@code *} stands for any run of characters, matched against the
 * whole value) or {@code in [a, b]}. Comparisons are case-sensitive. A node without the attribute
 * matches only {@code !=}. Everything else ECS knows ({@code and}/{@code or}, other subjects,
 * {@code exists}, {@code !in}, regular expressions) is refused by {@link #parse} with {@link
 * #ACCEPTED}, never guessed at: several memberOf constraints (all must hold) express "and",
 * {@code in} expresses "or" over values.
 */
public record ClusterQuery(String attribute, Operator operator, List<String> values) {

    public enum Operator {
        EQUALS("=="), NOT_EQUALS("!="), MATCHES("=~"), IN("in");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst().orElseThrow();
        }
    }

    public static final String ACCEPTED = "expected attribute:<name> followed by ==, !=, =~ (with * as wildcard) or"
            + " in [v1, v2], e.g. attribute:ecs.instance-type in [t3.small, t3.medium]; for \"and\" use several"
            + " memberOf constraints (all must hold)";

    private static final String NAME = "[A-Za-z0-9._/:-]{1,128}";
    private static final String VALUE = "[A-Za-z0-9._@/:-]{1,128}";
    private static final Pattern COMPARISON = Pattern.compile("attribute:(" + NAME + ")\\s*(==|!=)\\s*(" + VALUE + ")");
    private static final Pattern MATCH = Pattern.compile("attribute:(" + NAME + ")\\s*=~\\s*([A-Za-z0-9._@/:*-]{1,128})");
    private static final Pattern IN = Pattern.compile("attribute:(" + NAME + ")\\s+in\\s*\\[\\s*(" + VALUE
            + "(?:\\s*,\\s*" + VALUE + ")*)\\s*]");

    public ClusterQuery {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    /** The query, or IllegalArgumentException whose message says what is accepted. */
    public static ClusterQuery parse(String expression) {
        String text = expression == null ? "" : expression.strip();
        Matcher m = COMPARISON.matcher(text);
        if (m.matches()) {
            return new ClusterQuery(m.group(1), Operator.of(m.group(2)), List.of(m.group(3)));
        }
        m = MATCH.matcher(text);
        if (m.matches()) {
            return new ClusterQuery(m.group(1), Operator.MATCHES, List.of(m.group(2)));
        }
        m = IN.matcher(text);
        if (m.matches()) {
            return new ClusterQuery(m.group(1), Operator.IN, Arrays.stream(m.group(2).split(",")).map(String::strip).toList());
        }
        throw new IllegalArgumentException(ACCEPTED);
    }

    /** Whether a node with these attributes (name to value) satisfies the query. */
    public boolean matches(Map<String, String> attributes) {
        String value = attributes.get(attribute);
        return switch (operator) {
            case EQUALS -> values.get(0).equals(value);
            case NOT_EQUALS -> !values.get(0).equals(value);
            case IN -> value != null && values.contains(value);
            case MATCHES -> value != null && wildcard(values.get(0)).matcher(value).matches();
        };
    }

    /** {@code *} is any run of characters; everything else, dots included, stands for itself. */
    private static Pattern wildcard(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
