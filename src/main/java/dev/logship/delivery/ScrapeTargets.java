package dev.logship.delivery;

import java.util.List;

/**
 * Every forwarder node serve knows from ECS with an address to scrape (Prometheus HTTP service
 * discovery serves them). Owned here, implemented by the ECS adapter; may call ECS, so callers
 * ask from a background thread and cache.
 */
public interface ScrapeTargets {
    /** The targets, and how many clusters were read for them (what a read costs grows with it). */
    record Listing(int clusters, List<ScrapeTarget> targets) {
        public Listing {
            targets = List.copyOf(targets);
        }
    }

    Listing targets();
}
