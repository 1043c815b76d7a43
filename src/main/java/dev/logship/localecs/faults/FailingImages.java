package dev.logship.localecs.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * local-ecs's stand-in for a broken release (the shared contract between the rollouts and
 * daemons work): a container image whose reference contains {@code crashloop}, such as
 * {@code fluent/fluent-bit:5.1.1-crashloop}, exits right after it starts. Its tasks stop with
 * stopCode {@code EssentialContainerExited} and stoppedReason
 * {@code Essential container in task exited}, as ECS reports a crashing essential container.
 */
public final class FailingImages {
    public static final String MARKER = "crashloop";
    public static final String STOP_CODE = "EssentialContainerExited";
    public static final String STOPPED_REASON = "Essential container in task exited";

    private FailingImages() {}

    /** Whether local-ecs treats this image reference as one that crashes on start. */
    public static boolean isFailing(String image) {
        return image != null && image.toLowerCase(Locale.ROOT).contains(MARKER);
    }

    /** Whether any essential container of a registered task definition (ECS's JSON) runs a failing image. */
    public static boolean anyEssentialFailing(JsonNode taskDefinition) {
        if (taskDefinition == null) {
            return false;
        }
        for (JsonNode container : taskDefinition.path("containerDefinitions")) {
            // ECS treats a container without "essential" as essential.
            boolean essential = container.path("essential").asBoolean(true);
            if (essential && isFailing(container.path("image").asText(null))) {
                return true;
            }
        }
        return false;
    }
}
