package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.RateLimits;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterSynchronizer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Path;

/**
 * logship's apply of a whole fleet in a process of its own, so its memory and CPU are its
 * own: reads the manifests, syncs every cluster on a pool with client-side pacing at the
 * given time scale (and share of ECS's rates, default as shipped; with "assume-roles" each
 * Cluster's roleArn is assumed through local-ecs's STS), reports, waits for a line on stdin, syncs again (the no-op run), reports.
 * Output lines: {@code RESULT phase wallMs steps failures cpuMs hwmMiB rssMiB failureKinds}.
 */
public final class ApplyWorker {
    private ApplyWorker() {}

    public static void main(String[] args) throws Exception {
        Quiet.logs();
        URI endpoint = URI.create(args[0]);
        Path manifests = Path.of(args[1]);
        double timeScale = Double.parseDouble(args[2]);
        int threads = Integer.parseInt(args[3]);
        double share = args.length > 4 ? Double.parseDouble(args[4]) : RateLimits.ecsDefaults().share();
        boolean assumeRoles = args.length > 5 && args[5].equals("assume-roles"); // never asked of a baseline build without it
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        double cpu0 = Proc.selfCpuMillis();
        DesiredState state = FleetSync.read(manifests);
        RateLimits limits = new RateLimits(true, share, timeScale);
        try (AwsEcsGateways gateways = assumeRoles ? Ecs.gatewaysAssumingRoles(endpoint, limits) : Ecs.gateways(endpoint, limits)) {
            ClusterSynchronizer sync = new ClusterSynchronizer(gateways);
            sync.manage(state); // as the apply command does: the desired state in force, so observations batch DescribeClusters
            report("cold", FleetSync.sync(sync, state, threads), cpu0);
            in.readLine();
            report("second", FleetSync.sync(sync, state, threads), Proc.selfCpuMillis());
            in.readLine();
            System.out.printf("IDLE %.1f%n", Proc.statusMiB(Proc.self(), "VmRSS"));
        }
        System.out.flush();
        System.exit(0);
    }

    private static void report(String phase, FleetSync.Outcome o, double cpuStart) {
        long self = Proc.self();
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %d %d %d %.0f %.1f %.1f %s%n", phase, o.wallMillis(), o.steps(), o.failures(),
                Proc.selfCpuMillis() - cpuStart, Proc.statusMiB(self, "VmHWM"), Proc.statusMiB(self, "VmRSS"),
                o.failuresByOperation().toString().replace(' ', '_'));
        o.sampleFailures().forEach(f -> System.out.println("FAILURE " + f));
        System.out.flush();
    }
}
