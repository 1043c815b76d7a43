package dev.logship.state;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ForwarderKey;
import dev.logship.sync.CleanupStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The revision clean-ups still waiting, {@code cleanups.json} in the data directory, so a restart
 * runs them (a restart that finds the fleet in sync applies nothing, and nothing else would ask).
 * An apply hands the list over without waiting: one background thread writes the newest list,
 * atomically like the rollout state; a SIGKILL in the instant after an apply may lose that apply's
 * request, never a file. A file that cannot be read is set aside and serve starts without it.
 */
public final class CleanupFile implements CleanupStore {
    public static final String NAME = "cleanups.json";

    /** One request as written: the cluster's place in ECS (what clean-up needs of it), the family and what to keep. */
    record RequestJson(String cluster, String clusterName, String region, String roleArn, boolean daemon, String family,
            String forwarder, String owner, Set<String> used, Set<String> draining) {}

    record CleanupsJson(int format, List<RequestJson> pending) {}

    private final Path file;
    private final AtomicReference<List<Request>> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    /** What the file holds (null: not known, as after a start). */
    private List<Request> written;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cleanup-state-writer");
        t.setDaemon(true);
        return t;
    });

    public CleanupFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    @Override
    public List<Request> load() {
        try {
            CleanupsJson read = StateFormat.parse(file, CleanupsJson.class);
            if (read == null || read.pending() == null) {
                return List.of();
            }
            List<Request> requests = new java.util.ArrayList<>();
            for (int i = 0; i < read.pending().size(); i++) {
                requests.add(request(read.pending().get(i), i + 1));
            }
            return requests;
        } catch (RolloutFile.UnreadableException e) {
            RolloutFile.setAside(file, "pending revision clean-ups not restored", e);
            return List.of();
        } catch (RuntimeException e) { // a request without its cluster or forwarder: the file was edited
            RolloutFile.setAside(file, "pending revision clean-ups not restored",
                    new RolloutFile.UnreadableException(file + ": " + e.getMessage(), e));
            return List.of();
        }
    }

    @Override
    public void save(List<Request> pending) {
        latest.set(List.copyOf(pending));
        if (queued.compareAndSet(false, true)) {
            writer.execute(this::write);
        }
    }

    @Override
    public synchronized void flush() {
        write();
    }

    private synchronized void write() {
        queued.set(false);
        List<Request> pending = latest.getAndSet(null);
        if (pending == null || pending.equals(written)) {
            return; // a sweep saves once a second while clean-ups wait: an unchanged list is not written again
        }
        if (AtomicJsonFile.write(file, new CleanupsJson(StateFormat.FORMAT, pending.stream().map(CleanupFile::json).toList()))) {
            written = pending;
        } else {
            latest.compareAndSet(null, pending); // the next save (the sweep retries every second) writes it again
        }
    }

    private static RequestJson json(Request r) {
        ClusterTarget t = r.target();
        return new RequestJson(t.name(), t.clusterName(), t.region(), t.roleArn(), r.daemon(), r.family(), r.forwarder().toString(),
                r.owner(), r.used(), r.draining());
    }

    /** Request {@code n} (from 1) as written; a field it cannot do without is named in the exception. */
    private static Request request(RequestJson j, int n) {
        String missing = j == null ? "everything" : j.cluster() == null ? "cluster" : j.clusterName() == null ? "clusterName"
                : j.region() == null ? "region" : j.family() == null ? "family" : j.forwarder() == null ? "forwarder" : null;
        if (missing != null) {
            throw new IllegalArgumentException("pending request " + n + " has no '" + missing + "'");
        }
        ClusterTarget target = new ClusterTarget(j.cluster(), j.clusterName(), j.region(), j.roleArn(), false, false, false);
        return new Request(target, j.daemon(), j.family(), ForwarderKey.parse(j.forwarder()), j.owner(),
                j.used() == null ? Set.of() : j.used(), j.draining() == null ? Set.of() : j.draining());
    }
}
