package dev.logship.bench;

import dev.logship.testkit.ClusterManifest;
import dev.logship.testkit.Fleet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 7: one process applying clusters in many accounts. N accounts x M clusters (each
 * account's clusters and forwarders shaped as scenario 3's fleet), each Cluster with a roleArn
 * in its account, on a local-ecs with ECS's buckets per account (time-scaled); logship assumes
 * the roles through local-ecs's STS, so each account's calls draw on its own budget. The bound
 * is one account's: the accounts' budgets are spent in parallel. Then the same fleet with the
 * roles not assumed (every call against one account, as before local-ecs had STS).
 */
final class ManyAccounts {
    static final String NAME = "7 many accounts";

    private ManyAccounts() {}

    static String account(int k) {
        return String.format(Locale.ROOT, "%012d", 100_000_000_000L + k);
    }

    static List<Row> run(BenchConfig config, Path work, Jvm baseline) throws Exception {
        int accounts = config.accounts();
        int perAccount = config.accountClusters();
        double t = config.accountsTimeScale();
        Path manifests = work.resolve("accounts");
        Map<String, Integer> nodes = write(manifests, accounts, perAccount);
        Fleet one = FleetShapes.mostlyOne(perAccount);
        double boundMs = ScaleApply.boundMillis(one, t);
        String scope = accounts + " accounts x " + perAccount + " clusters (" + accounts * one.services() + " services), time scale "
                + Format.number(t);
        String boundText = String.format(Locale.ROOT, "%s (one account's: %d CreateService at 5/s after a burst of 50, / %s)",
                ScaleApply.seconds(boundMs), one.services(), Format.number(t));
        List<Row> rows = new ArrayList<>();

        // The worker runs with the flags bin/logship gives apply (C1 only: a JVM's default C2 spent ~40% of the worker's CPU compiling)
        Jvm cli = Jvm.CURRENT.withFlags("launcher's CLI flags", Jvm.CLI_FLAGS);
        ScaleApply.WorkerRun assumed = ScaleApply.runWorker(nodes, manifests, t, config.threads(), 0.9, cli, true);
        rows.add(Row.single(NAME, "cold apply wall, roles assumed (" + scope + "; pacing as shipped, 90% of ECS's rates)",
                ScaleApply.seconds(assumed.cold().wallMs()), boundText, assumed.cold().wallMs() / boundMs));
        double shippedFloor = pacedFloorMillis(one, 0.9, t);
        rows.add(Row.info(NAME, "   the same against what 90% pacing allows: " + ScaleApply.seconds(shippedFloor)
                + String.format(Locale.ROOT, " (%d CreateService at 4.5/s after a burst of 45)", one.services()),
                String.format(Locale.ROOT, "%.2fx", assumed.cold().wallMs() / shippedFloor)));
        rows.add(Row.single(NAME, "throttling errors reaching status", String.valueOf(throttlingInStatus(assumed.cold())), "0", Double.NaN));
        rows.add(Row.info(NAME, "failures in status (all kinds) / ThrottlingException answers (retried)",
                assumed.cold().failures() + " " + assumed.cold().failureKinds() + " / " + assumed.seenCold().throttled()));
        rows.add(Row.info(NAME, "ECS calls, cold apply", assumed.seenCold().total() + " " + assumed.seenCold().calls()));
        rows.add(Row.info(NAME, "peak RSS / CPU of the logship process / CPU of local-ecs, cold apply", Format.number(assumed.cold().hwmMiB())
                + " MiB / " + ScaleApply.seconds(assumed.cold().cpuMs()) + " / " + ScaleApply.seconds(assumed.ecsCpuColdMs())));
        long resyncBound = (long) accounts * (perAccount + perAccount + (perAccount + 99) / 100); // ListServices + DescribeServices + DescribeClusters
        rows.add(Row.single(NAME, "no-op second run: ECS calls " + assumed.seenSecond().calls(), String.valueOf(assumed.seenSecond().total()),
                resyncBound + " (per account: " + perAccount + " ListServices + " + perAccount + " DescribeServices + "
                        + (perAccount + 99) / 100 + " DescribeClusters)", (double) assumed.seenSecond().total() / resyncBound));
        double resyncFloor = Math.max(0, 2.0 * perAccount - 90) / (18 * t) * 1000; // service reads: burst 90, 18/s at 90%
        rows.add(Row.info(NAME, "no-op second run: wall / mutating calls", ScaleApply.seconds(assumed.second().wallMs()) + " / "
                + assumed.seenSecond().mutatingOk() + " (90% pacing allows one account's " + 2 * perAccount + " service reads in "
                + ScaleApply.seconds(resyncFloor) + ")"));

        if (Boolean.parseBoolean(System.getProperty("bench.accountsFullShare", "true"))) {
            ScaleApply.WorkerRun full = ScaleApply.runWorker(nodes, manifests, t, config.threads(), 1.0, cli, true);
            rows.add(Row.single(NAME, "cold apply wall, roles assumed, pacing at 100% of ECS's rates", ScaleApply.seconds(full.cold().wallMs()),
                    boundText, full.cold().wallMs() / boundMs));
            rows.add(Row.info(NAME, "   at 100%: throttling errors in status / ThrottlingException answers / CPU logship / local-ecs",
                    throttlingInStatus(full.cold()) + " / " + full.seenCold().throttled() + " / " + ScaleApply.seconds(full.cold().cpuMs())
                            + " / " + ScaleApply.seconds(full.ecsCpuColdMs())));
        }
        if (Boolean.parseBoolean(System.getProperty("bench.accountsJvmDefaults", "false"))) {
            ScaleApply.WorkerRun defaults = ScaleApply.runWorker(nodes, manifests, t, config.threads(), 0.9, Jvm.CURRENT, true);
            rows.add(Row.info(NAME, "with JVM defaults (C2): cold apply wall / CPU logship / local-ecs", ScaleApply.seconds(defaults.cold().wallMs())
                    + " / " + ScaleApply.seconds(defaults.cold().cpuMs()) + " / " + ScaleApply.seconds(defaults.ecsCpuColdMs())));
        }
        rows.add(Row.info(NAME, "load average after the runs", Machine.loadAverage()));

        if (Boolean.parseBoolean(System.getProperty("bench.accountsBefore", "true"))) {
            rows.addAll(before(config, manifests, nodes, t, boundMs, boundText, baseline));
        }
        return rows;
    }

    /** The same fleet as before local-ecs had STS: roles not assumed, every call against one account. */
    private static List<Row> before(BenchConfig config, Path manifests, Map<String, Integer> nodes, double t, double boundMs,
            String boundText, Jvm baseline) throws Exception {
        List<Row> rows = new ArrayList<>();
        ScaleApply.WorkerRun oneAccount = ScaleApply.runWorker(nodes, manifests, t, config.threads(), 0.9, Jvm.CURRENT, false);
        rows.add(Row.single(NAME, "before: roles not assumed, every call against one account: cold apply wall",
                ScaleApply.seconds(oneAccount.cold().wallMs()), boundText, oneAccount.cold().wallMs() / boundMs));
        rows.add(Row.info(NAME, "   throttling errors in status / ThrottlingException answers", throttlingInStatus(oneAccount.cold()) + " / "
                + oneAccount.seenCold().throttled()));
        if (baseline != null) {
            ScaleApply.WorkerRun before = ScaleApply.runWorker(nodes, manifests, t, config.threads(), 0.9, baseline, false);
            rows.add(Row.single(NAME, "before: baseline build (pacing per role, no STS): cold apply wall",
                    ScaleApply.seconds(before.cold().wallMs()), boundText, before.cold().wallMs() / boundMs));
            rows.add(Row.info(NAME, "   baseline: throttling errors in status / ThrottlingException answers / ECS calls",
                    throttlingInStatus(before.cold()) + " / " + before.seenCold().throttled() + " / " + before.seenCold().total()));
        }
        return rows;
    }

    /** The fastest the client's own pacing lets one account's cold apply go: CreateService beyond the burst at the shared rate. */
    private static double pacedFloorMillis(Fleet fleet, double share, double timeScale) {
        double burst = Math.floor(50 * share);
        return Math.max(0, fleet.services() - burst) / (5 * share * timeScale) * 1000;
    }

    private static long throttlingInStatus(ScaleApply.WorkerResult r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Throttling=(\\d+)").matcher(r.failureKinds());
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    /** Writes every account's clusters (a01-bench-0000 ...) and forwarders (a01-papertrail ...); returns the nodes to create. */
    static Map<String, Integer> write(Path root, int accounts, int perAccount) {
        Fleet shape = FleetShapes.mostlyOne(perAccount);
        Fleet all = Fleet.create().nodesPerCluster(shape.nodesPerCluster());
        for (int k = 1; k <= accounts; k++) {
            String prefix = String.format(Locale.ROOT, "a%02d-", k);
            String role = "arn:aws:iam::" + account(k) + ":role/logship";
            Map<String, List<String>> clustersOf = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : shape.forwardersByCluster().entrySet()) {
                String cluster = prefix + e.getKey();
                all.cluster(cluster + "/cluster.yaml", ClusterManifest.named(cluster).clusterName(cluster).roleArn(role));
                e.getValue().forEach(f -> clustersOf.computeIfAbsent(prefix + f, x -> new ArrayList<>()).add(cluster));
            }
            clustersOf.forEach((f, clusters) -> all.forwarder(FleetShapes.forwarder(f, clusters, "v3.2.14")));
        }
        all.writeTo(root);
        return all.nodes();
    }
}
