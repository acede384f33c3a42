package io.callcontrol.config;

import java.util.List;

/**
 * Call control ({@code control.*}): the phones that may listen in on calls ({@code control.supervisors}, numbers,
 * ranges and prefixes as in {@code ami.<name>.operators}); none by default, so spyCall is refused until set.
 */
public record ControlConfig(List<OperatorRange> supervisors) {

    public ControlConfig {
        supervisors = List.copyOf(supervisors);
    }

    static ControlConfig from(Settings s) {
        return new ControlConfig(OperatorRange.list(s, "control.supervisors"));
    }

    /** Whether the phone {@code sip} is a supervisor's. */
    public boolean supervisor(String sip) {
        return supervisors.stream().anyMatch(range -> range.matches(sip));
    }
}
