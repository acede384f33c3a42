package io.callcontrol.config;

import java.time.Duration;

/**
 * How calls are placed: the channel templates ({@code {sip}} and {@code {phone}} are filled in with
 * validated digits), the dialplan contexts the first party enters once it answers (operator-first and
 * client-first calls), the ring timeouts, and the most Originates sent a second ({@code dial.max.rate}).
 */
public record DialConfig(
        String operatorChannel,
        String clientChannel,
        String context,
        String clientFirstContext,
        Duration operatorRingTimeout,
        Duration clientRingTimeout,
        int maxRate) {

    /**
     * Originates a second by default: a small PBX's Asterisk sets up that many calls a second with room to spare,
     * and it is the rate the project's real-call tests run at.
     */
    static final int DEFAULT_MAX_RATE = 20;

    private static final String TEMPLATE = "[A-Za-z0-9/@+._{}-]+";

    static DialConfig from(Settings s) {
        String operator = notLocal("operator.channel", template(s, "operator.channel", "PJSIP/{sip}", "{sip}"));
        String client = template(s, "client.channel", "PJSIP/{phone}@trunk", "{phone}");
        return new DialConfig(operator, client, context(s, "dial.context", "callcontrol-bridge"),
                context(s, "dial.client-first.context", "callcontrol-client-first"),
                s.duration("operator.ring.timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                s.duration("client.ring.timeout", Duration.ofSeconds(45), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                s.integer("dial.max.rate", DEFAULT_MAX_RATE, 1, 1000));
    }

    private static String context(Settings s, String key, String defaultValue) {
        String context = s.nonEmpty(key, defaultValue);
        if (!context.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(key + ": '" + context + "' is not a dialplan context name");
        }
        return context;
    }

    private static String template(Settings s, String key, String defaultValue, String placeholder) {
        String value = s.nonEmpty(key, defaultValue);
        if (!value.matches(TEMPLATE) || !value.contains(placeholder) || !value.contains("/")) {
            throw new ConfigException(key + ": '" + value + "' must be a channel like TECH/..." + placeholder
                    + "... using only A-Z a-z 0-9 / @ + . _ -");
        }
        return value;
    }

    /**
     * The operator's leg is followed as the channel the Originate creates, whose Uniqueid is the call's ChannelId.
     * Through a Local channel that is the Local half, and the operator's own device is a further channel whose
     * Busy, Ringing and hangup cause would be taken for the client's: every operator status would be wrong.
     */
    private static String notLocal(String key, String template) {
        if (template.regionMatches(true, 0, "Local/", 0, "Local/".length())) {
            throw new ConfigException(key + ": '" + template + "' is a Local channel; the operator's status is told"
                    + " by the channel the daemon originates, so it must be the operator's device itself"
                    + " (e.g. PJSIP/{sip}); route through the dialplan with client.channel instead");
        }
        return template;
    }

    public String operatorChannel(String sip) {
        return operatorChannel.replace("{sip}", sip);
    }

    public String clientChannel(String phone) {
        return clientChannel.replace("{phone}", phone);
    }
}
