package dev.logship.model;

import java.util.Map;
import java.util.function.Function;

/**
 * What runs a forwarder's task on every node: an ECS service ({@link ServiceSpec}) or an ECS
 * managed daemon ({@link DaemonSpec}). Sealed, so code that must treat them differently
 * switches over the two kinds in one place instead of asking "is it a daemon?" here and there.
 */
public sealed interface Workload permits ServiceSpec, DaemonSpec {
    /** The ECS name: service name or daemon name. */
    String name();

    Map<String, String> tags();

    /**
     * The one switch over the two kinds (Java 17 has no pattern-matching switch): each decision that
     * differs by kind passes both arms, so a third kind fails to compile wherever it must be decided.
     */
    <T> T match(Function<ServiceSpec, T> service, Function<DaemonSpec, T> daemon);
}
