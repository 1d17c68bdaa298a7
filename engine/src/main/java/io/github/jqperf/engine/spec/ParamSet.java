package io.github.jqperf.engine.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The local and remote copies of every {@link Param}, and which ones the user set (qperf's {@code Req}
 * pair {@code LReq}/{@code RReq} plus the per-parameter "set" flags).
 *
 * <p>Mutable on purpose: qperf's command line is applied left to right and values persist from one test to the
 * next (docs/protocol.md §9.1); take a {@link #copy()} when a test starts. Not thread-safe.
 *
 * <p>Numeric values are unsigned 32-bit quantities held in a {@code long} (qperf truncates option values to 32
 * bits); string values ({@link Param#ID}, {@link Param#STATIC_RATE}) are held separately.
 */
public final class ParamSet {
    private static final int N = Param.values().length;

    private final long[] local = new long[N];
    private final long[] remote = new long[N];
    private final String[] localText = new String[N];
    private final String[] remoteText = new String[N];
    private final String[] setBy = new String[N];
    private final String[] setByLocal = new String[N];
    private final String[] setByRemote = new String[N];

    /** An empty set: every value 0, nothing set by the user. */
    public ParamSet() {}

    /** A deep copy. */
    public ParamSet copy() {
        final ParamSet c = new ParamSet();
        System.arraycopy(local, 0, c.local, 0, N);
        System.arraycopy(remote, 0, c.remote, 0, N);
        System.arraycopy(localText, 0, c.localText, 0, N);
        System.arraycopy(remoteText, 0, c.remoteText, 0, N);
        System.arraycopy(setBy, 0, c.setBy, 0, N);
        System.arraycopy(setByLocal, 0, c.setByLocal, 0, N);
        System.arraycopy(setByRemote, 0, c.setByRemote, 0, N);
        return c;
    }

    /** The client's own copy. */
    public long local(final Param p) {
        return local[p.ordinal()];
    }

    /** The copy sent to the server. */
    public long remote(final Param p) {
        return remote[p.ordinal()];
    }

    /** The client's own copy of a string parameter ("" when unset). */
    public String localText(final Param p) {
        return Objects.requireNonNullElse(localText[p.ordinal()], "");
    }

    /** The remote copy of a string parameter ("" when unset). */
    public String remoteText(final Param p) {
        return Objects.requireNonNullElse(remoteText[p.ordinal()], "");
    }

    /** Whether the user set this parameter (by an option or an {@code -oo} loop). */
    public boolean isSet(final Param p) {
        return setBy[p.ordinal()] != null;
    }

    /**
     * The option text the user typed to set it last (e.g. {@code -rca}; the parameter's qperf name, e.g.
     * {@code msg_size}, when a library caller set it without an option), or null when not set.
     */
    public String setBy(final Param p) {
        return setBy[p.ordinal()];
    }

    /** Whether the user set the local copy (qperf tracks the two copies separately, e.g. {@code -lto}). */
    public boolean isSetLocal(final Param p) {
        return setByLocal[p.ordinal()] != null;
    }

    /** Whether the user set the remote copy (e.g. {@code -rto}, {@code -rca}). */
    public boolean isSetRemote(final Param p) {
        return setByRemote[p.ordinal()] != null;
    }

    /** The option that last set the local copy, or null. */
    public String setByLocal(final Param p) {
        return setByLocal[p.ordinal()];
    }

    /** The option that last set the remote copy, or null. */
    public String setByRemote(final Param p) {
        return setByRemote[p.ordinal()];
    }

    /**
     * Sets both copies, as a library caller (no command-line option: {@link #setBy(Param)} then answers the
     * parameter's {@link Param#qperfName() qperf name}).
     *
     * @return this
     */
    public ParamSet set(final Param p, final long value) {
        return set(p, value, p.qperfName());
    }

    /** Sets only the client's own copy, as a library caller. */
    public ParamSet setLocal(final Param p, final long value) {
        return setLocal(p, value, p.qperfName());
    }

    /** Sets only the copy sent to the server, as a library caller. */
    public ParamSet setRemote(final Param p, final long value) {
        return setRemote(p, value, p.qperfName());
    }

    /**
     * Sets both copies as the user did with {@code option} (e.g. {@code -m}).
     *
     * @return this
     */
    public ParamSet set(final Param p, final long value, final String option) {
        local[p.ordinal()] = value & 0xFFFF_FFFFL;
        remote[p.ordinal()] = value & 0xFFFF_FFFFL;
        setBy[p.ordinal()] = option;
        setByLocal[p.ordinal()] = option;
        setByRemote[p.ordinal()] = option;
        return this;
    }

    /** Sets only the local copy (an {@code -l...} option). */
    public ParamSet setLocal(final Param p, final long value, final String option) {
        local[p.ordinal()] = value & 0xFFFF_FFFFL;
        setBy[p.ordinal()] = option;
        setByLocal[p.ordinal()] = option;
        return this;
    }

    /** Sets only the remote copy (an {@code -r...} option). */
    public ParamSet setRemote(final Param p, final long value, final String option) {
        remote[p.ordinal()] = value & 0xFFFF_FFFFL;
        setBy[p.ordinal()] = option;
        setByRemote[p.ordinal()] = option;
        return this;
    }

    /** Sets a string parameter as a library caller; {@code which} is 'b' (both), 'l' (local) or 'r' (remote). */
    public ParamSet setText(final Param p, final char which, final String value) {
        return setText(p, which, value, p.qperfName());
    }

    /** Sets a string parameter; {@code which} is 'b' (both), 'l' (local) or 'r' (remote). */
    public ParamSet setText(final Param p, final char which, final String value, final String option) {
        if (which != 'r') {
            localText[p.ordinal()] = value;
            setByLocal[p.ordinal()] = option;
        }
        if (which != 'l') {
            remoteText[p.ordinal()] = value;
            setByRemote[p.ordinal()] = option;
        }
        setBy[p.ordinal()] = option;
        return this;
    }

    /**
     * Applies a default to both copies without marking the parameter as user-set: qperf's {@code setp_u32(0, ...)}
     * used for per-test defaults (time 2, timeout 5, the test's msg_size), which only fill values the user left
     * alone. Each copy is judged on its own: after {@code -rto 7} the local timeout still gets the default.
     */
    public ParamSet defaultValue(final Param p, final long value) {
        return defaultLocal(p, value).defaultRemote(p, value);
    }

    /**
     * Applies a default to the local copy only, unless the user set that copy (qperf keeps a "set" flag per copy:
     * after {@code -rto 7} the local timeout still gets its default 5).
     */
    public ParamSet defaultLocal(final Param p, final long value) {
        if (!isSetLocal(p)) {
            local[p.ordinal()] = value & 0xFFFF_FFFFL;
        }
        return this;
    }

    /** Applies a default to the remote copy only, unless the user set that copy. */
    public ParamSet defaultRemote(final Param p, final long value) {
        if (!isSetRemote(p)) {
            remote[p.ordinal()] = value & 0xFFFF_FFFFL;
        }
        return this;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ParamSet other
                && Arrays.equals(local, other.local)
                && Arrays.equals(remote, other.remote)
                && Arrays.equals(localText, other.localText)
                && Arrays.equals(remoteText, other.remoteText)
                && Arrays.equals(setBy, other.setBy)
                && Arrays.equals(setByLocal, other.setByLocal)
                && Arrays.equals(setByRemote, other.setByRemote);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(local) * 31 + Arrays.hashCode(remote);
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("ParamSet[");
        for (final Param p : Param.values()) {
            if (isSet(p) || local(p) != 0 || remote(p) != 0) {
                sb.append(p.qperfName())
                        .append('=')
                        .append(local(p))
                        .append('/')
                        .append(remote(p));
                if (isSet(p)) {
                    sb.append('(').append(setBy(p)).append(')');
                }
                sb.append(' ');
            }
        }
        return sb.append(']').toString();
    }
}
