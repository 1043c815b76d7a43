package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.Multiline;
import dev.logship.model.MountPoint;
import dev.logship.model.Volume;
import dev.logship.render.FluentBitPipeline.Builder;
import dev.logship.render.FluentBitPipeline.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fluent Bit with its whole pipeline on the command line of the official image (entrypoint
 * {@code /fluent-bit/bin/fluent-bit}): tail the node's json-file logs, join Docker's 16 KiB
 * partial lines (and stack traces when asked), name containers through the ECS agent's
 * introspection endpoint (127.0.0.1:51678, hence host networking), and send RFC 5424 syslog.
 * Offsets and the disk buffer live on the node under {@value #STATE_ON_HOST}NAME, so a
 * restarted task resumes where the last one stopped.
 */
final class FluentBitAgent implements Agent {
    static final FluentBitAgent INSTANCE = new FluentBitAgent();
    static final String CONTAINER = "fluent-bit";
    static final String LOGS = "/var/lib/docker/containers";
    static final String STATE_ON_HOST = "/var/lib/logship/";
    static final String STATE = "/fluent-bit/state";
    static final String HOSTNAME_FILE = "/etc/host_hostname";
    static final String TAG_PREFIX = "ecs.var.lib.docker.containers.";
    /** Largest syslog message over TCP/TLS, in bytes; longer ones are truncated. UDP keeps Fluent Bit's 2,048 (one datagram). */
    static final int MAX_MESSAGE = 65_536;
    /** TLS 1.2 with forward secrecy and AEAD only (Mozilla's "intermediate" TLS 1.2 list). */
    static final String TLS12_CIPHERS = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private FluentBitAgent() {}

    @Override
    public AgentContainer container(ForwarderManifest forwarder) {
        List<RouteOutput> routes = RouteOutputs.of(forwarder);
        FluentBitPipeline pipeline = pipeline(forwarder, routes);
        Map<String, String> environment = new TreeMap<>(forwarder.env());
        Map<String, String> secrets = new TreeMap<>();
        for (RouteOutput route : routes) {
            environment.putAll(route.environment());
            secrets.putAll(route.secrets());
        }
        List<String> command = pipeline.commandLine();
        requireEverySet(command, environment, secrets);
        return new AgentContainer(CONTAINER, "host", command, environment, secrets,
                List.of(new MountPoint("containers", LOGS, true),
                        new MountPoint("state", STATE, false),
                        new MountPoint("hostname", HOSTNAME_FILE, true)),
                List.of(new Volume("containers", LOGS),
                        new Volume("state", STATE_ON_HOST + forwarder.name()),
                        new Volume("hostname", "/etc/hostname")));
    }

    /**
     * The pipeline: tail, [multiline], ecs, lua, [routing], one output per route. Typed routes
     * add the routing step and the record fields their templates read; a syslog-only forwarder
     * keeps the pipeline its reliability figures were measured with.
     */
    static FluentBitPipeline pipeline(ForwarderManifest forwarder, List<RouteOutput> routes) {
        var agent = forwarder.agent();
        boolean routed = !forwarder.destinations().isEmpty();
        List<FluentBitPipeline.Plugin> plugins = new ArrayList<>();
        plugins.add(new Builder(Kind.INPUT, "tail")
                .p("tag", "ecs.*")
                .p("path", LOGS + "/*/*-json.log")
                .p("multiline.parser", "docker,cri")
                .p("db", STATE + "/tail.db")
                .p("db.locking", "true")
                .p("read_from_head", Boolean.TRUE.equals(forwarder.backlog()) ? "true" : "false")
                .p("refresh_interval", "5")
                .p("buffer_max_size", "1M")
                .p("skip_long_lines", "on")
                .p("storage.type", "filesystem")
                // Poll the files (stat) instead of waking on each write (inotify): a read then takes a whole stack
                // trace Docker wrote line by line, as the unbuffered multiline filter below needs (measured with
                // 3-line traces appended line by line: 0 of 500 split polling, 11 of 500 with inotify).
                .p("inotify_watcher", "false")
                .build());
        if (agent.multiline() != Multiline.NONE) {
            // buffer off: the filter joins the lines of each read in place. Buffered (the default) it moves
            // records to an in-memory emitter after tail has stored their offset, so a kill -9 or an OOM kill
            // lost them (measured: 4 of 10 kills mid-stream lost 100 lines; docs/fluent-bit.md, RELIABILITY.md).
            plugins.add(new Builder(Kind.FILTER, "multiline").p("match", "ecs.*")
                    .p("multiline.key_content", "log")
                    .p("multiline.parser", agent.multiline().yaml())
                    .p("buffer", "off")
                    .build());
        }
        Builder ecs = new Builder(Kind.FILTER, "ecs").p("match", "ecs.*")
                .p("ecs_tag_prefix", TAG_PREFIX)
                .p("add", "ecs_container_name $ECSContainerName")
                .p("add", "ecs_task_family $TaskDefinitionFamily");
        if (routed) {
            ecs.p("add", "ecs_cluster $ClusterName").p("add", "ecs_instance $ContainerInstanceID");
        }
        plugins.add(ecs.build());
        plugins.add(new Builder(Kind.FILTER, "lua").p("match", "ecs.*")
                .p("call", FluentBitLua.FUNCTION)
                .p("type_int_key", "severity")
                .p("code", FluentBitLua.code(ForwarderRenderer.FAMILY_PREFIX + forwarder.name(), agent.exclude(),
                        HOSTNAME_FILE, routed))
                .build());
        if (routed) {
            plugins.add(FluentBitRouting.retag());
        }
        // Each route its own disk buffer (an equal share of bufferLimit) and its own retries: one dead
        // destination fills only its own share and never holds back the others.
        long perRoute = Math.max(1, agent.bufferLimit() / Math.max(1, routes.size()));
        for (RouteOutput route : routes) {
            Builder output = FluentBitRouting.output(route.plugin(), route.match(), routed);
            route.properties(output, perRoute);
            plugins.add(output.build());
        }
        return new FluentBitPipeline(List.of("-b", STATE + "/buffer", "-f", "1"), plugins);
    }

    /** An unset ${VAR} silently becomes 127.0.0.1:514 in Fluent Bit: refuse to render one. */
    static void requireEverySet(List<String> command, Map<String, String> environment, Map<String, String> secrets) {
        for (String arg : command) {
            Matcher m = VARIABLE.matcher(arg);
            while (m.find()) {
                if (!environment.containsKey(m.group(1)) && !secrets.containsKey(m.group(1))) {
                    throw new IllegalStateException("the Fluent Bit command names ${" + m.group(1) + "}, which is not set");
                }
            }
        }
    }
}
