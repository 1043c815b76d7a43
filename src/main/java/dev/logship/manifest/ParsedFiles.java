package dev.logship.manifest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Parsed manifest files by path and exact content: Git blobs are immutable, so a file whose
 * path and bytes are unchanged since the last commit is not parsed again (a one-file change
 * in a tree of thousands parses one file). Cross-file checks still run on every parse.
 * Bounded by the bytes of the files it keys on (least recently used out), thread-safe,
 * process-wide.
 */
final class ParsedFiles {
    /** What one file contributed: its documents, problems, Clusters, LogForwarders, RolloutPolicies and Notifiers (all immutable). */
    record Parsed(int documents, List<Problem> problems, List<ClusterManifest> clusters, List<ForwarderManifest> forwarders,
            List<RolloutPolicyManifest> policies, List<NotifierManifest> notifiers, List<ClusterSetManifest> sets,
            List<TelemetryDefault> telemetry) {
        Parsed(int documents, List<Problem> problems, List<ClusterManifest> clusters, List<ForwarderManifest> forwarders,
                List<RolloutPolicyManifest> policies, List<NotifierManifest> notifiers, List<ClusterSetManifest> sets) {
            this(documents, problems, clusters, forwarders, policies, notifiers, sets, List.of());
        }

        Parsed(int documents, List<Problem> problems, List<ClusterManifest> clusters, List<ForwarderManifest> forwarders,
                List<RolloutPolicyManifest> policies, List<NotifierManifest> notifiers) {
            this(documents, problems, clusters, forwarders, policies, notifiers, List.of());
        }

        Parsed {
            sets = List.copyOf(sets);
            telemetry = List.copyOf(telemetry);
            problems = List.copyOf(problems);
            clusters = List.copyOf(clusters);
            forwarders = List.copyOf(forwarders);
            policies = List.copyOf(policies);
            notifiers = List.copyOf(notifiers);
        }

        Parsed(int documents, List<Problem> problems, List<ClusterManifest> clusters, List<ForwarderManifest> forwarders) {
            this(documents, problems, clusters, forwarders, List.of(), List.of());
        }
    }

    /** The content is part of the key (compared byte for byte), so a hit is always the same file. */
    private record Key(String path, byte[] content, int hash) {
        Key(String path, byte[] content) {
            this(path, content, 31 * path.hashCode() + Arrays.hashCode(content));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.path.equals(path) && Arrays.equals(k.content, content);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** 64 MiB of manifest text: a tree many times larger than 1,000 clusters' worth. */
    static final ParsedFiles SHARED = new ParsedFiles(64L << 20);

    private final Map<Key, Parsed> byFile = new LinkedHashMap<>(1024, 0.75f, true);
    private final long maxBytes;
    private long bytes;
    private final LongAdder parses = new LongAdder();

    ParsedFiles(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Parsed get(String path, byte[] content, java.util.function.Supplier<Parsed> parse) {
        Key key = new Key(path, content);
        synchronized (byFile) {
            Parsed known = byFile.get(key);
            if (known != null) {
                return known;
            }
        }
        Parsed parsed = parse.get();
        parses.increment();
        synchronized (byFile) {
            if (byFile.put(key, parsed) == null) {
                bytes += content.length;
            }
            var eldest = byFile.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= eldest.next().getKey().content().length;
                eldest.remove();
            }
        }
        return parsed;
    }

    /** Files actually parsed so far (cache misses). */
    long parses() {
        return parses.sum();
    }
}
