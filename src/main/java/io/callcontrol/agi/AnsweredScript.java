package io.callcontrol.agi;

import io.callcontrol.call.Fact;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * {@code operator-answered,<channel id>} and {@code client-answered,<channel id>}: the context the originated channel
 * enters runs it when the first party picks up (the operator, or the client in client-first calls). The channel id
 * is the originated channel's, {@code cc-<call_id>-<token>}.
 */
final class AnsweredScript implements AgiScript {

    private final Consumer<Fact> facts;
    private final HookGuard guard;

    AnsweredScript(Consumer<Fact> facts, HookGuard guard) {
        this.facts = facts;
        this.guard = guard;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        guard.callOf(request.getScript(), new HookArguments(request).text(0))
                .ifPresent(callId -> facts.accept(new Fact.DialplanAnswered(callId)));
    }
}
