package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.QperfClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the engine's exported API only. It runs on the class path (a shaded jar), where the module
 * system would not stop it from importing an internal package, so this checks its sources against the engine's
 * module-info.
 */
class EngineApiOnlyTest {
    private static final Pattern ENGINE_REFERENCE =
        Pattern.compile("\\bio\\.github\\.jqperf\\.engine((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void cliSourcesUseOnlyExportedEnginePackages() throws IOException, URISyntaxException {
        final Set<String> exported = engineDescriptor().exports().stream().map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
        assertThat(exported).contains("io.github.jqperf.engine", "io.github.jqperf.engine.spec");
        final List<String> violations = new ArrayList<>();
        final List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertThat(sources).isNotEmpty();
        for (final Path source : sources) {
            final Matcher m = ENGINE_REFERENCE.matcher(Files.readString(source));
            while (m.find()) {
                final String pkg = "io.github.jqperf.engine" + m.group(1);
                if (!exported.contains(pkg)) {
                    violations.add(source.getFileName() + ": " + pkg);
                }
            }
        }
        assertThat(violations).as("internal engine packages used by the CLI").isEmpty();
    }

    private static ModuleDescriptor engineDescriptor() throws IOException, URISyntaxException {
        final Path where = Path.of(QperfClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(where)) {
            try (InputStream in = Files.newInputStream(where.resolve("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        }
        try (ZipFile jar = new ZipFile(where.toFile()); InputStream in = jar.getInputStream(
            jar.getEntry("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }
}
