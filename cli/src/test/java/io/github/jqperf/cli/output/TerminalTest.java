package io.github.jqperf.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void shouldKnowTerminalDevices() {
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
        assertThat(Terminal.isTerminalDevice("pipe:[12345]")).isFalse();
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
        assertThat(Terminal.isTerminalDevice("/tmp/out.txt")).isFalse();
        assertThat(Terminal.isTerminalDevice(null)).isFalse();
    }

    @Test
    void shouldSayNoUnderMavenAndForADumbTerminal() {
        // surefire's forked JVM writes to pipes
        assertThat(Terminal.stdoutAndStderr()).isFalse();
        assertThat(Terminal.stdoutAndStderr(Map.of("TERM", "dumb"))).isFalse();
    }
}
