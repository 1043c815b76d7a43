package dev.logship.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Where the numbers came from: cores, memory, JVM, load, and the commit. */
final class Machine {
    private Machine() {}

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores (%s), %s memory, %s %s (%s), %s %s, load average %s, commit %s",
                rt.availableProcessors(), cpuModel(), memTotal(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("os.name"), System.getProperty("os.version"), loadAverage(), commit());
    }

    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu unknown");
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal").map(l -> {
            long kb = Long.parseLong(l.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
