package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.fluentbit.receivers.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run of the destination tests writes and what each destination must then hold: for every
 * container its lines, once each, in the order written, at exactly the destinations its routes
 * name and at no other.
 */
final class Deliveries {
    private final Map<String, List<String>> written = new LinkedHashMap<>();
    private final Map<Destination, Set<String>> routes;

    /** @param routes for each destination, the containers whose records it must get (and only those) */
    Deliveries(Map<Destination, Set<String>> routes) {
        this.routes = routes;
    }

    /** Writes {@code lines} lines per container, interleaved, odd ones on stderr. */
    Deliveries write(Map<String, DockerLogs> containers, int lines) throws Exception {
        for (int i = 0; i < lines; i++) {
            for (var container : containers.entrySet()) {
                String line = container.getKey() + " line " + i;
                container.getValue().write(i % 2 == 0 ? "stdout" : "stderr", line);
                written.computeIfAbsent(container.getKey(), c -> new ArrayList<>()).add(line);
            }
        }
        return this;
    }

    static Map<String, List<String>> byContainer(List<Arrival> arrivals) {
        Map<String, List<String>> out = new TreeMap<>();
        arrivals.forEach(a -> out.computeIfAbsent(a.container(), c -> new ArrayList<>()).add(a.message()));
        return out;
    }

    /** Waits until every destination holds at least as many lines of each of its containers as were written. */
    void awaitEveryLine(DestinationNode node, Duration timeout) throws Exception {
        awaitEveryLineExcept(node, null, timeout);
    }

    /** The same for every destination but {@code skipped} (one that delivers only later, e.g. S3 at its upload time). */
    void awaitEveryLineExcept(DestinationNode node, Destination skipped, Duration timeout) throws Exception {
        try {
            Waits.until("every destination has every line of its containers", timeout, () -> {
                for (var route : routes.entrySet()) {
                    if (route.getKey() == skipped) {
                        continue;
                    }
                    Map<String, List<String>> got = byContainer(node.arrivals(route.getKey()));
                    for (String container : route.getValue()) {
                        if (got.getOrDefault(container, List.of()).size() < written.get(container).size()) {
                            return Optional.empty();
                        }
                    }
                }
                return Optional.of(true);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + summary(node) + node.diagnostics(), e);
        }
    }

    /** Each destination: exactly its containers, each with every line once, in order; no request refused. */
    void assertDelivered(DestinationNode node) throws Exception {
        for (var route : routes.entrySet()) {
            Map<String, List<String>> got = byContainer(node.arrivals(route.getKey()));
            assertThat(got.keySet()).as("containers at %s (routing)", route.getKey().kind)
                    .containsExactlyInAnyOrderElementsOf(route.getValue());
            for (String container : route.getValue()) {
                List<String> arrived = got.get(container);
                if (!arrived.equals(written.get(container))) {
                    throw new AssertionError(container + "'s lines at " + route.getKey().kind + " are not every line once, in "
                            + "order: " + compare(written.get(container), arrived) + "\n" + summary(node) + node.diagnostics());
                }
            }
        }
        assertThat(node.rejections()).as("requests the receivers refused as breaking the protocol").isEmpty();
    }

    /** Written against arrived in a few words: counts, duplicates, missing lines, the first line out of order. */
    static String compare(List<String> written, List<String> arrived) {
        Set<String> distinct = new java.util.LinkedHashSet<>(arrived);
        List<String> missing = written.stream().filter(l -> !distinct.contains(l)).limit(5).toList();
        int firstOff = 0;
        while (firstOff < Math.min(written.size(), arrived.size()) && written.get(firstOff).equals(arrived.get(firstOff))) {
            firstOff++;
        }
        return "written " + written.size() + ", arrived " + arrived.size() + ", duplicates " + (arrived.size() - distinct.size())
                + ", missing " + missing + (firstOff < arrived.size() ? ", first difference at " + firstOff + ": "
                + arrived.get(firstOff) : "");
    }

    String summary(DestinationNode node) throws Exception {
        StringBuilder out = new StringBuilder();
        for (Destination d : routes.keySet()) {
            out.append(d.kind).append(':');
            byContainer(node.arrivals(d)).forEach((c, lines) -> out.append(' ').append(c).append('=').append(lines.size()));
            out.append('\n');
        }
        return out.toString();
    }
}
