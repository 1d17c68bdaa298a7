package io.github.jqperf.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows the example program verbatim, so the doc cannot drift from code that runs. */
class EmbeddingDocTest {
    @Test
    void shouldShowTheExampleVerbatim() throws Exception {
        final String source =
                Files.readString(Path.of("src/test/java/io/github/jqperf/examples/EmbeddingExample.java"));
        final String doc = Files.readString(Path.of("../docs/embedding.md"));
        assertThat(doc).contains("```java\n" + source + "```\n");
    }
}
