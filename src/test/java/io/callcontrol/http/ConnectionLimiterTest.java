package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The connection cap's count, on EmbeddedChannels (each is active as soon as it is made). */
class ConnectionLimiterTest {

    @Test
    void beyondTheCapAConnectionIsClosedAtOnceAndClosingFreesASlot() {
        ConnectionLimiter limiter = new ConnectionLimiter(2);

        EmbeddedChannel first = new EmbeddedChannel(limiter);
        EmbeddedChannel second = new EmbeddedChannel(limiter);
        EmbeddedChannel third = new EmbeddedChannel(limiter);

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).as("beyond the cap").isFalse();
        assertThat(limiter.open()).as("the refused one is uncounted once closed").isEqualTo(2);

        first.close();
        EmbeddedChannel fourth = new EmbeddedChannel(limiter);
        assertThat(fourth.isOpen()).isTrue();
        assertThat(limiter.open()).isEqualTo(2);

        second.close();
        fourth.close();
        second.close();
        assertThat(limiter.open()).as("closing twice uncounts once").isZero();
    }
}
