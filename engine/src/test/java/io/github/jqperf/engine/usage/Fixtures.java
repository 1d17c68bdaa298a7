package io.github.jqperf.engine.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths and contents of the fixtures under {@code src/test/resources/usage} (see its README.md). */
final class Fixtures {
    private Fixtures() {}

    static Path path(final String relative) {
        try {
            final var url = Fixtures.class.getResource("/usage/" + relative);
            if (url == null) {
                throw new IllegalArgumentException("no fixture usage/" + relative);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(final String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link CgroupLocator#locate} on {@code proc/NAME.cgroup} and {@code proc/NAME.mountinfo}. */
    static CgroupLocation locate(final String name) {
        return CgroupLocator.locate(text("proc/" + name + ".cgroup"), text("proc/" + name + ".mountinfo"));
    }
}
