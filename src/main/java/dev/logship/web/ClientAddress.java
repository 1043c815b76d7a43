package dev.logship.web;

import dev.logship.model.AddressRange;
import java.net.InetAddress;
import java.util.List;

/**
 * The address a push came from, for the ingest's per-address limit. The TCP peer, unless the peer
 * is one of the operator's trusted proxies (an ALB, an ingress): then the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy, the one the proxy saw connect. A
 * client that is not a trusted proxy cannot choose its address by sending the header; a header
 * that is not a list of numeric addresses counts as the proxy's own address (never a DNS lookup).
 */
final class ClientAddress {
    private final List<AddressRange> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(AddressRange::parse).toList();
    }

    String of(String peer, List<String> forwardedFor) {
        InetAddress address = AddressRange.numeric(peer.startsWith("[") ? peer.substring(1, peer.length() - 1) : peer);
        if (trusted.isEmpty() || address == null || !isTrusted(address)) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedFor.stream().flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = AddressRange.numeric(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(r -> r.contains(address));
    }
}
