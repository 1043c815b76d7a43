package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.HaltTags;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.ManifestRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;

/** plan and apply as a user runs them: the examples, the CLI, the real SDK over HTTP, local-ecs. */
class PlanApplyCommandTest {
    private static final Set<String> READS = Set.of("ListTasks", "DescribeTasks", "ListContainerInstances", "DescribeContainerInstances", "ListServices", "DescribeServices",
            "DescribeTaskDefinition", "ListTaskDefinitions", "DescribeClusters", "ListDaemons", "DescribeDaemon",
            "DescribeDaemonDeployments", "DescribeDaemonRevisions", "DescribeDaemonTaskDefinition", "ListDaemonTaskDefinitions",
            "ListTagsForResource", "DescribeCapacityProviders");
    /** The examples' clusters: ECS name, region, nodes. */
    private static final Map<String, String> CLUSTERS = Map.of("prod-ecs", "us-east-1", "staging", "eu-west-1",
            "my-cluster-name", "us-west-2");

    private LocalEcsServer ecs;
    @TempDir
    Path repo;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws IOException {
        startEcs(Duration.ofMillis(20));
        copyExamples();
    }

    /** local-ecs with the examples' clusters, 3 nodes each; tasks turn RUNNING after {@code convergence}. */
    private void startEcs(Duration convergence) {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(convergence).build());
        CLUSTERS.forEach((name, region) -> {
            try (EcsClient sdk = sdk(region)) {
                sdk.createCluster(r -> r.clusterName(name));
                for (int i = 0; i < 3; i++) {
                    sdk.registerContainerInstance(r -> r.cluster(name));
                }
            }
        });
        ecs.setManagedInstances("managed-ecs", "managed", 3); // the managedDaemon example's Managed Instances provider
        ecs.resetCallCounts();
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private EcsClient sdk(String region) {
        return EcsClients.of(ecs.endpoint(), region);
    }

    private void copyExamples() throws IOException {
        Path examples = Path.of("examples/desired-state");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path f : files.toList()) {
                Path target = repo.resolve(examples.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(),
                "--ecs-endpoint", ecs.endpoint().toString())).toArray(String[]::new);
        return new Run(cli.execute(full), out.toString(), err.toString());
    }

    private Map<String, Long> mutatingCalls() {
        Map<String, Long> calls = new TreeMap<>(ecs.callCounts());
        calls.keySet().removeAll(READS);
        calls.values().removeIf(v -> v == 0);
        return calls;
    }

    @Test
    void examplesApplyToEmptyEcsThenASecondApplyChangesNothing() {
        Run plan = run("plan");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(2);
        assertThat(plan.out()).contains("+   prod/papertrail", "+   legacy/logspout-service", "+   staging/papertrail-staging",
                "+   managed/fluent-bit-managed (managed daemon fluent-bit-managed)",
                "Plan: 4 to create, 0 to update, 0 to recreate, 0 to prune.");
        ecs.resetCallCounts();

        Run apply = run("apply");
        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("Apply: 8 change(s) made, 0 failure(s).");
        assertThat(apply.out() + apply.err()).doesNotContain("papertrailapp.com");
        System.out.println(plan.out() + apply.out());
        System.out.println("ECS calls, first apply of the examples: " + ecs.callCounts());

        ecs.resetCallCounts();
        Run again = run("apply", "--wait", "30");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Plan: 0 to create, 0 to update, 0 to recreate, 0 to prune.",
                "health prod/papertrail: Healthy (3/3 tasks running)", "health legacy/logspout-service: Healthy (3/3 tasks running)",
                "health staging/papertrail-staging: Healthy (3/3 tasks running)",
                "health managed/fluent-bit-managed: Healthy (running on 3 of 3 instances of its capacity providers)");
        assertThat(mutatingCalls()).isEmpty();
        assertThat(ecs.callCounts()).doesNotContainKey("RegisterTaskDefinition");
        System.out.println("ECS calls, no-op apply of the examples (fresh process: empty task definition cache): " + ecs.callCounts());
        assertThat(run("plan").exit()).isZero();
    }

    @Test
    void applyWaitStopsWaitingForARolloutWithoutProgressAfterTheRolloutTimeout() {
        ecs.close();
        startEcs(Duration.ofHours(1)); // tasks never leave PENDING: no rollout makes progress
        long start = System.nanoTime();
        Run apply = run("apply", "--wait", "120", "--rollout-timeout", "3s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // at least the 3 s timeout; on a loaded machine the check that notices it can come a few seconds later
        assertThat(apply.out()).containsPattern("health prod/papertrail: Degraded \\(RolloutStuck: no progress for ([3-9]|[1-5][0-9])s \\(0/3 tasks running");
        assertThat(took).as("gave up at the rollout timeout, not at --wait 120").isLessThan(Duration.ofSeconds(60));
        assertThat(apply.exit()).as("applied but not healthy").isEqualTo(3);
    }

    @Test
    void imageChangeInGitRegistersOnceAndUpdatesOnce() throws IOException {
        assertThat(run("apply").exit()).isZero();
        Path papertrail = repo.resolve("prod/fluent-bit.yaml");
        Files.writeString(papertrail, Files.readString(papertrail).replace("spec:\n", "spec:\n  image: fluent/fluent-bit:5.1.2\n"));
        Run plan = run("plan", "--cluster", "prod");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(2);
        assertThat(plan.out()).contains("~   prod/papertrail", "taskDefinition.containerDefinitions[fluent-bit].image:");
        System.out.println(plan.out());
        ecs.resetCallCounts();
        assertThat(run("apply").exit()).isZero();
        assertThat(mutatingCalls()).containsEntry("RegisterTaskDefinition", 1L).containsEntry("UpdateService", 1L);
    }

    @Test
    void aCommitWithOneInvalidManifestAppliesAndPrunesNothing() throws IOException {
        assertThat(run("apply").exit()).isZero();
        Files.delete(repo.resolve("prod/fluent-bit.yaml"));
        Files.writeString(repo.resolve("legacy/broken.yaml"), "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: x\nspec:\n  routez: []\n");
        ecs.resetCallCounts();
        Run apply = run("apply");
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err()).contains("legacy/broken.yaml:", "nothing was planned or applied");
        assertThat(ecs.callCounts().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void jsonPlanIsDataWithSecretsMasked() {
        Run plan = run("plan", "--output", "json");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.out()).contains("\"hasChanges\" : true", "\"action\" : \"CREATE\"").doesNotContain("papertrailapp");
    }

    @Test
    void dryRunIsPlan() {
        Run dry = run("apply", "--dry-run");
        assertThat(dry.exit()).isEqualTo(2);
        assertThat(mutatingCalls()).isEmpty();
    }

    @Test
    void unknownClusterIsAnError() {
        Run plan = run("plan", "--cluster", "nope");
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.err()).contains("--cluster nope: no such Cluster; known: legacy, managed, prod, staging");
    }

    @Test
    void aGitRepositoryIsReadAtItsRefAndSubdirectory() throws Exception {
        Path git = repo.getParent().resolve(repo.getFileName() + "-git");
        Files.createDirectories(git.resolve("manifests"));
        try (Stream<Path> files = Files.list(repo)) {
            for (Path dir : files.toList()) {
                Path target = git.resolve("manifests").resolve(dir.getFileName().toString());
                Files.createDirectories(target);
                try (Stream<Path> yaml = Files.list(dir)) {
                    for (Path f : yaml.toList()) {
                        Files.copy(f, target.resolve(f.getFileName().toString()));
                    }
                }
            }
        }
        for (String[] command : new String[][] {{"init", "-q", "-b", "main"}, {"add", "."},
                {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "forwarders"}}) {
            String[] full = Stream.concat(Stream.of("git", "-C", git.toString()), Stream.of(command)).toArray(String[]::new);
            assertThat(new ProcessBuilder(full).inheritIO().start().waitFor()).isZero();
        }
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("plan", "--repo", git.toUri().toString(), "--ref", "main", "--path", "manifests",
                "--ecs-endpoint", ecs.endpoint().toString());
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("+   prod/papertrail", "Plan: 4 to create");
    }

    @Test
    void applyJsonReportsWhatWasDoneAndHealthWithoutSecrets() throws Exception {
        Run apply = run("apply", "--output", "json", "--cluster", "prod");
        assertThat(apply.exit()).as(apply.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(apply.out());
        assertThat(json.at("/plan/summary/create").asInt()).isEqualTo(1);
        assertThat(json.at("/results/0/cluster").asText()).isEqualTo("prod");
        assertThat(json.at("/results/0/steps")).hasSize(2);
        assertThat(json.at("/results/0/health/prod~1papertrail/status").asText()).isIn("Healthy", "Progressing");
        assertThat(apply.out()).doesNotContain("papertrailapp");
    }

    /**
     * Issue 18: a commit serve halted or rolled back on a cluster is recorded on the ECS service
     * ({@code logship.dev/halted}, as HaltHeldOnEcsTest shows serve writing it); {@code apply} of
     * that commit is refused there (nothing registered or updated), and a newer commit applies.
     */
    @Test
    void applyRefusesACommitTheServiceRecordsAsHaltedUntilANewerCommit() throws Exception {
        try (ManifestRepo git = ManifestRepo.create(repo.resolveSibling(repo.getFileName() + "-halt"))) {
            copyTree(repo, git.work);
            git.commitAllAndPush("forwarders");
            assertThat(runGit(git, "apply", "--cluster", "prod").exit()).isZero();
            EcsClient sdk = sdk("us-east-1");
            String serviceArn = sdk.listServices(r -> r.cluster("prod-ecs")).serviceArns().get(0);
            String good = taskDefinitionOf(sdk, serviceArn);

            String fluentBit = Files.readString(git.work.resolve("prod/fluent-bit.yaml"));
            String halted = git.change("prod/fluent-bit.yaml", fluentBit.replace("spec:\n", "spec:\n  image: fluent/fluent-bit:5.1.2\n"), "B");
            sdk.tagResource(r -> r.resourceArn(serviceArn).tags(HaltTags.of(halted, "sha256:b").entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
            ecs.resetCallCounts();
            Run refused = runGit(git, "apply", "--cluster", "prod");
            System.out.println(refused.out() + refused.err());
            assertThat(refused.exit()).as("the halted commit is an error here, not applied").isEqualTo(1);
            assertThat(refused.out() + refused.err()).contains(halted.substring(0, 12) + " was halted on this cluster",
                    "until the rollout is resumed or a newer commit comes");
            assertThat(mutatingCalls()).as("nothing registered or updated for the halted commit").isEmpty();
            assertThat(taskDefinitionOf(sdk, serviceArn)).isEqualTo(good);

            git.change("prod/fluent-bit.yaml", fluentBit.replace("spec:\n", "spec:\n  image: fluent/fluent-bit:5.1.3\n"), "C: fix forward");
            Run newer = runGit(git, "apply", "--cluster", "prod");
            assertThat(newer.exit()).as(newer.out() + newer.err()).isZero();
            assertThat(taskDefinitionOf(sdk, serviceArn)).isNotEqualTo(good);
            assertThat(sdk.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionOf(sdk, serviceArn))).taskDefinition()
                    .containerDefinitions().get(0).image()).isEqualTo("fluent/fluent-bit:5.1.3");
            sdk.close();
        }
    }

    private static String taskDefinitionOf(EcsClient sdk, String serviceArn) {
        return sdk.describeServices(r -> r.cluster("prod-ecs").services(serviceArn)).services().get(0).taskDefinition();
    }

    private Run runGit(ManifestRepo git, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = Stream.concat(Stream.of(args), Stream.of("--repo", git.uri(), "--ref", "main",
                "--ecs-endpoint", ecs.endpoint().toString())).toArray(String[]::new);
        return new Run(cli.execute(full), out.toString(), err.toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }
}
