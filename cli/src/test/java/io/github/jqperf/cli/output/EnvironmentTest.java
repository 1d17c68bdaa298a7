package io.github.jqperf.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void shouldTellTheCgroupVersionFromProcSelfCgroup() {
        assertThat(Environment.cgroupVersion("0::/user.slice/user-0.slice/session-1.scope\n"))
                .isEqualTo("v2");
        assertThat(Environment.cgroupVersion("12:cpu,cpuacct:/docker/abc\n11:memory:/docker/abc\n0::/docker/abc\n"))
                .isEqualTo("hybrid");
        assertThat(Environment.cgroupVersion("4:memory:/\n3:cpu,cpuacct:/\n1:name=systemd:/init.scope\n"))
                .isEqualTo("v1");
        assertThat(Environment.cgroupVersion("")).isEqualTo("none");
    }

    @Test
    void shouldReadTheCpusAllowedList() {
        assertThat(Environment.cpusAllowed(
                        "Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed:\t1\n"))
                .contains("0-1");
        assertThat(Environment.cpusAllowed("Name:\tjava\n")).isEmpty();
    }

    @Test
    void shouldDescribeThisMachine() {
        assertThat(Environment.local())
                .containsKeys("jvm", "os", "cpu", "cgroup", "pid")
                .containsEntry("pid", ProcessHandle.current().pid());
    }
}
