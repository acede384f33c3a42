package io.callcontrol.testbed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What a 16-bit PCM WAV recording (Asterisk's {@code wav}: 8 kHz, mono, 44-byte header) holds: how much of it is
 * louder than near-silence, overall and stretch by stretch.
 */
public final class RecordedAudio {

    /** Samples per second of Asterisk's wav format. */
    public static final int RATE = 8000;
    private static final int HEADER = 44;
    /** Louder than this (of 32767) is not silence: line noise and dither stay below it. */
    private static final int QUIET = 64;

    private final short[] samples;

    public RecordedAudio(byte[] wav) {
        ByteBuffer data = ByteBuffer.wrap(wav, HEADER, Math.max(0, wav.length - HEADER)).order(ByteOrder.LITTLE_ENDIAN);
        samples = new short[data.remaining() / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = data.getShort();
        }
    }

    /** Share of the samples louder than near-silence. */
    public static double nonSilentShare(byte[] wav) {
        return new RecordedAudio(wav).loudShare(0, Integer.MAX_VALUE);
    }

    /** The recording's length in milliseconds. */
    public long millis() {
        return samples.length * 1000L / RATE;
    }

    /** Share of the samples from {@code fromMs} to {@code toMs} (clipped to the recording) louder than silence. */
    public double loudShare(long fromMs, long toMs) {
        int from = (int) Math.min(samples.length, fromMs * RATE / 1000);
        int to = (int) Math.min(samples.length, Math.min(Integer.MAX_VALUE, toMs) * RATE / 1000);
        int loud = 0;
        for (int i = from; i < to; i++) {
            loud += Math.abs(samples[i]) > QUIET ? 1 : 0;
        }
        return to <= from ? 0 : (double) loud / (to - from);
    }

    /** The longest stretch without one sample louder than silence, as {from, to} in milliseconds. */
    public long[] longestSilence() {
        int bestFrom = 0;
        int bestLength = 0;
        int from = 0;
        for (int i = 0; i <= samples.length; i++) {
            if (i == samples.length || Math.abs(samples[i]) > QUIET) {
                if (i - from > bestLength) {
                    bestFrom = from;
                    bestLength = i - from;
                }
                from = i + 1;
            }
        }
        return new long[] {bestFrom * 1000L / RATE, (bestFrom + bestLength) * 1000L / RATE};
    }
}
