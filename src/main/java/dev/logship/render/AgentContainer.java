package dev.logship.render;

import dev.logship.model.Immutable;
import dev.logship.model.MountPoint;
import dev.logship.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Agent} decides about its task definition: the container's name, command,
 * environment, secrets and mounts, the host volumes behind them and the network mode. Sizes,
 * ports, placement and tags are the manifest's and the same for every agent.
 */
record AgentContainer(String name, String networkMode, List<String> command, Map<String, String> environment,
                      Map<String, String> secrets, List<MountPoint> mountPoints, List<Volume> volumes) {
    AgentContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(networkMode, "networkMode");
        command = Immutable.list(command);
        environment = Immutable.sortedMap(environment);
        secrets = Immutable.sortedMap(secrets);
        mountPoints = Immutable.list(mountPoints);
        volumes = Immutable.list(volumes);
    }
}
