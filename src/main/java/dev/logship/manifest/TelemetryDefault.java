package dev.logship.manifest;

import java.util.Objects;

/**
 * A tree's {@code kind: Telemetry}: the telemetry every Fluent Bit forwarder without its own
 * {@code spec.telemetry} renders. It lives in Git, not in serve's options, so validate, render,
 * plan, apply and serve render the same task definitions from the same commit: a plan run in CI
 * without serve's settings still equals what serve applies, and ECS equals Git.
 */
public record TelemetryDefault(String name, Position position, Telemetry telemetry) {
    public TelemetryDefault {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(telemetry, "telemetry");
    }

    /** How render and plan name it: kind Telemetry "default" (telemetry.yaml:4). */
    String origin() {
        return "kind Telemetry \"" + name + "\" (" + position.file() + ":" + position.line() + ")";
    }
}
