package io.callcontrol.call;

/**
 * A fact as an AMI event told it, with the channel id ({@code cc-<call_id>-<token>}) that tied it to its call. Only
 * the call whose own channel id this is may take it: the number alone is no proof, since another daemon on the same
 * Asterisk, or this one before its store was restored from a backup, numbers its calls the same way.
 *
 * @param channelId the Uniqueid or Linkedid the event named, {@link ChannelIds#of} of the fact's call
 */
public record ChannelFact(String channelId, Fact fact) {
}
