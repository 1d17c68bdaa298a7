package io.github.jqperf.engine.conf;

import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.wire.WireConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's {@code conf} values, read the way qperf reads them (uname, /proc/cpuinfo). */
public final class LocalConf {
    private LocalConf() {}

    /** Reads node name, CPU description, OS and version of this machine. */
    public static Conf read() {
        return new Conf(
                truncate(nodeName()),
                truncate(CpuDescription.of(readOrEmpty(Path.of("/proc/cpuinfo")))),
                truncate(System.getProperty("os.name", "Linux") + " " + System.getProperty("os.version", "")),
                WireConstants.VERSION_STRING);
    }

    private static String nodeName() {
        final String fromProc =
                readOrEmpty(Path.of("/proc/sys/kernel/hostname")).strip();
        if (!fromProc.isEmpty()) {
            return fromProc;
        }
        final String env = System.getenv("HOSTNAME");
        return env == null ? "" : env;
    }

    private static String readOrEmpty(final Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String truncate(final String s) {
        return s.length() > WireConstants.STRING_FIELD_LENGTH - 1
                ? s.substring(0, WireConstants.STRING_FIELD_LENGTH - 1)
                : s;
    }
}
