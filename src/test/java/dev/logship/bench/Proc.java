package dev.logship.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU of a process, read from /proc (Linux), in MiB and milliseconds. */
final class Proc {
    private Proc() {}

    /** A field of /proc/PID/status in MiB (VmRSS: now, VmHWM: peak), or NaN if unreadable. */
    static double statusMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or /proc is missing: no figure
        }
        return Double.NaN;
    }

    /** User + system CPU time of a process so far, in ms (clock ticks of 10 ms), or NaN. */
    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0; // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static long self() {
        return ProcessHandle.current().pid();
    }

    /** CPU time of this JVM so far, in ms. */
    static double selfCpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e6;
        }
        return cpuMillis(self());
    }
}
