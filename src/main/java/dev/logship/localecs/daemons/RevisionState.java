package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** A daemon revision: the daemon's configuration when a deployment began. Immutable. */
final class RevisionState {
    public String arn;
    public String daemonArn;
    public String clusterArn;
    public String taskDefinitionArn;
    public long createdAtMillis;
    public ArrayNode containerImages;
    public String propagateTags;
    public boolean enableECSManagedTags;
    public boolean enableExecuteCommand;
    public List<String> capacityProviderArns = new ArrayList<>();
}
