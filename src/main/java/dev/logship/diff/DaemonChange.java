package dev.logship.diff;

import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveDaemon;
import dev.logship.model.OwnershipTags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one managed daemon needs: create it, update it (with what differs, for {@code plan}),
 * nothing, prune it (this installation's and no longer in Git), or a conflict (a same-named
 * daemon that is not this installation's: reported, never touched). {@code desired} is null for
 * a prune; {@code live} is null for a create. {@code reason} says why a create, prune or
 * conflict happens when it is not plain (a replacement of the forwarder's service, say).
 */
public record DaemonChange(Kind kind, String daemonName, DaemonDiffer.Desired desired, LiveDaemon live,
        List<String> differences, String reason) implements Change {

    public enum Kind {
        CREATE(Action.CREATE), UPDATE(Action.UPDATE), NO_CHANGE(Action.NO_CHANGE), PRUNE(Action.PRUNE), CONFLICT(Action.CONFLICT);

        private final Action action;

        Kind(Action action) {
            this.action = action;
        }
    }

    public DaemonChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(daemonName, "daemonName");
        differences = List.copyOf(differences);
        if (desired == null && live == null) {
            throw new IllegalArgumentException("a daemon change needs a desired or a live daemon");
        }
    }

    public boolean mutates() {
        return kind.action.mutates();
    }

    public DaemonChange withReason(String newReason) {
        return new DaemonChange(kind, daemonName, desired, live, differences, newReason);
    }

    @Override
    public ForwarderKey key() {
        if (desired != null) {
            return ForwarderKey.parse(desired.key());
        }
        return OwnershipTags.forwarder(live.tags()).orElseGet(() -> new ForwarderKey("?", daemonName));
    }

    @Override
    public Action action() {
        return kind.action;
    }

    @Override
    public String serviceName() {
        return daemonName;
    }

    @Override
    public String workload() {
        return "daemon";
    }

    /** An update that only moves tags needs TagResource/UntagResource, not a deployment. */
    public boolean needsDeployment() {
        return differences.stream().anyMatch(d -> !d.startsWith(DaemonDiffer.TAGS));
    }

    public boolean needsTagging() {
        return differences.stream().anyMatch(d -> d.startsWith(DaemonDiffer.TAGS));
    }

    /** The daemon task definition's differences field by field (masked by {@link PlanView}); empty unless both documents are known. */
    public List<FieldDiff> taskDefinitionDiffs() {
        Map<String, Object> have = live == null || live.taskDefinition() == null ? null : live.taskDefinition().document();
        Map<String, Object> want = desired == null ? null : desired.taskDefinitionDocument();
        return kind != Kind.UPDATE || have == null || want == null ? List.of() : Differ.compare(
                DocumentPaths.of(have, TaskDefinitionDiff.PREFIX), DocumentPaths.of(want, TaskDefinitionDiff.PREFIX));
    }
}
