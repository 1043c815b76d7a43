package dev.logship.git;

import java.io.ByteArrayOutputStream;

/**
 * The bytes a commit signature covers: the raw commit object without its {@code gpgsig} (or
 * {@code gpgsig-sha256}) header and that header's continuation lines, exactly as
 * {@code git verify-commit} hands them to gpg or ssh-keygen.
 */
final class SignedPayload {
    private SignedPayload() {}

    static byte[] of(byte[] rawCommit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawCommit.length);
        int i = 0;
        boolean inHeaders = true;
        boolean skipping = false;
        while (i < rawCommit.length) {
            int end = i;
            while (end < rawCommit.length && rawCommit[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, rawCommit.length);
            if (inHeaders && end == i) {
                inHeaders = false; // the blank line before the message
                skipping = false;
            } else if (inHeaders && skipping && rawCommit[i] == ' ') {
                i = next; // a continuation line of the signature header
                continue;
            } else if (inHeaders) {
                skipping = startsWith(rawCommit, i, "gpgsig ") || startsWith(rawCommit, i, "gpgsig-sha256 ");
                if (skipping) {
                    i = next;
                    continue;
                }
            }
            out.write(rawCommit, i, next - i);
            i = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        if (at + prefix.length() > bytes.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (bytes[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
