package io.callcontrol.config;

import java.util.List;

/**
 * One Asterisk server: its name, its AMI link, and the operators whose calls it places. No ranges: it serves every
 * operator that no other server lists.
 */
public record AmiServerConfig(String name, AmiConfig ami, List<OperatorRange> operators) {

    public AmiServerConfig {
        operators = List.copyOf(operators);
    }

    static AmiServerConfig section(Settings s, String name, AmiConfig shared) {
        return new AmiServerConfig(name, AmiConfig.section(s, name, shared),
                OperatorRange.list(s, "ami." + name + ".operators"));
    }

    /** Whether it serves the operators no server lists. */
    public boolean servesTheRest() {
        return operators.isEmpty();
    }

    public boolean lists(String sip) {
        return operators.stream().anyMatch(range -> range.matches(sip));
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return name + "=" + ami.username() + "@" + ami.host() + ":" + ami.port();
    }
}
