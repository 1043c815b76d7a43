package dev.logship.fluentbit.receivers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Every destination's receiver and the ECS task-role credentials endpoint, run as a process in the
 * node's network namespace (the test JVM lives outside it). Arguments: the services directory,
 * which holds {@code destinations.p12} (the receivers' certificate), optionally {@code s3-buckets}
 * (the buckets that exist, one a line), and is where {@link ArrivalLog} writes. Writes
 * {@code destinations-ready} once listening. A file {@code down-KIND} takes that destination down
 * (connections refused) until it is removed; {@code closed-KIND} exists while it is down.
 */
public final class DestinationServices {
    public static final String KEY_STORE_PASSWORD = "changeit";
    public static final String TASK_ROLE_ARN = "arn:aws:iam::123456789012:role/logship-forwarder";
    public static final String CREDENTIALS_RELATIVE_URI = EcsCredentials.RELATIVE_URI;

    private DestinationServices() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ArrivalLog log = new ArrivalLog(dir);
        SSLContext tls = tls(dir.resolve("destinations.p12"));
        Path bucketsFile = dir.resolve("s3-buckets");
        Set<String> buckets = new HashSet<>(Files.exists(bucketsFile) ? Files.readAllLines(bucketsFile) : Set.of());
        EcsCredentials.start(TASK_ROLE_ARN);
        Map<Destination, Listener> listeners = new EnumMap<>(Destination.class);
        listeners.put(Destination.CLOUDWATCH_LOGS, new Listener(Destination.CLOUDWATCH_LOGS, new CloudWatchLogsReceiver(log), tls));
        listeners.put(Destination.FIREHOSE, new Listener(Destination.FIREHOSE, new FirehoseReceiver(log), tls));
        listeners.put(Destination.S3, new Listener(Destination.S3, new S3Receiver(log, buckets), tls));
        listeners.put(Destination.OTLP, new Listener(Destination.OTLP, new OtlpReceiver(log), tls));
        listeners.put(Destination.SPLUNK, new Listener(Destination.SPLUNK, new SplunkReceiver(log), tls));
        listeners.put(Destination.DATADOG, new Listener(Destination.DATADOG, new DatadogReceiver(log), tls));
        listeners.put(Destination.LOKI, new Listener(Destination.LOKI, new LokiReceiver(log), tls));
        listeners.put(Destination.HTTP, new Listener(Destination.HTTP, new HttpJsonLinesReceiver(log), tls));
        for (Listener listener : listeners.values()) {
            listener.up();
        }
        Files.writeString(dir.resolve("destinations-ready"), "ready");
        Set<Destination> down = new HashSet<>();
        while (true) {
            for (var entry : listeners.entrySet()) {
                String kind = entry.getKey().kind;
                boolean wanted = Files.exists(dir.resolve("down-" + kind));
                if (wanted && down.add(entry.getKey())) {
                    entry.getValue().down();
                    Files.writeString(dir.resolve("closed-" + kind), "");
                } else if (!wanted && down.remove(entry.getKey())) {
                    entry.getValue().up();
                    Files.deleteIfExists(dir.resolve("closed-" + kind));
                }
            }
            Thread.sleep(50);
        }
    }

    private static SSLContext tls(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            ks.load(in, KEY_STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, KEY_STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
