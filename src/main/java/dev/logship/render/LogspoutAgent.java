package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.model.MountPoint;
import dev.logship.model.Volume;
import java.util.List;
import java.util.Map;

/** logspout: routes on its command (or ROUTE_URIS from a secret), the Docker socket, the node's name. */
final class LogspoutAgent implements Agent {
    static final LogspoutAgent INSTANCE = new LogspoutAgent();
    static final String CONTAINER = "logspout";
    static final String SOCKET_VOLUME = "dockersock";
    static final String HOSTNAME_VOLUME = "hostname";
    /** Where logspout's Docker client looks (DOCKER_HOST default unix:///var/run/docker.sock). */
    static final String SOCKET_IN_CONTAINER = "/var/run/docker.sock";
    /** logspout's syslog adapter reports the node's name when the host's /etc/hostname is mounted here. */
    static final String HOSTNAME_IN_CONTAINER = "/etc/host_hostname";

    private LogspoutAgent() {}

    @Override
    public AgentContainer container(ForwarderManifest forwarder) {
        return new AgentContainer(CONTAINER, "bridge",
                forwarder.routes().isEmpty() ? List.of() : List.of(String.join(",", forwarder.routes())),
                LogspoutEnvironment.of(forwarder),
                forwarder.routeSecret() == null ? Map.of()
                        : Map.of(LogspoutEnvironment.ROUTE_URIS, forwarder.routeSecret().valueFrom()),
                List.of(new MountPoint(SOCKET_VOLUME, SOCKET_IN_CONTAINER, false),
                        new MountPoint(HOSTNAME_VOLUME, HOSTNAME_IN_CONTAINER, true)),
                List.of(new Volume(SOCKET_VOLUME, forwarder.dockerSocket()), new Volume(HOSTNAME_VOLUME, "/etc/hostname")));
    }
}
