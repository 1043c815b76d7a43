package dev.logship.aws;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * A call that failed on this side (no answer from ECS) says where it went: the SDK's own
 * message ("Connection refused") names no endpoint, region or cluster. After the retries,
 * the failure is replaced by one naming the endpoint (host and port only: never a URI, never
 * credentials), the region, the cluster(s) of the request, and the attempts and time spent.
 */
final class CallContextInterceptor implements ExecutionInterceptor {
    /** Starts the message of a failure to connect at all; {@link SafeMessages#errorCode} maps it to EndpointUnreachable. */
    static final String UNREACHABLE = "cannot reach ECS at ";
    static final String FAILED_AT = "no answer from ECS at ";
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("logship.started");
    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>("logship.attempts");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.incrementAndGet();
        }
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        if (!(e instanceof SdkClientException) || e.getMessage() != null
                && (e.getMessage().startsWith(UNREACHABLE) || e.getMessage().startsWith(FAILED_AT))) {
            return e;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String endpoint = context.httpRequest().map(r -> r.host() + ":" + r.port())
                .orElseGet(() -> hostAndPort(attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT)));
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        Long started = attributes.getAttribute(STARTED);
        String spent = (attempts == null ? "" : attempts.get() + " attempt(s)")
                + (started == null ? "" : String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - started) / 1e9));
        String message = (connectFailure(e) ? UNREACHABLE : FAILED_AT) + endpoint + " (region "
                + (region == null ? "?" : region.id()) + clusters(context.request()) + "): "
                + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + "; " + spent.strip();
        return SdkClientException.builder().message(message).cause(e).build();
    }

    static boolean connectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || (t instanceof java.net.SocketTimeoutException && String.valueOf(t.getMessage()).contains("connect"))) {
                return true;
            }
        }
        return false;
    }

    private static String clusters(SdkRequest request) {
        if (request == null) {
            return "";
        }
        var one = request.getValueForField("cluster", String.class);
        if (one.isPresent()) {
            return ", cluster " + one.get();
        }
        return request.getValueForField("clusters", List.class).filter(l -> !l.isEmpty())
                .map(l -> ", cluster(s) " + String.join(", ", ((List<?>) l).stream().map(String::valueOf).toList()))
                .orElse("");
    }

    private static String hostAndPort(URI uri) {
        return uri == null ? "?" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
