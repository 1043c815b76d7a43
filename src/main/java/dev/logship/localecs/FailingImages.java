package dev.logship.localecs;

/**
 * Which container images local-ecs treats as crash-looping: any whose reference contains
 * {@code crashloop} (e.g. {@code fluent/fluent-bit:5.1.1-crashloop}). Their tasks stop shortly
 * after starting with ECS's stop code and reason for an essential container that exited, so
 * circuit breakers and rollbacks can be shown without a real failing image.
 */
public final class FailingImages {
    public static final String STOP_CODE = "EssentialContainerExited";
    public static final String STOPPED_REASON = "Essential container in task exited";
    private static final String MARKER = "crashloop";

    private FailingImages() {
    }

    public static boolean failing(String image) {
        return image != null && image.contains(MARKER);
    }
}
