package dev.logship.fluentbit;

import dev.logship.fluentbit.receivers.DestinationServices;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One self-signed certificate (a CA the node trusts) for every destination's host names, real
 * ones such as {@code logs.us-east-1.amazonaws.com} included, made by the JDK's keytool.
 */
final class DestinationCertificate {
    private DestinationCertificate() {}

    /** Writes {@code keyStore} (PKCS12) and returns the certificate as PEM. */
    static String create(Path keyStore, List<String> hosts) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String password = DestinationServices.KEY_STORE_PASSWORD;
        String san = hosts.stream().map(h -> "dns:" + h).collect(Collectors.joining(","));
        run(List.of(keytool, "-genkeypair", "-alias", "destinations", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + hosts.get(0), "-ext", "SAN=" + san, "-ext", "BC:c=ca:true", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
        return run(List.of(keytool, "-exportcert", "-rfc", "-alias", "destinations", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", password));
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
