package dev.logship.prometheus;

import dev.logship.delivery.NodeSample;
import dev.logship.delivery.SampleWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Fluent Bit's own metrics from the user's Prometheus into the same {@link SampleWindow} the
 * built-in ingest fills, so the same judge, states, events, metrics and page follow. Every
 * {@code every}: one instant query of a range selector, the raw samples of every forwarder node
 * since the last read (streamed, never held as a tree), because the judge
 * needs each scrape's counters, not a rate: when a route last moved a record is what makes it
 * DeliveryFailing. Samples already taken are refused by the window as not newer. A Prometheus
 * that does not answer is logged when that starts and ends (never its token); its nodes turn
 * Silent after the window, as pushes that stop would.
 */
public final class PrometheusReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusReader.class);
    /** Reaches back this much past the last read: a scrape lands in Prometheus a little after its timestamp. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final PromQl promql;
    private final SampleWindow window;
    private final PrometheusSettings settings;
    private final Duration keep;
    private final Clock clock;
    private Instant lastRead;
    private volatile String failing;
    /** Reads by outcome, and the series and samples the last good read returned (for /metrics). */
    public final AtomicLong reads = new AtomicLong();
    public final AtomicLong failures = new AtomicLong();
    public final AtomicLong lastSamples = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "prometheus-reader");
        t.setDaemon(true);
        return t;
    });

    public PrometheusReader(PrometheusSettings settings, SampleWindow window, Duration keep, Clock clock) {
        this.promql = new PromQl(settings);
        this.settings = settings;
        this.window = window;
        this.keep = keep;
        this.clock = clock;
    }

    public PrometheusReader start() {
        timer.scheduleWithFixedDelay(this::readQuietly, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The PromQL of one read reaching back {@code range}: every forwarder node's raw samples. */
    static String query(Duration range) {
        return "{__name__=~\"" + FluentBitSeries.NAMES + "\",forwarder!=\"\"}[" + Math.max(1, range.toSeconds()) + "s]";
    }

    private void readQuietly() {
        try {
            read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed("reading Prometheus failed: " + e.getClass().getSimpleName());
        }
    }

    /** Reads once and records what is new; the timer calls it, tests may too. Returns the samples read. */
    public synchronized int read() throws InterruptedException {
        Instant now = clock.instant();
        // No backfill at start: like pushes, judging starts with what arrives (a tenth of a fleet's first read at 10,000 nodes).
        Duration range = (lastRead == null ? settings.every() : Duration.between(lastRead, now)).plus(SLACK);
        FluentBitSeries series = new FluentBitSeries();
        try {
            promql.query(query(range.compareTo(keep) > 0 ? keep : range), now, series);
        } catch (PromQl.Failed e) {
            failed(e.getMessage());
            return 0;
        }
        List<NodeSample> samples = series.samples();
        samples.stream().sorted(Comparator.comparing(NodeSample::at)).forEach(window::record);
        lastRead = now;
        reads.incrementAndGet();
        lastSamples.set(samples.size());
        if (failing != null) {
            LOG.info("Prometheus at {} answers again", PrometheusSettings.safe(settings.url()));
            failing = null;
        }
        return samples.size();
    }

    private void failed(String message) {
        failures.incrementAndGet();
        if (!message.equals(failing)) {
            LOG.warn("{}; delivery is judged from what was read before (nodes turn Silent after the window)", message);
        }
        failing = message;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
