package dev.logship.manifest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
        } catch (CharacterCodingException e) {
            return failed(file, "file is not valid UTF-8; save it as UTF-8");
        }
    }

    private static Decoded failed(String file, String message) {
        return new Decoded(null, Problem.ofFile(file, message));
    }
}
