package dev.logship.bench;

import java.nio.file.Files;
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
        Fleet one = Fleet.mostlyOne(perAccount);
        double boundMs = ScaleApply.boundMillis(one, t);
        String scope = accounts + " accounts x " + perAccount + " clusters (" + accounts * one.services() + " services), time scale "
                + Format.number(t);
        String boundText = String.format(Locale.ROOT, "%s (one account's: %d CreateService at 5/s after a burst of 50, / %s)",
                ScaleApply.seconds(boundMs), one.services(), Format.number(t));
        List<Row> rows = new ArrayList<>();

        ScaleApply.WorkerRun assumed = ScaleApply.runWorker(nodes, manifests, t, config.threads(), 0.9, Jvm.CURRENT, true);
        rows.add(Row.single(NAME, "cold apply wall, roles assumed (" + scope + ")", ScaleApply.seconds(assumed.cold().wallMs()),
                boundText, assumed.cold().wallMs() / boundMs));
        rows.add(Row.single(NAME, "throttling errors reaching status", String.valueOf(throttlingInStatus(assumed.cold())), "0", Double.NaN));
        rows.add(Row.info(NAME, "failures in status (all kinds) / ThrottlingException answers (retried)",
                assumed.cold().failures() + " " + assumed.cold().failureKinds() + " / " + assumed.seenCold().throttled()));
        rows.add(Row.info(NAME, "ECS calls, cold apply", assumed.seenCold().total() + " " + assumed.seenCold().calls()));
        rows.add(Row.info(NAME, "peak RSS / CPU of the logship process, cold apply", Format.number(assumed.cold().hwmMiB()) + " MiB / "
                + ScaleApply.seconds(assumed.cold().cpuMs())));
        long resyncBound = (long) accounts * (perAccount + perAccount + (perAccount + 99) / 100); // ListServices + DescribeServices + DescribeClusters
        rows.add(Row.single(NAME, "no-op second run: ECS calls " + assumed.seenSecond().calls(), String.valueOf(assumed.seenSecond().total()),
                resyncBound + " (per account: " + perAccount + " ListServices + " + perAccount + " DescribeServices + "
                        + (perAccount + 99) / 100 + " DescribeClusters)", (double) assumed.seenSecond().total() / resyncBound));
        rows.add(Row.info(NAME, "no-op second run: wall / mutating calls", ScaleApply.seconds(assumed.second().wallMs()) + " / "
                + assumed.seenSecond().mutatingOk()));

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

    private static long throttlingInStatus(ScaleApply.WorkerResult r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Throttling=(\\d+)").matcher(r.failureKinds());
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    /** Writes every account's clusters (a01-bench-0000 ...) and forwarders (a01-papertrail ...); returns the nodes to create. */
    static Map<String, Integer> write(Path root, int accounts, int perAccount) throws Exception {
        Fleet shape = Fleet.mostlyOne(perAccount);
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (int k = 1; k <= accounts; k++) {
            String prefix = String.format(Locale.ROOT, "a%02d-", k);
            String role = "arn:aws:iam::" + account(k) + ":role/logship";
            Map<String, List<String>> clustersOf = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : shape.forwardersByCluster().entrySet()) {
                String cluster = prefix + e.getKey();
                nodes.put(cluster, shape.nodesPerCluster());
                Path file = root.resolve(cluster).resolve("cluster.yaml");
                Files.createDirectories(file.getParent());
                Files.writeString(file, Fleet.clusterYaml(cluster) + "  roleArn: " + role + "\n");
                e.getValue().forEach(f -> clustersOf.computeIfAbsent(prefix + f, x -> new ArrayList<>()).add(cluster));
            }
            for (Map.Entry<String, List<String>> f : clustersOf.entrySet()) {
                Path file = root.resolve("forwarders").resolve(f.getKey() + ".yaml");
                Files.createDirectories(file.getParent());
                Files.writeString(file, Fleet.forwarderYaml(f.getKey(), f.getValue(), "v3.2.14"));
            }
        }
        return nodes;
    }
}
