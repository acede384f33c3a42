package io.callcontrol.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call's AMI stream as recorded from Asterisk 22 (src/test/resources/ami/NAME.txt): banner, responses and
 * events. Only the events are replayed; the login and Originate responses belonged to the recording client.
 */
public final class AmiTranscript {

    /** The Originate ChannelId the recording used; the daemon's own ids look like cc-42-0a1b2c3d. */
    private static final Pattern RECORDED_CHANNEL_ID = Pattern.compile("cc-test-\\d+");

    private final String name;
    private final List<List<String>> eventBlocks;

    private AmiTranscript(String name, List<List<String>> eventBlocks) {
        this.name = name;
        this.eventBlocks = eventBlocks;
    }

    /** Loads src/test/resources/ami/{name}.txt. */
    public static AmiTranscript load(String name) {
        String resource = "/ami/" + name + ".txt";
        try (InputStream in = AmiTranscript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource + " on the test classpath");
            }
            return new AmiTranscript(name, eventBlocks(new String(in.readAllBytes(), StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /**
     * The events, each a complete AMI message ending in a blank line (CRLF, as Asterisk sends them), with the
     * recorded operator channel id replaced by {@code channelId}.
     */
    public List<String> events(String channelId) {
        String replacement = Matcher.quoteReplacement(channelId);
        List<String> events = new ArrayList<>(eventBlocks.size());
        for (List<String> lines : eventBlocks) {
            StringBuilder message = new StringBuilder();
            for (String line : lines) {
                message.append(RECORDED_CHANNEL_ID.matcher(line).replaceAll(replacement)).append("\r\n");
            }
            events.add(message.append("\r\n").toString());
        }
        return List.copyOf(events);
    }

    /** Splits at blank lines; tolerant of a stray bare LF (the recorded files end with one). */
    private static List<List<String>> eventBlocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty()) {
                block.add(line);
                continue;
            }
            if (!block.isEmpty() && block.get(0).startsWith("Event:")) {
                blocks.add(List.copyOf(block));
            }
            block = new ArrayList<>();
        }
        if (!block.isEmpty() && block.get(0).startsWith("Event:")) {
            blocks.add(List.copyOf(block));
        }
        return List.copyOf(blocks);
    }

    @Override
    public String toString() {
        return name;
    }
}
