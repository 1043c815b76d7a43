package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rendered forwarders by (cluster and forwarder, parsed manifest): rendering is a pure function
 * of the two, so a new commit re-renders only the forwarders whose manifest changed (with the
 * parse cache, a one-file change costs that file, not the tree). Bounded (least recently used
 * out), thread-safe, process-wide.
 */
final class RenderedForwarders {
    private record Key(ForwarderKey key, ForwarderManifest forwarder) {}

    /** Room for 20,000 (cluster, forwarder) pairs: several trees of 1,000 clusters x 5 forwarders. */
    static final RenderedForwarders SHARED = new RenderedForwarders(20_000);

    private final Map<Key, DesiredForwarder> rendered;
    private final LongAdder renders = new LongAdder();

    RenderedForwarders(int capacity) {
        this.rendered = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, DesiredForwarder> eldest) {
                return size() > capacity;
            }
        };
    }

    DesiredForwarder render(ForwarderKey key, ForwarderManifest forwarder) {
        Key k = new Key(key, forwarder);
        synchronized (rendered) {
            DesiredForwarder known = rendered.get(k);
            if (known != null) {
                return known;
            }
        }
        DesiredForwarder fresh = ForwarderRenderer.render(key, forwarder);
        renders.increment();
        synchronized (rendered) {
            rendered.put(k, fresh);
        }
        return fresh;
    }

    /** Forwarders actually rendered so far (cache misses). */
    long renders() {
        return renders.sum();
    }
}
