package io.github.jqperf.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The session package stays pure: no Netty, no sockets, no files, no threads of its own. */
class SessionPurityTest {
    private static final List<String> FORBIDDEN = List.of(
            "import io.netty",
            "import java.net",
            "import java.nio",
            "import java.io",
            "import java.util.concurrent",
            "import io.github.jqperf.engine.transport",
            "import io.github.jqperf.engine.cpu",
            "import com.sun.jna",
            "System.nanoTime",
            "System.currentTimeMillis");

    @Test
    void shouldImportNoIoAndReadNoClock() throws IOException {
        final Path dir = Path.of("src", "main", "java", "io", "github", "jqperf", "engine", "session");
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path f :
                    files.filter(p -> p.toString().endsWith(".java")).toList()) {
                final String text = Files.readString(f);
                for (final String bad : FORBIDDEN) {
                    assertThat(text)
                            .as(f.getFileName() + " must not contain " + bad)
                            .doesNotContain(bad);
                }
            }
        }
    }
}
