package dev.logship.render;

import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import dev.logship.render.FluentBitPipeline.Kind;
import dev.logship.render.FluentBitPipeline.Plugin;

/**
 * Routing per container as a pipeline step. With typed routes, a rewrite_tag filter after the
 * Lua step re-tags every record {@code r.CLUSTER.FAMILY.CONTAINER.INSTANCE} (fields without dots:
 * ECS names allow none), and each output selects records by a regular expression on that tag,
 * so a record reaches every route whose match it passes. The re-tagged records are buffered on
 * the filesystem like tail's, not only in memory. Without typed routes nothing is re-tagged:
 * the syslog pipeline stays as it was measured.
 */
final class FluentBitRouting {
    static final String ROUTED = "r";
    static final String EMITTER = "logship_routes";
    private static final String PART = "[^.]+";

    private FluentBitRouting() {}

    static Plugin retag() {
        return new Builder(Kind.FILTER, "rewrite_tag").p("match", "ecs.*")
                .p("rule", "$container ^.+$ " + ROUTED + ".$cluster.$task_family.$container.$instance false")
                .p("emitter_name", EMITTER)
                .p("emitter_storage.type", "filesystem")
                .build();
    }

    /** An output builder that gets the records {@code match} selects ({@code routed}: tags are r.*). */
    static Builder output(String plugin, RouteMatch match, boolean routed) {
        Builder out = new Builder(Kind.OUTPUT, plugin);
        if (!routed) {
            return out.p("match", "ecs.*");
        }
        return match.everything() ? out.p("match", ROUTED + ".*") : out.p("match_regex", regex(match));
    }

    /** {@code ^r\.[^.]+\.[^.]+\.(?!(?:batch)\.)(?:api|worker)\.[^.]+$}: container names need no escaping. */
    static String regex(RouteMatch match) {
        String container = (match.excludeContainers().isEmpty() ? ""
                : "(?!(?:" + String.join("|", match.excludeContainers()) + ")\\.)")
                + (match.containers().isEmpty() ? PART : "(?:" + String.join("|", match.containers()) + ")");
        return "^" + ROUTED + "\\." + PART + "\\." + PART + "\\." + container + "\\." + PART + "$";
    }
}
