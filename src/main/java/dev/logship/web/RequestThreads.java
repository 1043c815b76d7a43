package dev.logship.web;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * serve's HTTP request threads: a bounded Jetty pool instead of Javalin's default of 250.
 * Every handler is short (a push is about 1 ms of CPU, a status read tens of ms) and the page's
 * long poll waits without a thread ({@code ctx.future}), so more threads than this only queue
 * behind the same cores while each costs its stack: at 10,000 pushing nodes the default pool grew
 * to about 160 threads and 20 MiB of stacks. Requests beyond the pool wait in Jetty's queue.
 */
final class RequestThreads {
    /** Enough for Jetty's acceptors and selectors on a large host plus a burst of handlers. */
    static final int MAX = 48;
    private static final int MIN = 4;
    private static final int IDLE_MILLIS = 30_000;

    private RequestThreads() {}

    static QueuedThreadPool pool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX, MIN, IDLE_MILLIS);
        pool.setName("http");
        return pool;
    }
}
