package dev.logship.manifest;

import java.util.Arrays;
import java.util.List;

/** Which forwarder program a LogForwarder runs on each node ({@code spec.agent}). */
public enum Agent {
    /** gliderlabs/logspout: reads the Docker socket. The default, so older manifests keep their meaning. */
    LOGSPOUT("logspout"),
    /** Fluent Bit: tails the nodes' json-file logs, buffers on disk, resumes from stored offsets. */
    FLUENT_BIT("fluentBit");

    private final String yaml;

    Agent(String yaml) {
        this.yaml = yaml;
    }

    public String yaml() {
        return yaml;
    }

    static Agent fromYaml(String value) {
        return Arrays.stream(values()).filter(a -> a.yaml.equals(value)).findFirst().orElse(null);
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(Agent::yaml).toList();
    }
}
