package io.callcontrol.ami;

import java.util.Locale;

/**
 * Lower-cased names (AMI header names, event names), looked up by the characters of the line they stand in:
 * Asterisk sends the same few dozen names over and over, and cutting each out and lower-casing it anew was one
 * of the reader's largest costs. For one thread. It learns at most {@value #CAPACITY} names; a name beyond those
 * is lower-cased every time, as before.
 */
final class LowerCaseNames {

    static final int CAPACITY = 256;
    /** Twice the capacity, a power of two: a lookup always reaches an empty slot. */
    private static final int SLOTS = 2 * CAPACITY;

    private final String[] spelled = new String[SLOTS];
    private final String[] lowered = new String[SLOTS];
    private int size;

    /** {@code text.substring(from, to).toLowerCase(Locale.ENGLISH)}, without either when the name is known. */
    String of(String text, int from, int to) {
        int length = to - from;
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        for (String known; (known = spelled[slot]) != null; slot = (slot + 1) & (SLOTS - 1)) {
            if (known.length() == length && text.regionMatches(from, known, 0, length)) {
                return lowered[slot];
            }
        }
        String name = text.substring(from, to);
        String lower = name.toLowerCase(Locale.ENGLISH);
        if (size < CAPACITY) {
            spelled[slot] = name;
            lowered[slot] = lower;
            size++;
        }
        return lower;
    }
}
