package dev.logship.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Kubernetes' label selector semantics, as a forwarder's clusterSelector and a ClusterSet's tagSelector use them. */
class LabelSelectorTest {
    private static final Map<String, String> PROD_GOLD = Map.of("env", "prod", "tier", "gold");

    private static LabelSelector expressions(LabelSelector.Requirement... requirements) {
        return new LabelSelector(new TreeMap<>(), List.of(requirements));
    }

    private static LabelSelector.Requirement req(String key, LabelSelector.Operator op, String... values) {
        return new LabelSelector.Requirement(key, op, List.of(values));
    }

    @Test
    void emptySelectorMatchesEverythingIncludingNoLabels() {
        LabelSelector all = LabelSelector.of(Map.of());
        assertThat(all.matches(PROD_GOLD)).isTrue();
        assertThat(all.matches(Map.of())).isTrue();
        assertThat(all.toString()).isEqualTo("(everything)");
    }

    @Test
    void matchLabelsNeedsEveryPair() {
        assertThat(LabelSelector.of(Map.of("env", "prod")).matches(PROD_GOLD)).isTrue();
        assertThat(LabelSelector.of(Map.of("env", "prod", "tier", "silver")).matches(PROD_GOLD)).isFalse();
        assertThat(LabelSelector.of(Map.of("region", "eu")).matches(PROD_GOLD)).isFalse();
    }

    @Test
    void inNeedsTheKeyWithOneOfTheValues() {
        LabelSelector in = expressions(req("env", LabelSelector.Operator.IN, "prod", "staging"));
        assertThat(in.matches(PROD_GOLD)).isTrue();
        assertThat(in.matches(Map.of("env", "dev"))).isFalse();
        assertThat(in.matches(Map.of())).isFalse();
    }

    @Test
    void notInIsSatisfiedByAnAbsentKey() {
        LabelSelector notIn = expressions(req("env", LabelSelector.Operator.NOT_IN, "prod"));
        assertThat(notIn.matches(PROD_GOLD)).isFalse();
        assertThat(notIn.matches(Map.of("env", "dev"))).isTrue();
        assertThat(notIn.matches(Map.of("tier", "gold"))).isTrue();
    }

    @Test
    void existsAndDoesNotExistLookAtTheKeyOnly() {
        assertThat(expressions(req("tier", LabelSelector.Operator.EXISTS)).matches(PROD_GOLD)).isTrue();
        assertThat(expressions(req("tier", LabelSelector.Operator.EXISTS)).matches(Map.of("tier", ""))).isTrue();
        assertThat(expressions(req("legacy", LabelSelector.Operator.EXISTS)).matches(PROD_GOLD)).isFalse();
        assertThat(expressions(req("legacy", LabelSelector.Operator.DOES_NOT_EXIST)).matches(PROD_GOLD)).isTrue();
        assertThat(expressions(req("env", LabelSelector.Operator.DOES_NOT_EXIST)).matches(PROD_GOLD)).isFalse();
    }

    @Test
    void labelsAndExpressionsAreAnded() {
        LabelSelector both = new LabelSelector(new TreeMap<>(Map.of("env", "prod")),
                List.of(req("tier", LabelSelector.Operator.NOT_IN, "gold")));
        assertThat(both.matches(PROD_GOLD)).isFalse();
        assertThat(both.matches(Map.of("env", "prod", "tier", "bronze"))).isTrue();
        assertThat(both.toString()).isEqualTo("env=prod,tier notin (gold)");
    }
}
