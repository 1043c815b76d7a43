package dev.logship.aws;

import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into messages safe for logs and status: ECS validation messages can
 * echo request content, so anything shaped like a URI (a route: host and port are secrets)
 * is replaced before the message leaves this package.
 */
final class SafeMessages {
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"',\\]]+");

    private SafeMessages() {}

    static String redact(String text) {
        return text == null ? null : URI.matcher(text).replaceAll("(uri redacted)");
    }

    static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null) {
            return ase.awsErrorDetails().errorCode();
        }
        if (e.getMessage() != null && e.getMessage().startsWith(CallContextInterceptor.UNREACHABLE)) {
            return "EndpointUnreachable";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * What went wrong, for "{@code Action failed: }" + this. An answer without ECS's error type
     * (a proxy's or emulator's HTML error page) is named by its HTTP status, never "EcsException: null".
     */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException ase) {
            var details = ase.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? null : details.errorMessage();
            if (code == null || code.isBlank()) {
                return "HTTP " + ase.statusCode() + " (not an ECS answer)";
            }
            return code + (message == null || message.isBlank() ? " (HTTP " + ase.statusCode() + ")" : ": " + redact(message));
        }
        String message = e.getMessage();
        if (message != null && (message.startsWith(CallContextInterceptor.UNREACHABLE)
                || message.startsWith(CallContextInterceptor.FAILED_AT))) {
            return errorCode(e) + ": " + redact(message); // already says where and why (host:port, never a URI)
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return errorCode(e) + ": " + redact(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
}
