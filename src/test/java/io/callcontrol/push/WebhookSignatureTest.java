package io.callcontrol.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String OPENSSL = "51f90ee7038456746db23f6ce048f90ef5e196c9f1ec67dfd7209453b7696d25";

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);

        // printf '%s' '1700000000.{"events":[]}' | openssl dgst -sha256 -hmac 'webhook-test-secret-0123'
        assertThat(new WebhookSignature("webhook-test-secret-0123").sign(1_700_000_000L, body))
                .isEqualTo("sha256=" + OPENSSL);
    }

    @Test
    void anotherTimestampOrSecretGivesAnotherSignature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSignature signature = new WebhookSignature("webhook-test-secret-0123");

        assertThat(signature.sign(1, body)).isNotEqualTo(signature.sign(2, body));
        assertThat(signature.sign(1, body)).isNotEqualTo(new WebhookSignature("webhook-test-secret-0124").sign(1, body));
        assertThat(signature.sign(1, body)).matches("sha256=[0-9a-f]{64}");
    }
}
