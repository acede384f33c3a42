package io.callcontrol.agi;

import io.callcontrol.call.Fact;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/** {@code operator-answered,<call id>}: the bridge context runs it when the operator picks up. */
final class OperatorAnsweredScript implements AgiScript {

    private final Consumer<Fact> facts;

    OperatorAnsweredScript(Consumer<Fact> facts) {
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
