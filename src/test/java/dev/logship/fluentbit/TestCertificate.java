package dev.logship.fluentbit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made by the JDK's keytool for one host name: the receiver's
 * key store and the PEM a node would trust (its CA bundle), standing in for Papertrail's.
 */
final class TestCertificate {
    static final String PASSWORD = "changeit";

    private TestCertificate() {}

    /** Writes {@code keyStore} (PKCS12) and returns the certificate as PEM. */
    static String create(Path keyStore, String host) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(List.of(keytool.toString(), "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-ext", "BC:c=ca:true", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        return run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "receiver", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD));
    }

    /** The name OpenSSL looks a CA up by in a certificate directory (as {@code openssl rehash} links it). */
    static String subjectHash(Path pem) throws Exception {
        return run(List.of("openssl", "x509", "-hash", "-noout", "-in", pem.toString())).trim();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + out);
        }
        return out;
    }
}
