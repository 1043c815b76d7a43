package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import dev.logship.localecs.taskdefs.Registrations;
import dev.logship.localecs.taskdefs.RevisionRefs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * RegisterDaemonTaskDefinition, DescribeDaemonTaskDefinition, ListDaemonTaskDefinitions and
 * DeleteDaemonTaskDefinition: revisions per family, ACTIVE -> DELETE_IN_PROGRESS -> DELETED
 * (DELETED once no daemon runs the revision).
 */
final class DaemonTaskDefinitions {
    private static final Set<String> REQUEST_FIELDS = Set.of("taskRoleArn", "executionRoleArn", "containerDefinitions",
            "cpu", "memory", "volumes");
    private final DaemonsState state;
    private final DaemonArns arns;
    private final Tags tags;

    DaemonTaskDefinitions(DaemonsState state, DaemonArns arns, Tags tags) {
        this.state = state;
        this.arns = arns;
        this.tags = tags;
    }

    ObjectNode register(Call call) {
        JsonNode body = call.body();
        String family = Registrations.checkedFamily(body);
        JsonNode containers = body.get("containerDefinitions");
        DaemonContainerRules.check(containers);
        var newTags = Tags.parse(body);
        List<ObjectNode> revisions = state.revisionsOf(family);
        int revision = revisions.size() + 1;
        String arn = arns.taskDefinition(call.region(), family, revision);
        ObjectNode td = Json.object();
        td.put("daemonTaskDefinitionArn", arn).put("family", family).put("revision", revision);
        body.fields().forEachRemaining(f -> {
            if (REQUEST_FIELDS.contains(f.getKey()) && !f.getValue().isNull()) {
                td.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        td.put("status", "ACTIVE").put("registeredAt", Json.epoch(call.now())).put("registeredBy", arns.root());
        revisions.add(td);
        tags.add(arn, newTags);
        return Json.object().put("daemonTaskDefinitionArn", arn);
    }

    ObjectNode describe(Call call) {
        ObjectNode td = find(Json.required(call.body(), "daemonTaskDefinition"));
        ObjectNode out = Json.object();
        out.set("daemonTaskDefinition", td.deepCopy());
        return out;
    }

    ObjectNode list(Call call) {
        JsonNode body = call.body();
        String prefix = Json.text(body, "familyPrefix");
        String family = Json.text(body, "family");
        String status = oneOf(Json.text(body, "status"), "ACTIVE", List.of("ACTIVE", "DELETE_IN_PROGRESS", "ALL"), "status");
        String sort = oneOf(Json.text(body, "sort"), "ASC", List.of("ASC", "DESC"), "sort");
        boolean lastOnly = "LAST_REGISTERED".equals(oneOf(Json.text(body, "revision"), "", List.of("", "LAST_REGISTERED"), "revision"));
        List<ObjectNode> matching = new ArrayList<>();
        state.families.forEach((name, revisions) -> {
            if ((prefix == null || name.startsWith(prefix)) && (family == null || family.equals(name))) {
                List<ObjectNode> wanted = revisions.stream().filter(td -> status.equals("ALL")
                        ? !td.get("status").asText().equals("DELETED") : td.get("status").asText().equals(status)).toList();
                matching.addAll(lastOnly && !wanted.isEmpty() ? List.of(wanted.get(wanted.size() - 1)) : wanted);
            }
        });
        if (sort.equals("DESC")) {
            Collections.reverse(matching);
        }
        List<String> arnsInOrder = matching.stream().map(td -> td.get("daemonTaskDefinitionArn").asText()).toList();
        return Page.listResponse(arnsInOrder, body, "daemonTaskDefinitions", 100, this::summary);
    }

    private ObjectNode summary(String arn) {
        ObjectNode td = find(arn);
        ObjectNode summary = Json.object().put("arn", arn);
        summary.set("registeredAt", td.get("registeredAt"));
        summary.set("registeredBy", td.get("registeredBy"));
        if (td.has("deleteRequestedAt")) {
            summary.set("deleteRequestedAt", td.get("deleteRequestedAt"));
        }
        summary.set("status", td.get("status"));
        return summary;
    }

    ObjectNode delete(Call call) {
        String ref = Json.required(call.body(), "daemonTaskDefinition");
        if (!Arns.lastSegment(ref).contains(":")) {
            throw EcsError.client("Invalid revision number. Number: " + ref);
        }
        ObjectNode td = find(ref);
        if (!td.get("status").asText().equals("ACTIVE")) {
            throw EcsError.client("The daemon task definition must be in an ACTIVE state to be deleted.");
        }
        td.put("status", "DELETE_IN_PROGRESS").put("deleteRequestedAt", Json.epoch(call.now()));
        return Json.object().put("daemonTaskDefinitionArn", td.get("daemonTaskDefinitionArn").asText());
    }

    /** DELETE_IN_PROGRESS revisions no daemon runs any more become DELETED. */
    boolean finishDeletes(Set<String> inUse) {
        boolean changed = false;
        for (List<ObjectNode> revisions : state.families.values()) {
            for (ObjectNode td : revisions) {
                if (td.get("status").asText().equals("DELETE_IN_PROGRESS")
                        && !inUse.contains(td.get("daemonTaskDefinitionArn").asText())) {
                    td.put("status", "DELETED");
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** An ARN or family:revision; a bare family means its latest ACTIVE revision. */
    ObjectNode find(String ref) {
        ObjectNode td = findOrNull(ref);
        if (td == null) {
            throw EcsError.client("Unable to describe daemon task definition.");
        }
        return td;
    }

    ObjectNode findOrNull(String ref) {
        return RevisionRefs.resolve(state.families, ref);
    }

    private static String oneOf(String value, String fallback, List<String> allowed, String field) {
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw EcsError.invalid("Invalid " + field + ": " + value + "; expected one of " + allowed + ".");
        }
        return value;
    }
}
