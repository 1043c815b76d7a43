package dev.logship.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists several account-region scopes at once. Each scope has its own ECS cluster-read bucket,
 * so the rate bound allows it; {@link #PARALLEL} caps the threads (and the connections to one
 * endpoint). 30 scopes of 20 calls each then take about the time of the slowest few scopes,
 * not the sum of all 600 calls (BENCHMARKS.md, discovery).
 */
final class ScopeListing {
    static final int PARALLEL = 8;

    /** One scope's answer: its clusters, or why it could not be listed completely. */
    record Outcome(List<CatalogEntry> clusters, CatalogException failure) {}

    interface Lister {
        List<CatalogEntry> list(int scope) throws CatalogException;
    }

    private ScopeListing() {}

    /** The outcome of every scope {@code 0..count-1}, in that order. */
    static List<Outcome> all(int count, Lister lister) {
        if (count <= 1) {
            List<Outcome> one = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                one.add(listOne(lister, i));
            }
            return one;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, count), r -> {
            Thread t = new Thread(r, "discovery-list");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int scope = i;
                pending.add(pool.submit(() -> listOne(lister, scope)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("discovery interrupted", e);
        } catch (ExecutionException e) {
            // listOne turns every expected failure into an Outcome: anything else is a bug to surface
            throw new IllegalStateException("discovery failed: " + e.getCause().getClass().getName(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome listOne(Lister lister, int scope) {
        try {
            return new Outcome(List.copyOf(lister.list(scope)), null);
        } catch (CatalogException e) {
            return new Outcome(null, e);
        }
    }
}
