package dev.logship.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One CIDR block ({@code 10.0.0.0/8}, {@code fd00:ec2::/32}), and the blocks a notifier may not
 * reach unless the operator lists them: loopback, link-local (the instance metadata service at
 * 169.254.169.254 and fd00:ec2::254 among them), private, shared (100.64/10), unspecified and multicast.
 * Notifier destinations and the ingest's trusted proxies are checked against it.
 */
public record AddressRange(byte[] network, int prefix, String text) {
    public static final List<AddressRange> NOT_PUBLIC = List.of(parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"),
            parse("127.0.0.0/8"), parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.168.0.0/16"),
            parse("224.0.0.0/4"), parse("::/128"), parse("::1/128"), parse("fc00::/7"), parse("fd00:ec2::/32"),
            parse("fe80::/10"), parse("ff00::/8"));

    /** {@code address/prefix} with a numeric address (no DNS lookup); a bare address is a single host. */
    public static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = numeric(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block such as 10.0.0.0/8 or fd00::/8");
        }
        try {
            byte[] bytes = address.getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bytes.length * 8);
            }
            return new AddressRange(bytes, prefix, text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block such as 10.0.0.0/8 or fd00::/8");
        }
    }

    /** A numeric IPv4 or IPv6 address, never looked up in DNS; null when {@code text} is not one. */
    public static InetAddress numeric(String text) {
        boolean v4 = !text.isEmpty() && text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        boolean v6 = text.contains(":") && text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // numeric: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
