package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One managed daemon and the daemon task it runs on each instance of its capacity providers. */
final class DaemonState {
    public String name;
    public String arn;
    public String clusterArn;
    /** ACTIVE or DELETE_IN_PROGRESS. */
    public String status = "ACTIVE";
    public long createdAtMillis;
    public long updatedAtMillis;
    public List<String> capacityProviderArns = new ArrayList<>();
    public ObjectNode deploymentConfiguration;
    /** The revision new instances get when no deployment is moving them. */
    public String currentRevisionArn;
    /** The most recent deployment. */
    public String deploymentArn;
    public String clientToken;
    /** The daemon task on each instance, by instance ARN. */
    public Map<String, Placed> placed = new LinkedHashMap<>();

    /** A daemon task on one instance: which revision it runs and in which capacity provider. */
    static final class Placed {
        public String taskArn;
        public String revisionArn;
        public String capacityProviderName;
    }
}
