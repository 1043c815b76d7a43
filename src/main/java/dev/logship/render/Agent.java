package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;

/**
 * The one place that knows which forwarder program runs: turns a manifest into the agent's
 * container. Everything after render (diff, sync, reconcile) sees only task definitions.
 */
interface Agent {
    AgentContainer container(ForwarderManifest forwarder);

    static Agent of(ForwarderManifest forwarder) {
        return switch (forwarder.agent().agent()) {
            case LOGSPOUT -> LogspoutAgent.INSTANCE;
            case FLUENT_BIT -> FluentBitAgent.INSTANCE;
        };
    }
}
