package dev.logship.delivery;

import java.util.List;

/**
 * Every forwarder node serve knows from ECS with an address to scrape (Prometheus HTTP service
 * discovery serves them). Owned here, implemented by the ECS adapter; may call ECS, so callers
 * ask from a background thread and cache.
 */
public interface ScrapeTargets {
    List<ScrapeTarget> targets();
}
