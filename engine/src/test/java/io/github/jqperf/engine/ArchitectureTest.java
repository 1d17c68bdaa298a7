package io.github.jqperf.engine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's package rules (docs/architecture.md): the pure packages do no I/O and know nothing of Netty, JNA or
 * OSHI, and the packages of the engine (the facade in the root package included) form no dependency cycle.
 */
class ArchitectureTest {
    static final String ROOT = "io.github.jqperf.engine";

    /** Codecs, specs, results, text output and the protocol state machine: data in, data out. */
    static final String[] PURE = {
        ROOT + ".wire..", ROOT + ".spec..", ROOT + ".result..", ROOT + ".report..", ROOT + ".session.."
    };

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Sockets, channels, files, native calls: what a pure package must not touch. */
    static DescribedPredicate<JavaClass> ioOrNative() {
        return resideInAnyPackage("io.netty..", "java.net..", "java.nio.channels..", "com.sun.jna..", "oshi..")
                .or(describe(
                        "java.io.File* or java.io.RandomAccessFile",
                        c -> c.getPackageName().equals("java.io")
                                && (c.getSimpleName().startsWith("File")
                                        || c.getSimpleName().equals("RandomAccessFile"))));
    }

    @Test
    void purePackagesShouldNotDependOnNettyNetworkFilesOrNativeCode() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat(ioOrNative())
                .because("wire, spec, result, report and session are pure: no I/O, no Netty, no JNA, no OSHI")
                .check(engine);
    }

    /** The root package (facade) is a slice of its own; each first-level subpackage is one slice. */
    static SliceAssignment enginePackages() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(final JavaClass c) {
                final String pkg = c.getPackageName();
                if (pkg.equals(ROOT)) {
                    return SliceIdentifier.of("(root)");
                }
                if (pkg.startsWith(ROOT + ".")) {
                    final String rest = pkg.substring(ROOT.length() + 1);
                    final int dot = rest.indexOf('.');
                    return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages " + ROOT + " and " + ROOT + ".(*)..";
            }
        };
    }

    @Test
    void enginePackagesShouldBeFreeOfCycles() {
        slices().assignedFrom(enginePackages()).should().beFreeOfCycles().check(engine);
    }
}
