package dev.logship.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys an installation trusts: every armored key block in a file, or in every
 * file of a directory ({@code --trusted-keys}), as exported by {@code gpg --armor --export}. An
 * exported revocation travels with its key and is honoured.
 */
final class OpenPgpKeys {
    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private final List<PGPPublicKeyRing> rings;

    private OpenPgpKeys(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    static OpenPgpKeys none() {
        return new OpenPgpKeys(List.of());
    }

    static OpenPgpKeys read(Path fileOrDirectory) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (Stream<Path> files = Files.isDirectory(fileOrDirectory) ? Files.list(fileOrDirectory).sorted() : Stream.of(fileOrDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (int at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
                    rings.addAll(parse(text.substring(at), file));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--trusted-keys " + fileOrDirectory + ": cannot read: " + e.getMessage(), e);
        }
        if (rings.isEmpty()) {
            throw new IllegalArgumentException("--trusted-keys " + fileOrDirectory
                    + ": no armored OpenPGP public key found (export one with gpg --armor --export KEYID)");
        }
        return new OpenPgpKeys(rings);
    }

    private static List<PGPPublicKeyRing> parse(String armored, Path file) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.UTF_8)))) {
            List<PGPPublicKeyRing> out = new ArrayList<>();
            new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).forEach(out::add);
            return out;
        } catch (PGPException | RuntimeException e) {
            throw new IllegalArgumentException("--trusted-keys " + file + ": not an OpenPGP public key: " + e.getMessage(), e);
        }
    }

    /** The ring holding the key (primary or subkey) with this id. */
    Optional<PGPPublicKeyRing> ringOf(long keyId) {
        return rings.stream().filter(r -> r.getPublicKey(keyId) != null).findFirst();
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    static String userId(PGPPublicKeyRing ring) {
        Iterator<String> ids = ring.getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() : fingerprint(ring.getPublicKey());
    }

    /** When the key stops being valid, if it ever does (0 valid seconds: never). */
    static Optional<Instant> expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds <= 0 ? Optional.empty() : Optional.of(key.getCreationTime().toInstant().plusSeconds(seconds));
    }
}
