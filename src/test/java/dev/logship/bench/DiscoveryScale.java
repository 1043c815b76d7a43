package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.discovery.Discovered;
import dev.logship.discovery.Discovery;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.ClusterSet;
import dev.logship.model.LabelSelector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * BENCHMARKS.md's discovery figure: ACCOUNTS x REGIONS x PER clusters in local-ecs with ECS's
 * rate limits on, one ClusterSet over all of them (a role per account), one discovery: wall time
 * and ECS calls. Run: java -cp target/test-classes:target/classes:CP dev.logship.bench.DiscoveryScale [accounts regions per]
 */
public final class DiscoveryScale {
    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int regionCount = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int per = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<String> regions = List.of("us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2").subList(0, regionCount);
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).build())) {
            List<ClusterSet.Account> roles = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                String account = String.format("%012d", 100000000000L + a);
                roles.add(new ClusterSet.Account(account, "arn:aws:iam::" + account + ":role/logship"));
                for (String region : regions) {
                    for (int i = 0; i < per; i++) {
                        ecs.createCluster("c" + a + "-" + region + "-" + i, account, region,
                                Map.of("logship", i % 10 == 0 ? "off" : "on"), 0);
                    }
                }
            }
            ClusterSet set = new ClusterSet("fleet", roles, regions, LabelSelector.of(Map.of("logship", "on")),
                    new TreeMap<>(), new TreeMap<>(), true, false, false);
            ecs.resetCallCounts();
            try (AwsEcsGateways gateways = new AwsEcsGateways(AwsSettings.of(ecs.endpoint().toString(), AwsSettings.AssumeRoles.ALWAYS,
                    System.getenv()))) {
                long start = System.nanoTime();
                Discovered found = new Discovery(gateways.catalog(), Clock.systemUTC()).refresh(List.of(set));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("%d accounts x %d regions x %d clusters: discovered %d, selected %d in %d ms; calls %s; sts %s; errors %s%n",
                        accounts, regionCount, per, found.sets().get(0).listed(), found.clusters().size(), millis,
                        ecs.callCounts(), ecs.stsCallCounts(), ecs.errorCounts());
            }
        }
    }
}
