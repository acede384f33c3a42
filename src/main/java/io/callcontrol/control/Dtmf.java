package io.callcontrol.control;

/**
 * DTMF digits to play to a party: 0-9, *, #, A-D, at most {@link #MAX_DIGITS}. Checked character by character, so
 * nothing else (a CR/LF that would add an AMI header, a separator) can reach PlayDTMF.
 */
public record Dtmf(String digits) {

    public static final int MAX_DIGITS = 32;
    static final String PARAMETER = "digits";

    public static Dtmf parse(String digits) throws ControlRefusedException {
        if (digits == null || digits.isEmpty()) {
            throw ControlRefusedException.invalid(PARAMETER, "is required: the DTMF digits to send (0-9, *, #, A-D)");
        }
        if (digits.length() > MAX_DIGITS) {
            throw ControlRefusedException.invalid(PARAMETER, "at most " + MAX_DIGITS + " digits, not "
                    + digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '*' || c == '#' || c >= 'A' && c <= 'D')) {
                throw ControlRefusedException.invalid(PARAMETER, "only 0-9, *, # and A-D are DTMF digits; character "
                        + (i + 1) + " is not one (" + (c < ' ' || c > '~' ? String.format("U+%04X", (int) c)
                        : "'" + c + "'") + ")");
            }
        }
        return new Dtmf(digits);
    }
}
