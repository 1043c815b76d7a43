package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.OwnershipTags;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.Manifests;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * Two installations (two bare Git repositories) whose Cluster has the same metadata.name on one
 * ECS cluster, applied through the real CLI and the real SDK against local-ecs: neither ever
 * updates or prunes the other's services. And apply from a checkout acts as the serve that
 * follows the same repository (one owner), not as a stranger.
 */
class TwoInstallationsOneClusterTest {
    @TempDir Path tmp;
    private LocalEcsServer ecs;
    private EcsClient sdk;

    @BeforeEach
    void start() {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("shared-ecs", 2).taskConvergence(Duration.ofMillis(20)).build());
        sdk = EcsClients.of(ecs.endpoint());
    }

    @AfterEach
    void stop() {
        sdk.close();
        ecs.close();
    }

    private CliRun apply(String repo, String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("apply", "--repo", repo, "--ecs-endpoint",
                ecs.endpoint().toString()), java.util.stream.Stream.of(more)).toArray(String[]::new);
        return CliRun.of(args);
    }

    /** Service name -> owner tag of every ACTIVE service on the shared cluster. */
    private Map<String, String> owners() {
        Map<String, String> out = new TreeMap<>();
        var arns = sdk.listServices(r -> r.cluster("shared-ecs")).serviceArns();
        if (arns.isEmpty()) {
            return out;
        }
        for (Service s : sdk.describeServices(r -> r.cluster("shared-ecs").services(arns).include(ServiceField.TAGS)).services()) {
            if ("ACTIVE".equals(s.status())) {
                out.put(s.serviceName(), s.tags().stream().filter(t -> t.key().equals(OwnershipTags.OWNER))
                        .map(t -> t.value()).findFirst().orElse("(none)"));
            }
        }
        return out;
    }

    @Test
    void twoReposWithTheSameClusterNameNeverTouchEachOthersServices() throws Exception {
        try (ManifestRepo a = ManifestRepo.create(tmp.resolve("a")); ManifestRepo b = ManifestRepo.create(tmp.resolve("b"))) {
            a.push("a", Map.of("prod/cluster.yaml", Manifests.cluster("prod", "shared-ecs"),
                    "prod/alpha.yaml", Manifests.forwarder("alpha"), "prod/common.yaml", Manifests.forwarder("common")));
            b.push("b", Map.of("prod/cluster.yaml", Manifests.cluster("prod", "shared-ecs"),
                    "prod/beta.yaml", Manifests.forwarder("beta"), "prod/common.yaml", Manifests.forwarder("common")));
            String ownerA = OwnerIds.derive(a.uri(), null);
            String ownerB = OwnerIds.derive(b.uri(), null);
            assertThat(ownerA).isNotEqualTo(ownerB).doesNotContain("://");

            CliRun first = apply(a.uri());
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(owners()).isEqualTo(Map.of("alpha", ownerA, "common", ownerA));

            CliRun second = apply(b.uri());
            assertThat(second.exitCode()).as(second.err()).isEqualTo(Verdict.NOT_HEALTHY);
            assertThat(second.out()).contains("Plan: 1 to create, 0 to update, 0 to recreate, 0 to prune, 1 in conflict.",
                    "service common belongs to another logship installation (owner " + ownerA,
                    "Exit 3: not healthy: conflict on prod/common");
            assertThat(owners()).isEqualTo(Map.of("alpha", ownerA, "beta", ownerB, "common", ownerA));

            CliRun againA = apply(a.uri(), "--wait", "30");
            assertThat(againA.exitCode()).as(againA.out() + againA.err()).isZero();
            assertThat(againA.out()).contains("Plan: 0 to create, 0 to update, 0 to recreate, 0 to prune.");

            b.push("b drops beta", java.util.Collections.singletonMap("prod/beta.yaml", null));
            CliRun pruned = apply(b.uri());
            assertThat(pruned.out()).contains("0 to create, 0 to update, 0 to recreate, 1 to prune, 1 in conflict.",
                    "deleted service beta");
            b.push("b drops common", java.util.Collections.singletonMap("prod/common.yaml", null));
            CliRun empty = apply(b.uri());
            assertThat(empty.exitCode()).as(empty.out()).isZero();
            assertThat(empty.out()).contains("Plan: 0 to create, 0 to update, 0 to recreate, 0 to prune.");
            assertThat(owners()).isEqualTo(Map.of("alpha", ownerA, "common", ownerA));
        }
    }

    /**
     * DescribeClusters says 0 ACTIVE services whatever runs (moto 5.2.3's counter, or ECS's
     * eventually consistent one): logship lists anyway, so every fresh run sees its own services
     * (nothing created again) and a second installation reports a conflict instead of creating over them.
     */
    @Test
    void aServiceCounterStuckAtZeroHidesNoServiceFromEitherInstallation() throws Exception {
        ecs.setStaleCounters(true);
        assertThat(sdk.describeClusters(r -> r.clusters("shared-ecs")).clusters().get(0).activeServicesCount()).isZero();
        try (ManifestRepo a = ManifestRepo.create(tmp.resolve("a")); ManifestRepo b = ManifestRepo.create(tmp.resolve("b"))) {
            a.push("a", Map.of("prod/cluster.yaml", Manifests.cluster("prod", "shared-ecs"),
                    "prod/common.yaml", Manifests.forwarder("common")));
            b.push("b", Map.of("prod/cluster.yaml", Manifests.cluster("prod", "shared-ecs"),
                    "prod/common.yaml", Manifests.forwarder("common")));
            String ownerA = OwnerIds.derive(a.uri(), null);
            assertThat(apply(a.uri()).exitCode()).isZero();
            assertThat(sdk.describeClusters(r -> r.clusters("shared-ecs")).clusters().get(0).activeServicesCount()).isZero();

            CliRun again = apply(a.uri(), "--wait", "30");
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("Plan: 0 to create, 0 to update, 0 to recreate, 0 to prune.");

            CliRun other = apply(b.uri());
            assertThat(other.out()).contains("1 in conflict.", "service common belongs to another logship installation (owner " + ownerA);
            assertThat(owners()).isEqualTo(Map.of("common", ownerA));
            assertThat(ecs.mutatingCallCounts()).containsEntry("CreateService", 1L);
        }
    }

    @Test
    void applyFromACheckoutActsAsTheServeFollowingTheSameRepository() throws Exception {
        try (ManifestRepo repo = ManifestRepo.create(tmp.resolve("r"))) {
            repo.push("one", Map.of("prod/cluster.yaml", Manifests.cluster("prod", "shared-ecs"),
                    "prod/alpha.yaml", Manifests.forwarder("alpha")));
            ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10));
            try (Operator serve = Operator.start(new ServeConfig(repo.bare.toString(), "main", null, ecs.endpoint().toString(),
                    "127.0.0.1", 0, tmp.resolve("mirror"), null, true, null, null, settings))) {
                Waits.until("serve applied alpha", Duration.ofSeconds(30), () -> owners().containsKey("alpha"));
                Path checkout = tmp.resolve("checkout");
                ManifestRepo.cloneOf(repo.bare, checkout).close();
                java.nio.file.Files.writeString(checkout.resolve("prod/gamma.yaml"), Manifests.forwarder("gamma"));

                CliRun fromCheckout = apply(checkout.toString());
                assertThat(fromCheckout.exitCode()).as(fromCheckout.out() + fromCheckout.err()).isZero();
                assertThat(fromCheckout.out()).contains("Plan: 1 to create, 0 to update, 0 to recreate, 0 to prune.")
                        .doesNotContain("CONFLICT", "another logship installation");
                String owner = OwnerIds.derive(repo.uri(), null);
                assertThat(owners()).isEqualTo(Map.of("alpha", owner, "gamma", owner));
            }
        }
    }
}
