package io.github.jqperf.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Help texts that list the supported tests take the list from the engine's test kinds. */
class HelpTextsTest {
    @Test
    void unsupportedTestHelpListsTheSupportedTests() {
        assertThat(HelpTexts.find("rc_bw")).hasValue("""
            Purpose
                RC streaming one way bandwidth
            Description
                qperf has this test; jqperf does not implement it (RDMA, SCTP, SDP and
                RDS tests are not implemented).  Supported tests: tcp_bw tcp_lat udp_bw
                udp_lat conf quit.
            """);
        assertThat(QperfCommandLine.supportedTests()).isEqualTo("tcp_bw tcp_lat udp_bw udp_lat conf quit");
    }
}
