package io.callcontrol.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorDevicesTest {

    private final OperatorDevices devices = new OperatorDevices("PJSIP/{sip}");

    @Test
    void aDeviceIsKnownOnceAsteriskToldAStateForIt() {
        assertThat(devices.known("PJSIP/1003")).isFalse();

        devices.seen("PJSIP/1003", "UNAVAILABLE");

        assertThat(devices.known("pjsip/1003")).isTrue();
        assertThat(devices.known("PJSIP/1004")).isFalse();
        assertThat(devices.known(null)).isFalse();
    }

    @Test
    void unavailableFollowsTheLastStateTold() {
        devices.seen("PJSIP/1003", "Unavailable");
        assertThat(devices.unavailable("PJSIP/1003")).isTrue();

        devices.seen("PJSIP/1003", "NOT_INUSE");
        assertThat(devices.unavailable("PJSIP/1003")).isFalse();

        assertThat(devices.unavailable("PJSIP/1009")).as("never told").isFalse();
        assertThat(devices.unavailable(null)).isFalse();
    }

    @Test
    void theSipOfAnOperatorsDevice() {
        assertThat(devices.sipOf("PJSIP/1000")).isEqualTo("1000");
        assertThat(devices.sipOf("PJSIP/trunk")).isNull();
        assertThat(OperatorDevices.presence("UNAVAILABLE")).isEqualTo(OperatorStatus.OFFLINE);
    }
}
