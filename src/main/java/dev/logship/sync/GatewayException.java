package dev.logship.sync;

/**
 * An ECS call failed after retries. {@code operation} is the ECS action, {@code errorCode}
 * ECS's error type when there is one; the message is safe to show and log.
 */
public class GatewayException extends RuntimeException {
    private final String operation;
    private final String errorCode;

    public GatewayException(String operation, String errorCode, String message, Throwable cause) {
        super(operation + " failed: " + message, cause);
        this.operation = operation;
        this.errorCode = errorCode;
    }

    public String operation() {
        return operation;
    }

    public String errorCode() {
        return errorCode;
    }
}
