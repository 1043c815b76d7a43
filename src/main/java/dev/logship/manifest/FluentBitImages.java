package dev.logship.manifest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which Fluent Bit images can run a container health command. ECS runs a {@code healthCheck}
 * command inside the container, so the image needs a shell and an HTTP client; the official
 * release image is distroless (neither). Two published families have both, and neither sets an
 * ENTRYPOINT, so their task definition {@code command} must name the program itself:
 * <ul>
 * <li>the official {@code -debug} tags ({@code fluent/fluent-bit:5.1.1-debug}, also from
 * {@code cr.fluentbit.io}): Debian with bash and curl;</li>
 * <li>AWS's {@code aws-for-fluent-bit} (Docker Hub {@code amazon/}, {@code public.ecr.aws/aws-observability/},
 * or the regional ECR copies): Amazon Linux with sh and curl, CMD {@code /entrypoint.sh}.</li>
 * </ul>
 * Both keep the binary at {@value #BINARY}. Any other image is taken to be like the official one.
 */
public final class FluentBitImages {
    public static final String BINARY = "/fluent-bit/bin/fluent-bit";
    private static final List<String> OFFICIAL = List.of("fluent/fluent-bit", "docker.io/fluent/fluent-bit",
            "cr.fluentbit.io/fluent/fluent-bit");
    private static final Pattern AWS = Pattern.compile("(docker\\.io/)?amazon/aws-for-fluent-bit"
            + "|public\\.ecr\\.aws/aws-observability/aws-for-fluent-bit"
            + "|\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/aws-for-fluent-bit");

    private FluentBitImages() {}

    /** True when the image has a shell and curl and no ENTRYPOINT (the two families above). */
    public static boolean hasShell(String image) {
        String repository = repository(image);
        String tag = tag(image);
        return OFFICIAL.contains(repository) && tag.endsWith("-debug") || AWS.matcher(repository).matches();
    }

    /** The image without its tag or digest. */
    static String repository(String image) {
        int at = image.indexOf('@');
        String named = at < 0 ? image : image.substring(0, at);
        int colon = named.lastIndexOf(':');
        return colon > named.lastIndexOf('/') ? named.substring(0, colon) : named;
    }

    private static String tag(String image) {
        int at = image.indexOf('@');
        String named = at < 0 ? image : image.substring(0, at);
        int colon = named.lastIndexOf(':');
        return colon > named.lastIndexOf('/') ? named.substring(colon + 1) : "";
    }
}
