package dev.logship.localecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.clusters.EcsState;
import dev.logship.localecs.daemons.DaemonApi;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.resources.Tags;
import dev.logship.localecs.taskdefs.TaskDefinitions;

/** TagResource, UntagResource, ListTagsForResource on any resource local-ecs holds. */
final class TagActions {
    private final EcsState state;
    private final Tags tags;
    private final TaskDefinitions taskDefinitions;
    private final DaemonApi daemons;

    TagActions(EcsState state, Tags tags, TaskDefinitions taskDefinitions, DaemonApi daemons) {
        this.daemons = daemons;
        this.state = state;
        this.tags = tags;
        this.taskDefinitions = taskDefinitions;
    }

    ObjectNode tag(Call call) {
        String arn = existing(Json.required(call.body(), "resourceArn"));
        if (!call.body().hasNonNull("tags")) {
            throw EcsError.invalid("tags must be specified.");
        }
        tags.add(arn, Tags.parse(call.body()));
        return Json.object();
    }

    ObjectNode untag(Call call) {
        String arn = existing(Json.required(call.body(), "resourceArn"));
        tags.remove(arn, Json.strings(call.body(), "tagKeys"));
        return Json.object();
    }

    ObjectNode list(Call call) {
        String arn = existing(Json.required(call.body(), "resourceArn"));
        ObjectNode out = Json.object();
        out.set("tags", tags.renderOf(arn));
        return out;
    }

    /** The ARN as stored, after checking the resource exists (ECS answers unknown ones with an error). */
    private String existing(String arn) {
        if (!arn.startsWith("arn:aws:ecs:")) {
            throw EcsError.invalid("Invalid resource ARN: " + arn);
        }
        String type = resourceType(arn);
        boolean found = switch (type) {
            case "cluster" -> state.clusters.values().stream().anyMatch(c -> c.arn.equals(arn) && c.status.equals("ACTIVE"));
            case "service" -> state.clusters.values().stream().flatMap(c -> c.services.values().stream())
                    .anyMatch(s -> s.arn.equals(arn) && !s.status.equals("INACTIVE"));
            case "task-definition" -> taskDefinitions.findOrNull(arn) != null;
            case "container-instance" -> state.clusters.values().stream().anyMatch(c -> c.nodes.containsKey(arn));
            case "task" -> state.clusters.values().stream().flatMap(c -> c.tasks.stream()).anyMatch(t -> t.arn.equals(arn));
            default -> daemons.exists(arn);
        };
        if (!found) {
            throw EcsError.resourceNotFound("The specified resource could not be found.");
        }
        return arn;
    }

    private static String resourceType(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return "";
        }
        int slash = parts[5].indexOf('/');
        return slash < 0 ? parts[5] : parts[5].substring(0, slash);
    }
}
