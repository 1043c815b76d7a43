package dev.logship.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code aws} executable the CLI tests run, resolved once per JVM. Where {@code aws} is a pyenv
 * shim (a bash script that runs pyenv, which then runs Python), every call paid for the shim too:
 * {@code aws --version} took 1.69 s and 1.0 s of CPU through the shim, 0.95 s and 0.6 s direct.
 * The same AWS CLI runs either way; without pyenv this is plain {@code aws} from PATH.
 */
public final class AwsCliPath {
    private static final String RESOLVED = resolve();

    private AwsCliPath() {}

    /** The path of the real {@code aws} script behind a pyenv shim, or {@code "aws"}. */
    public static String aws() {
        return RESOLVED;
    }

    private static String resolve() {
        try {
            Process which = new ProcessBuilder("pyenv", "which", "aws").redirectErrorStream(true).start();
            if (!which.waitFor(20, TimeUnit.SECONDS)) {
                which.destroyForcibly();
                return "aws";
            }
            String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return which.exitValue() == 0 && Files.isExecutable(Path.of(path)) ? path : "aws";
        } catch (IOException noPyenv) {
            return "aws";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "aws";
        }
    }
}
