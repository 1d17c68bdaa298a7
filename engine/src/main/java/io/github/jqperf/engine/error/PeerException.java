package io.github.jqperf.engine.error;

/**
 * The peer reported a fatal error with qperf's urgent-{@code ?} convention (docs/protocol.md §3.8). {@link #peerMessage()} is the
 * peer's text ("" when it was lost in transit, as happens with stock qperf too).
 */
public final class PeerException extends QperfException {
    private static final long serialVersionUID = 1L;

    private final String peerMessage;
    private final String peerRole;

    /**
     * @param peerRole    "server" or "client"
     * @param peerMessage the text the peer sent
     */
    public PeerException(final String peerRole, final String peerMessage) {
        super(peerRole + ": " + peerMessage);
        this.peerRole = peerRole;
        this.peerMessage = peerMessage;
    }

    /** The peer's text. */
    public String peerMessage() {
        return peerMessage;
    }

    /** "server" or "client". */
    public String peerRole() {
        return peerRole;
    }
}
