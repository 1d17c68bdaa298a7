package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The engine's module exports exactly its API packages (tests run on the class path, so this reads the file). */
class ModuleDescriptorTest {
    /** The exported packages; everything else is internal. */
    static final Set<String> API = Set.of(
            "io.github.jqperf.engine",
            "io.github.jqperf.engine.error",
            "io.github.jqperf.engine.spec",
            "io.github.jqperf.engine.result",
            "io.github.jqperf.engine.report",
            "io.github.jqperf.engine.cpu");

    @Test
    void exportsOnlyTheApi() throws IOException, URISyntaxException {
        final ModuleDescriptor d = engineDescriptor();
        assertThat(d.name()).isEqualTo("io.github.jqperf.engine");
        assertThat(d.exports()).allMatch(e -> !e.isQualified());
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .isEqualTo(API);
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .contains("io.netty.transport", "com.github.oshi", "com.sun.jna");
    }

    /** The engine's compiled module-info.class, from its classes directory or jar. */
    static ModuleDescriptor engineDescriptor() throws IOException, URISyntaxException {
        final Path where = Path.of(QperfClient.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(where)) {
            try (InputStream in = Files.newInputStream(where.resolve("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        }
        try (ZipFile jar = new ZipFile(where.toFile());
                InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }
}
