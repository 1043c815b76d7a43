package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.faults.FailingImages;
import dev.logship.localecs.http.Json;
import java.util.ArrayList;

/** Makes the immutable daemon revision each CreateDaemon and UpdateDaemon snapshots. */
public final class Revisions {
    private Revisions() {
    }

    static RevisionState make(DaemonsState state, DaemonArns arns, DaemonState daemon, ObjectNode td, JsonNode body, long now) {
        RevisionState r = new RevisionState();
        r.arn = arns.revision(daemon.clusterArn, daemon.name, state.nextId());
        r.daemonArn = daemon.arn;
        r.clusterArn = daemon.clusterArn;
        r.taskDefinitionArn = td.get("daemonTaskDefinitionArn").asText();
        r.createdAtMillis = now;
        ArrayNode images = Json.array();
        for (JsonNode c : td.path("containerDefinitions")) {
            ObjectNode image = images.addObject();
            if (c.hasNonNull("name")) {
                image.put("containerName", c.get("name").asText());
            }
            image.put("image", c.get("image").asText());
            image.put("imageDigest", "sha256:" + String.format("%064x", c.get("image").asText().hashCode() & 0xffffffffL));
        }
        r.containerImages = images;
        String propagate = Json.text(body, "propagateTags");
        r.propagateTags = propagate == null ? "NONE" : propagate;
        r.enableECSManagedTags = Json.bool(body, "enableECSManagedTags");
        r.enableExecuteCommand = Json.bool(body, "enableExecuteCommand");
        r.capacityProviderArns = new ArrayList<>(daemon.capacityProviderArns);
        state.revisions.put(r.arn, r);
        return r;
    }

    static boolean failing(RevisionState r) {
        for (JsonNode image : r.containerImages) {
            if (FailingImages.isFailing(image.path("image").asText())) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode view(RevisionState r) {
        ObjectNode out = Json.object();
        out.put("daemonRevisionArn", r.arn).put("clusterArn", r.clusterArn).put("daemonArn", r.daemonArn);
        out.put("daemonTaskDefinitionArn", r.taskDefinitionArn).put("createdAt", Json.epoch(r.createdAtMillis));
        out.set("containerImages", r.containerImages.deepCopy());
        out.put("propagateTags", r.propagateTags).put("enableECSManagedTags", r.enableECSManagedTags)
                .put("enableExecuteCommand", r.enableExecuteCommand);
        return out;
    }
}
