package dev.logship.notify;

import dev.logship.model.AddressRange;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Checks a notifier URL right before each connection attempt: its scheme, and every address its
 * host resolves to at that moment (a name that pointed at a public address yesterday and at
 * 169.254.169.254 now is refused now). The HTTP client's own lookup that follows is answered from
 * the JVM's address cache the check just filled (30 s for successful lookups), so both see the
 * same addresses; redirects are never followed.
 */
final class Destinations {
    private final boolean allowHttp;
    private final List<AddressRange> allowed;

    Destinations(NotifyRules rules) {
        this.allowHttp = rules.allowHttp();
        this.allowed = rules.allowedRanges();
    }

    /** Throws {@link NotifierUrls.UnusableUrl} (never quoting the URL) when the URL may not be called. */
    void check(URI url) throws NotifierUrls.UnusableUrl {
        if ("http".equals(url.getScheme()) && !allowHttp) {
            throw new NotifierUrls.UnusableUrl("refused: an http URL (only https unless serve has --notify-allow-http)");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new NotifierUrls.UnusableUrl("its host does not resolve");
        }
        for (InetAddress address : addresses) {
            boolean notPublic = AddressRange.NOT_PUBLIC.stream().anyMatch(r -> r.contains(address));
            if (notPublic && allowed.stream().noneMatch(r -> r.contains(address))) {
                throw new NotifierUrls.UnusableUrl("refused: its host resolves to a loopback, link-local or private address"
                        + " (list its block in --notify-allow-private to allow it)");
            }
        }
    }
}
