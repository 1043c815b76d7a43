package dev.logship.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Hooks into every ECS call: takes a token from the action's bucket before each attempt
 * (retries included, so retries are paced too) and counts attempts and outcomes.
 */
final class PacingInterceptor implements ExecutionInterceptor {
    private final EcsRateLimiter limiter;
    private final EcsCallCounter counter;

    PacingInterceptor(EcsRateLimiter limiter, EcsCallCounter counter) {
        this.limiter = limiter;
        this.counter = counter;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String action = action(attributes);
        limiter.acquire(action);
        counter.record(action, EcsCallCounter.ATTEMPT);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        counter.record(action(attributes), EcsCallCounter.OK);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        String outcome = e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorCode() != null
                ? ase.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        counter.record(action(attributes), outcome);
    }

    private static String action(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "Unknown" : name;
    }
}
