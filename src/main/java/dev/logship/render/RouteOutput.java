package dev.logship.render;

import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.List;
import java.util.Map;

/**
 * One route of a Fluent Bit forwarder, one implementation per destination kind: the output
 * plugin and its properties, the environment and ECS secrets its {@code ${...}} variables need,
 * the IAM statements its task role needs, and how plan, render and status name it (masked).
 */
interface RouteOutput {
    /** The manifest's name for the kind: syslog, cloudwatchLogs, s3, ... */
    String kind();

    /** Fluent Bit's output plugin. */
    String plugin();

    RouteMatch match();

    /** Adds the output's own properties to {@code out} (which already says which records it gets). */
    void properties(Builder out, long bufferShare);

    /** Where records go, with nothing secret in it (plan, render and status word it through RouteSummary). */
    String target();

    /** Variables of the command set as plain environment (not secret enough to need ECS secrets). */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** Variables of the command that ECS fills from SSM or Secrets Manager: name -> valueFrom. */
    default Map<String, String> secrets() {
        return Map.of();
    }

    /** What the task role must allow; {@code account} is the task role's account. */
    default List<IamStatement> taskRole(String account) {
        return List.of();
    }

    /** The variable of route {@code index} holding {@code what}: LOGSHIP_ROUTE_3_TOKEN. */
    static String variable(int index, String what) {
        return FluentBitRoutes.PREFIX + index + "_" + what;
    }

    /** Certificate chain and host name checked: Fluent Bit checks the name only with tls.verify_hostname. */
    static Builder tls(Builder out) {
        return out.p("tls", "on").p("tls.verify", "on").p("tls.verify_hostname", "on");
    }
}
