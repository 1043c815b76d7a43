package dev.logship.localecs.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.Clusters;
import dev.logship.localecs.clusters.TaskState;
import dev.logship.localecs.clusters.Views;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Arns;
import java.util.List;

/** ListTasks and DescribeTasks over what the scheduler placed. */
public final class Tasks {
    private final Arns arns;
    private final Views views;
    private final Clusters clusters;

    public Tasks(Arns arns, Views views, Clusters clusters) {
        this.arns = arns;
        this.views = views;
        this.clusters = clusters;
    }

    public ObjectNode list(Call call) {
        JsonNode body = call.body();
        ClusterState cluster = clusters.resolve(body);
        String service = Json.text(body, "serviceName");
        if (service != null) {
            Services.find(cluster, service);
        }
        String node = Json.text(body, "containerInstance");
        String family = Json.text(body, "family");
        String startedBy = Json.text(body, "startedBy");
        String daemon = Json.text(body, "daemonName"); // a managed daemon's tasks carry the group "daemon:NAME"
        boolean stopped = "STOPPED".equals(Json.text(body, "desiredStatus"));
        List<String> all = cluster.tasks.stream()
                .filter(t -> t.stopped() == stopped)
                .filter(t -> service == null || Arns.lastSegment(service).equals(t.serviceName))
                .filter(t -> node == null || Arns.lastSegment(node).equals(Arns.lastSegment(t.containerInstanceArn)))
                .filter(t -> family == null || Arns.lastSegment(t.taskDefinitionArn).startsWith(family + ":"))
                .filter(t -> startedBy == null || startedBy.equals(t.deploymentId))
                .filter(t -> daemon == null || ("daemon:" + daemon).equals(t.group))
                .map(t -> t.arn).toList();
        return Page.listResponse(all, body, "taskArns", 100);
    }

    public ObjectNode describe(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        List<String> refs = Json.strings(call.body(), "tasks");
        if (refs.isEmpty() || refs.size() > 100) {
            throw EcsError.invalid("tasks must contain between 1 and 100 items.");
        }
        boolean withTags = Json.includes(call.body(), "TAGS");
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (String ref : refs) {
            String id = Arns.lastSegment(ref);
            TaskState task = cluster.tasks.stream().filter(t -> Arns.lastSegment(t.arn).equals(id)).findFirst().orElse(null);
            if (task == null) {
                String arn = ref.startsWith("arn:") ? ref : arns.task(Arns.region(cluster.arn), cluster.name, ref);
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                found.add(views.task(cluster, task, call.now(), withTags));
            }
        }
        return out;
    }
}
