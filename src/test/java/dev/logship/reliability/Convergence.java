package dev.logship.reliability;

import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Checks ECS (with a plain SDK client, never through logship) against what a fleet wants: every
 * desired service exists exactly once on the wanted image, no logship service is orphaned, each
 * forwarder's family holds at most one spare ACTIVE revision besides the one in use, and the
 * unmanaged resources are exactly as they were.
 */
final class Convergence {
    static final String UNMANAGED_FAMILY = "team-app";
    static final String UNMANAGED_SERVICE = "team-app";

    /** Revisions are immutable: their image is looked up once per test run (ARN to image). */
    private static final Map<String, String> IMAGES = new java.util.concurrent.ConcurrentHashMap<>();

    private Convergence() {}

    /** Forget cached revisions (a new local-ecs numbers its revisions from 1 again). */
    static void forgetRevisions() {
        IMAGES.clear();
    }

    static String image(EcsClient sdk, String taskDefinitionArn) {
        return IMAGES.computeIfAbsent(taskDefinitionArn, arn -> sdk.describeTaskDefinition(r -> r.taskDefinition(arn))
                .taskDefinition().containerDefinitions().get(0).image());
    }

    /** What is wrong, empty when converged. */
    static List<String> problems(EcsClient sdk, List<String> clusters, List<String> forwarders, String image) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> revisionsUsed = new TreeMap<>();
        for (String cluster : clusters) {
            List<Service> services = services(sdk, cluster + "-ecs");
            Set<String> seen = new HashSet<>();
            for (Service s : services) {
                if (!seen.add(s.serviceName())) {
                    problems.add(cluster + ": service " + s.serviceName() + " exists twice");
                }
                boolean managed = s.tags().stream().anyMatch(t -> t.key().equals(OwnershipTags.MANAGED_BY));
                if (managed && !forwarders.contains(s.serviceName())) {
                    problems.add(cluster + ": orphaned logship service " + s.serviceName());
                }
                if (forwarders.contains(s.serviceName())) {
                    String running = image(sdk, s.taskDefinition());
                    if (!running.equals(image)) {
                        problems.add(cluster + ": " + s.serviceName() + " runs " + running);
                    }
                    String family = s.taskDefinition().substring(s.taskDefinition().lastIndexOf('/') + 1,
                            s.taskDefinition().lastIndexOf(':'));
                    revisionsUsed.computeIfAbsent(family, f -> new HashSet<>()).add(s.taskDefinition());
                }
            }
            for (String f : forwarders) {
                if (!seen.contains(f)) {
                    problems.add(cluster + ": service " + f + " is missing");
                }
            }
        }
        for (String f : forwarders) {
            String family = "logship-" + f;
            List<String> active = sdk.listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status("ACTIVE"))
                    .taskDefinitionArns().stream().filter(a -> a.contains("/" + family + ":")).toList();
            int used = revisionsUsed.getOrDefault(family, Set.of()).size();
            if (active.size() > used + 1) {
                problems.add(family + ": " + active.size() + " ACTIVE revisions for " + used + " in use (more than one spare)");
            }
        }
        return problems;
    }

    static List<Service> services(EcsClient sdk, String ecsCluster) {
        List<String> arns = sdk.listServicesPaginator(r -> r.cluster(ecsCluster)).serviceArns().stream().toList();
        List<Service> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 10));
            out.addAll(sdk.describeServices(r -> r.cluster(ecsCluster).services(batch).include(ServiceField.TAGS)).services());
        }
        return out;
    }

    /** A team's own task definition and service in {@code ecsCluster}, which logship must never touch. */
    static void createUnmanaged(EcsClient sdk, String ecsCluster) {
        String arn = sdk.registerTaskDefinition(r -> r.family(UNMANAGED_FAMILY).containerDefinitions(c -> c.name("app")
                .image("nginx:1.27").memory(64)).tags(Tag.builder().key("team").value("payments").build())).taskDefinition()
                .taskDefinitionArn();
        sdk.createService(r -> r.cluster(ecsCluster).serviceName(UNMANAGED_SERVICE).taskDefinition(arn).desiredCount(1)
                .tags(Tag.builder().key("team").value("payments").build()));
    }

    /** Everything observable about the unmanaged resources, to compare before and after. */
    static String unmanagedFingerprint(EcsClient sdk, String ecsCluster) {
        Service s = sdk.describeServices(r -> r.cluster(ecsCluster).services(UNMANAGED_SERVICE).include(ServiceField.TAGS))
                .services().get(0);
        List<String> revisions = sdk.listTaskDefinitionsPaginator(r -> r.familyPrefix(UNMANAGED_FAMILY)).taskDefinitionArns()
                .stream().toList();
        return s.status() + " " + s.taskDefinition() + " desired=" + s.desiredCount() + " tags=" + s.tags()
                + " placement=" + s.placementConstraints() + " revisions=" + revisions;
    }
}
