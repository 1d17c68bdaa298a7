package io.github.jqperf.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.jqperf.engine.QperfClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the engine's public API like any embedder: it uses only the packages the engine's
 * module-info exports. It runs on the class path (a shaded jar), where the module system would not stop it, so its
 * bytecode is checked here.
 */
class ArchitectureTest {
    @Test
    void cliShouldUseOnlyTheEnginesExportedPackages() throws IOException, URISyntaxException {
        final String[] exported = engineDescriptor().exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .toArray(String[]::new);
        assertThat(exported)
                .contains("io.github.jqperf.engine", "io.github.jqperf.engine.spec")
                .doesNotContain("io.github.jqperf.engine.wire", "io.github.jqperf.engine.transport");
        final JavaClasses cli = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.jqperf.cli");
        noClasses()
                .that()
                .resideInAPackage("io.github.jqperf.cli..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.github.jqperf.engine..").and(not(resideInAnyPackage(exported))))
                .because("the engine's module-info exports only " + String.join(", ", exported))
                .check(cli);
    }

    private static ModuleDescriptor engineDescriptor() throws IOException, URISyntaxException {
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
