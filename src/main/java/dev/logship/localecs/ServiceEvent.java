package dev.logship.localecs;

/** A service event line, as DescribeServices lists them. */
final class ServiceEvent {
    public String id;
    public long createdAtMillis;
    public String message;

    static ServiceEvent of(String id, long now, String message) {
        ServiceEvent e = new ServiceEvent();
        e.id = id;
        e.createdAtMillis = now;
        e.message = message;
        return e;
    }
}
