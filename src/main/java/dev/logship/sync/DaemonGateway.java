package dev.logship.sync;

import dev.logship.model.DaemonSpec;
import dev.logship.model.LiveDaemon;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;

/**
 * What sync needs from ECS to run forwarders as managed daemons in one cluster. Owned here,
 * implemented by {@code aws}. Methods throw {@link GatewayException} as {@link EcsGateway}'s do.
 */
public interface DaemonGateway {

    /** The cluster's managed daemons with tags, latest deployment and running counts. */
    List<LiveDaemon> observeDaemons();

    /**
     * The RegisterDaemonTaskDefinition input {@link #registerDaemonTaskDefinition} would send, as
     * plain data in the shape of a described revision's {@link TaskDefinitionSpec#document()}.
     */
    Map<String, Object> daemonRequestDocument(TaskDefinitionSpec spec);

    /** ARNs of the ACTIVE daemon task definition revisions of exactly this family, newest first. */
    List<String> activeDaemonRevisionArns(String family);

    /** Registers a new daemon task definition revision with the spec's tags; returns its ARN. */
    String registerDaemonTaskDefinition(TaskDefinitionSpec spec);

    /** The content of a daemon task definition revision (immutable: adapters cache it by ARN). */
    TaskDefinitionSpec describeDaemonTaskDefinition(String arn);

    /** Creates the daemon on the given revision with the spec's tags; returns the daemon ARN. */
    String createDaemon(DaemonSpec spec, String daemonTaskDefinitionArn);

    /** Starts a deployment of the daemon to this revision and these settings. */
    void updateDaemon(String daemonArn, DaemonSpec spec, String daemonTaskDefinitionArn);

    void deleteDaemon(String daemonArn);

    /** Deletes an ACTIVE daemon task definition revision (ECS moves it to DELETE_IN_PROGRESS, then DELETED). */
    void deleteDaemonTaskDefinition(String arn);

    /** As {@link EcsGateway#budget}: the rate limiter's budget for {@code action}'s bucket now. */
    default CallBudget budget(String action) {
        return CallBudget.UNLIMITED;
    }
}
