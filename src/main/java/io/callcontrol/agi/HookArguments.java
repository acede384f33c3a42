package io.callcontrol.agi;

import org.asteriskjava.fastagi.AgiRequest;

/** The positional arguments of a hook's AGI URL, read defensively: the dialplan may leave any of them empty. */
final class HookArguments {

    private final String[] values;

    HookArguments(AgiRequest request) {
        String[] arguments = request.getArguments();
        this.values = arguments == null ? new String[0] : arguments;
    }

    String text(int index) {
        return index < values.length && values[index] != null ? values[index].trim() : "";
    }

    /** A non-negative whole number, or -1 when missing or malformed. */
    long number(int index) {
        String value = text(index);
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
