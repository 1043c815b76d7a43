package dev.logship.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns file bytes into text, refusing what is not a manifest: too large, binary, or not UTF-8. */
final class SourceText {
    private SourceText() {}

    /** The decoded text, or the problem that makes the file unreadable. */
    record Decoded(String text, Problem problem) {}

    static Decoded decode(String file, byte[] bytes) {
        if (bytes.length > SafeYaml.MAX_FILE_BYTES) {
            return failed(file, "file is " + bytes.length + " bytes; manifests are limited to "
                    + SafeYaml.MAX_FILE_BYTES + " bytes");
        }
        for (byte b : bytes) {
            if (b == 0) {
                return failed(file, "file looks binary (contains NUL bytes); expected UTF-8 YAML text");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            return new Decoded(null, notUtf8(file, bytes, in.position()));
        }
        String text = out.flip().toString();
        return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
    }

    /** Points at the first byte that is not UTF-8, counting columns in characters decoded so far. */
    private static Problem notUtf8(String file, byte[] bytes, int offset) {
        int lineStart = 0;
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new Problem(file, line, column, "(file)", "file is not valid UTF-8 (byte 0x"
                + String.format("%02X", bytes[offset] & 0xff) + "); save it as UTF-8");
    }

    private static Decoded failed(String file, String message) {
        return new Decoded(null, Problem.ofFile(file, message));
    }
}
