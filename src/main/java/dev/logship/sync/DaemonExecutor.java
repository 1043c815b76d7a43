package dev.logship.sync;

import dev.logship.diff.DaemonChange;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs daemon changes through a {@link DaemonGateway}: creates and updates first, prunes last;
 * a daemon task definition revision whose RegisterDaemonTaskDefinition document equals the
 * desired one is reused instead of registering another; conflicts and no-changes touch nothing.
 * A failed call is recorded and the rest still run.
 */
public final class DaemonExecutor {
    private final DaemonGateway gateway;
    public final List<String> steps = new ArrayList<>();
    public final List<String> failures = new ArrayList<>();

    public DaemonExecutor(DaemonGateway gateway) {
        this.gateway = gateway;
    }

    /** {@code taskDefinitions}: the desired daemon task definition of each change, by daemon name. */
    public void execute(List<DaemonChange> changes, java.util.function.Function<String, TaskDefinitionSpec> taskDefinitions) {
        List<DaemonChange> ordered = changes.stream().filter(DaemonChange::mutates)
                .sorted(Comparator.comparing(c -> c.kind() == DaemonChange.Kind.PRUNE)).toList();
        for (DaemonChange c : ordered) {
            try {
                switch (c.kind()) {
                    case CREATE -> {
                        String td = revisionFor(taskDefinitions.apply(c.daemonName()), c.desired().taskDefinitionDocument());
                        gateway.createDaemon(c.desired().spec(), td);
                        steps.add("CreateDaemon " + c.daemonName() + " on " + td);
                    }
                    case UPDATE -> {
                        String td = revisionFor(taskDefinitions.apply(c.daemonName()), c.desired().taskDefinitionDocument());
                        gateway.updateDaemon(c.live().daemonArn(), c.desired().spec(), td);
                        steps.add("UpdateDaemon " + c.daemonName() + " to " + td + ": " + String.join("; ", c.differences()));
                    }
                    case PRUNE -> {
                        gateway.deleteDaemon(c.live().daemonArn());
                        steps.add("DeleteDaemon " + c.daemonName());
                    }
                    default -> { }
                }
            } catch (GatewayException e) {
                failures.add(c.daemonName() + ": " + e.getMessage());
            }
        }
    }

    /** An ACTIVE revision of the family with exactly this document, else a new one. */
    private String revisionFor(TaskDefinitionSpec spec, java.util.Map<String, Object> document) {
        for (String arn : gateway.activeDaemonRevisionArns(spec.family())) {
            if (Objects.equals(gateway.describeDaemonTaskDefinition(arn).document(), document)) {
                return arn;
            }
        }
        String arn = gateway.registerDaemonTaskDefinition(spec);
        steps.add("RegisterDaemonTaskDefinition " + arn);
        return arn;
    }
}
