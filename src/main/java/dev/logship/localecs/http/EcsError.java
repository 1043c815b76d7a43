package dev.logship.localecs.http;

/** An ECS error as the service sends it: a {@code __type}, a message and an HTTP status. */
public final class EcsError extends RuntimeException {
    private final String type;
    private final int status;

    private EcsError(String type, String message, int status) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public String type() { return type; }
    public int status() { return status; }

    public static EcsError client(String message) { return new EcsError("ClientException", message, 400); }
    public static EcsError invalid(String message) { return new EcsError("InvalidParameterException", message, 400); }
    public static EcsError clusterNotFound() { return new EcsError("ClusterNotFoundException", "Cluster not found.", 400); }
    public static EcsError serviceNotFound() { return new EcsError("ServiceNotFoundException", "Service not found.", 400); }
    public static EcsError serviceNotActive() { return new EcsError("ServiceNotActiveException", "Service was not ACTIVE.", 400); }
    public static EcsError resourceNotFound(String message) { return new EcsError("ResourceNotFoundException", message, 400); }
    static EcsError server(String message) { return new EcsError("ServerException", message, 500); }
    static EcsError throttled() { return new EcsError("ThrottlingException", "Rate exceeded", 400); }
    public static EcsError unknownAction(String target) {
        return new EcsError("UnknownOperationException", "Unknown or unsupported operation: " + target, 400);
    }
    static EcsError serialization(String message) { return new EcsError("SerializationException", message, 400); }
    public static EcsError of(String type, String message) { return new EcsError(type, message, 400); }
}
