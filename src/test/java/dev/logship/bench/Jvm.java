package dev.logship.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a bench process's JVM is started: which build of logship (this one, or a baseline's
 * classes given with {@code --baseline-classes}) and which JVM flags (the JVM's defaults, or
 * the launcher's flags for {@code serve}).
 */
record Jvm(String label, String classesDir, List<String> flags) {
    /**
     * The JVM flags proposed for bin/logship's serve: the serial collector (one GC thread, no
     * G1 remembered sets and card tables sized for a quarter of the machine's memory), a heap
     * that starts at 16 MiB, grows only as the live set needs and gives back what it does not
     * use, capped at 256 MiB; C1 only (no C2 compiler arenas, a smaller code cache: serve waits
     * on ECS, not on CPU); 512 KiB thread stacks. See BENCHMARKS.md, "Memory".
     */
    static final List<String> SERVE_FLAGS = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms16m", "-Xmx256m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=128m");

    static final Jvm CURRENT = new Jvm("this build, JVM defaults", null, List.of());

    Jvm withFlags(String newLabel, List<String> moreFlags) {
        return new Jvm(newLabel, classesDir, moreFlags);
    }

    /** A baseline build: its main classes in place of this build's, the same test classes and dependencies. */
    static Jvm baseline(String classesDir) {
        return new Jvm("baseline build, JVM defaults", classesDir, List.of());
    }

    List<String> command(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(flags);
        String extra = System.getProperty("bench.jvmFlags"); // e.g. -XX:StartFlightRecording=filename=DIR/ to profile each bench process
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (System.getProperty("bench.diagnose") != null) {
            cmd.add("-XX:NativeMemoryTracking=summary"); // for ScaleApply.diagnose
        }
        cmd.addAll(List.of("-cp", classpath(), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String classpath() {
        String current = System.getProperty("java.class.path");
        if (classesDir == null) {
            return current;
        }
        List<String> out = new ArrayList<>();
        out.add(classesDir);
        for (String entry : current.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith("target/classes") && !entry.endsWith("target/classes/")) {
                out.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }
}
