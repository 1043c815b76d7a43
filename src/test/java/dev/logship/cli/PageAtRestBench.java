package dev.logship.cli;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.Controller;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceStatus;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.ClusterManifest;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.web.OperatorServer;
import dev.logship.web.ServeMetrics;
import dev.logship.web.WebhookSettings;
import dev.logship.web.WebhookVerifier;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.openqa.selenium.WebDriver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One open status page on a fleet at rest (issue 22): serve (in this JVM, ECS pacing off) over a
 * local-ecs of N clusters (25 with a forwarder, as StatusPageAtScaleTest), synced once and idle.
 * Three windows of S seconds each: nobody reading (the baseline CPU of this JVM), the page in a
 * headless Chromium (bytes from the browser's resource timings: headers plus gzipped bodies, 304s
 * included; long polls count when they answer), and the old page's reads simulated (GET
 * /api/v1/status and /api/v1/rollouts every 2 s, gzip). Serve CPU of a tab = this JVM's CPU in the
 * window minus the baseline. Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.logship.cli.PageAtRestBench 1000 60}.
 */
public final class PageAtRestBench {
    public static void main(String[] args) throws Exception {
        int clusters = Integer.parseInt(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path tmp = Files.createTempDirectory("page-at-rest");
        Path fleet = writeFleet(tmp.resolve("fleet"), clusters);
        LocalEcsConfig.Builder ecsConfig = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        IntStream.range(0, clusters).forEach(i -> ecsConfig.cluster("ecs-" + name(i), 1));
        try (LocalEcsServer ecs = LocalEcsServer.start(ecsConfig.build());
             AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(ecs.endpoint(),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), RateLimits.off(), 3))) {
            ServeMetrics metrics = new ServeMetrics();
            Controller controller = new Controller(directory(fleet), SourceStatus.notFetched(fleet.toString(), null, null),
                    new ClusterSynchronizer(gateways), ControllerSettings.defaults().withIntervals(Duration.ofHours(1), Duration.ofHours(1)), metrics);
            OperatorServer server = new OperatorServer(controller,
                    new WebhookVerifier(WebhookSettings.signed("unused", fleet.toString(), () -> null)), dev.logship.web.ApiAccess.of(null, false, null), metrics);
            server.start("127.0.0.1", 0);
            controller.start();
            long began = System.nanoTime();
            while (!controller.status().ready() || !controller.isIdle()) {
                Thread.sleep(500);
            }
            System.out.printf("%d clusters synced in %.0f s%n", clusters, (System.nanoTime() - began) / 1e9);
            String page = "http://127.0.0.1:" + server.port() + "/";
            double idle = cpuSeconds(() -> Thread.sleep(seconds * 1000L));
            WebDriver browser = HeadlessChromium.start(tmp.resolve("profile"), 1400, 1000);
            double[] tab = new double[2];
            try {
                browser.get(page);
                while (script(browser, "return String(performance.getEntriesByName('logship-rendered').length)").equals("0")) {
                    Thread.sleep(100);
                }
                Thread.sleep(5000);
                script(browser, "performance.setResourceTimingBufferSize(100000); performance.clearResourceTimings(); return ''");
                tab[0] = cpuSeconds(() -> Thread.sleep(seconds * 1000L));
                String bytes = script(browser, "const e = performance.getEntriesByType('resource');"
                        + " return e.length + ' ' + e.reduce((s, x) => s + x.transferSize, 0)");
                tab[1] = Double.parseDouble(bytes.split(" ")[1]);
                System.out.printf("new page: %s requests, %.0f bytes in %d s%n", bytes.split(" ")[0], tab[1], seconds);
            } finally {
                browser.quit();
            }
            HttpClient http = HttpClient.newHttpClient();
            long[] oldBytes = new long[1];
            double old = cpuSeconds(() -> {
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    for (String path : List.of("api/v1/status", "api/v1/rollouts")) {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(page + path)).header("Accept-Encoding", "gzip").build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        oldBytes[0] += r.body().length;
                    }
                    Thread.sleep(Math.max(0, 2000 - (System.nanoTime() - t) / 1_000_000));
                }
            });
            System.out.printf("| %d | nobody | - | %.2f%% |%n", clusters, 100 * idle / seconds);
            System.out.printf("| %d | new page | %.1f KB/min (%.3f KB/s) | %.2f%% (tab: %.2f%%) |%n", clusters, tab[1] * 60 / seconds / 1000,
                    tab[1] / seconds / 1000, 100 * tab[0] / seconds, 100 * (tab[0] - idle) / seconds);
            System.out.printf("| %d | old reads (status + rollouts every 2 s, gzip bodies) | %.1f KB/min (%.1f KB/s) | %.2f%% (tab: %.2f%%) |%n",
                    clusters, oldBytes[0] * 60.0 / seconds / 1000, oldBytes[0] / 1000.0 / seconds, 100 * old / seconds, 100 * (old - idle) / seconds);
            controller.shutdown(Duration.ofSeconds(30));
            server.close();
        }
    }

    interface Window {
        void run() throws Exception;
    }

    /** CPU seconds this JVM used while {@code window} ran. */
    private static double cpuSeconds(Window window) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        window.run();
        return (os.getProcessCpuTime() - before) / 1e9;
    }

    private static String script(WebDriver browser, String js) {
        return HeadlessChromium.script(browser, js);
    }

    private static ManifestSource directory(Path root) {
        return new DirectoryManifestSource(root);
    }

    private static String name(int i) {
        return "c%05d".formatted(i);
    }

    private static Path writeFleet(Path root, int clusters) {
        Fleet fleet = Fleet.create();
        for (int i = 0; i < clusters; i++) {
            fleet.cluster(name(i) + "/cluster.yaml",
                    ClusterManifest.named(name(i)).label("env", List.of("prod", "staging", "dev").get(i % 3)).clusterName("ecs-" + name(i)));
        }
        List<String> first25 = IntStream.range(0, 25).mapToObj(PageAtRestBench::name).toList();
        fleet.forwarder("papertrail.yaml", ForwarderManifest.named("papertrail", "syslog+tls://logs3.papertrailapp.com:12345").on(first25));
        fleet.writeTo(root);
        return root;
    }
}
