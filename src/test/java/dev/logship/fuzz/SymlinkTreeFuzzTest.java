package dev.logship.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.DirectoryReader;
import dev.logship.manifest.Problem;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.render.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Real symlinks on disk, read through {@link DirectoryReader} as validate and render do: links
 * to manifests inside and outside the tree, to directories, dangling links and loops. Each one
 * with a manifest name, and each directory link, must be reported by its own path; nothing
 * behind a link may be read; and the mutated tree around them still obeys {@link ReadInvariants}.
 */
class SymlinkTreeFuzzTest {
    /** What a link points at; the target is relative to the link's own directory unless absolute. */
    enum Link {
        MANIFEST_INSIDE, FILE_OUTSIDE, DIRECTORY_INSIDE, DIRECTORY_OUTSIDE, DANGLING, SELF_LOOP, PARENT_LOOP, NOT_A_MANIFEST
    }

    record Case(List<ManifestFuzzTest.Step> steps, List<Link> links, long seed) {}

    @Provide
    Arbitrary<Case> linkedTrees() {
        Arbitrary<ManifestFuzzTest.Step> step = Combinators.combine(Arbitraries.of(Mutation.class), Arbitraries.longs())
                .as(ManifestFuzzTest.Step::new);
        return Combinators.combine(step.list().ofMaxSize(2), Arbitraries.of(Link.class).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.longs()).as(Case::new);
    }

    @Property(seed = "7020261126")
    void everyLinkIsReportedAndNothingBehindItIsRead(@ForAll("linkedTrees") Case linked) throws IOException {
        Path root = Files.createTempDirectory("logship-fuzz-links");
        Path outside = Files.createTempDirectory("logship-fuzz-outside");
        try {
            ManifestTree tree = ManifestTree.examples();
            linked.steps().forEach(step -> step.mutation().apply(tree, new Random(step.seed())));
            tree.writeFilesTo(root);
            Files.writeString(outside.resolve("stolen.yaml"), SecretsInOutputTest.ROUTE);
            Set<String> reportedLinks = createLinks(root, outside, linked);

            Snapshot snapshot = DirectoryReader.read(root);
            assertThat(snapshot.files()).as("nothing read from behind a link")
                    .noneMatch(file -> new String(file.content()).contains(SecretsInOutputTest.HOST));
            ReadResult result = ReadInvariants.readAndCheck(snapshot);
            if (!reportedLinks.isEmpty()) {
                assertThat(result.problems()).as("a tree with links to manifests or directories is never applied").isNotEmpty();
            }
            assertThat(result.problems().stream().filter(p -> p.field().equals("(file)")).map(Problem::file))
                    .containsAll(reportedLinks);
            for (Problem problem : result.problems()) {
                assertThat(Files.exists(root.resolve(problem.file()), LinkOption.NOFOLLOW_LINKS))
                        .as(problem + " names a path that exists in the tree").isTrue();
            }
            assertThat(snapshot.files().stream().filter(f -> f.kind() == SourceFile.Kind.SYMLINK).map(SourceFile::path))
                    .containsExactlyInAnyOrderElementsOf(reportedLinks);
        } finally {
            deleteWithoutFollowingLinks(root);
            deleteWithoutFollowingLinks(outside);
        }
    }

    /** Creates the links and returns the paths validation must report (manifest names and directories). */
    private static Set<String> createLinks(Path root, Path outside, Case linked) throws IOException {
        Set<String> reported = new TreeSet<>();
        Random random = new Random(linked.seed());
        List<String> dirs = List.of("", "prod/", "staging/", "deep/er/");
        // Mutations may have moved every file out of prod/; a link "to a directory" needs one there.
        // (A dangling link without a manifest name is rightly ignored, like any non-manifest file.)
        Files.createDirectories(root.resolve("prod"));
        for (int i = 0; i < linked.links().size(); i++) {
            Link link = linked.links().get(i);
            String dir = dirs.get(random.nextInt(dirs.size()));
            Files.createDirectories(root.resolve(dir.isEmpty() ? "." : dir));
            String name = dir + "link" + i + (link == Link.NOT_A_MANIFEST ? ".txt" : random.nextBoolean() ? ".yaml" : ".yml");
            boolean directory = link == Link.DIRECTORY_INSIDE || link == Link.DIRECTORY_OUTSIDE || link == Link.PARENT_LOOP;
            if (directory) {
                name = dir + "linkdir" + i;
            }
            Path target = switch (link) {
                case MANIFEST_INSIDE -> root.resolve("prod/cluster.yaml");
                case FILE_OUTSIDE, NOT_A_MANIFEST -> outside.resolve("stolen.yaml");
                case DIRECTORY_INSIDE -> root.resolve("prod");
                case DIRECTORY_OUTSIDE -> outside;
                case DANGLING -> root.resolve("nowhere/missing.yaml");
                case SELF_LOOP -> root.resolve(name);
                case PARENT_LOOP -> root;
            };
            Files.createSymbolicLink(root.resolve(name), target);
            if (link != Link.NOT_A_MANIFEST) {
                reported.add(name);
            }
        }
        return reported;
    }

    private static void deleteWithoutFollowingLinks(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
