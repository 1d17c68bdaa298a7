package io.github.jqperf.engine.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The local and remote copies of every {@link Param}, and which ones the user set (qperf's {@code Req}
 * pair {@code LReq}/{@code RReq} plus the per-parameter "set" flags).
 *
 * <p>Mutable on purpose: qperf's command line is applied left to right and values persist from one test to the
 * next (spec §10.1); take a {@link #copy()} when a test starts. Not thread-safe.
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
    private final boolean[] localSet = new boolean[N];
    private final boolean[] remoteSet = new boolean[N];

    /** An empty set: every value 0, nothing set by the user. */
    public ParamSet() {
    }

    /** A deep copy. */
    public ParamSet copy() {
        final ParamSet c = new ParamSet();
        System.arraycopy(local, 0, c.local, 0, N);
        System.arraycopy(remote, 0, c.remote, 0, N);
        System.arraycopy(localText, 0, c.localText, 0, N);
        System.arraycopy(remoteText, 0, c.remoteText, 0, N);
        System.arraycopy(setBy, 0, c.setBy, 0, N);
        System.arraycopy(localSet, 0, c.localSet, 0, N);
        System.arraycopy(remoteSet, 0, c.remoteSet, 0, N);
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

    /** Whether the user set the local copy (qperf keeps one "set" flag per copy). */
    public boolean isLocalSet(final Param p) {
        return localSet[p.ordinal()];
    }

    /** Whether the user set the remote copy. */
    public boolean isRemoteSet(final Param p) {
        return remoteSet[p.ordinal()];
    }

    /** The option text the user typed to set it last (e.g. {@code -rca}), or null when not set. */
    public String setBy(final Param p) {
        return setBy[p.ordinal()];
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
        localSet[p.ordinal()] = true;
        remoteSet[p.ordinal()] = true;
        return this;
    }

    /** Sets only the local copy (an {@code -l...} option). */
    public ParamSet setLocal(final Param p, final long value, final String option) {
        local[p.ordinal()] = value & 0xFFFF_FFFFL;
        setBy[p.ordinal()] = option;
        localSet[p.ordinal()] = true;
        return this;
    }

    /** Sets only the remote copy (an {@code -r...} option). */
    public ParamSet setRemote(final Param p, final long value, final String option) {
        remote[p.ordinal()] = value & 0xFFFF_FFFFL;
        setBy[p.ordinal()] = option;
        remoteSet[p.ordinal()] = true;
        return this;
    }

    /** Sets a string parameter; {@code which} is 'b' (both), 'l' (local) or 'r' (remote). */
    public ParamSet setText(final Param p, final char which, final String value, final String option) {
        if (which != 'r') {
            localText[p.ordinal()] = value;
            localSet[p.ordinal()] = true;
        }
        if (which != 'l') {
            remoteText[p.ordinal()] = value;
            remoteSet[p.ordinal()] = true;
        }
        setBy[p.ordinal()] = option;
        return this;
    }

    /**
     * Applies a default to both copies without marking the parameter as user-set: qperf's {@code setp_u32(0, ...)}
     * used for per-test defaults (time 2, timeout 5, the test's msg_size), which only fill values the user left
     * alone. Like qperf, each copy is checked on its own: after {@code -lto 3} the remote timeout still gets its
     * default 5 (observed: {@code loc_timeout = 3 sec}, {@code rem_timeout = 5 sec}).
     */
    public ParamSet defaultValue(final Param p, final long value) {
        if (!localSet[p.ordinal()]) {
            local[p.ordinal()] = value;
        }
        if (!remoteSet[p.ordinal()]) {
            remote[p.ordinal()] = value;
        }
        return this;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ParamSet other
            && Arrays.equals(local, other.local) && Arrays.equals(remote, other.remote)
            && Arrays.equals(localText, other.localText) && Arrays.equals(remoteText, other.remoteText)
            && Arrays.equals(setBy, other.setBy)
            && Arrays.equals(localSet, other.localSet) && Arrays.equals(remoteSet, other.remoteSet);
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
                sb.append(p.qperfName()).append('=').append(local(p)).append('/').append(remote(p));
                if (isSet(p)) {
                    sb.append('(').append(setBy(p)).append(')');
                }
                sb.append(' ');
            }
        }
        return sb.append(']').toString();
    }
}
