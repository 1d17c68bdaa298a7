package io.github.jqperf.cli.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the JSON document says about the machine and the JVM jqperf runs on, beyond qperf's CONF: JVM, kernel,
 * cgroup version, CPU affinity. Read from {@code /proc} and system properties; a file that cannot be read gives
 * {@code null} (never an error). The parsing is pure ({@link #cgroupVersion(String)},
 * {@link #cpusAllowed(String)}).
 */
final class Environment {
    private Environment() {}

    /** The facts, in document order (values are strings, numbers or null). */
    static Map<String, Object> local() {
        final Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vmName", System.getProperty("java.vm.name"));
        jvm.put("vmVersion", System.getProperty("java.vm.version"));
        jvm.put("runtimeVersion", Runtime.version().toString());
        final Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("arch", System.getProperty("os.arch"));
        os.put("kernel", read("/proc/sys/kernel/osrelease").map(String::trim).orElse(System.getProperty("os.version")));
        final Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        cpu.put(
                "affinity",
                read("/proc/self/status").flatMap(Environment::cpusAllowed).orElse(null));
        final Map<String, Object> cgroup = new LinkedHashMap<>();
        cgroup.put(
                "version",
                read("/proc/self/cgroup").map(Environment::cgroupVersion).orElse("none"));
        final Map<String, Object> env = new LinkedHashMap<>();
        env.put("jvm", jvm);
        env.put("os", os);
        env.put("cpu", cpu);
        env.put("cgroup", cgroup);
        env.put("pid", ProcessHandle.current().pid());
        return env;
    }

    /**
     * The cgroup version of {@code /proc/self/cgroup}'s text: {@code v2} (only the unified {@code 0::} line),
     * {@code hybrid} (v1 controllers beside a {@code 0::} line), {@code v1} (no {@code 0::} line) or {@code none}.
     */
    static String cgroupVersion(final String procSelfCgroup) {
        boolean unified = false;
        boolean v1 = false;
        for (final String line : procSelfCgroup.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("0::")) {
                unified = true;
            } else {
                v1 = true;
            }
        }
        if (unified) {
            return v1 ? "hybrid" : "v2";
        }
        return v1 ? "v1" : "none";
    }

    /** The {@code Cpus_allowed_list} of {@code /proc/self/status}'s text, e.g. {@code 0-1}. */
    static Optional<String> cpusAllowed(final String procSelfStatus) {
        for (final String line : procSelfStatus.split("\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("cpus_allowed_list:")) {
                return Optional.of(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(final String file) {
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
