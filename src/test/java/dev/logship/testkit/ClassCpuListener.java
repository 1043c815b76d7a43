package dev.logship.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Writes one line per test class to target/test-cpu/PID.tsv: wall ms, this JVM's CPU ms and its
 * reaped child processes' CPU ms (serve processes, Chromium, the AWS CLI, Fluent Bit) spent while
 * the class ran. Surefire reports only wall time, which on a shared 2-core machine says more about
 * the neighbours than about the test; CPU is what the suite's time is made of. Classes run one at a
 * time in each JVM, so the deltas belong to the class (give or take threads a class left running).
 */
public final class ClassCpuListener implements TestExecutionListener {
    private static final long TICK_NANOS = 10_000_000; // USER_HZ is 100 on Linux
    private final Map<String, long[]> started = new HashMap<>();

    @Override
    public void executionStarted(TestIdentifier id) {
        if (isClass(id)) {
            started.put(id.getUniqueId(), new long[] {System.nanoTime(), ownCpu(), childCpu()});
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        long[] at = started.remove(id.getUniqueId());
        if (at == null) {
            return;
        }
        String name = ((ClassSource) id.getSource().orElseThrow()).getClassName();
        write(String.format("%s\t%d\t%d\t%d%n", name, (System.nanoTime() - at[0]) / 1_000_000,
                (ownCpu() - at[1]) / 1_000_000, (childCpu() - at[2]) / 1_000_000));
    }

    private static boolean isClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static long ownCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** cutime + cstime of /proc/self/stat: CPU of children this JVM has waited for. */
    private static long childCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * TICK_NANOS;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    private static void write(String line) {
        try {
            Path dir = Path.of(System.getProperty("basedir", "."), "target", "test-cpu");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ProcessHandle.current().pid() + ".tsv"), line,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("ClassCpuListener: " + e);
        }
    }
}
