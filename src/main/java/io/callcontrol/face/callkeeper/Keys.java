package io.callcontrol.face.callkeeper;

import io.callcontrol.config.CallkeeperConfig;
import io.callcontrol.http.access.ApiKeys;

/** The face's keys ({@code apiak} of orders, {@code api_key} of statistics), matched as the API's keys are. */
final class Keys {

    private final ApiKeys keys;

    Keys(CallkeeperConfig config) {
        this.keys = new ApiKeys(config.keys());
    }

    /** The key's name; refused as the contract's "Not the correct key api" when it is none. */
    String check(String secret) throws Fail {
        String name = keys.nameOf(secret);
        if (name == null) {
            throw Fail.badKey();
        }
        return name;
    }
}
