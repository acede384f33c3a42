package io.callcontrol.agi;

import io.callcontrol.call.Fact;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * {@code operator-answered,<call id>} and {@code client-answered,<call id>}: the context the originated channel
 * enters runs it when the first party picks up (the operator, or the client in client-first calls).
 */
final class AnsweredScript implements AgiScript {

    private final Consumer<Fact> facts;

    AnsweredScript(Consumer<Fact> facts) {
        this.facts = facts;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        long callId = new HookArguments(request).number(0);
        if (callId > 0) {
            facts.accept(new Fact.Answered(callId));
        }
    }
}
