package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.ManifestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derived owner id: one per repository and path, whatever the URL's form, never with credentials. */
class OwnerIdsTest {
    @TempDir Path tmp;

    @Test
    void httpsSshAndScpFormsOfOneRepositoryGiveOneOwner() {
        String expected = "github.com/acme/ecs-logging";
        for (String url : new String[] {"https://github.com/acme/ecs-logging.git", "https://github.com/acme/ecs-logging",
                "https://x-access-token:ghp_SECRET123@github.com/acme/ecs-logging.git", "https://ghp_SECRET123@GitHub.com/acme/ecs-logging/",
                "ssh://git@github.com/acme/ecs-logging.git", "ssh://git@github.com:22/acme/ecs-logging",
                "git@github.com:acme/ecs-logging.git", "http://github.com:443/acme//ecs-logging.git"}) {
            assertThat(OwnerIds.derive(url, null)).as(url).isEqualTo(expected).doesNotContain("SECRET", "git@", "x-access-token");
        }
    }

    @Test
    void thePathIsPartOfTheOwnerAndWrittenOneWay() {
        String repo = "https://github.com/acme/ecs-logging.git";
        assertThat(OwnerIds.derive(repo, "clusters")).isEqualTo("github.com/acme/ecs-logging//clusters")
                .isEqualTo(OwnerIds.derive(repo, "./clusters/")).isEqualTo(OwnerIds.derive(repo, "/clusters"));
        assertThat(OwnerIds.derive(repo, "clusters/eu")).isNotEqualTo(OwnerIds.derive(repo, "clusters"));
        assertThat(OwnerIds.derive(repo, "")).isEqualTo(OwnerIds.derive(repo, null));
    }

    @Test
    void aCheckoutIsNamedByItsOriginAndABareRepositoryByItsPathOrFileUrl() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Path checkout = tmp.resolve("checkout");
        ManifestRepo.create(bare, checkout).close();
        String id = OwnerIds.derive(bare.toString(), null);
        assertThat(id).startsWith("file:/").endsWith("/remote");
        assertThat(OwnerIds.derive(bare.toUri().toString(), null)).isEqualTo(id);
        assertThat(OwnerIds.derive(checkout.toString(), null)).isEqualTo(id);
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThat(OwnerIds.derive(plain.toString(), null)).isEqualTo("file:/" + plain.toRealPath().toString().substring(1));
    }

    @Test
    void anOwnerOptionWinsAndMustFitAnEcsTagValue() {
        assertThat(OwnerIds.resolve("team-a/prod", "https://github.com/acme/x.git", null)).isEqualTo("team-a/prod");
        assertThatThrownBy(() -> OwnerIds.resolve("a#b", "https://github.com/acme/x.git", null))
                .hasMessageContaining("--owner a#b: expected 1-256 letters");
        assertThat(OwnerIds.derive("https://github.com/acme/" + "x".repeat(300), null)).hasSizeLessThanOrEqualTo(256);
    }
}
