package dev.logship.localecs.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** RegisterTaskDefinition and friends: revisions per family, ACTIVE -> INACTIVE -> DELETE_IN_PROGRESS. */
public final class TaskDefinitions {
    /** Revisions per family, index i holding revision i + 1 (the state's, saved with it). */
    private final Map<String, List<ObjectNode>> families;
    private final Arns arns;
    private final Tags tags;

    public TaskDefinitions(Map<String, List<ObjectNode>> families, Arns arns, Tags tags) {
        this.families = families;
        this.arns = arns;
        this.tags = tags;
    }

    public ObjectNode register(Call call) {
        JsonNode body = call.body();
        String family = Registrations.checkedFamily(body);
        JsonNode containers = body.get("containerDefinitions");
        Map<String, String> newTags = Tags.parse(body);
        List<ObjectNode> revisions = families.computeIfAbsent(family, f -> new ArrayList<>());
        int revision = revisions.size() + 1;
        String arn = arns.taskDefinition(call.region(), family, revision);
        ObjectNode td = TaskDefinitionFiller.fill(body, arn, revision, call.now(), arns.root());
        revisions.add(td);
        tags.add(arn, newTags);
        ObjectNode out = Json.object();
        out.set("taskDefinition", td.deepCopy());
        out.set("tags", tags.renderOf(arn));
        return out;
    }

    public ObjectNode describe(Call call) {
        ObjectNode td = find(Json.required(call.body(), "taskDefinition"));
        ObjectNode out = Json.object();
        out.set("taskDefinition", td.deepCopy());
        if (Json.includes(call.body(), "TAGS")) {
            out.set("tags", tags.renderOf(td.get("taskDefinitionArn").asText()));
        }
        return out;
    }

    public ObjectNode list(Call call) {
        JsonNode body = call.body();
        String family = Json.text(body, "familyPrefix");
        String status = statusFilter(Json.text(body, "status"), "ACTIVE");
        List<String> matching = new ArrayList<>();
        families.forEach((name, revisions) -> {
            if (family == null || family.equals(name)) {
                revisions.stream().filter(td -> td.get("status").asText().equals(status))
                        .forEach(td -> matching.add(td.get("taskDefinitionArn").asText()));
            }
        });
        if ("DESC".equals(Json.text(body, "sort"))) {
            Collections.reverse(matching);
        }
        return Page.listResponse(matching, body, "taskDefinitionArns", 100);
    }

    public ObjectNode listFamilies(Call call) {
        JsonNode body = call.body();
        String prefix = Json.text(body, "familyPrefix");
        String status = statusFilter(Json.text(body, "status"), "ALL");
        List<String> matching = new ArrayList<>();
        families.forEach((name, revisions) -> {
            boolean active = revisions.stream().anyMatch(td -> td.get("status").asText().equals("ACTIVE"));
            boolean wanted = status.equals("ALL") || (status.equals("ACTIVE") == active);
            if ((prefix == null || name.startsWith(prefix)) && wanted && !revisions.isEmpty()) {
                matching.add(name);
            }
        });
        return Page.listResponse(matching, body, "families", 100);
    }

    public ObjectNode deregister(Call call) {
        String ref = Json.required(call.body(), "taskDefinition");
        if (!Arns.lastSegment(ref).contains(":")) {
            throw EcsError.client("Invalid revision number. Number: " + ref);
        }
        ObjectNode td = find(ref);
        if (td.get("status").asText().equals("ACTIVE")) {
            td.put("status", "INACTIVE");
            td.put("deregisteredAt", Json.epoch(call.now()));
        }
        ObjectNode out = Json.object();
        out.set("taskDefinition", td.deepCopy());
        return out;
    }

    public ObjectNode delete(Call call) {
        List<String> refs = Json.strings(call.body(), "taskDefinitions");
        if (refs.isEmpty() || refs.size() > 10) {
            throw EcsError.invalid("taskDefinitions must contain between 1 and 10 items.");
        }
        ObjectNode out = Json.object();
        ArrayNode deleted = out.putArray("taskDefinitions");
        ArrayNode failures = out.putArray("failures");
        for (String ref : refs) {
            ObjectNode td = findOrNull(ref);
            if (td == null) {
                failures.addObject().put("arn", ref).put("reason", "TASK_DEFINITION_NOT_FOUND")
                        .put("detail", "The specified task definition does not exist.");
            } else if (td.get("status").asText().equals("ACTIVE")) {
                failures.addObject().put("arn", td.get("taskDefinitionArn").asText()).put("reason",
                        "The specified task definition is still in ACTIVE status. Please deregister the target and try again.");
            } else {
                td.put("status", "DELETE_IN_PROGRESS");
                td.put("deleteRequestedAt", Json.epoch(call.now()));
                deleted.add(td.deepCopy());
            }
        }
        return out;
    }

    /** Resolves an ARN, family:revision, or family (its latest ACTIVE revision). */
    ObjectNode find(String ref) {
        ObjectNode td = findOrNull(ref);
        if (td == null) {
            throw EcsError.client("Unable to describe task definition.");
        }
        return td;
    }

    public ObjectNode findOrNull(String ref) {
        return RevisionRefs.resolve(families, ref);
    }

    private static String statusFilter(String status, String fallback) {
        if (status == null) {
            return fallback;
        }
        if (!List.of("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS", "ALL").contains(status)) {
            throw EcsError.invalid("Invalid status: " + status);
        }
        return status;
    }
}
