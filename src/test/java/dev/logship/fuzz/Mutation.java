package dev.logship.fuzz;

import dev.logship.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * One way to damage a manifest tree. Each mutation picks its target and details from the
 * Random it is given, so (mutation, seed) fully describes a case and replays it exactly.
 */
enum Mutation {
    WRONG_TYPE(TextMutations::wrongType),
    HUGE_STRING(YamlBombs::hugeString),
    DEEP_NESTING(YamlBombs::deepNesting),
    ALIASES(YamlBombs::aliases),
    UNKNOWN_TAG(TextMutations::unknownTag),
    DUPLICATE_KEY(TextMutations::duplicateKey),
    DELETE_FIELD(TextMutations::deleteLine),
    SWAP_KIND(TextMutations::swapKind),
    CONTROL_CHARACTERS(TextMutations::controlCharacters),
    INDENTATION(TextMutations::indentation),
    DOCUMENT_MARKERS(TextMutations::documents),
    NUMBERS(TextMutations::numbers),
    INVALID_UTF8(null),
    BINARY_GARBAGE(null),
    GIANT_FILE(null),
    TRUNCATE(null),
    BYTE_FLIPS(null),
    SYMLINK_ENTRY(null),
    DELETE_FILE(null),
    COPY_FILE(null),
    MOVE_FILE(null),
    MAXIMAL_NAMES(null);

    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xFE, (byte) 0xFF}};
    private static final String[] ODD_PATHS = {"deep/a/b/c/d/e/f/g/h/x.yaml", "caf\u00e9/\u65e5\u672c.yaml", "with space/x y.yml",
            "x.yml", "prod/cluster.yaml.yaml", "-/--.yaml", "prod/.yaml"};

    private final BiFunction<String, Random, String> textEdit;

    Mutation(BiFunction<String, Random, String> textEdit) {
        this.textEdit = textEdit;
    }

    void apply(ManifestTree tree, Random random) {
        String path = tree.randomFile(random);
        if (path == null) {
            tree.putText("new.yaml", YamlBombs.billionLaughs(random));
            return;
        }
        if (textEdit != null) {
            tree.putText(path, textEdit.apply(tree.text(path), random));
            return;
        }
        byte[] bytes = tree.bytes(path);
        switch (this) {
            case INVALID_UTF8 -> tree.put(path, insert(bytes, random.nextInt(bytes.length + 1), BAD_UTF8[random.nextInt(BAD_UTF8.length)]));
            case BINARY_GARBAGE -> tree.put(random.nextBoolean() ? path : "garbage.yaml", garbage(bytes, random));
            case GIANT_FILE -> tree.put(path, giant(bytes, random));
            case TRUNCATE -> tree.put(path, Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
            case BYTE_FLIPS -> tree.put(path, flip(bytes, random));
            case SYMLINK_ENTRY -> tree.putSpecial(random.nextBoolean() ? path : "linked/" + path,
                    random.nextInt(4) == 0 ? SourceFile.Kind.SUBMODULE : SourceFile.Kind.SYMLINK);
            case DELETE_FILE -> tree.remove(path);
            case COPY_FILE -> tree.put("copy/" + path, bytes);
            case MAXIMAL_NAMES -> BoundaryNames.apply(tree, random);
            case MOVE_FILE -> {
                tree.remove(path);
                tree.put(ODD_PATHS[random.nextInt(ODD_PATHS.length)], bytes);
            }
            default -> throw new IllegalStateException(name());
        }
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    private static byte[] garbage(byte[] bytes, Random random) {
        byte[] noise = new byte[1 + random.nextInt(4096)];
        random.nextBytes(noise);
        if (random.nextBoolean()) {
            for (int i = 0; i < noise.length; i++) {
                noise[i] = noise[i] == 0 ? 1 : noise[i]; // garbage without NUL gets past the binary check
            }
        }
        return random.nextBoolean() ? noise : insert(bytes, random.nextInt(bytes.length + 1), noise);
    }

    /** Around the 1 MiB limit: just under (parsed), exactly at, and over (refused unread). */
    private static byte[] giant(byte[] bytes, Random random) {
        int[] targets = {1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024};
        int target = Math.max(targets[random.nextInt(targets.length)], bytes.length + 2);
        byte[] out = Arrays.copyOf(bytes, target);
        byte[] pad = (random.nextBoolean() ? "\n#" : "\n- ").getBytes(StandardCharsets.UTF_8);
        for (int i = bytes.length; i < target; i++) {
            out[i] = i == bytes.length ? pad[0] : pad[1 + (i % (pad.length - 1))];
        }
        return out;
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        for (int i = 1 + random.nextInt(20); i > 0 && out.length > 0; i--) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }
}
