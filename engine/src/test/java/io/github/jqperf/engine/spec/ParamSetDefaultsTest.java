package io.github.jqperf.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** qperf fills defaults per copy: a user-set local copy does not keep the remote copy from its default. */
class ParamSetDefaultsTest {
    @Test
    void defaultsFillEachUnsetCopy() {
        final ParamSet p = new ParamSet().setLocal(Param.TIMEOUT, 3, "-lto");
        p.defaultValue(Param.TIMEOUT, 5);
        assertThat(p.local(Param.TIMEOUT)).isEqualTo(3);
        assertThat(p.remote(Param.TIMEOUT)).isEqualTo(5);
        assertThat(p.isSet(Param.TIMEOUT)).isTrue();
        assertThat(p.isSetLocal(Param.TIMEOUT)).isTrue();
        assertThat(p.isSetRemote(Param.TIMEOUT)).isFalse();
    }

    @Test
    void bothCopiesSetKeepTheirValues() {
        final ParamSet p = new ParamSet().set(Param.MSG_SIZE, 1024, "-m").defaultValue(Param.MSG_SIZE, 65_536);
        assertThat(p.local(Param.MSG_SIZE)).isEqualTo(1024);
        assertThat(p.remote(Param.MSG_SIZE)).isEqualTo(1024);
        final ParamSet q = new ParamSet().defaultValue(Param.MSG_SIZE, 65_536);
        assertThat(q.local(Param.MSG_SIZE)).isEqualTo(65_536);
        assertThat(q.isSet(Param.MSG_SIZE)).isFalse();
        assertThat(q.copy()).isEqualTo(q);
    }
}
