package io.callcontrol.push;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request so its receiver can tell it came from us and is recent: HMAC-SHA256 with
 * webhook.secret over {@code <timestamp>.<body>}, sent as {@code X-Callcontrol-Signature: sha256=<hex>} beside
 * {@code X-Callcontrol-Timestamp: <Unix seconds>}.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Callcontrol-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Callcontrol-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature header's value for this timestamp and body: {@code sha256=<64 hex digits>}. */
    public String sign(long timestamp, byte[] body) {
        Mac mac = mac();
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
