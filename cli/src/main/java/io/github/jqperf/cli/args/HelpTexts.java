package io.github.jqperf.cli.args;

import io.github.jqperf.engine.spec.TestKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * jqperf's help texts, organised in the same topics as qperf 0.4.11's ({@code --help [main | categories |
 * examples | opts | options | tests | TESTNAME]}) plus {@code extras} for jqperf's own options. Written for jqperf
 * (not copied from qperf): it says which tests exist and which qperf tests jqperf does not implement.
 */
public final class HelpTexts {
    private HelpTexts() {}

    private static final String MAIN = """
        Synopsis
            jqperf
            jqperf SERVERNODE [OPTIONS] TESTS
            jqperf --loopback [OPTIONS] TESTS

        Description
            jqperf is a Java implementation of qperf 0.4.11: it measures TCP and UDP
            bandwidth and latency between two nodes, takes the same arguments, prints
            the same results and speaks the same protocol, so a jqperf client works
            with a qperf server and the other way round.  The RDMA, SCTP, SDP and RDS
            tests of qperf are not implemented.

            Run it with no arguments on one node to make that node a server.  On the
            other node, give the name of the server node followed by one or more
            tests; each test runs as soon as it is read, with the options given
            before it.  With --loopback, jqperf starts its own server on 127.0.0.1
            and no server name is given.

            More help is available with the --help option:

                jqperf --help examples       Some examples
                jqperf --help opts           Summary of options
                jqperf --help options        Description of options
                jqperf --help tests          List of tests
                jqperf --help TESTNAME       More about test TESTNAME
                jqperf --help extras         Options only jqperf has
                jqperf --help categories     All help topics
        """;

    private static final String EXAMPLES = """
        In these examples jqperf (or qperf) runs in server mode on a node called
        myserver, started with no arguments; the commands below run on another node.
            * TCP bandwidth, then TCP latency:
                jqperf myserver tcp_bw tcp_lat
            * UDP bandwidth for 10 seconds with 1400-byte messages:
                jqperf myserver -t 10 -m 1400 udp_bw
            * UDP latency, then make the server exit:
                jqperf myserver udp_lat quit
            * TCP latency for message sizes 1, 2, 4, ... 64 KiB, showing the size used:
                jqperf myserver -oo msg_size:1:64K:*2 -vu tcp_lat
            * Remote socket buffers of 256 KiB, server pinned to the first CPU:
                jqperf myserver -rsb 256K -rca 1 tcp_bw
            * Everything on this machine, without a separate server:
                jqperf --loopback tcp_bw tcp_lat
            * A server on another control port (give the same -lp to the client):
                jqperf -lp 23457
        """;

    private static final String OPTS = """
        --access_recv OnOff (-ar)           Turn on/off reading the received data
          -ar1                              Read the received data
        --alt_port Port (-ap)               Set alternate path port (RDMA only)
          --loc_alt_port Port (-lap)        Set local alternate path port
          --rem_alt_port Port (-rap)        Set remote alternate path port
        --cpu_affinity PN (-ca)             Pin to CPU PN-1 (0: no pinning)
          --loc_cpu_affinity PN (-lca)      Pin the client
          --rem_cpu_affinity PN (-rca)      Pin the server
        --debug (-D)                        Show debugging information
        --flip OnOff (-f)                   Flip sender and receiver (RDMA only)
          -f1                               Flip sender and receiver
        --help Topic (-h)                   Get more information on a topic
        --host Node (-H)                    Identify server node
        --id Device:Port (-i)               Set RDMA device and port (RDMA only)
          --loc_id Device:Port (-li)        Set local RDMA device and port
          --rem_id Device:Port (-ri)        Set remote RDMA device and port
        --listen_port Port (-lp)            Set server listen port
        --loop Var:Init:Last:Incr (-oo)     Sequence through values
        --msg_size Size (-m)                Set message size
        --mtu_size Size (-mt)               Set MTU size (RDMA only)
        --no_msgs Count (-n)                Send Count messages (no socket test uses it)
        --cq_poll OnOff (-cp)               Set polling mode on/off (RDMA only)
          --loc_cq_poll OnOff (-lcp)        Set local polling mode on/off
          --rem_cq_poll OnOff (-rcp)        Set remote polling mode on/off
          -cp1                              Turn polling mode on
          -lcp1                             Turn local polling mode on
          -rcp1                             Turn remote polling mode on
        --ip_port Port (-ip)                Set the server's data port
        --precision Digits (-e)             Set precision reported
        --rd_atomic Max (-nr)               Set RDMA read/atomic count (RDMA only)
          --loc_rd_atomic Max (-lnr)        Set local RDMA read/atomic count
          --rem_rd_atomic Max (-rnr)        Set remote RDMA read/atomic count
        --service_level SL (-sl)            Set service level (RDMA only)
          --loc_service_level SL (-lsl)     Set local service level
          --rem_service_level SL (-rsl)     Set remote service level
        --sock_buf_size Size (-sb)          Set socket buffer size
          --loc_sock_buf_size Size (-lsb)   Set local socket buffer size
          --rem_sock_buf_size Size (-rsb)   Set remote socket buffer size
        --src_path_bits N (-sp)             Set source path bits (RDMA only)
          --loc_src_path_bits N (-lsp)      Set local source path bits
          --rem_src_path_bits N (-rsp)      Set remote source path bits
        --static_rate Rate (-sr)            Set IB static rate (RDMA only)
          --loc_static_rate Rate (-lsr)     Set local IB static rate
          --rem_static_rate Rate (-rsr)     Set remote IB static rate
        --time Time (-t)                    Set test duration
        --timeout Time (-to)                Set timeout
          --loc_timeout Time (-lto)         Set local timeout
          --rem_timeout Time (-rto)         Set remote timeout
        --unify_nodes (-un)                 Unify nodes
        --unify_units (-uu)                 Unify units
        --use_bits_per_sec (-ub)            Use bits/sec rather than bytes/sec
        --use_cm OnOff (-cm)                Use RDMA Connection Manager (RDMA only)
          -cm1                              Use RDMA Connection Manager
        --verbose (-v)                      Verbose; turn on all of -v[cstu]
          --verbose_conf (-vc)              Show configuration information
          --verbose_stat (-vs)              Show statistical information
          --verbose_time (-vt)              Show timing information
          --verbose_used (-vu)              Show information on parameters
          --verbose_more (-vv)              More verbose; turn on all of -vv[cstu]
          --verbose_more_conf (-vvc)        Show more configuration information
          --verbose_more_stat (-vvs)        Show more statistical information
          --verbose_more_time (-vvt)        Show more timing information
          --verbose_more_used (-vvu)        Show more information on parameters
        --version (-V)                      Print out version
        --wait_server Time (-ws)            Set time to wait for server
        jqperf only (see: jqperf --help extras)
        %s""";

    private static final String OPTIONS = """
        Options are read from left to right; an option applies to the tests named
        after it and keeps its value for all later tests.  An option without a
        prefix sets both the local (client) and the remote (server) value; the
        --loc_ (-l) form sets only the local one, the --rem_ (-r) form only the one
        sent to the server.  Options marked "RDMA only" are accepted and sent to the
        server, but no jqperf test uses them (a warning says so).

        Sizes are a number, decimals allowed, with an optional suffix: k or kb
        (1000), m or mb (1000000), g or gb (10^9), K or kib (1024), M or mib
        (1024^2), G or gib (1024^3); suffixes are case-sensitive.  Times are
        seconds, or a number followed by s, m (minutes), h (hours) or d (days).
        Sizes and times are truncated to whole bytes and seconds.

        --access_recv OnOff (-ar)
              If OnOff is non-zero, the receiver of a bandwidth test reads every
              byte it receives.  Default 0.
          -ar1
              Same as --access_recv 1.
        --alt_port Port (-ap), --loc_alt_port (-lap), --rem_alt_port (-rap)
              RDMA alternate path port.  RDMA only.
        --cpu_affinity PN (-ca)
              Pin the process to CPU PN-1 while it runs a test (CPUs count from 1
              here; 0, the default, means no pinning).
          --loc_cpu_affinity PN (-lca)
              Pin the client only.
          --rem_cpu_affinity PN (-rca)
              Pin the server only.
        --debug (-D)
              Print debugging information, and the raw l_/r_ counters after the
              results.  Also valid for a server.
        --flip OnOff (-f), -f1
              Swap sender and receiver.  No socket test uses it.
        --help Topic (-h)
              Print help on Topic; jqperf --help categories lists the topics.
        --host Node (-H)
              The server node.  It can also be given as the first word that is not
              an option.
        --id Device:Port (-i), --loc_id (-li), --rem_id (-ri)
              RDMA device and port.  RDMA only.  At most 63 characters.
        --listen_port Port (-lp)
              The control port: the server listens on it and the client connects to
              it.  Both sides must use the same value.  Default 19765.
        --loop Var:Init:Last:Incr (-oo)
              Run each later test several times, setting option Var (its name
              without the leading dashes, default msg_size) to Init, then Init+Incr
              (or Init*N when Incr is *N), as long as the value does not exceed
              Last.  Init defaults to 0 (1 when multiplying).  Several loops nest,
              the first one given outermost.  As in qperf, when Incr is left out
              the text of Last is used as the increment.  Use with -vu to see the
              values.
        --msg_size Size (-m)
              Message size.  Defaults: tcp_bw 64K, udp_bw 32K, tcp_lat and udp_lat 1.
        --mtu_size Size (-mt)
              MTU size.  RDMA only.
        --no_msgs Count (-n)
              Send Count messages.  No socket test implements it, and it disables
              the default test duration, so the test runs until interrupted unless
              --time is given.
        --cq_poll OnOff (-cp), -lcp, -rcp, -cp1, -lcp1, -rcp1
              Completion queue polling.  RDMA only.
        --ip_port Port (-ip)
              The port the server uses for the data connection of the socket tests
              (0, the default: any free port).  Not the control port (--listen_port).
        --precision Digits (-e)
              Number of significant digits in the results.  Default 3.
        --rd_atomic Max (-nr), -lnr, -rnr
              RDMA read/atomic count.  RDMA only.
        --service_level SL (-sl), -lsl, -rsl
              Service level, 0 to 15.  RDMA only.
        --sock_buf_size Size (-sb)
              Socket buffer size (send and receive) of the data socket.  Only the
              server applies it.
          --loc_sock_buf_size Size (-lsb)
              Local value (kept, not applied).
          --rem_sock_buf_size Size (-rsb)
              Value sent to the server.
        --src_path_bits N (-sp), -lsp, -rsp
              Source path bits.  RDMA only.
        --static_rate Rate (-sr), -lsr, -rsr
              InfiniBand static rate.  RDMA only.
        --time Time (-t)
              Test duration.  Default 2 seconds; 0 means until interrupted.
        --timeout Time (-to)
              Timeout for each exchange of control messages.  Default 5 seconds.
          --loc_timeout Time (-lto)
              Local timeout.  On a server: the time allowed to receive each request;
              the client's value replaces it once the request is read.
          --rem_timeout Time (-rto)
              Timeout sent to the server.
        --unify_nodes (-un)
              Name the two nodes loc_ and rem_ instead of send_ and recv_.
        --unify_units (-uu)
              Print plain numbers in base units (bytes, seconds, ...), no scaling
              and no digit grouping.
        --use_bits_per_sec (-ub)
              Print bandwidth in bits per second.
        --use_cm OnOff (-cm), -cm1
              Use the RDMA Connection Manager.  RDMA only.
        --verbose (-v)
              Raise all of -vc, -vs, -vt and -vu to at least level 1.
          --verbose_conf (-vc), --verbose_stat (-vs), --verbose_time (-vt),
          --verbose_used (-vu)
              Set one kind of detail to level 1: configuration, statistics (message
              rate, bytes, messages, errors), timing (CPU use and costs), or the
              parameters used (only those given on the command line).
          --verbose_more (-vv)
              Set all four to level 2.
          --verbose_more_conf (-vvc), --verbose_more_stat (-vvs),
          --verbose_more_time (-vvt), --verbose_more_used (-vvu)
              Set one kind to level 2 (for -vvu: every parameter the test uses).
        --version (-V)
              Print the version of qperf jqperf is compatible with, and exit.
        --wait_server Time (-ws)
              Keep trying to connect to the server for Time.  Default 5 seconds.

        Obsolete qperf option names (-a, -p, -S, -T, -W, -u, ...) are still accepted
        with a warning naming the current option.

        jqperf only (see: jqperf --help extras)
        %s""";

    private static final String TESTS = """
        Miscellaneous
            conf                    Show configuration
            quit                    Cause the server to quit
        Socket Based
            tcp_bw                  TCP streaming one way bandwidth
            tcp_lat                 TCP one way latency
            udp_bw                  UDP streaming one way bandwidth
            udp_lat                 UDP one way latency
        Not implemented by jqperf (qperf has them)
            rds_bw rds_lat sctp_bw sctp_lat sdp_bw sdp_lat
            rc_bi_bw rc_bw rc_lat uc_bi_bw uc_bw uc_lat ud_bi_bw ud_bw ud_lat
            rc_rdma_read_bw rc_rdma_read_lat rc_rdma_write_bw rc_rdma_write_lat
            rc_rdma_write_poll_lat uc_rdma_write_bw uc_rdma_write_lat
            uc_rdma_write_poll_lat rc_compare_swap_mr rc_fetch_add_mr
            ver_rc_compare_swap ver_rc_fetch_add
        """;

    private static final String EXTRAS_HEAD = """
        Options jqperf has and qperf 0.4.11 does not.  They never change the meaning
        of a qperf command line.
        """;

    private static final String EXTRAS_TAIL = """
        With --loopback no server name is given: the first word that is not an
        option is a test, e.g.  jqperf --loopback -t 1 tcp_bw udp_lat
        """;

    private static final String CONF = """
        Purpose
            Show configuration
        Common Options
            None
        Description
            Shows the node name, CPU, operating system and qperf version of both
            nodes.
        """;

    private static final String QUIT = """
        Purpose
            Quit
        Common Options
            None
        Description
            Makes the server exit.
        """;

    private static final String BW = """
        Purpose
            %s streaming one way bandwidth
        Common Options
            --access_recv OnOff (-ar)   Read the received data
            --cpu_affinity PN (-ca)     Set processor affinity
            --msg_size Size (-m)        Set message size (default %s)
            --sock_buf_size Size (-sb)  Set socket buffer size
            --time Time (-t)            Set test duration
        Other Options
            --listen_port, --ip_port, --timeout, --wait_server
        Display Options
            --precision, --unify_nodes, --unify_units, --use_bits_per_sec,
            --verbose
        Description
            The client sends messages to the server for the test duration; the
            server counts what it receives.%s
        """;

    private static final String LAT = """
        Purpose
            %s one way latency
        Common Options
            --cpu_affinity PN (-ca)     Set processor affinity
            --msg_size Size (-m)        Set message size (default 1)
            --sock_buf_size Size (-sb)  Set socket buffer size
            --time Time (-t)            Set test duration
        Other Options
            --listen_port, --ip_port, --timeout, --wait_server
        Display Options
            --precision, --unify_nodes, --unify_units, --verbose
        Description
            Client and server send a message back and forth over %s for the test
            duration; the latency is half the average round trip.
        """;

    private static final String UNSUPPORTED = """
        Purpose
            %s
        Description
        """
            + wrap("qperf has this test; jqperf does not implement it (RDMA, SCTP, SDP and RDS tests are not "
                    + "implemented).  Supported tests: " + QperfCommandLine.supportedTests() + ".");

    /** Help-text width, indent included. */
    private static final int WIDTH = 77;

    /** A paragraph indented by 4 and filled to {@link #WIDTH} columns; breaks only at single spaces. */
    private static String wrap(final String paragraph) {
        final StringBuilder out = new StringBuilder();
        final StringBuilder line = new StringBuilder("    ");
        for (final String word : paragraph.split("(?<=\\S) (?=\\S)")) {
            if (line.length() > 4 && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append("    ");
            }
            line.append(line.length() > 4 ? " " : "").append(word);
        }
        return out.append(line).append('\n').toString();
    }

    private static final String[] XRC = {"xrc_bi_bw", "xrc_bw", "xrc_lat"};

    private static final Map<String, String> TOPICS = build();

    private static String extrasList() {
        final StringBuilder sb = new StringBuilder();
        for (final JqperfExtras.Option o : JqperfExtras.Option.values()) {
            final String typed = o.takesValue() ? o.optionName() + " " + o.valueName() : o.optionName();
            sb.append(String.format("%-36s%s%n", typed, o.summary()));
        }
        return sb.toString();
    }

    private static String categories() {
        final StringBuilder sb = new StringBuilder("""
            To get help on a particular category, type:
                jqperf --help CATEGORY
            where CATEGORY is one of:
                categories          This list
                examples            Some examples
                extras              Options only jqperf has
                options             A long list of options
                opts                A short description of the options
                tests               A list of tests
            CATEGORY may also be one of the following tests
            """);
        for (final TestKind k : TestKind.values()) {
            sb.append("    ").append(k.qperfName()).append('\n');
        }
        sb.append("or one of qperf's tests that jqperf does not implement\n");
        for (int i = 0; TestKind.qperfNameOfIndex(i) != null; i++) {
            final String n = TestKind.qperfNameOfIndex(i);
            if (TestKind.byName(n).isEmpty()) {
                sb.append("    ").append(n).append('\n');
            }
        }
        for (final String x : XRC) {
            sb.append("    ").append(x).append('\n');
        }
        return sb.toString();
    }

    private static String purposeOf(final String test) {
        final String[] parts = test.split("_");
        final String transport = parts[0].toUpperCase(java.util.Locale.ROOT);
        if (test.startsWith("ver_")) {
            return "Verify RC " + (test.contains("compare") ? "compare and swap" : "fetch and add");
        }
        if (test.endsWith("_mr")) {
            return transport + (test.contains("compare") ? " compare and swap" : " fetch and add") + " messaging rate";
        }
        String what = transport;
        if (test.contains("rdma_read")) {
            what += " RDMA read";
        } else if (test.contains("rdma_write")) {
            what += " RDMA write";
        }
        if (test.endsWith("bi_bw")) {
            return what + " streaming two way bandwidth";
        }
        if (test.endsWith("_bw")) {
            return what + " streaming one way bandwidth";
        }
        return what + " one way " + (test.endsWith("poll_lat") ? "polling latency" : "latency");
    }

    private static Map<String, String> build() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("main", MAIN);
        m.put("categories", categories());
        m.put("examples", EXAMPLES);
        m.put("extras", EXTRAS_HEAD + extrasList() + EXTRAS_TAIL);
        m.put("options", String.format(OPTIONS, extrasList()));
        m.put("opts", String.format(OPTS, extrasList()));
        m.put("tests", TESTS);
        m.put("conf", CONF);
        m.put("quit", QUIT);
        m.put("tcp_bw", String.format(BW, "TCP", "64K", ""));
        m.put(
                "udp_bw",
                String.format(
                        BW,
                        "UDP",
                        "32K",
                        "  Messages the network\n    drops are not counted by "
                                + "the server, so send_bw and recv_bw may differ."));
        m.put("tcp_lat", String.format(LAT, "TCP", "TCP"));
        m.put("udp_lat", String.format(LAT, "UDP", "UDP"));
        for (int i = 0; TestKind.qperfNameOfIndex(i) != null; i++) {
            final String n = TestKind.qperfNameOfIndex(i);
            m.putIfAbsent(n, String.format(UNSUPPORTED, purposeOf(n)));
        }
        for (final String x : XRC) {
            m.put(x, String.format(UNSUPPORTED, purposeOf(x)));
        }
        return m;
    }

    /** The text of a help topic (ends with a newline), or empty when there is no such topic. */
    public static Optional<String> find(final String topic) {
        return Optional.ofNullable(TOPICS.get(topic));
    }

    /** All topics, in the order {@code --help categories} presents them. */
    public static java.util.Set<String> topics() {
        return java.util.Collections.unmodifiableSet(TOPICS.keySet());
    }
}
